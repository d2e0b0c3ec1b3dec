"""What a place's marker looks like: its size (area proportional to the events), its colour and
pattern (the change against the previous period) and whether it carries a label.

Colours are the charts' colour-blind-safe ones (Okabe–Ito, app/charts/style.py): vermillion and
orange for a rise, sky blue and blue for a fall, grey for about the same. The pattern is the second
cue, for grey-scale print and for readers who cannot tell the colours apart: rising markers are
hatched with diagonal lines, falling ones dotted, steady ones plain.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from app.i18n import N_, _

MAX_RADIUS = 30.0  # pixels, of the place with most events
MIN_RADIUS = 3.0  # a place with one event stays visible and clickable
EMPTY_RADIUS = 2.5  # a place without events in either period: a small ring
LABELLED = 8  # the largest places carry their name
ALWAYS_LABELLED = 3  # of those, the largest keep it in a crowd, over other circles if need be

# Change in per cent at which a marker counts as risen or fallen, and as much risen or fallen.
STEADY_PERCENT = 10.0
STRONG_PERCENT = 50.0


class Hatch(Enum):
    NONE = ""
    RISING = "rising"  # diagonal lines
    FALLING = "falling"  # dots


@dataclass(frozen=True)
class ChangeClass:
    key: str
    label_source: str  # translated when shown, so a change of language shows at once
    colour: str
    hatch: Hatch
    dark: bool  # white text reads on the colour

    @property
    def label(self) -> str:
        return _(self.label_source)


MUCH_HIGHER = ChangeClass("much_higher", N_("Much higher (+50 % or new)"), "#D55E00", Hatch.RISING, True)
HIGHER = ChangeClass("higher", N_("Higher (+10 to +50 %)"), "#E69F00", Hatch.RISING, False)
SAME = ChangeClass("same", N_("About the same (±10 %)"), "#BBBBBB", Hatch.NONE, False)
LOWER = ChangeClass("lower", N_("Lower (−10 to −50 %)"), "#56B4E9", Hatch.FALLING, False)
MUCH_LOWER = ChangeClass("much_lower", N_("Much lower (−50 % or more)"), "#0072B2", Hatch.FALLING, True)
NONE = ChangeClass("none", N_("No events in either period"), "#FFFFFF", Hatch.NONE, False)

# In the legend's order: most risen first.
CHANGE_CLASSES: tuple[ChangeClass, ...] = (MUCH_HIGHER, HIGHER, SAME, LOWER, MUCH_LOWER)


def change_class(count: int, previous: int) -> ChangeClass:
    """The class of a change from `previous` to `count` events (a place new in the period: much higher)."""
    if count == 0 and previous == 0:
        return NONE
    if previous == 0:
        return MUCH_HIGHER
    percent = 100.0 * (count - previous) / previous
    if percent >= STRONG_PERCENT:
        return MUCH_HIGHER
    if percent > STEADY_PERCENT:
        return HIGHER
    if percent <= -STRONG_PERCENT:
        return MUCH_LOWER
    if percent < -STEADY_PERCENT:
        return LOWER
    return SAME


def radius(count: int, largest: int, max_radius: float = MAX_RADIUS) -> float:
    """A marker's radius: its area is proportional to the count (the largest gets `max_radius`);
    never smaller than MIN_RADIUS, so that one event stays visible."""
    if count <= 0 or largest <= 0:
        return EMPTY_RADIUS
    return max(MIN_RADIUS, max_radius * math.sqrt(count / largest))


def legend_counts(largest: int) -> list[int]:
    """Round counts for the size legend: the largest rounded down to 1, 2 or 5 × 10ⁿ, and a half and a
    tenth of it where they differ."""
    if largest <= 0:
        return []
    exponent = 10 ** math.floor(math.log10(largest))
    top = max(s * exponent for s in (1, 2, 5) if s * exponent <= largest)
    found = []
    for value in (top, top // 2, top // 10):
        if value >= 1 and value not in found:
            found.append(value)
    return found


@dataclass(frozen=True)
class DistrictLabel:
    name: str
    latitude: float
    longitude: float


class Located(Protocol):
    """What the functions here read of a place (app.services.lagesbild.MapPlace has it)."""

    name: str
    district: str
    latitude: float | None
    longitude: float | None
    count: int


def labelled(places: Iterable[Located], limit: int = LABELLED) -> set[str]:
    """The names of the `limit` places with most events (and at least one), which carry a label."""
    ranked = sorted((p for p in places if p.count > 0 and p.latitude is not None), key=lambda p: (-p.count, p.name))
    return {p.name for p in ranked[:limit]}


def district_labels(places: Sequence[Located]) -> list[DistrictLabel]:
    """A label per kommundel at the middle of its places with coordinates (the demo's and most
    offices' districts are the kommun's localities: Märsta, Valsta, Sigtuna, Rosersberg …)."""
    found: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for p in places:
        if p.latitude is not None and p.longitude is not None and p.district:
            found[p.district].append((p.latitude, p.longitude))
    return [
        DistrictLabel(name, sum(c[0] for c in points) / len(points), sum(c[1] for c in points) / len(points))
        for name, points in sorted(found.items())
    ]
