"""Administration → Samverkansområden: the agreement periods, and the areas of the chosen period with
their order; a new period may start with another period's areas."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QSplitter, QVBoxLayout, QWidget

from app.i18n import _
from app.services import reference
from app.services.common import TEXT_MAX
from app.services.reference import AgreementPeriodInput, AgreementPeriodRow, AreaInput, AreaRow
from ui import format as fmt
from ui import window_state
from ui.context import AppContext
from ui.dialogs.admin.common import NONE, AdminPage, period_in_force, yes_no
from ui.dialogs.base import EditDialog
from ui.forms import Field, check, choice, date, line, optional_date, text, whole_number
from ui.models import NUMBER, Column, RowsTableModel
from ui.widgets.tables import fit_columns, make_table, titled


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def period_fields(periods: list[AgreementPeriodRow], new: bool) -> list[Field]:
    """The fields of an agreement period, named as AgreementPeriodInput's; a new one follows the
    latest period (four years, as Sigtuna's agreements run) and may start with its areas."""
    latest = periods[0] if periods else None
    starts = latest.ends_on + dt.timedelta(days=1) if latest else dt.date(dt.date.today().year, 1, 1)
    fields = [
        line("name", _("&Name"), placeholder=_("e.g. Samverkansöverenskommelse 2027–2030"), limit=120),
        date("starts_on", _("Starts &on"), initial=starts if new else None),
        date("ends_on", _("&Ends on"), initial=_years_later(starts, 4) - dt.timedelta(days=1) if new else None),
        optional_date("signed_on", _("Si&gned on")),
        line(
            "signed_by",
            _("Signed &by"),
            placeholder=_("e.g. kommunstyrelsens ordförande, lokalpolisområdeschef"),
            limit=200,
        ),
        text("description", _("&Description"), height=90, limit=TEXT_MAX),
    ]
    if new:
        fields.append(
            choice(
                "copy_areas_from",
                _("Start with the &areas of"),
                [(_("(none: start without areas)"), NONE), *((p.name, p.id) for p in periods)],
                initial=latest.id if latest else NONE,
                hint=_("The new period gets copies of that period's areas and which event types count to each."),
            )
        )
    return fields


class PeriodDialog(EditDialog):
    def __init__(
        self, ctx: AppContext, periods: list[AgreementPeriodRow], row: AgreementPeriodRow | None = None, parent=None
    ):
        super().__init__(ctx, parent)
        self.setObjectName("periodDialog")
        self.row = row
        self.setWindowTitle(_("Edit agreement period") if row else _("New agreement period"))
        form = self.declare(period_fields(periods, row is None), AgreementPeriodInput)
        self.name, self.starts_on, self.ends_on = form["name"], form["starts_on"], form["ends_on"]
        self.copy_from = form["copy_areas_from"] if row is None else None
        self.finish_layout()
        self.resize(600, 440)
        if row is not None:
            self.fill(row)
        self.name.setFocus()

    def data(self) -> AgreementPeriodInput:
        values = self.declared.values()
        values.pop("copy_areas_from", None)
        return AgreementPeriodInput(**values)

    def current_call(self):
        return (reference.get_agreement_period, (self.row.id,)) if self.row is not None else None

    def save_call(self):
        if self.row is None:
            copy = self.declared.values()["copy_areas_from"] or None
            return reference.create_agreement_period, (self.data(),), {"copy_areas_from": copy}
        return reference.update_agreement_period, (self.row.id, self.data(), self.row.version), {}


def area_fields() -> list[Field]:
    return [
        line("name", _("&Name"), limit=120),
        text(
            "description",
            _("&Description"),
            height=120,
            placeholder=_("What the area covers and what the agreement says about it"),
            limit=TEXT_MAX,
        ),
        whole_number(
            "sort_order", _("&Order"), minimum=0, maximum=999, hint=_("Lower numbers come first in the tabs.")
        ),
        check("active", _("&In use (a tab of its own)")),
    ]


class AreaDialog(EditDialog):
    """A new samverkansområde of a period, or a change to one."""

    def __init__(
        self, ctx: AppContext, period: AgreementPeriodRow, row: AreaRow | None = None, next_order: int = 1, parent=None
    ):
        super().__init__(ctx, parent)
        self.setObjectName("areaDialog")
        self.row = row
        self.period = period
        title = _("Edit samverkansområde") if row else _("New samverkansområde")
        self.setWindowTitle(f"{title} – {period.name}")
        form = self.declare(area_fields(), AreaInput)
        self.name, self.description = form["name"], form["description"]
        self.finish_layout()
        self.resize(560, 380)
        if row is not None:
            self.fill(row)
        else:
            form["sort_order"].setValue(next_order)
        self.name.setFocus()

    def data(self) -> AreaInput:
        return AreaInput(**self.declared.values(), agreement_period_id=self.period.id)

    def current_call(self):
        return (reference.get_area, (self.row.id,)) if self.row is not None else None

    def save_call(self):
        if self.row is None:
            return reference.create_area, (self.data(),), {}
        return reference.update_area, (self.row.id, self.data(), self.row.version), {}


class PeriodsPage(AdminPage):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("adminPeriodsPage")
        self.periods: list[AgreementPeriodRow] = []
        self.period_model = RowsTableModel(
            [
                Column(_("Name"), lambda p: p.name),
                Column(_("Starts on"), lambda p: fmt.date(p.starts_on)),
                Column(_("Ends on"), lambda p: fmt.date(p.ends_on)),
                Column(_("Signed on"), lambda p: fmt.date(p.signed_on)),
                Column(_("Signed by"), lambda p: p.signed_by),
            ]
        )
        self.period_view = make_table("periodsTable", title=_("Agreement periods"))
        self.period_view.setModel(self.period_model)
        fit_columns(self.period_view, stretch=4, keep=(1, 2, 3))
        self.period_view.selectionModel().selectionChanged.connect(lambda *_a: self._period_chosen())
        self.period_view.doubleClicked.connect(lambda _index: self.edit_period())
        self.area_model = RowsTableModel(
            [
                Column(_("Name"), lambda a: a.name),
                Column(_("Order"), lambda a: a.sort_order, align=NUMBER, kind="int"),
                Column(_("Active"), lambda a: yes_no(a.active)),
                Column(_("Description"), lambda a: " ".join(a.description.split())),
            ]
        )
        self.area_view = make_table("areasTable", title=_("Samverkansområden"))
        self.area_view.setModel(self.area_model)
        fit_columns(self.area_view, stretch=3, keep=(1, 2))
        self.area_view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.area_view.doubleClicked.connect(lambda _index: self.edit_area())

        period_buttons, area_buttons = QHBoxLayout(), QHBoxLayout()
        self.new_period_button = self.button(_("New &period…"), "newPeriod", self.new_period, period_buttons)
        self.edit_period_button = self.button(_("Ed&it period…"), "editPeriod", self.edit_period, period_buttons)
        period_buttons.addStretch()
        self.new_area_button = self.button(_("&New samverkansområde…"), "newArea", self.new_area, area_buttons)
        self.edit_area_button = self.button(_("&Edit…"), "editArea", self.edit_area, area_buttons)
        self.area_active_button = self.button(_("&Retire"), "toggleAreaActive", self.toggle_area, area_buttons)
        self.up_button = self.button(_("Move &up"), "areaUp", lambda: self.move_area(-1), area_buttons)
        self.down_button = self.button(_("Move &down"), "areaDown", lambda: self.move_area(1), area_buttons)
        area_buttons.addStretch()

        top, bottom = QWidget(), QWidget()
        top_layout, bottom_layout = QVBoxLayout(top), QVBoxLayout(bottom)
        for layout in (top_layout, bottom_layout):
            layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(titled(_("Agreement periods"), self.period_view), 1)
        top_layout.addLayout(period_buttons)
        self.areas_box = titled(_("Samverkansområden"), self.area_view)
        bottom_layout.addWidget(self.areas_box, 1)
        bottom_layout.addLayout(area_buttons)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        window_state.keep_splitter(splitter, "admin_periods")
        self.layout_.addWidget(splitter, 1)
        self._update_buttons()

    # --- periods -----------------------------------------------------------------------------------

    def reload(self) -> None:
        self.ctx.call(reference.list_agreement_periods, on_success=self._periods_loaded, on_error=self.error)

    def _periods_loaded(self, periods: list[AgreementPeriodRow]) -> None:
        chosen = self.selected_period() or period_in_force(periods)
        self.periods = periods
        self.period_model.set_rows(periods)
        index = next((i for i, p in enumerate(periods) if chosen is not None and p.id == chosen.id), None)
        if index is not None:
            self.period_view.selectRow(index)
        self._period_chosen()

    def selected_period(self) -> AgreementPeriodRow | None:
        index = self.period_view.currentIndex()
        return self.period_model.row_at(index.row()) if index.isValid() else None

    def _period_chosen(self) -> None:
        period = self.selected_period()
        self.areas_box.caption.setText(
            _("Samverkansområden of {name}", name=period.name) if period else _("Samverkansområden")
        )
        if period is None:
            self.area_model.set_rows([])
            self._update_buttons()
            return
        self.ctx.call(reference.list_areas, period_id=period.id, on_success=self._areas_loaded, on_error=self.error)

    def new_period(self) -> None:
        if self.may_change:
            self.open_dialog(PeriodDialog(self.ctx, self.periods, parent=self))

    def edit_period(self) -> None:
        period = self.selected_period()
        if period is not None and self.may_change:
            self.open_dialog(PeriodDialog(self.ctx, self.periods, period, self))

    # --- areas -------------------------------------------------------------------------------------

    def _areas_loaded(self, areas: list[AreaRow]) -> None:
        period = self.selected_period()
        if period is not None and any(a.agreement_period_id != period.id for a in areas):
            return  # another period was chosen meanwhile
        chosen = self.selected_area()
        self.area_model.set_rows(areas)
        index = next((i for i, a in enumerate(areas) if chosen is not None and a.id == chosen.id), None)
        if index is not None:
            self.area_view.selectRow(index)
        self._update_buttons()

    def selected_area(self) -> AreaRow | None:
        index = self.area_view.currentIndex()
        return self.area_model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self) -> None:
        period, area = self.selected_period(), self.selected_area()
        self.edit_period_button.setEnabled(period is not None)
        self.new_area_button.setEnabled(period is not None)
        for button in (self.edit_area_button, self.area_active_button):
            button.setEnabled(area is not None)
        rows = self.area_model.rows
        position = next((i for i, a in enumerate(rows) if area is not None and a.id == area.id), -1)
        self.up_button.setEnabled(position > 0)
        self.down_button.setEnabled(0 <= position < len(rows) - 1)
        self.area_active_button.setText(_("&Bring into use") if area is not None and not area.active else _("&Retire"))

    def new_area(self) -> None:
        period = self.selected_period()
        if period is not None and self.may_change:
            following = max((a.sort_order for a in self.area_model.rows), default=0) + 1
            self.open_dialog(AreaDialog(self.ctx, period, next_order=following, parent=self))

    def edit_area(self) -> None:
        period, area = self.selected_period(), self.selected_area()
        if period is not None and area is not None and self.may_change:
            self.open_dialog(AreaDialog(self.ctx, period, area, parent=self))

    def toggle_area(self) -> None:
        area = self.selected_area()
        if area is None or not self.may_change:
            return
        data = AreaInput(area.name, area.description, area.sort_order, not area.active, area.agreement_period_id)
        self.ctx.call(reference.update_area, area.id, data, area.version, on_error=self.refused)

    def move_area(self, step: int) -> None:
        area = self.selected_area()
        if area is not None and self.may_change:
            self.ctx.call(reference.move_area, area.id, step, area.version, on_error=self.refused)
