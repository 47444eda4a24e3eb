"""Following a shared journal: other seats import, send and read receipts into it, so the
window looks for their changes every few seconds (a small query on a thread of its own, never
on the window's) and refreshes its pages when the journal moved. A server out of reach is said
in the status bar, and looked for again."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QTimer, Signal

from ..store import Journal
from ..store.database import first_line

#: how often another seat's work is looked for (milliseconds)
INTERVAL_MS = 3000


class JournalWatcher(QObject):
    #: the journal moved (another seat's work, or this one's)
    changed = Signal()
    #: whether the server answered: (reachable, why not)
    reached = Signal(bool, str)

    def __init__(self, parent=None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.url: str | None = None
        self._mark: tuple | None = None
        self._journal: Journal | None = None
        self._looking = threading.Lock()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.look)

    def follow(self, url: str | None) -> None:
        """Follow the journal at ``url`` (None: a journal file of this seat's, nothing to follow)."""
        if url == self.url:
            return
        self.stop()
        self.url = url
        if url is not None:
            self.look()
            self._timer.start()

    def stop(self) -> None:
        """No more looks; the connection is closed by the look under way, or by the next."""
        self._timer.stop()
        self.url, self._mark = None, None
        if not self._looking.locked() and self._journal is not None:
            self._journal.close()
            self._journal = None

    def look(self) -> None:
        """One look, on a thread (a server slow to answer never holds the window)."""
        if self.url is None or self._looking.locked():
            return
        threading.Thread(target=self._look, args=(self.url,), daemon=True).start()

    def _look(self, url: str) -> None:
        with self._looking:
            try:
                if self._journal is None or self._journal.db.closed:
                    self._journal = Journal(url)
                mark = self._journal.change_mark()
            except Exception as exc:  # noqa: BLE001 - the server's errors, said in one line
                if self._journal is not None:
                    self._journal.close()
                    self._journal = None
                if url != self.url:
                    return  # stopped meanwhile: not a fault of the server's
                self.reached.emit(False, first_line(exc))
                return
            if url != self.url:  # stopped, or following another journal meanwhile
                self._journal.close()
                self._journal = None
                return
            self.reached.emit(True, "")
            before, self._mark = self._mark, mark
            if before is not None and mark != before:
                self.changed.emit()
