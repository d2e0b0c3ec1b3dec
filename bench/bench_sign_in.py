"""Benchmark: how long signing in takes at the desk, with the program's accounts and with the
database login (through the sign-in gate).

    python bench/bench_sign_in.py [--admin-url postgresql://postgres@127.0.0.1:5432/postgres] [--repeat 20]

Creates a throw-away database on the server (dropped afterwards, with the roles made for it), runs
`db init-roles`, adds one user, and times:

- the program's own accounts (Argon2id check, throttle bookkeeping) on that database;
- database sign-in: the gate's check, the SCRAM login as the person, tc_signed_in() and the schema
  check, then closing the connection;
- a wrong password with database sign-in (refused, and counted at the gate).

The wrong-password figure counts failures, so after three the next attempts must wait; the bench
clears the count between attempts (as the owner) to time the attempt itself.

How much the SCRAM check costs depends on the server's authentication method: a server that trusts
local logins skips it. No target is set in the issues; a sign-in should feel immediate (well
under a second).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

import sqlalchemy as sa

from app.db import pg_security
from app.db.engine import Database, normalise_url
from app.db.migrate import ensure_schema
from app.domain.vocabulary import Role
from app.errors import AuthenticationError
from app.seed import seed_reference_data
from app.services import users
from app.services.auth import LocalAuthenticator, PostgresAuthenticator
from app.services.context import SYSTEM, bind_actor

PASSWORD = "bänkens-långa-lösenord"
GATE = "bench-gate-password"


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    admin = sa.create_engine(normalise_url(args.admin_url), isolation_level="AUTOCOMMIT")
    name = f"tc_bench_{uuid.uuid4().hex[:8]}"
    login = f"bench.{uuid.uuid4().hex[:6]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    owner = Database(admin.url.set(database=name))
    try:
        ensure_schema(owner)
        with owner.session() as s:
            bind_actor(s, SYSTEM)
            seed_reference_data(s)
            pg_security.init_roles(s, gate_password=GATE)
            users.create_user(s, SYSTEM, login, "Bänk Användare", "Kommunen", Role.EDITOR, PASSWORD)

        local = LocalAuthenticator(owner)
        url = owner.url  # the desk's URL names no login (URL.set(username=None) would keep it)
        desk = PostgresAuthenticator(
            sa.URL.create(url.drivername, host=url.host, port=url.port, database=url.database), GATE
        )

        def database_sign_in():
            _actor, db = desk.sign_in(login, PASSWORD)
            db.dispose()

        def wrong_password():
            try:
                desk.sign_in(login, "fel")
            except AuthenticationError:
                pass
            with owner.engine.begin() as conn:  # time the attempt, not the wait the count would ask for
                conn.execute(sa.text("DELETE FROM sign_in_throttle"))

        method = owner.url.host or "local socket"
        print(f"Server {method}, database {name}, median of {args.repeat}:")
        print(
            f"  program's own account (Argon2id)           {median_ms(lambda: local.authenticate(login, PASSWORD), args.repeat):7.1f} ms"
        )
        print(f"  database login through the gate            {median_ms(database_sign_in, args.repeat):7.1f} ms")
        print(f"  wrong password, database login (counted)   {median_ms(wrong_password, args.repeat):7.1f} ms")
    finally:
        owner.dispose()
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            groups = pg_security.groups_for(name)
            extra = [
                r
                for r in conn.execute(sa.text("SELECT rolname FROM pg_roles")).scalars()
                if r.startswith(groups.prefix + "_org_")
            ]
            for role in (login, *groups.all_roles(), groups.gate, *extra):
                conn.exec_driver_sql(f"DROP ROLE IF EXISTS {pg_security.ident(role)}")
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
