"""The first-start window: from an empty database to the first sign-in, and what a wrong field does."""

from __future__ import annotations

import datetime as dt
import gc

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QWizard

from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.db.models import Area, Category, Organisation, User
from app.services.setup import database_needs_setup

PASSWORD = "correct horse battery"


@pytest.fixture
def empty_ctx(qapp, tmp_path):
    from ui.app import create_application
    from ui.context import AppContext

    db = Database(f"sqlite:///{tmp_path / 'new-office.sqlite3'}")
    ensure_schema(db)
    create_application(language="sv")
    context = AppContext(db, idle_lock_minutes=10)
    yield context
    context.tasks.wait(10000)
    db.dispose()
    gc.collect()


@pytest.fixture
def wizard(qtbot, empty_ctx):
    from ui.setup_wizard import SetupWizard

    wiz = SetupWizard(empty_ctx, today=dt.date(2026, 12, 3))
    wiz.show()
    yield wiz
    # Gone before the next test's application set-up: Qt crashes re-styling a wizard left closed.
    wiz.close()
    wiz.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def fill_in(wizard, kommun="Knivsta", username="anna", password=PASSWORD, repeat=None) -> None:
    page = wizard.organisations_page
    page.kommun.setText(kommun)
    wizard.next()
    agreement = wizard.agreement_page
    agreement.areas.set_text(3, "name", "Trygg skolväg")  # the office's own fourth area
    wizard.next()
    admin = wizard.admin_page
    admin.username.setText(username)
    admin.display_name.setText("Anna Andersson")
    admin.password.setText(password)
    admin.repeat.setText(password if repeat is None else repeat)
    wizard.next()


def test_the_wizard_sets_up_the_office_and_its_administrator_signs_in(qtbot, wizard, empty_ctx):
    from ui.login_dialog import LoginDialog

    assert database_needs_setup(empty_ctx.db)
    organisations = wizard.organisations_page.organisations
    assert [organisations.text(r, "short_name") for r in range(3)] == ["Kommunen", "Polisen", "Räddningstjänsten"]
    fill_in(wizard)
    assert organisations.text(0, "name") == "Knivsta kommun"  # the first row followed the kommun typed
    assert wizard.currentPage() is wizard.summary_page
    assert "Knivsta kommun" in wizard.summary_page.summary.text()
    assert "Trygg skolväg" in wizard.summary_page.summary.text()

    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10000)
    assert "Arkiv → Administration" in wizard.done_page.text.text()
    assert "import template places" in wizard.done_page.text.text()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result is not None and wizard.username == "anna"

    with empty_ctx.db.session() as s:
        assert set(s.scalars(sa.select(Organisation.name))) == {"Knivsta kommun", "Polisen", "Räddningstjänsten"}
        assert [a for a in s.scalars(sa.select(Area.name).order_by(Area.sort_order))][-1] == "Trygg skolväg"
        assert s.scalar(sa.select(sa.func.count()).select_from(Category)) == 16
        assert list(s.scalars(sa.select(User.username))) == ["anna"]
    assert not database_needs_setup(empty_ctx.db)

    # The sign-in comes next, with the administrator's username already there.
    dialog = LoginDialog(empty_ctx, username=wizard.username)
    qtbot.addWidget(dialog)
    assert dialog.username.text() == "anna"
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.submit()
    assert dialog.actor is not None and dialog.actor.is_admin
    assert dialog.actor.organisation_name == "Knivsta kommun"


def test_a_wrong_field_is_shown_on_its_page_and_the_typed_values_stay(qtbot, wizard, empty_ctx):
    fill_in(wizard, username="Anna Andersson")  # a space: no username
    wizard.organisations_page.organisations.set_text(1, "short_name", "Kommunen")  # taken by the first row
    wizard.button(QWizard.WizardButton.CommitButton).click()
    # Back on the first page with a wrong field: the organisations, with the row's cell marked.
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.organisations_page, timeout=10000)
    page = wizard.organisations_page
    assert page.banner.isVisible()
    assert "Row 2" in page.banner.text() or "Rad 2" in page.banner.text()
    assert page.organisations.table.item(1, 1).background().color().name() == "#fde2e1"
    assert page.kommun.text() == "Knivsta"
    assert wizard.admin_page.form.error_text("admin.username")  # shown on its own page too
    assert wizard.admin_page.username.text() == "Anna Andersson"
    assert wizard.agreement_page.areas.text(3, "name") == "Trygg skolväg"
    with empty_ctx.db.session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Organisation)) == 0

    # Put right, the same wizard creates the office.
    page.organisations.set_text(1, "short_name", "Polisen")
    wizard.next()
    wizard.next()
    wizard.admin_page.username.setText("anna")
    wizard.next()
    assert wizard.currentPage() is wizard.summary_page
    wizard.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10000)
    assert wizard.admin_page.username.text() == "anna"


def test_passwords_that_differ_keep_the_administrator_page(wizard):
    fill_in(wizard, repeat="something else")
    assert wizard.currentPage() is wizard.admin_page
    assert wizard.admin_page.form.error_text("admin.repeat")
    assert wizard.admin_page.display_name.text() == "Anna Andersson"


def test_the_administrator_chooses_among_the_organisations_typed(wizard):
    page = wizard.organisations_page
    page.organisations.add_row({"name": "Knivstabostäder", "short_name": "Bostäder", "kind": "municipal_company"})
    page.kommun.setText("Knivsta")
    wizard.next()
    wizard.next()
    combo = wizard.admin_page.organisation
    assert [combo.itemText(i) for i in range(combo.count())] == ["Kommunen", "Polisen", "Räddningstjänsten", "Bostäder"]


def test_the_program_on_a_new_database_opens_the_wizard_then_the_sign_in(qtbot, qapp, tmp_path, monkeypatch):
    """ui/app.py: no users -> the first-start window; once it has created the office, the sign-in
    dialog opens with the new administrator's username (here cancelled, which ends the program)."""
    from ui import app as gui_app
    from ui import setup_wizard
    from ui.login_dialog import LoginDialog

    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    url = f"sqlite:///{tmp_path / 'office.sqlite3'}"
    seen: dict[str, str] = {}

    def wizard_exec(wizard) -> int:
        wizard.show()  # what exec() does first
        fill_in(wizard)
        wizard.button(QWizard.WizardButton.CommitButton).click()
        qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10000)
        seen["wizard"] = wizard.done_page.text.text()
        wizard.close()
        wizard.deleteLater()  # see the `wizard` fixture
        return setup_wizard.SetupWizard.DialogCode.Accepted

    def login_exec(dialog) -> int:
        seen["username"] = dialog.username.text()
        return LoginDialog.DialogCode.Rejected

    monkeypatch.setattr(setup_wizard.SetupWizard, "exec", wizard_exec)
    monkeypatch.setattr(LoginDialog, "exec", login_exec)
    assert gui_app.run(url) == 0
    assert seen["username"] == "anna" and "anna" in seen["wizard"]
    gc.collect()

    # The next start finds the office set up: straight to the sign-in, with no username filled in.
    monkeypatch.setattr(setup_wizard.SetupWizard, "exec", lambda wizard: pytest.fail("shown again"))
    assert gui_app.run(url) == 0
    assert seen["username"] == ""
    gc.collect()
