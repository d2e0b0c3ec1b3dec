"""Window state, kept apart from the settings (app/config.py): each window's geometry, each
splitter's position and the folders used last. Every QSettings key of the program is here.

QSettings stores under the organisation and application names that ui/app.create_application sets
(`~/.config/Trygghetscenter/Trygghetscenter.conf` on Linux).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtWidgets import QSplitter, QWidget

# The folder last used for each kind of file.
EXPORT_FOLDER = "export/folder"  # reports and table exports
IMPORT_FOLDER = "import/folder"  # imported workbooks and import templates
CHARTS_FOLDER = "charts/folder"  # saved charts
FOLDERS = (EXPORT_FOLDER, IMPORT_FOLDER, CHARTS_FOLDER)

# Windows whose size and place are kept, each under its own key.
MAIN_WINDOW = "window/geometry"  # the name older versions used, so a desk keeps its window
AUDIT_WINDOW = "audit_window/geometry"
USERS_WINDOW = "users_window/geometry"
HELP_WINDOW = "help_window/geometry"
ADMIN_WINDOW = "admin_window/geometry"
WINDOWS = (MAIN_WINDOW, AUDIT_WINDOW, USERS_WINDOW, HELP_WINDOW, ADMIN_WINDOW)

# Splitters whose position is kept, one key each.
SPLITTERS = {
    name: f"splitters/{name}"
    for name in (
        "lagesbild_top",
        "lagesbild_body",
        "action_plan",
        "followup_indicators",
        "followup_charts",
        "followup_meetings",
        "followup_meeting_map",
        "audit",
        "help",
        "admin_periods",
    )
}


def _store() -> QSettings:
    return QSettings()


def remembered_folder(key: str) -> Path:
    """The folder used last for `key` (one of FOLDERS), else the home folder."""
    assert key in FOLDERS, key
    return Path(str(_store().value(key, str(Path.home()))))


def remember_folder(key: str, folder: Path) -> None:
    assert key in FOLDERS, key
    _store().setValue(key, str(folder))


def restore_geometry(window: QWidget, key: str, width: int, height: int) -> None:
    """Give `window` its kept size and place, or `width` x `height` the first time."""
    assert key in WINDOWS, key
    geometry = _store().value(key)
    if isinstance(geometry, QByteArray) and not geometry.isEmpty() and window.restoreGeometry(geometry):
        return
    window.resize(width, height)


def save_geometry(window: QWidget, key: str) -> None:
    assert key in WINDOWS, key
    _store().setValue(key, window.saveGeometry())


class _GeometryKeeper(QObject):
    """Saves its window's geometry whenever the window is hidden (closed, accepted or rejected)."""

    def __init__(self, window: QWidget, key: str):
        super().__init__(window)
        self.key = key
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Hide and isinstance(watched, QWidget) and watched.isWindow():
            save_geometry(watched, self.key)
        return False


def keep_geometry(window: QWidget, key: str, width: int, height: int) -> None:
    """Restore `window`'s geometry now and save it each time the window is hidden."""
    restore_geometry(window, key, width, height)
    _GeometryKeeper(window, key)


def keep_splitter(splitter: QSplitter, name: str) -> None:
    """Restore the position kept under `name` (one of SPLITTERS) and keep it each time it is moved."""
    key = SPLITTERS[name]
    splitter.setObjectName(f"{name}Splitter")
    state = _store().value(key)
    if isinstance(state, QByteArray) and not state.isEmpty():
        splitter.restoreState(state)
    splitter.splitterMoved.connect(lambda _pos, _index: _store().setValue(key, splitter.saveState()))
