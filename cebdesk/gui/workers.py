"""Pipeline jobs off the GUI thread: progress and outcome come back as signals."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QThread, Signal


class Job(QThread):
    """Runs ``work(progress, cancelled)`` on its own thread.

    ``progress(done, total)`` may be called from the work; ``cancelled()`` tells it to stop
    cleanly between steps (what was done stays done: the pipeline journals every step). The
    Job object itself lives on the GUI thread, so its signals reach GUI-thread slots queued.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    done = Signal()

    def __init__(self, work: Callable[[Callable[[int, int], None], Callable[[], bool]], Any], parent=None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            result = self._work(lambda done, total: self.progressed.emit(done, total), self._cancel.is_set)
        except Exception as exc:  # shown to the user; the traceback goes to the console
            traceback.print_exc()
            self.failed.emit(str(exc))
        else:
            self.succeeded.emit(result)
        finally:
            self.done.emit()
