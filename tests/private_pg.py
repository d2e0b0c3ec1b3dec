"""A PostgreSQL server of a test's own, which the test may stop and start.

The shared test server (conftest.PG_ADMIN_URL) serves every other test, so restarting it would
disturb them. This one is a throw-away cluster in a temporary folder, on a free port on 127.0.0.1,
run with the same PostgreSQL programs (`pg_config --bindir`). PostgreSQL refuses to run as root;
under root (the CI containers) the cluster belongs to the `postgres` system user.

If it cannot be started the test fails: like the shared server, it is never skipped.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


def _bindir() -> Path:
    pg_config = shutil.which("pg_config")
    if pg_config:
        return Path(subprocess.run([pg_config, "--bindir"], check=True, capture_output=True, text=True).stdout.strip())
    initdb = shutil.which("initdb")
    if initdb:
        return Path(initdb).resolve().parent
    raise RuntimeError("PostgreSQL's programs (pg_config, initdb, pg_ctl) are not installed.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PrivateServer:
    """`password`: the superuser's, and every login must give its password (SCRAM), as on a real
    server; None: trust, as on the shared test server."""

    def __init__(self, password: str | None = None) -> None:
        self.bindir = _bindir()
        self.port = _free_port()
        self.password = password
        self.folder = Path(tempfile.mkdtemp(prefix="tc-private-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._as = []
        owner = pwd.getpwnam("postgres") if os.geteuid() == 0 else None
        if owner is not None:
            os.chown(self.folder, owner.pw_uid, owner.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]
        auth = ["--auth=trust"]
        if password is not None:
            pwfile = self.folder / "superuser-password"
            pwfile.write_text(password + "\n")
            if owner is not None:
                os.chown(pwfile, owner.pw_uid, owner.pw_gid)
            auth = ["--auth=scram-sha-256", f"--pwfile={pwfile}"]
        self._run("initdb", "-D", str(self.data), "-U", "postgres", *auth, "-E", "UTF8", "--locale=C.UTF-8")

    @property
    def url(self) -> str:
        login = "postgres" if self.password is None else f"postgres:{self.password}"
        return f"postgresql://{login}@127.0.0.1:{self.port}/postgres"

    def _run(self, program: str, *args: str) -> None:
        result = subprocess.run([*self._as, str(self.bindir / program), *args], capture_output=True, text=True)
        if result.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(f"{program} failed: {result.stderr.strip() or result.stdout.strip()}\n{log}")

    def start(self, *settings: str) -> None:
        """`settings`: extra server settings, e.g. "log_statement=all"."""
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.folder}"
        options += "".join(f" -c {setting}" for setting in settings)
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-o", options, "-w", "-t", "30", "start")

    def create_database(self, name: str) -> str:
        """An empty database on this server; its URL (as the superuser)."""
        import sqlalchemy as sa

        admin = sa.create_engine(self.url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        finally:
            admin.dispose()
        return self.url.rsplit("/", 1)[0] + "/" + name

    def stop(self) -> None:
        """As a server goes down for maintenance: sessions are cut off at once (fast shutdown)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "30", "stop")

    def remove(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        except RuntimeError:
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)
