"""A throw-away PostgreSQL server for the tests of the shared journal: a cluster made with
Debian's postgresql in a temporary folder, listening on a Unix socket of its own only (no TCP
port), stopped when the tests end. As root (CI) the server runs as the ``postgres`` user, as
PostgreSQL refuses to run as root."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

DATABASE = "cebdesk"


def postgres_bin() -> Path | None:
    """The folder of initdb and pg_ctl (Debian keeps them out of PATH), or None."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return versions[-1].parent if versions else None


@dataclass
class Cluster:
    folder: Path
    socket_dir: Path
    bin: Path
    user: str | None  # the OS user the server runs as (None: this one)

    @property
    def url(self) -> str:
        """A libpq URL for the test database over the cluster's socket (no password: the
        cluster trusts its own socket, which only its user and root may open)."""
        return f"postgresql:///{DATABASE}?host={self.socket_dir}&user=postgres"

    def _run(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)

    def stop(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")

    def start(self) -> None:
        """Start the server again (after ``stop``)."""
        data, log = self.folder / "data", self.folder / "server.log"
        self._run("pg_ctl", "-D", str(data), "-l", str(log), "-w", "-t", "60", "start")

    def new_database(self, name: str) -> str:
        """Another empty database of the cluster (one per test): its URL."""
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url.replace(f"/{DATABASE}?", f"/{name}?")


def start_cluster(folder: Path) -> Cluster:
    """initdb, then start the server on a socket in ``folder``; the ``cebdesk`` database made."""
    bin_dir = postgres_bin()
    if bin_dir is None:
        raise RuntimeError("postgresql is not installed")
    user = None
    if os.geteuid() == 0:
        user = "postgres"
        pwd.getpwnam(user)  # KeyError: the package makes this user
    folder.mkdir(parents=True, exist_ok=True)
    socket_dir = folder / "socket"
    socket_dir.mkdir(exist_ok=True)
    if user is not None:
        shutil.chown(folder, user)
        shutil.chown(socket_dir, user)
    cluster = Cluster(folder, socket_dir, bin_dir, user)
    data = folder / "data"
    cluster._run("initdb", "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8")
    settings = {
        "listen_addresses": "''",
        "unix_socket_directories": f"'{socket_dir}'",
        "fsync": "off",  # a throw-away cluster: the tests need no durability across a power cut
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "100",
        "shared_buffers": "64MB",
    }
    with (data / "postgresql.conf").open("a") as conf:
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
    cluster.start()
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            with psycopg.connect(cluster.url.replace(f"/{DATABASE}?", "/postgres?"), autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{DATABASE}"')
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
    return cluster
