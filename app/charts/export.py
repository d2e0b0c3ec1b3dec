"""Writing a chart to a PNG or PDF file, or to PNG bytes for the clipboard.

A chart that leaves the program carries its marking (`ChartMarking`: the classification, who exported
it when, the filters; the wording is app/exports/marking.py's): a small footer line drawn below the
chart in the picture itself, and the same as the PNG's text chunks or the PDF's properties.
"""

from __future__ import annotations

import contextlib
import io
import os
import textwrap
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from app.errors import TrygghetError
from app.files import whole_file
from app.i18n import _

FORMATS = ("png", "pdf")
FOOTER_SIZE = 7.0  # points
FOOTER_COLOUR = "#333333"
FOOTER_PAD = 4.0  # points around the footer's lines
FOOTER_LINE_CHARS = 0.52  # an average character's width, in font sizes (to wrap a long footer)


@dataclass(frozen=True)
class ChartMarking:
    """What a saved or copied chart says of itself: `footer`, drawn below the chart, and `metadata`,
    written as the PNG's text chunks (the PDF gets title, author, subject and keywords from it)."""

    footer: str
    metadata: Mapping[str, str] = field(default_factory=dict)

    def pdf_metadata(self) -> dict[str, str]:
        meta = dict(self.metadata)
        return {
            "Title": meta.get("Title", ""),
            "Author": meta.get("Author", ""),
            "Subject": self.footer,
            "Keywords": meta.get("Classification", ""),
        }


class ChartExportError(TrygghetError):
    """The chart could not be written: unsupported format or the file could not be created."""


def _format(path: Path, fmt: str | None) -> str:
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        shown = chosen or path.name
        raise ChartExportError(_("Charts can be saved as PNG or PDF, not as '{format}'.", format=shown))
    return chosen


@contextlib.contextmanager
def _laid_out_for_saving(fig: Figure, fmt: str, dpi: float) -> Iterator[None]:
    """The figure laid out once at the saved size, and saved without its layout engine.

    With a layout engine, `savefig` first draws the whole figure unrendered only to run the layout,
    then draws it again to the file: each bar, text and line twice. Running just the layout here, at
    the dpi the file gets, gives the same positions at about a third of the cost of that first draw.
    A raster format only: a vector format draws at 72 dpi, where savefig's own way is kept.
    """
    engine = fig.get_layout_engine()
    if engine is None or fmt != "png":
        yield
        return
    screen_dpi = fig.dpi
    try:
        fig.set_dpi(dpi)
        engine.execute(fig)
        fig.set_layout_engine(None)
    finally:
        fig.set_dpi(screen_dpi)
    try:
        yield
    finally:
        fig.set_layout_engine(engine)


def _footer_lines(text: str, width_points: float) -> list[str]:
    per_line = max(int((width_points - 2 * FOOTER_PAD) / (FOOTER_SIZE * FOOTER_LINE_CHARS)), 20)
    lines: list[str] = []
    for part in text.split(" · ") if len(text) > per_line else [text]:
        if lines and len(lines[-1]) + 3 + len(part) <= per_line:
            lines[-1] = f"{lines[-1]} · {part}"
        else:
            lines += textwrap.wrap(part, per_line) or [""]
    return lines


def _raised(y: float, height: float, strip: float) -> float:
    """A figure fraction of the old height as one of the figure grown by `strip` below."""
    return (y * height + strip) / (height + strip)


@contextlib.contextmanager
def _with_footer(fig: Figure, marking: ChartMarking | None, fmt: str, dpi: float) -> Iterator[None]:
    """The figure grown by a strip at its foot holding the marking's footer, while it is saved.

    The layout is run first at the saved size and held (as `_laid_out_for_saving` does), then the
    figure is made taller and what it holds moved up by the strip, so the chart itself is drawn as
    without the footer. Everything is put back afterwards: the chart on screen has no footer.
    """
    if marking is None or not marking.footer:
        yield
        return
    width, height = fig.get_size_inches()
    lines = _footer_lines(marking.footer, width * 72)
    strip = (len(lines) * FOOTER_SIZE * 1.25 + 2 * FOOTER_PAD) / 72  # inches
    engine = fig.get_layout_engine()
    screen_dpi = fig.dpi
    if engine is not None:
        try:
            fig.set_dpi(dpi if fmt == "png" else 72)
            engine.execute(fig)
        finally:
            fig.set_dpi(screen_dpi)
        fig.set_layout_engine(None)
    positions = [(ax, ax.get_position(original=False), ax.get_position(original=True)) for ax in fig.axes]
    texts = [(t, t.get_position()) for t in fig.texts if t.get_transform() == fig.transFigure]
    legends = [(legend, legend._bbox_to_anchor) for legend in fig.legends]  # type: ignore[attr-defined]  # None: the figure's box
    fig.set_size_inches(width, height + strip, forward=False)
    footer: Text | None = None
    try:
        share = height / (height + strip)
        for ax, active, _original in positions:
            ax.set_position((active.x0, _raised(active.y0, height, strip), active.width, active.height * share))
        for text, (x, y) in texts:
            text.set_position((x, _raised(y, height, strip)))
        for legend, _anchor in legends:
            legend.set_bbox_to_anchor(Bbox.from_bounds(0, strip / (height + strip), 1, share), fig.transFigure)
        footer = fig.text(
            FOOTER_PAD / 72 / width,
            (strip - FOOTER_PAD / 72) / (height + strip),
            "\n".join(lines),
            ha="left",
            va="top",
            fontsize=FOOTER_SIZE,
            color=FOOTER_COLOUR,
            linespacing=1.25,
        )
        yield
    finally:
        if footer is not None:
            footer.remove()
        fig.set_size_inches(width, height, forward=False)
        for ax, active, original in positions:
            ax.set_position(original, which="original")
            ax.set_position(active, which="active")
        for text, position in texts:
            text.set_position(position)
        for legend, anchor in legends:
            legend._bbox_to_anchor = anchor  # type: ignore[attr-defined]
            legend.stale = True
        if engine is not None:
            fig.set_layout_engine(engine)


def _metadata(marking: ChartMarking | None, fmt: str) -> dict[str, str] | None:
    if marking is None:
        return None
    return marking.pdf_metadata() if fmt == "pdf" else dict(marking.metadata)


def save_figure(
    fig: Figure,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    dpi: int = 150,
    *,
    marking: ChartMarking | None = None,
) -> Path:
    """Write `fig` as PNG or PDF (from the suffix unless `fmt`); the file appears whole or not at all.

    With `marking`, its footer is drawn below the chart and its metadata written into the file."""
    target = Path(path)
    chosen = _format(target, fmt)
    if not target.suffix:
        target = target.with_suffix(f".{chosen}")
    try:
        with whole_file(target) as stream, _marked(fig, marking, chosen, dpi):
            fig.savefig(stream, format=chosen, dpi=dpi, facecolor="white", metadata=_metadata(marking, chosen))
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise ChartExportError(_("Cannot write the chart to {path}: {detail}", path=target, detail=detail)) from exc
    return target


def figure_png_bytes(fig: Figure, dpi: int = 150, *, marking: ChartMarking | None = None) -> bytes:
    """The chart as PNG bytes (for the clipboard; with `marking`, its footer and text chunks)."""
    buffer = io.BytesIO()
    with _marked(fig, marking, "png", dpi):
        fig.savefig(buffer, format="png", dpi=dpi, facecolor="white", metadata=_metadata(marking, "png"))
    return buffer.getvalue()


def _marked(fig: Figure, marking: ChartMarking | None, fmt: str, dpi: float) -> contextlib.AbstractContextManager:
    """Laid out for saving, and with the marking's footer when there is one (which lays out by itself)."""
    if marking is not None and marking.footer:
        return _with_footer(fig, marking, fmt, dpi)
    return _laid_out_for_saving(fig, fmt, dpi)
