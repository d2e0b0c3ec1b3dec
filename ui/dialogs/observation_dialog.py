"""Registering or editing one observation of the lägesbild."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from app.db.enums import Classification, Setting, Source, YesNoUnknown, choices
from app.i18n import _
from app.services import observations
from app.services.lookups import Lookups
from app.services.observations import ObservationInput, ObservationRow
from ui.context import AppContext
from ui.dialogs.base import EditDialog
from ui.widgets.combos import ChoiceCombo


class ObservationDialog(EditDialog):

    def __init__(self, ctx: AppContext, lookups: Lookups, row: ObservationRow | None = None, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("observationDialog")
        self.row = row
        self.lookups = lookups
        self.setWindowTitle(_("Edit observation") if row else _("New observation"))
        today = dt.date.today()

        self.occurred_on = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.occurred_on.setMaximumDate(QDate(today.year, today.month, today.day))
        self.occurred_on.setDate(QDate(today.year, today.month, today.day))
        self.time_known = QCheckBox(_("Time known"))
        self.occurred_time = QTimeEdit(displayFormat="HH:mm")
        self.occurred_time.setEnabled(False)
        self.time_known.toggled.connect(self.occurred_time.setEnabled)
        time_row = QWidget()
        time_layout = QHBoxLayout(time_row)
        time_layout.setContentsMargins(0, 0, 0, 0)
        time_layout.addWidget(self.time_known)
        time_layout.addWidget(self.occurred_time)
        time_layout.addStretch()

        self.place = ChoiceCombo(searchable=True, placeholder=_("Type to search for a place"))
        self.place.set_items([(f"{p.name}", p.id) for p in lookups.active_places()], keep_selection=False)
        self.category = ChoiceCombo(searchable=True, placeholder=_("Type to search for a category"))
        self.category.set_items([(c.name, c.id) for c in lookups.active_categories()], keep_selection=False)
        self.count = QSpinBox(minimum=1, maximum=9999)
        self.source = ChoiceCombo()
        self.source.set_items(choices(Source))
        self.setting = ChoiceCombo()
        self.setting.set_items(choices(Setting))
        self.reported_to_police = ChoiceCombo()
        self.reported_to_police.set_items(choices(YesNoUnknown))
        self.verified = QCheckBox(_("Verified"))
        self.classification = ChoiceCombo()
        self.classification.set_items(choices(Classification))
        self.description = QPlainTextEdit()
        self.description.setPlaceholderText(_("What happened? Describe places, times and events – not persons."))
        self.description.setMinimumHeight(90)
        privacy = QLabel(
            _("Do not write names, personal identity numbers, phone numbers or registration plates.")
        )
        privacy.setProperty("role", "hint")
        privacy.setWordWrap(True)

        for name, widget in (
            ("occurred_on", self.occurred_on),
            ("place_id", self.place),
            ("category_id", self.category),
            ("count", self.count),
            ("description", self.description),
        ):
            widget.setObjectName(name)

        f = self.form
        f.add_field("occurred_on", _("&Date"), self.occurred_on)
        f.add_field("occurred_time", _("Time"), time_row)
        f.add_field("place_id", _("&Place"), self.place)
        f.add_field("category_id", _("&Category"), self.category)
        f.add_field("count", _("&Number of events"), self.count)
        f.add_field("source", _("&Source"), self.source)
        f.add_field("setting", _("Indoors/outdoors"), self.setting)
        f.add_field("reported_to_police", _("Reported to police"), self.reported_to_police)
        f.add_field("verified", "", self.verified)
        f.add_field("classification", _("Visible to"), self.classification)
        f.add_field("description", _("D&escription"), self.description)
        f.addRow("", privacy)
        self.finish_layout()
        self.resize(560, 640)
        if row is not None:
            self._fill(row)
        self.place.setFocus()

    def _fill(self, row: ObservationRow) -> None:
        self.occurred_on.setDate(QDate(row.occurred_on.year, row.occurred_on.month, row.occurred_on.day))
        self.time_known.setChecked(row.occurred_time is not None)
        if row.occurred_time is not None:
            self.occurred_time.setTime(QTime(row.occurred_time.hour, row.occurred_time.minute))
        self.place.set_value(row.place_id)
        self.category.set_value(row.category_id)
        self.count.setValue(row.count)
        self.source.set_value(row.source)
        self.setting.set_value(row.setting)
        self.reported_to_police.set_value(row.reported_to_police)
        self.verified.setChecked(row.verified)
        self.classification.set_value(row.classification)
        self.description.setPlainText(row.description)

    def data(self) -> ObservationInput:
        return ObservationInput(
            occurred_on=self.occurred_on.date().toPython(),
            occurred_time=self.occurred_time.time().toPython() if self.time_known.isChecked() else None,
            place_id=self.place.current_value(),
            category_id=self.category.current_value(),
            count=self.count.value(),
            source=self.source.current_value(),
            setting=self.setting.current_value(),
            reported_to_police=self.reported_to_police.current_value(),
            verified=self.verified.isChecked(),
            description=self.description.toPlainText(),
            classification=self.classification.current_value(),
        )

    def current_call(self):
        return (observations.get_observation, (self.row.id,)) if self.row is not None else None

    def twin(self, row: ObservationRow) -> ObservationDialog:
        return ObservationDialog(self.ctx, self.lookups, row, parent=self)

    def fill(self, row: ObservationRow) -> None:
        self._fill(row)

    def save_call(self):
        if self.row is None:
            return observations.create_observation, (self.data(),), {}
        return observations.update_observation, (self.row.id, self.data(), self.row.version), {}
