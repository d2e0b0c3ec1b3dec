"""What every exported file says about itself: its classification, who exported it, when, and under which filters.

The one source of the marking's wording, for every kind of export: the Excel workbooks (page headers
and footers, the top lines, the document properties; see excel.py), chart pictures and documents
(a footer line drawn in the picture, and text chunks or PDF properties; see app/charts/export.py)
and the map's picture (the same footer line, painted by the map tab). No openpyxl, no Qt here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.i18n import _
from app.services.context import Actor

FOOTER_SEPARATOR = " · "


def classification_marking(actor: Actor, *, internal: bool | None = None) -> str:
    """The marking every page carries. `internal`: whether internal rows are in the file (None: may be)."""
    if actor.organisation_id is None or internal is False:
        return _("Classification: Open within Trygghetscenter")
    if internal:
        return _(
            "Classification: Contains information internal to {organisation}", organisation=actor.organisation_name
        )
    return _(
        "Classification: Open within Trygghetscenter; may contain information internal to {organisation}",
        organisation=actor.organisation_name,
    )


def exporter_name(actor: Actor) -> str:
    who = actor.display_name or actor.username
    return f"{who} ({actor.organisation_name})" if actor.organisation_name else who


def now_aware(now: dt.datetime | None) -> dt.datetime:
    if now is None:
        return dt.datetime.now().astimezone()
    return now if now.tzinfo is not None else now.astimezone()


@dataclass(frozen=True)
class Stamp:
    """Who exported, when, under which marking and filters: printed on every page, kept in the properties.

    `filters`: the period and the filters the exported view had (empty: none); `description` says
    more of the content (e.g. which observations it holds).
    """

    title: str
    actor: Actor
    now: dt.datetime  # aware
    marking: str
    description: str = ""
    filters: str = ""

    @property
    def local_time(self) -> str:
        return self.now.astimezone().strftime("%Y-%m-%d %H:%M")

    @property
    def exported_by(self) -> str:
        return _("Exported by {who} on {when}", who=exporter_name(self.actor), when=self.local_time)

    @property
    def filters_line(self) -> str:
        if self.filters:
            return _("Filters: {filters}", filters=self.filters)
        return _("Filters: none")

    @property
    def footer(self) -> str:
        """One line for the foot of a picture: the marking, who exported and when, the filters."""
        return FOOTER_SEPARATOR.join((self.marking, self.exported_by, self.filters_line))

    def metadata(self) -> dict[str, str]:
        """The same, as a picture's text chunks (PNG keywords are fixed English, as the PNG standard's)."""
        return {
            "Title": self.title,
            "Author": exporter_name(self.actor),
            "Description": self.footer,
            "Classification": self.marking,
            "Exported by": exporter_name(self.actor),
            "Exported at": self.local_time,
            "Filters": self.filters or "",
            "Software": "Trygghetscenter",
        }


def stamp_for(
    title: str,
    actor: Actor,
    *,
    filters: str = "",
    internal: bool | None = None,
    now: dt.datetime | None = None,
    description: str = "",
) -> Stamp:
    """The stamp of one export by `actor` now (or at `now`), marked as `classification_marking` says."""
    return Stamp(
        title=title,
        actor=actor,
        now=now_aware(now),
        marking=classification_marking(actor, internal=internal),
        description=description,
        filters=filters,
    )
