"""Forms declared once: each field's label, input, and how to fill, read, show and compare its value.

A dialog lists its fields (`Field`, made by the helpers below: `line`, `text`, `choice`, ...). From
that one list the `Form` builds the widgets with their labels (attached as buddies, so the label's
Alt+letter moves to the input), fills them from a row the service returned, reads the values the
service takes, and compares the user's values with another stored version for the conflict dialog:
values with values, never one widget's text with another's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QWidget,
)

from app.i18n import _
from ui.widgets.combos import ChoiceCombo
from ui.widgets.form import ValidatedForm, name_for_readers, plain
from ui.widgets.inputs import CheckList, DateEdit, LengthCount, NumberEdit, OptionalDateEdit, text_box


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Field:
    """One field of a form. `name` is the service's field name (of the input dataclass, of the row
    and of ValidationError.errors); `label` is the translated caption with an & mnemonic ("" for a
    check box that carries its own caption)."""

    name: str
    label: str
    make: Callable[[], QWidget]
    read: Callable[[Any], Any]  # widget -> value for the service
    fill: Callable[[Any, Any], None]  # (widget, value) -> None
    display: Callable[[Any], str]  # value -> text for the conflict dialog
    normal: Callable[[Any], Any] = _same  # value -> what two versions are compared by
    page: str = ""  # the tab the field is on, in dialogs with tabs
    hint: str = ""  # a grey line under the field
    # A rule only the form can check (the service never sees the value), e.g. a password typed twice:
    # (value, all values by name) -> the message, or "" when the value is fine.
    check: Callable[[Any, dict[str, Any]], str] | None = None
    preset: bool = False  # the declaration gives the new form's value (else the service's default)
    limit: int = 0  # the most characters the service takes (0: no limit); a count shows near it

    def caption(self, widget: QWidget | None = None) -> str:
        """The label without its mnemonic; a check box without a label is named by its own text."""
        return plain(self.label or (widget.text() if isinstance(widget, QCheckBox) else "") or self.name)


def _composite(widget: QWidget, focus: QWidget) -> QWidget:
    """A field made of several widgets takes focus (from its label's mnemonic) on `focus`.

    A widget with a focus proxy is left out of the Tab chain, so Tab still visits the parts."""
    widget.setFocusProxy(focus)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return widget


# --- kinds of field ----------------------------------------------------------------------------------


def line(name: str, label: str, *, placeholder: str = "", password: bool = False, **kw) -> Field:
    """One line of text; give `limit` (the service's maximum length) for a count near it."""

    def make() -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        if password:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        return edit

    return Field(
        name,
        label,
        make,
        read=lambda w: w.text(),
        fill=lambda w, v: w.setText(v or ""),
        display=lambda v: "" if password else (v or ""),
        **kw,
    )


def text(name: str, label: str, *, placeholder: str = "", height: int = 64, **kw) -> Field:
    """Multi-line text (Tab moves on); give `limit` (the service's maximum length) for a count near it."""
    return Field(
        name,
        label,
        lambda: text_box(placeholder, height),
        read=lambda w: w.toPlainText(),
        fill=lambda w, v: w.setPlainText(v or ""),
        display=lambda v: v or "",
        **kw,
    )


def choice(
    name: str,
    label: str,
    items: Sequence[tuple[str, Any]],
    *,
    searchable: bool = False,
    placeholder: str = "",
    initial: Any = None,
    held: Sequence[tuple[str, Any]] = (),
    **kw,
) -> Field:
    """A combo of (text, value) items; `initial` is chosen in a new form. `held`: items offered only
    to a row that already holds one (a place out of use, an area of an earlier agreement), so that
    opening and saving a row never changes what it refers to."""
    items = list(items)
    texts = {value: caption for caption, value in reversed([*items, *held])}
    held_texts = dict((value, caption) for caption, value in held)

    def fill(combo: ChoiceCombo, value: Any) -> None:
        if value is not None and combo.findData(value) < 0 and value in held_texts:
            combo.addItem(held_texts[value], value)
        combo.set_value(value)

    def make() -> ChoiceCombo:
        combo = ChoiceCombo(searchable=searchable, placeholder=placeholder)
        combo.set_items(items, keep_selection=not searchable)
        if initial is not None:
            combo.set_value(initial)
        return combo

    return Field(
        name,
        label,
        make,
        read=lambda w: w.current_value(),
        fill=fill,
        display=lambda v: texts.get(v, ""),
        preset=initial is not None,
        **kw,
    )


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def date(name: str, label: str, *, latest: dt.date | None = None, initial: dt.date | None = None, **kw) -> Field:
    """A date with a calendar; a new form shows `initial` (default today); `latest`: no later date."""

    def make() -> DateEdit:
        edit = DateEdit(initial)
        if latest is not None:
            edit.setMaximumDate(_qdate(latest))
        return edit

    return Field(
        name,
        label,
        make,
        read=lambda w: w.date().toPython(),
        fill=lambda w, v: w.setDate(_qdate(v)),
        display=lambda v: v.isoformat() if v else "",
        preset=initial is not None,
        **kw,
    )


def optional_date(name: str, label: str, **kw) -> Field:
    """A date that may be left out (a check box 'Set' enables it)."""

    def make() -> OptionalDateEdit:
        edit = OptionalDateEdit(_("Set"))
        return _composite(edit, edit.enabled)

    return Field(
        name,
        label,
        make,
        read=lambda w: w.value(),
        fill=lambda w, v: w.set_value(v),
        display=lambda v: v.isoformat() if v else "",
        **kw,
    )


class OptionalTime(QWidget):
    """A time of day that may be unknown: a check box enables the time field."""

    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.known = QCheckBox(caption)
        self.edit = QTimeEdit(displayFormat="HH:mm")
        self.edit.setEnabled(False)
        self.known.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.known)
        layout.addWidget(self.edit)
        layout.addStretch()

    def value(self) -> dt.time | None:
        return self.edit.time().toPython() if self.known.isChecked() else None

    def set_value(self, value: dt.time | None) -> None:
        self.known.setChecked(value is not None)
        if value is not None:
            self.edit.setTime(QTime(value.hour, value.minute))


def optional_time(name: str, label: str, **kw) -> Field:
    def make() -> OptionalTime:
        edit = OptionalTime(_("Time known"))
        return _composite(edit, edit.known)

    return Field(
        name,
        label,
        make,
        read=lambda w: w.value(),
        fill=lambda w, v: w.set_value(v),
        display=lambda v: v.strftime("%H:%M") if v else "",
        normal=lambda v: v.replace(second=0, microsecond=0) if v else None,
        **kw,
    )


def whole_number(name: str, label: str, *, minimum: int, maximum: int, **kw) -> Field:
    return Field(
        name,
        label,
        lambda: QSpinBox(minimum=minimum, maximum=maximum),
        read=lambda w: w.value(),
        fill=lambda w, v: w.setValue(v),
        display=str,
        **kw,
    )


def _number_normal(value: Any) -> Any:
    """'8,5', '8.5' and 8.5 are the same number; text that is no number compares as typed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return float(str(value).replace(" ", "").replace(",", "."))
    except ValueError:
        return str(value)


def _number_display(value: Any) -> str:
    number = _number_normal(value)
    if isinstance(number, float):
        return f"{number:g}".replace(".", ",")
    return number or ""


def number(name: str, label: str, *, initial: str = "", empty: Any = "", **kw) -> Field:
    """A decimal number typed as text (the service parses it); an empty field reads as `empty`."""

    def make() -> NumberEdit:
        return NumberEdit(initial)

    return Field(
        name,
        label,
        make,
        read=lambda w: w.value() or empty,
        fill=lambda w, v: w.set_value(v),
        display=_number_display,
        normal=_number_normal,
        preset=bool(initial),
        **kw,
    )


def check(name: str, caption: str, *, initial: bool | None = None, **kw) -> Field:
    """A check box that carries its own caption (with its own & mnemonic) and no label."""

    def make() -> QCheckBox:
        box = QCheckBox(caption)
        box.setChecked(bool(initial))
        return box

    return Field(
        name,
        "",
        make,
        read=lambda w: w.isChecked(),
        fill=lambda w, v: w.setChecked(bool(v)),
        display=lambda v: _("Yes") if v else _("No"),
        normal=bool,
        preset=initial is not None,
        **kw,
    )


def check_list(
    name: str,
    label: str,
    items: Sequence[tuple[str, int]],
    *,
    searchable: bool = True,
    placeholder: str = "",
    initial: Iterable[int] = (),
    held: Sequence[tuple[str, int]] = (),
    **kw,
) -> Field:
    """Rows to tick, (text, id) each; reads the ticked ids. `held`: rows shown only where the row
    being edited has them ticked (see `choice`)."""
    items = list(items)
    order = {item_id: index for index, (_text, item_id) in enumerate([*items, *held])}
    texts = {item_id: caption for caption, item_id in [*items, *held]}
    ticked = set(initial)

    def fill(widget: CheckList, ids) -> None:
        wanted = set(ids or ())
        shown = set(widget.item_ids())
        for caption, item_id in held:
            if item_id in wanted and item_id not in shown:
                widget.add_item(caption, item_id)
        widget.set_checked(wanted)

    def make() -> CheckList:
        widget = CheckList(searchable=searchable, placeholder=placeholder)
        widget.set_items(items, ticked)
        return _composite(widget, widget.search if searchable else widget.list)

    def display(ids) -> str:
        ids = sorted(set(ids or ()), key=lambda i: (order.get(i, len(order)), i))
        return ", ".join(texts.get(i, f"#{i}") for i in ids)

    return Field(
        name,
        label,
        make,
        read=lambda w: w.checked_ids(),
        fill=fill,
        display=display,
        normal=lambda v: frozenset(v or ()),
        preset=bool(ticked),
        **kw,
    )


# --- the form --------------------------------------------------------------------------------------


class Form:
    """The widgets of a list of fields, placed on `ValidatedForm`s; values in, values out."""

    def __init__(self, fields: Sequence[Field]):
        names = [f.name for f in fields]
        if len(set(names)) != len(names):
            raise ValueError(f"a field is declared twice: {names}")
        self.fields = list(fields)
        self.widgets: dict[str, QWidget] = {}
        self.counts: dict[str, LengthCount] = {}  # by field name, for the fields with a limit

    def build(self, layout_for: Callable[[str], ValidatedForm]) -> None:
        """Make each field's widget and add it, labelled, to `layout_for(field.page)`."""
        for field in self.fields:
            widget = field.make()
            widget.setObjectName(field.name)
            self.widgets[field.name] = widget
            # A screen reader announces the label (without its &) and the hint under it.
            name_for_readers(widget, field.caption(widget), field.hint)
            below = []
            if field.limit:
                self.counts[field.name] = count = LengthCount(widget, field.limit)
                below.append(count)
            layout = layout_for(field.page)
            layout.add_field(field.name, field.label, widget, below)
            if field.hint:
                hint = QLabel(field.hint)
                hint.setObjectName("hint")
                hint.setProperty("role", "hint")
                hint.setWordWrap(True)
                layout.addRow("", hint)

    def __getitem__(self, name: str) -> QWidget:
        return self.widgets[name]

    def values(self) -> dict[str, Any]:
        """What the user typed, by field name, as the service takes it."""
        return {f.name: f.read(self.widgets[f.name]) for f in self.fields}

    def state(self) -> dict[str, Any]:
        """What the fields show, compared to tell whether anything was typed: the values as the
        service takes them, and the text of a searchable choice (a half-typed name is typing too)."""
        found = {f.name: f.normal(f.read(self.widgets[f.name])) for f in self.fields}
        for name, widget in self.widgets.items():
            if isinstance(widget, ChoiceCombo) and widget.searchable:
                found[name] = (found[name], widget.currentText())
        return found

    def problems(self) -> dict[str, str]:
        """The messages of the fields' own checks, by field name (the service checks everything else)."""
        values = self.values()
        found = {f.name: f.check(values[f.name], values) for f in self.fields if f.check is not None}
        return {name: message for name, message in found.items() if message}

    def fill(self, row: Any, names: Iterable[str] | None = None) -> None:
        """Show `row`'s values (attributes named as the fields; only `names` if given)."""
        wanted = set(names) if names is not None else None
        for field in self.fields:
            if (wanted is None or field.name in wanted) and hasattr(row, field.name):
                field.fill(self.widgets[field.name], getattr(row, field.name))

    def fill_defaults(self, data_class: type) -> None:
        """Show the service's defaults (the input dataclass's) in a new form, for fields whose
        declaration gives no value of its own: the form never preselects more than the service would."""
        defaults = {f.name: f.default for f in dataclasses.fields(data_class) if f.default is not dataclasses.MISSING}
        for field in self.fields:
            if not field.preset and field.name in defaults:
                field.fill(self.widgets[field.name], defaults[field.name])

    def differences(self, row: Any) -> list[tuple[str, str, str]]:
        """(caption, their value, your value) for each field where `row` holds another value than the form."""
        mine = self.values()
        rows = []
        for field in self.fields:
            if not hasattr(row, field.name):
                continue
            theirs = getattr(row, field.name)
            if field.normal(theirs) != field.normal(mine[field.name]):
                widget = self.widgets.get(field.name)
                rows.append((field.caption(widget), field.display(theirs), field.display(mine[field.name])))
        return rows
