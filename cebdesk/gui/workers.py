"""Pipeline jobs off the GUI: each runs in its own process (the pipeline is CPU-bound Python
and some of its C calls hold the GIL for long stretches; a thread would freeze the window).
Progress and outcome come back as signals on the GUI thread."""

from __future__ import annotations

import multiprocessing
import queue as queues

from PySide6.QtCore import QObject, QTimer, Signal

from ..pipeline.tasks import run_task

_SPAWN = multiprocessing.get_context("spawn")  # never fork a process that runs Qt


class Job(QObject):
    """Runs ``cebdesk.pipeline.tasks.TASKS[name](**kwargs)`` in a worker process."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    done = Signal()

    def __init__(self, name: str, kwargs: dict, parent=None, *, poll_ms: int = 20) -> None:
        super().__init__(parent)
        self._queue = _SPAWN.Queue()
        self._cancel = _SPAWN.Event()
        self._process = _SPAWN.Process(
            target=run_task, args=(name, kwargs, self._queue, self._cancel), daemon=True
        )
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)
        self._timer.timeout.connect(self._poll)
        self.running = False

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
                self.failed.emit(item[1])
            self.done.emit()
            return
        if not self._process.is_alive() and self._queue.empty() and self.running:
            self._finish()
            self.failed.emit(f"the worker process ended unexpectedly (exit code {self._process.exitcode})")
            self.done.emit()

    def _finish(self) -> None:
        self._timer.stop()
        self.running = False
        self._process.join(timeout=10)

    def wait(self, ms: int = 60_000) -> bool:
        """Block until the job ends, delivering its signals (for scripts and tests)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer

        deadline = QDeadlineTimer(ms)
        while self.running and not deadline.hasExpired():
            QCoreApplication.processEvents()
            self._process.join(timeout=0.01)
        return not self.running
