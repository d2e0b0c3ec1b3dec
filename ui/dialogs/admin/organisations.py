"""Administration → Organisationer: the organisations of the office (kommun, polis, räddningstjänst,
the kommun's companies, local business …)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout

from app.domain.vocabulary import OrganisationKind, choices, label
from app.i18n import _
from app.services import reference
from app.services.reference import OrganisationInput, OrganisationRow
from ui.context import AppContext
from ui.dialogs.admin.common import AdminPage, yes_no
from ui.dialogs.base import EditDialog
from ui.forms import Field, check, choice, line
from ui.models import Column, RowsTableModel
from ui.widgets.tables import fit_columns, make_table


def organisation_fields() -> list[Field]:
    return [
        line("name", _("&Name"), placeholder=_("e.g. Sigtunahem"), limit=120),
        line("short_name", _("Sh&ort name"), placeholder=_("e.g. Sigtunahem"), limit=40),
        choice("kind", _("&Kind of organisation"), choices(OrganisationKind)),
        check("active", _("&In use (offered in the forms)")),
    ]


class OrganisationDialog(EditDialog):
    def __init__(self, ctx: AppContext, row: OrganisationRow | None = None, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("organisationDialog")
        self.row = row
        self.setWindowTitle(_("Edit organisation") if row else _("New organisation"))
        form = self.declare(organisation_fields(), OrganisationInput)
        self.name, self.short_name, self.kind = form["name"], form["short_name"], form["kind"]
        self.finish_layout()
        self.resize(480, 220)
        if row is not None:
            self.fill(row)
        self.name.setFocus()

    def data(self) -> OrganisationInput:
        return OrganisationInput(**self.declared.values())

    def current_call(self):
        return (reference.get_organisation, (self.row.id,)) if self.row is not None else None

    def save_call(self):
        if self.row is None:
            return reference.create_organisation, (self.data(),), {}
        return reference.update_organisation, (self.row.id, self.data(), self.row.version), {}


class OrganisationsPage(AdminPage):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("adminOrganisationsPage")
        self.rows: list[OrganisationRow] = []
        self.show_retired = QCheckBox(_("&Show organisations not in use as well"))
        self.show_retired.setObjectName("showRetired")
        self.show_retired.setChecked(True)
        self.show_retired.toggled.connect(self._show_rows)
        top = QHBoxLayout()
        top.addWidget(self.show_retired)
        top.addStretch()
        self.model = RowsTableModel(
            [
                Column(_("Name"), lambda o: o.name),
                Column(_("Short name"), lambda o: o.short_name),
                Column(_("Kind of organisation"), lambda o: label(o.kind)),
                Column(_("Active"), lambda o: yes_no(o.active)),
            ]
        )
        self.view = make_table("organisationsTable", sortable=True, title=_("Organisations"))
        self.view.setModel(self.model)
        fit_columns(self.view, stretch=0, keep=(3,))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self.edit())
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.view, 1)
        self.new_button = self.button(_("&New organisation…"), "newOrganisation", self.new)
        self.edit_button = self.button(_("&Edit…"), "editOrganisation", self.edit)
        self.active_button = self.button(_("&Retire"), "toggleActive", self.toggle_active)
        self.finish_buttons()
        self._update_buttons()

    def reload(self) -> None:
        self.ctx.call(reference.list_organisations, on_success=self._loaded, on_error=self.error)

    def _loaded(self, rows: list[OrganisationRow]) -> None:
        self.rows = rows
        self._show_rows()

    def _show_rows(self, *_args) -> None:
        chosen = self.selected()
        self.model.set_rows([o for o in self.rows if o.active or self.show_retired.isChecked()])
        index = next((i for i, o in enumerate(self.model.rows) if chosen is not None and o.id == chosen.id), None)
        if index is not None:
            self.view.selectRow(index)
        self._update_buttons()

    def selected(self) -> OrganisationRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self, *_args) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        self.active_button.setText(_("&Bring into use") if row is not None and not row.active else _("&Retire"))

    def new(self) -> None:
        if self.may_change:
            self.open_dialog(OrganisationDialog(self.ctx, parent=self))

    def edit(self) -> None:
        row = self.selected()
        if row is not None and self.may_change:
            self.open_dialog(OrganisationDialog(self.ctx, row, self))

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None or not self.may_change:
            return
        data = OrganisationInput(row.name, row.short_name, not row.active, row.kind)
        self.ctx.call(reference.update_organisation, row.id, data, row.version, on_error=self.refused)
