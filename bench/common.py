"""What every benchmark shares: a demo database of a given size on SQLite or PostgreSQL, timing a
figure and its floor interleaved in the same run, and printing each figure beside its floor.

A benchmark module offers `figures(bench: Bench) -> list[Figure]`; `bench/run.py` calls each one
for every size and database, prints the table and writes JSON. Each module can also run alone
(`python bench/bench_X.py --observations 100000 [--postgres]`), through `standalone()`.

The floor is what the same answer costs without the program around it: the bare SQL, the bare
library, a bare Qt window. A figure is judged by its target, which is either an absolute limit
(`limit_ms`), a ratio to the floor (`max_ratio`), or both.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

import sqlalchemy as sa

from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.demo import create_demo, demo_password
from app.services.auth import authenticator_for
from app.services.context import Actor

SEED = 2026
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
BENCH_USER = "anna.admin"


@dataclass
class Figure:
    name: str
    value: float  # milliseconds unless `unit` says otherwise
    floor: float | None = None
    floor_name: str = ""
    limit_ms: float | None = None  # target: at most this much
    max_ratio: float | None = None  # target: at most this many times the floor
    unit: str = "ms"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    @property
    def target(self) -> str:
        parts = []
        if self.limit_ms is not None:
            parts.append(f"< {self.limit_ms:g} {self.unit}")
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}× floor")
        return ", ".join(parts)

    @property
    def met(self) -> bool | None:
        if self.limit_ms is None and self.max_ratio is None:
            return None
        ok = True
        if self.limit_ms is not None:
            ok = ok and self.value < self.limit_ms
        if self.max_ratio is not None and self.ratio is not None:
            ok = ok and self.ratio <= self.max_ratio
        return ok

    def as_json(self) -> dict:
        return {**asdict(self), "ratio": self.ratio, "target": self.target, "met": self.met}


@dataclass
class Bench:
    """One database filled with the demo data set, and who benchmarks on it."""

    db: Database
    observations: int
    today: dt.date
    folder: Path  # scratch space, removed afterwards
    repeat: int = 5
    _actor: Actor | None = field(default=None, repr=False)

    @property
    def dialect(self) -> str:
        return self.db.dialect

    @property
    def url(self) -> str:
        return self.db.url.render_as_string(hide_password=False)

    def actor(self) -> Actor:
        if self._actor is None:
            self._actor = authenticator_for(self.db).authenticate(BENCH_USER, demo_password(BENCH_USER, SEED))
        return self._actor

    def password(self, username: str = BENCH_USER) -> str:
        return demo_password(username, SEED)


def median_ms(fn: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def interleaved(fn: Callable[[], object], floor: Callable[[], object], repeat: int = 5) -> tuple[float, float]:
    """Median milliseconds of `fn` and of `floor`, run alternately (after one warm-up of each), so that
    a busy moment of the machine weighs on both alike."""
    fn()
    floor()
    ours, bare = [], []
    for _ in range(repeat):
        for target, into in ((fn, ours), (floor, bare)):
            started = time.perf_counter()
            target()
            into.append((time.perf_counter() - started) * 1000)
    return statistics.median(ours), statistics.median(bare)


def timed_figure(
    name: str,
    fn: Callable[[], object],
    floor: Callable[[], object] | None = None,
    floor_name: str = "",
    *,
    repeat: int = 5,
    limit_ms: float | None = None,
    max_ratio: float | None = None,
    note: str = "",
) -> Figure:
    if floor is None:
        return Figure(name, median_ms(fn, repeat), limit_ms=limit_ms, note=note)
    value, bare = interleaved(fn, floor, repeat)
    return Figure(name, value, bare, floor_name, limit_ms=limit_ms, max_ratio=max_ratio, note=note)


# --- databases ---------------------------------------------------------------------------------


@contextlib.contextmanager
def demo_bench(observations: int, *, postgres: bool = False, url: str | None = None) -> Iterator[Bench]:
    """A fresh database with `observations` demo observations: a temporary SQLite file, or a
    throw-away database on the PostgreSQL server (dropped afterwards); `url` uses an existing,
    already filled database instead."""
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="tc_bench_") as folder:
        if url is not None:
            db = Database(url)
            yield Bench(db, observations, today, Path(folder))
            db.dispose()
            return
        name = None
        if postgres:
            name = f"tc_bench_{uuid.uuid4().hex[:8]}"
            _server(f'CREATE DATABASE "{name}"')
            db = Database(ADMIN_URL.rsplit("/", 1)[0] + f"/{name}")
        else:
            db = Database(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        try:
            ensure_schema(db)
            started = time.perf_counter()
            create_demo(db, observations=observations, seed=SEED, today=today)
            if postgres:
                with db.engine.connect() as conn:
                    conn.execution_options(isolation_level="AUTOCOMMIT").execute(sa.text("VACUUM ANALYZE"))
            print(
                f"# {db.dialect}: {observations:,} observations built in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
            yield Bench(db, observations, today, Path(folder))
        finally:
            db.dispose()
            if name is not None:
                _server(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server(statement: str) -> None:
    engine = sa.create_engine(ADMIN_URL.replace("postgresql://", "postgresql+psycopg://"), isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(sa.text(statement))
    finally:
        engine.dispose()


# --- output ------------------------------------------------------------------------------------


def print_figures(figures: list[Figure], title: str = "", out=sys.stdout) -> None:
    if title:
        print(f"\n{title}", file=out)
    width = max((len(f.name) for f in figures), default=10)
    print(f"  {'figure':<{width}}  {'value':>10}  {'floor':>10}  {'ratio':>6}  {'target':<22} met  floor is", file=out)
    for f in figures:
        floor = f"{f.floor:10.1f}" if f.floor is not None else f"{'':>10}"
        ratio = f"{f.ratio:5.2f}×" if f.ratio is not None else f"{'':>6}"
        met = {True: "yes", False: "NO", None: ""}[f.met]
        print(
            f"  {f.name:<{width}}  {f.value:10.1f}  {floor}  {ratio}  {f.target:<22} {met:<4} {f.floor_name}",
            file=out,
        )
        if f.note:
            print(f"  {'':<{width}}  {f.note}", file=out)


def standalone(module_figures: Callable[[Bench], list[Figure]], description: str, argv: list[str] | None = None) -> int:
    """Run one benchmark module alone: build (or use) a database and print its figures."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--observations", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true", help="on a throw-away database on " + ADMIN_URL)
    parser.add_argument("--url", help="an already filled demo database (built with seed 2026) instead")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    with demo_bench(args.observations, postgres=args.postgres, url=args.url) as bench:
        figures = module_figures(bench)
        print_figures(figures, f"{bench.dialect}, {args.observations:,} observations")
        if args.json:
            args.json.write_text(json.dumps([f.as_json() for f in figures], indent=2, ensure_ascii=False))
    return 0
