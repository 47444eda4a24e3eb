"""Writing files so that a reader never sees half of one (temporary name, then rename), and
private to the user: what cebdesk writes holds ID numbers, phone numbers and addresses.

On POSIX every file cebdesk creates is 0600 and every folder it creates 0700, whatever the
umask. Folders that exist already are left as they are (the user may share them on purpose,
e.g. with a transfer client); ``exposed`` tells when data can be reached by other users.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from functools import cache
from pathlib import Path

POSIX = os.name == "posix"
PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


@cache
def _mode() -> int:
    """Ordinary file permissions (0666 less the umask), as open() would give; read once."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(
    path: str | os.PathLike[str], data: bytes, *, private: bool = True, temp_suffix: str | None = None
) -> Path:
    """Write ``data`` to ``path`` whole or not at all (fsync'd); 0600 unless ``private`` is False
    (then ordinary permissions, for files without personal data such as a blank template, or
    for another program to read). ``temp_suffix``: the temporary file's ending while it is
    written (default the target's), e.g. one a folder's watcher ignores."""
    target = Path(path)
    suffix = target.suffix if temp_suffix is None else temp_suffix
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=suffix, dir=target.parent)
    try:
        if POSIX:
            os.fchmod(fd, PRIVATE_FILE if private else _mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def atomic_write_many(items: list[tuple[Path, bytes]], done=None) -> list[Path]:
    """``atomic_write`` for a batch (files 0600): every file is written under a temporary name
    first, then each is fsync'd, renamed, and each folder fsync'd once, so a batch costs the
    disk one flush rather than one per file. ``done(index)`` is called for each item once the
    whole batch is durable (renames included). On an error, the temporary files left are
    removed, the files already renamed (whole) are passed to ``done``, and the error is raised."""
    staged: list[tuple[int, str, Path]] = []
    still_open: set[int] = set()
    renamed: list[Path] = []
    try:
        for target, data in items:
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent)
            staged.append((fd, tmp, target))
            still_open.add(fd)
            if POSIX:
                os.fchmod(fd, PRIVATE_FILE)
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        for fd, _tmp, _target in staged:
            os.fsync(fd)
        for fd, tmp, target in staged:
            still_open.discard(fd)
            os.close(fd)
            os.replace(tmp, target)
            renamed.append(target)
        if POSIX:
            for folder in dict.fromkeys(target.parent for target in renamed):
                _fsync_dir(folder)
    except BaseException:
        for fd, tmp, _target in staged[len(renamed) :]:
            if fd in still_open:
                with contextlib.suppress(OSError):
                    os.close(fd)
            with contextlib.suppress(OSError):
                Path(tmp).unlink(missing_ok=True)
        if done is not None:  # whole on disk: the caller learns of them before the error
            for index in range(len(renamed)):
                done(index)
        raise
    if done is not None:
        for index in range(len(renamed)):
            done(index)
    return renamed


def _fsync_dir(folder: Path) -> None:
    """Make the renames in ``folder`` durable (POSIX; a file system that cannot sync a folder
    is left as it is)."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def private_dir(path: str | os.PathLike[str]) -> Path:
    """Make the folder ``path`` and any missing folder above it, each 0700 (POSIX), whatever
    the umask. Folders that exist already are not touched."""
    folder = Path(path)
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for level in reversed(missing):
        try:
            level.mkdir(mode=PRIVATE_DIR)  # never wider than 0700, even for a moment
        except FileExistsError:
            continue  # made by someone else meanwhile: theirs, left as it is
        if POSIX:
            os.chmod(level, PRIVATE_DIR)  # the umask may have taken bits away (e.g. 0277)
    if not folder.is_dir():
        folder.mkdir(exist_ok=True)  # raises the usual error: a file is in the way
    return folder


def private_file(path: str | os.PathLike[str]) -> Path:
    """Create an empty file 0600, or make an existing one 0600: only for cebdesk's own files
    (the journal), never for a file the user gave."""
    target = Path(path)
    fd = os.open(target, os.O_RDONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE)
    try:
        if POSIX:
            with contextlib.suppress(PermissionError):  # not ours to change: `exposed` tells
                os.fchmod(fd, PRIVATE_FILE)
    finally:
        os.close(fd)
    return target


def exposed(path: str | os.PathLike[str]) -> bool:
    """True when other users of this computer can read ``path`` (POSIX): it is readable (a
    folder: readable and enterable) by others, and every folder above it can be entered by them."""
    if not POSIX:
        return False
    try:
        target = Path(path).resolve()
        st = target.stat()
    except OSError:
        return False
    need = stat.S_IROTH | (stat.S_IXOTH if stat.S_ISDIR(st.st_mode) else 0)
    if st.st_mode & need != need:
        return False
    for above in target.parents:
        try:
            if not above.stat().st_mode & stat.S_IXOTH:
                return False
        except OSError:
            return False
    return True
