"""The test run keeps to its own folders: nothing it does reaches the real user's settings or data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs

from app import config
from tests import isolation


def _inside_root(path: str | Path) -> bool:
    return Path(path).resolve().is_relative_to(isolation.ROOT.resolve())


def test_the_programs_folders_are_the_runs_own():
    assert Path.home() == isolation.HOME
    for where in (
        config.config_file(),
        config.data_dir(),
        config.default_sqlite_path(),
        platformdirs.user_cache_dir(config.APP_NAME),
        platformdirs.user_state_dir(config.APP_NAME),
    ):
        assert _inside_root(where), where
    for folder in isolation.REAL_FOLDERS:
        assert not _inside_root(folder)


def test_qsettings_would_write_only_inside_the_runs_folder(qapp):
    from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths

    from ui.app import create_application

    create_application()  # sets the organisation and application names the program's QSettings use
    assert QCoreApplication.organizationName() == "Trygghetscenter"
    locations = [
        QSettings().fileName(),
        QSettings(
            QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Trygghetscenter", "Trygghetscenter"
        ).fileName(),
    ]
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
            locations.append(QSettings(settings_format, scope, "Trygghetscenter", "Trygghetscenter").fileName())
    for kind in (
        QStandardPaths.StandardLocation.AppConfigLocation,
        QStandardPaths.StandardLocation.AppDataLocation,
        QStandardPaths.StandardLocation.CacheLocation,
        QStandardPaths.StandardLocation.GenericConfigLocation,
    ):
        locations.append(QStandardPaths.writableLocation(kind))
    outside = [place for place in locations if not _inside_root(place)]
    assert outside == []

    settings = QSettings()
    settings.setValue("test/isolation", "written")
    settings.sync()
    assert settings.status() is QSettings.Status.NoError
    assert Path(settings.fileName()).is_file()
    settings.remove("test/isolation")


def test_a_child_process_gets_the_same_folders(tmp_path):
    code = "from app import config; print(config.config_file()); print(config.data_dir())"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=os.environ
    ).stdout
    assert all(_inside_root(line) for line in out.splitlines()) and len(out.splitlines()) == 2


def test_a_write_in_the_real_users_folders_is_noticed():
    """The watch itself: a write beneath a real folder is recorded (and the recording then cleared,
    so that this test's own probe does not fail the run). Nothing is written: the folder is a
    made-up child of a real one, and opening it fails before anything is created."""
    probe = isolation.REAL_FOLDERS[0] / "trygghetscenter-no-such-folder" / "probe.conf"
    before = len(isolation.touched)
    try:
        open(probe, "w").close()
    except OSError:
        pass
    assert not probe.exists()
    noticed = isolation.touched[before:]
    del isolation.touched[before:]
    assert noticed == [f"open {probe}"]


def test_nothing_so_far_wrote_in_the_real_users_folders():
    assert isolation.touched == []


def test_no_test_asks_a_server_beyond_this_machine_for_map_tiles():
    """The tile server of the run refuses at once on 127.0.0.1, and no proxy is asked on the way."""
    import os
    import urllib.parse
    import urllib.request

    from app.map.tiles import tile_source

    url = tile_source().tile_url(1, 0, 0)
    assert urllib.parse.urlsplit(url).hostname == "127.0.0.1"
    assert not {k for k in urllib.request.getproxies() if k != "no"}
    assert "127.0.0.1" in os.environ["no_proxy"]
