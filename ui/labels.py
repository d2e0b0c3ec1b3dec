"""Translated display names of the domain's fixed vocabularies (roles, sources, statuses, ...)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.db.enums import (
    ActionKind,
    ActionStatus,
    AuditOperation,
    Classification,
    Direction,
    ExpectedEffect,
    FollowUpColour,
    Forum,
    Frequency,
    PlaceType,
    PreventionType,
    Role,
    Setting,
    Source,
    YesNoUnknown,
)


def _t(text: str) -> str:
    return QCoreApplication.translate("Labels", text)


# English source texts, marked for lupdate; translated when looked up, so a changed language applies.
_SOURCE = {
    Role.ADMIN: QT_TRANSLATE_NOOP("Labels", "Administrator"),
    Role.EDITOR: QT_TRANSLATE_NOOP("Labels", "Editor"),
    Role.READER: QT_TRANSLATE_NOOP("Labels", "Reader"),
    Source.OWN_OBSERVATION: QT_TRANSLATE_NOOP("Labels", "Own observation"),
    Source.POLICE_STATISTICS: QT_TRANSLATE_NOOP("Labels", "Police statistics"),
    Source.RESCUE_SERVICE: QT_TRANSLATE_NOOP("Labels", "Rescue service"),
    Source.SAFETY_SURVEY: QT_TRANSLATE_NOOP("Labels", "Safety survey"),
    Source.SAFETY_WALK: QT_TRANSLATE_NOOP("Labels", "Safety walk"),
    Source.CITIZEN_DIALOGUE: QT_TRANSLATE_NOOP("Labels", "Citizen dialogue"),
    Setting.INDOORS: QT_TRANSLATE_NOOP("Labels", "Indoors"),
    Setting.OUTDOORS: QT_TRANSLATE_NOOP("Labels", "Outdoors"),
    Setting.UNKNOWN: QT_TRANSLATE_NOOP("Labels", "Unknown"),
    YesNoUnknown.YES: QT_TRANSLATE_NOOP("Labels", "Yes"),
    YesNoUnknown.NO: QT_TRANSLATE_NOOP("Labels", "No"),
    YesNoUnknown.UNKNOWN: QT_TRANSLATE_NOOP("Labels", "Unknown"),
    Classification.OPEN: QT_TRANSLATE_NOOP("Labels", "Open to the office"),
    Classification.INTERNAL: QT_TRANSLATE_NOOP("Labels", "Internal to my organisation"),
    ActionStatus.PLANNED: QT_TRANSLATE_NOOP("Labels", "Planned"),
    ActionStatus.ONGOING: QT_TRANSLATE_NOOP("Labels", "Ongoing"),
    ActionStatus.DONE: QT_TRANSLATE_NOOP("Labels", "Done"),
    ActionStatus.CANCELLED: QT_TRANSLATE_NOOP("Labels", "Cancelled"),
    FollowUpColour.GREEN: QT_TRANSLATE_NOOP("Labels", "Green"),
    FollowUpColour.YELLOW: QT_TRANSLATE_NOOP("Labels", "Yellow"),
    FollowUpColour.RED: QT_TRANSLATE_NOOP("Labels", "Red"),
    ActionKind.ONE_OFF: QT_TRANSLATE_NOOP("Labels", "One-off effort"),
    ActionKind.ONGOING: QT_TRANSLATE_NOOP("Labels", "Ongoing work"),
    PreventionType.SITUATIONAL: QT_TRANSLATE_NOOP("Labels", "Situational"),
    PreventionType.SOCIAL: QT_TRANSLATE_NOOP("Labels", "Social"),
    ExpectedEffect.SHORT_TERM: QT_TRANSLATE_NOOP("Labels", "Short term"),
    ExpectedEffect.LONG_TERM: QT_TRANSLATE_NOOP("Labels", "Long term"),
    Direction.LOWER: QT_TRANSLATE_NOOP("Labels", "Lower is better"),
    Direction.HIGHER: QT_TRANSLATE_NOOP("Labels", "Higher is better"),
    Frequency.MONTHLY: QT_TRANSLATE_NOOP("Labels", "Monthly"),
    Frequency.TERTIAL: QT_TRANSLATE_NOOP("Labels", "Per tertial"),
    Frequency.YEARLY: QT_TRANSLATE_NOOP("Labels", "Yearly"),
    AuditOperation.INSERT: QT_TRANSLATE_NOOP("Labels", "Added"),
    AuditOperation.UPDATE: QT_TRANSLATE_NOOP("Labels", "Changed"),
    AuditOperation.DELETE: QT_TRANSLATE_NOOP("Labels", "Deleted"),
    Forum.WEEKLY_OPERATIONAL: QT_TRANSLATE_NOOP("Labels", "Weekly operational meeting"),
    Forum.TERTIAL_ANALYSIS: QT_TRANSLATE_NOOP("Labels", "Tertial analysis"),
    Forum.STEERING_GROUP: QT_TRANSLATE_NOOP("Labels", "Steering group"),
    Forum.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
    PlaceType.CENTRE: QT_TRANSLATE_NOOP("Labels", "Centre"),
    PlaceType.STATION: QT_TRANSLATE_NOOP("Labels", "Station"),
    PlaceType.SCHOOL: QT_TRANSLATE_NOOP("Labels", "School"),
    PlaceType.PARK: QT_TRANSLATE_NOOP("Labels", "Park"),
    PlaceType.TUNNEL: QT_TRANSLATE_NOOP("Labels", "Tunnel"),
    PlaceType.SQUARE: QT_TRANSLATE_NOOP("Labels", "Square"),
    PlaceType.STREET: QT_TRANSLATE_NOOP("Labels", "Street"),
    PlaceType.RESIDENTIAL: QT_TRANSLATE_NOOP("Labels", "Residential area"),
    PlaceType.SPORTS: QT_TRANSLATE_NOOP("Labels", "Sports ground"),
    PlaceType.INDUSTRIAL: QT_TRANSLATE_NOOP("Labels", "Industrial area"),
    PlaceType.OTHER: QT_TRANSLATE_NOOP("Labels", "Other"),
}


def label(value) -> str:
    """Display text for an enum member (or its stored string)."""
    if value is None:
        return ""
    source = _SOURCE.get(value)
    return _t(source) if source else str(getattr(value, "value", value))


def choices(enum_cls) -> list[tuple[str, object]]:
    """(label, member) pairs in declaration order, for combo boxes."""
    return [(label(member), member) for member in enum_cls]
