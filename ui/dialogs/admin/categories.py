"""Administration → Händelsetyper: the event types as a tree, each with its samverkansområde in the
agreement period chosen at the top; moving a type to another area says first what it does to the figures."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem

from app.i18n import _
from app.services import reference
from app.services.reference import (
    AgreementPeriodRow,
    AreaMove,
    AreaRow,
    CategoryInput,
    CategoryRow,
)
from ui.confirm import DestructiveQuestion
from ui.context import AppContext
from ui.dialogs.admin.common import AdminPage, optional_choice, period_caption, period_in_force, yes_no
from ui.dialogs.base import EditDialog
from ui.forms import Field, check, line
from ui.widgets.combos import ChoiceCombo
from ui.widgets.form import label_for

ROW_HEIGHT = 24  # as the tables' rows (ui/widgets/tables.make_table)


def category_fields(categories: list[CategoryRow], areas: list[AreaRow], row: CategoryRow | None) -> list[Field]:
    """The fields of an event type, named as CategoryInput's; a type is never its own parent."""
    parents = [(f"{c.name} ({c.code})", c.id) for c in categories if row is None or c.id != row.id]
    return [
        line("code", _("&Code"), placeholder=_("e.g. VALD"), limit=32),
        line("name", _("&Name"), limit=120),
        optional_choice("parent_id", _("&Parent event type"), parents, _("(none: a main type)")),
        optional_choice(
            "area_id",
            _("Sa&mverkansområde"),
            # A retired area is offered only to the types that still count to it.
            [(a.name, a.id) for a in areas if a.active or (row is not None and a.id == row.area_id)],
            _("(no area)"),
        ),
        check("active", _("&In use (offered in the forms)")),
    ]


def _get_in_period(session, actor, category_id: int, period_id: int | None) -> CategoryRow:
    return reference.get_category(session, actor, category_id, period_id=period_id)


class CategoryDialog(EditDialog):
    """A new event type or a change to one; its area is that of `period`."""

    def __init__(
        self,
        ctx: AppContext,
        period: AgreementPeriodRow | None,
        categories: list[CategoryRow],
        areas: list[AreaRow],
        row: CategoryRow | None = None,
        parent=None,
    ):
        super().__init__(ctx, parent)
        self.setObjectName("categoryDialog")
        self.row = row
        self.period = period
        self.move_question: DestructiveQuestion | None = None
        self._confirmed_area: int | None = None  # the move the person has agreed to
        self.setWindowTitle(_("Edit event type") if row else _("New event type"))
        form = self.declare(category_fields(categories, areas, row), CategoryInput)
        self.code, self.name, self.parent_choice, self.area = (
            form["code"],
            form["name"],
            form["parent_id"],
            form["area_id"],
        )
        if period is not None:
            self.form.addRow("", QLabel(_("The area is that of the agreement period {name}.", name=period.name)))
        self.finish_layout()
        self.resize(520, 300)
        if row is not None:
            self.fill(row)
        self.code.setFocus()

    @property
    def period_id(self) -> int | None:
        return self.period.id if self.period is not None else None

    def data(self) -> CategoryInput:
        return CategoryInput(**self.declared.values(), period_id=self.period_id)

    def current_call(self):
        if self.row is None:
            return None
        return partial(_get_in_period, period_id=self.period_id), (self.row.id,)

    def save_call(self):
        if self.row is None:
            return reference.create_category, (self.data(),), {}
        return reference.update_category, (self.row.id, self.data(), self.row.version), {}

    def save(self) -> None:
        """A stored type whose area changes: first ask what the move does to the figures."""
        area_id = self.declared.values()["area_id"]
        if self.row is None or area_id == self.row.area_id or area_id == self._confirmed_area:
            super().save()
            return
        self.clear_errors()
        self._set_busy(True)
        self.ctx.call(
            reference.category_area_move,
            self.row.id,
            area_id,
            period_id=self.period_id,
            on_success=lambda move: self._ask(move, area_id),
            on_error=self._failed,
        )

    def _ask(self, move: AreaMove, area_id: int | None) -> None:
        self._set_busy(False)
        if not move.moves:
            self._confirmed_area = area_id
            super().save()
            return
        none = _("no area")
        text = _(
            "“{name}” moves from {old} to {new} in the agreement period {period}.",
            name=self.row.name,
            old=move.old_area or none,
            new=move.new_area or none,
            period=move.period_name,
        )
        text += " " + _(
            "The figures change from now on, for the whole period: {old} loses {events} events and {new} gains them.",
            old=move.old_area or none,
            new=move.new_area or none,
            events=move.events,
        )
        box = DestructiveQuestion(self, _("Move the event type?"), text, _("&Move it"), keep=_("&Keep the old area"))
        box.setObjectName("areaMoveQuestion")
        self.move_question = box

        def answered(_code: int) -> None:
            self.move_question = None
            if box.chosen():
                self._confirmed_area = area_id
                self.save()

        box.finished.connect(answered)
        box.open()


class CategoriesPage(AdminPage):
    COLUMNS = 4

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("adminCategoriesPage")
        self.periods: list[AgreementPeriodRow] = []
        self.rows: list[CategoryRow] = []
        self.areas: list[AreaRow] = []
        self.items: dict[int, QTreeWidgetItem] = {}  # by category id
        self.period = ChoiceCombo()
        self.period.setObjectName("categoryPeriod")
        self.period.currentIndexChanged.connect(lambda _i: self._load_period())
        top = QHBoxLayout()
        top.addWidget(label_for(_("Samverkansområden of the agreement &period"), self.period))
        top.addWidget(self.period)
        top.addStretch()
        self.tree = QTreeWidget()
        self.tree.setObjectName("categoryTree")
        self.tree.setAccessibleName(_("Event types"))
        self.tree.setHeaderLabels([_("Name"), _("Code"), _("Samverkansområde"), _("Active")])
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.edit())
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.tree, 1)
        self.new_button = self.button(_("&New event type…"), "newCategory", self.new)
        self.edit_button = self.button(_("&Edit…"), "editCategory", self.edit)
        self.active_button = self.button(_("&Retire"), "toggleActive", self.toggle_active)
        self.finish_buttons()
        self._update_buttons()

    def reload(self) -> None:
        self.ctx.call(reference.list_agreement_periods, on_success=self._periods_loaded, on_error=self.error)

    def _periods_loaded(self, periods: list[AgreementPeriodRow]) -> None:
        self.periods = periods
        chosen = self.period.current_value()
        if chosen is None:
            in_force = period_in_force(periods)
            chosen = in_force.id if in_force else None
        self.period.blockSignals(True)
        self.period.set_items([(period_caption(p), p.id) for p in periods], keep_selection=False)
        self.period.set_value(chosen)
        self.period.blockSignals(False)
        self._load_period()

    def chosen_period(self) -> AgreementPeriodRow | None:
        return next((p for p in self.periods if p.id == self.period.current_value()), None)

    def _load_period(self) -> None:
        period_id = self.period.current_value()
        self.ctx.call(reference.list_categories, period_id=period_id, on_success=self._loaded, on_error=self.error)
        self.ctx.call(
            reference.list_areas, period_id=period_id, on_success=partial(setattr, self, "areas"), on_error=self.error
        )

    def _loaded(self, rows: list[CategoryRow]) -> None:
        chosen = self.selected()
        self.rows = rows
        self.tree.clear()
        self.items = {}
        ordered = sorted(rows, key=lambda c: (c.name.lower(), c.id))
        for row in ordered:
            item = QTreeWidgetItem([row.name, row.code, row.area_name, yes_no(row.active)])
            item.setData(0, Qt.ItemDataRole.UserRole, row)
            # The rows as high as the tables'; on the last column, which stretches, so the others fit their text.
            item.setSizeHint(self.COLUMNS - 1, QSize(0, ROW_HEIGHT))
            if not row.active:
                for column in range(self.COLUMNS):
                    item.setForeground(column, self.palette().placeholderText())
            self.items[row.id] = item
        for row in ordered:  # each under its parent, in name order
            parent = self.items.get(row.parent_id) if row.parent_id is not None else None
            if parent is not None:
                parent.addChild(self.items[row.id])
        self.tree.addTopLevelItems([self.items[r.id] for r in ordered if self.items[r.id].parent() is None])
        self.tree.expandAll()
        if chosen is not None and chosen.id in self.items:
            self.tree.setCurrentItem(self.items[chosen.id])
        self._update_buttons()

    def item_of(self, category_id: int) -> QTreeWidgetItem | None:
        return self.items.get(category_id)

    def selected(self) -> CategoryRow | None:
        item = self.tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _update_buttons(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.active_button.setEnabled(row is not None)
        self.active_button.setText(_("&Bring into use") if row is not None and not row.active else _("&Retire"))

    def new(self) -> None:
        if self.may_change:
            self.open_dialog(CategoryDialog(self.ctx, self.chosen_period(), self.rows, self.areas, parent=self))

    def edit(self) -> None:
        row = self.selected()
        if row is not None and self.may_change:
            self.open_dialog(CategoryDialog(self.ctx, self.chosen_period(), self.rows, self.areas, row, self))

    def toggle_active(self) -> None:
        row = self.selected()
        if row is None or not self.may_change:
            return
        data = CategoryInput(
            row.code, row.name, row.area_id, row.parent_id, not row.active, period_id=self.period.current_value()
        )
        self.ctx.call(reference.update_category, row.id, data, row.version, on_error=self.refused)
