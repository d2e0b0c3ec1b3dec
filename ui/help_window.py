"""The user guide: one offline HTML document per language, shown in one reused window, opened with F1
at the section for the tab or dialog the user is in (SECTIONS, declared once below)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenuBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import i18n
from app.i18n import _
from app.paths import resource
from ui import window_state

GUIDE_FILE = "guide.html"
START = "start"
SHORTCUTS_MARK = "<!--SHORTCUTS-->"  # where the guide's shortcut table, built from the program's actions, goes

# Where F1 leads: the object name of a tab, page, dialog or window -> the anchor of its section in
# resources/help/<language>/guide.html. A name ending in _<number> (areaTab_3) counts as its stem.
SECTIONS: dict[str, str] = {
    "lagesbildTab": "lagesbild",
    "areaTab": "areas",
    "actionPlanTab": "action-plan",
    "followUpTab": "follow-up",
    "overviewPage": "follow-up",
    "indicatorPage": "indicators",
    "eventsPage": "events-over-time",
    "meetingPage": "meetings",
    "lockPage": "lock",
    "loginDialog": "sign-in",
    "observationDialog": "observation",
    "actionDialog": "action",
    "indicatorDialog": "indicator-form",
    "measurementDialog": "measurement",
    "meetingDialog": "meeting-form",
    "conflictDialog": "conflicts",
    "importDialog": "import",
    "reportDialog": "report",
    "usersWindow": "users",
    "newUserDialog": "users",
    "passwordDialog": "users",
    "changePasswordDialog": "password",
    "auditWindow": "audit",
    "adminWindow": "administration",
    "adminPlacesPage": "admin-places",
    "placeDialog": "admin-places",
    "mergePlacesDialog": "admin-places",
    "adminCategoriesPage": "admin-categories",
    "categoryDialog": "admin-categories",
    "adminPeriodsPage": "admin-periods",
    "periodDialog": "admin-periods",
    "areaDialog": "admin-periods",
    "adminOrganisationsPage": "admin-organisations",
    "organisationDialog": "admin-organisations",
}

# (keys, command, menu): one row of the shortcut table
ShortcutRow = tuple[str, str, str]


def guide_path(language: str | None = None) -> Path:
    """The guide in `language` (the program's language by default); Swedish when there is none."""
    path = resource("help", language or i18n.language(), GUIDE_FILE)
    return path if path.exists() else resource("help", i18n.DEFAULT, GUIDE_FILE)


def anchor_of(widget: QWidget) -> str | None:
    return SECTIONS.get(re.sub(r"_\d+$", "", widget.objectName()))


def _depth(widget: QWidget) -> int:
    depth = 0
    while (widget := widget.parentWidget()) is not None:
        depth += 1
    return depth


def section_for(widget: QWidget | None) -> str:
    """The section for where `widget` is: its own or nearest mapped ancestor (a dialog, a tab), or,
    from a tab bar or tool bar, the innermost mapped page shown in that window."""
    if widget is None:
        return START
    scope = widget
    while scope is not None and anchor_of(scope) is None:
        scope = scope.parentWidget()
    scope = scope or widget.window()
    window = scope.window()
    shown = [
        child
        for child in scope.findChildren(QWidget)
        if child.window() is window and child.isVisible() and anchor_of(child) is not None
    ]
    if shown:
        scope = max(shown, key=_depth)
    return anchor_of(scope) or START


def plain_command(text: str) -> str:
    """A menu text as a command name: without its mnemonic (&) and the trailing dots."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…").strip()


def shortcut_table(rows: list[ShortcutRow]) -> str:
    """The HTML table of the program's keyboard shortcuts, for the guide's SHORTCUTS_MARK."""
    head = "".join(f"<th align='left'>{escape(t)}</th>" for t in (_("Keys"), _("Command"), _("Menu")))
    body = "".join(
        f"<tr><td><b>{escape(keys)}</b></td><td>{escape(command)}</td><td>{escape(menu)}</td></tr>"
        for keys, command, menu in rows
    )
    return f"<table border='1' cellspacing='0' cellpadding='4'><tr>{head}</tr>{body}</table>"


def menu_shortcuts(menu_bar: QMenuBar) -> list[ShortcutRow]:
    """Every command in the window's menus that has a keyboard shortcut, in menu order."""
    rows = []
    for top in menu_bar.actions():
        menu = top.menu()
        if menu is None:
            continue
        for action in menu.actions():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                rows.append((keys, plain_command(action.text()), plain_command(top.text())))
    return rows


class GuideBrowser(QTextBrowser):
    """Reads the guide from disk and puts the generated shortcut table in, on every (re)load."""

    READING_WIDTH = 880  # pixels: longer lines are hard to follow on a wide screen

    def __init__(self, shortcuts: Callable[[], list[ShortcutRow]], parent: QWidget | None = None):
        super().__init__(parent)
        self.shortcuts = shortcuts
        self.setLineWrapMode(QTextBrowser.LineWrapMode.FixedPixelWidth)

    def resizeEvent(self, event) -> None:
        self.setLineWrapColumnOrWidth(min(self.viewport().width(), self.READING_WIDTH))
        super().resizeEvent(event)

    def loadResource(self, kind: int, url: QUrl):
        if kind == QTextDocument.ResourceType.HtmlResource.value and url.fileName() == GUIDE_FILE:
            text = Path(url.toLocalFile()).read_text(encoding="utf-8")
            return text.replace(SHORTCUTS_MARK, shortcut_table(self.shortcuts()))
        return super().loadResource(kind, url)


class HelpWindow(QWidget):
    """The guide with its contents on the left, Back, and search within the page (Ctrl+F, F3)."""

    def __init__(self, shortcuts: Callable[[], list[ShortcutRow]] = list, language: str | None = None):
        # No parent: a window-modal form would otherwise block the guide that explains it.
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setWindowTitle(_("User guide – Trygghetscenter"))
        self.path = guide_path(language)
        self._shortcut_rows: list[ShortcutRow] | None = None

        self.browser = GuideBrowser(self._rows)
        self.browser.setObjectName("helpBrowser")
        self.browser.setAccessibleName(_("User guide"))
        self.browser.sourceChanged.connect(self._follow_source)
        self.contents = QTreeWidget()
        self.contents.setObjectName("helpContents")
        self.contents.setHeaderHidden(True)
        self.contents.setStyleSheet("QTreeWidget::item { padding: 3px 2px; }")
        self.contents.setAccessibleName(_("Contents"))
        self.contents.itemActivated.connect(self._contents_chosen)
        self.contents.itemClicked.connect(self._contents_chosen)

        self.back_button = QPushButton(_("Back"))
        self.back_button.setObjectName("helpBack")
        self.back_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.back_button.setToolTip(QKeySequence(QKeySequence.StandardKey.Back).toString(QKeySequence.NativeText))
        self.back_button.setEnabled(False)
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.home_button = QPushButton(_("Contents"))
        self.home_button.setObjectName("helpHome")
        self.home_button.clicked.connect(lambda: self.show_section(START))

        self.find_field = QLineEdit()
        self.find_field.setObjectName("helpFind")
        find_keys = QKeySequence(QKeySequence.StandardKey.Find).toString(QKeySequence.NativeText)
        self.find_field.setPlaceholderText(_("Search in the guide (%1)").replace("%1", find_keys))
        self.find_field.setAccessibleName(_("Search in the guide"))
        self.find_field.setClearButtonEnabled(True)
        self.find_field.returnPressed.connect(self.find_next)
        self.find_field.textChanged.connect(lambda _text: self.find_status.clear())
        self.find_next_button = QPushButton(_("Find next"))
        self.find_next_button.setObjectName("helpFindNext")
        self.find_next_button.clicked.connect(self.find_next)
        self.find_status = QLabel()
        self.find_status.setObjectName("helpFindStatus")
        self.find_status.setProperty("role", "fieldError")
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self._focus_find)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), self, self.find_next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.FindPrevious), self, lambda: self.find_next(backward=True))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)

        bar = QHBoxLayout()
        bar.addWidget(self.back_button)
        bar.addWidget(self.home_button)
        bar.addStretch()
        bar.addWidget(self.find_status)
        bar.addWidget(self.find_field, 1)
        bar.addWidget(self.find_next_button)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.contents)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([300, 900])
        window_state.keep_splitter(splitter, "help")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        window_state.restore_geometry(self, window_state.HELP_WINDOW, 1200, 820)

        self.shortcuts = shortcuts
        self._load()

    # --- the document ------------------------------------------------------------------------------

    def _rows(self) -> list[ShortcutRow]:
        return self._shortcut_rows or []

    def _load(self) -> None:
        self._shortcut_rows = self.shortcuts()
        if self.browser.source().isEmpty():
            self.browser.setSource(QUrl.fromLocalFile(str(self.path)))
        else:
            self.browser.reload()
        self._fill_contents()

    def _fill_contents(self) -> None:
        """The contents: every h2 and h3 of the guide that has an anchor, as a two-level tree."""
        self.contents.clear()
        parent: QTreeWidgetItem | None = None
        block = self.browser.document().begin()
        while block.isValid():
            level = block.blockFormat().headingLevel()
            names = _block_anchors(block) if level in (2, 3) else []
            if names:
                item = QTreeWidgetItem([block.text().strip()])
                item.setData(0, Qt.ItemDataRole.UserRole, names[0])
                if level == 2 or parent is None:
                    self.contents.addTopLevelItem(item)
                    parent = item
                else:
                    parent.addChild(item)
            block = block.next()
        self.contents.expandAll()

    def anchors(self) -> list[str]:
        """Every section anchor of the guide, in order."""
        found = []
        block = self.browser.document().begin()
        while block.isValid():
            found += _block_anchors(block)
            block = block.next()
        return found

    def current_anchor(self) -> str:
        return self.browser.source().fragment()

    def show_section(self, anchor: str) -> None:
        """Open the guide at `anchor`, bring the window forward; the shortcut table is kept current."""
        if self.shortcuts() != self._shortcut_rows:
            self._load()
        url = QUrl.fromLocalFile(str(self.path))
        if anchor and anchor != START:
            url.setFragment(anchor)
        if url == self.browser.source():
            self.browser.scrollToAnchor(anchor if anchor != START else "")
        else:
            self.browser.setSource(url)
        if anchor == START:
            self.browser.verticalScrollBar().setValue(0)
        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()

    def _follow_source(self, url: QUrl) -> None:
        anchor = url.fragment()
        for index in range(self.contents.topLevelItemCount()):
            top = self.contents.topLevelItem(index)
            for item in (top, *(top.child(i) for i in range(top.childCount()))):
                if item.data(0, Qt.ItemDataRole.UserRole) == anchor:
                    self.contents.setCurrentItem(item)
                    return
        self.contents.setCurrentItem(None)

    def _contents_chosen(self, item: QTreeWidgetItem) -> None:
        anchor = item.data(0, Qt.ItemDataRole.UserRole)
        if anchor and anchor != self.current_anchor():
            self.show_section(anchor)

    # --- search ------------------------------------------------------------------------------------

    def _focus_find(self) -> None:
        self.find_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.find_field.selectAll()

    def find_next(self, backward: bool = False) -> bool:
        """Find the search text after (or before) the cursor, from the other end when at the end."""
        text = self.find_field.text().strip()
        self.find_status.clear()
        if not text:
            return False
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = self.browser.find(text, flags)
        if not found:  # on from the other end of the guide
            before, scrolled = self.browser.textCursor(), self.browser.verticalScrollBar().value()
            cursor = QTextCursor(before)
            cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
            self.browser.setTextCursor(cursor)
            found = self.browser.find(text, flags)
            if not found:  # the page stays where the reader was
                self.browser.setTextCursor(before)
                self.browser.verticalScrollBar().setValue(scrolled)
                self.find_status.setText(_("Not found"))
                return False
        # The match in the middle of the page, not on its bottom line.
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + self.browser.cursorRect().center().y() - self.browser.viewport().height() // 2)
        return True

    def closeEvent(self, event) -> None:
        window_state.save_geometry(self, window_state.HELP_WINDOW)
        super().closeEvent(event)


def _block_anchors(block) -> list[str]:
    names: list[str] = []
    fragment = block.begin()
    while not fragment.atEnd():
        names += fragment.fragment().charFormat().anchorNames()
        fragment += 1
    return names


class HelpKey(QObject):
    """F1 anywhere in the program (main window, forms, other windows) opens the guide at the section
    for where it was pressed. An application event filter, so forms that block the main window
    still have it."""

    def __init__(self, open_section: Callable[[str], None], parent: QObject | None = None):
        super().__init__(parent)
        self.open_section = open_section

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_F1
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and isinstance(watched, QWidget)
        ):
            if watched.window().objectName() != "helpWindow":
                self.open_section(section_for(watched))
            return True
        return False
