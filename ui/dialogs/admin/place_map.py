"""The place administration's map: click where a place lies to fill in its coordinates."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from app.i18n import _
from app.map import geo
from app.services.lagesbild import MapPlace
from app.services.reference import PlaceRow
from ui.widgets.map_view import MapView

PIN = QColor("#D55E00")  # the charts' vermillion: the place being placed stands out from the grey rings
PIN_ZOOM = 15.0  # a placed place opens close enough to see the streets around it
DECIMALS = 5  # about a metre: finer than a click can aim


class PlacePicker(MapView):
    """The office's other places as grey rings (their names on hover) and the edited place as a pin;
    a click (not a drag) puts the pin there and emits `picked(latitude, longitude)`."""

    picked = Signal(float, float)

    def __init__(self, neighbours: Sequence[PlaceRow], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("placePicker")
        self.setAccessibleName(_("Map: click where the place lies"))
        self.setMinimumSize(320, 240)
        self.set_legend_visible(False)
        self._pin: tuple[float, float] | None = None
        self.clicked_at.connect(self._clicked)
        self.set_places(
            [
                MapPlace(p.id, p.name, p.district, p.latitude, p.longitude, 0, 0)
                for p in neighbours
                if p.latitude is not None and p.longitude is not None
            ]
        )

    @property
    def pin(self) -> tuple[float, float] | None:
        return self._pin

    def set_pin(self, latitude: float | None, longitude: float | None, *, centre: bool = False) -> None:
        """Show the pin at the coordinates (None: no pin); `centre` brings it into the middle of the view."""
        self._pin = None if latitude is None or longitude is None else (latitude, longitude)
        if self._pin is not None and centre:
            zoom = max(self.viewport.zoom, PIN_ZOOM)
            self.viewport = geo.Viewport.around(*self._pin, zoom, max(1, self.width()), max(1, self.height()))
        self.update()

    def _clicked(self, latitude: float, longitude: float) -> None:
        lat, lon = round(latitude, DECIMALS), round(longitude, DECIMALS)
        self.set_pin(lat, lon)
        self.picked.emit(lat, lon)

    def pin_position(self) -> QPointF | None:
        if self._pin is None:
            return None
        return QPointF(*self.viewport.to_screen(*self._pin))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        at = self.pin_position()
        if at is None:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            # A drop pin: its point is the place, its head above it.
            head = QPointF(at.x(), at.y() - 18)
            painter.setPen(QPen(QColor("#333333"), 2))
            painter.drawLine(at, head)
            painter.setBrush(PIN)
            painter.drawEllipse(head, 7, 7)
            painter.setBrush(QColor("white"))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawEllipse(head, 2.5, 2.5)
            painter.setPen(QPen(QColor("#333333"), 1.5))
            painter.drawLine(QPointF(at.x() - 4, at.y()), QPointF(at.x() + 4, at.y()))
        finally:
            painter.end()
