"""Dialogs of the Uppföljning tab: an indicator, one measurement, a follow-up meeting."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit

from app.db.enums import Direction, Forum, Frequency, choices
from app.i18n import _
from app.services import followup, meetings
from app.services.followup import IndicatorInput, IndicatorRow, SeriesPoint
from app.services.lookups import Lookups
from app.services.meetings import MeetingInput, MeetingRow
from ui.context import AppContext
from ui.dialogs.base import EditDialog
from ui.widgets.combos import ChoiceCombo
from ui.widgets.inputs import CheckList, NumberEdit, date_edit, text_box


class IndicatorDialog(EditDialog):
    """Every field of an indicator: what is measured, from which source, baseline, target, direction."""


    def __init__(self, ctx: AppContext, lookups: Lookups, row: IndicatorRow | None = None, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("indicatorDialog")
        self.row = row
        self.lookups = lookups
        self.setWindowTitle(_("Edit indicator") if row else _("New indicator"))
        self.name = QLineEdit()
        self.name.setObjectName("name")
        self.name.setPlaceholderText(_("e.g. Reported violent crime at Märsta station per month"))
        self.description = text_box(_("What the indicator shows and why it matters"), 60)
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(_("e.g. events, %, index"))
        self.data_source = QLineEdit()
        self.data_source.setPlaceholderText(_("e.g. police statistics, trygghetsmätning"))
        self.area = ChoiceCombo()
        self.area.set_items([(_("(no samverkansområde)"), None)] + [(a.name, a.id) for a in lookups.areas if a.active])
        self.frequency = ChoiceCombo()
        self.frequency.set_items(choices(Frequency))
        self.direction = ChoiceCombo()
        self.direction.set_items(choices(Direction))
        self.baseline = NumberEdit()
        self.baseline.setObjectName("baseline_value")
        self.baseline_period = QLineEdit()
        self.baseline_period.setPlaceholderText(_("e.g. 2025"))
        self.target = NumberEdit()
        self.target.setObjectName("target_value")
        self.organisation = ChoiceCombo()
        self.organisation.set_items([(_("(none)"), None)] + [(o.name, o.id) for o in lookups.organisations if o.active])
        self.organisation.set_value(ctx.actor.organisation_id if ctx.actor else None)
        self.person = QLineEdit()
        self.active = QCheckBox(_("Followed up (shown in the lists and charts)"))
        self.active.setChecked(True)

        form = self.form
        form.add_field("name", _("&Name"), self.name)
        form.add_field("description", _("Description"), self.description)
        form.add_field("unit", _("Unit"), self.unit)
        form.add_field("data_source", _("Data source"), self.data_source)
        form.add_field("area_id", _("Samverkansområde"), self.area)
        form.add_field("frequency", _("Frequency"), self.frequency)
        form.add_field("direction", _("Better when"), self.direction)
        form.add_field("baseline_value", _("Baseline"), self.baseline)
        form.add_field("baseline_period", _("Baseline period"), self.baseline_period)
        form.add_field("target_value", _("Target"), self.target)
        form.add_field("responsible_organisation_id", _("Responsible organisation"), self.organisation)
        form.add_field("responsible_person", _("Responsible person"), self.person)
        form.add_field("active", "", self.active)
        self.finish_layout()
        self.resize(560, 560)
        if row is not None:
            self._fill(row)
        self.name.setFocus()

    def _fill(self, row: IndicatorRow) -> None:
        self.name.setText(row.name)
        self.description.setPlainText(row.description)
        self.unit.setText(row.unit)
        self.data_source.setText(row.data_source)
        self.area.set_value(row.area_id)
        self.frequency.set_value(row.frequency)
        self.direction.set_value(row.direction)
        self.baseline.set_value(row.baseline_value)
        self.baseline_period.setText(row.baseline_period)
        self.target.set_value(row.target_value)
        self.organisation.set_value(row.responsible_organisation_id)
        self.person.setText(row.responsible_person)
        self.active.setChecked(row.active)

    def data(self) -> IndicatorInput:
        return IndicatorInput(
            name=self.name.text(),
            description=self.description.toPlainText(),
            unit=self.unit.text(),
            data_source=self.data_source.text(),
            area_id=self.area.current_value(),
            frequency=self.frequency.current_value(),
            direction=self.direction.current_value(),
            baseline_value=self.baseline.value() or None,
            baseline_period=self.baseline_period.text(),
            target_value=self.target.value() or None,
            responsible_organisation_id=self.organisation.current_value(),
            responsible_person=self.person.text(),
            active=self.active.isChecked(),
        )

    def current_call(self):
        return (followup.get_indicator, (self.row.id,)) if self.row is not None else None

    def twin(self, row: IndicatorRow) -> IndicatorDialog:
        return IndicatorDialog(self.ctx, self.lookups, row, parent=self)

    def fill(self, row: IndicatorRow) -> None:
        self._fill(row)

    def save_call(self):
        if self.row is None:
            return followup.create_indicator, (self.data(),), {}
        return followup.update_indicator, (self.row.id, self.data(), self.row.version), {}


class MeasurementDialog(EditDialog):
    """The value of one period of an indicator; saving a period that has a value replaces it."""


    def __init__(self, ctx: AppContext, indicator: IndicatorRow, point: SeriesPoint | None = None, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("measurementDialog")
        self.indicator = indicator
        self.point = point
        self.setWindowTitle(_("Measurement: %1").replace("%1", indicator.name))
        self.period = date_edit(point.period_start if point else None)
        self.period.setObjectName("period_start")
        self.period.setToolTip(_("Any day of the period; it is stored as the period's first day."))
        self.value = NumberEdit()
        self.value.setObjectName("value")
        if indicator.unit:
            self.value.setPlaceholderText(indicator.unit)
        self.note = text_box(_("Where the figure comes from, anything unusual about it"), 60)
        hint = QLabel(_("Any day of the period; it is stored as the period's first day."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.form.add_field("period_start", _("&Period"), self.period)
        self.form.addRow("", hint)
        self.form.add_field("value", _("&Value"), self.value)
        self.form.add_field("note", _("Note"), self.note)
        self.finish_layout()
        self.resize(440, 300)
        if point is not None:
            self.value.set_value(point.value)
            self.note.setPlainText(point.note)
        self.value.setFocus()

    def save_call(self):
        kwargs = {"expected_version": self.point.version} if self.point is not None else {}
        args = (self.indicator.id, self.period.date().toPython(), self.value.value(), self.note.toPlainText())
        return followup.set_measurement, args, kwargs


class MeetingDialog(EditDialog):
    """A follow-up meeting: when, which forum, who was there, notes, decisions, focus, linked actions.

    A new meeting is stored with the lägesbild as it stood on its date (see meetings.record_meeting).
    """


    def __init__(self, ctx: AppContext, lookups: Lookups, row: MeetingRow | None = None, parent=None):
        super().__init__(ctx, parent, pages=True)
        self.setObjectName("meetingDialog")
        self.row = row
        self.lookups = lookups
        self.setWindowTitle(_("Edit meeting") if row else _("New follow-up meeting"))
        self.held_on = date_edit(row.held_on if row else None)
        self.held_on.setObjectName("held_on")
        self.forum = ChoiceCombo()
        self.forum.set_items(choices(Forum))
        self.organisations = CheckList(searchable=False)
        self.organisations.setObjectName("organisation_ids")
        own = {ctx.actor.organisation_id} if ctx.actor and ctx.actor.organisation_id else set()
        self.organisations.set_items([(o.name, o.id) for o in lookups.organisations if o.active], own)
        self.notes = text_box(_("What was discussed"), 110)
        self.decisions = text_box(_("What was decided, by whom, by when"), 90)
        page = self.add_page(_("Meeting"))
        page.add_field("held_on", _("&Date"), self.held_on)
        page.add_field("forum", _("Forum"), self.forum)
        page.add_field("organisation_ids", _("Present"), self.organisations)
        page.add_field("notes", _("Notes"), self.notes)
        page.add_field("decisions", _("Decisions"), self.decisions)

        self.places = CheckList(placeholder=_("Search places"))
        self.places.setObjectName("focus_place_ids")
        self.places.set_items([(f"{p.name} ({p.detail})", p.id) for p in lookups.active_places()])
        self.actions = CheckList(placeholder=_("Search actions"))
        self.actions.setObjectName("action_ids")
        linked = set(row.action_ids) if row else set()
        self.actions.set_items([(a.name, a.id) for a in lookups.actions if a.active or a.id in linked])
        page = self.add_page(_("Focus and actions"))
        page.add_field("focus_place_ids", _("Focus places for the coming period"), self.places)
        page.add_field("action_ids", _("Linked actions"), self.actions)
        if row is None:
            note = QLabel(_("The hot-spot ranking of the four weeks up to the meeting date is stored with the meeting."))
            note.setObjectName("hint")
            note.setWordWrap(True)
            self.layout_.insertWidget(self.layout_.count(), note)
        self.finish_layout()
        self.resize(640, 600)
        if row is not None:
            self._fill(row)

    def _fill(self, row: MeetingRow) -> None:
        self.forum.set_value(row.forum)
        self.organisations.set_checked(row.organisation_ids)
        self.notes.setPlainText(row.notes)
        self.decisions.setPlainText(row.decisions)
        self.places.set_checked(row.focus_place_ids)
        self.actions.set_checked(row.action_ids)

    def data(self) -> MeetingInput:
        return MeetingInput(
            held_on=self.held_on.date().toPython(),
            forum=self.forum.current_value(),
            notes=self.notes.toPlainText(),
            decisions=self.decisions.toPlainText(),
            organisation_ids=self.organisations.checked_ids(),
            focus_place_ids=self.places.checked_ids(),
            action_ids=self.actions.checked_ids(),
        )

    def current_call(self):
        return (meetings.get_meeting, (self.row.id,)) if self.row is not None else None

    def twin(self, row: MeetingRow) -> MeetingDialog:
        return MeetingDialog(self.ctx, self.lookups, row, parent=self)

    def fill(self, row: MeetingRow) -> None:
        self.held_on.setDate(QDate(row.held_on.year, row.held_on.month, row.held_on.day))
        self._fill(row)

    def save_call(self):
        if self.row is None:
            return meetings.record_meeting, (self.data(),), {}
        return meetings.update_meeting, (self.row.id, self.data(), self.row.version), {}
