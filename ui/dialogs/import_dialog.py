"""Importing observations or measurements from Excel: choose a file, see every problem, then import.

Nothing is saved until the preview is clean and the user presses Import; the import itself is
all-or-nothing and skips rows imported before (app/imports).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.i18n import _, ngettext
from app.imports import (
    ImportKind,
    ImportPreview,
    ImportRejected,
    ImportResult,
    import_measurements,
    import_observations,
    preview_measurements,
    preview_observations,
    write_measurement_template,
    write_observation_template,
)
from ui.context import AppContext
from ui.errors import message_for
from ui.widgets.files import ask_save_path
from ui.widgets.form import restyle
from ui.widgets.tables import fill_texts, text_table
from ui.window_state import IMPORT_FOLDER, remember_folder, remembered_folder

SERVICES = {
    ImportKind.OBSERVATIONS: (preview_observations, import_observations, write_observation_template),
    ImportKind.MEASUREMENTS: (preview_measurements, import_measurements, write_measurement_template),
}


class ImportDialog(QDialog):
    def __init__(self, ctx: AppContext, kind: ImportKind, parent=None):
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.ctx = ctx
        self.kind = kind
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.preview_fn, self.import_fn, self.template_fn = SERVICES[kind]
        title = _("Import observations") if kind is ImportKind.OBSERVATIONS else _("Import measurements")
        self.setWindowTitle(title)

        intro = QLabel(
            _(
                "Choose an Excel file (.xlsx) laid out like the import template. Every row is checked "
                "first; nothing is saved until the file is free of problems and you press Import."
            )
        )
        intro.setWordWrap(True)
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        self.path.setReadOnly(True)
        self.path.setPlaceholderText(_("No file chosen"))
        self.path.setAccessibleName(_("File to import"))
        choose = QPushButton(_("&Choose file…"))
        choose.clicked.connect(self.choose_file)
        template = QPushButton(_("&Download import template…"))
        template.setObjectName("downloadTemplate")
        template.clicked.connect(self.save_template)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(choose)
        file_row.addWidget(template)

        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.problems = text_table(
            "importProblems", [_("Row"), _("Column"), _("What to correct")], _("Problems found in the file")
        )
        header = self.problems.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("importButton")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)

        # A file with personal data in its descriptions: replace it all by placeholders, or correct the file.
        self.remove_personal_data = False
        self.remove_personal = QPushButton(_("&Replace the personal data with [personnummer] etc. and check again"))
        self.remove_personal.setObjectName("removePersonalData")
        self.remove_personal.clicked.connect(self.clean_personal_data)
        self.remove_personal.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(file_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.remove_personal, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 520)

    # --- file ------------------------------------------------------------------------------------

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose the file to import"), str(remembered_folder(IMPORT_FOLDER)), _("Excel workbook (*.xlsx)")
        )
        if path:
            remember_folder(IMPORT_FOLDER, Path(path).parent)
            self.load(Path(path))

    def load(self, path: Path, remove_personal_data: bool = False) -> None:
        """Read and check the file in the background; nothing is saved."""
        self.path.setText(str(path))
        self.preview = None
        self.remove_personal_data = remove_personal_data
        self.import_button.setEnabled(False)
        self.remove_personal.hide()
        self.summary.setText(_("Checking the file…"))
        self.problems.setRowCount(0)
        self.ctx.call(self.preview_fn, path, **self._options(), on_success=self._show_preview, on_error=self._failed)

    def _options(self) -> dict:
        return {"remove_personal_data": True} if self.remove_personal_data else {}

    def clean_personal_data(self) -> None:
        """Check the file again with every personnummer, phone number … replaced by its placeholder;
        the import then saves the texts so (the file itself is left as it is)."""
        self.load(Path(self.path.text()), remove_personal_data=True)

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self._show_problems(preview.problems)
        if preview.problems:
            rows = ngettext("{n} row read", "{n} rows read", preview.rows)
            problems = ngettext(
                "{n} problem to correct in the file before anything can be imported.",
                "{n} problems to correct in the file before anything can be imported.",
                len(preview.problems),
            )
            self.summary.setText(_("{rows}; {problems}", rows=rows, problems=problems))
            role = "errorBanner"
        else:
            rows = ngettext("{n} row read", "{n} rows read", preview.rows)
            self.summary.setText(
                _(
                    "{rows}, no problems: {new} new, {earlier} already imported earlier (they are skipped).",
                    rows=rows,
                    new=preview.new_rows,
                    earlier=preview.duplicates,
                )
            )
            role = ""
        restyle(self.summary, "role", role)
        self.import_button.setEnabled(preview.ok and preview.new_rows > 0)
        offer = bool(preview.personal_data) and not self.remove_personal_data and self.kind is ImportKind.OBSERVATIONS
        self.remove_personal.setVisible(offer)

    def _show_problems(self, problems) -> None:
        fill_texts(self.problems, [("" if p.row is None else str(p.row), p.column or "", p.message) for p in problems])
        self.problems.resizeRowsToContents()

    def _failed(self, exc: Exception) -> None:
        self.import_button.setEnabled(False)
        if isinstance(exc, ImportRejected):  # the file changed between the check and the import
            self._show_problems(exc.problems)
        self.summary.setText(message_for(exc)[1])
        restyle(self.summary, "role", "errorBanner")

    # --- import ----------------------------------------------------------------------------------

    def run_import(self) -> None:
        if self.preview is None or not self.preview.ok:
            return
        self.import_button.setEnabled(False)
        self.summary.setText(_("Importing…"))
        self.ctx.call(
            self.import_fn, Path(self.path.text()), **self._options(), on_success=self._imported, on_error=self._failed
        )

    def _imported(self, result: ImportResult) -> None:
        self.result = result
        self.accept()

    def result_text(self) -> str:
        if self.result is None:
            return ""
        added = ngettext("{n} row was imported", "{n} rows were imported", self.result.added)
        return _("{added}; {earlier} imported earlier were skipped.", added=added, earlier=self.result.duplicates)

    # --- template --------------------------------------------------------------------------------

    def save_template(self) -> None:
        name = (
            _("import template observations")
            if self.kind is ImportKind.OBSERVATIONS
            else _("import template measurements")
        )
        target = ask_save_path(
            self, _("Save the import template"), IMPORT_FOLDER, f"{name}.xlsx", _("Excel workbook (*.xlsx)"), ".xlsx"
        )
        if target is not None:
            self.write_template(target)

    def write_template(self, target: Path) -> None:
        def done(_result) -> None:
            self.summary.setText(
                _("The template was saved as %1. Fill it in and choose it above.").replace("%1", str(target))
            )

        self.ctx.call(self.template_fn, target, on_success=done, on_error=self._failed)
