"""The first-start window: a new database without users describes its office (kommun, organisations,
agreement period and samverkansområden, first administrator) before anyone signs in."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.domain.vocabulary import OrganisationKind
from app.errors import ValidationError
from app.i18n import _
from app.services import setup as office
from app.services.setup import AreaEntry, OfficeSetup, OfficeSetupResult, OrganisationEntry
from ui.context import AppContext
from ui.errors import message_for
from ui.widgets.form import ValidatedForm, name_for_readers, restyle
from ui.widgets.inputs import DateEdit, OptionalDateEdit

INVALID = QBrush(QColor("#fde2e1"))
TEMPLATE_COMMANDS = (
    "trygghetscenter import template places --out platser.xlsx",
    "trygghetscenter import template categories --out handelsetyper.xlsx",
    "trygghetscenter import places platser.xlsx",
    "trygghetscenter import categories handelsetyper.xlsx",
)


def _banner() -> QLabel:
    """The page's list of problems that belong to a row of a table or to no field at all."""
    label = QLabel()
    label.setProperty("role", "errorBanner")
    label.setWordWrap(True)
    label.hide()
    return label


def _show_banner(label: QLabel, lines: Sequence[str]) -> None:
    label.setText("\n".join(lines))
    label.setVisible(bool(lines))


class RowsTable(QWidget):
    """A small editable table (organisations, areas) with buttons to add and remove rows. A column
    with `kinds` holds a drop-down of the organisation kinds."""

    def __init__(self, columns: Sequence[tuple[str, str]], add_text: str, kind_column: str = "", parent=None):
        super().__init__(parent)
        self.columns = [name for name, _caption in columns]
        self.kind_column = kind_column
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([caption for _name, caption in columns])
        self.table.verticalHeader().setVisible(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged
        )
        header = self.table.horizontalHeader()
        for i in range(len(columns)):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
        if kind_column:
            header.setSectionResizeMode(self.columns.index(kind_column), QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(add_text)
        self.add_button.clicked.connect(lambda: self.add_row({}, edit=True))
        self.remove_button = QPushButton(_("&Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, values: dict, edit: bool = False) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, name in enumerate(self.columns):
            if name == self.kind_column:
                combo = QComboBox()
                for kind in OrganisationKind:
                    combo.addItem(kind.label, kind)
                combo.setCurrentIndex(combo.findData(OrganisationKind(values.get(name, OrganisationKind.OTHER))))
                name_for_readers(combo, self.table.horizontalHeaderItem(column).text())
                self.table.setCellWidget(row, column, combo)
            else:
                self.table.setItem(row, column, QTableWidgetItem(str(values.get(name, ""))))
        if edit:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))

    def set_rows(self, rows: Sequence[dict]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def text(self, row: int, name: str) -> str:
        item = self.table.item(row, self.columns.index(name))
        return item.text().strip() if item is not None else ""

    def set_text(self, row: int, name: str, text: str) -> None:
        self.table.item(row, self.columns.index(name)).setText(text)

    def kind(self, row: int) -> OrganisationKind:
        combo = self.table.cellWidget(row, self.columns.index(self.kind_column))
        assert isinstance(combo, QComboBox)
        return combo.currentData()

    def rows(self) -> list[int]:
        """The rows that hold anything: an empty row added by mistake is no organisation."""
        return [
            r
            for r in range(self.table.rowCount())
            if any(self.text(r, n) for n in self.columns if n != self.kind_column)
        ]

    def mark(self, row: int, name: str, invalid: bool) -> None:
        column = self.columns.index(name)
        widget = self.table.cellWidget(row, column)
        if widget is not None:
            restyle(widget, "invalid", invalid)
        elif (item := self.table.item(row, column)) is not None:
            item.setBackground(INVALID if invalid else QBrush())

    def clear_marks(self) -> None:
        for row in range(self.table.rowCount()):
            for name in self.columns:
                self.mark(row, name, False)


class _Page(QWizardPage):
    """A page that shows the service's errors for the fields it holds."""

    prefixes: tuple[str, ...] = ()

    def __init__(self, title: str, subtitle: str):
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.banner = _banner()
        self.form = ValidatedForm()

    def holds(self, field: str) -> bool:
        return field.startswith(self.prefixes)

    def clear_errors(self) -> None:
        self.form.clear_errors()
        _show_banner(self.banner, [])

    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        own = {k: v for k, v in errors.items() if self.holds(k)}
        unmatched = self.form.show_errors({k: v for k, v in own.items() if k in self.form.fields})
        lines = self.table_errors({k: v for k, v in own.items() if k not in self.form.fields})
        _show_banner(self.banner, [*unmatched, *lines])

    def table_errors(self, errors: dict[str, str]) -> list[str]:
        """The lines for the errors no field of the form holds (the rows of a table)."""
        return list(errors.values())

    def _table_errors(self, table: RowsTable, section: str, rows: list[int], errors: dict[str, str]) -> list[str]:
        """Mark the cells named by `section.N.field` (N counts the rows given to the service) and say
        what is wrong with each, by the row number the table shows."""
        table.clear_marks()
        lines = []
        captions = {name: table.table.horizontalHeaderItem(i).text() for i, name in enumerate(table.columns)}
        for field, text in errors.items():
            parts = field.split(".")
            if parts[0] != section:
                continue
            if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(rows):
                row = rows[int(parts[1])]
                table.mark(row, parts[2], True)
                lines.append(
                    _("Row {n}, {column}: {message}", n=row + 1, column=captions.get(parts[2], parts[2]), message=text)
                )
            else:
                lines.append(text)
        return lines


class OrganisationsPage(_Page):
    prefixes = ("kommun", "organisations")

    def __init__(self):
        super().__init__(
            _("Kommun and organisations"),
            _("Which kommun the office works in, and the organisations that work in it together."),
        )
        self.kommun = QLineEdit()
        self.kommun.setObjectName("kommun")
        self.kommun.setPlaceholderText(_("e.g. Sigtuna"))
        self.form.add_field("kommun", _("&Kommun"), self.kommun)
        self.organisations = RowsTable(
            [("name", _("Name")), ("short_name", _("Short name")), ("kind", _("Kind of organisation"))],
            _("&Add organisation"),
            kind_column="kind",
        )
        self.organisations.setObjectName("organisations")
        self.organisations.set_rows(
            [{"name": o.name, "short_name": o.short_name, "kind": o.kind} for o in office.default_organisations("")]
        )
        self._named = office.kommun_name("")  # the first row's name, while it follows the kommun
        self.kommun.textChanged.connect(self._kommun_changed)
        caption = QLabel(_("&Organisations of the office (the short name is shown in lists):"))
        caption.setBuddy(self.organisations.table)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(caption)
        layout.addWidget(self.organisations)
        layout.addWidget(self.banner)

    def _kommun_changed(self, text: str) -> None:
        if self.organisations.table.rowCount() and self.organisations.text(0, "name") == self._named:
            self._named = office.kommun_name(text)
            self.organisations.set_text(0, "name", self._named)

    def entries(self) -> tuple[list[int], list[OrganisationEntry]]:
        rows = self.organisations.rows()
        table = self.organisations
        return rows, [
            OrganisationEntry(table.text(r, "name"), table.text(r, "short_name"), table.kind(r)) for r in rows
        ]

    def table_errors(self, errors: dict[str, str]) -> list[str]:
        return self._table_errors(self.organisations, "organisations", self.entries()[0], errors)


class AgreementPage(_Page):
    prefixes = ("period", "areas")

    def __init__(self, today: dt.date):
        super().__init__(
            _("Agreement period and samverkansområden"),
            _(
                "The collaboration agreement in force and the samverkansområden it names. The four areas of "
                "Sigtuna's agreement are offered; change them to your own."
            ),
        )
        name, first, last = office.default_period(today)
        self.period_name = QLineEdit(name)
        self.starts_on = DateEdit(first)
        self.ends_on = DateEdit(last)
        self.signed_on = OptionalDateEdit(_("Set"))
        self.signed_by = QLineEdit()
        self.signed_by.setPlaceholderText(_("e.g. kommunstyrelsens ordförande, lokalpolisområdeschef"))
        for field, caption, widget in (
            ("period.name", _("&Name"), self.period_name),
            ("period.starts_on", _("Starts &on"), self.starts_on),
            ("period.ends_on", _("&Ends on"), self.ends_on),
            ("period.signed_on", _("Si&gned on"), self.signed_on),
            ("period.signed_by", _("Signed &by"), self.signed_by),
        ):
            widget.setObjectName(field.replace(".", "_"))
            self.form.add_field(field, caption, widget)
        self.areas = RowsTable([("name", _("Samverkansområde")), ("description", _("Description"))], _("&Add area"))
        self.areas.setObjectName("areas")
        self.areas.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.areas.set_rows([{"name": a.name, "description": a.description} for a in office.standard_areas()])
        self.standard_categories = QCheckBox(
            _("&Use the standard event types (counted to the samverkansområden of the same name)")
        )
        self.standard_categories.setObjectName("standardCategories")
        self.standard_categories.setChecked(True)
        caption = QLabel(_("&Samverkansområden of the period:"))
        caption.setBuddy(self.areas.table)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(caption)
        layout.addWidget(self.areas, 1)
        layout.addWidget(self.standard_categories)
        layout.addWidget(self.banner)

    def entries(self) -> tuple[list[int], list[AreaEntry]]:
        rows = self.areas.rows()
        return rows, [AreaEntry(self.areas.text(r, "name"), self.areas.text(r, "description")) for r in rows]

    def table_errors(self, errors: dict[str, str]) -> list[str]:
        return self._table_errors(self.areas, "areas", self.entries()[0], errors)


class AdministratorPage(_Page):
    prefixes = ("admin",)

    def __init__(self, organisations: OrganisationsPage):
        super().__init__(
            _("The first administrator"),
            _("The first account, who adds the others. Administrators keep the places, event types and users."),
        )
        self.organisations_page = organisations
        self.username = QLineEdit()
        self.display_name = QLineEdit()
        self.organisation = QComboBox()
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for widget in (self.password, self.repeat):
            widget.setEchoMode(QLineEdit.EchoMode.Password)
        for field, caption, widget in (
            ("admin.username", _("&Username"), self.username),
            ("admin.display_name", _("Full &name"), self.display_name),
            ("admin.organisation", _("&Organisation"), self.organisation),
            ("admin.password", _("&Password"), self.password),
            ("admin.repeat", _("&Repeat the password"), self.repeat),
        ):
            widget.setObjectName(field.replace(".", "_"))
            self.form.add_field(field, caption, widget)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.banner)
        layout.addStretch()

    def initializePage(self) -> None:
        chosen = self.organisation.currentText()
        self.organisation.clear()
        for entry in self.organisations_page.entries()[1]:
            if entry.short_name:
                self.organisation.addItem(entry.short_name)
        if chosen and self.organisation.findText(chosen) >= 0:
            self.organisation.setCurrentText(chosen)

    def validatePage(self) -> bool:
        if self.password.text() != self.repeat.text():
            self.show_errors({"admin.repeat": _("The two passwords differ.")})
            return False
        self.form.clear_errors()
        return True


class SummaryPage(_Page):
    """What will be created; its button creates it (a commit page: there is no way back after)."""

    def __init__(self, wizard: SetupWizard):
        super().__init__(_("Summary"), _("Check what will be created, then press Create."))
        self.wizard_ = wizard
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, _("&Create"))
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addStretch()

    def holds(self, field: str) -> bool:
        return False  # its banner shows what no other page holds

    def initializePage(self) -> None:
        data = self.wizard_.office()
        self.summary.setText(summary_text(data))
        self.clear_errors()

    def validatePage(self) -> bool:
        return self.wizard_.result is not None or self.wizard_.create()


class DonePage(QWizardPage):
    def __init__(self, wizard: SetupWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle(_("The office is set up"))
        self.setSubTitle(_("Sign in as its administrator, then add the office's places and event types."))
        self.text = QLabel()
        self.text.setObjectName("done")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch()

    def initializePage(self) -> None:
        result = self.wizard_.result
        assert result is not None  # shown only after the office was created
        self.setButtonText(QWizard.WizardButton.FinishButton, _("&Sign in"))
        self.text.setText(done_text(result))


def summary_text(data: OfficeSetup) -> str:
    orgs = "".join(
        f"<li>{escape(o.name)} ({escape(o.short_name)}, {escape(OrganisationKind(o.kind).label)})</li>"
        for o in data.organisations
    )
    areas = "".join(f"<li>{escape(a.name)}</li>" for a in data.areas)
    first = data.starts_on.isoformat() if data.starts_on else "–"
    last = data.ends_on.isoformat() if data.ends_on else "–"
    categories = (
        _("The standard event types, counted to the samverkansområden of the same name.")
        if data.standard_categories
        else _("No event types yet: add them afterwards.")
    )
    kommun, organisations, period = _("Kommun"), _("Organisations"), _("Agreement period")
    samverkansomraden, event_types, administrator = _("Samverkansområden"), _("Event types"), _("Administrator")
    return (
        f"<p><b>{kommun}:</b> {escape(data.kommun)}</p>"
        f"<p><b>{organisations}:</b></p><ul>{orgs}</ul>"
        f"<p><b>{period}:</b> {escape(data.period_name)}, {first} – {last}</p>"
        f"<p><b>{samverkansomraden}:</b></p><ul>{areas}</ul>"
        f"<p><b>{event_types}:</b> {categories}</p>"
        f"<p><b>{administrator}:</b> {escape(data.admin_username)} ({escape(data.admin_display_name)}, "
        f"{escape(data.admin_organisation)})</p>"
    )


def done_text(result: OfficeSetupResult) -> str:
    commands = "<br>".join(f"<code>{c}</code>" for c in TEMPLATE_COMMANDS)
    return (
        "<p>"
        + _(
            "Created {orgs} organisations, the agreement period {period} with {areas} samverkansområden, "
            "{categories} event types and the administrator {username}.",
            orgs=len(result.organisations),
            period=escape(result.period.name),
            areas=len(result.areas),
            categories=result.categories,
            username=escape(result.admin.username),
        )
        + "</p><p>"
        + _("Next, sign in as {username} with the password you chose.", username=escape(result.admin.username))
        + "</p><p>"
        + _(
            "Then add the office's places and event types under Arkiv → Administration, or fill in the import "
            "templates and import them. On the command line the templates are written and imported with:"
        )
        + f"</p><p>{commands}</p>"
    )


class SetupWizard(QWizard):
    """Shown when the database has no users. `result` holds what was created once Create succeeded;
    `username` is the administrator to sign in as."""

    def __init__(self, ctx: AppContext, today: dt.date | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.result: OfficeSetupResult | None = None
        self._busy = False
        self.setObjectName("setupWizard")
        self.setWindowTitle(_("Set up a new office – Trygghetscenter"))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.organisations_page = OrganisationsPage()
        self.agreement_page = AgreementPage(today or dt.date.today())
        self.admin_page = AdministratorPage(self.organisations_page)
        self.summary_page = SummaryPage(self)
        self.done_page = DonePage(self)
        self.pages: list[_Page] = [self.organisations_page, self.agreement_page, self.admin_page, self.summary_page]
        for page in [*self.pages, self.done_page]:
            self.addPage(page)
        self.resize(760, 600)

    @property
    def username(self) -> str:
        return self.result.admin.username if self.result is not None else ""

    def office(self) -> OfficeSetup:
        agreement, admin = self.agreement_page, self.admin_page
        return OfficeSetup(
            kommun=self.organisations_page.kommun.text(),
            organisations=self.organisations_page.entries()[1],
            period_name=agreement.period_name.text(),
            starts_on=_day(agreement.starts_on.date()),
            ends_on=_day(agreement.ends_on.date()),
            signed_on=agreement.signed_on.value(),
            signed_by=agreement.signed_by.text(),
            areas=agreement.entries()[1],
            standard_categories=agreement.standard_categories.isChecked(),
            admin_username=admin.username.text(),
            admin_display_name=admin.display_name.text(),
            admin_organisation=admin.organisation.currentText(),
            admin_password=admin.password.text(),
        )

    def create(self) -> bool:
        """Start creating the office on the background lane; the wizard moves on when it is done.
        Returns False: the page stays until then."""
        if self._busy:
            return False
        data = self.office()
        self._set_busy(True)
        db = self.ctx.db
        self.ctx.run(lambda: office.set_up(db, data), on_success=self._created, on_error=self._failed)
        return False

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button in (QWizard.WizardButton.CommitButton, QWizard.WizardButton.BackButton):
            self.button(button).setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.WaitCursor)
        else:
            self.unsetCursor()

    def _created(self, result: OfficeSetupResult) -> None:
        self._set_busy(False)
        self.result = result
        self.next()  # the summary page now lets it pass, to the last page

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if not isinstance(exc, ValidationError):
            _show_banner(self.summary_page.banner, [message_for(exc)[1]])
            return
        for page in self.pages:
            page.show_errors(exc.errors)
        unplaced = [text for field, text in exc.errors.items() if not any(p.holds(field) for p in self.pages)]
        _show_banner(self.summary_page.banner, unplaced)
        # Back to the first page that holds a wrong field; what was typed stays as it was.
        target = next(
            (self.pageIds()[i] for i, p in enumerate(self.pages) if any(p.holds(f) for f in exc.errors)), None
        )
        while target is not None and self.currentId() > target:
            self.back()


def _day(value: QDate) -> dt.date:
    return value.toPython()
