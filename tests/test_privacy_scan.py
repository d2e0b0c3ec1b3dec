"""The scan of stored data for personal data (app/privacy/scan.py) and `trygghetscenter privacy scan`,
on SQLite and PostgreSQL: every free-text column, in batches, under the visibility rule."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from app.db.models import (
    Action,
    ActionUpdate,
    Category,
    FollowUpMeeting,
    Indicator,
    Measurement,
    Observation,
    Place,
)
from app.domain.vocabulary import Classification
from app.privacy import PersonalDataKind
from app.privacy.scan import SCANNED, column_label, scan_database
from app.services.context import SYSTEM, bind_actor

PNR = "19121212-1212"


def _fill(world) -> dict[str, int]:
    """Rows with personal data in each scanned kind of column, and rows without."""
    ids: dict[str, int] = {}
    with world.db.session() as s:
        bind_actor(s, SYSTEM)
        cat = s.scalar(sa.select(Category.id).where(Category.code == "VALD"))
        place = world.places["Märsta centrum"].id

        def observation(description: str, org, classification=Classification.OPEN) -> Observation:
            row = Observation(
                occurred_on=dt.date(2026, 3, 1),
                place_id=place,
                category_id=cat,
                organisation_id=org.id,
                classification=classification,
                description=description,
            )
            s.add(row)
            return row

        for i in range(25):  # plain descriptions, with digits the scan must read and pass over
            observation(f"{i + 2} ungdomar vid Märsta centrum kl 22.{i:02d}, buss 583", world.kommun)
        open_hit = observation(f"Anmälare {PNR} ringde", world.kommun)
        internal_hit = observation("Vittne nås på 070-123 45 67", world.polisen, Classification.INTERNAL)
        action = Action(
            title="Belysning vid Storgatan 5",
            description="Kontakt: driften@example.se",
            responsible_organisation_id=world.kommun.id,
        )
        s.add(action)
        s.flush()
        update = ActionUpdate(action_id=action.id, entry_date=dt.date(2026, 3, 2), text="Bil ABC 123 stod i vägen")
        meeting = FollowUpMeeting(held_on=dt.date(2026, 3, 3), notes="Inget särskilt", decisions="Ring 08-123 456 78")
        indicator = Indicator(name="Anmälda bränder", description="Räknas per månad, 12 st i snitt")
        s.add_all([update, meeting, indicator])
        s.flush()
        measurement = Measurement(indicator_id=indicator.id, period_start=dt.date(2026, 1, 1), value=3, note=PNR)
        s.add(measurement)
        s.get(Place, place).notes = "Fastighetsägare: 0701234567"
        s.flush()
        ids = {
            "open": open_hit.id,
            "internal": internal_hit.id,
            "action": action.id,
            "update": update.id,
            "meeting": meeting.id,
            "measurement": measurement.id,
            "place": place,
        }
    return ids


def _found(hits) -> list[tuple[str, int, str, PersonalDataKind, str]]:
    return [(h.table, h.row_id, h.column, h.hit.kind, h.hit.matched) for h in hits]


def test_scan_finds_personal_data_in_every_free_text_column(world):
    ids = _fill(world)
    expected = [
        ("observation", ids["open"], "description", PersonalDataKind.PERSONNUMMER, PNR),
        ("observation", ids["internal"], "description", PersonalDataKind.PHONE, "070-123 45 67"),
        ("action", ids["action"], "title", PersonalDataKind.ADDRESS, "Storgatan 5"),
        ("action", ids["action"], "description", PersonalDataKind.EMAIL, "driften@example.se"),
        ("action_update", ids["update"], "text", PersonalDataKind.PLATE, "ABC 123"),
        ("follow_up_meeting", ids["meeting"], "decisions", PersonalDataKind.PHONE, "08-123 456 78"),
        ("measurement", ids["measurement"], "note", PersonalDataKind.PERSONNUMMER, PNR),
        ("place", ids["place"], "notes", PersonalDataKind.PHONE, "0701234567"),
    ]
    with world.db.session() as s:
        # the command line (no actor): everything; in batches of three, the same as in one
        assert _found(scan_database(s)) == expected
        assert _found(scan_database(s, batch_size=3)) == expected
        assert _found(scan_database(s, batch_size=1)) == expected
        # a user of the kommun does not see the police's internal observation; the police's editor does
        assert _found(scan_database(s, world.editor)) == [
            e for e in expected if e[1] != ids["internal"] or e[0] != "observation"
        ]
        assert _found(scan_database(s, world.police)) == expected


def test_scan_of_a_database_without_personal_data(world):
    with world.db.session() as s:
        assert scan_database(s) == []


def test_every_scanned_column_is_a_text_column_with_a_label():
    for model, columns in SCANNED.items():
        for name in columns:
            column = model.__table__.c[name]
            assert isinstance(column.type, sa.String | sa.Text), (model, name)
            assert column_label(model.__tablename__, name) != f"{model.__tablename__}.{name}"
    assert column_label("observation", "nonexistent") == "observation.nonexistent"


def test_cli_privacy_scan(run, world, monkeypatch, tmp_path):
    monkeypatch.delenv("TRYGGHETSCENTER_DATABASE_URL", raising=False)
    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    url = world.db.url.render_as_string(hide_password=False)

    code, out, err = run("--database", url, "privacy", "scan")
    assert (code, err) == (0, "")
    assert PNR not in out and len(out.strip().splitlines()) == 1  # nothing found: one line saying so

    ids = _fill(world)
    code, out, err = run("--database", url, "privacy", "scan")
    assert (code, err) == (0, "")
    lines = out.strip().splitlines()
    assert len(lines) == 2 + 8 + 1  # headers, rule, the hits, the count
    assert PNR in lines[2] and str(ids["open"]) in lines[2]
    assert "070-123 45 67" in out  # the command line reads the internal rows too
    assert lines[-1].startswith("8 ") and " 7 " in lines[-1]  # 8 hits in 7 rows

    code, out, err = run("--database", url, "privacy", "scan", "--json")
    assert (code, err) == (0, "")
    found = json.loads(out)
    assert len(found) == 8
    assert found[0] == {
        "table": "observation",
        "row_id": ids["open"],
        "column": "description",
        "kind": "personnummer",
        "start": len("Anmälare "),
        "end": len("Anmälare ") + len(PNR),
        "matched": PNR,
    }
