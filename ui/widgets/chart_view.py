"""A chart from app.charts on screen: the Qt canvas, plus save as PNG/PDF and copy to the clipboard.

What is saved or copied carries its marking (classification, who exported it when, the filters) as
a footer line under the chart and the file's texts: the tab tells the view its filters (`mark_with`).

matplotlib's Qt canvas is imported when the first figure arrives, so starting the program does not
pay for matplotlib; the figures themselves are built off the UI thread by the tabs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.context import AppContext
from ui.errors import show_error
from ui.widgets.files import safe_file_name
from ui.window_state import CHARTS_FOLDER, remember_folder, remembered_folder


class ChartView(QWidget):
    def __init__(self, name: str, title: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(name)
        self.figure = None
        self.canvas: QWidget | None = None
        self._ctx: AppContext | None = None
        self._filters: Callable[[], str] = lambda: ""
        self.title = QLabel(title)
        self.title.setObjectName("sectionTitle")
        self.save_button = QToolButton()
        self.save_button.setText(_("Save as…"))
        self.save_button.setToolTip(_("Save the chart as a PNG picture or a PDF document"))
        self.save_button.clicked.connect(self.save)
        self.copy_button = QToolButton()
        self.copy_button.setText(_("Copy"))
        self.copy_button.setToolTip(_("Copy the chart to the clipboard, to paste into a document or e-mail"))
        self.copy_button.clicked.connect(self.copy)
        self.placeholder = QLabel(_("Loading chart…"))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setObjectName("chartPlaceholder")
        self.placeholder.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.title, 1)
        header.addWidget(self.save_button)
        header.addWidget(self.copy_button)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(header)
        self.body.addWidget(self.placeholder, 1)
        self._set_actions_enabled(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    def mark_with(self, ctx: AppContext, filters: Callable[[], str]) -> None:
        """Who exports (the signed-in actor of `ctx`) and the filters the chart was drawn under, asked at export."""
        self._ctx, self._filters = ctx, filters

    def marking(self):
        """The chart's marking for saving and copying (None before `mark_with` or without a signed-in actor)."""
        actor = self._ctx.actor if self._ctx is not None else None
        if actor is None:
            return None
        # matplotlib's writers load on the first save
        from app.charts import ChartMarking
        from app.exports.marking import stamp_for

        stamp = stamp_for(self.title.text().strip() or _("chart"), actor, filters=self._filters())
        return ChartMarking(stamp.footer, stamp.metadata())

    def set_title(self, title: str) -> None:
        self.title.setText(title)

    def set_figure(self, figure) -> None:
        """Show a matplotlib Figure (built by app.charts); replaces the previous one."""
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        if self.canvas is not None:
            self.body.removeWidget(self.canvas)
            self.canvas.deleteLater()
        self.figure = figure
        self.canvas = FigureCanvasQTAgg(figure)
        self.canvas.setObjectName("chartCanvas")
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setMinimumSize(240, 180)
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(lambda pos: self._context_menu(self.canvas.mapTo(self, pos)))
        self.placeholder.hide()
        self.body.addWidget(self.canvas, 1)
        self._set_actions_enabled(True)

    def clear(self, message: str = "") -> None:
        if self.canvas is not None:
            self.body.removeWidget(self.canvas)
            self.canvas.deleteLater()
            self.canvas = None
        self.figure = None
        self.placeholder.setText(message or _("Loading chart…"))
        self.placeholder.show()
        self._set_actions_enabled(False)

    def _set_actions_enabled(self, enabled: bool) -> None:
        self.save_button.setEnabled(enabled)
        self.copy_button.setEnabled(enabled)

    def _context_menu(self, pos) -> None:
        if self.figure is None:
            return
        menu = QMenu(self)
        menu.addAction(_("Save as…"), self.save)
        menu.addAction(_("Copy"), self.copy)
        menu.exec(self.mapToGlobal(pos))

    def _suggested_name(self) -> str:
        return safe_file_name(self.title.text().strip() or _("chart"), "chart")

    def save(self) -> None:
        if self.figure is None:
            return
        folder = remembered_folder(CHARTS_FOLDER)
        png, pdf = _("PNG picture (*.png)"), _("PDF document (*.pdf)")
        path, chosen = QFileDialog.getSaveFileName(
            self, _("Save chart"), str(folder / f"{self._suggested_name()}.png"), f"{png};;{pdf}"
        )
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() not in (".png", ".pdf"):
            target = target.with_suffix(".pdf" if chosen == pdf else ".png")
        self.save_to(target)
        remember_folder(CHARTS_FOLDER, target.parent)

    def save_to(self, target: Path) -> Path | None:
        # matplotlib's writers load on the first save
        from app.charts import save_figure

        try:
            return save_figure(self.figure, target, marking=self.marking())
        except Exception as exc:  # a full disk, a folder without write access, a bad file type
            show_error(self, exc)
            return None

    def copy(self) -> None:
        if self.figure is None:
            return
        # matplotlib's writers load on the first copy
        from app.charts import figure_png_bytes

        QGuiApplication.clipboard().setImage(QImage.fromData(figure_png_bytes(self.figure, marking=self.marking())))
