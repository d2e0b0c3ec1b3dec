"""The shared desk: locking from anywhere (open forms included), who the badge and the lock page name,
the toolbar at narrow widths, and a readable palette under a dark system theme."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget
from shiboken6 import isValid

from tests.gui_support import ARTIFACTS, PASSWORDS, settle, sign_in

pytestmark = pytest.mark.gui


def unlock(qtbot, window, username):
    page = window.lock_page
    if username != page.username.text() and page.locked_actor is not None and not page.for_other_user:
        page.other_button.click()
    page.username.setText(username)
    page.password.setText(PASSWORDS[username])
    page.submit()
    qtbot.waitUntil(lambda: not window.is_locked(), timeout=10000)


def open_observation_form(qtbot, ctx, window, text="Halvskriven beskrivning"):
    window.new_observation()
    dialog = window.lagesbild_tab._dialog
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    dialog.description.setPlainText(text)
    dialog.activateWindow()
    dialog.description.setFocus()
    return dialog


def visible_windows(window) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets() if w is not window and w.isVisible() and w.isWindow()]


# --- item 6: locking from anywhere -------------------------------------------------------------------


def test_ctrl_l_in_an_open_form_locks_and_the_same_user_gets_the_form_back(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    dialog = open_observation_form(qtbot, ctx, window)
    assert dialog.isModal() or dialog.windowModality() != Qt.WindowModality.NonModal
    qtbot.keyClick(dialog.description, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked(), "Ctrl+L in a form locks the window"
    assert not dialog.isVisible(), "the form is hidden behind the lock"
    assert window.lock_page.heading.text().startswith("Låst av Anna Andersson")
    assert dialog.description.toPlainText() == "Halvskriven beskrivning", "Ctrl+L typed nothing into the form"

    unlock(qtbot, window, "anna")
    assert dialog.isVisible(), "the same user gets the form back"
    assert dialog.description.toPlainText() == "Halvskriven beskrivning"


def test_lock_button_and_menu_lock_with_a_non_modal_window_open(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.show_users()
    users = window._dialog
    qtbot.waitUntil(users.isVisible, timeout=5000)
    qtbot.mouseClick(window.lock_button, Qt.MouseButton.LeftButton)
    assert window.is_locked() and not users.isVisible()
    unlock(qtbot, window, "anna")
    assert users.isVisible()


def test_ctrl_l_in_a_non_modal_window_locks(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.show_audit_trail()
    audit = window._dialog
    qtbot.waitUntil(audit.isVisible, timeout=5000)
    audit.activateWindow()
    qtbot.keyClick(audit, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked() and not audit.isVisible()


def test_locking_during_a_question_ends_it_unanswered_and_keeps_the_form(qtbot, ctx, window):
    """A message box asked with exec() over a form: the lock ends the question with no answer (nothing
    is deleted or discarded), and only the form comes back."""
    sign_in(qtbot, ctx, "anna")
    dialog = open_observation_form(qtbot, ctx, window)
    asked = []

    def press_ctrl_l():
        box = QApplication.activeModalWidget()
        asked.append(box)
        qtbot.keyClick(box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)

    QTimer.singleShot(50, press_ctrl_l)
    answer = QMessageBox.question(dialog, "Fråga", "Kasta ändringarna?")
    assert isinstance(asked[0], QMessageBox)
    assert answer not in (QMessageBox.StandardButton.Yes,), "the lock answers no question with Yes"
    assert window.is_locked() and not dialog.isVisible()
    unlock(qtbot, window, "anna")
    assert dialog.isVisible() and dialog.description.toPlainText() == "Halvskriven beskrivning"
    assert not (isValid(asked[0]) and asked[0].isVisible()), "a question nobody would hear is not shown again"


def test_another_user_at_the_lock_never_sees_the_first_users_forms(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    dialog = open_observation_form(qtbot, ctx, window)
    window.show_users()
    qtbot.keyClick(dialog.description, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked()
    unlock(qtbot, window, "per")
    settle(qtbot, ctx)
    assert ctx.actor.username == "per"
    QApplication.processEvents()
    assert not visible_windows(window), "Per sees none of Anna's windows"
    assert not any(d.isVisible() for d in window.findChildren(QDialog))


def test_the_idle_lock_hides_an_open_form_the_same_way(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    dialog = open_observation_form(qtbot, ctx, window)
    window.idle_timer.start(30)
    qtbot.waitUntil(window.is_locked, timeout=5000)
    assert not dialog.isVisible()
    assert window.status_user.text() == window.lock_page.heading.text()
    unlock(qtbot, window, "anna")
    assert dialog.isVisible() and dialog.description.toPlainText() == "Halvskriven beskrivning"


# --- item 8: the badge and the lock page agree ---------------------------------------------------------


def test_badge_and_lock_page_name_the_same_person_in_every_state(qtbot, ctx, window):
    page, badge = window.lock_page, window.user_label
    assert badge.full_text() == page.heading.text() == "Ingen är inloggad"

    sign_in(qtbot, ctx, "per")
    assert badge.full_text().startswith("Per Polis · Polisen, lokalpolisområde Sollentuna")
    assert "per" in window.status_user.text()

    window.lock()
    locked = "Låst av Per Polis, Polisen, lokalpolisområde Sollentuna"
    assert page.heading.text() == locked and badge.full_text() == locked
    assert window.status_user.text() == locked

    page.other_button.click()  # someone else sits down: the window is still Per's, locked
    assert page.heading.text() == locked and badge.full_text() == locked
    assert "Ingen" not in page.heading.text()
    assert "Per Polis" in page.hint.text() and page.username.text() == ""
    page.other_button.click()  # back to Per
    assert page.username.text() == "per" and page.heading.text() == locked

    unlock(qtbot, window, "per")
    assert badge.full_text().startswith("Per Polis ·") and not window.is_locked()

    window.lock()
    unlock(qtbot, window, "anna")  # another user: Per is signed out, Anna in
    settle(qtbot, ctx)
    assert badge.full_text().startswith("Anna Andersson · Sigtuna kommun")
    assert "anna" in window.status_user.text()

    window.switch_user()
    assert ctx.actor is None
    assert badge.full_text() == page.heading.text() == "Ingen är inloggad"
    assert window.status_user.text() == "Ingen är inloggad"


def test_screenshot_of_the_lock_page(qtbot, ctx, window):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    sign_in(qtbot, ctx, "per")
    window.resize(1440, 900)
    window.lock()
    QApplication.processEvents()
    assert window.grab().save(str(ARTIFACTS / "desk_lock_page.png"))
    window.lock_page.other_button.click()
    QApplication.processEvents()
    assert window.grab().save(str(ARTIFACTS / "desk_lock_page_other_user.png"))


# --- item 7: the toolbar keeps its buttons ---------------------------------------------------------------


@pytest.mark.parametrize("width", [1440, 1024])
def test_lock_and_switch_stay_visible_with_a_long_organisation_name(qtbot, ctx, window, width):
    sign_in(qtbot, ctx, "per")  # "Polisen, lokalpolisområde Sollentuna", the longest organisation name
    toolbar = window.findChild(QWidget, "mainToolbar")
    # The toolbar's own width is what is tested; the tabs' widest row (the lägesbild filters) is another
    # matter, so the tabs are let narrower than their content here.
    for tab in window.tab_widgets():
        tab.setMinimumSize(1, 1)
        widget = tab
        while (widget := widget.parentWidget()) is not None:
            widget.updateGeometry()
    QApplication.processEvents()
    window.resize(width, 800)
    settle(qtbot, ctx)
    QApplication.processEvents()
    assert window.width() == width
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / f"desk_window_{width}.png"))
    for button in (window.lock_button, window.switch_button, toolbar.widgetForAction(window.act_new_observation)):
        assert button.isVisible(), f"{button.text()} is on the toolbar at {width} px"
        top_left = button.mapTo(window, button.rect().topLeft())
        right = top_left.x() + button.width()
        assert 0 <= top_left.x() and right <= window.width(), f"{button.text()} is inside the window"
    assert window.switch_button.text() == "Byt användare" and window.lock_button.text() == "Lås"
    badge = window.user_label
    assert badge.isVisible() and badge.toolTip() == badge.full_text()
    assert "Polisen, lokalpolisområde Sollentuna" in badge.full_text()
    if width == 1024:
        assert badge.is_elided() and badge.text().endswith("…")
    else:
        assert not badge.is_elided(), "at the office's width the whole badge is shown"
    assert badge.geometry().right() < window.lock_button.geometry().left()


# --- item 17: readable under a dark system theme -----------------------------------------------------------

DARK_SYSTEM = {
    "Window": "#202020",
    "WindowText": "#ffffff",
    "Base": "#1c1c1c",
    "AlternateBase": "#2b2b2b",
    "Text": "#ffffff",
    "Button": "#2d2d2d",
    "ButtonText": "#ffffff",
    "ToolTipBase": "#2d2d2d",
    "ToolTipText": "#ffffff",
    "PlaceholderText": "#a0a0a0",
    "Highlight": "#0078d4",
    "HighlightedText": "#ffffff",
}


@pytest.fixture
def dark_system(qapp):
    """The system's theme is dark (as Windows gives it to Qt) when the program starts."""
    from PySide6.QtGui import QColor, QPalette

    before = QPalette(qapp.palette())
    dark = QPalette()
    for role, colour in DARK_SYSTEM.items():
        dark.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    qapp.setPalette(dark)
    yield
    qapp.setPalette(before)


def painted_background(image, widget, window):
    """The colour most of `widget`'s area is painted in (the background its text is drawn on)."""
    from collections import Counter

    from PySide6.QtCore import QPoint

    origin = widget.mapTo(window, QPoint(0, 0))
    counts: Counter = Counter()
    step = max(1, min(widget.width(), widget.height()) // 12)
    for x in range(origin.x() + 1, origin.x() + widget.width() - 1, step):
        for y in range(origin.y() + 1, origin.y() + widget.height() - 1, step):
            counts[image.pixel(x, y)] += 1
    from PySide6.QtGui import QColor

    return QColor.fromRgb(counts.most_common(1)[0][0]) if counts else None


def text_contrasts(window):
    """(what, contrast) of the text colour of the main widgets (tables, inputs, drop-downs, labels, key
    figures) against the background actually painted under them."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QLineEdit

    from ui.theme import contrast

    image = window.grab().toImage()
    found = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, (QAbstractItemView, QLineEdit, QComboBox, QLabel)) or not widget.isVisible():
            continue
        if widget.width() < 4 or widget.height() < 4 or widget.objectName().startswith("qt_"):
            continue
        if isinstance(widget, QLabel) and not widget.text():
            continue
        if isinstance(widget, QAbstractItemView):
            area, role = widget.viewport(), QPalette.ColorRole.Text
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            area, role = widget, QPalette.ColorRole.ButtonText
        elif isinstance(widget, (QLineEdit, QComboBox)):
            area, role = widget, QPalette.ColorRole.Text
        else:
            area, role = widget, QPalette.ColorRole.WindowText
        if not widget.isEnabled():
            continue  # disabled controls may be faint (WCAG 1.4.3 exempts inactive components)
        background = painted_background(image, area, window)
        if background is None:
            continue
        name = f"{type(widget).__name__} {widget.objectName() or getattr(widget, 'text', lambda: '')()}"
        found.append((name, background.name(), contrast(widget.palette().color(role), background)))
    return found


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_text_is_readable_whatever_the_system_theme(qtbot, qapp, ctx, request, theme):
    from ui.app import create_application
    from ui.main_window import MainWindow

    if theme == "dark":
        request.getfixturevalue("dark_system")
    create_application(language="sv")  # as at start-up: the system's palette first, then the program's
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1440, 900)
    window.show()
    sign_in(qtbot, ctx, "anna")
    settle(qtbot, ctx)
    for index in range(window.tabs.count()):  # every tab's widgets
        window.tabs.setCurrentIndex(index)
        settle(qtbot, ctx)
        poor = [(what, bg, round(ratio, 2)) for what, bg, ratio in text_contrasts(window) if ratio < 4.5]
        assert not poor, f"text too faint on {window.tabs.tabText(index)} ({theme} system theme): {poor[:8]}"
    window.tabs.setCurrentIndex(0)
    settle(qtbot, ctx)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(ARTIFACTS / f"desk_main_window_{theme}_system.png"))
    window.close()
