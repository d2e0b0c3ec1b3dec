"""Date and time parts as SQL expressions that compile to the same integers on PostgreSQL and SQLite."""

from __future__ import annotations

from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import QueryableAttribute
from sqlalchemy.sql.functions import FunctionElement

__all__ = ["Hour", "IsoWeek", "IsoWeekday", "IsoYear", "Month", "MonthStart", "Year"]


class _DatePart(FunctionElement):
    """An integer part of one date or time argument; each subclass gives the SQL of both dialects.

    The SQL is rendered inline (no bound parameters), so the same expression in SELECT and GROUP BY
    compiles to identical text, which PostgreSQL needs to accept the grouping.
    """

    type = sa.Integer()
    inherit_cache = True
    postgresql_sql: ClassVar[str]
    sqlite_sql: ClassVar[str]

    def __init__(self, arg: sa.ColumnElement[Any] | QueryableAttribute[Any]) -> None:
        super().__init__(arg)


class Year(_DatePart):
    inherit_cache = True
    postgresql_sql = "CAST(EXTRACT(YEAR FROM {x}) AS INTEGER)"
    sqlite_sql = "CAST(strftime('%Y', {x}) AS INTEGER)"


class Month(_DatePart):
    inherit_cache = True
    postgresql_sql = "CAST(EXTRACT(MONTH FROM {x}) AS INTEGER)"
    sqlite_sql = "CAST(strftime('%m', {x}) AS INTEGER)"


# SQLite 3.40 has no %G/%V: the ISO week is the week of the Thursday of the Monday-to-Sunday week,
# which is found by going back three days and then forward to the next Thursday (or staying on it).
_SQLITE_THURSDAY = "date({x}, '-3 days', 'weekday 4')"


class IsoYear(_DatePart):
    inherit_cache = True
    postgresql_sql = "CAST(EXTRACT(ISOYEAR FROM {x}) AS INTEGER)"
    sqlite_sql = f"CAST(strftime('%Y', {_SQLITE_THURSDAY}) AS INTEGER)"


class IsoWeek(_DatePart):
    inherit_cache = True
    postgresql_sql = "CAST(EXTRACT(WEEK FROM {x}) AS INTEGER)"
    sqlite_sql = f"((CAST(strftime('%j', {_SQLITE_THURSDAY}) AS INTEGER) - 1) / 7 + 1)"


class IsoWeekday(_DatePart):
    """1 = Monday ... 7 = Sunday."""

    inherit_cache = True
    postgresql_sql = "CAST(EXTRACT(ISODOW FROM {x}) AS INTEGER)"
    sqlite_sql = "(((CAST(strftime('%w', {x}) AS INTEGER) + 6) % 7) + 1)"


class Hour(_DatePart):
    """0-23 of a TIME (or timestamp) value; NULL stays NULL."""

    inherit_cache = True
    postgresql_sql = "CAST(EXTRACT(HOUR FROM {x}) AS INTEGER)"
    sqlite_sql = "CAST(strftime('%H', {x}) AS INTEGER)"


class MonthStart(_DatePart):
    """The first day of the date's month, a DATE."""

    type = sa.Date()  # type: ignore[assignment]  # the one part that is not an integer
    inherit_cache = True
    postgresql_sql = "CAST(date_trunc('month', {x}) AS date)"
    sqlite_sql = "date({x}, 'start of month')"


def _register(cls: type[_DatePart]) -> None:
    # PostgreSQL's form is also the default, so str(statement) shows readable SQL while debugging.
    @compiles(cls)
    def _default(element: _DatePart, compiler, **kw) -> str:
        return cls.postgresql_sql.format(x=compiler.process(element.clauses, **kw))

    @compiles(cls, "sqlite")
    def _sqlite(element: _DatePart, compiler, **kw) -> str:
        return cls.sqlite_sql.format(x=compiler.process(element.clauses, **kw))


for _cls in (Year, Month, MonthStart, IsoYear, IsoWeek, IsoWeekday, Hour):
    _register(_cls)
