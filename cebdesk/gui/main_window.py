"""The main window: navigation on the left, one page at a time, the signer and outbox in the
status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QMessageBox, QStackedWidget, QWidget

from ..signing.select import SignerOptions

from .context import AppContext
from .import_view import ImportController, ImportView
from .journal_view import JournalController, JournalView
from .query_view import QueryController, QueryView
from .settings_view import SettingsController, SettingsView
from .workers import Job

PAGES = (
    QT_TRANSLATE_NOOP("cebdesk", "导入"),
    QT_TRANSLATE_NOOP("cebdesk", "发送与回执"),
    QT_TRANSLATE_NOOP("cebdesk", "查询"),
    QT_TRANSLATE_NOOP("cebdesk", "设置"),
)


class MainWindow(QMainWindow):
    demo_ready = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(self.tr("cebdesk — 跨境电商统一版申报"))
        central = QWidget()
        layout = QHBoxLayout(central)
        self.nav = QListWidget()
        self.nav.addItems([QCoreApplication.translate("cebdesk", page) for page in PAGES])
        self.nav.setFixedWidth(190)
        self.pages = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.import_view = ImportView()
        self.imports = ImportController(self.import_view, context)
        self.journal_view = JournalView()
        self.journal = JournalController(self.journal_view, context)
        self.query_view = QueryView()
        self.query = QueryController(self.query_view, context)
        self.pages.addWidget(self.import_view)
        self.pages.addWidget(self.journal_view)
        self.pages.addWidget(self.query_view)
        self.settings_view = SettingsView()
        self.settings = SettingsController(self.settings_view, context)
        self.pages.addWidget(self.settings_view)
        self.settings.saved.connect(self._status)
        self.journal.refreshed.connect(self._status)
        self.journal_view.send_button.clicked.connect(lambda: self.imports.send(files=[]))
        self.query.resent.connect(self.journal.refresh)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.imports.done.connect(self.journal.refresh)

        menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        open_action = QAction(self.tr("打开文件…"), self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.imports.choose_files)
        menu.addAction(open_action)
        send_action = QAction(self.tr("签名并发送"), self, shortcut=QKeySequence("Ctrl+Return"))
        send_action.triggered.connect(lambda: self.imports.send())
        menu.addAction(send_action)
        quit_action = QAction(self.tr("退出"), self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
        self.setAcceptDrops(True)
        pages = self.menuBar().addMenu(self.tr("页面(&P)"))
        for number, title in enumerate(PAGES):
            action = QAction(
                QCoreApplication.translate("cebdesk", title),
                self,
                shortcut=QKeySequence(f"Ctrl+{number + 1}"),
            )
            action.triggered.connect(lambda _checked=False, row=number: self.nav.setCurrentRow(row))
            pages.addAction(action)
        self._status()
        settings = QSettings("cebdesk", "cebdesk")
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)

    def _status(self) -> None:
        signer = self.context.signer
        if signer.token_label:
            who = self.tr("USB 密钥：{label}").format(label=signer.token_label)
        elif signer.key_file:
            who = self.tr("密钥文件：{name}").format(name=signer.key_file.name)
        elif signer.eport_control:
            who = self.tr("电子口岸卡")
        else:
            who = self.tr("未设置签名")
        profile = self.context.profile
        transfer = profile.transfer.get("copName", "") if profile else self.tr("未设置企业档案")
        mode = self.tr("HTTP 上传") if profile and profile.exchange.mode == "http" else self.tr("目录")
        rows = self.journal.model.rows
        pending = sum(1 for r in rows if r.get("returnStatus") is None)
        self.statusBar().showMessage(
            self.tr("{transfer}　|　{signer}　|　{mode}：{folder}　|　待回执 {pending} / 共 {total}").format(
                transfer=transfer,
                signer=who,
                mode=mode,
                folder=self.context.exchange_dir / "send",
                pending=pending,
                total=len(rows),
            )
        )

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        """Excel and XML files dropped anywhere on the window go to the import page."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.nav.setCurrentRow(0)
            self.imports.load(paths)

    def first_run(self) -> None:
        """No enterprise profile yet: a short welcome — set one up, or try the demo data."""
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("欢迎使用 cebdesk"))
        box.setText(
            self.tr(
                "还没有企业档案。可以先填写企业档案，或者用演示数据试一试：演示密钥（标明 TEST）、示例 Excel、本地海关模拟器，一分钟内看到回执。"
            )
        )
        setup = box.addButton(self.tr("填写企业档案"), QMessageBox.ButtonRole.AcceptRole)
        demo = box.addButton(self.tr("用演示数据试一试"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is setup:
            self.nav.setCurrentRow(3)
        elif box.clickedButton() is demo:
            self.start_demo()

    def start_demo(self):
        """Run the demo into the data folder and show its journal: receipts included."""
        folder = self.context.data_dir / "demo"
        job = Job("demo", {"folder": folder}, self)

        def finished(_result) -> None:
            from ..settings import load_profile

            self.context.data_dir = folder / "data"
            self.context.exchange_dir = folder / "exchange"
            self.context.profile = load_profile(folder / "profile.toml")
            self.context.signer = SignerOptions(
                key_file=folder / "demo-key.pem", cert=folder / "demo-cert.pem"
            )
            self.journal.outbox = self.context.outbox()
            self.journal.watcher.addPath(str(self.journal.outbox.receive))
            self.settings.load(self.context.profile)
            self.journal.refresh()
            self.nav.setCurrentRow(1)
            self._status()
            self.demo_ready.emit()

        job.succeeded.connect(finished)
        job.start()
        self.demo_job = job
        return job

    def closeEvent(self, event) -> None:  # noqa: N802
        QSettings("cebdesk", "cebdesk").setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
