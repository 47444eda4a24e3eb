"""The outbox and receipts page: every journaled document with its customs status, live.

New receipts in receive/ are read as they arrive (a file-system watcher plus a slow poll for
folders on network shares) and the table refreshes without a restart.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QDate,
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QFileSystemWatcher,
    QObject,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..spec import IMPORT_MESSAGES, Direction, message_type
from ..spec.receipts import Family, explain_status
from .context import AppContext
from .models import ROW_ROLE, ColumnSpec, RowsModel
from .workers import Job

#: The status families (spec/receipts.py), marked for translation.
FAMILIES = (
    QT_TRANSLATE_NOOP("cebdesk", "申报中"),
    QT_TRANSLATE_NOOP("cebdesk", "入库"),
    QT_TRANSLATE_NOOP("cebdesk", "审结"),
    QT_TRANSLATE_NOOP("cebdesk", "放行"),
    QT_TRANSLATE_NOOP("cebdesk", "退单/错误"),
    QT_TRANSLATE_NOOP("cebdesk", "查验/扣留"),
    QT_TRANSLATE_NOOP("cebdesk", "其他"),
)
STATES = {
    "ready": QT_TRANSLATE_NOOP("cebdesk", "待发送"),
    "planned": QT_TRANSLATE_NOOP("cebdesk", "发送中"),
    "sent": QT_TRANSLATE_NOOP("cebdesk", "已发送"),
}

COLUMNS = [
    ColumnSpec("type", QT_TRANSLATE_NOOP("cebdesk", "单证")),
    ColumnSpec("key", QT_TRANSLATE_NOOP("cebdesk", "编号")),
    ColumnSpec("appType", QT_TRANSLATE_NOOP("cebdesk", "报送类型")),
    ColumnSpec("state", QT_TRANSLATE_NOOP("cebdesk", "发送状态")),
    ColumnSpec("returnStatus", QT_TRANSLATE_NOOP("cebdesk", "回执状态")),
    ColumnSpec("meaning", QT_TRANSLATE_NOOP("cebdesk", "含义")),
    ColumnSpec("returnInfo", QT_TRANSLATE_NOOP("cebdesk", "回执信息")),
    ColumnSpec("returnTime", QT_TRANSLATE_NOOP("cebdesk", "回执时间")),
]


class JournalView(QWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.type = QComboBox()
        self.type.addItem(self.tr("全部单证"), None)
        for mt in IMPORT_MESSAGES:
            if mt.direction is Direction.DECLARATION:
                self.type.addItem(mt.label, mt.code)
        self.family = QComboBox()
        self.family.addItem(self.tr("全部状态"), None)
        for family in Family:
            self.family.addItem(QCoreApplication.translate("cebdesk", family.value), family.value)
        self.since = QDateEdit(QDate.currentDate().addMonths(-3))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("按编号、类型或状态筛选"))
        self.counts = QLabel("")
        self.send_button = QPushButton(self.tr("发送待发送单证"))
        bar.addWidget(self.send_button)
        bar.addWidget(self.type)
        bar.addWidget(self.family)
        bar.addWidget(QLabel(self.tr("更新自")))
        bar.addWidget(self.since)
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.counts)
        layout.addLayout(bar)
        splitter = QSplitter()
        self.table = QTableView()
        self.table.horizontalHeader().setResizeContentsPrecision(50)  # fit columns to the first rows, not all
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.timeline = QListWidget()
        splitter.addWidget(self.table)
        splitter.addWidget(self.timeline)
        splitter.setSizes([700, 300])
        layout.addWidget(splitter, 1)


class JournalController(QObject):
    refreshed = Signal()

    def __init__(self, view: JournalView, context: AppContext, *, poll_ms: int = 5000) -> None:
        super().__init__(view)
        self.view = view
        self.context = context
        self.model = RowsModel(COLUMNS)
        view.table.setModel(self.model)
        self.outbox = context.outbox()
        self.job: Job | None = None
        self.again = False
        self.watcher = QFileSystemWatcher([str(self.outbox.receive)], self)
        self.watcher.directoryChanged.connect(self.read_receipts)
        self.poll = QTimer(self)
        self.poll.timeout.connect(self.read_receipts)
        self.poll.start(poll_ms)
        view.filter.textChanged.connect(self.refresh)
        view.type.currentIndexChanged.connect(self.refresh)
        view.family.currentIndexChanged.connect(self.refresh)
        view.since.dateChanged.connect(self.refresh)
        view.table.selectionModel().currentRowChanged.connect(self.show_timeline)
        self.refresh()

    @Slot()
    def read_receipts(self, *_args) -> Job | None:
        """Read new receipts in a worker process (one at a time), then refresh the table."""
        if self.job is not None and self.job.running:
            self.again = True  # more arrived while reading: read once more afterwards
            return None
        profile = self.context.profile
        downloading = bool(profile and profile.exchange.receipts_url)  # the receipts URL is asked too
        if not downloading and not any(p.is_file() for p in self.outbox.incoming()):
            return None
        self.again = False
        self.job = Job(
            "ingest_receipts",
            {"data_dir": self.context.data_dir, "exchange_dir": self.context.exchange_dir, "profile": profile},
            self,
        )
        self.job.succeeded.connect(self._read)
        self.job.start()
        return self.job

    @Slot(object)
    def _read(self, files: int) -> None:
        if files:
            self.refresh()
        if self.again:
            self.read_receipts()

    @Slot()
    def refresh(self, *_args) -> None:
        wanted = self.view.filter.text().strip()
        code_wanted, family_wanted = self.view.type.currentData(), self.view.family.currentData()
        since = self.view.since.date().toString("yyyy-MM-dd")
        rows = []
        journal_states = []
        with self.context.journal() as journal:
            documents = journal.summaries(message_type=code_wanted)
        states = {k: QCoreApplication.translate("cebdesk", v) for k, v in STATES.items()}
        labels: dict[str, str] = {}
        for d in documents:
            code = d["message_type"]
            if code not in labels:
                labels[code] = f"{message_type(code).label} {code[:6]}"
            meaning, family = explain_status(d["customs_status"])
            row = {
                "id": d["id"],
                "type": labels[code],
                "key": d["business_key"],
                "appType": d["app_type"],
                "state": states.get(d["state"], d["state"]),
                "returnStatus": d["customs_status"],
                "meaning": meaning,
                "family": family.value,
                "returnInfo": d["customs_info"],
                "returnTime": d["customs_time"],
            }
            if wanted and not any(wanted in str(v) for v in row.values() if v):
                continue
            if family_wanted and row["family"] != family_wanted:
                continue
            if d["updated"][:10] < since:
                continue
            rows.append(row)
            journal_states.append(d["state"])
        self.model.set_rows(rows)
        self.view.table.resizeColumnsToContents()
        pending = sum(1 for d in journal_states if d in ("ready", "planned"))
        self.view.counts.setText(
            self.tr("共 {total} 个单证，待发送 {pending}").format(total=len(rows), pending=pending)
        )
        self.refreshed.emit()

    @Slot()
    def show_timeline(self, current, _previous=None) -> None:
        self.view.timeline.clear()
        if not current.isValid():
            return
        row = self.model.data(current, ROW_ROLE)
        with self.context.journal() as journal:
            for r in journal.receipts_for(row["id"]):
                meaning = explain_status(r["return_status"])[0]
                self.view.timeline.addItem(
                    f"{r['return_time'] or ''}  {r['return_status'] or ''} {meaning}\n{r['return_info'] or ''}"
                )
