"""The program's colours: one complete light palette, whatever the system's theme.

The style sheet (resources/styles/app.qss) paints light backgrounds; text took its colour from the
system, so a dark or high-contrast Windows theme gave white text on white. Every role of every colour
group is now set here, from the same colours as the style sheet, and the Fusion style draws with
them on every platform (the native Windows styles ignore parts of a palette).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

STYLE = "Fusion"

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

# The style sheet's colours (keep the two in step).
INK = "#101828"  # text on light backgrounds
BACKGROUND = "#f6f7f9"  # windows and dialogs
SURFACE = "#ffffff"  # inputs, tables, cards
ALTERNATE = "#f9fafb"
BUTTON = "#eef1f5"
BORDER = "#d0d5dd"
NAVY = "#0b3d6e"  # the toolbar and the lock page
MUTED = "#667085"  # hints and placeholders (4.8:1 on white)
DISABLED = "#98a2b3"
LINK = "#0b5cad"

LIGHT: dict[QPalette.ColorRole, str] = {
    Role.Window: BACKGROUND,
    Role.WindowText: INK,
    Role.Base: SURFACE,
    Role.AlternateBase: ALTERNATE,
    Role.Text: INK,
    Role.PlaceholderText: MUTED,
    Role.Button: BUTTON,
    Role.ButtonText: INK,
    Role.BrightText: SURFACE,
    Role.ToolTipBase: SURFACE,
    Role.ToolTipText: INK,
    Role.Highlight: NAVY,
    Role.HighlightedText: SURFACE,
    Role.Link: LINK,
    Role.LinkVisited: "#5b3d9e",
    Role.Light: SURFACE,
    Role.Midlight: BUTTON,
    Role.Mid: BORDER,
    Role.Dark: DISABLED,
    Role.Shadow: MUTED,
    Role.Accent: NAVY,
}
# Disabled controls are drawn faint (as WCAG allows for inactive controls), still legible.
DISABLED_ROLES = (Role.WindowText, Role.Text, Role.ButtonText, Role.PlaceholderText, Role.HighlightedText)


def light_palette() -> QPalette:
    palette = QPalette()
    for role, colour in LIGHT.items():
        palette.setColor(role, QColor(colour))  # every colour group
    for role in DISABLED_ROLES:
        palette.setColor(Group.Disabled, role, QColor(DISABLED))
    palette.setColor(Group.Disabled, Role.Highlight, QColor(BORDER))
    palette.setColor(Group.Disabled, Role.Base, QColor(BACKGROUND))
    palette.setColor(Group.Disabled, Role.Button, QColor(BACKGROUND))
    return palette


def apply_theme(app: QApplication) -> None:
    """The light look, set once at start-up before any window is built."""
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8: native dialogs and title bars light too
        hints.setColorScheme(Qt.ColorScheme.Light)
    app.setStyle(STYLE)
    app.setPalette(light_palette())


def contrast(foreground: QColor, background: QColor) -> float:
    """The WCAG 2 contrast ratio of two colours (1 to 21; text needs at least 4.5)."""

    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    lighter, darker = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
