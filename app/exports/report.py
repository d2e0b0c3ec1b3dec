"""The management report: one workbook with the period's summary, lägesbild, areas, åtgärdsplan, indicators and rows.

Everything is read through the services in one database transaction, as the exporting actor: what
that actor may not see is not in the file. The sheets themselves are laid out in report_sheets.py.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.engine import Database
from app.db.models import Observation
from app.domain.vocabulary import Classification
from app.exports import report_sheets as sheets
from app.exports.book import Book
from app.exports.excel import Stamp, classification_marking, now_aware
from app.exports.stream import check_writable
from app.i18n import _
from app.map.tiles import TileFunction
from app.services import action_summary, actions, followup, lagesbild, reference
from app.services.context import Actor, bind_actor
from app.services.filters import ObservationFilter, observation_conditions
from app.services.observations import count_observations
from app.services.overview import lagesbild_overview
from app.services.validation import Checker

Progress = Callable[[str], None]


@dataclass(frozen=True)
class ReportResult:
    path: Path
    sheets: tuple[str, ...]
    observations: int  # rows on the observation sheet
    truncated_cells: int  # text values cut to Excel's cell limit


def _internal_rows(session: Session, actor: Actor, flt: ObservationFilter) -> int:
    """Internal rows of the actor's own organisation in the period (visible_to applies, as everywhere)."""
    stmt = (
        sa.select(sa.func.count())
        .select_from(Observation)
        .where(*observation_conditions(actor, flt), Observation.classification == Classification.INTERNAL)
    )
    return session.scalar(stmt) or 0


def _collect(
    session: Session, actor: Actor, flt: ObservationFilter, today: dt.date, with_text: bool
) -> sheets.ReportData:
    previous = flt.previous()
    indicators = followup.list_indicators(session, actor)
    # The samverkansområden of the agreement in force at the end of the report's dates.
    period = reference.period_in_force(session, actor, flt.date_to)
    areas = reference.list_areas(session, actor, include_inactive=False, period_id=period.id) if period else []
    return sheets.ReportData(
        filter=flt,
        today=today,
        overview=lagesbild_overview(session, actor, flt),
        previous_observations=count_observations(session, actor, previous),
        previous_places=len(lagesbild.counts_by_place(session, actor, previous)),
        months=lagesbild.by_category_over_months(session, actor, flt, today),
        statuses=action_summary.action_counts_by_status(session, actor),
        by_area=action_summary.action_counts_by_area(
            session, actor, today=today, period_id=period.id if period else None
        ),
        actions=actions.list_actions(session, actor, today=today),
        indicators=indicators,
        series={i.id: followup.indicator_series(session, actor, i.id) for i in indicators},
        areas=[sheets.area_data(session, actor, area, flt, today) for area in areas],
        internal_rows=_internal_rows(session, actor, flt),
        with_text=with_text,
    )


def _check_period(date_from: dt.date, date_to: dt.date) -> None:
    check = Checker()
    check.date("date_from", date_from)
    check.date("date_to", date_to)
    check.date_order("date_to", date_from, date_to)
    check.raise_if_any()


def _snapshot(db: Database, session: Session) -> None:
    # One consistent picture: the summary's counts and the observation rows come from the same moment.
    # (SQLite's read transaction gives that by itself.)
    if db.dialect == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})


def write_report(
    db: Database,
    actor: Actor,
    date_from: dt.date,
    date_to: dt.date,
    path: str | os.PathLike[str],
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    map_tiles: TileFunction | None = None,
    map_attribution: str = "",
    with_text: bool = False,
) -> ReportResult:
    """Write the management report for the period (inclusive dates) to `path` as the actor sees the data.

    `map_tiles` draws the Lägesbild sheet's map on background tiles (`map_attribution` is then printed on
    it); without, the map has a plain background. The integrator passes app.map.tiles' blocking `get` and
    its attribution text here (from the report dialog and the command line) when tiles are turned on.

    Figures only by default ("endast siffror"): no free text is written (observations' descriptions, the
    actions' problem, cause, description, goal and responsible person, indicator notes, the areas'
    descriptions). `with_text` writes them too. The summary and every sheet's filter line say which.
    """
    _check_period(date_from, date_to)
    target = check_writable(path)
    report = progress or (lambda _message: None)
    moment = now_aware(now)
    today = moment.astimezone().date()
    flt = ObservationFilter(date_from, date_to)
    with db.session() as session:
        bind_actor(session, actor)
        _snapshot(db, session)
        report(_("Reading the lägesbild, actions and indicators…"))
        data = _collect(session, actor, flt, today, with_text)
        stamp = Stamp(
            title=_(
                "Trygghetscenter Märsta: report {start} – {end}", start=date_from.isoformat(), end=date_to.isoformat()
            ),
            actor=actor,
            now=moment,
            marking=classification_marking(actor, internal=data.internal_rows > 0),
            description=sheets.visibility_text(actor, data.internal_rows),
            filters=f"{sheets.period_text(flt)}; {sheets.text_choice(with_text)}",
        )
        with Book(stamp) as book:
            report(_("Writing the summary and the lägesbild…"))
            sheets.summary_sheet(book, data)
            sheets.lagesbild_sheet(book, data, tiles=map_tiles, attribution=map_attribution)
            for area in data.areas:
                sheets.area_sheet(book, data, area)
            sheets.action_plan_sheet(book, data)
            sheets.indicator_sheet(book, data)
            observations = sheets.observation_sheet(book, session, actor, data)
            report(_("Writing the observations…"))  # read from the database while the file is saved
            saved = book.save(target)
            return ReportResult(saved, book.sheet_titles, observations, book.truncated)
