"""Excel import: templates, problems by row and column, all-or-nothing saving, no duplicates, the command line."""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

import app.cli as cli
from app.db.models import AuditEntry, Category, Measurement, Observation
from app.domain.vocabulary import AuditOperation, Classification, Frequency, Setting, Source, YesNoUnknown
from app.errors import ConflictError, PermissionDeniedError
from app.i18n import _
from app.imports import (
    ImportProblem,
    ImportRejected,
    describe,
    import_measurements,
    import_observations,
    preview_measurements,
    preview_observations,
    write_measurement_template,
    write_observation_template,
)
from app.imports import observations as import_module
from app.services import followup as fu
from app.services.context import bind_actor

DAY = dt.date.today() - dt.timedelta(days=10)
HEADERS = [
    "Datum",
    "Tid",
    "Plats",
    "Händelsetyp",
    "Antal",
    "Källa",
    "Inomhus/utomhus",
    "Anmäld till polisen",
    "Verifierad",
    "Synlig för",
    "Beskrivning",
]


@contextlib.contextmanager
def acting(world, actor):
    with world.db.session() as s:
        bind_actor(s, actor)
        yield s


def row(**overrides) -> list[object]:
    values = {
        "Datum": DAY,
        "Tid": "21:30",
        "Plats": "Märsta centrum",
        "Händelsetyp": "Våldsbrott",
        "Antal": 1,
        "Källa": "Egen observation",
        "Inomhus/utomhus": "Utomhus",
        "Anmäld till polisen": "Nej",
        "Verifierad": "Ja",
        "Synlig för": "Öppen för kontoret",
        "Beskrivning": "Bråk vid entrén",
    }
    values.update(overrides)
    return [values[h] for h in HEADERS]


def write_xlsx(path: Path, rows: list[list[object]], headers=HEADERS, sheet="Observationer", edit=None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers)
    for values in rows:
        ws.append(values)
    if edit is not None:
        edit(wb, ws)
    wb.save(path)
    return path


def observation_count(world) -> int:
    with world.db.session() as s:
        return s.scalar(sa.select(sa.func.count()).select_from(Observation))


def run_import(world, path, actor=None, **kwargs):
    actor = actor or world.editor
    with acting(world, actor) as s:
        return import_observations(s, actor, path, **kwargs)


def run_preview(world, path, actor=None, **kwargs):
    actor = actor or world.editor
    with acting(world, actor) as s:
        return preview_observations(s, actor, path, **kwargs)


def assert_rejected(world, path, row_number, column, fragment) -> ImportProblem:
    """The preview names the problem at the row and column; the import saves nothing."""
    before = observation_count(world)
    problems = run_preview(world, path).problems
    found = [p for p in problems if p.row == row_number and p.column == column and fragment in p.message]
    assert found, problems
    with pytest.raises(ImportRejected) as info:
        run_import(world, path)
    assert found[0] in info.value.problems
    assert observation_count(world) == before
    return found[0]


# --- good files ----------------------------------------------------------------------------------------


def test_good_file_imports_every_row_as_the_importer(world, tmp_path):
    path = write_xlsx(
        tmp_path / "ok.xlsx",
        [
            row(),
            row(
                **{
                    "Datum": DAY.strftime("%d/%m/%Y"),
                    "Tid": dt.time(8, 5),
                    "Plats": "valsta  CENTRUM",
                    "Händelsetyp": "ordn",
                    "Antal": 3,
                    "Källa": "Police statistics",
                    "Inomhus/utomhus": "indoors",
                    "Anmäld till polisen": "yes",
                    "Verifierad": False,
                    "Synlig för": "Intern",
                    "Beskrivning": None,
                }
            ),
            row(
                **{
                    "Datum": DAY.isoformat(),
                    "Tid": None,
                    "Antal": None,
                    "Källa": None,
                    "Inomhus/utomhus": None,
                    "Anmäld till polisen": None,
                    "Verifierad": None,
                    "Synlig för": None,
                }
            ),
        ],
    )
    checked = run_preview(world, path)
    assert (checked.problems, checked.rows, len(checked.valid), checked.duplicates) == ((), 3, 3, 0)
    assert checked.valid[1].place_name == "Valsta centrum" and checked.valid[1].category_name == "Ordningsstörning"

    result = run_import(world, path)
    assert (result.added, result.duplicates) == (3, 0)
    with world.db.session() as s:
        rows = s.scalars(sa.select(Observation).order_by(Observation.id)).all()
        audited = s.scalar(
            sa.select(sa.func.count())
            .select_from(AuditEntry)
            .where(AuditEntry.table_name == "observation", AuditEntry.operation == AuditOperation.INSERT)
        )
    assert audited == 3
    assert {r.organisation_id for r in rows} == {world.kommun.id}
    assert {r.reported_by_id for r in rows} == {world.editor.user_id}
    assert all(r.import_key and len(r.import_key) == 64 for r in rows)
    first, second, third = rows
    assert (first.occurred_on, first.occurred_time, first.count, first.verified) == (DAY, dt.time(21, 30), 1, True)
    assert first.description == "Bråk vid entrén" and first.setting is Setting.OUTDOORS
    assert (second.occurred_time, second.count, second.source, second.setting) == (
        dt.time(8, 5),
        3,
        Source.POLICE_STATISTICS,
        Setting.INDOORS,
    )
    assert (second.reported_to_police, second.verified, second.classification) == (
        YesNoUnknown.YES,
        False,
        Classification.INTERNAL,
    )
    assert (third.occurred_time, third.count, third.source, third.classification) == (
        None,
        1,
        Source.OWN_OBSERVATION,
        Classification.OPEN,
    )


def test_same_file_twice_adds_nothing_the_second_time(world, tmp_path):
    # Two identical rows are two events; the second import finds both.
    path = write_xlsx(tmp_path / "twice.xlsx", [row(), row(), row(Antal=2)])
    assert run_import(world, path).added == 3
    checked = run_preview(world, path)
    assert (checked.problems, checked.duplicates, checked.new_rows) == ((), 3, 0)
    result = run_import(world, path)
    assert (result.added, result.duplicates) == (0, 3)
    assert observation_count(world) == 3
    # A file with one more identical row adds just that one.
    bigger = write_xlsx(tmp_path / "bigger.xlsx", [row(), row(), row(), row(Antal=2)])
    assert (run_import(world, bigger).added, observation_count(world)) == (1, 4)


def test_rows_imported_by_someone_else_meanwhile_end_in_a_conflict_and_save_nothing(world, tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "race.xlsx", [row(), row(Antal=2)])
    run_import(world, write_xlsx(tmp_path / "first.xlsx", [row(Antal=2)]))
    # As if a colleague's import of the same row committed between our check and our save.
    monkeypatch.setattr(import_module, "_existing_keys", lambda session, actor, keys: set())
    with pytest.raises(ConflictError):
        run_import(world, path)
    assert observation_count(world) == 1


def test_the_same_rows_from_another_organisation_are_not_duplicates(world, tmp_path):
    path = write_xlsx(tmp_path / "shared.xlsx", [row()])
    run_import(world, path)
    assert run_import(world, path, world.police).added == 1


def test_columns_in_another_order_and_english_headers(world, tmp_path):
    headers = ["  DESCRIPTION ", "place", "Event type", "date", "Count", "Reported to the police", "visible to"]
    path = write_xlsx(
        tmp_path / "english.xlsx",
        [["Noise", "Märsta centrum", "Ordningsstörning", DAY, 2, "no", "internal"]],
        headers=headers,
        sheet="Sheet1",
    )
    assert run_import(world, path).added == 1
    with world.db.session() as s:
        obs = s.scalars(sa.select(Observation)).one()
    assert (obs.description, obs.count, obs.reported_to_police, obs.classification) == (
        "Noise",
        2,
        YesNoUnknown.NO,
        Classification.INTERNAL,
    )


def test_trailing_empty_rows_are_passed_over(world, tmp_path):
    def formatted_empty_rows(wb, ws):
        for number in range(3, 40):
            ws.cell(row=number, column=1).number_format = "yyyy-mm-dd"
            ws.cell(row=number, column=11, value="  ")

    path = write_xlsx(tmp_path / "trailing.xlsx", [row()], edit=formatted_empty_rows)
    checked = run_preview(world, path)
    assert (checked.problems, checked.rows) == ((), 1)


def test_reader_is_refused(world, tmp_path):
    path = write_xlsx(tmp_path / "ok.xlsx", [row()])
    with pytest.raises(PermissionDeniedError):
        run_preview(world, path, world.reader)
    with pytest.raises(PermissionDeniedError):
        run_import(world, path, world.reader)
    assert observation_count(world) == 0


# --- bad files: each reported by row and column, and nothing imported -------------------------------------


OLE = bytes.fromhex("D0CF11E0A1B11AE1")


def _raw(content: bytes):
    def make(path: Path) -> Path:
        path.write_bytes(content)
        return path

    return make


def _sheet(rows, headers=HEADERS, edit=None):
    return lambda path: write_xlsx(path, rows, headers=headers, edit=edit)


def _merge(cells):
    return lambda wb, ws: ws.merge_cells(cells)


def _set(coordinate, value):
    def edit(wb, ws):
        ws[coordinate] = value

    return edit


def _extra_sheet(wb, ws):
    wb.create_sheet("Blad2")["A1"] = "anteckningar"


BAD_FILES = {
    "csv renamed": (_raw("Datum;Plats\n2026-03-01;Märsta centrum\n".encode()), None, None, ".xlsx"),
    "empty file": (_raw(b""), None, None, ".xlsx"),
    "xls renamed": (_raw(OLE + b"\0" * 504 + "Workbook".encode("utf-16-le")), None, None, ".xls"),
    "encrypted": (_raw(OLE + b"junk" * 100 + "EncryptedPackage".encode("utf-16-le") + b"junk"), None, None, "lösenord"),
    "pdf": (_raw(b"%PDF-1.7\n%junk"), None, None, "PDF"),
    "zip that is no workbook": (_raw(b"PK\x03\x04" + b"junk" * 20), None, None, ".xlsx"),
    "header only": (_sheet([]), None, None, "inget att importera"),
    "formula": (_sheet([row(), row()], edit=_set("E3", "=1+1")), 3, "Antal", "=1+1"),
    "formula in date": (_sheet([row()], edit=_set("A2", "=TODAY()")), 2, "Datum", "=TODAY()"),
    "merged cells": (_sheet([row(), row()], edit=_merge("A3:B3")), 3, "Datum", "A3:B3"),
    "extra sheet": (_sheet([row()], edit=_extra_sheet), None, None, "Blad2"),
    "empty row between": (_sheet([row(), [None] * 11, row()]), 3, None, "tom"),
    "empty rows between": (_sheet([row(), [None] * 11, [""] * 11, row()]), 3, None, "3–4"),
    "missing column": (_sheet([row()[:2] + row()[3:]], headers=HEADERS[:2] + HEADERS[3:]), 1, None, "Plats"),
    "unknown column": (_sheet([[*row(), "sol"]], headers=[*HEADERS, "Väder"]), 1, "Väder", "Väder"),
    "misspelt column": (_sheet([row()], headers=["Datum", "Tid", "Platts", *HEADERS[3:]]), 1, "Platts", "'Plats'"),
    "repeated column": (_sheet([[*row(), "x"]], headers=[*HEADERS, "Beskrivning"]), 1, "Beskrivning", "mer än en gång"),
    "values without header": (_sheet([row(), [*row(), "x"]]), 3, "L", "rubrik"),
    "unknown place": (_sheet([row(Plats="Marsta centrm")]), 2, "Plats", "'Märsta centrum'"),
    "unknown category": (_sheet([row(Händelsetyp="Valdsbrot")]), 2, "Händelsetyp", "'Våldsbrott'"),
    "place far off": (_sheet([row(Plats="Uppsala domkyrka")]), 2, "Plats", "Uppsala domkyrka"),
    "empty place": (_sheet([row(Plats=None)]), 2, "Plats", "obligatorisk"),
    "empty date": (_sheet([row(Datum="  ")]), 2, "Datum", "obligatorisk"),
    "future date": (_sheet([row(Datum=dt.date.today() + dt.timedelta(days=3))]), 2, "Datum", "framtiden"),
    "not a date": (_sheet([row(Datum="2026-13-01")]), 2, "Datum", "2026-13-01"),
    "number as date": (_sheet([row(Datum=45000)]), 2, "Datum", "45000"),
    "not a time": (_sheet([row(Tid="25:00")]), 2, "Tid", "25:00"),
    "zero count": (_sheet([row(Antal=0)]), 2, "Antal", "minst 1"),
    "fractional count": (_sheet([row(Antal=2.5)]), 2, "Antal", "heltal"),
    "text count": (_sheet([row(Antal="två")]), 2, "Antal", "heltal"),
    "huge count": (_sheet([row(Antal=100000)]), 2, "Antal", "högst"),
    "unknown source": (_sheet([row(Källa="Grannen")]), 2, "Källa", "Egen observation"),
    "unknown yes/no": (_sheet([row(Verifierad="kanske")]), 2, "Verifierad", "kanske"),
    "unknown visibility": (_sheet([row(**{"Synlig för": "Alla"})]), 2, "Synlig för", "Alla"),
    "description too long": (_sheet([row(Beskrivning="x" * 4001)]), 2, "Beskrivning", "4000"),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_bad_file_is_reported_and_nothing_is_imported(world, tmp_path, case):
    make, row_number, column, fragment = BAD_FILES[case]
    path = make(tmp_path / "bad.xlsx")
    run_import(world, write_xlsx(tmp_path / "earlier.xlsx", [row(Beskrivning="tidigare")]))  # counts must stay
    assert_rejected(world, path, row_number, column, fragment)


def test_every_problem_of_a_file_is_listed_in_row_order(world, tmp_path):
    path = write_xlsx(
        tmp_path / "many.xlsx",
        [row(), row(Plats="Marsta centrm", Antal=0), row(), row(Källa="Grannen", Datum="igår")],
    )
    problems = run_preview(world, path).problems
    assert [(p.row, p.column) for p in problems] == [(3, "Plats"), (3, "Antal"), (5, "Datum"), (5, "Källa")]
    assert describe(problems[0]).startswith("rad 3, Plats: Okänd plats 'Marsta centrm'")
    assert observation_count(world) == 0


def test_inactive_place_is_refused_by_the_service_rule(world, tmp_path):
    with world.db.session() as s:
        s.get(type(world.places["Valsta centrum"]), world.places["Valsta centrum"].id).active = False
    path = write_xlsx(tmp_path / "inactive.xlsx", [row(Plats="Valsta centrum")])
    assert_rejected(world, path, 2, "Plats", _("The place is no longer in use."))


def test_the_category_code_is_accepted(world, tmp_path):
    path = write_xlsx(tmp_path / "code.xlsx", [row(Händelsetyp="brand")])
    assert run_import(world, path).added == 1
    with world.db.session() as s:
        assert s.scalar(sa.select(Category.code).join(Observation, Observation.category_id == Category.id)) == "BRAND"


# --- templates -----------------------------------------------------------------------------------------


def test_observation_template_has_lists_formats_and_round_trips(world, tmp_path):
    path = tmp_path / "mall.xlsx"
    with acting(world, world.editor) as s:
        write_observation_template(s, world.editor, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Observationer", "Instruktioner", "Listor"]
    data, lists = wb["Observationer"], wb["Listor"]
    assert [c.value for c in data[1]] == HEADERS
    assert data.max_row == 1  # no example among the data
    assert data.freeze_panes == "A2"
    assert data.column_dimensions["A"].number_format == "yyyy-mm-dd"
    assert lists.sheet_state == "hidden" and lists.protection.sheet
    rules = {str(v.sqref).split(":")[0]: v for v in data.data_validations.dataValidation}
    assert rules["C2"].type == "list" and "Listor" in rules["C2"].formula1
    assert {"A2", "C2", "D2", "E2", "F2", "G2", "H2", "I2", "J2"} <= set(rules)
    places = [c.value for c in lists["A"][1:] if c.value]
    assert places == ["Märsta centrum", "Valsta centrum"]
    assert "Våldsbrott" in [c.value for c in lists["B"][1:]]
    instructions = [c.value for r in wb["Instruktioner"].iter_rows() for c in r if c.value]
    assert "Märsta centrum" in instructions and "Beskrivning" in instructions

    with pytest.raises(ImportRejected) as info:  # the unchanged template imports nothing
        run_import(world, path)
    assert "inget att importera" in info.value.problems[0].message

    data.append(row())
    data.append(row(Plats="Valsta centrum", Antal=4))
    wb.save(path)
    assert run_import(world, path).added == 2
    assert observation_count(world) == 2


def test_measurement_template_round_trips(world, tmp_path):
    indicator = make_indicator(world)
    path = tmp_path / "matmall.xlsx"
    with acting(world, world.editor) as s:
        write_measurement_template(s, world.editor, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Mätvärden", "Instruktioner", "Listor"]
    assert [c.value for c in wb["Mätvärden"][1]] == ["Indikator", "Period", "Värde", "Anteckning"]
    assert wb["Listor"]["A2"].value == indicator.name
    wb["Mätvärden"].append([indicator.name, DAY, 7, "räknat"])
    wb.save(path)
    with acting(world, world.editor) as s:
        assert import_measurements(s, world.editor, path).added == 1


# --- measurements --------------------------------------------------------------------------------------


INDICATOR = "Våldsbrott i Märsta centrum"


def make_indicator(world, **overrides) -> fu.IndicatorRow:
    values = dict(name=INDICATOR, frequency=Frequency.MONTHLY)
    values.update(overrides)
    with acting(world, world.editor) as s:
        return fu.create_indicator(s, world.editor, fu.IndicatorInput(**values))


MEASUREMENT_HEADERS = ["Indikator", "Period", "Värde", "Anteckning"]
TODAY = dt.date(2026, 6, 15)


def measurement_file(path, rows, headers=MEASUREMENT_HEADERS):
    return write_xlsx(path, rows, headers=headers, sheet="Mätvärden")


def measure(world, path, actor=None, preview=False):
    actor = actor or world.editor
    with acting(world, actor) as s:
        if preview:
            return preview_measurements(s, actor, path, today=TODAY)
        return import_measurements(s, actor, path, today=TODAY)


def stored(world):
    with world.db.session() as s:
        rows = s.scalars(sa.select(Measurement).order_by(Measurement.period_start))
        return [(m.period_start, m.value, m.note) for m in rows]


def test_measurements_import_replace_and_skip_unchanged(world, tmp_path):
    indicator = make_indicator(world)
    tertial = make_indicator(world, name="Trygghetsindex", frequency=Frequency.TERTIAL)
    path = measurement_file(
        tmp_path / "m.xlsx",
        [
            [indicator.name, dt.date(2026, 3, 17), 12, "mars"],
            [indicator.name, "2026-04", "9,5", None],
            [" trygghetsindex ", "5/2/2026", 61, ""],
            [indicator.name, dt.date(2026, 3, 31), 12, "mars"],  # the same period and value again
        ],
    )
    checked = measure(world, path, preview=True)
    assert (checked.problems, checked.duplicates) == ((), 1)
    assert [(v.period_start, v.period_label) for v in checked.valid[:3]] == [
        (dt.date(2026, 3, 1), "2026-03"),
        (dt.date(2026, 4, 1), "2026-04"),
        (dt.date(2026, 1, 1), "T1 2026"),
    ]
    result = measure(world, path)
    assert (result.added, result.replaced, result.duplicates) == (3, 0, 1)
    assert stored(world) == [
        (dt.date(2026, 1, 1), 61, ""),
        (dt.date(2026, 3, 1), 12, "mars"),
        (dt.date(2026, 4, 1), 9.5, ""),
    ]
    assert tertial.id != indicator.id

    result = measure(world, path)
    assert (result.added, result.replaced, result.duplicates) == (0, 0, 4)

    changed = measurement_file(tmp_path / "m2.xlsx", [[indicator.name, dt.date(2026, 3, 2), 14, "mars"]])
    # Another value for a month that has one is a problem of its row, naming both values ...
    problems = measure(world, changed, preview=True).problems
    assert [(p.row, p.column) for p in problems] == [(2, "Värde")]
    assert "2026-03 har redan värdet 12,0" in problems[0].message and "14,0" in problems[0].message
    with pytest.raises(ImportRejected):
        measure(world, changed)
    assert stored(world)[1] == (dt.date(2026, 3, 1), 12, "mars")
    # ... unless the caller says the user agreed to replace: the preview then shows what each row replaces.
    with acting(world, world.editor) as s:
        assert preview_measurements(s, world.editor, changed, replace=True, today=TODAY).valid[0].replaces == 12
        result = import_measurements(s, world.editor, changed, replace=True, today=TODAY)
    assert (result.added, result.replaced, result.duplicates) == (0, 1, 0)
    assert stored(world)[1] == (dt.date(2026, 3, 1), 14, "mars")


@pytest.mark.parametrize(
    ("rows", "row_number", "column", "fragment"),
    [
        ([["Våldsbrot i Märsta centrum", "2026-03-01", 1, ""]], 2, "Indikator", f"'{INDICATOR}'"),
        ([[INDICATOR, "2026-08-01", 1, ""]], 2, "Period", "inte börjat"),
        ([[INDICATOR, "2026-06-01", 1, ""]], 2, "Period", "från och med 2026-07-01"),  # the month in progress
        ([[INDICATOR, "2026-03-01", -5, ""]], 2, "Värde", "ett heltal, 0 eller mer"),
        ([[INDICATOR, "2026-03-01", "2,5", ""]], 2, "Värde", "heltal"),
        ([[INDICATOR, "mars", 1, ""]], 2, "Period", "mars"),
        ([[INDICATOR, "2026-03-01", "många", ""]], 2, "Värde", "tal"),
        ([[INDICATOR, "2026-03-01", None, ""]], 2, "Värde", "obligatorisk"),
        ([[INDICATOR, "2026-03-01", 1, ""], [INDICATOR, "2026-03-20", 2, ""]], 3, "Period", "Rad 2"),
    ],
)
def test_bad_measurement_rows_import_nothing(world, tmp_path, rows, row_number, column, fragment):
    make_indicator(world, unit="händelser/månad")
    path = measurement_file(tmp_path / "bad.xlsx", rows)
    problems = measure(world, path, preview=True).problems
    assert any(p.row == row_number and p.column == column and fragment in p.message for p in problems), problems
    with pytest.raises(ImportRejected):
        measure(world, path)
    assert stored(world) == []


def test_an_observation_file_is_not_taken_for_measurements(world, tmp_path):
    path = write_xlsx(tmp_path / "obs.xlsx", [row()])
    problems = measure(world, path, preview=True).problems
    assert any(p.row == 1 and p.column is None and "Indikator" in p.message for p in problems)


# --- command line --------------------------------------------------------------------------------------


@pytest.fixture
def run(world, capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    monkeypatch.delenv("TRYGGHETSCENTER_DATABASE_URL", raising=False)
    url = world.db.url.render_as_string(hide_password=False)

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main(["--database", url, *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_cli_imports_and_reports_counts(world, tmp_path, run):
    path = write_xlsx(tmp_path / "ok.xlsx", [row(), row(Antal=2)])
    code, out, err = run("import", "observations", str(path), "--user", "editor")
    assert (code, err) == (0, "")
    assert "2" in out and "ok.xlsx" in out
    code, out, _err = run("import", "observations", str(path), "--user", "editor")
    assert code == 0 and "0" in out and "2" in out
    assert observation_count(world) == 2


def test_cli_prints_each_problem_and_exits_2(world, tmp_path, run):
    path = write_xlsx(tmp_path / "bad.xlsx", [row(), row(Plats="Marsta centrm"), row(Antal=-1)])
    code, out, err = run("import", "observations", str(path), "--user", "editor")
    lines = err.strip().splitlines()
    assert (code, out) == (2, "")
    assert lines[0].startswith("trygghetscenter: ") and "bad.xlsx" in lines[0]
    assert lines[1] == "rad 3, Plats: Okänd plats 'Marsta centrm' – menade du 'Märsta centrum'?"
    assert lines[2].startswith("rad 4, Antal: ")
    assert len(lines) == 3 and "Traceback" not in err
    assert observation_count(world) == 0


def test_cli_refuses_a_reader_and_an_unknown_user_in_one_line(world, tmp_path, run):
    path = write_xlsx(tmp_path / "ok.xlsx", [row()])
    for user in ("reader", "nobody"):
        code, out, err = run("import", "observations", str(path), "--user", user)
        assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1
    code, _out, err = run("import", "observations", str(path))
    assert code == 2 and "--user" in err
    assert observation_count(world) == 0


def test_cli_writes_templates_and_imports_measurements(world, tmp_path, run):
    indicator = make_indicator(world)
    for kind in ("observations", "measurements"):
        out_path = tmp_path / f"{kind}.xlsx"
        code, out, err = run("import", "template", kind, "--out", str(out_path))
        assert (code, err) == (0, "") and str(out_path) in out
        assert openpyxl.load_workbook(out_path).sheetnames[1:] == ["Instruktioner", "Listor"]
    path = measurement_file(tmp_path / "m.xlsx", [[indicator.name, DAY, 3, ""]])
    code, out, err = run("import", "measurements", str(path), "--user", "editor")
    assert (code, err) == (0, "") and "1" in out
    code, _out, err = run("import", "measurements", str(tmp_path / "missing.xlsx"), "--user", "editor")
    assert code == 2 and "missing.xlsx" in err


def test_cli_replaces_a_stored_measurement_only_with_replace(world, tmp_path, run):
    indicator = make_indicator(world)
    run(
        "import",
        "measurements",
        str(measurement_file(tmp_path / "a.xlsx", [[indicator.name, DAY, 3, ""]])),
        "--user",
        "editor",
    )
    changed = measurement_file(tmp_path / "b.xlsx", [[indicator.name, DAY, 4, ""]])
    code, out, err = run("import", "measurements", str(changed), "--user", "editor")
    assert (code, out) == (2, "") and "rad 2, Värde:" in err and "3,0" in err and "4,0" in err
    assert [value for _day, value, _note in stored(world)] == [3]
    code, out, err = run("import", "measurements", str(changed), "--user", "editor", "--replace")
    assert (code, err) == (0, "") and "1 ändrade" in out
    assert [value for _day, value, _note in stored(world)] == [4]


def test_cli_help_lists_the_import_commands(run, capsys):
    code, out, _err = run("import", "--help")
    assert code == 0 and "observations" in out and "template" in out
