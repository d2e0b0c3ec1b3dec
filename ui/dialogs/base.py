"""What the edit dialogs share: saving off the UI thread, keeping input on failure, showing errors,
and asking before typed changes are thrown away."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ConflictError, DatabaseUnavailableError, ValidationError
from app.i18n import _
from app.privacy import find_personal_data, replace_hits
from ui.confirm import DestructiveQuestion
from ui.context import AppContext
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.errors import message_for
from ui.forms import Field, Form
from ui.widgets.form import ValidatedForm


class EditDialog(QDialog):
    """One or more forms plus Save/Cancel. Saving runs the service in the background; on any error
    the dialog stays open with everything the user typed, and says what is wrong.

    Cancel, Escape and the window's close button all come to `reject`: when the values differ from
    those the dialog opened with, it asks first (keeping on editing is the default). The program
    closes without asking: `accept` after a save, `discard` when it throws the form away on purpose,
    and hiding (the screen lock) keeps everything as typed."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, pages: bool = False):
        super().__init__(parent)
        self.ctx = ctx
        self.result_row: Any = None
        self.forms: list[ValidatedForm] = []
        self.declared: Form | None = None  # the fields, when the dialog declares them (see declare)
        self.opened_with: dict[str, Any] | None = None  # the form's state when first shown
        self.discard_question: DestructiveQuestion | None = None
        self.banner = QLabel()
        self.banner.setObjectName("dialogBanner")
        self.banner.setProperty("role", "errorBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        # After a save refused for personal data: one click replaces what was found by placeholders.
        self.remove_personal = QPushButton(_("Replace the personal data with [personnummer] etc."))
        self.remove_personal.setObjectName("removePersonalData")
        self.remove_personal.clicked.connect(self.remove_personal_data)
        self.remove_personal.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addWidget(self.banner)
        self.layout_.addWidget(self.remove_personal, 0, Qt.AlignmentFlag.AlignLeft)
        self.pages: QTabWidget | None = None
        if pages:
            self.pages = QTabWidget()
            self.layout_.addWidget(self.pages, 1)
            self.form = None
        else:
            self.form = ValidatedForm()
            self.forms.append(self.form)
            self.layout_.addLayout(self.form)

    def add_page(self, title: str) -> ValidatedForm:
        page = QWidget()
        form = ValidatedForm(page)
        self.pages.addTab(page, title)
        self.forms.append(form)
        return form

    def declare(self, fields: list[Field], defaults: type | None = None) -> Form:
        """Build the form from its one declaration; fields with a `page` go on tabs of that title.
        `defaults`: the service's input dataclass, whose defaults a new form shows."""
        pages: dict[str, ValidatedForm] = {}

        def layout_for(page: str) -> ValidatedForm:
            if self.pages is None:
                return self.form
            if page not in pages:
                pages[page] = self.add_page(page)
            return pages[page]

        self.declared = Form(fields)
        self.declared.build(layout_for)
        if defaults is not None:
            self.declared.fill_defaults(defaults)
        return self.declared

    # --- changes are not thrown away without asking ------------------------------------------------

    def showEvent(self, event) -> None:
        if self.opened_with is None and self.declared is not None:
            self.opened_with = self.declared.state()
        super().showEvent(event)

    def changed(self) -> bool:
        """Whether the form holds anything the dialog did not open with."""
        if self.declared is None:
            return False
        return self.opened_with is not None and self.declared.state() != self.opened_with

    def reject(self) -> None:
        """Cancel, Escape, the close button: ask first when something was typed."""
        if not self.isVisible() or not self.changed():
            super().reject()
            return
        if self.discard_question is not None:
            return
        box = DestructiveQuestion(
            self,
            _("Discard changes?"),
            _("You have changed the form. Discard your changes?"),
            _("&Discard changes"),
            keep=_("&Keep editing"),
        )
        box.setIcon(QMessageBox.Icon.Question)  # a question about the form, not a warning about stored data
        box.setObjectName("discardQuestion")
        self.discard_question = box

        def answered(_code: int) -> None:
            self.discard_question = None
            if box.chosen():
                self.discard()

        box.finished.connect(answered)
        box.open()

    def discard(self) -> None:
        """Close without saving and without asking (the person said so, or the program must)."""
        super().reject()

    def finish_layout(self) -> None:
        self.layout_.addWidget(self.buttons)

    def current_call(self) -> tuple[Callable, tuple] | None:
        """(service, args) reading the stored version of the edited row, for the conflict dialog."""
        return None

    def adopt(self, row: Any) -> None:
        """Take `row` as the version this dialog edits (its version number is what the next save expects)."""
        self.row = row

    def fill(self, row: Any) -> None:
        """Show `row` in the form."""
        self.declared.fill(row)

    def save_call(self) -> tuple[Callable, tuple, dict]:  # pragma: no cover - implemented by subclasses
        """(service function, args, kwargs) to run as the actor; raise ValidationError for local checks."""
        raise NotImplementedError

    def save(self) -> None:
        self.clear_errors()
        try:
            if self.declared is not None and (problems := self.declared.problems()):
                raise ValidationError(problems)
            fn, args, kwargs = self.save_call()
        except ValidationError as exc:
            self._failed(exc)
            return
        self._set_busy(True)
        self.ctx.call(fn, *args, on_success=self._saved, on_error=self._failed, **kwargs)

    def clear_errors(self) -> None:
        self.banner.hide()
        self.remove_personal.hide()
        for form in self.forms:
            form.clear_errors()

    def field_error(self, name: str) -> str:
        return next((f.error_text(name) for f in self.forms if name in f.fields), "")

    def _set_busy(self, busy: bool) -> None:
        self.buttons.setEnabled(not busy)
        for form in self.forms:
            for widget, _label in form.fields.values():
                widget.setEnabled(not busy)

    def _saved(self, row: Any) -> None:
        self._set_busy(False)
        self.result_row = row
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, ConflictError) and self.current_call() is not None:
            self._resolve_conflict(exc)
            return
        if isinstance(exc, ValidationError):
            unmatched = dict(exc.errors)
            first_page = None
            for index, form in enumerate(self.forms):
                mine = {k: v for k, v in unmatched.items() if k in form.fields}
                if mine:
                    form.show_errors(mine)
                    first_page = index if first_page is None else first_page
                    for key in mine:
                        unmatched.pop(key)
            if self.pages is not None and first_page is not None:
                self.pages.setCurrentIndex(first_page)
            text = _("Please correct the marked fields.")
            if unmatched:
                text += " " + " ".join(unmatched.values())
        else:
            text = message_for(exc)[1]
            if isinstance(exc, DatabaseUnavailableError):
                self.ctx.report_unavailable()
        self.banner.setText(text)
        self.banner.show()
        self.remove_personal.setVisible(bool(self._personal_data()))

    def _text_fields(self) -> dict[str, QWidget]:
        """The form's free-text widgets (one line or several) by field name."""
        return {
            name: widget
            for form in self.forms
            for name, (widget, _label) in form.fields.items()
            if isinstance(widget, (QLineEdit, QPlainTextEdit, QTextEdit))
        }

    @staticmethod
    def _text_of(widget: QWidget) -> str:
        return widget.text() if isinstance(widget, QLineEdit) else widget.toPlainText()  # type: ignore[attr-defined]

    def _personal_data(self) -> dict[str, tuple[QWidget, list]]:
        found = {}
        for name, widget in self._text_fields().items():
            hits = find_personal_data(self._text_of(widget))
            if hits:
                found[name] = (widget, hits)
        return found

    def remove_personal_data(self) -> None:
        """Replace every personnummer, phone number, address … found in the form's texts by its
        placeholder ("[personnummer]"), leaving the rest of the text as typed."""
        for widget, hits in self._personal_data().values():
            cleaned = replace_hits(self._text_of(widget), hits)
            if isinstance(widget, QLineEdit):
                widget.setText(cleaned)
            else:
                widget.setPlainText(cleaned)  # type: ignore[attr-defined]
        self.remove_personal.hide()

    # --- someone else saved first ----------------------------------------------------------------

    def _resolve_conflict(self, exc: ConflictError) -> None:
        """Read the stored version, show it beside the form, and let the user choose."""
        fn, args = self.current_call()
        self.banner.setText(exc.message)
        self.banner.show()
        self.ctx.call(fn, *args, on_success=lambda theirs: self._choose(exc, theirs), on_error=self._failed_plain)

    def _failed_plain(self, exc: Exception) -> None:
        self.banner.setText(message_for(exc)[1])
        self.banner.show()

    def _choose(self, exc: ConflictError, theirs: Any) -> None:
        rows = self.declared.differences(theirs) if self.declared is not None else []
        dialog = ConflictDialog(exc.message, rows, self)
        self.conflict_dialog = dialog  # for tests

        def chosen(code: int) -> None:
            if code == ConflictDialog.TAKE_THEIRS:
                self.adopt(theirs)
                self.fill(theirs)
                self.opened_with = self.declared.state() if self.declared is not None else None
                self.banner.setText(_("The form now shows the version saved by the other person."))
            elif code == ConflictDialog.KEEP_MINE:
                self.adopt(theirs)  # knowingly on top of their version: the next save expects it
                self.banner.hide()
                self.save()

        dialog.finished.connect(chosen)
        dialog.open()
