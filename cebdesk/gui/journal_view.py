"""The outbox and receipts page: every journaled document with its customs status, live.

New receipts in receive/ are read as they arrive (a file-system watcher plus a slow poll for
folders on network shares) and the table refreshes without a restart.
"""

from __future__ import annotations

import json

from PySide6.QtCore import (
    QDate,
    QEvent,
    QT_TRANSLATE_NOOP,
    QFileSystemWatcher,
    QItemSelectionModel,
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
)

from ..pipeline.workspace import StatusQuery
from ..exchange.receipts import summary_result_text as result_text
from ..spec.receipts import Family, explain_status
from .context import AppContext
from .names import DIRECTIONS, direction_name, fill_type_combo
from .models import (
    Page,
    ROW_ROLE,
    ColumnSpec,
    MessageLabel,
    RowsModel,
    fit_columns_within,
    message_label,
    readable_time,
    status_row,
)
from .workers import Job

COLUMNS = [
    ColumnSpec("type", QT_TRANSLATE_NOOP("cebdesk", "单证")),
    ColumnSpec("key", QT_TRANSLATE_NOOP("cebdesk", "编号")),
    ColumnSpec("returnStatus", QT_TRANSLATE_NOOP("cebdesk", "回执状态")),
    ColumnSpec("meaning", QT_TRANSLATE_NOOP("cebdesk", "含义")),
    ColumnSpec("state", QT_TRANSLATE_NOOP("cebdesk", "发送状态")),
    ColumnSpec("appType", QT_TRANSLATE_NOOP("cebdesk", "报送类型")),
    ColumnSpec("returnTime", QT_TRANSLATE_NOOP("cebdesk", "回执时间")),
    ColumnSpec("returnInfo", QT_TRANSLATE_NOOP("cebdesk", "回执信息")),  # last: it takes what is left
]
#: The columns narrowed when the table is too wide for its page (the receipts pane shows them whole).
PROSE = [i for i, c in enumerate(COLUMNS) if c.key in ("meaning", "returnInfo")]


class JournalView(Page):

    def __init__(self, parent=None, *, language: str = "zh") -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.send_button = QPushButton(self.tr("发送待发送单证"))
        self.counts = message_label(QLabel(""))
        top.addWidget(self.send_button)
        top.addWidget(self.counts, 1)
        layout.addLayout(top)
        bar = QHBoxLayout()
        self.language = language
        self.direction = QComboBox()
        self.direction.addItem(self.tr("全部"), None)
        for direction in DIRECTIONS:
            self.direction.addItem(direction_name(direction), direction)
        self.type = QComboBox()
        self.show_types(None)
        self.family = QComboBox()
        self.family.addItem(self.tr("全部状态"), None)
        for family in Family:
            self.family.addItem(family.text(language), family.value)
        self.since = QDateEdit(QDate.currentDate().addMonths(-3))
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("按编号、类型或状态筛选"))
        bar.addWidget(self.direction)
        bar.addWidget(self.type)
        bar.addWidget(self.family)
        bar.addWidget(QLabel(self.tr("更新自")))
        bar.addWidget(self.since)
        bar.addWidget(self.filter, 1)
        layout.addLayout(bar)
        self.message = message_label(MessageLabel())
        self.message.setStyleSheet("color: #B00020")
        layout.addWidget(self.message)
        splitter = QSplitter()
        self.table = QTableView()
        self.table.horizontalHeader().setResizeContentsPrecision(50)  # fit columns to the first rows, not all
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.timeline = QListWidget()
        self.timeline.setWordWrap(True)
        splitter.addWidget(self.table)
        splitter.addWidget(self.timeline)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([740, 260])
        layout.addWidget(splitter, 1)

    def show_types(self, direction: str | None) -> None:
        """The type list for a direction (None: both, under headings), starting at 全部单证."""
        self.type.blockSignals(True)
        self.type.clear()
        self.type.addItem(self.tr("全部单证"), None)
        fill_type_combo(self.type, self.language, lambda dt: dt.message.code, direction=direction)
        self.type.blockSignals(False)


def summary_result_text(values: dict, lines: list[dict], language: str = "zh") -> str:
    """What a summary result (CEB792) says, in the window's language (the one text of
    ``exchange.receipts``), then its list (which inventory went into which item), as
    ``cebdesk status --history`` prints it."""
    text = result_text(values, len(lines), language)
    for line in lines:
        text += "\n    " + "  ".join(f"{k}={v}" for k, v in line.items() if v)
    return text


def receipt_line(r, language: str = "zh") -> str:
    """One receipt of a document's history, as the outbox and the query page show it."""
    # by the receipt's own message type: export codes read by the export ranges
    meaning = explain_status(r["return_status"], language, r["message_type"])[0]
    info = r["return_info"] or ""
    if r["message_type"] == "CEB792Message":  # kept in both languages: shown in the window's
        try:
            values = json.loads(r["keys"] or "{}")
        except ValueError:
            values = {}
        if isinstance(values, dict):
            lines = values.get("lines") if isinstance(values.get("lines"), list) else []
            info = summary_result_text(values, [line for line in lines if isinstance(line, dict)], language)
    return f"{readable_time(r['return_time'])}  {r['return_status'] or ''} {meaning}".rstrip() + f"\n{info}"


class JournalController(QObject):
    """The outbox page. After every ``refresh`` (the window calls it after a send, a resend,
    saved settings; a receipts reading calls it itself) the table, the counts and the selected
    document's receipts show the journal as it is now."""

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
        view.direction.currentIndexChanged.connect(self._direction_chosen)
        view.type.currentIndexChanged.connect(self.refresh)
        view.family.currentIndexChanged.connect(self.refresh)
        view.since.dateChanged.connect(self.refresh)
        view.table.selectionModel().currentRowChanged.connect(self.show_timeline)
        view.shown.connect(self.refresh)  # what the CLI or another window did meanwhile
        view.table.viewport().installEventFilter(self)  # a wider or narrower table: columns fitted again
        self.refresh()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize and watched is self.view.table.viewport():
            fit_columns_within(self.view.table, PROSE)
        return False

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
            {
                "data_dir": self.context.data_dir,
                "exchange_dir": self.context.exchange_dir,
                "profile": profile,
            },
            self,
            language=self.context.language,
        )
        self.job.succeeded.connect(self._read)
        self.job.failed.connect(self._not_read)
        self.job.start()
        return self.job

    @Slot(object)
    def _read(self, files: int) -> None:
        self.view.message.setText("")
        if files:
            self.refresh()
        if self.again:
            self.read_receipts()

    @Slot(str)
    def _not_read(self, reason: str) -> None:
        """A reading that failed says so here (it is tried again with the next poll)."""
        self.view.message.setText(self.tr("无法读入回执：{reason}").format(reason=reason))
        failure = self.job.failure if self.job is not None else None
        self.view.message.setToolTip(failure.detail if failure is not None else "")

    @Slot()
    def _direction_chosen(self) -> None:
        self.view.show_types(self.view.direction.currentData())
        self.refresh()

    @Slot()
    def refresh(self, *_args) -> None:
        wanted = self.view.filter.text().strip()
        code_wanted, family_wanted = self.view.type.currentData(), self.view.family.currentData()
        direction = self.view.direction.currentData()
        since = self.view.since.date().toString("yyyy-MM-dd")
        selected = self.selected_id()
        rows = []
        language = self.context.language
        query = StatusQuery(message_type=code_wanted, direction=direction, since=since, limit=-1)
        for d in self.context.workspace().status(query, lang=language):
            row = status_row(d, language)
            row["type"] = f"{row['label']} {d.message_type[:6]}"
            shown = {k: row[k] for k in ("type", "key", "appType", "state", "returnStatus", "meaning", "returnInfo", "returnTime")}
            if wanted and not any(wanted in str(v) for v in shown.values() if v):
                continue
            if family_wanted and row["family"] != family_wanted:
                continue
            rows.append(row)
        self.model.set_rows(rows)
        fit_columns_within(self.view.table, PROSE)
        self._select(selected)
        pending = sum(1 for r in rows if not r["sent"])
        waiting = sum(1 for r in rows if r["sent"] and not r["returnStatus"])
        self.view.counts.setText(
            self.tr("共 {total} 个单证，待发送 {pending}，待回执 {waiting}").format(
                total=len(rows), pending=pending, waiting=waiting
            )
        )
        self.refreshed.emit()

    def selected_id(self) -> int | None:
        current = self.view.table.currentIndex()
        return self.model.data(current, ROW_ROLE)["id"] if current.isValid() else None

    def _select(self, document_id: int | None) -> None:
        """Select that document again after a refresh, and show its receipts as they are now."""
        row = next((i for i, r in enumerate(self.model.rows) if r["id"] == document_id), None)
        table = self.view.table
        if row is None:
            self.view.timeline.clear()
            return
        table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.show_timeline(self.model.index(row, 0))

    @Slot()
    def show_timeline(self, current, _previous=None) -> None:
        self.view.timeline.clear()
        if not current.isValid():
            return
        row = self.model.data(current, ROW_ROLE)
        with self.context.journal() as journal:
            for r in journal.receipts_for(row["id"]):
                self.view.timeline.addItem(receipt_line(r, self.context.language))
