"""Benchmark: the management report (Excel) over a year holding at least 100,000 observations.

    python bench/bench_report.py [--observations 220000] [--database URL] [--keep FILE.xlsx]

Builds the demo data set with N observations over its two years (in a temporary SQLite file unless
--database names an EMPTY database), then writes the report for the last 365 days as the demo
administrator, in a fresh Python process each time, and prints the wall time, the peak memory and
the file size. The target from issue #5: under 10 s and under about 300 MB with 100,000
observations in the period.

Memory is measured two ways, each in its own run: the process's peak resident size (ru_maxrss of
the child: interpreter, libraries and all), and tracemalloc's peak of Python allocations during
write_report (tracemalloc slows Python down, so that run's time is not the figure to quote).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.demo import create_demo, demo_password
from app.exports.report import write_report
from app.services.auth import authenticator_for
from app.services.filters import ObservationFilter
from app.services.observations import count_observations
from app.services.runner import call

PERIOD_DAYS = 365
SEED = 2026


def _max_rss_mb() -> float:
    # Linux reports kilobytes, macOS bytes.
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024


def run_report(url: str, target: str, traced: bool) -> dict:
    """The child's work: one report, timed; prints its figures as JSON."""
    db = Database(url)
    actor = authenticator_for(db).authenticate("anna.admin", demo_password("anna.admin", SEED))
    today = dt.date.today()
    if traced:
        tracemalloc.start()
    started = time.perf_counter()
    result = write_report(db, actor, today - dt.timedelta(days=PERIOD_DAYS - 1), today, target)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if traced else 0
    db.dispose()
    return {
        "seconds": seconds,
        "rss_mb": _max_rss_mb(),
        "traced_peak_mb": peak / 1024 / 1024,
        "rows": result.observations,
        "sheets": list(result.sheets),
    }


def _child(url: str, target: Path, traced: bool) -> dict:
    command = [sys.executable, __file__, "--child", url, str(target)] + (["--traced"] if traced else [])
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the report run failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="URL of an EMPTY database (default: a temporary SQLite file)")
    parser.add_argument("--observations", type=int, default=220_000)
    parser.add_argument("--keep", metavar="FILE.xlsx", help="copy the written report here")
    parser.add_argument("--runs", type=int, default=3, help="timed runs (the median is reported)")
    parser.add_argument("--child", nargs=2, metavar=("URL", "FILE"), help=argparse.SUPPRESS)
    parser.add_argument("--traced", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(run_report(*args.child, args.traced)))
        return 0
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="bench_report_") as folder:
        db = Database(args.database or f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
        ensure_schema(db)
        started = time.perf_counter()
        create_demo(db, observations=args.observations, seed=SEED, today=today)
        print(f"database:      {db.describe()} ({db.dialect})")
        print(f"observations:  {args.observations:,} (built in {time.perf_counter() - started:.0f} s)")
        actor = authenticator_for(db).authenticate("anna.admin", demo_password("anna.admin", SEED))
        date_from = today - dt.timedelta(days=PERIOD_DAYS - 1)
        in_period = call(db, actor, count_observations, ObservationFilter(date_from, today))
        print(f"in the period: {in_period:,} observations ({date_from} – {today})")
        url = db.url.render_as_string(hide_password=False)
        db.dispose()

        target = Path(folder) / "report.xlsx"
        runs = [_child(url, target, traced=False) for _ in range(args.runs)]
        runs.sort(key=lambda r: r["seconds"])
        median = runs[len(runs) // 2]
        traced = _child(url, target, traced=True)
        times = ", ".join(f"{r['seconds']:.1f}" for r in runs)
        print(f"report:        {median['seconds']:.1f} s, median of {len(runs)} runs ({times})")
        print(f"sheets:        {', '.join(median['sheets'])}")
        print(f"rows:          {median['rows']:,} observations on the sheet")
        print(
            f"memory:        peak RSS of the report process {max(r['rss_mb'] for r in runs):.0f} MB; "
            f"tracemalloc peak during write_report {traced['traced_peak_mb']:.0f} MB"
        )
        print(f"file:          {target.stat().st_size / 1024 / 1024:.1f} MB")
        if args.keep:
            shutil.copyfile(target, args.keep)
            print(f"kept:          {args.keep}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
