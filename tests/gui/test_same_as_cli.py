"""The same scenario through the CLI and through the window's real widgets gives the same
journal and the same messages: folder mode, DxpMsg envelopes, HTTP upload to the simulator."""

from __future__ import annotations

import base64
import io
import sqlite3
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from cebdesk.cli import main
from cebdesk.exchange.dxp import NS_DXP
from cebdesk.exchange.simulator import Customs, serve_http
from cebdesk.gui.context import AppContext
from cebdesk.gui.main_window import MainWindow
from cebdesk.settings import load_profile
from cebdesk.signing.select import SignerOptions
from cebdesk.spec import document_type
from tests.factory import filled_template

PROFILE = '[transfer]\ncopCode = "1105910159"\ncopName = "测试供应链有限公司"\ndxpId = "DXPENT0000000001"\n'
#: values that differ between two runs by design: new guids, the time of conversion, the signature
VOLATILE = {"guid", "appTime", "SignatureValue", "DigestValue"}


def _profile(path: Path, mode: str, url: str | None) -> Path:
    text = PROFILE
    if mode == "dxp":
        text += '\n[exchange]\nmode = "folder"\ndxp = true\n'
    elif mode == "http":
        text += f'\n[exchange]\nmode = "http"\nurl = "{url}/cebmsg"\ndxp = true\n'
    path.write_text(text, encoding="utf-8")
    return path


def _journal(data: Path) -> list[tuple]:
    db = sqlite3.connect(data / "journal.sqlite3")
    try:
        documents = db.execute(
            "SELECT d.message_type, d.business_key, d.state, d.app_type,"
            " json_remove(d.record, '$.head.guid', '$.head.appTime'), m.state, m.channel"
            " FROM documents d LEFT JOIN messages m ON m.id = d.message_id ORDER BY d.id"
        ).fetchall()
    finally:
        db.close()
    return documents


def _normal(data: bytes) -> list[tuple[str, str]]:
    root = etree.fromstring(data)
    if etree.QName(root).localname == "DxpMsg":
        root = etree.fromstring(base64.b64decode(root.findtext(f"{{{NS_DXP}}}Data")))
    out = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        name = etree.QName(el).localname
        if name in VOLATILE or name in ("CopMsgId", "CreatTime"):
            continue
        attrs = sorted((k, v) for k, v in el.attrib.items() if k != "guid")
        out.append((name, (el.text or "").strip(), tuple(attrs)))
    return out


def _outputs(send: Path) -> list:
    return sorted(_normal(p.read_bytes()) for p in send.glob("*.xml"))


def _through_the_cli(tmp_path, source, profile, keys) -> None:
    out = io.StringIO()
    code = main(
        [
            "--data-dir", str(tmp_path / "cli"), "--exchange-dir", str(tmp_path / "cli-x"),
            "convert", str(source), "--send", "--profile", str(profile),
            "--key-file", str(keys["pem"]), "--cert", str(keys["cert"]),
        ],  # fmt: skip
        out=out,
    )
    assert code == 0, out.getvalue()


def _through_the_window(qtbot, tmp_path, source, profile, keys, monkeypatch) -> None:
    context = AppContext(
        tmp_path / "win",
        tmp_path / "win-x",
        load_profile(profile),
        SignerOptions(key_file=keys["pem"], cert=keys["cert"]),
    )
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a, **k: ([str(source)], "")))
    with qtbot.waitSignal(win.imports.done, timeout=30_000):
        qtbot.mouseClick(win.import_view.open_button, Qt.MouseButton.LeftButton)
    assert win.import_view.send_button.isEnabled()
    with qtbot.waitSignal(win.imports.done, timeout=60_000):
        qtbot.mouseClick(win.import_view.send_button, Qt.MouseButton.LeftButton)
    assert win.imports.last_error is None, win.imports.last_error
    assert win.imports.last_report.documents == 3
    win.journal.job = None  # let the window go without waiting for a receipts reading


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["folder", "dxp", "http"])
def test_the_window_and_the_cli_declare_alike(qtbot, tmp_path, mode, test_keys, monkeypatch):
    server = None
    customs = Customs(tmp_path / "customs")
    if mode == "http":
        server = serve_http("127.0.0.1", 0, customs)
    try:
        profile = _profile(tmp_path / "profile.toml", mode, server.url if server else None)
        source = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=3, lines=2)
        _through_the_cli(tmp_path, source, profile, test_keys)
        uploaded_by_cli = customs.db.execute("SELECT COUNT(*) FROM seen").fetchone()[0]
        _through_the_window(qtbot, tmp_path, source, profile, test_keys, monkeypatch)
        uploaded = customs.db.execute("SELECT COUNT(*) FROM seen").fetchone()[0]
    finally:
        if server:
            server.shutdown()
        customs.close()
    assert _journal(tmp_path / "cli") == _journal(tmp_path / "win")
    assert [row[6] for row in _journal(tmp_path / "win")] == ["http" if mode == "http" else "folder"] * 3
    cli_files, win_files = _outputs(tmp_path / "cli-x" / "send"), _outputs(tmp_path / "win-x" / "send")
    if mode == "http":
        assert uploaded_by_cli == 1 and uploaded == 2  # one message each, uploaded, nothing left in send/
        assert cli_files == win_files == []
    else:
        assert len(cli_files) == 1 and cli_files == win_files
        raw = next((tmp_path / "win-x" / "send").glob("*.xml")).read_bytes()
        assert (b"<DxpMsg" in raw or b":DxpMsg" in raw) == (mode == "dxp")
