"""The main window: navigation on the left, one page at a time, the signer and outbox in the
status bar."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QListWidget, QMainWindow, QStackedWidget, QWidget

from .context import AppContext
from .import_view import ImportController, ImportView
from .journal_view import JournalController, JournalView
from .query_view import QueryController, QueryView
from .settings_view import SettingsController, SettingsView

PAGES = (
    QT_TRANSLATE_NOOP("cebdesk", "导入"),
    QT_TRANSLATE_NOOP("cebdesk", "发送与回执"),
    QT_TRANSLATE_NOOP("cebdesk", "查询"),
    QT_TRANSLATE_NOOP("cebdesk", "设置"),
)


class MainWindow(QMainWindow):
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
        self.journal_view.send_button.clicked.connect(lambda: self.imports.send(files=[]))
        self.query.resent.connect(self.journal.refresh)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.imports.done.connect(self.journal.refresh)

        menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        open_action = QAction(self.tr("打开文件…"), self, shortcut=QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.imports.choose_files)
        menu.addAction(open_action)
        quit_action = QAction(self.tr("退出"), self, shortcut=QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        menu.addAction(quit_action)
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
            who = f"USB Key：{signer.token_label}"
        elif signer.key_file:
            who = self.tr("密钥文件：{name}").format(name=signer.key_file.name)
        elif signer.eport_control:
            who = self.tr("电子口岸卡")
        else:
            who = self.tr("未设置签名")
        transfer = (
            self.context.profile.transfer.get("copName", "")
            if self.context.profile
            else self.tr("未设置企业档案")
        )
        self.statusBar().showMessage(
            self.tr("{transfer}　|　{signer}　|　发送目录：{folder}").format(
                transfer=transfer, signer=who, folder=self.context.exchange_dir / "send"
            )
        )

    def closeEvent(self, event) -> None:  # noqa: N802
        QSettings("cebdesk", "cebdesk").setValue("geometry", self.saveGeometry())
        super().closeEvent(event)
