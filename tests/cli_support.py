"""Running the command line in the test process: the `run` fixture and the check of a one-line error
(a plugin module: tests/conftest.py loads it, so every test module gets the fixture)."""

from __future__ import annotations

import io
import sys

import pytest

import app.cli as cli
from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.seed import seed_reference_data
from app.services.context import SYSTEM, bind_actor


class Terminal(io.StringIO):
    """Standard input that claims to be a terminal, so the command prompts for passwords."""

    def isatty(self) -> bool:
        return True


class Run:
    """Runs `main()` with the given stdin and collects exit code, stdout and stderr."""

    def __init__(self, capsys, monkeypatch):
        self.capsys = capsys
        self.monkeypatch = monkeypatch

    def __call__(self, *argv: str, stdin: str | io.StringIO = "") -> tuple[int, str, str]:
        self.monkeypatch.setattr(sys, "stdin", io.StringIO(stdin) if isinstance(stdin, str) else stdin)
        self.capsys.readouterr()
        code = cli.main(list(argv))
        out, err = self.capsys.readouterr()
        return code, out, err


def seed_office(url: str) -> str:
    """Give a new database the seed's organisations, areas and event types, as `setup` or `demo` would:
    the command line no longer fills them in by itself. Returns the URL, for chaining."""
    db = Database(url)
    try:
        ensure_schema(db)
        with db.session() as session:
            bind_actor(session, SYSTEM)
            seed_reference_data(session)
    finally:
        db.dispose()
    return url


@pytest.fixture
def run(capsys, monkeypatch) -> Run:
    return Run(capsys, monkeypatch)


def assert_one_line_error(code: int, out: str, err: str) -> str:
    assert code == 2
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("trygghetscenter: ")
    return lines[0]
