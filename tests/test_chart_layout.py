"""Every chart kind, drawn with demo-like data at its own size and at a screen's size, has no text over the
legend, over another text or over a marker; a month counted only in part is drawn as partial, not as a drop."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator

import pytest
from matplotlib.backend_bases import ResizeEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from app.charts import (
    actions_by_area_chart,
    actions_on_time_chart,
    area_trend_chart,
    hotspot_chart,
    indicator_chart,
    monthly_by_category_chart,
    weekday_hour_heatmap,
    weekly_chart,
)
from app.charts.progress import indicator_progress_chart
from app.domain.periods import PartialMonth, partial_month, period_in_progress
from app.domain.vocabulary import ActionStatus, Direction, Frequency, IndicatorStatus
from app.i18n import language, set_language
from app.services.action_summary import AreaActionCounts, TertialOnTime
from app.services.followup import IndicatorRow, IndicatorSeries, SeriesPoint
from app.services.lagesbild import (
    CategoryCount,
    CategoryMonthSeries,
    HotspotRow,
    IsoWeekCount,
    MonthCount,
    WeekdayHourMatrix,
)

TODAY = dt.date(2026, 12, 2)
SCREEN_SIZES = [None, (6.0, 3.6), (5.0, 3.0)]  # as built; a chart pane at 1440×900; a small pane


@pytest.fixture(autouse=True)
def swedish():
    before = language()
    set_language("sv")
    yield
    set_language(before)


# --- demo-like data (numbers taken from the demo database on 2 December 2026) ---------------------

MONTHS = tuple([(2025, 12)] + [(2026, m) for m in range(1, 13)])
DECEMBER = PartialMonth(2, 31, True)
CATEGORY_COUNTS = {
    "Ordningsstörning": [30, 53, 33, 32, 39, 44, 58, 98, 75, 66, 61, 44, 0],
    "Störande ungdomssamling": [26, 21, 22, 27, 21, 39, 59, 62, 65, 55, 41, 52, 0],
    "Klotter": [31, 9, 11, 16, 29, 31, 25, 43, 34, 19, 32, 20, 0],
    "Skadegörelse": [15, 16, 17, 15, 18, 26, 31, 21, 35, 24, 31, 25, 2],
    "Nedskräpning": [8, 11, 24, 29, 18, 23, 24, 14, 15, 28, 24, 28, 1],
    "Narkotikabrott": [19, 15, 11, 15, 9, 22, 11, 26, 45, 15, 21, 27, 1],
    "Hotfullt beteende": [15, 15, 9, 13, 10, 24, 17, 24, 28, 22, 21, 15, 0],
    "Våldsbrott": [15, 19, 7, 9, 20, 24, 14, 24, 16, 12, 15, 10, 0],
}
PREVIOUS_TOTALS = [209, 170, 150, 243, 268, 292, 344, 351, 399, 316, 257, 224, 15]
TREND = [88, 105, 62, 74, 79, 118, 111, 178, 171, 123, 120, 100, 1]
TREND_BEFORE = [79, 57, 59, 120, 101, 121, 172, 175, 198, 124, 101, 98, 5]


def month_series(counts: dict[str, list[int]], partial: dict | None = None) -> CategoryMonthSeries:
    categories, cells = [], {}
    for cid, (name, values) in enumerate(counts.items(), start=1):
        categories.append(CategoryCount(cid, name, None, sum(values)))
        for (year, month), value in zip(MONTHS, values):
            cells[(year, month, cid)] = value
    return CategoryMonthSeries(MONTHS, tuple(categories), cells, partial or {})


def previous_series() -> CategoryMonthSeries:
    months = tuple((y - 1, m) for y, m in MONTHS)
    cells = {(y, m, 1): n for (y, m), n in zip(months, PREVIOUS_TOTALS)}
    partial = {(2025, 12): PartialMonth(2, 31, False)}  # cut on the same day a year earlier
    return CategoryMonthSeries(months, (CategoryCount(1, "Alla", None, sum(PREVIOUS_TOTALS)),), cells, partial)


def trend(values, partial=True, year_shift=0) -> list[MonthCount]:
    last = len(MONTHS) - 1
    return [
        MonthCount(y - year_shift, m, n, PartialMonth(2, 31, year_shift == 0) if partial and i == last else None)
        for i, ((y, m), n) in enumerate(zip(MONTHS, values))
    ]


def by_area() -> list[AreaActionCounts]:
    rows = [
        ("Otrygga platser", (2, 4, 6, 2), 3),
        ("Ungdomsgäng", (4, 4, 3, 0), 1),
        ("Kriminella nätverk", (0, 2, 0, 0), 1),
        ("Tystnadskultur", (0, 1, 3, 0), 0),
    ]
    return [
        AreaActionCounts(i, name, dict(zip(ActionStatus, counts)), overdue)
        for i, (name, counts, overdue) in enumerate(rows, start=1)
    ]


def on_time() -> list[TertialOnTime]:
    rows = [(2025, 2, 3, 0, 0), (2025, 3, 0, 2, 0), (2026, 1, 3, 1, 0), (2026, 2, 1, 1, 0)]
    return [TertialOnTime(y, t, f"T{t} {y}", a, b, c) for y, t, a, b, c in rows]


def hotspots() -> list[HotspotRow]:
    rows = [
        ("Gångtunneln vid Märsta station", 40, 29),
        ("Märsta centrum", 32, 51),
        ("Valsta idrottsplats", 26, 12),
        ("Valsta centrum", 26, 25),
        ("Märsta station", 20, 34),
        ("Bostadsområdet Valsta norra", 14, 7),
        ("Valstaskolan", 9, 9),
        ("Rosersberg station", 9, 11),
        ("Strandpromenaden, Sigtuna", 8, 6),
        ("Centralskolan", 8, 20),
    ]
    return [
        HotspotRow(i, i, name, "Märsta", n, p, n - p, (n - p) * 100 / p if p else None, p == 0, ())
        for i, (name, n, p) in enumerate(rows, start=1)
    ]


INDICATORS = [
    ("Andel som känner sig trygga (trygghetsmätning)", "%", "higher", 68.0, 75.0, 72.8, "off_track"),
    ("Narkotikabrott vid Märsta station och gångtunneln", "händelser/månad", "lower", 4.5, 3.6, 12.0, "off_track"),
    ("Ordningsstörningar vid Märsta station", "händelser/månad", "lower", 9.8, 7.8, 7.0, "on_track"),
    ("Trasig belysning åtgärdad inom 7 dagar", "%", "higher", 60.0, 90.0, 65.9, "off_track"),
    ("Våldsbrott i Märsta centrum", "händelser/månad", "lower", 3.8, 3.0, 3.0, "on_track"),
    ("Deltagare i föräldravandringar", "personer/månad", "higher", 12.0, 25.0, 23.0, "off_track"),
    ("Klotter sanerat inom 24 timmar", "%", "higher", 55.0, 85.0, 92.0, "on_track"),
    ("Andel nöjda med belysningen", "%", "higher", 70.0, 80.0, 81.2, "on_track"),
    (
        "Ungdomssamlingar och mopedåkning vid Valsta idrottsplats",
        "händelser/månad",
        "lower",
        1.0,
        0.8,
        26.0,
        "off_track",
    ),
    ("Tips och anmälningar via medborgardialog", "tips/tertial", "higher", 40.0, 60.0, 71.0, "on_track"),
    ("Anlagda bränder i kommunen", "bränder/månad", "lower", 15.0, 10.5, 5.0, "on_track"),
]


def indicator_rows() -> list[IndicatorRow]:
    return [
        IndicatorRow(
            i,
            name,
            "",
            unit,
            "",
            1,
            "Otrygga platser",
            base,
            "2025",
            target,
            Direction(direction),
            Frequency.MONTHLY,
            None,
            "",
            "",
            True,
            12,
            latest,
            dt.date(2026, 11, 1),
            "2026-11",
            IndicatorStatus(status),
            1,
        )
        for i, (name, unit, direction, base, target, latest, status) in enumerate(INDICATORS, start=1)
    ]


SERIES_VALUES = [5, 2, 2, 7, 1, 10, 6, 9, 2, 3, 13, 4, 8, 2, 4, 3, 4, 6, 5, 8, 7, 3, 12]


def indicator_series(values=SERIES_VALUES[-12:], baseline=4.5, target=3.6, last=dt.date(2026, 11, 1)):
    start = last.year * 12 + last.month - len(values)
    points = tuple(
        SeriesPoint(dt.date((start + i) // 12, (start + i) % 12 + 1, 1), "", float(v), "", i, 1)
        for i, v in enumerate(values)
    )
    return IndicatorSeries(
        3, "Narkotikabrott vid Märsta station", "händelser/månad", Direction.LOWER, Frequency.MONTHLY,
        baseline, "2025-01–2025-06", target, points,
    )  # fmt: skip


def weekday_hour() -> WeekdayHourMatrix:
    grid = tuple(tuple((d * 7 + b * 13) % 60 + (b * 9 if b > 4 else 0) for b in range(8)) for d in range(7))
    return WeekdayHourMatrix(grid, (79, 73, 94, 86, 85, 67, 44))


def weeks() -> list[IsoWeekCount]:
    return [IsoWeekCount(2026, w, 40 + (w * 17) % 45) for w in range(36, 50)]


CHARTS: dict[str, Callable[[], Figure]] = {
    "actions_by_area": lambda: actions_by_area_chart(by_area()),
    "on_time": lambda: actions_on_time_chart(on_time()),
    "months": lambda: monthly_by_category_chart(
        month_series(CATEGORY_COUNTS, {(2026, 12): DECEMBER}), previous_series()
    ),
    "area_trend": lambda: area_trend_chart(trend(TREND), trend(TREND_BEFORE, year_shift=1), "Otrygga platser"),
    "area_trend_alone": lambda: area_trend_chart(trend(TREND), None, "Otrygga platser"),
    "weekly": lambda: weekly_chart(weeks()),
    "hotspots": lambda: hotspot_chart(hotspots()),
    "weekday_hour": lambda: weekday_hour_heatmap(weekday_hour()),
    "indicator": lambda: indicator_chart(indicator_series(), today=TODAY),
    "indicator_long": lambda: indicator_chart(indicator_series(SERIES_VALUES), today=TODAY),
    "indicator_close_lines": lambda: indicator_chart(indicator_series(baseline=4.0, target=3.6), today=TODAY),
    "progress": lambda: indicator_progress_chart(indicator_rows()),
}


# --- what overlaps -----------------------------------------------------------------------------------


def shown_at(fig: Figure, size: tuple[float, float] | None) -> Figure:
    """The figure as the Qt canvas shows it: on an Agg canvas, resized to the pane (with the resize event a
    canvas sends), drawn."""
    FigureCanvasAgg(fig)
    if size is not None:
        fig.set_size_inches(*size)
        ResizeEvent("resize_event", fig.canvas)._process()
    fig.canvas.draw()
    return fig


def _tick_labels(axis) -> list[Text]:
    """The labels of the ticks inside the view (a locator may place some outside, which are not drawn)."""
    low, high = sorted(axis.get_view_interval())
    span = (high - low) * 1e-9
    locs = axis.get_majorticklocs()
    ticks = axis.get_major_ticks(len(locs))
    return [tick.label1 for tick, loc in zip(ticks, locs) if low - span <= loc <= high + span]


def _texts(fig: Figure) -> Iterator[Text]:
    """Every text drawn: titles, axis labels, the tick labels in view, and the labels written in the plots."""
    candidates: list[Text] = list(fig.texts) + ([fig._suptitle] if fig._suptitle is not None else [])
    for ax in fig.axes:
        candidates += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label]
        candidates += _tick_labels(ax.xaxis) + _tick_labels(ax.yaxis) + list(ax.texts)
    for text in dict.fromkeys(candidates):  # the suptitle is also one of the figure's texts
        if text.get_visible() and text.get_text().strip():
            yield text


def _legends(fig: Figure) -> list[Legend]:
    return [legend for legend in fig.findobj(Legend) if legend.get_visible()]


def _extent(artist, renderer) -> Bbox:
    box = artist.get_window_extent(renderer)
    return Bbox.from_extents(box.x0 + 0.5, box.y0 + 0.5, box.x1 - 0.5, box.y1 - 0.5)  # touching is not overlapping


def _marker_boxes(fig: Figure, renderer) -> Iterator[tuple[str, Bbox]]:
    """Every plotted marker (a line's points, a baseline tick) as a box in pixels."""
    scale = fig.dpi / 72
    for ax in fig.axes:
        for line in ax.lines:
            if not isinstance(line, Line2D) or not line.get_visible():
                continue
            xs, ys = line.get_xdata(), line.get_ydata()
            marker = line.get_marker()
            if marker not in (None, "", "None", "none", " "):
                half = line.get_markersize() / 2 * scale
                wide = line.get_markeredgewidth() / 2 * scale if marker == "|" else half
                for x, y in zip(xs, ys):
                    px, py = ax.transData.transform((x, y))
                    yield f"marker of {line.get_label()}", Bbox.from_extents(px - wide, py - half, px + wide, py + half)
            elif len(xs) == 2 and xs[0] == xs[1] and line.get_transform() == ax.transData:
                yield f"tick of {line.get_label()}", line.get_window_extent(renderer)


def overlaps(fig: Figure) -> list[str]:
    renderer = fig.canvas.get_renderer()
    texts = [(t.get_text().replace("\n", " "), _extent(t, renderer)) for t in _texts(fig)]
    legends = [("legend", _extent(legend, renderer)) for legend in _legends(fig)]
    found = []
    for i, (text, box) in enumerate(texts):
        for other, other_box in texts[i + 1 :] + legends:
            if box.overlaps(other_box):
                found.append(f"'{text}' over '{other}'")
        for what, marker in _marker_boxes(fig, renderer):
            if box.overlaps(marker):
                found.append(f"'{text}' over a {what}")
        figure_box = fig.bbox
        if box.x1 > figure_box.x1 + 1 or box.x0 < figure_box.x0 - 1:
            found.append(f"'{text}' cut at the figure's edge")
    for _legend, box in legends:
        for what, marker in _marker_boxes(fig, renderer):
            if box.overlaps(marker):
                found.append(f"legend over a {what}")
    return found


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=["built", "pane", "small"])
@pytest.mark.parametrize("kind", list(CHARTS))
def test_no_label_overlaps_the_legend_another_label_or_a_marker(kind, size):
    fig = shown_at(CHARTS[kind](), size)
    found = overlaps(fig)
    assert not found, "\n".join(found)


# --- the month in progress ---------------------------------------------------------------------------


def test_partial_month_is_the_one_rule_for_months_counted_in_part():
    assert partial_month(2026, 12, dt.date(2025, 12, 1), dt.date(2026, 12, 2), TODAY) == PartialMonth(2, 31, True)
    # the period runs to the end of the month, but the days after today have not happened
    assert partial_month(2026, 12, dt.date(2026, 1, 1), dt.date(2026, 12, 31), TODAY) == PartialMonth(2, 31, True)
    assert partial_month(2026, 11, dt.date(2025, 12, 1), dt.date(2026, 12, 2), TODAY) is None
    # a year earlier, cut on the same day: partial, but not in progress
    assert partial_month(2025, 12, dt.date(2024, 12, 1), dt.date(2025, 12, 2), TODAY) == PartialMonth(2, 31, False)
    # a period starting inside a month
    assert partial_month(2026, 2, dt.date(2026, 2, 15), dt.date(2026, 5, 31), TODAY) == PartialMonth(14, 28, False)
    assert period_in_progress(Frequency.MONTHLY, dt.date(2026, 12, 1), TODAY)
    assert not period_in_progress(Frequency.MONTHLY, dt.date(2026, 11, 1), TODAY)
    assert period_in_progress(Frequency.TERTIAL, dt.date(2026, 9, 1), TODAY)
    assert period_in_progress(Frequency.YEARLY, dt.date(2026, 1, 1), TODAY)


def _bars_at(ax, position: int):
    return [p for p in ax.patches if abs(p.get_x() + p.get_width() / 2 - position) < 0.01 and p.get_height() > 0]


def _legend_texts(fig: Figure) -> list[str]:
    return [t.get_text() for legend in _legends(fig) for t in legend.get_texts()]


@pytest.mark.parametrize("kind", ["months", "area_trend", "area_trend_alone"])
def test_the_month_in_progress_is_drawn_as_partial_with_its_day_count(kind):
    fig = shown_at(CHARTS[kind](), None)
    ax = fig.axes[0]
    last, whole = _bars_at(ax, len(MONTHS) - 1), _bars_at(ax, len(MONTHS) - 2)
    assert last and whole
    assert all(p.get_linestyle() in ("--", "dashed") and (p.get_alpha() or 1) < 0.7 for p in last)
    assert all(p.get_linestyle() in ("-", "solid") and (p.get_alpha() or 1) == 1 for p in whole)
    assert any("pågående månad" in text and "2 av 31 dagar" in text for text in _legend_texts(fig))


@pytest.mark.parametrize("kind", ["months", "area_trend"])
def test_last_years_line_does_not_drop_into_the_partial_month(kind):
    fig = shown_at(CHARTS[kind](), None)
    ax = fig.axes[0]
    dashed = [line for line in ax.lines if line.get_linestyle() == "--" and len(line.get_xdata()) > 1]
    assert len(dashed) == 1
    drawn = [x for x, y in zip(dashed[0].get_xdata(), dashed[0].get_ydata()) if math.isfinite(y)]
    assert max(drawn) == len(MONTHS) - 2
    # the partial month's value a year earlier (the same two days) still has its marker
    marks = [line for line in ax.lines if line.get_linestyle() in ("None", "none") and line.get_marker() == "o"]
    assert [list(line.get_xdata()) for line in marks] == [[len(MONTHS) - 1]]


def test_without_a_partial_month_nothing_is_marked():
    fig = shown_at(monthly_by_category_chart(month_series(CATEGORY_COUNTS)), None)
    assert all(p.get_linestyle() in ("-", "solid") for p in fig.axes[0].patches if p.get_height() > 0)
    assert not any("pågående" in text for text in _legend_texts(fig))


def test_an_indicator_value_for_a_period_not_ended_is_drawn_as_preliminary():
    fig = shown_at(indicator_chart(indicator_series(last=dt.date(2026, 12, 1)), today=TODAY), None)
    ax = fig.axes[0]
    hollow = [line for line in ax.lines if line.get_marker() == "o" and line.get_markerfacecolor() == "white"]
    assert len(hollow) == 1 and list(hollow[0].get_xdata()) == [11]
    assert any("preliminärt" in text for text in _legend_texts(fig))
    fig = shown_at(indicator_chart(indicator_series(), today=TODAY), None)
    assert not any("preliminärt" in text for text in _legend_texts(fig))
