"""The test run's own home: settings, data, cache and config folders in a temporary folder, and a
watch on the real user's folders.

Imported by tests/conftest.py before anything of the program, so that every path the program or
Qt derives (platformdirs, QSettings, QStandardPaths, matplotlib's cache, ~/.pgpass) and every child
process the tests start sees the temporary home. The real user's folders are recorded first; an
audit hook notes every write this process attempts beneath them, and the run fails if there is one
(see `pytest_sessionfinish` in conftest.py). Qt writes in C++, past the hook, so where QSettings
would write is checked by tests/test_isolation.py.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import platformdirs

APP_NAMES = ("trygghetscenter", "Trygghetscenter")
# Variables a user may have set for their own use of the program; the tests must not follow them.
USER_VARIABLES = (
    "TRYGGHETSCENTER_DATABASE_URL",
    "TRYGGHETSCENTER_CONFIG",
    "TRYGGHETSCENTER_DATA_DIR",
    "TRYGGHETSCENTER_TILE_URL",
)
# The map's tile server for the whole run (the user's own is not followed): an address on this
# machine where nothing listens, so a tile request is refused at once and no test reaches the
# internet (OpenStreetMap's servers by default). tests/test_map_tiles.py serves tiles itself.
NO_TILE_SERVER = "http://127.0.0.1:9/{z}/{x}/{y}.png"
XDG = {
    "XDG_CONFIG_HOME": "config",
    "XDG_DATA_HOME": "data",
    "XDG_CACHE_HOME": "cache",
    "XDG_STATE_HOME": "state",
    "XDG_RUNTIME_DIR": "runtime",
}


def _real_user_folders() -> tuple[Path, ...]:
    """The folders of the real user that a run of the program may write to, resolved before the
    environment is changed: the XDG base folders (or their defaults) and the platform's app folders."""
    home = Path(os.path.expanduser("~"))
    folders = {
        Path(os.environ.get("XDG_CONFIG_HOME") or home / ".config"),
        Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share"),
        Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache"),
        Path(os.environ.get("XDG_STATE_HOME") or home / ".local" / "state"),
    }
    for name in APP_NAMES:
        for where in (
            platformdirs.user_config_dir,
            platformdirs.user_data_dir,
            platformdirs.user_cache_dir,
            platformdirs.user_state_dir,
        ):
            folders.add(Path(where(name, appauthor=False)))
    return tuple(sorted({Path(os.path.abspath(f)) for f in folders}))


REAL_FOLDERS = _real_user_folders()
ROOT = Path(tempfile.mkdtemp(prefix="trygghetscenter-tests-"))
HOME = ROOT / "home"
touched: list[str] = []  # writes beneath REAL_FOLDERS, as "event path"


def _under_real_folder(path: object) -> str | None:
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, (str, os.PathLike)):
        return None  # a file descriptor
    text = os.path.abspath(os.fspath(path))
    if text.startswith(str(ROOT)):
        return None
    for folder in REAL_FOLDERS:
        if text == str(folder) or text.startswith(str(folder) + os.sep):
            return text
    return None


_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
_CHANGING = {
    "os.mkdir",
    "os.remove",
    "os.rmdir",
    "os.rename",
    "os.replace",
    "os.symlink",
    "os.link",
    "os.chmod",
    "os.truncate",
    "os.utime",
    "shutil.copyfile",
    "shutil.rmtree",
    "sqlite3.connect",
}


def _audit(event: str, args: tuple) -> None:
    if event == "open":
        path, mode, flags = ((*tuple(args), None, None))[:3]
        writes = any(c in mode for c in "wax+") if isinstance(mode, str) else bool((flags or 0) & _WRITE_FLAGS)
        paths = [path] if writes else []
    elif event in _CHANGING:
        paths = list(args[:2]) if event in ("os.rename", "os.replace", "os.link", "shutil.copyfile") else list(args[:1])
    else:
        return
    for path in paths:
        hit = _under_real_folder(path)
        if hit is not None:
            touched.append(f"{event} {hit}")


def isolate() -> None:
    """Point HOME, the XDG folders and the program's own variables at ROOT (idempotent)."""
    for name in USER_VARIABLES:
        os.environ.pop(name, None)
    os.environ["TRYGGHETSCENTER_TILE_URL"] = NO_TILE_SERVER
    # Tile requests follow the system's proxy; the test run's go to 127.0.0.1 and nowhere else.
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        os.environ.pop(name, None)
    os.environ["no_proxy"] = os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    HOME.mkdir(exist_ok=True)
    os.environ["HOME"] = str(HOME)
    os.environ["USERPROFILE"] = str(HOME)  # Windows
    os.environ["APPDATA"] = str(ROOT / "appdata")
    os.environ["LOCALAPPDATA"] = str(ROOT / "localappdata")
    for variable, folder in XDG.items():
        (ROOT / folder).mkdir(mode=0o700, exist_ok=True)
        os.environ[variable] = str(ROOT / folder)
    os.environ["MPLCONFIGDIR"] = str(ROOT / "cache" / "matplotlib")


def isolate_qt() -> None:
    """QSettings of every format and scope under ROOT (Qt reads XDG_CONFIG_HOME once, on first use;
    setPath makes it certain)."""
    from PySide6.QtCore import QSettings

    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(settings_format, QSettings.Scope.UserScope, str(ROOT / "config"))
        QSettings.setPath(settings_format, QSettings.Scope.SystemScope, str(ROOT / "system-config"))


isolate()
isolate_qt()
sys.addaudithook(_audit)
atexit.register(shutil.rmtree, ROOT, ignore_errors=True)
