"""The journal's database: SQLite (a file, one seat: the default) or PostgreSQL (a server the
seats of an office share), behind one small connection interface.

The journal's SQL is written once, in what both speak: ``?`` parameters, ``ON CONFLICT DO
NOTHING``, ``RETURNING id``, ``json_extract(column, '$.path')`` and ``COLLATE NOCASE`` (the
PostgreSQL schema defines functions and a collation of those names). :class:`PostgresDatabase`
turns ``?`` into psycopg's ``%s``; rows of both read by name and by position. The few things
that differ in more than spelling (the schema's version and its steps, the write lock of a
transaction, the rows of a JSON array) are methods here, not ``if`` statements in the journal.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SQLITE, POSTGRESQL = "sqlite", "postgresql"


def is_url(target: str | Path) -> bool:
    """A journal named by a URL (a server) rather than a file."""
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


class Row(tuple):
    """One row, read by position or by column name (as sqlite3.Row reads)."""

    __slots__ = ()
    _names: dict[str, int] = {}

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


@functools.lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_names": {n: i for i, n in enumerate(names)}})


_TOKENS = re.compile(r"'(?:[^']|'')*'|\?|%|(?<![:\w]):[A-Za-z_]\w*")


@functools.lru_cache(maxsize=1024)
def to_postgres(sql: str) -> str:
    """The journal's SQL for psycopg: ``?`` outside string literals becomes ``%s`` and ``:name``
    ``%(name)s``; every ``%`` (LIKE '-%') is doubled, as psycopg reads ``%`` as the start of a
    parameter."""

    def token(m: re.Match) -> str:
        text = m.group(0)
        if text == "?":
            return "%s"
        if text.startswith(":"):
            return f"%({text[1:]})s"
        return text.replace("%", "%%")

    return _TOKENS.sub(token, sql)


class Database:
    """What the journal asks of a connection; see :class:`SqliteDatabase`, :class:`PostgresDatabase`."""

    dialect: str
    #: where it is, for messages (a file's path, a server's URL without its password)
    where: str

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        raise NotImplementedError

    @property
    def in_transaction(self) -> bool:
        raise NotImplementedError

    def begin(self) -> None:
        """Start a transaction that will write (SQLite: take the write lock now)."""
        raise NotImplementedError

    def json_elements(self, document: str, path: str, alias: str) -> str:
        """A FROM item: one row for each element of the JSON array at ``path`` ('$.lines') in
        ``document`` (a column), its element read as ``alias.value``."""
        raise NotImplementedError

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        self.execute("ROLLBACK")

    def close(self) -> None:
        raise NotImplementedError

    @property
    def closed(self) -> bool:
        return False

    @property
    def version(self) -> int:
        """The schema step the database is at (0: new)."""
        raise NotImplementedError

    def migrate(self, version: int, script: str) -> None:
        """Run one schema step and record ``version``, in one transaction."""
        raise NotImplementedError


class SqliteDatabase(Database):
    """A journal file: WAL, synchronous=FULL, foreign keys on."""

    dialect = SQLITE

    def __init__(self, path: Path) -> None:
        self.where = str(path)
        self.connection = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.connection.row_factory = sqlite3.Row
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=FULL")
        self.connection.execute("PRAGMA foreign_keys=ON")
        # bound once: the journal's hot path goes straight to sqlite3
        self.execute = self.connection.execute  # type: ignore[method-assign]
        self.executemany = self.connection.executemany  # type: ignore[method-assign]

    @property
    def in_transaction(self) -> bool:
        return self.connection.in_transaction

    def begin(self) -> None:
        self.connection.execute("BEGIN IMMEDIATE")

    def json_elements(self, document: str, path: str, alias: str) -> str:
        return f"json_each({document}, '{path}') {alias}"

    def close(self) -> None:
        self.connection.close()

    def create_function(self, name: str, arity: int, function) -> None:
        self.connection.create_function(name, arity, function, deterministic=True)

    @property
    def version(self) -> int:
        return self.connection.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self, version: int, script: str) -> None:
        try:
            self.connection.executescript(f"BEGIN IMMEDIATE;\n{script};\nPRAGMA user_version={version};\nCOMMIT;")
        except BaseException:
            if self.connection.in_transaction:
                self.connection.execute("ROLLBACK")
            raise


class PostgresDatabase(Database):
    """A shared journal on a PostgreSQL server (psycopg 3). The password is never in the URL
    cebdesk is given: libpq takes it from PGPASSWORD or ~/.pgpass, as every PostgreSQL client."""

    dialect = POSTGRESQL

    def __init__(self, url: str) -> None:
        import psycopg

        self.where = without_password(url)
        # a server out of reach is said within seconds, not after the system's TCP time-out
        wait = {} if "connect_timeout" in url else {"connect_timeout": 10}
        self.connection = psycopg.connect(url, autocommit=True, row_factory=_rows, **wait)

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Any:
        return self.connection.execute(to_postgres(sql), params if isinstance(params, dict) else tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any:
        cursor = self.connection.cursor()
        cursor.executemany(to_postgres(sql), [tuple(r) for r in rows])
        return cursor

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.connection.info.transaction_status != TransactionStatus.IDLE

    def begin(self) -> None:
        self.connection.execute("BEGIN")

    def json_elements(self, document: str, path: str, alias: str) -> str:
        steps = ",".join(path.removeprefix("$.").split("."))
        return f"jsonb_array_elements(({document})::jsonb #> '{{{steps}}}') AS {alias}(value)"

    @property
    def closed(self) -> bool:
        """The connection is gone (closed, or the server ended the session)."""
        return self.connection.closed

    def close(self) -> None:
        self.connection.close()

    @property
    def version(self) -> int:
        # looked up in the catalog as a table is read (this statement's snapshot): to_regclass()
        # would answer from the session's cache, which may still remember "no such table" after
        # another seat made it
        found = self.connection.execute(
            "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname=current_schema() AND tablename='cebdesk_schema'"
        ).fetchone()
        if found is None:
            return 0
        return self.connection.execute("SELECT version FROM cebdesk_schema").fetchone()[0]

    def migrate(self, version: int, script: str) -> None:
        with self.connection.transaction():
            # one step at a time, whichever seat opens the journal first
            self.connection.execute("SELECT pg_advisory_xact_lock(7265)")
            if self.version >= version:
                return
            self.connection.execute(script)
            self.connection.execute(
                "CREATE TABLE IF NOT EXISTS cebdesk_schema (version INTEGER NOT NULL);"
                "DELETE FROM cebdesk_schema;"
            )
            self.connection.execute("INSERT INTO cebdesk_schema (version) VALUES (%s)", (version,))


def _rows(cursor):
    """psycopg row factory: :class:`Row` (by name and by position)."""
    names = tuple(d.name for d in cursor.description or ())
    cls = _row_class(names)

    def make(values: Sequence[Any]) -> Row:
        return cls(values)

    return make


_PASSWORD = re.compile(r"(://[^:/@]+):[^@]*@")


def without_password(url: str) -> str:
    return _PASSWORD.sub(r"\1@", url)


def is_database_error(exc: BaseException) -> bool:
    """A fault of the journal's database: SQLite's, or the server's (unreachable, refused,
    gone mid-query), told apart without importing psycopg where no server is used."""
    if isinstance(exc, sqlite3.DatabaseError):
        return True
    return any(cls.__module__.split(".")[0] == "psycopg" for cls in type(exc).__mro__)


def first_line(exc: BaseException) -> str:
    """An error in one line (a server's errors come with hints on the lines after)."""
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def short_name(url: str) -> str:
    """A server's journal in a few words: its database and host ("cebdesk @ db.office")."""
    from psycopg.conninfo import conninfo_to_dict

    try:
        parts = conninfo_to_dict(url)
    except Exception:  # noqa: BLE001 - a URL libpq cannot read: shown as it is given
        return without_password(url)
    host = str(parts.get("host") or "localhost")
    if host.startswith("/"):
        host = "localhost"  # a Unix socket of this computer
    return f"{parts.get('dbname') or parts.get('user') or ''} @ {host}"


def has_password(url: str) -> bool:
    """A URL that names a password (user:password@host, or ?password=…)."""
    return bool(_PASSWORD.search(url)) or re.search(r"[?&]password=", url) is not None


@contextmanager
def transaction(db: Database) -> Iterator[Database]:
    db.begin()
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    db.commit()
