"""The personal-data guard where text is stored: every free-text field of the services refuses a
personnummer (and the other kinds app/privacy finds) with what was found named, and so does an
import, all or nothing; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.db.models import Category, Observation
from app.errors import ValidationError
from app.imports import ImportRejected
from app.services import meetings, observations, reference
from app.services.context import bind_actor
from tests.test_import import observation_count, row, run_import, run_preview, write_xlsx

DAY = dt.date.today() - dt.timedelta(days=3)


def luhn_digit(nine: str) -> str:
    """The check digit of a personnummer's first nine digits (YYMMDDNNN), written out here."""
    total = 0
    for i, ch in enumerate(nine):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


PNR = "850101-123" + luhn_digit("850101123")  # a valid form of a made-up number
SAMORDNING = "850161-123" + luhn_digit("850161123")  # day + 60


def _observation(world, description: str) -> observations.ObservationInput:
    with world.db.session() as s:
        category = s.scalar(sa.select(Category.id).where(Category.code == "KLOT"))
    return observations.ObservationInput(
        occurred_on=DAY, place_id=world.places["Märsta centrum"].id, category_id=category, description=description
    )


def _create(world, actor, fn, *args):
    with world.db.session() as s:
        bind_actor(s, actor)
        return fn(s, actor, *args)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"Anmälare {PNR} ringde", "Personnummer"),
        (f"Anmälare 19{PNR}", "Personnummer"),
        (f"Ungdom med {SAMORDNING}", "Samordningsnummer"),
        ("Ring 070-123 45 67 om det händer igen", "telefon"),
        ("Tips från anna.andersson@example.se", "e-post"),
        ("Bil ABC 123 stod kvar hela natten", "registrering"),
        ("Klotter på porten till Storgatan 12B", "adress"),
    ],
)
def test_a_description_with_personal_data_is_refused_and_says_what_was_found(world, text, kind):
    before = observation_count(world)
    with pytest.raises(ValidationError) as info:
        _create(world, world.editor, observations.create_observation, _observation(world, text))
    message = info.value.errors["description"]
    assert kind.lower() in message.lower(), message
    assert "personer" in message  # why: the lägesbild is not about persons
    assert observation_count(world) == before


def test_ordinary_descriptions_and_look_alikes_are_saved(world):
    for text in (
        "Fem ungdomar samlades vid busshållplatsen kl 22.15, buss 583 försenad",
        "Trasig belysning längs gångvägen sedan 2026-11-03, väg 263",
        "Ärende 850101-1234 hos kommunen (fel kontrollsiffra: inget personnummer)",
    ):
        _create(world, world.editor, observations.create_observation, _observation(world, text))
    with world.db.session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Observation)) >= 3


def test_every_free_text_of_the_services_is_guarded(world):
    with pytest.raises(ValidationError) as info:
        _create(
            world,
            world.editor,
            meetings.create_meeting,
            meetings.MeetingInput(held_on=DAY, notes=f"Anmälare {PNR}", decisions="Ring 070-123 45 67"),
        )
    assert set(info.value.errors) == {"notes", "decisions"}
    place = world.places["Valsta centrum"]
    with world.db.session() as s:
        current = reference.get_place(s, world.admin, place.id)
    data = reference.PlaceInput(current.name, current.district, current.place_type, notes=f"Ägare {PNR}")
    with pytest.raises(ValidationError) as info:
        _create(world, world.admin, reference.update_place, place.id, data, current.version)
    assert set(info.value.errors) == {"notes"}


def test_an_import_with_a_personnummer_is_refused_whole_naming_row_and_column(world, tmp_path):
    path = write_xlsx(
        tmp_path / "pnr.xlsx",
        [row(), row(Beskrivning=f"Anmälare {PNR}"), row(Beskrivning="Ring 070-123 45 67")],
    )
    before = observation_count(world)
    problems = run_preview(world, path).problems
    found = {(p.row, p.column) for p in problems if "personer" in p.message}
    assert found == {(3, "Beskrivning"), (4, "Beskrivning")}
    with pytest.raises(ImportRejected):  # all or nothing
        run_import(world, path)
    assert observation_count(world) == before


def test_remove_all_imports_the_rows_with_placeholders_and_counts_what_it_replaced(world, tmp_path):
    path = write_xlsx(
        tmp_path / "pnr.xlsx",
        [row(), row(Beskrivning=f"Anmälare {PNR}"), row(Beskrivning="Ring 070-123 45 67 i kväll")],
    )
    before = observation_count(world)
    checked = run_preview(world, path, remove_personal_data=True)
    assert checked.ok and checked.personal_data == 2 and checked.new_rows == 3
    assert run_preview(world, path).personal_data == 2  # counted either way
    run_import(world, path, remove_personal_data=True)
    assert observation_count(world) == before + 3
    with world.db.session() as s:
        texts = set(s.scalars(sa.select(Observation.description)))
    assert {"Anmälare [personnummer]", "Ring [telefonnummer] i kväll"} <= texts
    assert not any(PNR in t for t in texts)
