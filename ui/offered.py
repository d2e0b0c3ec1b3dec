"""What the forms offer to choose from: the rows in use (and the areas of the agreement in force),
and, held back, the others a row being edited may still refer to (see `held` in ui/forms.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from app.i18n import _
from app.services.lookups import Choice, Lookups

Items = list[tuple[str, int]]


def _split(choices: Iterable[Choice], text: Callable[[Choice], str]) -> tuple[Items, Items]:
    offered, held = [], []
    for c in choices:
        if c.active:
            offered.append((text(c), c.id))
        else:
            held.append((_("{name} (out of use)", name=text(c)), c.id))
    return offered, held


def places(lookups: Lookups, *, with_district: bool = True) -> tuple[Items, Items]:
    return _split(lookups.places, (lambda p: f"{p.name} ({p.detail})") if with_district else (lambda p: p.name))


def categories(lookups: Lookups) -> tuple[Items, Items]:
    return _split(lookups.categories, lambda c: c.name)


def organisations(lookups: Lookups) -> tuple[Items, Items]:
    return _split(lookups.organisations, lambda o: o.name)


def indicators(lookups: Lookups) -> tuple[Items, Items]:
    return _split(lookups.indicators, lambda i: i.name)


def areas(lookups: Lookups) -> tuple[Items, Items]:
    """The areas of the agreement in force; those of other agreements named with their period."""
    offered, held = _split(lookups.areas, lambda a: a.name)
    current = {a.id for a in lookups.areas}
    for agreement in lookups.agreements:
        held += [
            (_("{name} ({period})", name=a.name, period=agreement.name), a.id)
            for a in agreement.areas
            if a.id not in current
        ]
    return offered, held
