"""Issue #15, item 6: a chart is laid out without the extra draws (only its layout engine runs for the fits,
and saving lays it out once instead of drawing it unrendered first), and the picture is the same as
matplotlib's own way gives, pixel for pixel, at every size the layout tests use."""

from __future__ import annotations

import io

import pytest
from matplotlib.figure import Figure

from app.charts.export import figure_png_bytes, save_figure
from app.charts.style import laid_out, lay_out, new_axes
from tests.test_chart_layout import CHARTS, SCREEN_SIZES, shown_at, swedish  # noqa: F401  (the fixture)


def _matplotlibs_own_png(fig: Figure, dpi: int = 150) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")  # with its unrendered first draw
    return buffer.getvalue()


# matplotlib's constrained layout starts from where the last one left the axes, so a figure saved a second
# time may come out a pixel different: each comparison is between two figures built alike, each saved once.


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=["built", "pane", "small"])
@pytest.mark.parametrize("kind", list(CHARTS))
def test_a_saved_chart_is_the_picture_matplotlib_draws(kind, size):
    fig, reference = shown_at(CHARTS[kind](), size), shown_at(CHARTS[kind](), size)
    engine, dpi, inches = fig.get_layout_engine(), fig.dpi, tuple(fig.get_size_inches())
    ours = figure_png_bytes(fig)
    assert fig.get_layout_engine() is engine and engine is not None  # given back for the screen's redraws
    assert (fig.dpi, tuple(fig.get_size_inches())) == (dpi, inches)
    assert ours == _matplotlibs_own_png(reference)


@pytest.mark.parametrize("kind", ["months", "weekday_hour"])
def test_a_figure_without_a_canvas_at_another_dpi_saves_the_same_picture(kind):
    built, reference = CHARTS[kind](), CHARTS[kind]()
    assert figure_png_bytes(built, dpi=96) == _matplotlibs_own_png(reference, dpi=96)


def test_a_chart_file_is_the_same_picture_and_a_pdf_keeps_matplotlibs_way(tmp_path):
    fig, reference = CHARTS["weekday_hour"](), CHARTS["weekday_hour"]()
    path = save_figure(fig, tmp_path / "diagram.png")
    assert path.read_bytes() == _matplotlibs_own_png(reference)
    pdf = save_figure(fig, tmp_path / "diagram.pdf")
    assert pdf.read_bytes().startswith(b"%PDF") and fig.get_layout_engine() is not None


def test_the_layout_for_the_fits_places_the_axes_as_a_draw_does():
    fig, ax = new_axes()
    ax.set_ylabel("Antal händelser, en lång etikett")
    ax.set_xticks(range(5), [f"etikett {i}" for i in range(5)])
    lay_out(fig)
    box = ax.get_position().bounds
    fig.draw_without_rendering()
    assert ax.get_position().bounds == pytest.approx(box)
    laid_out(fig)  # outside a resize: always laid out anew
    assert ax.get_position().bounds == pytest.approx(box)


def test_copying_a_chart_shown_in_the_gui_leaves_the_shown_chart_as_it_was(qtbot):
    """ui/widgets/chart_view.py: "Copy" and "Save as…" save the figure its Qt canvas shows."""
    from ui.widgets.chart_view import ChartView

    view = ChartView("chart")
    qtbot.addWidget(view)
    view.resize(640, 420)
    view.set_figure(CHARTS["weekday_hour"]())
    view.show()
    qtbot.waitExposed(view)
    assert view.canvas is not None and view.figure is not None
    fig = view.figure
    size, dpi, inches, engine = view.canvas.size(), fig.dpi, tuple(fig.get_size_inches()), fig.get_layout_engine()
    png = figure_png_bytes(fig)
    assert png.startswith(b"\x89PNG")
    assert (view.canvas.size(), fig.dpi, tuple(fig.get_size_inches())) == (size, dpi, inches)
    assert fig.get_layout_engine() is engine and engine is not None
    view.canvas.draw()  # the screen's next draw lays the figure out again
    assert fig.get_layout_engine() is engine
