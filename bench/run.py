"""Every benchmark of issue #15, at several sizes, on SQLite and PostgreSQL: each figure beside its
floor, measured in the same run, interleaved; prints the tables and writes them as JSON.

    python bench/run.py                               # 10,000 / 100,000 / 1,000,000 on both databases
    python bench/run.py --sizes 100000 --sqlite-only  # quicker
    python bench/run.py --json bench/results.json

Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) unless --sqlite-only; each database is
built afresh from the demo data set (seed 2026, today) and dropped afterwards. Building 1,000,000
observations takes about half a minute on SQLite and a minute or two on PostgreSQL.

The modules and what they measure:
- bench_lagesbild: the lägesbild refresh, a text search, an area tab, an import (at every size);
- bench_list: pages of the observation list by key, deep and last, in every sort (at every size);
- bench_startup: start-up to the sign-in dialog, and sign-in to the filled window (at every size);
- bench_report, bench_charts: the management report and one chart, at the report's size
  (REPORT_OBSERVATIONS over two years, about 105,000 in the report's year);
- bench_map: the lägesbild's map panned and zoomed on tiles in memory, at the report's size too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

from bench.common import Figure, demo_bench, print_figures

PER_SIZE = ("bench_lagesbild", "bench_list", "bench_startup")
AT_REPORT_SIZE = ("bench_report", "bench_charts", "bench_map")
REPORT_OBSERVATIONS = 220_000
SIZES = (10_000, 100_000, 1_000_000)


def _module(name: str):
    return importlib.import_module(f"bench.{name}")


def _run(modules: tuple[str, ...], size: int, postgres: bool, results: list[dict]) -> None:
    with demo_bench(size, postgres=postgres) as bench:
        for name in modules:
            started = time.perf_counter()
            try:
                found: list[Figure] = _module(name).figures(bench)
            except Exception as exc:  # a benchmark that breaks is reported, the others still run
                print(f"\n{name}: FAILED: {exc!r}", flush=True)
                results.append({"module": name, "dialect": bench.dialect, "observations": size, "error": repr(exc)})
                continue
            print_figures(
                found, f"{name} — {bench.dialect}, {size:,} observations ({time.perf_counter() - started:.0f} s)"
            )
            sys.stdout.flush()
            results += [{"module": name, "dialect": bench.dialect, "observations": size, **f.as_json()} for f in found]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=list(SIZES))
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--only", help="comma-separated module names (default: all)")
    parser.add_argument("--json", type=Path, default=Path("bench/results.json"))
    args = parser.parse_args(argv)
    wanted = set(args.only.split(",")) if args.only else set(PER_SIZE + AT_REPORT_SIZE)
    results: list[dict] = []
    for postgres in (False,) if args.sqlite_only else (False, True):
        for size in args.sizes:
            modules = tuple(m for m in PER_SIZE if m in wanted)
            if modules:
                _run(modules, size, postgres, results)
        modules = tuple(m for m in AT_REPORT_SIZE if m in wanted)
        if modules:
            _run(modules, REPORT_OBSERVATIONS, postgres, results)
    missed = [r for r in results if r.get("met") is False or "error" in r]
    args.json.write_text(
        json.dumps(
            {
                "when": dt.datetime.now().isoformat(timespec="seconds"),
                "machine": f"{platform.machine()}, {platform.processor() or platform.system()}, "
                f"Python {platform.python_version()}",
                "figures": results,
            },
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(f"\n{len(results)} figures written to {args.json}; {len(missed)} missed their target or failed.")
    for r in missed:
        print(f"  {r['module']} {r['dialect']} {r['observations']:,}: {r.get('name', '')} {r.get('error', '')}")
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
