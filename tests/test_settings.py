"""Settings declared once (app/config.py) and read only through it; window state apart, in
ui/window_state.py, kept per window and per splitter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from app import config
from app.config import SETTINGS, load_config

ROOT = Path(__file__).resolve().parent.parent


def _sources(*folders: str):
    for folder in folders:
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8")


def test_every_setting_has_a_type_a_default_and_a_source():
    for key, setting in SETTINGS.items():
        assert setting.key == key and setting.help
        assert setting.type in (str, int, bool)
        assert setting.section in ("database", "ui", "map") or setting.env, key  # read from somewhere
    assert SETTINGS["idle_lock_minutes"].default == 10 and SETTINGS["language"].default == "sv"


def test_the_file_is_read_typed_and_the_environment_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(config.ENV_LANGUAGE, raising=False)
    path = tmp_path / "config.ini"
    path.write_text(
        "[database]\nurl = sqlite:///x.sqlite3\n[ui]\nidle_lock_minutes = 3\nlanguage = en\n", encoding="utf-8"
    )
    loaded = load_config(path)
    assert (
        loaded.get("idle_lock_minutes") == 3 and loaded.get("language") == "en" and loaded.get("sign_in") == "program"
    )
    monkeypatch.setenv(config.ENV_LANGUAGE, "sv")
    monkeypatch.setenv(config.ENV_DATABASE_URL, "postgresql://db.example/tc")
    assert loaded.get("language") == "sv" and loaded.get("url") == "postgresql://db.example/tc"
    assert config.resolve_database_url(None, loaded) == "postgresql://db.example/tc"
    path.write_text("[ui]\nidle_lock_minutes = ten\n", encoding="utf-8")
    assert load_config(path).get("idle_lock_minutes") == 10  # unreadable: the default


@pytest.mark.parametrize(("text", "on"), [("1", True), ("yes", True), ("0", False), ("", False)])
def test_debug_comes_from_the_environment_only(monkeypatch, text, on):
    monkeypatch.setenv(config.ENV_DEBUG, text)
    assert bool(config.from_environment("debug")) is on
    assert SETTINGS["debug"].section is None


def test_no_module_reads_the_programs_environment_variables_but_the_registry():
    """TRYGGHETSCENTER_* variables are named in app/config.py only; everyone else asks it."""
    bad = [
        path
        for path, text in _sources("app", "ui")
        if "TRYGGHETSCENTER_" in text and path != "app/config.py" and re.search(r"os\.environ|getenv", text)
    ]
    assert bad == []
    names = {s.env for s in SETTINGS.values() if s.env}
    assert {
        "TRYGGHETSCENTER_DATABASE_URL",
        "TRYGGHETSCENTER_LANG",
        "TRYGGHETSCENTER_DEBUG",
        "TRYGGHETSCENTER_CONFIG",
        "TRYGGHETSCENTER_DATA_DIR",
    } <= names


def test_qsettings_only_in_the_window_state_module():
    bad = [path for path, text in _sources("app", "ui") if "QSettings" in text and path != "ui/window_state.py"]
    assert bad == []


def test_each_window_keeps_its_own_geometry(qapp):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QDialog

    from ui import window_state

    assert len(set(window_state.WINDOWS)) == len(window_state.WINDOWS)
    for key in window_state.WINDOWS:
        QSettings().remove(key)
    audit = QDialog()
    window_state.keep_geometry(audit, window_state.AUDIT_WINDOW, 640, 480)
    assert (audit.width(), audit.height()) == (640, 480)
    audit.show()
    audit.resize(700, 500)
    audit.hide()  # closing, accepting and rejecting all hide the window
    users = QDialog()
    window_state.keep_geometry(users, window_state.USERS_WINDOW, 300, 200)
    assert (users.width(), users.height()) == (300, 200)  # another window: its own size
    again = QDialog()
    window_state.keep_geometry(again, window_state.AUDIT_WINDOW, 640, 480)
    assert (again.width(), again.height()) == (700, 500)
    for dialog in (audit, users, again):
        dialog.deleteLater()


def test_a_splitter_keeps_its_position(qapp):
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QLabel, QSplitter

    from ui import window_state

    QSettings().remove(window_state.SPLITTERS["audit"])

    def splitter() -> QSplitter:
        made = QSplitter(Qt.Orientation.Horizontal)
        made.addWidget(QLabel("a"))
        made.addWidget(QLabel("b"))
        made.resize(400, 100)
        window_state.keep_splitter(made, "audit")
        made.show()
        return made

    first = splitter()
    first.setSizes([100, 300])
    sizes = first.sizes()
    first.splitterMoved.emit(sizes[0], 1)  # what a drag of the handle sends
    second = splitter()
    assert second.sizes() == sizes
    with pytest.raises(KeyError):
        window_state.keep_splitter(QSplitter(), "no such splitter")
    for made in (first, second):
        made.deleteLater()
