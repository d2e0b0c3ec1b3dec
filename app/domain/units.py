"""What values an indicator's unit allows: counts are whole and never negative, shares lie in 0–100 %.

An indicator's unit is free text ("händelser/månad", "%", "index"), so the kind of value is read
from its words, and so is whether the value adds up over its period (see `accumulates`). The one rule found here is what the services enforce (form and import alike) and
what the measurement dialog asks for its input: the range, the decimals and the sentence naming them.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

from app.i18n import _, language


class ValueKind(enum.Enum):
    COUNT = "count"  # events, fires, people, tips … per period: 0, 1, 2 …
    SHARE = "share"  # a percentage or share: 0–100
    SIGNED = "signed"  # a change or balance, which may fall below zero
    QUANTITY = "quantity"  # anything else measured (an index, hours, kronor): 0 or more


# Words (lower case, as the first word of the unit or the word before "/") that name counted things.
COUNT_WORDS = frozenset(
    {
        "antal",
        "st",
        "st.",
        "stycken",
        "händelse",
        "händelser",
        "brott",
        "anmälningar",
        "anmälda",
        "brand",
        "bränder",
        "larm",
        "utryckningar",
        "insatser",
        "ärenden",
        "fall",
        "person",
        "personer",
        "deltagare",
        "besök",
        "tips",
        "platser",
        "skolor",
        "count",
        "number",
        "events",
        "event",
        "incidents",
        "crimes",
        "reports",
        "fires",
        "calls",
        "cases",
        "people",
        "persons",
        "visits",
    }
)
SHARE_WORDS = ("%", "procent", "andel", "percent", "share")
# Word beginnings: "procentenheter" and "%-enheter" (percentage points) are differences, not shares.
SIGNED_WORDS = ("procentenhet", "%-enhet", "förändring", "differens", "netto", "saldo", "change", "difference")
_WORD = re.compile(r"[^\s/]+")


@dataclass(frozen=True)
class ValueRule:
    """The valid values of one unit: `minimum` and `maximum` (None: no bound), and how many decimals
    a value of the unit has (0: whole numbers only, which only counts require)."""

    kind: ValueKind
    minimum: float | None
    maximum: float | None
    decimals: int

    @property
    def whole(self) -> bool:
        return self.decimals == 0

    def allowed(self) -> str:
        """The valid values in words: "a whole number, 0 or more"."""
        if self.kind is ValueKind.COUNT:
            return _("a whole number, 0 or more")
        if self.kind is ValueKind.SHARE:
            return _("a value from 0 to 100")
        if self.kind is ValueKind.SIGNED:
            return _("a number")
        return _("a number, 0 or more")

    def problem(self, value: float, unit: str = "", *, whole: bool = True) -> str:
        """Why `value` is not valid in the unit ("" when it is). `whole=False` for a baseline or a target,
        which may be an average of whole counts ("22,5 per month in 2025")."""
        inside = (self.minimum is None or value >= self.minimum) and (self.maximum is None or value <= self.maximum)
        if inside and not (whole and self.whole and not float(value).is_integer()):
            return ""
        allowed = self.allowed() if whole else self.range_text()
        if unit.strip():
            return _("The unit is {unit}, so the value must be {allowed}.", unit=unit.strip(), allowed=allowed)
        return _("The value must be {allowed}.", allowed=allowed)

    def range_text(self) -> str:
        """The range alone, for a baseline or a target: "0 or more", "from 0 to 100"."""
        if self.kind is ValueKind.SHARE:
            return _("a value from 0 to 100")
        if self.minimum is None:
            return _("a number")
        return _("a number, 0 or more")


_RULES = {
    ValueKind.COUNT: ValueRule(ValueKind.COUNT, 0, None, 0),
    ValueKind.SHARE: ValueRule(ValueKind.SHARE, 0, 100, 2),
    ValueKind.SIGNED: ValueRule(ValueKind.SIGNED, None, None, 2),
    ValueKind.QUANTITY: ValueRule(ValueKind.QUANTITY, 0, None, 2),
}


def value_kind(unit: str | None) -> ValueKind:
    """What kind of value the unit measures, read from its words ("bränder/månad" is a count)."""
    text = " ".join((unit or "").lower().split())
    words = _WORD.findall(text)
    if any(word.startswith(SIGNED_WORDS) or word in ("net", "points") for word in words):
        return ValueKind.SIGNED
    if any(word in text for word in SHARE_WORDS):
        return ValueKind.SHARE
    if words and words[0] in COUNT_WORDS:
        return ValueKind.COUNT
    return ValueKind.QUANTITY


def accumulates(unit: str | None) -> bool:
    """Whether a value adds up over its period (events a month, hours per tertial), so that a period in
    progress has only part of it; a level (a share, a survey's index) is measured at a moment instead."""
    text = " ".join((unit or "").lower().split())
    return value_kind(text) is ValueKind.COUNT or "/" in text or " per " in f" {text} "


def value_rule(unit: str | None) -> ValueRule:
    """The rule for values of an indicator with this unit."""
    return _RULES[value_kind(unit)]


def format_value(value: float, decimals: int = 1) -> str:
    """A value as the lists show it, "12,0" ("12.0" in English), for messages written outside the UI."""
    text = f"{value:.{decimals}f}".replace("-", "\u2212")
    return text if language() == "en" else text.replace(".", ",")
