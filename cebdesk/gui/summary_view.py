"""The monthly summary page (汇总申报): a month, its deadline by China's official calendar and the
working days left (a warning look from five working days before, a missed one after), the
preview of the declarations the eight-same rule makes (run off the GUI thread, by itself when the
page comes into view and the journal holds export lists), the lists kept to summary statistics,
the lists that cannot be summarised and why, earlier months' lists never summarised, the
preview as an Excel workbook, the declaration itself (signed and sent through the journal), and
customs' summary results beside the preview with the differences."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ..summary.deadline import Deadline, MonthError, due_date, parse_month, working_days_left
from ..summary.merge import HEAD_FIELDS, format_amount
from ..signing.base import SigningError
from ..summary.preview import SummaryPreview, has_export_lists, write_excel
from ..summary.result import ResultComparison
from .clients_view import fill_client_combo, profile_clients
from .context import AppContext
from .dialogs import PinCancelled, ask_to_sign
from .models import Page, fit_columns, message_label
from .workers import Job, explain, failure_of

#: Working days before the deadline from which the page warns.
WARN_DAYS = 5
#: How many months back the chooser offers (any YYYY-MM may be typed).
MONTHS_BACK = 24

#: The names chinesecalendar gives the holidays, in the window's language.
HOLIDAYS = {
    "New Year's Day": QT_TRANSLATE_NOOP("cebdesk", "元旦"),
    "Spring Festival": QT_TRANSLATE_NOOP("cebdesk", "春节"),
    "Tomb-sweeping Day": QT_TRANSLATE_NOOP("cebdesk", "清明节"),
    "Labour Day": QT_TRANSLATE_NOOP("cebdesk", "劳动节"),
    "Dragon Boat Festival": QT_TRANSLATE_NOOP("cebdesk", "端午节"),
    "National Day": QT_TRANSLATE_NOOP("cebdesk", "国庆节"),
    "Mid-autumn Festival": QT_TRANSLATE_NOOP("cebdesk", "中秋节"),
    "weekend": QT_TRANSLATE_NOOP("cebdesk", "周末"),
    "rest day": QT_TRANSLATE_NOOP("cebdesk", "休息日"),
}
HEAD_LABELS = {
    "ebcCode": QT_TRANSLATE_NOOP("cebdesk", "电商企业代码（收发货人）"),
    "trafMode": QT_TRANSLATE_NOOP("cebdesk", "运输方式"),
    "ownerCode": QT_TRANSLATE_NOOP("cebdesk", "生产销售单位代码"),
    "country": QT_TRANSLATE_NOOP("cebdesk", "运抵国（地区）"),
    "portCode": QT_TRANSLATE_NOOP("cebdesk", "出口口岸代码"),
}
#: The look of the deadline: normal, within WARN_DAYS working days, passed.
LOOKS = {
    "ok": "",
    "warning": "background: #FFF3CD; color: #5C4300; border: 1px solid #E0A800; padding: 4px;",
    "missed": "background: #F8D7DA; color: #842029; border: 1px solid #C0392B; padding: 4px;",
}


def _t(text: str) -> str:
    return QCoreApplication.translate("cebdesk", text)


def last_month(today: dt.date) -> str:
    first = today.replace(day=1) - dt.timedelta(days=1)
    return f"{first:%Y-%m}"


def next_deadline(today: dt.date) -> Deadline:
    """The first deadline not passed yet: last month's, else this month's."""
    deadline = due_date(last_month(today))
    return deadline if deadline.due >= today else due_date(f"{today:%Y-%m}")


def holiday_text(name: str | None) -> str:
    return _t(HOLIDAYS[name]) if name in HOLIDAYS else (name or "")


class SummaryView(Page):

    def __init__(self, parent=None, *, language: str = "zh") -> None:
        super().__init__(parent)
        self.language = language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        self.header = message_label(QLabel(""))
        self.header.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.header)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("放行月份")))
        self.month = QComboBox()
        self.month.setEditable(True)
        self.month.setToolTip(self.tr("清单放行的月份（YYYY-MM），汇总申报在下月 15 日前完成"))
        self.month.setMinimumContentsLength(8)
        row.addWidget(self.month)
        self.client = QComboBox()  # a broker's clients (shown when the profile has some)
        self.client.setToolTip(self.tr("只汇总这个客户（电商企业代码）放行的清单"))
        self.client.setVisible(False)
        row.addWidget(self.client)
        self.preview_button = QPushButton(self.tr("预览"))
        self.export_button = QPushButton(self.tr("导出 Excel…"))
        self.export_button.setEnabled(False)
        self.declare_button = QPushButton(self.tr("签名并申报…"))
        self.declare_button.setToolTip(self.tr("把预览中的汇总报关单作为汇总申请单（CEB701）签名并发送"))
        self.declare_button.setEnabled(False)
        row.addWidget(self.preview_button)
        row.addWidget(self.export_button)
        row.addWidget(self.declare_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.deadline = message_label(QLabel(""))
        self.deadline.setObjectName("summary_deadline")
        self.deadline.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.deadline)
        self.calendar_warning = message_label(QLabel(""))
        self.calendar_warning.setStyleSheet("color: #9A4F00;")
        layout.addWidget(self.calendar_warning)
        self.message = message_label(QLabel(""))
        layout.addWidget(self.message)
        self.tabs = QTabWidget()
        self.declarations = QTreeWidget()
        self.declarations.setHeaderLabels(
            [self.tr("报关单 / 商品项"), self.tr("值"), self.tr("商品编码"), self.tr("最终目的国（地区）"),
             self.tr("币制"), self.tr("数量"), self.tr("总价"), self.tr("清单商品行数")]
        )  # fmt: skip
        self.statistics = self._list_table()
        self.refused = self._list_table()
        self.overdue = QTableWidget(0, 3)
        self.overdue.setHorizontalHeaderLabels([self.tr("放行月份"), self.tr("未汇总清单"), self.tr("截止日")])
        self.overdue.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.declarations, self.tr("汇总报关单"))
        self.tabs.addTab(self.statistics, self.tr("简化申报（汇总统计）"))
        self.tabs.addTab(self.refused, self.tr("不能汇总"))
        self.tabs.addTab(self.overdue, self.tr("以前月份逾期"))
        self.results = QTreeWidget()
        self.results.setHeaderLabels([self.tr("汇总申请单 / 报关单"), self.tr("内容")])
        self.tabs.addTab(self.results, self.tr("申报结果"))
        layout.addWidget(self.tabs, 1)

    def _list_table(self) -> QTableWidget:
        table = QTableWidget(0, 3)
        table.setHorizontalHeaderLabels([self.tr("清单编号"), self.tr("货值（人民币元）"), self.tr("原因")])
        table.horizontalHeader().setStretchLastSection(True)
        return table


class SummaryController(QObject):
    """The summary page. ``today`` gives the day deadlines are counted from (tests set it)."""

    #: the next deadline or the lists waiting changed: (text, look)
    status_changed = Signal(str, str)

    def __init__(self, view: SummaryView, context: AppContext) -> None:
        super().__init__(view)
        self.view = view
        self.context = context
        self._today = dt.date.today
        self.job: Job | None = None
        self.result: SummaryPreview | None = None
        self.comparison: ResultComparison | None = None
        #: what the last declaration did, said above the next preview's figures
        self.declared_text = ""
        self.look = "ok"
        self.fill_months()
        view.month.currentTextChanged.connect(self.month_chosen)
        fill_client_combo(view.client, profile_clients(context), self.tr("全部客户"))
        view.client.currentIndexChanged.connect(self.client_chosen)
        view.preview_button.clicked.connect(self.preview)
        view.export_button.clicked.connect(self.choose_export)
        view.declare_button.clicked.connect(self.declare)
        view.shown.connect(self.came_into_view)
        self.show_deadline()

    @property
    def today(self):
        """The function giving the day deadlines are counted from (``datetime.date.today``)."""
        return self._today

    @today.setter
    def today(self, function) -> None:
        self._today = function
        self.fill_months()
        self.show_deadline()

    # -- the month and its deadline -------------------------------------------------------------
    def fill_months(self) -> None:
        """The months to choose from, newest first; the month of the next deadline chosen (last
        month until its deadline has passed, then this month: a passed deadline is not the first
        thing a clerk should meet — earlier months' lists left behind show as overdue in the
        preview)."""
        combo, today = self.view.month, self.today()
        combo.blockSignals(True)
        combo.clear()
        year, month = today.year, today.month
        for _ in range(MONTHS_BACK):
            combo.addItem(f"{year:04d}-{month:02d}")
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        combo.setCurrentText(next_deadline(today).month)
        combo.blockSignals(False)

    def month(self) -> str | None:
        try:
            year, month = parse_month(self.view.month.currentText())
        except MonthError:
            return None
        return f"{year:04d}-{month:02d}"

    @Slot()
    def month_chosen(self) -> None:
        if self.result is not None and self.result.month != self.month():
            self._clear()
        self.show_deadline()

    def ebc(self) -> str | None:
        """The ebcCode of the client chosen (None: every e-commerce enterprise)."""
        name = self.view.client.currentData()
        return next((c.ebc_code for c in profile_clients(self.context) if c.name == name), None)

    @Slot()
    def client_chosen(self) -> None:
        """Another client: that client's lists, previewed again."""
        if self.result is not None and self.result.ebc != self.ebc():
            self._clear()
        self.preview()

    @Slot()
    def came_into_view(self) -> None:
        """The deadline as of now; the month previewed by itself when the journal has export
        lists and nothing is shown for the month yet (the lists waiting are then counted)."""
        fill_client_combo(self.view.client, profile_clients(self.context), self.tr("全部客户"))
        self.show_deadline()
        month = self.month()
        if month is None or (self.result is not None and (self.result.month, self.result.ebc) == (month, self.ebc())):
            return
        with self.context.journal() as journal:
            lists = has_export_lists(journal)
        if lists:
            self.preview()

    @Slot()
    def show_deadline(self) -> None:
        v, month, today = self.view, self.month(), self.today()
        if month is None:
            v.deadline.setText(self.tr("月份格式为 YYYY-MM，例如 2026-01"))
            self._look("ok")
            v.calendar_warning.setText("")
            v.preview_button.setEnabled(False)
            self._header()
            return
        v.preview_button.setEnabled(self.job is None or not self.job.running)
        deadline = due_date(month)
        text = self.tr("{month} 放行清单的汇总申报截止日：{due}").format(month=month, due=deadline.due.isoformat())
        if deadline.moved_for:
            text += self.tr("（{nominal} 逢{why}，顺延）").format(
                nominal=deadline.nominal.isoformat(), why=holiday_text(deadline.moved_for)
            )
        left = working_days_left(today, deadline.due)
        waiting = self._waiting()
        if deadline.due < today:
            if waiting == 0:
                text += self.tr("，已过（本月没有待汇总的清单）")
                look = "ok"
            else:
                text += self.tr("，已逾期 {days} 天").format(days=(today - deadline.due).days)
                if waiting is None:
                    text += self.tr("：点“预览”查看是否还有未汇总的清单")
                look = "missed"
        elif deadline.due == today:
            text += self.tr("，今天是最后一天")
            look = "warning" if waiting != 0 else "ok"
        else:
            text += self.tr("，还剩 {days} 个工作日").format(days=left)
            look = "warning" if left <= WARN_DAYS and waiting != 0 else "ok"
        v.deadline.setText(text)
        self._look(look)
        v.calendar_warning.setText(deadline.warning(self.context.language) or "")
        v.calendar_warning.setVisible(bool(v.calendar_warning.text()))
        self._header()

    def _waiting(self) -> int | None:
        """Lists of the month still to declare, once a preview told; None before."""
        result = self.result
        if result is None or result.month != self.month():
            return None
        return result.lists + len(result.refused)

    def _look(self, look: str) -> None:
        self.look = look
        self.view.deadline.setProperty("look", look)
        self.view.deadline.setStyleSheet(LOOKS[look])

    def _header(self) -> None:
        """The next deadline and the lists waiting, on the page and in the status bar."""
        today = self.today()
        deadline = next_deadline(today)
        left = working_days_left(today, deadline.due)
        text = self.tr("下一个汇总申报截止日 {due}（{month} 放行的清单），还剩 {days} 个工作日").format(
            due=deadline.due.isoformat(), month=deadline.month, days=left
        )
        result = self.result
        waiting = None
        if result is not None and result.month == deadline.month:
            waiting = result.lists + len(result.refused)
            text += self.tr("；待汇总清单 {count} 票").format(count=waiting)
            overdue = sum(result.overdue.values())
            if overdue:
                text += self.tr("；以前月份逾期 {count} 票").format(count=overdue)
        look = "warning" if left <= WARN_DAYS and waiting != 0 else "ok"
        if result is not None and result.overdue:
            look = "missed"
        self.view.header.setText(text)
        self.status_changed.emit(text, look)

    # -- the preview -----------------------------------------------------------------------------
    @Slot()
    def preview(self) -> Job | None:
        month = self.month()
        if month is None or (self.job is not None and self.job.running):
            return None
        v = self.view
        v.preview_button.setEnabled(False)
        v.export_button.setEnabled(False)
        v.declare_button.setEnabled(False)
        if not self.declared_text:
            v.message.setText(self.tr("正在读取 {month} 放行的出口清单…").format(month=month))
        return self._run(
            "summary_month",
            {"month": month, "today": self.today(), "ebc": self.ebc()},
            self._show_month,
            self._failed,
        )

    def _run(self, task: str, arguments: dict, succeeded, failed) -> Job:
        """A task of the page in a worker, on the active workspace; one at a time."""
        context = self.context
        job = Job(
            task,
            {"data_dir": context.data_dir, "exchange_dir": context.exchange_dir, "profile": context.profile,
             **arguments},
            self,
            language=context.language,
        )  # fmt: skip
        job.succeeded.connect(succeeded)
        job.failed.connect(failed)
        job.done.connect(self._finished)
        self.job = job
        job.start()
        return job

    @Slot(object)
    def _show_month(self, pair) -> None:
        preview, comparison = pair
        self.show_preview(preview)
        self.show_results(comparison)

    @Slot(str)
    def _failed(self, reason: str) -> None:
        self.view.message.setText(self.tr("无法预览：{reason}").format(reason=reason))

    @Slot()
    def _finished(self) -> None:
        self.view.preview_button.setEnabled(self.month() is not None)

    def follow_workspace(self) -> None:
        """Another workspace: nothing previewed for the last one stays."""
        self._clear()
        self.show_deadline()

    def _clear(self) -> None:
        v = self.view
        self.result = None
        self.comparison = None
        v.declarations.clear()
        v.results.clear()
        v.declare_button.setEnabled(False)
        for table in (v.statistics, v.refused, v.overdue):
            table.setRowCount(0)
        v.message.setText("")
        v.export_button.setEnabled(False)

    @Slot(object)
    def show_preview(self, result: SummaryPreview) -> None:
        v, lang = self.view, self.context.language
        self._clear()
        self.result = result
        tree = v.declarations
        for number, declaration in enumerate(result.declarations, 1):
            top = QTreeWidgetItem(
                [self.tr("报关单 {n}").format(n=number),
                 self.tr("{items} 项商品，{lists} 票清单").format(items=len(declaration.items), lists=len(declaration.invt_nos))]
            )  # fmt: skip
            tree.addTopLevelItem(top)
            for name in HEAD_FIELDS:
                top.addChild(QTreeWidgetItem([_t(HEAD_LABELS[name]), declaration.head.get(name, "") or "—"]))
            top.addChild(
                QTreeWidgetItem(
                    [self.tr("毛重 / 净重"),
                     f"{format_amount(declaration.gross_weight)} / {format_amount(declaration.net_weight)}"]
                )
            )  # fmt: skip
            goods = QTreeWidgetItem([self.tr("商品项"), str(len(declaration.items))])
            top.addChild(goods)
            for item in declaration.items.values():
                j = item.to_json()
                goods.addChild(
                    QTreeWidgetItem(
                        [self.tr("商品 {n}").format(n=j["gseqno"]), "", j["gcode"], j["country"], j["currency"],
                         j["qty"], j["totalPrice"], str(j["lines"])]
                    )
                )  # fmt: skip
            lists = QTreeWidgetItem([self.tr("清单"), str(len(declaration.invt_nos))])
            top.addChild(lists)
            for invt_no in declaration.invt_nos:
                lists.addChild(QTreeWidgetItem(["", invt_no]))
            top.setExpanded(True)
            goods.setExpanded(True)
        for column in range(tree.columnCount()):
            tree.resizeColumnToContents(column)
            tree.setColumnWidth(column, max(tree.columnWidth(column), 70))  # room beside short values
        for table, entries in ((v.statistics, result.statistics), (v.refused, result.refused)):
            table.setRowCount(len(entries))
            for r, c in enumerate(entries):
                j = c.to_json(lang)
                for col, text in enumerate((j["invtNo"], j["valueRmb"] or "", "；".join(j["reasons"]))):
                    table.setItem(r, col, QTableWidgetItem(text))
            fit_columns(table, 300)
        v.overdue.setRowCount(len(result.overdue))
        for r, (month, count) in enumerate(sorted(result.overdue.items())):
            for col, text in enumerate((month, str(count), due_date(month).due.isoformat())):
                v.overdue.setItem(r, col, QTableWidgetItem(text))
        v.tabs.setTabText(0, self.tr("汇总报关单 ({count})").format(count=len(result.declarations)))
        v.tabs.setTabText(1, self.tr("简化申报（汇总统计） ({count})").format(count=len(result.statistics)))
        v.tabs.setTabText(2, self.tr("不能汇总 ({count})").format(count=len(result.refused)))
        v.tabs.setTabText(3, self.tr("以前月份逾期 ({count})").format(count=sum(result.overdue.values())))
        lines = [
            self.tr("{month}：放行 {released} 票，汇总为 {declarations} 份报关单（{lists} 票），汇总统计 {statistics} 票，不能汇总 {refused} 票").format(
                month=result.month, released=result.released, declarations=len(result.declarations),
                lists=result.lists, statistics=len(result.statistics), refused=len(result.refused),
            )
        ]  # fmt: skip
        if result.excluded:
            names = {"summarised": self.tr("已汇总 {count} 票"), "pending": self.tr("汇总待回执 {count} 票"),
                     "cancelled": self.tr("已撤销 {count} 票")}  # fmt: skip
            lines.append(
                self.tr("不再汇总：")
                + "，".join(names[k].format(count=v) for k, v in sorted(result.excluded.items()) if k in names)
            )
        lines += result.notes(lang)
        if self.declared_text:
            lines.insert(0, self.declared_text)
            self.declared_text = ""
        v.message.setText("\n".join(lines))
        v.export_button.setEnabled(True)
        v.declare_button.setEnabled(bool(result.declarations))
        self.show_deadline()

    @Slot(object)
    def show_results(self, comparison: ResultComparison) -> None:
        """Each summary application of the month: customs' declarations (numbers, state, lists)
        and the differences from the preview, or that none came yet."""
        v, lang = self.view, self.context.language
        self.comparison = comparison
        tree = v.results
        tree.clear()
        for check in comparison.summaries:
            h = check.head
            status = check.status_text(lang) or self.tr("尚无回执")
            top = QTreeWidgetItem(
                [self.tr("汇总申请单 {copNo}").format(copNo=h.get("copNo", "")),
                 self.tr("电商企业 {ebc}，清单 {lists} 票，海关状态 {status}；预览为 {expected} 份报关单").format(
                     ebc=h.get("ebcCode", ""), lists=len(check.invt_nos), status=status,
                     expected=len(check.expected))]
            )  # fmt: skip
            tree.addTopLevelItem(top)
            for declaration in check.declarations:
                j = declaration.to_json()
                top.addChild(
                    QTreeWidgetItem(
                        [self.tr("汇总统一编号 {number}").format(number=j["declSeqNo"]),
                         self.tr("报关单编号 {entry}，报关单状态 {state}，清单 {lists} 票，商品项 {items}").format(
                             entry=j["entryId"] or self.tr("（未生成）"), state=j["decState"],
                             lists=len(j["invtNos"]), items=j["items"])]
                    )
                )  # fmt: skip
            if not check.declarations:
                said = QTreeWidgetItem(["", self.tr("尚未收到汇总结果单（CEB792）")])
            elif not check.differences:
                said = QTreeWidgetItem(["", self.tr("与预览的归并一致")])
                said.setForeground(1, Qt.GlobalColor.darkGreen)
            else:
                said = QTreeWidgetItem([self.tr("差异"), str(len(check.differences))])
                for difference in check.differences:
                    child = QTreeWidgetItem(["", difference.text(lang)])
                    child.setForeground(1, Qt.GlobalColor.darkRed)
                    child.setToolTip(1, difference.text(lang))
                    said.addChild(child)
                said.setForeground(0, Qt.GlobalColor.darkRed)
            top.addChild(said)
            top.setExpanded(True)
            said.setExpanded(True)
        tree.resizeColumnToContents(0)
        count = comparison.differences
        v.tabs.setTabText(
            4,
            self.tr("申报结果 ({count})").format(count=len(comparison.summaries))
            if not count
            else self.tr("申报结果 ({count}，差异 {differences})").format(
                count=len(comparison.summaries), differences=count
            ),
        )

    # -- declaring -------------------------------------------------------------------------------
    @Slot()
    def declare(self) -> Job | None:
        """Declare the previewed month: confirmed, the PIN asked once, then journaled, signed and
        sent in a worker (``Workspace.send_summary``); the month is previewed again after."""
        result, context, v = self.result, self.context, self.view
        if result is None or not result.declarations or (self.job is not None and self.job.running):
            return None
        if not context.signer.wanted or context.profile is None:
            v.message.setText(self.tr("请先在设置中配置企业档案和签名方式"))
            return None
        answer = QMessageBox.question(
            v,
            self.tr("汇总申报"),
            self.tr(
                "把 {month} 放行的 {lists} 票清单按预览汇总申报（{declarations} 份报关单）？"
                "将生成汇总申请单（CEB701），签名后发送；日志中其他待发单证也一并发出。"
            ).format(month=result.month, lists=result.lists, declarations=len(result.declarations))
            + (
                "\n" + self.tr("不能汇总的 {count} 票不在其中：修改后另行申报。").format(count=len(result.refused))
                if result.refused
                else ""
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        try:
            signer, pin = ask_to_sign(v, context.signer, context.language)
        except PinCancelled:
            return None
        except SigningError as exc:
            v.message.setText(explain(failure_of(exc), context.language))
            return None
        v.preview_button.setEnabled(False)
        v.declare_button.setEnabled(False)
        v.message.setText(self.tr("正在签名并发送 {month} 的汇总申请单…").format(month=result.month))
        arguments = {"month": result.month, "signer": signer, "pin": pin, "ebc": result.ebc}
        del pin
        return self._run("summary_send", arguments, self._declared, self._declare_failed)

    @Slot(object)
    def _declared(self, pair) -> None:
        declared, report = pair
        lang = self.context.language
        if declared.refused:
            text = self.tr("汇总申请单不符合字段规则，未记入任何单证：") + "；".join(
                f.render(lang) for f in declared.findings if f.is_error
            )
        elif report is None:
            text = self.tr("{month}：没有需要汇总申报的清单，未发送").format(month=declared.preview.month)
        else:
            text = self.tr("已申报 {applications} 份汇总申请单（{lists} 票清单）：发送 {messages} 个报文").format(
                applications=len(declared.applications),
                lists=sum(len(a.lines) for a in declared.applications),
                messages=len(report.messages),
            )
            if report.stopped:
                text += self.tr("（已停止：{reason}）").format(reason=report.stopped)
        self.declared_text = text
        self.view.message.setText(text)
        if report is not None:
            self.view.tabs.setCurrentWidget(self.view.results)  # what customs makes of it comes here
        self.preview()  # the lists are in a summary now; customs' results as they come

    @Slot(str)
    def _declare_failed(self, reason: str) -> None:
        self.view.message.setText(self.tr("无法申报：{reason}").format(reason=reason))

    # -- Excel -----------------------------------------------------------------------------------
    def export(self, path: Path) -> Path:
        assert self.result is not None
        written = write_excel(self.result, path, self.context.language)
        self.view.message.setText(self.tr("已导出到 {path}").format(path=written))
        return written

    @Slot()
    def choose_export(self) -> None:
        if self.result is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self.view,
            self.tr("导出 Excel"),
            self.tr("汇总申报预览_{month}.xlsx").format(month=self.result.month),
            "Excel (*.xlsx)",
        )
        if path:
            try:
                self.export(Path(path))
            except OSError as exc:
                self.view.message.setText(self.tr("无法导出：{reason}").format(reason=exc.strerror or exc))
