"""The period selector every tab follows: named periods or a custom date range."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.domain.periods import PeriodKind, period_range
from app.i18n import _
from ui import format as fmt
from ui.widgets.form import label_for, name_for_readers
from ui.widgets.inputs import DateEdit


class PeriodBar(QWidget):
    changed = Signal(object, object)  # date_from, date_to

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self._today = today
        self.kind = QComboBox()
        self.kind.setObjectName("periodKind")
        for text, kind in (
            (_("Last 7 days"), PeriodKind.LAST_7_DAYS),
            (_("Previous week"), PeriodKind.PREVIOUS_WEEK),
            (_("Last 4 weeks"), PeriodKind.LAST_4_WEEKS),
            (_("Current tertial"), PeriodKind.CURRENT_TERTIAL),
            (_("Previous tertial"), PeriodKind.PREVIOUS_TERTIAL),
            (_("Last 12 full months"), PeriodKind.LAST_12_MONTHS),
            (_("This year"), PeriodKind.CURRENT_YEAR),
            (_("Custom…"), PeriodKind.CUSTOM),
        ):
            self.kind.addItem(text, kind)
        self.date_from = DateEdit()
        self.date_to = DateEdit()
        self.date_from.setObjectName("periodFrom")
        self.date_to.setObjectName("periodTo")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label_for(_("Period:"), self.kind))
        layout.addWidget(self.kind)
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("–"))
        layout.addWidget(self.date_to)
        name_for_readers(self.date_from, _("From"))
        name_for_readers(self.date_to, _("To"))
        self.kind.setCurrentIndex(2)
        self._apply_kind()
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.date_from.dateChanged.connect(self._on_dates)
        self.date_to.dateChanged.connect(self._on_dates)

    def today(self) -> dt.date:
        return self._today or dt.date.today()

    def range(self) -> tuple[dt.date, dt.date]:
        start, end = self.date_from.date().toPython(), self.date_to.date().toPython()
        return (start, end) if start <= end else (end, start)

    def _describe_presets(self) -> None:
        """Each named period's dates as its tooltip in the list, so the choice is seen before it is made."""
        for index in range(self.kind.count()):
            kind = self.kind.itemData(index)
            if kind is PeriodKind.CUSTOM:
                continue
            start, end = period_range(kind, self.today())
            self.kind.setItemData(index, f"{fmt.date(start)} – {fmt.date(end)}", Qt.ItemDataRole.ToolTipRole)

    def _apply_kind(self) -> None:
        self._describe_presets()
        kind = self.kind.currentData()
        custom = kind is PeriodKind.CUSTOM
        self.date_from.setEnabled(custom)
        self.date_to.setEnabled(custom)
        if not custom:
            start, end = period_range(kind, self.today())
            for edit, value in ((self.date_from, start), (self.date_to, end)):
                edit.blockSignals(True)
                edit.setDate(QDate(value.year, value.month, value.day))
                edit.blockSignals(False)

    def _on_kind(self) -> None:
        self._apply_kind()
        self.changed.emit(*self.range())

    def _on_dates(self) -> None:
        if self.kind.currentData() is PeriodKind.CUSTOM:
            self.changed.emit(*self.range())

    def set_kind(self, kind: PeriodKind) -> None:
        self.kind.setCurrentIndex(self.kind.findData(kind))
