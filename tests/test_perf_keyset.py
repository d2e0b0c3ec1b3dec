"""Paging the observation list by key: in every sort order and both directions, the pages put
together are exactly the one ORDER BY query's sequence (no duplicate, no gap), from the top, from
the end, between two keys and after a jump by offset; rows added or removed between pages neither
repeat nor hide the others."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
import sqlalchemy as sa

from app.db.models import Category, Observation, Place
from app.domain.vocabulary import Classification, PlaceType, Source
from app.services import observations as obs
from app.services.context import bind_actor
from app.services.filters import ObservationFilter
from app.services.observation_keyset import PageKey

SORTS = obs.SORT_COLUMNS
PERIOD = ObservationFilter(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
ROWS = 240


def _seed(world) -> None:
    """Rows with many ties: few dates and times, some without a time, equal report times, counts
    1–3, places in three districts (names in mixed case and with å/ä/ö), two event types of one
    name, some internal rows of another organisation that the kommun's editor may not see."""
    rng = random.Random(15)
    with world.db.session() as s:
        extra = [
            Place(name=n, district=d, place_type=PlaceType.OTHER)
            for n, d in (("Ängby torg", "Märsta"), ("arlanda väg", "Valsta"), ("Zetagatan", "Sigtuna"))
        ]
        s.add_all(extra)
        twin = Category(code="OVR2", name=s.scalar(sa.select(Category.name).where(Category.code == "ORDN")))
        s.add(twin)
        s.flush()
        places = [world.places["Märsta centrum"].id, world.places["Valsta centrum"].id, *(p.id for p in extra)]
        cats = [*s.scalars(sa.select(Category.id).where(Category.code.in_(["ORDN", "VALD", "SKAD"]))), twin.id]
        stamp = dt.datetime(2026, 3, 15, 12, 0, tzinfo=dt.UTC)
        for i in range(ROWS):
            internal = i % 9 == 0
            s.add(
                Observation(
                    occurred_on=dt.date(2026, 3, 1) + dt.timedelta(days=rng.randrange(6)),
                    occurred_time=None if rng.random() < 0.3 else dt.time(rng.choice([8, 12, 22]), 0),
                    reported_at=stamp + dt.timedelta(minutes=rng.randrange(20)),
                    place_id=rng.choice(places),
                    category_id=rng.choice(cats),
                    count=rng.choice([1, 1, 1, 2, 3]),
                    source=rng.choice([Source.OWN_OBSERVATION, Source.SAFETY_WALK, Source.CITIZEN_DIALOGUE]),
                    organisation_id=(world.polisen if internal or i % 4 == 0 else world.kommun).id,
                    classification=Classification.INTERNAL if internal else Classification.OPEN,
                    description=f"nr {i}",
                )
            )
        # outside the period
        s.add(
            Observation(
                occurred_on=dt.date(2026, 4, 2),
                place_id=places[0],
                category_id=cats[0],
                organisation_id=world.kommun.id,
            )
        )


def _reference(world, sort: str, descending: bool) -> list[obs.ObservationRow]:
    """The whole list from one ORDER BY query (what the export streams)."""
    with world.db.session() as s:
        bind_actor(s, world.editor)
        return list(obs.iter_observations(s, world.editor, PERIOD, sort=sort, descending=descending))


def _page(world, sort, descending, **kwargs) -> list[obs.ObservationRow]:
    with world.db.session() as s:
        bind_actor(s, world.editor)
        return obs.list_observations(s, world.editor, PERIOD, sort=sort, descending=descending, **kwargs)


def _ids(rows) -> list[int]:
    return [r.id for r in rows]


def _forward(world, sort, descending, limit: int) -> list[int]:
    found: list[int] = []
    after: PageKey | None = None
    for _ in range(ROWS):
        page = _page(world, sort, descending, after=after, limit=limit)
        if not page:
            return found
        found += _ids(page)
        after = obs.page_key(page[-1], sort)
    raise AssertionError("paging did not end")


def _backward(world, sort, descending, limit: int) -> list[int]:
    found: list[int] = []
    before: PageKey | None = None
    for _ in range(ROWS):
        page = _page(world, sort, descending, before=before, from_end=True, limit=limit)
        if not page:
            return found
        found = _ids(page) + found
        before = obs.page_key(page[0], sort)
    raise AssertionError("paging did not end")


def _expected_order(rows: list[obs.ObservationRow], sort: str, descending: bool) -> None:
    """The reference itself is in the documented order (what sorts the same on both databases)."""
    assert len({r.id for r in rows}) == len(rows)
    if sort == "occurred_on":
        for a, b in itertools.pairwise(rows):
            if a.occurred_on != b.occurred_on:
                assert (a.occurred_on > b.occurred_on) == descending
            elif a.occurred_time is None:  # events without a time last within their day, either way
                assert b.occurred_time is None and (a.id > b.id) == descending
            elif b.occurred_time is not None:
                assert ((a.occurred_time, a.id) > (b.occurred_time, b.id)) == descending
    elif sort == "reported_at":
        keys = [(r.reported_at, r.id) for r in rows]
        assert keys == sorted(keys, reverse=descending)
    else:
        group = {
            "place": lambda r: r.place_id,
            "district": lambda r: r.place_id,
            "category": lambda r: r.category_id,
            "organisation": lambda r: r.organisation_id,
            "count": lambda r: r.count,
            "source": lambda r: r.source,
        }[sort]
        seen: list = []
        for a, b in itertools.pairwise(rows):
            if group(a) == group(b):
                assert (a.occurred_on, a.id) > (b.occurred_on, b.id)  # newest first within a group
            else:
                seen.append(group(a))
        assert len(seen) == len(set(seen)), "each group in one run"
        if sort == "count":
            counts = [r.count for r in rows]
            assert counts == sorted(counts, reverse=descending)


@pytest.mark.parametrize("descending", [True, False], ids=["desc", "asc"])
@pytest.mark.parametrize("sort", SORTS)
def test_pages_by_key_give_the_one_query_sequence(world, sort, descending):
    _seed(world)
    reference = _reference(world, sort, descending)
    ids = _ids(reference)
    assert len(ids) == ROWS - len(range(0, ROWS, 9))  # the police's internal rows stay out
    _expected_order(reference, sort, descending)
    assert _forward(world, sort, descending, 7) == ids
    assert _backward(world, sort, descending, 11) == ids
    assert _ids(_page(world, sort, descending, limit=1000)) == ids
    # the last page, and the rows between two keys
    assert _ids(_page(world, sort, descending, from_end=True, limit=9)) == ids[-9:]
    a, b = obs.page_key(reference[5], sort), obs.page_key(reference[60], sort)
    assert _ids(_page(world, sort, descending, after=a, before=b, limit=1000)) == ids[6:60]
    assert _ids(_page(world, sort, descending, after=a, before=b, limit=10)) == ids[6:16]
    assert _ids(_page(world, sort, descending, after=a, before=b, from_end=True, limit=10)) == ids[50:60]
    # a jump into the middle by offset, from either end or from a key
    for offset in (0, 1, 40, 113, len(ids) - 3, len(ids) + 5):
        assert _ids(_page(world, sort, descending, offset=offset, limit=8)) == ids[offset : offset + 8]
        tail = ids[max(0, len(ids) - offset - 8) : max(0, len(ids) - offset)]
        assert _ids(_page(world, sort, descending, offset=offset, from_end=True, limit=8)) == tail
    assert _ids(_page(world, sort, descending, after=a, offset=30, limit=8)) == ids[36:44]


@pytest.mark.parametrize("descending", [True, False], ids=["desc", "asc"])
@pytest.mark.parametrize("sort", SORTS)
def test_rows_added_and_removed_between_pages(world, sort, descending):
    _seed(world)
    first = _page(world, sort, descending, limit=50)
    key = obs.page_key(first[-1], sort)
    before = _ids(_reference(world, sort, descending))
    with world.db.session() as s:
        for gone in (before[55], before[80], before[20]):
            s.delete(s.get(Observation, gone))
        # copies of rows on either side of the key: only those after it belong to the next pages
        for source_id in (before[10], before[49], before[51], before[120]):
            row = s.get(Observation, source_id)
            s.add(
                Observation(
                    occurred_on=row.occurred_on,
                    occurred_time=row.occurred_time,
                    reported_at=row.reported_at,
                    place_id=row.place_id,
                    category_id=row.category_id,
                    count=row.count,
                    source=row.source,
                    organisation_id=row.organisation_id,
                    classification=row.classification,
                )
            )
    now = _ids(_reference(world, sort, descending))
    last = now.index(first[-1].id)
    rest: list[int] = []
    after = key
    while page := _page(world, sort, descending, after=after, limit=13):
        rest += _ids(page)
        after = obs.page_key(page[-1], sort)
    assert rest == now[last + 1 :]
    assert not set(rest) & set(_ids(first))
    assert before[55] not in rest and before[80] not in rest


def test_a_key_of_another_order_is_refused(world):
    _seed(world)
    row = _page(world, "place", True, limit=1)[0]
    with pytest.raises(ValueError):
        _page(world, "count", True, after=obs.page_key(row, "place"))


def test_an_unknown_sort_is_the_date_order(world):
    _seed(world)
    assert _ids(_page(world, "nonsense", True, limit=20)) == _ids(_reference(world, "occurred_on", True))[:20]


def test_the_plain_select_has_the_rows_fields_in_order():
    """Rows are built positionally from `_plain_select()`."""
    import dataclasses

    assert [c.name for c in obs._plain_select().selected_columns] == [
        f.name for f in dataclasses.fields(obs.ObservationRow)
    ]
