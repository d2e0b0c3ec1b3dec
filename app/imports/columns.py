"""The columns of the import sheets and the words accepted in them (data, not messages: the file's language).

Headers are matched ignoring case and spaces; the first Swedish name is the one the template writes.
Choice columns accept the Swedish label the program shows, the English label, and the stored value.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import cached_property

from app.db.enums import Classification, Setting, Source, YesNoUnknown

INSTRUCTIONS_SHEET = "Instruktioner"
LISTS_SHEET = "Listor"
# Sheets of the template besides its data sheet; an import passes over them and refuses any other.
TEMPLATE_EXTRA_SHEETS = (INSTRUCTIONS_SHEET, LISTS_SHEET)
OBSERVATIONS_SHEET = "Observationer"
MEASUREMENTS_SHEET = "Mätvärden"

MAX_ROWS = 100_000


@dataclass(frozen=True)
class Column:
    key: str
    swedish: tuple[str, ...]  # the first is written in the template
    english: tuple[str, ...]
    required: bool = False
    width: int = 16  # in the template, in characters

    @property
    def header(self) -> str:
        return self.swedish[0]

    @property
    def names(self) -> tuple[str, ...]:
        return self.swedish + self.english


def header_key(text: object) -> str:
    """The form headers are compared in: case and all spaces ignored, a trailing '*' or ':' dropped."""
    return "".join(str(text).split()).casefold().rstrip("*:")


def name_key(text: object) -> str:
    """The form names of places, categories and indicators are compared in: case and extra spaces ignored."""
    return " ".join(str(text).split()).casefold()


OBSERVATION_COLUMNS: tuple[Column, ...] = (
    Column("date", ("Datum", "Händelsedatum"), ("Date",), required=True, width=12),
    Column("time", ("Tid", "Klockslag"), ("Time",), width=8),
    Column("place", ("Plats",), ("Place",), required=True, width=26),
    Column("category", ("Händelsetyp", "Kategori"), ("Category", "Event type"), required=True, width=30),
    Column("count", ("Antal",), ("Count", "Number"), width=8),
    Column("source", ("Källa",), ("Source",), width=20),
    Column("setting", ("Inomhus/utomhus",), ("Indoors/outdoors", "Setting"), width=18),
    Column(
        "reported_to_police",
        ("Anmäld till polisen", "Polisanmäld"),
        ("Reported to police", "Reported to the police"),
        width=20,
    ),
    Column("verified", ("Verifierad",), ("Verified",), width=11),
    Column("classification", ("Synlig för", "Klassificering"), ("Visible to", "Classification"), width=26),
    Column("description", ("Beskrivning",), ("Description",), width=60),
)

MEASUREMENT_COLUMNS: tuple[Column, ...] = (
    Column("indicator", ("Indikator",), ("Indicator",), required=True, width=40),
    Column("period", ("Period",), ("Period",), required=True, width=12),
    Column("value", ("Värde",), ("Value",), required=True, width=10),
    Column("note", ("Anteckning", "Kommentar"), ("Note", "Comment"), width=60),
)


@dataclass(frozen=True)
class Vocabulary:
    """The words one choice column accepts, and the default for an empty cell."""

    labels: dict[object, tuple[str, ...]]  # value -> accepted words; the first is the Swedish label
    default: object

    @cached_property
    def lookup(self) -> dict[str, object]:
        words = {}
        for value, labels in self.labels.items():
            extra = (value.value,) if isinstance(value, enum.Enum) else ()
            for word in (*labels, *extra):
                words[name_key(word)] = value
        return words

    def shown(self) -> list[str]:
        """The Swedish labels, in order: the drop-down list of the template."""
        return [labels[0] for labels in self.labels.values()]


SOURCES = Vocabulary(
    {
        Source.OWN_OBSERVATION: ("Egen observation", "Own observation"),
        Source.POLICE_STATISTICS: ("Polisstatistik", "Police statistics"),
        Source.RESCUE_SERVICE: ("Räddningstjänsten", "Räddningstjänst", "Rescue service"),
        Source.SAFETY_SURVEY: ("Trygghetsmätning", "Safety survey"),
        Source.SAFETY_WALK: ("Trygghetsvandring", "Safety walk"),
        Source.CITIZEN_DIALOGUE: ("Medborgardialog", "Citizen dialogue"),
    },
    Source.OWN_OBSERVATION,
)
SETTINGS = Vocabulary(
    {
        Setting.INDOORS: ("Inomhus", "Indoors"),
        Setting.OUTDOORS: ("Utomhus", "Outdoors"),
        Setting.UNKNOWN: ("Okänt", "Okänd", "Unknown"),
    },
    Setting.UNKNOWN,
)
YES_NO_UNKNOWN = Vocabulary(
    {
        YesNoUnknown.YES: ("Ja", "Yes"),
        YesNoUnknown.NO: ("Nej", "No"),
        YesNoUnknown.UNKNOWN: ("Okänt", "Okänd", "Vet ej", "Unknown"),
    },
    YesNoUnknown.UNKNOWN,
)
YES_NO = Vocabulary({True: ("Ja", "Yes", "true"), False: ("Nej", "No", "false")}, False)
CLASSIFICATIONS = Vocabulary(
    {
        Classification.OPEN: ("Öppen för kontoret", "Öppen", "Open to the office"),
        Classification.INTERNAL: ("Intern", "Intern för min organisation", "Internal to my organisation"),
    },
    Classification.OPEN,
)

# The choice column each vocabulary belongs to (observations).
CHOICES: dict[str, Vocabulary] = {
    "source": SOURCES,
    "setting": SETTINGS,
    "reported_to_police": YES_NO_UNKNOWN,
    "verified": YES_NO,
    "classification": CLASSIFICATIONS,
}
