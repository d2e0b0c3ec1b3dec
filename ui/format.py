"""Swedish formatting of numbers, dates and changes for display."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale

from app.i18n import _


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return ""
    locale = QLocale()
    if decimals == 0:
        return locale.toString(round(value))
    return locale.toString(float(value), "f", decimals)


def date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def date_time(value: dt.datetime | None) -> str:
    """A moment in the desk's local time, to the minute."""
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


def time(value: dt.time | None) -> str:
    return value.strftime("%H:%M") if value else ""


def change(current: int, previous: int, percent: float | None) -> str:
    """'▲ 12 %' / '▼ 5 %' / '±0' / 'new'; arrows plus sign so it reads in black and white."""
    if previous == 0 and current > 0:
        return _("new")
    if percent is None or current == previous:
        return "±0"
    arrow = "▲" if current > previous else "▼"
    sign = "+" if current > previous else "−"
    return f"{arrow} {sign}{number(abs(percent), 0)} %"
