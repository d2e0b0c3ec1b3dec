"""Native Excel charts (openpyxl.chart) over the cells of an exported table, not pictures of charts.

Excel and LibreOffice draw them from the table's cells, so a reader who filters or corrects the
data sees the chart follow.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.chart.marker import DataPoint
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun

from app.exports.excel import TableArea

# Okabe–Ito, the colour-blind safe palette the program's own charts use, then darker companions.
PALETTE = (
    "0072B2",
    "E69F00",
    "009E73",
    "D55E00",
    "56B4E9",
    "CC79A7",
    "F0E442",
    "999999",
    "1F4E78",
    "B8860B",
    "2E6B4F",
    "8B2500",
    "2F7FA8",
    "8E4F7A",
    "A89B1E",
    "555555",
)
THIS_PERIOD, EARLIER, BASELINE, TARGET = "0072B2", "BBBBBB", "7F7F7F", "009E73"


def _reference(area: TableArea, index: int) -> Reference:
    column = area.col(index)
    return Reference(area.ws, min_col=column, max_col=column, min_row=area.first_row, max_row=area.last_row)


def _add(chart, area: TableArea, index: int) -> Series:
    """One series over a column's data rows, named by its header (also when the rows are a slice of the table)."""
    series = Series(_reference(area, index), title=area.headers[index])
    chart.series.append(series)
    return series


def _title(text: str, size_pt: float) -> Title:
    """A chart title in a given size (openpyxl's default is large enough to crowd out a small chart)."""
    font = CharacterProperties(sz=int(size_pt * 100), b=True)
    paragraph = Paragraph(pPr=ParagraphProperties(defRPr=font), r=[RegularTextRun(rPr=font, t=text)])
    return Title(tx=Text(rich=RichText(p=[paragraph])), overlay=False)


def _finish(chart, title: str, y_title: str, width_cm: float, height_cm: float) -> None:
    chart.title = _title(title, 12 if width_cm >= 20 else 10)
    chart.y_axis.title = y_title
    chart.width, chart.height = width_cm, height_cm
    chart.legend.position = "b"
    # openpyxl hides the axes unless told otherwise (delete="1"), which Excel honours.
    chart.x_axis.delete = False
    chart.y_axis.delete = False


def _colour(series, colour: str, *, line: bool = False) -> None:
    if line:
        series.graphicalProperties.line.solidFill = colour
    else:
        series.graphicalProperties.solidFill = colour
        series.graphicalProperties.line.solidFill = colour


def _lighter(colour: str, share: float = 0.6) -> str:
    """`colour` mixed with `share` of white."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return "".join(f"{round(c + (255 - c) * share):02X}" for c in (red, green, blue))


def mark_partial(chart: BarChart, points: Sequence[int]) -> None:
    """Draw the columns at `points` (0-based category indexes: months counted only in part) lighter with a
    dashed outline in every series, as the program's own charts do, so they do not read as a drop."""
    for series in chart.series:
        colour = series.graphicalProperties.solidFill
        base = colour.srgbClr if colour is not None and colour.srgbClr is not None else "999999"
        base = base if isinstance(base, str) else base.val
        for index in points:
            point = DataPoint(idx=index)
            point.graphicalProperties.solidFill = _lighter(base)
            point.graphicalProperties.line.solidFill = base
            point.graphicalProperties.line.prstDash = "dash"
            series.dPt.append(point)


def column_chart(
    title: str,
    area: TableArea,
    values: Sequence[int],
    *,
    categories: int = 0,
    stacked: bool = False,
    colours: Sequence[str] = PALETTE,
    y_title: str = "",
    width_cm: float = 24.0,
    height_cm: float = 9.0,
) -> BarChart:
    """Columns per category-column row; `values` are the table's column indexes (0-based), one series each."""
    chart = BarChart()
    chart.type = "col"
    if stacked:
        chart.grouping, chart.overlap = "stacked", 100
    chart.gapWidth = 60
    for index in values:
        _add(chart, area, index)
    chart.set_categories(_reference(area, categories))
    for series, colour in zip(chart.series, list(colours) * (len(chart.series) // len(colours) + 1)):
        _colour(series, colour)
    _finish(chart, title, y_title, width_cm, height_cm)
    return chart


def indicator_chart(
    title: str,
    area: TableArea,
    *,
    categories: int,
    value: int,
    baseline: int | None,
    target: int | None,
    y_title: str = "",
    width_cm: float = 14.0,
    height_cm: float = 7.5,
) -> LineChart:
    """The measured values as a line with markers; baseline and target as dashed lines across the series."""
    chart = LineChart()
    lines: list[tuple[int, str, str | None]] = [(value, THIS_PERIOD, None)]
    lines += [
        (index, colour, "dash") for index, colour in ((baseline, BASELINE), (target, TARGET)) if index is not None
    ]
    for index, colour, dash in lines:
        series = _add(chart, area, index)
        _colour(series, colour, line=True)
        series.graphicalProperties.line.width = 22_000  # EMU, about 1.75 pt
        series.smooth = False
        if dash:
            series.graphicalProperties.line.dashStyle = dash
            series.marker.symbol = "none"
        else:
            series.marker.symbol = "circle"
            series.marker.size = 5
            series.marker.graphicalProperties.solidFill = colour
            series.marker.graphicalProperties.line.solidFill = colour
    chart.set_categories(_reference(area, categories))
    _finish(chart, title, y_title, width_cm, height_cm)
    return chart
