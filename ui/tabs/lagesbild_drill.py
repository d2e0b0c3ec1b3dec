"""Drill-down from the lägesbild's tables to the observations behind a hot spot or a cell."""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.i18n import _
from app.services.filters import ObservationFilter
from app.services.lagesbild import HOUR_BANDS, hour_band_label


def weekday_names() -> list[str]:
    return [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]


@dataclass(frozen=True)
class ListDrill:
    """What the observation list is narrowed to, on top of the tab's filters: a place (and an event
    type), or a weekday (and a time of day). `band` is an index into HOUR_BANDS; `time_unknown`
    means the observations without a time."""

    place_id: int | None = None
    place_name: str = ""
    category_id: int | None = None
    category_name: str = ""
    weekday: int | None = None  # ISO: 1 = Monday
    band: int | None = None
    time_unknown: bool = False

    def apply(self, flt: ObservationFilter) -> ObservationFilter:
        return replace(
            flt,
            place_ids=(self.place_id,) if self.place_id is not None else flt.place_ids,
            category_ids=(self.category_id,) if self.category_id is not None else flt.category_ids,
            weekdays=(self.weekday,) if self.weekday is not None else flt.weekdays,
            hours=HOUR_BANDS[self.band] if self.band is not None else flt.hours,
            time_unknown=self.time_unknown or flt.time_unknown,
        )

    def describe(self) -> str:
        """'Märsta station · Våldsbrott' or 'Friday · 18–24'."""
        parts = [self.place_name, self.category_name]
        if self.weekday is not None:
            parts.append(weekday_names()[self.weekday - 1])
        if self.band is not None:
            parts.append(hour_band_label(self.band))
        if self.time_unknown:
            parts.append(_("time unknown"))
        return " · ".join(p for p in parts if p)
