"""Setting up a new office without demo data: the service on SQLite and PostgreSQL, and `setup` on the
command line (options for scripts, questions on a terminal)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.cli import common
from app.db.engine import Database
from app.db.models import AgreementPeriod, Area, Category, CategoryArea, Organisation, User
from app.domain.vocabulary import OrganisationKind, Role
from app.errors import ValidationError
from app.services import setup
from app.services.auth import LocalAuthenticator
from app.services.context import SYSTEM, bind_actor
from app.services.setup import AreaEntry, OfficeSetup, OrganisationEntry
from tests.cli_support import Terminal, assert_one_line_error
from tests.conftest import BACKENDS

PASSWORD = "correct horse battery"


def office(**changes) -> OfficeSetup:
    data = OfficeSetup(
        kommun="Knivsta",
        organisations=setup.default_organisations("Knivsta"),
        period_name="Samverkansöverenskommelse 2026–2029",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2029, 12, 31),
        signed_on=dt.date(2025, 12, 10),
        signed_by="Kommunstyrelsens ordförande, lokalpolisområdeschefen",
        areas=[AreaEntry("Otrygga platser", "Platserna lägesbilden pekar ut"), AreaEntry("Skolor", "")],
        admin_username="Anna.A",
        admin_display_name="Anna Andersson",
        admin_organisation="kommunen",
        admin_password=PASSWORD,
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def counts(db) -> dict[str, int]:
    with db.session() as s:
        return {
            m.__tablename__: s.scalar(sa.select(sa.func.count()).select_from(m))
            for m in (Organisation, AgreementPeriod, Area, Category, CategoryArea, User)
        }


NOTHING = dict.fromkeys(["organisation", "agreement_period", "area", "category", "category_area", "app_user"], 0)


# --- the service ---------------------------------------------------------------------------------------


def test_set_up_creates_the_office_and_its_administrator_signs_in(db):
    with db.session() as s:
        assert setup.needs_setup(s)
    result = setup.set_up(db, office())

    assert [(o.name, o.short_name, o.kind) for o in result.organisations] == [
        ("Knivsta kommun", "Kommunen", OrganisationKind.MUNICIPALITY),
        ("Polisen", "Polisen", OrganisationKind.POLICE),
        ("Räddningstjänsten", "Räddningstjänsten", OrganisationKind.RESCUE_SERVICE),
    ]
    period = result.period
    assert (period.name, period.starts_on, period.ends_on, period.signed_on) == (
        "Samverkansöverenskommelse 2026–2029",
        dt.date(2026, 1, 1),
        dt.date(2029, 12, 31),
        dt.date(2025, 12, 10),
    )
    assert period.signed_by.startswith("Kommunstyrelsens")
    assert [(a.name, a.sort_order, a.agreement_period_id) for a in result.areas] == [
        ("Otrygga platser", 1, period.id),
        ("Skolor", 2, period.id),
    ]
    # The standard event types, counted to the areas whose names the office kept.
    assert result.categories == 16
    with db.session() as s:
        links = dict(
            s.execute(
                sa.select(Category.code, Area.name)
                .join(CategoryArea, CategoryArea.category_id == Category.id)
                .join(Area, Area.id == CategoryArea.area_id)
            ).all()
        )
        klotter = s.scalar(sa.select(Category).where(Category.code == "KLOT"))
        assert klotter.parent.code == "SKAD"
        assert not setup.needs_setup(s)
    assert links == {code: "Otrygga platser" for code in ("VALD", "RAN", "NARK", "ORDN", "HOT")}
    assert result.linked_categories == 5

    assert (result.admin.username, result.admin.role, result.admin.organisation_short_name) == (
        "anna.a",
        Role.ADMIN,
        "Kommunen",
    )
    actor = LocalAuthenticator(db).authenticate("anna.a", PASSWORD)
    assert actor.is_admin and actor.organisation_name == "Knivsta kommun"


def test_without_the_standard_event_types_none_are_created(db):
    result = setup.set_up(db, office(standard_categories=False, areas=setup.standard_areas()))
    assert result.categories == 0
    assert [a.name for a in result.areas] == ["Otrygga platser", "Ungdomsgäng", "Kriminella nätverk", "Tystnadskultur"]
    assert counts(db)["category"] == 0


def test_every_wrong_field_is_reported_at_once_and_nothing_is_created(db):
    wrong = office(
        kommun=" ",
        organisations=[
            OrganisationEntry("Knivsta kommun", "Kommunen", "municipality"),
            OrganisationEntry("", "Polisen", "police"),
            OrganisationEntry("Knivsta kommun", "Kommunen", "no such kind"),
        ],
        period_name="",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2025, 1, 1),
        signed_on=dt.date(1900, 1, 1),
        areas=[AreaEntry("Otrygga platser"), AreaEntry("otrygga platser"), AreaEntry("")],
        admin_username="A B",
        admin_display_name="",
        admin_organisation="Brandkåren",
        admin_password="short",
    )
    with pytest.raises(ValidationError) as info:
        setup.set_up(db, wrong)
    errors = info.value.errors
    assert set(errors) == {
        "kommun",
        "organisations.1.name",
        "organisations.2.name",
        "organisations.2.short_name",
        "organisations.2.kind",
        "period.name",
        "period.ends_on",
        "period.signed_on",
        "areas.2.name",
        "admin.username",
        "admin.display_name",
        "admin.organisation",
        "admin.password",
    }
    # A taken name says which row has it; an unknown organisation names the office's own.
    assert "Knivsta kommun" in errors["organisations.2.name"]
    assert "Brandkåren" in errors["admin.organisation"] and "Kommunen" in errors["admin.organisation"]
    assert counts(db) == NOTHING


def test_areas_of_the_same_name_are_refused_when_the_period_is_right(db):
    with pytest.raises(ValidationError) as info:
        setup.set_up(db, office(areas=[AreaEntry("Skolor"), AreaEntry("skolor")]))
    assert set(info.value.errors) == {"areas.1.name"}
    assert "Skolor" in info.value.errors["areas.1.name"]
    assert counts(db) == NOTHING


def test_an_office_needs_organisations_and_areas(db):
    with pytest.raises(ValidationError) as info:
        setup.set_up(db, office(organisations=[], areas=[]))
    assert {"organisations", "areas"} <= set(info.value.errors)
    assert counts(db) == NOTHING


def test_an_administrator_of_a_wrong_organisation_is_not_reported_twice(db):
    organisations = [OrganisationEntry("Knivsta kommun", "", "municipality")]
    with pytest.raises(ValidationError) as info:
        setup.set_up(db, office(organisations=organisations, admin_organisation="Knivsta kommun"))
    assert set(info.value.errors) == {"organisations.0.short_name"}


def test_set_up_is_refused_once_the_database_has_users(world):
    before = counts(world.db)
    with world.db.session() as s:
        assert not setup.needs_setup(s)
    with pytest.raises(setup.OfficeExistsError):
        setup.set_up(world.db, office())
    assert counts(world.db) == before


def test_set_up_office_in_a_session_leaves_it_usable_after_refusing(db):
    with db.session() as s:
        bind_actor(s, SYSTEM)
        with pytest.raises(ValidationError):
            setup.set_up_office(s, office(kommun=""))
        assert s.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0
        setup.set_up_office(s, office())
    assert counts(db)["app_user"] == 1


def test_what_is_offered():
    assert setup.kommun_name(" Knivsta ") == "Knivsta kommun"
    assert setup.kommun_name("Knivsta kommun") == "Knivsta kommun"
    assert [a.name for a in setup.standard_areas()] == [
        "Otrygga platser",
        "Ungdomsgäng",
        "Kriminella nätverk",
        "Tystnadskultur",
    ]
    name, first, last = setup.default_period(dt.date(2027, 5, 1))
    assert (first, last) == (dt.date(2027, 1, 1), dt.date(2030, 12, 31)) and "2027–2030" in name


# --- the command line ----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def hermetic(monkeypatch, tmp_path):
    monkeypatch.delenv("TRYGGHETSCENTER_DATABASE_URL", raising=False)
    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    monkeypatch.setenv("TRYGGHETSCENTER_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(params=BACKENDS)
def url(request, fresh_database_url) -> str:
    return fresh_database_url(request.param)


def set_up_by_options(run, url, *extra: str, password: str = PASSWORD):
    return run(
        "--database",
        url,
        "setup",
        "--kommun",
        "Knivsta",
        "--org",
        "Knivsta kommun;Kommunen;municipality",
        "--org",
        "Polisen, lokalpolisområde Märsta;Polisen;police",
        "--org",
        "Knivstabostäder;Bostäder;Municipal company",
        "--period-name",
        "Överenskommelse 2026–2028",
        "--from",
        "2026-01-01",
        "--to",
        "2028-12-31",
        "--signed-by",
        "KS ordförande",
        "--admin",
        "anna",
        "--admin-name",
        "Anna Andersson",
        "--admin-org",
        "Kommunen",
        "--password-stdin",
        *extra,
        stdin=password + "\n",
    )


def test_cli_sets_up_the_office_and_says_what_next(run, url):
    code, out, err = set_up_by_options(run, url, "--area", "Otrygga platser;Centrum och stationen", "--area", "Skolor")
    assert (code, err) == (0, "")
    for text in ("Knivsta kommun", "Knivstabostäder", "Överenskommelse 2026–2028", "Otrygga platser", "anna"):
        assert text in out
    assert "import template places --out" in out and "import template categories --out" in out
    assert f"trygghetscenter --database '{url}'" in out  # how to start the program on this database
    db = Database(url)
    try:
        with db.session() as s:
            kinds = dict(s.execute(sa.select(Organisation.short_name, Organisation.kind)).all())
            areas = list(s.scalars(sa.select(Area.name).order_by(Area.sort_order)))
        assert kinds["Bostäder"] is OrganisationKind.MUNICIPAL_COMPANY  # the kind by its label too
        assert areas == ["Otrygga platser", "Skolor"]
        assert counts(db)["category"] == 16
        assert LocalAuthenticator(db).authenticate("anna", PASSWORD).is_admin
    finally:
        db.dispose()

    # Set up once: a second run is one line, and the user commands work on the office.
    before = counts(Database(url))
    line = assert_one_line_error(*set_up_by_options(run, url, "--standard-areas"))
    assert "--help" in line
    assert counts(Database(url)) == before
    code, out, _err = run("--database", url, "user", "list")
    assert code == 0 and "anna" in out


def test_cli_standard_areas_without_event_types(run, url):
    code, _out, err = set_up_by_options(run, url, "--standard-areas", "--no-standard-categories")
    assert (code, err) == (0, "")
    db = Database(url)
    try:
        assert counts(db)["area"] == 4 and counts(db)["category"] == 0
    finally:
        db.dispose()


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--standard-areas", "--from", "2026-13-01"], "2026-13-01"),
        (["--standard-areas", "--to", "2025-01-01"], "--to"),
        (["--standard-areas", "--org", "Bara ett namn"], "Bara ett namn"),
        (["--standard-areas", "--org", "A;B;brandkår"], "brandkår"),
        (["--area", "Otrygga platser", "--standard-areas"], "--standard-areas"),
        (["--area", ";beskrivning utan namn"], "--area 1"),
        (["--standard-areas", "--admin-org", "Brandkåren"], "--admin-org"),
    ],
)
def test_cli_wrong_options_are_one_line_and_create_nothing(run, url, extra, expected):
    assert run("--database", url, "db", "upgrade")[0] == 0
    line = assert_one_line_error(*set_up_by_options(run, url, *extra))
    assert expected in line
    db = Database(url)
    try:
        assert counts(db) == NOTHING
    finally:
        db.dispose()


def test_cli_short_password_and_missing_options_are_one_line(run, url):
    assert "lösenord" in assert_one_line_error(*set_up_by_options(run, url, "--standard-areas", password="short"))
    line = assert_one_line_error(*run("--database", url, "setup", "--kommun", "Knivsta"))
    assert "--admin" in line and "--password-stdin" in line and "--standard-areas" in line
    # Without options and without a terminal there is nobody to ask.
    assert "--help" in assert_one_line_error(*run("--database", url, "setup"))


def test_user_add_on_a_new_database_says_to_set_it_up_first(run, url):
    line = assert_one_line_error(
        *run(
            "--database",
            url,
            "user",
            "add",
            "bo",
            "--name",
            "Bo",
            "--org",
            "Polisen",
            "--role",
            "admin",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
    )
    assert "trygghetscenter setup" in line


def test_cli_asks_on_a_terminal_and_asks_again_keeping_the_answers(run, monkeypatch, fresh_database_url):
    url = fresh_database_url("sqlite")
    passwords = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(common.getpass, "getpass", lambda prompt="": next(passwords))
    first = [
        "Knivsta",  # kommun
        "",  # organisation 1: name as offered (Knivsta kommun)
        "",  # short name
        "",  # kind
        "-",  # organisation 2 (Polisen): left out
        "",  # organisation 3 (Räddningstjänsten) as offered
        "",
        "",
        "Knivstabostäder",  # another organisation
        "Bostäder",
        "municipal_company",
        "",  # no more
        "",  # period name as offered
        "2026-01-01",
        "2025-01-01",  # before the first day: asked again after the service says so
        "",  # signed on
        "",  # signed by
        "",  # the four areas: yes
        "n",  # no standard event types
        "anna",
        "Anna Andersson",
        "",  # organisation: the first one's short name
    ]
    again = ["y"] + [""] * 13 + ["2029-12-31"] + [""] * 7
    stdin = Terminal("\n".join(first + again) + "\n")
    code, out, err = run("--database", url, "setup", stdin=stdin)
    assert (code, err) == (0, ""), out
    assert "Nothing was created yet" in out or "Inget har skapats" in out
    assert "[Knivsta]" in out  # the second round offers the first round's answers
    db = Database(url)
    try:
        with db.session() as s:
            names = set(s.scalars(sa.select(Organisation.name)))
            period = s.scalar(sa.select(AgreementPeriod))
            assert (period.starts_on, period.ends_on) == (dt.date(2026, 1, 1), dt.date(2029, 12, 31))
        assert names == {"Knivsta kommun", "Räddningstjänsten", "Knivstabostäder"}
        assert counts(db)["area"] == 4 and counts(db)["category"] == 0
        assert LocalAuthenticator(db).authenticate("anna", PASSWORD).organisation_name == "Knivsta kommun"
    finally:
        db.dispose()


def test_set_up_on_a_database_that_enforces_access_itself(run, fresh_database_url, pg_server):
    """After `db init-roles` on the empty database, set-up gives the administrator a login of their
    own and the organisations their groups: the first sign-in is over that login."""
    import uuid

    from app.services import reference, runner
    from app.services.auth import PostgresAuthenticator
    from tests.conftest import without_login

    url = fresh_database_url("postgresql")
    username = f"setup-{uuid.uuid4().hex[:8]}"  # login roles are the server's, shared by every test
    try:
        assert run("--database", url, "db", "upgrade")[0] == 0
        assert run("--database", url, "db", "init-roles")[0] == 0
        code, _out, err = run(
            "--database",
            url,
            "setup",
            "--kommun",
            "Knivsta",
            "--standard-areas",
            "--admin",
            username,
            "--admin-name",
            "Anna Andersson",
            "--password-stdin",
            stdin=PASSWORD + "\n",
        )
        assert (code, err) == (0, "")
        actor, personal = PostgresAuthenticator(without_login(url), None).sign_in(username, PASSWORD)
        try:
            assert actor.is_admin and actor.organisation_name == "Knivsta kommun"
            assert len(runner.call(personal, actor, reference.list_categories)) == 16
        finally:
            personal.dispose()
    finally:
        pg_server.drop_secured(url, [username])
