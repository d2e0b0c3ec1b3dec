"""The observation list's sort orders, and paging through them by key (the last row's place in the
order) rather than by OFFSET, so that a page deep in the list costs what the first page costs.

Every order ends in the observation id, so it is total and a key names one position exactly:

- `occurred_on`: date, time (events without a time last within their day), id.
- `reported_at`: the time of the report, id.
- the group orders (`place`, `district`, `category`, `organisation`, `count`, `source`): the group in
  the direction asked for (by name, or by value), then newest first within the group (date, id).

A group order is walked group by group, each group's rows read in order from an index on
(group column, occurred_on, id) (migration 0009), so no database has to sort or join to find a page:
sorting a million rows by place name through a join took a second on SQLite. The groups are the few
places, event types or organisations read in name order, or the distinct counts and sources found one
after another through the index (min/max above the last one).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.models import Category, Observation, Organisation, Place

# Sort name -> the observation column that forms its groups, and the table rows that order them.
_TABLE_GROUPS = {
    "place": (Observation.place_id, Place.id, (Place.name, Place.id)),
    "district": (Observation.place_id, Place.id, (Place.district, Place.name, Place.id)),
    "category": (Observation.category_id, Category.id, (Category.name, Category.id)),
    "organisation": (Observation.organisation_id, Organisation.id, (Organisation.short_name, Organisation.id)),
}
_VALUE_GROUPS = {"count": Observation.count, "source": Observation.source}
SORTS = ("occurred_on", "place", "district", "category", "count", "source", "organisation", "reported_at")
DEFAULT_SORT = "occurred_on"


@dataclass(frozen=True)
class PageKey:
    """A row's position in one sort order: (date, time, id) for `occurred_on`, (reported_at, id) for
    `reported_at`, (group, date, id) for the group orders, the group being the place, event type or
    organisation id, the count or the source."""

    sort: str
    values: tuple[Any, ...]


def sort_name(sort: str) -> str:
    return sort if sort in SORTS else DEFAULT_SORT


def order_by(sort: str, descending: bool) -> list:
    """ORDER BY for one query over observations joined to place, category and organisation (the
    export streams this way); the same order the keyset pages walk."""
    sort = sort_name(sort)
    if sort == "occurred_on":
        return _date_order(descending, nulls_last=True)
    if sort == "reported_at":
        return [_dir(Observation.reported_at, descending), _dir(Observation.id, descending)]
    if sort in _TABLE_GROUPS:
        group = [_dir(c, descending) for c in _TABLE_GROUPS[sort][2]]
    else:
        group = [_dir(_VALUE_GROUPS[sort], descending)]
    return [*group, *_inner_order(inner_desc=True)]


def page_ids(
    session: Session,
    conditions: list,
    period: tuple[dt.date, dt.date],
    sort: str,
    descending: bool,
    *,
    after: PageKey | None = None,
    before: PageKey | None = None,
    backward: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[int]:
    """Ids of up to `limit` observations under `conditions` and in `period` (inclusive dates: given
    apart, so that one date range, narrowed by the keys, bounds the index scan) strictly between `after` and `before` (either open) in the
    list's order, `offset` rows skipped: from the `after` end, or with `backward` from the `before`
    end (the last page: backward, no keys). Returned in the order walked (reversed when backward)."""
    sort = sort_name(sort)
    for key in (after, before):
        if key is not None and key.sort != sort:
            raise ValueError(f"a {key.sort} key for the {sort} order")
    start, stop = (before, after) if backward else (after, before)
    if limit <= 0:
        return []
    if sort == "occurred_on":
        return _date_page(session, conditions, period, descending != backward, not backward, start, stop, offset, limit)
    if sort == "reported_at":
        stamp_conditions = [*conditions, *_period(session, *period)]
        return _stamp_page(session, stamp_conditions, descending != backward, start, stop, offset, limit)
    group_desc, inner_desc = descending != backward, not backward
    column: Any
    if sort in _TABLE_GROUPS:
        column, group_id, ordering = _TABLE_GROUPS[sort]
        ids = list(session.scalars(sa.select(group_id).order_by(*[_dir(c, group_desc) for c in ordering])))
        groups: Iterator[Any] = iter(_between(ids, start, stop))
    else:
        column = _VALUE_GROUPS[sort]
        groups = _value_groups(session, column, group_desc, start, stop)
    return _group_page(session, conditions, period, column, groups, inner_desc, start, stop, offset, limit)


# --- the date order ------------------------------------------------------------------------------


def _dir(column, descending: bool):
    return column.desc() if descending else column.asc()


def _beyond(column, value, descending: bool):
    return column < value if descending else column > value


def _date_order(descending: bool, nulls_last: bool) -> list:
    time = _dir(Observation.occurred_time, descending)
    return [
        _dir(Observation.occurred_on, descending),
        time.nulls_last() if nulls_last else time.nulls_first(),
        _dir(Observation.id, descending),
    ]


def _after_date(key: PageKey, descending: bool, nulls_last: bool):
    """Rows strictly after (date, time, id) in that walk order."""
    day, time, row_id = key.values
    on, at, oid = Observation.occurred_on, Observation.occurred_time, Observation.id
    if time is not None:
        rest = sa.or_(_beyond(at, time, descending), sa.and_(at == time, _beyond(oid, row_id, descending)))
        if nulls_last:
            rest = sa.or_(rest, at.is_(None))
    else:
        rest = sa.and_(at.is_(None), _beyond(oid, row_id, descending))
        if not nulls_last:
            rest = sa.or_(rest, at.is_not(None))
    return sa.or_(_beyond(on, day, descending), sa.and_(on == day, rest))


def _narrowed(period: tuple[dt.date, dt.date], key: PageKey | None, descending: bool, at: int) -> tuple:
    """The period cut at the key's date (`values[at]`) on the side the walk leaves behind: one range
    for the index (given two upper bounds, SQLite bounds the scan by either)."""
    low, high = period
    if key is not None:
        day = key.values[at]
        if descending:
            high = min(high, day)
        else:
            low = max(low, day)
    return low, high


def _in(low: dt.date, high: dt.date) -> list:
    return [Observation.occurred_on >= low, Observation.occurred_on <= high]


def _period(session: Session, low: dt.date, high: dt.date) -> list:
    """The period for the report-time order: on SQLite kept off the date index (a unary plus), which
    its planner would pick and then sort every row of the period; the report-time index is the way."""
    if session.get_bind().dialect.name != "sqlite":
        return _in(low, high)
    on = sa.literal_column("+observation.occurred_on", type_=sa.Date)
    return [on >= low, on <= high]


def _date_page(session, conditions, period, descending, nulls_last, start, stop, offset, limit) -> list[int]:
    period = _narrowed(_narrowed(period, start, descending, 0), stop, not descending, 0)
    where = [*conditions, *_in(*period)]
    if start is not None:
        where.append(_after_date(start, descending, nulls_last))
    if stop is not None:
        # before the stop key in this walk = after it in the reverse walk
        where.append(_after_date(stop, not descending, not nulls_last))
    stmt = (
        sa.select(Observation.id)
        .where(*where)
        .order_by(*_date_order(descending, nulls_last))
        .offset(offset or None)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def _after_pair(first, second, values: tuple, descending: bool):
    """Rows strictly after (first, second) = values in that direction, written so an index on
    (…, first, second) bounds the scan."""
    a, b = values
    reach = first <= a if descending else first >= a
    return sa.and_(reach, sa.or_(_beyond(first, a, descending), sa.and_(first == a, _beyond(second, b, descending))))


def _stamp_page(session, conditions, descending, start, stop, offset, limit) -> list[int]:
    stamp, oid = Observation.reported_at, Observation.id
    where = list(conditions)
    if start is not None:
        where.append(_after_pair(stamp, oid, start.values, descending))
    if stop is not None:
        where.append(_after_pair(stamp, oid, stop.values, not descending))
    stmt = (
        sa.select(oid)
        .where(*where)
        .order_by(_dir(stamp, descending), _dir(oid, descending))
        .offset(offset or None)
        .limit(limit)
    )
    return list(session.scalars(stmt))


# --- the group orders ------------------------------------------------------------------------------


def _inner_order(inner_desc: bool) -> list:
    return [_dir(Observation.occurred_on, inner_desc), _dir(Observation.id, inner_desc)]


def _between(ids: list[Any], start: PageKey | None, stop: PageKey | None) -> list[Any]:
    """The groups from the start key's to the stop key's, both included (a group no longer there,
    say a place merged away meanwhile, bounds nothing)."""
    first = ids.index(start.values[0]) if start is not None and start.values[0] in ids else 0
    last = ids.index(stop.values[0]) if stop is not None and stop.values[0] in ids else len(ids) - 1
    return ids[first : last + 1]


def _value_groups(session, column, descending: bool, start: PageKey | None, stop: PageKey | None) -> Iterator[Any]:
    """The distinct values of `column` in order from the start key's, each found through the index
    as the least (greatest) value beyond the previous one; none beyond the stop key's."""
    value = None
    if start is not None:
        value = start.values[0]
        yield value
    pick = sa.func.max(column) if descending else sa.func.min(column)
    while True:
        where = []
        if value is not None:
            where.append(_beyond(column, value, descending))
        if stop is not None:
            where.append(column >= stop.values[0] if descending else column <= stop.values[0])
        value = session.scalar(sa.select(pick).where(*where))
        if value is None:
            return
        yield value


def _group_page(session, conditions, period, column, groups, inner_desc, start, stop, offset, limit) -> list[int]:
    found: list[int] = []
    on, oid = Observation.occurred_on, Observation.id
    for group in groups:
        first = start is not None and group == start.values[0]
        last = stop is not None and group == stop.values[0]
        where = [*conditions, column == group]
        low, high = _narrowed(
            _narrowed(period, start if first else None, inner_desc, 1), stop if last else None, not inner_desc, 1
        )
        where += _in(low, high)
        if first:
            assert start is not None
            where.append(_after_pair(on, oid, start.values[1:], inner_desc))
        if last:
            assert stop is not None
            where.append(_after_pair(on, oid, stop.values[1:], not inner_desc))
        if offset:
            # A jump into the middle: whole groups are skipped by counting them through the index.
            size = session.scalar(sa.select(sa.func.count()).select_from(Observation).where(*where)) or 0
            if size <= offset:
                offset -= size
                if last:
                    break
                continue
        stmt = (
            sa.select(Observation.id)
            .where(*where)
            .order_by(*_inner_order(inner_desc))
            .offset(offset or None)
            .limit(limit - len(found))
        )
        offset = 0
        found.extend(session.scalars(stmt))
        if len(found) >= limit or last:
            break
    return found
