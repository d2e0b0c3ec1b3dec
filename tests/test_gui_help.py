"""The user guide: F1 opens it at the section for the tab or form in use, both languages have every
section, and the guide names only commands, buttons and keys the program has."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.gui_support import ARTIFACTS, settle, sign_in
from ui.help_window import SECTIONS, SHORTCUTS_MARK, START, HelpWindow, guide_path, menu_shortcuts

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "resources" / "i18n" / "sv" / "LC_MESSAGES" / "trygghetscenter.po"
KEY = re.compile(r"^(Ctrl|Alt|Skift|Shift|Tab|Esc|Enter|F\d+)\b")


def press_f1(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_F1)
    QApplication.processEvents()


def guide(window) -> HelpWindow:
    assert window.help_window is not None, "F1 opened no guide"
    return window.help_window


def anchor_top(help_window: HelpWindow, anchor: str) -> int:
    """Where the anchor's block starts in the document, in pixels."""
    document = help_window.browser.document()
    block = document.begin()
    while block.isValid():
        fragment = block.begin()
        while not fragment.atEnd():
            if anchor in fragment.fragment().charFormat().anchorNames():
                return int(document.documentLayout().blockBoundingRect(block).top())
            fragment += 1
        block = block.next()
    raise AssertionError(f"no anchor {anchor}")


def assert_opened_at(help_window: HelpWindow, anchor: str) -> None:
    assert help_window.isVisible()
    assert help_window.current_anchor() == anchor
    bar = help_window.browser.verticalScrollBar()
    # The section's heading is at the top of the view (or as far down as the page can scroll).
    assert abs(bar.value() - min(anchor_top(help_window, anchor), bar.maximum())) <= 30


# --- F1 on each tab and in forms ------------------------------------------------------------------


def test_f1_on_each_tab_opens_the_guide_at_that_tabs_section(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    expected = {
        "Lägesbild": "lagesbild",
        "Otrygga platser": "areas",
        "Ungdomsgäng": "areas",
        "Åtgärdsplan": "action-plan",
        "Uppföljning": "follow-up",
    }
    first = None
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(qtbot, ctx)
        title = window.tabs.tabText(index)
        if title not in expected:
            continue
        press_f1(qtbot, window.tabs.tabBar())  # after a click on a tab, its bar has the focus
        help_window = guide(window)
        first = first or help_window
        assert help_window is first, "F1 must reuse the one guide window"
        assert_opened_at(help_window, expected[title])
        assert help_window.contents.currentItem().data(0, Qt.ItemDataRole.UserRole) == expected[title]

    # Within a tab: the focus in the observation list, and the Uppföljning tab's own pages.
    window.tabs.setCurrentWidget(window.lagesbild_tab)
    settle(qtbot, ctx)
    window.lagesbild_tab.list_view.setFocus()
    press_f1(qtbot, window.lagesbild_tab.list_view)
    assert_opened_at(first, "lagesbild")
    window.tabs.setCurrentWidget(window.followup_tab)
    for page, anchor in ((1, "indicators"), (2, "events-over-time"), (3, "meetings")):
        window.followup_tab.sections.setCurrentIndex(page)
        settle(qtbot, ctx)
        press_f1(qtbot, window.followup_tab.sections.tabBar())
        assert_opened_at(first, anchor)

    first.show_section("on-track")
    first.resize(1440, 900)
    QApplication.processEvents()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    first.grab().save(str(ARTIFACTS / "help-on-track.png"))


def test_f1_in_a_form_opens_its_section_and_the_guide_stays_usable(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.new_observation()
    settle(qtbot, ctx)
    dialog = window.lagesbild_tab._dialog
    qtbot.waitUntil(dialog.isVisible)
    press_f1(qtbot, dialog.place)
    help_window = guide(window)
    assert_opened_at(help_window, "observation")
    # The form blocks the main window; the guide must not be blocked with it.
    assert help_window.parentWidget() is None and help_window.isWindow()
    assert dialog.isVisible(), "F1 must not close the form"
    dialog.reject()

    for command, anchor in ((window.export_report, "report"), (lambda: window.import_file("observations"), "import")):
        command()
        qtbot.waitUntil(lambda: window._dialog.isVisible())
        press_f1(qtbot, window._dialog)
        assert_opened_at(help_window, anchor)
        window._dialog.reject()


def test_f1_on_the_lock_screen_and_in_the_sign_in_dialog(qtbot, ctx, window):
    from ui.login_dialog import LoginDialog

    sign_in(qtbot, ctx, "anna")
    window.lock()
    press_f1(qtbot, window.lock_page.password)
    assert_opened_at(guide(window), "lock")
    login = LoginDialog(ctx)
    qtbot.addWidget(login)
    login.show()
    press_f1(qtbot, login.username)
    assert_opened_at(guide(window), "sign-in")


def test_the_help_menu_opens_the_guide_at_its_start_and_back_returns(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Hjälp")
    action = next(a for a in help_menu.actions() if a.objectName() == "actHelp")
    assert action.text() == "&Användarhandbok"
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    action.trigger()
    help_window = guide(window)
    assert help_window.isVisible() and help_window.current_anchor() == ""
    assert help_window.browser.verticalScrollBar().value() == 0

    help_window.show_section("on-track")
    help_window.show_section("lock")
    assert help_window.back_button.isEnabled()
    help_window.back_button.click()
    assert help_window.current_anchor() == "on-track"

    item = help_window.contents.findItems("Importera från Excel", Qt.MatchFlag.MatchRecursive)[0]
    help_window.contents.itemClicked.emit(item, 0)
    assert_opened_at(help_window, "import")


def test_search_in_the_guide(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.show_help("start")
    help_window = guide(window)
    help_window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is help_window)
    qtbot.keyClick(help_window.browser, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert help_window.focusWidget() is help_window.find_field
    help_window.find_field.setText("utgångsvärdet")  # keyClicks types ASCII only
    qtbot.keyClick(help_window.find_field, Qt.Key.Key_Return)
    first = help_window.browser.textCursor().position()
    assert help_window.browser.textCursor().selectedText().lower() == "utgångsvärdet"
    assert help_window.find_next() and help_window.browser.textCursor().position() != first
    scrolled = help_window.browser.verticalScrollBar().value()
    assert scrolled > 0, "the match is scrolled into view"
    help_window.find_field.setText("zzzz-finns-inte")
    assert not help_window.find_next()
    assert help_window.find_status.text() == "Hittades inte"
    assert help_window.browser.verticalScrollBar().value() == scrolled, "a failed search leaves the page alone"


# --- the documents --------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_mapped_section_exists_in_both_languages(qtbot, ctx, language):
    path = guide_path(language)
    assert path.parent.name == language and path.exists()
    help_window = HelpWindow(language=language)
    qtbot.addWidget(help_window)
    anchors = help_window.anchors()
    missing = (set(SECTIONS.values()) | {START, "shortcuts", "on-track", "access"}) - set(anchors)
    assert not missing, f"{language}: no section for {sorted(missing)}"
    assert len(anchors) == len(set(anchors)), "an anchor is used twice"
    assert SHORTCUTS_MARK in path.read_text(encoding="utf-8")
    # The two languages have the same sections in the same order, so every F1 lands in both.
    other = HelpWindow(language="en" if language == "sv" else "sv")
    qtbot.addWidget(other)
    assert other.anchors() == anchors


def _catalogue_words(language: str) -> set[str]:
    """Every text of the program's catalogue in `language`, without mnemonics, in lower case."""
    words = set()
    for message in read_po(PO.open("rb")):
        if not message.id:
            continue
        texts = message.string if language == "sv" else message.id
        for text in texts if isinstance(texts, tuple) else (texts,):
            words.add(text.replace("&", "").strip().lower())
    # Qt's own words for the standard buttons: its source words, or qtbase_sv.qm's in Swedish.
    if language == "sv":
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        words |= {button.text().replace("&", "").lower() for button in box.buttons()}
    else:
        words |= {"save", "cancel"}
    return words


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_guide_names_only_what_the_program_has(qtbot, ctx, language):
    """Every bold word of the guide is a menu, tab, button, field or value of the program (a menu path
    'A → B' part by part), or a key; emphasis is written <strong>."""
    words = _catalogue_words(language)
    html = guide_path(language).read_text(encoding="utf-8")
    unknown = []
    for bold in re.findall(r"<b>(.*?)</b>", html, re.S):
        text = " ".join(bold.split())
        if KEY.match(text):
            continue
        if not all(part.strip().lower() in words for part in text.split("→")):
            unknown.append(text)
    assert not unknown, f"{language}: the program has no {unknown}"
    # The words a user looks for are there, as the program writes them.
    if language == "sv":
        for word in ("Registrera → Ny observation…", "Hjälp → Användarhandbok", "I fas", "Ur fas", "Lås"):
            assert f"<b>{word}</b>" in html


def _guide_keys(language: str) -> set[str]:
    html = guide_path(language).read_text(encoding="utf-8")
    return {" ".join(b.split()) for b in re.findall(r"<b>(.*?)</b>", html, re.S) if KEY.match(" ".join(b.split()))}


def test_every_shortcut_is_in_the_guide_and_every_key_it_names_exists(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.show_help("shortcuts")
    help_window = guide(window)
    text = help_window.browser.toPlainText()
    native = QKeySequence.SequenceFormat.NativeText
    actions = [a for a in window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert {a.objectName() for a in actions} >= {"actLock", "actSwitch", "actNewObservation", "actHelp"}
    for action in actions:
        assert action.shortcut().toString(native) in text, f"{action.text()} is missing from the guide"
    assert menu_shortcuts(window.menuBar()), "the table is built from the menus"

    # Keys the guide names itself: a menu shortcut, a key of the guide window, or Qt's own form keys.
    known = {a.shortcut().toString(native) for a in actions}
    known |= {s.key().toString(native) for s in help_window.findChildren(QShortcut)}
    known |= {help_window.back_button.shortcut().toString(native), "Ctrl+1", "Ctrl+2"}
    qt_own = {"Tab", "Skift+Tab", "Alt", "Esc", "Enter", "Alt+Vänsterpil"}
    assert "Alt+Vänster" in known  # written out as Alt+Vänsterpil
    unknown = _guide_keys("sv") - known - qt_own
    assert not unknown, f"the guide names keys the program does not have: {sorted(unknown)}"


def test_the_help_files_are_packaged():
    spec = (ROOT / "build_installer.spec").read_text(encoding="utf-8")
    assert '*tree("resources", "resources")' in spec
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources" = ["**/*"]' in pyproject
    assert {p.parent.name for p in (ROOT / "resources" / "help").glob("*/guide.html")} == {"sv", "en"}


def test_every_name_in_the_section_map_is_a_widget_of_the_program():
    """A renamed tab or dialog would silently send F1 to the start of the guide."""
    names = set()
    for path in (ROOT / "ui").rglob("*.py"):
        names |= set(re.findall(r'setObjectName\(f?"([A-Za-z]+)', path.read_text(encoding="utf-8")))
    missing = set(SECTIONS) - names
    assert not missing, f"no widget is named {sorted(missing)}"


def test_the_guide_is_in_the_programs_language():
    from app import i18n

    assert guide_path().parent.name == "sv"
    i18n.set_language("en")
    try:
        assert guide_path().parent.name == "en"
    finally:
        i18n.set_language("sv")
    assert guide_path("fi").parent.name == "sv", "a language without a guide gets the Swedish one"
