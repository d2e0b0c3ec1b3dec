"""Dialogs of the Uppföljning tab: an indicator, one measurement, a follow-up meeting."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLabel

from app.domain import units
from app.domain.vocabulary import Direction, Forum, Frequency, choices
from app.errors import MeasurementExistsError
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
from ui import format as fmt
from ui import offered
from ui.confirm import DestructiveQuestion
from ui.context import AppContext
from ui.dialogs.base import EditDialog
from ui.forms import Field, check, check_list, choice, date, line, number, text


def indicator_fields(lookups: Lookups, organisation_id: int | None) -> list[Field]:
    """The fields of an indicator, in the order of the form; names are those of IndicatorInput."""
    areas, areas_held = offered.areas(lookups)
    organisations, organisations_held = offered.organisations(lookups)
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
            [(_("(no samverkansområde)"), None), *areas],
            held=areas_held,
        ),
        choice("frequency", _("&Frequency"), choices(Frequency)),
        choice("direction", _("&Better when"), choices(Direction)),
        number("baseline_value", _("Base&line"), empty=None),
        line("baseline_period", _("Baseline &period"), placeholder=_("e.g. 2025"), limit=PERIOD_LABEL_MAX),
        number("target_value", _("&Target"), empty=None),
        choice(
            "responsible_organisation_id",
            _("Responsible &organisation"),
            [(_("(none)"), None), *organisations],
            held=organisations_held,
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
    """The fields of one measurement; names are those of SeriesPoint and of followup.set_measurement.

    A new value is for the last period that has ended: a period in progress is refused."""
    hint = _("Any day of the period; it is stored as the period's first day.")
    initial = point.period_start if point else followup.last_ended_period(indicator.frequency, dt.date.today())
    allowed = _("Allowed: {allowed}.", allowed=units.value_rule(indicator.unit).allowed())
    return [
        date("period_start", _("&Period"), initial=initial, hint=hint),
        number("value", _("&Value"), hint=allowed),
        text(
            "note",
            _("&Note"),
            placeholder=_("Where the figure comes from, anything unusual about it"),
            height=60,
            limit=TEXT_MAX,
        ),
    ]


class UnitValidator(QValidator):
    """Typing follows the unit's rule (app/domain/units.py): no minus sign where values cannot be
    negative, no more decimals than the unit has. The range itself is the service's to refuse, with
    a message naming it, so a value out of range can still be typed and is explained on saving."""

    def __init__(self, rule: units.ValueRule, parent=None):
        super().__init__(parent)
        sign = "[-\u2212]?" if rule.minimum is None or rule.minimum < 0 else ""
        decimals = f"([.,][0-9]{{0,{rule.decimals}}})?" if rule.decimals else ""
        self.pattern = re.compile(f"{sign}[0-9 \u00a0]*{decimals}")

    def validate(self, text: str, pos: int):
        if self.pattern.fullmatch(text.strip()):
            return QValidator.State.Acceptable, text, pos
        return QValidator.State.Invalid, text, pos


class MeasurementDialog(EditDialog):
    """The value of one period of an indicator. A period that has another value keeps it unless the
    user, asked with both values shown, agrees to replace it; declining keeps the form as typed."""

    def __init__(self, ctx: AppContext, indicator: IndicatorRow, point: SeriesPoint | None = None, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("measurementDialog")
        self.indicator = indicator
        self.point = point
        self.rule = units.value_rule(indicator.unit)
        self.replace_box: DestructiveQuestion | None = None  # the question, while it is asked (for tests)
        self._agreed: MeasurementExistsError | None = None  # the replacement the user agreed to, for one save
        self.setWindowTitle(_("Measurement: %1").replace("%1", indicator.name))
        form = self.declare(measurement_fields(indicator, point))
        self.period, self.value = form["period_start"], form["value"]
        self.period.setToolTip(_("Any day of the period; it is stored as the period's first day."))
        self.value.setValidator(UnitValidator(self.rule, self.value))
        if indicator.unit:
            self.value.setPlaceholderText(indicator.unit)
        self.finish_layout()
        self.resize(460, 400)
        if point is not None:
            form.fill(point, ("value", "note"))
        self.value.setFocus()

    def save_call(self):
        agreed, self._agreed = self._agreed, None
        values = self.declared.values()
        args = (values["period_start"], values["value"], values["note"])
        replacing = {"replace": True} if agreed is not None else {}
        if self.point is None:
            if agreed is not None:
                replacing["expected_version"] = agreed.existing_version
            return followup.set_measurement, (self.indicator.id, *args), replacing
        if agreed is not None:
            replacing["replaced_version"] = agreed.existing_version
        kwargs = {"expected_version": self.point.version, **replacing}
        return followup.update_measurement, (self.point.measurement_id, *args), kwargs

    def _failed(self, exc: Exception) -> None:
        self._agreed = None
        if isinstance(exc, MeasurementExistsError):
            self._set_busy(False)
            self._ask_to_replace(exc)
            return
        super()._failed(exc)

    def _shown(self, value: float) -> str:
        """A value as the lists show it: "12,0 händelser/månad"."""
        return f"{fmt.number(value, 1)} {self.indicator.unit}".strip()

    def _ask_to_replace(self, exc: MeasurementExistsError) -> None:
        """Both values, the period, and what happens to the period an edited value leaves; No is the default."""
        question = _(
            "{period} already has the value {old}.\n\nReplace it with {new}?",
            period=exc.period_label,
            old=self._shown(exc.existing_value),
            new=self._shown(exc.new_value),
        )
        if exc.moved_from:
            question += "\n\n" + _(
                "The value moves from {moved_from}, which then has no value.", moved_from=exc.moved_from
            )
        box = DestructiveQuestion(
            self, _("Replace the stored value?"), question, _("&Replace"), keep=_("&Keep the stored value")
        )
        box.setObjectName("replaceMeasurementBox")
        self.replace_box = box

        def answered(button) -> None:
            self.replace_box = None
            if button is box.action_button:
                self._agreed = exc
                self.save()
                return
            self.banner.setText(
                _(
                    "Nothing was saved: {period} keeps the value {old}. Change the period or the value, or cancel.",
                    period=exc.period_label,
                    old=self._shown(exc.existing_value),
                )
            )
            self.banner.show()
            self.period.setFocus()

        box.buttonClicked.connect(answered)
        box.open()


def meeting_fields(lookups: Lookups, row: MeetingRow | None, own: set[int]) -> list[Field]:
    """The fields of a follow-up meeting; names are those of MeetingInput."""
    first, second = _("Meeting"), _("Focus and actions")
    linked = set(row.action_ids) if row else set()
    organisations, organisations_held = offered.organisations(lookups)
    places, places_held = offered.places(lookups)
    return [
        date("held_on", _("&Date"), page=first),
        choice("forum", _("&Forum"), choices(Forum), page=first),
        check_list(
            "organisation_ids",
            _("&Present"),
            organisations,
            held=organisations_held,
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
            places,
            held=places_held,
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
