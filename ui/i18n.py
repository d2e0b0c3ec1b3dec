"""Choosing the language: the program's one catalogue (app/i18n.py) and Qt's own words for its
standard dialogs and buttons (`qtbase_sv.qm`); Swedish is the default."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app import i18n as app_i18n


def install_translators(app: QApplication, language: str) -> None:
    app_i18n.set_language(language)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Sweden))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
