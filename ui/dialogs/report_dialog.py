"""The management report: choose the period and the file; the workbook is written in the background."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _, ngettext
from ui.context import AppContext
from ui.errors import message_for
from ui.widgets.form import name_for_readers, restyle
from ui.widgets.inputs import date_edit
from ui.window_state import EXPORT_FOLDER, remember_folder, remembered_folder


class ReportDialog(QDialog):
    def __init__(self, ctx: AppContext, date_from: dt.date, date_to: dt.date, parent=None):
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.setWindowTitle(_("Export the management report"))
        self.ctx = ctx
        intro = QLabel(
            _(
                "An Excel workbook for management: summary, lägesbild, each samverkansområde, the action "
                "plan, indicators and the period's observations, with charts and print set-up. It holds "
                "only what you may see, and says who exported it and when."
            )
        )
        intro.setWordWrap(True)
        self.date_from = date_edit(date_from)
        self.date_to = date_edit(date_to)
        folder = remembered_folder(EXPORT_FOLDER)
        self.path = QLineEdit(str(folder / _("Trygghetscenter report %1.xlsx").replace("%1", date_to.isoformat())))
        self.path.setObjectName("reportPath")
        self.path.setAccessibleName(_("File"))
        choose = QPushButton(_("&Choose…"))
        choose.clicked.connect(self.choose)
        path_row = QWidget()
        row = QHBoxLayout(path_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        form = QFormLayout()
        form.addRow(_("&From"), self.date_from)
        form.addRow(_("&To"), self.date_to)
        form.addRow(_("F&ile"), path_row)
        # Figures only by default: free text may hold what the lägesbild should not spread.
        self.with_text = QCheckBox(_("Include free text (descriptions, notes)"))
        self.with_text.setObjectName("reportWithText")
        self.with_text.setChecked(False)
        self.with_text.setToolTip(
            _(
                "Without it the report holds figures only: no descriptions of observations, no texts of the "
                "actions and no notes of the indicators."
            )
        )
        form.addRow("", self.with_text)
        form.labelForField(path_row).setBuddy(self.path)
        name_for_readers(self.date_from, _("From"))
        name_for_readers(self.date_to, _("To"))
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(_("&Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(560, 280)

    def choose(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the report as"), self.path.text(), _("Excel workbook (*.xlsx)")
        )
        if path:
            self.path.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def export(self) -> None:
        # openpyxl loads on the first report, not with the window
        from app.exports.report import write_report
        from app.map import tiles

        date_from, date_to = self.date_from.date().toPython(), self.date_to.date().toPython()
        if date_to < date_from:
            self.status.setText(_("The end date is before the start date."))
            return
        target = Path(self.path.text().strip())
        actor, db = self.ctx.actor, self.ctx.db
        if actor is None:
            return
        self.export_button.setEnabled(False)
        self.status.setText(_("The report is being written…"))
        get, credit = tiles.background(self.ctx.map_tiles())  # the desk's tiles, as the map tab's
        with_text = self.with_text.isChecked()

        def write():
            return write_report(
                db,
                actor,
                date_from,
                date_to,
                target,
                map_tiles=get,
                map_attribution=credit,
                with_text=with_text,
            )

        self.ctx.run(write, on_success=self._done, on_error=self._failed)

    def _done(self, result) -> None:
        remember_folder(EXPORT_FOLDER, Path(result.path).parent)
        self.accept()
        text = _("The report was saved as %1.").replace("%1", str(result.path))
        if result.truncated_cells:
            text += "\n\n" + ngettext(
                "{n} cell was longer than Excel allows and was cut.",
                "{n} cells were longer than Excel allows and were cut.",
                result.truncated_cells,
            )
        box = QMessageBox(QMessageBox.Icon.Information, _("Report exported"), text, parent=self.parentWidget())
        open_button = box.addButton(_("Open the report"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.setObjectName("reportDone")
        box.buttonClicked.connect(
            lambda button: (
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path))) if button is open_button else None
            )
        )
        box.open()

    def _failed(self, exc: Exception) -> None:
        self.export_button.setEnabled(True)
        self.status.setText(message_for(exc)[1])
        restyle(self.status, "role", "errorBanner")
