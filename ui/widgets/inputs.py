"""Small input widgets: an optional date, a checkable list of linked rows, a decimal number field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


def date_edit(day: dt.date | None = None) -> QDateEdit:
    """A date field with a calendar, ISO format, set to `day` (default today)."""
    edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
    day = day or dt.date.today()
    edit.setDate(QDate(day.year, day.month, day.day))
    return edit


def text_box(placeholder: str, height: int = 64) -> QPlainTextEdit:
    """A multi-line text field with a hint of what to write."""
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    return box


class OptionalDateEdit(QWidget):
    """A date that may be left out: a check box enables the date field."""

    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.enabled = QCheckBox(caption)
        self.edit = QDateEdit(calendarPopup=True, displayFormat="yyyy-MM-dd")
        today = dt.date.today()
        self.edit.setDate(QDate(today.year, today.month, today.day))
        self.edit.setEnabled(False)
        self.enabled.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.enabled)
        layout.addWidget(self.edit)
        layout.addStretch()

    def value(self) -> dt.date | None:
        return self.edit.date().toPython() if self.enabled.isChecked() else None

    def set_value(self, value: dt.date | None) -> None:
        self.enabled.setChecked(value is not None)
        if value is not None:
            self.edit.setDate(QDate(value.year, value.month, value.day))


class CheckList(QWidget):
    """A list of rows to tick, with a search field that hides rows not matching."""

    def __init__(self, parent=None, searchable: bool = True, placeholder: str = ""):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setVisible(searchable)
        self.list = QListWidget()
        self.list.setMinimumHeight(120)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.search.textChanged.connect(self._filter)

    def set_items(self, items: list[tuple[str, int]], checked: set[int] | tuple = ()) -> None:
        self.list.clear()
        for text, item_id in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if item_id in set(checked) else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self._show_first_checked()

    def checked_ids(self) -> list[int]:
        return [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, ids) -> None:
        wanted = set(ids)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted else Qt.CheckState.Unchecked
            )
        self._show_first_checked()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._show_first_checked()  # a list scrolls only once it is laid out

    def _show_first_checked(self) -> None:
        """A ticked row far down a long list (a place chosen before the form opened) is scrolled into view."""
        for i in range(self.list.count()):
            if self.list.item(i).checkState() == Qt.CheckState.Checked:
                self.list.scrollToItem(self.list.item(i), QListWidget.ScrollHint.PositionAtTop)
                return

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.text().lower())


class NumberEdit(QLineEdit):
    """Free text for a decimal number; accepts a comma. Parsing errors are reported by the service."""

    def value(self) -> str:
        return self.text().strip().replace(" ", "").replace(",", ".")

    def set_value(self, value: float | None) -> None:
        if value is None:
            self.clear()
        else:
            self.setText(f"{value:g}".replace(".", ","))
