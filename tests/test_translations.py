"""Swedish is complete: every Qt string is translated and compiled, every headless message has a Swedish text."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_qt_translation_is_complete_and_compiled():
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "translations.py"), "--check"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _message_strings() -> set[str]:
    """Every literal passed to app.i18n._() under app/."""
    found = set()
    for path in (ROOT / "app").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_" and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.add(first.value)
    return found


def test_every_headless_message_has_a_swedish_translation():
    catalogue = json.loads((ROOT / "resources" / "i18n" / "app_sv.json").read_text(encoding="utf-8"))
    missing = sorted(_message_strings() - set(catalogue))
    assert missing == []
    assert all(value.strip() for value in catalogue.values())


def test_placeholders_survive_translation():
    import re

    catalogue = json.loads((ROOT / "resources" / "i18n" / "app_sv.json").read_text(encoding="utf-8"))
    for english, swedish in catalogue.items():
        assert set(re.findall(r"\{(\w+)\}", english)) == set(re.findall(r"\{(\w+)\}", swedish)), english


def test_no_tr_call_hides_inside_an_f_string():
    """lupdate does not look inside f-strings: a tr() there would silently stay untranslated."""
    hidden = []
    for path in (ROOT / "ui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and getattr(inner.func, "attr", getattr(inner.func, "id", "")) in ("tr", "translate"):
                        hidden.append(f"{path.name}:{node.lineno}")
    assert hidden == []
