"""Database sign-in against a server that checks passwords (SCRAM), as a real one does.

The shared test server trusts local logins, so a wrong password cannot be tried there. This module
starts a PostgreSQL server of its own with scram-sha-256 for every login and statement logging on:
wrong passwords are refused and counted through the sign-in gate, a wrong gate password gets a clear
message, a password set by an administrator takes effect at once, and no password ever appears in
the server's log.
"""

from __future__ import annotations

import contextlib
import gc

import psycopg
import pytest
import sqlalchemy as sa

from app.db import pg_security
from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.domain.vocabulary import Role
from app.errors import AuthenticationError, TrygghetError
from app.seed import seed_reference_data
from app.services import users
from app.services.auth import PostgresAuthenticator, SignInThrottledError
from app.services.context import SYSTEM, bind_actor
from app.services.runner import call
from tests.conftest import without_login
from tests.gui_support import ARTIFACTS
from tests.private_pg import PrivateServer

GATE = "grind-losenord-4711"
PASSWORDS = {"anna": "annas-hemliga-fras-1", "per": "pers-hemliga-fras-22", "rita": "ritas-hemliga-fras-333"}


@pytest.fixture(scope="module")
def server():
    private = PrivateServer(password="superuser-losen-9")
    private.start("log_statement=all")
    owner = Database(private.create_database("trygghetscenter"))
    ensure_schema(owner)
    with owner.session() as s:
        bind_actor(s, SYSTEM)
        seed_reference_data(s)
        pg_security.init_roles(s, gate_password=GATE)
        for name, org, role in (
            ("anna", "Kommunen", Role.ADMIN),
            ("per", "Polisen", Role.EDITOR),
            ("rita", "Kommunen", Role.READER),
        ):
            users.create_user(s, SYSTEM, name, name.title(), org, role, PASSWORDS[name])  # login role and password
    owner.dispose()
    yield private
    private.remove()


def desk_url(server):
    """What a workstation's config holds: server and database, no login."""
    return without_login(sa.make_url(server.url).set(database="trygghetscenter"))


def test_the_right_password_signs_in_and_a_wrong_one_is_refused(server):
    auth = PostgresAuthenticator(desk_url(server), GATE)
    actor, db = auth.sign_in("anna", PASSWORDS["anna"])
    db.dispose()
    assert actor.role is Role.ADMIN
    with pytest.raises(AuthenticationError) as info:
        auth.sign_in("anna", "fel-losenord")
    assert not isinstance(info.value, SignInThrottledError)
    url = desk_url(server)
    with pytest.raises(psycopg.OperationalError) as raw:  # psql's way in checks the same password
        psycopg.connect(host=url.host, port=url.port, dbname=url.database, user="per", password="fel-losenord")
    assert "password authentication failed" in str(raw.value)


def test_wrong_passwords_are_counted_at_the_gate_and_then_wait(server):
    auth = PostgresAuthenticator(desk_url(server), GATE)
    for _attempt in range(3):
        with pytest.raises(AuthenticationError) as info:
            auth.sign_in("rita", "gissning")
        assert not isinstance(info.value, SignInThrottledError)
    with pytest.raises(SignInThrottledError):
        auth.sign_in("rita", PASSWORDS["rita"])  # the right password must wait too


def test_a_desk_with_a_wrong_gate_password_is_told_so(server):
    with pytest.raises(TrygghetError) as info:
        PostgresAuthenticator(desk_url(server), "fel-grindlosen").sign_in("per", PASSWORDS["per"])
    assert not isinstance(info.value, AuthenticationError) and "gate_password" in info.value.message


def test_a_password_set_by_an_administrator_works_at_once_and_never_reaches_the_log(server):
    auth = PostgresAuthenticator(desk_url(server), GATE)
    anna, anna_db = auth.sign_in("anna", PASSWORDS["anna"])
    try:  # an account of her own organisation: administrators keep only those
        call(anna_db, anna, users.create_user, "sara", "Sara", "Kommunen", Role.EDITOR, "saras-forsta-fras-55")
        call(anna_db, anna, users.set_password, "sara", "saras-andra-fras-66")
    finally:
        anna_db.dispose()
    with pytest.raises(AuthenticationError):
        auth.sign_in("sara", "saras-forsta-fras-55")
    _actor, db = auth.sign_in("sara", "saras-andra-fras-66")
    db.dispose()
    log = server.log.read_text(errors="replace")
    assert "tc_sync_login" in log  # statements are logged …
    for secret in (*PASSWORDS.values(), "saras-andra-fras-66", "saras-forsta-fras-55", GATE):
        assert secret not in log  # … but no password ever was


def owner_of(server) -> Database:
    return Database(sa.make_url(server.url).set(database="trygghetscenter"))


def add_user(server, name: str, role: Role, password: str) -> None:
    """A user of one test alone: the other tests' failed attempts are counted against theirs."""
    owner = owner_of(server)
    try:
        with owner.session() as s:
            bind_actor(s, SYSTEM)
            users.create_user(s, SYSTEM, name, name.title(), "Kommunen", role, password)
    finally:
        owner.dispose()


@contextlib.contextmanager
def personal_desk(qtbot, server, username: str, password: str):
    """A desk with sign_in = database, signed in through the real dialog as `username`."""
    from tests.gui_support import settle
    from ui.app import create_application
    from ui.context import AppContext
    from ui.login_dialog import LoginDialog
    from ui.main_window import MainWindow

    create_application(language="sv")
    ctx = AppContext(Database(desk_url(server)), database_sign_in=True, gate_password=GATE)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    try:
        login = LoginDialog(ctx)
        qtbot.addWidget(login)
        login.username.setText(username)
        login.password.setText(password)
        with qtbot.waitSignal(login.accepted, timeout=15000):
            login.submit()
        ctx.sign_in(login.actor)
        settle(qtbot, ctx)
        yield ctx, window
    finally:
        ctx.tasks.wait(10000)
        if ctx.db is not ctx.server_db:
            ctx.db.dispose()
        ctx.server_db.dispose()
        gc.collect()


def test_a_person_changes_their_own_password_in_the_window_and_keeps_working(qtbot, qapp, server):
    """With sign_in = database the person's connection is their login: after a new password the
    window must connect with it, or the next read would be refused."""
    from tests.gui_support import settle

    add_user(server, "mona", Role.READER, "monas-forsta-fras-7")
    with personal_desk(qtbot, server, "mona", "monas-forsta-fras-7") as (ctx, window):
        window.change_password()
        dialog = window._dialog
        dialog.current.setText("monas-forsta-fras-7")
        dialog.passwords.password.setText("monas-andra-fras-66")
        dialog.passwords.repeat.setText("monas-andra-fras-66")
        with qtbot.waitSignal(dialog.accepted, timeout=15000):
            dialog.save()
        assert ctx.db.url.password == "monas-andra-fras-66"
        window.refresh()  # new connections, with the new password
        settle(qtbot, ctx)
        assert not window.connection_banner.isVisible()
        assert window.lagesbild_tab.overview is not None
    auth = PostgresAuthenticator(desk_url(server), GATE)
    _actor, db = auth.sign_in("mona", "monas-andra-fras-66")
    db.dispose()
    with pytest.raises(AuthenticationError):
        auth.sign_in("mona", "monas-forsta-fras-7")


def test_a_login_changed_at_another_desk_locks_the_window_until_the_person_signs_in_again(qtbot, qapp, server):
    """An administrator sets a new password for someone signed in elsewhere: their next connection is
    refused, so their window locks and says why; the open form waits with its text, and the new
    password opens it all again. Disabling the account locks it the same way, for good."""
    from tests.gui_support import settle

    add_user(server, "nils", Role.EDITOR, "nils-forsta-fras-8")
    owner = owner_of(server)
    with personal_desk(qtbot, server, "nils", "nils-forsta-fras-8") as (ctx, window):
        window.new_observation()
        form = window.lagesbild_tab._dialog
        form.description.setPlainText("Skrivet innan lösenordet byttes")

        with owner.session() as s:  # the administrator, at another desk
            bind_actor(s, SYSTEM)
            users.set_password(s, SYSTEM, "nils", "nils-andra-fras-99")
        window.refresh()
        qtbot.waitUntil(window.is_locked, timeout=15000)
        assert "logga in igen" in window.lock_page.status.text().lower()
        assert not form.isVisible() and form.description.toPlainText() == "Skrivet innan lösenordet byttes"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        qtbot.wait(50)  # let the lock page lay out the message before the picture
        assert window.grab().save(str(ARTIFACTS / "login_refused_lock.png"))

        window.lock_page.password.setText("nils-andra-fras-99")
        window.lock_page.submit()
        qtbot.waitUntil(lambda: not window.is_locked(), timeout=15000)
        assert ctx.db.url.password == "nils-andra-fras-99"  # the new connection, not the refused one
        assert form.isVisible() and form.description.toPlainText() == "Skrivet innan lösenordet byttes"
        form.discard()  # the typed text was only there to survive the lock
        window.refresh()
        settle(qtbot, ctx)
        assert not window.is_locked() and not window.connection_banner.isVisible()

        with owner.session() as s:
            bind_actor(s, SYSTEM)
            users.disable_user(s, SYSTEM, "nils")
        window.refresh()
        qtbot.waitUntil(window.is_locked, timeout=15000)
        window.lock_page.password.setText("nils-andra-fras-99")
        window.lock_page.submit()
        qtbot.waitUntil(lambda: ctx.tasks.pending == 0, timeout=15000)
        assert window.is_locked() and "fel användarnamn eller lösenord" in window.lock_page.status.text().lower()
    owner.dispose()


def test_an_administrator_setting_her_own_password_in_the_user_window_keeps_working(qtbot, qapp, server):
    from tests.gui_support import settle

    add_user(server, "ulla", Role.ADMIN, "ullas-forsta-fras-5")
    with personal_desk(qtbot, server, "ulla", "ullas-forsta-fras-5") as (ctx, window):
        window.show_users()
        users_window = window._dialog
        settle(qtbot, ctx)
        users_window.view.selectRow([u.username for u in users_window.model.rows].index("ulla"))
        users_window.set_password()
        dialog = users_window._dialog
        dialog.passwords.password.setText("ullas-andra-fras-55")
        dialog.passwords.repeat.setText("ullas-andra-fras-55")
        with qtbot.waitSignal(dialog.accepted, timeout=15000):
            dialog.save()
        users_window.close()
        window.refresh()
        settle(qtbot, ctx)
        assert not window.is_locked() and not window.connection_banner.isVisible()
        assert ctx.db.url.password == "ullas-andra-fras-55"
