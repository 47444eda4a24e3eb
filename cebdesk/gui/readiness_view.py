"""The 准备工作 page: is this workspace ready to declare? What can be checked is checked in a
worker process (``Workspace.readiness``, the same as ``cebdesk doctor``; no PIN is asked), each
check with its state and what to do. Below, the steps nobody can check from here (the
certificate, the data-exchange interface, single-window registration, who signs which
document), explained in the clerk's words and ticked off as they are done; the ticks are kept in
the profile's ``[readiness]`` table."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..files import atomic_write, private_dir
from ..pipeline.readiness import ERROR, OK, SKIPPED, WARNING, Readiness
from ..settings import Profile, dump_profile
from .context import AppContext
from .models import Page, message_label
from .workers import Job

_t = QCoreApplication.translate

#: What each check is about (readiness.Check.key), as the table's second column says it.
CHECK_NAMES = {
    "profile": QT_TRANSLATE_NOOP("cebdesk", "企业档案"),
    "signer": QT_TRANSLATE_NOOP("cebdesk", "签名方式"),
    "certificate": QT_TRANSLATE_NOOP("cebdesk", "证书"),
    "folders": QT_TRANSLATE_NOOP("cebdesk", "报文目录"),
    "receipts": QT_TRANSLATE_NOOP("cebdesk", "回执"),
    "clock": QT_TRANSLATE_NOOP("cebdesk", "本机时钟"),
    "journal": QT_TRANSLATE_NOOP("cebdesk", "日志"),
    "transfer": QT_TRANSLATE_NOOP("cebdesk", "传输客户端"),
}
#: Each state's word, colour and icon.
LEVELS = {
    OK: (QT_TRANSLATE_NOOP("cebdesk", "正常"), "#1B7F3B", QStyle.StandardPixmap.SP_DialogApplyButton),
    WARNING: (QT_TRANSLATE_NOOP("cebdesk", "提醒"), "#9A5B00", QStyle.StandardPixmap.SP_MessageBoxWarning),
    ERROR: (QT_TRANSLATE_NOOP("cebdesk", "问题"), "#B00020", QStyle.StandardPixmap.SP_MessageBoxCritical),
    SKIPPED: (
        QT_TRANSLATE_NOOP("cebdesk", "未检查"),
        "#666666",
        QStyle.StandardPixmap.SP_MessageBoxInformation,
    ),
}

#: The steps that cannot be checked: (key in [readiness], title, what to do).
STEPS = (
    (
        "certificate",
        QT_TRANSLATE_NOOP("cebdesk", "申请数字签名证书"),
        QT_TRANSLATE_NOOP(
            "cebdesk",
            "到所在地的中国电子口岸数据分中心（制卡中心）为企业申请数字签名证书。证书的载体可以是 IC 卡或 USB Key"
            "（智能密码钥匙），签名量大的可以用服务器密码机（加密机），也可以用云密码服务。近年签发的多为 SM2 国密证书。"
            "拿到后在设置页选择签名方式，本页会检查证书能否读取、是否快到期。",
        ),
    ),
    (
        "interface",
        QT_TRANSLATE_NOOP("cebdesk", "申请开通数据交换接口"),
        QT_TRANSLATE_NOOP(
            "cebdesk",
            "填写跨境电商统一版数据交换接口（传输节点）开通申请表，交数据分中心办理。开通后会得到企业的传输节点编号"
            "（DXP ID，形如 DXPENT0000000001），把它和企业代码一起填入设置页的企业档案；报文经传输客户端的目录或 HTTP 接口收发。",
        ),
    ),
    (
        "single_window",
        QT_TRANSLATE_NOOP("cebdesk", "在国际贸易“单一窗口”注册"),
        QT_TRANSLATE_NOOP(
            "cebdesk",
            "在“单一窗口”注册企业用户，并把证书（卡）绑定到操作员。通常要准备：营业执照（统一社会信用代码）、"
            "海关注册登记或备案编号、法定代表人和操作员的身份证件、经办人授权书。具体材料以当地海关和数据分中心的要求为准。",
        ),
    ),
    (
        "who_signs",
        QT_TRANSLATE_NOOP("cebdesk", "和合作方约定各自签名申报的单证"),
        QT_TRANSLATE_NOOP(
            "cebdesk",
            "每一方用自己的证书签名、发送自己的单证：电子订单由电商平台（平台未在海关登记时由电商企业），支付单由支付企业，"
            "运单和运单状态由物流企业，申报清单由电商企业或受其委托的申报企业（报关企业）。cebdesk 只为本企业的证书签名；"
            "其他单证由谁、何时发送，请事先和合作方说定：海关会把清单和订单、支付单、运单对碰，缺一不可。",
        ),
    ),
)


class ReadinessView(Page):

    def __init__(self, parent=None, *, language: str = "zh") -> None:
        super().__init__(parent)
        self.language = language
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        checks = QGroupBox(self.tr("能自动检查的项目"))
        column = QVBoxLayout(checks)
        row = QHBoxLayout()
        self.summary = message_label(QLabel(""))
        self.summary.setObjectName("readiness_summary")
        self.check_button = QPushButton(self.tr("重新检查"))
        self.check_button.setToolTip(
            self.tr("检查企业档案、签名方式和证书、报文目录、回执、时钟和日志（不会要求输入口令）")
        )
        self.certificate_button = QPushButton(self.tr("输入口令检查证书…"))
        self.certificate_button.setToolTip(
            self.tr("密钥文件（.p12）中的证书要用口令才能读出：口令只用于这一次检查，不保存")
        )
        self.certificate_button.setVisible(False)
        row.addWidget(self.summary, 1)
        row.addWidget(self.certificate_button)
        row.addWidget(self.check_button)
        column.addLayout(row)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("readiness_checks")
        self.table.setHorizontalHeaderLabels(
            [self.tr("状态"), self.tr("项目"), self.tr("检查结果"), self.tr("怎么做")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setWordWrap(True)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        for col, mode in enumerate(
            (QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.ResizeToContents,
             QHeaderView.ResizeMode.Stretch, QHeaderView.ResizeMode.Stretch)
        ):  # fmt: skip
            header.setSectionResizeMode(col, mode)
        column.addWidget(self.table)
        layout.addWidget(checks)
        steps = QGroupBox(self.tr("需要自己办理的手续（无法自动检查，办好后打勾）"))
        self.steps_layout = QVBoxLayout(steps)
        self.steps: dict[str, QCheckBox] = {}
        self.step_notes: dict[str, QLabel] = {}
        for key, title, text in STEPS:
            box = QCheckBox(_t("cebdesk", title))
            box.setObjectName(f"step_{key}")
            box.setStyleSheet("QCheckBox { font-weight: bold; }")
            note = message_label(QLabel(_t("cebdesk", text)))
            note.setContentsMargins(24, 0, 0, 6)
            self.steps[key] = box
            self.step_notes[key] = note
            self.steps_layout.addWidget(box)
            self.steps_layout.addWidget(note)
        self.step_message = message_label(QLabel(""))
        self.steps_layout.addWidget(self.step_message)
        layout.addWidget(steps)
        layout.addStretch(1)

    def fit_table(self) -> None:
        """Every row as tall as its wrapped text, the table as tall as its rows (the page scrolls)."""
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.fit_table()  # wrapped texts take more or fewer lines


def counts(result: Readiness) -> tuple[int, int]:
    """(errors, warnings) of a readiness result."""
    return (
        sum(c.level == ERROR for c in result.checks),
        sum(c.level == WARNING for c in result.checks),
    )


def summary_text(result: Readiness | None, running: bool = False) -> tuple[str, str]:
    """What the readiness comes to, in a line, and its colour."""
    if result is None:
        return (
            QCoreApplication.translate("cebdesk", "正在检查…")
            if running
            else QCoreApplication.translate("cebdesk", "尚未检查"),
            "#666666",
        )
    errors, warnings = counts(result)
    if errors:
        return (QCoreApplication.translate("cebdesk", "{errors} 个问题，{warnings} 个提醒：先解决问题才能申报").format(
            errors=errors, warnings=warnings), LEVELS[ERROR][1])  # fmt: skip
    if warnings:
        return (
            QCoreApplication.translate("cebdesk", "可以申报，有 {warnings} 个提醒").format(warnings=warnings),
            LEVELS[WARNING][1],
        )
    return (QCoreApplication.translate("cebdesk", "全部正常，可以申报"), LEVELS[OK][1])


class ReadinessController(QObject):
    """The 准备工作 page. ``check`` runs the checks in a worker process; ``checked`` carries
    the result (the home page shows it too). A step ticked or unticked is saved at once."""

    checked = Signal(object)
    #: a check started (the home page says so until the result comes)
    started = Signal()
    #: a step was ticked or unticked (the home page counts them)
    steps_changed = Signal()

    def __init__(self, view: ReadinessView, context: AppContext) -> None:
        super().__init__(view)
        self.view = view
        self.context = context
        self.job: Job | None = None
        self.result: Readiness | None = None
        self.checked_at: dt.datetime | None = None
        view.check_button.clicked.connect(lambda: self.check())  # no password: nothing is asked
        view.certificate_button.clicked.connect(self.check_certificate)
        view.shown.connect(self.came_into_view)
        for key, box in view.steps.items():
            box.toggled.connect(lambda on, key=key: self.tick(key, on))
        self.follow()
        self._show()

    @property
    def running(self) -> bool:
        return self.job is not None and self.job.running

    @Slot()
    def came_into_view(self) -> None:
        """The first time: check (afterwards the user asks with 重新检查)."""
        if self.result is None and not self.running:
            self.check()

    @Slot()
    def check_certificate(self) -> Job | None:
        """The key file's password asked once in the PIN dialog, used for this check only."""
        from .dialogs import PinCancelled, ask_pin

        key_file = self.context.signer.key_file
        if self.running or not key_file:
            return None
        try:
            password = ask_pin(self.view, str(key_file))
        except PinCancelled:
            return None
        return self.check(password)

    @Slot()
    def check(self, password: str | None = None) -> Job | None:
        if self.running:
            return None
        context = self.context
        self.job = Job(
            "readiness",
            {
                "data_dir": context.data_dir,
                "exchange_dir": context.exchange_dir,
                "profile": context.profile,
                "profile_path": context.profile_path,
                "signer": context.signer,
                "password": password,
            },
            self,
            language=context.language,
        )
        del password
        self.job.succeeded.connect(self._checked)
        self.job.failed.connect(self._failed)
        self.job.done.connect(self._show)
        self.view.check_button.setEnabled(False)
        self.job.start()
        self._show()
        self.started.emit()
        return self.job

    @Slot(object)
    def _checked(self, result: Readiness) -> None:
        self.result = result
        self.checked_at = dt.datetime.now()
        self.show_result(result)
        self.checked.emit(result)

    @Slot(str)
    def _failed(self, reason: str) -> None:
        self.view.summary.setText(self.tr("无法完成检查：{reason}").format(reason=reason))
        self.view.summary.setStyleSheet(f"color: {LEVELS[ERROR][1]};")

    @Slot()
    def _show(self) -> None:
        """The summary line and the button as they are now (before the first result: waiting)."""
        self.view.check_button.setEnabled(not self.running)
        if self.result is None:
            text, colour = summary_text(None, self.running)
            self.view.summary.setText(text)
            self.view.summary.setStyleSheet(f"color: {colour};")

    def show_result(self, result: Readiness) -> None:
        v, lang = self.view, self.context.language
        text, colour = summary_text(result)
        if self.checked_at is not None:
            text += self.tr("（检查于 {time}）").format(time=f"{self.checked_at:%H:%M}")
        v.summary.setText(text)
        v.summary.setStyleSheet(f"color: {colour}; font-weight: bold;")
        table = v.table
        table.setRowCount(0)
        style = v.style()
        for check in result.checks:
            word, level_colour, icon = LEVELS.get(check.level, LEVELS[SKIPPED])
            row = table.rowCount()
            table.insertRow(row)
            state = QTableWidgetItem(style.standardIcon(icon), _t("cebdesk", word))
            state.setData(Qt.ItemDataRole.UserRole, check.level)
            state.setForeground(QColor(level_colour))
            name = QTableWidgetItem(_t("cebdesk", CHECK_NAMES.get(check.key, check.key)))
            found = QTableWidgetItem(check.text(lang))
            found.setToolTip(check.text(lang))
            fix = QTableWidgetItem(check.fix(lang) if check.level != OK else "")
            fix.setToolTip(fix.text())
            for col, item in enumerate((state, name, found, fix)):
                item.setTextAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, col, item)
        v.fit_table()
        # a certificate inside a .p12 is read only with its password: offered here, asked once
        v.certificate_button.setVisible(
            any(c.key == "certificate" and c.level == SKIPPED for c in result.checks)
            and bool(self.context.signer.key_file)
        )

    # -- the steps ------------------------------------------------------------------------------
    def follow(self) -> None:
        """The ticks as the active workspace's profile has them (the demo has its own)."""
        done = self.context.profile.readiness if self.context.profile is not None else {}
        for key, box in self.view.steps.items():
            box.blockSignals(True)
            box.setChecked(key in done)
            box.blockSignals(False)
            self._step_tip(key, done.get(key))
        self.view.step_message.setText("")

    def _step_tip(self, key: str, day: str | None) -> None:
        box = self.view.steps[key]
        title = next(_t("cebdesk", t) for k, t, _ in STEPS if k == key)
        box.setText(title + (self.tr("（{day} 已办好）").format(day=day) if day else ""))

    def done_steps(self) -> int:
        profile = self.context.profile
        return sum(key in profile.readiness for key, _, _ in STEPS) if profile is not None else 0

    def tick(self, key: str, on: bool) -> bool:
        """Keep the step's state in the profile (``[readiness]``), written at once. A profile not
        filled in yet is written too (with its [readiness] only): the ticks are not lost."""
        context = self.context
        old = context.profile
        done = dict(old.readiness) if old is not None else {}
        if on:
            done[key] = dt.date.today().isoformat()
        else:
            done.pop(key, None)
        path = context.profile_path
        profile = dataclasses.replace(old, readiness=done) if old is not None else Profile(readiness=done)
        profile.source = str(path)
        try:
            private_dir(path.parent)
            atomic_write(path, dump_profile(profile).encode("utf-8"))
        except OSError as exc:
            box = self.view.steps[key]
            box.blockSignals(True)
            box.setChecked(not on)
            box.blockSignals(False)
            self.view.step_message.setStyleSheet(f"color: {LEVELS[ERROR][1]};")
            self.view.step_message.setText(
                self.tr("无法写入 {path}：{reason}").format(path=path, reason=exc.strerror or exc)
            )
            return False
        context.profile = profile
        self._step_tip(key, done.get(key))
        self.view.step_message.setText("")
        self.steps_changed.emit()
        return True
