"""Fixtures: every data-layer test runs on SQLite and on the real PostgreSQL server.

PostgreSQL comes from TRYGGHETSCENTER_TEST_PG_URL (an administrative URL; default the local server
at postgresql://postgres@127.0.0.1:5432/postgres). A fresh database is created for the test run and
dropped afterwards. If the server cannot be reached the run fails: it never silently skips.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from tests import isolation

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TRYGGHETSCENTER_LANG", "sv")

import app.services.audit  # noqa: F401  (registers the audit listeners)
from app.db.engine import Database, normalise_url
from app.db.migrate import ensure_schema
from app.db.models import Base, Organisation, Place, User
from app.domain.vocabulary import PlaceType, Role
from app.seed import seed_reference_data
from app.services.context import Actor

# The GUI fixtures (gui_db, ctx, window) and the command line's `run`, for every test module.
pytest_plugins = ["tests.gui_support", "tests.cli_support"]


def pytest_sessionfinish(session, exitstatus) -> None:
    """A run that wrote beneath the real user's folders fails, whatever its tests said."""
    if isolation.touched:
        shown = "\n  ".join(sorted(set(isolation.touched))[:20])
        session.config.get_terminal_writer().line(
            f"The test run wrote in the real user's folders:\n  {shown}", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


PG_ADMIN_URL = os.environ.get("TRYGGHETSCENTER_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BACKENDS = ("sqlite", "postgresql")


class PostgresServer:
    """Creates and drops throw-away databases on the test server."""

    def __init__(self, admin_url: str):
        self.admin_url = normalise_url(admin_url)
        self.engine = sa.create_engine(self.admin_url, isolation_level="AUTOCOMMIT")

    def check(self) -> None:
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except sa.exc.OperationalError as exc:
            pytest.exit(
                f"PostgreSQL is not reachable at {self.admin_url.render_as_string(hide_password=True)} "
                f"(set TRYGGHETSCENTER_TEST_PG_URL): {str(exc.orig).strip().splitlines()[0]}",
                returncode=3,
            )

    def create(self, prefix: str = "tc_test") -> str:
        name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        with self.engine.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    def drop(self, url: str) -> None:
        name = sa.make_url(url).database
        with self.engine.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def drop_secured(self, url: str, logins) -> None:
        """Drop a database set up by `db init-roles`, with the server-wide roles made for it: the
        group roles, the gate, the organisation groups and the given personal logins."""
        from app.db import pg_security

        self.drop(url)
        groups = pg_security.groups_for(sa.make_url(url).database)
        with self.engine.connect() as conn:
            names = [*logins, *groups.all_roles(), groups.gate]
            names += [
                r
                for r in conn.execute(sa.text("SELECT rolname FROM pg_roles")).scalars()
                if r.startswith(groups.prefix + "_org_")
            ]
            for name in names:
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {pg_security.ident(name)}")


def lock_out(db: Database, username: str) -> None:
    """Lock `username` by wrong passwords, each tried after the wait the one before asked for (the
    clock moved on by hand), until the count locks it for LOCK_FOR from now."""
    import datetime as dt

    from app.db.models import utcnow
    from app.domain.policy import LOCK_AFTER
    from app.errors import AuthenticationError
    from app.services.auth import LocalAuthenticator

    moment = utcnow() - dt.timedelta(minutes=5)
    for _attempt in range(LOCK_AFTER):
        moment += dt.timedelta(seconds=31)
        with pytest.raises(AuthenticationError):
            LocalAuthenticator(db).authenticate(username, "a wrong guess", now=moment)


def small_office(path) -> Database:
    """A migrated SQLite file with the built-in organisations and areas and one place."""
    from app.services.context import SYSTEM, bind_actor

    db = Database(str(path))
    ensure_schema(db)
    with db.session() as s:
        bind_actor(s, SYSTEM)
        seed_reference_data(s)
        s.add(Place(name="Märsta station", district="Märsta"))
    return db


@contextlib.contextmanager
def as_another_desk():
    """Within it, the saves of this process are announced as another desk's (another process's) are:
    under another client id than the one the listeners already started here ignore as their own."""
    from app.db import changes

    own = changes.CLIENT_ID
    changes.CLIENT_ID = f"another-desk-{uuid.uuid4().hex}"
    try:
        yield
    finally:
        changes.CLIENT_ID = own


def without_login(url: str | sa.URL) -> sa.URL:
    """What a desk's config holds with sign_in = database: the server and the database, no user and no
    password. (URL.set(username=None) would keep them: set() leaves out None values.)"""
    url = sa.make_url(url)
    return sa.URL.create(url.drivername, host=url.host, port=url.port, database=url.database, query=url.query)


@pytest.fixture(scope="session")
def pg_server() -> PostgresServer:
    server = PostgresServer(PG_ADMIN_URL)
    server.check()
    yield server
    server.engine.dispose()


@pytest.fixture(scope="session")
def fresh_database_url(pg_server, tmp_path_factory):
    """Factory: a URL of a brand-new, empty database of the given backend."""
    created: list[str] = []

    def make(backend: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'test.sqlite3'}"
        url = pg_server.create()
        created.append(url)
        return url

    yield make
    for url in created:
        pg_server.drop(url)


@pytest.fixture(scope="session")
def migrated_databases(fresh_database_url):
    """One migrated database per backend for the whole run; tests empty it afterwards."""
    dbs = {}
    for backend in BACKENDS:
        db = Database(fresh_database_url(backend))
        ensure_schema(db)
        dbs[backend] = db
    yield dbs
    for db in dbs.values():
        db.dispose()


def _empty(db: Database) -> None:
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if db.dialect == "postgresql":
            conn.exec_driver_sql(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            # Sub-categories point at their parent with ON DELETE RESTRICT, which SQLite checks per row.
            conn.exec_driver_sql("UPDATE category SET parent_id = NULL")
            for table in tables:
                conn.exec_driver_sql(f"DELETE FROM {table}")


@pytest.fixture(params=BACKENDS)
def db(request, migrated_databases) -> Database:
    """An empty, migrated database: once on SQLite, once on PostgreSQL."""
    database = migrated_databases[request.param]
    _empty(database)
    yield database
    _empty(database)


@dataclass
class World:
    """A small known data set: the reference data, two places, and users of each role."""

    db: Database
    kommun: Organisation
    polisen: Organisation
    raddning: Organisation
    places: dict[str, Place]
    admin: Actor  # kommun admin
    editor: Actor  # kommun editor
    reader: Actor  # kommun reader
    police: Actor  # police editor
    police_admin: Actor


def actor_for(user: User, organisation: Organisation) -> Actor:
    return Actor(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        organisation_id=organisation.id,
        organisation_name=organisation.name,
        role=user.role,
    )


@pytest.fixture
def world(db) -> World:
    with db.session() as s:
        seed_reference_data(s)
        orgs = {o.short_name: o for o in s.scalars(sa.select(Organisation))}
        places = {
            "Märsta centrum": Place(
                name="Märsta centrum",
                district="Märsta",
                place_type=PlaceType.CENTRE,
                latitude=59.6225,
                longitude=17.8545,
            ),
            "Valsta centrum": Place(
                name="Valsta centrum",
                district="Valsta",
                place_type=PlaceType.CENTRE,
                latitude=59.6125,
                longitude=17.8300,
            ),
        }
        s.add_all(places.values())
        specs = [
            ("admin", "Anna Admin", "Kommunen", Role.ADMIN),
            ("editor", "Erik Editor", "Kommunen", Role.EDITOR),
            ("reader", "Rita Reader", "Kommunen", Role.READER),
            ("police", "Per Polis", "Polisen", Role.EDITOR),
            ("police_admin", "Paula Polischef", "Polisen", Role.ADMIN),
        ]
        users = {}
        for username, name, org, role in specs:
            users[username] = User(username=username, display_name=name, organisation=orgs[org], role=role)
            s.add(users[username])
        s.flush()
        actors = {u: actor_for(users[u], orgs[spec[2]]) for u, spec in zip(users, specs)}
    return World(
        db=db,
        kommun=orgs["Kommunen"],
        polisen=orgs["Polisen"],
        raddning=orgs["Räddningstjänsten"],
        places=places,
        **actors,
    )
