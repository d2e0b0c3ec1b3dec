"""Issue #15, item 5: the report's observation sheet goes straight into the saved file, once, and a failure
while it is written still leaves no half-written file."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import re
import tempfile
import zipfile
from typing import ClassVar

import openpyxl
import pytest
import sqlalchemy as sa

from app.db.models import Category, Observation, Place
from app.domain.vocabulary import Classification
from app.exports import report_sheets
from app.exports.book import Book
from app.exports.excel import ExportColumn, ExportError, Stamp
from app.exports.report import write_report
from app.services.context import SYSTEM, bind_actor
from app.services.filters import ObservationFilter
from app.services.observations import iter_observations

D = dt.date
PERIOD = (D(2025, 1, 1), D(2025, 12, 31))
NOW = dt.datetime(2026, 1, 2, 9, 30, tzinfo=dt.UTC)
ROWS = 1_234  # more than one block of rows (stream.ROWS_PER_CHUNK)


@pytest.fixture
def many(world):
    with world.db.session() as s:
        bind_actor(s, SYSTEM)
        place = s.scalar(sa.select(Place.id).order_by(Place.id))
        category = s.scalar(sa.select(Category.id).order_by(Category.id))
        s.add_all(
            Observation(
                occurred_on=D(2025, 1, 1) + dt.timedelta(days=i % 365),
                occurred_time=dt.time(i % 24, i % 60) if i % 7 else None,
                place_id=place,
                category_id=category,
                organisation_id=world.police.organisation_id if i % 50 == 0 else world.kommun.id,
                classification=Classification.INTERNAL if i % 50 == 0 else Classification.OPEN,
                count=1 + i % 5,
                description=f"rad {i} & <mer>" if i % 3 else "",
            )
            for i in range(ROWS)
        )
    return world


def _sheet_xml(path) -> str:
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode()
        names = re.findall(r'<sheet [^>]*name="([^"]+)"', workbook)
        index = names.index("Observationer") + 1
        return archive.read(f"xl/worksheets/sheet{index}.xml").decode()


def test_the_observation_sheet_holds_the_services_rows_each_once(many, tmp_path):
    world = many
    result = write_report(world.db, world.editor, *PERIOD, tmp_path / "rapport.xlsx", now=NOW, with_text=True)
    with world.db.session() as s:
        bind_actor(s, world.editor)
        expected = list(iter_observations(s, world.editor, ObservationFilter(*PERIOD), descending=False))
    assert result.observations == len(expected) > ROWS * 0.9  # the police's internal rows are not the editor's

    wb = openpyxl.load_workbook(result.path, read_only=True)
    rows = list(wb["Observationer"].iter_rows(values_only=True))
    header = rows.index(next(r for r in rows if r[0] == "Id"))
    got = rows[header + 1 :]
    assert [r[0] for r in got] == [e.id for e in expected]
    assert [r[1].date() for r in got] == [e.occurred_on for e in expected]
    assert [r[14] or "" for r in got] == [e.description for e in expected]

    # each row once, in order, none of them an empty twin of another, and the dimension covering them all
    xml = _sheet_xml(result.path)
    numbers = [int(n) for n in re.findall(r'<row r="(\d+)"', xml)]
    assert numbers == list(range(1, header + 2 + len(expected)))
    assert f'<dimension ref="A1:P{header + 1 + len(expected)}"' in xml
    (table,) = openpyxl.load_workbook(result.path)["Observationer"].tables.values()
    assert table.ref == f"A{header + 1}:P{header + 1 + len(expected)}"


def test_the_rows_are_read_while_the_file_is_written_not_into_a_temporary_file(many, tmp_path, monkeypatch):
    """No temporary file for the rows and no second pass: the database's rows are read only while the
    file being saved is open (its only other file, the target, appears when it is whole)."""
    world = many
    seen: list[list[str]] = []
    real = report_sheets.iter_observations

    def watched(*args, **kwargs):
        for n, row in enumerate(real(*args, **kwargs)):
            if n == 0:
                seen.append(sorted(p.name for p in tmp_path.iterdir()))
            yield row

    def no_temporary_file(*_args, **_kwargs):
        raise AssertionError("the rows went through a temporary file")

    monkeypatch.setattr(report_sheets, "iter_observations", watched)
    monkeypatch.setattr(tempfile, "TemporaryFile", no_temporary_file)
    result = write_report(world.db, world.editor, *PERIOD, tmp_path / "rapport.xlsx", now=NOW)
    assert len(seen) == 1 and len(seen[0]) == 1
    assert seen[0][0].startswith(".rapport.xlsx.") and seen[0][0].endswith(".tmp")  # the file being saved
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.xlsx"]
    assert result.observations > ROWS * 0.9


class _FillsUp(io.BufferedWriter):
    """A file on a disk that fills up once `rows_read` holds some rows: while the observations are written."""

    rows_read: ClassVar[list[int]] = []

    def write(self, data) -> int:
        if len(self.rows_read) >= 500:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return super().write(data)


def test_a_disk_filling_up_during_the_rows_leaves_the_old_file_and_no_other(many, tmp_path, monkeypatch):
    world = many
    target = tmp_path / "rapport.xlsx"
    target.write_bytes(b"the report of yesterday")
    real_fdopen = os.fdopen

    def fdopen(fd, mode="r", *args, **kwargs):
        if mode == "wb":
            return _FillsUp(io.FileIO(fd, "wb"))
        return real_fdopen(fd, mode, *args, **kwargs)

    read: list[int] = []
    monkeypatch.setattr(_FillsUp, "rows_read", read)
    real = report_sheets.iter_observations

    def counted(*args, **kwargs):
        for row in real(*args, **kwargs):
            read.append(row.id)
            yield row

    monkeypatch.setattr(report_sheets, "iter_observations", counted)
    monkeypatch.setattr(os, "fdopen", fdopen)
    with pytest.raises(ExportError) as info:
        write_report(world.db, world.editor, *PERIOD, target, now=NOW)
    monkeypatch.undo()
    assert "disken är full" in info.value.message
    assert 0 < len(read) < ROWS  # it failed while the rows were being written
    assert target.read_bytes() == b"the report of yesterday"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rapport.xlsx"]


def test_an_unwritable_target_is_refused_before_any_work_and_leaves_nothing(many, tmp_path):
    world = many
    folder = tmp_path / "finns-inte"
    with pytest.raises(ExportError) as info:
        write_report(world.db, world.editor, *PERIOD, folder / "rapport.xlsx", now=NOW)
    assert "finns inte" in info.value.message
    (tmp_path / "mapp.xlsx").mkdir()
    with pytest.raises(ExportError) as info:
        write_report(world.db, world.editor, *PERIOD, tmp_path / "mapp.xlsx", now=NOW)
    assert "mapp" in info.value.message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mapp.xlsx"]
    assert list((tmp_path / "mapp.xlsx").iterdir()) == []


def test_rows_that_do_not_match_their_count_save_nothing(world, tmp_path):
    stamp = Stamp(title="Test", actor=world.editor, now=NOW, marking="Öppen", description="")
    columns = [ExportColumn("Nummer", "int"), ExportColumn("Text")]
    target = tmp_path / "tabell.xlsx"
    with Book(stamp) as book:
        sheet = book.sheet("Tabell")
        sheet.stream_table("Tabell", columns, iter([(1, "a"), (2, "b")]), count=3)
        with pytest.raises(ExportError) as info:
            book.save(target)
    assert "inget sparades" in info.value.message or "nothing was saved" in info.value.message
    assert list(tmp_path.iterdir()) == []

    with Book(stamp) as book:  # and the count, when right, is what the table covers
        sheet = book.sheet("Tabell")
        area, written = sheet.stream_table("Tabell", columns, iter([(1, "a"), (2, "b")]), count=2)
        assert (written, area.last_row) == (2, area.first_row + 1)
        book.save(target)
    values = list(openpyxl.load_workbook(target)["Tabell"].iter_rows(values_only=True))
    assert values[-2:] == [(1, "a"), (2, "b")]


def test_a_period_without_observations_still_gets_its_table(world, tmp_path):
    result = write_report(world.db, world.editor, D(2025, 6, 1), D(2025, 6, 30), tmp_path / "tom.xlsx", now=NOW)
    assert result.observations == 0
    ws = openpyxl.load_workbook(result.path)["Observationer"]
    (table,) = ws.tables.values()
    header = int(table.ref.split(":")[0][1:])
    # the empty data row an Excel table needs; figures only, the 15 columns without the description
    assert table.ref.endswith(f"O{header + 1}")
    assert all(v is None for v in next(ws.iter_rows(min_row=header + 1, max_row=header + 1, values_only=True)))
