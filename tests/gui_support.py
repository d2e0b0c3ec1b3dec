"""A small, known data set, the GUI fixtures and helpers for driving the real widgets offscreen
(a plugin module: tests/conftest.py loads it, so every test module gets the fixtures)."""

from __future__ import annotations

import datetime as dt
import gc
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.db.models import (
    Action,
    Area,
    Category,
    Indicator,
    Measurement,
    Observation,
    Organisation,
    Place,
    User,
)
from app.domain.vocabulary import (
    ActionStatus,
    Classification,
    Direction,
    PlaceType,
    Role,
    Source,
)
from app.seed import seed_reference_data
from app.services.auth import authenticator_for
from app.services.passwords import hash_password

PASSWORDS = {"anna": "anna-losen-123", "rita": "rita-losen-123", "per": "per-losen-1234", "lena": "lena-losen-123"}
ARTIFACTS = Path(os.environ.get("TRYGGHETSCENTER_TEST_ARTIFACTS", "test-artifacts"))
TODAY = dt.date.today()


def seed_gui_data(db: Database, today: dt.date) -> None:
    with db.session() as s:
        seed_reference_data(s, today)
        orgs = {o.short_name: o for o in s.scalars(sa.select(Organisation))}
        cats = {c.code: c for c in s.scalars(sa.select(Category))}
        places = [
            Place(
                name="Märsta station",
                district="Märsta",
                place_type=PlaceType.STATION,
                latitude=59.628,
                longitude=17.861,
            ),
            Place(
                name="Märsta centrum", district="Märsta", place_type=PlaceType.CENTRE, latitude=59.622, longitude=17.855
            ),
            Place(
                name="Valsta centrum", district="Valsta", place_type=PlaceType.CENTRE, latitude=59.612, longitude=17.830
            ),
            Place(
                name="Sigtuna stadskärna",
                district="Sigtuna stad",
                place_type=PlaceType.STREET,
                latitude=59.617,
                longitude=17.724,
            ),
        ]
        s.add_all(places)
        for username, name, org, role in (
            ("anna", "Anna Andersson", "Kommunen", Role.ADMIN),
            ("rita", "Rita Läsare", "Kommunen", Role.READER),
            ("per", "Per Polis", "Polisen", Role.EDITOR),
            ("lena", "Lena Samordnare", "Kommunen", Role.EDITOR),  # a colleague at another desk
        ):
            s.add(
                User(
                    username=username,
                    display_name=name,
                    organisation=orgs[org],
                    role=role,
                    password_hash=hash_password(PASSWORDS[username]),
                )
            )
        s.flush()
        pattern = [
            (places[0], "VALD", 6),
            (places[0], "NARK", 4),
            (places[1], "ORDN", 5),
            (places[2], "SKAD", 3),
            (places[3], "KLOT", 1),
            (places[1], "BRAND", 2),
        ]
        for days_ago in range(0, 120, 3):
            for index, (place, code, weight) in enumerate(pattern):
                if (days_ago // 3 + index) % (7 - weight) == 0:
                    s.add(
                        Observation(
                            occurred_on=today - dt.timedelta(days=days_ago),
                            occurred_time=dt.time((18 + index) % 24, 30),
                            place=place,
                            category=cats[code],
                            count=1,
                            source=Source.OWN_OBSERVATION,
                            organisation_id=orgs["Kommunen"].id,
                            description=f"Händelse {code.lower()} {days_ago}",
                        )
                    )
        s.add(
            Observation(
                occurred_on=today - dt.timedelta(days=1),
                place=places[2],
                category=cats["NARK"],
                count=3,
                source=Source.POLICE_STATISTICS,
                organisation_id=orgs["Polisen"].id,
                classification=Classification.INTERNAL,
                description="Polisens interna uppgift",
            )
        )
        area_ids = {a.name: a for a in s.scalars(sa.select(Area))}
        s.add_all(
            [
                Action(
                    title="Bättre belysning i gångtunneln",
                    responsible_organisation_id=orgs["Kommunen"].id,
                    responsible_person="Erik Samordnare",
                    start_on=today - dt.timedelta(days=60),
                    deadline=today - dt.timedelta(days=10),
                    status=ActionStatus.ONGOING,
                    areas=[area_ids["Otrygga platser"]],
                    places=[places[0]],
                ),
                Action(
                    title="Mopedkontroller i Valsta",
                    responsible_organisation_id=orgs["Polisen"].id,
                    deadline=today + dt.timedelta(days=30),
                    status=ActionStatus.PLANNED,
                    areas=[area_ids["Ungdomsgäng"]],
                    places=[places[2]],
                ),
            ]
        )
        indicator = Indicator(
            name="Våldsbrott vid Märsta station per månad",
            unit="st",
            area=area_ids["Otrygga platser"],
            baseline_value=8,
            baseline_period="2025",
            target_value=5,
            direction=Direction.LOWER,
        )
        s.add(indicator)
        s.flush()
        for months_ago in range(6):
            month = (today.replace(day=1) - dt.timedelta(days=31 * months_ago)).replace(day=1)
            s.add(Measurement(indicator_id=indicator.id, period_start=month, value=8 - months_ago * 0.5))


# --- fixtures: a desk on a seeded SQLite file -------------------------------------------------------


@pytest.fixture
def gui_db(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'gui.sqlite3'}")
    ensure_schema(db)
    seed_gui_data(db, TODAY)
    yield db
    db.dispose()


@pytest.fixture
def ctx(qapp, gui_db):
    from ui.app import create_application
    from ui.context import AppContext

    create_application(language="sv")
    context = AppContext(gui_db, idle_lock_minutes=10)
    yield context
    context.stop_live_refresh()
    context.tasks.wait(10000)
    gc.collect()  # this test's widgets die here, on the GUI thread (see ui/gc_guard.py)


@pytest.fixture
def window(qtbot, ctx):
    from ui.main_window import MainWindow

    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.resize(1400, 900)
    win.show()
    yield win
    ctx.tasks.wait(10000)


def settle(qtbot, ctx, window=None):
    """Wait until the background lane is idle and every tab has drawn its data."""
    from PySide6.QtWidgets import QApplication

    qtbot.waitUntil(lambda: ctx.tasks.pending == 0, timeout=10000)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: ctx.tasks.pending == 0, timeout=10000)


def sign_in(qtbot, ctx, username):
    ctx.sign_in(authenticator_for(ctx.db).authenticate(username, PASSWORDS[username]))
    settle(qtbot, ctx)


def ranking(window):
    model = window.lagesbild_tab.hotspot_model
    return {row.place_name: row.count for row in model.rows}


def sign_in_with_dialog(qtbot, ctx, username):
    """Sign in the way a person does: through the sign-in dialog."""
    from ui.login_dialog import LoginDialog

    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.username.setText(username)
    dialog.password.setText(PASSWORDS[username])
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.submit()
    ctx.sign_in(dialog.actor)
    settle(qtbot, ctx)
