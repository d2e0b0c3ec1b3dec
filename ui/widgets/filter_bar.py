"""The lägesbild filters: district, place, category, area, source and organisation."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from app.domain.vocabulary import Source, choices
from app.i18n import _
from app.services.filters import ObservationFilter
from app.services.lookups import Lookups
from ui.widgets.combos import ChoiceCombo, describe_choices
from ui.widgets.form import label_for


class FilterBar(QWidget):
    """One row of filters on a wide screen; two rows when the window is narrower than that row needs,
    so that the window (and its lock and switch buttons) fits a 1024 px wide screen."""

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
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self._pairs: list[tuple[QWidget, ChoiceCombo]] = []
        self._per_row = 0
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
            combo.setMinimumContentsLength(4)  # "Alla" and a short name; they widen with the window
            combo.setSizeAdjustPolicy(ChoiceCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self._pairs.append((label_for(caption, combo), combo))
            self.captions.append((caption, combo))
            combo.currentIndexChanged.connect(self.changed)
        self._arrange(len(self._pairs))
        self.clear_button.clicked.connect(self.clear)
        self.district.currentIndexChanged.connect(self._narrow_places)
        self.lookups: Lookups | None = None

    def _arrange(self, per_row: int) -> None:
        if per_row == self._per_row:
            return
        self._per_row = per_row
        for widget in [w for pair in self._pairs for w in pair] + [self.clear_button]:
            self.grid.removeWidget(widget)
        for column in range(2 * len(self._pairs) + 1):
            self.grid.setColumnStretch(column, 0)
        for i, (caption, combo) in enumerate(self._pairs):
            row, column = divmod(i, per_row)
            self.grid.addWidget(caption, row, 2 * column)
            self.grid.addWidget(combo, row, 2 * column + 1)
            self.grid.setColumnStretch(2 * column + 1, 1)
        self.grid.addWidget(self.clear_button, 0, 2 * per_row)
        self.updateGeometry()

    def _width_for(self, per_row: int) -> int:
        """The least width of `per_row` filters side by side (the widest row), with the clear button."""
        spacing = max(self.grid.horizontalSpacing(), 0)
        pairs = [c.minimumSizeHint().width() + w.minimumSizeHint().width() + spacing for c, w in self._pairs]
        widest = max(sum(pairs[i : i + per_row]) for i in range(0, len(pairs), per_row))
        return widest + self.clear_button.minimumSizeHint().width() + spacing

    def minimumSizeHint(self) -> QSize:
        two_rows = (len(self._pairs) + 1) // 2
        return QSize(self._width_for(two_rows), super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        one_row = len(self._pairs)
        self._arrange(one_row if event.size().width() >= self._width_for(one_row) else (one_row + 1) // 2)
        super().resizeEvent(event)

    def set_lookups(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.blockSignals(True)
        everything = _("All")
        self.district.set_items([(everything, None)] + [(d, d) for d in lookups.districts])
        self._narrow_places()
        self.category.set_items([(everything, None)] + [(c.name, c.id) for c in lookups.categories])
        self._set_areas(lookups.areas)
        self.source.set_items([(everything, None), *choices(Source)])
        self.organisation.set_items([(everything, None)] + [(o.detail, o.id) for o in lookups.organisations])
        self.blockSignals(False)

    def _set_areas(self, areas) -> None:
        """The area list, keeping the chosen area by name where the new list has one of that name."""
        chosen = self.area.currentText() if self.area.current_value() is not None else None
        self.area.set_items([(_("All"), None)] + [(a.name, a.id) for a in areas], keep_selection=False)
        match = next((a.id for a in areas if a.name == chosen), None)
        if match is None:
            self.area.setCurrentIndex(0)
        else:
            self.area.set_value(match)

    def follow_dates(self, date_to: dt.date) -> None:
        """Offer the areas of the agreement period in force at the end of the chosen dates."""
        if self.lookups is None:
            return
        areas = self.lookups.areas_on(date_to)
        offered = [self.area.itemData(i) for i in range(1, self.area.count())]
        if offered != [a.id for a in areas]:
            self.blockSignals(True)
            self._set_areas(areas)
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
