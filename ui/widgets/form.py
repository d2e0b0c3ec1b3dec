"""A form layout whose fields can be marked invalid with a message under each one, and the names a
screen reader gives its inputs."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

# What a screen reader announces as an input of its own; each needs a name.
INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractItemView)


def plain(caption: str) -> str:
    """A caption without its & mnemonic ('&&' is a literal ampersand)."""
    return caption.replace("&&", "\0").replace("&", "").replace("\0", "&")


def name_for_readers(widget: QWidget, name: str, description: str = "") -> QWidget:
    """Give `widget` and the inputs it is made of (the line edit of a date field or of a searchable
    combo, the parts of a composite field) the accessible name and description a screen reader
    announces; parts that have a name of their own keep it."""
    name = plain(name)
    parts = [p for p in widget.findChildren(QWidget) if isinstance(p, INPUTS) and not p.accessibleName()]
    for part in [widget, *parts]:
        part.setAccessibleName(name)
        if description and not part.accessibleDescription():
            part.setAccessibleDescription(description)
    return widget


def restyle(widget: QWidget, name: str, value) -> None:
    """Set a property the style sheet selects on (invalid, role, trend) and apply it at once."""
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def label_for(caption: str, widget: QWidget, description: str = "") -> QLabel:
    """A caption put beside `widget` outside a form (filter bars): its Alt+letter, if any, moves to
    the widget, and a screen reader calls the widget by it."""
    label = QLabel(caption)
    label.setBuddy(widget)
    name_for_readers(widget, caption.rstrip(":"), description)
    return label


class ValidatedForm(QFormLayout):
    """Rows keyed by the service's field names, so a ValidationError maps straight onto them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.fields: dict[str, tuple[QWidget, QLabel]] = {}

    def add_field(self, name: str, caption: str, widget: QWidget, below: Sequence[QWidget] = ()) -> QWidget:
        """Add `widget` labelled `caption`; `below`: widgets shown under it (e.g. a length count)."""
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        for extra in below:
            box.addWidget(extra)
        message = QLabel()
        message.setObjectName(f"error_{name}")
        message.setProperty("role", "fieldError")
        message.setWordWrap(True)
        message.hide()
        box.addWidget(message)
        self.addRow(caption, holder)
        label = self.labelForField(holder)
        if isinstance(label, QLabel):
            # The label's Alt+letter moves focus to the input itself, not to the holder around it.
            label.setBuddy(widget)
        self.fields[name] = (widget, message)
        return widget

    def show_errors(self, errors: dict[str, str]) -> list[str]:
        """Mark each named field; returns the messages that matched no field."""
        unmatched = []
        first = None
        for name, text in errors.items():
            if name not in self.fields:
                unmatched.append(text)
                continue
            widget, message = self.fields[name]
            restyle(widget, "invalid", True)
            message.setText(text)
            message.show()
            first = first or widget
        if first is not None:
            first.setFocus()
        return unmatched

    def clear_errors(self) -> None:
        for widget, message in self.fields.values():
            if widget.property("invalid"):
                restyle(widget, "invalid", False)
            message.hide()
            message.clear()

    def label_for(self, name: str) -> QLabel | None:
        """The caption shown beside the field `name` (None for a field without one, e.g. a check box)."""
        if name not in self.fields:
            return None
        label = self.labelForField(self.fields[name][0].parentWidget())
        return label if isinstance(label, QLabel) else None

    def error_text(self, name: str) -> str:
        return self.fields[name][1].text() if name in self.fields else ""
