"""The samverkansområden follow the agreement period (issue #14): the area tabs are the areas of the
period in force at the end of the chosen dates, with their own descriptions and figures, and the
management report has that period's area sheets. The current agreement's areas stay the default."""

from __future__ import annotations

import datetime as dt

import openpyxl
import sqlalchemy as sa

from app.db.engine import Database
from app.db.models import AgreementPeriod, Area, Category, CategoryArea, Observation, Organisation, Place
from app.domain.periods import PeriodKind
from app.domain.vocabulary import Source
from app.exports.report import write_report
from app.i18n import _
from app.services import reference
from app.services.runner import call
from tests.gui_support import TODAY, settle, sign_in

D = dt.date
CURRENT = ["Otrygga platser", "Ungdomsgäng", "Kriminella nätverk", "Tystnadskultur"]
EARLIER = ["Otrygga platser", "Trafiksäkerhet"]
EARLIER_NAME = f"Samverkansöverenskommelse {TODAY.year - 5}–{TODAY.year - 2}"
EARLIER_DESCRIPTION = "Den förra överenskommelsens otrygga platser: stationen och centrum."
IN_EARLIER = (D(TODAY.year - 3, 5, 1), D(TODAY.year - 3, 5, 31))


def add_earlier_agreement(db: Database) -> int:
    """The agreement before the current one (which seed_reference_data made), with two areas of its
    own: violence counted to its Otrygga platser, traffic to Trafiksäkerhet; and events in it."""
    with db.session() as s:
        period = AgreementPeriod(
            name=EARLIER_NAME, starts_on=D(TODAY.year - 5, 1, 1), ends_on=D(TODAY.year - 2, 12, 31), description=""
        )
        s.add(period)
        s.flush()
        areas = [
            Area(name=name, description=text, sort_order=order, agreement_period_id=period.id)
            for order, (name, text) in enumerate(
                ((EARLIER[0], EARLIER_DESCRIPTION), (EARLIER[1], "Mopeder och bilar i bostadsområdena.")), start=1
            )
        ]
        s.add_all(areas)
        s.flush()
        categories = dict(s.execute(sa.select(Category.code, Category.id)).all())
        for code, area in (("VALD", areas[0]), ("TRAF", areas[1])):
            s.add(CategoryArea(agreement_period_id=period.id, category_id=categories[code], area_id=area.id))
        place = s.scalar(sa.select(Place).where(Place.name == "Märsta centrum"))
        kommun = s.scalar(sa.select(Organisation.id).where(Organisation.short_name == "Kommunen"))
        for day, code, count in ((10, "VALD", 3), (12, "TRAF", 2), (14, "SKAD", 4)):
            s.add(
                Observation(
                    occurred_on=D(TODAY.year - 3, 5, day),
                    place=place,
                    category_id=categories[code],
                    count=count,
                    source=Source.OWN_OBSERVATION,
                    organisation_id=kommun,
                    description="Under den förra överenskommelsen",
                )
            )
        return period.id


def area_titles(window) -> list[str]:
    return [window.tabs.tabText(window.tabs.indexOf(tab)) for tab in window.area_tabs()]


def choose_dates(qtbot, ctx, window, start: dt.date, end: dt.date) -> None:
    from PySide6.QtCore import QDate

    bar = window.period_bar
    bar.set_kind(PeriodKind.CUSTOM)
    bar.date_from.setDate(QDate(start.year, start.month, start.day))
    bar.date_to.setDate(QDate(end.year, end.month, end.day))
    settle(qtbot, ctx)


def shown(qtbot, ctx, window, index: int):
    window.tabs.setCurrentIndex(index)
    settle(qtbot, ctx)
    tab = window.tabs.currentWidget()
    qtbot.waitUntil(lambda: tab.overview is not None and tab.overview.filter.date_to == tab.date_to, timeout=10000)
    return tab


def test_the_area_tabs_are_the_areas_of_the_agreement_in_force_for_the_chosen_dates(qtbot, ctx, window):
    earlier = add_earlier_agreement(ctx.db)
    sign_in(qtbot, ctx, "anna")
    assert area_titles(window) == CURRENT  # the current agreement's four by default
    current = call(ctx.db, ctx.actor, reference.period_in_force)
    tab = shown(qtbot, ctx, window, 1)
    assert tab.agreement.text() == _("Collaboration area in {period}", period=current.name)

    choose_dates(qtbot, ctx, window, *IN_EARLIER)
    assert area_titles(window) == EARLIER
    tab = window.tabs.currentWidget()  # the area of the same name, in the earlier agreement
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Otrygga platser"
    assert tab.area.agreement_period_id == earlier
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=10000)
    assert tab.agreement.text() == _("Collaboration area in {period}", period=EARLIER_NAME)
    assert tab.description.text() == EARLIER_DESCRIPTION
    assert tab.fig_events.value.text() == "3"  # violence only: the earlier agreement counted nothing else here
    assert [c.name for c in tab.overview.categories] == ["Våldsbrott"]
    traffic = shown(qtbot, ctx, window, 2)
    assert traffic.area.name == "Trafiksäkerhet" and traffic.fig_events.value.text() == "2"
    assert [a.text() for a in window.view_menu.actions()[2:]] == ["Lägesbild", *EARLIER, "Åtgärdsplan", "Uppföljning"]

    window.period_bar.set_kind(PeriodKind.LAST_4_WEEKS)
    settle(qtbot, ctx)
    assert area_titles(window) == CURRENT
    # Trafiksäkerhet has no namesake in the current agreement: the tab in its place is shown.
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Ungdomsgäng"
    assert window.tabs.currentWidget().area.agreement_period_id == current.id


def test_the_area_tabs_follow_a_change_of_the_reference_data_and_keep_the_tab_in_use(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    tab = shown(qtbot, ctx, window, 3)
    assert tab.area.name == "Kriminella nätverk"
    period = call(ctx.db, ctx.actor, reference.period_in_force)
    new_area = reference.AreaInput("Trafiksäkerhet", "Mopeder och bilar.", sort_order=0, agreement_period_id=period.id)
    ctx.call(reference.create_area, new_area)  # the changed signal tells the window
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: len(window.area_tabs()) == 5, timeout=10000)
    assert area_titles(window) == ["Trafiksäkerhet", *CURRENT]
    assert window.tabs.currentWidget().area.name == "Kriminella nätverk"
    # An area taken out of use leaves the tabs; an edited description shows in the same tab.
    area = window.area_tabs()[1].area
    retired = reference.AreaInput(area.name, area.description, area.sort_order, False, area.agreement_period_id)
    ctx.call(reference.update_area, area.id, retired, area.version)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: len(window.area_tabs()) == 4, timeout=10000)
    assert area_titles(window) == ["Trafiksäkerhet", *CURRENT[1:]]
    assert window.tabs.currentWidget().area.name == "Kriminella nätverk"


def cells(ws):
    for row in ws.iter_rows():
        yield from (c for c in row if c.value is not None)


def events_figure(ws) -> int:
    label = next(c for c in cells(ws) if c.value == "Händelser")
    return ws.cell(label.row, label.column + 1).value


def test_a_report_for_dates_in_an_earlier_agreement_has_that_agreements_area_sheets(world, tmp_path):
    add_earlier_agreement(world.db)
    earlier = write_report(world.db, world.editor, *IN_EARLIER, tmp_path / "tidigare.xlsx", with_text=True)
    wb = openpyxl.load_workbook(earlier.path)
    assert wb.sheetnames == ["Sammanfattning", "Lägesbild", *EARLIER, "Åtgärdsplan", "Indikatorer", "Observationer"]
    assert (events_figure(wb["Otrygga platser"]), events_figure(wb["Trafiksäkerhet"])) == (3, 2)
    column_a = [c.value for c in wb["Otrygga platser"]["A"]]
    assert _("Collaboration area in {period}", period=EARLIER_NAME) in column_a and EARLIER_DESCRIPTION in column_a
    summary = {c.value for c in cells(wb["Sammanfattning"])}
    assert "Trafiksäkerhet" in summary and not summary & set(CURRENT[1:])  # actions per area: that period's
    now = write_report(world.db, world.editor, TODAY - dt.timedelta(days=27), TODAY, tmp_path / "nu.xlsx")
    assert openpyxl.load_workbook(now.path).sheetnames[2:6] == CURRENT


def test_the_lagesbild_area_filter_offers_the_areas_of_the_agreement_in_force_and_keeps_a_namesake(qtbot, ctx, window):
    earlier = add_earlier_agreement(ctx.db)
    sign_in(qtbot, ctx, "anna")
    window.tabs.setCurrentIndex(0)
    tab = window.lagesbild_tab
    settle(qtbot, ctx)
    combo = tab.filters.area

    def offered() -> list[str]:
        return [combo.itemText(i) for i in range(1, combo.count())]

    assert offered() == CURRENT
    combo.setCurrentIndex(offered().index("Otrygga platser") + 1)
    settle(qtbot, ctx)
    choose_dates(qtbot, ctx, window, *IN_EARLIER)
    assert offered() == EARLIER
    assert combo.currentText() == "Otrygga platser"  # the earlier agreement's area of that name
    earlier_area = call(ctx.db, ctx.actor, reference.list_areas, period_id=earlier)[0]
    assert tab.current_filter().area_ids == (earlier_area.id,)
    qtbot.waitUntil(lambda: tab.overview is not None and tab.overview.totals.count == 3, timeout=10000)
    combo.setCurrentIndex(offered().index("Trafiksäkerhet") + 1)
    settle(qtbot, ctx)
    window.period_bar.set_kind(PeriodKind.LAST_4_WEEKS)
    settle(qtbot, ctx)
    assert offered() == CURRENT and combo.currentIndex() == 0  # no Trafiksäkerhet now: all areas


def test_editing_keeps_links_to_places_out_of_use_and_areas_of_an_earlier_agreement(qtbot, ctx):
    from app.services import actions
    from app.services.lookups import load_lookups
    from ui.dialogs.action_dialog import ActionDialog

    earlier = add_earlier_agreement(ctx.db)
    sign_in(qtbot, ctx, "anna")
    action = call(ctx.db, ctx.actor, actions.list_actions)[0]
    row = call(ctx.db, ctx.actor, actions.get_action, action.id)
    old_area = call(ctx.db, ctx.actor, reference.list_areas, period_id=earlier)[0]
    place = call(ctx.db, ctx.actor, reference.get_place, row.place_ids[0])
    retired = reference.PlaceInput(name=place.name, district=place.district, active=False)
    call(ctx.db, ctx.actor, reference.update_place, place.id, retired, place.version)
    data = actions.ActionInput(
        **{f: getattr(row, f) for f in actions.ActionInput.__dataclass_fields__ if f != "area_ids"},
        area_ids=[*row.area_ids, old_area.id],
    )
    row = call(ctx.db, ctx.actor, actions.update_action, row.id, data, row.version)

    dialog = ActionDialog(ctx, call(ctx.db, ctx.actor, load_lookups), row)
    qtbot.addWidget(dialog)
    assert dialog.declared.differences(row) == []  # nothing the row refers to is dropped on opening
    areas, places = dialog.declared["area_ids"], dialog.declared["place_ids"]
    texts = {areas.list.item(i).text() for i in range(areas.list.count())}
    assert f"Otrygga platser ({EARLIER_NAME})" in texts
    assert _("{name} (out of use)", name=f"{place.name} ({place.district})") in {
        places.list.item(i).text() for i in range(places.list.count())
    }
    assert set(areas.checked_ids()) == set(row.area_ids) and set(places.checked_ids()) == set(row.place_ids)
    dialog.reject()
