"""Benchmark: how long create_demo takes on a fresh database, extrapolated to a million observations."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.demo import create_demo


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--database",
        help="URL of an EMPTY database (default: a new SQLite file in a temporary folder)",
    )
    parser.add_argument("--observations", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_demo_") as folder:
        url = args.database or f"sqlite:///{Path(folder) / 'demo.sqlite3'}"
        db = Database(url)
        started = time.perf_counter()
        ensure_schema(db)
        migrated = time.perf_counter()

        def progress(message: str) -> None:
            print(f"  [{time.perf_counter() - migrated:7.1f} s] {message}", flush=True)

        result = create_demo(db, observations=args.observations, seed=args.seed, today=args.today, progress=progress)
        finished = time.perf_counter()
        db.dispose()
    seconds = finished - migrated
    rate = args.observations / seconds if seconds else float("inf")
    print(f"database:            {db.describe()} ({db.dialect})")
    print(f"observations:        {result.observations:,}")
    print(f"migration:           {migrated - started:.1f} s")
    print(f"create_demo:         {seconds:.1f} s")
    print(f"rows/second:         {rate:,.0f}")
    print(f"extrapolated to 1M:  {1_000_000 / rate:.0f} s" if rate else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
