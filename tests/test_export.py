"""Excel exports: the management report, any table, and `trygghetscenter export report`, read back with openpyxl."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

import app.cli as cli
from app.db.models import Area, Category
from app.domain.fields import field_label
from app.domain.vocabulary import ActionStatus, Classification, Direction, FollowUpColour, Role, Source
from app.exports import stream
from app.exports.book import Book
from app.exports.excel import MAX_CELL_TEXT, ExportColumn, ExportError, Stamp, header_word_width, safe_text
from app.exports.report import write_report
from app.exports.tables import write_table
from app.i18n import _
from app.services import followup as fu
from app.services.actions import ActionInput, create_action
from app.services.context import Actor, bind_actor
from app.services.observations import ObservationInput, create_observation
from tests.cli_support import assert_one_line_error
from ui.labels import field_label as audit_label

D = dt.date
PERIOD = (D(2025, 1, 1), D(2025, 3, 31))
NOW = dt.datetime(2025, 4, 2, 9, 30, tzinfo=dt.UTC)
FORMULA_LIKE = ['=HYPERLINK("http://x")', "+46 70", "-5", "@SUM(A1)"]  # the services strip leading whitespace
POLICE_SECRET = "Spaning mot känd person, endast polisen"
SHEETS = (
    "Sammanfattning",
    "Lägesbild",
    "Otrygga platser",
    "Ungdomsgäng",
    "Kriminella nätverk",
    "Tystnadskultur",
    "Åtgärdsplan",
    "Indikatorer",
    "Observationer",
)


@pytest.fixture(autouse=True)
def _unlink_subcategories(db):
    """conftest empties SQLite one table at a time, which the seeded sub-categories' RESTRICT rejects."""
    yield
    with db.engine.begin() as conn:
        conn.execute(sa.update(Category.__table__).values(parent_id=None))


@contextlib.contextmanager
def acting(world, actor):
    with world.db.session() as s:
        bind_actor(s, actor)
        yield s


def observe(world, actor, day, code, description="", count=1, classification=Classification.OPEN):
    with acting(world, actor) as s:
        category = s.scalar(sa.select(Category.id).where(Category.code == code))
        data = ObservationInput(
            occurred_on=day,
            place_id=world.places["Märsta centrum"].id,
            category_id=category,
            count=count,
            occurred_time=dt.time(21, 15),
            source=Source.OWN_OBSERVATION,
            description=description,
            classification=classification,
        )
        return create_observation(s, actor, data)


@pytest.fixture
def data(world):
    """Observations of the period (one internal to the police), an overdue red action, an indicator series."""
    for i, text in enumerate(FORMULA_LIKE):
        observe(world, world.editor, D(2025, 1, 10 + i), "VALD", text, count=2)
    observe(world, world.editor, D(2025, 2, 3), "SKAD", "Klotter på väggen", count=3)
    observe(world, world.editor, D(2024, 12, 1), "VALD", "Föregående period")
    observe(world, world.police, D(2025, 3, 1), "NARK", POLICE_SECRET, classification=Classification.INTERNAL)
    with acting(world, world.editor) as s:
        area = s.scalar(sa.select(Area.id).where(Area.name == "Otrygga platser"))
        indicator = fu.create_indicator(
            s,
            world.editor,
            fu.IndicatorInput(
                name="Våldsbrott i Märsta centrum",
                unit="antal",
                area_id=area,
                baseline_value=20,
                target_value=10,
                direction=Direction.LOWER,
            ),
        )
        for month, value in ((1, 18), (2, 15), (3, 12)):
            fu.set_measurement(s, world.editor, indicator.id, D(2025, month, 1), value, today=D(2025, 4, 1))
        create_action(
            s,
            world.editor,
            ActionInput(
                title=FORMULA_LIKE[0],
                responsible_organisation_id=world.kommun.id,
                area_ids=[area],
                problem=FORMULA_LIKE[1],
                deadline=D(2025, 3, 1),
                start_on=D(2025, 1, 1),
                status=ActionStatus.ONGOING,
                follow_up_colour=FollowUpColour.RED,
                hours_spent=12.5,
                cost_spent=15000,
                place_ids=[world.places["Märsta centrum"].id],
                indicator_ids=[indicator.id],
            ),
        )
    return world


def report(world, actor, tmp_path, name="rapport.xlsx"):
    """The report with its free texts (figures only, the default, is tested in test_export_marking.py)."""
    result = write_report(world.db, actor, *PERIOD, tmp_path / name, now=NOW, with_text=True)
    return result, openpyxl.load_workbook(result.path)


def all_cells(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            yield from (c for c in row if c.value is not None)


def header(ws, text):
    """(row, column) of the first header cell holding `text`."""
    for cell in all_cells_of(ws):
        if cell.value == text:
            return cell.row, cell.column
    raise AssertionError(f"{text!r} not on {ws.title}")


def all_cells_of(ws):
    for row in ws.iter_rows():
        yield from (c for c in row if c.value is not None)


# --- the report ------------------------------------------------------------------------------------


def test_report_sheets_tables_charts_and_formats(data, tmp_path):
    result, wb = report(data, data.editor, tmp_path)
    assert result.sheets == SHEETS == tuple(wb.sheetnames)
    assert result.observations == 5  # the police's internal row is not the kommun's to see
    assert result.truncated_cells == 0
    for ws in wb.worksheets:
        assert ws.tables, ws.title
        for table in ws.tables.values():
            assert table.autoFilter is not None and table.autoFilter.ref == table.ref
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == (2 if ws.title == "Åtgärdsplan" else 1)
    names = [t for ws in wb.worksheets for t in ws.tables]
    assert len(names) == len(set(names))

    # native charts: categories per month, each area's trend, the indicator series
    assert [type(c).__name__ for c in wb["Lägesbild"]._charts] == ["BarChart"]
    assert len(wb["Otrygga platser"]._charts) == 1
    assert [type(c).__name__ for c in wb["Indikatorer"]._charts] == ["LineChart"]
    assert len(wb["Indikatorer"]._charts[0].series) == 3  # value, baseline, target

    summary = wb["Sammanfattning"]
    assert summary["A1"].value == "Trygghetscenter Märsta: rapport 2025-01-01 – 2025-03-31"
    row, col = header(summary, "Händelser")
    assert summary.cell(row, col + 1).value == 11  # events: 4 × 2 + 3
    assert summary.cell(row, col + 2).value == 1
    assert summary.cell(row, col + 4).number_format == "+0%;-0%;0%"

    obs = wb["Observationer"]
    assert obs.freeze_panes == "A5"
    assert obs.print_title_rows == "$4:$4"
    assert [c.value for c in obs[4]][:3] == ["Id", "Datum", "Tid"]
    first = obs[5]
    assert first[1].value == dt.datetime(2025, 1, 10) and first[1].number_format == "yyyy-mm-dd"
    assert first[2].number_format == "hh:mm"
    assert first[6].value == 2 and first[6].number_format == "#,##0"
    assert obs.tables["T_Observationer"].ref == "A4:P9"

    plan = wb["Åtgärdsplan"]
    assert plan.freeze_panes == "A5"
    assert plan.print_title_rows == "$4:$4" and plan.print_title_cols == "$A:$B"  # two pages wide
    row, col = header(plan, "Uppföljning")
    colour = plan.cell(row + 1, col)
    assert colour.value == "Röd" and colour.fill.fgColor.rgb.endswith("FFC7CE")
    assert plan.cell(row + 1, 2).fill.fgColor.rgb.endswith("FCE4D6")  # overdue: the whole row is marked
    row, col = header(plan, "Kostnad (kr)")
    assert plan.cell(row + 1, col).value == 15000 and plan.cell(row + 1, col).number_format == "#,##0"

    indicators = wb["Indikatorer"]
    row, col = header(indicators, "Värde")
    assert [indicators.cell(row + i, col).value for i in (1, 2, 3)] == [18, 15, 12]
    assert indicators.cell(row + 1, col + 1).value == 20 and indicators.cell(row + 1, col + 2).value == 10


def test_report_print_marking_and_properties(data, tmp_path):
    _result, wb = report(data, data.editor, tmp_path)
    for ws in wb.worksheets:
        assert ws.oddHeader.left.text == "Klassificering: Öppen inom Trygghetscenter"
        assert ws.oddFooter.center.text == "Sida &P av &N"
        assert "Erik Editor (Sigtuna kommun)" in ws.oddFooter.left.text
        assert "2025-04-02" in ws.oddFooter.left.text
    assert wb.properties.creator == "Erik Editor (Sigtuna kommun)"
    assert wb.properties.title == "Trygghetscenter Märsta: rapport 2025-01-01 – 2025-03-31"
    assert wb.properties.created == dt.datetime(2025, 4, 2, 9, 30)  # UTC
    custom = {p.name: p.value for p in wb.custom_doc_props.props}
    assert custom["Klassificering"] == "Klassificering: Öppen inom Trygghetscenter"


def test_user_text_is_never_a_formula(data, tmp_path):
    _result, wb = report(data, data.editor, tmp_path)
    cells = list(all_cells(wb))
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    for text in FORMULA_LIKE:
        found = [c for c in cells if c.value == text]
        assert found, text
        assert all(c.data_type == "s" for c in found)


def test_internal_rows_only_in_their_organisations_report(data, tmp_path):
    _result, kommun = report(data, data.editor, tmp_path, "kommun.xlsx")
    assert not [c for c in all_cells(kommun) if isinstance(c.value, str) and POLICE_SECRET in c.value]
    assert "Narkotikabrott" not in [c.value for c in kommun["Lägesbild"][6]]

    result, police = report(data, data.police, tmp_path, "polisen.xlsx")
    assert result.observations == 6
    assert [c for c in all_cells(police) if c.value == POLICE_SECRET]
    marking = police["Observationer"].oddHeader.left.text
    assert marking == "Klassificering: Innehåller uppgifter som är interna för Polisen, lokalpolisområde Sollentuna"


def test_report_refuses_a_reversed_period(data, tmp_path):
    with pytest.raises(Exception, match="före startdatum"):
        write_report(data.db, data.editor, D(2025, 3, 1), D(2025, 2, 1), tmp_path / "x.xlsx")


# --- any table -------------------------------------------------------------------------------------

ACTOR = Actor(7, "erik", "Erik Editor", 1, "Sigtuna kommun", Role.EDITOR)
COLUMNS = [
    ExportColumn("Datum", "date"),
    ExportColumn("Text"),
    ExportColumn("Antal", "int"),
    ExportColumn("Andel", "percent"),
    ExportColumn("Registrerad", "datetime"),
    ExportColumn("Källa"),
    ExportColumn("Text"),  # a repeated header still makes a valid table
]


def test_write_table_streams_types_and_describes(tmp_path):
    consumed = []

    def rows():
        for i in range(1000):
            consumed.append(i)
            yield (
                D(2025, 1, 1) + dt.timedelta(days=i % 30),
                f"rad {i}",
                i,
                i / 1000,
                dt.datetime(2025, 1, 1, 12, 0, tzinfo=dt.UTC),
                Source.SAFETY_WALK,
                True,
            )

    description = "Period 2026-10-29 – 2026-11-25; Kommundel: Märsta; sorterat på Datum"
    result = write_table(
        tmp_path / "tabell", "Observationer", COLUMNS, rows(), actor=ACTOR, description=description, now=NOW
    )
    assert result.path == tmp_path / "tabell.xlsx"
    assert (result.rows, result.truncated_cells, len(consumed)) == (1000, 0, 1000)
    ws = openpyxl.load_workbook(result.path).active
    assert (ws["A1"].value, ws["A2"].value) == ("Observationer", _("Filters: {filters}", filters=description))
    assert [c.value for c in ws[4]] == ["Datum", "Text", "Antal", "Andel", "Registrerad", "Källa", "Text (2)"]
    assert ws.tables["T_Observationer"].ref == "A4:G1004"
    assert (ws.freeze_panes, ws.print_title_rows) == ("A5", "$4:$4")
    last = [c for c in ws[1004]]
    assert last[0].value == dt.datetime(2025, 1, 10) and last[0].number_format == "yyyy-mm-dd"
    assert last[2].value == 999 and last[2].number_format == "#,##0"
    assert last[3].value == 0.999 and last[3].number_format == "0%"
    assert last[4].value == dt.datetime(2025, 1, 1, 12, 0) + (
        dt.datetime.now().astimezone().utcoffset() or dt.timedelta()
    )
    assert last[4].number_format == "yyyy-mm-dd hh:mm"
    assert (last[5].value, last[6].value) == ("Trygghetsvandring", "Ja")
    assert ws.oddHeader.left.text.startswith("Klassificering: Öppen inom Trygghetscenter; kan innehålla")


def test_formula_like_text_and_long_text_in_a_table(tmp_path):
    texts = [*FORMULA_LIKE, "\tx", "#N/A", "a & b <c>", "\rrad"]
    long_text = "x" * 40_000
    rows = [(None, text, None, None, None, None, None) for text in [*texts, long_text]]
    result = write_table(tmp_path / "t.xlsx", "Text", COLUMNS, rows, actor=ACTOR)
    assert result.truncated_cells == 1
    ws = openpyxl.load_workbook(result.path).active
    cells = [ws.cell(5 + i, 2) for i in range(len(rows))]  # title, filters, marking, header, then the rows
    assert [c.value for c in cells[:-1]] == texts
    assert all(c.data_type == "s" for c in cells)
    assert len(cells[-1].value) == MAX_CELL_TEXT and cells[-1].value.endswith("…")


def test_safe_text():
    assert safe_text("=1+1") == ("=1+1", False)
    assert safe_text("a\x00b\x07c") == ("abc", False)
    cut, truncated = safe_text("é" * 40_000)
    assert truncated and len(cut) == MAX_CELL_TEXT
    emoji, truncated = safe_text("😀" * 20_000)  # two UTF-16 units each: Excel's limit counts those
    assert truncated and len(emoji.encode("utf-16-le")) // 2 <= MAX_CELL_TEXT


def test_empty_table_is_still_a_valid_table(tmp_path):
    result = write_table(tmp_path / "tom.xlsx", "Tom", COLUMNS, iter(()), actor=ACTOR)
    ws = openpyxl.load_workbook(result.path).active
    assert result.rows == 0 and ws.tables["T_Tom"].ref == "A4:G5"


# --- writing the file ------------------------------------------------------------------------------


def test_unwritable_paths_raise_export_error_and_leave_nothing(tmp_path):
    with pytest.raises(ExportError, match="finns inte"):
        write_table(tmp_path / "saknas" / "t.xlsx", "T", COLUMNS, [], actor=ACTOR)
    assert not (tmp_path / "saknas").exists()
    (tmp_path / "mapp.xlsx").mkdir()
    with pytest.raises(ExportError, match="mapp"):
        write_table(tmp_path / "mapp.xlsx", "T", COLUMNS, [], actor=ACTOR)
    with pytest.raises(ExportError, match=r"\.csv"):
        write_table(tmp_path / "t.csv", "T", COLUMNS, [], actor=ACTOR)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mapp.xlsx"]


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "t.xlsx"
    target.write_bytes(b"the old file")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(stream.os, "replace", locked)
    with pytest.raises(ExportError, match="öppen i ett annat program"):
        write_table(target, "T", COLUMNS, [(None, "x")], actor=ACTOR)
    assert target.read_bytes() == b"the old file"
    assert [p.name for p in tmp_path.iterdir()] == ["t.xlsx"]


def test_an_error_while_streaming_leaves_no_file(tmp_path):
    def rows():
        yield (None, "en rad")
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        write_table(tmp_path / "t.xlsx", "T", COLUMNS, rows(), actor=ACTOR)
    assert list(tmp_path.iterdir()) == []


# --- the command line ------------------------------------------------------------------------------


@pytest.fixture
def run_cli(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("TRYGGHETSCENTER_DATABASE_URL", raising=False)
    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    monkeypatch.setenv("TRYGGHETSCENTER_DATA_DIR", str(tmp_path / "data"))

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main(list(argv))
        out, err = capsys.readouterr()
        return code, out, err

    return run


def export_args(url: str, out: Path, *extra: str) -> list[str]:
    return [
        "--database",
        url,
        "export",
        "report",
        "--from",
        "2025-01-01",
        "--to",
        "2025-03-31",
        "--out",
        str(out),
        *extra,
    ]


def test_cli_export_report(run_cli, data, tmp_path):
    url = data.db.url.render_as_string(hide_password=False)
    out = tmp_path / "rapport.xlsx"
    code, stdout, err = run_cli(*export_args(url, out))
    assert (code, err) == (0, "")
    assert str(out) in stdout and "5 observationer" in stdout  # the office reader: open rows only
    wb = openpyxl.load_workbook(out)
    assert tuple(wb.sheetnames) == SHEETS
    assert wb["Observationer"].oddHeader.left.text == "Klassificering: Öppen inom Trygghetscenter"

    code, stdout, err = run_cli(*export_args(url, out, "--user", "police"))
    assert (code, err) == (0, "")
    assert "Per Polis" in stdout and "6 observationer" in stdout


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"--from": "2025-02-30"}, "inget datum"),
        ({"--from": "2025-04-01"}, "ligger före --from"),
        ({"--user": "nobody"}, "nobody"),
        ({"--out": "/nonexistent/folder/r.xlsx"}, "finns inte"),
        ({"--out": "rapport.pdf"}, ".pdf"),
    ],
)
def test_cli_export_errors_are_one_line(run_cli, world, tmp_path, change, expected):
    url = world.db.url.render_as_string(hide_password=False)
    args = export_args(url, tmp_path / "r.xlsx")
    for option, value in change.items():
        if option in args:
            args[args.index(option) + 1] = value
        else:
            args += [option, value]
    line = assert_one_line_error(*run_cli(*args))
    assert expected in line
    assert not (tmp_path / "r.xlsx").exists()


def test_cli_export_refuses_a_disabled_user_and_an_unreachable_database(run_cli, world, tmp_path):
    url = world.db.url.render_as_string(hide_password=False)
    with world.db.session() as s:
        s.execute(sa.text("UPDATE app_user SET active = false WHERE username = 'reader'"))
    line = assert_one_line_error(*run_cli(*export_args(url, tmp_path / "r.xlsx", "--user", "reader")))
    assert "avstängd" in line
    line = assert_one_line_error(*run_cli(*export_args("postgresql://postgres@127.0.0.1:1/x", tmp_path / "r.xlsx")))
    assert "går inte att nå" in line
    assert not (tmp_path / "r.xlsx").exists() and os.listdir(tmp_path) == []


# --- the report on paper -----------------------------------------------------------------------------


def header_cells(ws):
    """Every header cell of the sheet's tables."""
    for table in ws.tables.values():
        first, last = table.ref.split(":")
        for (cell,) in zip(*ws[first : last.rstrip("0123456789") + first.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")]):
            yield cell


def test_report_uses_the_programs_words_for_fields(data, tmp_path):
    """One list of field names (app/domain/fields.py) for forms, tables, audit trail and report."""
    _result, wb = report(data, data.editor, tmp_path)
    assert audit_label is field_label  # the audit window's names are the same list
    obs = [c.value for c in wb["Observationer"][4]]
    for name in ("category_id", "reported_to_police", "setting", "classification", "count"):
        assert field_label(name) in obs
    assert {"Händelsetyp", "Anmäld till polisen", "Inomhus/utomhus", "Synlig för"} <= set(obs)
    words = {c.value for ws in wb.worksheets for c in header_cells(ws)}
    assert {"Kategori", "Polisanmäld", "Prevention", "Klassificering", "Inne eller ute"}.isdisjoint(words)
    plan = {c.value for c in header_cells(wb["Åtgärdsplan"])}
    assert {"Förebyggande", "Typ av insats", "Kostnad (kr)", "Nedlagda timmar", "Genomförd"} <= plan
    area = wb["Otrygga platser"]
    assert "Händelsetyp" in {c.value for c in header_cells(area)}
    assert "Händelsetyper" in [c.value for c in area["A"]]


def test_report_headers_wrap_between_whole_words(data, tmp_path):
    _result, wb = report(data, data.editor, tmp_path)
    for ws in wb.worksheets:
        for cell in header_cells(ws):
            assert cell.alignment.wrap_text and cell.alignment.indent >= 1, (ws.title, cell.value)
            width = ws.column_dimensions[cell.column_letter].width
            assert width >= header_word_width(cell.value), (ws.title, cell.value, width)
    # "Ordningsstörning" on the Lägesbild is a category header: its column holds the whole word
    assert header_word_width("Ordningsstörning") > 13


def test_an_area_without_indicators_says_so_in_one_line(data, tmp_path):
    _result, wb = report(data, data.editor, tmp_path)
    youth = wb["Ungdomsgäng"]
    assert not any(c.value == "Indikator" for c in header_cells(youth))
    column_a = [c.value for c in youth["A"]]
    assert "Inga indikatorer följs upp för det här området." in column_a
    assert "Området har inga åtgärder ännu." in column_a
    # the area with an indicator keeps its table
    assert any(c.value == "Indikator" for c in header_cells(wb["Otrygga platser"]))


def test_report_print_settings_per_sheet(data, tmp_path):
    _result, wb = report(data, data.editor, tmp_path)
    for ws in wb.worksheets:
        setup = ws.page_setup
        assert int(setup.paperSize) == int(ws.PAPERSIZE_A4) and setup.fitToHeight == 0, ws.title
        assert setup.orientation in ("portrait", "landscape")
    for title in ("Åtgärdsplan", "Indikatorer", "Observationer"):
        assert wb[title].print_title_rows == "$4:$4"  # the header row repeats on every page


def _sheet(tmp_path):
    actor = Actor(None, "t", "T", None, "", Role.READER)
    book = Book(Stamp("Rapport", actor, NOW, "Öppen"))
    return book, book.sheet("Blad")


def _page_of(ws, row: int) -> int:
    return sum(1 for brk in ws.row_breaks.brk if brk.id < row)


def test_a_chart_is_never_split_across_pages(tmp_path):
    book, sheet = _sheet(tmp_path)
    sheet.table("Lang", [ExportColumn("Text", width=40)], [(f"rad {i}",) for i in range(40)])  # flows freely
    for _i in range(3):
        sheet.line("text")
    first = sheet.reserve(11.0)
    last = sheet.row
    sheet.table("Kort", [ExportColumn("Rubrik", width=40)], [(f"rad {i}",) for i in range(12)], caption="Rubrik")
    caption = last + 1
    book.save(tmp_path / "blad.xlsx")
    ws = book.wb["Blad"]
    assert _page_of(ws, first) == _page_of(ws, last)  # the chart's rows on one page
    assert _page_of(ws, caption) == _page_of(ws, caption + 13)  # a short table with its caption, whole
    assert ws.row_breaks.brk, "the chart does not fit after the long table: it starts a page"
    assert any(brk.id == first - 1 for brk in ws.row_breaks.brk)


def test_a_short_sheet_gets_no_page_breaks_and_a_narrow_one_prints_upright(tmp_path):
    book, sheet = _sheet(tmp_path)
    sheet.table("Kort", [ExportColumn("Rubrik", width=30), ExportColumn("Antal", "int")], [("a", 1)])
    book.save(tmp_path / "blad.xlsx")
    ws = book.wb["Blad"]
    assert not ws.row_breaks.brk and ws.page_setup.orientation == "portrait"


def test_a_month_counted_in_part_is_starred_explained_and_drawn_lighter(data, tmp_path):
    result = write_report(data.db, data.editor, D(2025, 1, 1), D(2025, 3, 15), tmp_path / "del.xlsx", now=NOW)
    wb = openpyxl.load_workbook(result.path)
    lagesbild = wb["Lägesbild"]
    column_a = [c.value for c in lagesbild["A"]]
    assert "2025-03 *" in column_a and "2025-02" in column_a
    assert "* 2025-03: del av månaden, 15 av 31 dagar" in column_a
    (chart,) = lagesbild._charts
    assert all([p.idx for p in series.dPt] == [2] for series in chart.series)
    assert all(p.graphicalProperties.line.prstDash == "dash" for s in chart.series for p in s.dPt)
    # the area's trend (a year up to the period's end) marks the same month
    area = wb["Otrygga platser"]
    assert "2025-03 *" in [c.value for c in area["A"]]
    _result, whole = report(data, data.editor, tmp_path)
    assert not any(str(c.value).endswith(" *") for c in whole["Lägesbild"]["A"] if c.value)


def test_lagesbild_sheet_has_the_periods_map_below_its_tables(data, tmp_path, monkeypatch):
    """The map is one picture under the Lägesbild's tables: every table and chart stays where it was."""
    from app.charts import map_chart
    from app.exports import report_sheets

    drawn = []
    real_map_figure = map_chart.map_figure

    def counting(places, **kwargs):
        drawn.append([(p.name, p.count, p.latitude) for p in places])
        return real_map_figure(places, **kwargs)

    monkeypatch.setattr(map_chart, "map_figure", counting)  # the report imports it when it draws
    _result, wb = report(data, data.editor, tmp_path)
    assert len(drawn) == 1  # drawn once, from the places the lägesbild already read
    assert ("Märsta centrum", 11, 59.6225) in drawn[0]
    ws = wb["Lägesbild"]
    (image,) = ws._images
    assert image._data()[:8] == b"\x89PNG\r\n\x1a\n"
    anchor = image.anchor._from.row + 1  # openpyxl counts anchor rows from 0
    last_table_row = max(int(t.ref.split(":")[1].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for t in ws.tables.values())
    assert anchor > last_table_row
    caption = ws.cell(anchor - 1, 1).value
    assert caption == _("The period's events on the map")
    # its rows are reserved: nothing is written where it lies
    height = sum(d.height or 0 for r, d in ws.row_dimensions.items() if r >= anchor)
    assert height >= image.anchor.ext.height / 12_700  # EMU to points
    assert caption_row_starts_a_page(ws, anchor - 1)  # a page of its own: the map is as high as most of one
    # it prints across the page, whatever scale the wide tables give the sheet, and the figure was drawn
    # at that printed size (so its texts print at their size)
    from openpyxl.utils import get_column_letter

    from app.exports.book import A4_LONG, PRINT_SIDE_MARGINS, column_points

    columns = sum(
        column_points(ws.column_dimensions[get_column_letter(c)].width or 8.43) for c in range(1, ws.max_column + 1)
    )
    scale = min(1.0, (A4_LONG - PRINT_SIDE_MARGINS) / columns)
    printed = image.anchor.ext.width / 12_700 * scale
    assert printed == pytest.approx(report_sheets.MAP_PAGE_SHARE * (A4_LONG - PRINT_SIDE_MARGINS), rel=0.01)
    assert image.width == pytest.approx(printed / 72 * report_sheets.MAP_DPI, abs=2)  # the PNG's own pixels
    assert all(c.value is None for row in ws.iter_rows(min_row=anchor) for c in row)

    monkeypatch.setattr(report_sheets, "_map", lambda *args: None)
    _result, without = report(data, data.editor, tmp_path, "utan.xlsx")
    plain = without["Lägesbild"]
    assert {n: ws.tables[n].ref for n in ws.tables} == {n: plain.tables[n].ref for n in plain.tables}
    assert [c.anchor._from.row for c in ws._charts] == [c.anchor._from.row for c in plain._charts]
    assert len(plain._images) == 0


def caption_row_starts_a_page(ws, row: int) -> bool:
    return any(b.id == row - 1 for b in ws.row_breaks.brk)


def test_the_reports_map_draws_tiles_from_the_function_it_is_given(data, tmp_path):
    import io

    from PIL import Image

    asked = []

    def tiles(z, x, y):
        asked.append((z, x, y))
        buffer = io.BytesIO()
        Image.new("RGB", (256, 256), (200, 220, 200)).save(buffer, format="PNG")
        return buffer.getvalue()

    path = tmp_path / "kakel.xlsx"
    write_report(data.db, data.editor, *PERIOD, path, now=NOW, map_tiles=tiles, map_attribution="© OSM")
    assert asked and all(z == asked[0][0] for z, _x, _y in asked)
    assert len(openpyxl.load_workbook(path)["Lägesbild"]._images) == 1


def test_cli_report_draws_its_map_on_the_tiles_the_settings_name(run_cli, data, tmp_path, monkeypatch):
    """`export report` asks the configured tile server for the map's tiles (with the program's
    User-Agent), and asks nothing when the settings turn the background map off."""
    from tests.test_map_tiles import TileServer

    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    server = TileServer(tmp_path / "served")
    try:
        monkeypatch.setenv("TRYGGHETSCENTER_TILE_URL", server.url)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        url = data.db.url.render_as_string(hide_password=False)
        code, _out, err = run_cli(*export_args(url, tmp_path / "med-karta.xlsx"))
        assert (code, err) == (0, "")
        assert server.requests and all(p.endswith(".png") for p in server.requests)
        assert all(agent.startswith("Trygghetscenter/") for agent in server.user_agents)
        asked = len(server.requests)
        settings = tmp_path / "no-tiles.ini"
        settings.write_text("[map]\ntiles = false\n", encoding="utf-8")
        monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(settings))
        code, _out, err = run_cli(*export_args(url, tmp_path / "utan-karta.xlsx"))
        assert (code, err) == (0, "")
        assert len(server.requests) == asked
    finally:
        server.stop()
