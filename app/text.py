"""Text that reaches a terminal or a stored name: control characters (ANSI escapes among them) and
the invisible marks that turn text right to left can make a line show something other than what it
holds. Stored text refuses them (app/services/validation.py); echoed text shows them escaped."""

from __future__ import annotations

import re

# C0 and C1 controls but tab, newline and carriage return; DEL; direction marks, embeddings,
# overrides and isolates.
UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ECHO_LIMIT = 60


def has_unsafe(text: str) -> bool:
    return UNSAFE.search(text) is not None


def shown(text: str, limit: int | None = None) -> str:
    """`text` with every unsafe character written out (\\x1b, \\u202e), cut to `limit` characters."""
    safe = UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
    if limit is not None and len(safe) > limit:
        return safe[: limit - 1] + "…"
    return safe
