"""Writing a chart to a PNG or PDF file, or to PNG bytes for the clipboard."""

from __future__ import annotations

import io
import os
from pathlib import Path

from matplotlib.figure import Figure

from app.errors import TrygghetError
from app.files import whole_file
from app.i18n import _

FORMATS = ("png", "pdf")


class ChartExportError(TrygghetError):
    """The chart could not be written: unsupported format or the file could not be created."""


def _format(path: Path, fmt: str | None) -> str:
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    if chosen not in FORMATS:
        shown = chosen or path.name
        raise ChartExportError(_("Charts can be saved as PNG or PDF, not as '{format}'.", format=shown))
    return chosen


def save_figure(fig: Figure, path: str | os.PathLike[str], fmt: str | None = None, dpi: int = 150) -> Path:
    """Write `fig` as PNG or PDF (from the suffix unless `fmt`); the file appears whole or not at all."""
    target = Path(path)
    chosen = _format(target, fmt)
    if not target.suffix:
        target = target.with_suffix(f".{chosen}")
    try:
        with whole_file(target) as stream:
            fig.savefig(stream, format=chosen, dpi=dpi, facecolor="white")
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise ChartExportError(_("Cannot write the chart to {path}: {detail}", path=target, detail=detail)) from exc
    return target


def figure_png_bytes(fig: Figure, dpi: int = 150) -> bytes:
    """The chart as PNG bytes (for the clipboard)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()
