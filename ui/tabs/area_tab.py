"""One tab per samverkansområde, all from this one class: description, figures, places, actions, indicators."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.domain.vocabulary import label
from app.i18n import _, ngettext
from app.services.filters import ObservationFilter
from app.services.followup import IndicatorStatus
from app.services.overview import AreaOverview, area_overview
from app.services.reference import AreaRow
from ui import format as fmt
from ui.models import BAD, GOOD, NUMBER, Column, RowsTableModel
from ui.tabs.action_plan_tab import ACTION_FIT, action_columns, style_action_model
from ui.tabs.base import BaseTab
from ui.widgets.chart_view import ChartView
from ui.widgets.key_figure import KeyFigure
from ui.widgets.tables import fit_columns, make_table, titled


def indicator_status_text(status: IndicatorStatus) -> str:
    """Mark plus word, so the status reads without colour."""
    if status is IndicatorStatus.ON_TRACK:
        return "✔ " + _("On track")
    if status is IndicatorStatus.OFF_TRACK:
        return "✖ " + _("Off track")
    return _("No data")


def indicator_status_foreground(status_column: int):
    """A table model's `foreground` for indicator rows: the status column green on track, red off track."""

    def colour(indicator, column: int):
        from PySide6.QtGui import QColor

        if column != status_column:
            return None
        if indicator.status is IndicatorStatus.ON_TRACK:
            return QColor(GOOD)
        if indicator.status is IndicatorStatus.OFF_TRACK:
            return QColor(BAD)
        return None

    return colour


def _with_trend(overview: AreaOverview, title: str):
    """Runs on the background lane: the area's figures plus its trend chart (matplotlib loaded here)."""
    # matplotlib loads on first use, off the UI thread
    from app.charts.panels import area_trend_figure

    return overview, area_trend_figure(overview, title)


class AreaTab(BaseTab):
    listens_to = ("observation", "action", "indicator", "reference")

    def __init__(self, ctx, area: AreaRow, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName(f"areaTab_{area.id}")
        self.area = area
        self.overview: AreaOverview | None = None
        self.discarded = False  # taken out of the window; answers still on their way are dropped

    def build(self) -> None:

        area = self.area
        self.heading = QLabel(area.name)
        self.heading.setObjectName("areaHeading")
        # Which agreement the area belongs to: dates in an earlier period show that period's areas.
        self.agreement = QLabel()
        self.agreement.setObjectName("areaAgreementPeriod")
        self.description = QLabel(area.description)
        self.description.setObjectName("areaDescription")
        self.description.setWordWrap(True)
        self.edit_description = QPushButton(_("Edit description…"))
        self.edit_description.setObjectName("editAreaDescription")
        self.edit_description.setVisible(bool(self.ctx.actor and self.ctx.actor.is_admin))
        self.edit_description.clicked.connect(self._edit_description)
        head = QHBoxLayout()
        text = QVBoxLayout()
        text.addWidget(self.heading)
        text.addWidget(self.agreement)
        text.addWidget(self.description)
        head.addLayout(text, 1)
        head.addWidget(self.edit_description, 0, Qt.AlignmentFlag.AlignTop)

        self.fig_events = KeyFigure(_("Events in the period"))
        self.fig_actions = KeyFigure(_("Open actions"))
        self.fig_overdue = KeyFigure(_("Overdue actions"))
        self.fig_indicators = KeyFigure(_("Indicators on track"))
        figures = QHBoxLayout()
        for fig in (self.fig_events, self.fig_actions, self.fig_overdue, self.fig_indicators):
            figures.addWidget(fig, 1)

        self.category_model = RowsTableModel(
            [
                Column(_("Event type"), lambda c: c.name),
                Column(
                    _("Events"),
                    lambda c: fmt.number(c.count),
                    NUMBER,
                    kind="int",
                    raw=lambda c: c.count,
                    sort_value=lambda c: c.count,
                ),
            ]
        )
        self.category_view = make_table("areaCategoryTable", sortable=True)
        self.category_view.setModel(self.category_model)
        fit_columns(self.category_view, stretch=0, keep=(1,))

        self.place_model = RowsTableModel(
            [
                Column(_("Place"), lambda h: h.place_name),
                Column(
                    _("Events"),
                    lambda h: fmt.number(h.count),
                    NUMBER,
                    kind="int",
                    raw=lambda h: h.count,
                    sort_value=lambda h: h.count,
                ),
                Column(
                    _("Change"),
                    lambda h: fmt.change(h.count, h.previous_count, h.change_percent),
                    NUMBER,
                    sort_value=lambda h: h.change,
                ),
            ]
        )
        self.place_view = make_table("areaPlaceTable", sortable=True)
        self.place_view.setModel(self.place_model)
        fit_columns(self.place_view, stretch=0, keep=(0, 1, 2))

        self.action_model = RowsTableModel(action_columns())
        style_action_model(self.action_model)
        self.action_view = make_table("areaActionTable", sortable=True)
        self.action_view.setModel(self.action_model)
        fit_columns(self.action_view, **ACTION_FIT)

        # The key columns first: which indicator, where it stands and its latest value.
        self.indicator_model = RowsTableModel(
            [
                Column(
                    _("Indicator"),
                    lambda i: i.name,
                    tooltip=lambda i: f"{i.name}\n\n{i.description}" if i.description else i.name,
                ),
                Column(_("Status"), lambda i: indicator_status_text(i.status)),
                Column(
                    _("Latest"),
                    lambda i: f"{fmt.number(i.latest_value, 1)} {i.unit}".strip() if i.latest_value is not None else "",
                    NUMBER,
                ),
                Column(
                    _("Target"),
                    lambda i: fmt.number(i.target_value, 1),
                    NUMBER,
                    kind="float",
                    raw=lambda i: i.target_value,
                ),
                Column(
                    _("Baseline"),
                    lambda i: fmt.number(i.baseline_value, 1),
                    NUMBER,
                    kind="float",
                    raw=lambda i: i.baseline_value,
                ),
                Column(_("Period"), lambda i: i.latest_period_label),
                Column(_("Better when"), lambda i: label(i.direction)),
            ]
        )
        self.indicator_model.foreground = indicator_status_foreground(1)
        self.indicator_view = make_table("areaIndicatorTable", sortable=True)
        self.indicator_view.setModel(self.indicator_model)
        fit_columns(self.indicator_view, stretch=0, keep=(1, 2), shrink_first=(3, 4, 5, 6))

        name = lambda: self.area.name  # noqa: E731
        self.exportable(self.category_view, lambda: f"{name()} – " + _("Event types"))
        self.exportable(self.place_view, lambda: f"{name()} – " + _("Most affected places"))
        self.exportable(self.action_view, lambda: f"{name()} – " + _("Actions"), lambda: "")
        self.exportable(self.indicator_view, lambda: f"{name()} – " + _("Indicators"), lambda: "")
        self.trend_chart = ChartView("areaTrendChart", _("Events per month, against the year before"))
        self.trend_chart.mark_with(self.ctx, lambda: "; ".join(p for p in (name(), self.period_text()) if p))
        grid = QGridLayout()
        grid.addWidget(titled(_("Event types"), self.category_view), 0, 0)
        grid.addWidget(self.trend_chart, 0, 1)
        grid.addWidget(titled(_("Most affected places"), self.place_view), 0, 2)
        grid.addWidget(titled(_("Actions in the action plan"), self.action_view), 1, 0, 1, 2)
        grid.addWidget(titled(_("Indicators"), self.indicator_view), 1, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 4)
        grid.setColumnStretch(2, 3)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)

        self.set_area(area)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(figures)
        layout.addLayout(grid, 1)

    def set_area(self, area: AreaRow) -> None:
        """The area as read now (its name and period stay; its description may have changed)."""
        self.area = area
        if not self.built:
            return  # shown when the tab is built
        self.heading.setText(area.name)
        self.agreement.setText(_("Collaboration area in {period}", period=area.agreement_period_name))
        self.description.setText(area.description)

    def reload(self) -> None:
        flt = ObservationFilter(self.date_from, self.date_to)
        title = self.area.name
        self.ctx.call(
            area_overview,
            self.area.id,
            flt,
            then=lambda overview: _with_trend(overview, title),
            on_success=lambda result: None if self.discarded else self._show(result),
            on_error=lambda exc: None if self.discarded else self.error(exc),
        )

    def _show(self, result: tuple[AreaOverview, object]) -> None:
        overview, figure = result
        self.trend_chart.set_figure(figure)
        self.overview = overview
        self.set_area(overview.area)
        totals = overview.totals
        trend = "up" if totals.change > 0 else "down" if totals.change < 0 else ""
        self.fig_events.set(
            fmt.number(totals.count),
            _("%1 against the period before").replace(
                "%1", fmt.change(totals.count, totals.previous_count, totals.change_percent)
            ),
            trend,
        )
        open_actions = [a for a in overview.actions if a.status.value in ("planned", "ongoing")]
        overdue = [a for a in overview.actions if a.overdue]
        self.fig_actions.set(
            fmt.number(len(open_actions)), _("of %1 in all").replace("%1", fmt.number(len(overview.actions)))
        )
        self.fig_overdue.set(fmt.number(len(overdue)), "", "up" if overdue else "")
        measured = [i for i in overview.indicators if i.status is not IndicatorStatus.NO_DATA]
        on_track = sum(1 for i in measured if i.status is IndicatorStatus.ON_TRACK)
        self.fig_indicators.set(
            f"{on_track} / {len(measured)}" if measured else "–",
            ngettext(
                "{n} indicator in all",
                "{n} indicators in all",
                len(overview.indicators),
                n=fmt.number(len(overview.indicators)),
            ),
        )
        self.category_model.set_rows(overview.categories)
        self.place_model.set_rows(overview.hotspots)
        self.action_model.set_rows(overview.actions)
        self.indicator_model.set_rows(overview.indicators)

    def _edit_description(self) -> None:
        # reason: the dialog module loads when an admin first edits a description
        from ui.dialogs.area_dialog import AreaDescriptionDialog

        dialog = AreaDescriptionDialog(self.ctx, self.area, self)
        dialog.open()
        self._dialog = dialog
