"""The main window: navigation on the left, one page at a time, the signer and outbox in the
status bar. The demo is a workspace of its own, marked on every page by a banner and in the
title, with a way back; the local customs simulator (a test stand-in) can run on the active
outbox, shown in the status bar while it runs."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import demo
from ..store.database import first_line, is_database_error, short_name, without_password
from ..summary.deadline import working_days_left
from .context import AppContext
from .home_view import HomeController, HomeView, waiting_text
from .entry_view import EntryWindow
from .import_view import ImportController, ImportView
from .journal_view import JournalController, JournalView
from .journal_watch import JournalWatcher
from .query_view import QueryController, QueryView
from .readiness_view import ReadinessController, ReadinessView
from .settings_view import SettingsController, SettingsView
from .summary_view import LOOKS, SummaryController, SummaryView, next_deadline
from .workers import Job

PAGES = (
    QT_TRANSLATE_NOOP("cebdesk", "首页"),
    QT_TRANSLATE_NOOP("cebdesk", "导入"),
    QT_TRANSLATE_NOOP("cebdesk", "发送与回执"),
    QT_TRANSLATE_NOOP("cebdesk", "查询"),
    QT_TRANSLATE_NOOP("cebdesk", "汇总申报"),
    QT_TRANSLATE_NOOP("cebdesk", "准备工作"),
    QT_TRANSLATE_NOOP("cebdesk", "设置"),
)


class MainWindow(QMainWindow):
    demo_ready = Signal()

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.simulator: Job | None = None
        self.demo_job: Job | None = None
        central = QWidget()
        column = QVBoxLayout(central)
        self.demo_banner = QFrame()
        self.demo_banner.setObjectName("demo_banner")
        self.demo_banner.setStyleSheet(
            "#demo_banner { background: #FFF3CD; border: 2px solid #E0A800; border-radius: 4px; }"
            " #demo_banner QLabel { color: #5C4300; font-weight: bold; }"
        )
        banner = QHBoxLayout(self.demo_banner)
        banner.setContentsMargins(10, 4, 6, 4)
        self.demo_text = QLabel("")
        self.demo_text.setWordWrap(True)
        self.leave_demo_button = QPushButton(self.tr("返回我的工作区"))
        banner.addWidget(self.demo_text, 1)
        banner.addWidget(self.leave_demo_button)
        column.addWidget(self.demo_banner)
        layout = QHBoxLayout()
        column.addLayout(layout, 1)
        self.nav = QListWidget()
        self.nav.addItems([QCoreApplication.translate("cebdesk", page) for page in PAGES])
        self.nav.setFixedWidth(190)
        self.pages = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.import_view = ImportView(language=context.language)
        self.imports = ImportController(self.import_view, context)
        self.journal_view = JournalView(language=context.language)
        self.journal = JournalController(self.journal_view, context)
        self.query_view = QueryView(language=context.language)
        self.query = QueryController(self.query_view, context)
        self.pages.addWidget(self.import_view)
        self.pages.addWidget(self.journal_view)
        self.pages.addWidget(self.query_view)
        self.summary_view = SummaryView(language=context.language)
        self.summary = SummaryController(self.summary_view, context)
        self.pages.addWidget(self.summary_view)
        self.settings_view = SettingsView(language=context.language)
        self.settings = SettingsController(self.settings_view, context)
        self.pages.addWidget(self.settings_view)
        self._add_home_and_readiness()
        self.settings.saved.connect(self._settings_saved)
        self.journal.refreshed.connect(self._status)
        self.journal_view.send_button.clicked.connect(lambda: self.imports.send(files=[]))
        self.imports.nothing_to_send.connect(self.journal_view.message.setText)
        self.query.resent.connect(self.journal.refresh)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(PAGES.index("首页"))
        self.imports.done.connect(self.journal.refresh)
        self.imports.open_document.connect(self.open_document)
        # every page shows the journal as it is after each operation (send, receipts, resend, settings)
        self.journal.refreshed.connect(self.imports.follow_journal)
        self.journal.refreshed.connect(self.query.follow_journal)
        self.settings.saved.connect(self.imports.settings_saved)
        # Every way files come in (the open button, the menu, a drop) passes the demo's question.
        self._load_files = self.imports.load
        self.imports.load = self.load_files
        self.leave_demo_button.clicked.connect(self.leave_demo)

        menu = self.menuBar().addMenu(self.tr("文件(&F)"))
        # a document typed by hand, in a window of its own (the query page opens it too)
        self.entry_windows: list[EntryWindow] = []
        self.query.send = self.send_waiting
        self.query.open_entry.connect(lambda kwargs: self.open_entry(**kwargs))
        new_action = QAction(self.tr("新建单证…"), self, shortcut=QKeySequence.StandardKey.New)
        new_action.triggered.connect(lambda: self.open_entry())
        menu.addAction(new_action)
        self.new_action = new_action
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
        tools = self.menuBar().addMenu(self.tr("演示与测试(&T)"))
        self.demo_action = QAction(self.tr("打开演示工作区（测试密钥）"), self)
        self.demo_action.triggered.connect(lambda: self.start_demo())
        self.leave_demo_action = QAction(self.tr("返回我的工作区"), self)
        self.leave_demo_action.triggered.connect(self.leave_demo)
        self.simulator_action = QAction(self.tr("启动本地海关模拟器（测试）"), self)
        self.simulator_action.triggered.connect(self.toggle_simulator)
        tools.addAction(self.demo_action)
        tools.addAction(self.leave_demo_action)
        tools.addSeparator()
        tools.addAction(self.simulator_action)
        self.simulator_label = QLabel("")
        self.simulator_label.setStyleSheet("color: #9A4F00; font-weight: bold;")
        self.simulator_stop = QPushButton(self.tr("停止模拟器"))
        self.simulator_stop.clicked.connect(self.stop_simulator)
        # a label, not showMessage(): a menu's (empty) status tip would wipe a message out
        self.status_label = QLabel("")
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.statusBar().addWidget(self.status_label, 1)
        # the next summary deadline (汇总申报), marked as it nears and when missed
        self.deadline_label = QLabel("")
        self.deadline_label.setObjectName("deadline_status")
        self.summary.status_changed.connect(self._show_deadline)
        self.summary.show_deadline()
        self.statusBar().addPermanentWidget(self.deadline_label)
        # which journal: this computer's file, or the office's shared one (followed live)
        self.journal_label = QLabel("")
        self.journal_label.setObjectName("journal_status")
        self.statusBar().addPermanentWidget(self.journal_label)
        self.watcher = JournalWatcher(self)
        self.watcher.changed.connect(self.journal.refresh)
        self.watcher.reached.connect(self._show_reached)
        # what no page caught: a journal out of reach is said here, not in a traceback
        self._previous_hook = sys.excepthook
        sys.excepthook = self._unhandled
        self.statusBar().addPermanentWidget(self.simulator_label)
        self.statusBar().addPermanentWidget(self.simulator_stop)
        self._show_simulator(None)
        self._show_workspace()
        settings = QSettings("cebdesk", "cebdesk")
        geometry = settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1100, 700)

    def send_waiting(self) -> Job | None:
        """Sign and send every document waiting in the journal, as the outbox page's button does
        (the PIN dialog, once)."""
        return self.imports.send(files=[])

    def open_entry(self, **kwargs) -> EntryWindow:
        """The entry window: a new document, or one from the journal (kwargs of EntryWindow)."""
        window = EntryWindow(self.context, send=self.send_waiting, parent=self, **kwargs)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.journal_changed.connect(self.journal.refresh)
        window.opener = self.open_entry
        window.destroyed.connect(lambda _obj=None, w=window: self._entry_closed(w))
        self.entry_windows.append(window)
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _entry_closed(self, window) -> None:
        if window in self.entry_windows:
            self.entry_windows.remove(window)

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
        transfer = (profile.transfer.get("copName") if profile else None) or self.tr("未设置企业档案")
        mode = self.tr("HTTP 上传") if profile and profile.exchange.mode == "http" else self.tr("目录")
        rows = self.journal.model.rows
        pending = sum(1 for r in rows if r["sent"] and not r.get("returnStatus"))  # as the outbox counts
        prefix = self.tr("【演示】") if self.context.in_demo else ""
        waiting = waiting_text(self.context)  # the transfer client not taking messages
        self.show_status(
            prefix
            + self.tr(
                "{transfer}　|　{signer}　|　{mode}：{folder}　|　待回执 {pending} / 共 {total}"
            ).format(
                transfer=transfer,
                signer=who,
                mode=mode,
                folder=self.context.exchange_dir / "send",
                pending=pending,
                total=len(rows),
            )
            + (f"　|　⚠ {waiting}" if waiting else "")
        )

    def _show_deadline(self, text: str, look: str) -> None:
        today = self.summary.today()
        deadline = next_deadline(today)
        self.deadline_label.setText(
            self.tr("汇总申报截止 {due}（{days} 个工作日）").format(
                due=deadline.due.isoformat(), days=working_days_left(today, deadline.due)
            )
        )
        self.deadline_label.setToolTip(text)
        self.deadline_label.setProperty("look", look)
        self.deadline_label.setStyleSheet(LOOKS[look])

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.setToolTip(text)  # the whole line, when the window is too narrow for it

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802
        """Excel and XML files dropped anywhere on the window go to the import page."""
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.nav.setCurrentRow(PAGES.index("导入"))
            self.imports.load(paths)

    def first_run(self) -> None:
        """No enterprise profile yet: a short welcome — set one up, or try the demo data."""
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("欢迎使用 cebdesk"))
        box.setText(
            self.tr(
                "还没有企业档案。可以先填写企业档案，或者用演示数据试一试：演示在单独的演示工作区中进行（测试密钥、示例 Excel、本地海关模拟器），一分钟内看到回执，随时可以返回自己的工作区。"
            )
        )
        setup = box.addButton(self.tr("填写企业档案"), QMessageBox.ButtonRole.AcceptRole)
        try_demo = box.addButton(self.tr("用演示数据试一试"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is setup:
            self.nav.setCurrentRow(PAGES.index("设置"))
        elif box.clickedButton() is try_demo:
            self.start_demo()

    # -- the demo workspace ---------------------------------------------------------------------
    def demo_folder(self) -> Path:
        """The demo's own workspace, beside (never inside) the user's journal: DATA/demo."""
        home = self.context.home or self.context
        return home.data_dir / "demo"

    def start_demo(self) -> Job | None:
        """Open the demo workspace (made the first time: sample Excel, TEST key, simulator,
        receipts), marked as such; the user's workspace is kept aside until they go back."""
        if self._busy():
            return None
        folder = self.demo_folder()
        if demo.is_prepared(folder):
            self._enter_demo(folder)
            return None
        self.show_status(self.tr("正在准备演示数据（测试密钥、示例 Excel、本地海关模拟器）…"))
        job = Job(demo.task, {"folder": folder}, self)
        job.succeeded.connect(lambda _result: self._enter_demo(folder))
        job.failed.connect(self._demo_failed)
        job.start()
        self.demo_job = job
        return job

    def _enter_demo(self, folder: Path) -> None:
        self.context.enter_demo(folder)
        self._workspace_changed()
        self.nav.setCurrentRow(PAGES.index("发送与回执"))
        self.start_simulator()  # the demo's own outbox: receipts come back by themselves
        self.demo_ready.emit()

    def _demo_failed(self, reason: str) -> None:
        QMessageBox.warning(
            self, self.tr("演示"), self.tr("无法准备演示数据：{reason}").format(reason=reason)
        )
        self._status()

    def leave_demo(self) -> None:
        """Back to the user's own workspace: their profile, signer, journal and outbox."""
        if not self.context.in_demo or self._busy():
            return
        self.context.leave_demo()
        self._workspace_changed()

    def _busy(self) -> bool:
        job = self.imports.job
        if job is not None and job.running:
            QMessageBox.information(self, self.tr("请稍候"), self.tr("请等当前任务完成后再切换工作区。"))
            return True
        return False

    def _follow_outbox(self) -> None:
        """The outbox page watches the active outbox's receive/ (and the simulator runs there)."""
        journal = self.journal
        if journal.outbox.root == self.context.exchange_dir:
            return
        self.stop_simulator()
        old = journal.watcher.directories()
        if old:
            journal.watcher.removePaths(old)
        journal.outbox = self.context.outbox()
        journal.watcher.addPath(str(journal.outbox.receive))

    def _settings_saved(self) -> None:
        self._follow_outbox()
        self.journal.refresh()
        self._status()

    def _workspace_changed(self) -> None:
        """Every page follows the active workspace; nothing loaded for the other one stays."""
        self.stop_simulator()
        self._follow_outbox()
        journal = self.journal
        view, imports = self.import_view, self.imports
        imports.files = []
        imports.model.set_rows([])
        for label in (view.detail, view.error):
            label.setText("")
        view.summary.setText(self.tr("把 Excel 或 XML 文件拖到这里，或点“打开文件”。"))
        view.findings.clear()
        view.preview.setVisible(False)
        view.send_button.setEnabled(False)
        view.excel_button.setEnabled(False)
        self.settings.follow()
        journal.view.timeline.clear()
        journal.refresh()
        self.query.search()
        self.summary.follow_workspace()
        self._readiness_follows()
        self._show_workspace()

    # -- the home page and the 准备工作 page ------------------------------------------------------
    def _add_home_and_readiness(self) -> None:
        """The home page first and the 准备工作 page before the settings (PAGES' order); the
        home page's numbers open the query page filtered, its links their pages."""
        context = self.context
        self.home_view = HomeView(language=context.language)
        self.home = HomeController(self.home_view, context)
        self.pages.insertWidget(PAGES.index("首页"), self.home_view)
        self.readiness_view = ReadinessView(language=context.language)
        self.readiness = ReadinessController(self.readiness_view, context)
        self.pages.insertWidget(PAGES.index("准备工作"), self.readiness_view)
        self.home.open_query.connect(self.open_query)
        self.home.open_page.connect(lambda page: self.nav.setCurrentRow(PAGES.index(page)))
        self.journal.refreshed.connect(self.home.refresh)
        self.summary.status_changed.connect(self.home.show_summary)
        self.readiness.started.connect(lambda: self.home.show_readiness(self.readiness.result, running=True))
        self.readiness.checked.connect(self.home.show_readiness)
        self.readiness.steps_changed.connect(lambda: self.home.set_steps_done(self.readiness.done_steps()))
        self.home.set_steps_done(self.readiness.done_steps())
        # what was checked is checked again with the new profile and signer
        self.settings.saved.connect(self._readiness_follows)

    def open_document(self, document_id: int, message_type: str = "", key: str = "") -> None:
        """One document of the journal on the query page (a finding's partner document)."""
        self.query.show_document(document_id, message_type or None, key or None)
        self.nav.setCurrentRow(PAGES.index("查询"))

    def open_query(self, query) -> None:
        """The query page, searched with ``query`` (a StatusQuery)."""
        self.query.apply_filter(query)
        self.nav.setCurrentRow(PAGES.index("查询"))

    def _readiness_follows(self) -> None:
        """Another workspace or profile: its ticks, and its checks (when they were run before)."""
        self.readiness.follow()
        self.home.set_steps_done(self.readiness.done_steps())
        if self.readiness.result is not None:
            self.readiness.check()

    def _show_workspace(self) -> None:
        demo_on = self.context.in_demo
        self.demo_banner.setVisible(demo_on)
        if demo_on:
            self.demo_text.setText(
                self.tr(
                    "演示模式：测试密钥（DEMO TEST）和演示企业，报文不会发往海关。演示数据在 {folder}"
                ).format(folder=self.context.demo_dir)
            )
            self.setWindowTitle(self.tr("cebdesk — 演示模式（测试密钥，报文不会发往海关）"))
        else:
            self.setWindowTitle(self.tr("cebdesk — 跨境电商统一版申报"))
        self.demo_action.setEnabled(not demo_on)
        self.leave_demo_action.setEnabled(demo_on)
        self._show_journal()
        self._status()

    def _show_journal(self) -> None:
        """Which journal the window is on; a shared one is followed (other seats' work shows)."""
        url = self.context.workspace().journal_url
        label = self.journal_label
        if url:
            label.setText(self.tr("共享日志：{name}").format(name=short_name(url)))
            label.setToolTip(
                self.tr("多个席位共用的日志（服务器）：{where}。其他席位导入、发送和读入的回执会自动显示。").format(
                    where=without_password(url)
                )
            )
            label.setStyleSheet("color: #0B5394; font-weight: bold;")
        else:
            label.setText(self.tr("本机日志"))
            label.setToolTip(str(self.context.data_dir / "journal.sqlite3"))
            label.setStyleSheet("")
        self.watcher.follow(url or None)

    def _show_reached(self, reached: bool, why: str) -> None:
        url = self.watcher.url
        if url is None:
            return
        label = self.journal_label
        if reached:
            if label.property("unreachable"):
                self.show_status(self.tr("共享日志已恢复连接。"))
            label.setProperty("unreachable", False)
            label.setText(self.tr("共享日志：{name}").format(name=short_name(url)))
            label.setToolTip(without_password(url))
            label.setStyleSheet("color: #0B5394; font-weight: bold;")
        else:
            label.setProperty("unreachable", True)
            label.setText(self.tr("共享日志无法连接"))
            label.setToolTip(f"{without_password(url)}\n{why}")
            label.setStyleSheet("color: white; background: #B00020; font-weight: bold; padding: 0 4px;")

    def _unhandled(self, kind, exc, traceback) -> None:
        """An error no page caught. The journal's database failing (a shared journal's server
        stopped, the network gone) is said in the status bar, and said again when it is back
        (the watcher looks); anything else goes on to Python's own handling."""
        if not is_database_error(exc):
            self._previous_hook(kind, exc, traceback)
            return
        self.show_status(self.tr("日志数据库暂时无法使用，刚才的操作没有完成；恢复后再试一次"))
        self.status_label.setToolTip(first_line(exc))  # the database's own words
        if self.watcher.url is not None:
            self._show_reached(False, first_line(exc))
            self.watcher.look()

    def load_files(self, paths: list[Path]) -> Job | None:
        """Files to import. In the demo, files from outside it are the user's own: ask first, so
        that they are never signed with the TEST key by surprise."""
        context = self.context
        if context.in_demo and any(not _inside(p, context.demo_dir) for p in paths):
            box = QMessageBox(self)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(self.tr("现在是演示模式"))
            box.setText(
                self.tr("现在是演示模式：导入的文件会用测试密钥签名，存入演示工作区，不会发往海关。")
                + "\n"
                + self.tr("这是您自己的文件吗？返回您自己的工作区再导入。")
            )
            home = box.addButton(self.tr("返回我的工作区并导入"), QMessageBox.ButtonRole.AcceptRole)
            keep = box.addButton(self.tr("在演示中导入"), QMessageBox.ButtonRole.DestructiveRole)
            box.addButton(QMessageBox.StandardButton.Cancel)
            box.setDefaultButton(home)
            box.exec()
            if box.clickedButton() is home:
                self.leave_demo()
                if context.in_demo:  # a task still running: nothing is loaded
                    return None
            elif box.clickedButton() is not keep:
                return None
        return self._load_files(paths)

    # -- the local customs simulator (a test stand-in) ------------------------------------------
    def toggle_simulator(self) -> None:
        if self.simulator is not None and self.simulator.running:
            self.stop_simulator()
        else:
            self.start_simulator()

    def start_simulator(self) -> Job | None:
        """Run the local customs simulator on the active outbox until stopped: what appears in
        send/ is taken and answered with test receipts in receive/."""
        if self.simulator is not None and self.simulator.running:
            return self.simulator
        context = self.context
        outbox = context.outbox()
        profile = context.profile
        if profile is not None and profile.exchange.mode == "http":
            QMessageBox.information(
                self,
                self.tr("本地海关模拟器（测试）"),
                self.tr("当前传输方式是 HTTP 上传，报文不经过 send/ 目录，模拟器收不到。")
                + "\n"
                + self.tr(
                    "测试 HTTP 方式：在命令行运行 cebdesk simulate --http 127.0.0.1:8000，并在设置中把上传地址设为 http://127.0.0.1:8000/cebmsg。"
                ),
            )
            return None
        if not context.in_demo:
            answer = QMessageBox.question(
                self,
                self.tr("本地海关模拟器（测试）"),
                self.tr(
                    "本地海关模拟器只用于测试：它会取走 {send} 中的报文（这些报文不会再交给海关），并在 {receive} 放入模拟回执。"
                ).format(send=outbox.send, receive=outbox.receive)
                + "\n\n"
                + self.tr("请只在没有连接真实传输客户端的测试工作区中使用。要启动吗？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return None
        job = Job(demo.simulator_task, {"exchange_dir": context.exchange_dir}, self)
        job.progressed.connect(lambda taken, _total: self._show_simulator(job, taken))
        job.failed.connect(
            lambda reason: self.show_status(self.tr("本地海关模拟器已停止：{reason}").format(reason=reason))
        )
        job.done.connect(lambda: self._show_simulator(None))
        self.simulator = job
        job.start()
        self._show_simulator(job, 0)
        return job

    def stop_simulator(self) -> None:
        job = self.simulator
        if job is not None and job.running:
            job.cancel()
            job.wait(10_000)
        self._show_simulator(None)

    def _show_simulator(self, job: Job | None, taken: int = 0) -> None:
        running = job is not None and job.running
        if running:
            self.simulator_label.setText(
                self.tr("● 海关模拟器（测试）运行中，已处理 {count} 个报文").format(count=taken)
            )
            self.simulator_label.setToolTip(
                self.tr("本地海关模拟器（测试）取走 {send} 中的报文，回执放入 {receive}").format(
                    send=self.context.outbox().send, receive=self.context.outbox().receive
                )
            )
        self.simulator_label.setVisible(running)
        self.simulator_stop.setVisible(running)
        self.simulator_action.setText(
            self.tr("停止本地海关模拟器") if running else self.tr("启动本地海关模拟器（测试）")
        )

    def closeEvent(self, event) -> None:  # noqa: N802
        self.stop_simulator()
        self.watcher.stop()
        if sys.excepthook == self._unhandled:
            sys.excepthook = self._previous_hook
        QSettings("cebdesk", "cebdesk").setValue("geometry", self.saveGeometry())
        super().closeEvent(event)


def _inside(path: Path, folder: Path | None) -> bool:
    return folder is not None and Path(path).resolve().is_relative_to(Path(folder).resolve())
