"""Benchmark: what the Lägesbild tab asks of the database, on a large demo data set.

    python bench/bench_lagesbild.py [--observations 1000000] [--database URL]

Builds the demo data set with N observations (in a temporary SQLite file unless --database names
an EMPTY database), then times the calls the GUI makes off the UI thread: the whole lägesbild
overview (ranking, matrices, totals, row count) for typical periods, and fetching pages of the
observation list in several sort orders, near the start and deep into the list. The target from
issue #3: each page fetch well under 100 ms, so scrolling stays smooth; the overview within a
second or two (it runs in the background with a busy indicator).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.demo import create_demo, demo_password
from app.services.auth import authenticator_for
from app.services.filters import ObservationFilter
from app.services.observations import list_observations
from app.services.overview import lagesbild_overview
from app.services.runner import call

PAGE = 200  # rows per fetch, as the GUI's paged model asks


def timed(fn, repeat: int = 3) -> float:
    """Median wall time in milliseconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="URL of an EMPTY database (default: a temporary SQLite file)")
    parser.add_argument("--observations", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    today = dt.date.today()
    seed = 2026
    with tempfile.TemporaryDirectory(prefix="bench_lagesbild_") as folder:
        db = Database(args.database or f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        ensure_schema(db)
        started = time.perf_counter()
        create_demo(db, observations=args.observations, seed=seed, today=today)
        print(f"database:      {db.describe()} ({db.dialect})")
        print(f"observations:  {args.observations:,} (built in {time.perf_counter() - started:.0f} s)")
        actor = authenticator_for(db).authenticate("anna.admin", demo_password("anna.admin", seed))

        periods = {
            "last 4 weeks": ObservationFilter(today - dt.timedelta(days=27), today),
            "last year": ObservationFilter(today - dt.timedelta(days=364), today),
            "two years": ObservationFilter(today - dt.timedelta(days=729), today),
        }
        print("\nLägesbild overview (ranking, place x category, weekday x hour, totals, count), median of 3:")
        for label, flt in periods.items():
            ms = timed(lambda flt=flt: call(db, actor, lagesbild_overview, flt))
            print(f"  {label:<14} {ms:8.0f} ms")
        text = ObservationFilter(today - dt.timedelta(days=364), today, text="belysning")
        print(f"  {'year + text':<14} {timed(lambda: call(db, actor, lagesbild_overview, text)):8.0f} ms")

        flt = periods["two years"]
        print(f"\nObservation list, one page of {PAGE} rows over two years, median of 3:")
        for sort in ("occurred_on", "place", "category", "count", "source"):
            for offset in (0, 5_000):
                ms = timed(
                    lambda sort=sort, offset=offset: call(
                        db, actor, list_observations, flt, sort=sort, descending=True, offset=offset, limit=PAGE
                    )
                )
                print(f"  sort {sort:<12} offset {offset:>6,}  {ms:8.1f} ms")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
