"""Issue #11, items 4 and 5: a full disk, a read-only file, a file that is no database and a damaged file
each get a message that names the fault; nothing is saved half, and damage is noticed."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
import sqlalchemy as sa

from app.db.engine import Database
from app.db.migrate import integrity_problems
from app.db.models import Category, Observation, Place
from app.errors import DatabaseFileError, DatabaseUnavailableError
from app.services.context import SYSTEM, bind_actor
from tests.cli_support import assert_one_line_error
from tests.conftest import small_office


@pytest.fixture
def sqlite_file(tmp_path):
    path = tmp_path / "kontor.sqlite3"
    small_office(path).dispose()
    return path


def _add_many(db: Database, n: int) -> None:
    with db.session() as s:
        bind_actor(s, SYSTEM)
        place = s.scalar(sa.select(Place.id))
        category = s.scalar(sa.select(Category.id))
        for i in range(n):
            s.add(
                Observation(
                    occurred_on=dt.date(2026, 1, 1),
                    place_id=place,
                    category_id=category,
                    organisation_id=1,
                    description="x" * 2000 + str(i),
                )
            )


def test_a_full_disk_says_the_disk_is_full_and_saves_nothing(sqlite_file):
    db = Database(str(sqlite_file))

    @sa.event.listens_for(db.engine, "connect")
    def small_disk(dbapi_connection, _record):  # the disk fills up after a few more pages
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages + 5}")

    with pytest.raises(DatabaseFileError) as info:
        _add_many(db, 200)
    assert "full" in info.value.message or "full" in info.value.message.lower()
    db.dispose()
    db = Database(str(sqlite_file))
    with db.session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Observation)) == 0
    db.dispose()


def test_a_read_only_file_says_it_is_read_only(sqlite_file):
    db = Database(f"sqlite:///file:{sqlite_file}?mode=ro&uri=true")
    with pytest.raises(DatabaseFileError) as info:
        _add_many(db, 1)
    assert "skrivskyddad" in info.value.message and not isinstance(info.value, DatabaseUnavailableError)
    db.dispose()


def test_a_file_that_is_no_database_says_so(run, tmp_path):
    path = tmp_path / "anteckningar.sqlite3"
    path.write_text("Inte en databas, bara text. " * 200, encoding="utf-8")
    code, out, err = run("--database", str(path), "db", "status")
    assert "ingen databasfil" in assert_one_line_error(code, out, err)


def damage_middle(path) -> None:
    """Overwrite pages in the middle of a SQLite file (its log checkpointed into it first)."""
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    with open(path, "r+b") as f:
        f.seek(size * (pages // 2))
        f.write(b"\xde\xad\xbe\xef" * (size // 2))


def test_a_damaged_file_is_noticed_by_status_upgrade_and_start(run, sqlite_file):
    db = Database(str(sqlite_file))
    _add_many(db, 300)  # enough pages that the middle holds table data
    db.dispose()
    damage_middle(sqlite_file)
    code, out, err = run("--database", str(sqlite_file), "db", "status")
    assert code == 0 and "skadad" in out and ".bak" in out, err
    code, out, err = run("--database", str(sqlite_file), "user", "list")  # a start on the file
    assert "skadad" in assert_one_line_error(code, out, err)
    db = Database(str(sqlite_file))
    assert integrity_problems(db, quick=True)
    db.dispose()


def test_written_files_are_whole_with_the_users_normal_permissions(world, tmp_path):
    """Issue #11, item 7: an export, a template, a chart and a backup get the mode new files get."""
    import os
    import stat

    from matplotlib.figure import Figure

    from app.charts.export import save_figure
    from app.imports.template import write_observation_template

    old = os.umask(0o022)
    try:
        with world.db.session() as s:
            write_observation_template(s, world.editor, tmp_path / "mall.xlsx")
        save_figure(Figure(), tmp_path / "diagram.png")
    finally:
        os.umask(old)
    for name in ("mall.xlsx", "diagram.png"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
    assert sorted(p.name for p in tmp_path.iterdir()) == ["diagram.png", "mall.xlsx"]  # no temporary files left


def test_a_template_on_a_full_disk_is_one_message_and_no_broken_file(world, tmp_path, monkeypatch):
    import errno
    import os

    from app.exports.excel import ExportError
    from app.imports.template import write_observation_template

    (tmp_path / "mall.xlsx").write_bytes(b"the template of yesterday")

    def full(_fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with world.db.session() as s, pytest.raises(ExportError) as info:
        write_observation_template(s, world.editor, tmp_path / "mall.xlsx")
    assert "disken är full" in info.value.message
    assert (tmp_path / "mall.xlsx").read_bytes() == b"the template of yesterday"  # the old file as it was
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mall.xlsx"]


def test_a_sqlite_file_on_a_network_drive_is_warned_about(run, sqlite_file, monkeypatch):
    """Issue #11, item 10: the mount table says the folder is an NFS share."""
    from pathlib import Path as RealPath

    from app.db import engine

    mounts = f"/dev/sda1 / ext4 rw 0 0\nserver:/share {sqlite_file.parent} nfs4 rw 0 0\n"
    real_read_text = RealPath.read_text
    monkeypatch.setattr(
        RealPath,
        "read_text",
        lambda self, *a, **k: mounts if str(self) == "/proc/mounts" else real_read_text(self, *a, **k),
    )
    assert engine.on_network_drive(sqlite_file)
    code, out, _err = run("--database", str(sqlite_file), "db", "status")
    assert code == 0 and "nätverksenhet" in out and "PostgreSQL" in out
    monkeypatch.setattr(
        RealPath,
        "read_text",
        lambda self, *a, **k: (
            "/dev/sda1 / ext4 rw 0 0\n" if str(self) == "/proc/mounts" else real_read_text(self, *a, **k)
        ),
    )
    assert not engine.on_network_drive(sqlite_file)
