"""Build the self-contained app for this system with PyInstaller (``make package``).

python packaging/build.py [--dist DIR] [--work DIR]

Linux: DIR/cebdesk/ (run DIR/cebdesk/cebdesk; cebdesk.desktop and cebdesk.png beside it).
Windows: DIR/cebdesk/ (cebdesk.exe, cebdeskw.exe), then packaging/windows/cebdesk.iss.
macOS: DIR/cebdesk.app. Beside the bundle, DIR/cebdesk.source names the source tree it was
built from (fingerprint()), so that a test can reuse a bundle of the same tree.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "cebdesk.spec"
#: what goes into the bundle, besides the installed dependencies
SOURCES = ("cebdesk/**/*.py", "cebdesk/gui/i18n/*.qm", "templates/*.xlsx", "packaging/**/*", "pyproject.toml")


def fingerprint(root: Path = ROOT) -> str:
    """A hash over the files the bundle is built from (names and contents)."""
    digest = hashlib.sha256()
    files = {
        p for pattern in SOURCES for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts
    }
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def bundle_path(dist: Path) -> Path:
    return dist / ("cebdesk.app" if sys.platform == "darwin" else "cebdesk")


def size_mb(path: Path) -> float:
    total = sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())
    return total / 1_000_000


def build(dist: Path, work: Path) -> Path:
    if not list((ROOT / "cebdesk" / "gui" / "i18n").glob("*.qm")):
        raise SystemExit("cebdesk/gui/i18n/*.qm missing: run `python tools/translations.py compile` first")
    source = fingerprint()
    stamp = dist / "cebdesk.source"
    stamp.unlink(missing_ok=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(SPEC),
            "--noconfirm",
            "--clean",
            "--log-level",
            os.environ.get("PYINSTALLER_LOG_LEVEL", "WARN"),
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
        ],
        check=True,
        cwd=ROOT,
    )
    bundle = bundle_path(dist)
    if sys.platform.startswith("linux"):
        shutil.copy2(ROOT / "packaging" / "linux" / "cebdesk.desktop", bundle / "cebdesk.desktop")
        shutil.copy2(work / "cebdesk" / "assets" / "cebdesk.png", bundle / "cebdesk.png")
    stamp.write_text(source + "\n", encoding="utf-8")
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="where the bundle goes (default dist/)"
    )
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "package", help="PyInstaller's work folder"
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    bundle = build(args.dist.resolve(), args.work.resolve())
    print(f"{bundle}  {size_mb(bundle):.0f} MB  built in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
