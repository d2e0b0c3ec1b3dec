"""The desktop program driven offscreen: sign-in, switching user, locking, registering, editing, filtering."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QApplication, QDialog

import app.services.audit  # noqa: F401  (audit listeners)
from app.db.engine import Database
from tests.gui_support import ARTIFACTS, PASSWORDS, TODAY, ranking, settle, sign_in

pytestmark = pytest.mark.gui


# --- sign-in ----------------------------------------------------------------------------------------


def test_login_dialog_right_and_wrong_password(qtbot, ctx):
    from ui.login_dialog import LoginDialog

    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.username.setText("anna")
    dialog.password.setText("wrong-password")
    dialog.submit()
    settle(qtbot, ctx)
    wrong_password = dialog.status.text()
    assert dialog.result() != LoginDialog.DialogCode.Accepted
    assert dialog.username.text() == "anna" and dialog.password.text() == ""

    dialog.username.setText("nobody")
    dialog.password.setText("wrong-password")
    dialog.submit()
    settle(qtbot, ctx)
    assert dialog.status.text() == wrong_password, "a failed sign-in must not reveal whether the user exists"

    dialog.username.setText("anna")
    dialog.password.setText(PASSWORDS["anna"])
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.submit()
    assert dialog.actor.username == "anna" and dialog.actor.organisation_name == "Sigtuna kommun"


def test_window_shows_who_is_signed_in_and_builds_a_tab_per_area(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    assert "Anna Andersson" in window.user_label.text() and "Sigtuna kommun" in window.user_label.text()
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles[0] == "Lägesbild"
    assert titles[1:5] == ["Otrygga platser", "Ungdomsgäng", "Kriminella nätverk", "Tystnadskultur"]
    assert titles[5:] == ["Åtgärdsplan", "Uppföljning"]


def test_switch_user_clears_the_previous_users_data(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    assert window.tabs.count() == 7
    window.switch_user()
    assert ctx.actor is None and window.is_locked()
    assert window.tabs.count() == 0
    assert "Anna" not in window.user_label.text()
    page = window.lock_page
    page.username.setText("per")
    page.password.setText(PASSWORDS["per"])
    page.submit()
    qtbot.waitUntil(lambda: ctx.actor is not None, timeout=10000)
    settle(qtbot, ctx)
    assert ctx.actor.username == "per" and not window.is_locked()
    assert "Per Polis" in window.user_label.text()


def test_lock_and_unlock_keeps_the_same_users_work(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    window.lock()
    assert window.is_locked() and not window.act_new_observation.isEnabled()
    page = window.lock_page
    assert page.username.text() == "anna"
    page.password.setText("not-her-password")
    page.submit()
    settle(qtbot, ctx)
    assert window.is_locked()
    page.password.setText(PASSWORDS["anna"])
    page.submit()
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=10000)
    assert window.lagesbild_tab is tab, "unlocking as the same user keeps the open work"


def test_another_user_signing_in_at_the_lock_signs_the_first_out(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.lock()
    page = window.lock_page
    page.other_button.click()
    page.username.setText("per")
    page.password.setText(PASSWORDS["per"])
    page.submit()
    qtbot.waitUntil(lambda: ctx.actor is not None and ctx.actor.username == "per", timeout=10000)
    assert not window.is_locked()


def test_idle_time_locks_the_window(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.idle_timer.start(50)
    qtbot.waitUntil(window.is_locked, timeout=5000)


# --- lägesbild ---------------------------------------------------------------------------------------


def test_register_observation_through_the_dialog_is_counted_in_the_ranking(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    before = ranking(window).get("Sigtuna stadskärna", 0)
    window.new_observation()
    dialog = window.lagesbild_tab._dialog
    dialog.place.setEditText("Sigtuna stadskärna")
    dialog.category.setEditText("Skadegörelse")
    dialog.count.setValue(4)
    dialog.description.setPlainText("Krossad ruta i busskuren")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    settle(qtbot, ctx)
    assert ranking(window)["Sigtuna stadskärna"] == before + 4


def test_observation_dialog_marks_errors_and_keeps_the_typed_text(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.new_observation()
    dialog = window.lagesbild_tab._dialog
    dialog.place.setEditText("Ingen sådan plats")
    dialog.description.setPlainText("Text som inte får försvinna")
    dialog.save()
    qtbot.waitUntil(dialog.banner.isVisible, timeout=10000)
    assert dialog.isVisible()
    assert dialog.field_error("place_id") and dialog.field_error("category_id")
    assert dialog.place.property("invalid") is True
    assert dialog.description.toPlainText() == "Text som inte får försvinna"
    dialog.reject()


def test_save_with_unreachable_database_keeps_the_dialog_open(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.new_observation()
    dialog = window.lagesbild_tab._dialog
    dialog.place.setEditText("Märsta station")
    dialog.category.setEditText("Våldsbrott")
    dialog.description.setPlainText("Skrivet när nätet försvann")
    ctx.db = Database("postgresql://nobody@127.0.0.1:1/none")
    dialog.save()
    qtbot.waitUntil(dialog.banner.isVisible, timeout=15000)
    assert dialog.isVisible() and dialog.buttons.isEnabled()
    assert "databasen" in dialog.banner.text().lower()
    assert dialog.description.toPlainText() == "Skrivet när nätet försvann"
    dialog.reject()


def test_filters_narrow_the_lagesbild(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    bar = window.lagesbild_tab.filters
    bar.district.set_value("Valsta")
    settle(qtbot, ctx)
    assert set(ranking(window)) == {"Valsta centrum"}
    bar.clear()
    settle(qtbot, ctx)
    assert len(ranking(window)) > 1


def test_internal_police_rows_are_seen_only_by_the_police(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    kommun_view = ranking(window).get("Valsta centrum", 0)
    window.switch_user()
    sign_in(qtbot, ctx, "per")
    assert ranking(window)["Valsta centrum"] == kommun_view + 3


def test_reader_cannot_edit(qtbot, ctx, window):
    sign_in(qtbot, ctx, "rita")
    tab = window.lagesbild_tab
    assert not window.act_new_observation.isEnabled() and not window.act_new_action.isEnabled()
    assert not tab.new_button.isEnabled()
    tab.list_view.selectRow(0)
    assert not tab.edit_button.isEnabled() and not tab.delete_button.isEnabled()
    window.tabs.setCurrentWidget(window.action_plan_tab)
    settle(qtbot, ctx)
    plan = window.action_plan_tab
    plan.view.selectRow(0)
    assert not plan.edit_button.isEnabled() and not plan.log.add_button.isEnabled()


# --- åtgärdsplan -------------------------------------------------------------------------------------


def test_create_and_edit_an_action_and_add_an_update(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.tabs.setCurrentWidget(window.action_plan_tab)
    settle(qtbot, ctx)
    plan = window.action_plan_tab
    window.new_action()
    dialog = plan._dialog
    dialog.title.setText("Trygghetsvandring i Valsta")
    dialog.problem.setPlainText("Otrygghet kvällstid vid Valsta centrum")
    dialog.deadline.set_value(TODAY + dt.timedelta(days=20))
    areas = dialog.areas.list
    areas.item(0).setCheckState(areas.item(0).checkState().Checked)
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    settle(qtbot, ctx)
    titles = [row.title for row in plan.model.rows]
    assert "Trygghetsvandring i Valsta" in titles

    plan.view.selectRow(titles.index("Trygghetsvandring i Valsta"))
    settle(qtbot, ctx)
    plan.edit_selected()
    dialog = plan._dialog
    dialog.person.setText("Lena Samordnare")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    settle(qtbot, ctx)
    row = next(r for r in plan.model.rows if r.title == "Trygghetsvandring i Valsta")
    assert row.responsible_person == "Lena Samordnare"

    plan.view.selectRow(plan.model.rows.index(row))
    settle(qtbot, ctx)
    log = plan.log
    log.note.setPlainText("Vandringen genomförd med fastighetsägaren")
    from app.domain.vocabulary import ActionStatus

    log.new_status.set_value(ActionStatus.ONGOING)
    log.add_entry()
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: len(log.model.rows) == 1, timeout=10000)
    entry = log.model.rows[0]
    assert entry.text == "Vandringen genomförd med fastighetsägaren" and entry.new_status is ActionStatus.ONGOING
    assert entry.author_name == "Anna Andersson"
    assert next(r for r in plan.model.rows if r.title == "Trygghetsvandring i Valsta").status is ActionStatus.ONGOING


def test_action_dialog_reports_every_wrong_field(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.new_action()
    qtbot.waitUntil(lambda: hasattr(window.action_plan_tab, "_dialog"), timeout=10000)
    dialog = window.action_plan_tab._dialog
    dialog.hours.setText("många")
    dialog.start_on.set_value(TODAY)
    dialog.deadline.set_value(TODAY - dt.timedelta(days=3))
    dialog.save()
    qtbot.waitUntil(dialog.banner.isVisible, timeout=10000)
    for field in ("title", "area_ids", "deadline", "hours_spent"):
        assert dialog.field_error(field), field
    assert dialog.hours.text() == "många"
    dialog.reject()


def test_overdue_filter_and_highlight(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.tabs.setCurrentWidget(window.action_plan_tab)
    settle(qtbot, ctx)
    plan = window.action_plan_tab
    plan.overdue_only.setChecked(True)
    settle(qtbot, ctx)
    assert [r.title for r in plan.model.rows] == ["Bättre belysning i gångtunneln"]
    index = plan.model.index(0, 1)
    assert plan.model.data(index, role=8) is not None  # BackgroundRole: overdue rows are tinted


# --- screenshots -------------------------------------------------------------------------------------


def test_screenshot_of_every_tab(qtbot, ctx, window):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    sign_in(qtbot, ctx, "anna")
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(qtbot, ctx)
        path = ARTIFACTS / f"tab_{index}_{window.tabs.widget(index).objectName()}.png"
        assert window.grab().save(str(path))
        assert path.stat().st_size > 10_000
    window.lock()
    assert window.grab().save(str(ARTIFACTS / "locked.png"))


def test_locking_hides_open_forms_and_unlocking_brings_them_back(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.new_observation()
    dialog = window.lagesbild_tab._dialog
    dialog.description.setPlainText("Halvskriven text")
    window.lock()
    assert not dialog.isVisible(), "a form must not stay on screen over the lock"
    page = window.lock_page
    page.password.setText(PASSWORDS["anna"])
    page.submit()
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=10000)
    assert dialog.isVisible() and dialog.description.toPlainText() == "Halvskriven text"

    window.lock()
    page.username.setText("per")
    page.password.setText(PASSWORDS["per"])
    page.submit()
    qtbot.waitUntil(lambda: ctx.actor is not None and ctx.actor.username == "per", timeout=10000)
    QApplication.processEvents()
    assert not any(d.isVisible() for d in window.findChildren(QDialog)), "another user never sees Anna's form"


def test_new_entry_asked_for_while_the_lists_load_opens_when_they_arrive(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    tab.lookups, tab._dialog = None, None  # as just after start: places and categories not read yet
    window.new_observation()
    assert tab._dialog is None
    qtbot.waitUntil(lambda: tab._dialog is not None and tab._dialog.isVisible(), timeout=10000)
    tab._dialog.reject()
