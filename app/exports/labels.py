"""Display names of the domain's fixed vocabularies in exported files (the GUI has its own in ui/labels.py)."""

from __future__ import annotations

import enum
from functools import lru_cache

from app.db.enums import (
    ActionKind,
    ActionStatus,
    Classification,
    Direction,
    ExpectedEffect,
    FollowUpColour,
    Frequency,
    PreventionType,
    Role,
    Setting,
    Source,
    YesNoUnknown,
)
from app.i18n import _, language
from app.services.followup import IndicatorStatus


@lru_cache(maxsize=None)
def _labels(lang: str) -> dict[tuple[type, str], str]:
    # One table per language, so a language changed at run time applies; the same English texts as the GUI.
    # Keyed by (class, value): the vocabularies are str enums, so ActionStatus.ONGOING == ActionKind.ONGOING.
    pairs: tuple[tuple[enum.Enum, str], ...] = (
        (Role.ADMIN, _("Administrator")),
        (Role.EDITOR, _("Editor")),
        (Role.READER, _("Reader")),
        (Source.OWN_OBSERVATION, _("Own observation")),
        (Source.POLICE_STATISTICS, _("Police statistics")),
        (Source.RESCUE_SERVICE, _("Rescue service")),
        (Source.SAFETY_SURVEY, _("Safety survey")),
        (Source.SAFETY_WALK, _("Safety walk")),
        (Source.CITIZEN_DIALOGUE, _("Citizen dialogue")),
        (Setting.INDOORS, _("Indoors")),
        (Setting.OUTDOORS, _("Outdoors")),
        (Setting.UNKNOWN, _("Unknown")),
        (YesNoUnknown.YES, _("Yes")),
        (YesNoUnknown.NO, _("No")),
        (YesNoUnknown.UNKNOWN, _("Unknown")),
        (Classification.OPEN, _("Open to the office")),
        (Classification.INTERNAL, _("Internal to the reporting organisation")),
        (ActionStatus.PLANNED, _("Planned")),
        (ActionStatus.ONGOING, _("Ongoing")),
        (ActionStatus.DONE, _("Done")),
        (ActionStatus.CANCELLED, _("Cancelled")),
        (FollowUpColour.GREEN, _("Green")),
        (FollowUpColour.YELLOW, _("Yellow")),
        (FollowUpColour.RED, _("Red")),
        (ActionKind.ONE_OFF, _("One-off effort")),
        (ActionKind.ONGOING, _("Ongoing work")),
        (PreventionType.SITUATIONAL, _("Situational")),
        (PreventionType.SOCIAL, _("Social")),
        (ExpectedEffect.SHORT_TERM, _("Short term")),
        (ExpectedEffect.LONG_TERM, _("Long term")),
        (Direction.LOWER, _("Lower is better")),
        (Direction.HIGHER, _("Higher is better")),
        (Frequency.MONTHLY, _("Monthly")),
        (Frequency.TERTIAL, _("Per tertial")),
        (Frequency.YEARLY, _("Yearly")),
        (IndicatorStatus.ON_TRACK, _("On track")),
        (IndicatorStatus.OFF_TRACK, _("Off track")),
        (IndicatorStatus.NO_DATA, _("No data")),
    )
    return {(type(member), member.value): text for member, text in pairs}


def label(value: enum.Enum) -> str:
    """The display text of an enum member; its stored value if it has none."""
    stored = getattr(value, "value", value)
    return _labels(language()).get((type(value), stored), str(stored))


def labeller(enum_cls: type[enum.Enum]):
    """A fast lookup for many rows: member -> text, computed once."""
    texts = {member: label(member) for member in enum_cls}
    return texts.__getitem__
