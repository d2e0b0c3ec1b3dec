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


# Names of the fields the audit trail records (column and link names of app/db/models.py).
_FIELDS = {
    "action_id": QT_TRANSLATE_NOOP("Fields", "Action"),
    "active": QT_TRANSLATE_NOOP("Fields", "Active"),
    "agreement_period_id": QT_TRANSLATE_NOOP("Fields", "Agreement period"),
    "area_id": QT_TRANSLATE_NOOP("Fields", "Area"),
    "author_id": QT_TRANSLATE_NOOP("Fields", "Written by"),
    "baseline_period": QT_TRANSLATE_NOOP("Fields", "Baseline period"),
    "baseline_value": QT_TRANSLATE_NOOP("Fields", "Baseline value"),
    "category_id": QT_TRANSLATE_NOOP("Fields", "Event type"),
    "cause": QT_TRANSLATE_NOOP("Fields", "Cause"),
    "classification": QT_TRANSLATE_NOOP("Fields", "Visible to"),
    "code": QT_TRANSLATE_NOOP("Fields", "Code"),
    "completed_on": QT_TRANSLATE_NOOP("Fields", "Completed on"),
    "cost_spent": QT_TRANSLATE_NOOP("Fields", "Cost spent"),
    "count": QT_TRANSLATE_NOOP("Fields", "Number"),
    "created_at": QT_TRANSLATE_NOOP("Fields", "Created"),
    "created_by_id": QT_TRANSLATE_NOOP("Fields", "Created by"),
    "data_source": QT_TRANSLATE_NOOP("Fields", "Data source"),
    "deadline": QT_TRANSLATE_NOOP("Fields", "Deadline"),
    "decisions": QT_TRANSLATE_NOOP("Fields", "Decisions"),
    "description": QT_TRANSLATE_NOOP("Fields", "Description"),
    "direction": QT_TRANSLATE_NOOP("Fields", "Direction"),
    "display_name": QT_TRANSLATE_NOOP("Fields", "Full name"),
    "district": QT_TRANSLATE_NOOP("Fields", "District"),
    "ends_on": QT_TRANSLATE_NOOP("Fields", "Ends on"),
    "entry_date": QT_TRANSLATE_NOOP("Fields", "Date"),
    "expected_effect": QT_TRANSLATE_NOOP("Fields", "Expected effect"),
    "follow_up_colour": QT_TRANSLATE_NOOP("Fields", "Follow-up colour"),
    "forum": QT_TRANSLATE_NOOP("Fields", "Forum"),
    "frequency": QT_TRANSLATE_NOOP("Fields", "Frequency"),
    "held_on": QT_TRANSLATE_NOOP("Fields", "Held on"),
    "hours_spent": QT_TRANSLATE_NOOP("Fields", "Hours spent"),
    "id": QT_TRANSLATE_NOOP("Fields", "Id"),
    "import_key": QT_TRANSLATE_NOOP("Fields", "Import key"),
    "indicator_id": QT_TRANSLATE_NOOP("Fields", "Indicator"),
    "kind": QT_TRANSLATE_NOOP("Fields", "Kind"),
    "lagesbild_snapshot": QT_TRANSLATE_NOOP("Fields", "Lägesbild at the meeting"),
    "last_login_at": QT_TRANSLATE_NOOP("Fields", "Last sign-in"),
    "latitude": QT_TRANSLATE_NOOP("Fields", "Latitude"),
    "littering": QT_TRANSLATE_NOOP("Fields", "Littering"),
    "longitude": QT_TRANSLATE_NOOP("Fields", "Longitude"),
    "meeting_id": QT_TRANSLATE_NOOP("Fields", "Meeting"),
    "name": QT_TRANSLATE_NOOP("Fields", "Name"),
    "new_status": QT_TRANSLATE_NOOP("Fields", "New status"),
    "note": QT_TRANSLATE_NOOP("Fields", "Note"),
    "notes": QT_TRANSLATE_NOOP("Fields", "Notes"),
    "occurred_on": QT_TRANSLATE_NOOP("Fields", "Date"),
    "occurred_time": QT_TRANSLATE_NOOP("Fields", "Time"),
    "old_status": QT_TRANSLATE_NOOP("Fields", "Previous status"),
    "operative_goal": QT_TRANSLATE_NOOP("Fields", "Operative goal"),
    "organisation_id": QT_TRANSLATE_NOOP("Fields", "Organisation"),
    "parent_id": QT_TRANSLATE_NOOP("Fields", "Parent event type"),
    "period_start": QT_TRANSLATE_NOOP("Fields", "Period"),
    "place_id": QT_TRANSLATE_NOOP("Fields", "Place"),
    "place_type": QT_TRANSLATE_NOOP("Fields", "Type of place"),
    "poor_lighting": QT_TRANSLATE_NOOP("Fields", "Poor lighting"),
    "poor_sightlines": QT_TRANSLATE_NOOP("Fields", "Poor sightlines"),
    "prevention_type": QT_TRANSLATE_NOOP("Fields", "Type of prevention"),
    "problem": QT_TRANSLATE_NOOP("Fields", "Problem"),
    "reported_at": QT_TRANSLATE_NOOP("Fields", "Reported"),
    "reported_by_id": QT_TRANSLATE_NOOP("Fields", "Reported by"),
    "reported_to_police": QT_TRANSLATE_NOOP("Fields", "Reported to the police"),
    "responsible_organisation_id": QT_TRANSLATE_NOOP("Fields", "Responsible organisation"),
    "responsible_person": QT_TRANSLATE_NOOP("Fields", "Responsible person"),
    "role": QT_TRANSLATE_NOOP("Fields", "Role"),
    "secluded": QT_TRANSLATE_NOOP("Fields", "Secluded"),
    "setting": QT_TRANSLATE_NOOP("Fields", "Setting"),
    "short_name": QT_TRANSLATE_NOOP("Fields", "Short name"),
    "signed_on": QT_TRANSLATE_NOOP("Fields", "Signed on"),
    "sort_order": QT_TRANSLATE_NOOP("Fields", "Order"),
    "source": QT_TRANSLATE_NOOP("Fields", "Source"),
    "start_on": QT_TRANSLATE_NOOP("Fields", "Starts on"),
    "starts_on": QT_TRANSLATE_NOOP("Fields", "Starts on"),
    "status": QT_TRANSLATE_NOOP("Fields", "Status"),
    "target_value": QT_TRANSLATE_NOOP("Fields", "Target value"),
    "text": QT_TRANSLATE_NOOP("Fields", "Text"),
    "title": QT_TRANSLATE_NOOP("Fields", "Title"),
    "unit": QT_TRANSLATE_NOOP("Fields", "Unit"),
    "updated_at": QT_TRANSLATE_NOOP("Fields", "Updated"),
    "username": QT_TRANSLATE_NOOP("Fields", "Username"),
    "value": QT_TRANSLATE_NOOP("Fields", "Value"),
    "verified": QT_TRANSLATE_NOOP("Fields", "Verified"),
    "areas": QT_TRANSLATE_NOOP("Fields", "Areas"),
    "places": QT_TRANSLATE_NOOP("Fields", "Places"),
    "indicators": QT_TRANSLATE_NOOP("Fields", "Indicators"),
    "organisations": QT_TRANSLATE_NOOP("Fields", "Organisations present"),
    "focus_places": QT_TRANSLATE_NOOP("Fields", "Places in focus"),
    "actions": QT_TRANSLATE_NOOP("Fields", "Actions followed up"),
    "password": QT_TRANSLATE_NOOP("Fields", "Password"),
    "version": QT_TRANSLATE_NOOP("Fields", "Version"),
}


def field_label(name: str) -> str:
    """Display name of a recorded field; an unknown one (a column added later) shows as it is stored."""
    source = _FIELDS.get(name)
    return QCoreApplication.translate("Fields", source) if source else name
