"""ORM models of the shared database (SQLAlchemy 2 typed mappings).

Swedish domain words kept in names and docstrings:
- *lägesbild*: the shared situational picture, built from observations;
- *samverkansområde*: a collaboration area the agreement prioritises (modelled as `Area`);
- *åtgärdsplan*: the action plan, a set of `Action` rows;
- *uppföljning*: follow-up, through `Indicator`, `Measurement` and `FollowUpMeeting`.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

from app.domain.vocabulary import (
    ActionKind,
    ActionStatus,
    AuditOperation,
    Classification,
    Direction,
    ExpectedEffect,
    FollowUpColour,
    Forum,
    Frequency,
    OrganisationKind,
    PlaceType,
    PreventionType,
    Role,
    Setting,
    Source,
    YesNoUnknown,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def enum_type(enum_cls: type[enum.Enum], name: str | None = None) -> sa.Enum:
    """Enum stored as its value in a VARCHAR with a CHECK constraint (same on SQLite and PostgreSQL).

    `name` names the CHECK constraint; give one where a table has two columns of the same enum.
    """
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        name=name or enum_cls.__name__.lower(),
        validate_strings=True,
    )


class UTCDateTime(sa.TypeDecorator):
    """Timestamps stored in UTC; SQLite hands them back without a zone, so UTC is attached on reading."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dt.datetime: UTCDateTime()}


class Versioned:
    """Editable rows carry a version number; a stale update raises instead of overwriting."""

    version: Mapped[int] = mapped_column(sa.Integer, nullable=False)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return {"version_id_col": cls.version}


class Audited:
    """Marker: inserts, updates and deletes of these rows are written to the audit trail."""

    __audited__ = True


# --- association tables -------------------------------------------------------------------------

action_areas = sa.Table(
    "action_area",
    Base.metadata,
    sa.Column("action_id", sa.ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("area_id", sa.ForeignKey("area.id", ondelete="RESTRICT"), primary_key=True),
)
action_places = sa.Table(
    "action_place",
    Base.metadata,
    sa.Column("action_id", sa.ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("place_id", sa.ForeignKey("place.id", ondelete="RESTRICT"), primary_key=True),
)
action_indicators = sa.Table(
    "action_indicator",
    Base.metadata,
    sa.Column("action_id", sa.ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("indicator_id", sa.ForeignKey("indicator.id", ondelete="CASCADE"), primary_key=True),
)
meeting_organisations = sa.Table(
    "meeting_organisation",
    Base.metadata,
    sa.Column("meeting_id", sa.ForeignKey("follow_up_meeting.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("organisation_id", sa.ForeignKey("organisation.id", ondelete="RESTRICT"), primary_key=True),
)
meeting_focus_places = sa.Table(
    "meeting_focus_place",
    Base.metadata,
    sa.Column("meeting_id", sa.ForeignKey("follow_up_meeting.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("place_id", sa.ForeignKey("place.id", ondelete="RESTRICT"), primary_key=True),
)
meeting_actions = sa.Table(
    "meeting_action",
    Base.metadata,
    sa.Column("meeting_id", sa.ForeignKey("follow_up_meeting.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("action_id", sa.ForeignKey("action.id", ondelete="CASCADE"), primary_key=True),
)


# --- organisations and people -------------------------------------------------------------------


class Organisation(Audited, Versioned, Base):
    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    short_name: Mapped[str] = mapped_column(sa.String(40), unique=True)
    kind: Mapped[OrganisationKind] = mapped_column(enum_type(OrganisationKind), default=OrganisationKind.OTHER)
    active: Mapped[bool] = mapped_column(default=True)

    users: Mapped[list[User]] = relationship(back_populates="organisation")


class User(Audited, Versioned, Base):
    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(sa.String(64), unique=True)
    display_name: Mapped[str] = mapped_column(sa.String(120))
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role))
    active: Mapped[bool] = mapped_column(default=True)
    # Argon2id hash in SQLite mode; NULL where the database server signs users in.
    # Deferred: loaded only where a password is checked, so personal database logins (which may not
    # read this column, see app/db/pg_security.py) can still read users.
    password_hash: Mapped[str | None] = mapped_column(sa.String(255), deferred=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[dt.datetime | None]

    organisation: Mapped[Organisation] = relationship(back_populates="users")


class AgreementPeriod(Audited, Versioned, Base):
    """The period a samverkansöverenskommelse runs (typically three to four years)."""

    __tablename__ = "agreement_period"
    __table_args__ = (sa.CheckConstraint("ends_on >= starts_on", name="period_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    starts_on: Mapped[dt.date]
    ends_on: Mapped[dt.date]
    signed_on: Mapped[dt.date | None]
    signed_by: Mapped[str] = mapped_column(sa.String(200), default="")  # who signed, e.g. "Kommunstyrelsens ordförande"
    description: Mapped[str] = mapped_column(sa.Text, default="")


# --- what the lägesbild is about ----------------------------------------------------------------


class Area(Audited, Versioned, Base):
    """A samverkansområde: a collaboration area the agreement prioritises. Data, since areas change.

    Each agreement period has its own areas (the next agreement may name others); a name is unique
    within its period.
    """

    __tablename__ = "area"
    __table_args__ = (
        sa.UniqueConstraint("agreement_period_id", "name", name="uq_area_period_name"),
        # Target of category_area's composite key: a category's area lies in the link's period.
        sa.UniqueConstraint("id", "agreement_period_id", name="uq_area_id_period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    agreement_period_id: Mapped[int] = mapped_column(
        sa.ForeignKey("agreement_period.id", ondelete="RESTRICT"), index=True
    )

    agreement_period: Mapped[AgreementPeriod] = relationship()


class Category(Audited, Versioned, Base):
    """An event type (händelsetyp), optionally under a parent; which samverkansområde it counts to
    is said per agreement period (`CategoryArea`)."""

    __tablename__ = "category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(sa.String(32), unique=True)
    name: Mapped[str] = mapped_column(sa.String(120))
    parent_id: Mapped[int | None] = mapped_column(sa.ForeignKey("category.id", ondelete="RESTRICT"))
    active: Mapped[bool] = mapped_column(default=True)

    parent: Mapped[Category | None] = relationship(remote_side="Category.id")


class CategoryArea(Audited, Base):
    """The samverkansområde an event type counts to in one agreement period (at most one per period).

    The area's figures follow this link for the whole period, so moving a type moves its events of
    the period to the other area's figures.
    """

    __tablename__ = "category_area"
    __table_args__ = (
        sa.UniqueConstraint("agreement_period_id", "category_id", name="uq_category_area_period_category"),
        sa.ForeignKeyConstraint(
            ["area_id", "agreement_period_id"],
            ["area.id", "area.agreement_period_id"],
            name="fk_category_area_area_period",
            ondelete="CASCADE",
        ),
        sa.Index("ix_category_area_area_id", "area_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_period_id: Mapped[int] = mapped_column(sa.ForeignKey("agreement_period.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("category.id", ondelete="CASCADE"))
    area_id: Mapped[int]


class Place(Audited, Versioned, Base):
    __tablename__ = "place"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(120), unique=True)
    district: Mapped[str] = mapped_column(sa.String(60), index=True)
    place_type: Mapped[PlaceType] = mapped_column(enum_type(PlaceType), default=PlaceType.OTHER)
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    poor_lighting: Mapped[bool] = mapped_column(default=False)
    poor_sightlines: Mapped[bool] = mapped_column(default=False)
    secluded: Mapped[bool] = mapped_column(default=False)
    littering: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    active: Mapped[bool] = mapped_column(default=True)


# The columns the lägesbild aggregates read besides the date (see the covering indexes below).
LAGESBILD_COLUMNS = (
    "place_id",
    "category_id",
    "count",
    "classification",
    "organisation_id",
    "source",
    "occurred_time",
)


class Observation(Audited, Versioned, Base):
    """One event in the lägesbild: what happened, where, when, and who reported it."""

    __tablename__ = "observation"
    __table_args__ = (
        sa.CheckConstraint("count >= 1", name="count_positive"),
        # Covering indexes: every lägesbild aggregate reads only index pages (no row lookups),
        # either by period or, for the hot-spot ranking and place filters, by place and period.
        sa.Index("ix_observation_period_cover", "occurred_on", *LAGESBILD_COLUMNS),
        sa.Index("ix_observation_place_period_cover", "place_id", "occurred_on", *LAGESBILD_COLUMNS[1:]),
        # Paging the list by key (app/services/observation_keyset.py): each group order walks its
        # groups newest first through one of these (migration 0009).
        sa.Index("ix_observation_place_keyset", "place_id", "occurred_on", "id"),
        sa.Index("ix_observation_category_keyset", "category_id", "occurred_on", "id"),
        sa.Index("ix_observation_organisation_keyset", "organisation_id", "occurred_on", "id"),
        sa.Index("ix_observation_count_keyset", "count", "occurred_on", "id"),
        sa.Index("ix_observation_source_keyset", "source", "occurred_on", "id"),
        sa.Index("ix_observation_reported_at_keyset", "reported_at", "id"),
        sa.UniqueConstraint("organisation_id", "import_key", name="uq_observation_organisation_import_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_on: Mapped[dt.date]
    occurred_time: Mapped[dt.time | None]
    reported_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    place_id: Mapped[int] = mapped_column(sa.ForeignKey("place.id", ondelete="RESTRICT"))
    category_id: Mapped[int] = mapped_column(sa.ForeignKey("category.id", ondelete="RESTRICT"))
    count: Mapped[int] = mapped_column(default=1)
    source: Mapped[Source] = mapped_column(enum_type(Source), default=Source.OWN_OBSERVATION)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisation.id", ondelete="RESTRICT"))
    reported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id", ondelete="SET NULL"))
    setting: Mapped[Setting] = mapped_column(enum_type(Setting), default=Setting.UNKNOWN)
    reported_to_police: Mapped[YesNoUnknown] = mapped_column(enum_type(YesNoUnknown), default=YesNoUnknown.UNKNOWN)
    verified: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    classification: Mapped[Classification] = mapped_column(enum_type(Classification), default=Classification.OPEN)
    updated_at: Mapped[dt.datetime | None]
    # Fingerprint of an imported spreadsheet row, so importing the same file again adds nothing;
    # NULL for rows entered in the program (both databases allow any number of NULLs in a unique column).
    # Unique within the organisation only, so that a conflict tells nothing of another's rows.
    import_key: Mapped[str | None] = mapped_column(sa.String(64))

    place: Mapped[Place] = relationship()
    category: Mapped[Category] = relationship()
    organisation: Mapped[Organisation] = relationship()
    reported_by: Mapped[User | None] = relationship()


# --- summaries of the lägesbild ------------------------------------------------------------------
#
# The lägesbild counts events by period, place, event type and time of day. Over years of data the
# observation table is too big to group for every refresh, so the database keeps four summaries of
# it, exact at every commit: triggers on `observation` (migration 0008, on SQLite and PostgreSQL) add
# each inserted row and subtract each deleted one, and `db rebuild-summaries` builds them afresh.
# Every summary row keeps the columns the filters and the visibility rule need (organisation,
# classification, source), so it is either open or one organisation's internal rows, and row-level
# security on PostgreSQL shows a login only the summary rows of observations it may see.
# app/services/summaries.py reads and checks them; app/services/lagesbild.py uses them wherever
# the filter allows (a free-text search, or a drill-down by weekday or hour, reads the base table).

# The hour band of an observation's time of day (0-7: 00-03 ... 21-24) and the band of observations
# without a time.
HOUR_BAND_HOURS = 3
NO_TIME_BAND = 8
SUMMARY_DIMENSIONS = ("place_id", "category_id", "organisation_id", "classification", "source")
HOUR_DIMENSIONS = ("category_id", "organisation_id", "classification", "source")


class _SummaryColumns:
    organisation_id: Mapped[int] = mapped_column(primary_key=True)
    classification: Mapped[Classification] = mapped_column(enum_type(Classification), primary_key=True)
    source: Mapped[Source] = mapped_column(enum_type(Source), primary_key=True)
    category_id: Mapped[int] = mapped_column(primary_key=True)
    events: Mapped[int] = mapped_column(sa.BigInteger)  # the sum of Observation.count


class ObservationDaySummary(_SummaryColumns, Base):
    """Events and observations per day, place, event type, organisation, classification and source."""

    __tablename__ = "observation_day_summary"
    __table_args__ = ({"sqlite_with_rowid": False},)

    occurred_on: Mapped[dt.date] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(primary_key=True)
    observations: Mapped[int] = mapped_column(sa.Integer)  # rows: the length of the observation list


class ObservationMonthSummary(_SummaryColumns, Base):
    """The day summary rolled up by calendar month (`month` is its first day)."""

    __tablename__ = "observation_month_summary"
    __table_args__ = ({"sqlite_with_rowid": False},)

    month: Mapped[dt.date] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(primary_key=True)
    observations: Mapped[int] = mapped_column(sa.Integer)


class ObservationHourSummary(_SummaryColumns, Base):
    """Events per day and hour band (NO_TIME_BAND: no time given), event type, organisation,
    classification and source: the weekday × time-of-day table. Without the place, which would make
    it as long as the observation table; a filter on places reads the base table for this table."""

    __tablename__ = "observation_hour_summary"
    __table_args__ = ({"sqlite_with_rowid": False},)

    occurred_on: Mapped[dt.date] = mapped_column(primary_key=True)
    hour_band: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)


class ObservationMonthHourSummary(_SummaryColumns, Base):
    """The hour summary rolled up by month and ISO weekday (1 = Monday)."""

    __tablename__ = "observation_month_hour_summary"
    __table_args__ = ({"sqlite_with_rowid": False},)

    month: Mapped[dt.date] = mapped_column(primary_key=True)
    weekday: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    hour_band: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)


# --- åtgärdsplan ---------------------------------------------------------------------------------


class Action(Audited, Versioned, Base):
    """An intervention (insats/åtgärd) of the åtgärdsplan, after Brå's template."""

    __tablename__ = "action"
    __table_args__ = (
        sa.CheckConstraint("deadline IS NULL OR start_on IS NULL OR deadline >= start_on", name="dates_order"),
        sa.CheckConstraint("hours_spent >= 0", name="hours_non_negative"),
        sa.CheckConstraint("cost_spent >= 0", name="cost_non_negative"),
        sa.Index("ix_action_status_deadline", "status", "deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    problem: Mapped[str] = mapped_column(sa.Text, default="")
    cause: Mapped[str] = mapped_column(sa.Text, default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    operative_goal: Mapped[str] = mapped_column(sa.Text, default="")
    responsible_organisation_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organisation.id", ondelete="RESTRICT"), index=True
    )
    responsible_person: Mapped[str] = mapped_column(sa.String(120), default="")
    start_on: Mapped[dt.date | None]
    deadline: Mapped[dt.date | None]
    completed_on: Mapped[dt.date | None]
    status: Mapped[ActionStatus] = mapped_column(enum_type(ActionStatus), default=ActionStatus.PLANNED)
    follow_up_colour: Mapped[FollowUpColour] = mapped_column(
        enum_type(FollowUpColour), default=FollowUpColour.NOT_ASSESSED
    )
    kind: Mapped[ActionKind] = mapped_column(enum_type(ActionKind), default=ActionKind.ONE_OFF)
    prevention_type: Mapped[PreventionType] = mapped_column(
        enum_type(PreventionType), default=PreventionType.SITUATIONAL
    )
    expected_effect: Mapped[ExpectedEffect] = mapped_column(
        enum_type(ExpectedEffect), default=ExpectedEffect.SHORT_TERM
    )
    hours_spent: Mapped[float] = mapped_column(sa.Numeric(10, 1), default=0)
    cost_spent: Mapped[float] = mapped_column(sa.Numeric(12, 2), default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime | None]

    responsible_organisation: Mapped[Organisation] = relationship()
    areas: Mapped[list[Area]] = relationship(secondary=action_areas, order_by="Area.sort_order")
    places: Mapped[list[Place]] = relationship(secondary=action_places, order_by="Place.name")
    indicators: Mapped[list[Indicator]] = relationship(secondary=action_indicators, order_by="Indicator.name")
    updates: Mapped[list[ActionUpdate]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="ActionUpdate.entry_date"
    )


class ActionUpdate(Audited, Versioned, Base):
    """A dated log entry on an action: a note, and possibly a status change."""

    __tablename__ = "action_update"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(sa.ForeignKey("action.id", ondelete="CASCADE"), index=True)
    entry_date: Mapped[dt.date]
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(sa.Text, default="")
    old_status: Mapped[ActionStatus | None] = mapped_column(enum_type(ActionStatus, "old_status"))
    new_status: Mapped[ActionStatus | None] = mapped_column(enum_type(ActionStatus, "new_status"))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)

    action: Mapped[Action] = relationship(back_populates="updates")
    author: Mapped[User | None] = relationship()


# --- uppföljning ---------------------------------------------------------------------------------


class Indicator(Audited, Versioned, Base):
    __tablename__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    unit: Mapped[str] = mapped_column(sa.String(40), default="")
    data_source: Mapped[str] = mapped_column(sa.String(200), default="")
    area_id: Mapped[int | None] = mapped_column(sa.ForeignKey("area.id", ondelete="SET NULL"), index=True)
    baseline_value: Mapped[float | None]
    baseline_period: Mapped[str] = mapped_column(sa.String(40), default="")
    target_value: Mapped[float | None]
    direction: Mapped[Direction] = mapped_column(enum_type(Direction), default=Direction.LOWER)
    frequency: Mapped[Frequency] = mapped_column(enum_type(Frequency), default=Frequency.MONTHLY)
    responsible_organisation_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organisation.id", ondelete="SET NULL")
    )
    responsible_person: Mapped[str] = mapped_column(sa.String(120), default="")
    active: Mapped[bool] = mapped_column(default=True)

    area: Mapped[Area | None] = relationship()
    responsible_organisation: Mapped[Organisation | None] = relationship()
    measurements: Mapped[list[Measurement]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="Measurement.period_start"
    )


class Measurement(Audited, Versioned, Base):
    """One value of an indicator for the period that starts on `period_start` (month, tertial or year)."""

    __tablename__ = "measurement"
    __table_args__ = (sa.UniqueConstraint("indicator_id", "period_start", name="uq_measurement_indicator_period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(sa.ForeignKey("indicator.id", ondelete="CASCADE"))
    period_start: Mapped[dt.date]
    value: Mapped[float]
    note: Mapped[str] = mapped_column(sa.Text, default="")

    indicator: Mapped[Indicator] = relationship(back_populates="measurements")


class FollowUpMeeting(Audited, Versioned, Base):
    __tablename__ = "follow_up_meeting"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[dt.date] = mapped_column(index=True)
    forum: Mapped[Forum] = mapped_column(enum_type(Forum), default=Forum.WEEKLY_OPERATIONAL)
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    decisions: Mapped[str] = mapped_column(sa.Text, default="")
    # Frozen copy of the lägesbild figures the meeting looked at, so later readers see what was known then.
    lagesbild_snapshot: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id", ondelete="SET NULL"))

    organisations: Mapped[list[Organisation]] = relationship(secondary=meeting_organisations)
    focus_places: Mapped[list[Place]] = relationship(secondary=meeting_focus_places)
    actions: Mapped[list[Action]] = relationship(secondary=meeting_actions)


# --- sign-in throttling ---------------------------------------------------------------------------


class SignInThrottle(Base):
    """Failed sign-ins per username (existing or not, so it reveals nothing), kept in the database so
    that every desk and every program sees the same count."""

    __tablename__ = "sign_in_throttle"

    username: Mapped[str] = mapped_column(sa.String(64), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[dt.datetime | None]
    locked_until: Mapped[dt.datetime | None]


# --- audit trail ---------------------------------------------------------------------------------


class AuditEntry(Base):
    """Who changed what and when, with old and new values; written for every change made through services."""

    __tablename__ = "audit_entry"
    __table_args__ = (sa.Index("ix_audit_entry_table_row", "table_name", "row_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("app_user.id", ondelete="SET NULL"), index=True)
    username: Mapped[str] = mapped_column(sa.String(64), default="")
    table_name: Mapped[str] = mapped_column(sa.String(64))
    row_id: Mapped[int | None]
    operation: Mapped[AuditOperation] = mapped_column(enum_type(AuditOperation))
    old_values: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    new_values: Mapped[dict[str, Any] | None] = mapped_column(sa.JSON)
    # The changed row as it was at the time of the change: its organisation, and whether it was
    # internal before or after it. Who may read the entry follows from these alone, so history
    # written while a row was internal stays internal after the row is opened or deleted.
    row_organisation_id: Mapped[int | None]
    row_internal: Mapped[bool] = mapped_column(default=False, server_default=sa.false())


# --- gallring (retention) -------------------------------------------------------------------------
#
# How long each kind of record is kept (app/services/retention.py, migration 0010): an
# administrator sets a number of years per kind; no row means keep for ever, and so does a row
# without years. Every real run of the gallring is recorded in `gallring_run`.


class RetentionPolicy(Audited, Versioned, Base):
    """How many years one kind of record is kept (`years` NULL: for ever); one row per kind."""

    __tablename__ = "retention_policy"
    __table_args__ = (sa.CheckConstraint("years IS NULL OR years >= 1", name="years_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(32), unique=True)
    years: Mapped[int | None]
    # Who set it and when is in the audit trail (Audited), written by the database over a personal login.


class GallringRun(Audited, Base):
    """One real run of the gallring (dry runs are not stored): when, by whom, and per kind of record
    the cutoff and the number of rows removed or blanked, as a JSON list in `items`:
    `[{"kind": "observation", "cutoff": "2021-12-04", "rows": 120}, ...]` (one run is read and
    shown whole, never queried by kind, so one row per run keeps it one insert)."""

    __tablename__ = "gallring_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    ran_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    ran_by: Mapped[str] = mapped_column(sa.String(64))
    items: Mapped[list[dict[str, Any]]] = mapped_column(sa.JSON)
