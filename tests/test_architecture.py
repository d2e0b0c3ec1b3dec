"""The rules of the house, checked by the tools that know them: the import contracts (import-linter,
[tool.importlinter] in pyproject.toml), lint and formatting (ruff) and types (mypy over app/).

They run in the test suite, so `python -m pytest` (the README's command and CI's) checks the same
thing on a developer's machine as in CI.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TREES = ("app", "ui", "tests", "tools", "bench")


def _tool(name: str) -> str:
    """The console script `name` installed beside this interpreter (the venv's), else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]'")
    return found


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "MYPY_CACHE_DIR": os.devnull if os.name != "nt" else "nul"}
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)


def test_import_contracts_are_kept():
    """app/ is headless; app.db does not reach up; ui/ talks to the services only; no cycles."""
    result = _run(_tool("lint-imports"), "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_finds_nothing():
    result = _run(_tool("ruff"), "check", "--no-cache", *TREES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted():
    result = _run(_tool("ruff"), "format", "--check", "--no-cache", *TREES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_type_errors_in_app():
    result = _run(sys.executable, "-m", "mypy", "--no-incremental")
    assert result.returncode == 0, result.stdout + result.stderr


def _function_level_imports(folder: str):
    """(path, line, text) of each import of the project's own modules made inside a function."""
    for path in sorted((ROOT / folder).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for function in ast.walk(ast.parse(source)):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                else:
                    continue
                if any(name.split(".")[0] in ("app", "ui") for name in names):
                    yield path.relative_to(ROOT), node.lineno, lines[node.lineno - 1]


def test_a_deferred_import_says_why():
    """Imports of our own modules belong at the top; one made later (start-up time, a cycle the
    contracts forbid anyway) carries its reason in a comment on its first line or the line above."""
    unexplained = []
    for folder in ("app", "ui"):
        for path, line, text in sorted(set(_function_level_imports(folder))):
            lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
            above = line - 2  # the line before this import's group of imports
            while above > 0 and lines[above].strip().startswith(("from ", "import ")):
                above -= 1
            if "#" not in text and not lines[above].strip().startswith("#"):
                unexplained.append(f"{path}:{line}: {text.strip()}")
    assert unexplained == []


def test_ui_issues_no_sql():
    """Beyond the import contract: no SQL text reaches a session from ui/."""
    for path in (ROOT / "ui").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "session.execute(" not in text and "sa.text(" not in text, path
