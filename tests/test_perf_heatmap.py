"""Issue #15, item 6: the weekday × time-of-day heat map is laid out by hand from its texts' sizes
(app/charts/margins.py) instead of by the constrained layout engine. Every text keeps its room (nothing
clipped, nothing over the plot, the colour bar or another text), no room is wasted at the edges, in
Swedish and English, with long numbers and a long note, and a resized figure (the GUI's chart pane) is
laid out anew."""

from __future__ import annotations

import itertools

import matplotlib.layout_engine
import pytest
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from app.charts import weekday_hour_heatmap
from app.charts.export import figure_png_bytes
from app.charts.margins import PlotAndColorbarLayout, text_size
from app.i18n import set_language
from app.services.lagesbild import WeekdayHourMatrix
from tests.test_chart_layout import _texts, overlaps, shown_at, swedish, weekday_hour  # noqa: F401  (the fixture)

SPARE = 10.0  # points: at most this much free between the outermost text and the figure's edge

MATRICES = {
    "demo": weekday_hour,
    # five-digit counts: the colour bar's labels are wide; and a long note, wrapped in a narrow pane
    "large": lambda: WeekdayHourMatrix(
        tuple(tuple(1000 + (d * 7919 + b * 104729) % 48000 for b in range(8)) for d in range(7)),
        (912_345, 0, 0, 0, 0, 0, 1),
    ),
    "long_note": lambda: WeekdayHourMatrix(weekday_hour().grid, (9_912_345, 0, 0, 0, 0, 0, 1)),
    "no_note": lambda: WeekdayHourMatrix(tuple(tuple(d + b for b in range(8)) for d in range(7)), (0,) * 7),
}
SIZES = {
    "built": None,
    "pane": (6.0, 3.6),
    "small": (5.0, 3.0),
    "narrow": (4.5, 2.8),
}  # narrower, the hour bands' labels meet
CASES = [
    (matrix, size)
    for matrix in MATRICES
    for size in SIZES
    if not (matrix == "large" and size in ("small", "narrow"))  # five digits do not fit in so narrow a cell
]


def _points(fig: Figure, box: Bbox) -> Bbox:
    return Bbox(box.get_points() * 72 / fig.dpi)


def _check(fig: Figure) -> None:
    """No overlap, every text inside the figure and off the plot and the colour bar (the cells' numbers
    apart); the title, the note and the plot stacked without more than SPARE points between them, and the
    outermost texts within SPARE points of the figure's edges."""
    assert isinstance(fig.get_layout_engine(), PlotAndColorbarLayout)
    found = overlaps(fig)
    assert not found, "\n".join(found)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    ax, cax = fig.axes
    plot, bar = _points(fig, ax.get_window_extent(renderer)), _points(fig, cax.get_window_extent(renderer))
    width, height = fig.get_figwidth() * 72, fig.get_figheight() * 72
    cells = set(map(id, ax.texts))
    boxes = []
    for text in _texts(fig):
        if id(text) in cells:
            continue
        box = _points(fig, text.get_window_extent(renderer))
        shown = text.get_text().replace("\n", " ")
        assert box.x0 >= -0.5 and box.y0 >= -0.5 and box.x1 <= width + 0.5 and box.y1 <= height + 0.5, shown
        for name, area in (("plot", plot), ("colour bar", bar)):
            inner = Bbox.from_extents(area.x0 + 0.5, area.y0 + 0.5, area.x1 - 0.5, area.y1 - 0.5)
            assert not box.overlaps(inner), f"'{shown}' over the {name}"
        boxes.append(box)
    heading = _points(fig, fig._suptitle.get_window_extent(renderer))  # type: ignore[attr-defined]
    stack = [heading, plot]  # from the top down, each at most SPARE points below the one above
    if ax.get_title(loc="left"):
        stack.insert(1, _points(fig, ax._left_title.get_window_extent(renderer)))  # type: ignore[attr-defined]
    for upper, lower in itertools.pairwise(stack):
        assert 0 <= upper.y0 - lower.y1 <= SPARE, (upper, lower)
    union = Bbox.union([*boxes, plot, bar])
    assert union.x0 <= SPARE and union.y0 <= SPARE, union
    assert width - union.x1 <= SPARE and height - union.y1 <= SPARE, union


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(("matrix", "size"), CASES)
def test_the_heat_map_has_room_for_every_text_and_wastes_none(matrix, size, language):
    set_language(language)
    _check(shown_at(weekday_hour_heatmap(MATRICES[matrix]()), SIZES[size]))


def test_a_long_note_is_wrapped_to_the_plots_width_in_a_small_pane():
    fig = shown_at(weekday_hour_heatmap(MATRICES["long_note"]()), SIZES["narrow"])
    wide = shown_at(weekday_hour_heatmap(MATRICES["long_note"]()), SIZES["pane"])
    note = fig.axes[0].get_title(loc="left")
    assert "\n" not in wide.axes[0].get_title(loc="left")
    assert "\n" in note and note.replace("\n", " ") == wide.axes[0].get_title(loc="left")
    _check(fig)


def test_the_constrained_layout_never_runs_for_the_heat_map(monkeypatch):
    def refused(*args, **kwargs):
        raise AssertionError("the constrained layout ran")

    monkeypatch.setattr(matplotlib.layout_engine, "do_constrained_layout", refused)
    fig = shown_at(weekday_hour_heatmap(weekday_hour()), (6.0, 3.6))
    assert figure_png_bytes(fig).startswith(b"\x89PNG")


def test_a_text_is_measured_as_matplotlib_measures_it():
    fig = shown_at(weekday_hour_heatmap(weekday_hour()), None)
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    heading = fig.texts[0] if fig.texts else fig._suptitle  # type: ignore[attr-defined]
    cax = fig.axes[1]
    for text in (heading, fig.axes[0].get_xaxis().label, cax.yaxis.label, fig.axes[0].texts[0]):
        drawn = _points(fig, text.get_window_extent(renderer))
        assert text_size(text) == pytest.approx((drawn.width, drawn.height), rel=0.03, abs=1.0), (
            text.get_text()
        )  # Agg hints


def test_the_heat_map_in_the_chart_pane_is_laid_out_again_when_the_pane_is_resized(qtbot):
    from PySide6.QtWidgets import QApplication

    from ui.widgets.chart_view import ChartView

    view = ChartView("chart")
    qtbot.addWidget(view)
    view.resize(640, 420)
    view.set_figure(weekday_hour_heatmap(weekday_hour()))
    view.show()
    qtbot.waitExposed(view)
    assert view.canvas is not None and view.figure is not None
    fig, seen = view.figure, []
    for size in ((1000, 640), (480, 320), (640, 420)):
        view.resize(*size)
        QApplication.processEvents()
        view.canvas.draw()
        inches = tuple(fig.get_size_inches())
        seen.append((inches, fig.axes[0].get_position().bounds))
        _check(fig)
    assert len({inches for inches, _box in seen}) == 3  # the figure followed the pane
    assert len({box for _inches, box in seen}) == 3  # and the plot was placed anew each time
