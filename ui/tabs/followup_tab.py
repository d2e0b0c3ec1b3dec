"""The Uppföljning tab: indicators against baseline and target, their measurements, and follow-up meetings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from app.services import followup
from app.services.followup import IndicatorRow, IndicatorSeries, IndicatorStatus
from app.services.overview import FollowUpOverview, followup_overview
from ui import format as fmt
from ui.labels import label
from ui.models import NUMBER, Column, RowsTableModel
from ui.tabs.area_tab import indicator_status_text
from ui.tabs.base import BaseTab
from ui.widgets.tables import make_table, set_widths


def _titled(title: str, widget: QWidget, name: str = "sectionTitle") -> tuple[QWidget, QLabel]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    caption = QLabel(title)
    caption.setObjectName(name)
    layout.addWidget(caption)
    layout.addWidget(widget)
    return box, caption


class FollowUpTab(BaseTab):
    listens_to = ("indicator", "meeting", "action", "reference")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("followUpTab")
        self.indicator_model = RowsTableModel(
            [
                Column(self.tr("Indicator"), lambda i: i.name, tooltip=lambda i: i.description),
                Column(self.tr("Area"), lambda i: i.area_name),
                Column(self.tr("Frequency"), lambda i: label(i.frequency)),
                Column(self.tr("Baseline"), lambda i: self._value(i.baseline_value, i), NUMBER),
                Column(self.tr("Baseline period"), lambda i: i.baseline_period),
                Column(self.tr("Target"), lambda i: self._value(i.target_value, i), NUMBER),
                Column(self.tr("Latest"), lambda i: self._value(i.latest_value, i), NUMBER),
                Column(self.tr("Period"), lambda i: i.latest_period_label),
                Column(self.tr("Better when"), lambda i: label(i.direction)),
                Column(self.tr("Status"), lambda i: indicator_status_text(i.status)),
                Column(self.tr("Source"), lambda i: i.data_source),
                Column(self.tr("Responsible"), lambda i: i.responsible_organisation_name),
            ]
        )
        self.indicator_model.foreground = self._status_colour
        self.indicator_view = make_table("indicatorTable", sortable=True)
        self.indicator_view.setModel(self.indicator_model)
        set_widths(self.indicator_view, [250, 130, 90, 80, 100, 80, 80, 80, 120, 110, 160])
        self.indicator_view.selectionModel().selectionChanged.connect(self._indicator_selected)

        self.measurement_model = RowsTableModel(
            [
                Column(self.tr("Period"), lambda p: p.label, sort_value=lambda p: p.period_start),
                Column(self.tr("Value"), lambda p: fmt.number(p.value, 1), NUMBER, sort_value=lambda p: p.value),
                Column(self.tr("Note"), lambda p: p.note),
            ]
        )
        self.measurement_view = make_table("measurementTable", sortable=True)
        self.measurement_view.setModel(self.measurement_model)
        set_widths(self.measurement_view, [90, 80])

        self.meeting_model = RowsTableModel(
            [
                Column(self.tr("Date"), lambda m: fmt.date(m.held_on), sort_value=lambda m: m.held_on),
                Column(self.tr("Forum"), lambda m: label(m.forum)),
                Column(self.tr("Present"), lambda m: ", ".join(m.organisation_names)),
                Column(self.tr("Focus places"), lambda m: ", ".join(m.focus_place_names)),
                Column(self.tr("Decisions"), lambda m: m.decisions.replace("\n", " "), tooltip=lambda m: m.decisions),
                Column(self.tr("Linked actions"), lambda m: ", ".join(m.action_titles)),
            ]
        )
        self.meeting_view = make_table("meetingTable", sortable=True)
        self.meeting_view.setModel(self.meeting_model)
        set_widths(self.meeting_view, [90, 190, 200, 220, 320])

        indicators_box, _ = _titled(self.tr("Indicators against baseline and target"), self.indicator_view)
        measurements_box, self.measurement_title = _titled(self.tr("Measurements"), self.measurement_view)
        meetings_box, _ = _titled(self.tr("Follow-up meetings"), self.meeting_view)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(indicators_box)
        top.addWidget(measurements_box)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 1)
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(meetings_box)
        layout = QVBoxLayout(self)
        layout.addWidget(body)

    @staticmethod
    def _value(value: float | None, indicator: IndicatorRow) -> str:
        if value is None:
            return ""
        return f"{fmt.number(value, 1)} {indicator.unit}".strip()

    def _status_colour(self, indicator: IndicatorRow, column: int):
        if column != 9:
            return None
        if indicator.status is IndicatorStatus.ON_TRACK:
            return QColor("#1a7f37")
        if indicator.status is IndicatorStatus.OFF_TRACK:
            return QColor("#b42318")
        return None

    def reload(self) -> None:
        self.ctx.call(followup_overview, on_success=self._show, on_error=self.error)

    def _show(self, overview: FollowUpOverview) -> None:
        self.indicator_model.set_rows(overview.indicators)
        self.meeting_model.set_rows(overview.meetings)
        if overview.indicators:
            self.indicator_view.selectRow(0)

    def _indicator_selected(self, *_args) -> None:
        index = self.indicator_view.currentIndex()
        indicator = self.indicator_model.row_at(index.row()) if index.isValid() else None
        if indicator is None:
            self.measurement_model.set_rows([])
            return
        self.measurement_title.setText(self.tr("Measurements: %1").replace("%1", indicator.name))
        self.ctx.call(followup.indicator_series, indicator.id, on_success=self._show_series, on_error=self.error)

    def _show_series(self, series: IndicatorSeries) -> None:
        self.measurement_model.set_rows(sorted(series.points, key=lambda p: p.period_start, reverse=True))
