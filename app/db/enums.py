"""Fixed vocabularies of the domain, stored as short strings."""

from __future__ import annotations

import enum


class StrEnum(str, enum.Enum):
    def __str__(self) -> str:  # pragma: no cover - convenience for f-strings
        return self.value


class Role(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    READER = "reader"


class Source(StrEnum):
    """Where an observation in the lägesbild comes from."""

    OWN_OBSERVATION = "own_observation"
    POLICE_STATISTICS = "police_statistics"
    RESCUE_SERVICE = "rescue_service"
    SAFETY_SURVEY = "safety_survey"  # trygghetsmätning
    SAFETY_WALK = "safety_walk"  # trygghetsvandring
    CITIZEN_DIALOGUE = "citizen_dialogue"  # medborgardialog


class Setting(StrEnum):
    INDOORS = "indoors"
    OUTDOORS = "outdoors"
    UNKNOWN = "unknown"


class YesNoUnknown(StrEnum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Classification(StrEnum):
    """OPEN: everyone in the office may see the row; INTERNAL: only the reporting organisation."""

    OPEN = "open"
    INTERNAL = "internal"


class ActionStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    CANCELLED = "cancelled"


class FollowUpColour(StrEnum):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


class ActionKind(StrEnum):
    ONE_OFF = "one_off"  # punktinsats
    ONGOING = "ongoing"


class PreventionType(StrEnum):
    SITUATIONAL = "situational"
    SOCIAL = "social"


class ExpectedEffect(StrEnum):
    SHORT_TERM = "short_term"
    LONG_TERM = "long_term"


class Direction(StrEnum):
    """Which way an indicator has to move to count as better."""

    LOWER = "lower"
    HIGHER = "higher"


class Frequency(StrEnum):
    MONTHLY = "monthly"
    TERTIAL = "tertial"
    YEARLY = "yearly"


class Forum(StrEnum):
    WEEKLY_OPERATIONAL = "weekly_operational"
    TERTIAL_ANALYSIS = "tertial_analysis"
    STEERING_GROUP = "steering_group"
    OTHER = "other"


class PlaceType(StrEnum):
    CENTRE = "centre"
    STATION = "station"
    SCHOOL = "school"
    PARK = "park"
    TUNNEL = "tunnel"
    SQUARE = "square"
    STREET = "street"
    RESIDENTIAL = "residential"
    SPORTS = "sports"
    INDUSTRIAL = "industrial"
    OTHER = "other"


class AuditOperation(StrEnum):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


DISTRICTS: tuple[str, ...] = (
    "Märsta",
    "Valsta",
    "Steninge",
    "Sigtuna stad",
    "Rosersberg",
    "Arlanda",
    "Odensala",
    "Skepptuna",
)
