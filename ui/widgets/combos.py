"""Combo boxes for choosing a row by name, with type-to-search for long lists."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter


class ChoiceCombo(QComboBox):
    """Items are (text, data). With `searchable`, typing any part of a name narrows the list."""

    def __init__(self, parent=None, searchable: bool = False, placeholder: str = ""):
        super().__init__(parent)
        self.searchable = searchable
        if searchable:
            self.setEditable(True)
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            completer = QCompleter(self.model(), self)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.setCompleter(completer)
            if placeholder:
                self.lineEdit().setPlaceholderText(placeholder)

    def set_items(self, items: list[tuple[str, object]], keep_selection: bool = True) -> None:
        current = self.current_value() if keep_selection else None
        self.blockSignals(True)
        self.clear()
        for text, data in items:
            self.addItem(text, data)
        self.blockSignals(False)
        if current is not None:
            self.set_value(current)
        elif self.searchable:
            self.setCurrentIndex(-1)

    def current_value(self):
        """The chosen item's data; for searchable combos only when the text names an item exactly."""
        if self.searchable:
            index = self.findText(self.currentText().strip(), Qt.MatchFlag.MatchFixedString)
            return self.itemData(index) if index >= 0 else None
        return self.currentData()

    def set_value(self, value) -> None:
        index = self.findData(value)
        self.setCurrentIndex(index)
        if index < 0 and self.searchable:
            self.setEditText("")


def describe_choices(pairs) -> str:
    """'District: Märsta; Source: Polisens statistik' for the (caption, combo) pairs that are set."""
    return "; ".join(
        f"{caption}: {combo.currentText()}" for caption, combo in pairs if combo.current_value() is not None
    )
