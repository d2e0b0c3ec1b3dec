"""What the administration pages share: a list that reloads on reference changes, change buttons
that only administrators see, and form fields the reference dialogs need."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from app.i18n import _
from app.services.reference import AgreementPeriodRow
from app.services.runner import Changes
from ui import format as fmt
from ui.context import AppContext
from ui.errors import show_error
from ui.forms import Field, choice

NONE = 0  # the value of a combo's "none" item (a combo item's data cannot be None)


def period_in_force(periods: Sequence[AgreementPeriodRow], day: dt.date | None = None) -> AgreementPeriodRow | None:
    """Of `periods` (newest first, as the service lists them), the one in force on `day` (today):
    the same rule as reference.period_in_force, over rows already fetched."""
    day = day or dt.date.today()
    begun = [p for p in periods if p.starts_on <= day]
    return begun[0] if begun else (periods[-1] if periods else None)


def period_caption(period: AgreementPeriodRow) -> str:
    return f"{period.name} ({fmt.date(period.starts_on)} – {fmt.date(period.ends_on)})"


def yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def optional_choice(name: str, label: str, items: Sequence[tuple[str, int]], none_text: str, **kw) -> Field:
    """A choice that may be left empty: its first item `none_text` reads as None."""
    field = choice(name, label, [(none_text, NONE), *items], **kw)
    texts = dict((value, text) for text, value in items)
    return dataclasses.replace(
        field,
        read=lambda w: w.current_value() or None,
        fill=lambda w, v: w.set_value(v or NONE),
        display=lambda v: texts.get(v, none_text) if v else none_text,
        normal=lambda v: v or None,
    )


def suggested_line(name: str, label: str, suggestions: Sequence[str], **kw) -> Field:
    """Free text with the values already in use offered in a drop-down (a new one may be typed)."""

    def make() -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(list(suggestions))
        combo.setCurrentIndex(-1)
        combo.setEditText("")
        return combo

    def fill(combo: QComboBox, value: Any) -> None:
        combo.setEditText(value or "")

    return Field(
        name,
        label,
        make,
        read=lambda w: w.currentText(),
        fill=fill,
        display=lambda v: v or "",
        normal=lambda v: (v or "").strip(),
        **kw,
    )


class AdminPage(QWidget):
    """One page of the administration window: its list is read again whenever reference data changes
    (here or at another desk); the change buttons show only for administrators."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QWidget | None = None  # the form or question open from this page (for tests)
        self.change_buttons: list[QPushButton] = []
        self.button_row = QHBoxLayout()
        self.layout_ = QVBoxLayout(self)
        ctx.changed.connect(self._changed)

    @property
    def may_change(self) -> bool:
        return self.ctx.actor is not None and self.ctx.actor.is_admin

    def button(self, text: str, name: str, slot: Callable[[], None], row: QHBoxLayout | None = None) -> QPushButton:
        """A change button: in the page's button row (or `row`), shown only to administrators."""
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        button.setVisible(self.may_change)
        self.change_buttons.append(button)
        (row if row is not None else self.button_row).addWidget(button)
        return button

    def finish_buttons(self) -> None:
        self.button_row.addStretch()
        self.layout_.addLayout(self.button_row)

    def _changed(self, changes: Changes) -> None:
        if changes.touches({"reference"}):
            self.reload()

    def reload(self) -> None:  # pragma: no cover - implemented by each page
        raise NotImplementedError

    def open_dialog(self, dialog: QWidget) -> None:
        previous = self.dialog
        if previous is not None and previous is not dialog and not previous.isVisible():
            previous.deleteLater()  # a closed form (with its map's tiles) is not kept for the page's life
        self.dialog = dialog
        dialog.open()

    def error(self, exc: Exception) -> None:
        show_error(self, exc)

    def refused(self, exc: Exception) -> None:
        """A change made from the list failed (say, saved meanwhile at another desk): say why and
        show the list as it is stored now."""
        show_error(self, exc)
        self.reload()
