"""The home page, where the window opens: today's numbers (sent, waiting for receipts, refused
and needing action, released), each opening the query page with the documents it counts; the
certificate's expiry and the readiness as the 准备工作 page last found them; the next summary
deadline once the journal holds export lists. The numbers come from the application layer
(``Workspace.today``), which gives each number's query too."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ..pipeline.readiness import ERROR, WARNING, Readiness
from ..pipeline.workspace import Today
from ..summary.preview import has_export_lists
from .context import AppContext
from .models import Page, message_label
from .readiness_view import LEVELS, STEPS, summary_text

_t = QCoreApplication.translate

#: The numbers, in the order shown: (outcome, label, what it counts, colour).
NUMBERS = (
    ("sent", QT_TRANSLATE_NOOP("cebdesk", "今日发送"), QT_TRANSLATE_NOOP("cebdesk", "今天发出的单证"), "#1F4E79"),
    ("waiting", QT_TRANSLATE_NOOP("cebdesk", "待回执"), QT_TRANSLATE_NOOP("cebdesk", "已发送、还没有收到回执的单证"), "#6B4E00"),
    ("refused", QT_TRANSLATE_NOOP("cebdesk", "退单待处理"), QT_TRANSLATE_NOOP("cebdesk", "海关最新回执为退单或处理异常、需要修改后重发的单证"), "#B00020"),
    ("released", QT_TRANSLATE_NOOP("cebdesk", "今日放行"), QT_TRANSLATE_NOOP("cebdesk", "今天收到放行（或结关）回执的单证"), "#1B7F3B"),
)  # fmt: skip


class NumberButton(QPushButton):
    """A big number over its label; clicking it opens the documents counted."""

    def __init__(self, label: str, tip: str, colour: str, parent=None) -> None:
        super().__init__(parent)
        self.colour = colour
        self.setMinimumSize(150, 96)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tip)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 6, 8, 6)
        self.number = QLabel("–")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = QLabel(label)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        for child in (self.number, self.label):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            column.addWidget(child)
        self.set_count(None)

    def set_count(self, count: int | None) -> None:
        self.count = count
        self.number.setText("–" if count is None else str(count))
        colour = self.colour if count else "#808080"
        self.number.setStyleSheet(f"font-size: 28pt; font-weight: bold; color: {colour};")
        self.label.setStyleSheet(f"font-size: 11pt; color: {colour};")
        self.setAccessibleName(f"{self.label.text()} {self.number.text()}")


def waiting_text(context: AppContext) -> str:
    """Messages waiting too long for the transfer client to take them, in words ("" when none):
    the home page and the status bar say it (``Workspace.outbox_waiting``, as ``doctor`` does)."""
    from ..pipeline.workspace import WorkspaceError

    try:
        waiting = context.workspace().outbox_waiting()
    except (WorkspaceError, OSError):  # the client's folders not set or missing: the readiness page says so
        return ""
    if not waiting.too_long:
        return ""
    return QCoreApplication.translate(
        "cebdesk", "{count} 个报文在 {folder} 等待了 {minutes} 分钟：传输客户端没有取走（请启动它并确认它监视这个目录）"
    ).format(count=len(waiting.files), folder=waiting.folders[0], minutes=int(waiting.oldest // 60))


class HomeView(Page):

    def __init__(self, parent=None, *, language: str = "zh") -> None:
        super().__init__(parent)
        self.language = language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(10)
        self.title = QLabel("")
        self.title.setObjectName("home_title")
        self.title.setStyleSheet("font-size: 14pt; font-weight: bold;")
        layout.addWidget(self.title)
        numbers = QHBoxLayout()
        self.numbers: dict[str, NumberButton] = {}
        for outcome, label, tip, colour in NUMBERS:
            button = NumberButton(_t("cebdesk", label), _t("cebdesk", tip), colour)
            button.setObjectName(f"home_{outcome}")
            self.numbers[outcome] = button
            numbers.addWidget(button, 1)
        layout.addLayout(numbers)
        self.hint = message_label(QLabel(self.tr("点数字查看这些单证。")))
        self.hint.setStyleSheet("color: #666666;")
        layout.addWidget(self.hint)

        box = QGroupBox(self.tr("需要留意"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self.certificate = message_label(QLabel(""))
        self.certificate.setObjectName("home_certificate")
        self.readiness = message_label(QLabel(""))
        self.readiness.setObjectName("home_readiness")
        self.readiness_button = QPushButton(self.tr("打开准备工作"))
        self.summary = message_label(QLabel(""))
        self.summary.setObjectName("home_summary")
        self.summary_button = QPushButton(self.tr("打开汇总申报"))
        self.summary_title = QLabel(self.tr("汇总申报"))
        # messages the transfer client has not taken for too long (it is not running?)
        self.transfer_title = QLabel(self.tr("传输客户端"))
        self.transfer = message_label(QLabel(""))
        self.transfer.setObjectName("home_transfer")
        self.transfer.setStyleSheet("color: #9A4F00;")
        rows = (
            (self.transfer_title, self.transfer, None),
            (QLabel(self.tr("证书")), self.certificate, None),
            (QLabel(self.tr("准备工作")), self.readiness, self.readiness_button),
            (self.summary_title, self.summary, self.summary_button),
        )
        for row, (title, text, button) in enumerate(rows):
            title.setStyleSheet("font-weight: bold;")
            grid.addWidget(title, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(text, row, 1)
            if button is not None:
                grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(box)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(line, 1)

    def show_summary(self, visible: bool) -> None:
        for widget in (self.summary_title, self.summary, self.summary_button):
            widget.setVisible(visible)


class HomeController(QObject):
    """The home page. ``refresh`` reads today's numbers (the window calls it after every change
    of the journal); ``show_readiness`` and ``show_summary`` take what the 准备工作 and summary
    pages found. ``today`` gives the day counted (tests set it)."""

    #: a number was clicked: the query page, with this StatusQuery
    open_query = Signal(object)
    #: a link to another page was clicked: its name in PAGES (准备工作, 汇总申报)
    open_page = Signal(str)

    def __init__(self, view: HomeView, context: AppContext) -> None:
        super().__init__(view)
        self.view = view
        self.context = context
        self.today = dt.date.today
        self.numbers: Today | None = None
        self.readiness: Readiness | None = None
        self.readiness_running = False
        self.steps_done = 0
        for outcome, button in view.numbers.items():
            button.clicked.connect(lambda _checked=False, outcome=outcome: self.open(outcome))
        view.readiness_button.clicked.connect(lambda: self.open_page.emit("准备工作"))
        view.summary_button.clicked.connect(lambda: self.open_page.emit("汇总申报"))
        view.shown.connect(self.refresh)
        view.show_summary(False)
        self.show_readiness(None)

    @Slot()
    def refresh(self) -> Today:
        """Today's numbers from the journal as it is now."""
        numbers = self.context.workspace().today(self.today())
        self.numbers = numbers
        self.view.title.setText(self.tr("今天 {day}").format(day=numbers.day))
        for outcome, button in self.view.numbers.items():
            button.set_count(numbers.counts.get(outcome, 0))
        with self.context.journal() as journal:
            self.view.show_summary(has_export_lists(journal))
        text = waiting_text(self.context)
        self.view.transfer.setText(text)
        self.view.transfer_title.setVisible(bool(text))
        self.view.transfer.setVisible(bool(text))
        return numbers

    def open(self, outcome: str) -> None:
        numbers = self.numbers or self.refresh()
        self.open_query.emit(numbers.queries[outcome])

    @Slot(object)
    def show_readiness(self, result: Readiness | None, running: bool = False) -> None:
        """The readiness line and the certificate's, as the last check found them."""
        self.readiness = result
        v = self.view
        text, colour = summary_text(result, running)
        total = len(STEPS)
        text += self.tr("；需要自己办理的手续已办 {done}/{total} 项").format(
            done=self.steps_done, total=total
        )
        v.readiness.setText(text)
        v.readiness.setStyleSheet(f"color: {colour};")
        lang = self.context.language
        certificate = next((c for c in result.checks if c.key == "certificate"), None) if result else None
        signer = next((c for c in result.checks if c.key == "signer"), None) if result else None
        if certificate is not None:
            shown, level = certificate.text(lang), certificate.level
        elif signer is not None and signer.level == ERROR:  # no signer, no certificate to read
            shown, level = signer.text(lang), signer.level
        elif result is not None:
            shown, level = self.tr("没有读到证书（见准备工作）"), WARNING
        else:
            shown, level = (self.tr("正在检查…") if running else self.tr("尚未检查")), None
        v.certificate.setText(shown)
        v.certificate.setStyleSheet(f"color: {LEVELS[level][1]};" if level in (ERROR, WARNING) else "")

    def set_steps_done(self, done: int) -> None:
        self.steps_done = done
        self.show_readiness(self.readiness, self.readiness_running)

    @Slot(str, str)
    def show_summary(self, text: str, look: str) -> None:
        """The next summary deadline and the lists waiting, as the summary page says them."""
        from .summary_view import LOOKS

        self.view.summary.setText(text)
        self.view.summary.setStyleSheet(LOOKS.get(look, ""))
