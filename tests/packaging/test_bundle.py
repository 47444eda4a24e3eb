"""The self-contained Linux app (PyInstaller, packaging/): built once per run, copied to a clean
folder and run there without the venv, as a user would: --version, a template, a filled
template converted and signed with a key file (checked by xmlsec1 and by the bundle's own
verify), and the window starting offscreen."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from cebdesk import __version__
from cebdesk.spec import document_type
from tests.conftest import IMPORT_XSD
from tests.factory import document_rows
from tests.packaging.bundle import built_bundle, clean_env, install

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the test builds the Linux bundle"),
]

PROFILE = '[transfer]\ncopCode = "1105910159"\ncopName = "测试供应链有限公司"\ndxpId = "DXPENT0000000001"\n'


@pytest.fixture(scope="session")
def bundle(tmp_path_factory) -> Path:
    pytest.importorskip("PyInstaller", reason="PyInstaller not installed (make test installs it)")
    return built_bundle(tmp_path_factory.mktemp("package"))


@pytest.fixture(scope="session")
def app(bundle, tmp_path_factory) -> Path:
    """The bundle's executable, in a folder of its own."""
    return install(bundle, tmp_path_factory.mktemp("opt"))


@pytest.fixture
def run(app, tmp_path):
    work = tmp_path / "work"
    work.mkdir()

    def run(*args, timeout: int = 120, **env) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(app), *map(str, args)],
            cwd=work,
            env=clean_env(tmp_path / "home", **env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    run.work = work
    return run


def fill(template: Path, rows: list[dict[str, object]]) -> None:
    """Rows into the template the bundle wrote, by its row-2 element names, from row 3."""
    from openpyxl import load_workbook

    wb = load_workbook(template)
    ws = wb.worksheets[0]
    column = {cell.value: cell.column for cell in ws[2] if cell.value}
    for r, row in enumerate(rows, start=3):
        for header, value in row.items():
            if value is not None:
                ws.cell(r, column[header], value)
    wb.save(template)


def test_version(run):
    proc = run("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"cebdesk {__version__}"


def test_template_filled_converted_signed_and_verified(run, test_keys):
    work = run.work
    proc = run("template", "inventory", "-o", "清单.xlsx")
    assert proc.returncode == 0, proc.stderr
    template = work / "清单.xlsx"
    inventory = document_type("inventory")
    fill(template, document_rows(inventory, 0, lines=2) + document_rows(inventory, 1, lines=1))
    (work / "profile.toml").write_text(PROFILE, encoding="utf-8")
    shutil.copy(test_keys["p12"], work / "op.p12")

    proc = run(
        "convert",
        "清单.xlsx",
        "-o",
        "out",
        "--profile",
        "profile.toml",
        "--key-file",
        "op.p12",
        "--json",
        CEBDESK_PIN=test_keys["password"],
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    report = json.loads(proc.stdout)
    assert report["converted"] == 2 and report["rejected"] == 0
    [message] = report["messages"]
    assert message["signed"] and message["type"] == "CEB621Message" and message["documents"] == 2
    signed = Path(message["file"])
    signed = signed if signed.is_absolute() else work / signed

    if shutil.which("xmlsec1"):  # the independent verifier
        check = subprocess.run(
            ["xmlsec1", "--verify", "--trusted-pem", str(test_keys["ca"]), str(signed)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stderr
    if IMPORT_XSD.is_file():
        assert etree.XMLSchema(etree.parse(str(IMPORT_XSD))).validate(etree.parse(str(signed)))

    proc = run("verify", signed)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    proc = run("validate", signed)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    tampered = work / "tampered.xml"
    tampered.write_bytes(signed.read_bytes().replace(b"1105910159", b"1105910158", 1))  # after signing
    proc = run("verify", tampered)
    assert proc.returncode == 1, proc.stdout + proc.stderr


@pytest.mark.parametrize(
    ("language", "title", "cancel"),
    [
        ("zh", "cebdesk — 跨境电商统一版申报", "取消"),
        ("en", "cebdesk — cross-border e-commerce declarations", "Cancel"),
    ],
)
def test_window_starts_offscreen(app, run, language, title, cancel):
    data = run.work / "data"
    data.mkdir()
    (data / "profile.toml").write_text(PROFILE, encoding="utf-8")
    report = run.work / "window.json"
    proc = run(
        "--data-dir",
        data,
        QT_QPA_PLATFORM="offscreen",
        CEBDESK_LANG=language,
        CEBDESK_CHECK_WINDOW=str(report),
    )
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(report.read_text(encoding="utf-8"))
    assert shown["frozen"] and shown["platform"] == "offscreen"
    assert shown["title"] == title  # cebdesk's own translations (.qm) in the bundle
    assert shown["qt_cancel"] == cancel  # Qt's Chinese translations in the bundle
    assert shown["qt_translations"].startswith(str(app.parent))  # the bundle's, not the venv's
    assert shown["worker_exit_code"] == 0  # the window's jobs run in spawned processes
    assert shown["chinese_fonts"], "no font for Chinese: install fonts-wqy-microhei (the bundle ships none)"
    assert "Traceback" not in proc.stderr


def test_first_start_without_profile(run):
    """The welcome box of a first start is modal; the window still comes up behind it."""
    report = run.work / "window.json"
    proc = run("--data-dir", run.work / "new", QT_QPA_PLATFORM="offscreen", CEBDESK_CHECK_WINDOW=str(report))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(report.read_text(encoding="utf-8"))["title"].startswith("cebdesk")


def test_without_display_says_so(run):
    proc = run()
    assert proc.returncode == 2
    assert "DISPLAY" in proc.stderr and "Traceback" not in proc.stderr


def test_what_the_bundle_holds(app):
    top = app.parent
    inside = top / "_internal"
    assert sorted(p.name for p in (inside / "cebdesk" / "gui" / "i18n").glob("*.qm")) == [
        "cebdesk_en.qm",
        "qt_gaps_zh_CN.qm",
    ]
    shipped = sorted(p.name for p in (Path(__file__).resolve().parents[2] / "templates").glob("*.xlsx"))
    assert sorted(p.name for p in (inside / "templates").glob("*.xlsx")) == shipped
    assert (top / "cebdesk.desktop").is_file() and (top / "cebdesk.png").is_file()
    qt_translations = sorted(p.name for p in (inside / "PySide6" / "Qt" / "translations").iterdir())
    assert "qtbase_zh_CN.qm" in qt_translations and all("_zh_CN" in n for n in qt_translations)
    names = {p.name for p in inside.rglob("*")}
    for unwanted in ("tests", "pytest", "hypothesis", "signxml", "libqgtk3.so", "libqvnc.so", "tkinter"):
        assert unwanted not in names
    size = sum(p.stat().st_size for p in top.rglob("*") if p.is_file() and not p.is_symlink())
    assert size < 250_000_000, f"the bundle grew to {size / 1e6:.0f} MB"


def test_window_starts_on_an_x_display(app, run):
    """The bundled xcb plugin and the libraries it brings, under Xvfb (a desktop's X11)."""
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb not installed (make test installs it as root: apt-get install xvfb xauth)")
    data = run.work / "data"
    data.mkdir()
    (data / "profile.toml").write_text(PROFILE, encoding="utf-8")
    report = run.work / "window.json"
    proc = subprocess.run(
        ["xvfb-run", "-a", str(app), "--data-dir", str(data)],
        cwd=run.work,
        env=clean_env(run.work.parent / "home", CEBDESK_CHECK_WINDOW=str(report)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(report.read_text(encoding="utf-8"))
    assert shown["platform"] == "xcb" and shown["worker_exit_code"] == 0
