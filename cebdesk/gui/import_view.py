"""The import page: files, the documents found in them, the findings, send with progress.

``ImportView`` holds the widgets; ``ImportController`` gives them behaviour.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QUrl, Signal, Slot
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
)

from ..excel.template import write_template
from ..findings import Finding, Severity
from ..pipeline.checking import read_checked
from ..spec import document_type
from ..signing.base import SigningError
from ..spec.receipts import explain_status
from ..store.journal import content_hash
from .clients_view import fill_client_combo, profile_clients
from .context import AppContext
from .dialogs import PinCancelled, ask_to_sign
from .names import fill_type_combo, fill_type_menu, type_name
from .mapping_dialog import MappingOffer
from .models import ColumnSpec, MessageLabel, Page, RowsModel, fit_columns, message_label, state_text
from .workers import Job, explain, failure_of

FINDING_ROLE = Qt.ItemDataRole.UserRole + 2


class ImportView(Page):

    def __init__(self, parent=None, *, language: str = "zh") -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        bar = QHBoxLayout()
        self.open_button = QPushButton(self.tr("打开文件…"))
        self.type = QComboBox()
        self.type.addItem(self.tr("自动识别类型"), None)
        fill_type_combo(self.type, language, lambda dt: dt.name)
        # a broker's client: the files' (its defaults fill empty cells), or each document's by
        # its ebcCode; shown when the profile has clients
        self.client = QComboBox()
        self.client.setToolTip(self.tr("文件属于哪个客户：空单元格填入该客户的默认值；“按电商企业代码”时每个单证按其 ebcCode 选择"))
        self.client.setVisible(False)
        self.template_button = QToolButton()
        self.template_button.setText(self.tr("下载模板"))
        self.template_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.template_menu = QMenu(self.template_button)
        fill_type_menu(self.template_menu, language)
        self.template_button.setMenu(self.template_menu)
        self.excel_button = QPushButton(self.tr("用 Excel 打开"))
        self.excel_button.setEnabled(False)
        self.send_button = QPushButton(self.tr("签名并发送"))
        self.send_button.setToolTip(self.tr("发送选中的单证；没有选中时发送全部可发送的单证"))
        self.send_button.setEnabled(False)
        # into the journal without a key: for the signing station of a shared journal, or later
        self.journal_button = QPushButton(self.tr("只导入"))
        self.journal_button.setToolTip(
            self.tr("记入日志，不签名、不发送：由签名工作站（共享日志）或稍后在“发送与回执”页发送")
        )
        self.journal_button.setEnabled(False)
        bar.addWidget(self.open_button)
        bar.addWidget(self.type)
        bar.addWidget(self.client)
        bar.addWidget(self.template_button)
        bar.addWidget(self.excel_button)
        bar.addStretch(1)
        bar.addWidget(self.journal_button)
        bar.addWidget(self.send_button)
        layout.addLayout(bar)
        self.summary = message_label(QLabel(self.tr("把 Excel 或 XML 文件拖到这里，或点“打开文件”。")))
        layout.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.documents = QTableView()
        self.documents.horizontalHeader().setResizeContentsPrecision(
            50
        )  # fit columns to the first rows, not all
        self.documents.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.findings = QListWidget()
        self.findings.setWordWrap(True)
        self.preview = QTableWidget(3, 0)
        self.preview.setVerticalHeaderLabels([self.tr("中文名"), self.tr("元素"), self.tr("值")])
        self.preview.setMaximumHeight(130)
        self.preview.setVisible(False)
        splitter.addWidget(self.documents)
        splitter.addWidget(self.findings)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 1)
        self.splitter = splitter
        layout.addWidget(splitter, 1)
        self.detail = message_label(MessageLabel())
        self.detail.setObjectName("detail")
        detail_row = QHBoxLayout()
        detail_row.addWidget(self.detail, 1)
        # a finding that names another document in the journal (the order an inventory
        # disagrees with): that document, on the query page
        self.partner_button = QPushButton()
        self.partner_button.setObjectName("open_partner")
        self.partner_button.setVisible(False)
        detail_row.addWidget(self.partner_button, 0, Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
        layout.addLayout(detail_row)
        self.error = message_label(MessageLabel())
        self.error.setStyleSheet("color: #B00020")
        self.error.setObjectName("error")
        layout.addWidget(self.error)
        progress = QHBoxLayout()
        self.progress = QProgressBar()
        self.rate = QLabel("")
        self.rate.setFixedWidth(
            self.rate.fontMetrics().horizontalAdvance(self.tr("{rate} 个/秒，剩余约 {seconds} 秒")) + 40
        )
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setEnabled(False)
        progress.addWidget(self.progress, 1)
        progress.addWidget(self.rate)
        progress.addWidget(self.cancel_button)
        layout.addLayout(progress)


#: Elements that carry an amount, and those that name a person (import documents only).
AMOUNTS = ("acturalPaid", "amountPaid", "goodsValue", "charge", "totalPrice")
PERSONS = ("buyerName", "payerName", "consignee")
#: What the lines of a list are, by the list's own elements: goods, waybills, inventories.
LIST_KINDS = {
    "goods": QT_TRANSLATE_NOOP("cebdesk", "商品 {count}"),
    "waybills": QT_TRANSLATE_NOOP("cebdesk", "运单 {count}"),
    "inventories": QT_TRANSLATE_NOOP("cebdesk", "清单 {count}"),
}


def _names(paths: list[Path]) -> str:
    return "、".join(Path(p).name for p in paths[:3]) + ("…" if len(paths) > 3 else "")


def list_kind(doc_type) -> str | None:
    """What the lines of this type's list are (None: it has no list)."""
    entity = doc_type.list
    if entity is None:
        return None
    if "gcode" in entity or "itemNo" in entity or "gname" in entity:
        return "goods"
    if "logisticsNo" in entity:
        return "waybills"
    return "inventories" if "invtNo" in entity else "goods"


def _fields(doc_type) -> set[str]:
    return {f.name for e in (doc_type.head, doc_type.list) if e is not None for f in e.fields}


def _lines_text(row: dict) -> str:
    kind = row.get("list_kind")
    if kind is None:
        return "" if row.get("code") else str(row.get("lines", ""))
    return QCoreApplication.translate("cebdesk", LIST_KINDS[kind]).format(count=row.get("lines", 0))


DOCUMENT_COLUMNS = [
    ColumnSpec("type", QT_TRANSLATE_NOOP("cebdesk", "单证")),
    ColumnSpec("key", QT_TRANSLATE_NOOP("cebdesk", "编号")),
    ColumnSpec("buyer", QT_TRANSLATE_NOOP("cebdesk", "订购人/收货人")),
    ColumnSpec("lines", QT_TRANSLATE_NOOP("cebdesk", "表体"), _lines_text),
    ColumnSpec("amount", QT_TRANSLATE_NOOP("cebdesk", "金额")),
    ColumnSpec("state", QT_TRANSLATE_NOOP("cebdesk", "状态")),
]
BUYER_COLUMN, AMOUNT_COLUMN = 2, 4


class ImportController(QObject):
    """Behaviour of the import page. A QObject living on the GUI thread, so that the worker's
    signals reach its slots there (queued), never on the worker's thread.

    The rows show what the journal says about each document once it is there (待发送, 已发送,
    customs' answer), after every operation: the page is refreshed with ``follow_journal``."""

    done = Signal()
    #: a send found nothing waiting (no PIN was asked): why
    nothing_to_send = Signal(str)
    #: a finding's partner document to show (journal id, message type, business key)
    open_document = Signal(int, str, str)

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
        view.journal_button.clicked.connect(lambda: self.import_only())
        view.cancel_button.clicked.connect(self.cancel)
        # a double click, or Enter, on a finding (activated: once per double click, on every style)
        view.findings.itemActivated.connect(self.show_finding)
        view.findings.currentItemChanged.connect(self._offer_partner)
        view.partner_button.clicked.connect(self._open_partner)
        view.template_menu.triggered.connect(lambda action: self.choose_template(action.data()))
        view.excel_button.clicked.connect(self.open_in_excel)
        view.shown.connect(self.follow_journal)
        self.fill_clients()
        self.mapping = MappingOffer(self)  # a header not recognised: the column dialog
        # another client: the loaded files are read again with its defaults
        view.client.activated.connect(lambda _index: self.load(self.files) if self.files else None)

    def fill_clients(self) -> None:
        """The profile's clients in the drop-down (kept chosen when still there)."""
        fill_client_combo(self.view.client, profile_clients(self.context), self.tr("客户：按电商企业代码"))

    def chosen_client(self):
        """The client the drop-down names (clients.Client), or None: each document's by ebcCode."""
        name = self.view.client.currentData()
        return next((c for c in profile_clients(self.context) if c.name == name), None)

    # -- reading --------------------------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.view, self.tr("选择文件"), "", "Excel / XML (*.xlsx *.xls *.xml)"
        )
        if paths:
            self.load([Path(p) for p in paths])

    def load(self, paths: list[Path]) -> Job:
        self.files = list(paths)
        # the last file's rows and result go: nothing of it may be imported or sent by mistake
        # if this one cannot be read
        self.model.set_rows([])
        self.view.findings.clear()
        self.view.summary.setText(self.tr("正在读取 {files}…").format(files=_names(self.files)))
        defaults = self.context.profile.defaults if self.context.profile else {}
        self.view.excel_button.setEnabled(bool(self.files))
        kwargs = {"paths": self.files, "defaults": defaults, "doc_type": self.view.type.currentData()}
        kwargs["clients"] = self.context.profile.clients if self.context.profile else []
        kwargs["client"] = self.chosen_client()
        # the checks against the journal (三单对碰, buyer limits) in force while reading
        kwargs.update(data_dir=self.context.data_dir, exchange_dir=self.context.exchange_dir, profile=self.context.profile)
        return self._start(read_checked, kwargs, self._loaded)

    def choose_template(self, name: str) -> None:
        doc_type = document_type(name)
        path, _ = QFileDialog.getSaveFileName(
            self.view, self.tr("保存模板"), f"{type_name(doc_type)}.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.save_template(name, Path(path))

    def save_template(self, name: str, path: Path) -> Path:
        written = write_template(document_type(name), path)
        self.view.summary.setText(self.tr("已保存模板 {path}").format(path=written))
        return written

    def open_in_excel(self) -> bool:
        """The first loaded file in the program the desktop opens .xlsx with; when there is
        none, the window says so (and where the file is)."""
        if not self.files:
            return False
        path = self.files[0]
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            return True
        self._say_error(
            self.tr("没有找到能打开 {name} 的程序（Excel 或 WPS）。请手动打开这个文件：{path}").format(
                name=path.name, path=path
            )
        )
        return False

    def _loaded(self, result) -> None:
        rows, findings = result
        for row in rows:
            # by the type's name: an import and an export type may share a label (电子订单)
            row.pop("label", None)
            doc_type = document_type(row.pop("name")) if row.get("name") else None
            row["type"] = type_name(doc_type, self.context.language) if doc_type else ""
            row["code"] = doc_type.message.code if doc_type else None
            fields = _fields(doc_type) if doc_type else set()
            row["list_kind"] = list_kind(doc_type) if doc_type else None
            row["has_person"] = bool(fields & set(PERSONS))
            if doc_type and not fields & set(AMOUNTS):
                row["amount"] = ""  # a type without amounts (a waybill list, a summary) shows none
        self._states(rows)
        self.model.set_rows(rows)
        # the import documents' people and amounts: no column for them when no row has any
        self.view.documents.setColumnHidden(BUYER_COLUMN, not any(r.get("has_person") for r in rows))
        self.view.documents.setColumnHidden(AMOUNT_COLUMN, not any(r.get("amount") for r in rows))
        fit_columns(self.view.documents)
        # what was shown for the previous files is gone: their finding, their row, their cell
        self.view.detail.setText("")
        self.view.preview.setVisible(False)
        self.view.preview.setColumnCount(0)
        self._marked = None
        self.view.findings.clear()
        for finding in findings:
            item = QListWidgetItem(finding.render(self.context.language))
            item.setData(FINDING_ROLE, finding)
            if finding.is_error:
                item.setForeground(Qt.GlobalColor.darkRed)
            elif finding.severity is Severity.NOTE:  # a check that could not run
                item.setForeground(Qt.GlobalColor.darkGray)
            self.view.findings.addItem(item)
        self._say_counts()
        self.view.send_button.setEnabled(any(r["ok"] for r in rows))
        self.view.journal_button.setEnabled(any(r["ok"] for r in rows))
        self.mapping.update(findings)

    def _say_counts(self) -> None:
        rows = self.model.rows
        good = sum(1 for r in rows if r["ok"])
        waiting = sum(1 for r in rows if r.get("waiting"))
        text = self.tr("{total} 个单证：可发送 {good}，有错误 {bad}").format(
            total=len(rows), good=waiting, bad=len(rows) - good
        )
        if good > waiting:
            text += self.tr("，已发送过 {sent}").format(sent=good - waiting)
        self.view.summary.setText(text)

    def _states(self, rows: list[dict]) -> None:
        """Each row's state: 有错误 if the file's values cannot be sent, else what the journal
        says of that document (待发送, 已发送, customs' last answer), else 可发送."""
        codes = {row["code"] for row in rows if row.get("code")}
        known: dict[str, dict[str, object]] = {}
        hashes: dict[int, str] = {}
        with self.context.journal() as journal:
            for code in codes:
                known[code] = {d["business_key"]: d for d in journal.summaries(message_type=code)}
            for row in rows:
                document = known.get(row.get("code") or "", {}).get(row["key"])
                if document is not None and document["state"] == "sent" and row.get("hash"):
                    kept = journal.document(document["id"])
                    hashes[document["id"]] = content_hash(kept.head, kept.lines)
            self.journal_waiting = sum(1 for d in journal.summaries() if d["state"] in ("ready", "planned"))
        for row in rows:
            document = known.get(row.get("code") or "", {}).get(row["key"])
            # what 签名并发送 would send of this row: a new document, or one still waiting
            row["waiting"] = row["ok"] and (document is None or document["state"] != "sent")
            # sent before: the same values (nothing to send) or changed ones (sent only as a
            # modification, appType 2, when the clerk asks on the query page)
            row["unchanged"] = (
                document is not None
                and document["state"] == "sent"
                and hashes.get(document["id"]) == row.get("hash")
            )
            row.pop("returnStatus", None)
            if document is not None and row["ok"]:  # coloured and marked like the outbox's rows
                # (a row with errors in this file is not what the journal holds: no green tick)
                row["returnStatus"] = document["customs_status"]
                row["sent"] = document["state"] == "sent"
            if not row["ok"]:
                row["state"] = self.tr("有错误")
            elif document is None:
                row["state"] = self.tr("可发送")
            elif document["customs_status"] and document["state"] == "sent":
                status = document["customs_status"]
                meaning = explain_status(status, self.context.language, row["code"])[0]
                # a meaning that names its code already (处理异常（-303001）) is not followed by it again
                row["state"] = meaning if status in meaning else f"{meaning}（{status}）"
            else:
                row["state"] = state_text(document["state"])

    @Slot()
    def follow_journal(self) -> None:
        """Show the loaded rows as the journal has them now (after a send, receipts, a resend)."""
        if self.model.rows:
            self._states(self.model.rows)
            self.model.rows_changed()
            fit_columns(self.view.documents)

    @Slot()
    def settings_saved(self) -> None:
        """New settings: what could not be done with the old ones may work now."""
        self._clear_error()
        self.fill_clients()

    def _partner_of(self, item: QListWidgetItem | None) -> dict | None:
        """The journal's document a finding names (the cross-document checks), if any."""
        finding = item.data(FINDING_ROLE) if item is not None else None
        ref = finding.params.get("partner_ref") if isinstance(finding, Finding) else None
        return ref if isinstance(ref, dict) and ref.get("id") is not None else None

    @Slot()
    def _offer_partner(self, item: QListWidgetItem | None, _previous=None) -> None:
        ref = self._partner_of(item)
        button = self.view.partner_button
        button.setVisible(ref is not None)
        if ref is not None:
            finding: Finding = item.data(FINDING_ROLE)
            english = self.context.language == "en"
            label = finding.params.get("partner_doc_en" if english else "partner_doc") or ""
            button.setText(self.tr("查看{document} {key}…").format(document=label, key=ref["key"]))
            button.setToolTip(self.tr("在查询页打开日志中的这个单证（#{id}）").format(id=ref["id"]))

    @Slot()
    def _open_partner(self) -> None:
        ref = self._partner_of(self.view.findings.currentItem())
        if ref is not None:
            self.open_document.emit(int(ref["id"]), ref["type"], ref["key"])

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
        fit_columns(table, 200)
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
        self._clear_error()
        context = self.context
        if files is None and not self.files:
            self.view.summary.setText(
                self.tr("还没有打开文件：先点“打开文件…”；已导入的待发送单证在“发送与回执”页发送。")
            )
            return None
        if not context.signer.wanted or context.profile is None:
            if context.profile is not None and context.workspace().journal_url:
                reason = self.tr("本席位没有签名方式：用“只导入”记入共享日志，由签名工作站签名发送；或在设置页选择签名方式")
            else:
                reason = self.tr("请先在设置中配置企业档案和签名方式")
            self._failed(reason)
            self.nothing_to_send.emit(self.tr("无法完成：{reason}").format(reason=reason))  # said where the click was
            return None
        if not self._anything_to_send(files):
            return None
        try:
            signer, pin = ask_to_sign(self.view, context.signer, context.language)
        except PinCancelled:
            return None
        except SigningError as exc:  # a locked token: refused before any try
            failure = failure_of(exc)
            self._failed(explain(failure, context.language), failure.detail)
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
            "client": getattr(self.chosen_client(), "name", None),
        }
        del pin
        return self._start("import_and_send", kwargs, self._sent)

    def import_only(self) -> Job | None:
        """Journal the loaded documents (the chosen ones) without a key: they wait there for
        the signing station of a shared journal, or for a send later. No PIN is asked."""
        self._clear_error()
        context = self.context
        if not self.files:
            self.view.summary.setText(self.tr("还没有打开文件：先点“打开文件…”。"))
            return None
        if context.profile is None:
            self._failed(self.tr("请先在设置中配置企业档案"))
            return None
        kwargs = {
            "files": list(self.files),
            "data_dir": context.data_dir,
            "exchange_dir": context.exchange_dir,
            "profile": context.profile,
            "doc_type": self.view.type.currentData(),
            "only": self.selected_keys(),
            "client": getattr(self.chosen_client(), "name", None),
        }
        return self._start("import_only", kwargs, self._imported)

    def _imported(self, report) -> None:
        text = self.tr("已记入日志 {documents} 个单证：新增 {new}，未变 {same}，有改动 {changed}").format(
            documents=report.new + report.same + report.changed, new=report.new, same=report.same, changed=report.changed
        )
        if report.rejected or report.refused_files:
            text += self.tr("；{count} 个有错误，未记入").format(count=report.rejected)
        if self.context.workspace().journal_url:
            text += self.tr("；由签名工作站签名发送")
        else:
            text += self.tr("；在“发送与回执”页签名发送")
        self.view.summary.setText(text)
        self.follow_journal()

    def _anything_to_send(self, files: list[Path] | None) -> bool:
        """Whether a send would send anything: a loaded row new or still waiting, or a document
        waiting in the journal. If not, no PIN is asked and the page says why."""
        with self.context.journal() as journal:
            waiting = sum(1 for d in journal.summaries() if d["state"] in ("ready", "planned"))
        rows = self.model.rows if files is None else []
        if files is None:
            chosen = self.selected_keys()
            rows = [r for r in rows if chosen is None or r["key"] in chosen]
        changed = sum(1 for r in rows if r["ok"] and not r.get("waiting") and not r.get("unchanged"))
        if waiting or changed or any(r.get("waiting") for r in rows):
            return True  # a change is journaled by the import, to be sent as a modification
        if not rows:
            self.view.summary.setText(self.tr("没有待发送的单证"))
            self.nothing_to_send.emit(self.tr("没有待发送的单证"))
            return False
        unchanged = sum(1 for r in rows if r.get("unchanged"))
        bad = sum(1 for r in rows if not r["ok"])
        if unchanged and bad:
            reason = self.tr("{unchanged} 个已发送过，未改动；{bad} 个有错误").format(unchanged=unchanged, bad=bad)
        elif unchanged:
            reason = self.tr("{count} 个已发送过，未改动").format(count=unchanged)
        else:
            reason = self.tr("{count} 个有错误").format(count=bad)
        self.view.summary.setText(self.tr("没有要发送的单证：{reason}").format(reason=reason))
        return False

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
        if not report.documents and imported is not None and imported.changed:
            text += self.tr(
                "：{count} 个已发送过的单证在文件中有改动，已记下；在“查询”页选中后作为变更（appType 2）重发"
            ).format(count=imported.changed)
        elif not report.documents and imported is not None and imported.same:
            text += self.tr("：已发送过，未改动")
        self.view.summary.setText(text)
        self.follow_journal()

    # -- jobs -----------------------------------------------------------------------------------
    def _start(self, task, kwargs: dict, on_success) -> Job:
        self._clear_error()  # a new try: the last one's failure is history
        job = Job(task, kwargs, self, language=self.context.language)
        self._started = time.monotonic()
        self._on_success = on_success
        job.progressed.connect(self._progressed)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._job_failed)
        job.done.connect(self._finished)
        self.view.cancel_button.setEnabled(True)
        self.view.open_button.setEnabled(False)
        self.view.send_button.setEnabled(False)
        self.view.journal_button.setEnabled(False)
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
    def _job_failed(self, message: str) -> None:
        failure = self.job.failure if self.job is not None else None
        if self._on_success == self._loaded:  # reading: which files could not be read
            self.view.summary.setText(self.tr("未能读取 {files}").format(files=_names(self.files)))
        self._failed(message, failure.detail if failure is not None else "")

    def _failed(self, message: str, detail: str = "") -> None:
        self.last_error = message
        self.view.error.setText(self.tr("无法完成：{reason}").format(reason=message))
        self.view.error.setToolTip(detail)

    def _say_error(self, message: str) -> None:
        self.last_error = message
        self.view.error.setText(message)
        self.view.error.setToolTip("")

    def _clear_error(self) -> None:
        self.last_error = None
        self.view.error.setText("")
        self.view.error.setToolTip("")

    @Slot()
    def _finished(self) -> None:
        view = self.view
        view.cancel_button.setEnabled(False)
        view.open_button.setEnabled(True)
        view.progress.setMaximum(1)
        view.progress.setValue(1)
        view.rate.setText("")  # the speed of a job that is over says nothing any more
        view.send_button.setEnabled(any(row.get("ok") for row in self.model.rows))
        view.journal_button.setEnabled(any(row.get("ok") for row in self.model.rows))
        self.done.emit()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
