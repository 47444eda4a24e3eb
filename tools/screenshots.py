"""Screenshots of every page with demo data, for the docs: run under Xvfb (make screenshots).

xvfb-run -a -s "-screen 0 1280x800x24" python tools/screenshots.py docs/screenshots [en]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_APP = None
sys.path.insert(0, str(ROOT))


def main(out: Path, language: str = "zh_CN") -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    from cebdesk.demo import main as demo
    from cebdesk.gui.app import install_translator
    from cebdesk.gui.context import AppContext
    from cebdesk.gui.dialogs import PinDialog
    from cebdesk.gui.main_window import PAGES, MainWindow
    from cebdesk.settings import load_profile
    from cebdesk.signing.select import SignerOptions

    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="cebdesk-shots-"))
    demo([str(work)])  # demo data: journal, outbox, receipts
    app = QApplication.instance() or QApplication(sys.argv)
    global _APP
    _APP = app  # kept until the interpreter ends
    if "WenQuanYi Micro Hei" in QFontDatabase.families():
        app.setFont(QFontDatabase.font("WenQuanYi Micro Hei", "Regular", 10))
    install_translator(app, language)
    profile = load_profile(work / "profile.toml")
    context = AppContext(work, work / "exchange", profile, SignerOptions.from_settings(profile.signer))
    context.language = "zh" if language.startswith("zh") else "en"
    window = MainWindow(context)
    window.resize(1200, 720)
    window.show()

    def settle(ms: int = 400) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    suffix = "" if language.startswith("zh") else f"-{language}"
    shots = []

    def shoot(name: str, widget=None) -> None:
        settle()
        path = out / f"{name}{suffix}.png"
        (widget or window).grab().save(str(path))
        shots.append(path)

    readiness = window.readiness.check()
    readiness.wait()
    window.home.refresh()
    shoot("home")
    window.nav.setCurrentRow(PAGES.index("准备工作"))
    shoot("readiness")
    window.nav.setCurrentRow(PAGES.index("导入"))
    with_mistakes = work / "excel" / "inventory-with-mistakes.xlsx"
    window.imports.load([with_mistakes])
    window.imports.job.wait()
    settle()
    window.import_view.findings.setCurrentRow(0)
    window.imports.show_finding(window.import_view.findings.item(0))
    shoot("import")
    window.nav.setCurrentRow(PAGES.index("发送与回执"))
    window.journal.refresh()
    window.journal_view.table.selectRow(9)
    shoot("outbox-receipts")
    window.nav.setCurrentRow(PAGES.index("查询"))
    window.query.search()
    window.query_view.table.selectRow(9)
    window.query_view.detail.setCurrentIndex(4)
    shoot("query")
    window.nav.setCurrentRow(PAGES.index("设置"))
    shoot("settings")
    # a document's life: the entry form (a new inventory, one field wrong), the differences of a
    # modification, the cancellation of a released inventory with its reason
    from cebdesk.gui.entry_dialogs import CancelDialog, DiffDialog
    from cebdesk.pipeline.workspace import StatusQuery
    from cebdesk.spec import document_type

    entry = window.open_entry()
    entry.resize(1200, 720)
    form = entry.form
    for name, value in {
        "orderNo": "DEMO20240101",
        "logisticsNo": "YT9000101",
        "declTime": "20240601",
        "buyerName": "张三",
        "buyerIdNumber": "110101199001011230",
        "buyerTelephone": "13800138000",
        "consigneeAddress": "北京市海淀区中关村大街1号",
        "tradeMode": "9610",
    }.items():
        form.editors[name].set_value(value)
        form.touched.add(name)
    form.lines.item(0, document_type("inventory").list.names.index("gname")).setData(0, "电动牙刷")
    form.run_checks()
    shoot("entry-form", entry)
    documents = window.context.workspace().status(StatusQuery())
    order = next(d for d in documents if d.message_type == "CEB311Message")
    inventory = next(d for d in documents if d.message_type == "CEB621Message")
    with window.context.journal() as journal:
        sent = journal.document(order.id)
    changed = dict(sent.head, buyerName="李四", consigneeTelephone="13900139000")
    changes = window.context.workspace().diff(order.id, changed, sent.lines)
    diff = DiffDialog(document_type("order"), order.key, changes, window, language=context.language)
    diff.show()
    shoot("entry-diff", diff)
    diff.close()
    cancel = CancelDialog(
        document_type("inventory"), inventory.key, inventory.numbers.get("invtNo", ""), window,
        language=context.language,
    )  # fmt: skip
    cancel.reason.setPlainText("消费者取消订单" if context.language == "zh" else "The buyer cancelled the order")
    cancel.show()
    shoot("cancel-dialog", cancel)
    cancel.close()
    entry.close()
    window.nav.setCurrentRow(PAGES.index("查询"))
    window.query.search()
    row = next(i for i, r in enumerate(window.query.model.rows) if r["id"] == inventory.id)
    window.query_view.table.selectRow(row)
    window.query_view.detail.setCurrentIndex(window.query_view.detail.indexOf(window.query_view.versions))
    shoot("query-actions")
    dialog = PinDialog(
        "cebdesk-test (SoftHSM)",
        certificate="CN=测试报关员 TEST · 序列号 01691f7f · 有效期至 2027-05-21",
        warnings=["输错过口令：剩余次数不多"],
    )
    dialog.show()
    shoot("pin-dialog", dialog)
    dialog.close()
    window.close()
    # widgets go before the application does: Qt must not outlive its QApplication in teardown
    dialog.deleteLater()
    window.deleteLater()
    settle(100)
    return shots


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    for shot in main(target, sys.argv[2] if len(sys.argv) > 2 else "zh_CN"):
        print(shot)
