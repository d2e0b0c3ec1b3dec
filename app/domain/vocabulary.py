"""Fixed vocabularies of the domain, stored as short strings, each value with its one label.

A value's label is the text every screen, chart, Excel sheet, import template and command shows for
it; it is declared here, beside the value, and translated through the one catalogue (app/i18n.py).
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import ClassVar

from app.i18n import N_, _


class Vocabulary(enum.StrEnum):
    """A fixed vocabulary: stored as its value, shown as its label (see `labels`)."""

    __labels__: ClassVar[dict[str, str]]  # value -> English source text, set by @labels

    @property
    def label(self) -> str:
        """The text shown for this value, in the current language."""
        return _(self.source_label)

    @property
    def source_label(self) -> str:
        """The untranslated (English) label."""
        return type(self).__labels__[str(self)]

    @classmethod
    def labeller(cls) -> Callable[[Vocabulary], str]:
        """A fast lookup for many rows: value -> label, translated once."""
        texts: dict[str, str] = {str(member): member.label for member in cls}
        return lambda member: texts[member]


def labels(**texts: str) -> Callable[[type[Vocabulary]], type[Vocabulary]]:
    """Declare the label of every value of the decorated vocabulary: one each, no more, no less."""

    def attach(cls: type[Vocabulary]) -> type[Vocabulary]:
        values = {str(member) for member in cls}
        if set(texts) != values:
            raise TypeError(f"{cls.__name__}: labels for {sorted(texts)}, values {sorted(values)}")
        cls.__labels__ = dict(texts)
        return cls

    return attach


def label(value: object) -> str:
    """The display text of a vocabulary value; anything else (None: nothing) as it is."""
    if value is None:
        return ""
    if isinstance(value, Vocabulary):
        return value.label
    return str(getattr(value, "value", value))


def choices(vocabulary: type[Vocabulary]) -> list[tuple[str, Vocabulary]]:
    """(label, value) pairs in declaration order, for drop-down lists."""
    return [(member.label, member) for member in vocabulary]


@labels(
    admin=N_("Administrator"),
    editor=N_("Editor"),
    reader=N_("Reader"),
)
class Role(Vocabulary):
    ADMIN = "admin"
    EDITOR = "editor"
    READER = "reader"


@labels(
    own_observation=N_("Own observation"),
    police_statistics=N_("Police statistics"),
    rescue_service=N_("Rescue service"),
    safety_survey=N_("Safety survey"),
    safety_walk=N_("Safety walk"),
    citizen_dialogue=N_("Citizen dialogue"),
)
class Source(Vocabulary):
    """Where an observation in the lägesbild comes from."""

    OWN_OBSERVATION = "own_observation"
    POLICE_STATISTICS = "police_statistics"
    RESCUE_SERVICE = "rescue_service"
    SAFETY_SURVEY = "safety_survey"  # trygghetsmätning
    SAFETY_WALK = "safety_walk"  # trygghetsvandring
    CITIZEN_DIALOGUE = "citizen_dialogue"  # medborgardialog


@labels(
    indoors=N_("Indoors"),
    outdoors=N_("Outdoors"),
    unknown=N_("Unknown"),
)
class Setting(Vocabulary):
    INDOORS = "indoors"
    OUTDOORS = "outdoors"
    UNKNOWN = "unknown"


@labels(
    yes=N_("Yes"),
    no=N_("No"),
    unknown=N_("Unknown"),
)
class YesNoUnknown(Vocabulary):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


@labels(
    open=N_("Open to the office"),
    internal=N_("Internal to the reporting organisation"),
)
class Classification(Vocabulary):
    """OPEN: everyone in the office may see the row; INTERNAL: only the reporting organisation."""

    OPEN = "open"
    INTERNAL = "internal"


@labels(
    planned=N_("Planned"),
    ongoing=N_("Ongoing"),
    done=N_("Done"),
    cancelled=N_("Cancelled"),
)
class ActionStatus(Vocabulary):
    PLANNED = "planned"
    ONGOING = "ongoing"
    DONE = "done"
    CANCELLED = "cancelled"


@labels(
    green=N_("Green"),
    yellow=N_("Yellow"),
    red=N_("Red"),
)
class FollowUpColour(Vocabulary):
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"


@labels(
    one_off=N_("One-off effort"),
    ongoing=N_("Ongoing work"),
)
class ActionKind(Vocabulary):
    ONE_OFF = "one_off"  # punktinsats
    ONGOING = "ongoing"


@labels(
    situational=N_("Situational"),
    social=N_("Social"),
)
class PreventionType(Vocabulary):
    SITUATIONAL = "situational"
    SOCIAL = "social"


@labels(
    short_term=N_("Short term"),
    long_term=N_("Long term"),
)
class ExpectedEffect(Vocabulary):
    SHORT_TERM = "short_term"
    LONG_TERM = "long_term"


@labels(
    lower=N_("Lower is better"),
    higher=N_("Higher is better"),
)
class Direction(Vocabulary):
    """Which way an indicator has to move to count as better."""

    LOWER = "lower"
    HIGHER = "higher"


@labels(
    monthly=N_("Monthly"),
    tertial=N_("Per tertial"),
    yearly=N_("Yearly"),
)
class Frequency(Vocabulary):
    MONTHLY = "monthly"
    TERTIAL = "tertial"
    YEARLY = "yearly"


@labels(
    weekly_operational=N_("Weekly operational meeting"),
    tertial_analysis=N_("Tertial analysis"),
    steering_group=N_("Steering group"),
    other=N_("Other"),
)
class Forum(Vocabulary):
    WEEKLY_OPERATIONAL = "weekly_operational"
    TERTIAL_ANALYSIS = "tertial_analysis"
    STEERING_GROUP = "steering_group"
    OTHER = "other"


@labels(
    centre=N_("Centre"),
    station=N_("Station"),
    school=N_("School"),
    park=N_("Park"),
    tunnel=N_("Tunnel"),
    square=N_("Square"),
    street=N_("Street"),
    residential=N_("Residential area"),
    sports=N_("Sports ground"),
    industrial=N_("Industrial area"),
    other=N_("Other"),
)
class PlaceType(Vocabulary):
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


@labels(
    municipality=N_("Municipality"),
    police=N_("Police"),
    rescue_service=N_("Fire and rescue service"),
    municipal_company=N_("Municipal company"),
    business=N_("Local business"),
    association=N_("Association"),
    region=N_("Region"),
    other=N_("Other"),
)
class OrganisationKind(Vocabulary):
    """What kind of partner an organisation of the office is (the agreement names the kommun's
    companies, such as Sigtunahem, and local business beside the kommun, the police and the rescue service)."""

    MUNICIPALITY = "municipality"
    POLICE = "police"
    RESCUE_SERVICE = "rescue_service"
    MUNICIPAL_COMPANY = "municipal_company"
    BUSINESS = "business"
    ASSOCIATION = "association"
    REGION = "region"
    OTHER = "other"


@labels(
    insert=N_("Added"),
    update=N_("Changed"),
    delete=N_("Deleted"),
)
class AuditOperation(Vocabulary):
    INSERT = "insert"
    UPDATE = "update"
    DELETE = "delete"


@labels(
    on_track=N_("On track"),
    off_track=N_("Off track"),
    no_data=N_("No data"),
)
class IndicatorStatus(Vocabulary):
    """Where an indicator stands against its target."""

    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"  # no measurement yet, or neither target nor baseline to compare with


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
