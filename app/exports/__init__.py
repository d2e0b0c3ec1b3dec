"""Excel exports (openpyxl, no Qt): the management report, any table as shown, and their shared helpers.

    from app.exports.report import write_report      # the management report (also `trygghetscenter export report`)
    from app.exports.tables import write_table        # "Exportera till Excel" for any table

Both write only what the exporting actor may see, stamp every page with a classification marking,
who exported and when, and save the file whole or not at all (ExportError otherwise).
"""

from __future__ import annotations

from app.exports.excel import ExportColumn, ExportError

__all__ = ["ExportColumn", "ExportError"]
