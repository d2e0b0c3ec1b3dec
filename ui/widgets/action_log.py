"""The log of one action: its dated notes and status changes, and a form to add one."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.vocabulary import ActionStatus, choices, label
from app.errors import ValidationError
from app.i18n import _
from app.services import actions
from app.services.actions import ActionRow, ActionUpdateRow
from app.services.common import TEXT_MAX
from ui import format as fmt
from ui.context import AppContext
from ui.errors import message_for
from ui.models import Column, RowsTableModel
from ui.widgets.combos import ChoiceCombo
from ui.widgets.form import label_for
from ui.widgets.inputs import DateEdit, LengthCount, text_box
from ui.widgets.tables import NoWrapDelegate, fit_columns, make_table


def _status_change(update: ActionUpdateRow) -> str:
    if not update.new_status:
        return ""
    if not update.old_status:
        return f"→ {label(update.new_status)}"
    return f"{label(update.old_status)} → {label(update.new_status)}"


class ActionLog(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.action: ActionRow | None = None
        self.title = QLabel(_("Select an action to see its log"))
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.details = QLabel()
        self.details.setObjectName("actionDetails")
        self.details.setWordWrap(True)
        self.model = RowsTableModel(
            [
                Column(_("Date"), lambda u: fmt.date(u.entry_date), kind="date", raw=lambda u: u.entry_date),
                Column(_("By"), lambda u: u.author_name),
                Column(
                    _("Status"),
                    # The new status is enough to read down the log; the change in full in tooltip and export.
                    lambda u: f"→ {label(u.new_status)}" if u.new_status else "",
                    tooltip=lambda u: _status_change(u),
                    raw=lambda u: _status_change(u),
                ),
                Column(_("Note"), lambda u: u.text, tooltip=lambda u: u.text),
            ]
        )
        self.view = make_table("actionLogTable", title=_("Log of the action"))
        self.view.setModel(self.model)
        # The note is what the log is read for: it takes the room and wraps, each row as tall as its note.
        fit_columns(self.view, stretch=3, keep=(0, 2), shrink_first=(1,))
        self.view.setWordWrap(True)
        self._no_wrap = NoWrapDelegate(self.view)
        for column in (0, 1, 2):
            self.view.setItemDelegateForColumn(column, self._no_wrap)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.entry_date = DateEdit()
        today = dt.date.today()
        self.entry_date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.new_status = ChoiceCombo()
        self.new_status.setObjectName("logNewStatus")
        self.note = text_box(_("What has been done, what was decided, what is next?"))
        self.note.setObjectName("logNote")
        self.note.setMaximumHeight(80)
        self.note.setAccessibleName(_("Note"))
        self.note_count = LengthCount(self.note, TEXT_MAX)
        self.add_button = QPushButton(_("Add to log"))
        self.add_button.setObjectName("addLogEntry")
        self.add_button.clicked.connect(self.add_entry)
        self.message = QLabel()
        self.message.setProperty("role", "fieldError")
        self.message.setWordWrap(True)

        row = QHBoxLayout()
        row.addWidget(label_for(_("Date"), self.entry_date))
        row.addWidget(self.entry_date)
        row.addWidget(label_for(_("New status"), self.new_status))
        row.addWidget(self.new_status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.note_count)
        layout.addWidget(self.message)
        layout.addWidget(self.add_button)
        self.show_action(None)

    def show_action(self, action: ActionRow | None) -> None:
        self.action = action
        self.message.clear()
        editable = bool(action and self._may_change(action))
        for widget in (self.entry_date, self.new_status, self.note, self.add_button):
            widget.setEnabled(editable)
        if action is None:
            self.title.setText(_("Select an action to see its log"))
            self.details.clear()
            self.model.set_rows([])
            return
        self.title.setText(action.title)
        lines = [
            _("Problem: %1").replace("%1", action.problem or "–"),
            _("Operative goal: %1").replace("%1", action.operative_goal or "–"),
            _("Places: %1").replace("%1", ", ".join(action.place_names) or "–"),
            _("Indicators: %1").replace("%1", ", ".join(action.indicator_names) or "–"),
        ]
        self.details.setText("\n".join(lines))
        self.new_status.set_items([(_("(unchanged)"), None), *choices(ActionStatus)], keep_selection=False)
        self.new_status.setCurrentIndex(0)
        self.ctx.call(actions.list_action_updates, action.id, on_success=self._loaded, on_error=self._failed)

    def _may_change(self, action: ActionRow) -> bool:
        actor = self.ctx.actor
        return bool(
            actor and actor.can_edit and (actor.is_admin or actor.organisation_id == action.responsible_organisation_id)
        )

    def _loaded(self, updates: list[ActionUpdateRow]) -> None:
        self.model.set_rows(updates)

    def add_entry(self) -> None:
        if self.action is None:
            return
        self.message.clear()
        self.add_button.setEnabled(False)
        self.ctx.call(
            actions.add_action_update,
            self.action.id,
            self.entry_date.date().toPython(),
            self.note.toPlainText(),
            self.new_status.current_value(),
            expected_version=self.action.version,
            on_success=self._added,
            on_error=self._failed,
        )

    def _added(self, _result) -> None:
        self.add_button.setEnabled(True)
        self.note.clear()

    def _failed(self, exc: Exception) -> None:
        # The typed note stays in the box whatever went wrong.
        self.add_button.setEnabled(self.action is not None and self._may_change(self.action))
        if isinstance(exc, ValidationError):
            self.message.setText(" ".join(exc.errors.values()))
        else:
            self.message.setText(message_for(exc)[1])
