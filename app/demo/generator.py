"""The demo generator: rows for the data set of app/demo/data.py, the same for the same seed and day."""

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
from app.demo.data import ActionSpec, CategorySpec, IndicatorSpec, SourceSpec, load
from app.domain import periods
from app.domain.vocabulary import (
    ActionKind,
    ActionStatus,
    Classification,
    Frequency,
    Role,
    Setting,
    Source,
    YesNoUnknown,
)
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
UTC = dt.UTC

# The police's short name, as app.seed creates it (its rows may stay police-only).
POLISEN = "Polisen"

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


# --- the data set (resources/demo/sigtuna.toml) -------------------------------------------------------

DATA = load()
PLACES = DATA.places
PLACE_INDEX = {spec.name: i for i, spec in enumerate(PLACES)}
RISING_PLACE = DATA.rising_place
CATEGORIES = DATA.categories
CATEGORY_INDEX = {spec.code: i for i, spec in enumerate(CATEGORIES)}
INDOOR_BY_TYPE = DATA.indoor_by_type
# The rising place gets an extra stream of these categories that grows over the last eight months.
RISING_SHARE, RISING_DAYS, RISING_CATEGORIES = DATA.rising_share, DATA.rising_days, DATA.rising_categories
REPORTERS = DATA.reporters
REPORTED_TO_POLICE = DATA.reported_to_police
VERIFIED = DATA.verified
REPORT_DELAY_MINUTES = DATA.report_delay_minutes
USERS = DATA.users
INDICATORS = DATA.indicators
ACTIONS = DATA.actions
PROGRESS_NOTES = DATA.progress_notes
HOURS_WALK, HOURS_DIALOGUE, HOURS_FESTIVE = DATA.hours["walk"], DATA.hours["dialogue"], DATA.hours["festive"]

OBSERVATION_COLUMNS = (
    "occurred_on",
    "occurred_time",
    "reported_at",
    "place_id",
    "category_id",
    "count",
    "source",
    "organisation_id",
    "reported_by_id",
    "setting",
    "reported_to_police",
    "verified",
    "description",
    "classification",
    "version",
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
            rng,
            plan,
            cat_i,
            cat_counts.get(cat_i, 0),
            days,
            lambda c, s: _day_weights(c, s, days),
            _cumulative(_place_weights(cat)),
        )
    codes = list(RISING_CATEGORIES)
    rising_counts = Counter(rng.choices(codes, weights=list(RISING_CATEGORIES.values()), k=rising))
    for code in codes:
        cat_i = CATEGORY_INDEX[code]
        _plan_stream(
            rng,
            plan,
            cat_i,
            rising_counts.get(code, 0),
            days,
            lambda c, s: _rising_day_weights(c, days),
            None,
            fixed_place=PLACE_INDEX[RISING_PLACE],
        )
    return plan


_TIMES = tuple(dt.time(m // 60, m % 60) for m in range(24 * 60))


def _rows(
    rng: random.Random,
    plan: list[list[int]],
    calendar: Calendar,
    streams: list[list[_Stream]],
    ids: _Ids,
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
            if st.festive_hours and festive and rand() < 0.7:
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
            count = 1 if r < 0.8 else 2 if r < 0.91 else 3 + int(rand() * 3)
            r = rand()
            p_in = min(0.9, st.indoors * indoor_by_place[place_i])
            setting = unknown_setting if r < 0.08 else indoors if r < 0.08 + 0.92 * p_in else outdoors
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
    import psycopg  # only the PostgreSQL path needs the driver's COPY

    raw = session.connection().connection.dbapi_connection  # the same psycopg connection and transaction
    assert isinstance(raw, psycopg.Connection)
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
    table = Observation.__table__
    assert isinstance(table, sa.Table)  # a mapped class of one table, not a join or a select
    statement = sa.insert(table)
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
            name=s.name,
            district=s.district,
            place_type=s.place_type,
            latitude=s.lat,
            longitude=s.lon,
            poor_lighting=s.poor_lighting,
            poor_sightlines=s.poor_sightlines,
            secluded=s.secluded,
            littering=s.littering,
            notes=s.notes,
        )
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
            username=username,
            display_name=display_name,
            organisation=organisations[org],
            role=role,
            password_hash=hash_password(password),
            created_at=created,
        )
        listed.append(DemoUser(username, display_name, org, role, password))
    session.add_all(users.values())
    return users, tuple(listed)


# --- indicators and measurements --------------------------------------------------------------------


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
    session: Session,
    rng: random.Random,
    calendar: Calendar,
    today: dt.date,
    totals: Counter,
    areas: dict[str, Area],
    organisations: dict[str, Organisation],
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
            name=spec.name,
            description=spec.description,
            unit=spec.unit,
            data_source=spec.data_source,
            area=areas[spec.area] if spec.area else None,
            baseline_value=baseline,
            baseline_period=baseline_period,
            target_value=target,
            direction=spec.direction,
            frequency=spec.frequency,
            responsible_organisation=organisations[spec.organisation],
            responsible_person=spec.person,
            measurements=[Measurement(period_start=s, value=v) for s, v in zip(starts, values)],
        )
        session.add(indicator)
        indicators[spec.name] = indicator
        measurements += len(starts)
    return indicators, measurements


# --- åtgärdsplan ------------------------------------------------------------------------------------


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
        return start, (None if spec.kind is ActionKind.ONGOING else start + days(30, 150)), None
    if scenario == "planned_overdue":
        start = today - days(100, 160)
        return start, start + days(40, 80), None
    if scenario == "ongoing":
        start = today - days(20, 200)
        return start, (None if spec.kind is ActionKind.ONGOING and rng.random() < 0.5 else today + days(30, 240)), None
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
        "planned": 0.0,
        "planned_overdue": rng.uniform(0, 0.1),
        "ongoing": rng.uniform(0.3, 0.7),
        "ongoing_overdue": rng.uniform(0.5, 0.9),
        "cancelled": rng.uniform(0.1, 0.3),
        "done_on_time": rng.uniform(0.85, 1.1),
        "done_late": rng.uniform(1.1, 1.4),
    }[spec.scenario]


def _status(spec: ActionSpec) -> ActionStatus:
    return {
        "planned": ActionStatus.PLANNED,
        "planned_overdue": ActionStatus.PLANNED,
        "ongoing": ActionStatus.ONGOING,
        "ongoing_overdue": ActionStatus.ONGOING,
        "cancelled": ActionStatus.CANCELLED,
        "done_on_time": ActionStatus.DONE,
        "done_late": ActionStatus.DONE,
    }[spec.scenario]


# One entry of an action's log: text, date, old status and new status (None: unchanged).
_Entry = tuple[str, dt.date, ActionStatus | None, ActionStatus | None]


def _closing_entries(
    rng: random.Random,
    spec: ActionSpec,
    status: ActionStatus,
    started: bool,
    start: dt.date,
    deadline: dt.date | None,
    completed: dt.date | None,
    today: dt.date,
) -> list[_Entry]:
    """The entries that explain where the action stands now: done, cancelled or past its deadline."""
    if status is ActionStatus.DONE:
        assert completed is not None  # _action_dates gives every done scenario its completion date
        text = (
            "Insatsen genomförd och avrapporterad."
            if spec.scenario == "done_on_time"
            else "Insatsen genomförd, senare än planerat på grund av leveransförsening."
        )
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
    rng: random.Random,
    spec: ActionSpec,
    start: dt.date,
    deadline: dt.date | None,
    completed: dt.date | None,
    today: dt.date,
    authors: Sequence[User],
) -> list[ActionUpdate]:
    """A believable log of 1–4 dated entries that ends in the action's current status."""
    status = _status(spec)
    planned_on = min(start, today) - dt.timedelta(days=rng.randint(7, 30))
    entries: list[_Entry] = [("Insatsen beslutad och ansvar fördelat.", planned_on, None, ActionStatus.PLANNED)]
    started = status in (ActionStatus.ONGOING, ActionStatus.DONE) or (
        status is ActionStatus.CANCELLED and rng.random() < 0.5
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
        ActionUpdate(
            entry_date=when,
            author=authors[rng.randrange(len(authors))],
            text=text,
            old_status=old,
            new_status=new,
            created_at=dt.datetime.combine(when, dt.time(15, 0), STOCKHOLM).astimezone(UTC),
        )
        for text, when, old, new in entries
    ]


def _insert_actions(
    session: Session,
    rng: random.Random,
    today: dt.date,
    organisations: dict[str, Organisation],
    areas: dict[str, Area],
    places: dict[str, Place],
    indicators: dict[str, Indicator],
    users: dict[str, User],
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
            title=spec.title,
            problem=spec.problem,
            cause=spec.cause,
            description=spec.description,
            operative_goal=spec.goal,
            responsible_organisation=org,
            responsible_person=spec.person,
            start_on=start,
            deadline=deadline,
            completed_on=completed,
            status=_status(spec),
            follow_up_colour=spec.colour,
            kind=spec.kind,
            prevention_type=spec.prevention,
            expected_effect=spec.effect,
            hours_spent=round(spec.hours * effort, 1),
            cost_spent=round(spec.cost * effort, -2),
            areas=[areas[a] for a in spec.areas],
            places=[places[p] for p in spec.places],
            indicators=[indicators[i] for i in spec.indicators],
            created_at=log[0].created_at,
            updates=log,
        )
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
    session: Session,
    today: dt.date,
    organisations: dict[str, Organisation],
    places: dict[str, Place],
    actions: dict[str, Action],
    creator: User,
) -> int:
    orgs = list(organisations.values())
    tuesday = _weekday_on_or_before(today, 1)
    tertial = max(
        d
        for d in (dt.date(y, m, 1) for y in (today.year - 1, today.year) for m in (1, 5, 9))
        if d <= today - dt.timedelta(days=14)
    )
    held = {
        "steering_group": _weekday_on_or_before(_outside_holidays(today - dt.timedelta(days=75)), 3),
        "tertial_analysis": _weekday_on_or_before(tertial + dt.timedelta(days=14), 2),
        "last_week": tuesday - dt.timedelta(days=7),
        "this_week": tuesday,
    }
    meetings = DATA.meetings
    for spec in meetings:
        held_on = held[spec.held]
        present = orgs if spec.organisations is None else [organisations[o] for o in spec.organisations]
        session.add(
            FollowUpMeeting(
                held_on=held_on,
                forum=spec.forum,
                notes=spec.notes,
                decisions=spec.decisions,
                organisations=list(present),
                focus_places=[places[p] for p in spec.focus_places],
                actions=[actions[a] for a in spec.actions],
                created_by_id=creator.id,
                lagesbild_snapshot=lagesbild_snapshot(session, DEMO_ACTOR, held_on),
            )
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
