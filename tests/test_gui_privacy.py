"""The personal-data guard as a user meets it: the form keeps what was typed and says what to take out."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from PySide6.QtWidgets import QDialogButtonBox

from app.db.models import Observation
from app.services.lookups import load_lookups
from app.services.runner import call
from tests.gui_support import settle, sign_in
from tests.test_gui_forms import shown
from tests.test_privacy_guard import PNR

pytestmark = pytest.mark.gui


def _count(ctx) -> int:
    with ctx.db.session() as s:
        return s.scalar(sa.select(sa.func.count()).select_from(Observation))


def test_a_personnummer_typed_in_an_observation_is_caught_before_it_is_stored(qtbot, ctx):
    from ui.dialogs.observation_dialog import ObservationDialog

    sign_in(qtbot, ctx, "anna")
    lookups = call(ctx.db, ctx.actor, load_lookups)
    dialog = shown(qtbot, ObservationDialog(ctx, lookups))
    dialog.place.set_value(lookups.places[0].id)
    dialog.category.set_value(lookups.categories[0].id)
    typed = f"Anmälare {PNR} såg klotter vid porten"
    dialog.description.setPlainText(typed)
    before = _count(ctx)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    settle(qtbot, ctx)
    assert dialog.isVisible(), "the form stays open"
    assert dialog.description.toPlainText() == typed, "with the text as typed"
    message = dialog.field_error("description")
    assert "Personnummer" in message and PNR in message and "personer" in message
    assert _count(ctx) == before
    # One click takes it out and keeps the rest of the text.
    assert dialog.remove_personal.isVisible()
    dialog.remove_personal.click()
    assert dialog.description.toPlainText() == "Anmälare [personnummer] såg klotter vid porten"
    assert not dialog.remove_personal.isVisible()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10000)
    assert _count(ctx) == before + 1
    with ctx.db.session() as s:
        stored = s.scalars(sa.select(Observation.description).order_by(Observation.id.desc())).first()
    assert stored == "Anmälare [personnummer] såg klotter vid porten"


def test_a_form_without_personal_data_offers_no_removal(qtbot, ctx):
    from ui.dialogs.observation_dialog import ObservationDialog

    sign_in(qtbot, ctx, "anna")
    lookups = call(ctx.db, ctx.actor, load_lookups)
    dialog = shown(qtbot, ObservationDialog(ctx, lookups))
    dialog.description.setPlainText("Klotter vid porten")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()  # refused: no place chosen
    settle(qtbot, ctx)
    assert dialog.isVisible() and dialog.banner.isVisible()
    assert not dialog.remove_personal.isVisible()
    dialog.discard()


def test_an_import_with_personal_data_is_refused_or_imported_with_it_replaced(qtbot, ctx, window, tmp_path):
    import datetime as dt

    from tests.gui_support import TODAY
    from tests.test_gui_excel import fill_template, open_import

    dialog = open_import(qtbot, ctx, window)
    template = tmp_path / "mall.xlsx"
    dialog.write_template(template)
    settle(qtbot, ctx)
    day = TODAY - dt.timedelta(days=1)
    typed = f"Anmälare {PNR} ringde, nås på 070-123 45 67"
    fill_template(
        template,
        [
            {"Datum": day, "Plats": "Valsta centrum", "Händelsetyp": "Skadegörelse", "Beskrivning": typed},
            {"Datum": day, "Plats": "Valsta centrum", "Händelsetyp": "Skadegörelse", "Beskrivning": "Krossat glas"},
        ],
    )
    dialog.load(template)
    settle(qtbot, ctx)
    # Refused, named by row and column, with the choice to replace it all.
    assert dialog.problems.rowCount() == 1 and not dialog.import_button.isEnabled()
    assert dialog.problems.item(0, 0).text() == "2" and "Personnummer" in dialog.problems.item(0, 2).text()
    assert dialog.preview.personal_data == 1 and dialog.remove_personal.isVisible()
    before = _count(ctx)
    dialog.remove_personal.click()
    settle(qtbot, ctx)
    assert dialog.problems.rowCount() == 0 and dialog.import_button.isEnabled()
    assert not dialog.remove_personal.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.run_import()
    settle(qtbot, ctx)
    assert _count(ctx) == before + 2
    with ctx.db.session() as s:
        stored = set(s.scalars(sa.select(Observation.description).order_by(Observation.id.desc()).limit(2)))
    assert stored == {"Anmälare [personnummer] ringde, nås på [telefonnummer]", "Krossat glas"}
