"""Importing places and event types from Excel: problems by row and column, all-or-nothing, twice adds nothing,
the templates, and the command line (`import places|categories`, `place import`, `category import`)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import openpyxl
import pytest
import sqlalchemy as sa

import app.cli as cli
from app.db.models import Area, Category, CategoryArea, Place
from app.domain.vocabulary import PlaceType
from app.errors import PermissionDeniedError
from app.imports import (
    ImportRejected,
    import_categories,
    import_places,
    preview_categories,
    preview_places,
    write_category_template,
    write_place_template,
)
from app.services.context import SYSTEM, bind_actor

PLACE_HEADERS = [
    "Namn",
    "Kommundel",
    "Typ",
    "Latitud",
    "Longitud",
    "Dålig belysning",
    "Dålig sikt",
    "Avskild",
    "Nedskräpning",
    "Anteckningar",
]
CATEGORY_HEADERS = ["Kod", "Namn", "Överordnad kod", "Samverkansområde", "Aktiv"]


@contextlib.contextmanager
def acting(world, actor):
    with world.db.session() as s:
        bind_actor(s, actor)
        yield s


def place_row(**overrides) -> list[object]:
    values: dict[str, object] = {
        "Namn": "Märsta station",
        "Kommundel": "Märsta",
        "Typ": "Station",
        "Latitud": 59.6296,
        "Longitud": "17,8615",
        "Dålig belysning": "Ja",
        "Dålig sikt": None,
        "Avskild": "Nej",
        "Nedskräpning": "ja",
        "Anteckningar": "Gångtunneln",
    }
    values.update(overrides)
    return [values[h] for h in PLACE_HEADERS]


def write_xlsx(path: Path, headers: list[str], rows: list[list[object]], sheet: str) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers)
    for values in rows:
        ws.append(values)
    wb.save(path)
    return path


def places_file(path: Path, rows: list[list[object]]) -> Path:
    return write_xlsx(path, PLACE_HEADERS, rows, "Platser")


def categories_file(path: Path, rows: list[list[object]]) -> Path:
    return write_xlsx(path, CATEGORY_HEADERS, rows, "Händelsetyper")


def places(world) -> dict[str, Place]:
    with world.db.session() as s:
        found = {p.name: p for p in s.scalars(sa.select(Place))}
        s.expunge_all()
        return found


def categories(world) -> dict[str, tuple[str, str | None, str | None, bool]]:
    """code -> (name, parent code, area, active)."""
    with world.db.session() as s:
        by_id = {c.id: c for c in s.scalars(sa.select(Category))}
        links = s.execute(sa.select(CategoryArea.category_id, Area.name).join(Area, Area.id == CategoryArea.area_id))
        areas = {category_id: area for category_id, area in links}
        return {
            c.code: (c.name, by_id[c.parent_id].code if c.parent_id else None, areas.get(c.id), c.active)
            for c in by_id.values()
        }


def problems_of(world, importer, path) -> list[tuple[int | None, str | None, str]]:
    with acting(world, world.admin) as s, pytest.raises(ImportRejected) as caught:
        importer(s, world.admin, path)
    return [(p.row, p.column, p.message) for p in caught.value.problems]


# --- places ----------------------------------------------------------------------------------------


def test_places_import_every_row_and_twice_adds_nothing(world, tmp_path):
    path = places_file(
        tmp_path / "p.xlsx",
        [place_row(), place_row(Namn="Steninge slottsby", Kommundel="Steninge", Typ="", Latitud=None, Longitud=None)],
    )
    with acting(world, world.admin) as s:
        result = import_places(s, world.admin, path)
    assert (result.added, result.duplicates) == (2, 0)
    stored = places(world)
    station = stored["Märsta station"]
    assert (station.district, station.place_type, station.latitude, station.longitude) == (
        "Märsta",
        PlaceType.STATION,
        59.6296,
        17.8615,
    )
    assert (station.poor_lighting, station.poor_sightlines, station.secluded, station.littering) == (
        True,
        False,
        False,
        True,
    )
    assert stored["Steninge slottsby"].place_type is PlaceType.OTHER and stored["Steninge slottsby"].latitude is None

    with acting(world, world.admin) as s:
        again = import_places(s, world.admin, path)
    assert (again.added, again.duplicates) == (0, 2)
    assert len(places(world)) == 4  # the world's two and the file's two


def test_a_stored_place_with_the_same_values_is_skipped_and_other_values_are_problems(world, tmp_path):
    same = place_row(Namn="märsta CENTRUM", Typ="Centrum", Latitud=59.6225, Longitud=17.8545, **_no_traits())
    with acting(world, world.admin) as s:
        assert import_places(s, world.admin, places_file(tmp_path / "same.xlsx", [same])).duplicates == 1

    other = place_row(Namn="Märsta centrum", Kommundel="Valsta", Typ="Centrum", Latitud=59.6225, Longitud=17.8545)
    path = places_file(tmp_path / "other.xlsx", [place_row(Namn="Ny plats"), other])
    found = problems_of(world, import_places, path)
    assert {(row, column) for row, column, _message in found} == {
        (3, "Kommundel"),
        (3, "Dålig belysning"),
        (3, "Nedskräpning"),
        (3, "Anteckningar"),
    }
    assert all("Märsta centrum" in message and "place edit" in message for *_where, message in found)
    assert "Ny plats" not in places(world)  # all or nothing


def _no_traits() -> dict[str, object]:
    return {"Dålig belysning": None, "Dålig sikt": None, "Avskild": None, "Nedskräpning": None, "Anteckningar": None}


@pytest.mark.parametrize(
    ("overrides", "column", "fragment"),
    [
        ({"Namn": None}, "Namn", ""),
        ({"Kommundel": " "}, "Kommundel", ""),
        ({"Typ": "Slott"}, "Typ", "Centrum"),
        ({"Latitud": 99}, "Latitud", "70"),
        ({"Latitud": "norr"}, "Latitud", ""),
        ({"Longitud": None}, "Longitud", ""),  # half a coordinate
        ({"Avskild": "kanske"}, "Avskild", "Ja, Nej"),
        ({"Anteckningar": "x" * 9000}, "Anteckningar", ""),
    ],
)
def test_a_bad_cell_is_a_problem_of_its_row_and_column_and_nothing_is_saved(
    world, tmp_path, overrides, column, fragment
):
    path = places_file(tmp_path / "bad.xlsx", [place_row(Namn="Bra plats"), place_row(**overrides)])
    found = problems_of(world, import_places, path)
    assert [(row, col) for row, col, _message in found] == [(3, column)]
    assert fragment in found[0][2]
    assert "Bra plats" not in places(world)


def test_a_place_given_twice_differently_is_a_problem(world, tmp_path):
    path = places_file(tmp_path / "twice.xlsx", [place_row(), place_row(), place_row(Kommundel="Valsta")])
    found = problems_of(world, import_places, path)
    assert [(row, column) for row, column, _message in found] == [(4, "Namn")]
    assert "2" in found[0][2]
    # The same row twice is one place.
    with acting(world, world.admin) as s:
        result = import_places(s, world.admin, places_file(tmp_path / "ok.xlsx", [place_row(), place_row()]))
    assert (result.added, result.duplicates) == (1, 1)


def test_only_an_administrator_imports_places_and_event_types(world, tmp_path):
    path = places_file(tmp_path / "p.xlsx", [place_row()])
    for importer in (preview_places, preview_categories):
        with acting(world, world.editor) as s, pytest.raises(PermissionDeniedError):
            importer(s, world.editor, path)


def test_place_template_round_trips(world, tmp_path):
    path = tmp_path / "mall.xlsx"
    with acting(world, world.admin) as s:
        write_place_template(s, world.admin, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Platser", "Instruktioner", "Listor"]
    data = wb["Platser"]
    assert [c.value for c in data[1]] == PLACE_HEADERS
    lists = [[c.value for c in column if c.value is not None] for column in wb["Listor"].iter_cols()]
    assert any("Centrum" in values and "Bostadsområde" in values for values in lists)
    assert any(values[1:] == ["Ja", "Nej"] for values in lists)
    assert len(data.data_validations.dataValidation) >= 7  # the kinds, the four traits, the coordinates
    instructions = [c for row in wb["Instruktioner"].iter_rows(values_only=True) for c in row if c]
    assert "Märsta centrum" in instructions and "Valsta" in instructions  # places and districts to read

    # An unchanged template imports nothing; filled in, it imports.
    assert problems_of(world, import_places, path)[0][0] is None
    data.append(place_row())
    wb.save(path)
    with acting(world, world.admin) as s:
        assert import_places(s, world.admin, path).added == 1
    assert "Märsta station" in places(world)


# --- event types -----------------------------------------------------------------------------------


def test_event_types_import_with_parents_in_any_order_and_twice_adds_nothing(world, tmp_path):
    rows = [
        ["skol", "Brand i skola", "SKBR", "Ungdomsgäng", "Ja"],
        ["SKBR", "Skolbrand", "brand", "", None],
        ["VALD", "Våldsbrott", None, "otrygga platser", None],  # stored with these values: skipped
        ["GAML", "Gammal typ", None, None, "Nej"],
    ]
    path = categories_file(tmp_path / "c.xlsx", rows)
    with acting(world, world.admin) as s:
        result = import_categories(s, world.admin, path)
    assert (result.added, result.duplicates) == (3, 1)
    stored = categories(world)
    assert stored["SKOL"] == ("Brand i skola", "SKBR", "Ungdomsgäng", True)
    assert stored["SKBR"] == ("Skolbrand", "BRAND", None, True)
    assert stored["GAML"] == ("Gammal typ", None, None, False)
    with acting(world, world.admin) as s:
        again = import_categories(s, world.admin, path)
    assert (again.added, again.duplicates) == (0, 4)
    assert categories(world) == stored


@pytest.mark.parametrize(
    ("row", "column", "fragment"),
    [
        (["VALD", "Våld", None, "Otrygga platser", None], "Namn", "VALD"),
        (["VALD", "Våldsbrott", None, "Ungdomsgäng", None], "Samverkansområde", "Otrygga platser"),
        (["RAN", "Rån och personrån", None, "Otrygga platser", None], "Överordnad kod", "VALD"),
        (["VALD", "Våldsbrott", None, "Otrygga platser", "Nej"], "Aktiv", "Ja"),
        (["NY", "Ny", "NOPE", None, None], "Överordnad kod", "NOPE"),
        (["NY", "Ny", "NY", None, None], "Överordnad kod", ""),
        (["NY", "Ny", None, "Ungdomsgang", None], "Samverkansområde", "Ungdomsgäng"),
        (["NY", "Ny", None, None, "kanske"], "Aktiv", ""),
        ([None, "Ny", None, None, None], "Kod", ""),
        (["NY", None, None, None, None], "Namn", ""),
        (["N" * 40, "Ny", None, None, None], "Kod", ""),
    ],
)
def test_a_bad_event_type_row_is_a_problem_of_its_column_and_nothing_is_saved(world, tmp_path, row, column, fragment):
    path = categories_file(tmp_path / "bad.xlsx", [["BRA", "Bra typ", None, None, None], row])
    found = problems_of(world, import_categories, path)
    assert [(r, c) for r, c, _message in found] == [(3, column)]
    assert fragment in found[0][2]
    assert "BRA" not in categories(world)


def test_parent_codes_in_a_loop_and_a_code_given_twice_differently_are_problems(world, tmp_path):
    rows = [
        ["LOOPA", "A", "LOOPB", None, None],
        ["LOOPB", "B", "LOOPA", None, None],
        ["LOOPA", "Annan", None, None, None],
    ]
    found = problems_of(world, import_categories, categories_file(tmp_path / "loop.xlsx", rows))
    assert [(r, c) for r, c, _message in found] == [(2, "Överordnad kod"), (3, "Överordnad kod"), (4, "Kod")]


def test_category_template_lists_the_areas_in_force_and_round_trips(world, tmp_path):
    path = tmp_path / "mall.xlsx"
    with acting(world, SYSTEM) as s:
        write_category_template(s, SYSTEM, path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Händelsetyper", "Instruktioner", "Listor"]
    assert [c.value for c in wb["Händelsetyper"][1]] == CATEGORY_HEADERS
    lists = [[c.value for c in column if c.value is not None] for column in wb["Listor"].iter_cols()]
    assert lists[0][1:] == ["Otrygga platser", "Ungdomsgäng", "Kriminella nätverk", "Tystnadskultur"]
    instructions = [c for row in wb["Instruktioner"].iter_rows(values_only=True) for c in row if c]
    assert "VALD – Våldsbrott" in instructions
    wb["Händelsetyper"].append(["KLOT2", "Klotter på skola", "KLOT", "Ungdomsgäng", "Ja"])
    wb.save(path)
    with acting(world, SYSTEM) as s:
        assert import_categories(s, SYSTEM, path).added == 1
    assert categories(world)["KLOT2"] == ("Klotter på skola", "KLOT", "Ungdomsgäng", True)


# --- the command line ------------------------------------------------------------------------------


@pytest.fixture
def tc(world, run, monkeypatch, tmp_path):
    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    monkeypatch.delenv("TRYGGHETSCENTER_DATABASE_URL", raising=False)
    monkeypatch.delenv(cli.ENV_DEBUG, raising=False)
    url = world.db.url.render_as_string(hide_password=False)
    return lambda *argv: run("--database", url, *argv)


def test_cli_imports_places_both_ways_and_twice_adds_nothing(world, tmp_path, tc):
    path = places_file(tmp_path / "p.xlsx", [place_row(), place_row(Namn="Rosersberg station", Kommundel="Rosersberg")])
    code, out, err = tc("import", "places", str(path))
    assert (code, err) == (0, "") and "2" in out and "p.xlsx" in out
    code, out, err = tc("place", "import", str(path), "--user", "admin")
    assert (code, err) == (0, "") and "0" in out and "2" in out
    assert {"Märsta station", "Rosersberg station"} <= set(places(world))


def test_cli_prints_each_problem_by_row_and_column_and_exits_2(world, tmp_path, tc):
    path = places_file(tmp_path / "bad.xlsx", [place_row(), place_row(Namn="X", Typ="Slott", Latitud=99)])
    for argv in (("import", "places", str(path)), ("place", "import", str(path))):
        code, out, err = tc(*argv)
        lines = err.strip().splitlines()
        assert (code, out) == (2, "") and "Traceback" not in err
        assert lines[0].startswith("trygghetscenter: ") and "bad.xlsx" in lines[0]
        assert lines[1].startswith("rad 3, Typ: ") and lines[2].startswith("rad 3, Latitud: ")
        assert len(lines) == 3
    assert "Märsta station" not in places(world)


def test_cli_imports_event_types_and_refuses_a_non_admin_in_one_line(world, tmp_path, tc):
    path = categories_file(tmp_path / "c.xlsx", [["NY", "Ny typ", "VALD", "Otrygga platser", None]])
    for user in ("editor", "nobody"):
        code, out, err = tc("category", "import", str(path), "--user", user)
        assert (code, out) == (2, "") and len(err.strip().splitlines()) == 1
    assert "NY" not in categories(world)
    code, out, err = tc("import", "categories", str(path), "--user", "admin")
    assert (code, err) == (0, "") and "1" in out
    code, out, err = tc("category", "import", str(path))
    assert (code, err) == (0, "") and "0" in out
    assert categories(world)["NY"] == ("Ny typ", "VALD", "Otrygga platser", True)


def test_cli_writes_the_templates(world, tmp_path, tc):
    for kind, sheet in (("places", "Platser"), ("categories", "Händelsetyper")):
        out_path = tmp_path / f"{kind}.xlsx"
        code, out, err = tc("import", "template", kind, "--out", str(out_path))
        assert (code, err) == (0, "") and str(out_path) in out
        assert openpyxl.load_workbook(out_path).sheetnames == [sheet, "Instruktioner", "Listor"]
    # Filled in, the written template imports through the other spelling.
    wb = openpyxl.load_workbook(tmp_path / "places.xlsx")
    wb["Platser"].append(place_row(Namn="Sigtuna busstation", Kommundel="Sigtuna stad"))
    wb.save(tmp_path / "places.xlsx")
    code, out, err = tc("place", "import", str(tmp_path / "places.xlsx"))
    assert (code, err) == (0, "") and "1" in out
    assert places(world)["Sigtuna busstation"].place_type is PlaceType.STATION
    code, out, _err = tc("import", "--help")
    assert code == 0 and "places" in out and "categories" in out
