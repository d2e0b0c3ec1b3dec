"""Issue #11, item 6: refusing a file changes nothing, and an empty or odd path is the error it is."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli_support import assert_one_line_error, seed_office


def test_a_foreign_sqlite_file_is_refused_and_left_as_it_was(run, tmp_path):
    foreign = tmp_path / "lön.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE payroll (id INTEGER PRIMARY KEY)")
    before = foreign.read_bytes()
    code, out, err = run("--database", str(foreign), "user", "list")
    assert "Trygghetscenter" in assert_one_line_error(code, out, err)
    with sqlite3.connect(foreign) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # not switched to WAL
    assert foreign.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lön.sqlite3"]


@pytest.mark.parametrize("database", ["", "   ", "/dev/null"])
def test_an_empty_or_odd_database_path_is_an_error(run, tmp_path, database, monkeypatch):
    monkeypatch.setenv("TRYGGHETSCENTER_DATA_DIR", str(tmp_path / "data"))
    code, out, err = run("--database", database, "user", "list")
    assert_one_line_error(code, out, err)
    assert not Path("/dev/null-journal").exists() and not Path("/dev/null-wal").exists()
    assert not (tmp_path / "data").exists()  # the default file was not used instead


def test_an_export_to_a_device_is_refused(run, tmp_path):
    code, out, err = run(
        "--database",
        str(tmp_path / "db.sqlite3"),
        "export",
        "report",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-31",
        "--out",
        "/dev/full",
    )
    assert "/dev/full" in assert_one_line_error(code, out, err)
    assert not Path("/dev/full.xlsx").exists()


def test_names_with_control_characters_or_direction_marks_are_refused_where_stored(world):
    """Issue #11, item 9."""
    from app.errors import ValidationError
    from app.services import users
    from app.services.context import bind_actor

    for name in ("Anna \x1b[2J\x1b[31mAdmin", "Anna\u202enimdA", "Anna\x07"):
        with world.db.session() as s:
            bind_actor(s, world.admin)
            with pytest.raises(ValidationError) as info:
                users.create_user(s, world.admin, "anna.x", name, "Kommunen", "reader", "ett-langt-losenord")
        assert "display_name" in info.value.errors


def test_an_echoed_cell_value_is_escaped_and_cut(run, tmp_path):
    import openpyxl

    db = seed_office(str(tmp_path / "db.sqlite3"))
    code, _out, err = run(
        "--database",
        db,
        "user",
        "add",
        "lena",
        "--name",
        "Lena",
        "--org",
        "Kommunen",
        "--role",
        "editor",
        "--password-stdin",
        stdin="ett-langt-losenord\n",
    )
    assert code == 0, err
    path = tmp_path / "import.xlsx"
    assert run("--database", db, "import", "template", "observations", "--out", str(path))[0] == 0
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    row = sheet.max_row + 1
    for column in range(1, sheet.max_column + 1):
        sheet.cell(row=row, column=column, value="x")
    sheet.cell(row=row, column=1, value="2026-01-01\u202e" + "A" * 500)  # the date column, turned right to left
    book.save(path)
    code, _out, err = run("--database", db, "import", "observations", str(path), "--user", "lena")
    assert code == 2 and "\u202e" not in err and "\\u202e" in err
    assert max(len(line) for line in err.splitlines()) < 400  # the value cut to a readable length
