"""Reference data services: areas, categories, places, organisations, agreement periods, districts."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
import sqlalchemy as sa

from app.db.models import AuditEntry, Category, Observation, Place
from app.domain.vocabulary import AuditOperation, OrganisationKind, PlaceType
from app.errors import ConflictError, InUseError, PermissionDeniedError, ValidationError
from app.services import reference as ref
from app.services.context import bind_actor


@contextlib.contextmanager
def acting(world, actor):
    with world.db.session() as s:
        bind_actor(s, actor)
        yield s


def area_id(s, name: str) -> int:
    return next(a.id for a in ref.list_areas(s, None) if a.name == name)


def category_id(s, code: str) -> int:
    return s.scalar(sa.select(Category.id).where(Category.code == code))


# --- areas -------------------------------------------------------------------------------------------


def test_seeded_areas_are_listed_in_order(world):
    with acting(world, world.reader) as s:
        areas = ref.list_areas(s, world.reader)
    assert [a.name for a in areas] == ["Otrygga platser", "Ungdomsgäng", "Kriminella nätverk", "Tystnadskultur"]
    assert all(a.active and a.agreement_period_name.startswith("Samverkansöverenskommelse") for a in areas)


def test_area_create_update_deactivate_delete(world):
    with acting(world, world.admin) as s:
        row = ref.create_area(s, world.admin, ref.AreaInput(name="  Trafik  ", description="Mopeder", sort_order=9))
    assert row.name == "Trafik" and row.sort_order == 9 and row.active
    with acting(world, world.admin) as s:
        row = ref.update_area(
            s, world.admin, row.id, ref.AreaInput(name="Trafiksäkerhet", sort_order=5, active=False), row.version
        )
    assert row.name == "Trafiksäkerhet" and not row.active
    with acting(world, world.admin) as s:
        assert "Trafiksäkerhet" in [a.name for a in ref.list_areas(s, world.admin)]
        assert "Trafiksäkerhet" not in [a.name for a in ref.list_areas(s, world.admin, include_inactive=False)]
        ref.delete_area(s, world.admin, row.id, row.version)
        assert "Trafiksäkerhet" not in [a.name for a in ref.list_areas(s, world.admin)]


def test_area_validation_and_permissions(world):
    with acting(world, world.editor) as s, pytest.raises(PermissionDeniedError):
        ref.create_area(s, world.editor, ref.AreaInput(name="X"))
    with acting(world, world.admin) as s, pytest.raises(ValidationError) as info:
        ref.create_area(s, world.admin, ref.AreaInput(name="otrygga PLATSER", sort_order=-1))
    assert set(info.value.errors) == {"name", "sort_order"}
    assert "Otrygga platser" in info.value.errors["name"]  # names the area that has the name
    assert info.value.field in info.value.errors
    with acting(world, world.admin) as s, pytest.raises(ValidationError) as info:
        ref.create_area(s, world.admin, ref.AreaInput(name="Trafik", agreement_period_id=999))
    assert set(info.value.errors) == {"agreement_period_id"}


def test_area_in_use_cannot_be_deleted(world):
    with acting(world, world.admin) as s:
        area = next(a for a in ref.list_areas(s, world.admin) if a.name == "Ungdomsgäng")
        with pytest.raises(InUseError) as info:
            ref.delete_area(s, world.admin, area.id, area.version)
    assert "4" in info.value.errors["id"]  # four categories belong to Ungdomsgäng
    assert info.value.uses["categories"] == 4 and (info.value.table, info.value.row_id) == ("area", area.id)
    assert info.value.field == "id"
    with acting(world, world.admin) as s:
        assert area_id(s, "Ungdomsgäng") == area.id


def test_area_stale_version_is_a_conflict_naming_the_other_user(world):
    with acting(world, world.admin) as s:
        area = next(a for a in ref.list_areas(s, world.admin) if a.name == "Tystnadskultur")
    with acting(world, world.police_admin) as s:
        ref.update_area(
            s, world.police_admin, area.id, ref.AreaInput(name="Tystnadskultur", sort_order=7), area.version
        )
    with acting(world, world.admin) as s, pytest.raises(ConflictError) as info:
        ref.update_area(s, world.admin, area.id, ref.AreaInput(name="Tystnad"), area.version)
    assert info.value.changed_by == "Paula Polischef" and "Paula Polischef" in info.value.message


# --- categories --------------------------------------------------------------------------------------


def test_categories_list_parent_and_area(world):
    with acting(world, world.reader) as s:
        listed = ref.list_categories(s, world.reader)
        tystnad = ref.list_categories(s, world.reader, area_id=area_id(s, "Tystnadskultur"))
        assert {c.code for c in tystnad} == {"OANM", "HOTV"}
    rows = {c.code: c for c in listed}
    assert rows["RAN"].parent_name == "Våldsbrott" and rows["RAN"].area_name == "Otrygga platser"
    assert rows["BRAND"].area_id is None and rows["BRAND"].area_name == ""
    # Categories without an area come last.
    codes = [c.code for c in listed]
    assert codes.index("BRAND") > codes.index("OANM")


def test_category_create_update_and_validation(world):
    with acting(world, world.admin) as s:
        area = area_id(s, "Ungdomsgäng")
        row = ref.create_category(
            s,
            world.admin,
            ref.CategoryInput(code=" mope ", name="Mopedåkning", area_id=area, parent_id=category_id(s, "TRAF")),
        )
    assert row.code == "MOPE" and row.parent_name == "Trafikbrott (moped, bil)" and row.area_name == "Ungdomsgäng"
    with acting(world, world.admin) as s, pytest.raises(ValidationError) as info:
        ref.create_category(s, world.admin, ref.CategoryInput(code="vald", name="", area_id=999, parent_id=999))
    assert set(info.value.errors) == {"code", "name", "area_id", "parent_id"}
    with acting(world, world.admin) as s:
        # VALD under its own child RAN would be a loop.
        vald = ref.get_category(s, world.admin, category_id(s, "VALD"))
        with pytest.raises(ValidationError) as info:
            ref.update_category(
                s,
                world.admin,
                vald.id,
                ref.CategoryInput(code="VALD", name=vald.name, parent_id=category_id(s, "RAN")),
                vald.version,
            )
        assert set(info.value.errors) == {"parent_id"}
        row = ref.update_category(
            s,
            world.admin,
            vald.id,
            ref.CategoryInput(code="VALD", name="Våld", area_id=vald.area_id, active=False),
            vald.version,
        )
        assert row.name == "Våld" and not row.active
        assert "VALD" not in [c.code for c in ref.list_categories(s, world.admin, include_inactive=False)]
    with acting(world, world.editor) as s, pytest.raises(PermissionDeniedError):
        ref.create_category(s, world.editor, ref.CategoryInput(code="X", name="X"))


def test_category_in_use_or_with_children_cannot_be_deleted(world):
    with acting(world, world.editor) as s:
        s.add(
            Observation(
                occurred_on=dt.date(2026, 3, 1),
                place_id=world.places["Märsta centrum"].id,
                category_id=category_id(s, "NARK"),
                organisation_id=world.kommun.id,
            )
        )
    with acting(world, world.admin) as s:
        for code in ("NARK", "VALD"):  # used by an observation; has the subcategory RAN
            row = ref.get_category(s, world.admin, category_id(s, code))
            with pytest.raises(InUseError):
                ref.delete_category(s, world.admin, row.id, row.version)
        neds = ref.get_category(s, world.admin, category_id(s, "NEDS"))
        ref.delete_category(s, world.admin, neds.id, neds.version)
        assert category_id(s, "NEDS") is None


# --- places ------------------------------------------------------------------------------------------


def test_place_create_and_update_by_admins_only(world):
    data = ref.PlaceInput(
        name="Märsta station",
        district="Märsta",
        place_type=PlaceType.STATION,
        latitude="59,6279",
        longitude=17.8608,
        poor_lighting=True,
    )
    with acting(world, world.admin) as s:
        row = ref.create_place(s, world.admin, data)
    assert row.latitude == pytest.approx(59.6279) and row.poor_lighting and row.place_type is PlaceType.STATION
    with acting(world, world.police_admin) as s:
        data.notes = "Tunneln mot Västra Bredden"
        data.latitude = data.longitude = None
        row = ref.update_place(s, world.police_admin, row.id, data, row.version)
    assert row.notes.startswith("Tunneln") and row.latitude is None and row.longitude is None
    # Places are the office's reference data: editors and readers see them, administrators keep them.
    for who in (world.editor, world.reader):
        with acting(world, who) as s, pytest.raises(PermissionDeniedError):
            ref.create_place(s, who, ref.PlaceInput(name="X", district="Märsta"))
        with acting(world, who) as s, pytest.raises(PermissionDeniedError):
            ref.update_place(s, who, row.id, data, row.version)


def test_place_coordinates_move_only_the_place_and_only_by_admins(world):
    place = world.places["Valsta centrum"]
    with acting(world, world.admin) as s:
        before = ref.get_place(s, world.admin, place.id)
        ref.update_place(
            s,
            world.admin,
            place.id,
            ref.PlaceInput(
                before.name,
                before.district,
                before.place_type,
                before.latitude,
                before.longitude,
                poor_lighting=True,
                notes="Belysningen trasig",
            ),
            before.version,
        )
        before = ref.get_place(s, world.admin, place.id)
        moved = ref.place_coordinates(s, world.admin, place.id, 59.6131, "17,8312", before.version)
    assert (moved.latitude, moved.longitude) == (59.6131, pytest.approx(17.8312))
    assert moved.poor_lighting and moved.notes == "Belysningen trasig" and moved.name == before.name
    assert moved.version == before.version + 1
    with acting(world, world.admin) as s, pytest.raises(ConflictError):
        ref.place_coordinates(s, world.admin, place.id, 59.0, 17.0, before.version)  # moved meanwhile
    with acting(world, world.admin) as s, pytest.raises(ValidationError) as info:
        ref.place_coordinates(s, world.admin, place.id, 59.6, None, moved.version)
    assert set(info.value.errors) == {"longitude"}
    for who in (world.editor, world.reader):
        with acting(world, who) as s, pytest.raises(PermissionDeniedError):
            ref.place_coordinates(s, who, place.id, 59.0, 17.0, moved.version)
    with acting(world, world.admin) as s:
        cleared = ref.place_coordinates(s, world.admin, place.id, None, None, moved.version)
    assert cleared.latitude is None and cleared.longitude is None


def test_place_validation_reports_every_field(world):
    with acting(world, world.admin) as s, pytest.raises(ValidationError) as info:
        ref.create_place(s, world.admin, ref.PlaceInput(name="", district=" ", latitude=80, longitude="öst"))
    assert set(info.value.errors) == {"name", "district", "latitude", "longitude"}
    with acting(world, world.admin) as s, pytest.raises(ValidationError) as info:
        ref.create_place(s, world.admin, ref.PlaceInput(name="Steninge", district="Steninge", latitude=59.61))
    assert set(info.value.errors) == {"longitude"}
    with acting(world, world.admin) as s, pytest.raises(ValidationError) as info:
        ref.create_place(s, world.admin, ref.PlaceInput(name="Arlanda", district="Arlanda", longitude=30))
    assert set(info.value.errors) == {"latitude", "longitude"}  # out of range, and the latitude is missing


def test_place_name_is_unique_ignoring_case_including_swedish_letters(world):
    with acting(world, world.admin) as s, pytest.raises(ValidationError) as info:
        ref.create_place(s, world.admin, ref.PlaceInput(name="MÄRSTA CENTRUM", district="Märsta"))
    assert set(info.value.errors) == {"name"}
    with acting(world, world.admin) as s:
        # Keeping its own name, differently cased, is no clash.
        place = ref.get_place(s, world.admin, world.places["Valsta centrum"].id)
        row = ref.update_place(
            s, world.admin, place.id, ref.PlaceInput(name="Valsta Centrum", district="Valsta"), place.version
        )
    assert row.name == "Valsta Centrum"


def test_place_in_use_is_refused_and_can_be_deactivated(world):
    marsta = world.places["Märsta centrum"]
    with acting(world, world.editor) as s:
        s.add(
            Observation(
                occurred_on=dt.date(2026, 3, 1),
                place_id=marsta.id,
                category_id=category_id(s, "VALD"),
                organisation_id=world.kommun.id,
            )
        )
    with acting(world, world.admin) as s:
        place = ref.get_place(s, world.admin, marsta.id)
        with pytest.raises(InUseError) as info:
            ref.delete_place(s, world.admin, place.id, place.version)
        assert "1" in info.value.errors["id"]
    with acting(world, world.admin) as s:
        data = ref.PlaceInput(name=place.name, district=place.district, active=False)
        ref.update_place(s, world.admin, place.id, data, place.version)
        assert [p.name for p in ref.list_places(s, world.admin, active_only=True)] == ["Valsta centrum"]
        assert s.get(Place, marsta.id) is not None


def test_place_delete_rules(world):
    valsta = world.places["Valsta centrum"]
    with acting(world, world.editor) as s, pytest.raises(PermissionDeniedError):
        ref.delete_place(s, world.editor, valsta.id, None)
    with acting(world, world.admin) as s:
        ref.delete_place(s, world.admin, valsta.id, None)
        assert [p.name for p in ref.list_places(s, world.admin)] == ["Märsta centrum"]


def test_place_filters_and_districts(world):
    with acting(world, world.admin) as s:
        for name, district in (
            ("Sigtuna stadskärna", "Sigtuna stad"),
            ("Märsta station", "Märsta"),
            ("Rosersbergs station", "Rosersberg"),
        ):
            ref.create_place(s, world.admin, ref.PlaceInput(name=name, district=district))
    with acting(world, world.reader) as s:
        assert [p.name for p in ref.list_places(s, world.reader, district="Märsta")] == [
            "Märsta centrum",
            "Märsta station",
        ]
        assert ref.list_districts(s) == ["Märsta", "Rosersberg", "Sigtuna stad", "Valsta"]


def test_place_changes_are_audited(world):
    with acting(world, world.admin) as s:
        row = ref.create_place(s, world.admin, ref.PlaceInput(name="Skolparken", district="Valsta"))
        ref.update_place(s, world.admin, row.id, ref.PlaceInput(name="Skolparken", district="Märsta"), row.version)
    with world.db.session() as s:
        entries = s.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.table_name == "place", AuditEntry.row_id == row.id)
            .order_by(AuditEntry.id)
        ).all()
    assert [e.operation for e in entries] == [AuditOperation.INSERT, AuditOperation.UPDATE]
    assert all(e.username == world.admin.username for e in entries)
    assert entries[1].old_values == {"district": "Valsta"} and entries[1].new_values == {"district": "Märsta"}


# --- organisations and agreement periods --------------------------------------------------------------


def test_organisations(world):
    with acting(world, world.admin) as s:
        assert [o.short_name for o in ref.list_organisations(s, world.admin)] == [
            "Räddningstjänsten",
            "Polisen",
            "Kommunen",
        ]
        row = ref.create_organisation(
            s, world.admin, ref.OrganisationInput(name="Sigtunahem AB", short_name="Sigtunahem")
        )
        with pytest.raises(ValidationError) as info:
            ref.create_organisation(
                s, world.admin, ref.OrganisationInput(name="SIGTUNAHEM ab", short_name="sigtunahem")
            )
        assert set(info.value.errors) == {"name", "short_name"}
        row = ref.update_organisation(
            s,
            world.admin,
            row.id,
            ref.OrganisationInput(name="Sigtunahem AB", short_name="Sigtunahem", active=False),
            row.version,
        )
        assert not row.active
        assert "Sigtunahem" not in [
            o.short_name for o in ref.list_organisations(s, world.admin, include_inactive=False)
        ]
    with acting(world, world.editor) as s, pytest.raises(PermissionDeniedError):
        ref.create_organisation(s, world.editor, ref.OrganisationInput(name="X", short_name="X"))


def test_agreement_periods(world):
    with acting(world, world.admin) as s:
        row = ref.create_agreement_period(
            s,
            world.admin,
            ref.AgreementPeriodInput(
                name="Överenskommelse 2030–2033", starts_on=dt.date(2030, 1, 1), ends_on=dt.date(2033, 12, 31)
            ),
        )
        periods = ref.list_agreement_periods(s, world.admin)
        assert periods[0].id == row.id and len(periods) == 2
        with pytest.raises(ValidationError) as info:
            ref.update_agreement_period(
                s,
                world.admin,
                row.id,
                ref.AgreementPeriodInput(
                    name=periods[1].name, starts_on=dt.date(2030, 1, 1), ends_on=dt.date(2029, 1, 1)
                ),
                row.version,
            )
        assert set(info.value.errors) == {"name", "ends_on"}
        with pytest.raises(ValidationError) as info:
            ref.create_agreement_period(
                s, world.admin, ref.AgreementPeriodInput(name="Y", starts_on=None, ends_on=None)
            )
        assert set(info.value.errors) == {"starts_on", "ends_on"}
        row = ref.update_agreement_period(
            s,
            world.admin,
            row.id,
            ref.AgreementPeriodInput(
                name=row.name,
                starts_on=row.starts_on,
                ends_on=row.ends_on,
                signed_on=dt.date(2029, 12, 1),
                description="Undertecknad",
            ),
            row.version,
        )
        assert row.signed_on == dt.date(2029, 12, 1) and row.description == "Undertecknad"
    with acting(world, world.police) as s, pytest.raises(PermissionDeniedError):
        ref.create_agreement_period(s, world.police, ref.AgreementPeriodInput(name="Z", starts_on=None, ends_on=None))


def test_agreement_periods_do_not_overlap_and_the_message_names_the_other(world):
    with acting(world, world.admin) as s:
        current = ref.list_agreement_periods(s, world.admin)[0]
        with pytest.raises(ValidationError) as info:
            ref.create_agreement_period(
                s,
                world.admin,
                ref.AgreementPeriodInput(
                    name="Överlappande", starts_on=current.ends_on, ends_on=current.ends_on + dt.timedelta(days=400)
                ),
            )
        assert set(info.value.errors) == {"starts_on"} and current.name in info.value.errors["starts_on"]


def _next_period(s, world, *, copy_from: int | None):
    current = ref.list_agreement_periods(s, world.admin)[0]
    start = current.ends_on + dt.timedelta(days=1)
    return ref.create_agreement_period(
        s,
        world.admin,
        ref.AgreementPeriodInput(
            name="Nästa överenskommelse",
            starts_on=start,
            ends_on=start.replace(year=start.year + 3) - dt.timedelta(days=1),
            signed_by="Kommunstyrelsens ordförande och lokalpolisområdeschefen",
        ),
        copy_areas_from=copy_from,
    )


def test_a_new_period_can_start_from_the_previous_ones_areas_and_event_types(world):
    with acting(world, world.admin) as s:
        current = ref.list_agreement_periods(s, world.admin)[0]
        old_areas = ref.list_areas(s, world.admin, period_id=current.id)
        new = _next_period(s, world, copy_from=current.id)
        assert new.signed_by.startswith("Kommunstyrelsens")
        copied = ref.list_areas(s, world.admin, period_id=new.id)
        assert [(a.name, a.description, a.sort_order) for a in copied] == [
            (a.name, a.description, a.sort_order) for a in old_areas
        ]
        assert {a.id for a in copied}.isdisjoint(a.id for a in old_areas)
        # The event types count to the copied areas in the new period, the old ones in the old.
        old = {c.code: c.area_name for c in ref.list_categories(s, world.admin, period_id=current.id)}
        assert {c.code: c.area_name for c in ref.list_categories(s, world.admin, period_id=new.id)} == old
        ungdom = next(a for a in copied if a.name == "Ungdomsgäng")
        assert {c.code for c in ref.list_categories(s, world.admin, area_id=ungdom.id)} == {
            "UNGS",
            "SKAD",
            "KLOT",
            "TRAF",
        }
        # Same names in two periods are fine; twice in one period is not.
        with pytest.raises(ValidationError) as info:
            ref.create_area(s, world.admin, ref.AreaInput(name="ungdomsgäng", agreement_period_id=new.id))
        assert "Ungdomsgäng" in info.value.errors["name"] and new.name in info.value.errors["name"]


def test_the_period_in_force_follows_the_date(world):
    with acting(world, world.admin) as s:
        current = ref.list_agreement_periods(s, world.admin)[0]
        new = _next_period(s, world, copy_from=None)
        assert ref.period_in_force(s, world.admin, current.starts_on).id == current.id
        assert ref.period_in_force(s, world.admin, current.ends_on).id == current.id
        assert ref.period_in_force(s, world.admin, new.starts_on).id == new.id
        # After the last one ends it stays in force; before the first one, the first one is used.
        assert ref.period_in_force(s, world.admin, new.ends_on + dt.timedelta(days=900)).id == new.id
        assert ref.period_in_force(s, world.admin, dt.date(1990, 1, 1)).id == current.id
        # A new period starts without areas unless copied; an area added without a period goes to today's.
        assert ref.list_areas(s, world.admin, period_id=new.id) == []
        area = ref.create_area(s, world.admin, ref.AreaInput(name="Trafik"))
        assert area.agreement_period_id == ref.period_in_force(s, world.admin).id


def test_moving_an_event_type_to_another_area_says_what_moves_first(world):
    with acting(world, world.editor) as s:
        for day in (1, 2):
            s.add(
                Observation(
                    occurred_on=dt.date.today().replace(day=day),
                    place_id=world.places["Märsta centrum"].id,
                    category_id=category_id(s, "KLOT"),
                    organisation_id=world.kommun.id,
                    count=3,
                )
            )
    with acting(world, world.admin) as s:
        klot = ref.get_category(s, world.admin, category_id(s, "KLOT"))
        assert klot.area_name == "Ungdomsgäng"
        target = area_id(s, "Otrygga platser")
        move = ref.category_area_move(s, world.admin, klot.id, target)
        assert (move.old_area, move.new_area, move.events, move.moves) == ("Ungdomsgäng", "Otrygga platser", 6, True)
        assert not ref.category_area_move(s, world.admin, klot.id, klot.area_id).moves
        data = ref.CategoryInput(code=klot.code, name=klot.name, area_id=target, parent_id=klot.parent_id)
        row = ref.update_category(s, world.admin, klot.id, data, klot.version)
        assert row.area_name == "Otrygga platser"
        assert "KLOT" in {c.code for c in ref.list_categories(s, world.admin, area_id=target)}


def test_organisation_kinds_and_the_holder_of_a_taken_name(world):
    with acting(world, world.admin) as s:
        kinds = {o.short_name: o.kind for o in ref.list_organisations(s, world.admin)}
        assert kinds["Polisen"] is OrganisationKind.POLICE and kinds["Kommunen"] is OrganisationKind.MUNICIPALITY
        row = ref.create_organisation(
            s,
            world.admin,
            ref.OrganisationInput(name="Sigtunahem AB", short_name="Sigtunahem", kind="municipal_company"),
        )
        assert row.kind is OrganisationKind.MUNICIPAL_COMPANY
        with pytest.raises(ValidationError) as info:
            ref.create_organisation(
                s, world.admin, ref.OrganisationInput(name="Polisen i Märsta", short_name="POLISEN", kind="nope")
            )
        assert set(info.value.errors) == {"short_name", "kind"}
        assert "Polisen, lokalpolisområde Sollentuna" in info.value.errors["short_name"]
        with pytest.raises(InUseError):
            ref.delete_organisation(s, world.admin, world.kommun.id, None)
        ref.delete_organisation(s, world.admin, row.id, None)


def test_two_admins_moving_one_event_type_the_second_save_is_a_conflict(world):
    with acting(world, world.admin) as s:
        vald = ref.get_category(s, world.admin, category_id(s, "VALD"))
        ungdom, natverk = area_id(s, "Ungdomsgäng"), area_id(s, "Kriminella nätverk")

    def moved_to(area: int) -> ref.CategoryInput:
        return ref.CategoryInput(code=vald.code, name=vald.name, area_id=area, parent_id=vald.parent_id)

    with acting(world, world.admin) as s:
        first = ref.update_category(s, world.admin, vald.id, moved_to(ungdom), vald.version)
    assert first.version == vald.version + 1 and first.area_name == "Ungdomsgäng"
    with acting(world, world.police_admin) as s, pytest.raises(ConflictError):
        ref.update_category(s, world.police_admin, vald.id, moved_to(natverk), vald.version)
    with acting(world, world.admin) as s:
        assert ref.get_category(s, world.admin, vald.id).area_name == "Ungdomsgäng"


def test_the_trail_names_an_event_types_area_link_by_its_period_area_and_event_type(world):
    from app.services.audit_trail import AuditFilter, list_audit_entries

    with acting(world, world.admin) as s:
        new = _next_period(s, world, copy_from=ref.list_agreement_periods(s, world.admin)[0].id)
        entries = list_audit_entries(s, world.admin, AuditFilter(table_name="category_area"))
    inserted = [e for e in entries if e.operation is AuditOperation.INSERT]
    assert inserted and all(e.names["agreement_period_id"].get(new.id) == new.name for e in inserted)
    assert {name for e in inserted for name in e.names["area_id"].values()} >= {"Otrygga platser", "Ungdomsgäng"}
    assert {name for e in inserted for name in e.names["category_id"].values()} >= {"Våldsbrott", "Klotter"}


def test_names_that_look_the_same_are_the_same_and_a_district_keeps_one_spelling(world):
    with acting(world, world.admin) as s:
        for lookalike, holder in (
            ("Ma\u0308rsta centrum", "Märsta centrum"),
            ("Valsta\u00a0centrum", "Valsta centrum"),
            ("Valsta   centrum", "Valsta centrum"),
        ):
            with pytest.raises(ValidationError) as info:
                ref.create_place(s, world.admin, ref.PlaceInput(name=lookalike, district="Valsta"))
            assert holder in info.value.errors["name"]
        row = ref.create_place(s, world.admin, ref.PlaceInput(name="Ma\u0308rsta  torg", district=" märsta "))
        assert (row.name, row.district) == ("Märsta torg", "Märsta")
        assert ref.list_districts(s) == ["Märsta", "Valsta"]
        with pytest.raises(ValidationError) as info:
            ref.create_category(s, world.admin, ref.CategoryInput(code="X\tY", name="Tabb"))
        assert set(info.value.errors) == {"code"}
        assert ref.create_category(s, world.admin, ref.CategoryInput(code="brand-2", name="Brand")).code == "BRAND-2"


def test_a_new_period_copied_from_the_last_carries_on_its_open_actions_and_indicators(world):
    from app.domain.vocabulary import ActionStatus
    from app.services import actions as act
    from app.services.followup import IndicatorInput, create_indicator, get_indicator

    with acting(world, world.admin) as s:
        otrygga = area_id(s, "Otrygga platser")

        def action(title: str, status: ActionStatus, completed=None) -> act.ActionRow:
            data = act.ActionInput(
                title=title,
                responsible_organisation_id=world.kommun.id,
                area_ids=[otrygga],
                status=status,
                start_on=dt.date(2026, 1, 1),
                completed_on=completed,
            )
            return act.create_action(s, world.admin, data)

        ongoing = action("Belysning i tunneln", ActionStatus.ONGOING)
        done = action("Trygghetsvandring", ActionStatus.DONE, completed=dt.date(2026, 2, 1))
        indicator = create_indicator(s, world.admin, IndicatorInput(name="Rån vid stationen", area_id=otrygga))
        current = ref.list_agreement_periods(s, world.admin)[0]
        new = _next_period(s, world, copy_from=current.id)
        new_otrygga = next(
            a.id for a in ref.list_areas(s, world.admin, period_id=new.id) if a.name == "Otrygga platser"
        )
        assert act.get_action(s, world.admin, ongoing.id).area_ids == (otrygga, new_otrygga)
        assert act.get_action(s, world.admin, done.id).area_ids == (otrygga,)  # history stays where it was
        assert get_indicator(s, world.admin, indicator.id).area_id == new_otrygga
