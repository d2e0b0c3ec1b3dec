"""The personal-data guard: finding personnummer, phone numbers, e-mail addresses, registration plates
and street addresses in free text (detect), checking a form's or an import's texts (check), and
scanning what the database already holds (scan).

The lägesbild is about places, times and event types, not persons; the guard finds what would make
a text point at someone, so the user can remove it before it is stored.
"""

from __future__ import annotations

from app.privacy.detect import Hit, PersonalDataKind, find_personal_data, replace_hits

__all__ = ["Hit", "PersonalDataKind", "find_personal_data", "replace_hits"]
