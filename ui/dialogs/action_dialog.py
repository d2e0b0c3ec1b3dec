"""Creating and editing an action of the åtgärdsplan, with every field of Brå's template."""

from __future__ import annotations

from app.domain.vocabulary import (
    ActionKind,
    ActionStatus,
    ExpectedEffect,
    FollowUpColour,
    PreventionType,
    choices,
)
from app.i18n import _
from app.services import actions
from app.services.actions import PERSON_MAX, TITLE_MAX, ActionInput, ActionRow
from app.services.common import TEXT_MAX
from app.services.lookups import Lookups
from ui import offered
from ui.context import AppContext
from ui.dialogs.base import EditDialog
from ui.forms import Field, check_list, choice, line, number, optional_date, text


def action_fields(
    lookups: Lookups,
    organisation_id: int | None,
    preset_area_id: int | None = None,
    preset_place_id: int | None = None,
) -> list[Field]:
    """The fields of an action, in the order of the form; names are those of ActionInput."""
    first, second, third = _("Action"), _("Responsibility and follow-up"), _("Links")
    organisations, organisations_held = offered.organisations(lookups)
    areas, areas_held = offered.areas(lookups)
    places, places_held = offered.places(lookups)
    indicators, indicators_held = offered.indicators(lookups)
    return [
        line("title", _("&Title"), page=first, limit=TITLE_MAX),
        text(
            "problem",
            _("&Problem"),
            placeholder=_("Which problem in the lägesbild does the action address?"),
            page=first,
            limit=TEXT_MAX,
        ),
        text("cause", _("&Cause"), placeholder=_("What causes the problem?"), page=first, limit=TEXT_MAX),
        text(
            "description",
            _("&Description"),
            placeholder=_("What will be done?"),
            height=80,
            page=first,
            limit=TEXT_MAX,
        ),
        text(
            "operative_goal",
            _("Operative &goal"),
            page=first,
            placeholder=_("A measurable goal, e.g. 'halve the reports of vandalism at the station by December'"),
            limit=TEXT_MAX,
        ),
        choice(
            "responsible_organisation_id",
            _("Responsible &organisation"),
            organisations,
            held=organisations_held,
            initial=organisation_id,
            page=second,
        ),
        line("responsible_person", _("Responsible &person"), page=second, limit=PERSON_MAX),
        optional_date("start_on", _("St&art"), page=second),
        optional_date("deadline", _("&Deadline"), page=second),
        choice("status", _("&Status"), choices(ActionStatus), page=second),
        optional_date("completed_on", _("Co&mpleted"), page=second),
        choice("follow_up_colour", _("Follow-up co&lour"), choices(FollowUpColour), page=second),
        choice("kind", _("&Kind"), choices(ActionKind), page=second),
        choice("prevention_type", _("Pre&vention"), choices(PreventionType), page=second),
        choice("expected_effect", _("&Expected effect"), choices(ExpectedEffect), page=second),
        number("hours_spent", _("&Hours spent"), initial="0", page=second),
        number("cost_spent", _("Cos&t spent (SEK)"), initial="0", page=second),
        check_list(
            "area_ids",
            _("&Samverkansområden"),
            areas,
            held=areas_held,
            searchable=False,
            initial={preset_area_id} - {None},
            page=third,
        ),
        check_list(
            "place_ids",
            _("P&laces"),
            places,
            held=places_held,
            placeholder=_("Search places"),
            initial={preset_place_id} - {None},
            page=third,
        ),
        check_list(
            "indicator_ids",
            _("&Indicators"),
            indicators,
            held=indicators_held,
            placeholder=_("Search indicators"),
            page=third,
        ),
    ]


class ActionDialog(EditDialog):
    def __init__(
        self,
        ctx: AppContext,
        lookups: Lookups,
        row: ActionRow | None = None,
        parent=None,
        preset_area_id: int | None = None,
        preset_place_id: int | None = None,
    ):
        super().__init__(ctx, parent, pages=True)
        self.setObjectName("actionDialog")
        self.row = row
        self.lookups = lookups
        self.setWindowTitle(_("Edit action") if row else _("New action"))
        own = ctx.actor.organisation_id if ctx.actor else None
        form = self.declare(action_fields(lookups, own, preset_area_id, preset_place_id), ActionInput)
        self.title, self.problem, self.operative_goal = form["title"], form["problem"], form["operative_goal"]
        self.person, self.start_on, self.deadline = form["responsible_person"], form["start_on"], form["deadline"]
        self.hours, self.areas = form["hours_spent"], form["area_ids"]
        self.finish_layout()
        self.resize(720, 620)
        if row is not None:
            self.fill(row)
        self.title.setFocus()

    def data(self) -> ActionInput:
        return ActionInput(**self.declared.values())

    def current_call(self):
        return (actions.get_action, (self.row.id,)) if self.row is not None else None

    def save_call(self):
        if self.row is None:
            return actions.create_action, (self.data(),), {}
        return actions.update_action, (self.row.id, self.data(), self.row.version), {}
