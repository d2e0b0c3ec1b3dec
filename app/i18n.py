"""Translation of the messages the headless side shows (errors, command line); Swedish is the default.

The GUI uses Qt's translator for its own strings; domain messages are translated here so that the
command line, scheduled exports and the GUI all show the same Swedish text. Source strings are
English; the catalogue `resources/i18n/app_sv.json` maps each one to Swedish.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache

from app.paths import resource

SUPPORTED = ("sv", "en")
_language = os.environ.get("TRYGGHETSCENTER_LANG", "sv") if os.environ.get("TRYGGHETSCENTER_LANG") in SUPPORTED else "sv"


def set_language(language: str) -> None:
    global _language
    _language = language if language in SUPPORTED else "sv"


def language() -> str:
    return _language


@lru_cache(maxsize=None)
def catalogue(lang: str) -> dict[str, str]:
    if lang == "en":
        return {}
    with open(resource("i18n", f"app_{lang}.json"), encoding="utf-8") as fh:
        return json.load(fh)


def _(text: str, **params: object) -> str:
    """Translate `text` to the current language and fill in `{name}` parameters."""
    translated = catalogue(_language).get(text, text)
    return translated.format(**params) if params else translated
