"""One catalogue of words: every marked string has a Swedish text, every Swedish text is used, the
compiled catalogue is current, and each vocabulary value has one label wherever it is shown."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from app import i18n
from app.domain import vocabulary as enums
from app.domain.vocabulary import ActionKind, ActionStatus, Vocabulary

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import translations  # noqa: E402  (the maintainer tool, from tools/)


def test_the_catalogue_is_complete_used_and_compiled():
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _problems_with(tmp_path, monkeypatch, edit) -> list[str]:
    """The check's findings on a copy of the catalogue changed by `edit(text) -> text`."""
    po = tmp_path / "trygghetscenter.po"
    po.write_text(edit(translations.PO.read_text(encoding="utf-8")), encoding="utf-8")
    monkeypatch.setattr(translations, "PO", po)
    monkeypatch.setattr(translations, "MO", translations.MO)
    return translations.problems()


def test_the_check_finds_an_untranslated_string(tmp_path, monkeypatch):
    found = _problems_with(tmp_path, monkeypatch, lambda t: t.replace('msgstr "Åtgärdsplan"', 'msgstr ""', 1))
    assert "untranslated: 'Action plan'" in found


def test_the_check_finds_a_translation_nobody_uses(tmp_path, monkeypatch):
    extra = '\nmsgid "A string no code marks"\nmsgstr "En sträng som ingen kod märker"\n'
    found = _problems_with(tmp_path, monkeypatch, lambda t: t + extra)
    assert "unused (not in the code): 'A string no code marks'" in found


def test_the_check_finds_a_lost_placeholder_and_a_stale_compiled_file(tmp_path, monkeypatch):
    found = _problems_with(
        tmp_path, monkeypatch, lambda t: t.replace('msgstr "%1 händelser, %2 % av alla"', 'msgstr "%1 händelser"', 1)
    )
    assert any(p.startswith("placeholders differ: '%1 events, %2 % of all'") for p in found)
    assert any("out of date" in p for p in found)


def test_the_check_finds_a_marked_string_missing_from_the_catalogue(tmp_path, monkeypatch):
    def drop(text: str) -> str:
        return text.replace('msgid "Action plan"\nmsgstr "Åtgärdsplan"\n', "", 1)

    assert "not in the catalogue: 'Action plan'" in _problems_with(tmp_path, monkeypatch, drop)


@pytest.fixture
def swedish():
    before = i18n.language()
    i18n.set_language("sv")
    yield
    i18n.set_language(before)


def test_strings_and_plurals_come_from_the_one_catalogue(swedish):
    assert i18n._("Action plan") == "Åtgärdsplan"
    assert i18n.in_language("en", "Action plan") == "Action plan"
    assert i18n.ngettext("{n} row read", "{n} rows read", 1) == "1 rad lästes"
    assert i18n.ngettext("{n} row read", "{n} rows read", 3) == "3 rader lästes"


def test_argparse_speaks_the_programs_language(swedish, capsys):
    import argparse

    with pytest.raises(SystemExit):
        argparse.ArgumentParser(prog="tc").parse_args(["--nope"])
    err = capsys.readouterr().err
    assert "användning:" in err and "okända argument" in err, err


def vocabularies() -> list[type[Vocabulary]]:
    return [
        v for v in vars(enums).values() if isinstance(v, type) and issubclass(v, Vocabulary) and v is not Vocabulary
    ]


@pytest.mark.parametrize("vocabulary", vocabularies(), ids=lambda v: v.__name__)
def test_each_value_of_a_vocabulary_has_one_label_of_its_own(vocabulary, swedish):
    texts = [member.label for member in vocabulary]
    assert all(texts), vocabulary
    assert len(set(texts)) == len(texts), f"{vocabulary.__name__}: two values share a label: {texts}"
    assert all(
        i18n._(member.source_label) != member.source_label or member.source_label == member.label
        for member in vocabulary
    )


def test_the_status_ongoing_and_the_kind_ongoing_keep_their_own_labels(swedish):
    assert ActionStatus.ONGOING == ActionKind.ONGOING  # the same stored word …
    assert enums.label(ActionStatus.ONGOING) == "Pågående"  # … two labels, each beside its vocabulary
    assert enums.label(ActionKind.ONGOING) == "Löpande arbete"


def test_no_module_labels_a_vocabulary_value_again():
    """A label is declared beside its vocabulary (app/domain/vocabulary.py), nowhere else: no mapping from a
    vocabulary member to a marked text anywhere in app/ or ui/."""
    names = {v.__name__ for v in vocabularies()}
    found = []
    for path in [*(ROOT / "app").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        if path.name == "vocabulary.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            pairs = zip(node.keys, node.values) if isinstance(node, ast.Dict) else ()
            for key, value in pairs:
                marked = isinstance(value, ast.Call) and getattr(value.func, "id", "") in ("_", "N_")
                member = isinstance(key, ast.Attribute) and isinstance(key.value, ast.Name) and key.value.id in names
                if marked and member:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []


def test_no_marked_call_hides_inside_an_f_string():
    """The extractor does not look inside f-strings: a _() there would silently stay untranslated."""
    hidden = []
    for path in [*(ROOT / "app").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "id", "") in ("_", "N_", "ngettext"):
                        hidden.append(f"{path.name}:{node.lineno}")
    assert hidden == []
