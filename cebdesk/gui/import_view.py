"""The import page: files, the documents found in them, the findings, send with progress.

``ImportView`` holds the widgets; ``ImportController`` gives them behaviour.
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, QUrl, Signal, Slot
from openpyxl.utils import column_index_from_string, get_column_letter
from PySide6.QtGui import QColor, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..excel.template import write_template
from ..findings import Finding
from ..spec import DOCUMENT_TYPES, document_type
from ..signing.base import SigningError
from ..signing.select import describe_key, pin_needed
from .context import AppContext
from .dialogs import PinCancelled, ask_pin
from .models import ColumnSpec, RowsModel
from .workers import Job

FINDING_ROLE = Qt.ItemDataRole.UserRole + 2


class ImportView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.open_button = QPushButton(self.tr("打开文件…"))
        self.type = QComboBox()
        self.type.addItem(self.tr("自动识别类型"), None)
        for dt in DOCUMENT_TYPES:
            self.type.addItem(dt.label, dt.name)
        self.template_button = QToolButton()
        self.template_button.setText(self.tr("下载模板"))
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.template_menu = QMenu(self.template_button)
        for dt in DOCUMENT_TYPES:
            self.template_menu.addAction(dt.label).setData(dt.name)
        self.template_button.setMenu(self.template_menu)
        self.excel_button = QPushButton(self.tr("用 Excel 打开"))
        self.excel_button.setEnabled(False)
        self.send_button = QPushButton(self.tr("签名并发送"))
        self.send_button.setToolTip(self.tr("发送选中的单证；没有选中时发送全部可发送的单证"))
        self.send_button.setEnabled(False)
        self.summary = QLabel(self.tr("把 Excel 或 XML 文件拖到这里，或点“打开文件”。"))
        bar.addWidget(self.open_button)
        bar.addWidget(self.type)
        bar.addWidget(self.template_button)
        bar.addWidget(self.excel_button)
        bar.addWidget(self.send_button)
        bar.addWidget(self.summary, 1)
        layout.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.documents = QTableView()
        self.documents.horizontalHeader().setResizeContentsPrecision(
            50
        )  # fit columns to the first rows, not all
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings = QListWidget()
        splitter.addWidget(self.documents)
        splitter.addWidget(self.findings)
        layout.addWidget(splitter, 1)
        self.preview = QTableWidget(3, 0)
        self.preview.setVerticalHeaderLabels([self.tr("中文名"), self.tr("元素"), self.tr("值")])
        self.preview.setMaximumHeight(120)
        self.preview.setVisible(False)
        layout.addWidget(self.preview)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)
        self.detail.setObjectName("detail")
        layout.addWidget(self.detail)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #B00020")
        self.error.setObjectName("error")
        layout.addWidget(self.error)
        progress = QHBoxLayout()
        self.progress = QProgressBar()
        self.rate = QLabel("")
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setEnabled(False)
        progress.addWidget(self.progress, 1)
        progress.addWidget(self.rate)
        progress.addWidget(self.cancel_button)
        layout.addLayout(progress)


DOCUMENT_COLUMNS = [
    ColumnSpec("type", QT_TRANSLATE_NOOP("cebdesk", "单证")),
    ColumnSpec("key", QT_TRANSLATE_NOOP("cebdesk", "编号")),
    ColumnSpec("buyer", QT_TRANSLATE_NOOP("cebdesk", "订购人/收货人")),
    ColumnSpec("lines", QT_TRANSLATE_NOOP("cebdesk", "商品行")),
    ColumnSpec("amount", QT_TRANSLATE_NOOP("cebdesk", "金额")),
    ColumnSpec("state", QT_TRANSLATE_NOOP("cebdesk", "状态")),
]


class ImportController(QObject):
    """Behaviour of the import page. A QObject living on the GUI thread, so that the worker's
    signals reach its slots there (queued), never on the worker's thread."""

    done = Signal()

    def __init__(self, view: ImportView, context: AppContext) -> None:
        super().__init__(view)
        self.view = view
        self.context = context
        self.files: list[Path] = []
        self.model = RowsModel(DOCUMENT_COLUMNS)
        view.documents.setModel(self.model)
        self.job: Job | None = None
        self.last_report = None
        self._marked: str | None = None
        self.last_error: str | None = None
        view.open_button.clicked.connect(self.choose_files)
        # clicked(bool) would arrive as ``files=False``: the button sends what is loaded
        view.send_button.clicked.connect(lambda: self.send())
        view.cancel_button.clicked.connect(self.cancel)
        view.findings.itemDoubleClicked.connect(self.show_finding)
        view.template_menu.triggered.connect(lambda action: self.choose_template(action.data()))
        view.excel_button.clicked.connect(self.open_in_excel)

    # -- reading --------------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.view, self.tr("选择文件"), "", "Excel / XML (*.xlsx *.xml)"
        )
        if paths:
            self.load([Path(p) for p in paths])

    def load(self, paths: list[Path]) -> Job:
        self.files = list(paths)
        defaults = self.context.profile.defaults if self.context.profile else {}
        self.view.excel_button.setEnabled(bool(self.files))
        kwargs = {"paths": self.files, "defaults": defaults, "doc_type": self.view.type.currentData()}
        return self._start("read_documents", kwargs, self._loaded)

    def choose_template(self, name: str) -> None:
        doc_type = document_type(name)
        path, _ = QFileDialog.getSaveFileName(
            self.view, self.tr("保存模板"), f"{doc_type.label}.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.save_template(name, Path(path))

    def save_template(self, name: str, path: Path) -> Path:
        written = write_template(document_type(name), path)
        self.view.summary.setText(self.tr("已保存模板 {path}").format(path=written))
        return written

    def open_in_excel(self) -> bool:
        """The first loaded file in the program the desktop opens .xlsx with."""
        return bool(self.files) and QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.files[0])))

    def _loaded(self, result) -> None:
        rows, findings = result
        ready, faulty = self.tr("可发送"), self.tr("有错误")
        for row in rows:
            row["type"] = row.pop("label")
            row["state"] = ready if row["ok"] else faulty
        self.model.set_rows(rows)
        self.view.documents.resizeColumnsToContents()
        self.view.findings.clear()
        for finding in findings:
            item = QListWidgetItem(finding.render(self.context.language))
            item.setData(FINDING_ROLE, finding)
            if finding.is_error:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.view.findings.addItem(item)
        good = sum(1 for r in rows if r["ok"])
        self.view.summary.setText(
            self.tr("{total} 个单证：可发送 {good}，有错误 {bad}").format(
                total=len(rows), good=good, bad=len(rows) - good
            )
        )
        self.view.send_button.setEnabled(good > 0)

    def show_finding(self, item: QListWidgetItem) -> Job | None:
        """Say where the problem is, and show that row of the sheet with the cell marked."""
        finding: Finding = item.data(FINDING_ROLE)
        where = finding.location
        self.view.detail.setText(
            self.tr("文件：{file}　工作表：{sheet}　单元格：{cell}　{label} {element}：{message}").format(
                file=where.file,
                sheet=where.sheet or "-",
                cell=where.cell or where.path or "-",
                label=finding.label or "",
                element=finding.element or "",
                message=finding.message(self.context.language),
            )
        )
        if where.sheet is None or where.row is None:
            self.view.preview.setVisible(False)
            return None
        self._marked = where.column
        kwargs = {"path": Path(where.file), "sheet": where.sheet, "row": where.row}
        return self._start("row_preview", kwargs, self._previewed)

    def _previewed(self, result) -> None:
        labels, names, values = result
        table = self.view.preview
        width = max(len(labels), len(names), len(values))
        table.setColumnCount(width)
        table.setHorizontalHeaderLabels([get_column_letter(i + 1) for i in range(width)])
        for column in range(width):
            for r, row in enumerate((labels, names, values)):
                table.setItem(r, column, QTableWidgetItem(row[column] if column < len(row) else ""))
        if self._marked:
            column = column_index_from_string(self._marked) - 1
            for r in range(3):
                cell = table.item(r, column)
                if cell is not None:
                    cell.setBackground(QColor("#F8D7DA"))
            table.scrollToItem(table.item(2, column))
            table.setCurrentCell(2, column)
        table.setVisible(True)

    def selected_keys(self) -> set[str] | None:
        rows = (
            self.view.documents.selectionModel().selectedRows()
            if self.view.documents.selectionModel()
            else []
        )
        keys = {self.model.rows[i.row()]["key"] for i in rows}
        return keys or None

    # -- sending --------------------------------------------------------------------------------
    def send(self, files: list[Path] | None = None) -> Job | None:
        """Import the loaded files (or ``files``) into the journal, then sign and send every
        document waiting there. The PIN is asked here, once, and handed to the worker."""
        self.last_error = None
        self.view.error.setText("")
        context = self.context
        if not context.signer.wanted or context.profile is None:
            self._failed(self.tr("请先在设置中配置企业档案和签名方式"))
            return None
        pin = None
        signer = context.signer
        key = pin_needed(signer)
        if key is not None:
            try:
                described = describe_key(signer)
                pin = ask_pin(
                    self.view,
                    key,
                    certificate=described.certificate,
                    warnings=described.warnings,
                    final_try=described.final_try,
                )
                if described.final_try:  # the dialog took a PIN only after the user confirmed
                    signer = replace(signer, final_pin_try=True)
            except PinCancelled:
                return None
            except SigningError as exc:  # a locked token: refused before any try
                self._failed(str(exc))
                return None
        kwargs = {
            "files": list(self.files if files is None else files),
            "data_dir": context.data_dir,
            "exchange_dir": context.exchange_dir,
            "profile": context.profile,
            "signer": signer,
            "pin": pin,
            "doc_type": self.view.type.currentData(),
            "only": self.selected_keys() if files is None else None,
        }
        del pin
        return self._start("import_and_send", kwargs, self._sent)

    def _sent(self, result) -> None:
        imported, report = result
        self.last_report = report
        text = self.tr("已发送 {messages} 个报文，{documents} 个单证").format(
            messages=len(report.messages), documents=report.documents
        )
        if report.cancelled:
            text += self.tr("（已取消：已发送的保持不变）")
        if report.stopped:
            text += self.tr("（已停止：{reason}）").format(reason=report.stopped)
        self.view.summary.setText(text)

    # -- jobs -----------------------------------------------------------------------------------
    def _start(self, task: str, kwargs: dict, on_success) -> Job:
        job = Job(task, kwargs, self)
        self._started = time.monotonic()
        self._on_success = on_success
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.done.connect(self._finished)
        self.view.cancel_button.setEnabled(True)
        self.view.open_button.setEnabled(False)
        self.view.send_button.setEnabled(False)
        self.job = job
        job.start()
        return job

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        view = self.view
        view.progress.setMaximum(total or 0)
        view.progress.setValue(done)
        rate = done / max(time.monotonic() - self._started, 1e-6)
        left = (
            self.tr("，剩余约 {seconds} 秒").format(seconds=int((total - done) / rate))
            if total and rate
            else ""
        )
        view.rate.setText(self.tr("{rate} 个/秒").format(rate=f"{rate:.0f}") + left)

    @Slot(object)
    def _succeeded(self, result) -> None:
        self._on_success(result)

    @Slot(str)
    def _failed(self, message: str) -> None:
        self.last_error = message
        self.view.error.setText(self.tr("无法完成：{reason}").format(reason=message))

    @Slot()
    def _finished(self) -> None:
        view = self.view
        view.cancel_button.setEnabled(False)
        view.open_button.setEnabled(True)
        view.progress.setMaximum(1)
        view.progress.setValue(1)
        view.send_button.setEnabled(any(row.get("ok") for row in self.model.rows))
        self.done.emit()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
