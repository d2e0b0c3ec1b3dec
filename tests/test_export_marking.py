"""Every export says what it is and who made it: the classification, the exporter, the time and the filters.

The management report is figures only unless asked otherwise ("endast siffror"); tables, charts,
the map's picture and the audit trail carry the same marking (app/exports/marking.py's wording).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io

import numpy as np
import openpyxl
import pytest
import sqlalchemy as sa
from PIL import Image

import app.cli as cli
from app.charts import ChartMarking, area_trend_chart, figure_png_bytes, hotspot_chart, indicator_chart, save_figure
from app.db.models import Area, Category
from app.domain.vocabulary import ActionStatus, Classification, Direction, FollowUpColour, Source
from app.exports.excel import ExportColumn
from app.exports.marking import Stamp, classification_marking, exporter_name, stamp_for
from app.exports.report import write_report
from app.exports.report_sheets import period_text, text_choice
from app.exports.tables import write_table
from app.i18n import _
from app.services import followup as fu
from app.services.actions import ActionInput, create_action
from app.services.context import bind_actor
from app.services.filters import ObservationFilter
from app.services.observations import ObservationInput, create_observation
from tests.test_charts import hotspot, indicator, point

D = dt.date
PERIOD = (D(2025, 1, 1), D(2025, 3, 31))
NOW = dt.datetime(2025, 4, 2, 9, 30, tzinfo=dt.UTC)
WHEN = NOW.astimezone().strftime("%Y-%m-%d %H:%M")
# Every free text the report can write, each unlike anything else in the file.
FREE_TEXTS = {
    "description": "Krossad busskur vid norra entrén",
    "internal": "Spaning pågår, endast polisen",
    "problem": "Oro kring pendeltågsstationen kvällstid",
    "cause": "Dålig belysning längs gångtunneln",
    "action_description": "Nya armaturer och väktarrond",
    "goal": "Färre anmälda skadegörelser",
    "responsible_person": "Kalle Ansvarig",
    "note": "Mätningen gjord efter ombyggnaden",
}


@pytest.fixture(autouse=True)
def _unlink_subcategories(db):
    """conftest empties SQLite one table at a time, which the seeded sub-categories' RESTRICT rejects."""
    yield
    with db.engine.begin() as conn:
        conn.execute(sa.update(Category.__table__).values(parent_id=None))


@contextlib.contextmanager
def acting(world, actor):
    with world.db.session() as s:
        bind_actor(s, actor)
        yield s


def observe(world, actor, day, text, classification=Classification.OPEN):
    with acting(world, actor) as s:
        category = s.scalar(sa.select(Category.id).where(Category.code == "SKAD"))
        data = ObservationInput(
            occurred_on=day,
            place_id=world.places["Märsta centrum"].id,
            category_id=category,
            count=2,
            source=Source.OWN_OBSERVATION,
            description=text,
            classification=classification,
        )
        return create_observation(s, actor, data)


@pytest.fixture
def data(world):
    """An open and an internal observation, an action with every free text, a measurement with a note."""
    observe(world, world.editor, D(2025, 2, 3), FREE_TEXTS["description"])
    observe(world, world.police, D(2025, 3, 1), FREE_TEXTS["internal"], Classification.INTERNAL)
    with acting(world, world.editor) as s:
        area = s.scalar(sa.select(Area.id).where(Area.name == "Otrygga platser"))
        indicator = fu.create_indicator(
            s,
            world.editor,
            fu.IndicatorInput(name="Skadegörelse", unit="antal", area_id=area, direction=Direction.LOWER),
        )
        fu.set_measurement(s, world.editor, indicator.id, D(2025, 2, 1), 7, FREE_TEXTS["note"], today=D(2025, 4, 1))
        create_action(
            s,
            world.editor,
            ActionInput(
                title="Belysning vid stationen",
                responsible_organisation_id=world.kommun.id,
                area_ids=[area],
                problem=FREE_TEXTS["problem"],
                cause=FREE_TEXTS["cause"],
                description=FREE_TEXTS["action_description"],
                operative_goal=FREE_TEXTS["goal"],
                responsible_person=FREE_TEXTS["responsible_person"],
                deadline=D(2025, 3, 1),
                start_on=D(2025, 1, 1),
                status=ActionStatus.ONGOING,
                follow_up_colour=FollowUpColour.RED,
            ),
        )
    return world


def texts_of(wb) -> list[str]:
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def assert_workbook_marked(wb, marking: str, who: str, filters: str, when: str = WHEN) -> None:
    """Every sheet: the marking in its page header, the exporter and time in its footer and top lines,
    the filters in its top lines; the document's properties say the same."""
    for ws in wb.worksheets:
        assert ws.oddHeader.left.text == marking.replace("&", "&&"), ws.title
        assert who in ws.oddFooter.left.text and when in ws.oddFooter.left.text, ws.title
        top = " ".join(str(c.value) for row in ws.iter_rows(max_row=4) for c in row if c.value is not None)
        assert who in top and when in top and marking in top, ws.title
        assert filters in top, ws.title
    custom = {p.name: p.value for p in wb.custom_doc_props.props}
    assert custom[_("Classification")] == marking
    assert custom[_("Exported by")] == who and custom[_("Exported at")].startswith(when)
    assert filters in custom[_("Filters")]


# --- the management report ---------------------------------------------------------------------------


def test_report_carries_marking_exporter_time_and_filters_on_every_sheet(data, tmp_path):
    result = write_report(data.db, data.editor, *PERIOD, tmp_path / "r.xlsx", now=NOW)
    wb = openpyxl.load_workbook(result.path)
    filters = f"{period_text(ObservationFilter(*PERIOD))}; {text_choice(False)}"
    assert_workbook_marked(wb, classification_marking(data.editor, internal=False), exporter_name(data.editor), filters)

    police = openpyxl.load_workbook(write_report(data.db, data.police, *PERIOD, tmp_path / "p.xlsx", now=NOW).path)
    internal = classification_marking(data.police, internal=True)
    assert internal == _(
        "Classification: Contains information internal to {organisation}", organisation=data.police.organisation_name
    )
    assert_workbook_marked(police, internal, exporter_name(data.police), filters)


def test_report_is_figures_only_by_default_and_says_so(data, tmp_path):
    wb = openpyxl.load_workbook(write_report(data.db, data.police, *PERIOD, tmp_path / "r.xlsx", now=NOW).path)
    cells = texts_of(wb)
    for name, text in FREE_TEXTS.items():
        assert not [c for c in cells if text in c], name
    summary = [c.value for c in wb["Sammanfattning"]["A"] if c.value]
    assert text_choice(False) in summary
    assert len(wb["Observationer"].tables["T_Observationer"].tableColumns) == 15  # no description column
    # the figures are all there: both observations (the police's own internal one) and the action
    assert wb["Observationer"].tables["T_Observationer"].ref == "A4:O6"
    assert "Belysning vid stationen" in cells


def test_report_with_text_holds_every_free_text(data, tmp_path):
    path = write_report(data.db, data.police, *PERIOD, tmp_path / "r.xlsx", now=NOW, with_text=True).path
    wb = openpyxl.load_workbook(path)
    cells = texts_of(wb)
    for name, text in FREE_TEXTS.items():
        assert [c for c in cells if text in c], name
    assert text_choice(True) in [c.value for c in wb["Sammanfattning"]["A"] if c.value]
    assert text_choice(True) in {p.name: p.value for p in wb.custom_doc_props.props}[_("Filters")]


@pytest.fixture
def run_cli(capsys, monkeypatch, tmp_path):
    monkeypatch.delenv("TRYGGHETSCENTER_DATABASE_URL", raising=False)
    monkeypatch.setenv("TRYGGHETSCENTER_CONFIG", str(tmp_path / "absent.ini"))
    monkeypatch.setenv("TRYGGHETSCENTER_DATA_DIR", str(tmp_path / "data"))

    def run(*argv: str) -> int:
        capsys.readouterr()
        return cli.main(list(argv))

    return run


def test_cli_report_is_figures_only_unless_with_text(run_cli, data, tmp_path):
    url = data.db.url.render_as_string(hide_password=False)
    base = ["--database", url, "export", "report", "--from", "2025-01-01", "--to", "2025-03-31", "--user", "police"]
    assert run_cli(*base, "--out", str(tmp_path / "siffror.xlsx")) == 0
    assert run_cli(*base, "--out", str(tmp_path / "text.xlsx"), "--with-text") == 0
    figures = texts_of(openpyxl.load_workbook(tmp_path / "siffror.xlsx"))
    with_text = texts_of(openpyxl.load_workbook(tmp_path / "text.xlsx"))
    for name, text in FREE_TEXTS.items():
        assert not [c for c in figures if text in c], name
        assert [c for c in with_text if text in c], name
    wb = openpyxl.load_workbook(tmp_path / "siffror.xlsx")
    assert_workbook_marked(
        wb,
        classification_marking(data.police, internal=True),
        exporter_name(data.police),
        text_choice(False),
        when=dt.date.today().isoformat(),  # written now: the command line has no clock to set
    )


# --- any table ----------------------------------------------------------------------------------------


def test_a_table_export_carries_marking_exporter_time_and_filters(world, tmp_path):
    columns = [ExportColumn(_("Place")), ExportColumn(_("Visible to"))]
    rows = [("Märsta centrum", "Öppen"), ("Valsta centrum", "Intern")]
    filters = "Period 2025-01-01 – 2025-03-31; Kommundel: Märsta"
    path = write_table(
        tmp_path / "t.xlsx", "Brännpunkter", columns, rows, actor=world.editor, description=filters, now=NOW
    )
    wb = openpyxl.load_workbook(path.path)
    assert_workbook_marked(wb, classification_marking(world.editor), exporter_name(world.editor), filters)
    # no filters: the file says so, rather than nothing
    bare = openpyxl.load_workbook(write_table(tmp_path / "u.xlsx", "T", columns, [], actor=world.editor).path)
    assert bare.active["A2"].value == _("Filters: none")


# --- chart pictures and documents ---------------------------------------------------------------------


def _marking(world) -> tuple[Stamp, ChartMarking]:
    stamp = stamp_for("Brännpunkter", world.police, filters="Period 2025-01-01 – 2025-03-31", now=NOW)
    return stamp, ChartMarking(stamp.footer, stamp.metadata())


def _dark_rows(image: Image.Image, first: int) -> int:
    grey = np.asarray(image.convert("L"))
    return int((grey[first:].min(axis=1) < 128).sum())


@pytest.mark.parametrize(
    "build",
    [
        lambda: hotspot_chart([hotspot(1, "Märsta centrum", 3, 1)]),
        lambda: indicator_chart(indicator([point(1, 3.0), point(2, 4.0)])),
        lambda: area_trend_chart([], None, "Tystnadskultur"),
    ],
    ids=["hotspots", "indicator", "empty"],
)
def test_a_saved_chart_has_the_footer_line_and_text_chunks(world, tmp_path, build):
    fig = build()
    stamp, marking = _marking(world)
    plain = Image.open(io.BytesIO(figure_png_bytes(fig, dpi=100)))
    path = save_figure(fig, tmp_path / "diagram.png", dpi=100, marking=marking)
    image = Image.open(path)
    assert image.width == plain.width and image.height > plain.height  # a strip below the chart
    assert _dark_rows(image, plain.height) > 0  # the footer's text is drawn in it
    assert image.text["Classification"] == stamp.marking == classification_marking(world.police)
    assert image.text["Exported by"] == exporter_name(world.police)
    assert image.text["Exported at"] == WHEN
    assert image.text["Filters"] == "Period 2025-01-01 – 2025-03-31"
    assert stamp.marking in image.text["Description"] and WHEN in image.text["Description"]
    # the footer is the figure's only while it is saved
    assert all(t.get_text() != stamp.footer for t in fig.texts)
    assert figure_png_bytes(fig, dpi=100) == figure_png_bytes(fig, dpi=100)
    assert Image.open(io.BytesIO(figure_png_bytes(fig, dpi=100))).size == plain.size
    copied = Image.open(io.BytesIO(figure_png_bytes(fig, dpi=100, marking=marking)))
    assert copied.size == image.size and copied.text["Classification"] == stamp.marking

    pdf = save_figure(fig, tmp_path / "diagram.pdf", marking=marking).read_bytes()
    assert pdf.startswith(b"%PDF") and b"/Keywords" in pdf and b"/Subject" in pdf and b"/Author" in pdf


def test_the_footer_lines_hold_the_whole_marking(world):
    stamp = _marking(world)[0]
    assert stamp.footer == " · ".join((stamp.marking, stamp.exported_by, stamp.filters_line))
    assert exporter_name(world.police) in stamp.exported_by and WHEN in stamp.exported_by
