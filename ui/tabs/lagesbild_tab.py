"""The Lägesbild tab: where and when events happen, what dominates, and what is rising."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import permissions
from app.domain.vocabulary import label
from app.i18n import _
from app.services import observations
from app.services.lagesbild import HOUR_BANDS, hour_band_label
from app.services.lookups import Lookups, load_lookups
from app.services.observations import ObservationRow, iter_observations
from app.services.overview import LagesbildOverview, lagesbild_overview
from app.services.runner import Changes
from ui import format as fmt
from ui import window_state
from ui.confirm import confirm_destructive
from ui.models import BAD, CENTER, GOOD, NUMBER, Column, PagedTableModel, RowsTableModel
from ui.tabs.base import BaseTab
from ui.widgets.chart_view import ChartView
from ui.widgets.filter_bar import FilterBar
from ui.widgets.key_figure import KeyFigure
from ui.widgets.tables import heat, heat_text, make_table, set_widths, titled


class LagesbildTab(BaseTab):
    listens_to = ("observation", "reference")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("lagesbildTab")
        self.lookups: Lookups | None = None
        self.overview: LagesbildOverview | None = None

        self.filters = FilterBar()
        self.filters.changed.connect(self.mark_stale)

        self.fig_total = KeyFigure(_("Events in the period"))
        self.fig_places = KeyFigure(_("Places with events"))
        self.fig_top = KeyFigure(_("Most common event type"))
        self.fig_rising = KeyFigure(_("Largest increase"))
        figures = QHBoxLayout()
        for fig in (self.fig_total, self.fig_places, self.fig_top, self.fig_rising):
            figures.addWidget(fig, 1)

        self.hotspot_model = RowsTableModel(
            [
                Column(_("#"), lambda r: r.rank, NUMBER, kind="int"),
                Column(_("Place"), lambda r: r.place_name),
                Column(_("District"), lambda r: r.district),
                Column(_("Events"), lambda r: fmt.number(r.count), NUMBER, kind="int", raw=lambda r: r.count),
                Column(
                    _("Previous"),
                    lambda r: fmt.number(r.previous_count),
                    NUMBER,
                    kind="int",
                    raw=lambda r: r.previous_count,
                ),
                Column(
                    _("Change"),
                    lambda r: fmt.change(r.count, r.previous_count, r.change_percent),
                    NUMBER,
                ),
                Column(
                    _("Dominant event types"),
                    lambda r: ", ".join(f"{c.name} ({c.count})" for c in r.dominant_categories),
                ),
            ]
        )
        self.hotspot_model.foreground = self._change_colour
        self.hotspot_view = make_table("hotspotTable")
        self.hotspot_view.setModel(self.hotspot_model)
        set_widths(self.hotspot_view, [36, 170, 100, 70, 70, 80, 200])
        hotspot_box = titled(_("Hot spots: places ranked by events"), self.hotspot_view)

        self.matrix_model = RowsTableModel([])
        self.matrix_view = make_table("placeCategoryTable", stretch_last=False, title=_("Place × event type"))
        self.matrix_view.setModel(self.matrix_model)
        self.weekday_model = RowsTableModel([])
        self.weekday_view = make_table("weekdayHourTable", stretch_last=False, title=_("Weekday × time of day"))
        self.weekday_view.setModel(self.weekday_model)
        self.inner_tabs = QTabWidget()
        self.inner_tabs.setObjectName("lagesbildInnerTabs")
        self.inner_tabs.addTab(self.matrix_view, _("Place × event type"))
        self.inner_tabs.addTab(self.weekday_view, _("Weekday × time of day"))
        self.hotspot_chart = ChartView("lagesbildHotspotChart", _("The ten places with most events"))
        self.inner_tabs.addTab(self.hotspot_chart, _("Hot-spot chart"))
        self.inner_tabs.currentChanged.connect(lambda _i: self._refresh_chart())

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(hotspot_box)
        top.addWidget(self.inner_tabs)
        top.setStretchFactor(0, 5)
        top.setStretchFactor(1, 4)
        window_state.keep_splitter(top, "lagesbild_top")

        self.list_model = PagedTableModel(
            [
                Column(
                    _("Date"),
                    lambda r: fmt.date(r.occurred_on),
                    kind="date",
                    raw=lambda r: r.occurred_on,
                    sort_key="occurred_on",
                ),
                Column(_("Time"), lambda r: fmt.time(r.occurred_time)),
                Column(_("Place"), lambda r: r.place_name, sort_key="place"),
                Column(_("District"), lambda r: r.district, sort_key="district"),
                Column(_("Event type"), lambda r: r.category_name, sort_key="category"),
                Column(_("Number"), lambda r: r.count, NUMBER, sort_key="count", kind="int"),
                Column(_("Source"), lambda r: label(r.source), sort_key="source"),
                Column(_("Reported by"), lambda r: r.organisation_name, sort_key="organisation"),
                Column(_("Visible to"), lambda r: label(r.classification), CENTER),
                Column(_("Description"), lambda r: r.description.replace("\n", " "), tooltip=lambda r: r.description),
            ],
            self._fetch_page,
        )
        self.list_view = make_table("observationTable", sortable=True, title=_("Observations"))
        self.list_view.setModel(self.list_model)
        self.list_view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        set_widths(self.list_view, [90, 50, 160, 100, 170, 60, 130, 110, 90])
        self.list_view.doubleClicked.connect(self.edit_selected)
        self.list_view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.search = QLineEdit()
        self.search.setObjectName("observationSearch")
        self.search.setAccessibleName(_("Search in descriptions"))
        self.search.setPlaceholderText(_("Search in descriptions"))
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.mark_stale)
        self.list_title = QLabel()
        self.list_title.setObjectName("sectionTitle")
        self.new_button, self.edit_button, self.delete_button = self.crud_buttons(
            _("New observation…"), "Observation", self.new_observation, self.edit_selected, self.delete_selected
        )
        list_header = QHBoxLayout()
        list_header.addWidget(self.list_title)
        list_header.addStretch()
        list_header.addWidget(self.search, 1)
        list_header.addWidget(self.new_button)
        list_header.addWidget(self.edit_button)
        list_header.addWidget(self.delete_button)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(list_header)
        list_layout.addWidget(self.list_view)

        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(list_box)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        window_state.keep_splitter(body, "lagesbild_body")

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addLayout(figures)
        layout.addWidget(body, 1)
        self._update_buttons()

        described = self._export_description
        self.exportable(self.hotspot_view, lambda: _("Hot spots"), described)
        self.exportable(self.matrix_view, lambda: _("Place × event type"), described)
        self.exportable(self.weekday_view, lambda: _("Weekday × time of day"), described)
        self.exportable(self.list_view, lambda: _("Observations"), described, self._all_observations)

    def _export_description(self) -> str:
        parts = [self.period_text(), self.filters.describe()]
        if self.search.text().strip():
            parts.append(_("text: %1").replace("%1", self.search.text().strip()))
        return "; ".join(p for p in parts if p)

    def _all_observations(self):
        """Every observation under the current filter, in the list's sort (streamed by the service)."""
        flt, sort, descending = self.current_filter(), self.list_model.sort_key, self.list_model.descending
        return lambda session, actor: iter_observations(session, actor, flt, sort=sort, descending=descending)

    # --- loading -----------------------------------------------------------------------------------

    def current_filter(self):
        return self.filters.filter(self.date_from, self.date_to, self.search.text())

    def reload(self) -> None:
        if self.lookups is None:
            self.ctx.call(load_lookups, on_success=self._lookups_loaded, on_error=self.error)
            return
        self.ctx.call(lagesbild_overview, self.current_filter(), on_success=self._show, on_error=self.error)

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches({"reference"}):
            self.lookups = None  # places or categories changed: the lists must be read again
        super()._on_changes(changes)

    def _lookups_loaded(self, lookups: Lookups) -> None:
        self.lookups = lookups
        self.filters.set_lookups(lookups)
        self.lookups_arrived()
        self.ctx.call(lagesbild_overview, self.current_filter(), on_success=self._show, on_error=self.error)

    def _show(self, overview: LagesbildOverview) -> None:
        self.overview = overview
        totals = overview.totals
        trend = "up" if totals.change > 0 else "down" if totals.change < 0 else ""
        self.fig_total.set(
            fmt.number(totals.count),
            _("%1 against %2 the period before")
            .replace("%1", fmt.change(totals.count, totals.previous_count, totals.change_percent))
            .replace("%2", fmt.number(totals.previous_count)),
            trend,
        )
        self.fig_places.set(fmt.number(len(overview.hotspots)))
        if overview.categories:
            top = overview.categories[0]
            share = 100 * top.count / totals.count if totals.count else 0
            self.fig_top.set(
                top.name,
                _("%1 events, %2 % of all").replace("%1", fmt.number(top.count)).replace("%2", fmt.number(share)),
            )
        else:
            self.fig_top.set("–")
        rising = max(overview.hotspots, key=lambda h: h.change, default=None)
        if rising is not None and rising.change > 0:
            self.fig_rising.set(
                rising.place_name,
                _("%1 more events than the period before (%2)")
                .replace("%1", fmt.number(rising.change))
                .replace("%2", fmt.change(rising.count, rising.previous_count, rising.change_percent)),
                "up",
            )
        else:
            self.fig_rising.set("–", _("No place has risen"))
        self.hotspot_model.set_rows(overview.hotspots)
        self._chart_rows = None
        self._refresh_chart()
        self._show_matrix(overview)
        self._show_weekday_hour(overview)
        self.list_title.setText(_("Observations (%1)").replace("%1", fmt.number(overview.observation_count)))
        self.list_model.reset(overview.observation_count)
        self._update_buttons()

    def _refresh_chart(self) -> None:
        """Draw the hot-spot chart only while it is shown (matplotlib is not loaded before)."""
        overview = getattr(self, "overview", None)
        if overview is None or self.inner_tabs.currentWidget() is not self.hotspot_chart:
            return
        if getattr(self, "_chart_rows", None) is overview.hotspots:
            return
        self._chart_rows = rows = overview.hotspots

        def build():
            # matplotlib loads on first use, off the UI thread
            from app.charts import hotspot_chart

            return hotspot_chart(rows)

        self.ctx.run(build, on_success=self.hotspot_chart.set_figure, on_error=self.error)

    def _change_colour(self, row, column: int):
        from PySide6.QtGui import QColor

        if column != 5 or row.change == 0:
            return None
        return QColor(BAD) if row.change > 0 else QColor(GOOD)

    def _show_matrix(self, overview: LagesbildOverview) -> None:
        matrix = overview.place_category
        maximum = max(matrix.cells.values(), default=0)
        columns = [Column(_("Place"), lambda p: p.name)]
        for category in matrix.categories:
            columns.append(
                # Empty cells stay blank so the eye finds the filled ones.
                Column(
                    category.name,
                    lambda p, cid=category.id: fmt.number(matrix.cell(p.id, cid) or None),
                    NUMBER,
                    kind="int",
                    raw=lambda p, cid=category.id: matrix.cell(p.id, cid) or None,
                )
            )
        columns.append(Column(_("Total"), lambda p: fmt.number(p.count), NUMBER, kind="int", raw=lambda p: p.count))
        self.matrix_model.columns = columns
        self.matrix_model.background = lambda p, col: (
            heat(matrix.cell(p.id, matrix.categories[col - 1].id), maximum)
            if 0 < col <= len(matrix.categories)
            else None
        )
        self.matrix_model.foreground = lambda p, col: (
            heat_text(matrix.cell(p.id, matrix.categories[col - 1].id), maximum)
            if 0 < col <= len(matrix.categories)
            else None
        )
        self.matrix_model.set_rows(list(matrix.places))
        self.matrix_view.resizeColumnsToContents()  # a few dozen rows: cheap, and headers stay readable

    def _show_weekday_hour(self, overview: LagesbildOverview) -> None:
        grid = overview.weekday_hour
        days = [
            _("Monday"),
            _("Tuesday"),
            _("Wednesday"),
            _("Thursday"),
            _("Friday"),
            _("Saturday"),
            _("Sunday"),
        ]
        rows = [(days[i], grid.grid[i], grid.unknown_time[i]) for i in range(7)]
        maximum = max((max(r[1]) for r in rows), default=0)
        columns = [Column(_("Weekday"), lambda r: r[0])]
        for band in range(len(HOUR_BANDS)):
            columns.append(
                Column(
                    hour_band_label(band),
                    lambda r, b=band: fmt.number(r[1][b]),
                    NUMBER,
                    kind="int",
                    raw=lambda r, b=band: r[1][b],
                )
            )
        columns.append(Column(_("Time unknown"), lambda r: fmt.number(r[2]), NUMBER, kind="int", raw=lambda r: r[2]))
        columns.append(
            Column(
                _("Total"), lambda r: fmt.number(sum(r[1]) + r[2]), NUMBER, kind="int", raw=lambda r: sum(r[1]) + r[2]
            )
        )
        self.weekday_model.columns = columns
        bands = len(HOUR_BANDS)
        self.weekday_model.background = lambda r, col: heat(r[1][col - 1], maximum) if 0 < col <= bands else None
        self.weekday_model.foreground = lambda r, col: heat_text(r[1][col - 1], maximum) if 0 < col <= bands else None
        self.weekday_model.set_rows(rows)
        self.weekday_view.resizeColumnsToContents()

    def _fetch_page(self, offset, limit, sort_key, descending, on_rows) -> None:
        if self.overview is None:
            return
        self.ctx.call(
            observations.list_observations,
            self.overview.filter,
            sort=sort_key,
            descending=descending,
            offset=offset,
            limit=limit,
            on_success=on_rows,
            on_error=self._page_failed,
        )

    def _page_failed(self, exc: Exception) -> None:
        self.list_model.loading_failed()
        self.error(exc)

    # --- editing -----------------------------------------------------------------------------------

    def selected(self) -> ObservationRow | None:
        index = self.list_view.currentIndex()
        return self.list_model.row_at(index.row()) if index.isValid() else None

    def _may_change(self, row: ObservationRow | None) -> bool:
        actor = self.ctx.actor
        return bool(row and actor and permissions.may_change_own_organisations(actor, row.organisation_id))

    def _update_buttons(self) -> None:
        row = self.selected()
        self.new_button.setEnabled(self.can_edit())
        allowed = self._may_change(row)
        self.edit_button.setEnabled(allowed)
        self.delete_button.setEnabled(allowed)
        tip = "" if allowed or row is None else _("Only your own organisation's editors may change this entry.")
        self.edit_button.setToolTip(tip)
        self.delete_button.setToolTip(tip)

    def new_observation(self) -> None:
        if not self.can_edit():
            return
        if self.wait_for_lookups(self.new_observation):
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.observation_dialog import ObservationDialog

        dialog = ObservationDialog(self.ctx, self.lookups, parent=self)
        dialog.open()
        self._dialog = dialog  # kept for tests and so it is not collected while open

    def edit_selected(self) -> None:
        row = self.selected()
        if not self._may_change(row) or self.lookups is None:
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.observation_dialog import ObservationDialog

        dialog = ObservationDialog(self.ctx, self.lookups, row, parent=self)
        dialog.open()
        self._dialog = dialog

    def delete_selected(self) -> None:
        row = self.selected()
        if not self._may_change(row):
            return
        if not confirm_destructive(
            self,
            _("Delete observation"),
            _("Delete the observation of %1 at %2? This cannot be undone.")
            .replace("%1", fmt.date(row.occurred_on))
            .replace("%2", row.place_name),
        ):
            return
        self.ctx.call(
            observations.delete_observation,
            row.id,
            row.version,
            on_error=self.error,
        )
