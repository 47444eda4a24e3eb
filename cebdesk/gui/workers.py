"""Pipeline jobs off the GUI thread: progress and outcome come back as signals."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal


class Job(QObject):
    """Runs ``work(progress, cancelled)`` on its own thread.

    ``progress(done, total)`` may be called from the work; ``cancelled()`` tells it to stop
    cleanly between steps (what was done stays done: the pipeline journals every step).
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()

    def __init__(self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any]) -> None:
        super().__init__()
        self._work = work
        self._cancel = threading.Event()
        self._thread = QThread()
        self.moveToThread(self._thread)
        self._thread.started.connect(self._run)
        self.finished.connect(self._thread.quit)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def wait(self, ms: int = 30_000) -> bool:
        return self._thread.wait(ms)

    def _run(self) -> None:
        try:
            result = self._work(lambda done, total: self.progressed.emit(done, total), self._cancel.is_set)
        except Exception as exc:  # shown to the user; the traceback goes to the console
            traceback.print_exc()
            self.failed.emit(str(exc))
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()
