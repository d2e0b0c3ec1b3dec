"""Excel exports (openpyxl, no Qt): the management report, any table as shown, and their shared helpers.

    from app.exports.report import write_report      # the management report (also `trygghetscenter export report`)
    from app.exports.tables import write_table        # "Exportera till Excel" for any table

Both write only what the exporting actor may see, stamp every page with a classification marking,
who exported and when, and save the file whole or not at all (ExportError otherwise).

The names below load app.exports.excel (and openpyxl) on first use, not with the package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.exports.excel import ExportColumn, ExportError

__all__ = ["ExportColumn", "ExportError"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # openpyxl loads with the first use of these names, not with the package
    from app.exports import excel

    value = getattr(excel, name)
    globals()[name] = value
    return value
