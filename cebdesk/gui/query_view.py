"""The query page: search the journal, see a document whole (head, lines, the message as sent,
its signature, its receipts), export the result, resend a rejected document as a modification."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..files import atomic_write
from ..messages.safexml import parse_file
from ..signing.xmldsig import verify_message
from ..spec import DOCUMENT_TYPES, message_type
from ..spec.receipts import explain_status
from .context import AppContext
from .models import ROW_ROLE, ColumnSpec, RowsModel

COLUMNS = [
    ColumnSpec("label", QT_TRANSLATE_NOOP("cebdesk", "单证")),
    ColumnSpec("key", QT_TRANSLATE_NOOP("cebdesk", "编号")),
    ColumnSpec("buyer", QT_TRANSLATE_NOOP("cebdesk", "订购人")),
    ColumnSpec("appType", QT_TRANSLATE_NOOP("cebdesk", "报送类型")),
    ColumnSpec("returnStatus", QT_TRANSLATE_NOOP("cebdesk", "回执状态")),
    ColumnSpec("meaning", QT_TRANSLATE_NOOP("cebdesk", "含义")),
    ColumnSpec("updated", QT_TRANSLATE_NOOP("cebdesk", "更新时间")),
]


class QueryView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        row = QHBoxLayout()
        self.type = QComboBox()
        self.type.addItem(self.tr("全部"), None)
        for dt in DOCUMENT_TYPES:
            self.type.addItem(dt.label, dt.message.code)
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("订单编号 / 运单号 / 清单编号 / 企业编号"))
        self.buyer = QLineEdit()
        self.buyer.setPlaceholderText(self.tr("订购人 / 支付人 / 收货人"))
        self.status = QLineEdit()
        self.status.setPlaceholderText(self.tr("回执状态，如 800、-621004"))
        self.since = QDateEdit(QDate.currentDate().addYears(-1))
        self.until = QDateEdit(QDate.currentDate().addDays(1))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        row.addWidget(self.type)
        row.addWidget(self.key, 2)
        row.addWidget(self.buyer, 1)
        row.addWidget(self.status, 1)
        row.addWidget(QLabel(self.tr("从")))
        row.addWidget(self.since)
        row.addWidget(QLabel(self.tr("到")))
        row.addWidget(self.until)
        form.addRow(row)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.search_button = QPushButton(self.tr("查询"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.resend_button = QPushButton(self.tr("作为变更重发（appType 2）"))
        self.message = QLabel("")
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.resend_button)
        buttons.addWidget(self.message, 1)
        layout.addLayout(buttons)
        splitter = QSplitter()
        self.table = QTableView()
        self.table.horizontalHeader().setResizeContentsPrecision(50)  # fit columns to the first rows, not all
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.detail = QTabWidget()
        self.head = QTableWidget(0, 3)
        self.head.setHorizontalHeaderLabels([self.tr("元素"), self.tr("中文名"), self.tr("值")])
        self.lines = QTableWidget(0, 0)
        self.xml = QPlainTextEdit()
        self.xml.setReadOnly(True)
        signature = QWidget()
        sig_layout = QVBoxLayout(signature)
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        self.verify_button = QPushButton(self.tr("重新验签"))
        sig_layout.addWidget(self.verdict)
        sig_layout.addWidget(self.verify_button)
        sig_layout.addStretch(1)
        self.receipts = QListWidget()
        self.detail.addTab(self.head, self.tr("表头"))
        self.detail.addTab(self.lines, self.tr("表体"))
        self.detail.addTab(self.xml, self.tr("报文"))
        self.detail.addTab(signature, self.tr("签名"))
        self.detail.addTab(self.receipts, self.tr("回执"))
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([600, 500])
        layout.addWidget(splitter, 1)


class QueryController(QObject):
    resent = Signal()

    def __init__(self, view: QueryView, context: AppContext) -> None:
        super().__init__(view)
        self.view = view
        self.context = context
        self.model = RowsModel(COLUMNS)
        view.table.setModel(self.model)
        self.current_file: Path | None = None
        view.search_button.clicked.connect(self.search)
        view.key.returnPressed.connect(self.search)
        view.export_button.clicked.connect(self.choose_export)
        view.resend_button.clicked.connect(self.resend)
        view.verify_button.clicked.connect(self.verify)
        view.table.selectionModel().currentRowChanged.connect(self.show)

    @Slot()
    def search(self) -> list[dict]:
        v = self.view
        code, key, buyer, status = (
            v.type.currentData(),
            v.key.text().strip(),
            v.buyer.text().strip(),
            v.status.text().strip(),
        )
        since, until = v.since.date().toString("yyyy-MM-dd"), v.until.date().toString("yyyy-MM-dd")
        with self.context.journal() as journal:
            found = journal.search(
                message_type=code,
                key=key or None,
                person=buyer or None,
                status=status or None,
                since=since,
                until=until,
            )
        rows = []
        for d in found:
            meaning, family = explain_status(d["customs_status"])
            rows.append(
                {
                    "id": d["id"],
                    "label": message_type(d["message_type"]).label,
                    "type": d["message_type"],
                    "key": d["business_key"],
                    "buyer": d["person"],
                    "appType": d["app_type"],
                    "returnStatus": d["customs_status"],
                    "meaning": meaning,
                    "family": family.value,
                    "returnInfo": d["customs_info"],
                    "updated": d["updated"][:19],
                }
            )
        self.model.set_rows(rows)
        v.table.resizeColumnsToContents()
        v.message.setText(self.tr("找到 {count} 个单证").format(count=len(rows)))
        return rows

    @Slot()
    def show(self, current, _previous=None) -> None:
        v = self.view
        if not current.isValid():
            return
        row = self.model.data(current, ROW_ROLE)
        mt = message_type(row["type"])
        with self.context.journal() as journal:
            doc = journal.document(row["id"])
            receipts = journal.receipts_for(doc.id)
            message = next((m for m in journal.messages() if m.id == doc.message_id), None)
        v.head.setRowCount(0)
        for field in mt.head.fields:
            if field.name in doc.head:
                r = v.head.rowCount()
                v.head.insertRow(r)
                for c, text in enumerate((field.name, field.label, doc.head[field.name])):
                    v.head.setItem(r, c, QTableWidgetItem(text))
        names = [f.name for f in mt.list.fields] if mt.list else []
        v.lines.setColumnCount(len(names))
        v.lines.setHorizontalHeaderLabels([f"{f.label}\n{f.name}" for f in mt.list.fields] if mt.list else [])
        v.lines.setRowCount(len(doc.lines))
        for r, line in enumerate(doc.lines):
            for c, name in enumerate(names):
                v.lines.setItem(r, c, QTableWidgetItem(line.get(name, "")))
        self.current_file = None
        if message is not None:
            found = sorted(self.context.outbox().sent.glob(f"*/{message.file_name}"))
            self.current_file = found[-1] if found else None
        v.xml.setPlainText(
            self.current_file.read_text(encoding="utf-8") if self.current_file else self.tr("（尚未发送）")
        )
        v.verdict.setText("")
        v.receipts.clear()
        for r in receipts:
            meaning = explain_status(r["return_status"])[0]
            v.receipts.addItem(
                f"{r['return_time'] or ''}  {r['return_status'] or ''} {meaning}\n{r['return_info'] or ''}"
            )

    @Slot()
    def verify(self) -> str:
        if self.current_file is None:
            text = self.tr("没有已发送的报文可验签")
        else:
            verdict = verify_message(parse_file(self.current_file).getroot(), self.current_file.name)
            problems = "\n".join(f.message() for f in verdict.findings)
            text = self.tr("签名有效") if verdict.valid else self.tr("签名无效")
            if verdict.certificate is not None:
                text += f"（{verdict.certificate.subject.rfc4514_string()}）"
            if problems:
                text += "\n" + problems
        self.view.verdict.setText(text)
        return text

    def export(self, path: Path) -> Path:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(self.tr("查询结果"))
        ws.append([c.title for c in COLUMNS] + [self.tr("回执信息")])
        for row in self.model.rows:
            ws.append([row.get(c.key) for c in COLUMNS] + [row.get("returnInfo")])
        buffer = io.BytesIO()
        wb.save(buffer)
        atomic_write(path, buffer.getvalue())
        self.view.message.setText(
            self.tr("已导出 {rows} 行到 {path}").format(rows=len(self.model.rows), path=path)
        )
        return path

    @Slot()
    def choose_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.view, self.tr("导出 Excel"), self.tr("查询结果.xlsx"), "Excel (*.xlsx)"
        )
        if path:
            self.export(Path(path))

    @Slot()
    def resend(self) -> int:
        ids = {self.model.data(i, ROW_ROLE)["id"] for i in self.view.table.selectionModel().selectedRows()}
        done = 0
        with self.context.journal() as journal, journal.transaction():
            for document_id in ids:
                done += bool(journal.requeue_as_modification(document_id))
        self.view.message.setText(self.tr("{count} 个单证将作为变更（appType 2）发送").format(count=done))
        self.resent.emit()
        return done
