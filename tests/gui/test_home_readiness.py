"""The home page and the 准备工作 page, driven through their widgets: today's numbers from a real
journal (documents sent, refused and released by the customs simulator), each number opening the
query page filtered; the readiness checks run in a worker process (a missing profile, a key
file), the steps ticked off kept in the profile across a restart of the window."""

from __future__ import annotations

import datetime as dt

import json

import io

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from cebdesk.exchange.simulator import Customs, run_folder
from cebdesk.cli import main
from cebdesk.gui.context import AppContext
from cebdesk.gui.main_window import PAGES
from cebdesk.pipeline.workspace import Workspace
from cebdesk.settings import load_profile
from cebdesk.signing.select import SignerOptions
from cebdesk.spec import document_type
from tests.factory import filled_template
from tests.gui.test_gui_flows import (
    LEFT,
    _answer_pin,
    _click,
    _open,
    _page,
    _send,
    _token,
    _wait_receipts,
    _window,
)


def _numbers(win) -> dict[str, str]:
    return {outcome: button.number.text() for outcome, button in win.home_view.numbers.items()}


def _open_number(qtbot, win, outcome: str) -> list[dict]:
    """Home (Ctrl+1), click the number: the query page shows the documents it counts."""
    _page(qtbot, win, "首页")
    _click(qtbot, win.home_view.numbers[outcome])
    assert win.pages.currentWidget() is win.query_view
    return win.query.model.rows


def test_the_window_opens_on_the_home_page(qtbot, tmp_path, profile):
    win = _window(qtbot, AppContext(tmp_path / "data", tmp_path / "exchange", profile))
    assert PAGES[0] == "首页" and win.nav.currentRow() == 0
    assert win.pages.currentWidget() is win.home_view
    assert _numbers(win) == {"sent": "0", "waiting": "0", "refused": "0", "released": "0"}
    assert win.home.readiness is None and "尚未检查" in win.home_view.readiness.text()
    assert not win.home_view.summary.isVisible()  # no export list in the journal: no summary line


def test_home_numbers_from_the_journal_open_the_query_filtered(
    qtbot, tmp_path, profile, softhsm, signer, monkeypatch
):
    orders = filled_template(document_type("order"), tmp_path / "order.xlsx", documents=2)
    inventories = filled_template(document_type("inventory"), tmp_path / "inventory.xlsx", documents=2)
    customs = Customs(tmp_path / "customs")
    try:
        # the same orders declared before by someone else: customs refuses ours as duplicates
        other = Workspace(tmp_path / "other", exchange_dir=tmp_path / "other-exchange", profile=profile)
        other.import_files([orders])
        other.send(signer)
        run_folder(other.outbox(), customs)

        win = _window(qtbot, AppContext(tmp_path / "data", tmp_path / "exchange", profile, _token(softhsm)))
        _open(qtbot, win, monkeypatch, [orders, inventories])
        _send(qtbot, win, softhsm["pin"])
        _page(qtbot, win, "首页")
        assert _numbers(win) == {"sent": "4", "waiting": "4", "refused": "0", "released": "0"}
        rows = _open_number(qtbot, win, "waiting")
        assert len(rows) == 4 and not any(r["returnStatus"] for r in rows)

        run_folder(win.context.outbox(), customs)
    finally:
        customs.close()
    _wait_receipts(qtbot, win, {"-301010", "800"})
    _page(qtbot, win, "首页")  # shown: the numbers as the journal is now
    assert _numbers(win) == {"sent": "4", "waiting": "0", "refused": "2", "released": "2"}

    rows = _open_number(qtbot, win, "refused")
    assert [(r["type"], r["returnStatus"]) for r in rows] == [("CEB311Message", "-301010")] * 2
    assert win.query_view.outcome.currentData() == "refused"
    assert win.query_view.message.text() == "找到 2 个单证"
    rows = _open_number(qtbot, win, "released")
    assert [(r["type"], r["returnStatus"]) for r in rows] == [("CEB621Message", "800")] * 2
    assert win.query_view.since.date() == win.query_view.until.date()  # released today
    assert len(_open_number(qtbot, win, "sent")) == 4
    # the filter is the query page's own: back to all, every document again
    win.query_view.outcome.setCurrentIndex(0)
    assert len(win.query.model.rows) == 4
    # the CLI counts alike: status --outcome reads the same journal the same way
    today = dt.date.today().isoformat()
    for outcome, count in (("sent", 4), ("waiting", 0), ("refused", 2), ("released", 2)):
        out = io.StringIO()
        dates = ["--since", today, "--until", today] if outcome in ("sent", "released") else []
        code = main(
            ["--data-dir", str(tmp_path / "data"), "status", "--outcome", outcome, "--json", *dates], out=out
        )
        assert code == 0 and len(json.loads(out.getvalue())) == count, (outcome, out.getvalue())


def _check(qtbot, win):
    """The 准备工作 page (Ctrl+6): the checks run by themselves the first time it is shown."""
    with qtbot.waitSignal(win.readiness.checked, timeout=60_000):
        _page(qtbot, win, "准备工作")
        assert win.pages.currentWidget() is win.readiness_view
        assert "正在检查" in win.readiness_view.summary.text()
    table = win.readiness_view.table
    return {
        table.item(r, 1).text(): (table.item(r, 0).data(Qt.ItemDataRole.UserRole), table.item(r, 2).text(),
                                  table.item(r, 3).text())
        for r in range(table.rowCount())
    }  # fmt: skip


def _tick(qtbot, win, step: str) -> None:
    box = win.readiness_view.steps[step]
    assert box.isVisible()
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))  # on the box itself


def test_readiness_page_missing_profile_key_file_and_steps_kept(qtbot, tmp_path, test_keys):
    data, exchange = tmp_path / "data", tmp_path / "exchange"
    key_file = SignerOptions(key_file=test_keys["pem"], cert=test_keys["cert"])
    win = _window(qtbot, AppContext(data, exchange, None, key_file))
    checks = _check(qtbot, win)
    level, text, fix = checks["企业档案"]
    assert level == "error" and "没有企业档案" in text and "设置页" in fix
    assert checks["签名方式"][0] == "ok" and "key.pem 可读" in checks["签名方式"][1]
    assert checks["证书"][0] == "ok" and "有效至" in checks["证书"][1]
    assert checks["报文目录"][0] == "ok"
    assert "1 个问题" in win.readiness_view.summary.text()
    _page(qtbot, win, "首页")
    assert "1 个问题" in win.home_view.readiness.text()
    assert "有效至" in win.home_view.certificate.text()  # the certificate's expiry on the home page
    _click(qtbot, win.home_view.readiness_button)
    assert win.pages.currentWidget() is win.readiness_view

    # a step ticked off: kept in the workspace's profile ([readiness]), even before it is filled in
    assert not win.readiness_view.steps["certificate"].isChecked()
    _tick(qtbot, win, "certificate")
    assert win.readiness_view.steps["certificate"].isChecked()
    assert "已办好" in win.readiness_view.steps["certificate"].text()
    saved = load_profile(data / "profile.toml")
    assert list(saved.readiness) == ["certificate"]
    assert "已办 1/4" in win.home_view.readiness.text()
    win.close()

    # the window started again, as the app starts it: the tick is still there
    workspace = Workspace(data, exchange_dir=exchange)
    again = _window(
        qtbot, AppContext(workspace.data_dir, workspace.exchange_dir, workspace.profile, key_file)
    )
    assert again.readiness_view.steps["certificate"].isChecked()
    assert not again.readiness_view.steps["interface"].isChecked()
    assert "已办 1/4" in again.home_view.readiness.text()
    _page(qtbot, again, "准备工作")
    _tick(qtbot, again, "certificate")  # unticked: gone from the profile
    assert load_profile(data / "profile.toml").readiness == {}


def test_saving_the_settings_keeps_the_steps(qtbot, tmp_path, profile):
    win = _window(qtbot, AppContext(tmp_path / "data", tmp_path / "exchange", profile))
    with qtbot.waitSignal(win.readiness.checked, timeout=60_000):
        _page(qtbot, win, "准备工作")
    _tick(qtbot, win, "who_signs")
    _page(qtbot, win, "设置")
    with qtbot.waitSignal(win.readiness.checked, timeout=60_000):  # checked again with the saved profile
        _click(qtbot, win.settings_view.save_button)
    saved = load_profile(tmp_path / "data" / "profile.toml")
    assert list(saved.readiness) == ["who_signs"] and saved.transfer["copCode"] == "1105910159"
    assert "已办 1/4" in win.home_view.readiness.text()
    QApplication.processEvents()


def test_a_certificate_inside_a_p12_is_checked_with_the_password_asked_once(qtbot, tmp_path, profile, test_keys, monkeypatch):
    """Without CEBDESK_PIN the .p12's certificate is not read; the page offers to ask the password
    (the PIN dialog, once) and checks it then; the CLI's advice is not what the window gives."""
    monkeypatch.delenv("CEBDESK_PIN", raising=False)
    win = _window(qtbot, AppContext(tmp_path / "data", tmp_path / "x", profile, SignerOptions(key_file=test_keys["p12"])))
    checks = _check(qtbot, win)
    level, _text, fix = checks["证书"]
    assert level == "skipped" and "输入口令检查证书" in fix
    view = win.readiness_view
    assert view.certificate_button.isVisible()
    asked = _answer_pin(test_keys["password"])
    with qtbot.waitSignal(win.readiness.checked, timeout=60_000):
        _click(qtbot, view.certificate_button)
    assert len(asked.seen) == 1
    table = view.table
    rows = {table.item(r, 1).text(): table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())}
    assert rows["证书"] == "ok" and not view.certificate_button.isVisible()
    # 重新检查 asks nothing: the password was for that check only
    with qtbot.waitSignal(win.readiness.checked, timeout=60_000):
        _click(qtbot, view.check_button)
    rows = {table.item(r, 1).text(): table.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(table.rowCount())}
    assert rows["证书"] == "skipped"


def test_messages_the_transfer_client_leaves_too_long_are_said_on_the_home_page_and_status_bar(
    qtbot, tmp_path, profile_file
):
    """The transfer client's layout: a message left in IMPCEB/OutBox for an hour (the client not
    running) is said on the home page and in the status bar; one just handed over is not."""
    import os
    import time

    root = tmp_path / "ImpPath"
    for module in ("IMPCEB", "EXPCEB"):
        for box in ("OutBox", "SentBox", "InBox", "FailBox"):
            (root / module / box).mkdir(parents=True)
    profile_file.write_text(
        profile_file.read_text(encoding="utf-8") + f'\n[exchange]\nlayout = "client"\nclient_root = "{root}"\n',
        encoding="utf-8",
    )
    message = root / "IMPCEB" / "OutBox" / "CEB311Message_1.xml"
    message.write_bytes(b"<x/>")
    win = _window(qtbot, AppContext(tmp_path / "data", tmp_path / "x", load_profile(profile_file)))
    _page(qtbot, win, "首页")
    assert not win.home_view.transfer.isVisible() and "OutBox" not in win.status_label.text()
    hour_ago = time.time() - 3600
    os.utime(message, (hour_ago, hour_ago))
    _page(qtbot, win, "发送与回执")  # the outbox page shown: the journal read again, the status bar with it
    _page(qtbot, win, "首页")  # the home page shown: its numbers and notes as they are now
    assert win.home_view.transfer.isVisible()
    text = win.home_view.transfer.text()
    assert "1 个报文" in text and "60 分钟" in text and "传输客户端没有取走" in text
    assert "传输客户端没有取走" in win.status_label.text()
