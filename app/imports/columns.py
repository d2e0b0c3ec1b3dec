"""The columns of the import sheets and the words accepted in them (data, not messages: the file's language).

Headers are matched ignoring case and spaces; the first Swedish name is the one the template writes.
Choice columns accept the Swedish label the program shows, the English label, and the stored value.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from app.domain.vocabulary import Classification, PlaceType, Setting, Source, Vocabulary, YesNoUnknown
from app.i18n import in_language

INSTRUCTIONS_SHEET = "Instruktioner"
LISTS_SHEET = "Listor"
# Sheets of the template besides its data sheet; an import passes over them and refuses any other.
TEMPLATE_EXTRA_SHEETS = (INSTRUCTIONS_SHEET, LISTS_SHEET)
OBSERVATIONS_SHEET = "Observationer"
MEASUREMENTS_SHEET = "Mätvärden"
PLACES_SHEET = "Platser"
CATEGORIES_SHEET = "Händelsetyper"

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
    """The form names of places, categories and indicators are compared in: case, extra spaces and
    how a letter is encoded ("ä" or "a" + combining mark, as files from macOS have it) ignored."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split()).casefold()


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

PLACE_COLUMNS: tuple[Column, ...] = (
    Column("name", ("Namn", "Plats"), ("Name", "Place"), required=True, width=28),
    Column("district", ("Kommundel",), ("District",), required=True, width=16),
    Column("place_type", ("Typ", "Typ av plats", "Platstyp"), ("Type", "Type of place", "Kind"), width=18),
    Column("latitude", ("Latitud",), ("Latitude",), width=10),
    Column("longitude", ("Longitud",), ("Longitude",), width=10),
    Column("poor_lighting", ("Dålig belysning",), ("Poor lighting",), width=11),
    Column("poor_sightlines", ("Dålig sikt",), ("Poor sightlines",), width=11),
    Column("secluded", ("Avskild",), ("Secluded",), width=11),
    Column("littering", ("Nedskräpning",), ("Littering",), width=11),
    Column("notes", ("Anteckningar", "Anteckning"), ("Notes", "Note"), width=50),
)
PLACE_TRAITS = ("poor_lighting", "poor_sightlines", "secluded", "littering")  # the Ja/Nej columns

CATEGORY_COLUMNS: tuple[Column, ...] = (
    Column("code", ("Kod",), ("Code",), required=True, width=10),
    Column("name", ("Namn", "Händelsetyp"), ("Name", "Event type"), required=True, width=32),
    Column("parent", ("Överordnad kod", "Överordnad"), ("Parent code", "Parent"), width=14),
    Column("area", ("Samverkansområde", "Område"), ("Collaboration area", "Area"), width=26),
    Column("active", ("Aktiv", "I bruk"), ("Active", "In use"), width=8),
)


@dataclass(frozen=True)
class Choices:
    """The words one choice column accepts, and the default for an empty cell.

    A vocabulary value is accepted as its label in Swedish (the one the template lists) or English,
    as its stored value, and as the older or shorter words in `aliases`."""

    vocabulary: type[Vocabulary] | None
    default: object
    aliases: dict[object, tuple[str, ...]] = field(default_factory=dict)

    def words(self, value: object) -> tuple[str, ...]:
        """The words for `value`; the first is the Swedish label the template writes."""
        own: tuple[str, ...] = ()
        if isinstance(value, Vocabulary):
            own = (in_language("sv", value.source_label), value.source_label, str(value))
        return (*own, *self.aliases.get(value, ()))

    @property
    def values(self) -> tuple[object, ...]:
        return tuple(self.vocabulary) if self.vocabulary is not None else tuple(self.aliases)

    @cached_property
    def lookup(self) -> dict[str, object]:
        return {name_key(word): value for value in self.values for word in self.words(value)}

    def shown(self) -> list[str]:
        """The Swedish labels, in order: the drop-down list of the template."""
        return [self.words(value)[0] for value in self.values]


SOURCES = Choices(Source, Source.OWN_OBSERVATION, {Source.RESCUE_SERVICE: ("Räddningstjänst",)})
SETTINGS = Choices(Setting, Setting.UNKNOWN, {Setting.UNKNOWN: ("Okänd",)})
YES_NO_UNKNOWN = Choices(YesNoUnknown, YesNoUnknown.UNKNOWN, {YesNoUnknown.UNKNOWN: ("Okänd", "Vet ej")})
# Verified is a plain yes/no, not a vocabulary: its words are the file's.
YES_NO = Choices(None, False, {True: ("Ja", "Yes", "true"), False: ("Nej", "No", "false")})
CLASSIFICATIONS = Choices(
    Classification,
    Classification.OPEN,
    {
        Classification.OPEN: ("Öppen",),
        Classification.INTERNAL: ("Intern", "Intern för min organisation", "Internal to my organisation"),
    },
)

# The choice column each vocabulary belongs to (observations).
CHOICES: dict[str, Choices] = {
    "source": SOURCES,
    "setting": SETTINGS,
    "reported_to_police": YES_NO_UNKNOWN,
    "verified": YES_NO,
    "classification": CLASSIFICATIONS,
}

PLACE_TYPES = Choices(PlaceType, PlaceType.OTHER)
# A trait is there or not; an empty cell means not. A category is in use unless the file says not.
TRAIT = Choices(None, False, YES_NO.aliases)
ACTIVE = Choices(None, True, YES_NO.aliases)
PLACE_CHOICES: dict[str, Choices] = {"place_type": PLACE_TYPES, **{key: TRAIT for key in PLACE_TRAITS}}
CATEGORY_CHOICES: dict[str, Choices] = {"active": ACTIVE}
