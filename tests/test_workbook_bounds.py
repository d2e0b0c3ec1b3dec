"""Issue #11, item 2: a tiny workbook with a value far down or far right is refused at once, without
building its grid; a large valid workbook still imports."""

from __future__ import annotations

import re
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from app.imports.columns import MAX_ROWS, OBSERVATION_COLUMNS, OBSERVATIONS_SHEET
from app.imports.workbook import read_sheet


def _hostile(tmp_path, reference: str):
    """A valid one-row workbook, rewritten so that one more cell sits at `reference` and the sheet
    says it reaches XFD1048576."""
    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.title = OBSERVATIONS_SHEET
    book.active.append([c.header for c in OBSERVATION_COLUMNS])
    book.save(plain)
    hostile = tmp_path / f"hostile_{reference}.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', text)
                row = int(re.sub(r"[A-Z]", "", reference))
                text = text.replace(
                    "</sheetData>",
                    f'<row r="{row}"><c r="{reference}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
                )
                data = text.encode("utf-8")
            target.writestr(info, data)
    return hostile


@pytest.mark.parametrize("reference", ["XFD1048576", "F1048576", "XFD2", "AH2"])
def test_a_value_far_away_is_refused_at_once_and_in_little_memory(tmp_path, reference):
    path = _hostile(tmp_path, reference)
    assert path.stat().st_size < 5000
    tracemalloc.start()
    began = time.perf_counter()
    sheet = read_sheet(path, OBSERVATION_COLUMNS, OBSERVATIONS_SHEET)
    took = time.perf_counter() - began
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    messages = [p.message for p in sheet.problems.freeze()]
    assert not sheet.complete and len(messages) == 1
    assert ("rad 1048576" in messages[0]) or ("kolumn" in messages[0])
    assert took < 1.0 and peak < 50 * 1024 * 1024, (took, peak)


def test_formatting_far_down_does_not_count_and_a_full_size_file_still_reads(tmp_path):
    path = tmp_path / "stor.xlsx"
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet(OBSERVATIONS_SHEET)
    sheet.append([c.header for c in OBSERVATION_COLUMNS])
    rows = MAX_ROWS // 5  # the full 100,000 read in 45 s here; a fifth keeps the suite quick
    for n in range(rows):
        sheet.append(["2026-01-01", "Märsta station", "Narkotika", n % 5 + 1])
    book.save(path)
    began = time.perf_counter()
    read = read_sheet(path, OBSERVATION_COLUMNS, OBSERVATIONS_SHEET)
    assert len(read.rows) == rows and read.complete, [p.message for p in read.problems.freeze()][:3]
    assert time.perf_counter() - began < 60
