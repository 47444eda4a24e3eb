"""The 汇总申报 page, driven through its widgets: the month typed into the chooser, the deadline
by China's official calendar (Spring Festival 2026 moves January's to 2026-02-24), its looks as
the day nears and passes, a year the calendar does not know, and the preview of a real journal
(export lists declared, released by the simulator) shown and exported to Excel."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from cebdesk.gui.context import AppContext
from cebdesk.gui.main_window import PAGES, MainWindow
from cebdesk.settings import load_profile
from tests.summary.test_preview import THIS_MONTH, released  # noqa: F401 - the journal fixture

LEFT = Qt.MouseButton.LeftButton
CTRL = Qt.KeyboardModifier.ControlModifier
PAGE = PAGES.index("汇总申报")


def _window(qtbot, context: AppContext, today: dt.date | None = None) -> MainWindow:
    win = MainWindow(context)
    if today is not None:
        win.summary.today = lambda: today
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=5_000)
    qtbot.keyClick(win, getattr(Qt.Key, f"Key_{PAGE + 1}"), CTRL)  # Ctrl+5: the page
    assert win.pages.currentWidget() is win.summary_view
    return win


def _choose_month(qtbot, win: MainWindow, month: str) -> None:
    edit = win.summary_view.month.lineEdit()
    edit.selectAll()
    qtbot.keyClicks(edit, month)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert win.summary_view.month.currentText() == month


@pytest.fixture
def context(tmp_path, profile):
    return AppContext(tmp_path / "data", tmp_path / "exchange", profile)


def test_the_page_starts_on_last_month(qtbot, context):
    win = _window(qtbot, context, dt.date(2026, 3, 2))
    view = win.summary_view
    assert view.month.currentText() == "2026-02"
    assert "2026-03-16" in view.deadline.text()  # 15 March 2026 is a Sunday
    assert "2026-03-16" in win.deadline_label.text() and "2026-03-16" in view.header.text()


def test_after_last_months_deadline_the_page_starts_on_this_month(qtbot, context):
    """23 November: October's lists were due on 16 November; the page opens on November (due
    15 December), not on a red 'missed' for a month the clerk may have nothing in."""
    win = _window(qtbot, context, dt.date(2026, 11, 23))
    view = win.summary_view
    assert view.month.currentText() == "2026-11"
    assert "2026-12-15" in view.deadline.text() and "逾期" not in view.deadline.text()


@pytest.mark.parametrize(
    "today, look, said",
    [
        (dt.date(2026, 2, 10), "ok", "还剩 6 个工作日"),  # 10-14 (Saturday the 14th is worked) and the 24th
        (dt.date(2026, 2, 11), "warning", "还剩 5 个工作日"),
        (dt.date(2026, 2, 16), "warning", "还剩 1 个工作日"),  # the whole festival left: one day
        (dt.date(2026, 2, 24), "warning", "今天是最后一天"),
        (dt.date(2026, 2, 25), "missed", "已逾期 1 天"),
    ],
)
def test_the_deadline_across_spring_festival_2026(qtbot, context, today, look, said):
    win = _window(qtbot, context, today)
    _choose_month(qtbot, win, "2026-01")
    view = win.summary_view
    assert "2026-02-24" in view.deadline.text()
    assert "2026-02-15 逢春节，顺延" in view.deadline.text()
    assert said in view.deadline.text()
    assert view.deadline.property("look") == look
    assert not view.calendar_warning.isVisibleTo(view)


def test_a_year_the_calendar_does_not_know_is_said(qtbot, context):
    win = _window(qtbot, context, dt.date(2026, 11, 20))
    _choose_month(qtbot, win, "2026-12")  # declared in January 2027
    view = win.summary_view
    assert "2027-01-15" in view.deadline.text()
    assert view.calendar_warning.isVisibleTo(view) and "2027" in view.calendar_warning.text()
    _choose_month(qtbot, win, "2026-13")
    assert "YYYY-MM" in view.deadline.text() and not view.preview_button.isEnabled()


def test_the_preview_of_a_real_journal_is_shown_and_exported(qtbot, released, tmp_path, profile_file, monkeypatch):  # noqa: F811
    _dirs, _key, invt = released
    context = AppContext(tmp_path / "data", tmp_path / "x", load_profile(profile_file))
    win = _window(qtbot, context)
    _choose_month(qtbot, win, THIS_MONTH)
    view = win.summary_view
    assert not view.export_button.isEnabled()
    qtbot.mouseClick(view.preview_button, LEFT)
    qtbot.waitUntil(view.export_button.isEnabled, timeout=60_000)
    tree = view.declarations
    assert tree.topLevelItemCount() == 2
    us = tree.topLevelItem(0)
    children = {us.child(i).text(0): us.child(i) for i in range(us.childCount())}
    assert children["运抵国（地区）"].text(1) == "502"
    goods, lists = children["商品项"], children["清单"]
    assert [goods.child(i).text(2) for i in range(goods.childCount())] == ["8541401000", "8541401000", "8517120000"]
    assert [goods.child(i).text(6) for i in range(goods.childCount())] == ["20", "3", "20"]
    assert [lists.child(i).text(1) for i in range(lists.childCount())] == invt[:3]
    assert view.statistics.rowCount() == 1 and view.statistics.item(0, 0).text() == invt[4]
    assert view.refused.rowCount() == 1 and view.refused.item(0, 0).text() == invt[5]
    assert "5005.5" in view.refused.item(0, 2).text()
    assert "放行 6 票" in view.message.text()

    target = tmp_path / "汇总.xlsx"
    asked = []

    def save(parent, caption, name, filters):
        asked.append(name)
        return str(target), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
    qtbot.mouseClick(view.export_button, LEFT)
    assert asked == [f"汇总申报预览_{THIS_MONTH}.xlsx"]
    book = load_workbook(target, read_only=True)
    assert [r[1] for r in book["清单"].iter_rows(min_row=2, values_only=True)] == invt[:4]
    assert str(target) in view.message.text()
