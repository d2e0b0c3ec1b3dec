"""Start-up loads only what the sign-in dialog needs (issue #15, item 3): the program is started in a
fresh process as its entry point does (tests/startup_probe.py), against a SQLite file with a user, and
the modules loaded when the dialog shows are read there."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.db.migrate import head_revision, newest_revision
from app.services import passwords
from app.services import users as user_service
from app.services.context import SYSTEM, bind_actor
from tests.conftest import small_office
from tests.startup_probe import MARK

REPO_ROOT = Path(__file__).resolve().parent.parent
PROBE = REPO_ROOT / "tests" / "startup_probe.py"

# Loaded only by what uses them: charts, reports and imports, migrations, password hashing.
HEAVY = (
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


@pytest.fixture
def office_url(tmp_path) -> str:
    db = small_office(tmp_path / "office.sqlite3")
    with db.session() as s:
        bind_actor(s, SYSTEM)
        user_service.create_user(s, SYSTEM, "anna", "Anna Andersson", "Kommunen", "admin", "anna-losen-123")
    url = db.url.render_as_string(hide_password=False)
    db.dispose()
    return url


def test_the_sign_in_dialog_shows_before_anything_heavy_is_loaded(tmp_path, office_url):
    report = start_to_sign_in(tmp_path, "--database", office_url)
    modules = set(report["modules"])
    assert "ui.login_dialog" in modules and "sqlalchemy" in modules  # the program did start
    loaded = [name for name in HEAVY if name in modules or any(m.startswith(name + ".") for m in modules)]
    assert loaded == [], f"loaded before the sign-in dialog: {loaded}"
    # The tabs and their charts come after the sign-in, the command line's command groups never.
    early = [m for m in modules if m.startswith(("ui.tabs.", "ui.dialogs.", "app.cli.db", "app.cli.export"))]
    assert early == []


def test_signing_in_through_the_dialog_fills_the_first_tab_and_builds_no_other(tmp_path, office_url):
    """ui/app.py run() as a person goes through it: the main window is made behind the dialog, and
    after "Logga in" only the tab on screen is built (each other tab when first shown)."""
    report = start_to_sign_in(tmp_path, "--database", office_url, "--sign-in", "anna", "anna-losen-123", mark="FILLED ")
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
    import sqlite3

    from app.db.engine import Database
    from app.errors import DatabaseFileError
    from app.services.auth import LocalAuthenticator
    from app.services.connection import open_database
    from tests.test_file_faults import _add_many

    db = Database(office_url)
    _add_many(db, 300)  # enough pages that the middle holds table data
    db.dispose()
    path = Database(office_url).url.database
    sound = open_database(office_url)
    assert sound.file_check is not None
    assert LocalAuthenticator(sound).authenticate("anna", "anna-losen-123").username == "anna"
    sound.dispose()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as f:  # pages overwritten in the middle
        f.seek(size * (pages // 2))
        f.write(b"\xde\xad\xbe\xef" * (size // 2))
    damaged = open_database(office_url)  # opens: the check runs beside
    for _attempt in range(2):  # and stays refused
        with pytest.raises(DatabaseFileError) as info:
            LocalAuthenticator(damaged).authenticate("anna", "anna-losen-123")
        assert "skadad" in info.value.message
    damaged.dispose()
