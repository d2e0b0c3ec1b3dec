"""Arkiv → Administration: the office's reference data (places, event types, samverkansområden per
agreement period, organisations). Administrators change it; everyone else sees the lists."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QTabWidget, QVBoxLayout

from app.i18n import _
from ui import window_state
from ui.context import AppContext
from ui.dialogs.admin.categories import CategoriesPage
from ui.dialogs.admin.common import AdminPage
from ui.dialogs.admin.organisations import OrganisationsPage
from ui.dialogs.admin.periods import PeriodsPage
from ui.dialogs.admin.places import PlacesPage


class AdminWindow(QDialog):
    """Non-modal: the lists stay open beside the main window and follow changes made anywhere."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.setObjectName("adminWindow")
        self.setWindowTitle(_("Administration"))
        self.setModal(False)
        self.ctx = ctx
        self.places = PlacesPage(ctx)
        self.categories = CategoriesPage(ctx)
        self.periods = PeriodsPage(ctx)
        self.organisations = OrganisationsPage(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("adminTabs")
        self.pages: list[AdminPage] = [self.places, self.categories, self.periods, self.organisations]
        for page, title in zip(
            self.pages, (_("Places"), _("Event types"), _("Samverkansområden"), _("Organisations")), strict=True
        ):
            self.tabs.addTab(page, title)
        self.read_only = QLabel(_("Only administrators change these lists; you see them as they are."))
        self.read_only.setObjectName("readOnlyNote")
        self.read_only.setProperty("role", "hint")
        self.read_only.setWordWrap(True)
        self.read_only.setVisible(not (ctx.actor is not None and ctx.actor.is_admin))
        layout = QVBoxLayout(self)
        layout.addWidget(self.read_only)
        layout.addWidget(self.tabs, 1)
        window_state.keep_geometry(self, window_state.ADMIN_WINDOW, 1100, 640)
        self.reload()

    def reload(self) -> None:
        for page in self.pages:
            page.reload()
