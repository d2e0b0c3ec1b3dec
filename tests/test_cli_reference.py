"""The reference-data commands (place, category, area, period, org), run in-process on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

import app.cli as cli
from app.db.engine import Database
from app.db.models import (
    AgreementPeriod,
    Area,
    AuditEntry,
    Category,
    CategoryArea,
    Observation,
    Organisation,
    Place,
)
from app.domain.vocabulary import OrganisationKind, PlaceType
from tests.cli_support import assert_one_line_error, seed_office

TODAY = dt.date.today()


@pytest.fixture
def tc(world, run, monkeypatch, tmp_path):
    """`trygghetscenter --database <the world's database> ...`, with none of the user's own settings."""
    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    monkeypatch.setenv("TRYGGHETSCENTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("TRYGGHETSCENTER_DATABASE_URL", raising=False)
    monkeypatch.delenv(cli.ENV_DEBUG, raising=False)
    url = world.db.url.render_as_string(hide_password=False)
    return lambda *argv: run("--database", url, *argv)


def one(world, model, **where):
    with world.db.session() as s:
        row = s.scalars(sa.select(model).filter_by(**where)).one_or_none()
        if row is not None:
            s.expunge(row)
        return row


def observe(world, place: str, code: str, count: int = 1) -> None:
    with world.db.session() as s:
        s.add(
            Observation(
                occurred_on=TODAY - dt.timedelta(days=1),
                place_id=s.scalars(sa.select(Place.id).where(Place.name == place)).one(),
                category_id=s.scalars(sa.select(Category.id).where(Category.code == code)).one(),
                count=count,
                organisation_id=world.kommun.id,
            )
        )


def area_of(world, code: str) -> str | None:
    """The area the event type counts to in the newest period."""
    with world.db.session() as s:
        return s.scalar(
            sa.select(Area.name)
            .join(CategoryArea, CategoryArea.area_id == Area.id)
            .join(Category, Category.id == CategoryArea.category_id)
            .join(AgreementPeriod, AgreementPeriod.id == CategoryArea.agreement_period_id)
            .where(Category.code == code)
            .order_by(AgreementPeriod.starts_on.desc())
            .limit(1)
        )


def error_line(result) -> str:
    code, out, err = result
    return assert_one_line_error(code, out, err)


# --- places ----------------------------------------------------------------------------------------


def test_place_add_list_edit_retire_and_delete(world, tc):
    code, out, err = tc(
        "place", "add", "Märsta station", "--district", "Märsta", "--kind", "station",
        "--lat", "59,6296", "--lon", "17.8615", "--trait", "poor_lighting", "--trait", "littering",
        "--notes", "Gångtunneln",
    )  # fmt: skip
    assert (code, err) == (0, "") and "Märsta station" in out
    place = one(world, Place, name="Märsta station")
    place_id = place.id
    assert (place.district, place.place_type, place.latitude, place.longitude) == (
        "Märsta",
        PlaceType.STATION,
        59.6296,
        17.8615,
    )
    assert (place.poor_lighting, place.littering, place.secluded, place.notes) == (True, True, False, "Gångtunneln")

    code, out, err = tc("place", "list")
    assert (code, err) == (0, "")
    assert [line.split()[0] for line in out.splitlines()[2:]] == ["Märsta", "Märsta", "Valsta"]

    # Found ignoring case; a label works for the kind, as the value does.
    code, out, err = tc(
        "place", "edit", "MÄRSTA STATION", "--name", "Märsta pendeltågsstation", "--no-trait", "littering",
        "--trait", "secluded", "--kind", "Skola", "--no-coordinates",
    )  # fmt: skip
    assert (code, err) == (0, "")
    place = one(world, Place, name="Märsta pendeltågsstation")
    assert (place.place_type, place.latitude, place.longitude) == (PlaceType.SCHOOL, None, None)
    assert (place.poor_lighting, place.littering, place.secluded, place.version) == (True, False, True, 2)

    code, out, _err = tc("place", "edit", "Märsta pendeltågsstation", "--district", "Märsta")
    assert code == 0 and one(world, Place, name="Märsta pendeltågsstation").version == 2  # nothing to change

    assert tc("place", "retire", "märsta pendeltågsstation")[0] == 0
    assert one(world, Place, name="Märsta pendeltågsstation").active is False
    assert "Märsta pendeltågsstation" not in tc("place", "list")[1]
    assert "Märsta pendeltågsstation" in tc("place", "list", "--all")[1]
    assert tc("place", "edit", "Märsta pendeltågsstation", "--active")[0] == 0
    assert one(world, Place, name="Märsta pendeltågsstation").active is True

    assert tc("place", "delete", "Märsta pendeltågsstation")[0] == 0
    assert one(world, Place, name="Märsta pendeltågsstation") is None
    with world.db.session() as s:  # every change went through the audited service, the unchanged edit not
        operations = s.scalars(
            sa.select(AuditEntry.operation)
            .where(AuditEntry.table_name == "place", AuditEntry.row_id == place_id)
            .order_by(AuditEntry.id)
        ).all()
    assert [str(o) for o in operations] == ["insert", "update", "update", "update", "delete"]


def test_place_in_use_is_not_deleted_but_merged(world, tc):
    observe(world, "Valsta centrum", "VALD", count=3)
    observe(world, "Valsta centrum", "ORDN")
    line = error_line(tc("place", "delete", "Valsta centrum"))
    assert "2" in line
    assert one(world, Place, name="Valsta centrum") is not None

    code, out, err = tc("place", "merge", "valsta centrum", "--into", "Märsta centrum")
    assert (code, err) == (0, "")
    assert "Valsta centrum" in out and "Märsta centrum" in out and "2" in out
    assert one(world, Place, name="Valsta centrum") is None
    with world.db.session() as s:
        places = set(s.scalars(sa.select(Observation.place_id)))
    assert places == {world.places["Märsta centrum"].id}


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (
            ("place", "edit", "Marsta centrum", "--district", "X"),
            ("Marsta centrum", "Märsta centrum", "Valsta centrum"),
        ),
        (("place", "retire", "Nowhere"), ("Nowhere", "Märsta centrum")),
        (("place", "merge", "Nowhere", "--into", "Märsta centrum"), ("Nowhere",)),
        (("place", "merge", "Märsta centrum", "--into", "Nowhere"), ("Nowhere",)),
        (("place", "add", "MÄRSTA CENTRUM", "--district", "Märsta"), ("Märsta centrum",)),  # names the holder
        (("place", "edit", "Valsta centrum", "--name", "märsta centrum"), ("Märsta centrum",)),
        (("place", "add", "Ny", "--district", "Märsta", "--kind", "castle"), ("--kind", "castle", "centre")),
        (("place", "add", "Ny", "--district", "Märsta", "--trait", "ugly"), ("--trait", "ugly", "poor_lighting")),
        (("place", "add", "Ny", "--district", "Märsta", "--lat", "59.6"), ("--lon",)),
        (("place", "add", "Ny", "--district", "Märsta", "--lat", "99", "--lon", "17"), ("--lat",)),
        (("place", "add", "Ny", "--district", "Märsta", "--lat", "north", "--lon", "17"), ("--lat",)),
        (("place", "add", "Ny", "--district", " "), ("--district",)),
        (("place", "add", "Ny"), ("--district",)),
        (("place", "edit", "Valsta centrum", "--trait", "secluded", "--no-trait", "secluded"), ("secluded",)),
        (("place", "edit", "Valsta centrum", "--no-coordinates", "--lat", "59"), ("--no-coordinates",)),
        (("place", "edit", "Valsta centrum", "--active", "--inactive"), ("--inactive",)),
        (("place", "merge", "Valsta centrum", "--into", "valsta centrum"), ("--into",)),
    ],
)
def test_place_errors_are_one_line_and_change_nothing(world, tc, argv, fragments):
    before = tc("place", "list", "--all")[1]
    line = error_line(tc(*argv))
    for fragment in fragments:
        assert fragment in line
    assert tc("place", "list", "--all")[1] == before


def test_help_shows_the_kinds_and_traits_with_their_labels(tc):
    code, out, _err = tc("place", "add", "--help")
    assert code == 0
    assert "centre (Centrum)" in out and "residential (Bostadsområde)" in out
    assert "poor_lighting (Dålig belysning)" in out
    code, out, _err = tc("org", "add", "--help")
    assert code == 0 and "municipal_company" in out and "rescue_service" in out


# --- event types -----------------------------------------------------------------------------------


def test_category_list_is_a_tree_with_the_areas(world, tc):
    code, out, err = tc("category", "list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    names = [line.split("  ")[0] for line in lines[2:]]
    vald, ran = names.index("VALD"), names.index("RAN")
    assert ran == vald + 1  # the child right under its parent, indented
    assert "  Rån och personrån" in lines[2 + ran] and "Otrygga platser" in lines[2 + ran]
    assert "Samverkansöverenskommelse" in lines[0]


def test_category_add_edit_retire(world, tc):
    code, out, err = tc("category", "add", "skol", "Skolbrand", "--parent", "brand", "--area", "ungdomsgäng")
    assert (code, err) == (0, "") and "SKOL" in out
    row = one(world, Category, code="SKOL")
    assert row.parent_id == one(world, Category, code="BRAND").id and area_of(world, "SKOL") == "Ungdomsgäng"

    # No events move, so no --yes is needed; an unchanged area keeps its link.
    code, out, err = tc(
        "category", "edit", "SKOL", "--name", "Brand i skola", "--no-parent", "--area", "Otrygga platser"
    )
    assert (code, err) == (0, "") and "Ungdomsgäng" in out and "Otrygga platser" in out
    row = one(world, Category, code="SKOL")
    assert (row.name, row.parent_id, area_of(world, "SKOL")) == ("Brand i skola", None, "Otrygga platser")
    assert tc("category", "edit", "SKOL", "--code", "SKBR")[0] == 0
    assert area_of(world, "SKBR") == "Otrygga platser"

    assert tc("category", "retire", "skbr")[0] == 0
    row = one(world, Category, code="SKBR")
    assert row.active is False and area_of(world, "SKBR") == "Otrygga platser"
    assert tc("category", "edit", "SKBR", "--no-area")[0] == 0
    assert area_of(world, "SKBR") is None


def test_moving_events_to_another_area_needs_yes(world, tc):
    observe(world, "Märsta centrum", "HOT", count=4)
    code, out, err = tc("category", "edit", "HOT", "--area", "Ungdomsgäng")
    line = assert_one_line_error(code, "", err)
    assert "--yes" in line and "4" in line
    assert "Otrygga platser" in out and "Ungdomsgäng" in out and "4" in out  # what the move does, before saving
    assert area_of(world, "HOT") == "Otrygga platser"
    code, out, err = tc("category", "edit", "HOT", "--area", "Ungdomsgäng", "--yes")
    assert (code, err) == (0, "") and "4" in out
    assert area_of(world, "HOT") == "Ungdomsgäng"


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (("category", "edit", "NOPE", "--name", "x"), ("NOPE", "BELY", "8")),
        (("category", "retire", "NOPE"), ("NOPE",)),
        (("category", "add", "vald", "Något"), ("Våldsbrott",)),  # the code's holder is named
        (("category", "add", "NY", "Ny", "--parent", "NOPE"), ("NOPE",)),
        (("category", "add", "NY", "Ny", "--area", "Nowhere"), ("Nowhere", "Otrygga platser")),
        (("category", "add", "NY", "Ny", "--period", "Nowhere"), ("Nowhere",)),
        (("category", "add", "NY", " "), ()),
        (("category", "edit", "VALD", "--parent", "RAN"), ("--parent",)),  # a loop
        (("category", "edit", "VALD", "--parent", "RAN", "--no-parent"), ("--no-parent",)),
        (("category", "list", "--period", "Nowhere"), ("Nowhere",)),
    ],
)
def test_category_errors_are_one_line_and_change_nothing(world, tc, argv, fragments):
    before = tc("category", "list")[1]
    line = error_line(tc(*argv))
    for fragment in fragments:
        assert fragment.casefold() in line.casefold()
    assert tc("category", "list")[1] == before


# --- areas and periods -----------------------------------------------------------------------------


def test_area_add_edit_retire_in_the_period_in_force(world, tc):
    code, out, err = tc("area", "list")
    assert (code, err) == (0, "")
    assert [line.split("  ")[0].strip() for line in out.splitlines()[2:]] == ["1", "2", "3", "4"]
    code, out, err = tc("area", "add", "Trafik", "--description", "Mopeder och bilar")
    assert (code, err) == (0, "")
    area = one(world, Area, name="Trafik")
    assert (area.sort_order, area.description) == (5, "Mopeder och bilar")
    assert tc("area", "edit", "trafik", "--name", "Trafiken", "--order", "0")[0] == 0
    assert one(world, Area, name="Trafiken").sort_order == 0
    assert tc("area", "list")[1].splitlines()[2].split()[1] == "Trafiken"
    assert tc("area", "retire", "Trafiken")[0] == 0
    assert one(world, Area, name="Trafiken").active is False


def test_period_add_with_copied_areas_then_edit(world, tc):
    code, out, err = tc("period", "list")
    assert (code, err) == (0, "") and len(out.splitlines()) == 3
    current = out.splitlines()[2].split("  ")[0]
    start = dt.date(TODAY.year + 3, 1, 1)
    code, out, err = tc(
        "period", "add", "Nästa avtal", "--from", start.isoformat(), "--to", start.replace(year=start.year + 3).isoformat(),
        "--signed", TODAY.isoformat(), "--signed-by", "Kommunstyrelsen", "--copy-areas-from", current.upper(),
    )  # fmt: skip
    assert (code, err) == (0, "") and "4" in out
    period = one(world, AgreementPeriod, name="Nästa avtal")
    assert (period.signed_on, period.signed_by) == (TODAY, "Kommunstyrelsen")
    assert len(tc("area", "list", "--period", "nästa avtal")[1].splitlines()) == 6
    # The copy's areas are the new period's own: a change there leaves the current period's as they were.
    assert tc("area", "edit", "Tystnadskultur", "--period", "Nästa avtal", "--name", "Förtroende")[0] == 0
    assert "Tystnadskultur" in tc("area", "list")[1]
    assert "Förtroende" not in tc("area", "list")[1]
    # The event types count to the new period's copy of their area there, and to the old one here.
    hotv = next(line for line in tc("category", "list", "--period", "Nästa avtal")[1].splitlines() if "HOTV" in line)
    assert (
        "Förtroende" in hotv and "Nästa avtal" in tc("category", "list", "--period", "Nästa avtal")[1].splitlines()[0]
    )
    assert "Tystnadskultur" in next(line for line in tc("category", "list")[1].splitlines() if "HOTV" in line)

    assert tc("period", "edit", "Nästa avtal", "--name", "Avtal 2029", "--signed-by", "KS")[0] == 0
    assert one(world, AgreementPeriod, name="Avtal 2029").signed_by == "KS"
    assert "Avtal 2029" in tc("period", "list")[1]


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (("period", "add", "X", "--from", "2031-13-01", "--to", "2032-01-01"), ("--from", "2031-13-01")),
        (("period", "add", "X", "--from", "2031-01-01", "--to", "soon"), ("--to", "soon")),
        (("period", "add", "X", "--from", "2033-01-01", "--to", "2032-01-01"), ("--to",)),
        (("period", "add", "X", "--from", "1800-01-01", "--to", "2032-01-01"), ("--from",)),
        (("period", "add", "X", "--from", "2031-01-01"), ("--to",)),
        (("period", "add", "X", "--from", f"{TODAY.year}-06-01", "--to", f"{TODAY.year + 5}-01-01"), ("--from",)),
        (
            ("period", "add", "X", "--from", "2040-01-01", "--to", "2041-01-01", "--copy-areas-from", "Nowhere"),
            ("Nowhere", "Samverkansöverenskommelse"),
        ),
        (("period", "edit", "Nowhere", "--signed-by", "KS"), ("Nowhere",)),
        (("area", "list", "--period", "Nowhere"), ("Nowhere",)),
        (("area", "add", "ungdomsgäng"), ("Ungdomsgäng",)),  # names the holder
        (("area", "add", "Ny", "--order", "-1"), ("--order",)),
        (("area", "edit", "Nowhere", "--order", "2"), ("Nowhere", "Otrygga platser")),
        (("area", "retire", "Nowhere"), ("Nowhere",)),
    ],
)
def test_period_and_area_errors_are_one_line_and_change_nothing(world, tc, argv, fragments):
    before = tc("period", "list")[1], tc("area", "list")[1]
    line = error_line(tc(*argv))
    for fragment in fragments:
        assert fragment in line
    assert (tc("period", "list")[1], tc("area", "list")[1]) == before


def test_period_names_clash_is_reported_with_the_holder(world, tc):
    current = tc("period", "list")[1].splitlines()[2].split("  ")[0]
    line = error_line(tc("period", "add", current.lower(), "--from", "2040-01-01", "--to", "2041-01-01"))
    assert current in line


# --- organisations ---------------------------------------------------------------------------------


def test_org_add_edit_retire(world, tc):
    code, out, err = tc("org", "add", "Sigtunahem AB", "--short", "Sigtunahem", "--kind", "municipal_company")
    assert (code, err) == (0, "") and "Sigtunahem" in out
    org = one(world, Organisation, short_name="Sigtunahem")
    assert (org.name, org.kind, org.active) == ("Sigtunahem AB", OrganisationKind.MUNICIPAL_COMPANY, True)
    assert tc("org", "edit", "sigtunahem", "--name", "AB Sigtunahem", "--kind", "business")[0] == 0
    assert one(world, Organisation, short_name="Sigtunahem").kind is OrganisationKind.BUSINESS
    assert tc("org", "retire", "Sigtunahem")[0] == 0
    assert one(world, Organisation, short_name="Sigtunahem").active is False
    code, out, err = tc("org", "list")
    assert (code, err) == (0, "") and "Sigtunahem" in out and "Kommunen" in out


@pytest.mark.parametrize(
    ("argv", "fragments"),
    [
        (("org", "add", "Sigtunahem AB", "--short", "S", "--kind", "company"), ("--kind", "company")),
        (("org", "add", "Sigtunahem AB", "--short", "S"), ("--kind",)),
        (("org", "add", "sigtuna kommun", "--short", "S", "--kind", "other"), ("Sigtuna kommun",)),
        (("org", "add", "Ny", "--short", "POLISEN", "--kind", "other"), ("Polisen, lokalpolisområde Sollentuna",)),
        (("org", "edit", "Kommunen", "--short", "polisen"), ("--short", "Polisen, lokalpolisområde Sollentuna")),
        (("org", "edit", "Nowhere", "--name", "x"), ("Nowhere", "Kommunen", "Polisen")),
        (("org", "retire", "Nowhere"), ("Nowhere",)),
    ],
)
def test_org_errors_are_one_line_and_change_nothing(world, tc, argv, fragments):
    before = tc("org", "list")[1]
    line = error_line(tc(*argv))
    for fragment in fragments:
        assert fragment in line
    assert tc("org", "list")[1] == before


def test_the_commands_work_on_a_database_that_enforces_access_itself(run, fresh_database_url, pg_server, tmp_path):
    """Run by whoever administers the database (its owner), as `user` is: after `db init-roles`,
    places and category links are admins' tables, and merging moves every organisation's rows."""
    url = fresh_database_url("postgresql")
    try:
        assert run("--database", url, "db", "upgrade")[0] == 0
        seed_office(url)  # the seed's period, areas and event types (a new database is left empty)
        assert run("--database", url, "db", "init-roles")[0] == 0
        for argv in (
            ("place", "add", "Märsta station", "--district", "Märsta", "--kind", "station"),
            ("place", "add", "Märsta stn", "--district", "Märsta"),
            ("org", "add", "Sigtunahem AB", "--short", "Sigtunahem", "--kind", "municipal_company"),
            ("area", "add", "Trafik"),
            ("category", "add", "MOPD", "Mopedbuskörning", "--parent", "TRAF", "--area", "Trafik"),
        ):
            code, out, err = run("--database", url, *argv)
            assert (code, err) == (0, ""), argv
        db = Database(url)
        try:
            with db.session() as s:
                place = s.scalars(sa.select(Place.id).where(Place.name == "Märsta stn")).one()
                category = s.scalars(sa.select(Category.id).where(Category.code == "MOPD")).one()
                org = s.scalars(sa.select(Organisation.id).where(Organisation.short_name == "Polisen")).one()
                s.add(Observation(occurred_on=TODAY, place_id=place, category_id=category, organisation_id=org))
        finally:
            db.dispose()
        code, out, err = run("--database", url, "category", "edit", "MOPD", "--area", "Ungdomsgäng")
        assert code == 2 and "--yes" in err
        assert run("--database", url, "category", "edit", "MOPD", "--area", "Ungdomsgäng", "--yes")[0] == 0
        code, out, err = run("--database", url, "place", "merge", "Märsta stn", "--into", "Märsta station")
        assert (code, err) == (0, "") and "1" in out
        code, out, err = run("--database", url, "place", "list")
        assert (code, err) == (0, "") and "Märsta stn" not in out and "Märsta station" in out
    finally:
        pg_server.drop_secured(url, [])
