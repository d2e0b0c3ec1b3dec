"""The Uppföljning tab: are we reaching the targets, are the actions done on time, where is it worse?

Four pages: an overview of charts that answers those three questions at a glance; the indicators
with their series, baseline and target, where measurements are entered; the lägesbild over time;
and the follow-up meetings with the lägesbild each one looked at.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.vocabulary import label
from app.i18n import _
from app.services import followup, meetings
from app.services.filters import ObservationFilter
from app.services.followup import IndicatorRow, IndicatorSeries, SeriesPoint
from app.services.lookups import Lookups, load_lookups
from app.services.meetings import MeetingRow
from app.services.overview import FollowUpOverview, followup_charts, followup_overview
from ui import format as fmt
from ui import window_state
from ui.confirm import confirm_destructive
from ui.models import NUMBER, Column, RowsTableModel
from ui.tabs.area_tab import indicator_status_foreground, indicator_status_text
from ui.tabs.base import BaseTab
from ui.widgets.chart_view import ChartView
from ui.widgets.tables import fit_columns, make_table, titled


def _build_followup_figures(data):
    # matplotlib loads on first use, off the UI thread
    from app.charts.panels import (
        followup_figures,  # matplotlib is loaded on first use, off the UI thread
    )

    return followup_figures(data)


def _build_indicator_figure(series: IndicatorSeries):
    # matplotlib loads on first use, off the UI thread
    from app.charts import indicator_chart

    return series, indicator_chart(series)


def _build_snapshot_map(snapshot_map: dict):
    # matplotlib loads on first use, off the UI thread
    from app.charts.map_chart import snapshot_map_figure

    return snapshot_map_figure(snapshot_map, width=6.0, height=4.5)


def _button_row(*buttons: QPushButton) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    return row


class FollowUpTab(BaseTab):
    listens_to = ("indicator", "meeting", "action", "observation", "reference")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("followUpTab")
        self.lookups: Lookups | None = None
        self._dialog = None

    def build(self) -> None:
        self.sections = QTabWidget()
        self.sections.setObjectName("followUpSections")
        self.sections.setDocumentMode(True)
        self.sections.addTab(self._overview_page(), _("Overview"))
        self.sections.addTab(self._indicator_page(), _("Indicators"))
        self.sections.addTab(self._events_page(), _("Events over time"))
        self.sections.addTab(self._meeting_page(), _("Meetings"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.sections)
        self.exportable(self.indicator_view, lambda: _("Indicators"), lambda: "")
        self.exportable(self.measurement_view, lambda: self.measurement_title.text(), lambda: "")
        self.exportable(self.meeting_view, lambda: _("Follow-up meetings"), lambda: "")
        self.mark_charts()  # a saved or copied chart says the period it shows, who exported it and when

    # --- pages -----------------------------------------------------------------------------------

    def _overview_page(self) -> QWidget:
        page = QWidget()
        page.setObjectName("overviewPage")
        self.period_caption = QLabel()
        self.period_caption.setObjectName("hint")
        self.charts = {
            "progress": ChartView("progressChart", _("Are we reaching the targets?")),
            "on_time": ChartView("onTimeChart", _("Are the actions done on time?")),
            "hotspots": ChartView("hotspotChart", _("Where is it getting worse?")),
            "actions_by_area": ChartView("actionsByAreaChart", _("Actions per samverkansområde and status")),
            "months": ChartView("monthsChart", _("Events per month and category")),
            "weekday_hour": ChartView("weekdayHourChart", _("When do the events happen?")),
        }
        grid = QGridLayout()
        grid.addWidget(self.charts["progress"], 0, 0)
        grid.addWidget(self.charts["on_time"], 0, 1)
        grid.addWidget(self.charts["hotspots"], 1, 0)
        grid.addWidget(self.charts["actions_by_area"], 1, 1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.period_caption)
        layout.addLayout(grid, 1)
        return page

    def _indicator_page(self) -> QWidget:
        # The key columns first (what, where it stands, against what), so they are seen without scrolling.
        self.indicator_model = RowsTableModel(
            [
                Column(
                    _("Indicator"),
                    lambda i: i.name,
                    tooltip=lambda i: f"{i.name}\n\n{i.description}" if i.description else i.name,
                ),
                Column(_("Status"), lambda i: indicator_status_text(i.status)),
                Column(_("Latest"), lambda i: self._value(i.latest_value, i), NUMBER),
                Column(_("Period"), lambda i: i.latest_period_label),
                Column(_("Target"), lambda i: self._value(i.target_value, i), NUMBER),
                Column(_("Baseline"), lambda i: self._value(i.baseline_value, i), NUMBER),
                Column(_("Baseline period"), lambda i: i.baseline_period),
                Column(_("Better when"), lambda i: label(i.direction)),
                Column(_("Area"), lambda i: i.area_name),
                Column(_("Frequency"), lambda i: label(i.frequency)),
                Column(_("Source"), lambda i: i.data_source),
                Column(_("Responsible"), lambda i: i.responsible_organisation_name),
            ]
        )
        self.indicator_model.foreground = indicator_status_foreground(1)
        self.indicator_view = make_table("indicatorTable", sortable=True)
        self.indicator_view.setModel(self.indicator_model)
        fit_columns(self.indicator_view, stretch=0, keep=(1, 2, 3, 4), shrink_first=(5, 6, 7, 8, 9, 10, 11))
        self.indicator_view.selectionModel().selectionChanged.connect(self._indicator_selected)
        self.indicator_view.doubleClicked.connect(lambda _i: self.edit_indicator())

        self.new_indicator_button, self.edit_indicator_button, self.delete_indicator_button = self.crud_buttons(
            _("New indicator…"), "Indicator", self.new_indicator, self.edit_indicator, self.delete_indicator
        )

        self.indicator_chart = ChartView("indicatorChart", _("Indicator over time"))
        self.measurement_model = RowsTableModel(
            [
                Column(_("Period"), lambda p: p.label, sort_value=lambda p: p.period_start),
                Column(
                    _("Value"),
                    lambda p: fmt.number(p.value, 1),
                    NUMBER,
                    kind="float",
                    raw=lambda p: p.value,
                    sort_value=lambda p: p.value,
                ),
                Column(_("Note"), lambda p: p.note),
            ]
        )
        self.measurement_view = make_table("measurementTable", sortable=True)
        self.measurement_view.setModel(self.measurement_model)
        fit_columns(self.measurement_view, stretch=2, keep=(0, 1))
        self.measurement_view.doubleClicked.connect(lambda _i: self.edit_measurement())
        self.measurement_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.new_measurement_button = QPushButton(_("Enter measurement…"))
        self.new_measurement_button.clicked.connect(self.new_measurement)
        self.edit_measurement_button = QPushButton(_("Change…"))
        self.edit_measurement_button.clicked.connect(self.edit_measurement)
        self.delete_measurement_button = QPushButton(_("Delete value"))
        self.delete_measurement_button.clicked.connect(self.delete_measurement)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        box = titled(_("Indicators against baseline and target"), self.indicator_view)
        left_layout.addWidget(box, 1)
        left_layout.addLayout(
            _button_row(self.new_indicator_button, self.edit_indicator_button, self.delete_indicator_button)
        )
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.indicator_chart, 3)
        self.measurement_box = titled(_("Measurements"), self.measurement_view)
        self.measurement_title = self.measurement_box.caption
        right_layout.addWidget(self.measurement_box, 2)
        right_layout.addLayout(
            _button_row(self.new_measurement_button, self.edit_measurement_button, self.delete_measurement_button)
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        window_state.keep_splitter(splitter, "followup_indicators")
        page = QWidget()
        page.setObjectName("indicatorPage")
        QVBoxLayout(page).addWidget(splitter)
        return page

    def _events_page(self) -> QWidget:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.charts["months"])
        splitter.addWidget(self.charts["weekday_hour"])
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        window_state.keep_splitter(splitter, "followup_charts")
        page = QWidget()
        page.setObjectName("eventsPage")
        QVBoxLayout(page).addWidget(splitter)
        return page

    def _meeting_page(self) -> QWidget:
        self.meeting_model = RowsTableModel(
            [
                Column(
                    _("Date"),
                    lambda m: fmt.date(m.held_on),
                    kind="date",
                    raw=lambda m: m.held_on,
                    sort_value=lambda m: m.held_on,
                ),
                Column(_("Forum"), lambda m: label(m.forum)),
                Column(_("Present"), lambda m: ", ".join(m.organisation_names)),
                Column(_("Focus places"), lambda m: ", ".join(m.focus_place_names)),
                Column(_("Decisions"), lambda m: m.decisions.replace("\n", " "), tooltip=lambda m: m.decisions),
                Column(_("Linked actions"), lambda m: ", ".join(m.action_titles)),
            ]
        )
        self.meeting_view = make_table("meetingTable", sortable=True)
        self.meeting_view.setModel(self.meeting_model)
        fit_columns(self.meeting_view, stretch=4, keep=(0, 1), shrink_first=(2, 5))
        self.meeting_view.selectionModel().selectionChanged.connect(self._meeting_selected)
        self.meeting_view.doubleClicked.connect(lambda _i: self.edit_meeting())
        self.new_meeting_button, self.edit_meeting_button, self.delete_meeting_button = self.crud_buttons(
            _("New meeting…"), "Meeting", self.new_meeting, self.edit_meeting, self.delete_meeting
        )
        self.meeting_details = QTextBrowser()
        self.meeting_details.setObjectName("meetingDetails")
        self.meeting_details.setAccessibleName(_("Meeting"))
        self.meeting_details.setPlaceholderText(
            _("Choose a meeting to read its minutes and the lägesbild it looked at.")
        )
        # the snapshot's map, under its ranking; hidden for a meeting without one
        self.snapshot_map = ChartView("snapshotMap", _("The lägesbild's map at the meeting"))
        self.snapshot_map.hide()
        self._map_meeting_id: int | None = None  # whose map is being drawn or shown
        details = QSplitter(Qt.Orientation.Vertical)
        details.addWidget(self.meeting_details)
        details.addWidget(self.snapshot_map)
        details.setStretchFactor(0, 2)
        details.setStretchFactor(1, 3)
        details.setSizes([300, 450])  # the map gets the larger part until the user moves the divider
        window_state.keep_splitter(details, "followup_meeting_map")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        box = titled(_("Follow-up meetings"), self.meeting_view)
        left_layout.addWidget(box, 1)
        left_layout.addLayout(
            _button_row(self.new_meeting_button, self.edit_meeting_button, self.delete_meeting_button)
        )
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        window_state.keep_splitter(splitter, "followup_meetings")
        page = QWidget()
        page.setObjectName("meetingPage")
        QVBoxLayout(page).addWidget(splitter)
        return page

    # --- loading ---------------------------------------------------------------------------------

    @staticmethod
    def _value(value: float | None, indicator: IndicatorRow) -> str:
        if value is None:
            return ""
        return f"{fmt.number(value, 1)} {indicator.unit}".strip()

    def reload(self) -> None:
        self._update_buttons()
        flt = ObservationFilter(self.date_from, self.date_to)
        self.period_caption.setText(
            _("Actions and indicators as of today; places and events for %1 – %2 (as chosen in the toolbar).")
            .replace("%1", fmt.date(self.date_from))
            .replace("%2", fmt.date(self.date_to))
        )
        self.ctx.call(followup_overview, on_success=self._show, on_error=self.error)
        self.ctx.call(load_lookups, on_success=self._lookups_loaded, on_error=self.error)
        self.ctx.call(
            followup_charts,
            flt,
            then=_build_followup_figures,
            on_success=self._show_charts,
            on_error=self._charts_failed,
        )

    def _lookups_loaded(self, lookups: Lookups) -> None:
        self.lookups = lookups

    def _show(self, overview: FollowUpOverview) -> None:
        selected = self.selected_indicator()
        self.indicator_model.set_rows(overview.indicators)
        self.meeting_model.set_rows(overview.meetings)
        rows = self.indicator_model.rows
        index = next((i for i, r in enumerate(rows) if selected and r.id == selected.id), 0 if rows else None)
        if index is not None:
            self.indicator_view.selectRow(index)
        else:
            self.measurement_model.set_rows([])
            self.indicator_chart.clear(_("No indicators yet. Add one with “New indicator…”."))
        if self.meeting_model.rows:
            self.meeting_view.selectRow(0)  # the latest meeting: what was decided last time
        self._meeting_selected()
        self._update_buttons()

    def _show_charts(self, figures: dict) -> None:
        for key, figure in figures.items():
            self.charts[key].set_figure(figure)

    def _charts_failed(self, exc: Exception) -> None:
        for chart in self.charts.values():
            chart.clear(_("The chart could not be drawn."))
        self.error(exc)

    # --- indicators ------------------------------------------------------------------------------

    def selected_indicator(self) -> IndicatorRow | None:
        index = self.indicator_view.currentIndex()
        return self.indicator_model.row_at(index.row()) if index.isValid() else None

    def selected_point(self) -> SeriesPoint | None:
        index = self.measurement_view.currentIndex()
        return self.measurement_model.row_at(index.row()) if index.isValid() else None

    def _indicator_selected(self, *_args) -> None:
        indicator = self.selected_indicator()
        self._update_buttons()
        if indicator is None:
            self.measurement_model.set_rows([])
            return
        self.measurement_title.setText(_("Measurements: %1").replace("%1", indicator.name))
        self.ctx.call(
            followup.indicator_series,
            indicator.id,
            then=_build_indicator_figure,
            on_success=self._show_series,
            on_error=self.error,
        )

    def _show_series(self, result) -> None:
        series, figure = result
        self.measurement_model.set_rows(sorted(series.points, key=lambda p: p.period_start, reverse=True))
        self.indicator_chart.set_title(series.name)
        self.indicator_chart.set_figure(figure)
        self._update_buttons()

    def _update_buttons(self) -> None:
        can_edit = self.can_edit()
        indicator, point = self.selected_indicator(), self.selected_point()
        self.new_indicator_button.setEnabled(can_edit)
        self.edit_indicator_button.setEnabled(can_edit and indicator is not None)
        self.delete_indicator_button.setEnabled(can_edit and indicator is not None)
        self.new_measurement_button.setEnabled(can_edit and indicator is not None)
        self.edit_measurement_button.setEnabled(can_edit and point is not None)
        self.delete_measurement_button.setEnabled(can_edit and point is not None)
        meeting = self.selected_meeting()
        self.new_meeting_button.setEnabled(can_edit)
        self.edit_meeting_button.setEnabled(can_edit and meeting is not None)
        self.delete_meeting_button.setEnabled(can_edit and meeting is not None)

    def _open(self, dialog) -> None:
        dialog.open()
        self._dialog = dialog  # kept so it is not collected while open, and for tests

    def new_indicator(self) -> None:
        if not self.can_edit() or self.lookups is None:
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.followup_dialogs import IndicatorDialog

        self._open(IndicatorDialog(self.ctx, self.lookups, parent=self))

    def edit_indicator(self) -> None:
        indicator = self.selected_indicator()
        if not self.can_edit() or self.lookups is None or indicator is None:
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.followup_dialogs import IndicatorDialog

        self._open(IndicatorDialog(self.ctx, self.lookups, indicator, parent=self))

    def delete_indicator(self) -> None:
        indicator = self.selected_indicator()
        if not self.can_edit() or indicator is None:
            return
        if not self._confirm(_("Delete indicator"), _("Delete the indicator “%1”?").replace("%1", indicator.name)):
            return
        self.ctx.call(followup.delete_indicator, indicator.id, indicator.version, on_error=self.error)

    def new_measurement(self) -> None:
        indicator = self.selected_indicator()
        if not self.can_edit() or indicator is None:
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.followup_dialogs import MeasurementDialog

        self._open(MeasurementDialog(self.ctx, indicator, parent=self))

    def edit_measurement(self) -> None:
        indicator, point = self.selected_indicator(), self.selected_point()
        if not self.can_edit() or indicator is None or point is None:
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.followup_dialogs import MeasurementDialog

        self._open(MeasurementDialog(self.ctx, indicator, point, parent=self))

    def delete_measurement(self) -> None:
        point = self.selected_point()
        if not self.can_edit() or point is None:
            return
        if not self._confirm(_("Delete measurement"), _("Delete the value of %1?").replace("%1", point.label)):
            return
        self.ctx.call(followup.delete_measurement, point.measurement_id, point.version, on_error=self.error)

    def _confirm(self, title: str, question: str) -> bool:
        return confirm_destructive(self, title, question)

    # --- meetings --------------------------------------------------------------------------------

    def selected_meeting(self) -> MeetingRow | None:
        index = self.meeting_view.currentIndex()
        return self.meeting_model.row_at(index.row()) if index.isValid() else None

    def _meeting_selected(self, *_args) -> None:
        self._update_buttons()
        meeting = self.selected_meeting()
        if meeting is None:
            self.meeting_details.clear()
            self._show_snapshot_map(None, None)
            return
        self.ctx.call(meetings.get_meeting, meeting.id, on_success=self._show_meeting, on_error=self.error)

    def _show_meeting(self, meeting: MeetingRow) -> None:
        present, recorded_by = _("Present"), _("Recorded by")
        parts = [
            f"<h3>{escape(label(meeting.forum))}, {escape(fmt.date(meeting.held_on))}</h3>",
            f"<p><b>{escape(present)}:</b> {escape(', '.join(meeting.organisation_names) or '–')}<br>"
            f"<b>{escape(recorded_by)}:</b> {escape(meeting.created_by_name or '–')}</p>",
        ]
        for title, text in ((_("Notes"), meeting.notes), (_("Decisions"), meeting.decisions)):
            if text:
                parts.append(f"<h4>{escape(title)}</h4><p>{escape(text).replace(chr(10), '<br>')}</p>")
        focus_title, actions_title = _("Focus places"), _("Linked actions")
        if meeting.focus_place_names:
            parts.append(f"<h4>{escape(focus_title)}</h4><p>{escape(', '.join(meeting.focus_place_names))}</p>")
        if meeting.action_titles:
            items = "".join(f"<li>{escape(t)}</li>" for t in meeting.action_titles)
            parts.append(f"<h4>{escape(actions_title)}</h4><ul>{items}</ul>")
        parts.append(self._snapshot_html(meeting.lagesbild_snapshot))
        self.meeting_details.setHtml("".join(parts))
        snapshot = meeting.lagesbild_snapshot or {}
        self._show_snapshot_map(meeting.id, snapshot.get("map"))

    def _show_snapshot_map(self, meeting_id: int | None, snapshot_map: dict | None) -> None:
        """Draw the snapshot's map off the UI thread; a meeting without one hides the map."""
        self._map_meeting_id = meeting_id if snapshot_map is not None else None
        if snapshot_map is None:
            self.snapshot_map.clear()
            self.snapshot_map.hide()
            return
        self.snapshot_map.clear(_("Drawing the map…"))
        self.snapshot_map.show()
        self.ctx.run(
            lambda: _build_snapshot_map(snapshot_map),
            on_success=lambda figure: self._snapshot_map_drawn(meeting_id, figure),
            on_error=lambda exc: self._snapshot_map_failed(meeting_id, exc),
        )

    def _snapshot_map_drawn(self, meeting_id: int | None, figure) -> None:
        if meeting_id is not None and meeting_id == self._map_meeting_id:  # still the meeting in view
            self.snapshot_map.set_figure(figure)

    def _snapshot_map_failed(self, meeting_id: int | None, exc: Exception) -> None:
        if meeting_id is not None and meeting_id == self._map_meeting_id:  # not a meeting left meanwhile
            self.snapshot_map.clear(_("The map could not be drawn."))
            self.error(exc)

    def _snapshot_html(self, snapshot: dict | None) -> str:
        if not snapshot:
            missing = _("No lägesbild was stored with this meeting.")
            return f"<p><i>{escape(missing)}</i></p>"
        start, end = snapshot.get("period", ["", ""])
        head = (
            _("The lägesbild at the meeting (%1 – %2): %3 events, %4 the four weeks before")
            .replace("%1", start)
            .replace("%2", end)
            .replace("%3", str(snapshot.get("total", 0)))
            .replace("%4", str(snapshot.get("previous_total", 0)))
        )
        rows = "".join(
            f"<tr><td align='right'>{h['rank']}</td><td>{escape(h['place'])}</td><td align='right'>{h['count']}</td>"
            f"<td align='right'>{h['previous']}</td><td>{escape(', '.join(h.get('categories', [])))}</td></tr>"
            for h in snapshot.get("hotspots", [])
        )
        header = "".join(
            f"<th align='left'>{escape(t)}</th>"
            for t in (_("No."), _("Place"), _("Events"), _("Before"), _("Dominant event types"))
        )
        html = f"<h4>{escape(head)}</h4><table cellspacing='0' cellpadding='3'><tr>{header}</tr>{rows}</table>"
        if "map" not in snapshot:
            before_maps = _("This snapshot was recorded before maps were added.")
            html += f"<p><i>{escape(before_maps)}</i></p>"
        return html

    def new_meeting(self) -> None:
        if not self.can_edit() or self.lookups is None:
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.followup_dialogs import MeetingDialog

        self._open(MeetingDialog(self.ctx, self.lookups, parent=self))

    def edit_meeting(self) -> None:
        meeting = self.selected_meeting()
        if not self.can_edit() or self.lookups is None or meeting is None:
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.followup_dialogs import MeetingDialog

        self._open(MeetingDialog(self.ctx, self.lookups, meeting, parent=self))

    def delete_meeting(self) -> None:
        meeting = self.selected_meeting()
        if not self.can_edit() or meeting is None:
            return
        question = _("Delete the meeting of %1 with its minutes?").replace("%1", fmt.date(meeting.held_on))
        if not self._confirm(_("Delete meeting"), question):
            return
        self.ctx.call(meetings.delete_meeting, meeting.id, meeting.version, on_error=self.error)
