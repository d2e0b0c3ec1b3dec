"""Summaries of the lägesbild, kept exact by the database: events and observations per day (and per
month) × place × event type × organisation × classification × source, and events per day (and per
month × weekday) × hour band × event type × organisation × classification × source. Triggers on
`observation` keep them current on both databases (row triggers on SQLite, statement triggers with
transition tables on PostgreSQL); this migration fills them from the observations already there.

On PostgreSQL the trigger function is a definer function (the summaries are written by the owner
only, never by a login), with the safe search path of app/db/security_setup; transactions that
write observations take its advisory lock and so queue, one after the other, from their first
change until they commit (two that locked summary rows in a different order would otherwise
deadlock, as SQLite's single writer never does); on a database that
enforces access, the security set-up of revision 0008 adds row-level security and read grants.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 12:30:00
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NO_TIME_BAND = 8
SOURCES = (
    "own_observation",
    "police_statistics",
    "rescue_service",
    "safety_survey",
    "safety_walk",
    "citizen_dialogue",
)
CLASSIFICATIONS = ("open", "internal")


def _month(dialect: str, x: str) -> str:
    return f"date({x}, 'start of month')" if dialect == "sqlite" else f"CAST(date_trunc('month', {x}) AS date)"


def _band(dialect: str, x: str) -> str:
    hour = f"CAST(strftime('%H', {x}) AS INTEGER)" if dialect == "sqlite" else f"CAST(EXTRACT(HOUR FROM {x}) AS INTEGER)"
    return f"(CASE WHEN {x} IS NULL THEN {NO_TIME_BAND} ELSE {hour} / 3 END)"


def _weekday(dialect: str, x: str) -> str:
    if dialect == "sqlite":
        return f"(((CAST(strftime('%w', {x}) AS INTEGER) + 6) % 7) + 1)"
    return f"CAST(EXTRACT(ISODOW FROM {x}) AS INTEGER)"


# table: (its own key columns with the expression over an observation row `r`, counts observations?)
def _tables(dialect: str, r: str) -> dict[str, tuple[list[tuple[str, str]], bool]]:
    common = [(c, f"{r}.{c}") for c in ("organisation_id", "classification", "source", "category_id")]
    day, month = f"{r}.occurred_on", _month(dialect, f"{r}.occurred_on")
    band = _band(dialect, f"{r}.occurred_time")
    return {
        "observation_day_summary": ([("occurred_on", day), ("place_id", f"{r}.place_id"), *common], True),
        "observation_month_summary": ([("month", month), ("place_id", f"{r}.place_id"), *common], True),
        "observation_hour_summary": ([("occurred_on", day), ("hour_band", band), *common], False),
        "observation_month_hour_summary": (
            [("month", month), ("weekday", _weekday(dialect, day)), ("hour_band", band), *common],
            False,
        ),
    }


def _enum(values: tuple[str, ...], name: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=32)


def _create_tables() -> None:
    for name, (keys, with_observations) in _tables("sqlite", "r").items():
        columns: list[sa.Column[Any]] = []
        for key, _expression in keys:
            if key in ("occurred_on", "month"):
                columns.append(sa.Column(key, sa.Date(), nullable=False))
            elif key in ("weekday", "hour_band"):
                columns.append(sa.Column(key, sa.SmallInteger(), nullable=False))
            elif key == "classification":
                columns.append(sa.Column(key, _enum(CLASSIFICATIONS, "classification"), nullable=False))
            elif key == "source":
                columns.append(sa.Column(key, _enum(SOURCES, "source"), nullable=False))
            else:
                columns.append(sa.Column(key, sa.Integer(), nullable=False))
        columns.append(sa.Column("events", sa.BigInteger(), nullable=False))
        if with_observations:
            columns.append(sa.Column("observations", sa.Integer(), nullable=False))
        op.create_table(
            name,
            *columns,
            sa.PrimaryKeyConstraint(*(k for k, _e in keys), name=f"pk_{name}"),
            sqlite_with_rowid=False,
        )


def _fill(dialect: str) -> None:
    for name, (keys, with_observations) in _tables(dialect, "r").items():
        names = ", ".join(k for k, _e in keys)
        expressions = ", ".join(e for _k, e in keys)
        counts = "sum(r.count), count(*)" if with_observations else "sum(r.count)"
        target = names + (", events, observations" if with_observations else ", events")
        op.execute(
            f"INSERT INTO {name} ({target}) SELECT {expressions}, {counts} FROM observation r GROUP BY {expressions}"
        )


# --- SQLite: row triggers ---------------------------------------------------------------------

KEPT_COLUMNS = ("occurred_on", "occurred_time", "place_id", "category_id", "count", "organisation_id", "classification", "source")


def _sqlite_add(row: str) -> list[str]:
    out = []
    for name, (keys, with_observations) in _tables("sqlite", row).items():
        names = ", ".join(k for k, _e in keys)
        values = ", ".join(e for _k, e in keys)
        if with_observations:
            out.append(
                f"INSERT INTO {name} ({names}, events, observations) VALUES ({values}, {row}.count, 1) "
                f"ON CONFLICT ({names}) DO UPDATE SET events = events + excluded.events, "
                "observations = observations + excluded.observations;"
            )
        else:
            out.append(
                f"INSERT INTO {name} ({names}, events) VALUES ({values}, {row}.count) "
                f"ON CONFLICT ({names}) DO UPDATE SET events = events + excluded.events;"
            )
    return out


def _sqlite_subtract(row: str) -> list[str]:
    out = []
    for name, (keys, with_observations) in _tables("sqlite", row).items():
        match = " AND ".join(f"{k} = {e}" for k, e in keys)
        counts = "events = events - OLD.count" + (", observations = observations - 1" if with_observations else "")
        out.append(f"UPDATE {name} SET {counts} WHERE {match};")
        out.append(f"DELETE FROM {name} WHERE {match} AND events <= 0;")
    return out


def _sqlite_triggers() -> list[str]:
    return [
        "CREATE TRIGGER tc_summaries_insert AFTER INSERT ON observation BEGIN "
        + " ".join(_sqlite_add("NEW"))
        + " END",
        f"CREATE TRIGGER tc_summaries_update AFTER UPDATE OF {', '.join(KEPT_COLUMNS)} ON observation BEGIN "
        + " ".join([*_sqlite_subtract("OLD"), *_sqlite_add("NEW")])
        + " END",
        "CREATE TRIGGER tc_summaries_delete AFTER DELETE ON observation BEGIN "
        + " ".join(_sqlite_subtract("OLD"))
        + " END",
    ]


# --- PostgreSQL: statement triggers over transition tables ---------------------------------------


def _pg_apply(delta: str, from_old: bool) -> list[str]:
    """Statements adding each summary's `delta` (grouped from rows `r` of the FROM clause `delta`),
    and, where rows went away, deleting the summary rows left with nothing."""
    out = []
    for name, (keys, with_observations) in _tables("postgresql", "r").items():
        names = ", ".join(k for k, _e in keys)
        expressions = ", ".join(e for _k, e in keys)
        counts = "sum(r.events), sum(r.observations)" if with_observations else "sum(r.events)"
        target = names + (", events, observations" if with_observations else ", events")
        update = "events = s.events + excluded.events" + (
            ", observations = s.observations + excluded.observations" if with_observations else ""
        )
        positions = ", ".join(str(i) for i in range(1, len(keys) + 1))
        # A statement moving rows both ways can leave a key's events unchanged but not its rows.
        having = "sum(r.events) <> 0" + (" OR sum(r.observations) <> 0" if with_observations else "")
        out.append(
            f"INSERT INTO public.{name} AS s ({target}) SELECT {expressions}, {counts} FROM {delta} "
            f"GROUP BY {positions} HAVING {having} ORDER BY {positions} "
            f"ON CONFLICT ({names}) DO UPDATE SET {update};"
        )
        if from_old:
            match = " AND ".join(f"s.{k} = d.{k}" for k, _e in keys)
            out.append(
                f"DELETE FROM public.{name} s USING (SELECT DISTINCT {', '.join(f'{e} AS {k}' for k, e in keys)} "
                f"FROM old_rows r) d WHERE {match} AND s.events <= 0;"
            )
    return out


def _rows(source: str, sign: str) -> str:
    return (
        f"SELECT o.occurred_on, o.occurred_time, o.place_id, o.category_id, o.organisation_id, o.classification, "
        f"o.source, {sign}o.count AS events, {sign}1 AS observations FROM {source} o"
    )


def _pg_function() -> str:
    insert = _pg_apply(f"({_rows('new_rows', '')}) r", from_old=False)
    delete = _pg_apply(f"({_rows('old_rows', '-')}) r", from_old=True)
    update = _pg_apply(f"({_rows('new_rows', '')} UNION ALL {_rows('old_rows', '-')}) r", from_old=True)
    truncate = [f"DELETE FROM public.{name};" for name in _tables("postgresql", "r")]
    body = (
        # Writers of observations queue here until they commit: each holds its summary rows' locks
        # until then, and two that took keys in a different order would otherwise deadlock.
        f"BEGIN PERFORM pg_advisory_xact_lock({ADVISORY_LOCK}); "
        f"IF TG_OP = 'INSERT' THEN {' '.join(insert)} "
        f"ELSIF TG_OP = 'UPDATE' THEN {' '.join(update)} "
        f"ELSIF TG_OP = 'DELETE' THEN {' '.join(delete)} "
        f"ELSE {' '.join(truncate)} END IF; RETURN NULL; END"
    )
    return (
        "CREATE OR REPLACE FUNCTION public.tc_observation_summaries() RETURNS trigger LANGUAGE plpgsql "
        f"SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$ {body} $fn$"
    )


# The advisory lock the trigger function takes (an arbitrary number of ours: "tc" and 15, the issue).
ADVISORY_LOCK = 0x7463_0015

PG_TRIGGERS = (
    "CREATE TRIGGER tc_summaries_insert AFTER INSERT ON public.observation REFERENCING NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION public.tc_observation_summaries()",
    "CREATE TRIGGER tc_summaries_update AFTER UPDATE ON public.observation "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION public.tc_observation_summaries()",
    "CREATE TRIGGER tc_summaries_delete AFTER DELETE ON public.observation REFERENCING OLD TABLE AS old_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION public.tc_observation_summaries()",
    "CREATE TRIGGER tc_summaries_truncate AFTER TRUNCATE ON public.observation "
    "FOR EACH STATEMENT EXECUTE FUNCTION public.tc_observation_summaries()",
)


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    _create_tables()
    _fill(dialect)
    if dialect == "sqlite":
        for statement in _sqlite_triggers():
            op.execute(statement)
    else:
        op.execute(_pg_function())
        op.execute("REVOKE ALL ON FUNCTION public.tc_observation_summaries() FROM PUBLIC")
        for statement in PG_TRIGGERS:
            op.execute(statement)
        # Imported here, as in 0006: only a PostgreSQL database needs them.
        from app.db import pg_security
        from app.db.security_setup import r0008

        if pg_security.is_enabled_on(bind):
            pg_security.apply_setup(bind, r0008)


def downgrade() -> None:
    bind = op.get_bind()
    for trigger in ("insert", "update", "delete", "truncate"):
        if bind.dialect.name == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS tc_summaries_{trigger}")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS tc_summaries_{trigger} ON public.observation")
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS public.tc_observation_summaries()")
    for name in _tables(bind.dialect.name, "r"):
        op.drop_table(name)
    if bind.dialect.name == "postgresql":
        # Imported here, as in 0006: only a PostgreSQL database needs them.
        from app.db import pg_security
        from app.db.security_setup import r0006

        if pg_security.is_enabled_on(bind):
            pg_security.apply_setup(bind, r0006)
