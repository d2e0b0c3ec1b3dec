"""Editing a samverkansområde's description: a form dialog like the others (asks before changes are
thrown away, counts towards the length limit, version-checked save)."""

from __future__ import annotations

from app.i18n import _
from app.services import reference
from app.services.common import TEXT_MAX
from app.services.reference import AreaInput, AreaRow
from ui.context import AppContext
from ui.dialogs.base import EditDialog
from ui.forms import Field, text


def area_description_fields() -> list[Field]:
    return [
        text(
            "description",
            _("&Description"),
            height=160,
            placeholder=_("What the area covers and what the agreement says about it"),
            limit=TEXT_MAX,
        )
    ]


class AreaDescriptionDialog(EditDialog):
    def __init__(self, ctx: AppContext, row: AreaRow, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("areaDescriptionDialog")
        self.row = row
        self.setWindowTitle(_("Description of {area}", area=row.name))
        form = self.declare(area_description_fields())
        self.description = form["description"]
        self.finish_layout()
        self.resize(600, 360)
        self.fill(row)
        self.description.setFocus()

    def current_call(self):
        return reference.get_area, (self.row.id,)

    def save_call(self):
        row = self.row
        data = AreaInput(
            row.name, self.declared.values()["description"], row.sort_order, row.active, row.agreement_period_id
        )
        return reference.update_area, (row.id, data, row.version), {}
