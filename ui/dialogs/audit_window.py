"""The audit trail for administrators: who changed what and when, filtered, with before and after values."""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
)

from app.domain.vocabulary import (
    ActionKind,
    ActionStatus,
    AuditOperation,
    Classification,
    Direction,
    ExpectedEffect,
    FollowUpColour,
    Forum,
    Frequency,
    OrganisationKind,
    PlaceType,
    PreventionType,
    Role,
    Setting,
    Source,
    Vocabulary,
    YesNoUnknown,
    choices,
    label,
)
from app.i18n import _
from app.services import audit_trail as trail
from app.services.audit_trail import AuditChoices, AuditFilter, AuditRow
from ui import window_state
from ui.context import AppContext
from ui.errors import show_error
from ui.labels import field_label
from ui.models import Column, PagedTableModel
from ui.table_export import TableExport
from ui.widgets.combos import ChoiceCombo
from ui.widgets.form import label_for
from ui.widgets.inputs import date_edit
from ui.widgets.tables import fill_texts, make_table, set_widths, text_table

DEFAULT_DAYS = 30


# Fields that hold a value of one of the vocabularies (app/domain/vocabulary.py), shown by its label.
_VOCABULARY_OF_FIELD: dict[str, type[Vocabulary]] = {
    "classification": Classification,
    "role": Role,
    "source": Source,
    "setting": Setting,
    "place_type": PlaceType,
    "status": ActionStatus,
    "new_status": ActionStatus,
    "old_status": ActionStatus,
    "kind": ActionKind,
    "prevention_type": PreventionType,
    "expected_effect": ExpectedEffect,
    "follow_up_colour": FollowUpColour,
    "forum": Forum,
    "frequency": Frequency,
    "direction": Direction,
    "reported_to_police": YesNoUnknown,
}


# The same, for a field whose vocabulary depends on the table.
_VOCABULARY_OF_TABLE_FIELD: dict[tuple[str, str], type[Vocabulary]] = {("organisation", "kind"): OrganisationKind}


def _value_text(field: str, value, names: dict[int, str] | None = None, table: str = "") -> str:
    """A recorded value as a reader wants it: names for the rows it points to (the id where the row is
    gone), labels for fixed vocabularies, Ja/Nej for yes and no."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return label(YesNoUnknown.YES if value else YesNoUnknown.NO)
    if names is not None and isinstance(value, list):
        return ", ".join(names.get(i, f"#{i}") for i in value)
    if names is not None and isinstance(value, int):
        return names.get(value, f"#{value}")
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    vocabulary = _VOCABULARY_OF_TABLE_FIELD.get((table, field)) or _VOCABULARY_OF_FIELD.get(field)
    if vocabulary is not None and value in {member.value for member in vocabulary}:
        return label(vocabulary(value))
    return str(value)


def _values_text(row: AuditRow, values: dict) -> str:
    """One side of an entry in one cell: 'Field: value' per line."""
    return "\n".join(
        f"{field_label(name, row.table_name)}: {_value_text(name, values[name], row.names.get(name), row.table_name)}"
        for name in _fields(row)
        if name in values
    )


def _fields(row: AuditRow) -> list[str]:
    """The changed fields in the order of their names as shown."""
    return sorted(row.changed_fields(), key=lambda name: field_label(name, row.table_name).lower())


class AuditWindow(QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.setObjectName("auditWindow")
        self.setWindowTitle(_("Audit trail"))
        self.ctx = ctx
        self.table_names = {
            "observation": _("Observation"),
            "action": _("Action"),
            "action_update": _("Action log entry"),
            "indicator": _("Indicator"),
            "measurement": _("Measurement"),
            "follow_up_meeting": _("Follow-up meeting"),
            "place": _("Place"),
            "category": _("Event type"),
            "category_area": _("Event type's area"),
            "area": _("Samverkansområde"),
            "organisation": _("Organisation"),
            "app_user": _("User"),
            "agreement_period": _("Agreement period"),
        }
        today = dt.date.today()
        self.date_from = date_edit(today - dt.timedelta(days=DEFAULT_DAYS - 1))
        self.date_to = date_edit(today)
        self.user = ChoiceCombo()
        self.user.setObjectName("auditUser")
        self.table = ChoiceCombo()
        self.table.setObjectName("auditTable")
        self.operation = ChoiceCombo()
        self.operation.set_items([(_("All"), None), *choices(AuditOperation)])
        for widget in (self.user, self.table, self.operation):
            widget.currentIndexChanged.connect(self.reload)
        for widget in (self.date_from, self.date_to):
            widget.dateChanged.connect(self.reload)

        self.model = PagedTableModel(
            [
                Column(
                    _("Time"),
                    lambda r: r.occurred_at.astimezone().strftime("%Y-%m-%d %H:%M:%S"),
                    kind="datetime",
                    raw=lambda r: r.occurred_at.astimezone().replace(tzinfo=None),
                ),
                Column(_("User"), lambda r: r.display_name),
                Column(_("What"), lambda r: self.table_names.get(r.table_name, r.table_name)),
                Column(_("Row"), lambda r: r.row_id, kind="int"),
                Column(_("Change"), lambda r: self.operation_text(r.operation)),
                Column(_("Fields"), lambda r: ", ".join(field_label(f, r.table_name) for f in _fields(r))),
            ],
            self._fetch_page,
        )
        self.view = make_table("auditTable", title=_("Audit trail"))
        self.view.setModel(self.model)
        set_widths(self.view, [150, 150, 150, 60, 90])
        self.view.selectionModel().selectionChanged.connect(self._selected)
        self.count_label = QLabel()
        self.count_label.setObjectName("sectionTitle")
        # The export also holds every entry's values before and after.
        values = [
            Column(_("Before"), lambda r: _values_text(r, r.old_values)),
            Column(_("After"), lambda r: _values_text(r, r.new_values)),
        ]
        self.export = TableExport(
            ctx, self.view, lambda: _("Audit trail"), self._description, self._all_rows, extra_columns=values
        )
        export_button = QPushButton(_("Export to Excel…"))
        export_button.clicked.connect(self.export.run)

        self.details = text_table("auditDetails", [_("Field"), _("Before"), _("After")], _("Changed fields"))
        self.details.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)

        filters = QHBoxLayout()
        for caption, widget in (
            (_("From"), self.date_from),
            (_("To"), self.date_to),
            (_("User"), self.user),
            (_("What"), self.table),
            (_("Change"), self.operation),
        ):
            filters.addWidget(label_for(caption, widget))
            filters.addWidget(widget, 1 if isinstance(widget, ChoiceCombo) else 0)
        header = QHBoxLayout()
        header.addWidget(self.count_label, 1)
        header.addWidget(export_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        window_state.keep_splitter(splitter, "audit")
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addLayout(header)
        layout.addWidget(splitter, 1)
        window_state.keep_geometry(self, window_state.AUDIT_WINDOW, 1000, 680)
        self._choices_loaded = False
        ctx.call(trail.audit_choices, on_success=self._set_choices, on_error=self._error)

    def operation_text(self, operation: AuditOperation) -> str:
        return dict((value, text) for text, value in choices(AuditOperation)).get(operation, str(operation))

    def _set_choices(self, found: AuditChoices) -> None:
        everything = _("All")
        for combo in (self.user, self.table):
            combo.blockSignals(True)
        self.user.set_items(
            [(everything, None)] + [(f"{name} ({username})", username) for username, name in found.users]
        )
        self.table.set_items([(everything, None)] + [(self.table_names.get(t, t), t) for t in found.tables])
        for combo in (self.user, self.table):
            combo.blockSignals(False)
        self._choices_loaded = True
        self.reload()

    def current_filter(self) -> AuditFilter:
        return AuditFilter(
            date_from=self.date_from.date().toPython(),
            date_to=self.date_to.date().toPython(),
            username=self.user.current_value(),
            table_name=self.table.current_value(),
            operation=self.operation.current_value(),
        )

    def reload(self) -> None:
        if not self._choices_loaded:
            return
        self.ctx.call(trail.count_audit_entries, self.current_filter(), on_success=self._counted, on_error=self._error)

    def _counted(self, count: int) -> None:
        shown = f"{count}+" if count >= trail.MAX_COUNT else str(count)
        self.count_label.setText(_("%1 changes").replace("%1", shown))
        self.details.setRowCount(0)
        self.model.reset(count)

    def _fetch_page(self, offset, limit, _sort_key, _descending, on_rows) -> None:
        def failed(exc: Exception) -> None:
            self.model.loading_failed()
            self._error(exc)

        self.ctx.call(
            trail.list_audit_entries,
            self.current_filter(),
            offset=offset,
            limit=limit,
            on_success=on_rows,
            on_error=failed,
        )

    def _selected(self, *_args) -> None:
        index = self.view.currentIndex()
        row: AuditRow | None = self.model.row_at(index.row()) if index.isValid() else None
        self.details.setRowCount(0)
        if row is None:
            return
        fill_texts(
            self.details,
            [
                (
                    field_label(name, row.table_name),
                    _value_text(name, row.old_values.get(name), row.names.get(name), row.table_name),
                    _value_text(name, row.new_values.get(name), row.names.get(name), row.table_name),
                )
                for name in _fields(row)
            ],
        )

    def _description(self) -> str:
        flt = self.current_filter()
        parts = [_("Period %1 – %2").replace("%1", flt.date_from.isoformat()).replace("%2", flt.date_to.isoformat())]
        for caption, combo in ((_("User"), self.user), (_("What"), self.table), (_("Change"), self.operation)):
            if combo.current_value() is not None:
                parts.append(f"{caption}: {combo.currentText()}")
        return "; ".join(parts)

    def _all_rows(self):
        flt = self.current_filter()
        return lambda session, actor: trail.iter_audit_entries(session, actor, flt)

    def _error(self, exc: Exception) -> None:
        show_error(self, exc)
