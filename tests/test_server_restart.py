"""The database server restarts in the middle of a session (issue #6): a real PostgreSQL server of the
test's own is stopped and started again under an open window.

The window shows the banner, the open form keeps what was typed, and when the server is back the
banner goes, the form saves, the tabs read again, and live refresh hears other desks again (its
LISTEN connection died with the server and is opened anew).
"""

from __future__ import annotations

import datetime as dt
import gc

import pytest
import sqlalchemy as sa

from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.db.models import Category, Observation, Organisation, Place
from app.services.context import SYSTEM, bind_actor
from tests.conftest import as_another_desk, without_login
from tests.gui_support import ARTIFACTS, TODAY, ranking, seed_gui_data, settle, sign_in
from tests.private_pg import PrivateServer
from ui.app import create_application
from ui.context import AppContext
from ui.main_window import MainWindow

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def server():
    private = PrivateServer()
    private.start()
    private.create_database("trygghetscenter")
    yield private
    private.remove()


@pytest.fixture
def desk(qapp, qtbot, server):
    create_application(language="sv")
    db = Database(sa.make_url(server.url).set(database="trygghetscenter"))
    ensure_schema(db)
    seed_gui_data(db, TODAY)
    ctx = AppContext(db)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.show()
    yield ctx, window, db
    ctx.stop_live_refresh()
    ctx.tasks.wait(10000)
    db.dispose()
    gc.collect()


def another_desk_reports(db_url, description: str, count: int) -> None:
    other = Database(db_url)
    try:
        with as_another_desk(), other.session() as s:  # another desk: this process runs it
            bind_actor(s, SYSTEM)
            s.add(
                Observation(
                    occurred_on=TODAY - dt.timedelta(days=1),
                    place_id=s.scalar(sa.select(Place.id).where(Place.name == "Valsta centrum")),
                    category_id=s.scalar(sa.select(Category.id).where(Category.code == "SKAD")),
                    count=count,
                    organisation_id=s.scalar(sa.select(Organisation.id).where(Organisation.short_name == "Kommunen")),
                    description=description,
                )
            )
    finally:
        other.dispose()


def test_a_server_restart_during_a_session_is_survived(qtbot, desk, server):
    ctx, window, db = desk
    sign_in(qtbot, ctx, "anna")
    ctx._probe.setInterval(300)  # try again every 0.3 s instead of 3 s, to keep the test short
    ctx.start_live_refresh(poll_seconds=0.2)
    qtbot.waitUntil(ctx.listener.connected.is_set, timeout=10000)

    window.new_observation()
    dialog = window.lagesbild_tab._dialog
    dialog.place.setEditText("Märsta station")
    dialog.category.setEditText("Våldsbrott")
    dialog.description.setPlainText("Skrivet medan servern startades om")

    server.stop()
    dialog.save()
    qtbot.waitUntil(window.connection_banner.isVisible, timeout=20000)
    assert dialog.isVisible() and dialog.description.toPlainText() == "Skrivet medan servern startades om"
    assert not ctx.listener.connected.is_set()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "server_restart_banner.png"))

    server.start()
    qtbot.waitUntil(lambda: not window.connection_banner.isVisible(), timeout=20000)
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.save()  # the same form, with what was typed, saved over a new connection
    settle(qtbot, ctx)
    assert ranking(window).get("Märsta station", 0) >= 1

    # Live refresh found its way back too: a save at another desk shows up without any click.
    qtbot.waitUntil(ctx.listener.connected.is_set, timeout=15000)
    before = ranking(window).get("Valsta centrum", 0)
    another_desk_reports(db.url, "Efter omstarten", 4)
    qtbot.waitUntil(lambda: ranking(window).get("Valsta centrum", 0) == before + 4, timeout=10000)


def test_a_restart_is_survived_over_a_personal_database_login_too(qtbot, qapp, server):
    """The same with sign_in = database: the person's own connection and listener come back."""
    from app.db import pg_security
    from tests.gui_support import sign_in_with_dialog

    create_application(language="sv")
    owner = Database(server.create_database("personal"))
    ensure_schema(owner)
    seed_gui_data(owner, TODAY)
    with owner.session() as s:
        bind_actor(s, SYSTEM)
        pg_security.init_roles(s)  # the roles live in this test's own cluster only
    ctx = AppContext(Database(without_login(owner.url)), database_sign_in=True)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    try:
        ctx._probe.setInterval(300)
        ctx.start_live_refresh(poll_seconds=0.2)
        sign_in_with_dialog(qtbot, ctx, "anna")
        assert ctx.db.url.username == "anna"
        qtbot.waitUntil(ctx.listener.connected.is_set, timeout=10000)

        server.stop()
        window.refresh()
        qtbot.waitUntil(window.connection_banner.isVisible, timeout=20000)
        server.start()
        qtbot.waitUntil(lambda: not window.connection_banner.isVisible(), timeout=20000)
        settle(qtbot, ctx)
        assert ctx.db.url.username == "anna"  # still her own login, not the server's
        qtbot.waitUntil(ctx.listener.connected.is_set, timeout=15000)
        before = ranking(window).get("Valsta centrum", 0)
        another_desk_reports(owner.url, "Efter omstarten, personlig inloggning", 2)
        qtbot.waitUntil(lambda: ranking(window).get("Valsta centrum", 0) == before + 2, timeout=10000)
    finally:
        ctx.stop_live_refresh()
        ctx.tasks.wait(10000)
        if ctx.db is not ctx.server_db:
            ctx.db.dispose()
        ctx.server_db.dispose()
        owner.dispose()
        gc.collect()
