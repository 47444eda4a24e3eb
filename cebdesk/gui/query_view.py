"""The query page: search the journal, see a document whole (head, lines, the message as sent,
its signature, its receipts), export the result, resend a rejected document as a modification."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from PySide6.QtGui import QColor
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QItemSelectionModel,
    QObject,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
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
from ..pipeline.lifecycle import LifecycleError
from ..pipeline.workspace import StatusQuery
from .clients_view import fill_client_combo, profile_clients
from ..spec.receipts import CUSTOMS_NUMBERS, DECIDED_STATUSES
from ..spec import document_type, document_type_for, message_type
from .context import AppContext
from .entry_dialogs import CancelDialog, RefundDialog
from .journal_view import receipt_line
from .names import DIRECTIONS, OUTCOME_NAMES, direction_name, fill_type_combo, outcome_name
from .models import ROW_ROLE, ColumnSpec, Page, RowsModel, fit_columns, message_label, readable_time, status_row

COLUMNS = [
    ColumnSpec("label", QT_TRANSLATE_NOOP("cebdesk", "单证")),
    ColumnSpec("key", QT_TRANSLATE_NOOP("cebdesk", "编号")),
    ColumnSpec("returnStatus", QT_TRANSLATE_NOOP("cebdesk", "回执状态")),
    ColumnSpec("meaning", QT_TRANSLATE_NOOP("cebdesk", "含义")),
    ColumnSpec("state", QT_TRANSLATE_NOOP("cebdesk", "发送状态")),
    ColumnSpec("buyer", QT_TRANSLATE_NOOP("cebdesk", "订购人/收货人")),
    ColumnSpec("appType", QT_TRANSLATE_NOOP("cebdesk", "报送类型")),
    ColumnSpec("updated", QT_TRANSLATE_NOOP("cebdesk", "更新时间")),
]
BUYER_COLUMN = 5

#: Statuses after which customs has decided (审结 399, 放行 800, 结关 899, 退运 700): a
#: modification (appType 2) of such a document is not what customs accepts.


class QueryView(Page):

    def __init__(self, parent=None, *, language: str = "zh") -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        form = QFormLayout()
        row = QHBoxLayout()
        self.language = language
        self.direction = QComboBox()
        self.direction.addItem(self.tr("全部"), None)
        for direction in DIRECTIONS:
            self.direction.addItem(direction_name(direction), direction)
        self.type = QComboBox()
        self.show_types(None)
        # where the documents stand (the home page's numbers open the page with one chosen)
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcome")
        self.outcome.addItem(self.tr("全部情况"), None)
        for outcome in OUTCOME_NAMES:
            self.outcome.addItem(outcome_name(outcome), outcome)
        self.outcome.setToolTip(self.tr("已发送：按报文的发送日期查；其他：按单证最后变化的日期查"))
        self.client = QComboBox()  # a broker's clients (shown when the profile has some)
        self.client.setToolTip(self.tr("按客户的电商企业代码查询；支付单按电商平台代码，运单按该客户清单中的运单号"))
        self.client.setVisible(False)
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("订单编号 / 运单号 / 清单编号 / 企业编号"))
        self.buyer = QLineEdit()
        self.buyer.setPlaceholderText(self.tr("订购人 / 支付人 / 收货人（进口单证）"))
        self.status = QLineEdit()
        self.status.setPlaceholderText(self.tr("回执状态，如 800、-621004"))
        self.since = QDateEdit(QDate.currentDate().addYears(-1))
        self.until = QDateEdit(QDate.currentDate().addDays(1))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        row.addWidget(self.direction)
        row.addWidget(self.type)
        row.addWidget(self.client)
        row.addWidget(self.outcome)
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
        self.message = message_label(QLabel(""))
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.resend_button)
        buttons.addWidget(self.message, 1)
        layout.addLayout(buttons)
        # what can be done with the selected document (greyed, with the reason, when it cannot)
        actions = QHBoxLayout()
        self.new_button = QPushButton(self.tr("新建单证…"))
        self.edit_button = QPushButton(self.tr("编辑…"))
        self.modify_button = QPushButton(self.tr("变更…"))
        self.duplicate_button = QPushButton(self.tr("复制为新单证…"))
        self.delete_button = QPushButton(self.tr("删除…"))
        self.cancel_button = QPushButton(self.tr("撤销申请…"))
        self.refund_button = QPushButton(self.tr("退货申请…"))
        self.action_buttons = {
            "edit": self.edit_button,
            "modify": self.modify_button,
            "duplicate": self.duplicate_button,
            "delete": self.delete_button,
            "cancel": self.cancel_button,
            "refund": self.refund_button,
        }
        actions.addWidget(self.new_button)
        for button in self.action_buttons.values():
            button.setEnabled(False)
            actions.addWidget(button)
        actions.addStretch(1)
        layout.addLayout(actions)
        splitter = QSplitter()
        self.table = QTableView()
        self.table.horizontalHeader().setResizeContentsPrecision(50)  # fit columns to the first rows, not all
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.detail = QTabWidget()
        self.head = QTableWidget(0, 3)
        self.head.setHorizontalHeaderLabels([self.tr("元素"), self.tr("中文名"), self.tr("值")])
        self.head.horizontalHeader().setStretchLastSection(True)
        self.lines = QTableWidget(0, 0)
        self.xml = QPlainTextEdit()
        self.xml.setReadOnly(True)
        signature = QWidget()
        sig_layout = QVBoxLayout(signature)
        self.verdict = message_label(QLabel(""))
        self.verify_button = QPushButton(self.tr("重新验签"))
        sig_layout.addWidget(self.verdict)
        sig_layout.addWidget(self.verify_button)
        sig_layout.addStretch(1)
        self.receipts = QListWidget()
        self.receipts.setWordWrap(True)
        self.detail.addTab(self.head, self.tr("表头"))
        self.detail.addTab(self.lines, self.tr("表体"))
        self.detail.addTab(self.xml, self.tr("报文"))
        self.detail.addTab(signature, self.tr("签名"))
        self.detail.addTab(self.receipts, self.tr("回执"))
        # every version of the document (who, when, what changed), with its receipts in between
        self.versions = QTableWidget(0, 5)
        self.versions.setObjectName("versions")
        self.versions.setHorizontalHeaderLabels(
            [self.tr("版本号"), self.tr("内容"), self.tr("操作人"), self.tr("时间"), self.tr("变更")]
        )
        self.versions.horizontalHeader().setStretchLastSection(True)
        self.versions.verticalHeader().setVisible(False)
        self.versions.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.versions.setWordWrap(False)
        self.detail.addTab(self.versions, self.tr("版本"))
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([660, 440])
        layout.addWidget(splitter, 1)

    def show_types(self, direction: str | None) -> None:
        """The type list for a direction (None: both, under headings), starting at 全部."""
        self.type.blockSignals(True)
        self.type.clear()
        self.type.addItem(self.tr("全部类型"), None)
        fill_type_combo(self.type, self.language, lambda dt: dt.message.code, direction=direction)
        self.type.blockSignals(False)


#: What each kind of version is (lifecycle.Version.kind), as the 版本 tab says it.
VERSION_KINDS = {
    "journaled": QT_TRANSLATE_NOOP("cebdesk", "记入日志"),
    "imported": QT_TRANSLATE_NOOP("cebdesk", "导入"),
    "draft": QT_TRANSLATE_NOOP("cebdesk", "暂存（草稿）"),
    "declared": QT_TRANSLATE_NOOP("cebdesk", "已申报"),
    "edited": QT_TRANSLATE_NOOP("cebdesk", "发送前修改"),
    "modified": QT_TRANSLATE_NOOP("cebdesk", "变更（appType 2）"),
    "redeclared": QT_TRANSLATE_NOOP("cebdesk", "更正后重新申报"),
    "deleted": QT_TRANSLATE_NOOP("cebdesk", "申报删除（appType 3）"),
    "discarded": QT_TRANSLATE_NOOP("cebdesk", "作废（未发送）"),
}
#: The tooltip of each action button while it is allowed.
ACTION_TIPS = {
    "edit": QT_TRANSLATE_NOOP("cebdesk", "在录入窗口中修改尚未发送的单证（草稿或待发送）"),
    "modify": QT_TRANSLATE_NOOP("cebdesk", "修改已发送的单证：列出变更内容，确认后作为变更（appType 2）签名发送"),
    "duplicate": QT_TRANSLATE_NOOP("cebdesk", "用这个单证的内容开始一个新单证"),
    "delete": QT_TRANSLATE_NOOP("cebdesk", "删除单证：未发送的作废；已发送的申报删除（appType 3）"),
    "cancel": QT_TRANSLATE_NOOP("cebdesk", "为海关已接受的清单提交撤销申请单（进口 CEB623，出口 CEB605）"),
    "refund": QT_TRANSLATE_NOOP("cebdesk", "为清单提交退货申请单（进口 CEB625，出口 CEB213）"),
}


class QueryController(QObject):
    """The query page. A search once made is made again after every operation (send, receipts,
    resend, settings saved), the selected document staying selected and shown as it is now.
    The selected document's actions (edit, modify, duplicate, delete, cancel, refund) are
    offered as the application allows them now (``Workspace.can``), greyed with its reason."""

    resent = Signal()
    #: open the entry window: keyword arguments of ``EntryWindow`` (doc_type, document_id, head,
    #: lines, modify)
    open_entry = Signal(dict)

    def __init__(self, view: QueryView, context: AppContext) -> None:
        super().__init__(view)
        self.view = view
        self.context = context
        self.model = RowsModel(COLUMNS)
        view.table.setModel(self.model)
        self.current_file: Path | None = None
        self.searched = False
        view.search_button.clicked.connect(self.search)
        view.direction.currentIndexChanged.connect(self._direction_chosen)
        view.type.currentIndexChanged.connect(self._type_chosen)
        view.outcome.currentIndexChanged.connect(self._type_chosen)
        view.client.currentIndexChanged.connect(self._type_chosen)
        view.key.returnPressed.connect(self.search)
        view.buyer.returnPressed.connect(self.search)
        view.status.returnPressed.connect(self.search)
        view.export_button.clicked.connect(self.choose_export)
        view.resend_button.clicked.connect(self.resend)
        view.verify_button.clicked.connect(self.verify)
        view.table.selectionModel().currentRowChanged.connect(self.show)
        view.shown.connect(self.shown)
        #: sends what waits in the journal with the usual PIN dialog (the main window's send)
        self.send = None
        view.new_button.clicked.connect(lambda: self.open_entry.emit({}))
        view.edit_button.clicked.connect(lambda: self.edit(modify=False))
        view.modify_button.clicked.connect(lambda: self.edit(modify=True))
        view.duplicate_button.clicked.connect(self.duplicate)
        view.delete_button.clicked.connect(self.delete)
        view.cancel_button.clicked.connect(self.cancel)
        view.refund_button.clicked.connect(self.refund)

    def _standard_label(self, field) -> str:
        """The standard's own label where the one shown reads differently (出口口岸代码 on an
        import inventory is its port of entry)."""
        if not field.standard_label:
            return ""
        return self.tr("标准名称：{label}").format(label=field.standard_label)

    @Slot()
    def _direction_chosen(self) -> None:
        """A direction chosen: its types to choose from, and the search made again. Export
        documents name no buyer, payer or consignee: no such filter for them."""
        direction = self.view.direction.currentData()
        self.view.show_types(direction)
        self.view.buyer.setVisible(direction != "export")
        if direction == "export":
            self.view.buyer.clear()
        if self.searched:
            self.search()

    @Slot()
    def _type_chosen(self) -> None:
        if self.searched:
            self.search()

    @Slot()
    def search(self) -> list[dict]:
        v = self.view
        key, buyer, status = (
            v.key.text().strip(),
            v.buyer.text().strip(),
            v.status.text().strip(),
        )
        since, until = v.since.date().toString("yyyy-MM-dd"), v.until.date().toString("yyyy-MM-dd")
        selected = self._current_id()
        language = self.context.language
        query = StatusQuery(
            message_type=v.type.currentData(),
            direction=v.direction.currentData(),
            key=key or None,
            person=buyer or None,
            status=status or None,
            since=since,
            until=until,
            outcome=v.outcome.currentData(),
            client=v.client.currentData(),
        )
        rows = [status_row(d, language) for d in self.context.workspace().status(query, lang=language)]
        self.searched = True
        self.model.set_rows(rows)
        # the people of import documents: no column when none of the documents found has one
        v.table.setColumnHidden(BUYER_COLUMN, not any(r.get("buyer") for r in rows))
        fit_columns(v.table)
        v.message.setText(self.tr("找到 {count} 个单证").format(count=len(rows)))
        self._select(selected)
        return rows

    @Slot()
    def shown(self) -> None:
        """The page came into view: the journal as it is now (the first time: the last year's)."""
        fill_client_combo(self.view.client, profile_clients(self.context), self.tr("全部客户"))
        if self.searched:
            self.follow_journal()
        else:
            self.search()
            self.view.message.setText("")

    def apply_filter(self, query: StatusQuery) -> list[dict]:
        """Search for what ``query`` asks (the home page's numbers): each field set from it, the
        others cleared (all directions, types, clients; no dates: from 2000-01-01)."""
        v = self.view
        client = getattr(v, "client", None)  # a broker's clients, when the page has them
        fields = [v.direction, v.type, v.outcome, v.key, v.buyer, v.status, v.since, v.until]
        fields += [client] if client is not None else []
        for field in fields:
            field.blockSignals(True)
        try:
            v.direction.setCurrentIndex(v.direction.findData(query.direction) if query.direction else 0)
            v.show_types(query.direction)
            v.buyer.setVisible(query.direction != "export")
            v.type.setCurrentIndex(max(0, v.type.findData(query.message_type)) if query.message_type else 0)
            v.outcome.setCurrentIndex(v.outcome.findData(query.outcome) if query.outcome else 0)
            if client is not None:
                client.setCurrentIndex(max(0, client.findData(query.client)) if query.client else 0)
            v.key.setText(query.key or "")
            v.buyer.setText(query.person or "")
            v.status.setText(query.status or "")
            day = QDate.fromString
            v.since.setDate(day(query.since, "yyyy-MM-dd") if query.since else QDate(2000, 1, 1))
            v.until.setDate(day(query.until, "yyyy-MM-dd") if query.until else QDate.currentDate().addDays(1))
        finally:
            for field in fields:
                field.blockSignals(False)
        return self.search()

    def show_document(self, document_id: int, message_type: str | None = None, key: str | None = None) -> bool:
        """Find one document of the journal (by its type and business key) and show it;
        whether it was found."""
        self.apply_filter(StatusQuery(message_type=message_type, key=key))
        self._select(document_id)
        found = self._current_id() == document_id
        if not found:
            self.view.message.setText(self.tr("日志中没有单证 #{id}（已删除？）").format(id=document_id))
        return found

    @Slot()
    def follow_journal(self) -> None:
        """The journal changed: the same search again, the same document shown as it is now."""
        if self.searched:
            message = self.view.message.text()
            self.search()
            self.view.message.setText(message)  # what the last action said stays readable

    def _current_id(self) -> int | None:
        current = self.view.table.currentIndex()
        return self.model.data(current, ROW_ROLE)["id"] if current.isValid() else None

    def _select(self, document_id: int | None) -> None:
        row = next((i for i, r in enumerate(self.model.rows) if r["id"] == document_id), None)
        if row is None:
            self._clear_detail()
            return
        index = self.model.index(row, 0)
        self.view.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.show(index)

    def _clear_detail(self) -> None:
        v = self.view
        v.versions.setRowCount(0)
        self._actions(None)
        v.head.setRowCount(0)
        v.lines.setRowCount(0)
        v.lines.setColumnCount(0)
        v.xml.setPlainText("")
        v.verdict.setText("")
        v.receipts.clear()
        self.current_file = None

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
            message = journal.message(doc.message_id) if doc.message_id is not None else None
        v.head.setRowCount(0)
        for field in mt.head.fields:
            if field.name in doc.head:
                r = v.head.rowCount()
                v.head.insertRow(r)
                for c, text in enumerate((field.name, field.label, doc.head[field.name])):
                    v.head.setItem(r, c, QTableWidgetItem(text))
                v.head.item(r, 1).setToolTip(self._standard_label(field))
        # the numbers customs gave the document in its receipts (清单编号, 汇总申请编号, from a
        # summary result the declaration's 报关单编号 …), below the head, marked as customs'
        for name, label_zh, label_en in CUSTOMS_NUMBERS:
            value = row.get("numbers", {}).get(name)
            if not value or doc.head.get(name) == value:
                continue
            r = v.head.rowCount()
            v.head.insertRow(r)
            label = label_en if self.context.language == "en" else label_zh
            for c, text in enumerate((name, label, value)):
                item = QTableWidgetItem(text)
                item.setBackground(QColor("#E6F4EA"))
                item.setToolTip(self.tr("海关在回执中给出"))
                v.head.setItem(r, c, item)
        fit_columns(v.head)
        names = [f.name for f in mt.list.fields] if mt.list else []
        v.lines.setColumnCount(len(names))
        v.lines.setHorizontalHeaderLabels([f"{f.label}\n{f.name}" for f in mt.list.fields] if mt.list else [])
        for c, field in enumerate(mt.list.fields if mt.list else ()):
            v.lines.horizontalHeaderItem(c).setToolTip(self._standard_label(field))
        v.lines.setRowCount(len(doc.lines))
        for r, line in enumerate(doc.lines):
            for c, name in enumerate(names):
                v.lines.setItem(r, c, QTableWidgetItem(line.get(name, "")))
        fit_columns(v.lines, 200)
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
            v.receipts.addItem(receipt_line(r, self.context.language))
        self._show_versions(doc.id, receipts, message)
        self._actions(doc.id)

    # -- a document's life ----------------------------------------------------------------------
    def _show_versions(self, document_id: int, receipts, message=None) -> None:
        """The versions (who, when, what changed), its sending (which seat) and customs'
        receipts, in the order they came."""
        table = self.view.versions
        language = self.context.language
        entries = []
        for version in self.context.workspace().versions(document_id):
            kind = QCoreApplication.translate("cebdesk", VERSION_KINDS.get(version.kind, version.kind))
            if version.app_type:
                kind += f"  appType {version.app_type}"
            changed = "; ".join(
                f"{c.label or c.field}"
                + (self.tr("（第 {gnum} 行）").format(gnum=c.gnum) if c.gnum is not None else "")
                + f": {c.old or self.tr('（空）')} → {c.new or self.tr('（空）')}"
                for c in version.changes
            )
            entries.append((readable_time(version.when), str(version.number), kind, version.who, changed))
        if message is not None and message.state == "sent":
            entries.append((readable_time(message.sent), "", self.tr("已发送"), message.sent_by or "", message.file_name))
        for r in receipts:
            # the receipt as the 回执 tab has it, its time in the time column
            text = receipt_line(r, language).split("  ", 1)[-1].replace("\n", "  ").strip()
            entries.append((readable_time(r["return_time"]), "", self.tr("海关回执"), self.tr("海关"), text))
        entries.sort(key=lambda e: e[0])
        table.setRowCount(len(entries))
        for row, (when, number, kind, who, changed) in enumerate(entries):
            for column, text in enumerate((number, kind, who, when, changed)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if not number:
                    item.setBackground(QColor("#E6F4EA"))
                table.setItem(row, column, item)
        fit_columns(table, 260)

    def _actions(self, document_id: int | None) -> None:
        """Each action button enabled as ``Workspace.can`` allows it, else greyed with its reason."""
        allowed = self.context.workspace().can(document_id) if document_id is not None else None
        resend = self.view.resend_button
        resend.setEnabled(allowed is not None)
        resend.setToolTip(
            self.tr("先在表中选择单证")
            if allowed is None
            else self.tr("把选中的单证（可多选）按日志中的内容原样作为变更（appType 2）再发一次；要改内容请用“变更…”")
        )
        for action, button in self.view.action_buttons.items():
            if allowed is None:
                button.setEnabled(False)
                button.setToolTip(self.tr("先在表中选择单证"))
                continue
            why = allowed.why(action, self.context.language)
            button.setEnabled(not why)
            button.setToolTip(why or QCoreApplication.translate("cebdesk", ACTION_TIPS[action]))

    def selected_document(self):
        document_id = self._current_id()
        if document_id is None:
            return None
        with self.context.journal() as journal:
            return journal.document(document_id)

    def _say(self, text: str) -> None:
        self.view.message.setText(text)

    def _refused(self, exc: LifecycleError) -> None:
        self._say(exc.text(self.context.language))

    def _changed(self) -> None:
        """The journal changed here: every page follows it."""
        self.resent.emit()
        self.follow_journal()

    def _send(self) -> None:
        """Sign and send what waits, with the usual PIN dialog."""
        if self.send is not None:
            self.send()

    @Slot()
    def edit(self, modify: bool = False) -> None:
        """The selected document in the entry window: in place (not sent yet) or as a
        modification (sent)."""
        doc = self.selected_document()
        if doc is None:
            return
        doc_type = document_type_for(message_type(doc.message_type))
        self.open_entry.emit(
            {"doc_type": doc_type, "document_id": doc.id, "head": doc.head, "lines": doc.lines, "modify": modify}
        )

    @Slot()
    def duplicate(self) -> None:
        document_id = self._current_id()
        if document_id is None:
            return
        try:
            name, head, lines = self.context.workspace().duplicate(document_id)
        except LifecycleError as exc:
            self._refused(exc)
            return
        self.open_entry.emit({"doc_type": document_type(name), "head": head, "lines": lines})

    @Slot()
    def delete(self) -> str | None:
        """After confirmation: a document never sent is discarded; a sent one is deleted with
        appType 3, signed and sent."""
        row = self._current_row()
        if row is None:
            return None
        answer = QMessageBox.question(
            self.view,
            self.tr("删除单证"),
            self.tr("删除 {label} {key}？").format(label=row["label"], key=row["key"])
            + "\n"
            + self.tr("未发送的单证作废（保留版本记录）；已发送的单证向海关申报删除（appType 3），需要签名发送。"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            outcome = self.context.workspace().delete(row["id"])
        except LifecycleError as exc:
            self._refused(exc)
            return None
        texts = {
            "discarded": self.tr("单证已作废（从未发送）"),
            "deleted": self.tr("单证已删除（海关没有这份单证的记录，无需发送）"),
            "queued": self.tr("删除（appType 3）已记入日志，签名后发送"),
        }
        self._say(texts.get(outcome, outcome))
        self._changed()
        if outcome == "queued":
            self._send()
        return outcome

    def _current_row(self) -> dict | None:
        current = self.view.table.currentIndex()
        return self.model.data(current, ROW_ROLE) if current.isValid() else None

    @Slot()
    def cancel(self) -> int | None:
        """撤销: the reason asked in a dialog; the cancellation journaled, signed and sent."""
        row = self._current_row()
        if row is None:
            return None
        doc_type = document_type_for(message_type(row["type"]))
        invt_no = row.get("numbers", {}).get("invtNo", "")
        dialog = CancelDialog(doc_type, row["key"], invt_no, self.view, language=self.context.language)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            reason = dialog.text()
        finally:
            dialog.deleteLater()
        try:
            made = self.context.workspace().cancel(row["id"], reason)
        except LifecycleError as exc:
            self._refused(exc)
            return None
        self._say(self.tr("撤销申请已记入日志（单证 #{id}），签名后发送").format(id=made))
        self._changed()
        self._send()
        return made

    @Slot()
    def refund(self) -> int | None:
        """退货: all lines or chosen ones with their quantities, and the reason; journaled, signed
        and sent."""
        row = self._current_row()
        doc = self.selected_document()
        if row is None or doc is None:
            return None
        doc_type = document_type_for(message_type(row["type"]))
        dialog = RefundDialog(doc_type, row["key"], doc.lines, self.view, language=self.context.language)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            reason, chosen = dialog.text(), dialog.chosen()
        finally:
            dialog.deleteLater()
        lines = {int(gnum): qty for gnum, qty in chosen.items()} if chosen is not None else None
        try:
            made = self.context.workspace().refund(row["id"], reason, lines)
        except LifecycleError as exc:
            self._refused(exc)
            return None
        self._say(self.tr("退货申请已记入日志（单证 #{id}），签名后发送").format(id=made))
        self._changed()
        self._send()
        return made

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
        ws.append([QCoreApplication.translate("cebdesk", c.title) for c in COLUMNS] + [self.tr("回执信息")])
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
        """The selected documents go again as modifications (appType 2). Documents customs has
        already decided on (审结, 放行, 结关, 退运) are sent so only after the clerk has read what
        customs will do with them and said so."""
        rows = [self.model.data(i, ROW_ROLE) for i in self.view.table.selectionModel().selectedRows()]
        if not rows:
            self.view.message.setText(self.tr("先在表中选择要重发的单证"))
            return 0
        decided = [r for r in rows if (r.get("returnStatus") or "").strip() in DECIDED_STATUSES]
        if decided and not self._confirm_final(decided):
            self.view.message.setText(self.tr("没有重发"))
            return 0
        done = self.context.workspace().resend_as_modification(row["id"] for row in rows)
        self.view.message.setText(self.tr("{count} 个单证将作为变更（appType 2）发送").format(count=done))
        self.resent.emit()
        self.follow_journal()
        return done

    def _confirm_final(self, decided: list[dict]) -> bool:
        box = QMessageBox(self.view)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("作为变更重发？"))
        listed = "\n".join(
            f"{r['label']} {r['key']}  {r['returnStatus']} {r['meaning']}" for r in decided[:10]
        )
        if len(decided) > 10:
            listed += "\n…"
        box.setText(
            self.tr("{count} 个单证海关已经有了结论（审结、放行、结关或退运）：").format(count=len(decided))
            + "\n"
            + listed
        )
        box.setInformativeText(
            self.tr(
                "海关不受理已审结或已放行清单的变更（appType 2）：这样重发只会收到海关的异常回执，"
                "已放行的结果不会改变。要更正已放行的清单，须先提交撤销申请单（CEB623），"
                "海关同意撤销后再重新申报；清单状态不允许撤销时，海关回执 -623005。"
            )
        )
        resend = box.addButton(self.tr("仍然作为变更重发"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("不重发"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        chosen = box.clickedButton() is resend
        box.deleteLater()
        return chosen
