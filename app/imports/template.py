"""The import templates: a data sheet with drop-down lists, an instructions sheet, and a hidden lists sheet.

The data sheet holds only the header row, so an unchanged template imports nothing; the example row
stands on the instructions sheet, which the import passes over.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy.orm import Session

from app.domain.vocabulary import DISTRICTS, Classification, PlaceType, Setting, Source, YesNoUnknown
from app.exports.stream import target_path, write_error
from app.files import whole_file
from app.i18n import _
from app.imports.columns import (
    ACTIVE,
    CATEGORIES_SHEET,
    CATEGORY_CHOICES,
    CATEGORY_COLUMNS,
    CHOICES,
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    MEASUREMENT_COLUMNS,
    MEASUREMENTS_SHEET,
    OBSERVATION_COLUMNS,
    OBSERVATIONS_SHEET,
    PLACE_CHOICES,
    PLACE_COLUMNS,
    PLACE_TRAITS,
    PLACE_TYPES,
    PLACES_SHEET,
    TRAIT,
    Choices,
    Column,
    name_key,
)
from app.services import reference
from app.services.common import TEXT_MAX
from app.services.context import Actor
from app.services.lookups import Lookups, load_lookups
from app.services.observations import DESCRIPTION_MAX, MAX_COUNT

TEMPLATE_ROWS = 10_000  # rows the drop-down lists and formats cover
DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
BOLD = Font(bold=True)
EXCEL_DATE_2000 = 36526  # 2000-01-01 as an Excel day number: the earliest date the lists accept
EXAMPLE_CATEGORY = "Ordningsstörning"  # seeded; fits the example description
EXAMPLE_CHOICES = {
    "source": Source.OWN_OBSERVATION,
    "setting": Setting.OUTDOORS,
    "reported_to_police": YesNoUnknown.NO,
    "verified": True,
    "classification": Classification.OPEN,
}


@dataclass
class _Template:
    heading: str
    sheet: str
    columns: tuple[Column, ...]
    explanations: dict[str, str]
    example: list[object]
    lists: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # column key -> (list title, values)
    formats: dict[str, str] = field(default_factory=dict)  # column key -> number format
    rules: dict[str, DataValidation] = field(default_factory=dict)  # column key -> a rule that is not a list
    choices: dict[str, Choices] = field(default_factory=dict)  # column key -> the words a choice column takes
    references: list[tuple[str, list[str]]] = field(default_factory=list)  # lists to read, with no drop-down


def write_observation_template(session: Session, actor: Actor, path: Path | str) -> None:
    lookups = load_lookups(session, actor)
    template = _Template(
        heading=_("Import template: observations"),
        sheet=OBSERVATIONS_SHEET,
        columns=OBSERVATION_COLUMNS,
        explanations=_observation_explanations(),
        example=_observation_example(lookups),
        lists={
            "place": (_("Places"), [p.name for p in lookups.active_places()]),
            "category": (_("Event types"), [c.name for c in lookups.active_categories()]),
            **{key: (column_header(key), vocabulary.shown()) for key, vocabulary in CHOICES.items()},
        },
        formats={"date": DATE_FORMAT, "time": TIME_FORMAT, "count": "0"},
        rules={"date": _date_rule(), "count": _whole_number_rule(1, MAX_COUNT)},
        choices=CHOICES,
    )
    _write(template, actor, path)


def write_measurement_template(session: Session, actor: Actor, path: Path | str) -> None:
    lookups = load_lookups(session, actor)
    indicators = [i.name for i in lookups.indicators if i.active]
    template = _Template(
        heading=_("Import template: measurements"),
        sheet=MEASUREMENTS_SHEET,
        columns=MEASUREMENT_COLUMNS,
        explanations=_measurement_explanations(),
        example=[
            indicators[0] if indicators else _("Violent crime in Märsta centrum"),
            _first_of_last_month(),
            12,
            _("Counted from the police statistics."),
        ],
        lists={"indicator": (_("Indicators"), indicators)},
        formats={"period": DATE_FORMAT},
        rules={"value": DataValidation(type="decimal", operator="between", formula1="-1E+15", formula2="1E+15")},
    )
    _write(template, actor, path)


def write_place_template(session: Session, actor: Actor, path: Path | str) -> None:
    places = reference.list_places(session, actor)
    districts = sorted({*DISTRICTS, *reference.list_districts(session)}, key=name_key)
    template = _Template(
        heading=_("Import template: places"),
        sheet=PLACES_SHEET,
        columns=PLACE_COLUMNS,
        explanations=_place_explanations(),
        example=[
            "Märsta station",
            "Märsta",
            PLACE_TYPES.words(PlaceType.STATION)[0],
            59.6296,
            17.8615,
            *(TRAIT.words(key in ("poor_lighting", "littering"))[0] for key in PLACE_TRAITS),
            _("Commuter station; the pedestrian tunnel is poorly lit."),
        ],
        lists={key: (_header(PLACE_COLUMNS, key), vocabulary.shown()) for key, vocabulary in PLACE_CHOICES.items()},
        formats={"latitude": "0.0000", "longitude": "0.0000"},
        rules={
            "latitude": _decimal_rule(*reference.LATITUDE_RANGE),
            "longitude": _decimal_rule(*reference.LONGITUDE_RANGE),
        },
        choices=PLACE_CHOICES,
        references=[(_("Districts"), districts), (_("Places already in the program"), [p.name for p in places])],
    )
    _write(template, actor, path)


def write_category_template(session: Session, actor: Actor, path: Path | str) -> None:
    period = reference.period_in_force(session, actor)
    areas = [a.name for a in reference.areas_in_force(session, actor)]
    categories = reference.list_categories(session, actor)
    codes = [f"{c.code} – {c.name}" for c in sorted(categories, key=lambda c: c.code)]
    template = _Template(
        heading=_("Import template: event types"),
        sheet=CATEGORIES_SHEET,
        columns=CATEGORY_COLUMNS,
        explanations=_category_explanations(period.name if period else ""),
        example=["KLOT", "Klotter", "SKAD", areas[0] if areas else "", ACTIVE.words(True)[0]],
        lists={
            "area": (_("Areas"), areas),
            **{
                key: (_header(CATEGORY_COLUMNS, key), vocabulary.shown())
                for key, vocabulary in CATEGORY_CHOICES.items()
            },
        },
        choices=CATEGORY_CHOICES,
        references=[(_("Event types already in the program"), codes)],
    )
    _write(template, actor, path)


def _header(columns: tuple[Column, ...], key: str) -> str:
    return next(c.header for c in columns if c.key == key)


def column_header(key: str) -> str:
    return next(c.header for c in OBSERVATION_COLUMNS + MEASUREMENT_COLUMNS if c.key == key)


# --- texts -------------------------------------------------------------------------------------------


def _observation_explanations() -> dict[str, str]:
    def with_default(text: str, key: str) -> str:
        default = CHOICES[key].words(CHOICES[key].default)[0]
        return text + " " + _("Empty means '{default}'.", default=default)

    return {
        "date": _("The date of the event as yyyy-mm-dd (e.g. 2026-03-05) or d/m/yyyy; not in the future."),
        "time": _("The time of day as HH:MM; leave it empty when it is not known."),
        "place": _(
            "One of the places in the list. A new place is added first, under File → Administration in the "
            "program, or with 'trygghetscenter place add' or 'trygghetscenter place import'."
        ),
        "category": _("One of the event types in the list, by name or code."),
        "count": _("How many events the row stands for: a whole number from 1 to {max}. Empty means 1.", max=MAX_COUNT),
        "source": with_default(_("Where the information comes from."), "source"),
        "setting": with_default(_("Whether it happened indoors or outdoors."), "setting"),
        "reported_to_police": with_default(_("Whether the event is reported to the police."), "reported_to_police"),
        "verified": with_default(_("Whether someone has confirmed the event."), "verified"),
        "classification": with_default(
            _("Who may see the row: the whole office, or only your own organisation."), "classification"
        ),
        "description": _(
            "Free text, at most {max} characters. Write about places and events, never about persons: no "
            "names, personal identity numbers, phone numbers or registration plates.",
            max=DESCRIPTION_MAX,
        ),
    }


def _measurement_explanations() -> dict[str, str]:
    return {
        "indicator": _("The name of an indicator in the list."),
        "period": _(
            "Any date in the period (yyyy-mm-dd), or the month as yyyy-mm. It is moved to the first day of "
            "the indicator's month, tertial or year; a count only once the period has ended. A period that has a "
            "value keeps it."
        ),
        "value": _("The measured value: a number, with a decimal comma or point."),
        "note": _("Optional note, at most {max} characters.", max=TEXT_MAX),
    }


def _place_explanations() -> dict[str, str]:
    trait = _("Ja if the place has it (a trygghetsvandring's finding); empty means Nej.")
    return {
        "name": _(
            "The place's name, unique in the program. A place the program has with the same values is "
            "skipped; one it has with other values is a problem (change it in the program instead)."
        ),
        "district": _("The kommundel the place lies in; the list below names those known."),
        "place_type": _(
            "What kind of place it is. Empty means '{default}'.", default=PLACE_TYPES.words(PlaceType.OTHER)[0]
        ),
        "latitude": _("WGS84 latitude in decimal degrees, e.g. 59.6225; give both coordinates or neither."),
        "longitude": _("WGS84 longitude in decimal degrees, e.g. 17.8545."),
        "poor_lighting": trait,
        "poor_sightlines": trait,
        "secluded": trait,
        "littering": trait,
        "notes": _("Optional notes about the place, at most {max} characters; never about persons.", max=TEXT_MAX),
    }


def _category_explanations(period: str) -> dict[str, str]:
    return {
        "code": _(
            "A short code, unique in the program (stored in capitals), e.g. VALD. An event type the program has "
            "with the same values is skipped; one it has with other values is a problem."
        ),
        "name": _("The event type's name as everyone will see it."),
        "parent": _(
            "The code of the event type this one lies under: one in the program (see the list below) or one "
            "further up or down in this file. Empty for a top-level event type."
        ),
        "area": _(
            "The samverkansområde of {period} the event type counts to; empty for none.",
            period=period or _("the agreement period in force"),
        ),
        "active": _("Nej for an event type that is no longer in use. Empty means Ja."),
    }


def _observation_example(lookups: Lookups) -> list[object]:
    places = [p.name for p in lookups.active_places()]
    categories = [c.name for c in lookups.active_categories()]
    category = EXAMPLE_CATEGORY if EXAMPLE_CATEGORY in categories or not categories else categories[0]
    return [
        dt.date.today() - dt.timedelta(days=1),
        dt.time(21, 30),
        places[0] if places else "Märsta centrum",
        category,
        1,
        *(CHOICES[key].words(value)[0] for key, value in EXAMPLE_CHOICES.items()),
        _("A loud group outside the entrance; it left when staff arrived."),
    ]


def _first_of_last_month() -> dt.date:
    return (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


# --- writing -----------------------------------------------------------------------------------------


def _write(template: _Template, actor: Actor, path: Path | str) -> None:
    workbook = Workbook()
    data = workbook.active
    data.title = template.sheet
    _write_data_sheet(data, template)
    _write_instructions(workbook.create_sheet(INSTRUCTIONS_SHEET), template)
    _write_lists(workbook.create_sheet(LISTS_SHEET), data, template)
    workbook.properties.title = template.heading
    workbook.properties.creator = actor.display_name or "Trygghetscenter"
    target = target_path(path)
    try:
        with whole_file(target) as stream:
            workbook.save(stream)
    except OSError as exc:
        raise write_error(target, exc) from exc


def _header_row(ws: Worksheet, values: Sequence[object], row: int = 1) -> None:
    for index, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=index, value=value)
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="top", wrap_text=True)


def _write_data_sheet(ws: Worksheet, template: _Template) -> None:
    _header_row(ws, [c.header for c in template.columns])
    for index, column in enumerate(template.columns, start=1):
        letter = get_column_letter(index)
        ws.column_dimensions[letter].width = column.width
        if column.key in template.formats:
            ws.column_dimensions[letter].number_format = template.formats[column.key]
        ws.cell(row=1, column=index).comment = Comment(template.explanations[column.key], "Trygghetscenter")
        rule = template.rules.get(column.key)
        if rule is not None:
            _add_rule(ws, rule, letter)
    ws.freeze_panes = "A2"
    _fit_to_width(ws)


def _add_rule(ws: Worksheet, rule: DataValidation, letter: str) -> None:
    rule.allow_blank = True
    rule.showErrorMessage = True
    rule.errorTitle = _("Not allowed here")
    rule.error = _("See the sheet '{sheet}' for what the column takes.", sheet=INSTRUCTIONS_SHEET)
    rule.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    ws.add_data_validation(rule)


def _write_lists(ws: Worksheet, data: Worksheet, template: _Template) -> None:
    """One column per list; the data sheet's drop-downs point at them. Hidden and protected."""
    keys = [c.key for c in template.columns]
    for list_index, (key, (title, values)) in enumerate(template.lists.items(), start=1):
        letter = get_column_letter(list_index)
        ws.cell(row=1, column=list_index, value=title).font = BOLD
        for row, value in enumerate(values, start=2):
            ws.cell(row=row, column=list_index, value=value)
        ws.column_dimensions[letter].width = max([len(title), *(len(v) for v in values)]) + 2
        if values:  # Excel refuses a list rule over an empty range
            source = f"{quote_sheetname(ws.title)}!${letter}$2:${letter}${len(values) + 1}"
            _add_rule(data, DataValidation(type="list", formula1=source), get_column_letter(keys.index(key) + 1))
    ws.sheet_state = "hidden"
    ws.protection.sheet = True


INSTRUCTION_WIDTHS = (22, 14, 60, 44, 28)  # column, required, what to enter, allowed values, example
LINE_HEIGHT = 15  # points per line of wrapped text


def _write_instructions(ws: Worksheet, template: _Template) -> None:
    ws["A1"] = template.heading
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = _(
        "Enter one row per entry on the sheet '{sheet}', from row 2 down, and keep its header row. Only typed "
        "values are imported: no formulas, merged cells or empty rows between the rows. This sheet and the "
        "hidden lists are not imported.",
        sheet=template.sheet,
    )
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("A2:E2")
    ws.row_dimensions[2].height = 3 * LINE_HEIGHT
    _header_row(
        ws, [_("Column"), _("Required"), _("What to enter"), _("Allowed values"), _("Example (not imported)")], row=4
    )
    for row, (column, example) in enumerate(zip(template.columns, template.example), start=5):
        values = [
            column.header,
            _("Yes") if column.required else "",
            template.explanations[column.key],
            _allowed(template, column.key),
            example,
        ]
        for index, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=index, value=value)
            cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
            cell.number_format = {dt.date: DATE_FORMAT, dt.time: TIME_FORMAT}.get(type(value), "General")
        ws.row_dimensions[row].height = LINE_HEIGHT * _lines(values)
    for index, width in enumerate(INSTRUCTION_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    ws.freeze_panes = "A5"
    _write_reference_lists(ws, template, 5 + len(template.columns) + 1)
    _fit_to_width(ws)


def _lines(values: Sequence[object]) -> int:
    """Lines the tallest cell of an instruction row wraps to (neither Excel nor LibreOffice sizes them reliably)."""
    return max(-(-len(str(value)) // (width - 2)) for value, width in zip(values, INSTRUCTION_WIDTHS) if value != "")


def _fit_to_width(ws: Worksheet) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _allowed(template: _Template, key: str) -> str:
    if key in template.choices:
        return ", ".join(template.choices[key].shown())
    return _("See the lists below.") if key in template.lists else ""


def _write_reference_lists(ws: Worksheet, template: _Template, first_row: int) -> None:
    """The full lists of names (places, event types, indicators), to read; the drop-downs hold them too."""
    row = first_row
    lists = [item for key, item in template.lists.items() if key not in template.choices]  # the short ones
    for title, values in [*lists, *template.references]:  # stand in full in the table above
        ws.cell(row=row, column=1, value=title).font = BOLD
        for offset, value in enumerate(values, start=1):
            ws.cell(row=row + offset, column=1, value=value)
        row += len(values) + 2


def _decimal_rule(minimum: float, maximum: float) -> DataValidation:
    return DataValidation(type="decimal", operator="between", formula1=str(minimum), formula2=str(maximum))


def _date_rule() -> DataValidation:
    return DataValidation(type="date", operator="greaterThanOrEqual", formula1=str(EXCEL_DATE_2000))


def _whole_number_rule(minimum: int, maximum: int) -> DataValidation:
    return DataValidation(type="whole", operator="between", formula1=str(minimum), formula2=str(maximum))
