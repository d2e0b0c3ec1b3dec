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


def visible_to(actor: Actor):
    """Rows everyone in the office may see, plus the actor's own organisation's internal rows."""
    return sa.or_(
        Observation.classification == Classification.OPEN,
        Observation.organisation_id == actor.organisation_id,
    )


def observation_conditions(actor: Actor, flt: ObservationFilter, *, with_period: bool = True) -> list:
    """WHERE conditions on Observation for a filter; joins to Place/Category are added by `apply`."""
    conds = [visible_to(actor)]
    if with_period:
        conds += [Observation.occurred_on >= flt.date_from, Observation.occurred_on <= flt.date_to]
    if flt.place_ids:
        conds.append(Observation.place_id.in_(flt.place_ids))
    if flt.category_ids:
        conds.append(Observation.category_id.in_(flt.category_ids))
    if flt.sources:
        conds.append(Observation.source.in_(flt.sources))
    if flt.organisation_ids:
        conds.append(Observation.organisation_id.in_(flt.organisation_ids))
    if flt.districts:
        conds.append(Observation.place_id.in_(sa.select(Place.id).where(Place.district.in_(flt.districts))))
    if flt.area_ids:
        conds.append(
            Observation.category_id.in_(
                sa.select(CategoryArea.category_id).where(CategoryArea.area_id.in_(flt.area_ids))
            )
        )
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
