"""The layering rules: app/ never imports Qt or ui/; ui/ never talks SQL."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imports(folder: str):
    for path in (ROOT / folder).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name
            elif isinstance(node, ast.ImportFrom) and node.module:
                yield path, node.module


def test_app_imports_neither_qt_nor_ui():
    bad = [(p.name, m) for p, m in imports("app") if m.split(".")[0] in ("PySide6", "ui", "shiboken6")]
    assert bad == []


def test_ui_issues_no_sql():
    bad = [(p.name, m) for p, m in imports("ui") if m.split(".")[0] in ("sqlalchemy", "psycopg", "sqlite3")]
    assert bad == []
    for path in (ROOT / "ui").rglob("*.py"):
        assert "session.execute(" not in path.read_text(encoding="utf-8"), path


def test_the_data_layer_imports_no_services():
    # app/db below app/services: what both need (the sign-in policy, the rules) lives in app/domain.
    bad = [(p.name, m) for p, m in imports("app/db") if m.startswith("app.services")]
    assert bad == []


def test_the_domain_stands_alone():
    # Pure rules: no database, no services, no Qt; the vocabularies (app/db/enums.py) are plain enums.
    allowed = ("app.domain", "app.i18n", "app.db.enums", "app.errors")
    bad = [
        (p.name, m)
        for p, m in imports("app/domain")
        if m.split(".")[0] in ("sqlalchemy", "psycopg", "sqlite3", "PySide6", "ui")
        or (m.startswith("app.") and not m.startswith(allowed))
    ]
    assert bad == []
