"""The Linux bundle for the packaging tests: built once per test run with packaging/build.py,
or the one in dist/ when `make package` built it from this very source tree."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def packaging_module(name: str):
    """A module of packaging/ (a folder of scripts, not a package)."""
    if str(PACKAGING) not in sys.path:
        sys.path.insert(0, str(PACKAGING))
    spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def built_bundle(scratch: Path) -> Path:
    """dist/cebdesk if its stamp names this source tree, else a fresh build under ``scratch``."""
    build = packaging_module("build")
    stamp = ROOT / "dist" / "cebdesk.source"
    ready = ROOT / "dist" / "cebdesk" / "cebdesk"
    if ready.is_file() and stamp.is_file() and stamp.read_text().strip() == build.fingerprint():
        return ready.parent
    subprocess.run(
        [
            sys.executable,
            str(PACKAGING / "build.py"),
            "--dist",
            str(scratch / "dist"),
            "--work",
            str(scratch / "work"),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
        timeout=900,
    )
    return scratch / "dist" / "cebdesk"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """What a user's shell gives: no venv, no PYTHONPATH, no Qt variables unless asked."""
    for sub in ("config", "data", "cache"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CACHE_HOME": str(home / "cache"),
        **extra,
    }
    if "TMPDIR" in os.environ:
        env["TMPDIR"] = os.environ["TMPDIR"]
    return env


def install(bundle: Path, where: Path) -> Path:
    """A copy of the bundle somewhere else: nothing may point back at the build or the venv."""
    target = where / "cebdesk"
    shutil.copytree(bundle, target, symlinks=True)
    return target / "cebdesk"
