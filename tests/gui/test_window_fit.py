"""The window fits a 1366×768 laptop screen (less a taskbar) in Chinese and in English: its
minimum size, each page's, and with the longest texts the pages show (paths, errors)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel

from cebdesk.gui.app import I18N, install_translator
from cebdesk.gui.context import AppContext
from cebdesk.gui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]
WIDTH, HEIGHT = 1366, 768 - 40  # a taskbar takes about 40 pixels
LONG_PATH = "/home/报关员/Documents/跨境电商/2024年10月/第三批/" + "很长的文件夹名称" * 8 + "/订单.xlsx"


@pytest.fixture(params=["zh", "en"])
def language(request):
    if request.param == "en" and not (I18N / "cebdesk_en.qm").is_file():
        subprocess.run([sys.executable, str(ROOT / "tools" / "translations.py"), "compile"], check=True)
    translator = install_translator(QApplication.instance(), request.param)
    assert request.param == "zh" or translator is not None
    yield request.param
    if translator is not None:
        QApplication.instance().removeTranslator(translator)


@pytest.fixture
def window(qtbot, tmp_path, profile, language):
    win = MainWindow(AppContext(tmp_path / "data", tmp_path / "exchange", profile, language=language))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _pages(win):
    return [win.pages.widget(i) for i in range(win.pages.count())]


def _fits(win) -> list[str]:
    too_big = []
    for name, widget in [("window", win)] + [(type(p).__name__, p) for p in _pages(win)]:
        hint = widget.minimumSizeHint()
        if hint.width() > WIDTH or hint.height() > HEIGHT:
            too_big.append(f"{name} needs {hint.width()}×{hint.height()}")
    return too_big


def test_the_window_fits_a_1366x768_screen(window, language):
    assert window.import_view.send_button.text() == ("Sign and send" if language == "en" else "签名并发送")
    assert _fits(window) == []


def test_long_texts_wrap_instead_of_widening_the_window(window, language):
    """Paths, errors and findings as long as a clerk's: they wrap, the window keeps its size."""
    long_text = f"{LONG_PATH} — " + "无法完成：没有找到能打开这个文件的程序，请手动打开。" * 4
    for page in _pages(window):
        for label in page.findChildren(QLabel):
            if label.wordWrap():  # the labels that show messages, not the captions
                label.setText(long_text)
    window.import_view.rate.setText(long_text)
    window.import_view.findings.addItem(long_text)
    window.journal_view.timeline.addItem(long_text)
    window.query_view.receipts.addItem(long_text)
    QApplication.processEvents()
    assert _fits(window) == []


def test_a_path_with_no_place_to_break_does_not_widen_the_window(window, language):
    path = "/mnt/" + "customs-declarations-of-the-third-batch-" * 12 + "orders.xlsx"
    for label in (
        window.import_view.summary,
        window.import_view.detail,
        window.import_view.error,
        window.journal_view.counts,
        window.journal_view.message,
        window.query_view.message,
        window.query_view.verdict,
    ):
        label.setText(path)
    QApplication.processEvents()
    assert _fits(window) == []


def test_every_page_shows_its_buttons_at_1366x728(qtbot, window, language):
    window.resize(WIDTH, HEIGHT)
    QApplication.processEvents()
    assert window.width() <= WIDTH and window.height() <= HEIGHT
    inside = QRect(QPoint(0, 0), window.size())
    for number, page in enumerate(_pages(window), start=1):
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
        qtbot.keyClick(window, getattr(Qt.Key, f"Key_{number}"), Qt.KeyboardModifier.ControlModifier)
        assert window.pages.currentWidget() is page
        QApplication.processEvents()
        for button in page.findChildren(QAbstractButton):
            if not button.isVisibleTo(page) or button.window() is not window:
                continue
            where = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
            # a page that scrolls may keep a button below the fold; the rest is in the window
            scrolled = any(type(a).__name__ == "QScrollArea" for a in _ancestors(button, page))
            assert scrolled or inside.contains(where), (
                f"{button.text()!r} on page {number} is outside {inside}"
            )


def _ancestors(widget, stop):
    while widget is not None and widget is not stop:
        widget = widget.parentWidget()
        yield widget
