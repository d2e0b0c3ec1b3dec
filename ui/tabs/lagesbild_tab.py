"""The Lägesbild tab: where and when events happen, what dominates, and what is rising."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QIODevice, QModelIndex, QPoint, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain import permissions
from app.domain.vocabulary import label
from app.errors import TrygghetError
from app.files import whole_file
from app.i18n import _
from app.map import density
from app.services import observations, reference
from app.services.lagesbild import HOUR_BANDS, MapPlace, hour_band_label
from app.services.lookups import Lookups, load_lookups
from app.services.observations import ObservationRow, count_observations, iter_observations
from app.services.overview import LagesbildOverview, lagesbild_overview
from app.services.runner import Changes
from ui import format as fmt
from ui import window_state
from ui.confirm import confirm_destructive
from ui.models import BAD, CENTER, GOOD, NUMBER, Column, KeyedTableModel, PageRequest, RowsTableModel
from ui.tabs.base import BaseTab
from ui.tabs.lagesbild_drill import ListDrill, weekday_names
from ui.widgets.chart_view import ChartView
from ui.widgets.files import ask_save_path, safe_file_name
from ui.widgets.filter_bar import FilterBar
from ui.widgets.key_figure import KeyFigure
from ui.widgets.map_tiles import attach_tiles
from ui.widgets.map_view import MapView
from ui.widgets.search import SearchField
from ui.widgets.tables import VisibleRows, fit_columns, heat, heat_text, make_table, titled
from ui.window_state import CHARTS_FOLDER

FIT_ROWS = 100


class LagesbildTab(BaseTab):
    listens_to = ("observation", "reference")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("lagesbildTab")
        self.lookups: Lookups | None = None
        self.overview: LagesbildOverview | None = None

    def build(self) -> None:

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
        fit_columns(self.hotspot_view, stretch=6, keep=(0, 1, 3, 5), shrink_first=(2, 4))
        hotspot_box = titled(_("Hot spots: places ranked by events"), self.hotspot_view)

        self.matrix_model = RowsTableModel([])
        self.matrix_view = make_table("placeCategoryTable", stretch_last=False, title=_("Place × event type"))
        self.matrix_view.setModel(self.matrix_model)
        self.weekday_model = RowsTableModel([])
        self.weekday_view = make_table("weekdayHourTable", stretch_last=False, title=_("Weekday × time of day"))
        self.weekday_view.setModel(self.weekday_model)
        # Drill-down: a double-click or Enter (activated), or the context menu, narrows the observation list.
        for view in (self.hotspot_view, self.matrix_view, self.weekday_view):
            view.activated.connect(lambda index, v=view: self.drill_into(v, index))
            view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            view.customContextMenuRequested.connect(lambda pos, v=view: self._popup_menu(v, pos))
            view.setToolTip(_("Double-click or press Enter to list the observations behind a row or a cell."))
        self.drill: ListDrill | None = None
        # Columns are fitted to the rows in view and a hundred more, not to every place of a long list.
        for view in (self.hotspot_view, self.matrix_view):
            view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)  # and the list's, below
        self.inner_tabs = QTabWidget()
        self.inner_tabs.setObjectName("lagesbildInnerTabs")
        # The map first: where it happens is what the office looks at when it opens the lägesbild.
        self.map_page = self._build_map()
        self.inner_tabs.addTab(self.map_page, _("Map"))
        self.inner_tabs.addTab(self.matrix_view, _("Place × event type"))
        self.inner_tabs.addTab(self.weekday_view, _("Weekday × time of day"))
        self.hotspot_chart = ChartView("lagesbildHotspotChart", _("The ten places with most events"))
        self.inner_tabs.addTab(self.hotspot_chart, _("Hot-spot chart"))
        self.inner_tabs.currentChanged.connect(lambda _i: self._refresh_chart())
        self.inner_tabs.currentChanged.connect(lambda _i: self._refresh_map())

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(hotspot_box)
        top.addWidget(self.inner_tabs)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        window_state.keep_splitter(top, "lagesbild_top")

        self.list_model = KeyedTableModel(
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
        self.list_view.horizontalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.list_rows = VisibleRows(self.list_view)  # the keyed model loads the rows in sight
        self.list_view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        fit_columns(self.list_view, stretch=9, keep=(0, 1, 2, 4, 5), shrink_first=(3, 6, 7, 8))
        self.list_view.doubleClicked.connect(self.edit_selected)
        self.list_view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.search = SearchField(_("Search in descriptions"))
        self.search.setObjectName("observationSearch")
        self.search.setToolTip(
            _("Searches the descriptions as you type. The search narrows the key figures, the places and the list.")
        )
        self.search.search_changed.connect(self.mark_stale)
        # Says, while a search is on, that it narrows the whole tab and not only the list.
        self.search_scope = QLabel()
        self.search_scope.setObjectName("searchScope")
        self.search_scope.setProperty("role", "notice")
        self.search_scope.setWordWrap(True)
        self.search_scope.hide()
        self.search.setAccessibleName(_("Search in descriptions"))
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
        self.drill_label = QLabel()
        self.drill_label.setObjectName("listDrill")
        self.drill_label.setProperty("role", "notice")
        self.drill_clear = QPushButton(_("Show all observations"))
        self.drill_clear.setObjectName("clearListDrill")
        self.drill_clear.clicked.connect(lambda: self.set_drill(None))
        self.drill_bar = QWidget()
        drill_layout = QHBoxLayout(self.drill_bar)
        drill_layout.setContentsMargins(0, 0, 0, 0)
        drill_layout.addWidget(self.drill_label, 1)
        drill_layout.addWidget(self.drill_clear)
        self.drill_bar.hide()
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addLayout(list_header)
        list_layout.addWidget(self.drill_bar)
        list_layout.addWidget(self.list_view)

        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(list_box)
        body.setStretchFactor(0, 3)
        body.setStretchFactor(1, 2)
        window_state.keep_splitter(body, "lagesbild_body")

        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.search_scope)
        layout.addLayout(figures)
        layout.addWidget(body, 1)
        self._update_buttons()

        described = self._export_description
        self.exportable(self.hotspot_view, lambda: _("Hot spots"), described)
        self.exportable(self.matrix_view, lambda: _("Place × event type"), described)
        self.exportable(self.weekday_view, lambda: _("Weekday × time of day"), described)
        self.exportable(self.list_view, lambda: _("Observations"), described, self._all_observations)
        self.hotspot_chart.mark_with(self.ctx, described)

    def _export_description(self) -> str:
        parts = [self.period_text(), self.filters.describe()]
        if self.drill is not None:
            parts.append(self.drill.describe())
        if self.search.term():
            parts.append(_("text: %1").replace("%1", self.search.term()))
        return "; ".join(p for p in parts if p)

    def _all_observations(self):
        """Every observation under the current filter, in the list's sort (streamed by the service)."""
        flt, sort, descending = self.list_filter(), self.list_model.sort_key, self.list_model.descending
        return lambda session, actor: iter_observations(session, actor, flt, sort=sort, descending=descending)

    # --- loading -----------------------------------------------------------------------------------

    def current_filter(self):
        self.filters.follow_dates(self.date_to)  # the areas of the agreement in force then
        return self.filters.filter(self.date_from, self.date_to, self.search.term())

    def list_filter(self):
        """The observation list's filter: the tab's, narrowed by a drill-down."""
        flt = self.overview.filter if self.overview is not None else self.current_filter()
        return self.drill.apply(flt) if self.drill is not None else flt

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
        self._show_search_scope(overview)
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
        # The list's first page is asked for first: the database reads it while the tables below fill.
        self._reload_list()
        self.hotspot_model.set_rows(overview.hotspots)
        self._chart_rows = None
        self._refresh_chart()
        self._refresh_map()
        self._show_matrix(overview)
        self._show_weekday_hour(overview)
        self._update_buttons()

    def _reload_list(self) -> None:
        if self.overview is None:
            return
        if self.drill is None:
            self._show_list_count(self.overview.observation_count)
            return
        self.ctx.call(count_observations, self.list_filter(), on_success=self._show_list_count, on_error=self.error)

    def _show_list_count(self, count: int) -> None:
        self.list_title.setText(_("Observations (%1)").replace("%1", fmt.number(count)))
        self.list_model.reset(count)
        self._update_buttons()

    # --- drill-down ----------------------------------------------------------------------------------

    def drill_at(self, view: QAbstractItemView, index: QModelIndex) -> ListDrill | None:
        """What a row or cell of the hot spots or a matrix stands for, as a narrowing of the list."""
        if not index.isValid() or self.overview is None:
            return None
        row, column = index.row(), index.column()
        if view is self.hotspot_view:
            spot = self.hotspot_model.row_at(row)
            return ListDrill(place_id=spot.place_id, place_name=spot.place_name) if spot else None
        if view is self.matrix_view:
            place = self.matrix_model.row_at(row)
            if place is None:
                return None
            categories = self.overview.place_category.categories
            category = categories[column - 1] if 0 < column <= len(categories) else None
            return ListDrill(
                place_id=place.id,
                place_name=place.name,
                category_id=category.id if category else None,
                category_name=category.name if category else "",
            )
        if view is self.weekday_view and 0 <= row < 7:
            bands = len(HOUR_BANDS)
            return ListDrill(
                weekday=row + 1,
                band=column - 1 if 0 < column <= bands else None,
                time_unknown=column == bands + 1,
            )
        return None

    def drill_into(self, view: QAbstractItemView, index: QModelIndex) -> None:
        drill = self.drill_at(view, index)
        if drill is not None:
            self.set_drill(drill)

    def set_drill(self, drill: ListDrill | None) -> None:
        """Narrow the observation list (None: show all under the tab's filters); the bar above the
        list says what it shows and takes the narrowing away."""
        self.drill = drill
        if drill is None:
            self.drill_bar.hide()
        else:
            self.drill_label.setText(_("The list shows only: %1").replace("%1", drill.describe()))
            self.drill_bar.show()
        self.map_view.set_selected(drill.place_id if drill is not None else None)
        self._reload_list()

    def _area_of(self, drill: ListDrill) -> int | None:
        """The samverkansområde of the drilled event type, or of the place's most common one."""
        if self.lookups is None or self.overview is None:
            return None
        category_id = drill.category_id
        if category_id is None:
            spot = next((h for h in self.overview.hotspots if h.place_id == drill.place_id), None)
            category_id = spot.dominant_categories[0].id if spot and spot.dominant_categories else None
        category = next((c for c in self.lookups.categories if c.id == category_id), None)
        return category.group_id if category else None

    def context_menu(self, view: QAbstractItemView, index: QModelIndex) -> QMenu | None:
        drill = self.drill_at(view, index)
        if drill is None:
            return None
        return self._drill_menu(view, drill)

    def _drill_menu(self, parent: QWidget, drill: ListDrill) -> QMenu:
        """Show the observations behind `drill`, and for a place a new action for it."""
        menu = QMenu(parent)
        menu.setObjectName("drillMenu")
        show = menu.addAction(_("Show the observations"))
        show.triggered.connect(lambda: self.set_drill(drill))
        if drill.place_id is not None:
            new_action = menu.addAction(_("New action for the place…"))
            new_action.setEnabled(self.can_edit())
            new_action.triggered.connect(lambda: self.new_action_for(drill))
        return menu

    def _popup_menu(self, view: QAbstractItemView, pos) -> None:
        index = view.indexAt(pos)
        if not index.isValid():  # the menu key: the current cell
            index = view.currentIndex()
            pos = view.visualRect(index).center()
        menu = self.context_menu(view, index)
        if menu is not None:
            self._menu = menu  # kept while it is open
            menu.popup(view.viewport().mapToGlobal(pos))

    def new_action_for(self, drill: ListDrill) -> None:
        """The action dialog with the place and its samverkansområde ticked."""
        if not self.can_edit():
            return
        if self.wait_for_lookups(lambda: self.new_action_for(drill)):
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.action_dialog import ActionDialog

        dialog = ActionDialog(
            self.ctx,
            self.lookups,
            parent=self,
            preset_area_id=self._area_of(drill),
            preset_place_id=drill.place_id,
        )
        dialog.open()
        self._dialog = dialog

    def _show_search_scope(self, overview: LagesbildOverview) -> None:
        term = overview.filter.text.strip()
        if not term or overview.unsearched_count is None:
            self.search_scope.hide()
            return
        self.search_scope.setText(
            _("The search “%1” narrows the key figures, the places and the list: %2 of %3 events.")
            .replace("%1", term)
            .replace("%2", fmt.number(overview.totals.count))
            .replace("%3", fmt.number(overview.unsearched_count))
        )
        self.search_scope.show()

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

    # --- the map -------------------------------------------------------------------------------------

    def _build_map(self) -> QWidget:
        self.map_view = MapView()
        self.map_view.place_clicked.connect(self._map_place_clicked)
        self.map_view.background_clicked.connect(self._map_background_clicked)
        self.map_view.context_requested.connect(self._map_context_requested)
        attach_tiles(self.map_view, self.ctx)

        # A tool bar: what does not fit in a narrow pane goes into its » menu, so the map page never
        # widens the pane it shares with the hot spots.
        bar = QToolBar()
        bar.setObjectName("mapToolBar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.map_fit_action = bar.addAction(_("Fit"), self.map_view.fit)
        self.map_fit_action.setToolTip(_("Show every place (Home)"))
        self.map_density = QComboBox()
        self.map_density.setObjectName("mapDensity")
        self.map_density.setAccessibleName(_("Density layer"))
        self.map_density.setToolTip(_("Where events concentrate, under the same filters as the places"))
        for text, method in (
            (_("Density: off"), None),
            (_("Grid of counts"), density.Method.GRID),
            (_("Kernel density"), density.Method.KERNEL),
        ):
            self.map_density.addItem(text, method)
        self.map_density.currentIndexChanged.connect(
            lambda _i: self.map_view.set_density(self.map_density.currentData())
        )
        bar.addWidget(self.map_density)
        self.map_legend_action = bar.addAction(_("Legend"))
        self.map_legend_action.setToolTip(_("Show what size and colour mean, where the map has room for it"))
        self.map_legend_action.setCheckable(True)
        self.map_legend_action.setChecked(self.map_view.legend_visible())
        self.map_legend_action.toggled.connect(self.map_view.set_legend_visible)
        bar.addSeparator()
        self.map_save_action = bar.addAction(_("Save as PNG…"), self.save_map)
        self.map_save_action.setToolTip(_("Save the map as a PNG picture"))
        self.map_copy_action = bar.addAction(_("Copy"), self.copy_map)
        self.map_copy_action.setToolTip(_("Copy the map to the clipboard, to paste into a document or e-mail"))

        # Places the map cannot show are listed beside it, so none is silently left out.
        self.unlocated_title = QLabel()
        self.unlocated_title.setObjectName("sectionTitle")
        self.unlocated_title.setWordWrap(True)
        self.unlocated_list = QListWidget()
        self.unlocated_list.setObjectName("unlocatedPlaces")
        self.unlocated_list.setAccessibleName(_("Places without coordinates"))
        self.unlocated_list.setToolTip(
            _("Click a place to list its observations. An administrator can give it coordinates.")
        )
        self.unlocated_list.itemClicked.connect(
            lambda item: self._map_place_clicked(item.data(Qt.ItemDataRole.UserRole))
        )
        self.unlocated_box = QWidget()
        self.unlocated_box.setMaximumWidth(200)
        self.unlocated_list.setWordWrap(True)
        side = QVBoxLayout(self.unlocated_box)
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.unlocated_title)
        side.addWidget(self.unlocated_list, 1)
        self.unlocated_box.hide()

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.map_view, 1)
        body.addWidget(self.unlocated_box)
        page = QWidget()
        page.setObjectName("lagesbildMap")
        # The page takes the width the pane has and asks for none, so the tables beside keep theirs
        # (the tool bar folds into its » menu when narrow).
        bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(bar)
        layout.addLayout(body, 1)
        return page

    def _refresh_map(self) -> None:
        """Show the overview's places on the map only while the map is shown (cheap when it is not)."""
        overview = getattr(self, "overview", None)
        if overview is None or self.inner_tabs.currentWidget() is not self.map_page:
            return
        if getattr(self, "_map_rows", None) is overview.map_places:
            return
        self._map_rows = overview.map_places
        self.map_view.set_places(overview.map_places)
        self.map_view.set_selected(self.drill.place_id if self.drill is not None else None)
        self._show_unlocated(overview.map_places)

    def _show_unlocated(self, places: list[MapPlace]) -> None:
        missing = [p for p in places if not p.located and (p.count > 0 or p.previous_count > 0)]
        self.unlocated_list.clear()
        for p in missing:
            item = QListWidgetItem(_("%1: %2 events").replace("%1", p.name).replace("%2", fmt.number(p.count)))
            item.setData(Qt.ItemDataRole.UserRole, p.place_id)
            item.setToolTip(
                _("%1 events, %2 the period before")
                .replace("%1", fmt.number(p.count))
                .replace("%2", fmt.number(p.previous_count))
            )
            self.unlocated_list.addItem(item)
        self.unlocated_title.setText(_("Places without coordinates (%1)").replace("%1", fmt.number(len(missing))))
        self.unlocated_box.setVisible(bool(missing))

    def _map_place(self, place_id: int) -> MapPlace | None:
        places = self.overview.map_places if self.overview is not None else []
        return next((p for p in places if p.place_id == place_id), None)

    def _map_place_clicked(self, place_id: int) -> None:
        """A click on a place narrows the list to it; a second click takes the narrowing away."""
        place = self._map_place(place_id)
        if place is None:
            return
        if self.drill is not None and self.drill.place_id == place_id and self.drill.category_id is None:
            self.set_drill(None)
        else:
            self.set_drill(ListDrill(place_id=place.place_id, place_name=place.name))

    def _map_background_clicked(self) -> None:
        if self.drill is not None and self.drill.place_id is not None:
            self.set_drill(None)

    def map_context_menu(self, place_id: int | None, latitude: float, longitude: float) -> QMenu | None:
        """The menu for a point of the map: for a place, its observations and a new action for it."""
        place = self._map_place(place_id) if place_id is not None else None
        admin = self.ctx.actor is not None and permissions.is_admin(self.ctx.actor)
        if place is None:
            return self._placing_menu(latitude, longitude) if admin else None
        menu = self._drill_menu(self.map_view, ListDrill(place_id=place.place_id, place_name=place.name))
        if admin:
            menu.addSeparator()
            move = menu.addAction(_("Move the place on the map…"))
            move.triggered.connect(lambda: self.edit_place_on_map(place.place_id))
        return menu

    def _placing_menu(self, latitude: float, longitude: float) -> QMenu | None:
        """An administrator's menu for empty ground: put a place without coordinates there."""
        unplaced = sorted(
            (p for p in self.map_view.places() if not p.located), key=lambda p: (-p.count, p.name.casefold())
        )
        if not unplaced:
            return None
        menu = QMenu(self.map_view)
        menu.setObjectName("placingMenu")
        here = menu.addMenu(_("Put a place here"))
        here.setObjectName("putPlaceHere")
        for p in unplaced:
            action = here.addAction(f"{p.name} ({p.district})")
            action.triggered.connect(lambda _checked=False, pid=p.place_id: self.put_place_at(pid, latitude, longitude))
        return menu

    def put_place_at(self, place_id: int, latitude: float, longitude: float) -> None:
        """Give a place without coordinates the point clicked on the map (an administrator's change)."""
        # start-up: the administration's modules load when first used
        from ui.dialogs.admin.place_map import DECIMALS

        lat, lon = round(latitude, DECIMALS), round(longitude, DECIMALS)
        self.ctx.call(reference.place_coordinates, place_id, lat, lon, None, on_error=self.error)

    def edit_place_on_map(self, place_id: int) -> None:
        """The place's form, with its map, to move it (the administration's own dialog)."""

        # start-up: the administration's modules load when first used
        from ui.dialogs.admin.places import PlaceDialog, districts_of

        def loaded(rows) -> None:
            row = next((r for r in rows if r.id == place_id), None)
            if row is None:
                return
            dialog = PlaceDialog(self.ctx, districts_of(rows), row, self, neighbours=rows)
            dialog.open()
            self._dialog = dialog

        self.ctx.call(reference.list_places, on_success=loaded, on_error=self.error)

    def _map_context_requested(self, place_id, latitude: float, longitude: float, global_pos: QPoint) -> None:
        menu = self.map_context_menu(place_id, latitude, longitude)
        if menu is not None:
            self._menu = menu  # kept while it is open
            menu.popup(global_pos)

    def _map_file_name(self) -> str:
        return safe_file_name(" ".join(p for p in (_("Map"), self.period_text()) if p), "map") + ".png"

    def save_map(self) -> None:
        path = ask_save_path(
            self, _("Save map"), CHARTS_FOLDER, self._map_file_name(), _("PNG picture (*.png)"), ".png"
        )
        if path is not None:
            self.save_map_to(path)

    def save_map_to(self, path) -> bool:
        """Write the map as PNG; a failure is said in a message, the old file (if any) left as it was."""
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        ok = self.marked_map_image().save(buffer, "PNG")
        try:
            if not ok:
                raise OSError("PNG encoding failed")
            with whole_file(path) as out:
                out.write(bytes(buffer.data()))
        except OSError as exc:
            self.error(
                TrygghetError(
                    _("The map could not be saved as %1: %2")
                    .replace("%1", str(path))
                    .replace("%2", exc.strerror or str(exc))
                )
            )
            return False
        return True

    def copy_map(self) -> None:
        QGuiApplication.clipboard().setImage(self.marked_map_image())

    def marked_map_image(self) -> QImage:
        """The map as saved and copied: with a footer strip saying its classification, who exported it when,
        and the filters it was drawn under (and the same as the picture's texts)."""
        # the exports' marking loads with the first saved or copied map, not with the tab
        from app.exports.marking import stamp_for
        from ui.widgets.marked_image import with_footer

        image = self.map_view.render_image()
        actor = self.ctx.actor
        if actor is None:
            return image
        stamp = stamp_for(_("Map"), actor, filters=self._export_description())
        return with_footer(image, stamp)

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
        days = weekday_names()
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

    def _fetch_page(self, request: PageRequest, on_rows) -> None:
        if self.overview is None:
            return
        sort = request.sort_key
        self.ctx.call(
            observations.list_observations,
            self.list_filter(),
            sort=sort,
            descending=request.descending,
            after=None if request.after is None else observations.page_key(request.after, sort),
            before=None if request.before is None else observations.page_key(request.before, sort),
            from_end=request.from_end,
            offset=request.offset,
            limit=request.limit,
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
