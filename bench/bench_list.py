"""Benchmark: pages of the observation list (200 rows) by key, each beside the bare keyset SQL for the
same rows.

    python bench/bench_list.py [--observations 100000] [--postgres] [--url URL]

Over the last two years (the whole demo data set), as the lägesbild's list asks: the first page, a
page deep in the list reached by key (after 5,000 rows and after half the rows), the last page, and
sorted by place and by each other group order a page half way down. Each key is found by a bare query (what the view would hold
from the page before). The floor is the same page's keyset SELECT as plain SQL text on the same
engine, reading the observation columns the list shows, no names joined (the program joins them
for the page's rows and builds its row objects). Targets from issue #15: any page under 20 ms,
sorted by place under 30 ms.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

import sqlalchemy as sa

from app.domain.vocabulary import Source
from app.services.filters import ObservationFilter
from app.services.observation_keyset import PageKey
from app.services.observations import list_observations
from app.services.runner import call
from bench.common import Bench, Figure, standalone, timed_figure

PAGE = 200
COLUMNS = (
    "o.id, o.occurred_on, o.occurred_time, o.reported_at, o.place_id, o.category_id, o.count, o.source, "
    "o.organisation_id, o.reported_by_id, o.setting, o.reported_to_police, o.verified, o.description, "
    "o.classification, o.version"
)
VISIBLE = "(o.classification = 'open' OR o.organisation_id = :org) AND o.occurred_on BETWEEN :lo AND :hi"
DATE_ORDER = "o.occurred_on DESC, o.occurred_time DESC NULLS LAST, o.id DESC"
TYPES = (sa.bindparam("lo", type_=sa.Date), sa.bindparam("hi", type_=sa.Date))
DATE_KEY = (
    sa.text(
        f"SELECT o.occurred_on, o.occurred_time, o.id FROM observation o WHERE {VISIBLE} "
        f"ORDER BY {DATE_ORDER} LIMIT 1 OFFSET :skip"
    )
    .bindparams(*TYPES)
    .columns(sa.column("occurred_on", sa.Date), sa.column("occurred_time", sa.Time), sa.column("id"))
)
FIRST = sa.text(f"SELECT {COLUMNS} FROM observation o WHERE {VISIBLE} ORDER BY {DATE_ORDER} LIMIT {PAGE}").bindparams(
    *TYPES
)
# After a key the period ends at the key's date (:hi = the key's date).
AFTER_DATE = sa.text(
    f"SELECT {COLUMNS} FROM observation o WHERE {VISIBLE} AND (o.occurred_on < :d "
    "OR o.occurred_on = :d AND (o.occurred_time < :t OR o.occurred_time = :t AND o.id < :i "
    f"OR o.occurred_time IS NULL)) ORDER BY {DATE_ORDER} LIMIT {PAGE}"
).bindparams(*TYPES, sa.bindparam("d", type_=sa.Date), sa.bindparam("t", type_=sa.Time))
LAST = sa.text(
    f"SELECT * FROM (SELECT {COLUMNS} FROM observation o WHERE {VISIBLE} "
    f"ORDER BY o.occurred_on ASC, o.occurred_time ASC NULLS FIRST, o.id ASC LIMIT {PAGE}) AS page "
    "ORDER BY occurred_on DESC, occurred_time DESC NULLS LAST, id DESC"
).bindparams(*TYPES)
AFTER_UNTIMED = sa.text(  # after an event without a time: the rest of the day's untimed ones, then earlier days
    f"SELECT {COLUMNS} FROM observation o WHERE {VISIBLE} AND (o.occurred_on < :d "
    f"OR o.occurred_on = :d AND o.occurred_time IS NULL AND o.id < :i) ORDER BY {DATE_ORDER} LIMIT {PAGE}"
).bindparams(*TYPES, sa.bindparam("d", type_=sa.Date))
# Sorted by place: names A to Z, newest first within a place.
PLACE_KEY = (
    sa.text(
        f"SELECT o.place_id, o.occurred_on, o.id FROM observation o JOIN place p ON p.id = o.place_id WHERE {VISIBLE} "
        "ORDER BY p.name, o.occurred_on DESC, o.id DESC LIMIT 1 OFFSET :skip"
    )
    .bindparams(*TYPES)
    .columns(sa.column("place_id"), sa.column("occurred_on", sa.Date), sa.column("id"))
)
AFTER_PLACE = sa.text(
    f"SELECT {COLUMNS} FROM observation o WHERE {VISIBLE} AND o.place_id = :p "
    f"AND (o.occurred_on < :d OR o.occurred_on = :d AND o.id < :i) ORDER BY o.occurred_on DESC, o.id DESC LIMIT {PAGE}"
).bindparams(*TYPES, sa.bindparam("d", type_=sa.Date))

# The other group orders: (join for the bare key query, its ORDER BY for the group, the group column).
GROUPS = {
    "district": ("JOIN place p ON p.id = o.place_id", "p.district, p.name", "o.place_id"),
    "category": ("JOIN category c ON c.id = o.category_id", "c.name, c.id", "o.category_id"),
    "organisation": ("JOIN organisation g ON g.id = o.organisation_id", "g.short_name", "o.organisation_id"),
    "count": ("", "o.count", "o.count"),
    "source": ("", "o.source", "o.source"),
}


def _group_key(join: str, order: str, column: str):
    return (
        sa.text(
            f"SELECT {column} AS grp, o.occurred_on, o.id FROM observation o {join} WHERE {VISIBLE} "
            f"ORDER BY {order}, o.occurred_on DESC, o.id DESC LIMIT 1 OFFSET :skip"
        )
        .bindparams(*TYPES)
        .columns(sa.column("grp"), sa.column("occurred_on", sa.Date), sa.column("id"))
    )


def _after_group(column: str):
    return sa.text(
        f"SELECT {COLUMNS} FROM observation o WHERE {VISIBLE} AND {column} = :g AND (o.occurred_on < :d "
        f"OR o.occurred_on = :d AND o.id < :i) ORDER BY o.occurred_on DESC, o.id DESC LIMIT {PAGE}"
    ).bindparams(*TYPES, sa.bindparam("d", type_=sa.Date))


def _timed(name: str, ours, floor, floor_name: str, limit_ms: float) -> Figure:
    """The figure, once it is checked that the program's page is the floor's rows."""
    got, expected = [r.id for r in ours()], [r.id for r in floor()]
    if got != expected:
        raise AssertionError(f"{name}: the page is not the bare query's rows")
    return timed_figure(name, ours, floor, floor_name, limit_ms=limit_ms)


def figures(bench: Bench) -> list[Figure]:
    db, actor, today = bench.db, bench.actor(), bench.today
    flt = ObservationFilter(today - dt.timedelta(days=729), today)
    params = {"org": actor.organisation_id, "lo": flt.date_from, "hi": flt.date_to}

    def bare(stmt, **more):
        def run():
            with db.engine.connect() as conn:
                return conn.execute(stmt, {**params, **more}).all()

        return run

    def page(**kwargs):
        return lambda: call(db, actor, list_observations, flt, limit=PAGE, **kwargs)

    with db.engine.connect() as conn:
        visible = conn.execute(
            sa.text(f"SELECT count(*) FROM observation o WHERE {VISIBLE}").bindparams(*TYPES), params
        ).scalar_one()
    half = visible // 2
    out = [_timed("list: first page", page(sort="occurred_on"), bare(FIRST), "bare SQL, same page", 20)]
    for skip, label in ((5_000, "5,000"), (half, f"{half:,}")):
        with db.engine.connect() as conn:
            d, t, i = conn.execute(DATE_KEY, {**params, "skip": skip - 1}).one()
        key = PageKey("occurred_on", (d, t, i))
        out.append(
            _timed(
                f"list: page after {label} rows (by key)",
                page(sort="occurred_on", after=key),
                bare(AFTER_UNTIMED, hi=d, d=d, i=i) if t is None else bare(AFTER_DATE, hi=d, d=d, t=t, i=i),
                "bare keyset SQL",
                20,
            )
        )
    out.append(_timed("list: last page", page(sort="occurred_on", from_end=True), bare(LAST), "bare SQL, reversed", 20))
    # a key half way down whose next page stays at its place (the floor reads one place)
    for skip in (half, half - 1_000, half - 2_500, half - 5_000):
        with db.engine.connect() as conn:
            p, d, i = conn.execute(PLACE_KEY, {**params, "skip": max(skip, 1) - 1}).one()
        ours = page(sort="place", descending=False, after=PageKey("place", (p, d, i)))
        floor = bare(AFTER_PLACE, hi=d, p=p, d=d, i=i)
        if [r.id for r in ours()] == [r.id for r in floor()]:
            out.append(
                _timed(f"list by place: page after {skip:,} rows", ours, floor, "bare keyset SQL, one place", 30)
            )
            break
    else:
        raise AssertionError("list by place: no key half way down whose page stays at one place")
    for sort, (join, order, column) in GROUPS.items():
        # a key half way down whose next page stays in its group (the floor reads one group)
        for skip in (half, half - 1_000, half - 5_000):
            with db.engine.connect() as conn:
                g, d, i = conn.execute(_group_key(join, order, column), {**params, "skip": skip - 1}).one()
            if sort == "source":
                g = Source(g)
            ours = page(sort=sort, descending=False, after=PageKey(sort, (g, d, i)))
            floor = bare(_after_group(column), hi=d, g=g.value if sort == "source" else g, d=d, i=i)
            if [r.id for r in ours()] == [r.id for r in floor()]:
                out.append(
                    _timed(f"list by {sort}: page after {skip:,} rows", ours, floor, "bare keyset SQL, one group", 20)
                )
                break
    return out


def main(argv: list[str] | None = None) -> int:
    return standalone(figures, (__doc__ or "").splitlines()[0], argv)


if __name__ == "__main__":
    raise SystemExit(main())
