"""The program's one catalogue of words: every text a user sees, on screen, in charts, in Excel, in
imports and on the command line, is translated here. Swedish is the default language.

Source strings are English and marked in the code with `_()` (or `N_()` where the text is only named
and translated when shown, `ngettext()` where a count decides the form). The Swedish texts live in
the gettext catalogue `resources/i18n/sv/LC_MESSAGES/trygghetscenter.po`, compiled to the `.mo`
file the program reads with the standard library; `tools/translations.py` extracts the marked
strings from `app/` and `ui/` with Babel, merges them into the catalogue and compiles it. Qt's own
dialogs (file pickers, standard buttons) keep Qt's `qtbase_sv.qm`.

argparse's own words ("usage:", "options", ...) come from this catalogue too: argparse looks them
up through its module's `_` and `ngettext`, which `set_language` points at the catalogue. (gettext's
global text domain would choose the language from the LANGUAGE environment variable, which every
child process inherits: the PostgreSQL server and libpq would then answer in Swedish, and their
messages are read by the program.)
"""

from __future__ import annotations

import argparse
import gettext

from app.paths import resource

DOMAIN = "trygghetscenter"
SUPPORTED = ("sv", "en")
DEFAULT = "sv"


def _catalogue(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, str(resource("i18n")), languages=[lang], fallback=True)


# Swedish until the program's entry point applies the language setting (app.cli.main, ui.app.run):
# this module reads no settings itself, so app.config can use it.
_language = DEFAULT
_translations = _catalogue(_language)


def set_language(language: str) -> None:
    """Use `language` ("sv" or "en"; anything else is Swedish) for every text from now on."""
    global _language, _translations
    _language = language if language in SUPPORTED else DEFAULT
    _translations = _catalogue(_language)
    argparse._ = _translations.gettext  # type: ignore[attr-defined]
    argparse.ngettext = _translations.ngettext  # type: ignore[attr-defined]


def language() -> str:
    return _language


def _(text: str, /, **params: object) -> str:
    """Translate `text` to the current language and fill in its `{name}` parameters."""
    translated = _translations.gettext(text)
    return translated.format(**params) if params else translated


def N_(text: str) -> str:
    """Mark `text` for the catalogue without translating it now (it is translated where it is shown)."""
    return text


def ngettext(singular: str, plural: str, n: int, /, **params: object) -> str:
    """The form for `n` ("1 rad", "3 rader"); `{n}` (n itself unless given, e.g. formatted) and the
    other parameters are filled in."""
    params.setdefault("n", n)
    return _translations.ngettext(singular, plural, n).format(**params)


def pgettext(context: str, text: str, **params: object) -> str:
    """Translate a text whose meaning depends on `context` (the same English word, two Swedish ones)."""
    translated = _translations.pgettext(context, text)
    return translated.format(**params) if params else translated


def in_language(lang: str, text: str) -> str:
    """`text` in `lang` whatever the current language: the Swedish words an import template carries."""
    return _catalogue(lang).gettext(text)


set_language(_language)
