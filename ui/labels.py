"""Display names of the fields the audit trail records: the domain's one list (app/domain/fields.py)."""

from __future__ import annotations

from app.domain.fields import field_label

__all__ = ["field_label"]
