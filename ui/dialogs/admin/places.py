"""Administration → Platser: the office's places, with a form for one place and the merge of two."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from app.domain.vocabulary import PlaceType, choices, label
from app.errors import ConflictError
from app.i18n import _
from app.services import reference
from app.services.common import TEXT_MAX
from app.services.reference import PlaceInput, PlaceMerge, PlaceRow
from ui.confirm import DestructiveQuestion
from ui.context import AppContext
from ui.dialogs.admin.common import AdminPage, suggested_line, yes_no
from ui.dialogs.admin.place_map import PlacePicker
from ui.dialogs.base import EditDialog
from ui.errors import message_for
from ui.forms import Field, check, choice, line, number, text
from ui.models import Column, RowsTableModel
from ui.widgets.combos import ChoiceCombo
from ui.widgets.form import label_for
from ui.widgets.map_tiles import attach_tiles
from ui.widgets.tables import fit_columns, make_table

TRAITS = ("poor_lighting", "poor_sightlines", "secluded", "littering")


def trait_labels() -> dict[str, str]:
    return {
        "poor_lighting": _("Poor lighting"),
        "poor_sightlines": _("Poor sightlines"),
        "secluded": _("Secluded"),
        "littering": _("Littering"),
    }


def traits_text(place: PlaceRow) -> str:
    return ", ".join(text for name, text in trait_labels().items() if getattr(place, name))


def _decimal(value: float) -> str:
    return f"{value:g}".replace(".", ",")


def districts_of(places: Sequence[PlaceRow]) -> list[str]:
    """The districts the places lie in, each once, for the form's suggestions."""
    return sorted({p.district for p in places if p.district}, key=str.lower)


def coordinates_text(place: PlaceRow) -> str:
    if place.latitude is None or place.longitude is None:
        return ""
    return f"{_decimal(place.latitude)} / {_decimal(place.longitude)}"


def place_fields(districts: list[str]) -> list[Field]:
    """The fields of a place, named as PlaceInput's."""
    return [
        line("name", _("&Name"), limit=120),
        suggested_line("district", _("&District"), districts),
        choice("place_type", _("T&ype of place"), choices(PlaceType)),
        number("latitude", _("&Latitude"), empty=None, hint=_("Decimal degrees (WGS84), e.g. 59,622")),
        number("longitude", _("L&ongitude"), empty=None, hint=_("Decimal degrees (WGS84), e.g. 17,855")),
        check("poor_lighting", _("Poor li&ghting")),
        check("poor_sightlines", _("Poor sig&htlines")),
        check("secluded", _("Secl&uded, out of sight")),
        check("littering", _("Litte&ring")),
        text("notes", _("No&tes"), limit=TEXT_MAX),
        check("active", _("&In use (offered in the forms)")),
    ]


class PlaceDialog(EditDialog):
    """A new place, or a change to one (version-checked). A map under the form shows the office's
    other places; a click on it fills in the coordinates, and typed coordinates move its pin."""

    def __init__(
        self,
        ctx: AppContext,
        districts: list[str],
        row: PlaceRow | None = None,
        parent=None,
        neighbours: Sequence[PlaceRow] = (),
    ):
        super().__init__(ctx, parent)
        self.setObjectName("placeDialog")
        self.row = row
        self.setWindowTitle(_("Edit place") if row else _("New place"))
        form = self.declare(place_fields(districts), PlaceInput)
        self.name, self.district = form["name"], form["district"]
        self.latitude, self.longitude = form["latitude"], form["longitude"]
        hint = QLabel(_("Click on the map where the place lies to fill in its coordinates; drag to move the map."))
        hint.setObjectName("placeMapHint")
        hint.setWordWrap(True)
        self.map = PlacePicker([p for p in neighbours if row is None or p.id != row.id])
        attach_tiles(self.map, ctx)
        self.map.picked.connect(self._picked)
        self.finished.connect(lambda _result: self.map.set_tiles(None))  # its tiles leave memory with it
        self.layout_.addWidget(hint)
        self.layout_.addWidget(self.map, 1)
        self.finish_layout()
        self.resize(620, 860)
        if row is not None:
            self.fill(row)
        self._show_pin(centre=True)
        self.latitude.textEdited.connect(lambda _t: self._show_pin())
        self.longitude.textEdited.connect(lambda _t: self._show_pin())
        self.name.setFocus()

    def _typed_coordinates(self) -> tuple[float, float] | None:
        try:
            lat, lon = float(self.latitude.value()), float(self.longitude.value())
        except ValueError:
            return None
        ranges = (reference.LATITUDE_RANGE, reference.LONGITUDE_RANGE)
        if all(low <= v <= high for v, (low, high) in zip((lat, lon), ranges)):
            return lat, lon
        return None

    def _show_pin(self, centre: bool = False) -> None:
        typed = self._typed_coordinates()
        self.map.set_pin(*(typed or (None, None)), centre=centre)

    def _picked(self, latitude: float, longitude: float) -> None:
        self.latitude.set_value(latitude)  # rounded by the picker, written as the field writes numbers
        self.longitude.set_value(longitude)

    def data(self) -> PlaceInput:
        return PlaceInput(**self.declared.values())

    def current_call(self):
        return (reference.get_place, (self.row.id,)) if self.row is not None else None

    def save_call(self):
        if self.row is None:
            return reference.create_place, (self.data(),), {}
        return reference.update_place, (self.row.id, self.data(), self.row.version), {}


def uses_text(uses: dict[str, int]) -> str:
    return _(
        "{observations} observations, {actions} actions and {meetings} follow-up meetings refer to it.",
        observations=uses["observations"],
        actions=uses["actions"],
        meetings=uses["meetings"],
    )


class MergePlacesDialog(QDialog):
    """Two places that are the same: everything that refers to `source` moves to the place chosen
    to keep, and `source` is removed (after a question); the result says what moved."""

    def __init__(self, ctx: AppContext, source: PlaceRow, places: list[PlaceRow], parent=None):
        super().__init__(parent)
        self.setObjectName("mergePlacesDialog")
        self.setWindowTitle(_("Merge places"))
        self.ctx = ctx
        self.source = source
        self.places = {p.id: p for p in places}
        self.uses: dict[str, int] | None = None
        self.result_merge: PlaceMerge | None = None
        self.question: DestructiveQuestion | None = None
        intro = QLabel(
            _(
                "“{name}” is removed; everything that refers to it moves to the place you keep. "
                "The move is in the audit trail.",
                name=source.name,
            )
        )
        intro.setWordWrap(True)
        self.target = ChoiceCombo(searchable=True, placeholder=_("Search places"))
        self.target.setObjectName("target")
        self.target.set_items(
            [(f"{p.name} ({p.district})", p.id) for p in places if p.id != source.id], keep_selection=False
        )
        self.moves = QLabel(_("Counting what refers to the place…"))
        self.moves.setObjectName("moves")
        self.moves.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("dialogBanner")
        self.banner.setProperty("role", "errorBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        form = QFormLayout()
        form.addRow(label_for(_("&Keep the place"), self.target), self.target)
        form.addRow(_("Moves"), self.moves)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = QPushButton(_("&Merge…"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setAutoDefault(False)
        self.buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.clicked.connect(self.ask)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addStretch()
        layout.addWidget(self.buttons)
        self.resize(580, 210)
        ctx.call(reference.place_uses, source.id, on_success=self._counted, on_error=self._failed)

    def _counted(self, uses: dict[str, int]) -> None:
        self.uses = uses
        self.moves.setText(uses_text(uses))

    def ask(self) -> None:
        target = self.places.get(self.target.current_value())
        if target is None:
            self.banner.setText(_("Choose the place to keep."))
            self.banner.show()
            return
        self.banner.hide()
        text = _("Merge “{source}” into “{target}”?", source=self.source.name, target=target.name)
        if self.uses is not None:
            text += " " + uses_text(self.uses) + " " + _("All of it moves to “{target}”.", target=target.name)
        text += "\n\n" + _("“{source}” is then removed; this cannot be undone.", source=self.source.name)
        box = DestructiveQuestion(self, _("Merge places?"), text, _("&Merge"))
        self.question = box

        def answered(_code: int) -> None:
            self.question = None
            if box.chosen():
                self._merge(target)

        box.finished.connect(answered)
        box.open()

    def _merge(self, target: PlaceRow) -> None:
        self.merge_button.setEnabled(False)
        self.ctx.call(
            reference.merge_places,
            self.source.id,
            target.id,
            source_version=self.source.version,
            target_version=target.version,
            on_success=self._merged,
            on_error=self._failed,
        )

    def _merged(self, merge: PlaceMerge) -> None:
        self.result_merge = merge
        self.moves.setText(
            _(
                "Merged: {observations} observations, {actions} actions and {meetings} follow-up meetings "
                "moved to “{kept}”; “{removed}” is removed.",
                observations=merge.observations,
                actions=merge.actions,
                meetings=merge.meetings,
                kept=merge.kept.name,
                removed=merge.removed_name,
            )
        )
        self.moves.setObjectName("mergeResult")
        self.target.setEnabled(False)
        self.merge_button.hide()
        self.buttons.clear()
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.accept)

    def _failed(self, exc: Exception) -> None:
        self.merge_button.setEnabled(True)
        self.banner.setText(message_for(exc)[1])
        self.banner.show()
        if isinstance(exc, ConflictError):
            # One of the two was saved meanwhile: read them again, so that the person can look and merge.
            self.ctx.call(reference.list_places, on_success=self._reread, on_error=self._failed)

    def _reread(self, places: list[PlaceRow]) -> None:
        self.places = {p.id: p for p in places}
        source = self.places.get(self.source.id)
        if source is None:
            self.merge_button.setEnabled(False)
            self.banner.setText(_("“{name}” is no longer there.", name=self.source.name))
            return
        self.source = source
        self.ctx.call(reference.place_uses, source.id, on_success=self._counted, on_error=self._failed)


class PlacesPage(AdminPage):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("adminPlacesPage")
        self.rows: list[PlaceRow] = []
        self.search = QLineEdit()
        self.search.setObjectName("placeSearch")
        self.search.setPlaceholderText(_("Search by name or district"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._show_rows)
        self.show_retired = QCheckBox(_("&Show places not in use as well"))
        self.show_retired.setObjectName("showRetired")
        self.show_retired.toggled.connect(self._show_rows)
        top = QHBoxLayout()
        top.addWidget(label_for(_("Se&arch"), self.search))
        top.addWidget(self.search, 1)
        top.addWidget(self.show_retired)
        self.model = RowsTableModel(
            [
                Column(_("Name"), lambda p: p.name),
                Column(_("District"), lambda p: p.district),
                Column(_("Type of place"), lambda p: label(p.place_type)),
                Column(_("Coordinates"), coordinates_text),
                Column(_("Traits"), traits_text),
                Column(_("Active"), lambda p: yes_no(p.active)),
            ]
        )
        self.view = make_table("placesTable", sortable=True, title=_("Places"))
        self.view.setModel(self.model)
        fit_columns(self.view, stretch=4, keep=(5,))
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.doubleClicked.connect(lambda _index: self.edit())
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.view, 1)
        self.new_button = self.button(_("&New place…"), "newPlace", self.new)
        self.edit_button = self.button(_("&Edit…"), "editPlace", self.edit)
        self.active_button = self.button(_("&Retire"), "toggleActive", self.toggle_active)
        self.merge_button = self.button(_("&Merge…"), "mergePlace", self.merge)
        self.finish_buttons()
        self._update_buttons()

    def reload(self) -> None:
        self.ctx.call(reference.list_places, on_success=self._loaded, on_error=self.error)

    def _loaded(self, rows: list[PlaceRow]) -> None:
        self.rows = rows
        self._show_rows()

    def shown_rows(self) -> list[PlaceRow]:
        needle = self.search.text().strip().lower()
        return [
            p
            for p in self.rows
            if (p.active or self.show_retired.isChecked())
            and (not needle or needle in p.name.lower() or needle in p.district.lower())
        ]

    def _show_rows(self, *_args) -> None:
        chosen = self.selected()
        self.model.set_rows(self.shown_rows())
        if chosen is not None:
            index = next((i for i, p in enumerate(self.model.rows) if p.id == chosen.id), None)
            if index is not None:
                self.view.selectRow(index)
        self._update_buttons()

    def districts(self) -> list[str]:
        return districts_of(self.rows)

    def selected(self) -> PlaceRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self, *_args) -> None:
        place = self.selected()
        for button in (self.edit_button, self.active_button, self.merge_button):
            button.setEnabled(place is not None)
        self.active_button.setText(_("&Bring into use") if place is not None and not place.active else _("&Retire"))

    def new(self) -> None:
        if self.may_change:
            self.open_dialog(PlaceDialog(self.ctx, self.districts(), parent=self, neighbours=self.rows))

    def edit(self) -> None:
        place = self.selected()
        if place is not None and self.may_change:
            self.open_dialog(PlaceDialog(self.ctx, self.districts(), place, self, neighbours=self.rows))

    def toggle_active(self) -> None:
        place = self.selected()
        if place is None or not self.may_change:
            return
        data = PlaceInput(**{f: getattr(place, f) for f in PlaceInput.__dataclass_fields__})
        data.active = not place.active
        self.ctx.call(reference.update_place, place.id, data, place.version, on_error=self.refused)

    def merge(self) -> None:
        place = self.selected()
        if place is not None and self.may_change:
            self.open_dialog(
                MergePlacesDialog(self.ctx, place, [p for p in self.rows if p.active or p.id == place.id], self)
            )
