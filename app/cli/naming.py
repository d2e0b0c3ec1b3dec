"""What the reference-data commands share: rows found by name ignoring case, choices with their labels, --active."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from app.cli.common import EXIT_OK, out
from app.domain.vocabulary import Vocabulary
from app.i18n import _
from app.imports.columns import name_key

T = TypeVar("T")
V = TypeVar("V", bound=Vocabulary)

NAMES_SHOWN = 8  # names listed when one is not found


def choices_help(values: Iterable[Vocabulary]) -> str:
    """`centre (Centrum), station (Station), …`: each value with its label, for --help."""
    return ", ".join(f"{value.value} ({value.label})" for value in values)


def vocabulary_argument(vocabulary: type[V]) -> Callable[[str], V]:
    """An option taking a vocabulary value, or its label in either language, ignoring case."""

    def parse(text: str) -> V:
        key = name_key(text)
        for member in vocabulary:
            if key in {name_key(member.value), name_key(member.label), name_key(member.source_label)}:
                return member
        raise argparse.ArgumentTypeError(
            _("'{value}' is not one of: {choices}", value=text, choices=", ".join(m.value for m in vocabulary))
        )

    return parse


def active_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--active", dest="active", action="store_const", const=True, help=_("mark it as in use"))
    group.add_argument("--inactive", dest="active", action="store_const", const=False, help=_("mark it as not in use"))


def find_named(rows: Sequence[T], wanted: str, keys: Callable[[T], Iterable[str]]) -> T | None:
    """The first row one of whose `keys` is `wanted`, ignoring case and extra spaces."""
    key = name_key(wanted)
    return next((row for row in rows if key in {name_key(k) for k in keys(row)}), None)


def listed(rows: Sequence[T], shown: Callable[[T], str]) -> str:
    """The first few names, for a message saying which exist."""
    names = [shown(row) for row in rows]
    if not names:
        return _("none yet")
    first = ", ".join(names[:NAMES_SHOWN])
    return first if len(names) <= NAMES_SHOWN else _("{names} and {n} more", names=first, n=len(names) - NAMES_SHOWN)


def status_word(active: bool) -> str:
    return _("active") if active else _("not in use")


def given_or(value: T | None, current: T) -> T:
    return current if value is None else value


def no_change(name: str) -> int:
    out(_("{name} already has these values; nothing was changed.", name=name))
    return EXIT_OK
