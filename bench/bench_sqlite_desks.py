"""Benchmark: several desks saving to one shared SQLite file at once (issue #11, item 1).

    python bench/bench_sqlite_desks.py [--desks 2 8] [--seconds 60]

Each desk is a process of its own that, for the given time, saves observations one by one through
the program's service (`create_observation` inside `app.services.runner.call`, as a desk's form
does), reading before it writes as the service does. Printed per number of desks: saves, saves
refused as busy, rows lost (saves reported done but not in the file), and the slowest save; beside
them the floor, one desk alone on the file.

Target: 0 refused as busy under the busy timeout, 0 lost.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

import sqlalchemy as sa

import app.services.audit  # noqa: F401  (the audit listener, as at a desk)
from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.db.models import Category, Observation, Place
from app.domain.vocabulary import Role
from app.errors import DatabaseBusyError, DatabaseUnavailableError
from app.seed import seed_reference_data
from app.services import users
from app.services.context import SYSTEM, bind_actor
from app.services.observations import ObservationInput, create_observation
from app.services.runner import call


def prepare(path: Path) -> None:
    db = Database(str(path))
    ensure_schema(db)
    with db.session() as s:
        bind_actor(s, SYSTEM)
        seed_reference_data(s)
        s.add(Place(name="Märsta station", district="Märsta"))
        for n in range(8):
            users.create_user(s, SYSTEM, f"desk{n}", f"Desk {n}", "Kommunen", Role.EDITOR, "bench-password-1")
    db.dispose()


def desk(path: str, number: int, seconds: float, start_at: float, results) -> None:
    db = Database(path)
    with db.session() as s:
        actor = users.actor_for_username(s, f"desk{number}")
        place = s.scalar(sa.select(Place.id))
        category = s.scalar(sa.select(Category.id).where(Category.code == "NARK"))
    while time.time() < start_at:
        time.sleep(0.001)
    saved, busy, other, slowest = [], 0, 0, 0.0
    end = time.time() + seconds
    while time.time() < end:
        began = time.perf_counter()
        try:
            row = call(
                db,
                actor,
                create_observation,
                ObservationInput(
                    occurred_on=dt.date.today(),
                    place_id=place,
                    category_id=category,
                    description=f"desk {number} save {len(saved)}",
                ),
            )
            saved.append(row.id)
        except DatabaseBusyError:
            busy += 1
        except DatabaseUnavailableError:
            other += 1
        slowest = max(slowest, time.perf_counter() - began)
    db.dispose()
    results.put((saved, busy, other, slowest))


def run(path: Path, desks: int, seconds: float) -> dict:
    results = multiprocessing.Queue()
    start_at = time.time() + 1.0
    processes = [
        multiprocessing.Process(target=desk, args=(str(path), n, seconds, start_at, results)) for n in range(desks)
    ]
    for p in processes:
        p.start()
    collected = [results.get() for _ in processes]
    for p in processes:
        p.join()
    saved = [i for ids, *_ in collected for i in ids]
    db = Database(str(path))
    with db.session() as s:
        stored = set(s.scalars(sa.select(Observation.id).where(Observation.id.in_(saved))))
    db.dispose()
    return {
        "saves": len(saved),
        "busy": sum(c[1] for c in collected),
        "unavailable": sum(c[2] for c in collected),
        "lost": len(set(saved) - stored),
        "slowest": max(c[3] for c in collected),
        "per_s": len(saved) / seconds,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--desks", type=int, nargs="+", default=[2, 8])
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    if not (0 < args.seconds <= 3600) or not all(1 <= d <= 8 for d in args.desks):
        parser.error("--seconds must be 1..3600 and --desks 1..8")
    print(f"{'desks':>5} {'saves':>7} {'saves/s':>8} {'busy':>5} {'offline':>7} {'lost':>5} {'slowest':>8}")
    for desks in [1, *args.desks]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "shared.sqlite3"
            prepare(path)
            r = run(path, desks, args.seconds)
        label = f"{desks} (floor)" if desks == 1 else str(desks)
        print(
            f"{label:>5} {r['saves']:>7} {r['per_s']:>8.1f} {r['busy']:>5} {r['unavailable']:>7} {r['lost']:>5} "
            f"{r['slowest'] * 1000:>6.0f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
