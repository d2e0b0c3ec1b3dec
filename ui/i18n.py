"""Installing the program's and Qt's own translators; Swedish is the default language."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from app import i18n as app_i18n
from app.paths import resource


def install_translators(app: QApplication, language: str) -> None:
    app_i18n.set_language(language)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Sweden))
        return
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    ours = QTranslator(app)
    if ours.load(str(resource("i18n", f"trygghetscenter_{language}.qm"))):
        app.installTranslator(ours)
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_own)
