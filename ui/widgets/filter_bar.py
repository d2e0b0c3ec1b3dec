"""The lägesbild filters: district, place, category, area, source and organisation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.domain.vocabulary import Source, choices
from app.i18n import _
from app.services.filters import ObservationFilter
from app.services.lookups import Lookups
from ui.widgets.combos import ChoiceCombo, describe_choices
from ui.widgets.form import label_for


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.district = ChoiceCombo()
        self.place = ChoiceCombo()
        self.category = ChoiceCombo()
        self.area = ChoiceCombo()
        self.source = ChoiceCombo()
        self.organisation = ChoiceCombo()
        self.clear_button = QPushButton(_("Clear filters"))
        self.clear_button.setObjectName("clearFilters")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.captions: list[tuple[str, ChoiceCombo]] = []
        for name, caption, combo in (
            ("filterDistrict", _("District"), self.district),
            ("filterPlace", _("Place"), self.place),
            ("filterCategory", _("Event type"), self.category),
            ("filterArea", _("Area"), self.area),
            ("filterSource", _("Source"), self.source),
            ("filterOrganisation", _("Organisation"), self.organisation),
        ):
            combo.setObjectName(name)
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(ChoiceCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            layout.addWidget(label_for(caption, combo))
            layout.addWidget(combo, 1)
            self.captions.append((caption, combo))
            combo.currentIndexChanged.connect(self.changed)
        layout.addWidget(self.clear_button)
        self.clear_button.clicked.connect(self.clear)
        self.district.currentIndexChanged.connect(self._narrow_places)
        self.lookups: Lookups | None = None

    def set_lookups(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.blockSignals(True)
        everything = _("All")
        self.district.set_items([(everything, None)] + [(d, d) for d in lookups.districts])
        self._narrow_places()
        self.category.set_items([(everything, None)] + [(c.name, c.id) for c in lookups.categories])
        self.area.set_items([(everything, None)] + [(a.name, a.id) for a in lookups.areas])
        self.source.set_items([(everything, None), *choices(Source)])
        self.organisation.set_items([(everything, None)] + [(o.detail, o.id) for o in lookups.organisations])
        self.blockSignals(False)

    def _narrow_places(self) -> None:
        if self.lookups is None:
            return
        district = self.district.current_value()
        places = [p for p in self.lookups.places if district is None or p.detail == district]
        self.place.set_items([(_("All"), None)] + [(p.name, p.id) for p in places])

    def clear(self) -> None:
        self.blockSignals(True)
        for combo in (self.district, self.place, self.category, self.area, self.source, self.organisation):
            combo.setCurrentIndex(0)
        self.blockSignals(False)
        self.changed.emit()

    def filter(self, date_from: dt.date, date_to: dt.date, text: str = "") -> ObservationFilter:
        def one(combo: ChoiceCombo) -> tuple:
            value = combo.current_value()
            return () if value is None else (value,)

        return ObservationFilter(
            date_from=date_from,
            date_to=date_to,
            districts=one(self.district),
            place_ids=one(self.place),
            category_ids=one(self.category),
            area_ids=one(self.area),
            sources=one(self.source),
            organisation_ids=one(self.organisation),
            text=text,
        )

    def is_filtered(self) -> bool:
        return any(
            c.current_value() is not None
            for c in (self.district, self.place, self.category, self.area, self.source, self.organisation)
        )

    def describe(self) -> str:
        """The filters that are set, as text for an export: 'District: Märsta; Source: …'."""
        return describe_choices(self.captions)
