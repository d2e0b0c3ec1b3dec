"""What every tab shares: the context, the current period, and refresh on changes."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from app.errors import DatabaseUnavailableError, LoginRefusedError
from app.i18n import _
from app.services.runner import Changes
from ui.context import AppContext
from ui.errors import show_error
from ui.format import date as format_date


class BaseTab(QWidget):
    """A tab shows data for the signed-in actor and the period chosen in the toolbar.

    Subclasses implement `reload()`; it is called when the period changes, when data of a kind
    listed in `listens_to` changes (a service call here or a commit at another desk said so, see
    app/db/changes.py), and when the tab is first shown.

    Subclasses make their widgets in `build()`, which runs when the tab is first shown (or something
    of it is first used, see __getattr__), not when the window is filled at sign-in: until then the tab
    is an empty widget in the QTabWidget, and a tab nobody opens costs nothing on the GUI thread.
    """

    listens_to: tuple[str, ...] = ()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.date_from: dt.date | None = None
        self.date_to: dt.date | None = None
        self._stale = True
        self.exports: dict[str, object] = {}  # table name -> its TableExport
        self.built = False
        ctx.changed.connect(self._on_changes)

    def build(self) -> None:  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    def ensure_built(self) -> None:
        if self.built:
            return
        self.built = True  # first: what build() reads before making it is a plain AttributeError
        self.build()
        if self.isVisible():
            # Made while shown: Qt would show the new children later (queued); show them now, as
            # showing the tab does (those hidden on purpose stay hidden).
            for child in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
                hidden_on_purpose = child.testAttribute(
                    Qt.WidgetAttribute.WA_WState_ExplicitShowHide
                ) and child.testAttribute(Qt.WidgetAttribute.WA_WState_Hidden)
                if not child.isWindow() and not hidden_on_purpose:
                    child.show()

    def __getattr__(self, name: str):
        """A widget of a tab not yet built (a command, a test, a dialog asking for it) builds the tab."""
        if name.startswith("__") or self.__dict__.get("built", True):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        self.ensure_built()
        return getattr(self, name)

    def set_period(self, date_from: dt.date, date_to: dt.date) -> None:
        self.date_from, self.date_to = date_from, date_to
        self.mark_stale()

    def mark_stale(self) -> None:
        # Only the visible tab queries at once; hidden tabs catch up when shown.
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        if self.date_from is None or self.ctx.actor is None:
            return
        self.ensure_built()
        self._stale = False
        self.reload()

    def reload(self) -> None:  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    def setVisible(self, visible: bool) -> None:
        if visible:
            self.ensure_built()  # before it shows, so that its widgets show with it
        super().setVisible(visible)

    def showEvent(self, event) -> None:
        self.ensure_built()  # shown with its parent, which does not go through setVisible
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(self.listens_to):
            self.mark_stale()

    def error(self, exc: Exception) -> None:
        if isinstance(exc, LoginRefusedError):
            self._stale = True  # the window locks and says why; read again after the sign-in
            return
        if isinstance(exc, DatabaseUnavailableError):
            self.ctx.report_unavailable()  # one banner in the window instead of a box per table
            self._stale = True  # read again when the connection is back
            return
        show_error(self, exc)

    def can_edit(self) -> bool:
        return bool(self.ctx.actor and self.ctx.actor.can_edit)

    def wait_for_lookups(self, command) -> bool:
        """True while the lists a dialog chooses from (`self.lookups`) are still loading; `command`
        then runs as soon as they arrive (see lookups_arrived)."""
        if getattr(self, "lookups", None) is not None:
            return False
        self._after_lookups = command
        if self.ctx.tasks.pending == 0:
            self.refresh()
        return True

    def lookups_arrived(self) -> None:
        command, self._after_lookups = getattr(self, "_after_lookups", None), None
        if command is not None:
            command()

    def crud_buttons(self, new_text: str, noun: str, on_new, on_edit, on_delete) -> list[QPushButton]:
        """New…, Edit… and Delete for a table, named `newX`, `editX`, `deleteX` (X = `noun`)."""
        buttons = []
        for text, kind, slot in (
            (new_text, "new", on_new),
            (_("Edit…"), "edit", on_edit),
            (_("Delete"), "delete", on_delete),
        ):
            button = QPushButton(text)
            button.setObjectName(f"{kind}{noun}")
            button.clicked.connect(slot)
            buttons.append(button)
        return buttons

    def period_text(self) -> str:
        if self.date_from is None or self.date_to is None:
            return ""
        return _("Period %1 – %2").replace("%1", format_date(self.date_from)).replace("%2", format_date(self.date_to))

    def mark_charts(self, filters=None) -> None:
        """Every chart of the tab marks what it saves or copies with the exporter and `filters` (default: the period)."""
        # the chart view's module is the tabs' own; imported here so the base needs no chart at start-up
        from ui.widgets.chart_view import ChartView

        for chart in self.findChildren(ChartView):
            chart.mark_with(self.ctx, filters or self.period_text)

    def exportable(self, view, title, description=None, all_rows=None):
        """Give a table its “Export to Excel…” command; `title` and `description` are called at export time."""
        # loaded on the first export, not with the tabs
        from ui.table_export import TableExport

        export = TableExport(self.ctx, view, title, description or self.period_text, all_rows)
        self.exports[view.objectName()] = export
        return export
