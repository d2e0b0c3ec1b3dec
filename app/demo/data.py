"""The demo data set as data: resources/demo/sigtuna.toml read into the specs the generator works from."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.domain.vocabulary import (
    ActionKind,
    Direction,
    ExpectedEffect,
    FollowUpColour,
    Forum,
    Frequency,
    PlaceType,
    PreventionType,
    Role,
    Source,
)
from app.paths import resource

DATA_FILE = ("demo", "sigtuna.toml")


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


@dataclass(frozen=True)
class SourceSpec:
    """One way a category's events reach the lägesbild: source, reporting organisation, share."""

    source: Source
    organisation: str
    weight: float


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


@dataclass(frozen=True)
class MeetingSpec:
    held: str  # steering_group, tertial_analysis, last_week, this_week (dates: app/demo/generator.py)
    forum: Forum
    organisations: tuple[str, ...] | None  # short names; None: all
    notes: str
    decisions: str
    focus_places: tuple[str, ...]
    actions: tuple[str, ...]


@dataclass(frozen=True)
class DemoData:
    """Everything resources/demo/*.toml declares, as the generator uses it."""

    places: tuple[PlaceSpec, ...]
    categories: tuple[CategorySpec, ...]
    hours: dict[str, tuple[float, ...]]
    indoor_by_type: dict[PlaceType, float]
    rising_place: str
    rising_share: float
    rising_days: int
    rising_categories: dict[str, int]
    reporters: dict[tuple[Source, str], tuple[str, ...]]
    reported_to_police: dict[Source, tuple[float, float]]
    verified: dict[Source, float]
    report_delay_minutes: dict[Source, tuple[int, int]]
    users: tuple[tuple[str, str, str, Role], ...]
    indicators: tuple[IndicatorSpec, ...]
    actions: tuple[ActionSpec, ...]
    meetings: tuple[MeetingSpec, ...]
    progress_notes: tuple[str, ...]


def _by_source(table: dict[str, Any], convert=lambda value: value) -> dict[Source, Any]:
    return {Source(key): convert(value) for key, value in table.items()}


def _tuples(record: dict[str, Any], *names: str) -> dict[str, Any]:
    # TOML has arrays only; the specs hold tuples, as the generator's code and equality expect.
    return {**record, **{name: tuple(record[name]) for name in names if name in record}}


def load(path: Path | None = None) -> DemoData:
    """Read the demo data file (by default the Sigtuna one shipped in resources/)."""
    with open(path or resource(*DATA_FILE), "rb") as file:
        raw = tomllib.load(file)
    profiles = {
        kind: {name: tuple(values) for name, values in raw[kind].items()} for kind in ("hours", "season", "week")
    }
    affinity = {name: {PlaceType(k): v for k, v in table.items()} for name, table in raw["affinity"].items()}
    places = tuple(PlaceSpec(**{**record, "place_type": PlaceType(record["place_type"])}) for record in raw["places"])
    categories = tuple(
        CategorySpec(
            **{
                **_tuples(record, "trend", "descriptions"),
                "sources": tuple(
                    SourceSpec(Source(s["source"]), s["organisation"], s["weight"]) for s in record["sources"]
                ),
                "hours": profiles["hours"][record["hours"]],
                "season": profiles["season"][record["season"]],
                "week": profiles["week"][record["week"]],
                "affinity": affinity[record["affinity"]],
            }
        )
        for record in raw["categories"]
    )
    indicators = tuple(
        IndicatorSpec(
            **{
                **_tuples(record, "places", "categories"),
                **({"places": tuple(p.name for p in places)} if record.get("places") == "all" else {}),
                "area": record.get("area"),
                "direction": Direction(record["direction"]),
                "frequency": Frequency(record["frequency"]),
            }
        )
        for record in raw["indicators"]
    )
    actions = tuple(
        ActionSpec(
            **{
                **_tuples(record, "places", "areas", "indicators", "anchor"),
                "colour": FollowUpColour(record["colour"]),
                "kind": ActionKind(record["kind"]),
                "prevention": PreventionType(record["prevention"]),
                "effect": ExpectedEffect(record["effect"]),
            }
        )
        for record in raw["actions"]
    )
    meetings = tuple(
        MeetingSpec(
            **{
                **_tuples(record, "focus_places", "actions"),
                "forum": Forum(record["forum"]),
                "organisations": None if record["organisations"] == "all" else tuple(record["organisations"]),
            }
        )
        for record in raw["meetings"]
    )
    observations = raw["observations"]
    return DemoData(
        places=places,
        categories=categories,
        hours=profiles["hours"],
        indoor_by_type={PlaceType(k): v for k, v in observations["indoor_by_type"].items()},
        rising_place=raw["rising"]["place"],
        rising_share=raw["rising"]["share"],
        rising_days=raw["rising"]["days"],
        rising_categories=dict(raw["rising"]["categories"]),
        reporters={(Source(r["source"]), r["organisation"]): tuple(r["users"]) for r in raw["reporters"]},
        reported_to_police=_by_source(observations["reported_to_police"], tuple),
        verified=_by_source(observations["verified"]),
        report_delay_minutes=_by_source(observations["report_delay_minutes"], tuple),
        users=tuple((u["username"], u["name"], u["organisation"], Role(u["role"])) for u in raw["users"]),
        indicators=indicators,
        actions=actions,
        meetings=meetings,
        progress_notes=tuple(raw["progress"]["notes"]),
    )
