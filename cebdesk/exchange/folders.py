"""The outbox folders the transfer client and cebdesk share.

send/                  what the transfer client picks up (files appear whole: renamed in)
sent/YYYYMMDD/         cebdesk's copy of everything it handed over
receive/               receipts arrive here
receive/done/YYYYMMDD/ receipts read into the journal
error/                 receipts that could not be read, each with NAME.reason.txt
.staging/              signed messages waiting to be handed over (survive a crash)

With the transfer client's layout (``ClientFolders``: the China E-Port / Single Window import
client's business modules IMPCEB for import and EXPCEB for export, each with OutBox, SentBox,
InBox and FailBox) messages are handed over into the module's OutBox, routed by the message's
direction, and receipts are read from its InBox. Those folders are the client's: cebdesk never
moves, renames or deletes a file there except what it wrote itself into OutBox; a receipt read
from InBox stays there and is remembered (``.inbox-seen`` in cebdesk's own folder), one that
cannot be read is copied to error/ with the reason. cebdesk's own folders (.staging/, sent/,
receive/ for downloaded receipts, error/) stay where they are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..files import atomic_write, private_dir
from ..spec import message_type

HIDDEN = (".", "~")
#: The transfer client's business modules for cross-border e-commerce, by direction.
CLIENT_MODULES = {"import": "IMPCEB", "export": "EXPCEB"}
#: Where the transfer client keeps its modules by default (Windows).
CLIENT_DEFAULT_ROOT = "C:\\ImpPath"
#: A message left this long (seconds) where the transfer client takes messages from: the client
#: is not running (it looks every few seconds when it runs: TimeInterval 15 in its settings).
OUTBOX_PATIENCE = 15 * 60
#: A file written into a folder another program watches is written under this suffix first
#: and renamed, so the program never sees it half-written as a message.
PARTIAL = ".part"


@dataclass(frozen=True)
class ClientModule:
    """One business module of the transfer client: its four folders."""

    name: str
    outbox: Path  # OutBox: waiting to be sent
    sentbox: Path  # SentBox: sent
    inbox: Path  # InBox: receipts and error notes
    failbox: Path  # FailBox: refused by the server side's check

    @classmethod
    def under(cls, folder: str | os.PathLike[str], name: str) -> ClientModule:
        folder = Path(folder)
        return cls(name, folder / "OutBox", folder / "SentBox", folder / "InBox", folder / "FailBox")

    @property
    def boxes(self) -> tuple[Path, Path, Path, Path]:
        return (self.outbox, self.sentbox, self.inbox, self.failbox)


@dataclass(frozen=True)
class ClientFolders:
    """The transfer client's modules cebdesk hands messages to: import (IMPCEB) and export (EXPCEB)."""

    imports: ClientModule
    exports: ClientModule

    @classmethod
    def configured(
        cls,
        root: str | os.PathLike[str] | None,
        import_folder: str | os.PathLike[str] | None = None,
        export_folder: str | os.PathLike[str] | None = None,
    ) -> ClientFolders:
        """The modules under ``root`` (ROOT/IMPCEB, ROOT/EXPCEB), or where named one by one.
        ValueError when a module has neither."""
        folders = {}
        for direction, given in (("import", import_folder), ("export", export_folder)):
            name = CLIENT_MODULES[direction]
            if given:
                folders[direction] = ClientModule.under(given, name)
            elif root:
                folders[direction] = ClientModule.under(Path(root) / name, name)
            else:
                raise ValueError(f"the transfer client's {name} folder is not set ([exchange] client_root)")
        return cls(folders["import"], folders["export"])

    @property
    def modules(self) -> tuple[ClientModule, ClientModule]:
        return (self.imports, self.exports)

    def module_for(self, file_name: str) -> ClientModule:
        """The module a message goes to, by its direction (its file name begins with its type:
        CEB621Message_….xml is import, CEB603Message_….xml export)."""
        code = file_name.split("_", 1)[0]
        try:
            family = message_type(code).family
        except (KeyError, ValueError):
            family = "import"
        return self.exports if family == "export" else self.imports


def _move(source: Path, target: Path, *, watched: bool = False) -> None:
    """Rename ``source`` to ``target``, whole: where the two lie on different file systems (a
    folder linked elsewhere), copy under a temporary name, rename that, then remove the source.
    ``watched``: another program takes files from the target's folder, so the temporary name
    does not end in the message's suffix (``PARTIAL``)."""
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        if watched:
            _write_watched(target, source.read_bytes())
        else:
            atomic_write(target, source.read_bytes())
        source.unlink()


def _write_watched(target: Path, data: bytes) -> None:
    """Into a folder another program watches: written under a name it ignores (…PARTIAL), with
    ordinary permissions (that program reads it), then renamed."""
    atomic_write(target, data, private=False, temp_suffix=PARTIAL)


class OutboxBusy(Exception):
    """Another cebdesk process is sending from the same outbox."""


class Outbox:
    """cebdesk's exchange folder; with ``client``, messages go to the transfer client's OutBox
    and receipts come from its InBox as well as from receive/."""

    def __init__(self, root: str | os.PathLike[str], client: ClientFolders | None = None) -> None:
        self.root = Path(root)
        self.client = client
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

    def send_path(self, name: str) -> Path:
        """Where the message ``name`` is handed over: send/, or the OutBox of the transfer
        client's module for its direction."""
        if self.client is None:
            return self.send / name
        return self.client.module_for(name).outbox / name

    @property
    def handover_folders(self) -> tuple[Path, ...]:
        """The folders messages wait in for the transfer client to take them."""
        if self.client is None:
            return (self.send,)
        return tuple(m.outbox for m in self.client.modules)

    def hand_over(self, name: str) -> Path:
        """Move a staged message into send/ (or the client's OutBox), whole: a rename, or where
        that folder lies on another file system, a copy under a temporary name renamed there,
        then the staged file removed."""
        source = self.staging / name
        target = self.send_path(name)
        if self.client is not None and not target.parent.is_dir():
            # the client makes its folders; cebdesk does not make them for it
            raise FileNotFoundError(
                errno.ENOENT, "the transfer client's OutBox does not exist (is the client installed?)", str(target.parent)
            )
        self.archive(name, source.read_bytes())
        _move(source, target, watched=self.client is not None)
        with contextlib.suppress(OSError):  # its time is the hand-over's (the client may have taken it already)
            os.utime(target)
        return target

    def waiting(self, now: float | None = None) -> list[tuple[Path, float]]:
        """Messages waiting to be taken by the transfer client: (file, seconds since handed over),
        oldest first. Temporary and hidden files are left out."""
        now = time.time() if now is None else now
        found = []
        for folder in self.handover_folders:
            try:
                entries = list(folder.iterdir())
            except OSError:
                continue
            for path in entries:
                if path.name.startswith(HIDDEN) or path.name.endswith(PARTIAL):
                    continue
                try:
                    st = path.stat()
                except OSError:
                    continue
                if not path.is_file():
                    continue
                found.append((path, max(0.0, now - st.st_mtime)))  # hand_over sets it
        return sorted(found, key=lambda item: -item[1])

    def unstage(self, name: str) -> None:
        data = self.staged(name)
        if data is not None:
            self.archive(name, data)
            (self.staging / name).unlink(missing_ok=True)

    def sweep(self) -> int:
        """Remove half-written temporary files a killed run left in the folders only the sender
        writes (.staging/, sent/). Done by :meth:`send_lock` for a sender alone."""
        removed = 0
        for folder in (self.staging, *[p for p in self.sent.iterdir() if p.is_dir()]):
            for leftover in folder.glob(".tmp-*"):
                leftover.unlink(missing_ok=True)
                removed += 1
        return removed

    @contextmanager
    def send_lock(self, *, shared: bool = False, wait: float = 5.0) -> Iterator[bool]:
        """One sender at a time per outbox (a second one would race for the same messages);
        the half-written files a killed one left are swept first. Yields whether this sender
        is alone on the outbox.

        ``shared``: one of the senders of a shared journal, which claim their messages in the
        journal and so share the outbox: they hold the lock together, and the one that finds
        itself alone sweeps (waiting up to ``wait`` seconds while another sweeps)."""
        with (self.root / ".send.lock").open("a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                alone = True
            except BlockingIOError:
                if not shared:
                    raise OutboxBusy(f"another cebdesk is sending from {self.root}; wait for it to finish") from None
                alone = False
            if alone:
                self.sweep()
            if shared:
                _lock(fh, fcntl.LOCK_SH, wait, f"another cebdesk is sending alone from {self.root}; wait for it to finish")
            try:
                yield alone
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def staged_names(self) -> list[str]:
        """The messages lying in staging (temporary files left out)."""
        return sorted(p.name for p in self.staging.iterdir() if p.is_file() and not p.name.startswith(HIDDEN))

    def drop_staged(self, name: str) -> None:
        (self.staging / name).unlink(missing_ok=True)

    # -- incoming -------------------------------------------------------------------------------
    @contextmanager
    def receive_lock(self, wait: float = 0.0) -> Iterator[None]:
        """One reader of receive/ at a time per outbox (the window's automatic reading and
        ``cebdesk receipts``): a second one waits up to ``wait`` seconds, then raises OutboxBusy."""
        with (self.root / ".receive.lock").open("a") as fh:
            _lock(fh, fcntl.LOCK_EX, wait, f"another cebdesk is reading the receipts in {self.receive}; it reads these too")
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)

    def incoming(self) -> list[Path]:
        """Receipt files waiting in receive/, oldest name first; temporary and hidden files
        skipped. With the transfer client: also the .xml files in its InBoxes not read before
        (other files there are the client's error notes, read with a refusal)."""
        own = sorted(p for p in self.receive.iterdir() if p.is_file() and not p.name.startswith(HIDDEN))
        if self.client is None:
            return own
        seen = self._seen()
        theirs = []
        for module in self.client.modules:
            try:
                entries = sorted(module.inbox.iterdir())
            except OSError:
                continue
            for p in entries:
                if p.name.startswith(HIDDEN) or p.suffix.lower() != ".xml" or not p.is_file():
                    continue
                if _seen_key(p) not in seen:
                    theirs.append(p)
        return own + theirs

    def _theirs(self, path: Path) -> bool:
        """Whether ``path`` lies in one of the transfer client's folders."""
        return self.client is not None and any(path.parent == box for m in self.client.modules for box in m.boxes)

    @property
    def _seen_file(self) -> Path:
        return self.root / ".inbox-seen"

    def _seen(self) -> set[str]:
        try:
            return set(self._seen_file.read_text(encoding="utf-8").splitlines())
        except FileNotFoundError:
            return set()

    def _remember(self, path: Path) -> None:
        key = _seen_key(path)
        if key:
            with self._seen_file.open("a", encoding="utf-8") as fh:
                fh.write(key + "\n")

    def finish(self, path: Path) -> Path:
        if self._theirs(path):
            self._remember(path)  # the client's file: left where it is
            return path
        folder = private_dir(self.done / self._today())
        target = folder / path.name
        _move(path, target)
        return target

    def reject(self, path: Path, reason: str) -> Path:
        target = self.error / path.name
        if target.exists():
            target = self.error / f"{path.stem}.{dt.datetime.now():%H%M%S%f}{path.suffix}"
        if self._theirs(path):
            atomic_write(target, path.read_bytes())  # a copy: the client's file stays in its InBox
            self._remember(path)
        else:
            shutil.move(str(path), target)
        atomic_write(target.with_name(target.name + ".reason.txt"), (reason.strip() + "\n").encode("utf-8"))
        return target


def _lock(fh, kind: int, wait: float, busy: str) -> None:
    """Take the file lock ``kind`` (shared or exclusive), waiting up to ``wait`` seconds; then
    OutboxBusy saying ``busy``."""
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fh, kind | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise OutboxBusy(busy) from None
            time.sleep(0.05)


def _seen_key(path: Path) -> str:
    """A file of the client's InBox as remembered once read: its path, size and modification
    time (a file written again under the same name is read again)."""
    try:
        st = path.stat()
    except OSError:
        return ""
    return f"{st.st_size}\t{st.st_mtime_ns}\t{path}"
