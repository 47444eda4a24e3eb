"""The outbox folders the transfer client and cebdesk share.

send/                  what the transfer client picks up (files appear whole: renamed in)
sent/YYYYMMDD/         cebdesk's copy of everything it handed over
receive/               receipts arrive here
receive/done/YYYYMMDD/ receipts read into the journal
error/                 receipts that could not be read, each with NAME.reason.txt
.staging/              signed messages waiting to be handed over (survive a crash)
"""

from __future__ import annotations

import datetime as dt
import errno
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..files import atomic_write, private_dir

HIDDEN = (".", "~")


def _move(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``, whole: where the two lie on different file systems (a
    folder linked elsewhere), copy under a temporary name, rename that, then remove the source."""
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        atomic_write(target, source.read_bytes())
        source.unlink()


class OutboxBusy(Exception):
    """Another cebdesk process is sending from the same outbox."""


class Outbox:
    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        self.send = self.root / "send"
        self.sent = self.root / "sent"
        self.receive = self.root / "receive"
        self.done = self.receive / "done"
        self.error = self.root / "error"
        self.staging = self.root / ".staging"
        for folder in (self.send, self.sent, self.receive, self.done, self.error, self.staging):
            private_dir(folder)  # 0700: the messages hold personal data; existing folders kept as they are

    @staticmethod
    def _today() -> str:
        return dt.date.today().strftime("%Y%m%d")

    # -- outgoing -------------------------------------------------------------------------------
    def stage(self, name: str, data: bytes) -> Path:
        return atomic_write(self.staging / name, data)

    def staged(self, name: str) -> bytes | None:
        path = self.staging / name
        return path.read_bytes() if path.exists() else None

    def archive(self, name: str, data: bytes) -> Path:
        folder = private_dir(self.sent / self._today())
        target = folder / name
        if not target.exists():
            atomic_write(target, data)
        return target

    @staticmethod
    def staged_file(root: str | os.PathLike[str], name: str) -> Path:
        """Where ``name`` is staged in the outbox at ``root`` (without creating anything there)."""
        return Path(root) / ".staging" / name

    def take_over(self, other_root: str | os.PathLike[str], name: str) -> bool:
        """Move a message staged in another outbox into this one's staging (the outbox was
        changed between two runs). False if there is nothing staged there."""
        source = self.staged_file(other_root, name)
        try:
            data = source.read_bytes()
        except FileNotFoundError:
            return False
        self.stage(name, data)
        source.unlink()
        return True

    def hand_over(self, name: str) -> Path:
        """Move a staged message into send/, whole: a rename, or where send/ lies on another
        file system, a copy under a temporary name renamed there, then the staged file removed."""
        source = self.staging / name
        target = self.send / name
        self.archive(name, source.read_bytes())
        _move(source, target)
        return target

    def unstage(self, name: str) -> None:
        data = self.staged(name)
        if data is not None:
            self.archive(name, data)
            (self.staging / name).unlink(missing_ok=True)

    def sweep(self) -> int:
        """Remove half-written temporary files a killed run left in the folders only the sender
        writes (.staging/, sent/). Call with the send lock held."""
        removed = 0
        for folder in (self.staging, *[p for p in self.sent.iterdir() if p.is_dir()]):
            for leftover in folder.glob(".tmp-*"):
                leftover.unlink(missing_ok=True)
                removed += 1
        return removed

    @contextmanager
    def send_lock(self) -> Iterator[None]:
        """One sender at a time per outbox (a second one would race for the same messages)."""
        with (self.root / ".send.lock").open("a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise OutboxBusy(
                    f"another cebdesk is sending from {self.root}; wait for it to finish"
                ) from None
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    # -- incoming -------------------------------------------------------------------------------
    @contextmanager
    def receive_lock(self, wait: float = 0.0) -> Iterator[None]:
        """One reader of receive/ at a time per outbox (the window's automatic reading and
        ``cebdesk receipts``): a second one waits up to ``wait`` seconds, then raises OutboxBusy."""
        with (self.root / ".receive.lock").open("a") as fh:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise OutboxBusy(
                            f"another cebdesk is reading the receipts in {self.receive}; it reads these too"
                        ) from None
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def incoming(self) -> list[Path]:
        """Receipt files waiting in receive/, oldest name first; temporary and hidden files skipped."""
        return sorted(p for p in self.receive.iterdir() if p.is_file() and not p.name.startswith(HIDDEN))

    def finish(self, path: Path) -> Path:
        folder = private_dir(self.done / self._today())
        target = folder / path.name
        _move(path, target)
        return target

    def reject(self, path: Path, reason: str) -> Path:
        target = self.error / path.name
        if target.exists():
            target = self.error / f"{path.stem}.{dt.datetime.now():%H%M%S%f}{path.suffix}"
        shutil.move(str(path), target)
        atomic_write(target.with_name(target.name + ".reason.txt"), (reason.strip() + "\n").encode("utf-8"))
        return target
