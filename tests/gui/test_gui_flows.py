"""The window's main flows, driven offscreen with pytest-qt and real parts behind them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from cebdesk.exchange.simulator import Customs, run_folder
from cebdesk.gui.context import AppContext
from cebdesk.gui.dialogs import PinDialog
from cebdesk.gui.main_window import MainWindow
from cebdesk.signing.select import SignerOptions
from cebdesk.spec import document_type
from tests.factory import document_rows, filled_template, write_workbook


@pytest.fixture
def window(qtbot, tmp_path, profile, softhsm):
    context = AppContext(
        tmp_path / "data",
        tmp_path / "exchange",
        profile,
        SignerOptions(pkcs11_module=softhsm["module"], token_label=softhsm["token"], key_label="signkey"),
    )
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.show()
    return win


def _answer_pin(pin: str, seen: list):
    """Type into the PIN dialog when it opens, as a user would, and press OK."""

    def answer():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, PinDialog):
            seen.append(dialog)
            dialog.pin.setText(pin)
            dialog.buttons.accepted.emit()
        else:
            QTimer.singleShot(20, answer)

    QTimer.singleShot(20, answer)


def _load(qtbot, win, paths):
    with qtbot.waitSignal(win.imports.done, timeout=30_000):
        win.imports.load(paths)


def test_import_shows_documents_and_findings(qtbot, window, tmp_path):
    order = document_type("order")
    rows = document_rows(order, 0, 1) + document_rows(order, 1, 1)
    rows[1]["buyerName"] = None
    path = write_workbook(order, rows, tmp_path / "orders.xlsx")
    _load(qtbot, window, [path])
    model = window.imports.model
    assert model.rowCount() == 2
    assert [model.rows[i]["state"] for i in range(2)] == ["可发送", "有错误"]
    findings = window.import_view.findings
    assert findings.count() == 1
    assert "订购人姓名 (buyerName): 必填项为空" in findings.item(0).text()
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        window.imports.show_finding(findings.item(0))
    assert "单元格：" in window.import_view.detail.text() and "4" in window.import_view.detail.text()
    preview = window.import_view.preview
    assert preview.isVisible()
    column = preview.currentColumn()
    assert preview.item(1, column).text() == "buyerName" and preview.item(2, column).text() == ""
    assert preview.item(2, column).background().color().name() == "#f8d7da"
    assert window.import_view.send_button.isEnabled()


def test_sign_with_the_token_through_the_pin_dialog_then_a_wrong_pin(qtbot, window, tmp_path, softhsm):
    path = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=3)
    _load(qtbot, window, [path])
    dialogs: list = []
    _answer_pin(softhsm["pin"], dialogs)
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        window.imports.send()
    assert len(dialogs) == 1
    assert window.imports.last_error is None
    assert window.imports.last_report.documents == 3
    assert "已发送 1 个报文，3 个单证" in window.import_view.summary.text()
    assert len(list((tmp_path / "exchange" / "send").glob("CEB621Message_*.xml"))) == 1

    dialogs.clear()
    _answer_pin("000000", dialogs)
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        window.imports.send()
    assert len(dialogs) == 1  # asked once, not again
    assert "wrong PIN" in window.import_view.error.text()
    assert len(list((tmp_path / "exchange" / "send").glob("*.xml"))) == 1  # nothing more was sent


def test_cancel_halfway_leaves_a_consistent_journal(qtbot, window, tmp_path, softhsm):
    path = filled_template(document_type("payment"), tmp_path / "pay.xlsx", documents=1500)
    _load(qtbot, window, [path])
    _answer_pin(softhsm["pin"], [])
    job = None

    def cancel_on_first_progress(done, total):
        if done:
            job.cancel()

    with qtbot.waitSignal(window.imports.done, timeout=60_000):
        job = window.imports.send()
        job.progressed.connect(cancel_on_first_progress)
    report = window.imports.last_report
    assert report.cancelled
    assert 0 < report.documents < 1500
    with window.context.journal() as journal:
        sent = [d for d in journal.documents() if d.state == "sent"]
        ready = [d for d in journal.documents() if d.state == "ready"]
        assert len(sent) == report.documents and len(sent) + len(ready) == 1500
        assert all(m.state == "sent" for m in journal.messages())
    files = list((tmp_path / "exchange" / "send").glob("*.xml"))
    assert len(files) == len(report.messages)


def test_receipts_arriving_in_the_folder_appear(qtbot, window, tmp_path, softhsm):
    path = filled_template(document_type("inventory"), tmp_path / "inv.xlsx", documents=2)
    _load(qtbot, window, [path])
    _answer_pin(softhsm["pin"], [])
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        window.imports.send()
    window.nav.setCurrentRow(1)
    model = window.journal.model
    window.journal.refresh()
    assert [r["state"] for r in model.rows] == ["已发送", "已发送"]
    customs = Customs(tmp_path / "customs")
    run_folder(window.context.outbox(), customs)  # receipts land in receive/ while the window is open
    qtbot.waitUntil(lambda: [r["returnStatus"] for r in model.rows] == ["800", "800"], timeout=15_000)
    assert model.rows[0]["meaning"] == "放行"
    window.journal_view.table.selectRow(0)
    qtbot.waitUntil(lambda: window.journal_view.timeline.count() == 4, timeout=5_000)
    customs.close()


def test_query_export_and_resend_as_modification(qtbot, window, tmp_path, softhsm):
    import openpyxl

    path = filled_template(document_type("order"), tmp_path / "o.xlsx", documents=3)
    _load(qtbot, window, [path])
    _answer_pin(softhsm["pin"], [])
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        window.imports.send()
    customs = Customs(tmp_path / "customs")
    run_folder(window.context.outbox(), customs)
    window.journal.read_receipts().wait()
    customs.close()

    window.nav.setCurrentRow(2)
    query = window.query
    window.query_view.key.setText("K000001")
    rows = query.search()
    assert len(rows) == 1 and rows[0]["returnStatus"] == "120"
    window.query_view.table.selectRow(0)
    assert window.query_view.head.rowCount() > 10
    assert window.query_view.lines.rowCount() == 1
    assert "<ceb:CEB311Message" in window.query_view.xml.toPlainText()
    assert query.verify().startswith("签名有效")
    assert window.query_view.receipts.count() == 2

    window.query_view.key.setText("")
    assert len(query.search()) == 3
    out = query.export(tmp_path / "result.xlsx")
    sheet = openpyxl.load_workbook(out).active
    assert sheet.max_row == 4 and sheet.cell(1, 2).value == "编号"

    window.query_view.table.selectRow(0)
    assert query.resend() == 1
    with window.context.journal() as journal:
        again = [d for d in journal.documents() if d.state == "ready"]
        assert len(again) == 1 and again[0].app_type == "2" and again[0].head["appType"] == "2"
    _answer_pin(softhsm["pin"], [])
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        window.journal_view.send_button.click()
    assert window.imports.last_report.documents == 1


def test_settings_are_checked_then_saved(qtbot, window, tmp_path, softhsm):
    from cebdesk.settings import load_profile

    settings = window.settings
    settings.path = tmp_path / "saved" / "profile.toml"
    view = window.settings_view
    window.nav.setCurrentRow(3)
    view.fields["copCode"].setText("")
    assert not settings.save()
    assert "copCode" in view.message.text()
    assert not settings.path.exists()
    view.fields["copCode"].setText("1105910159")
    view.fields["ebpName"].setText("某平台")
    view.signer_kind.setCurrentIndex(view.signer_kind.findData("pkcs11"))
    view.module.setCurrentText(softhsm["module"])
    assert softhsm["token"] in settings.list_tokens()
    view.token.setCurrentText(softhsm["token"])
    view.key_label.setText("signkey")
    assert settings.save()
    saved = load_profile(settings.path)
    assert saved.transfer["copCode"] == "1105910159" and saved.defaults["ebpName"] == "某平台"
    assert saved.signer == {
        "pkcs11_module": softhsm["module"],
        "token_label": softhsm["token"],
        "key_label": "signkey",
    }
    assert window.context.signer.token_label == softhsm["token"]


def test_templates_type_choice_and_drop(qtbot, window, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    import openpyxl

    saved = window.imports.save_template("delivery", tmp_path / "入库明细单.xlsx")
    assert openpyxl.load_workbook(saved).sheetnames[0] == "入库明细单"
    window.import_view.type.setCurrentIndex(window.import_view.type.findData("payment"))
    path = filled_template(document_type("payment"), tmp_path / "pay.xlsx", documents=2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    window.nav.setCurrentRow(2)
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        window.dropEvent(
            QDropEvent(
                QPoint(5, 5),
                Qt.DropAction.CopyAction,
                mime,
                Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier,
            )
        )
    assert window.nav.currentRow() == 0
    assert window.imports.model.rowCount() == 2
    assert window.import_view.excel_button.isEnabled()


def test_first_run_demo_shows_receipts(qtbot, tmp_path, monkeypatch):
    context = AppContext(tmp_path / "data", tmp_path / "exchange")
    win = MainWindow(context)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.demo_ready, timeout=120_000):
        win.start_demo()
    statuses = {r["returnStatus"] for r in win.journal.model.rows}
    assert statuses == {"120", "800"} and len(win.journal.model.rows) == 12
    assert win.nav.currentRow() == 1
    assert context.profile is not None and context.profile.transfer["copName"] == "演示供应链有限公司"
    assert "待回执 0 / 共 12" in win.statusBar().currentMessage()


def test_only_the_selected_documents_are_sent(qtbot, window, tmp_path, softhsm):
    path = filled_template(document_type("payment"), tmp_path / "pay.xlsx", documents=3)
    _load(qtbot, window, [path])
    window.import_view.documents.selectRow(1)
    _answer_pin(softhsm["pin"], [])
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        window.imports.send()
    assert window.imports.last_report.documents == 1
    with window.context.journal() as journal:
        [document] = journal.documents()
        assert document.business_key == window.imports.model.rows[1]["key"]


def test_outbox_filters(qtbot, window, tmp_path, softhsm):
    files = [
        filled_template(document_type(n), tmp_path / f"{n}.xlsx", documents=2) for n in ("order", "inventory")
    ]
    _load(qtbot, window, files)
    _answer_pin(softhsm["pin"], [])
    with qtbot.waitSignal(window.imports.done, timeout=30_000):
        window.imports.send()
    customs = Customs(tmp_path / "customs")
    run_folder(window.context.outbox(), customs)
    customs.close()
    window.journal.read_receipts().wait()
    view, model = window.journal_view, window.journal.model
    assert len(model.rows) == 4
    view.type.setCurrentIndex(view.type.findData("CEB621Message"))
    assert [r["returnStatus"] for r in model.rows] == ["800", "800"]
    view.type.setCurrentIndex(0)
    view.family.setCurrentIndex(view.family.findData("入库"))
    assert [r["returnStatus"] for r in model.rows] == ["120", "120"]
    assert not model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole).isNull()
    view.family.setCurrentIndex(0)
    view.since.setDate(view.since.date().addYears(5))
    assert model.rows == []


def test_page_shortcuts(qtbot, window):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtWidgets import QMenu

    actions = {
        a.shortcut().toString(): a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()
    }
    actions[QKeySequence("Ctrl+3").toString()].trigger()
    assert window.nav.currentRow() == 2
    assert QKeySequence("Ctrl+Return").toString() in actions
