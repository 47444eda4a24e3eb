"""The bundled app's entry point: the same as the ``cebdesk`` command of a Python install.

``cebdesk`` with a command runs it headless; without one it opens the window. Two things only a
frozen app needs: ``freeze_support`` first (the window's jobs run in processes started with
``spawn``, which re-run this executable), and on Windows and macOS the name of Qt's own platform
(the command otherwise looks for an X11 or Wayland display before opening the window).

``CEBDESK_CHECK_WINDOW=FILE`` is the bundle's self-check: the window starts as usual, and once
it shows, what it found (platform, fonts for Chinese, Qt's translations, a worker process
started the window's way) is written to FILE as JSON and the app quits. The packaging test uses
it; it changes nothing else.
"""

from __future__ import annotations

import multiprocessing
import os
import sys

def _worker_probe() -> int | None:
    """Start a process the way the window's jobs do (spawn) and report its exit code."""
    process = multiprocessing.get_context("spawn").Process(target=os.getpid)
    process.start()
    process.join(60)
    return process.exitcode


def _check_window(report_path: str) -> None:
    """Create the application first; once the main window is visible, write the report and quit."""
    import json

    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTimer
    from PySide6.QtGui import QFontDatabase, QFontInfo, QGuiApplication
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])

    def look() -> None:
        shown = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
        if not shown:
            QTimer.singleShot(100, look)
            return
        window = shown[0]
        translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        report = {
            "title": window.windowTitle(),
            "platform": QGuiApplication.platformName(),
            "frozen": bool(getattr(sys, "frozen", False)),
            "chinese_fonts": QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese),
            "window_font": QFontInfo(window.font()).family(),
            "qt_translations": translations,
            "qt_cancel": QCoreApplication.translate("QPlatformTheme", "Cancel"),
            "worker_exit_code": _worker_probe(),
        }
        with open(report_path, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False)
        quit_timer.start(100)

    def leave() -> None:
        # until the app's own loop has ended: close a modal box (the first-run welcome, when
        # there is no profile yet) and leave the loop that runs now
        modal = app.activeModalWidget()
        if modal is not None:
            modal.close()
        app.exit(0)

    quit_timer = QTimer(app)
    quit_timer.timeout.connect(leave)
    QTimer.singleShot(100, look)


def main() -> int:
    multiprocessing.freeze_support()
    report = os.environ.pop("CEBDESK_CHECK_WINDOW", None)
    if report:
        _check_window(report)
    from cebdesk.cli import main as cebdesk

    return cebdesk()


if __name__ == "__main__":
    sys.exit(main())
