"""Small input widgets: the one date field, an optional date, multi-line text with a length count,
a checkable list of linked rows, a decimal number field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.format import number as fmt_number
from ui.widgets.form import restyle


class DateEdit(QDateEdit):
    """The date field of every form and filter: ISO format, a calendar with ISO week numbers, and
    typing that takes a whole date as typed.

    QDateEdit edits one section at a time. With the whole text selected (Ctrl+A, or a click that
    selects it) a typed digit would replace the whole text, which never validates, so Qt drops the
    digits until a '-' moves it on to the month: "2027-03-31" became 2026-03-31. And after a section
    is full Qt moves on by itself, so the '-' a person types next skipped a second section. Here a
    digit typed over the whole text starts at the year, and a separator right after Qt moved on is
    taken as the one already passed. Typing into one selected section still replaces just that one.
    """

    SEPARATORS = frozenset("-./ ")

    def __init__(self, day: dt.date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setCalendarPopup(True)
        self.setCalendarWidget(week_calendar())
        self._moved_on = False  # Qt went on to the next section after the last digit
        day = day or dt.date.today()
        self.setDate(QDate(day.year, day.month, day.day))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        typed = event.text()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier
        if plain and typed in self.SEPARATORS and typed and self._moved_on:
            self._moved_on = False
            event.accept()
            return
        if plain and typed.isdigit():
            line = self.lineEdit()
            if line.hasSelectedText() and line.selectedText() == line.text():
                self.setSelectedSection(QDateEdit.Section.YearSection)
            before = self.currentSectionIndex()
            super().keyPressEvent(event)
            self._moved_on = self.currentSectionIndex() != before
            return
        self._moved_on = False
        super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self._moved_on = False
        super().focusInEvent(event)


def week_calendar() -> QCalendarWidget:
    """A month calendar with ISO week numbers, weeks starting on Monday."""
    calendar = QCalendarWidget()
    calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
    calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
    calendar.setGridVisible(True)
    calendar.setMinimumSize(320, 210)  # room for six weeks beside their numbers
    return calendar


def date_edit(day: dt.date | None = None) -> DateEdit:
    """A date field (see DateEdit) set to `day` (default today)."""
    return DateEdit(day)


def text_box(placeholder: str, height: int = 64) -> QPlainTextEdit:
    """A multi-line text field with a hint of what to write; Tab moves on to the next field."""
    box = QPlainTextEdit()
    box.setPlaceholderText(placeholder)
    box.setMinimumHeight(height)
    box.setTabChangesFocus(True)
    return box


class LengthCount(QLabel):
    """'1 830 / 2 000' under a text with a limit: shown from 80 % of the limit, red at and over it.

    Nothing is cut: text over the limit stays as typed (it may be pasted), the field is marked and
    the count says how much is too much, so the person shortens it before saving."""

    SHOW_FROM = 0.8

    def __init__(self, edit: QLineEdit | QPlainTextEdit, limit: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.edit, self.limit = edit, limit
        self.setObjectName("lengthCount")
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.setProperty("role", "hint")
        edit.textChanged.connect(self.update_count)
        self.update_count()

    def length(self) -> int:
        edit = self.edit
        return len(edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text())

    def over(self) -> bool:
        return self.length() > self.limit

    def update_count(self, *_args) -> None:
        length = self.length()
        self.setVisible(length >= self.limit * self.SHOW_FROM)
        text = f"{fmt_number(length)} / {fmt_number(self.limit)}"
        if length > self.limit:
            text = _("{count} – {n} characters too many", count=text, n=fmt_number(length - self.limit))
        self.setText(text)
        self.setAccessibleName(text)
        role = "fieldError" if length >= self.limit else "hint"
        if self.property("role") != role:
            restyle(self, "role", role)
        if bool(self.edit.property("invalid")) != (length > self.limit):
            restyle(self.edit, "invalid", length > self.limit)


class OptionalDateEdit(QWidget):
    """A date that may be left out: a check box enables the date field."""

    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.enabled = QCheckBox(caption)
        self.edit = DateEdit()
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
            self.add_item(text, item_id, item_id in set(checked))
        self._show_first_checked()

    def add_item(self, text: str, item_id: int, checked: bool = False) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, item_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.addItem(item)

    def item_ids(self) -> list[int]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

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
            # The shortest text that reads back as the same number: "59.62393", not "59.6239" (:g keeps 6 digits).
            text = repr(float(value))
            self.setText((text[:-2] if text.endswith(".0") else text).replace(".", ","))
