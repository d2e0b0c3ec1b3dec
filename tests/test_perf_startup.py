"""Start-up loads only what the sign-in dialog needs (issue #15, item 3): the program is started in a
fresh process as its entry point does (tests/startup_probe.py), against a database with a user, and
the modules loaded when the dialog shows are read there. The dialog shows before the database is
opened (which loads SQLAlchemy, the driver, the models and the services), and "Logga in" waits for it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from app.db.migrate import head_revision, newest_revision
from app.services import passwords
from app.services import users as user_service
from app.services.context import SYSTEM, bind_actor
from tests.conftest import small_office
from tests.startup_probe import MARK

REPO_ROOT = Path(__file__).resolve().parent.parent
PROBE = REPO_ROOT / "tests" / "startup_probe.py"

# Loaded only by what uses them: the database (opened once the dialog is on screen), charts, reports and
# imports, migrations, password hashing.
HEAVY = (
    "sqlalchemy",
    "psycopg",
    "psycopg_pool",
    "sqlite3",
    "app.db",
    "app.services",
    "ui.context",
    "ui.tasks",
    "matplotlib",
    "numpy",
    "openpyxl",
    "alembic",
    "argon2",
    "app.exports",
    "app.imports",
    "app.charts",
    "app.demo",
)


def start_to_sign_in(tmp_path: Path, *argv: str, mark: str = MARK) -> dict:
    """Run the program up to its sign-in dialog (or, with --sign-in, its main window filled); what the
    probe reported then."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRYGGHETSCENTER_")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        TRYGGHETSCENTER_CONFIG=str(tmp_path / "absent.ini"),  # the defaults: program sign-in
        TRYGGHETSCENTER_DATA_DIR=str(tmp_path / "data"),
        TRYGGHETSCENTER_LANG="sv",
        PYTHONPATH=str(REPO_ROOT),
    )
    result = subprocess.run(
        [sys.executable, str(PROBE), *argv], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120
    )
    shown = [line for line in result.stdout.splitlines() if line.startswith(mark)]
    assert shown, f"no {mark.strip()} (exit {result.returncode}):\n{result.stdout}\n{result.stderr}"
    return json.loads(shown[0][len(mark) :])


def _office(url: str) -> str:
    db = small_office(url)
    with db.session() as s:
        bind_actor(s, SYSTEM)
        user_service.create_user(s, SYSTEM, "anna", "Anna Andersson", "Kommunen", "admin", "anna-losen-123")
    url = db.url.render_as_string(hide_password=False)
    db.dispose()
    return url


@pytest.fixture
def office_url(tmp_path) -> str:
    return _office(str(tmp_path / "office.sqlite3"))


@pytest.fixture(params=["sqlite", "postgresql"])
def any_office_url(request, tmp_path, fresh_database_url) -> str:
    """An office with a user, once in a SQLite file and once on PostgreSQL."""
    if request.param == "sqlite":
        return _office(str(tmp_path / "office.sqlite3"))
    return _office(fresh_database_url("postgresql"))


def test_the_sign_in_dialog_shows_before_anything_heavy_is_loaded(tmp_path, any_office_url):
    report = start_to_sign_in(tmp_path, "--database", any_office_url)
    modules = set(report["modules"])
    assert "ui.login_dialog" in modules  # the program did start
    loaded = [name for name in HEAVY if name in modules or any(m.startswith(name + ".") for m in modules)]
    assert loaded == [], f"loaded before the sign-in dialog: {loaded}"
    # The tabs and their charts come after the sign-in, the command line's command groups never.
    early = [m for m in modules if m.startswith(("ui.tabs.", "ui.dialogs.", "app.cli."))]
    assert early == []
    # The database is opened behind the dialog: until then it says so, and "Logga in" waits.
    assert report["dialog"]["status"] and not report["dialog"]["sign_in_enabled"]


def test_signing_in_through_the_dialog_fills_the_first_tab_and_builds_no_other(tmp_path, any_office_url):
    """ui/app.py run() as a person goes through it: the dialog shows, the database opens behind it, the
    main window is made behind the dialog, and after "Logga in" only the tab on screen is built (each
    other tab when first shown)."""
    argv = ("--database", any_office_url, "--sign-in", "anna", "anna-losen-123")
    report = start_to_sign_in(tmp_path, *argv, mark="FILLED ")
    assert report["made_behind_the_dialog"]
    built = [name for name, is_built in report["tabs"] if is_built]
    assert built == ["Lägesbild"] and len(report["tabs"]) > 3, report["tabs"]
    assert "app.charts" not in report["modules"]  # no chart is on screen yet


def test_the_start_up_schema_check_knows_the_newest_migration():
    # The check at start-up takes the newest file's name instead of asking alembic (which is not loaded):
    # a migration named otherwise than its revision, or revising an older one, fails here.
    assert newest_revision() == head_revision()


def test_passwords_compute_nothing_at_import_and_the_stand_in_hash_is_a_real_one():
    code = (
        "import sys; import app.services.passwords as p; "
        "assert 'argon2' not in sys.modules, 'argon2 loaded at import'; "
        "assert p._dummy_hash.cache_info().currsize == 0"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    # The stand-in a missing user is checked against costs what a real user's hash costs.
    assert not passwords._hasher().check_needs_rehash(passwords._dummy_hash())
    assert passwords.verify_password(None, "not-a-real-password") is False
    stored = passwords.hash_password("rätt lösenord")
    assert passwords.verify_password(stored, "rätt lösenord") and not passwords.verify_password(stored, "fel")


def test_the_desktop_checks_a_small_file_beside_the_start_and_refuses_the_sign_in_to_a_damaged_one(office_url):
    """The quick check reads the whole file (a second at 100,000 observations), so the desktop runs it
    on a thread of its own while the dialog shows; the sign-in waits for it."""

    from app.db.engine import Database
    from app.errors import DatabaseFileError
    from app.services.auth import LocalAuthenticator
    from app.services.connection import open_database
    from tests.test_file_faults import _add_many, damage_middle

    db = Database(office_url)
    _add_many(db, 300)  # enough pages that the middle holds table data
    db.dispose()
    path = Database(office_url).url.database
    sound = open_database(office_url)
    assert sound.file_check is not None
    assert LocalAuthenticator(sound).authenticate("anna", "anna-losen-123").username == "anna"
    sound.dispose()
    damage_middle(path)
    damaged = open_database(office_url)  # opens: the check runs beside
    for _attempt in range(2):  # and stays refused
        with pytest.raises(DatabaseFileError) as info:
            LocalAuthenticator(damaged).authenticate("anna", "anna-losen-123")
        assert "skadad" in info.value.message
    damaged.dispose()


def _type(window, keys: list[tuple[Qt.Key, str]]) -> None:
    """Keys pressed at the dialog: queued, as the window system queues them while the GUI thread is busy."""
    for key, text in keys:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(window, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


def test_what_is_typed_while_the_database_opens_lands_in_the_fields(qtbot, qapp, tmp_path, monkeypatch, office_url):
    """ui/app.py run(): the dialog is on screen, drawn, before the database is opened; keys typed while it
    opens reach the fields once it is open, and "Logga in" is enabled then, with the status cleared."""
    from app.services import connection
    from ui import app as gui_app
    from ui.login_dialog import LoginDialog

    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    opening = connection.open_database
    seen: dict = {}

    def open_while_typing(url, *args):
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible())
        seen["while_opening"] = (dialog.ready, dialog.sign_in_button.isEnabled(), dialog.status.text())
        keys = [(Qt.Key(ord(c.upper())), c) for c in "anna"] + [(Qt.Key.Key_Tab, "\t")]
        _type(dialog.windowHandle(), keys + [(Qt.Key(ord(c.upper())), c) for c in "hemligt"])
        return opening(url, *args)

    def login_exec(dialog) -> int:
        qtbot.waitUntil(lambda: dialog.password.text() == "hemligt", timeout=5000)
        seen["ready"] = (dialog.ready, dialog.sign_in_button.isEnabled(), dialog.status.text())
        seen["typed"] = (dialog.username.text(), dialog.password.text())
        dialog.reject()
        return LoginDialog.DialogCode.Rejected

    monkeypatch.setattr(connection, "open_database", open_while_typing)
    monkeypatch.setattr(LoginDialog, "exec", login_exec)
    assert gui_app.run(office_url) == 0
    ready, enabled, status = seen["while_opening"]
    assert not ready and not enabled and status  # "Connecting to the database…", translated
    assert seen["ready"] == (True, True, "")
    assert seen["typed"] == ("anna", "hemligt")


def test_a_database_that_cannot_be_opened_closes_the_dialog_with_the_message(qtbot, qapp, tmp_path, monkeypatch):
    """The dialog was on screen already: a database that cannot be used ends the start as before (the
    message, exit code 2), and no dialog is left open."""
    from ui import app as gui_app
    from ui.login_dialog import LoginDialog

    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    shown: list[str] = []
    monkeypatch.setattr(gui_app.QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    not_a_database = tmp_path / "not-a-database.sqlite3"
    not_a_database.write_bytes(b"this is no SQLite file" * 100)
    assert gui_app.run(f"sqlite:///{not_a_database}") == 2
    assert len(shown) == 1 and "Traceback" not in shown[0]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, LoginDialog) and w.isVisible()]
