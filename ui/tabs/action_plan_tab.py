"""The Åtgärdsplan tab: every action with filters, follow-up colour, overdue rows, and each action's log."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.domain import permissions
from app.domain.vocabulary import ActionStatus, FollowUpColour, choices, label
from app.i18n import _, ngettext
from app.services import actions
from app.services.actions import ActionRow
from app.services.lookups import Lookups, load_lookups
from app.services.runner import Changes
from ui import format as fmt
from ui import window_state
from ui.confirm import confirm_destructive
from ui.models import BAD, NUMBER, Column, RowsTableModel
from ui.tabs.base import BaseTab
from ui.widgets.action_log import ActionLog
from ui.widgets.combos import ChoiceCombo, describe_choices
from ui.widgets.form import label_for
from ui.widgets.search import SearchField
from ui.widgets.tables import fit_columns, make_table

COLOUR_FILL = {
    FollowUpColour.GREEN: QColor("#d3f0dc"),
    FollowUpColour.YELLOW: QColor("#fdefc3"),
    FollowUpColour.RED: QColor("#f9d0cc"),
}
COLOUR_MARK = {
    FollowUpColour.NOT_ASSESSED: "–",
    FollowUpColour.GREEN: "●",
    FollowUpColour.YELLOW: "◐",
    FollowUpColour.RED: "○",
}
OVERDUE_FILL = QColor("#fff1f0")


def action_columns() -> list[Column]:
    """The columns of an action table, shared by the Åtgärdsplan and samverkansområde tabs."""
    return [
        Column(
            _("Action"),
            lambda a: a.title,
            tooltip=lambda a: f"{a.title}\n\n{a.description}" if a.description else a.title,
        ),
        Column(_("Areas"), lambda a: ", ".join(a.area_names)),
        Column(_("Responsible"), lambda a: a.responsible_organisation_name),
        Column(_("Person"), lambda a: a.responsible_person),
        Column(
            _("Start"),
            lambda a: fmt.date(a.start_on),
            kind="date",
            raw=lambda a: a.start_on,
            sort_value=lambda a: a.start_on,
        ),
        Column(
            _("Deadline"),
            lambda a: fmt.date(a.deadline),
            kind="date",
            raw=lambda a: a.deadline,
            sort_value=lambda a: a.deadline,
        ),
        Column(_("Status"), lambda a: label(a.status)),
        Column(
            _("Follow-up"),
            lambda a: f"{COLOUR_MARK[a.follow_up_colour]} {label(a.follow_up_colour)}",
            sort_value=lambda a: list(FollowUpColour).index(a.follow_up_colour),
        ),
        Column(
            _("Overdue"),
            lambda a: (
                ngettext("{n} day", "{n} days", a.days_overdue, n=fmt.number(a.days_overdue)) if a.overdue else ""
            ),
            NUMBER,
            sort_value=lambda a: a.days_overdue if a.overdue else -1,
        ),
    ]


# How an action table fits its width: the title takes the room; dates, status, follow-up colour and
# days overdue are never cut; areas, organisation and person give way first.
ACTION_FIT = {"stretch": 0, "keep": (4, 5, 6, 7, 8), "shrink_first": (1, 2, 3)}


def style_action_model(model: RowsTableModel) -> None:
    """Follow-up colour as cell fill (with a mark and word, so it reads without colour); overdue rows tinted."""
    colour_column = 7

    def background(action: ActionRow, column: int):
        if column == colour_column:
            return COLOUR_FILL.get(action.follow_up_colour)
        return OVERDUE_FILL if action.overdue else None

    def foreground(action: ActionRow, column: int):
        return QColor(BAD) if action.overdue and column in (5, 8) else None

    model.background = background
    model.foreground = foreground


class ActionPlanTab(BaseTab):
    listens_to = ("action", "reference", "indicator")

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("actionPlanTab")
        self.lookups: Lookups | None = None

    def build(self) -> None:

        self.area = ChoiceCombo()
        self.area.setObjectName("actionFilterArea")
        self.status = ChoiceCombo()
        self.status.setObjectName("actionFilterStatus")
        self.organisation = ChoiceCombo()
        self.organisation.setObjectName("actionFilterOrganisation")
        self.overdue_only = QCheckBox(_("Overdue only"))
        self.overdue_only.setObjectName("actionFilterOverdue")
        self.search = SearchField(_("Search title, problem, description"))
        self.search.setObjectName("actionSearch")
        self.search.setToolTip(_("Searches as you type and narrows the list of actions."))
        self.search.setAccessibleName(_("Search title, problem, description"))
        for combo in (self.area, self.status, self.organisation):
            combo.currentIndexChanged.connect(self.mark_stale)
        self.overdue_only.toggled.connect(self.mark_stale)
        self.search.search_changed.connect(self.mark_stale)

        filters = QHBoxLayout()
        for caption, widget in (
            (_("Area"), self.area),
            (_("Status"), self.status),
            (_("Organisation"), self.organisation),
        ):
            filters.addWidget(label_for(caption, widget))
            filters.addWidget(widget, 1)
        filters.addWidget(self.overdue_only)
        filters.addWidget(self.search, 2)

        self.model = RowsTableModel(action_columns())
        style_action_model(self.model)
        self.view = make_table("actionTable", sortable=True, title=_("Action plan"))
        self.view.setModel(self.model)
        fit_columns(self.view, **ACTION_FIT)
        self.view.doubleClicked.connect(self.edit_selected)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.filter_captions = [
            (_("Area"), self.area),
            (_("Status"), self.status),
            (_("Organisation"), self.organisation),
        ]
        self.exportable(self.view, lambda: _("Action plan"), self._export_description)

        self.summary = QLabel()
        self.summary.setObjectName("sectionTitle")
        self.new_button, self.edit_button, self.delete_button = self.crud_buttons(
            _("New action…"), "Action", self.new_action, self.edit_selected, self.delete_selected
        )
        header = QHBoxLayout()
        header.addWidget(self.summary)
        header.addStretch()
        header.addWidget(self.new_button)
        header.addWidget(self.edit_button)
        header.addWidget(self.delete_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(header)
        left_layout.addWidget(self.view)
        self.log = ActionLog(self.ctx)
        self.exportable(self.log.view, lambda: self.log.title.text(), lambda: "")
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.log)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        window_state.keep_splitter(split, "action_plan")

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        self._update_buttons()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches({"reference", "indicator"}):
            self.lookups = None
        super()._on_changes(changes)

    def _export_description(self) -> str:
        parts = [describe_choices(self.filter_captions)]
        if self.overdue_only.isChecked():
            parts.append(_("Overdue only"))
        if self.search.term():
            parts.append(_("text: %1").replace("%1", self.search.term()))
        return "; ".join(p for p in parts if p) or _("All actions")

    def reload(self) -> None:
        if self.lookups is None:
            self.ctx.call(load_lookups, on_success=self._lookups_loaded, on_error=self.error)
            return
        statuses = self.status.current_value()
        self.ctx.call(
            actions.list_actions,
            area_id=self.area.current_value(),
            status=statuses,
            organisation_id=self.organisation.current_value(),
            overdue_only=self.overdue_only.isChecked(),
            text=self.search.term(),
            on_success=self._show,
            on_error=self.error,
        )

    def _lookups_loaded(self, lookups: Lookups) -> None:
        self.lookups = lookups
        everything = _("All")
        for combo in (self.area, self.status, self.organisation):
            combo.blockSignals(True)
        self.area.set_items([(everything, None)] + [(a.name, a.id) for a in lookups.areas])
        open_statuses = (ActionStatus.PLANNED, ActionStatus.ONGOING)
        self.status.set_items([(everything, None), (_("Planned or ongoing"), open_statuses), *choices(ActionStatus)])
        self.organisation.set_items([(everything, None)] + [(o.detail, o.id) for o in lookups.organisations])
        for combo in (self.area, self.status, self.organisation):
            combo.blockSignals(False)
        self.reload()
        self.lookups_arrived()

    def _show(self, rows: list[ActionRow]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        overdue = sum(1 for r in rows if r.overdue)
        self.summary.setText(
            ngettext(
                "{n} action, {overdue} overdue",
                "{n} actions, {overdue} overdue",
                len(rows),
                n=fmt.number(len(rows)),
                overdue=fmt.number(overdue),
            )
        )
        if selected is not None:
            for index, row in enumerate(rows):
                if row.id == selected.id:
                    self.view.selectRow(index)
                    break
        self._selection_changed()

    def selected(self) -> ActionRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _may_change(self, row: ActionRow | None) -> bool:
        actor = self.ctx.actor
        return bool(row and actor and permissions.may_change_action(actor, row.responsible_organisation_id))

    def _selection_changed(self, *_args) -> None:
        self.log.show_action(self.selected())
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.new_button.setEnabled(self.can_edit())
        allowed = self._may_change(self.selected())
        self.edit_button.setEnabled(allowed)
        self.delete_button.setEnabled(allowed)

    def new_action(self) -> None:
        if not self.can_edit():
            return
        if self.wait_for_lookups(self.new_action):
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.action_dialog import ActionDialog

        self._dialog = ActionDialog(self.ctx, self.lookups, parent=self, preset_area_id=self.area.current_value())
        self._dialog.open()

    def edit_selected(self) -> None:
        row = self.selected()
        if not self._may_change(row) or self.lookups is None:
            return
        # start-up: a dialog loads when first opened, not with the tab
        from ui.dialogs.action_dialog import ActionDialog

        self._dialog = ActionDialog(self.ctx, self.lookups, row, parent=self)
        self._dialog.open()

    def delete_selected(self) -> None:
        row = self.selected()
        if not self._may_change(row):
            return
        if confirm_destructive(
            self,
            _("Delete action"),
            _("Delete the action “%1” and its log? This cannot be undone.").replace("%1", row.title),
        ):
            self.ctx.call(
                actions.delete_action,
                row.id,
                row.version,
                on_error=self.error,
            )
