"""Pipeline jobs off the GUI: each runs in its own process (the pipeline is CPU-bound Python
and some of its C calls hold the GIL for long stretches; a thread would freeze the window).
Progress and outcome come back as signals on the GUI thread.

A job that fails says why in the window's language (``Failure`` and ``explain``): a refused
PIN, a key file that does not open, a missing profile, a full disk. Only a fault nobody
foresaw leaves a traceback, and only on the console.
"""

from __future__ import annotations

import errno
import multiprocessing
import queue as queues
import traceback
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

_SPAWN = multiprocessing.get_context("spawn")  # never fork a process that runs Qt


@dataclass(frozen=True)
class Failure:
    """Why a job failed, in terms the window can explain (it crosses the process boundary)."""

    kind: str  # pin_wrong, pin_locked, pin_format, key_file, key_missing, token_missing, ...
    detail: str  # the exception's own text (English), for the tooltip and the console
    name: str = ""  # the file or token concerned
    findings: tuple = ()  # an InputError's findings
    code: int | None = None  # an OSError's errno


def failure_of(exc: BaseException) -> Failure:
    """Sort an exception of the pipeline into a ``Failure``."""
    from ..findings import InputError
    from ..signing.base import CertificateError, PinError, SigningError, TokenGone
    from ..store.journal import JournalBusy
    from ..summary.classify import SummarySettingError
    from ..summary.declare import SummaryProfileError

    detail = str(exc)
    if isinstance(exc, (SummarySettingError, SummaryProfileError)):  # said in both languages
        return Failure("setting", exc.text("en"), name=exc.text("zh"))
    if isinstance(exc, InputError):
        return Failure("input", detail, findings=tuple(exc.findings))
    if type(exc).__name__ == "FinalTryRefused":  # one try left, not confirmed: nothing was tried
        return Failure("pin_final_try", detail)
    if isinstance(exc, PinError):
        lowered = detail.lower()
        if "locked" in lowered:
            kind = "pin_locked"
        elif "characters or a length" in lowered:
            kind = "pin_format"
        else:
            kind = "pin_wrong"
        return Failure(kind, detail)
    if isinstance(exc, TokenGone):
        return Failure("token_gone", detail)
    if isinstance(exc, CertificateError):
        return Failure("certificate", detail)
    if isinstance(exc, SigningError):
        if detail.startswith("cannot open key file "):
            name = detail[len("cannot open key file ") :].rsplit(": ", 1)[0]
            return Failure("key_file", detail, Path(name).name)
        if detail.startswith("cannot read key file "):
            name = detail[len("cannot read key file ") :].rsplit(": ", 1)[0]
            return Failure("key_missing", detail, Path(name).name)
        if detail.startswith("no token labelled "):
            return Failure("token_missing", detail, detail.split("'")[1] if "'" in detail else "")
        return Failure("signing", detail)
    if isinstance(exc, JournalBusy):
        return Failure("journal_busy", detail)
    from ..store.database import first_line, is_database_error

    if is_database_error(exc):  # the journal file's, or a shared journal's server
        return Failure("journal", first_line(exc))
    if type(exc).__name__ == "WorkspaceError":
        return Failure("profile" if "profile" in detail else "workspace", detail)
    if isinstance(exc, OSError):
        where = exc.filename or exc.filename2
        return Failure("os", exc.strerror or detail, str(where) if where else "", code=exc.errno)
    return Failure("unexpected", f"{type(exc).__name__}: {detail}")


#: Failures a clerk can fix; anything else also goes to the console with its traceback.
_FORESEEN = (
    "input",
    "pin_",
    "key_",
    "token_",
    "certificate",
    "signing",
    "journal_busy",
    "journal",
    "profile",
    "workspace",
    "os",
    "setting",
)


def work(name, kwargs: dict, queue, cancel) -> None:
    """Entry point of the worker process: progress, then ("ok", result) or ("error", Failure).
    ``name``: one of ``cebdesk.pipeline.tasks.TASKS``, or a module-level function."""
    from ..excel.mapping import saved_mappings, use_mappings
    from ..pipeline.tasks import TASKS

    try:
        # the column mappings saved in the window's data folder, by header (excel/mapping.py)
        with use_mappings(saved_mappings(kwargs.get("data_dir"))):
            result = (TASKS[name] if isinstance(name, str) else name)(
                **kwargs,
                progress=lambda done, total: queue.put(("progress", done, total)),
                cancelled=cancel.is_set,
            )
    except Exception as exc:  # noqa: BLE001 - every failure is said in the window
        failure = failure_of(exc)
        if not failure.kind.startswith(_FORESEEN):
            traceback.print_exc()
        queue.put(("error", failure))
    else:
        queue.put(("ok", result))


translate = QCoreApplication.translate


_OS_TEXT = {
    errno.ENOSPC: lambda: translate("cebdesk", "磁盘已满"),
    errno.EDQUOT: lambda: translate("cebdesk", "磁盘配额已满"),
    errno.EACCES: lambda: translate("cebdesk", "没有权限"),
    errno.EPERM: lambda: translate("cebdesk", "没有权限"),
    errno.EROFS: lambda: translate("cebdesk", "只读文件系统，无法写入"),
    errno.ENOENT: lambda: translate("cebdesk", "找不到文件或文件夹"),
    errno.EIO: lambda: translate("cebdesk", "输入/输出错误（磁盘或 U 盘故障？）"),
}


def explain(failure: Failure, language: str = "zh") -> str:
    """What went wrong and what to do, in the window's language; never a traceback."""
    kind, name = failure.kind, failure.name
    nothing = translate("cebdesk", "没有签名或发送任何单证。")
    if kind == "input":
        return "\n".join(f.render(language) for f in failure.findings) or failure.detail
    if kind == "pin_wrong":
        return (
            translate("cebdesk", "口令错误：密钥拒绝了这个口令。")
            + nothing
            + translate("cebdesk", "cebdesk 不会自动重试（连续输错会锁死密钥）；确认口令后再点“签名并发送”。")
        )
    if kind == "pin_locked":
        return (
            translate(
                "cebdesk",
                "密钥的口令已锁定（输错次数过多），需由管理员或发证机构（数据分中心/制卡中心）解锁。",
            )
            + nothing
        )
    if kind == "pin_final_try":
        return (
            translate("cebdesk", "密钥只剩最后一次输入口令的机会，未经确认没有使用口令。")
            + nothing
            + translate("cebdesk", "再点“签名并发送”，在口令对话框中确认后再输入。")
        )
    if kind == "pin_format":
        return translate("cebdesk", "口令的长度或字符不符合密钥的要求，请检查后重新输入。") + nothing
    if kind == "key_file":
        return (
            translate(
                "cebdesk",
                "无法打开密钥文件 {name}：口令不正确，或者文件不是有效的密钥文件（.p12/.pfx/.pem）。",
            ).format(name=name)
            + nothing
        )
    if kind == "key_missing":
        return (
            translate("cebdesk", "找不到或无法读取密钥文件 {name}：请在设置页检查密钥文件的位置。").format(
                name=name
            )
            + nothing
        )
    if kind == "token_missing":
        return (
            translate(
                "cebdesk", "没有找到令牌 {name}：请插入 USB Key，或在设置页点“查找令牌”重新选择。"
            ).format(name=name)
            + nothing
        )
    if kind == "token_gone":
        return translate(
            "cebdesk", "签名过程中令牌被拔出：已发送的报文完整保留，插回令牌后再点“签名并发送”继续。"
        )
    if kind == "certificate":
        return (
            translate("cebdesk", "证书不能用于签名（与密钥不符或已过期）：请在设置页检查证书文件。") + nothing
        )
    if kind == "signing":
        return translate("cebdesk", "签名失败，请检查设置页的签名方式。") + nothing
    if kind == "setting":  # the setting's own words, in the window's language
        return failure.detail if language == "en" else name
    if kind == "journal_busy":
        return translate("cebdesk", "另一个 cebdesk 正在用同一个日志发送，请等它结束后再试。")
    if kind == "journal":  # the database's own words: the tooltip's
        return translate(
            "cebdesk", "日志数据库暂时无法使用（共享日志的服务器没有应答？）。已记录的内容不受影响；恢复后再试一次即可。"
        )
    if kind == "profile":
        return translate("cebdesk", "还没有企业档案：请先在设置页填写并保存。")
    if kind == "os":
        what = _OS_TEXT.get(failure.code, lambda: translate("cebdesk", "系统错误"))()
        if name:
            return translate(
                "cebdesk", "{what}（{path}）。已写出的文件都是完整的；排除问题后再试一次即可继续。"
            ).format(what=what, path=name)
        return translate("cebdesk", "{what}。已写出的文件都是完整的；排除问题后再试一次即可继续。").format(
            what=what
        )
    if kind == "ended":
        return translate(
            "cebdesk", "后台进程意外退出（退出码 {code}）。已写出的文件都是完整的；请再试一次。"
        ).format(code=failure.code)
    return translate("cebdesk", "意外错误（详情见控制台）：{detail}").format(
        detail=failure.detail.splitlines()[0] if failure.detail else ""
    )


class Job(QObject):
    """Runs ``cebdesk.pipeline.tasks.TASKS[name](**kwargs)`` (or ``name(**kwargs)`` for a
    module-level function) in a worker process.

    ``failed`` carries the explanation in the window's language; ``failure`` keeps the details.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    done = Signal()

    def __init__(self, name, kwargs: dict, parent=None, *, poll_ms: int = 20, language: str = "zh") -> None:
        super().__init__(parent)
        self._queue = _SPAWN.Queue()
        self._cancel = _SPAWN.Event()
        self._process = _SPAWN.Process(
            target=work, args=(name, kwargs, self._queue, self._cancel), daemon=True
        )
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._poll)
        self.running = False
        self.language = language
        self.failure: Failure | None = None

    def start(self) -> None:
        self.running = True
        self._process.start()
        self._timer.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _poll(self) -> None:
        for _ in range(200):  # a bounded amount of work per tick keeps the window responsive
            try:
                item = self._queue.get_nowait()
            except queues.Empty:
                break
            kind = item[0]
            if kind == "progress":
                self.progressed.emit(item[1], item[2])
                continue
            self._finish()
            if kind == "ok":
                self.succeeded.emit(item[1])
            else:
                self._fail(item[1] if isinstance(item[1], Failure) else Failure("unexpected", str(item[1])))
            self.done.emit()
            return
        if not self._process.is_alive() and self._queue.empty() and self.running:
            self._finish()
            self._fail(
                Failure(
                    "ended",
                    f"the worker process ended unexpectedly (exit code {self._process.exitcode})",
                    code=self._process.exitcode,
                )
            )
            self.done.emit()

    def _fail(self, failure: Failure) -> None:
        self.failure = failure
        self.failed.emit(explain(failure, self.language))

    def _finish(self) -> None:
        self._timer.stop()
        self.running = False
        self._process.join(timeout=10)

    def wait(self, ms: int = 60_000) -> bool:
        """Block until the job ends, delivering its signals (for scripts and tests)."""
        from PySide6.QtCore import QDeadlineTimer

        deadline = QDeadlineTimer(ms)
        while self.running and not deadline.hasExpired():
            QCoreApplication.processEvents()
            self._process.join(timeout=0.01)
        return not self.running
