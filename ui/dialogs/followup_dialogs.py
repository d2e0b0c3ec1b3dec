"""Dialogs of the Uppföljning tab: an indicator, one measurement, a follow-up meeting."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.domain.vocabulary import Direction, Forum, Frequency, choices
from app.i18n import _
from app.services import followup, meetings
from app.services.common import TEXT_MAX
from app.services.followup import (
    DATA_SOURCE_MAX,
    NAME_MAX,
    PERIOD_LABEL_MAX,
    PERSON_MAX,
    UNIT_MAX,
    IndicatorInput,
    IndicatorRow,
    SeriesPoint,
)
from app.services.lookups import Lookups
from app.services.meetings import MINUTES_MAX, MeetingInput, MeetingRow
from ui.context import AppContext
from ui.dialogs.base import EditDialog
from ui.forms import Field, check, check_list, choice, date, line, number, text


def indicator_fields(lookups: Lookups, organisation_id: int | None) -> list[Field]:
    """The fields of an indicator, in the order of the form; names are those of IndicatorInput."""
    return [
        line(
            "name",
            _("&Name"),
            placeholder=_("e.g. Reported violent crime at Märsta station per month"),
            limit=NAME_MAX,
        ),
        text(
            "description",
            _("&Description"),
            placeholder=_("What the indicator shows and why it matters"),
            height=60,
            limit=TEXT_MAX,
        ),
        line("unit", _("&Unit"), placeholder=_("e.g. events, %, index"), limit=UNIT_MAX),
        line(
            "data_source",
            _("Data &source"),
            placeholder=_("e.g. police statistics, trygghetsmätning"),
            limit=DATA_SOURCE_MAX,
        ),
        choice(
            "area_id",
            _("Sa&mverkansområde"),
            [(_("(no samverkansområde)"), None)] + [(a.name, a.id) for a in lookups.areas if a.active],
        ),
        choice("frequency", _("&Frequency"), choices(Frequency)),
        choice("direction", _("&Better when"), choices(Direction)),
        number("baseline_value", _("Base&line"), empty=None),
        line("baseline_period", _("Baseline &period"), placeholder=_("e.g. 2025"), limit=PERIOD_LABEL_MAX),
        number("target_value", _("&Target"), empty=None),
        choice(
            "responsible_organisation_id",
            _("Responsible &organisation"),
            [(_("(none)"), None)] + [(o.name, o.id) for o in lookups.organisations if o.active],
            initial=organisation_id,
        ),
        line("responsible_person", _("Responsible p&erson"), limit=PERSON_MAX),
        check("active", _("Follo&wed up (shown in the lists and charts)"), initial=True),
    ]


class IndicatorDialog(EditDialog):
    """Every field of an indicator: what is measured, from which source, baseline, target, direction."""

    def __init__(self, ctx: AppContext, lookups: Lookups, row: IndicatorRow | None = None, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("indicatorDialog")
        self.row = row
        self.lookups = lookups
        self.setWindowTitle(_("Edit indicator") if row else _("New indicator"))
        form = self.declare(indicator_fields(lookups, ctx.actor.organisation_id if ctx.actor else None), IndicatorInput)
        self.name, self.unit, self.direction = form["name"], form["unit"], form["direction"]
        self.baseline, self.target = form["baseline_value"], form["target_value"]
        self.finish_layout()
        self.resize(560, 560)
        if row is not None:
            self.fill(row)
        self.name.setFocus()

    def data(self) -> IndicatorInput:
        return IndicatorInput(**self.declared.values())

    def current_call(self):
        return (followup.get_indicator, (self.row.id,)) if self.row is not None else None

    def save_call(self):
        if self.row is None:
            return followup.create_indicator, (self.data(),), {}
        return followup.update_indicator, (self.row.id, self.data(), self.row.version), {}


def measurement_fields(indicator: IndicatorRow, point: SeriesPoint | None) -> list[Field]:
    """The fields of one measurement; names are those of SeriesPoint and of followup.set_measurement."""
    hint = _("Any day of the period; it is stored as the period's first day.")
    return [
        date("period_start", _("&Period"), initial=point.period_start if point else None, hint=hint),
        number("value", _("&Value")),
        text(
            "note",
            _("&Note"),
            placeholder=_("Where the figure comes from, anything unusual about it"),
            height=60,
            limit=TEXT_MAX,
        ),
    ]


class MeasurementDialog(EditDialog):
    """The value of one period of an indicator; saving a period that has a value replaces it."""

    def __init__(self, ctx: AppContext, indicator: IndicatorRow, point: SeriesPoint | None = None, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("measurementDialog")
        self.indicator = indicator
        self.point = point
        self.setWindowTitle(_("Measurement: %1").replace("%1", indicator.name))
        form = self.declare(measurement_fields(indicator, point))
        self.period, self.value = form["period_start"], form["value"]
        self.period.setToolTip(_("Any day of the period; it is stored as the period's first day."))
        if indicator.unit:
            self.value.setPlaceholderText(indicator.unit)
        self.finish_layout()
        self.resize(440, 300)
        if point is not None:
            form.fill(point, ("value", "note"))
        self.value.setFocus()

    def save_call(self):
        kwargs = {"expected_version": self.point.version} if self.point is not None else {}
        values = self.declared.values()
        return (
            followup.set_measurement,
            (self.indicator.id, values["period_start"], values["value"], values["note"]),
            kwargs,
        )


def meeting_fields(lookups: Lookups, row: MeetingRow | None, own: set[int]) -> list[Field]:
    """The fields of a follow-up meeting; names are those of MeetingInput."""
    first, second = _("Meeting"), _("Focus and actions")
    linked = set(row.action_ids) if row else set()
    return [
        date("held_on", _("&Date"), page=first),
        choice("forum", _("&Forum"), choices(Forum), page=first),
        check_list(
            "organisation_ids",
            _("&Present"),
            [(o.name, o.id) for o in lookups.organisations if o.active],
            searchable=False,
            initial=own,
            page=first,
        ),
        text("notes", _("&Notes"), placeholder=_("What was discussed"), height=110, page=first, limit=MINUTES_MAX),
        text(
            "decisions",
            _("D&ecisions"),
            placeholder=_("What was decided, by whom, by when"),
            height=90,
            page=first,
            limit=MINUTES_MAX,
        ),
        check_list(
            "focus_place_ids",
            _("&Focus places for the coming period"),
            [(f"{p.name} ({p.detail})", p.id) for p in lookups.active_places()],
            placeholder=_("Search places"),
            page=second,
        ),
        check_list(
            "action_ids",
            _("&Linked actions"),
            [(a.name, a.id) for a in lookups.actions if a.active or a.id in linked],
            placeholder=_("Search actions"),
            page=second,
        ),
    ]


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
        own = {ctx.actor.organisation_id} if ctx.actor and ctx.actor.organisation_id else set()
        form = self.declare(meeting_fields(lookups, row, own), MeetingInput)
        self.held_on, self.notes, self.decisions = form["held_on"], form["notes"], form["decisions"]
        if row is None:
            note = QLabel(
                _("The hot-spot ranking of the four weeks up to the meeting date is stored with the meeting.")
            )
            note.setObjectName("hint")
            note.setWordWrap(True)
            self.layout_.insertWidget(self.layout_.count(), note)
        self.finish_layout()
        self.resize(640, 600)
        if row is not None:
            self.fill(row)

    def data(self) -> MeetingInput:
        return MeetingInput(**self.declared.values())

    def current_call(self):
        return (meetings.get_meeting, (self.row.id,)) if self.row is not None else None

    def save_call(self):
        if self.row is None:
            return meetings.record_meeting, (self.data(),), {}
        return meetings.update_meeting, (self.row.id, self.data(), self.row.version), {}
