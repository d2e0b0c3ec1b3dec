"""Registering or editing one observation of the lägesbild."""

from __future__ import annotations

import datetime as dt

from app.domain.vocabulary import Classification, Setting, Source, YesNoUnknown, choices
from app.i18n import _
from app.services import observations
from app.services.lookups import Lookups
from app.services.observations import DESCRIPTION_MAX, MAX_COUNT, ObservationInput, ObservationRow
from ui import offered
from ui.context import AppContext
from ui.dialogs.base import EditDialog
from ui.forms import Field, check, choice, date, optional_time, text, whole_number


def observation_fields(lookups: Lookups) -> list[Field]:
    """The fields of an observation, in the order of the form; names are those of ObservationInput."""
    places, places_held = offered.places(lookups, with_district=False)
    categories, categories_held = offered.categories(lookups)
    return [
        date("occurred_on", _("&Date"), latest=dt.date.today()),
        optional_time("occurred_time", _("T&ime")),
        choice(
            "place_id",
            _("&Place"),
            places,
            held=places_held,
            searchable=True,
            placeholder=_("Type to search for a place"),
        ),
        choice(
            "category_id",
            _("Event t&ype"),
            categories,
            held=categories_held,
            searchable=True,
            placeholder=_("Type to search for an event type"),
        ),
        whole_number("count", _("&Number of events"), minimum=1, maximum=MAX_COUNT),
        choice("source", _("&Source"), choices(Source)),
        choice("setting", _("Indoors/&outdoors"), choices(Setting)),
        choice("reported_to_police", _("&Reported to police"), choices(YesNoUnknown)),
        check("verified", _("&Verified")),
        choice("classification", _("Visible &to"), choices(Classification)),
        text(
            "description",
            _("D&escription"),
            height=90,
            placeholder=_("What happened? Describe places, times and events – not persons."),
            hint=_("Do not write names, personal identity numbers, phone numbers or registration plates."),
            limit=DESCRIPTION_MAX,
        ),
    ]


class ObservationDialog(EditDialog):
    def __init__(self, ctx: AppContext, lookups: Lookups, row: ObservationRow | None = None, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("observationDialog")
        self.row = row
        self.lookups = lookups
        self.setWindowTitle(_("Edit observation") if row else _("New observation"))
        form = self.declare(observation_fields(lookups), ObservationInput)
        self.place, self.category, self.count = form["place_id"], form["category_id"], form["count"]
        self.description = form["description"]
        self.finish_layout()
        self.resize(560, 640)
        if row is not None:
            self.fill(row)
        self.place.setFocus()

    def data(self) -> ObservationInput:
        return ObservationInput(**self.declared.values())

    def current_call(self):
        return (observations.get_observation, (self.row.id,)) if self.row is not None else None

    def save_call(self):
        if self.row is None:
            return observations.create_observation, (self.data(),), {}
        return observations.update_observation, (self.row.id, self.data(), self.row.version), {}
