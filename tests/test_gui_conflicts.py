"""Two desks edit the same row: the second save is refused, shown side by side, and never lost."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QApplication

from app.services import actions
from app.services.auth import authenticator_for
from app.services.runner import call
from tests.gui_support import ARTIFACTS, PASSWORDS, settle, sign_in
from ui.dialogs.conflict_dialog import ConflictDialog

pytestmark = pytest.mark.gui


def open_action(qtbot, ctx, window, title_part: str):
    sign_in(qtbot, ctx, "anna")
    window.tabs.setCurrentWidget(window.action_plan_tab)
    settle(qtbot, ctx)
    plan = window.action_plan_tab
    index = next(i for i, r in enumerate(plan.model.rows) if title_part in r.title)
    plan.view.selectRow(index)
    settle(qtbot, ctx)
    plan.edit_selected()
    return plan, plan._dialog


def colleague_saves(ctx, action_id: int, **changes) -> actions.ActionRow:
    """Another desk (Lena, a colleague in the same organisation) saves the same action through the service."""
    lena = authenticator_for(ctx.db).authenticate("lena", PASSWORDS["lena"])
    current = call(ctx.db, lena, actions.get_action, action_id)
    data = actions.ActionInput(**{f: getattr(current, f) for f in actions.ActionInput.__dataclass_fields__})
    return call(ctx.db, lena, actions.update_action, action_id, replace(data, **changes), current.version)


def save_and_get_conflict(qtbot, ctx, dialog) -> ConflictDialog:
    dialog.save()
    qtbot.waitUntil(lambda: getattr(dialog, "conflict_dialog", None) is not None, timeout=10000)
    return dialog.conflict_dialog


def table_rows(conflict: ConflictDialog) -> list[tuple[str, str, str]]:
    t = conflict.table
    return [tuple(t.item(r, c).text() for c in range(3)) for r in range(t.rowCount())]


def test_second_save_shows_who_changed_what_and_keeps_my_text(qtbot, ctx, window):
    _plan, dialog = open_action(qtbot, ctx, window, "belysning")
    action_id = dialog.row.id
    colleague_saves(ctx, action_id, responsible_person="Kalle Gatuchef")
    dialog.person.setText("Lena Samordnare")
    conflict = save_and_get_conflict(qtbot, ctx, dialog)
    assert "(Lena Samordnare, " in conflict.intro.text()  # who saved first, and when
    rows = table_rows(conflict)
    assert ("Ansvarig person", "Kalle Gatuchef", "Lena Samordnare") in rows
    assert dialog.isVisible() and dialog.person.text() == "Lena Samordnare"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert conflict.grab().save(str(ARTIFACTS / "conflict_dialog.png"))

    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        conflict.done(ConflictDialog.KEEP_MINE)  # knowingly on top of Lena's version
    settle(qtbot, ctx)
    stored = call(ctx.db, ctx.actor, actions.get_action, action_id)
    assert stored.responsible_person == "Lena Samordnare"


def test_taking_their_version_fills_the_form_with_it(qtbot, ctx, window):
    _plan, dialog = open_action(qtbot, ctx, window, "belysning")
    action_id = dialog.row.id
    theirs = colleague_saves(
        ctx, action_id, responsible_person="Kalle Gatuchef", operative_goal="Halvera skadegörelsen"
    )
    dialog.person.setText("Lena Samordnare")
    conflict = save_and_get_conflict(qtbot, ctx, dialog)
    conflict.done(ConflictDialog.TAKE_THEIRS)
    assert dialog.isVisible()
    assert dialog.person.text() == "Kalle Gatuchef" and dialog.operative_goal.toPlainText() == "Halvera skadegörelsen"
    assert dialog.row.version == theirs.version
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()  # now saves cleanly on top of their version


def test_cancel_keeps_the_dialog_and_nothing_is_overwritten(qtbot, ctx, window):
    _plan, dialog = open_action(qtbot, ctx, window, "belysning")
    action_id = dialog.row.id
    colleague_saves(ctx, action_id, responsible_person="Kalle Gatuchef")
    dialog.person.setText("Lena Samordnare")
    conflict = save_and_get_conflict(qtbot, ctx, dialog)
    conflict.reject()
    assert dialog.isVisible() and dialog.person.text() == "Lena Samordnare"
    assert call(ctx.db, ctx.actor, actions.get_action, action_id).responsible_person == "Kalle Gatuchef"
    dialog.reject()


def test_a_change_at_another_desk_appears_without_any_action(qtbot, ctx, window):
    """Live refresh: another program saves to the same database; this window shows it within seconds."""
    import datetime as dt

    import sqlalchemy as sa

    from app.db.engine import Database
    from app.db.models import Category, Place
    from app.services.context import bind_actor
    from app.services.observations import ObservationInput, create_observation

    sign_in(qtbot, ctx, "anna")
    ctx.start_live_refresh(poll_seconds=0.2)
    try:
        ranking = lambda: {r.place_name: r.count for r in window.lagesbild_tab.hotspot_model.rows}  # noqa: E731
        before = ranking().get("Valsta centrum", 0)
        other_desk = Database(ctx.db.url)
        lena = authenticator_for(other_desk).authenticate("lena", PASSWORDS["lena"])
        with other_desk.session() as s:
            bind_actor(s, lena)
            place = s.scalar(sa.select(Place.id).where(Place.name == "Valsta centrum"))
            category = s.scalar(sa.select(Category.id).where(Category.code == "SKAD"))
            create_observation(
                s, lena, ObservationInput(occurred_on=dt.date.today(), place_id=place, category_id=category, count=5)
            )
        other_desk.dispose()
        qtbot.waitUntil(lambda: ranking().get("Valsta centrum", 0) == before + 5, timeout=5000)
    finally:
        ctx.stop_live_refresh()


def test_connection_loss_shows_a_banner_keeps_the_form_and_recovers(qtbot, ctx, window):
    from app.db.engine import Database

    sign_in(qtbot, ctx, "anna")
    ctx._probe.setInterval(300)
    window.new_observation()
    dialog = window.lagesbild_tab._dialog
    dialog.place.setEditText("Märsta station")
    dialog.category.setEditText("Våldsbrott")
    dialog.description.setPlainText("Skrivet medan servern var borta")

    real_db = ctx.db
    ctx.db = Database("postgresql://nobody@127.0.0.1:1/none")  # the server goes away
    dialog.save()
    qtbot.waitUntil(window.connection_banner.isVisible, timeout=15000)
    assert dialog.isVisible() and dialog.description.toPlainText() == "Skrivet medan servern var borta"
    window.refresh()  # the tabs fail quietly behind the one banner: no message box per table
    settle(qtbot, ctx)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / "connection_lost.png"))
    assert not [w for w in QApplication.topLevelWidgets() if w.objectName() == "errorBox" and w.isVisible()]

    ctx.db = real_db  # the server is back
    qtbot.waitUntil(lambda: not window.connection_banner.isVisible(), timeout=10000)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()  # the same form, saved now
    settle(qtbot, ctx)
    assert window.lagesbild_tab.hotspot_model.rows[0].place_name == "Märsta station"
