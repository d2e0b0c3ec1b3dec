"""The desktop program signing in with each user's own PostgreSQL login (sign_in = database).

The workstation's URL names only the server; the sign-in dialog connects as the person, and from
then on PostgreSQL's row-level security and audit triggers apply to everything the window does.
"""

from __future__ import annotations

import gc

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QApplication

from app.db import pg_security
from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.services.context import SYSTEM, bind_actor
from tests.conftest import without_login
from tests.gui_support import PASSWORDS, TODAY, seed_gui_data, settle, sign_in_with_dialog
from ui.app import create_application
from ui.context import AppContext
from ui.login_dialog import LoginDialog
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui
LOGINS = ("anna", "rita", "per", "lena", "sara.falt")  # the users of tests/gui_support.py, and one added here


@pytest.fixture(scope="module")
def secured_url(fresh_database_url, pg_server):
    url = fresh_database_url("postgresql")
    owner = Database(url)
    ensure_schema(owner)
    seed_gui_data(owner, TODAY)
    with owner.session() as s:
        bind_actor(s, SYSTEM)
        pg_security.init_roles(s)  # login roles for the existing users (the test server trusts local logins)
    owner.dispose()
    yield sa.make_url(url)
    pg_server.drop_secured(url, LOGINS)


@pytest.fixture
def desk(qapp, qtbot, secured_url):
    """A workstation configured with the server only (no user, no password)."""
    create_application(language="sv")
    server = Database(without_login(secured_url))
    ctx = AppContext(server, database_sign_in=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    yield ctx, window
    ctx.tasks.wait(10000)
    ctx.stop_live_refresh()
    if ctx.db is not server:
        ctx.db.dispose()
    server.dispose()
    gc.collect()


def ranking(window):
    return {r.place_name: r.count for r in window.lagesbild_tab.hotspot_model.rows}


def test_each_person_works_over_their_own_login_and_sees_what_they_may(qtbot, desk, secured_url):
    ctx, window = desk
    ctx.start_live_refresh(poll_seconds=0.2)
    assert ctx.listener is None  # nobody signed in: no connection to listen on
    sign_in_with_dialog(qtbot, ctx, "per")
    assert ctx.db.url.username == "per" and ctx.db.audit_by_triggers
    assert ctx.listener.url.username == "per"
    police_view = ranking(window)["Valsta centrum"]

    window.lock()  # Anna signs in at the lock: Per's connection is closed, hers is used
    page = window.lock_page
    page.username.setText("anna")
    page.password.setText(PASSWORDS["anna"])
    page.submit()
    qtbot.waitUntil(lambda: ctx.actor is not None and ctx.actor.username == "anna", timeout=15000)
    settle(qtbot, ctx)
    assert ctx.db.url.username == "anna" and ctx.listener.url.username == "anna"  # Per's listener is gone
    assert ranking(window)["Valsta centrum"] == police_view - 3  # the police's internal rows stay theirs

    window.new_observation()  # saving goes through her login: RLS checks it, the trigger records it
    dialog = window.lagesbild_tab._dialog
    dialog.place.setEditText("Sigtuna stadskärna")
    dialog.category.setEditText("Skadegörelse")
    dialog.description.setPlainText("Sparat över Annas egen inloggning")
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.save()
    settle(qtbot, ctx)
    owner = Database(secured_url)  # the test server's administrator, to read the trail
    try:
        with owner.engine.connect() as conn:
            who = conn.execute(
                sa.text(
                    "SELECT a.username FROM audit_entry a JOIN observation o ON o.id = a.row_id"
                    " WHERE a.table_name = 'observation' AND o.description = 'Sparat över Annas egen inloggning'"
                )
            ).all()
    finally:
        owner.dispose()
    assert who == [("anna",)]


def test_a_reader_is_refused_by_the_database_too(qtbot, desk):
    ctx, window = desk
    sign_in_with_dialog(qtbot, ctx, "rita")
    assert not window.act_new_observation.isEnabled()
    with pytest.raises(Exception) as info:  # even past the window, her login cannot write
        with ctx.db.engine.begin() as conn:
            conn.execute(sa.text("UPDATE place SET name = 'x'"))
    assert "permission denied" in str(info.value).lower()


def test_a_login_that_is_not_a_user_of_the_program_is_refused(qtbot, desk):
    ctx, _window = desk
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.username.setText(pg_security.groups_for(ctx.server_db.url.database).users)  # a role, not a user
    dialog.password.setText("whatever")
    dialog.submit()
    qtbot.waitUntil(lambda: ctx.tasks.pending == 0, timeout=15000)
    QApplication.processEvents()
    assert dialog.result() != LoginDialog.DialogCode.Accepted and dialog.status.text()


def test_an_administrator_adds_a_user_in_the_window_over_her_own_login(qtbot, desk, secured_url):
    """The Användare window works under database sign-in: the new person gets a login role of their
    own, in the right groups, and signs in with it."""
    ctx, window = desk
    sign_in_with_dialog(qtbot, ctx, "anna")
    window.show_users()
    users = window._dialog
    settle(qtbot, ctx)
    users.add_user()
    dialog = users._dialog
    dialog.username.setText("sara.falt")
    dialog.display_name.setText("Sara Fältassistent")
    dialog.passwords.password.setText("sara-losen-123")
    dialog.passwords.repeat.setText("sara-losen-123")
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.save()
    settle(qtbot, ctx)
    assert "sara.falt" in [u.username for u in users.model.rows]
    owner = Database(secured_url)
    try:
        with owner.engine.connect() as conn:
            stored, can_login = conn.execute(
                sa.text("SELECT rolpassword, rolcanlogin FROM pg_authid WHERE rolname = 'sara.falt'")
            ).one()
    finally:
        owner.dispose()
    assert stored.startswith("SCRAM-SHA-256$") and can_login
    users.close()

    window.lock()  # and Sara signs in at the lock with her new database login
    page = window.lock_page
    page.username.setText("sara.falt")
    page.password.setText("sara-losen-123")
    page.submit()
    qtbot.waitUntil(lambda: ctx.actor is not None and ctx.actor.username == "sara.falt", timeout=15000)
    assert ctx.db.url.username == "sara.falt"
