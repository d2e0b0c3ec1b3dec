"""Benchmark: the management report (Excel) over the last 365 days, against writing its observation sheet bare.

    python bench/bench_report.py [--observations 220000] [--postgres] [--url URL]

The report is written in a fresh Python process each time (so its peak resident size, ru_maxrss of
that child, is the report's: interpreter, libraries and all). The actor is signed in by the parent
and handed to the child, so the child's peak holds no Argon2 password check.

The floor, in a fresh process too, alternating with the report's runs: a plain Python loop over the
same rows read by the database driver (sqlite3 / psycopg, no SQLAlchemy, no openpyxl), each row's
cells written as the same worksheet XML (inline strings, date and number serials) into one zip entry
with zipfile, deflate at the level the report uses for that sheet.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

if TYPE_CHECKING:  # the children import only what they measure (bench.common signs in: Argon2's memory)
    from bench.common import Bench, Figure

PERIOD_DAYS = 365
RUNS = 3
EXCEL_EPOCH = dt.date(1899, 12, 30).toordinal()

FLOOR_SQL = """
SELECT o.id, o.occurred_on, o.occurred_time, p.name, p.district, c.name, o.count, o.source, g.short_name,
       coalesce(u.display_name, ''), o.setting, o.reported_to_police, o.verified, o.classification,
       o.description, o.reported_at
FROM observation o
JOIN place p ON p.id = o.place_id
JOIN category c ON c.id = o.category_id
JOIN organisation g ON g.id = o.organisation_id
LEFT JOIN app_user u ON u.id = o.reported_by_id
WHERE o.occurred_on >= {mark} AND o.occurred_on <= {mark} AND (o.classification = 'open' OR o.organisation_id = {mark})
ORDER BY o.occurred_on, o.occurred_time, o.id
"""


def _max_rss_mb() -> float:
    """This process's peak resident size. On Linux from VmHWM: ru_maxrss survives exec, so a child would
    report its parent's peak when that was higher."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024


def _period(today: dt.date) -> tuple[dt.date, dt.date]:
    return today - dt.timedelta(days=PERIOD_DAYS - 1), today


# --- the children -------------------------------------------------------------------------------


def run_report(job: dict) -> dict:
    from app.db.engine import Database
    from app.domain.vocabulary import Role
    from app.exports.report import write_report
    from app.services.context import Actor

    db = Database(job["url"])
    actor = Actor(**{**job["actor"], "role": Role(job["actor"]["role"])})
    date_from, date_to = (dt.date.fromisoformat(d) for d in job["period"])
    started = time.perf_counter()
    result = write_report(db, actor, date_from, date_to, job["target"])
    seconds = time.perf_counter() - started
    db.dispose()
    return {"seconds": seconds, "rss_mb": _max_rss_mb(), "rows": result.observations}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _serial(value: object) -> str:
    if isinstance(value, str):  # SQLite's text
        value = dt.datetime.fromisoformat(value) if len(value) > 10 else dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return repr(value.toordinal() - EXCEL_EPOCH + seconds / 86_400)
    assert isinstance(value, dt.date)
    return str(value.toordinal() - EXCEL_EPOCH)


def _time(value: object) -> str:
    if isinstance(value, str):
        value = dt.time.fromisoformat(value)
    assert isinstance(value, dt.time)
    return repr((value.hour * 3600 + value.minute * 60 + value.second) / 86_400)


def run_floor(job: dict) -> dict:
    import zipfile

    date_from, date_to = job["period"]
    started = time.perf_counter()
    if job["url"].startswith("sqlite"):
        import sqlite3

        conn = sqlite3.connect(job["url"].split("///", 1)[1])
        cursor = conn.execute(FLOOR_SQL.format(mark="?"), (date_from, date_to, job["actor"]["organisation_id"]))
    else:
        import psycopg

        conn = psycopg.connect(job["url"].replace("postgresql+psycopg://", "postgresql://"))  # type: ignore[assignment]
        cursor = conn.cursor(name="floor")  # type: ignore[assignment]
        cursor.execute(FLOOR_SQL.format(mark="%s"), (date_from, date_to, job["actor"]["organisation_id"]))
    letters = "ABCDEFGHIJKLMNOP"
    kinds = "ndtsssnssssssssd"  # per column: n number, d date or date-time, t time, s text
    rows = 0
    with (
        zipfile.ZipFile(job["target"], "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out,
    ):
        out.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
        number = 5
        chunk: list[str] = []
        while batch := cursor.fetchmany(5000):
            for row in batch:
                n = str(number)
                cells = []
                for letter, kind, value in zip(letters, kinds, row):
                    if value is None or value == "":
                        continue
                    if kind == "s":
                        cells.append(f'<c r="{letter}{n}" t="inlineStr"><is><t>{_escape(str(value))}</t></is></c>')
                    elif kind == "n":
                        cells.append(f'<c r="{letter}{n}" s="1"><v>{value}</v></c>')
                    elif kind == "t":
                        cells.append(f'<c r="{letter}{n}" s="2"><v>{_time(value)}</v></c>')
                    else:
                        cells.append(f'<c r="{letter}{n}" s="3"><v>{_serial(value)}</v></c>')
                chunk.append(f'<row r="{n}">{"".join(cells)}</row>')
                number += 1
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
            rows += len(batch)
        out.write(b"</sheetData></worksheet>")
    conn.close()
    return {"seconds": time.perf_counter() - started, "rss_mb": _max_rss_mb(), "rows": rows}


def _child(job: dict) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", json.dumps(job)], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the {job['kind']} run failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- figures ------------------------------------------------------------------------------------


def figures(bench: Bench) -> list[Figure]:
    from app.services.filters import ObservationFilter
    from app.services.observations import count_observations
    from app.services.runner import call
    from bench.common import Figure

    actor = bench.actor()
    date_from, date_to = _period(bench.today)
    in_period = call(bench.db, actor, count_observations, ObservationFilter(date_from, date_to))
    common = {
        "url": bench.url,
        "actor": {**dataclasses.asdict(actor), "role": str(actor.role.value)},
        "period": [date_from.isoformat(), date_to.isoformat()],
    }
    reports, floors = [], []
    for _ in range(RUNS):  # alternately, so a busy moment of the machine weighs on both alike
        reports.append(_child({**common, "kind": "report", "target": str(bench.folder / "report.xlsx")}))
        floors.append(_child({**common, "kind": "floor", "target": str(bench.folder / "floor.zip")}))
    size = (bench.folder / "report.xlsx").stat().st_size / 1024 / 1024
    note = (
        f"{in_period:,} observations in {date_from} – {date_to}; {reports[0]['rows']:,} rows on the sheet "
        f"(floor {floors[0]['rows']:,}); file {size:.1f} MB; median of {RUNS} fresh processes each"
    )
    return [
        Figure(
            f"Management report, {in_period:,} observations in the year",
            statistics.median(r["seconds"] for r in reports) * 1000,
            statistics.median(f["seconds"] for f in floors) * 1000,
            "the same rows' sheet XML written bare (driver + zipfile)",
            max_ratio=2.0,
            note=note,
        ),
        Figure(
            "Management report, peak RSS of the process",
            max(r["rss_mb"] for r in reports),
            max(f["rss_mb"] for f in floors),
            "the bare writer's process",
            limit_ms=100,
            unit="MB",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        job = json.loads(argv[1])
        print(json.dumps(run_report(job) if job["kind"] == "report" else run_floor(job)))
        return 0
    from bench.common import standalone

    return standalone(figures, __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())
