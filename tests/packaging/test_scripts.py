"""The Windows installer script and the CI workflow cannot run here; what they name must be what
the spec and packaging/build.py make."""

from __future__ import annotations

import re

from tests.packaging.bundle import ROOT

ISS = (ROOT / "packaging" / "windows" / "cebdesk.iss").read_text(encoding="utf-8")
SPEC = (ROOT / "packaging" / "cebdesk.spec").read_text(encoding="utf-8")
WORKFLOW = (ROOT / ".github" / "workflows" / "package.yml").read_text(encoding="utf-8")


def test_installer_script_is_ascii():
    """Inno Setup reads a script without a byte-order mark in the system's ANSI code page."""
    assert ISS.isascii()


def test_installer_takes_the_executables_the_spec_makes():
    made = set(re.findall(r'executable\("(\w+)"', SPEC))
    assert made == {"cebdesk", "cebdeskw"}
    named = set(re.findall(r"\{app\}\\(\w+)\.exe", ISS))
    assert named == {"cebdeskw"} and named <= made


def test_installer_paths_are_where_the_build_puts_things():
    iss_dir = ROOT / "packaging" / "windows"
    bundle = re.search(r'#define Bundle "([^"]+)"', ISS).group(1).replace("\\", "/")
    assert (iss_dir / bundle).resolve() == ROOT / "dist" / "cebdesk"  # build.py's default --dist
    icon = re.search(r"SetupIconFile=(\S+)", ISS).group(1).replace("\\", "/")
    # build.py's default --work, where PyInstaller's workpath (WORK/cebdesk) holds the assets
    assert (iss_dir / icon).resolve() == ROOT / "build" / "package" / "cebdesk" / "assets" / "cebdesk.ico"
    source = (ROOT / "packaging" / "build.py").read_text(encoding="utf-8")
    assert 'default=ROOT / "dist"' in source and 'default=ROOT / "build" / "package"' in source


def test_workflow_builds_runs_and_packs_both_systems():
    assert re.search(r"os: \[windows-\S+, macos-\S+\]", WORKFLOW)
    assert "python packaging/build.py" in WORKFLOW
    assert "tools/translations.py compile" in WORKFLOW
    assert r"packaging\windows\cebdesk.iss" in WORKFLOW
    assert "dist/cebdesk.app/Contents/MacOS/cebdesk" in WORKFLOW and "dist/cebdesk/cebdesk.exe" in WORKFLOW
    assert "\t" not in WORKFLOW
