"""The sheets of the management report, each built from data the services already fetched (see report.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain.fields import field_label as F
from app.domain.periods import PartialMonth, partial_month_text
from app.domain.vocabulary import (
    ActionStatus,
    Classification,
    FollowUpColour,
    Setting,
    Source,
    YesNoUnknown,
    label,
)
from app.exports.book import POINTS_PER_CM, Book, Sheet
from app.exports.charts import EARLIER, THIS_PERIOD, column_chart, indicator_chart, mark_partial
from app.exports.excel import (
    GREEN_FILL,
    OVERDUE_FILL,
    RED_FILL,
    YELLOW_FILL,
    ExportColumn,
    Styled,
    TableArea,
)
from app.i18n import _
from app.map.tiles import TileFunction
from app.services import lagesbild
from app.services.action_summary import AreaActionCounts
from app.services.actions import ActionRow, list_actions
from app.services.context import Actor
from app.services.filters import ObservationFilter
from app.services.followup import IndicatorRow, IndicatorSeries, IndicatorStatus
from app.services.observations import ObservationRow, iter_observations
from app.services.overview import AreaOverview, LagesbildOverview, area_overview
from app.services.reference import AreaRow

C = ExportColumn
TOP_PLACES = 10
CHART_HEIGHT_CM = 11.0
ROWS_BATCH = 1_000  # observations fetched at a time for the sheet: as many as one block of its XML, little held
INDICATOR_CHART = (14.0, 7.5)  # width, height in cm
MAP_PAGE_SHARE = 0.97  # of the printable width (and at most of the height) the Lägesbild's map takes
MAP_ASPECT = 0.75  # height to width, unless the page is too low for it
MAP_CAPTION_POINTS = 30  # the caption above it, on the same page
MAP_DPI = 200  # the map's picture is drawn at its printed size: 200 dpi prints sharp
COLOUR_FILLS = {FollowUpColour.GREEN: GREEN_FILL, FollowUpColour.YELLOW: YELLOW_FILL, FollowUpColour.RED: RED_FILL}
STATUS_FILLS = {IndicatorStatus.ON_TRACK: GREEN_FILL, IndicatorStatus.OFF_TRACK: RED_FILL}
ACTION_PLAN_PAGES_WIDE = 2
OVERDUE_TEXT = "9C0006"  # Excel's dark red on its "bad" fill


@dataclass(frozen=True)
class AreaData:
    overview: AreaOverview
    actions: list[ActionRow]
    indicators: list[IndicatorRow]


@dataclass(frozen=True)
class ReportData:
    filter: ObservationFilter
    today: dt.date
    overview: LagesbildOverview
    previous_observations: int
    previous_places: int
    months: lagesbild.CategoryMonthSeries
    statuses: dict[ActionStatus, int]
    by_area: list[AreaActionCounts]
    actions: list[ActionRow]
    indicators: list[IndicatorRow]
    series: dict[int, IndicatorSeries]
    areas: list[AreaData]
    internal_rows: int
    with_text: bool = False  # the free texts too; without, figures only ("endast siffror")

    @property
    def overdue(self) -> list[ActionRow]:
        return sorted((a for a in self.actions if a.overdue), key=lambda a: (-a.days_overdue, a.title))


def area_data(session: Session, actor: Actor, area: AreaRow, flt: ObservationFilter, today: dt.date) -> AreaData:
    overview = area_overview(session, actor, area.id, flt, today)
    # The area's actions as of the report's date (the overview judges "overdue" by the clock instead).
    return AreaData(overview, list_actions(session, actor, area_id=area.id, today=today), overview.indicators)


# --- texts ------------------------------------------------------------------------------------------


def _date(day: dt.date) -> str:
    return day.isoformat()


def period_text(flt: ObservationFilter) -> str:
    previous = flt.previous()
    return _(
        "Period {start} – {end} ({days} days), compared with {previous_start} – {previous_end}",
        start=_date(flt.date_from),
        end=_date(flt.date_to),
        days=flt.days,
        previous_start=_date(previous.date_from),
        previous_end=_date(previous.date_to),
    )


def visibility_text(actor: Actor, internal_rows: int) -> str:
    if actor.organisation_id is None:
        return _("Contains only information open to the whole office.")
    if internal_rows:
        return _(
            "Contains information open to the whole office and {count} observations internal to {organisation}.",
            count=internal_rows,
            organisation=actor.organisation_name,
        )
    return _(
        "Contains information open to the whole office; no internal observations of {organisation}.",
        organisation=actor.organisation_name,
    )


def text_choice(with_text: bool) -> str:
    """What the report says of its free texts, on the summary and in every sheet's filter line."""
    if with_text:
        return _("Free text included (descriptions, notes)")
    return _("Figures only: free text (descriptions, notes) left out")


def _without(values: Sequence, drop: frozenset[int]) -> tuple:
    return tuple(v for index, v in enumerate(values) if index not in drop)


def _month(year: int, month: int) -> str:
    return f"{year}-{month:02d}"


def _fraction(percent: float | None) -> float | None:
    return percent / 100 if percent is not None else None


def _change(current: int, previous: int) -> tuple[int, float | None]:
    return current - previous, (current - previous) / previous if previous else None


def _heading(sheet: Sheet, book: Book, title: str, data: ReportData) -> None:
    sheet.title(title)
    sheet.line(period_text(data.filter))
    _stamp_note(sheet, book)
    sheet.blank()


def _stamp_note(sheet: Sheet, book: Book) -> None:
    """Who exported when, under which marking and filters (the period and the free-text choice)."""
    sheet.note(f"{book.stamp.exported_by}. {book.stamp.marking}. {book.stamp.filters_line}")


# --- shared tables ----------------------------------------------------------------------------------


def _nothing(sheet: Sheet, caption: str, message: str) -> None:
    """A table with no rows is one line saying so under its caption, not a header over nothing."""
    sheet.caption(caption)
    sheet.line(message)
    sheet.blank()


def _key_figures(sheet: Sheet, name: str, rows: Sequence[tuple[str, int, int | None]]) -> None:
    columns = [
        C(_("Measure"), width=34),
        C(_("This period"), "int"),
        C(_("Previous period"), "int"),
        C(_("Change"), "signed_int"),
        C(_("Change (%)"), "signed_percent"),
    ]
    values = []
    for text, current, previous in rows:
        change, share = _change(current, previous) if previous is not None else (None, None)
        values.append((text, current, previous, change, share))
    sheet.table(name, columns, values, caption=_("Key figures"))


def _hotspots(sheet: Sheet, name: str, rows: Sequence[lagesbild.HotspotRow]) -> None:
    caption = _("The {n} places with the most events", n=TOP_PLACES)
    if not rows:
        _nothing(sheet, caption, _("No events in the period."))
        return
    columns = [
        C(F("place_id"), width=26),
        C(F("district"), width=14),
        C(_("Events"), "int"),
        C(_("Previous period"), "int"),
        C(_("Change"), "signed_int"),
        C(_("Change (%)"), "signed_percent"),
        C(_("Dominant event types"), width=44, wrap=True),
        C(_("Rank"), "int", width=7),
    ]
    values = [
        (
            h.place_name,
            h.district,
            h.count,
            h.previous_count,
            h.change,
            _fraction(h.change_percent),
            ", ".join(f"{c.name} ({c.count})" for c in h.dominant_categories),
            h.rank,
        )
        for h in rows[:TOP_PLACES]
    ]
    sheet.table(name, columns, values, caption=caption)


def _overdue_cell(action: ActionRow) -> object:
    return Styled(action.days_overdue, bold=True, colour=OVERDUE_TEXT) if action.overdue else None


def _colour_cell(colour: FollowUpColour) -> Styled:
    return Styled(label(colour), fill=COLOUR_FILLS.get(colour))


def _actions_short(
    sheet: Sheet, name: str, caption: str, rows: Sequence[ActionRow], empty: str, with_text: bool
) -> None:
    if not rows:
        _nothing(sheet, caption, empty)
        return
    columns = [
        C(F("action_id"), width=40, wrap=True),
        C(F("areas"), width=24, wrap=True),
        C(_("Responsible"), width=26, wrap=True),
        C(F("deadline"), "date"),
        C(_("Days overdue"), "int"),
        C(F("status")),
        C(_("Follow-up"), width=12),
    ]
    values = [
        (
            a.title,
            ", ".join(a.area_names),
            ", ".join(p for p in (a.responsible_organisation_name, a.responsible_person if with_text else "") if p),
            a.deadline,
            _overdue_cell(a),
            label(a.status),
            _colour_cell(a.follow_up_colour),
        )
        for a in rows
    ]
    sheet.table(name, columns, values, caption=caption)


def _indicators_against_target(sheet: Sheet, name: str, rows: Sequence[IndicatorRow], empty: str) -> None:
    if not rows:
        _nothing(sheet, _("Indicators against their targets"), empty)
        return
    columns = [
        C(F("indicator_id"), width=40, wrap=True),
        C(F("area_id"), width=20),
        C(_("Better when")),
        C(_("Baseline"), "float"),
        C(_("Target"), "float"),
        C(_("Latest period"), width=12),
        C(_("Latest value"), "float"),
        C(_("Unit"), width=17),
        C(_("Status"), width=14),
    ]
    values = [
        (
            i.name,
            i.area_name,
            label(i.direction),
            i.baseline_value,
            i.target_value,
            i.latest_period_label,
            i.latest_value,
            i.unit,
            Styled(label(i.status), fill=STATUS_FILLS.get(i.status)),
        )
        for i in rows
    ]
    sheet.table(name, columns, values, caption=_("Indicators against their targets"))


# --- Sammanfattning ---------------------------------------------------------------------------------


def summary_sheet(book: Book, data: ReportData) -> None:
    sheet = book.sheet(_("Summary"))
    _heading(sheet, book, book.stamp.title, data)
    sheet.line(book.stamp.description)
    sheet.line(text_choice(data.with_text))
    sheet.blank()
    totals = data.overview.totals
    open_actions = data.statuses.get(ActionStatus.PLANNED, 0) + data.statuses.get(ActionStatus.ONGOING, 0)
    measured = [i for i in data.indicators if i.status is not IndicatorStatus.NO_DATA]
    _key_figures(
        sheet,
        "Nyckeltal",
        [
            (_("Events"), totals.count, totals.previous_count),
            (_("Reports (observation rows)"), data.overview.observation_count, data.previous_observations),
            (_("Places with events"), len(data.overview.hotspots), data.previous_places),
            (_("Planned and ongoing actions"), open_actions, None),
            (_("Overdue actions"), len(data.overdue), None),
            (_("Indicators on track"), sum(i.status is IndicatorStatus.ON_TRACK for i in measured), None),
            (_("Indicators with measurements"), len(measured), None),
        ],
    )
    _hotspots(sheet, "Topplatser", data.overview.hotspots)
    status_columns = [C(_("Status"), width=34), C(_("Actions"), "int")]
    status_rows = [(label(s), n) for s, n in data.statuses.items()]
    sheet.table(
        "Atgarder_per_status",
        status_columns,
        status_rows,
        caption=_("Actions per status"),
        totals=(_("Total"), sum(data.statuses.values())),
    )
    _actions_per_area(sheet, data.by_area)
    _actions_short(sheet, "Forsenade", _("Overdue actions"), data.overdue, _("No action is overdue."), data.with_text)
    _indicators_against_target(sheet, "Indikatorer_mot_mal", data.indicators, _("No indicators are followed up yet."))


def _actions_per_area(sheet: Sheet, rows: Sequence[AreaActionCounts]) -> None:
    columns = [
        C(_("Area"), width=34),
        *(C(label(s), "int") for s in ActionStatus),
        C(_("Total"), "int"),
        C(_("Overdue"), "int"),
    ]
    values = [(r.area_name, *(r.counts.get(s, 0) for s in ActionStatus), r.total, r.overdue) for r in rows]
    sheet.table("Atgarder_per_omrade", columns, values, caption=_("Actions per area (an action may belong to several)"))


# --- Lägesbild --------------------------------------------------------------------------------------


def lagesbild_sheet(book: Book, data: ReportData, *, tiles: TileFunction | None = None, attribution: str = "") -> None:
    """The place × event type table, the months with their chart, the weekday × time table and, below
    them all, the period's map as a picture (on background tiles from `tiles` when given)."""
    sheet = book.sheet(_("Lägesbild"))
    _heading(sheet, book, _("Lägesbild"), data)
    _place_by_category(sheet, data.overview.place_category)
    area = _month_by_category(sheet, data.months)
    if data.months.categories:
        chart = column_chart(
            _("Events per month by event type"),
            area,
            range(1, len(data.months.categories) + 1),
            stacked=True,
            y_title=_("Number of events"),
            height_cm=CHART_HEIGHT_CM,
        )
        mark_partial(chart, _partial_indexes(data.months.partial_months()))
        sheet.place(chart, sheet.reserve(CHART_HEIGHT_CM))
        sheet.blank()
    _weekday_by_hour(sheet, data.overview.weekday_hour)
    _map(sheet, data, tiles, attribution)


def _map(sheet: Sheet, data: ReportData, tiles: TileFunction | None, attribution: str) -> None:
    """The period's map under the tables (so it covers none of them), on a page of its own, drawn once at
    the size it prints: across the page and as high as leaves room for its caption, whatever scale the
    wide tables give the sheet."""
    # matplotlib loads when the map is drawn, as for every chart
    from app.charts.export import figure_png_bytes
    from app.charts.map_chart import map_figure

    _portrait, scale, page_width, page_height = sheet.print_fit()
    printed_width = page_width * MAP_PAGE_SHARE
    printed_height = min(printed_width * MAP_ASPECT, page_height * MAP_PAGE_SHARE - MAP_CAPTION_POINTS)
    figure = map_figure(
        data.overview.map_places,
        tiles=tiles,
        attribution=attribution,
        width=printed_width / 72,
        height=printed_height / 72,
    )
    width_cm, height_cm = printed_width / scale / POINTS_PER_CM, printed_height / scale / POINTS_PER_CM
    sheet.new_page()  # on a page of its own: it takes the page's width and most of its height
    sheet.caption(_("The period's events on the map"))
    first = sheet.reserve(height_cm, keep_with_previous=1)
    sheet.picture(figure_png_bytes(figure, dpi=MAP_DPI), first, width_cm, height_cm)
    sheet.blank()


def _category_columns(categories: Sequence[lagesbild.CategoryCount]) -> list[ExportColumn]:
    return [C(c.name, "int", width=13) for c in categories]


def _place_by_category(sheet: Sheet, matrix: lagesbild.PlaceCategoryMatrix) -> None:
    columns = [
        C(F("place_id"), width=26),
        C(F("district"), width=14),
        *_category_columns(matrix.categories),
        C(_("Total"), "int"),
    ]
    rows = [
        (p.name, p.district, *(matrix.cell(p.id, c.id) or None for c in matrix.categories), p.count)
        for p in matrix.places
    ]
    totals = (_("Total"), None, *(c.count for c in matrix.categories), matrix.total)
    sheet.table("Plats_kategori", columns, rows, caption=_("Events per place and event type"), totals=totals)


def _month_cell(year: int, month: int, part: PartialMonth | None) -> str:
    """'2026-12', with a star when the month is counted only in part (explained under the table)."""
    return _month(year, month) + (" *" if part is not None else "")


def _partial_notes(sheet: Sheet, months: Sequence[tuple[int, int]], parts: Sequence[PartialMonth | None]) -> None:
    for (year, month), part in zip(months, parts):
        if part is not None:
            sheet.note("* " + partial_month_text(_month(year, month), part))


def _partial_indexes(parts: Sequence[PartialMonth | None]) -> list[int]:
    return [i for i, part in enumerate(parts) if part is not None]


def _month_by_category(sheet: Sheet, series: lagesbild.CategoryMonthSeries) -> TableArea:
    columns = [C(_("Month"), width=12), *_category_columns(series.categories), C(_("Total"), "int")]
    rows = []
    for (year, month), part in zip(series.months, series.partial_months()):
        counts = [series.cells.get((year, month, c.id), 0) for c in series.categories]
        rows.append((_month_cell(year, month, part), *counts, sum(counts)))
    totals = (_("Total"), *(c.count for c in series.categories), sum(c.count for c in series.categories))
    area = sheet.table("Manad_kategori", columns, rows, caption=_("Events per month and event type"), totals=totals)
    if any(series.partial_months()):
        sheet.row -= 1  # the note goes right under the table, then the blank line
        _partial_notes(sheet, series.months, series.partial_months())
        sheet.blank()
    return area


def _weekday_names() -> list[str]:
    return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]


def _weekday_by_hour(sheet: Sheet, matrix: lagesbild.WeekdayHourMatrix) -> None:
    bands = [C(lagesbild.hour_band_label(b), "int", width=9) for b in range(len(lagesbild.HOUR_BANDS))]
    columns = [C(_("Weekday"), width=14), *bands, C(_("Time unknown"), "int"), C(_("Total"), "int")]
    rows = [
        (name, *cells, unknown, sum(cells) + unknown)
        for name, cells, unknown in zip(_weekday_names(), matrix.grid, matrix.unknown_time)
    ]
    sheet.table("Veckodag_tid", columns, rows, caption=_("Events by weekday and time of day"))


# --- one sheet per samverkansområde -----------------------------------------------------------------


def area_sheet(book: Book, data: ReportData, area: AreaData) -> None:
    overview = area.overview
    sheet = book.sheet(overview.area.name)
    _heading(sheet, book, _("Area: {name}", name=overview.area.name), data)
    sheet.line(_("Collaboration area in {period}", period=overview.area.agreement_period_name))
    if overview.area.description and data.with_text:
        sheet.line(overview.area.description)
        sheet.blank()
    totals = overview.totals
    measured = [i for i in area.indicators if i.status is not IndicatorStatus.NO_DATA]
    _key_figures(
        sheet,
        f"Nyckeltal_{overview.area.name}",
        [
            (_("Events"), totals.count, totals.previous_count),
            (_("Actions"), len(area.actions), None),
            (_("Overdue actions"), sum(a.overdue for a in area.actions), None),
            (_("Indicators on track"), sum(i.status is IndicatorStatus.ON_TRACK for i in measured), None),
        ],
    )
    category_columns = [C(F("category_id"), width=34), C(_("Events"), "int")]
    sheet.table(
        f"Kategorier_{overview.area.name}",
        category_columns,
        [(c.name, c.count) for c in overview.categories],
        caption=_("Event types"),
        totals=(_("Total"), sum(c.count for c in overview.categories)),
    )
    _hotspots(sheet, f"Platser_{overview.area.name}", overview.hotspots)
    _area_trend(sheet, overview)
    _actions_short(
        sheet,
        f"Atgarder_{overview.area.name}",
        _("Actions"),
        area.actions,
        _("The area has no actions yet."),
        data.with_text,
    )
    _indicators_against_target(
        sheet,
        f"Indikatorer_{overview.area.name}",
        area.indicators,
        _("No indicators are followed up for this area."),
    )


def _area_trend(sheet: Sheet, overview: AreaOverview) -> None:
    columns = [C(_("Month"), width=12), C(_("Events"), "int"), C(_("Same month a year earlier"), "int")]
    rows = [
        (_month_cell(m.year, m.month, m.partial), m.count, earlier.count)
        for m, earlier in zip(overview.months, overview.months_previous_year)
    ]
    area = sheet.table(f"Trend_{overview.area.name}", columns, rows, caption=_("Events per month"))
    parts = [m.partial for m in overview.months]
    if any(parts):
        sheet.row -= 1  # the note goes right under the table, then the blank line
        _partial_notes(sheet, [(m.year, m.month) for m in overview.months], parts)
        sheet.blank()
    chart = column_chart(
        _("Events per month: {area}", area=overview.area.name),
        area,
        (1, 2),
        colours=(THIS_PERIOD, EARLIER),
        y_title=_("Number of events"),
        height_cm=8.0,
    )
    first = sheet.reserve(8.0)
    mark_partial(chart, _partial_indexes(parts))
    sheet.place(chart, first)
    sheet.keep_together(area.header_row - 1, sheet.row)  # the caption, the table and its chart on one page
    sheet.blank()


# --- Åtgärdsplan ------------------------------------------------------------------------------------


def _action_plan_columns() -> list[ExportColumn]:
    return [
        C(_("Id"), "id", width=6),
        C(F("action_id"), width=30, wrap=True),
        C(F("areas"), width=20, wrap=True),
        C(F("problem"), width=32, wrap=True),
        C(F("cause"), width=28, wrap=True),
        C(F("description"), width=36, wrap=True),
        C(F("operative_goal"), width=28, wrap=True),
        C(F("responsible_organisation_id"), width=22, wrap=True),
        C(F("responsible_person"), width=20, wrap=True),
        C(F("start_on"), "date"),
        C(F("deadline"), "date"),
        C(F("completed_on"), "date"),
        C(F("status")),
        C(_("Follow-up"), width=14),
        C(F("kind"), width=16),
        C(F("prevention_type"), width=16),
        C(F("expected_effect"), width=14),
        C(F("hours_spent"), "float"),
        C(F("cost_spent"), "int", width=13),
        C(F("places"), width=28, wrap=True),
        C(F("indicators"), width=30, wrap=True),
        C(_("Days overdue"), "int"),
        C(F("created_at"), "datetime"),
        C(F("updated_at"), "datetime"),
    ]


# problem, cause, description, operative goal, responsible person: free text
ACTION_PLAN_FREE_TEXT = frozenset({3, 4, 5, 6, 8})


def _action_plan_row(a: ActionRow) -> tuple:
    values: tuple[object, ...] = (
        a.id,
        a.title,
        ", ".join(a.area_names),
        a.problem,
        a.cause,
        a.description,
        a.operative_goal,
        a.responsible_organisation_name,
        a.responsible_person,
        a.start_on,
        a.deadline,
        a.completed_on,
        label(a.status),
        None,
        label(a.kind),
        label(a.prevention_type),
        label(a.expected_effect),
        a.hours_spent,
        a.cost_spent,
        ", ".join(a.place_names),
        ", ".join(a.indicator_names),
        _overdue_cell(a),
        a.created_at,
        a.updated_at,
    )
    if a.overdue:
        values = tuple(v if isinstance(v, Styled) else Styled(v, fill=OVERDUE_FILL) for v in values)
    colour_index = 13
    return (*values[:colour_index], _colour_cell(a.follow_up_colour), *values[colour_index + 1 :])


def action_plan_sheet(book: Book, data: ReportData) -> None:
    sheet = book.sheet(_("Action plan"))
    sheet.title(_("Action plan"))
    sheet.line(_("Every action in the plan as of {date}; overdue actions are highlighted.", date=_date(data.today)))
    _stamp_note(sheet, book)
    columns, rows = _action_plan_columns(), [_action_plan_row(a) for a in data.actions]
    if not data.with_text:
        columns, rows = (
            list(_without(columns, ACTION_PLAN_FREE_TEXT)),
            [_without(r, ACTION_PLAN_FREE_TEXT) for r in rows],
        )
    sheet.table("Atgardsplan", columns, rows, main=True)
    sheet.print_across(ACTION_PLAN_PAGES_WIDE, "A:B")  # 24 columns: two pages wide, each with the action's name


# --- Indikatorer ------------------------------------------------------------------------------------


def _series_columns() -> list[ExportColumn]:
    return [
        C(F("indicator_id"), width=36, wrap=True),
        C(F("area_id"), width=18),
        C(F("period_start"), width=10),
        C(_("Period start"), "date"),
        C(F("value"), "float"),
        C(_("Baseline"), "float"),
        C(_("Target"), "float"),
        C(F("unit"), width=17),
        C(_("Better when"), width=16),
        C(F("note"), width=30, wrap=True),
    ]


def indicator_sheet(book: Book, data: ReportData) -> None:
    sheet = book.sheet(_("Indicators"))
    sheet.title(_("Indicators"))
    sheet.line(_("Measured values up to {date}, with baseline and target.", date=_date(data.filter.date_to)))
    _stamp_note(sheet, book)
    blocks: list[tuple[IndicatorRow, int]] = []
    rows: list[tuple] = []
    for indicator in data.indicators:
        points = [p for p in data.series[indicator.id].points if p.period_start <= data.filter.date_to]
        if points:
            blocks.append((indicator, len(points)))
        rows += [
            (
                indicator.name,
                indicator.area_name,
                p.label,
                p.period_start,
                p.value,
                indicator.baseline_value,
                indicator.target_value,
                indicator.unit,
                label(indicator.direction),
                p.note,
            )
            for p in points
        ]
    columns = _series_columns()
    if not data.with_text:  # the last column, the measurements' notes, is free text
        columns, rows = columns[:-1], [r[:-1] for r in rows]
    area = sheet.table("Indikatorserier", columns, rows, main=True)
    _indicator_charts(sheet, area, blocks)


def _indicator_charts(sheet: Sheet, area: TableArea, blocks: Sequence[tuple[IndicatorRow, int]]) -> None:
    """One line chart per indicator, stacked to the right of the table, each on one printed page.

    The first starts beside the first data row, not the header: the header row repeats on every
    printed page, and LibreOffice repeats what is anchored in it too.
    """
    column = area.last_col + 2
    row, first = area.first_row, area.first_row
    width, height = INDICATOR_CHART
    for indicator, count in blocks:
        rows_per_chart = sheet.rows_spanning(row, height) + 1  # the table's rows may be taller than one line
        title = f"{indicator.name} ({indicator.unit})" if indicator.unit else indicator.name
        chart = indicator_chart(
            title,
            area.rows(first, first + count - 1),
            categories=2,
            value=4,
            baseline=5 if indicator.baseline_value is not None else None,
            target=6 if indicator.target_value is not None else None,
            width_cm=width,
            height_cm=height,
        )
        sheet.place(chart, row, column)
        sheet.keep_together(row, row + rows_per_chart - 1)
        row += rows_per_chart
        first += count


# --- Observationer ----------------------------------------------------------------------------------


def _observation_columns() -> list[ExportColumn]:
    return [
        C(_("Id"), "id", width=8),
        C(F("occurred_on"), "date"),
        C(F("occurred_time"), "time"),
        C(F("place_id"), width=24),
        C(F("district"), width=13),
        C(F("category_id"), width=24),
        C(F("count"), "int", width=8),
        C(F("source"), width=17),
        C(F("organisation_id"), width=16),
        C(F("reported_by_id"), width=20),
        C(F("setting"), width=12),
        C(F("reported_to_police"), width=12),
        C(F("verified"), width=11),
        C(F("classification"), width=16),
        C(F("description"), width=60),
        C(F("reported_at"), "datetime"),
    ]


OBSERVATION_FREE_TEXT = frozenset({14})  # the description


def _observation_values(rows: Iterator[ObservationRow]) -> Iterator[tuple]:
    source, setting = Source.labeller(), Setting.labeller()
    police, classification = YesNoUnknown.labeller(), Classification.labeller()
    yes, no = _("Yes"), _("No")
    for r in rows:
        yield (
            r.id,
            r.occurred_on,
            r.occurred_time,
            r.place_name,
            r.district,
            r.category_name,
            r.count,
            source(r.source),
            r.organisation_name,
            r.reported_by,
            setting(r.setting),
            police(r.reported_to_police),
            yes if r.verified else no,
            classification(r.classification),
            r.description,
            r.reported_at,
        )


def observation_sheet(book: Book, session: Session, actor: Actor, data: ReportData) -> int:
    sheet = book.sheet(_("Observations"))
    sheet.title(_("Observations"))
    sheet.line(period_text(data.filter))
    _stamp_note(sheet, book)
    rows = _observation_values(iter_observations(session, actor, data.filter, descending=False, batch=ROWS_BATCH))
    columns = _observation_columns()
    if not data.with_text:  # figures only: no description
        columns = list(_without(columns, OBSERVATION_FREE_TEXT))
        rows = (_without(r, OBSERVATION_FREE_TEXT) for r in rows)
    # The overview counted the same rows in the same snapshot: they go straight into the file while it is saved.
    _area, count = sheet.stream_table("Observationer", columns, rows, count=data.overview.observation_count)
    return count
