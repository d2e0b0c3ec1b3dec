"""The filters shared by the lägesbild, the observation list and exports, and the visibility rule."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import sqlalchemy as sa

from app.db import sqlfunctions as sqlf
from app.db.models import CategoryArea, Observation, Place
from app.domain.vocabulary import Classification, Source
from app.services.common import contains_text
from app.services.context import Actor


@dataclass(frozen=True)
class ObservationFilter:
    """A period (inclusive dates) and optional restrictions; an empty tuple means no restriction."""

    date_from: dt.date
    date_to: dt.date
    districts: tuple[str, ...] = ()
    place_ids: tuple[int, ...] = ()
    category_ids: tuple[int, ...] = ()
    area_ids: tuple[int, ...] = ()
    sources: tuple[Source, ...] = ()
    organisation_ids: tuple[int, ...] = ()
    text: str = ""
    # A drill-down from the weekday × time-of-day table: ISO weekdays (1 = Monday), and hours of the
    # day as [start, end) or only the observations without a time.
    weekdays: tuple[int, ...] = ()
    hours: tuple[int, int] | None = None
    time_unknown: bool = False

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def previous(self) -> ObservationFilter:
        """The period of equal length just before this one, with the same restrictions."""
        return replace(
            self,
            date_from=self.date_from - dt.timedelta(days=self.days),
            date_to=self.date_from - dt.timedelta(days=1),
        )


def visible_to(actor: Actor, table=Observation):
    """Rows everyone in the office may see, plus the actor's own organisation's internal rows.

    `table`: Observation, or a summary of it (app/db/models.py), whose rows are each either open or
    one organisation's internal observations, so that the same rule applies to them."""
    return sa.or_(
        table.classification == Classification.OPEN,
        table.organisation_id == actor.organisation_id,
    )


def restricts_places(flt: ObservationFilter) -> bool:
    return bool(flt.place_ids or flt.districts)


def dimension_conditions(actor: Actor, flt: ObservationFilter, table=Observation) -> list:
    """The filter's rules on who may see a row and on place, event type, samverkansområde, source and
    organisation, for Observation or a summary of it (one without places only if the filter names none)."""
    conds = [visible_to(actor, table)]
    if flt.place_ids:
        conds.append(table.place_id.in_(flt.place_ids))
    if flt.districts:
        conds.append(table.place_id.in_(sa.select(Place.id).where(Place.district.in_(flt.districts))))
    if flt.category_ids:
        conds.append(table.category_id.in_(flt.category_ids))
    if flt.area_ids:
        conds.append(
            table.category_id.in_(sa.select(CategoryArea.category_id).where(CategoryArea.area_id.in_(flt.area_ids)))
        )
    if flt.sources:
        conds.append(table.source.in_(flt.sources))
    if flt.organisation_ids:
        conds.append(table.organisation_id.in_(flt.organisation_ids))
    return conds


def observation_conditions(actor: Actor, flt: ObservationFilter, *, with_period: bool = True) -> list:
    """WHERE conditions on Observation for a filter; joins to Place/Category are added by `apply`."""
    conds = dimension_conditions(actor, flt)
    if with_period:
        conds += [Observation.occurred_on >= flt.date_from, Observation.occurred_on <= flt.date_to]
    if flt.weekdays:
        conds.append(sqlf.IsoWeekday(Observation.occurred_on).in_(flt.weekdays))
    if flt.hours is not None:
        hour = sqlf.Hour(Observation.occurred_time)
        conds += [hour >= flt.hours[0], hour < flt.hours[1]]
    if flt.time_unknown:
        conds.append(Observation.occurred_time.is_(None))
    text_condition = contains_text([Observation.description], flt.text)
    if text_condition is not None:
        conds.append(text_condition)
    return conds


def needs_base_table(flt: ObservationFilter) -> bool:
    """Whether the filter asks what no summary of the lägesbild knows: a text in the description, or
    a drill-down to weekdays or hours of the day. (A period that ends before it begins, which holds
    nothing, is also left to the observations' own query, which finds nothing.)"""
    return bool(
        flt.text.strip() or flt.weekdays or flt.hours is not None or flt.time_unknown or flt.date_from > flt.date_to
    )
