"""The demo data set: a deterministic, clearly fictitious Sigtuna lägesbild, åtgärdsplan and uppföljning."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.domain.vocabulary import (
    ActionKind,
    ActionStatus,
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
from app.db.models import (
    Action,
    ActionUpdate,
    Area,
    Category,
    FollowUpMeeting,
    Indicator,
    Measurement,
    Observation,
    Organisation,
    Place,
    User,
)
from app.domain import periods
from app.errors import TrygghetError, ValidationError
from app.i18n import _
from app.seed import seed_reference_data
from app.services.context import Actor, bind_actor
from app.services.meetings import lagesbild_snapshot
from app.services.passwords import hash_password

Progress = Callable[[str], None]

DAYS = 730
BATCH_ROWS = 20_000
# Five times the size the benchmarks use; more would only fill the disk (and take hours).
MAX_OBSERVATIONS = 5_000_000
PROGRESS_EVERY = 100_000
STOCKHOLM = ZoneInfo("Europe/Stockholm")
UTC = dt.timezone.utc

# Organisation short names, as app.seed creates them.
KOMMUN, POLISEN, RTJ = "Kommunen", "Polisen", "Räddningstjänsten"

# Audit entries of the demo's reference rows name this actor, so nobody mistakes them for real work.
DEMO_ACTOR = Actor(
    user_id=None, username="demo", display_name="Demodata", organisation_id=None, organisation_name="", role=Role.ADMIN
)


class DemoExistsError(TrygghetError):
    """The database already holds data; demo rows must never mix with real ones."""


@dataclass(frozen=True)
class DemoUser:
    username: str
    display_name: str
    organisation: str  # short name
    role: Role
    password: str


@dataclass(frozen=True)
class DemoResult:
    users: tuple[DemoUser, ...]
    first_day: dt.date
    last_day: dt.date
    places: int
    observations: int
    actions: int
    action_updates: int
    indicators: int
    measurements: int
    meetings: int
    seconds: float


# --- places ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceSpec:
    name: str
    district: str
    place_type: PlaceType
    lat: float
    lon: float
    hot: float  # how much happens here relative to other places
    poor_lighting: bool = False
    poor_sightlines: bool = False
    secluded: bool = False
    littering: bool = False
    notes: str = ""


# Short aliases keep the data tables below readable.
T = PlaceType
PLACES: tuple[PlaceSpec, ...] = (
    PlaceSpec("Märsta station", "Märsta", T.STATION, 59.6276, 17.8602, 10.0, poor_sightlines=True, littering=True,
              notes="Pendeltåg och bussar; många passerar kvällstid."),
    PlaceSpec("Märsta centrum", "Märsta", T.CENTRE, 59.6225, 17.8545, 9.0, littering=True,
              notes="Köpcentrum med Trygghetscenter."),
    PlaceSpec("Gångtunneln vid Märsta station", "Märsta", T.TUNNEL, 59.6266, 17.8588, 5.0, poor_lighting=True,
              poor_sightlines=True, secluded=True, littering=True, notes="Gång- och cykeltunnel under spåren."),
    PlaceSpec("Stora torget, Märsta", "Märsta", T.SQUARE, 59.6217, 17.8531, 3.0, littering=True),
    PlaceSpec("Centralskolan", "Märsta", T.SCHOOL, 59.6196, 17.8572, 2.5, poor_sightlines=True),
    PlaceSpec("Folkparken, Märsta", "Märsta", T.PARK, 59.6181, 17.8478, 2.5, poor_lighting=True, poor_sightlines=True,
              secluded=True),
    PlaceSpec("Sportcentrum, Märsta", "Märsta", T.SPORTS, 59.6158, 17.8619, 1.5),
    PlaceSpec("Bostadsområdet Nordanby", "Märsta", T.RESIDENTIAL, 59.6302, 17.8497, 1.5, littering=True),
    PlaceSpec("Valsta centrum", "Valsta", T.CENTRE, 59.6124, 17.8301, 7.0, littering=True),
    PlaceSpec("Valstaskolan", "Valsta", T.SCHOOL, 59.6141, 17.8264, 2.5),
    PlaceSpec("Valsta idrottsplats", "Valsta", T.SPORTS, 59.6094, 17.8248, 1.0, poor_lighting=True, secluded=True,
              notes="Konstgräsplan och omklädningsrum; samlingsplats kvällstid."),
    PlaceSpec("Parkstråket Valsta–Märsta", "Valsta", T.PARK, 59.6166, 17.8391, 2.0, poor_lighting=True, secluded=True),
    PlaceSpec("Bostadsområdet Valsta norra", "Valsta", T.RESIDENTIAL, 59.6161, 17.8281, 2.0, littering=True),
    PlaceSpec("Steninge centrum", "Steninge", T.CENTRE, 59.6131, 17.8741, 2.0),
    PlaceSpec("Ängdalaskolan", "Steninge", T.SCHOOL, 59.6109, 17.8789, 1.5),
    PlaceSpec("Steninge slottsby", "Steninge", T.OTHER, 59.6046, 17.8872, 0.6),
    PlaceSpec("Sigtuna stadskärna (Stora gatan)", "Sigtuna stad", T.STREET, 59.6172, 17.7236, 2.5),
    PlaceSpec("Strandpromenaden, Sigtuna", "Sigtuna stad", T.PARK, 59.6154, 17.7252, 1.5, poor_lighting=True),
    PlaceSpec("Sigtuna busstation", "Sigtuna stad", T.STATION, 59.6186, 17.7204, 1.5),
    PlaceSpec("Tingsskolan", "Sigtuna stad", T.SCHOOL, 59.6206, 17.7169, 1.0),
    PlaceSpec("Rosersberg station", "Rosersberg", T.STATION, 59.5836, 17.8806, 2.0, poor_lighting=True, secluded=True),
    PlaceSpec("Rosersbergs logistikområde", "Rosersberg", T.INDUSTRIAL, 59.5761, 17.8902, 1.0, poor_lighting=True,
              secluded=True, littering=True),
    PlaceSpec("Sky City (Arlanda)", "Arlanda", T.CENTRE, 59.6497, 17.9291, 2.0),
    PlaceSpec("Arlandastad företagsområde", "Arlanda", T.INDUSTRIAL, 59.6352, 17.8951, 0.8, secluded=True),
    PlaceSpec("Odensala bygdegård", "Odensala", T.OTHER, 59.6651, 17.8482, 0.4, secluded=True),
    PlaceSpec("Skepptuna idrottsplats", "Skepptuna", T.SPORTS, 59.7048, 18.0896, 0.3, poor_lighting=True,
              secluded=True),
)
PLACE_INDEX = {spec.name: i for i, spec in enumerate(PLACES)}
RISING_PLACE = "Valsta idrottsplats"

# --- how each event type behaves --------------------------------------------------------------------

# Hour-of-day weights, 0..23.
HOURS_NIGHT = (8, 6, 4, 2, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 5, 6, 7, 9, 11, 12, 12, 10)
HOURS_YOUTH = (3, 2, 1, .5, .3, .3, .5, 1, 1.5, 1.5, 2, 2, 3, 4, 5, 7, 9, 10, 11, 11, 10, 9, 7, 5)
HOURS_DRUGS = (5, 3, 2, 1, .5, .5, 1, 1, 2, 3, 3, 4, 4, 5, 5, 6, 7, 8, 8, 8, 8, 7, 7, 6)
HOURS_DISCOVERY = (.3, .2, .1, .1, .2, .5, 2, 6, 9, 10, 9, 8, 7, 7, 6, 5, 4, 3, 2, 1.5, 1, .8, .5, .4)
HOURS_FIRE = (6, 5, 4, 3, 2, 1, 1, 1, 1, 1.5, 2, 2, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 9, 8)
HOURS_OFFICE = (.5, .3, .2, .2, .2, .3, .5, 2, 5, 7, 7, 6, 5, 6, 6, 5, 4, 3, 3, 2, 2, 1.5, 1, .7)
HOURS_WALK = tuple(({17: 2, 18: 6, 19: 8, 20: 5, 21: 2}).get(h, 0) for h in range(24))
HOURS_DIALOGUE = tuple(({10: 2, 11: 2, 13: 3, 14: 3, 15: 2, 17: 4, 18: 6, 19: 5}).get(h, 0) for h in range(24))
HOURS_FESTIVE = tuple(({20: 2, 21: 3, 22: 5, 23: 8, 0: 10, 1: 6, 2: 3}).get(h, 0) for h in range(24))

# Month weights, Jan..Dec.
SEASON_OUTDOOR = (.7, .7, .8, .9, 1.1, 1.3, 1.4, 1.35, 1.1, 1.0, .85, .8)
SEASON_MOPED = (.3, .3, .5, .9, 1.4, 1.6, 1.6, 1.5, 1.2, .8, .4, .3)
SEASON_DARK = (1.8, 1.5, 1.1, .6, .3, .2, .2, .4, .8, 1.3, 1.8, 2.0)
SEASON_GRAFFITI = (.8, .8, 1.0, 1.1, 1.2, 1.1, 1.0, 1.0, 1.2, 1.1, .9, .8)
SEASON_FIRE = (1.0, .8, .9, 1.2, 1.3, 1.2, 1.1, 1.1, 1.0, 1.0, .9, 1.0)
SEASON_FLAT = (1.0,) * 12

# Weekday weights, Mon..Sun.
WEEK_NIGHTLIFE = (.75, .75, .8, .9, 1.5, 1.8, 1.0)
WEEK_YOUTH = (.9, .9, .95, 1.0, 1.4, 1.4, 1.0)
WEEK_DISCOVERY = (1.5, 1.1, 1.0, 1.0, 1.0, .6, .6)  # weekend graffiti and litter is found on Monday
WEEK_OFFICE = (1.2, 1.2, 1.2, 1.2, 1.0, .3, .3)

# Place-type affinities used below.
A_SAFETY = {T.CENTRE: 1.2, T.STATION: 1.3, T.TUNNEL: 1.2, T.SQUARE: 1.1, T.PARK: .8, T.STREET: 1.0, T.SCHOOL: .5,
            T.RESIDENTIAL: .6, T.SPORTS: .6, T.INDUSTRIAL: .3, T.OTHER: .4}
A_YOUTH = {T.CENTRE: 1.2, T.STATION: .9, T.TUNNEL: .8, T.SQUARE: 1.0, T.PARK: 1.2, T.STREET: .6, T.SCHOOL: 1.6,
           T.RESIDENTIAL: .9, T.SPORTS: 1.5, T.INDUSTRIAL: .3, T.OTHER: .4}
A_GRAFFITI = {T.CENTRE: .8, T.STATION: 1.5, T.TUNNEL: 2.5, T.SQUARE: .6, T.PARK: .8, T.STREET: .6, T.SCHOOL: 1.8,
              T.RESIDENTIAL: .8, T.SPORTS: 1.0, T.INDUSTRIAL: 1.0, T.OTHER: .3}
A_TRAFFIC = {T.CENTRE: .8, T.STATION: .6, T.TUNNEL: .5, T.SQUARE: .6, T.PARK: 1.0, T.STREET: 1.5, T.SCHOOL: 1.0,
             T.RESIDENTIAL: 1.6, T.SPORTS: 1.4, T.INDUSTRIAL: 1.2, T.OTHER: .8}
A_FIRE = {T.CENTRE: .6, T.STATION: .5, T.TUNNEL: .3, T.SQUARE: .3, T.PARK: 1.0, T.STREET: .4, T.SCHOOL: 2.5,
          T.RESIDENTIAL: 2.0, T.SPORTS: 1.0, T.INDUSTRIAL: 1.5, T.OTHER: .8}
A_ENVIRONMENT = {T.CENTRE: .8, T.STATION: 1.0, T.TUNNEL: 1.5, T.SQUARE: .8, T.PARK: 1.5, T.STREET: 1.0, T.SCHOOL: .7,
                 T.RESIDENTIAL: .9, T.SPORTS: 1.0, T.INDUSTRIAL: 1.0, T.OTHER: .6}
A_NETWORK = {T.CENTRE: 1.5, T.STATION: 1.0, T.TUNNEL: .5, T.SQUARE: 1.0, T.PARK: .6, T.STREET: .8, T.SCHOOL: .8,
             T.RESIDENTIAL: 1.8, T.SPORTS: 1.0, T.INDUSTRIAL: .5, T.OTHER: .3}

# How likely an event of a category is indoors, scaled by how "indoor" a place type is.
INDOOR_BY_TYPE = {T.CENTRE: 1.5, T.STATION: .6, T.TUNNEL: .05, T.SQUARE: .1, T.PARK: .05, T.STREET: .4,
                  T.SCHOOL: 1.5, T.RESIDENTIAL: 1.2, T.SPORTS: .8, T.INDUSTRIAL: 1.2, T.OTHER: 1.0}


@dataclass(frozen=True)
class SourceSpec:
    """One way a category's events reach the lägesbild: source, reporting organisation, share."""

    source: Source
    organisation: str
    weight: float


OWN_K = SourceSpec(Source.OWN_OBSERVATION, KOMMUN, 0)
OWN_P = SourceSpec(Source.OWN_OBSERVATION, POLISEN, 0)
STAT_P = SourceSpec(Source.POLICE_STATISTICS, POLISEN, 0)
RESCUE = SourceSpec(Source.RESCUE_SERVICE, RTJ, 0)
WALK = SourceSpec(Source.SAFETY_WALK, KOMMUN, 0)
DIALOGUE = SourceSpec(Source.CITIZEN_DIALOGUE, KOMMUN, 0)
SURVEY = SourceSpec(Source.SAFETY_SURVEY, KOMMUN, 0)


def _src(base: SourceSpec, weight: float) -> SourceSpec:
    return SourceSpec(base.source, base.organisation, weight)


@dataclass(frozen=True)
class CategorySpec:
    code: str
    weight: float  # share of all base rows
    sources: tuple[SourceSpec, ...]
    hours: Sequence[float]
    season: Sequence[float]
    week: Sequence[float]
    affinity: dict[PlaceType, float]
    unknown_time: float
    indoors: float
    youth: bool  # more during school holidays
    festive: float  # multiplier on New Year's Eve/Day and Valborg
    trend: tuple[float, float]  # level at the start and at the end of the two years
    internal: float  # share of police rows that stay police-only
    descriptions: tuple[str, ...]


# Columns: code, weight, sources, hours, season, week, place affinity, P(unknown time), P(indoors),
# more in school holidays, festive multiplier, trend (start, end), P(internal) for police rows, descriptions.
# Descriptions are short, generic and free of personal data: no names, numbers, plates or addresses.
CATEGORIES: tuple[CategorySpec, ...] = (
    CategorySpec("ORDN", 18, (_src(OWN_K, 48), _src(STAT_P, 27), _src(OWN_P, 10), _src(DIALOGUE, 10), _src(SURVEY, 5)),
                 HOURS_NIGHT, SEASON_OUTDOOR, WEEK_NIGHTLIFE, A_SAFETY, .08, .3, True, 3.0, (1.0, 1.05), .08,
                 ("Högljutt och stökigt sällskap.", "Berusade personer stör förbipasserande.",
                  "Bråk och skrik sent på kvällen.", "Ordningsstörning vid entrén, väktare tillkallade.",
                  "Stökigt vid busshållplatsen.")),
    CategorySpec("UNGS", 12, (_src(OWN_K, 60), _src(OWN_P, 15), _src(DIALOGUE, 15), _src(STAT_P, 10)),
                 HOURS_YOUTH, SEASON_OUTDOOR, WEEK_YOUTH, A_YOUTH, .08, .2, True, 2.0, (1.0, 1.1), .08,
                 ("Större ungdomssamling, stökigt.", "Ungdomar samlade med högljudd musik och mopeder.",
                  "Grupp ungdomar kastar föremål.", "Samling efter skoltid, mycket skräp kvar.")),
    CategorySpec("SKAD", 9, (_src(OWN_K, 45), _src(STAT_P, 35), _src(DIALOGUE, 15), _src(OWN_P, 5)),
                 HOURS_YOUTH, SEASON_OUTDOOR, WEEK_DISCOVERY, A_YOUTH, .2, .2, True, 2.0, (1.0, 1.0), .08,
                 ("Krossad glasruta.", "Sönderslagen belysningsarmatur.", "Vandaliserad parkbänk.",
                  "Skadad cykelställning och papperskorg.", "Sönderslaget busskurglas.")),
    CategorySpec("KLOT", 9, (_src(OWN_K, 80), _src(STAT_P, 10), _src(DIALOGUE, 10)),
                 HOURS_DISCOVERY, SEASON_GRAFFITI, WEEK_DISCOVERY, A_GRAFFITI, .35, .1, True, 1.0, (1.0, .9), .05,
                 ("Nytt klotter på vägg.", "Klotter på skylt och elskåp.", "Taggar i gångtunneln.",
                  "Klotter på fasaden upptäckt på morgonen.")),
    CategorySpec("NARK", 8, (_src(STAT_P, 60), _src(OWN_P, 15), _src(OWN_K, 20), _src(DIALOGUE, 5)),
                 HOURS_DRUGS, SEASON_OUTDOOR, WEEK_NIGHTLIFE, A_SAFETY, .08, .2, False, 1.0, (.9, 1.2), .15,
                 ("Misstänkt narkotikaförsäljning.", "Narkotikabrott upptäckt vid kontroll.",
                  "Lukt av cannabis, flera personer samlade.", "Kanyler hittade vid buskage.")),
    CategorySpec("VALD", 8, (_src(STAT_P, 75), _src(OWN_P, 10), _src(OWN_K, 15)),
                 HOURS_NIGHT, SEASON_OUTDOOR, WEEK_NIGHTLIFE, A_SAFETY, .08, .35, False, 2.5, (1.25, .8), .1,
                 ("Misshandel utomhus, en person lindrigt skadad.", "Slagsmål mellan flera personer.",
                  "Våldsincident i samband med bråk i kö.", "Knuffar och slag vid entrén.")),
    CategorySpec("HOT", 7, (_src(OWN_K, 42), _src(STAT_P, 30), _src(DIALOGUE, 13), _src(OWN_P, 10), _src(SURVEY, 5)),
                 HOURS_NIGHT, SEASON_OUTDOOR, WEEK_NIGHTLIFE, A_SAFETY, .08, .4, False, 1.5, (1.0, 1.0), .1,
                 ("Hotfullt beteende mot personal.", "Förbipasserande upplevde sig hotade.",
                  "Aggressivt sällskap som trakasserar förbipasserande.", "Verbala hot mot butikspersonal.")),
    CategorySpec("TRAF", 6, (_src(STAT_P, 65), _src(OWN_P, 15), _src(OWN_K, 10), _src(DIALOGUE, 10)),
                 HOURS_YOUTH, SEASON_MOPED, WEEK_YOUTH, A_TRAFFIC, .08, 0, True, 1.0, (1.0, 1.0), .05,
                 ("Mopeder kör på gång- och cykelväg.", "Vårdslös körning med bil på parkeringen.",
                  "Trimmad moped i hög hastighet.", "Bil kör på gågatan.")),
    CategorySpec("NEDS", 6, (_src(OWN_K, 45), _src(WALK, 35), _src(DIALOGUE, 20)),
                 HOURS_DISCOVERY, SEASON_OUTDOOR, WEEK_DISCOVERY, A_ENVIRONMENT, .2, .05, False, 1.5, (1.0, 1.0), 0,
                 ("Mycket skräp och glasflaskor.", "Överfulla papperskorgar.", "Nedskräpning efter helgen.",
                  "Grovavfall dumpat vid gångvägen.")),
    CategorySpec("BRAND", 5, (_src(RESCUE, 85), _src(STAT_P, 10), _src(OWN_K, 5)),
                 HOURS_FIRE, SEASON_FIRE, WEEK_YOUTH, A_FIRE, .02, .4, True, 12.0, (1.0, 1.0), .05,
                 ("Brand i papperskorg.", "Containerbrand.", "Brand i soprum.", "Anlagd brand på skolans toalett.",
                  "Gräsbrand, misstänkt anlagd.", "Fyrverkeri orsakade brand i buskage.")),
    CategorySpec("BELY", 4, (_src(WALK, 55), _src(OWN_K, 35), _src(DIALOGUE, 10)),
                 HOURS_DISCOVERY, SEASON_DARK, WEEK_DISCOVERY, A_ENVIRONMENT, .1, .05, False, 1.0, (1.0, 1.0), 0,
                 ("Trasig gatubelysning.", "Flera armaturer ur funktion.", "Mörkt parti längs gångvägen.",
                  "Belysningen i tunneln är släckt.")),
    CategorySpec("RAN", 2, (_src(STAT_P, 90), _src(OWN_K, 10)),
                 HOURS_NIGHT, SEASON_OUTDOOR, WEEK_NIGHTLIFE, A_SAFETY, .08, .1, False, 1.0, (1.1, .9), .1,
                 ("Personrån, mobiltelefon tagen under hot.", "Rånförsök mot ungdom, inget stulet.",
                  "Väska ryckt från förbipasserande.")),
    CategorySpec("OANM", 2, (_src(OWN_K, 55), _src(DIALOGUE, 35), _src(SURVEY, 10)),
                 HOURS_OFFICE, SEASON_FLAT, WEEK_OFFICE, A_NETWORK, .5, .4, False, 1.0, (1.0, 1.0), 0,
                 ("Händelse som inte anmäldes; personalen fick kännedom i efterhand.",
                  "Boende avstår från att anmäla av oro för repressalier.",
                  "Butik anmäler inte längre snatteri.")),
    CategorySpec("REKR", 1.5, (_src(STAT_P, 60), _src(OWN_K, 40)),
                 HOURS_OFFICE, SEASON_FLAT, WEEK_OFFICE, A_NETWORK, .5, .3, False, 1.0, (.9, 1.1), .4,
                 ("Vuxna med kriminell koppling uppehåller sig bland unga.", "Oro för rekrytering av ungdomar.",
                  "Äldre personer delar ut uppdrag till unga.")),
    CategorySpec("NATV", 1, (_src(STAT_P, 85), _src(OWN_K, 15)),
                 HOURS_OFFICE, SEASON_FLAT, WEEK_OFFICE, A_NETWORK, .5, .3, False, 1.0, (1.0, 1.0), .4,
                 ("Uppgifter om att ett nätverk söker etablera sig.", "Misstänkt organiserad verksamhet i lokal.",
                  "Okända personer uppehåller sig och knyter kontakter med unga.")),
    CategorySpec("HOTV", 1, (_src(STAT_P, 80), _src(OWN_K, 20)),
                 HOURS_OFFICE, SEASON_FLAT, WEEK_OFFICE, A_NETWORK, .5, .5, False, 1.0, (1.0, 1.0), .4,
                 ("Vittne avstår från att medverka av rädsla.", "Anmälare upplever påtryckningar.",
                  "Uppgift om hot mot vittne.")),
)
CATEGORY_INDEX = {spec.code: i for i, spec in enumerate(CATEGORIES)}

# The rising place gets an extra stream of these categories that grows over the last eight months.
RISING_SHARE = 0.01
RISING_DAYS = 240
RISING_CATEGORIES = {"UNGS": 40, "TRAF": 25, "SKAD": 20, "ORDN": 15}

# Who of the demo users reports what; police statistics and surveys are imported, so nobody.
REPORTERS = {
    (Source.OWN_OBSERVATION, KOMMUN): ("erik.samordnare", "fia.falt", "anna.admin"),
    (Source.OWN_OBSERVATION, POLISEN): ("per.polis", "paula.chef"),
    (Source.RESCUE_SERVICE, RTJ): ("rasmus.brand",),
    (Source.SAFETY_WALK, KOMMUN): ("erik.samordnare", "fia.falt"),
    (Source.CITIZEN_DIALOGUE, KOMMUN): ("erik.samordnare",),
}
# (P(reported to police = yes), P(no)); the rest is unknown.
REPORTED_TO_POLICE = {
    Source.OWN_OBSERVATION: (.25, .45),
    Source.POLICE_STATISTICS: (1.0, 0),
    Source.RESCUE_SERVICE: (.4, .2),
    Source.SAFETY_WALK: (0, .7),
    Source.CITIZEN_DIALOGUE: (.1, .5),
    Source.SAFETY_SURVEY: (0, 0),
}
VERIFIED = {
    Source.OWN_OBSERVATION: .7,
    Source.POLICE_STATISTICS: 1.0,
    Source.RESCUE_SERVICE: 1.0,
    Source.SAFETY_WALK: .9,
    Source.CITIZEN_DIALOGUE: .15,
    Source.SAFETY_SURVEY: 0,
}
# Minutes between the event and its registration: police statistics are imported in batches.
REPORT_DELAY_MINUTES = {
    Source.OWN_OBSERVATION: (10, 2 * 24 * 60),
    Source.POLICE_STATISTICS: (24 * 60, 30 * 24 * 60),
    Source.RESCUE_SERVICE: (30, 12 * 60),
    Source.SAFETY_WALK: (12 * 60, 4 * 24 * 60),
    Source.CITIZEN_DIALOGUE: (60, 7 * 24 * 60),
    Source.SAFETY_SURVEY: (7 * 24 * 60, 40 * 24 * 60),
}

OBSERVATION_COLUMNS = (
    "occurred_on", "occurred_time", "reported_at", "place_id", "category_id", "count", "source",
    "organisation_id", "reported_by_id", "setting", "reported_to_police", "verified", "description",
    "classification", "version",
)  # fmt: skip

# --- users ------------------------------------------------------------------------------------------

# (username, display name, organisation, role); the password is derived from the first name and the seed.
USERS = (
    ("anna.admin", "Anna Admin", KOMMUN, Role.ADMIN),
    ("erik.samordnare", "Erik Samordnare", KOMMUN, Role.EDITOR),
    ("fia.falt", "Fia Fältassistent", KOMMUN, Role.EDITOR),
    ("lena.lasare", "Lena Läsare", KOMMUN, Role.READER),
    ("paula.chef", "Paula Chef", POLISEN, Role.ADMIN),
    ("per.polis", "Per Polis", POLISEN, Role.EDITOR),
    ("pontus.lasare", "Pontus Läsare", POLISEN, Role.READER),
    ("rasmus.brand", "Rasmus Brand", RTJ, Role.EDITOR),
    ("ronja.lasare", "Ronja Läsare", RTJ, Role.READER),
)


def demo_password(username: str, seed: int) -> str:
    return f"demo-{username.split('.')[0]}-{seed}"


# --- the calendar -----------------------------------------------------------------------------------


def _school_holiday(day: dt.date) -> bool:
    """Roughly the Stockholm-region school holidays; the demo only needs the pattern, not the exact weeks."""
    week = day.isocalendar().week
    if week in (9, 15, 44):  # sportlov, påsklov (approximate), höstlov
        return True
    if (6, 12) <= (day.month, day.day) <= (8, 18):  # sommarlov
        return True
    return (day.month, day.day) >= (12, 21) or (day.month, day.day) <= (1, 7)  # jullov


def _festive(day: dt.date) -> bool:
    """New Year's Eve and Day and Valborg: fireworks, bonfires and parties."""
    return (day.month, day.day) in ((12, 31), (1, 1), (4, 30))


def _walk_day(day: dt.date) -> bool:
    """Safety walks: every other Tuesday in the darker school months, when lighting problems show."""
    return day.weekday() == 1 and day.month in (2, 3, 4, 9, 10, 11) and day.isocalendar().week % 2 == 0


def _survey_day(day: dt.date) -> bool:
    """The yearly trygghetsmätning runs in the autumn."""
    return (9, 15) <= (day.month, day.day) <= (10, 31)


@dataclass(frozen=True)
class Calendar:
    days: tuple[dt.date, ...]
    day_start_utc: tuple[dt.datetime, ...]  # local midnight, in UTC
    cap_utc: dt.datetime  # nothing is registered after the start of `today`

    @classmethod
    def ending(cls, today: dt.date) -> Calendar:
        # The two years end yesterday, so no event or registration lies in the future even when today is today.
        days = tuple(today - dt.timedelta(days=DAYS - i) for i in range(DAYS))
        starts = tuple(dt.datetime.combine(d, dt.time(0), STOCKHOLM).astimezone(UTC) for d in days)
        cap = dt.datetime.combine(today, dt.time(0), STOCKHOLM).astimezone(UTC)
        return cls(days, starts, cap)


def _cumulative(weights: Sequence[float]) -> list[float]:
    return list(itertools.accumulate(weights))


def _day_weights(cat: CategorySpec, src: SourceSpec, days: Sequence[dt.date]) -> list[float]:
    """How likely each day is for this category and source: season, weekday, holidays, festive days, trend."""
    weights = []
    for i, day in enumerate(days):
        if src.source is Source.SAFETY_WALK:
            w = 1.0 if _walk_day(day) else 0.0
        elif src.source is Source.SAFETY_SURVEY:
            w = 1.0 if _survey_day(day) else 0.0
        else:
            w = cat.season[day.month - 1] * cat.week[day.weekday()]
            if cat.youth and _school_holiday(day):
                w *= 1.35
            if _festive(day):
                w *= cat.festive
            start, end = cat.trend
            w *= start + (end - start) * i / (len(days) - 1)
        weights.append(w)
    if not any(weights):  # a window without walk or survey days (cannot happen in two years, but be safe)
        weights = [1.0] * len(days)
    return weights


def _rising_day_weights(cat: CategorySpec, days: Sequence[dt.date]) -> list[float]:
    """Nothing until eight months ago, then quadratic growth up to yesterday; no season, so the rise shows
    whatever month `today` is in."""
    n = len(days)
    weights = []
    for i, day in enumerate(days):
        x = (i - (n - RISING_DAYS)) / RISING_DAYS
        weights.append(cat.week[day.weekday()] * x * x if x > 0 else 0.0)
    return weights


def _place_weights(cat: CategorySpec) -> list[float]:
    weights = []
    for spec in PLACES:
        w = spec.hot * cat.affinity.get(spec.place_type, 1.0)
        if cat.code == "BELY":
            w *= 4.0 if spec.poor_lighting else 0.5
        elif cat.code == "NEDS":
            w *= 2.5 if spec.littering else 0.7
        elif cat.code in ("NARK", "VALD", "RAN") and spec.secluded:
            w *= 1.3
        weights.append(w)
    return weights


# --- observations -----------------------------------------------------------------------------------


@dataclass
class _Stream:
    """Everything needed to finish a row of one (category, source) pair, resolved to database ids."""

    category_id: int
    source: str
    organisation_id: int
    reporter_ids: tuple[int | None, ...]
    unknown_time: float
    p_yes: float
    p_no: float
    p_verified: float
    p_internal: float
    delay: tuple[int, int]
    round_minutes: bool
    festive_hours: bool
    descriptions: tuple[str, ...]
    indoors: float


@dataclass
class _Ids:
    organisations: dict[str, int]
    categories: dict[str, int]
    places: list[int]
    users: dict[str, int]


def _streams(ids: _Ids) -> list[list[_Stream]]:
    result = []
    for cat in CATEGORIES:
        row = []
        for src in cat.sources:
            p_yes, p_no = REPORTED_TO_POLICE[src.source]
            if cat.code == "OANM":  # by definition not reported
                p_yes, p_no = 0.0, 1.0
            row.append(
                _Stream(
                    category_id=ids.categories[cat.code],
                    source=src.source.value,
                    organisation_id=ids.organisations[src.organisation],
                    reporter_ids=tuple(ids.users[u] for u in REPORTERS.get((src.source, src.organisation), ()))
                    or (None,),
                    unknown_time=1.0 if src.source is Source.SAFETY_SURVEY else cat.unknown_time,
                    p_yes=p_yes,
                    p_no=p_no,
                    p_verified=VERIFIED[src.source],
                    p_internal=cat.internal if src.organisation == POLISEN else 0.0,
                    delay=REPORT_DELAY_MINUTES[src.source],
                    round_minutes=src.source in (Source.OWN_OBSERVATION, Source.SAFETY_WALK),
                    festive_hours=cat.code == "BRAND",
                    descriptions=cat.descriptions,
                    indoors=cat.indoors,
                )
            )
        result.append(row)
    return result


# A row is planned as one packed int per (category, source, place, hour) so two years of a million
# rows fit in memory cheaply before they are written in date order. Bits: hour 0-4, place 5-10,
# source 11-13, category from 14.
def _pack(cat: int, src: int, place: int, hour: int) -> int:
    return (((((cat << 3) | src) << 6) | place) << 5) | hour


def _unpack(code: int) -> tuple[int, int, int, int]:
    return code >> 14, (code >> 11) & 7, (code >> 5) & 63, code & 31


# Walks and dialogue meetings happen at their own hours, whatever the category.
SOURCE_HOURS = {Source.SAFETY_WALK: HOURS_WALK, Source.CITIZEN_DIALOGUE: HOURS_DIALOGUE}


def _hour_choice(rng: random.Random, hours: Sequence[float], k: int) -> list[int]:
    return rng.choices(range(24), cum_weights=_cumulative(hours), k=k)


def _plan_stream(
    rng: random.Random,
    plan: list[list[int]],
    cat_i: int,
    n: int,
    days: Sequence[dt.date],
    day_weights: Callable[[CategorySpec, SourceSpec], list[float]],
    place_cw: list[float] | None,
    fixed_place: int | None = None,
) -> None:
    """Spread `n` rows of one category over sources, days, places and hours; append them to `plan`."""
    cat = CATEGORIES[cat_i]
    src_idx = rng.choices(range(len(cat.sources)), weights=[s.weight for s in cat.sources], k=n)
    per_source = Counter(src_idx)
    for s_i, src in enumerate(cat.sources):
        k = per_source.get(s_i, 0)
        if not k:
            continue
        day_idx = rng.choices(range(len(days)), cum_weights=_cumulative(day_weights(cat, src)), k=k)
        if fixed_place is None:
            places = rng.choices(range(len(PLACES)), cum_weights=place_cw, k=k)
        else:
            places = [fixed_place] * k
        hours = _hour_choice(rng, SOURCE_HOURS.get(src.source, cat.hours), k)
        for d, p, h in zip(day_idx, places, hours):
            plan[d].append(_pack(cat_i, s_i, p, h))


def _plan(rng: random.Random, total: int, days: Sequence[dt.date]) -> list[list[int]]:
    """Decide category, source, day, place and hour of every row; returns per-day lists of packed rows."""
    plan: list[list[int]] = [[] for _ in days]
    rising = round(total * RISING_SHARE)
    base = total - rising
    cat_counts = Counter(rng.choices(range(len(CATEGORIES)), weights=[c.weight for c in CATEGORIES], k=base))
    for cat_i, cat in enumerate(CATEGORIES):
        _plan_stream(
            rng, plan, cat_i, cat_counts.get(cat_i, 0), days,
            lambda c, s: _day_weights(c, s, days), _cumulative(_place_weights(cat)),
        )  # fmt: skip
    codes = list(RISING_CATEGORIES)
    rising_counts = Counter(rng.choices(codes, weights=list(RISING_CATEGORIES.values()), k=rising))
    for code in codes:
        cat_i = CATEGORY_INDEX[code]
        _plan_stream(
            rng, plan, cat_i, rising_counts.get(code, 0), days,
            lambda c, s: _rising_day_weights(c, days), None, fixed_place=PLACE_INDEX[RISING_PLACE],
        )  # fmt: skip
    return plan


_TIMES = tuple(dt.time(m // 60, m % 60) for m in range(24 * 60))


def _rows(
    rng: random.Random, plan: list[list[int]], calendar: Calendar, streams: list[list[_Stream]], ids: _Ids,
    totals: Counter,
) -> Iterator[tuple]:
    """Finish each planned row in date order; `totals` collects (place, category, month) sums for indicators.

    This loop runs once per row, so it uses `int(rand() * n)` rather than the slower `randrange(n)`.
    """
    rand = rng.random
    timedelta = dt.timedelta
    # Plain strings: COPY and executemany take them as they are, and the loop avoids enum look-ups.
    indoors, outdoors, unknown_setting = Setting.INDOORS.value, Setting.OUTDOORS.value, Setting.UNKNOWN.value
    yes, no, unknown = YesNoUnknown.YES.value, YesNoUnknown.NO.value, YesNoUnknown.UNKNOWN.value
    internal, open_ = Classification.INTERNAL.value, Classification.OPEN.value
    cap = calendar.cap_utc
    indoor_by_place = [INDOOR_BY_TYPE.get(p.place_type, 1.0) for p in PLACES]
    festive_cw = _cumulative(HOURS_FESTIVE)
    for d, codes in enumerate(plan):
        day = calendar.days[d]
        day_start = calendar.day_start_utc[d]
        month = (day.year, day.month)
        festive = _festive(day)
        for code in codes:
            cat_i, s_i, place_i, hour = _unpack(code)
            st = streams[cat_i][s_i]
            if st.festive_hours and festive and rand() < .7:
                hour = bisect.bisect(festive_cw, rand() * festive_cw[-1])
            minute = 5 * int(rand() * 12) if st.round_minutes else int(rand() * 60)
            if rand() < st.unknown_time:
                occurred_time = None
                at = 8 * 60  # registered in the morning after
            else:
                occurred_time = _TIMES[hour * 60 + minute]
                at = hour * 60 + minute
            lo, hi = st.delay
            reported_at = min(day_start + timedelta(minutes=at + lo + int(rand() * (hi - lo))), cap)
            r = rand()
            count = 1 if r < .8 else 2 if r < .91 else 3 + int(rand() * 3)
            r = rand()
            p_in = min(.9, st.indoors * indoor_by_place[place_i])
            setting = unknown_setting if r < .08 else indoors if r < .08 + .92 * p_in else outdoors
            r = rand()
            told_police = yes if r < st.p_yes else no if r < st.p_yes + st.p_no else unknown
            totals[place_i, cat_i, month] += count
            yield (
                day,
                occurred_time,
                reported_at,
                ids.places[place_i],
                st.category_id,
                count,
                st.source,
                st.organisation_id,
                st.reporter_ids[int(rand() * len(st.reporter_ids))],
                setting,
                told_police,
                rand() < st.p_verified,
                st.descriptions[int(rand() * len(st.descriptions))],
                internal if rand() < st.p_internal else open_,
                1,
            )


# The bulk writers bypass the ORM, and with it the audit listener, on purpose: generated demo rows are
# not changes anybody made, and auditing a million of them would double the work for nothing.


def _copy_observations(session: Session, rows: Iterator[tuple], total: int, progress: Progress) -> int:
    """PostgreSQL: one COPY for all rows, so the server stores rows while Python is still generating."""
    raw = session.connection().connection.dbapi_connection  # the same psycopg connection and transaction
    done = 0
    with raw.cursor() as cur, cur.copy(f"COPY observation ({', '.join(OBSERVATION_COLUMNS)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            done += 1
            if done % PROGRESS_EVERY == 0:
                progress(_("Demo observations: {done} of {total}", done=done, total=total))
    return done


def _insert_observation_batches(session: Session, rows: Iterator[tuple], total: int, progress: Progress) -> int:
    """SQLite (and anything else): Core executemany in batches, one transaction."""
    statement = sa.insert(Observation.__table__)
    conn = session.connection()
    done = 0
    while batch := list(itertools.islice(rows, BATCH_ROWS)):
        conn.execute(statement, [dict(zip(OBSERVATION_COLUMNS, row)) for row in batch])
        before, done = done, done + len(batch)
        if done // PROGRESS_EVERY > before // PROGRESS_EVERY:
            progress(_("Demo observations: {done} of {total}", done=done, total=total))
    return done


def _insert_observations(
    session: Session, rng: random.Random, total: int, calendar: Calendar, ids: _Ids, progress: Progress
) -> Counter:
    plan = _plan(rng, total, calendar.days)
    totals: Counter = Counter()
    rows = _rows(rng, plan, calendar, _streams(ids), ids, totals)
    postgres = session.get_bind().dialect.name == "postgresql"
    done = (_copy_observations if postgres else _insert_observation_batches)(session, rows, total, progress)
    if done % PROGRESS_EVERY:
        progress(_("Demo observations: {done} of {total}", done=done, total=total))
    if postgres:
        # Fresh statistics, so the first lägesbild on the new data does not get a naive plan.
        session.execute(sa.text("ANALYZE observation"))
    return totals


# --- reference rows: places and users ---------------------------------------------------------------


def _insert_places(session: Session) -> list[Place]:
    places = [
        Place(
            name=s.name, district=s.district, place_type=s.place_type, latitude=s.lat, longitude=s.lon,
            poor_lighting=s.poor_lighting, poor_sightlines=s.poor_sightlines, secluded=s.secluded,
            littering=s.littering, notes=s.notes,
        )  # fmt: skip
        for s in PLACES
    ]
    session.add_all(places)
    return places


def _insert_users(
    session: Session, organisations: dict[str, Organisation], seed: int, created: dt.datetime
) -> tuple[dict[str, User], tuple[DemoUser, ...]]:
    """The demo users with Argon2id hashes of their readable demo passwords."""
    users: dict[str, User] = {}
    listed = []
    for username, display_name, org, role in USERS:
        password = demo_password(username, seed)
        users[username] = User(
            username=username, display_name=display_name, organisation=organisations[org], role=role,
            password_hash=hash_password(password), created_at=created,
        )  # fmt: skip
        listed.append(DemoUser(username, display_name, org, role, password))
    session.add_all(users.values())
    return users, tuple(listed)


# --- indicators and measurements --------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSpec:
    name: str
    description: str
    unit: str
    data_source: str
    area: str | None
    direction: Direction
    frequency: Frequency
    organisation: str
    person: str
    # Either counted from the demo observations (places, categories) ...
    places: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    target_ratio: float = 0.8  # target = baseline × ratio
    # ... or a synthetic series: baseline, target, level reached at the end, noise.
    baseline: float = 0
    target: float = 0
    end: float = 0
    noise: float = 0
    percent: bool = False


INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec("Ordningsstörningar vid Märsta station", "Antal ordningsstörningar per månad enligt lägesbilden.",
                  "händelser/månad", "Lägesbilden (egna observationer och polisens statistik)", "Otrygga platser",
                  Direction.LOWER, Frequency.MONTHLY, KOMMUN, "Trygghetssamordnare",
                  places=("Märsta station",), categories=("ORDN",)),
    IndicatorSpec("Våldsbrott i Märsta centrum", "Våldsbrott och rån per månad i och kring köpcentrumet.",
                  "händelser/månad", "Polisens statistik över anmälda brott", "Otrygga platser",
                  Direction.LOWER, Frequency.MONTHLY, POLISEN, "Kommunpolis",
                  places=("Märsta centrum",), categories=("VALD", "RAN")),
    IndicatorSpec("Narkotikabrott vid Märsta station och gångtunneln", "Narkotikabrott per månad på de två platserna.",
                  "händelser/månad", "Polisens statistik över anmälda brott", "Otrygga platser",
                  Direction.LOWER, Frequency.MONTHLY, POLISEN, "Kommunpolis",
                  places=("Märsta station", "Gångtunneln vid Märsta station"), categories=("NARK",)),
    IndicatorSpec("Anlagda bränder i kommunen", "Anlagda bränder per månad i hela kommunen.",
                  "bränder/månad", "Räddningstjänstens insatsrapporter", None,
                  Direction.LOWER, Frequency.MONTHLY, RTJ, "Brandinspektör",
                  places=tuple(p.name for p in PLACES), categories=("BRAND",), target_ratio=0.7),
    IndicatorSpec("Ungdomssamlingar och mopedåkning vid Valsta idrottsplats",
                  "Störande ungdomssamlingar och trafikbrott per månad vid idrottsplatsen.",
                  "händelser/månad", "Lägesbilden (egna observationer)", "Ungdomsgäng",
                  Direction.LOWER, Frequency.MONTHLY, KOMMUN, "Fältassistenter",
                  places=(RISING_PLACE,), categories=("UNGS", "TRAF")),
    IndicatorSpec("Klotter sanerat inom 24 timmar", "Andel anmält klotter på kommunens fastigheter som sanerats "
                  "inom ett dygn.", "%", "Gatu- och parkenhetens ärendesystem", "Ungdomsgäng",
                  Direction.HIGHER, Frequency.MONTHLY, KOMMUN, "Gatu- och parkenheten",
                  baseline=55, target=85, end=88, noise=4, percent=True),
    IndicatorSpec("Trasig belysning åtgärdad inom 7 dagar", "Andel felanmäld belysning på otrygga platser som "
                  "lagats inom en vecka.", "%", "Felanmälningar via Trygghetscenter", "Otrygga platser",
                  Direction.HIGHER, Frequency.MONTHLY, KOMMUN, "Gatu- och parkenheten",
                  baseline=60, target=90, end=71, noise=6, percent=True),
    IndicatorSpec("Deltagare i föräldravandringar", "Antal vuxna som deltagit i föräldravandringar under månaden.",
                  "personer/månad", "Föreningarnas närvarolistor (antal, inga namn)", "Ungdomsgäng",
                  Direction.HIGHER, Frequency.MONTHLY, KOMMUN, "Fältassistenter",
                  baseline=12, target=25, end=22, noise=3),
    IndicatorSpec("Tips och anmälningar via medborgardialog", "Antal tips från allmänheten som lämnats via "
                  "medborgardialoger och Trygghetscenter per tertial.", "tips/tertial",
                  "Trygghetscentrets diarium", "Tystnadskultur",
                  Direction.HIGHER, Frequency.TERTIAL, KOMMUN, "Trygghetssamordnare",
                  baseline=40, target=60, end=66, noise=4),
    IndicatorSpec("Andel som känner sig trygga (trygghetsmätning)", "Andel svarande i Sigtuna kommun som känner sig "
                  "trygga utomhus kvällstid i sitt bostadsområde.", "%", "Polisens trygghetsmätning", "Otrygga platser",
                  Direction.HIGHER, Frequency.YEARLY, POLISEN, "Kommunpolis",
                  baseline=68, target=75, end=71, noise=0.8, percent=True),
)  # fmt: skip


def _period_starts(frequency: Frequency, first: dt.date, today: dt.date) -> list[dt.date]:
    """Starts of the periods that lie wholly inside [first, today) (yearly: whose autumn survey is done)."""
    starts = []
    if frequency is Frequency.YEARLY:
        for year in range(first.year, today.year + 1):
            if dt.date(year, 11, 1) <= today and dt.date(year, 10, 31) >= first:
                starts.append(dt.date(year, 1, 1))
        return starts
    start = dt.date(first.year, 1, 1)
    while start <= today:
        end = periods.next_period_start(frequency, start)
        if start >= first and end <= today:
            starts.append(start)
        start = end
    return starts


def _baseline_label(frequency: Frequency, starts: Sequence[dt.date]) -> str:
    if frequency is Frequency.MONTHLY:
        first, last = f"{starts[0]:%Y-%m}", f"{starts[-1]:%Y-%m}"
        return first if first == last else f"{first}–{last}"
    return periods.period_label(frequency, starts[0])


def _counted_series(spec: IndicatorSpec, starts: Sequence[dt.date], totals: Counter) -> list[float]:
    places = [PLACE_INDEX[p] for p in spec.places]
    cats = [CATEGORY_INDEX[c] for c in spec.categories]
    return [float(sum(totals[p, c, (s.year, s.month)] for p in places for c in cats)) for s in starts]


def _synthetic_series(rng: random.Random, spec: IndicatorSpec, count: int) -> list[float]:
    values = []
    for i in range(count):
        level = spec.baseline + (spec.end - spec.baseline) * (i + 1) / count
        value = max(0.0, level + rng.gauss(0, spec.noise))
        values.append(round(min(value, 100.0) if spec.percent else value, 1 if spec.percent else 0))
    return values


def _insert_indicators(
    session: Session, rng: random.Random, calendar: Calendar, today: dt.date, totals: Counter,
    areas: dict[str, Area], organisations: dict[str, Organisation],
) -> tuple[dict[str, Indicator], int]:
    indicators: dict[str, Indicator] = {}
    measurements = 0
    for spec in INDICATORS:
        starts = _period_starts(spec.frequency, calendar.days[0], today)
        if spec.places:
            values = _counted_series(spec, starts, totals)
            first = values[:6] or [0.0]
            baseline = round(sum(first) / len(first), 1)
            baseline_period = _baseline_label(spec.frequency, starts[:6]) if starts else ""
            target = round(baseline * spec.target_ratio, 1)
        else:
            values = _synthetic_series(rng, spec, len(starts))
            baseline, target = spec.baseline, spec.target
            # Synthetic series were measured before the effort began: the period before the first one.
            before = [periods.previous_period_start(spec.frequency, starts[0])] if starts else []
            baseline_period = _baseline_label(spec.frequency, before) if before else ""
        indicator = Indicator(
            name=spec.name, description=spec.description, unit=spec.unit, data_source=spec.data_source,
            area=areas[spec.area] if spec.area else None, baseline_value=baseline, baseline_period=baseline_period,
            target_value=target, direction=spec.direction, frequency=spec.frequency,
            responsible_organisation=organisations[spec.organisation], responsible_person=spec.person,
            measurements=[Measurement(period_start=s, value=v) for s, v in zip(starts, values)],
        )  # fmt: skip
        session.add(indicator)
        indicators[spec.name] = indicator
        measurements += len(starts)
    return indicators, measurements


# --- åtgärdsplan ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionSpec:
    title: str
    problem: str
    cause: str
    description: str
    goal: str
    organisation: str
    person: str  # a function, never a name
    scenario: str  # planned, planned_overdue, ongoing, ongoing_overdue, done_on_time, done_late, cancelled
    colour: FollowUpColour
    kind: ActionKind
    prevention: PreventionType
    effect: ExpectedEffect
    places: tuple[str, ...]
    areas: tuple[str, ...]
    indicators: tuple[str, ...] = ()
    hours: float = 40
    cost: float = 0
    anchor: tuple[int, int] | None = None  # (month, day) of a yearly event the action is tied to


# Short aliases keep the action table readable.
G, Y, R = FollowUpColour.GREEN, FollowUpColour.YELLOW, FollowUpColour.RED
ONE, LOP = ActionKind.ONE_OFF, ActionKind.ONGOING
SIT, SOC = PreventionType.SITUATIONAL, PreventionType.SOCIAL
SHORT, LONG = ExpectedEffect.SHORT_TERM, ExpectedEffect.LONG_TERM
OTRYGGA, UNGA, NATVERK, TYST = "Otrygga platser", "Ungdomsgäng", "Kriminella nätverk", "Tystnadskultur"
I_STATION, I_VALD, I_NARK, I_BRAND, I_VALSTA, I_KLOTTER, I_BELYSNING, I_FORALDRAR, I_TIPS, I_TRYGG = (
    s.name for s in INDICATORS
)

ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("Förbättrad belysning i gångtunneln vid Märsta station",
               "Rån, narkotikabrott och klotter i tunneln; många undviker den kvällstid.",
               "Svag och ofta trasig belysning, dåliga siktlinjer in i tunneln.",
               "Byte till vandalsäkra LED-armaturer och ljusare väggar vid in- och utgångar.",
               "Belysningen i tunneln fungerar minst 95 % av tiden och färre händelser kvällstid än året innan.",
               KOMMUN, "Gatu- och parkenheten", "done_late", Y, ONE, SIT, LONG,
               ("Gångtunneln vid Märsta station",), (OTRYGGA,), (I_BELYSNING, I_NARK), 60, 185_000),
    ActionSpec("Trygghetsvandring i Valsta centrum",
               "Många upplever Valsta centrum som otryggt kvällstid.",
               "Oklart vilka fysiska brister som bidrar; behov av boendes bild.",
               "Gemensam vandring med boende, fastighetsägare, polis och kommun; brister protokollförs.",
               "Minst 15 deltagare och en åtgärdslista med ansvariga inom två veckor.",
               KOMMUN, "Trygghetssamordnare", "done_on_time", G, ONE, SIT, SHORT,
               ("Valsta centrum",), (OTRYGGA,), (), 24, 3_000),
    ActionSpec("Föräldravandringar helger",
               "Stökiga ungdomssamlingar fredag och lördag kväll.",
               "Få vuxna ute på kvällarna där ungdomar samlas.",
               "Föreningar och föräldrar vandrar i par fredag–lördag kväll med stöd av fältassistenterna.",
               "Vuxna ute minst två kvällar varje helg och 25 deltagare per månad.",
               KOMMUN, "Fältassistenter", "ongoing", G, LOP, SOC, LONG,
               ("Märsta centrum", "Valsta centrum", "Märsta station"), (UNGA,), (I_FORALDRAR,), 220, 15_000),
    ActionSpec("Mopedkontroller Steninge",
               "Mopeder kör på gång- och cykelvägar och skolgårdar i Steninge.",
               "Trimmade mopeder och få kontroller i området.",
               "Riktade mopedkontroller under fyra veckor i samverkan med fältassistenterna.",
               "Minst 40 kontrollerade fordon och färre klagomål från skolan.",
               POLISEN, "Kommunpolis", "done_on_time", G, ONE, SIT, SHORT,
               ("Steninge centrum", "Ängdalaskolan"), (UNGA,), (), 80),
    ActionSpec("Samverkan mot klotter – snabb sanering",
               "Klotter i tunnlar, på skolor och vid stationen ger ett otryggt intryck.",
               "Klotter som blir kvar lockar till mer klotter.",
               "Kommunen, Sigtunahem och trafikbolaget sanerar anmält klotter inom ett dygn.",
               "Minst 85 % av anmält klotter sanerat inom 24 timmar.",
               KOMMUN, "Gatu- och parkenheten", "ongoing", G, LOP, SIT, SHORT,
               ("Gångtunneln vid Märsta station", "Centralskolan", "Valstaskolan", "Märsta station"), (UNGA,),
               (I_KLOTTER,), 300, 240_000),
    ActionSpec("Kameraövervakning vid Märsta station",
               "Våld och narkotikabrott vid stationen, särskilt fredag och lördag natt.",
               "Stationsområdet är stort och svåröverblickbart.",
               "Polisen ansöker om och installerar kameror vid stationen och tunnelns mynningar.",
               "Kameror i drift och bilder används i utredningar; färre våldsbrott vid stationen.",
               POLISEN, "Lokalpolisområdets chef", "ongoing_overdue", R, ONE, SIT, LONG,
               ("Märsta station", "Gångtunneln vid Märsta station"), (OTRYGGA,), (I_STATION, I_NARK), 120, 350_000),
    ActionSpec("Ordningsvakter i Märsta centrum fredag–lördag kväll",
               "Ordningsstörningar och hot mot butikspersonal kvällstid.",
               "Många samlas i centrumet när butikerna stänger.",
               "Kommunen och centrumägaren finansierar ordningsvakter helgkvällar.",
               "Ordningsvakter på plats alla helgkvällar och färre ordningsstörningar.",
               KOMMUN, "Säkerhetsavdelningen", "ongoing", Y, LOP, SIT, SHORT,
               ("Märsta centrum", "Stora torget, Märsta"), (OTRYGGA,), (I_VALD,), 160, 420_000),
    ActionSpec("Riktade polisinsatser vid Valsta idrottsplats kvällstid",
               "Kraftig ökning av ungdomssamlingar och mopedåkning vid idrottsplatsen de senaste månaderna.",
               "Ny samlingsplats efter insatser i Valsta centrum; mörkt och avskilt.",
               "Synlig polis vid idrottsplatsen torsdag–lördag kväll under åtta veckor.",
               "Händelserna vid idrottsplatsen tillbaka på förra årets nivå inom tre månader.",
               POLISEN, "Kommunpolis", "ongoing", Y, ONE, SIT, SHORT,
               (RISING_PLACE,), (UNGA,), (I_VALSTA,), 90),
    ActionSpec("Fältassistenter på plats vid Valsta idrottsplats",
               "Ungdomar samlas vid idrottsplatsen sent på kvällen.",
               "Få vuxna och ingen öppen verksamhet i närheten kvällstid.",
               "Fältassistenterna är på plats tre kvällar i veckan och bjuder in till föreningarnas verksamhet.",
               "Kontakt med minst 30 ungdomar och färre störande samlingar.",
               KOMMUN, "Fältassistenter", "planned", G, ONE, SOC, LONG,
               (RISING_PLACE,), (UNGA,), (I_VALSTA,), 120),
    ActionSpec("Röjning av buskage och bättre siktlinjer i Folkparken",
               "Narkotikaförsäljning och otrygghet i parken.",
               "Täta buskage och dolda platser.",
               "Buskage röjs och gångvägarna får fri sikt.",
               "Fri sikt längs gångvägarna och färre narkotikaärenden i parken.",
               KOMMUN, "Gatu- och parkenheten", "done_on_time", G, ONE, SIT, LONG,
               ("Folkparken, Märsta",), (OTRYGGA,), (), 70, 65_000),
    ActionSpec("Brandskyddsinformation i skolor (årskurs 7–9)",
               "Anlagda bränder i och vid skolor.",
               "Låg medvetenhet om konsekvenserna av anlagd brand.",
               "Räddningstjänsten besöker högstadieklasser varje termin.",
               "Alla högstadieklasser nås varje läsår och färre anlagda bränder vid skolor.",
               RTJ, "Brandinspektör", "ongoing", G, LOP, SOC, LONG,
               ("Centralskolan", "Valstaskolan", "Ängdalaskolan", "Tingsskolan"), (UNGA,), (I_BRAND,), 140),
    ActionSpec("Låsta soprum i Valsta norra",
               "Återkommande bränder i soprum och containrar.",
               "Olåsta soprum och brännbart material utomhus.",
               "Sigtunahem byter till kodlås och flyttar containrar från husväggar.",
               "Inga soprumsbränder i området under ett halvår.",
               KOMMUN, "Fastighetsförvaltare (Sigtunahem)", "done_late", R, ONE, SIT, LONG,
               ("Bostadsområdet Valsta norra",), (UNGA,), (I_BRAND,), 50, 95_000),
    ActionSpec("Nyårsberedskap: bevakning av skolor och centrum",
               "Många anlagda bränder och ordningsstörningar kring nyår.",
               "Fyrverkerier och stora folksamlingar.",
               "Samordnad bevakning av skolor och centrum med räddningstjänst, polis och väktare.",
               "Inga skolbränder under nyårshelgen.",
               RTJ, "Insatsledare", "done_on_time", G, ONE, SIT, SHORT,
               ("Centralskolan", "Valstaskolan", "Märsta centrum"), (UNGA,), (I_BRAND,), 45, 20_000,
               anchor=(12, 31)),
    ActionSpec("Valborgsfirande – samordnad insats i Sigtuna stad",
               "Ordningsstörningar och bränder vid valborgsfirandet.",
               "Stora ungdomssamlingar och alkohol.",
               "Polis, räddningstjänst och fältassistenter på plats under valborgsmässoafton.",
               "Inga allvarliga våldsbrott och alla bränder släckta inom 15 minuter.",
               POLISEN, "Kommunpolis", "done_on_time", G, ONE, SIT, SHORT,
               ("Sigtuna stadskärna (Stora gatan)", "Strandpromenaden, Sigtuna"), (OTRYGGA,), (), 60,
               anchor=(4, 30)),
    ActionSpec("Insatsgrupp för unga i riskzon",
               "Unga dras in i kriminalitet i flera bostadsområden.",
               "Kriminella förebilder och brist på alternativ.",
               "Socialtjänst, skola och polis arbetar med individuella planer för unga i riskzon (avidentifierat här).",
               "Minst tio unga i insatsen per år; färre unga i lägesbildens kategorier för rekrytering.",
               KOMMUN, "Socialtjänsten", "ongoing", Y, LOP, SOC, LONG,
               ("Märsta centrum", "Bostadsområdet Nordanby"), (NATVERK,), (), 400),
    ActionSpec("Kartläggning av kriminella personers närvaro i ungdomsmiljöer",
               "Uppgifter om vuxna kriminella i ungdomsmiljöer.",
               "Nätverk rekryterar unga till brott.",
               "Polisen sammanställer en lägesbild över platser och tider, utan personuppgifter i "
               "samverkansverktyget.",
               "Kartläggning klar och åtgärdsförslag till styrgruppen.",
               POLISEN, "Underrättelsefunktionen", "ongoing_overdue", Y, ONE, SOC, LONG,
               ("Valsta centrum", "Märsta centrum"), (NATVERK,), (), 110),
    ActionSpec("Stöd till vittnen och anmälare – informationskampanj",
               "Få anmäler brott; vittnen avstår av rädsla.",
               "Lågt förtroende och oro för repressalier.",
               "Information på flera språk om hur man anmäler och vilket stöd som finns.",
               "Kampanjen når alla hushåll i Valsta och Märsta; fler tips via Trygghetscenter.",
               POLISEN, "Brottsofferkoordinator", "done_late", Y, ONE, SOC, LONG,
               ("Valsta centrum", "Märsta centrum"), (TYST,), (I_TIPS,), 90, 45_000),
    ActionSpec("Medborgardialog i Valsta om trygghet och förtroende",
               "Låg anmälningsbenägenhet i Valsta.",
               "Bristande kontakt mellan boende och myndigheter.",
               "Öppna dialogmöten i Valsta centrum med polis och kommun.",
               "Tre dialogmöten med minst 30 deltagare totalt.",
               KOMMUN, "Trygghetssamordnare", "done_on_time", G, ONE, SOC, LONG,
               ("Valsta centrum",), (TYST,), (I_TIPS,), 40, 8_000),
    ActionSpec("Kontaktpoliser i Trygghetscenter vardagar",
               "Boende vet inte vart de ska vända sig.",
               "Polisen uppfattas som svår att nå.",
               "Kontaktpoliser tar emot besök i Trygghetscenter varje vardag.",
               "Öppet minst 20 timmar i veckan och fler tips per tertial.",
               POLISEN, "Kommunpolis", "ongoing", G, LOP, SOC, LONG,
               ("Märsta centrum",), (TYST,), (I_TIPS,), 500),
    ActionSpec("Snabbare felanmälan av trasig belysning via Trygghetscenter",
               "Trasig belysning på otrygga platser lagas för sent.",
               "Felanmälan går via flera led.",
               "Trygghetscentrets personal felanmäler direkt till belysningsentreprenören.",
               "90 % av felanmäld belysning åtgärdad inom 7 dagar.",
               KOMMUN, "Trygghetssamordnare", "ongoing_overdue", R, ONE, SIT, SHORT,
               ("Parkstråket Valsta–Märsta", "Rosersberg station"), (OTRYGGA,), (I_BELYSNING,), 30),
    ActionSpec("Ny belysning på Parkstråket Valsta–Märsta",
               "Många undviker gångstråket när det är mörkt.",
               "Långa sträckor utan belysning och täta buskage.",
               "Ny belysning längs hela stråket och röjning av vegetation.",
               "Stråket belyst hela vägen och högre andel trygga i trygghetsmätningen.",
               KOMMUN, "Gatu- och parkenheten", "planned_overdue", R, ONE, SIT, LONG,
               ("Parkstråket Valsta–Märsta",), (OTRYGGA,), (I_TRYGG,), 20, 0),
    ActionSpec("Trygghetsvandring vid Rosersberg station",
               "Otrygghet vid stationen kvällstid.",
               "Avskilt läge och dålig belysning.",
               "Vandring med boende, trafikbolaget och polisen.",
               "Åtgärdslista med ansvariga inom två veckor efter vandringen.",
               KOMMUN, "Trygghetssamordnare", "planned", G, ONE, SIT, SHORT,
               ("Rosersberg station",), (OTRYGGA,), (), 20),
    ActionSpec("Utökad städning och tömning i Märsta centrum",
               "Nedskräpning bidrar till ett otryggt intryck.",
               "Papperskorgar fylls snabbt helger.",
               "Tätare tömning fredag–söndag och fler papperskorgar.",
               "Inga överfulla papperskorgar vid tillsyn på söndagar.",
               KOMMUN, "Gatu- och parkenheten", "ongoing", G, LOP, SIT, SHORT,
               ("Märsta centrum", "Stora torget, Märsta", "Märsta station"), (OTRYGGA,), (), 180, 110_000),
    ActionSpec("Gemensam trygghetsvandring med flygplatsens säkerhetsorganisation",
               "Enstaka hot och ordningsstörningar vid Sky City.",
               "Oklar ansvarsfördelning mellan aktörerna.",
               "Gemensam vandring och genomgång av ansvar.",
               "Överenskommen ansvarsfördelning.",
               POLISEN, "Kommunpolis", "cancelled", Y, ONE, SIT, SHORT,
               ("Sky City (Arlanda)",), (OTRYGGA,), (), 8),
    ActionSpec("Förlängda öppettider på fritidsgården i Steninge fredagar",
               "Ungdomar saknar meningsfull fritid fredagskvällar.",
               "Fritidsgården stänger tidigt.",
               "Fritidsgården håller öppet till midnatt fredagar.",
               "Minst 40 besökare per fredag.",
               KOMMUN, "Fritidsförvaltningen", "planned", Y, LOP, SOC, LONG,
               ("Steninge centrum",), (UNGA,), (), 10, 0),
    ActionSpec("Narkotikaspaning vid Märsta station",
               "Öppen narkotikaförsäljning vid stationen.",
               "Stort flöde av människor gör försäljning svår att upptäcka.",
               "Riktad spaning och ingripanden under sex veckor.",
               "Minst 20 ingripanden och färre narkotikaärenden därefter.",
               POLISEN, "Kommunpolis", "done_late", Y, ONE, SIT, SHORT,
               ("Märsta station", "Gångtunneln vid Märsta station"), (OTRYGGA,), (I_NARK,), 200),
    ActionSpec("Vuxennärvaro på skolgårdar kvällstid",
               "Skadegörelse och bränder på skolgårdar kvällstid.",
               "Skolgårdarna är tomma och mörka efter skoltid.",
               "Föreningar och skolpersonal turas om att finnas på skolgårdarna.",
               "Vuxna på plats fyra kvällar i veckan under terminerna.",
               KOMMUN, "Skolförvaltningen", "planned_overdue", R, ONE, SOC, SHORT,
               ("Centralskolan", "Valstaskolan"), (UNGA,), (I_BRAND,), 15),
    ActionSpec("Mobil kameraövervakning i Valsta centrum (försök)",
               "Skadegörelse och hot i Valsta centrum.",
               "Få vittnen kvällstid.",
               "Tillfällig mobil kamera under tre månader.",
               "Kamera i drift under försöksperioden.",
               POLISEN, "Kommunpolis", "cancelled", R, ONE, SIT, SHORT,
               ("Valsta centrum",), (OTRYGGA,), (), 25),
    ActionSpec("Utbildning i rapportering för nya rapportörer (EST)",
               "Lägesbilden saknar rapporter från delar av kommunen.",
               "Nya medarbetare vet inte hur och vad de ska rapportera.",
               "Halvdagsutbildning i rapportering och dataskydd (inga personuppgifter i fritext).",
               "Alla nya rapportörer utbildade och rapporterar varje vecka.",
               KOMMUN, "Trygghetssamordnare", "done_on_time", G, ONE, SOC, LONG,
               ("Märsta centrum",), (OTRYGGA, TYST), (), 30, 5_000),
    ActionSpec("Förebyggande tillsyn av containrar i Rosersbergs logistikområde",
               "Bränder i containrar och lastpallar.",
               "Brännbart material förvaras öppet nattetid.",
               "Räddningstjänsten gör tillsyn hos verksamheterna och ger råd om förvaring.",
               "Alla större verksamheter besökta inom fyra månader.",
               RTJ, "Brandinspektör", "planned", G, ONE, SIT, LONG,
               ("Rosersbergs logistikområde",), (UNGA,), (I_BRAND,), 35),
)  # fmt: skip

PROGRESS_NOTES = (
    "Avstämning på veckomötet: insatsen löper enligt plan.",
    "Kontakt tagen med berörda aktörer; åtgärderna samordnade.",
    "Delrapport lämnad till styrgruppen.",
    "Resursbrist; arbetet tillfälligt nedprioriterat.",
    "Lägesbilden visar färre händelser på platsen sedan start.",
    "Samverkan med föreningar och skola fungerar bra.",
)


def _last_before(today: dt.date, month: int, day: int, margin: int = 10) -> dt.date:
    """The latest (month, day) at least `margin` days before today."""
    year = today.year
    while dt.date(year, month, day) > today - dt.timedelta(days=margin):
        year -= 1
    return dt.date(year, month, day)


def _action_dates(
    rng: random.Random, spec: ActionSpec, today: dt.date
) -> tuple[dt.date, dt.date | None, dt.date | None]:
    """(start, deadline, completed) for the scenario, relative to today."""
    days = lambda lo, hi: dt.timedelta(days=rng.randint(lo, hi))  # noqa: E731
    if spec.anchor:
        event = _last_before(today, *spec.anchor)
        return event - days(20, 35), event + dt.timedelta(days=1), event + dt.timedelta(days=1)
    scenario = spec.scenario
    if scenario == "planned":
        start = today + days(7, 60)
        return start, (None if spec.kind is LOP else start + days(30, 150)), None
    if scenario == "planned_overdue":
        start = today - days(100, 160)
        return start, start + days(40, 80), None
    if scenario == "ongoing":
        start = today - days(20, 200)
        return start, (None if spec.kind is LOP and rng.random() < .5 else today + days(30, 240)), None
    if scenario == "ongoing_overdue":
        start = today - days(200, 320)
        return start, today - days(10, 60), None
    if scenario == "cancelled":
        start = today - days(150, 400)
        return start, start + days(30, 120), None
    start = today - days(250, 640)
    deadline = start + days(30, 150)
    completed = deadline - days(0, 20) if scenario == "done_on_time" else deadline + days(10, 50)
    return start, deadline, max(completed, start)


def _effort(rng: random.Random, spec: ActionSpec) -> float:
    """Share of the planned hours and cost spent so far."""
    return {
        "planned": 0.0, "planned_overdue": rng.uniform(0, .1), "ongoing": rng.uniform(.3, .7),
        "ongoing_overdue": rng.uniform(.5, .9), "cancelled": rng.uniform(.1, .3),
        "done_on_time": rng.uniform(.85, 1.1), "done_late": rng.uniform(1.1, 1.4),
    }[spec.scenario]  # fmt: skip


def _status(spec: ActionSpec) -> ActionStatus:
    return {
        "planned": ActionStatus.PLANNED, "planned_overdue": ActionStatus.PLANNED, "ongoing": ActionStatus.ONGOING,
        "ongoing_overdue": ActionStatus.ONGOING, "cancelled": ActionStatus.CANCELLED,
        "done_on_time": ActionStatus.DONE, "done_late": ActionStatus.DONE,
    }[spec.scenario]  # fmt: skip


def _closing_entries(
    rng: random.Random, spec: ActionSpec, status: ActionStatus, started: bool, start: dt.date,
    deadline: dt.date | None, completed: dt.date | None, today: dt.date,
) -> list[tuple[str, dt.date, ActionStatus | None, ActionStatus | None]]:
    """The entries that explain where the action stands now: done, cancelled or past its deadline."""
    if status is ActionStatus.DONE:
        text = ("Insatsen genomförd och avrapporterad." if spec.scenario == "done_on_time"
                else "Insatsen genomförd, senare än planerat på grund av leveransförsening.")
        return [(text, completed, ActionStatus.ONGOING, ActionStatus.DONE)]
    if status is ActionStatus.CANCELLED:
        when = min(today, start + dt.timedelta(days=rng.randint(10, 40)))
        old = ActionStatus.ONGOING if started else ActionStatus.PLANNED
        text = "Insatsen avbruten: förutsättningarna ändrades och resurserna flyttades."
        return [(text, when, old, ActionStatus.CANCELLED)]
    if deadline and deadline < today:
        when = min(today, deadline + dt.timedelta(days=rng.randint(1, 7)))
        return [("Deadline passerad; ny tidplan tas upp i styrgruppen.", when, None, None)]
    return []


def _updates(
    rng: random.Random, spec: ActionSpec, start: dt.date, deadline: dt.date | None, completed: dt.date | None,
    today: dt.date, authors: Sequence[User],
) -> list[ActionUpdate]:
    """A believable log of 1–4 dated entries that ends in the action's current status."""
    status = _status(spec)
    planned_on = min(start, today) - dt.timedelta(days=rng.randint(7, 30))
    entries = [("Insatsen beslutad och ansvar fördelat.", planned_on, None, ActionStatus.PLANNED)]
    started = status in (ActionStatus.ONGOING, ActionStatus.DONE) or (
        status is ActionStatus.CANCELLED and rng.random() < .5
    )
    if started:
        entries.append(("Arbetet har startat.", start, ActionStatus.PLANNED, ActionStatus.ONGOING))
    closing = _closing_entries(rng, spec, status, started, start, deadline, completed, today)
    end = min(e[1] for e in closing) if closing else today
    if started and (end - start).days > 20:
        for _i in range(rng.randint(0, 4 - len(entries) - len(closing))):
            when = start + dt.timedelta(days=rng.randint(5, (end - start).days - 5))
            entries.append((PROGRESS_NOTES[rng.randrange(len(PROGRESS_NOTES))], when, None, None))
    entries.extend(closing)
    entries.sort(key=lambda e: e[1])
    return [
        ActionUpdate(entry_date=when, author=authors[rng.randrange(len(authors))], text=text, old_status=old,
                     new_status=new, created_at=dt.datetime.combine(when, dt.time(15, 0), STOCKHOLM).astimezone(UTC))
        for text, when, old, new in entries
    ]  # fmt: skip


def _insert_actions(
    session: Session, rng: random.Random, today: dt.date, organisations: dict[str, Organisation],
    areas: dict[str, Area], places: dict[str, Place], indicators: dict[str, Indicator], users: dict[str, User],
) -> tuple[list[Action], int]:
    actions = []
    updates = 0
    for spec in ACTIONS:
        start, deadline, completed = _action_dates(rng, spec, today)
        effort = _effort(rng, spec)
        org = organisations[spec.organisation]
        authors = [u for u in users.values() if u.organisation is org and u.role is not Role.READER]
        log = _updates(rng, spec, start, deadline, completed, today, authors)
        action = Action(
            title=spec.title, problem=spec.problem, cause=spec.cause, description=spec.description,
            operative_goal=spec.goal, responsible_organisation=org, responsible_person=spec.person,
            start_on=start, deadline=deadline, completed_on=completed, status=_status(spec),
            follow_up_colour=spec.colour, kind=spec.kind, prevention_type=spec.prevention,
            expected_effect=spec.effect, hours_spent=round(spec.hours * effort, 1),
            cost_spent=round(spec.cost * effort, -2), areas=[areas[a] for a in spec.areas],
            places=[places[p] for p in spec.places], indicators=[indicators[i] for i in spec.indicators],
            created_at=log[0].created_at, updates=log,
        )  # fmt: skip
        session.add(action)
        actions.append(action)
        updates += len(log)
    return actions, updates


# --- uppföljning: meetings --------------------------------------------------------------------------


def _weekday_on_or_before(day: dt.date, weekday: int) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() - weekday) % 7)


def _outside_holidays(day: dt.date) -> dt.date:
    """Steering groups do not meet at Christmas or in July: move such a date to just before."""
    if (day.month, day.day) >= (12, 20):
        return dt.date(day.year, 12, 17)
    if (day.month, day.day) <= (1, 6):
        return dt.date(day.year - 1, 12, 17)
    if day.month == 7:
        return dt.date(day.year, 6, 25)
    return day


def _insert_meetings(
    session: Session, today: dt.date, organisations: dict[str, Organisation], places: dict[str, Place],
    actions: dict[str, Action], creator: User,
) -> int:
    orgs = list(organisations.values())
    tuesday = _weekday_on_or_before(today, 1)
    tertial = max(d for d in (dt.date(y, m, 1) for y in (today.year - 1, today.year) for m in (1, 5, 9))
                  if d <= today - dt.timedelta(days=14))
    meetings = (
        (_weekday_on_or_before(_outside_holidays(today - dt.timedelta(days=75)), 3), Forum.STEERING_GROUP, orgs,
         "Genomgång av åtgärdsplanen. Tre insatser är försenade; kameraövervakningen vid Märsta station väntar "
         "på tillstånd. Våldsbrotten i Märsta centrum minskar.",
         "Belysningen på Parkstråket prioriteras i nästa budget. Kameraärendet följs upp vid nästa möte.",
         ("Märsta station", "Gångtunneln vid Märsta station"),
         ("Kameraövervakning vid Märsta station", "Ny belysning på Parkstråket Valsta–Märsta",
          "Förbättrad belysning i gångtunneln vid Märsta station")),
        (_weekday_on_or_before(tertial + dt.timedelta(days=14), 2), Forum.TERTIAL_ANALYSIS, orgs,
         "Tertialanalys: ordningsstörningar är fortsatt vanligast vid Märsta station och i Märsta centrum. "
         "Ungdomssamlingar och mopedåkning vid Valsta idrottsplats ökar tydligt.",
         "Valsta idrottsplats blir fokusplats. Polisen och fältassistenterna tar fram insatser.",
         (RISING_PLACE, "Märsta station", "Märsta centrum"),
         ("Riktade polisinsatser vid Valsta idrottsplats kvällstid",
          "Fältassistenter på plats vid Valsta idrottsplats")),
        (tuesday - dt.timedelta(days=7), Forum.WEEKLY_OPERATIONAL, orgs[:2],
         "Helgens händelser: stökigt vid Märsta station fredag kväll, fortsatta samlingar vid Valsta idrottsplats.",
         "Fokus denna vecka: Märsta station, Valsta idrottsplats och gångtunneln. Polisen patrullerar fredag–lördag "
         "kväll; föräldravandrarna informeras.",
         ("Märsta station", RISING_PLACE, "Gångtunneln vid Märsta station"),
         ("Föräldravandringar helger", "Riktade polisinsatser vid Valsta idrottsplats kvällstid")),
        (tuesday, Forum.WEEKLY_OPERATIONAL, orgs,
         "Lugnare helg i Märsta centrum. Två containerbränder i Valsta norra; räddningstjänsten deltar.",
         "Fokus denna vecka: Valsta idrottsplats och Valsta norra. Räddningstjänsten följer upp soprummen.",
         (RISING_PLACE, "Bostadsområdet Valsta norra"),
         ("Låsta soprum i Valsta norra", "Riktade polisinsatser vid Valsta idrottsplats kvällstid")),
    )  # fmt: skip
    for held_on, forum, present, notes, decisions, focus, linked in meetings:
        session.add(
            FollowUpMeeting(
                held_on=held_on, forum=forum, notes=notes, decisions=decisions, organisations=list(present),
                focus_places=[places[p] for p in focus], actions=[actions[a] for a in linked], created_by_id=creator.id,
                lagesbild_snapshot=lagesbild_snapshot(session, DEMO_ACTOR, held_on),
            )  # fmt: skip
        )
    return len(meetings)


# --- the entry point --------------------------------------------------------------------------------


def _refuse_if_not_empty(session: Session) -> None:
    """Demo rows must never mix with real ones: any user, place, observation or plan row means real use."""
    for model in (Observation, User, Place, Action, Indicator, FollowUpMeeting):
        if session.scalar(sa.select(sa.func.count()).select_from(model)):
            raise DemoExistsError(
                _("The database already holds data; demo data can only be created in a new, empty database.")
            )


@dataclass
class _Reference:
    """The rows everything else points at, as ORM objects and as plain ids for the bulk rows."""

    organisations: dict[str, Organisation]
    areas: dict[str, Area]
    places: dict[str, Place]
    users: dict[str, User]
    demo_users: tuple[DemoUser, ...]
    ids: _Ids


def _insert_reference_rows(session: Session, seed: int, today: dt.date, calendar: Calendar) -> _Reference:
    seed_reference_data(session, today)
    organisations = {o.short_name: o for o in session.scalars(sa.select(Organisation))}
    areas = {a.name: a for a in session.scalars(sa.select(Area))}
    categories = {c.code: c.id for c in session.scalars(sa.select(Category))}
    place_rows = _insert_places(session)
    # The demo users "exist" from the first day of the data, whatever the clock says.
    created = dt.datetime.combine(calendar.days[0], dt.time(9, 0), STOCKHOLM).astimezone(UTC)
    users, demo_users = _insert_users(session, organisations, seed, created)
    session.flush()
    ids = _Ids(
        organisations={k: o.id for k, o in organisations.items()},
        categories=categories,
        places=[p.id for p in place_rows],
        users={k: u.id for k, u in users.items()},
    )
    return _Reference(organisations, areas, {p.name: p for p in place_rows}, users, demo_users, ids)


def create_demo(
    db: Database,
    *,
    observations: int = 5000,
    seed: int = 2026,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> DemoResult:
    """Fill an empty, migrated database with the demo data set; the same seed and today give the same data.

    Everything happens in one transaction: on any error nothing is left behind.
    """
    if observations < 0:
        raise ValidationError({"observations": _("Must not be negative.")})
    if observations > MAX_OBSERVATIONS:
        raise ValidationError({"observations": _("Must be at most {n}.", n=MAX_OBSERVATIONS)})
    started = time.perf_counter()
    today = today or dt.date.today()
    report = progress or (lambda _message: None)
    rng = random.Random(seed)
    calendar = Calendar.ending(today)
    with db.session() as session:
        bind_actor(session, DEMO_ACTOR)
        _refuse_if_not_empty(session)
        report(_("Creating places and demo users…"))
        ref = _insert_reference_rows(session, seed, today, calendar)
        totals = _insert_observations(session, rng, observations, calendar, ref.ids, report)
        report(_("Creating actions, indicators and follow-up meetings…"))
        indicators, measurements = _insert_indicators(
            session, rng, calendar, today, totals, ref.areas, ref.organisations
        )
        actions, updates = _insert_actions(
            session, rng, today, ref.organisations, ref.areas, ref.places, indicators, ref.users
        )
        session.flush()
        meetings = _insert_meetings(
            session, today, ref.organisations, ref.places, {a.title: a for a in actions}, ref.users["erik.samordnare"]
        )
    seconds = time.perf_counter() - started
    report(_("Demo data created in {seconds} seconds.", seconds=f"{seconds:.1f}"))
    return DemoResult(
        users=ref.demo_users,
        first_day=calendar.days[0],
        last_day=calendar.days[-1],
        places=len(ref.places),
        observations=observations,
        actions=len(actions),
        action_updates=updates,
        indicators=len(indicators),
        measurements=measurements,
        meetings=meetings,
        seconds=seconds,
    )
