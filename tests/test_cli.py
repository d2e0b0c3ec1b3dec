"""The command line, run in-process against fresh SQLite and PostgreSQL databases."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
import sqlalchemy as sa

import app.cli as cli
from app import __version__
from app.cli import common
from app.cli import db as cli_db
from app.cli import users as cli_users
from app.db.engine import Database
from app.db.migrate import SchemaState, SchemaStatus, head_revision
from app.db.models import Observation, Organisation, User
from app.errors import AuthenticationError
from app.services.auth import LocalAuthenticator
from tests.cli_support import Terminal, assert_one_line_error, seed_office
from tests.conftest import BACKENDS

REPO_ROOT = Path(__file__).resolve().parents[1]
PASSWORD = "correct horse battery"
UNREACHABLE = [
    "postgresql://postgres:s3cret@127.0.0.1:1/x",  # nothing listens on port 1
    "/proc/x/y.sqlite3",  # a folder that cannot be created
    "mysql://somewhere/db",  # a database type the program does not support
    "postgresql://127.0.0.1",  # no database named
]


@pytest.fixture(autouse=True)
def hermetic(monkeypatch, tmp_path):
    """Keep the user's own settings, data folder and database variable out of every test."""
    monkeypatch.delenv("TRYGGHETSCENTER_DATABASE_URL", raising=False)
    monkeypatch.delenv(cli.ENV_DEBUG, raising=False)
    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    monkeypatch.setenv("TRYGGHETSCENTER_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(params=BACKENDS)
def empty_url(request, fresh_database_url) -> str:
    return fresh_database_url(request.param)


@pytest.fixture
def url(empty_url) -> str:
    """A database with the seed's organisations, so that users can be added to them."""
    return seed_office(empty_url)


def add_anna(run, url, *extra: str) -> tuple[int, str, str]:
    return run(
        "--database",
        url,
        "user",
        "add",
        "anna",
        "--name",
        "Anna Andersson",
        "--org",
        "Kommunen",
        "--role",
        "admin",
        "--password-stdin",
        *extra,
        stdin=PASSWORD + "\n",
    )


def sign_in(url: str, username: str, password: str):
    db = Database(url)
    try:
        return LocalAuthenticator(db).authenticate(username, password)
    finally:
        db.dispose()


# --- users -----------------------------------------------------------------------------------------


def test_user_add_list_disable_enable_and_set_password(run, url):
    code, out, err = add_anna(run, url)
    assert (code, err) == (0, "")
    assert "anna" in out
    assert sign_in(url, "anna", PASSWORD).display_name == "Anna Andersson"

    code, out, _ = run("--database", url, "user", "list")
    assert code == 0
    assert "anna" in out and "Anna Andersson" in out and "Kommunen" in out

    assert run("--database", url, "user", "disable", "anna")[0] == 0
    with pytest.raises(AuthenticationError):
        sign_in(url, "anna", PASSWORD)
    assert run("--database", url, "user", "enable", "anna")[0] == 0
    sign_in(url, "anna", PASSWORD)

    code, _, err = run(
        "--database", url, "user", "set-password", "anna", "--password-stdin", stdin="a new secret pass\r\n"
    )
    assert (code, err) == (0, "")
    sign_in(url, "anna", "a new secret pass")
    with pytest.raises(AuthenticationError):
        sign_in(url, "anna", PASSWORD)

    code, out, _ = run("--database", url, "user", "set-role", "anna", "reader")
    assert code == 0 and "reader" in out
    assert sign_in(url, "anna", "a new secret pass").role.value == "reader"


def test_database_option_is_accepted_after_the_subcommand(run, url):
    add_anna(run, url)
    code, out, _ = run("user", "list", "--database", url)
    assert code == 0 and "anna" in out


def test_invalid_user_is_one_line_naming_the_fields(run, url):
    code, out, err = run(
        "--database",
        url,
        "user",
        "add",
        "A B",
        "--name",
        "",
        "--org",
        "Brandkåren",
        "--role",
        "reader",
        "--password-stdin",
        stdin="short\n",
    )
    line = assert_one_line_error(code, out, err)
    assert "--name" in line and "--org" in line and "Brandkåren" in line
    assert add_anna(run, url)[0] == 0
    assert_one_line_error(*add_anna(run, url))  # the username is taken


def test_unknown_user_is_one_line(run, url):
    line = assert_one_line_error(*run("--database", url, "user", "disable", "nobody"))
    assert "nobody" in line


def test_password_is_required_on_stdin_when_there_is_no_terminal(run, url):
    bo = ["--database", url, "user", "add", "bo", "--name", "Bo", "--org", "Polisen", "--role", "reader"]
    assert_one_line_error(*run(*bo))  # no terminal to ask on, and no --password-stdin
    assert_one_line_error(*run(*bo, "--password-stdin", stdin=""))  # nothing on stdin
    assert "bo" not in run("--database", url, "user", "list")[1]


def test_interactive_password_is_asked_twice(run, monkeypatch, fresh_database_url):
    url = seed_office(fresh_database_url("sqlite"))
    answers = iter([PASSWORD, PASSWORD, PASSWORD, "something else!"])
    monkeypatch.setattr(common.getpass, "getpass", lambda prompt="": next(answers))
    bo = ["--database", url, "user", "add", "bo", "--name", "Bo", "--org", "Polisen", "--role", "reader"]
    code, _, err = run(*bo, stdin=Terminal())
    assert (code, err) == (0, "")
    sign_in(url, "bo", PASSWORD)
    assert_one_line_error(*run("--database", url, "user", "set-password", "bo", stdin=Terminal()))  # answers differ
    sign_in(url, "bo", PASSWORD)


# --- bad arguments and bad databases ---------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["bogus"],
        ["--no-such-option"],
        ["db"],
        ["db", "downgrade"],
        ["user"],
        ["user", "add"],
        ["user", "add", "x"],
        ["user", "add", "x", "--name", "X", "--org", "Kommunen", "--role", "god"],
        ["demo", "--observations", "-1"],
        ["demo", "--seed", "many"],
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(run, argv):
    code, out, err = run(*argv)
    assert_one_line_error(code, out, err)
    assert out == ""


@pytest.mark.parametrize("argv", [["user", "list"], ["db", "status"], ["db", "upgrade"], ["demo"]])
@pytest.mark.parametrize("bad_url", UNREACHABLE)
def test_unusable_database_gives_one_line_and_exit_2(run, argv, bad_url):
    line = assert_one_line_error(*run("--database", bad_url, *argv))
    assert "s3cret" not in line


def test_database_at_an_unknown_schema_version_is_refused(run, empty_url):
    url = empty_url
    assert run("--database", url, "db", "upgrade")[0] == 0
    db = Database(url)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    db.dispose()
    for argv in (["user", "list"], ["db", "upgrade"], ["demo"]):
        line = assert_one_line_error(*run("--database", url, *argv))
        assert "9999_from_the_future" in line
    code, out, _ = run("--database", url, "db", "status")
    assert code == 0 and "9999_from_the_future" in out and head_revision() in out


def test_help_and_version(run):
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out
    code, out, _ = run("--help")
    assert code == 0 and "user" in out and "demo" in out
    code, out, _ = run("user", "add", "--help")
    assert code == 0 and "--password-stdin" in out


def test_interrupt_exits_130_quietly(run, monkeypatch):
    def interrupted(_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_users, "cmd_user_list", interrupted)
    code, out, err = run("user", "list")
    assert (code, out, err) == (130, "", "")


def test_closed_pipe_ends_quietly(run, monkeypatch):
    def reader_gone(_args):
        raise BrokenPipeError

    monkeypatch.setattr(cli_users, "cmd_user_list", reader_gone)
    code, _, err = run("user", "list")
    assert (code, err) == (141, "")


def test_unexpected_error_is_one_line_unless_debugging(run, monkeypatch):
    def broken(_args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli_users, "cmd_user_list", broken)
    code, _, err = run("user", "list")
    assert code == 1 and len(err.strip().splitlines()) == 1 and "boom" in err
    monkeypatch.setenv(cli.ENV_DEBUG, "1")
    with pytest.raises(RuntimeError):
        cli.main(["user", "list"])


def test_console_script_shows_no_traceback_for_a_bad_url(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRYGGHETSCENTER_")}
    env.update(TRYGGHETSCENTER_CONFIG=str(tmp_path / "absent.ini"), TRYGGHETSCENTER_DATA_DIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "app", "--database", "postgresql://postgres@127.0.0.1:1/x", "user", "list"],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("trygghetscenter: ")


# --- the schema ------------------------------------------------------------------------------------


def test_db_status_and_upgrade(run, empty_url):
    url = empty_url
    code, out, _ = run("--database", url, "db", "status")
    assert code == 0 and head_revision() in out

    code, out, _ = run("--database", url, "db", "upgrade")
    assert code == 0 and head_revision() in out
    code, again, _ = run("--database", url, "db", "upgrade")
    assert code == 0 and again != out  # the second run says there was nothing to do
    code, out, _ = run("--database", url, "db", "status")
    assert code == 0 and out.count(head_revision()) == 2
    # The upgrade leaves the new database empty: users come after the office is described.
    message = assert_one_line_error(*add_anna(run, url))
    assert "trygghetscenter setup" in message
    with Database(url).session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0
    assert add_anna(run, seed_office(url))[0] == 0


def test_db_status_hides_the_password(run, fresh_database_url):
    url = sa.make_url(fresh_database_url("postgresql"))
    with_password = url.set(password="s3cret-in-url").render_as_string(hide_password=False)
    _code, out, err = run("--database", with_password, "db", "status")
    assert "s3cret-in-url" not in out + err


def test_db_upgrade_reports_the_sqlite_backup(run, monkeypatch, fresh_database_url):
    # Only one schema version exists so far, so an older database is simulated.
    url = fresh_database_url("sqlite")
    assert run("--database", url, "db", "upgrade")[0] == 0
    backup = Path("/somewhere/trygghetscenter.sqlite3.0000.bak")
    older = SchemaStatus(SchemaState.OLDER, "0000", head_revision())
    monkeypatch.setattr(cli_db, "schema_status", lambda db: older)
    monkeypatch.setattr(
        cli_db, "upgrade", lambda db: (SchemaStatus(SchemaState.CURRENT, head_revision(), head_revision()), backup)
    )
    code, out, _ = run("--database", url, "db", "upgrade")
    assert code == 0 and str(backup) in out and "0000" in out


# --- the GUI and the demo --------------------------------------------------------------------------


def test_no_command_starts_the_gui_with_the_given_database(capsys, monkeypatch):
    from ui import launcher

    calls = []
    fake = types.ModuleType("ui.app")
    fake.run = lambda database_url: calls.append(database_url) or 0
    monkeypatch.setitem(sys.modules, "ui.app", fake)
    assert launcher.main(["--database", "sqlite:///x.sqlite3"]) == 0
    assert launcher.main([]) == 0
    # None lets the GUI resolve the address itself (environment, settings file, local file).
    assert calls == ["sqlite:///x.sqlite3", None]


def test_headless_entry_point_without_a_command_says_so(run):
    assert "grafiskt gränssnitt" in assert_one_line_error(*run())


def test_demo_creates_users_who_can_sign_in_and_a_second_run_adds_nothing(run, empty_url):
    url = empty_url  # the demo fills a new database itself
    code, out, err = run("--database", url, "demo", "--observations", "60", "--seed", "7")
    assert code == 0, err
    assert "Traceback" not in err
    db = Database(url)
    with db.session() as s:
        usernames = set(s.scalars(sa.select(User.username)))
        observations = s.scalar(sa.select(sa.func.count()).select_from(Observation))
    db.dispose()
    assert usernames and observations > 0
    printed = [line.split() for line in out.splitlines() if line.split() and line.split()[0] in usernames]
    assert {row[0] for row in printed} == usernames
    username, password = printed[0][0], printed[0][-1]
    assert sign_in(url, username, password).username == username

    code, out, err = run("--database", url, "demo")
    assert code == 0 and "Traceback" not in err
    db = Database(url)
    with db.session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Observation)) == observations
        assert set(s.scalars(sa.select(User.username))) == usernames
    db.dispose()


def test_db_init_roles_prints_the_gate_password_once_and_on_request(run, fresh_database_url, pg_server):
    url = fresh_database_url("postgresql")
    assert run("--database", url, "db", "upgrade")[0] == 0
    try:
        code, out, err = run("--database", url, "db", "init-roles")
        assert (code, err) == (0, "")
        first = [line for line in out.splitlines() if line.startswith("gate_password = ")]
        assert len(first) == 1 and len(first[0]) > len("gate_password = ") + 16
        code, out, _ = run("--database", url, "db", "init-roles")  # again: the desks' settings stay valid
        assert code == 0 and "gate_password" not in out
        code, out, _ = run("--database", url, "db", "init-roles", "--new-gate-password")
        second = [line for line in out.splitlines() if line.startswith("gate_password = ")]
        assert code == 0 and len(second) == 1 and second != first
    finally:
        pg_server.drop_secured(url, [])


def test_db_init_roles_on_sqlite_is_one_line(run, fresh_database_url):
    message = assert_one_line_error(*run("--database", fresh_database_url("sqlite"), "db", "init-roles"))
    assert "PostgreSQL" in message


def test_db_upgrade_brings_the_roles_of_a_secured_database_up_to_date(run, fresh_database_url, pg_server):
    """A migration adds a table: its grants and policies come with `db upgrade`, not by remembering
    to run init-roles again."""
    from alembic import command

    from app.db import pg_security
    from app.db.migrate import alembic_config

    url = fresh_database_url("postgresql")
    try:
        assert run("--database", url, "db", "upgrade")[0] == 0
        assert run("--database", url, "db", "init-roles")[0] == 0
        db = Database(url)
        with db.engine.begin() as conn:  # back to the version before sign_in_throttle existed
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0003")
        admins = pg_security.groups_for(sa.make_url(url).database).role("admin")
        code, out, err = run("--database", url, "db", "upgrade")
        assert (code, err) == (0, "") and "radnivåskydd" in out
        with db.engine.connect() as conn:
            may_read = conn.execute(
                sa.text("SELECT has_table_privilege(:r, 'sign_in_throttle', 'SELECT')"), {"r": admins}
            ).scalar_one()
        db.dispose()
        assert may_read
    finally:
        pg_server.drop_secured(url, [])


def test_argparse_speaks_swedish_too_and_follows_the_programs_language(run):
    import argparse

    from app import i18n

    message = assert_one_line_error(*run("user", "add"))
    assert "följande argument krävs" in message and "required" not in message
    message = assert_one_line_error(*run("user", "frobnicate"))
    assert "ogiltigt val" in message
    code, out, _ = run("user", "add", "--help")
    assert code == 0 and out.startswith("användning: ") and "\nalternativ:\n" in out and "\nargument:\n" in out
    i18n.set_language("en")  # argparse's words come from the program's catalogue, in its language
    try:
        assert argparse._("usage: ") == "usage: "
    finally:
        i18n.set_language("sv")


def test_user_list_shows_a_sign_in_lock_and_enable_lifts_it(run, url):
    from tests.conftest import lock_out

    add_anna(run, url)
    db = Database(url)
    lock_out(db, "anna")
    db.dispose()
    code, out, _ = run("--database", url, "user", "list")
    assert code == 0 and "spärrad till" in out
    assert run("--database", url, "user", "enable", "anna")[0] == 0
    assert "spärrad" not in run("--database", url, "user", "list")[1]
