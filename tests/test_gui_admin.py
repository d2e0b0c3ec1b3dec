"""Arkiv → Administration: places, event types, samverkansområden per agreement period and
organisations are created, changed, retired and merged by administrators, version-checked, and only
shown to everyone else."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.domain.vocabulary import OrganisationKind, PlaceType
from app.services import reference
from app.services.reference import AgreementPeriodInput, CategoryInput, OrganisationInput, PlaceInput
from app.services.runner import call
from tests.gui_support import settle, sign_in
from tests.test_gui_forms import problems_of
from ui.app import create_application
from ui.dialogs.admin.categories import CategoryDialog
from ui.dialogs.admin.organisations import OrganisationDialog
from ui.dialogs.admin.periods import AreaDialog, PeriodDialog
from ui.dialogs.admin.places import MergePlacesDialog, PlaceDialog
from ui.dialogs.admin_window import AdminWindow
from ui.dialogs.conflict_dialog import ConflictDialog

pytestmark = pytest.mark.gui


def open_admin(qtbot, ctx, window, username: str = "anna") -> AdminWindow:
    sign_in(qtbot, ctx, username)
    window.show_administration()
    admin = window._dialog
    assert isinstance(admin, AdminWindow)
    qtbot.waitUntil(admin.isVisible)
    settle(qtbot, ctx)
    return admin


def opened(qtbot, ctx, page):
    """The dialog the page just opened, once shown and loaded."""
    settle(qtbot, ctx)
    dialog = page.dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def save(qtbot, ctx, dialog) -> None:
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    settle(qtbot, ctx)


def save_refused(qtbot, ctx, dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    settle(qtbot, ctx)
    assert dialog.isVisible(), "the dialog stays open with what was typed"


def select_row(view, model, name: str) -> None:
    view.selectRow(next(i for i, row in enumerate(model.rows) if row.name == name))


def places(ctx) -> dict[str, reference.PlaceRow]:
    return {p.name: p for p in call(ctx.db, ctx.actor, reference.list_places)}


def conflict_of(qtbot, ctx, dialog) -> ConflictDialog:
    dialog.save()
    qtbot.waitUntil(lambda: getattr(dialog, "conflict_dialog", None) is not None, timeout=10000)
    return dialog.conflict_dialog


# --- Platser ---------------------------------------------------------------------------------------


def test_an_admin_adds_changes_and_retires_a_place(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.places
    before = page.model.rowCount()
    page.new_button.click()
    dialog = opened(qtbot, ctx, page)
    assert isinstance(dialog, PlaceDialog)
    assert dialog.district.findText("Valsta") >= 0, "the districts in use are offered"
    dialog.name.setText("Valsta skola")
    dialog.district.setEditText("Valsta")
    dialog.declared["place_type"].set_value(PlaceType.SCHOOL)
    dialog.latitude.setText("59,61")  # half a coordinate: refused on the field, the form kept
    save_refused(qtbot, ctx, dialog)
    assert dialog.field_error("longitude") or dialog.field_error("latitude")
    assert dialog.name.text() == "Valsta skola"
    dialog.declared["longitude"].setText("17,83")
    dialog.declared["poor_lighting"].setChecked(True)
    save(qtbot, ctx, dialog)
    assert page.model.rowCount() == before + 1
    stored = places(ctx)["Valsta skola"]
    assert (stored.district, stored.place_type, stored.poor_lighting) == ("Valsta", PlaceType.SCHOOL, True)
    assert stored.latitude == pytest.approx(59.61) and stored.longitude == pytest.approx(17.83)
    shown = next(r for r in range(page.model.rowCount()) if page.model.rows[r].name == "Valsta skola")
    assert page.model.index(shown, 4).data() == "Dålig belysning"

    select_row(page.view, page.model, "Valsta skola")
    page.edit_button.click()
    dialog = opened(qtbot, ctx, page)
    dialog.name.setText("Valsta grundskola")
    save(qtbot, ctx, dialog)
    assert "Valsta grundskola" in places(ctx) and "Valsta skola" not in places(ctx)

    select_row(page.view, page.model, "Valsta grundskola")
    assert page.active_button.text() == "&Ta ur bruk"
    page.active_button.click()
    settle(qtbot, ctx)
    assert not places(ctx)["Valsta grundskola"].active
    assert page.model.rowCount() == before, "a place not in use is left out of the list"
    page.show_retired.setChecked(True)
    assert page.model.rowCount() == before + 1
    select_row(page.view, page.model, "Valsta grundskola")
    assert page.active_button.text() == "Ta &i bruk"
    page.active_button.click()
    settle(qtbot, ctx)
    assert places(ctx)["Valsta grundskola"].active

    page.search.setText("märsta")
    assert {p.name for p in page.model.rows} == {"Märsta station", "Märsta centrum"}


def test_a_taken_place_name_is_shown_on_the_field_naming_the_place(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    admin.places.new()
    dialog = opened(qtbot, ctx, admin.places)
    dialog.name.setText("märsta station")
    dialog.district.setEditText("Märsta")
    save_refused(qtbot, ctx, dialog)
    assert "Märsta station" in dialog.field_error("name")
    dialog.discard()


def test_a_place_saved_first_at_another_desk_shows_the_conflict_and_keeps_my_values(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.places
    select_row(page.view, page.model, "Valsta centrum")
    page.edit()
    dialog = opened(qtbot, ctx, page)
    stored = places(ctx)["Valsta centrum"]
    theirs = replace(
        PlaceInput(**{f: getattr(stored, f) for f in PlaceInput.__dataclass_fields__}), notes="Ny belysning 2026"
    )
    call(ctx.db, ctx.actor, reference.update_place, stored.id, theirs, stored.version)  # the other desk
    dialog.declared["notes"].setPlainText("Mörk gångväg")
    conflict = conflict_of(qtbot, ctx, dialog)
    rows = [tuple(conflict.table.item(r, c).text() for c in range(3)) for r in range(conflict.table.rowCount())]
    assert ("Anteckningar", "Ny belysning 2026", "Mörk gångväg") in rows
    assert dialog.isVisible() and dialog.declared["notes"].toPlainText() == "Mörk gångväg"
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        conflict.done(ConflictDialog.KEEP_MINE)
    settle(qtbot, ctx)
    assert places(ctx)["Valsta centrum"].notes == "Mörk gångväg"


def test_merging_two_places_moves_every_row_after_a_question(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.places
    before = places(ctx)
    source, target = before["Märsta centrum"], before["Märsta station"]
    uses_source = call(ctx.db, ctx.actor, reference.place_uses, source.id)
    uses_target = call(ctx.db, ctx.actor, reference.place_uses, target.id)
    assert uses_source["observations"] > 0
    rows_before = page.model.rowCount()
    select_row(page.view, page.model, "Märsta centrum")
    page.merge_button.click()
    dialog = opened(qtbot, ctx, page)
    assert isinstance(dialog, MergePlacesDialog)
    assert f"{uses_source['observations']} observationer" in dialog.moves.text()
    dialog.merge_button.click()  # no place chosen yet
    assert dialog.banner.isVisible() and dialog.question is None
    dialog.target.set_value(target.id)

    dialog.merge_button.click()
    assert "Märsta station" in dialog.question.text()
    dialog.question.cancel_button.click()  # the safe answer: nothing moves
    settle(qtbot, ctx)
    assert dialog.result_merge is None and "Märsta centrum" in places(ctx)

    dialog.merge_button.click()
    with qtbot.waitSignal(ctx.changed, timeout=10000):
        dialog.question.action_button.click()
    settle(qtbot, ctx)
    merge = dialog.result_merge
    assert merge is not None and merge.kept.id == target.id and merge.removed_name == "Märsta centrum"
    assert merge.observations == uses_source["observations"]
    assert "Ihopslaget" in dialog.moves.text() and not dialog.merge_button.isVisible()
    after = places(ctx)
    assert "Märsta centrum" not in after
    moved = call(ctx.db, ctx.actor, reference.place_uses, target.id)
    assert moved["observations"] == uses_source["observations"] + uses_target["observations"]
    assert page.model.rowCount() == rows_before - 1
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()
    assert not dialog.isVisible()


def test_a_merge_that_meets_a_newer_version_says_so_and_can_be_done_again(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.places
    select_row(page.view, page.model, "Sigtuna stadskärna")
    page.merge()
    dialog = opened(qtbot, ctx, page)
    target = places(ctx)["Valsta centrum"]
    dialog.target.set_value(target.id)
    theirs = replace(PlaceInput(**{f: getattr(target, f) for f in PlaceInput.__dataclass_fields__}), littering=True)
    call(ctx.db, ctx.actor, reference.update_place, target.id, theirs, target.version)  # another desk, first
    dialog.merge_button.click()
    dialog.question.action_button.click()
    settle(qtbot, ctx)
    assert dialog.result_merge is None and dialog.banner.isVisible()
    assert "Sigtuna stadskärna" in places(ctx), "nothing was merged"
    dialog.merge_button.click()
    dialog.question.action_button.click()
    settle(qtbot, ctx)
    assert dialog.result_merge is not None and dialog.result_merge.kept.littering
    assert "Sigtuna stadskärna" not in places(ctx)


# --- Händelsetyper ---------------------------------------------------------------------------------


def categories(ctx, period_id=None) -> dict[str, reference.CategoryRow]:
    return {c.code: c for c in call(ctx.db, ctx.actor, reference.list_categories, period_id=period_id)}


def areas_by_name(ctx, period_id=None) -> dict[str, reference.AreaRow]:
    if period_id is None:
        period_id = call(ctx.db, ctx.actor, reference.period_in_force).id
    return {a.name: a for a in call(ctx.db, ctx.actor, reference.list_areas, period_id=period_id)}


def choose_category(page, code: str) -> None:
    item = page.item_of(categories(page.ctx)[code].id)
    page.tree.setCurrentItem(item)


def test_event_types_show_as_a_tree_and_an_admin_adds_changes_and_retires_one(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.categories
    in_force = call(ctx.db, ctx.actor, reference.period_in_force)
    assert page.period.current_value() == in_force.id, "the period in force is chosen first"
    vald = page.item_of(categories(ctx)["VALD"].id)
    assert vald.parent() is None and "RAN" in {vald.child(i).text(1) for i in range(vald.childCount())}
    assert vald.text(2) == "Otrygga platser"
    top_level = page.tree.topLevelItemCount()

    page.new_button.click()
    dialog = opened(qtbot, ctx, page)
    assert isinstance(dialog, CategoryDialog)
    dialog.code.setText("tunn")
    dialog.name.setText("Otrygg gångtunnel")
    dialog.parent_choice.set_value(categories(ctx)["VALD"].id)
    dialog.area.set_value(areas_by_name(ctx)["Otrygga platser"].id)
    save(qtbot, ctx, dialog)
    stored = categories(ctx)["TUNN"]
    assert (stored.parent_name, stored.area_name) == ("Våldsbrott", "Otrygga platser")
    assert page.tree.topLevelItemCount() == top_level
    assert page.item_of(stored.id).parent() is page.item_of(categories(ctx)["VALD"].id)

    choose_category(page, "TUNN")
    page.edit_button.click()
    dialog = opened(qtbot, ctx, page)
    dialog.parent_choice.set_value(0)  # a main type of its own
    dialog.name.setText("Otrygg tunnel")
    save(qtbot, ctx, dialog)
    assert categories(ctx)["TUNN"].parent_id is None and categories(ctx)["TUNN"].name == "Otrygg tunnel"
    assert page.tree.topLevelItemCount() == top_level + 1

    choose_category(page, "TUNN")
    page.active_button.click()
    settle(qtbot, ctx)
    assert not categories(ctx)["TUNN"].active
    assert page.item_of(categories(ctx)["TUNN"].id).text(3) == "Nej"


def test_moving_an_event_type_to_another_area_says_what_it_does_first(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.categories
    areas = areas_by_name(ctx)
    vald = categories(ctx)["VALD"]
    move = call(ctx.db, ctx.actor, reference.category_area_move, vald.id, areas["Ungdomsgäng"].id)
    assert move.events > 0
    choose_category(page, "VALD")
    page.edit()
    dialog = opened(qtbot, ctx, page)
    dialog.area.set_value(areas["Ungdomsgäng"].id)
    dialog.save()
    settle(qtbot, ctx)
    question = dialog.move_question
    assert question is not None
    assert "Otrygga platser" in question.text() and "Ungdomsgäng" in question.text()
    assert f"{move.events} händelser" in question.text()
    question.cancel_button.click()  # keep the old area: nothing is saved, the form stays
    settle(qtbot, ctx)
    assert dialog.isVisible() and categories(ctx)["VALD"].area_name == "Otrygga platser"

    dialog.save()
    settle(qtbot, ctx)
    with qtbot.waitSignal(dialog.accepted, timeout=10000), qtbot.waitSignal(ctx.changed, timeout=10000) as heard:
        dialog.move_question.action_button.click()
    settle(qtbot, ctx)
    assert heard.args[0].touches({"reference"}), "the filters and area tabs hear of the move"
    assert categories(ctx)["VALD"].area_name == "Ungdomsgäng"
    assert page.item_of(vald.id).text(2) == "Ungdomsgäng"


def test_an_event_type_saved_first_elsewhere_shows_the_conflict(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.categories
    choose_category(page, "KLOT")
    page.edit()
    dialog = opened(qtbot, ctx, page)
    klot = categories(ctx)["KLOT"]
    data = CategoryInput(klot.code, "Klotter och tags", klot.area_id, klot.parent_id, klot.active)
    call(ctx.db, ctx.actor, reference.update_category, klot.id, data, klot.version)
    dialog.name.setText("Klotter på fasader")
    conflict = conflict_of(qtbot, ctx, dialog)
    assert dialog.name.text() == "Klotter på fasader"
    conflict.done(ConflictDialog.TAKE_THEIRS)
    assert dialog.name.text() == "Klotter och tags"
    save(qtbot, ctx, dialog)


# --- Samverkansområden -----------------------------------------------------------------------------


def test_a_new_period_starts_with_the_previous_ones_areas(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.periods
    old = call(ctx.db, ctx.actor, reference.period_in_force)
    assert page.period_model.rowCount() == 1 and [a.name for a in page.area_model.rows] == list(areas_by_name(ctx))
    page.new_period_button.click()
    dialog = opened(qtbot, ctx, page)
    assert isinstance(dialog, PeriodDialog)
    assert dialog.starts_on.date().toPython() == old.ends_on + dt.timedelta(days=1), "it follows the last one"
    assert dialog.copy_from.current_value() == old.id
    dialog.name.setText("Samverkansöverenskommelse 2029–2032")
    dialog.declared["signed_by"].setText("Kommunstyrelsens ordförande")
    save(qtbot, ctx, dialog)
    periods = call(ctx.db, ctx.actor, reference.list_agreement_periods)
    new = next(p for p in periods if p.name == "Samverkansöverenskommelse 2029–2032")
    assert new.signed_by == "Kommunstyrelsens ordförande"
    assert page.period_model.rowCount() == 2
    copied = areas_by_name(ctx, new.id)
    assert list(copied) == list(areas_by_name(ctx, old.id))
    assert not set(a.id for a in copied.values()) & set(a.id for a in areas_by_name(ctx, old.id).values())
    # its event types count to the copies of their areas
    assert categories(ctx, new.id)["VALD"].area_id == copied["Otrygga platser"].id

    # The event types page offers the new period, with its own areas.
    categories_page = admin.categories
    categories_page.period.set_value(new.id)
    settle(qtbot, ctx)
    assert {a.id for a in categories_page.areas} == {a.id for a in copied.values()}

    # An overlapping period is refused on its field.
    page.new_period()
    dialog = opened(qtbot, ctx, page)
    dialog.name.setText("Fel period")
    dialog.starts_on.setDate(dt.date(2028, 6, 1))
    save_refused(qtbot, ctx, dialog)
    assert "överlappar" in dialog.field_error("starts_on")
    dialog.discard()


def test_an_admin_adds_orders_and_retires_the_areas_of_a_period(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.periods
    period = call(ctx.db, ctx.actor, reference.period_in_force)
    page.new_area_button.click()
    dialog = opened(qtbot, ctx, page)
    assert isinstance(dialog, AreaDialog)
    assert dialog.declared["sort_order"].value() == 5, "a new area comes last"
    dialog.name.setText("Trygg trafikmiljö")
    dialog.description.setPlainText("Mopeder och bilar i centrum")
    save(qtbot, ctx, dialog)
    assert [a.name for a in page.area_model.rows][-1] == "Trygg trafikmiljö"
    assert areas_by_name(ctx, period.id)["Trygg trafikmiljö"].agreement_period_id == period.id

    select_row(page.area_view, page.area_model, "Trygg trafikmiljö")
    assert not page.down_button.isEnabled()
    page.up_button.click()
    settle(qtbot, ctx)
    names = [a.name for a in call(ctx.db, ctx.actor, reference.list_areas, period_id=period.id)]
    assert names[-2:] == ["Trygg trafikmiljö", "Tystnadskultur"]
    assert [a.name for a in page.area_model.rows] == names
    assert [a.sort_order for a in page.area_model.rows] == [1, 2, 3, 4, 5]

    select_row(page.area_view, page.area_model, "Trygg trafikmiljö")
    page.area_active_button.click()
    settle(qtbot, ctx)
    assert not areas_by_name(ctx, period.id)["Trygg trafikmiljö"].active

    select_row(page.area_view, page.area_model, "Ungdomsgäng")
    page.edit_area()
    dialog = opened(qtbot, ctx, page)
    dialog.name.setText("Otrygga platser")  # taken in this period: the message names the area
    save_refused(qtbot, ctx, dialog)
    assert "Otrygga platser" in dialog.field_error("name")
    dialog.discard()


def test_a_period_saved_first_elsewhere_shows_the_conflict(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.periods
    period = call(ctx.db, ctx.actor, reference.period_in_force)
    page.edit_period()
    dialog = opened(qtbot, ctx, page)
    data = AgreementPeriodInput(
        period.name, period.starts_on, period.ends_on, period.signed_on, period.description, "Lokalpolisområdeschefen"
    )
    call(ctx.db, ctx.actor, reference.update_agreement_period, period.id, data, period.version)
    dialog.declared["signed_by"].setText("Kommunstyrelsen")
    conflict = conflict_of(qtbot, ctx, dialog)
    rows = [tuple(conflict.table.item(r, c).text() for c in range(3)) for r in range(conflict.table.rowCount())]
    assert ("Undertecknad av", "Lokalpolisområdeschefen", "Kommunstyrelsen") in rows
    conflict.reject()
    assert dialog.isVisible() and dialog.declared["signed_by"].text() == "Kommunstyrelsen"
    dialog.discard()


# --- Organisationer --------------------------------------------------------------------------------


def organisations(ctx) -> dict[str, reference.OrganisationRow]:
    return {o.name: o for o in call(ctx.db, ctx.actor, reference.list_organisations)}


def test_an_admin_adds_changes_and_retires_an_organisation(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.organisations
    before = page.model.rowCount()
    page.new_button.click()
    dialog = opened(qtbot, ctx, page)
    assert isinstance(dialog, OrganisationDialog)
    dialog.name.setText("Sigtunahem")
    dialog.short_name.setText("Polisen")  # taken: the message names the organisation that has it
    dialog.kind.set_value(OrganisationKind.MUNICIPAL_COMPANY)
    save_refused(qtbot, ctx, dialog)
    assert "Polisen, lokalpolisområde Sollentuna" in dialog.field_error("short_name")
    dialog.short_name.setText("Sigtunahem")
    save(qtbot, ctx, dialog)
    assert page.model.rowCount() == before + 1
    assert organisations(ctx)["Sigtunahem"].kind is OrganisationKind.MUNICIPAL_COMPANY
    row = next(r for r in range(page.model.rowCount()) if page.model.rows[r].name == "Sigtunahem")
    assert page.model.index(row, 2).data() == "Kommunalt bolag"

    select_row(page.view, page.model, "Sigtunahem")
    page.edit()
    dialog = opened(qtbot, ctx, page)
    dialog.name.setText("AB Sigtunahem")
    save(qtbot, ctx, dialog)
    select_row(page.view, page.model, "AB Sigtunahem")
    page.active_button.click()
    settle(qtbot, ctx)
    assert not organisations(ctx)["AB Sigtunahem"].active
    page.show_retired.setChecked(False)
    assert page.model.rowCount() == before


def test_an_organisation_saved_first_elsewhere_shows_the_conflict(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.organisations
    select_row(page.view, page.model, "Attunda räddningstjänst")
    page.edit()
    dialog = opened(qtbot, ctx, page)
    stored = organisations(ctx)["Attunda räddningstjänst"]
    data = OrganisationInput("Attunda brandförsvar", stored.short_name, stored.active, stored.kind)
    call(ctx.db, ctx.actor, reference.update_organisation, stored.id, data, stored.version)
    dialog.name.setText("Räddningstjänsten Attunda")
    conflict = conflict_of(qtbot, ctx, dialog)
    assert dialog.name.text() == "Räddningstjänsten Attunda"
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        conflict.done(ConflictDialog.KEEP_MINE)
    settle(qtbot, ctx)
    assert "Räddningstjänsten Attunda" in organisations(ctx)


# --- who may change --------------------------------------------------------------------------------


def test_everyone_else_sees_the_lists_without_the_change_buttons(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window, "per")
    assert admin.read_only.isVisible()
    assert "administratörer" in admin.read_only.text()
    for page in admin.pages:
        assert page.change_buttons and not any(b.isVisible() for b in page.change_buttons), page.objectName()
    assert admin.places.model.rowCount() == 4
    assert admin.categories.tree.topLevelItemCount() > 0
    assert admin.periods.area_model.rowCount() == 4
    assert admin.organisations.model.rowCount() == 3
    # Double-clicking or calling the commands opens nothing.
    admin.places.view.selectRow(0)
    admin.places.edit()
    admin.places.new()
    admin.organisations.new()
    admin.periods.new_period()
    assert all(page.dialog is None for page in admin.pages)


def test_the_service_refuses_a_place_saved_by_someone_not_an_admin(qtbot, ctx, window):
    """Even a form opened some other way cannot save: the service says no, on the banner."""
    sign_in(qtbot, ctx, "per")
    dialog = PlaceDialog(ctx, ["Märsta"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Polisens plats")
    dialog.district.setEditText("Märsta")
    save_refused(qtbot, ctx, dialog)
    assert "administratör" in dialog.banner.text()
    assert "Polisens plats" not in places(ctx)
    dialog.discard()


def test_the_menu_opens_the_window_for_everyone_signed_in(qtbot, ctx, window):
    sign_in(qtbot, ctx, "rita")
    assert window.act_admin.isEnabled()
    assert window.act_admin in window.file_menu.actions()
    window.act_admin.trigger()
    qtbot.waitUntil(lambda: isinstance(window._dialog, AdminWindow) and window._dialog.isVisible())
    admin = window._dialog
    assert not admin.isModal()
    window.act_admin.trigger()
    assert window._dialog is admin, "a second time, the open window comes forward"
    admin.close()


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_label_of_the_administration_forms_has_its_own_letter(qtbot, ctx, language):
    create_application(language=language)
    try:
        sign_in(qtbot, ctx, "anna")
        period = call(ctx.db, ctx.actor, reference.period_in_force)
        cats = call(ctx.db, ctx.actor, reference.list_categories)
        areas = call(ctx.db, ctx.actor, reference.list_areas, period_id=period.id)
        place = call(ctx.db, ctx.actor, reference.list_places)[0]
        org = call(ctx.db, ctx.actor, reference.list_organisations)[0]
        dialogs = [
            PlaceDialog(ctx, ["Märsta"]),
            PlaceDialog(ctx, ["Märsta"], place),
            CategoryDialog(ctx, period, cats, areas),
            CategoryDialog(ctx, period, cats, areas, cats[0]),
            PeriodDialog(ctx, [period]),
            PeriodDialog(ctx, [period], period),
            AreaDialog(ctx, period),
            AreaDialog(ctx, period, areas[0]),
            OrganisationDialog(ctx),
            OrganisationDialog(ctx, org),
        ]
        for dialog in dialogs:
            qtbot.addWidget(dialog)
        assert [p for dialog in dialogs for p in problems_of(dialog)] == []
    finally:
        create_application(language="sv")


def test_f1_in_the_administration_window_opens_the_section_of_its_tab(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    for page, anchor in (
        (admin.places, "admin-places"),
        (admin.categories, "admin-categories"),
        (admin.periods, "admin-periods"),
        (admin.organisations, "admin-organisations"),
    ):
        admin.tabs.setCurrentWidget(page)
        QApplication.processEvents()
        qtbot.keyClick(page, Qt.Key.Key_F1)
        assert window.help_window.current_anchor() == anchor
    qtbot.keyClick(admin.tabs.tabBar(), Qt.Key.Key_F1)  # the tab bar: the page shown
    assert window.help_window.current_anchor() == "admin-organisations"
    admin.places.new()
    dialog = opened(qtbot, ctx, admin.places)
    qtbot.keyClick(dialog.name, Qt.Key.Key_F1)
    assert window.help_window.current_anchor() == "admin-places"
    dialog.discard()


def test_retiring_a_row_changed_meanwhile_says_so_and_shows_it_as_stored(qtbot, ctx, window):
    from PySide6.QtWidgets import QMessageBox

    admin = open_admin(qtbot, ctx, window)
    page = admin.places
    select_row(page.view, page.model, "Valsta centrum")
    stored = places(ctx)["Valsta centrum"]
    theirs = replace(PlaceInput(**{f: getattr(stored, f) for f in PlaceInput.__dataclass_fields__}), notes="Ändrad")
    call(ctx.db, ctx.actor, reference.update_place, stored.id, theirs, stored.version)  # another desk, first
    page.active_button.click()
    settle(qtbot, ctx)
    box = next(w for w in page.findChildren(QMessageBox) if w.objectName() == "errorBox")
    assert box.isVisible() and "någon annan" in box.text().lower()
    assert places(ctx)["Valsta centrum"].active, "nothing was overwritten"
    shown = next(p for p in page.model.rows if p.name == "Valsta centrum")
    assert shown.notes == "Ändrad" and shown.version == places(ctx)["Valsta centrum"].version
    box.close()


def test_the_audit_trail_names_an_organisations_kind_as_such(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.organisations
    select_row(page.view, page.model, "Attunda räddningstjänst")
    page.edit()
    dialog = opened(qtbot, ctx, page)
    dialog.kind.set_value(OrganisationKind.REGION)
    save(qtbot, ctx, dialog)
    admin.close()
    window.show_audit_trail()
    audit = window._dialog
    settle(qtbot, ctx)
    index = next(i for i, r in enumerate(audit.model.rows) if r.table_name == "organisation")
    audit.view.selectRow(index)
    settle(qtbot, ctx)
    table = audit.details
    rows = [tuple(table.item(r, c).text() for c in range(3)) for r in range(table.rowCount())]
    assert ("Typ av organisation", "Räddningstjänst", "Region") in rows
    audit.close()
