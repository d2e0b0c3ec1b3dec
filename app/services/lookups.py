"""The lists forms and filters choose from (places, categories, areas, organisations, indicators), in one call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.models import Action, AgreementPeriod, Area, Category, Indicator, Organisation, Place
from app.domain import periods
from app.domain.vocabulary import ActionStatus
from app.services.context import Actor
from app.services.reference import category_areas


@dataclass(frozen=True)
class Choice:
    id: int
    name: str
    detail: str = ""  # district of a place, area name of a category, short name of an organisation
    active: bool = True
    group_id: int | None = None  # area of a category


@dataclass(frozen=True)
class AgreementAreas:
    """An agreement period with its samverkansområden, for lists that follow the chosen dates."""

    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    areas: tuple[Choice, ...]


@dataclass(frozen=True)
class Lookups:
    places: tuple[Choice, ...]
    categories: tuple[Choice, ...]
    areas: tuple[Choice, ...]
    districts: tuple[str, ...]
    organisations: tuple[Choice, ...]
    indicators: tuple[Choice, ...] = ()
    actions: tuple[Choice, ...] = ()  # active = still planned or ongoing
    agreements: tuple[AgreementAreas, ...] = ()  # every period's areas; `areas` is today's

    def areas_on(self, day: dt.date) -> tuple[Choice, ...]:
        """The areas of the agreement period in force on `day`."""
        agreement = periods.in_force(self.agreements, day)
        return agreement.areas if agreement is not None else self.areas

    def place(self, place_id: int) -> Choice | None:
        return next((p for p in self.places if p.id == place_id), None)

    def active_places(self) -> list[Choice]:
        return [p for p in self.places if p.active]

    def active_categories(self) -> list[Choice]:
        return [c for c in self.categories if c.active]


def load_lookups(session: Session, actor: Actor) -> Lookups:
    places = tuple(
        Choice(p.id, p.name, p.district, p.active) for p in session.scalars(sa.select(Place).order_by(Place.name))
    )
    # Every agreement period with its areas; the filters offer those of the period in force today.
    by_period: dict[int, list[Choice]] = {}
    for a in session.scalars(sa.select(Area).order_by(Area.sort_order, Area.name)):
        by_period.setdefault(a.agreement_period_id, []).append(Choice(a.id, a.name, "", a.active))
    agreements = tuple(
        AgreementAreas(p.id, p.name, p.starts_on, p.ends_on, tuple(by_period.get(p.id, ())))
        for p in session.scalars(sa.select(AgreementPeriod).order_by(AgreementPeriod.starts_on))
    )
    in_force = periods.in_force(agreements, dt.date.today())
    areas = in_force.areas if in_force is not None else ()
    area_names = {a.id: a.name for a in areas}
    links = category_areas(session, in_force.id if in_force is not None else None)
    categories = tuple(
        Choice(c.id, c.name, area_names.get(links.get(c.id, -1), ""), c.active, links.get(c.id))
        for c in session.scalars(sa.select(Category).order_by(Category.name))
    )
    districts = tuple(session.scalars(sa.select(Place.district).distinct().order_by(Place.district)))
    organisations = tuple(
        Choice(o.id, o.name, o.short_name, o.active)
        for o in session.scalars(sa.select(Organisation).order_by(Organisation.name))
    )
    indicators = tuple(
        Choice(i.id, i.name, i.unit, i.active, i.area_id)
        for i in session.scalars(sa.select(Indicator).order_by(Indicator.name))
    )
    open_statuses = (ActionStatus.PLANNED, ActionStatus.ONGOING)
    actions = tuple(
        Choice(a.id, a.title, "", a.status in open_statuses)
        for a in session.scalars(sa.select(Action).order_by(Action.title, Action.id))
    )
    return Lookups(places, categories, areas, districts, organisations, indicators, actions, agreements)
