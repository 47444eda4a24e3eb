"""Writing files so that a reader never sees half of one: temporary name, then rename."""

from __future__ import annotations

import os
import tempfile
from functools import cache
from pathlib import Path


@cache
def _mode() -> int:
    """Ordinary file permissions (0666 less the umask), as open() would give; read once."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` whole or not at all (ordinary permissions, fsync'd)."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=target.suffix, dir=target.parent)
    try:
        os.fchmod(fd, _mode())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
