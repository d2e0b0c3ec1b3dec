"""A guard against PySide6 6.12's lost reference to None on Python 3.11.

PySide6-Essentials 6.12.0 returns None from every method that returns nothing (QPainter.drawLine,
QLabel.setText, QWidget.update …) without taking a reference to it, as if None were immortal, which
it is only from Python 3.12 on (PEP 683). On 3.11 each such call takes one from None's count, and
when that reaches zero the interpreter aborts ("none_dealloc: deallocating None"). A widget that
paints with QPainter makes hundreds of such calls a frame, so the map would abort within seconds of
panning. The guard gives None a count no program reaches, which is what 3.12 does by design.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40  # about 10¹² calls
_done = False


def keep_none_alive() -> None:
    """Make None's reference count unreachable on Python before 3.12 (once; a no-op later)."""
    global _done
    if _done or sys.version_info >= (3, 12):
        return
    # ob_refcnt is the first field of every object on CPython 3.11.
    ctypes.c_ssize_t.from_address(id(None)).value += _RESERVE
    _done = True
