"""Maintainer tool: the one catalogue of words (gettext, extracted with Babel from app/ and ui/).

    python tools/translations.py            # extract the marked strings, merge them into the .po, compile the .mo
    python tools/translations.py --check    # fail on an untranslated or unused string, a lost placeholder, a stale .mo

A new string appears in resources/i18n/sv/LC_MESSAGES/trygghetscenter.po with an empty msgstr:
translate it there (any PO editor, or a text editor), then run the tool again to compile. A string
no longer in the code leaves the catalogue on the next run. Strings are marked with `_()`, `N_()`,
`ngettext()` and `pgettext()` from app/i18n.py. argparse's own words ("usage: ", "options") come
from the same catalogue; they are kept while argparse has them.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gettext
import io
import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "resources" / "i18n" / "sv" / "LC_MESSAGES" / "trygghetscenter.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}
SOURCES = ("app", "ui")
PLACEHOLDER = re.compile(r"\{\w+\}|%\d|%\([a-z_]+\)[sdr]|%[sdr]")

Key = tuple[str, str | None]  # (msgid, context)


def _key(message) -> Key:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return msgid, message.context


def new_catalog() -> Catalog:
    """An empty Swedish catalogue with a header that does not change from run to run."""
    catalog = Catalog(
        locale="sv",
        domain="trygghetscenter",
        project="Trygghetscenter",
        version="1",
        copyright_holder="Trygghetscenter",
        msgid_bugs_address="",
        last_translator="Trygghetscenter",
        language_team="Svenska",
        charset="utf-8",
        fuzzy=False,
        header_comment="# Trygghetscenter: the one catalogue of words, Swedish (see app/i18n.py).",
    )
    catalog.creation_date = catalog.revision_date = dt.datetime(2026, 12, 2, tzinfo=dt.UTC)
    return catalog


def extracted() -> Catalog:
    """Every string marked in the program's source, with where it is used."""
    catalog = new_catalog()
    # Babel warns of every f-string inside a marked call, also where it is only a parameter's value.
    found = []
    with contextlib.redirect_stderr(io.StringIO()):
        for folder in SOURCES:
            marked = extract_from_dir(
                ROOT / folder, [("**.py", "python")], keywords=KEYWORDS, comment_tags=("Translators:",)
            )
            found += [(folder, *item) for item in marked]
    for folder, filename, lineno, message, comments, context in found:
        catalog.add(message, None, [(f"{folder}/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def argparse_strings() -> set[str]:
    """argparse's own messages in this Python: translated when argparse has them, never required."""
    found = set()
    for _lineno, message, _comments, _context in extract_from_file(
        "python", argparse.__file__, keywords={"_": None, "ngettext": (1, 2)}
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def current() -> Catalog:
    with PO.open("rb") as fh:
        return read_po(fh, locale="sv", domain="trygghetscenter")


def merged(code: Catalog, existing: Catalog) -> Catalog:
    """The catalogue for `code`'s strings, keeping the translations `existing` has for them, plus
    the argparse words `existing` translates."""
    out = new_catalog()
    known = {_key(m): m.string for m in existing if m.id}
    for message in code:
        if message.id:
            translation = known.get(_key(message))
            out.add(
                message.id, translation, message.locations, auto_comments=message.auto_comments, context=message.context
            )
    for msgid in sorted(argparse_strings()):
        if (msgid, None) in known and (msgid, None) not in {_key(m) for m in out if m.id}:
            out.add(msgid, known[(msgid, None)], [("argparse", 0)])
    return out


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_output=True, include_lineno=False, omit_header=False)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def mo_messages(data: bytes) -> dict:
    """What a compiled catalogue says, without its header (which names the Babel version)."""
    messages = dict(gettext.GNUTranslations(io.BytesIO(data))._catalog)  # type: ignore[attr-defined]
    messages.pop("", None)
    return messages


def _texts(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def problems() -> list[str]:
    code, existing = extracted(), current()
    found = []
    in_code = {_key(m) for m in code if m.id}
    foreign = {(msgid, None) for msgid in argparse_strings()}
    for message in existing:
        if not message.id:
            continue
        key = _key(message)
        if key not in in_code and key not in foreign:
            found.append(f"unused (not in the code): {key[0]!r}")
        elif not all(text.strip() for text in _texts(message)):
            found.append(f"untranslated: {key[0]!r}")
        else:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            wanted = set().union(*(PLACEHOLDER.findall(i) for i in ids))
            for text in _texts(message):
                if set(PLACEHOLDER.findall(text)) != wanted:
                    found.append(f"placeholders differ: {key[0]!r} -> {text!r}")
    in_catalogue = {_key(m) for m in existing if m.id}
    found += [f"not in the catalogue: {key[0]!r}" for key in sorted(in_code - in_catalogue, key=str)]
    if not MO.exists() or mo_messages(MO.read_bytes()) != mo_messages(mo_bytes(existing)):
        found.append(f"{MO.relative_to(ROOT)} is out of date: run python tools/translations.py")
    return found


def update() -> None:
    catalog = merged(extracted(), current())
    PO.write_bytes(po_bytes(catalog))
    MO.write_bytes(mo_bytes(current()))
    missing = [
        m.id
        for m in catalog
        if (m.id and not all(t.strip() for t in _texts(m) if t is not None)) or (m.id and not m.string)
    ]
    print(f"{len(catalog)} strings; {len(missing)} to translate in {PO.relative_to(ROOT)}")
    for msgid in missing:
        print("  ", repr(msgid))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report problems instead of updating")
    if parser.parse_args().check:
        found = problems()
        for problem in found:
            print(problem)
        return 1 if found else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
