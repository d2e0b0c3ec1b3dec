"""Creating and editing an action of the åtgärdsplan, with every field of Brå's template."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from app.db.enums import (
    ActionKind,
    ActionStatus,
    ExpectedEffect,
    FollowUpColour,
    PreventionType,
    choices,
)
from app.i18n import _
from app.services import actions
from app.services.actions import ActionInput, ActionRow
from app.services.lookups import Lookups
from ui.context import AppContext
from ui.dialogs.base import EditDialog
from ui.widgets.combos import ChoiceCombo
from ui.widgets.inputs import CheckList, NumberEdit, OptionalDateEdit, text_box


class ActionDialog(EditDialog):

    def __init__(self, ctx: AppContext, lookups: Lookups, row: ActionRow | None = None, parent=None,
                 preset_area_id: int | None = None):
        super().__init__(ctx, parent, pages=True)
        self.setObjectName("actionDialog")
        self.row = row
        self.lookups = lookups
        self.setWindowTitle(_("Edit action") if row else _("New action"))

        self.title = QLineEdit()
        self.title.setObjectName("title")
        self.problem = text_box(_("Which problem in the lägesbild does the action address?"))
        self.cause = text_box(_("What causes the problem?"))
        self.description = text_box(_("What will be done?"), 80)
        self.operative_goal = text_box(_("A measurable goal, e.g. 'halve the reports of vandalism at the station by December'"))
        page = self.add_page(_("Action"))
        page.add_field("title", _("&Title"), self.title)
        page.add_field("problem", _("Problem"), self.problem)
        page.add_field("cause", _("Cause"), self.cause)
        page.add_field("description", _("Description"), self.description)
        page.add_field("operative_goal", _("Operative goal"), self.operative_goal)

        self.organisation = ChoiceCombo()
        self.organisation.setObjectName("responsible_organisation_id")
        self.organisation.set_items([(o.name, o.id) for o in lookups.organisations if o.active])
        self.organisation.set_value(ctx.actor.organisation_id if ctx.actor else None)
        self.person = QLineEdit()
        self.start_on = OptionalDateEdit(_("Set"))
        self.deadline = OptionalDateEdit(_("Set"))
        self.deadline.setObjectName("deadline")
        self.status = ChoiceCombo()
        self.status.set_items(choices(ActionStatus))
        self.completed_on = OptionalDateEdit(_("Set"))
        self.colour = ChoiceCombo()
        self.colour.set_items(choices(FollowUpColour))
        self.kind = ChoiceCombo()
        self.kind.set_items(choices(ActionKind))
        self.prevention = ChoiceCombo()
        self.prevention.set_items(choices(PreventionType))
        self.effect = ChoiceCombo()
        self.effect.set_items(choices(ExpectedEffect))
        self.hours = NumberEdit("0")
        self.hours.setObjectName("hours_spent")
        self.cost = NumberEdit("0")
        self.cost.setObjectName("cost_spent")
        page = self.add_page(_("Responsibility and follow-up"))
        page.add_field("responsible_organisation_id", _("Responsible organisation"), self.organisation)
        page.add_field("responsible_person", _("Responsible person"), self.person)
        page.add_field("start_on", _("Start"), self.start_on)
        page.add_field("deadline", _("Deadline"), self.deadline)
        page.add_field("status", _("Status"), self.status)
        page.add_field("completed_on", _("Completed"), self.completed_on)
        page.add_field("follow_up_colour", _("Follow-up colour"), self.colour)
        page.add_field("kind", _("Kind"), self.kind)
        page.add_field("prevention_type", _("Prevention"), self.prevention)
        page.add_field("expected_effect", _("Expected effect"), self.effect)
        page.add_field("hours_spent", _("Hours spent"), self.hours)
        page.add_field("cost_spent", _("Cost spent (SEK)"), self.cost)

        self.areas = CheckList(searchable=False)
        self.areas.setObjectName("area_ids")
        self.areas.set_items([(a.name, a.id) for a in lookups.areas if a.active], {preset_area_id} - {None})
        self.places = CheckList(placeholder=_("Search places"))
        self.places.setObjectName("place_ids")
        self.places.set_items([(f"{p.name} ({p.detail})", p.id) for p in lookups.active_places()])
        self.indicators = CheckList(placeholder=_("Search indicators"))
        self.indicators.setObjectName("indicator_ids")
        self.indicators.set_items([(i.name, i.id) for i in lookups.indicators if i.active])
        page = self.add_page(_("Links"))
        page.add_field("area_ids", _("Samverkansområden"), self.areas)
        page.add_field("place_ids", _("Places"), self.places)
        page.add_field("indicator_ids", _("Indicators"), self.indicators)

        self.finish_layout()
        self.resize(720, 620)
        if row is not None:
            self._fill(row)
        self.title.setFocus()

    def _fill(self, row: ActionRow) -> None:
        self.title.setText(row.title)
        self.problem.setPlainText(row.problem)
        self.cause.setPlainText(row.cause)
        self.description.setPlainText(row.description)
        self.operative_goal.setPlainText(row.operative_goal)
        self.organisation.set_value(row.responsible_organisation_id)
        self.person.setText(row.responsible_person)
        self.start_on.set_value(row.start_on)
        self.deadline.set_value(row.deadline)
        self.status.set_value(row.status)
        self.completed_on.set_value(row.completed_on)
        self.colour.set_value(row.follow_up_colour)
        self.kind.set_value(row.kind)
        self.prevention.set_value(row.prevention_type)
        self.effect.set_value(row.expected_effect)
        self.hours.set_value(row.hours_spent)
        self.cost.set_value(row.cost_spent)
        self.areas.set_checked(row.area_ids)
        self.places.set_checked(row.place_ids)
        self.indicators.set_checked(row.indicator_ids)

    def data(self) -> ActionInput:
        return ActionInput(
            title=self.title.text(),
            problem=self.problem.toPlainText(),
            cause=self.cause.toPlainText(),
            description=self.description.toPlainText(),
            operative_goal=self.operative_goal.toPlainText(),
            responsible_organisation_id=self.organisation.current_value(),
            responsible_person=self.person.text(),
            start_on=self.start_on.value(),
            deadline=self.deadline.value(),
            completed_on=self.completed_on.value(),
            status=self.status.current_value(),
            follow_up_colour=self.colour.current_value(),
            kind=self.kind.current_value(),
            prevention_type=self.prevention.current_value(),
            expected_effect=self.effect.current_value(),
            hours_spent=self.hours.value(),
            cost_spent=self.cost.value(),
            area_ids=self.areas.checked_ids(),
            place_ids=self.places.checked_ids(),
            indicator_ids=self.indicators.checked_ids(),
        )

    def current_call(self):
        return (actions.get_action, (self.row.id,)) if self.row is not None else None

    def twin(self, row: ActionRow) -> ActionDialog:
        return ActionDialog(self.ctx, self.lookups, row, parent=self)

    def fill(self, row: ActionRow) -> None:
        self._fill(row)

    def save_call(self):
        if self.row is None:
            return actions.create_action, (self.data(),), {}
        return actions.update_action, (self.row.id, self.data(), self.row.version), {}
