"""Forms declared once: every label moves focus to its own input with Alt+letter, no two letters clash
within a form, and the conflict comparison works on values, not on widgets' text."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFormLayout,
    QLabel,
    QWidget,
)

from app.domain.vocabulary import ActionStatus, label
from app.services import actions, followup, reference, users
from app.services.lookups import load_lookups
from app.services.runner import call
from tests.gui_support import ARTIFACTS, sign_in
from ui.app import create_application
from ui.dialogs.action_dialog import ActionDialog
from ui.dialogs.area_dialog import AreaDescriptionDialog
from ui.dialogs.base import EditDialog
from ui.dialogs.followup_dialogs import (
    IndicatorDialog,
    MeasurementDialog,
    MeetingDialog,
)
from ui.dialogs.observation_dialog import ObservationDialog
from ui.dialogs.users_window import ChangePasswordDialog, NewUserDialog, PasswordDialog

pytestmark = pytest.mark.gui


def every_dialog(ctx) -> list[EditDialog]:
    """One of each edit dialog, new and (where there is one) editing a stored row."""
    lookups = call(ctx.db, ctx.actor, load_lookups)
    action = call(ctx.db, ctx.actor, actions.list_actions)[0]
    indicator = call(ctx.db, ctx.actor, followup.list_indicators)[0]
    point = call(ctx.db, ctx.actor, followup.indicator_series, indicator.id).points[0]
    account = call(ctx.db, ctx.actor, users.list_accounts)[0]
    return [
        ObservationDialog(ctx, lookups),
        ActionDialog(ctx, lookups),
        ActionDialog(ctx, lookups, call(ctx.db, ctx.actor, actions.get_action, action.id)),
        IndicatorDialog(ctx, lookups),
        IndicatorDialog(ctx, lookups, indicator),
        MeasurementDialog(ctx, indicator),
        MeasurementDialog(ctx, indicator, point),
        MeetingDialog(ctx, lookups),
        NewUserDialog(ctx, lookups.organisations),
        PasswordDialog(ctx, account),
        ChangePasswordDialog(ctx),
        AreaDescriptionDialog(ctx, call(ctx.db, ctx.actor, reference.list_areas)[0]),
    ]


def mnemonic(text: str) -> str | None:
    """The letter after a single & ('&&' is a literal ampersand)."""
    index = text.replace("&&", "\0\0").find("&")
    return text[index + 1].lower() if 0 <= index < len(text) - 1 else None


def focus_target(widget: QWidget) -> QWidget:
    while widget.focusProxy() is not None:
        widget = widget.focusProxy()
    return widget


def problems_of(dialog: EditDialog) -> list[str]:
    found = []
    buttons = [b for b in dialog.buttons.buttons() if mnemonic(b.text())]
    for form in dialog.forms:
        letters: dict[str, str] = {mnemonic(b.text()): b.text() for b in buttons}
        inputs = {widget: name for name, (widget, _message) in form.fields.items()}
        for row in range(form.rowCount()):
            label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            label = label.widget() if label is not None else None
            holder = field.widget() if field is not None else None
            name = next((n for n, (w, _m) in form.fields.items() if w.parentWidget() is holder), None)
            where = f"{dialog.objectName()} {name or row}"
            if name is None:
                if isinstance(label, QLabel) and label.text():
                    found.append(f"{where}: a label {label.text()!r} beside no declared field")
                continue
            widget = form.fields[name][0]
            if isinstance(label, QLabel) and label.text():
                caption = label.text()
                if label.buddy() is not widget:
                    found.append(f"{where}: {caption!r} points at {label.buddy()!r}, not at its input")
            elif isinstance(widget, QAbstractButton):
                caption = widget.text()  # a check box carries its own caption and mnemonic
            else:
                found.append(f"{where}: no label")
                continue
            letter = mnemonic(caption)
            if letter is None:
                found.append(f"{where}: {caption!r} has no & mnemonic")
            elif letter in letters:
                found.append(f"{where}: {caption!r} and {letters[letter]!r} both use Alt+{letter}")
            else:
                letters[letter] = caption
            if focus_target(widget).focusPolicy() == Qt.FocusPolicy.NoFocus:
                found.append(f"{where}: the input cannot take focus")
        assert set(inputs.values()) == set(form.fields)
    return found


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_label_points_at_its_input_and_no_two_letters_clash(qtbot, ctx, language):
    create_application(language=language)
    try:
        sign_in(qtbot, ctx, "anna")
        dialogs = every_dialog(ctx)
        for dialog in dialogs:
            qtbot.addWidget(dialog)
        problems = [p for dialog in dialogs for p in problems_of(dialog)]
        assert problems == []
    finally:
        create_application(language="sv")


def test_the_walk_finds_a_clash_and_a_label_beside_a_holder(qtbot, ctx):
    """The check above can fail: two fields with one letter, and a label pointing at the holder."""
    sign_in(qtbot, ctx, "anna")
    dialog = MeasurementDialog(ctx, call(ctx.db, ctx.actor, followup.list_indicators)[0])
    qtbot.addWidget(dialog)
    form = dialog.forms[0]
    form.label_for("note").setText(form.label_for("value").text())
    value = form.fields["value"][0]
    form.label_for("value").setBuddy(value.parentWidget())
    problems = problems_of(dialog)
    assert any("both use Alt+" in p for p in problems), problems
    assert any("not at its input" in p for p in problems), problems


def press_alt(qtbot, dialog: QWidget, caption: str) -> QWidget | None:
    letter = mnemonic(caption)
    qtbot.keyClick(dialog, getattr(Qt.Key, f"Key_{letter.upper()}"), Qt.KeyboardModifier.AltModifier)
    return QApplication.focusWidget()


def test_alt_letter_moves_focus_to_the_field(qtbot, ctx):
    sign_in(qtbot, ctx, "anna")
    lookups = call(ctx.db, ctx.actor, load_lookups)
    dialog = ObservationDialog(ctx, lookups)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert QApplication.focusWidget() is not dialog.declared["category_id"]
    for name in ("category_id", "description", "source", "occurred_time", "place_id"):
        widget = dialog.declared[name]
        target = focus_target(widget)
        focused = press_alt(qtbot, dialog, dialog.form.label_for(name).text())
        assert focused is target or target.isAncestorOf(focused), (name, focused)
    # A check box's own mnemonic focuses it (and, as a button's mnemonic does, ticks it).
    press_alt(qtbot, dialog, dialog.declared["verified"].text())
    assert QApplication.focusWidget() is dialog.declared["verified"]

    action = ActionDialog(ctx, lookups)
    qtbot.addWidget(action)
    action.show()
    action.activateWindow()
    qtbot.waitUntil(action.isActiveWindow)
    action.pages.setCurrentIndex(1)
    deadline = action.declared["deadline"]
    focused = press_alt(qtbot, action, action.forms[1].label_for("deadline").text())
    assert focused is deadline.enabled and deadline.value() is None  # focused, not ticked
    action.pages.setCurrentIndex(2)
    focused = press_alt(qtbot, action, action.forms[2].label_for("place_ids").text())
    assert focused is action.declared["place_ids"].search
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(ARTIFACTS / "observation_form.png"))
    dialog.reject()
    action.reject()


def test_the_comparison_is_of_values_in_the_fields_order(qtbot, ctx):
    sign_in(qtbot, ctx, "anna")
    lookups = call(ctx.db, ctx.actor, load_lookups)
    action = call(ctx.db, ctx.actor, actions.list_actions)[0]
    row = call(ctx.db, ctx.actor, actions.get_action, action.id)
    dialog = ActionDialog(ctx, lookups, row)
    qtbot.addWidget(dialog)
    assert dialog.declared.differences(row) == []  # the form shows the row: nothing differs
    dialog.hours.setText(f"{row.hours_spent:g}".replace(".", ",") + " ")  # the same number, typed otherwise
    assert dialog.declared.differences(row) == []
    other_place = next(p for p in lookups.active_places() if p.id not in row.place_ids)
    theirs = SimpleNamespace(
        **{
            **row.__dict__,
            "responsible_person": "Kalle Gatuchef",
            "place_ids": [*row.place_ids, other_place.id],
            "status": ActionStatus.DONE,
            "completed_on": dt.date(2026, 11, 30),
            "hours_spent": 12.5,
        }
    )
    rows = dialog.declared.differences(theirs)
    captions = [caption for caption, _theirs, _mine in rows]
    assert captions == ["Ansvarig person", "Status", "Genomförd", "Nedlagda timmar", "Platser"]
    by_caption = {caption: (t, m) for caption, t, m in rows}
    assert by_caption["Genomförd"] == ("2026-11-30", "")
    assert by_caption["Nedlagda timmar"][0] == "12,5"
    assert other_place.name in by_caption["Platser"][0] and other_place.name not in by_caption["Platser"][1]
    assert by_caption["Status"] == (label(ActionStatus.DONE), dialog.declared["status"].currentText())


def test_a_form_filled_with_a_stored_row_differs_from_it_in_nothing(qtbot, ctx):
    """Filling and reading are each other's inverse: no false rows in the conflict dialog."""
    from app.services import meetings, observations
    from app.services.filters import ObservationFilter

    sign_in(qtbot, ctx, "anna")
    lookups = call(ctx.db, ctx.actor, load_lookups)
    observation = call(
        ctx.db,
        ctx.actor,
        observations.list_observations,
        ObservationFilter(dt.date.today() - dt.timedelta(days=30), dt.date.today()),
    )[0]
    organisations = [o.id for o in lookups.organisations if o.active][:2]
    meeting = call(
        ctx.db,
        ctx.actor,
        meetings.record_meeting,
        meetings.MeetingInput(
            held_on=dt.date.today(),
            notes="Genomgång",
            organisation_ids=organisations,
            focus_place_ids=[lookups.active_places()[0].id],
        ),
    )
    indicator = call(ctx.db, ctx.actor, followup.list_indicators)[0]
    stored = [
        (ObservationDialog, call(ctx.db, ctx.actor, observations.get_observation, observation.id)),
        (IndicatorDialog, call(ctx.db, ctx.actor, followup.get_indicator, indicator.id)),
        (MeetingDialog, call(ctx.db, ctx.actor, meetings.get_meeting, meeting.id)),
    ]
    for kind, row in stored:
        dialog = kind(ctx, lookups, row)
        qtbot.addWidget(dialog)
        assert dialog.declared.differences(row) == [], kind.__name__
        assert dialog.declared.values()[dialog.declared.fields[0].name] == getattr(row, dialog.declared.fields[0].name)
    assert observation.occurred_time is not None  # the seeded observations have a time: it round-trips too


# --- nothing typed is thrown away without asking ---------------------------------------------------


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitExposed(dialog)
    return dialog


def test_an_unchanged_form_closes_at_once(qtbot, ctx):
    sign_in(qtbot, ctx, "anna")
    for dialog in every_dialog(ctx):
        shown(qtbot, dialog)
        assert not dialog.changed(), dialog.objectName()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert not dialog.isVisible() and dialog.discard_question is None, dialog.objectName()


def test_cancel_escape_and_close_ask_before_changes_are_discarded(qtbot, ctx):
    from ui.dialogs.observation_dialog import ObservationDialog

    sign_in(qtbot, ctx, "anna")
    lookups = call(ctx.db, ctx.actor, load_lookups)
    dialog = shown(qtbot, ObservationDialog(ctx, lookups))
    long_text = "Grupp ungdomar vid busshållplatsen, flaskor krossade. " * 20
    dialog.description.setPlainText(long_text)
    assert dialog.changed()

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Escape asks
    question = dialog.discard_question
    assert question is not None and question.isVisible() and dialog.isVisible()
    assert question.text() == "Du har ändrat i formuläret. Vill du kasta ändringarna?"
    assert question.windowTitle() == "Kasta ändringarna?"
    assert question.defaultButton().text().replace("&", "") == "Fortsätt redigera"
    qtbot.keyClick(question, Qt.Key.Key_Return)  # Enter keeps editing
    assert dialog.isVisible() and dialog.discard_question is None
    assert dialog.description.toPlainText() == long_text

    dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()  # Avbryt asks
    qtbot.keyClick(dialog.discard_question, Qt.Key.Key_Escape)  # Escape in the question keeps editing too
    assert dialog.isVisible() and dialog.description.toPlainText() == long_text

    dialog.close()  # the window's close button asks
    question = dialog.discard_question
    assert question is not None and dialog.isVisible()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert question.grab().save(str(ARTIFACTS / "discard_question.png"))
    discard = next(b for b in question.buttons() if b.text().replace("&", "") == "Kasta ändringarna")
    discard.click()
    assert not dialog.isVisible()


def test_the_area_description_asks_before_changes_are_discarded_and_saves(qtbot, ctx, window):
    """The samverkansområde's description is edited in a form dialog like the others."""
    from ui.dialogs.area_dialog import AreaDescriptionDialog

    sign_in(qtbot, ctx, "anna")
    tab = next(t for t in window.tab_widgets() if t.objectName().startswith("areaTab"))
    window.tabs.setCurrentWidget(tab)
    tab.edit_description.click()
    dialog = tab._dialog
    assert isinstance(dialog, AreaDescriptionDialog)
    qtbot.waitExposed(dialog)
    typed = ("Otrygga platser enligt avtalet 2027–2030: " + "stationer, centrum och gångtunnlar. " * 10).strip()
    dialog.description.setPlainText(typed)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.discard_question is not None and dialog.isVisible()
    qtbot.keyClick(dialog.discard_question, Qt.Key.Key_Return)  # keeps editing
    assert dialog.isVisible() and dialog.description.toPlainText() == typed
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    stored = call(ctx.db, ctx.actor, reference.get_area, tab.area.id)
    assert stored.description == typed
    qtbot.waitUntil(lambda: tab.description.text() == typed, timeout=10000)


def test_hiding_for_the_lock_and_saving_close_without_asking(qtbot, ctx):
    from ui.dialogs.observation_dialog import ObservationDialog

    sign_in(qtbot, ctx, "anna")
    lookups = call(ctx.db, ctx.actor, load_lookups)
    dialog = shown(qtbot, ObservationDialog(ctx, lookups))
    place = lookups.active_places()[0]
    dialog.place.setEditText(place.name)
    dialog.category.setEditText(lookups.active_categories()[0].name)
    dialog.description.setPlainText("Skrivet före låsningen")
    dialog.hide()  # the screen lock hides open dialogs: nothing asked, nothing lost
    assert dialog.discard_question is None and dialog.result() == 0
    dialog.show()
    assert dialog.description.toPlainText() == "Skrivet före låsningen" and dialog.changed()
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    assert dialog.discard_question is None and not dialog.isVisible()
    assert dialog.result_row.description == "Skrivet före låsningen"


def test_a_half_typed_place_counts_as_a_change(qtbot, ctx):
    from ui.dialogs.observation_dialog import ObservationDialog

    sign_in(qtbot, ctx, "anna")
    dialog = shown(qtbot, ObservationDialog(ctx, call(ctx.db, ctx.actor, load_lookups)))
    dialog.place.setEditText("Märs")  # names no place yet
    assert dialog.changed()


def test_a_count_shows_near_the_limit_and_marks_text_over_it(qtbot, ctx):
    from app.services.observations import DESCRIPTION_MAX
    from ui.dialogs.observation_dialog import ObservationDialog

    sign_in(qtbot, ctx, "anna")
    dialog = shown(qtbot, ObservationDialog(ctx, call(ctx.db, ctx.actor, load_lookups)))
    count = dialog.declared.counts["description"]
    dialog.description.setPlainText("x" * 100)
    assert not count.isVisible()
    dialog.description.setPlainText("x" * int(DESCRIPTION_MAX * 0.9))
    assert count.isVisible() and count.text() == "3\xa0600 / 4\xa0000"
    assert count.property("role") == "hint" and not dialog.description.property("invalid")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(ARTIFACTS / "length_count.png"))
    dialog.description.setPlainText("x" * (DESCRIPTION_MAX + 12))  # pasted: kept as it is, and marked
    assert dialog.description.toPlainText() == "x" * (DESCRIPTION_MAX + 12)
    assert count.property("role") == "fieldError" and dialog.description.property("invalid")
    assert "12 tecken för mycket" in count.text()
    # Every limited text of every form has its count, from the service's own limit.
    counted = {(d.objectName(), name) for d in every_dialog(ctx) for name in d.declared.counts}
    assert ("actionDialog", "title") in counted and ("meetingDialog", "notes") in counted
    assert ("indicatorDialog", "unit") in counted and ("measurementDialog", "note") in counted


# --- dates: typed whole, taken as typed ----------------------------------------------------------


def type_date(qtbot, edit, keys: str, select_all: bool = True):
    edit.setFocus()
    if select_all:
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, keys)
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    return edit.date().toPython()


def test_a_date_typed_whole_is_taken_as_typed(qtbot, ctx):
    from ui.widgets.inputs import DateEdit

    edit = DateEdit(dt.date(2026, 12, 2))
    qtbot.addWidget(edit)
    edit.show()
    assert type_date(qtbot, edit, "2027-03-31") == dt.date(2027, 3, 31)
    assert type_date(qtbot, edit, "2025-1-5") == dt.date(2025, 1, 5)
    assert type_date(qtbot, edit, "20260214") == dt.date(2026, 2, 14)
    # Typing into one selected section replaces that section only.
    edit.setDate(dt.date(2026, 12, 2))
    edit.setFocus()
    edit.setSelectedSection(DateEdit.Section.MonthSection)
    assert type_date(qtbot, edit, "03", select_all=False) == dt.date(2026, 3, 2)
    edit.setSelectedSection(DateEdit.Section.YearSection)
    assert type_date(qtbot, edit, "2024-06-07", select_all=False) == dt.date(2024, 6, 7)


def test_every_date_field_is_the_one_date_field_with_week_numbers(qtbot, ctx, window):
    from PySide6.QtWidgets import QCalendarWidget, QDateEdit

    from ui.widgets.inputs import DateEdit

    sign_in(qtbot, ctx, "anna")
    roots = [window, *every_dialog(ctx)]
    edits = [e for root in roots for e in root.findChildren(QDateEdit)]
    assert len(edits) > 8
    assert [e.objectName() for e in edits if not isinstance(e, DateEdit)] == []
    calendar = edits[0].calendarWidget()
    assert calendar.verticalHeaderFormat() == QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    bar = window.findChild(QDateEdit, "periodFrom")
    assert isinstance(bar, DateEdit)
    for root in roots[1:]:
        root.deleteLater()


# --- new forms preselect only what the service would ----------------------------------------------


def test_a_new_observation_says_unknown_where_the_user_has_not_said(qtbot, ctx):
    from app.domain.vocabulary import Setting, YesNoUnknown
    from ui.dialogs.observation_dialog import ObservationDialog

    sign_in(qtbot, ctx, "anna")
    dialog = ObservationDialog(ctx, call(ctx.db, ctx.actor, load_lookups))
    qtbot.addWidget(dialog)
    assert dialog.declared["setting"].current_value() == Setting.UNKNOWN
    assert dialog.declared["reported_to_police"].current_value() == YesNoUnknown.UNKNOWN
    assert dialog.declared["setting"].currentText() == "Okänt"
    assert dialog.declared["reported_to_police"].currentText() == "Okänt"


def test_every_new_form_shows_the_services_defaults(qtbot, ctx):
    import dataclasses

    from app.services.actions import ActionInput
    from app.services.followup import IndicatorInput
    from app.services.meetings import MeetingInput
    from app.services.observations import ObservationInput

    sign_in(qtbot, ctx, "anna")
    lookups = call(ctx.db, ctx.actor, load_lookups)
    pairs = [
        (ObservationDialog(ctx, lookups), ObservationInput),
        (ActionDialog(ctx, lookups), ActionInput),
        (IndicatorDialog(ctx, lookups), IndicatorInput),
        (MeetingDialog(ctx, lookups), MeetingInput),
    ]
    wrong = []
    for dialog, data_class in pairs:
        qtbot.addWidget(dialog)
        values = dialog.declared.values()
        for f in dataclasses.fields(data_class):
            field = next((x for x in dialog.declared.fields if x.name == f.name), None)
            if field is None or field.preset or f.default is dataclasses.MISSING:
                continue
            if field.normal(values[f.name]) != field.normal(f.default):
                wrong.append(f"{dialog.objectName()}.{f.name}: {values[f.name]!r} != {f.default!r}")
    assert wrong == []


def test_locking_the_screen_keeps_a_changed_form_without_asking(qtbot, ctx, window):
    from tests.gui_support import PASSWORDS, settle
    from ui.dialogs.observation_dialog import ObservationDialog

    sign_in(qtbot, ctx, "anna")
    dialog = ObservationDialog(ctx, call(ctx.db, ctx.actor, load_lookups), parent=window)
    dialog.open()
    qtbot.waitExposed(dialog)
    dialog.description.setPlainText("En lång beskrivning som inte får försvinna")
    window.lock()
    assert window.is_locked() and not dialog.isVisible() and dialog.discard_question is None
    window.lock_page.username.setText("anna")
    window.lock_page.password.setText(PASSWORDS["anna"])
    window.lock_page.submit()
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=15000)
    settle(qtbot, ctx, window)
    assert dialog.isVisible() and dialog.description.toPlainText() == "En lång beskrivning som inte får försvinna"
    assert dialog.changed()
    dialog.discard()
