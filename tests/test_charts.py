"""The chart builders plot the numbers they are given, in Swedish, and save whole files or none."""

from __future__ import annotations

import ast
import datetime as dt
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.text import Text

from app.charts import (
    ChartExportError,
    actions_by_area_chart,
    actions_on_time_chart,
    area_trend_chart,
    figure_png_bytes,
    hotspot_chart,
    indicator_chart,
    monthly_by_category_chart,
    save_figure,
    weekday_hour_heatmap,
    weekly_chart,
)
from app.charts.style import MINUS, THOUSANDS_SEPARATOR, format_number, iso_week_label, month_label
from app.domain.vocabulary import ActionStatus, Direction, Frequency
from app.i18n import language, set_language
from app.services.action_summary import AreaActionCounts, TertialOnTime
from app.services.followup import IndicatorSeries, SeriesPoint
from app.services.lagesbild import (
    CategoryCount,
    CategoryMonthSeries,
    HotspotRow,
    IsoWeekCount,
    MonthCount,
    WeekdayHourMatrix,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def swedish():
    before = language()
    set_language("sv")
    yield
    set_language(before)


# --- helpers -------------------------------------------------------------------------------------


def texts(fig: Figure) -> list[str]:
    """Every text drawn in the figure, tick labels included."""
    fig.draw_without_rendering()
    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


def tick_labels(ax, axis: str = "x") -> list[str]:
    ax.figure.draw_without_rendering()
    labels = ax.get_xticklabels() if axis == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels]


def bar_heights(container) -> list[float]:
    return [patch.get_height() for patch in container]


def bar_widths(container) -> list[float]:
    return [patch.get_width() for patch in container]


def point(month: int, value: float, year: int = 2025) -> SeriesPoint:
    return SeriesPoint(dt.date(year, month, 1), f"{year}-{month:02d}", value, "", month, 1)


def indicator(points=(), direction=Direction.LOWER, baseline=12.0, target=8.0) -> IndicatorSeries:
    return IndicatorSeries(
        1,
        "Anmälda våldsbrott",
        "antal per månad",
        direction,
        Frequency.MONTHLY,
        baseline,
        "2024",
        target,
        tuple(points),
    )


def month_series(months, counts: dict[str, list[int]]) -> CategoryMonthSeries:
    """Categories numbered in the order given; CategoryCount.count is the sum of the monthly numbers."""
    categories, cells = [], {}
    for cid, (name, values) in enumerate(counts.items(), start=1):
        categories.append(CategoryCount(cid, name, None, sum(values)))
        for (year, month), value in zip(months, values):
            cells[(year, month, cid)] = value
    return CategoryMonthSeries(tuple(months), tuple(categories), cells)


def hotspot(rank: int, name: str, count: int, previous: int) -> HotspotRow:
    percent = (count - previous) * 100.0 / previous if previous else None
    return HotspotRow(rank, rank, name, "Märsta", count, previous, count - previous, percent, previous == 0, ())


# --- style ---------------------------------------------------------------------------------------


def test_numbers_have_a_decimal_comma_a_space_between_thousands_and_a_true_minus():
    assert format_number(1234.5) == f"1{THOUSANDS_SEPARATOR}234,5"
    assert format_number(7.5) == "7,5"
    assert format_number(8.0) == "8"
    assert format_number(-3, 0) == f"{MINUS}3"
    assert format_number(-0.01) == "0"
    set_language("en")
    assert format_number(1234.5) == "1,234.5"


def test_month_and_week_labels_follow_the_language():
    assert month_label(2025, 5) == "maj 2025"
    assert month_label(2025, 10) == "okt 2025"
    assert iso_week_label(47) == "v. 47"
    set_language("en")
    assert month_label(2025, 10) == "Oct 2025"
    assert iso_week_label(47) == "w. 47"


# --- indicator -----------------------------------------------------------------------------------


def test_indicator_chart_plots_the_measurements_baseline_and_target():
    values = [12.5, 11.0, 9.0, 7.5]
    fig = indicator_chart(indicator([point(m, v) for m, v in zip(range(1, 5), values)]))
    ax = fig.axes[0]
    measured = next(line for line in ax.lines if line.get_label() == "Mätvärde")
    assert list(measured.get_ydata()) == values
    assert list(measured.get_xdata()) == [0, 1, 2, 3]
    by_label = {line.get_label(): list(line.get_ydata()) for line in ax.lines}
    assert by_label["Utgångsvärde 12 (2024)"] == [12.0, 12.0]
    assert by_label["Målvärde 8"] == [8.0, 8.0]
    shown = texts(fig)
    assert "Utgångsvärde 12 (2024)" in shown and "Målvärde 8" in shown  # written in the plot, not only a legend
    assert fig.get_suptitle() == "Anmälda våldsbrott"
    assert ax.get_ylabel() == "antal per månad"
    assert any(text.startswith("Lägre är bättre") for text in shown)
    assert "7,5" in shown and "12,5" in shown
    assert ax.yaxis.get_major_formatter()(7.5, 0) == "7,5"
    assert tick_labels(ax) == ["jan 2025", "feb 2025", "mar 2025", "apr 2025"]


def test_indicator_chart_says_which_direction_is_better():
    fig = indicator_chart(indicator([point(1, 60.0)], direction=Direction.HIGHER, baseline=None, target=65.0))
    shown = texts(fig)
    assert any(text.startswith("Högre är bättre") for text in shown)
    assert not any(text.startswith("Utgångsvärde") for text in shown)


def test_indicator_chart_without_measurements_says_so():
    fig = indicator_chart(indicator())
    assert "Inga mätvärden ännu" in texts(fig)
    assert len(fig.axes[0].lines) == 0


# --- events per month by category ----------------------------------------------------------------

MONTHS = [(2025, 10), (2025, 11), (2025, 12)]
CATEGORY_COUNTS = {
    "Ordningsstörning": [10, 12, 8],  # 30
    "Skadegörelse": [7, 5, 9],  # 21
    "Narkotikabrott": [4, 6, 5],  # 15
    "Klotter": [3, 1, 2],  # 6
    "Nedskräpning": [0, 2, 3],  # 5
}


def test_monthly_chart_stacks_the_largest_categories_and_sums_the_rest_as_others():
    current = month_series(MONTHS, CATEGORY_COUNTS)
    fig = monthly_by_category_chart(current, max_categories=3)
    ax = fig.axes[0]
    layers = {c.get_label(): bar_heights(c) for c in ax.containers}
    assert list(layers) == ["Ordningsstörning", "Skadegörelse", "Narkotikabrott", "Övriga"]
    assert layers["Skadegörelse"] == [7, 5, 9]
    assert layers["Övriga"] == [3, 3, 5]
    stack_tops = {}
    for patch in ax.patches:
        month = round(patch.get_x() + patch.get_width() / 2)
        stack_tops[month] = max(stack_tops.get(month, 0), patch.get_y() + patch.get_height())
    assert stack_tops == {0: 24, 1: 26, 2: 27}  # the hand-computed monthly totals
    styles = {(to_hex(c[0].get_facecolor()), c[0].get_hatch()) for c in ax.containers}
    assert len(styles) == 4  # every segment has its own colour and hatch combination
    assert len({c[0].get_hatch() for c in ax.containers}) == 4
    assert tick_labels(ax) == ["okt 2025", "nov 2025", "dec 2025"]
    assert {"24", "26", "27"} <= set(texts(fig))


def test_monthly_chart_draws_last_years_totals_as_a_dashed_line():
    previous_months = [(2024, 10), (2024, 11), (2024, 12)]
    previous = month_series(previous_months, {"Ordningsstörning": [5, 6, 7], "Klotter": [1, 0, 4]})
    fig = monthly_by_category_chart(month_series(MONTHS, CATEGORY_COUNTS), previous)
    line = fig.axes[0].lines[0]
    assert line.get_label() == "Samma månad året innan"
    assert list(line.get_ydata()) == [6, 6, 11]
    assert line.get_linestyle() == "--" and line.get_marker() == "o"
    assert "Samma månad året innan" in texts(fig)  # in the legend
    with pytest.raises(ValueError):
        shorter = month_series(previous_months[:2], {"Klotter": [1, 2]})
        monthly_by_category_chart(month_series(MONTHS, CATEGORY_COUNTS), shorter)


# --- hotspots ------------------------------------------------------------------------------------


def test_hotspot_chart_ranks_places_from_the_top_with_count_and_change():
    rows = [
        hotspot(1, "Märsta centrum", 13, 12),
        hotspot(2, "Märsta station", 9, 12),
        hotspot(3, "Valsta centrum", 7, 7),
        hotspot(4, "Sigtuna stadskärna", 5, 0),
        hotspot(5, "Ekillaparken", 3, 4),
    ]
    fig = hotspot_chart(list(reversed(rows)), limit=4)
    ax = fig.axes[0]
    bars = ax.containers[0]
    assert bar_widths(bars) == [13, 9, 7, 5]
    assert ax.yaxis_inverted()  # rank 1 at the top
    assert tick_labels(ax, "y") == ["Märsta centrum", "Märsta station", "Valsta centrum", "Sigtuna stadskärna"]
    previous = ax.lines[0]
    assert list(previous.get_xdata()) == [12, 12, 7, 0]
    assert previous.get_linestyle() == "None"  # a marker per place, not a line
    shown = texts(fig)
    assert "13   ▲ +8 %" in shown
    assert f"9   ▼ {MINUS}25 %" in shown
    assert "7   ±0" in shown
    assert "5   ny" in shown
    assert not any("Ekillaparken" in text for text in shown)


# --- weekday × hour ------------------------------------------------------------------------------


def test_heatmap_shows_the_grid_with_numbers_and_a_colour_bar():
    grid = tuple(tuple(day * 10 + band for band in range(8)) for day in range(7))
    fig = weekday_hour_heatmap(WeekdayHourMatrix(grid, (2, 0, 0, 0, 0, 0, 1)))
    ax = fig.axes[0]
    assert np.array_equal(np.asarray(ax.images[0].get_array()), np.array(grid))
    assert len(fig.axes) == 2  # the colour bar
    cells = {(round(t.get_position()[1]), round(t.get_position()[0])): t for t in ax.texts}
    assert len(cells) == 56
    assert all(cells[(r, c)].get_text() == str(grid[r][c]) for r in range(7) for c in range(8))
    assert cells[(0, 0)].get_color() != cells[(6, 7)].get_color()  # dark text on light cells, light on dark
    assert tick_labels(ax, "y") == ["mån", "tis", "ons", "tor", "fre", "lör", "sön"]
    assert tick_labels(ax)[:2] == ["00–03", "03–06"]
    assert "3 händelser utan känd tidpunkt visas inte" in texts(fig)


# --- actions -------------------------------------------------------------------------------------


def test_actions_by_area_stacks_statuses_with_swedish_names_and_marks_overdue():
    rows = [
        AreaActionCounts(
            1, "Otrygga platser", {ActionStatus.PLANNED: 2, ActionStatus.ONGOING: 3, ActionStatus.DONE: 5}, 3
        ),
        AreaActionCounts(2, "Ungdomsgäng", {ActionStatus.ONGOING: 1, ActionStatus.CANCELLED: 2}, 1),
        AreaActionCounts(3, "Tystnadskultur", {ActionStatus.PLANNED: 4}, 0),
    ]
    fig = actions_by_area_chart(rows)
    ax = fig.axes[0]
    layers = {c.get_label(): c for c in ax.containers}
    assert list(layers) == ["Planerad", "Pågående", "Genomförd", "Avbruten"]
    assert bar_widths(layers["Planerad"]) == [2, 0, 4]
    assert bar_widths(layers["Avbruten"]) == [0, 2, 0]
    assert [p.get_x() for p in layers["Genomförd"]] == [5, 1, 4]  # starts where planned + ongoing end
    assert len({c[0].get_hatch() for c in ax.containers}) == 4
    shown = texts(fig)
    assert "3 försenade" in shown and "1 försenad" in shown
    assert not any(text.startswith("0 ") for text in shown)
    assert tick_labels(ax, "y") == ["Otrygga platser", "Ungdomsgäng", "Tystnadskultur"]


def test_actions_on_time_stacks_on_time_late_and_without_deadline_with_the_share_on_time():
    rows = [TertialOnTime(2025, 1, "T1 2025", 6, 2, 1), TertialOnTime(2025, 2, "T2 2025", 0, 0, 3)]
    fig = actions_on_time_chart(rows)
    ax = fig.axes[0]
    layers = {c.get_label(): bar_heights(c) for c in ax.containers}
    assert layers == {"I tid": [6, 0], "Försenade": [2, 0], "Utan klart senast-datum": [1, 3]}
    shown = texts(fig)
    assert "75 % i tid" in shown
    assert sum(text.endswith("% i tid") for text in shown) == 1  # no share for a tertial without deadlines
    assert tick_labels(ax) == ["T1 2025", "T2 2025"]


# --- trends --------------------------------------------------------------------------------------


def test_area_trend_has_bars_per_month_and_last_year_dashed():
    current = [MonthCount(2025, 11, 14), MonthCount(2025, 12, 9), MonthCount(2026, 1, 11)]
    previous = [MonthCount(2024, 11, 10), MonthCount(2024, 12, 12), MonthCount(2025, 1, 11)]
    fig = area_trend_chart(current, previous, "Ungdomsgäng")
    ax = fig.axes[0]
    assert bar_heights(ax.containers[0]) == [14, 9, 11]
    line = ax.lines[0]
    assert list(line.get_ydata()) == [10, 12, 11] and line.get_linestyle() == "--"
    assert fig.get_suptitle() == "Ungdomsgäng"
    assert tick_labels(ax) == ["nov 2025", "dec 2025", "jan 2026"]
    assert {"14", "9", "11", "Samma månad året innan"} <= set(texts(fig))


def test_area_trend_without_previous_year_has_no_line():
    fig = area_trend_chart([MonthCount(2025, 11, 1234)], None, "Otrygga platser")
    assert len(fig.axes[0].lines) == 0
    assert f"1{THOUSANDS_SEPARATOR}234" in texts(fig)


def test_weekly_chart_labels_iso_weeks():
    weeks = [IsoWeekCount(2025, 51, 4), IsoWeekCount(2025, 52, 6), IsoWeekCount(2026, 1, 5)]
    fig = weekly_chart(weeks)
    assert bar_heights(fig.axes[0].containers[0]) == [4, 6, 5]
    assert tick_labels(fig.axes[0]) == ["v. 51", "v. 52", "v. 1"]
    assert "v. 51 2025 – v. 1 2026" in texts(fig)


def test_english_labels():
    set_language("en")
    fig = weekday_hour_heatmap(WeekdayHourMatrix(tuple((0,) * 8 for _ in range(7)), (0,) * 7))
    assert tick_labels(fig.axes[0], "y")[0] == "Mon"
    assert "Events by weekday and time of day" in texts(fig)


@pytest.mark.parametrize(
    "build",
    [
        lambda: monthly_by_category_chart(CategoryMonthSeries((), (), {})),
        lambda: hotspot_chart([]),
        lambda: actions_by_area_chart([]),
        lambda: actions_on_time_chart([]),
        lambda: area_trend_chart([], None, "Tystnadskultur"),
        lambda: weekly_chart([]),
    ],
)
def test_empty_input_gives_a_message_not_a_crash(build):
    fig = build()
    assert len(fig.axes[0].patches) == 0
    assert any(text.startswith("Inga ") for text in texts(fig))


# --- saving --------------------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_has_figsize_times_dpi_pixels(tmp_path):
    fig = indicator_chart(indicator([point(1, 3.0)]))
    width, height = fig.get_size_inches()
    saved = save_figure(fig, tmp_path / "indikator.png", dpi=100)
    assert saved == tmp_path / "indikator.png"
    assert png_size(saved.read_bytes()) == (round(width * 100), round(height * 100))
    assert png_size(figure_png_bytes(fig, dpi=50)) == (round(width * 50), round(height * 50))
    assert [p.name for p in tmp_path.iterdir()] == ["indikator.png"]  # no temporary file left


def test_pdf_from_suffix_or_format(tmp_path):
    fig = hotspot_chart([hotspot(1, "Märsta centrum", 3, 1)])
    assert save_figure(fig, tmp_path / "platser.PDF").read_bytes().startswith(b"%PDF")
    assert save_figure(fig, tmp_path / "platser", fmt="pdf") == tmp_path / "platser.pdf"
    assert (tmp_path / "platser.pdf").read_bytes().startswith(b"%PDF")


def test_unsupported_format_raises_a_translated_error_and_writes_nothing(tmp_path):
    fig = weekly_chart([IsoWeekCount(2025, 47, 3)])
    with pytest.raises(ChartExportError) as caught:
        save_figure(fig, tmp_path / "diagram.svg")
    assert "PNG eller PDF" in caught.value.message and "svg" in caught.value.message
    with pytest.raises(ChartExportError):
        save_figure(fig, tmp_path / "diagram.png", fmt="jpeg")
    with pytest.raises(ChartExportError):
        save_figure(fig, tmp_path / "saknas" / "diagram.png")  # folder does not exist
    assert list(tmp_path.iterdir()) == []


# --- architecture --------------------------------------------------------------------------------


def test_importing_charts_loads_no_qt():
    code = "import sys, app.charts; print('PySide6' in sys.modules, 'matplotlib.pyplot' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_no_chart_module_uses_pyplot():
    for path in (ROOT / "app" / "charts").rglob("*.py"):
        assert "pyplot" not in path.read_text(encoding="utf-8"), path


def test_matplotlib_is_imported_lazily_outside_app_charts():
    """Only app/charts imports matplotlib (or app.charts) at module level; everyone else when a chart is needed."""
    offenders = []
    for folder in ("app", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.is_relative_to(ROOT / "app" / "charts"):
                continue
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                names += [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
                if any(n.split(".")[0] == "matplotlib" or n.startswith("app.charts") for n in names):
                    offenders.append(path.relative_to(ROOT))
    assert offenders == []
