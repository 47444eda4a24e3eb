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
from cebdesk.signing.select import SignerOptions
from tests.gui.test_gui_flows import _answer_pin, _press
from tests.summary.lists import run
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
    view = win.summary_view
    assert view.month.currentText() == THIS_MONTH
    # the page previews the month by itself when it comes into view: the lists waiting are counted
    qtbot.waitUntil(view.export_button.isEnabled, timeout=60_000)
    assert "待汇总清单 5 票" in view.header.text()  # 4 to declare, 1 A over its limit
    _choose_month(qtbot, win, THIS_MONTH)
    qtbot.mouseClick(view.preview_button, LEFT)
    assert not view.export_button.isEnabled()
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


def test_an_empty_journal_is_not_previewed_by_itself(qtbot, context):
    win = _window(qtbot, context)
    assert win.summary.job is None and not win.summary_view.declare_button.isEnabled()


def test_a_missing_rate_is_said_in_the_window_not_as_an_unexpected_error(
    qtbot, released, tmp_path, profile_file  # noqa: F811
):
    profile_file.write_text(profile_file.read_text(encoding="utf-8").replace('USD = "7.1"', ""), encoding="utf-8")
    for language, words in (("zh", "[rates]"), ("en", "no rate for currency")):
        context = AppContext(tmp_path / "data", tmp_path / "x", load_profile(profile_file), language=language)
        win = _window(qtbot, context)
        qtbot.waitUntil(lambda w=win: w.summary.job is not None and not w.summary.job.running, timeout=60_000)
        text = win.summary_view.message.text()
        assert words in text and "502" in text, text
        assert "意外错误" not in text and "unexpected" not in text.lower()
        win.close()


def test_declaring_from_the_page_and_customs_results_beside_the_preview(
    qtbot, released, tmp_path, profile_file, test_keys  # noqa: F811
):
    """签名并申报… confirmed in its message box, the PIN typed into the PIN dialog: the month's
    summary is journaled and sent; the simulator answers; the 申报结果 tab shows customs'
    declarations as the preview merged them, then a difference once a result says otherwise."""
    dirs, _key, invt = released
    signer = SignerOptions(key_file=test_keys["p12"])
    context = AppContext(tmp_path / "data", tmp_path / "x", load_profile(profile_file), signer)
    win = _window(qtbot, context)
    view = win.summary_view
    qtbot.waitUntil(view.declare_button.isEnabled, timeout=60_000)
    assert view.results.topLevelItemCount() == 0 and view.tabs.tabText(4) == "申报结果 (0)"
    confirm, pin = _press("&Yes"), _answer_pin(test_keys["password"])
    qtbot.mouseClick(view.declare_button, LEFT)
    assert confirm.seen and "4 票清单" in confirm.texts[0] and "2 份报关单" in confirm.texts[0]
    assert pin.seen
    qtbot.waitUntil(lambda: not win.summary.job.running, timeout=60_000)
    assert "已申报 1 份汇总申请单（4 票清单）" in view.message.text(), view.message.text()
    qtbot.waitUntil(lambda: win.summary.job is not None and not win.summary.job.running, timeout=60_000)
    qtbot.waitUntil(lambda: view.results.topLevelItemCount() == 1, timeout=60_000)
    assert not view.declare_button.isEnabled()  # every list is in a summary now
    assert "已申报" in view.message.text() and "汇总为 0 份报关单" in view.message.text()
    assert "尚未收到汇总结果单" in _texts(view.results)
    assert run(*dirs, "simulate", "--once")[0] == 0
    assert run(*dirs, "receipts")[0] == 0
    qtbot.mouseClick(view.preview_button, LEFT)
    qtbot.waitUntil(lambda: "汇总统一编号" in _texts(view.results), timeout=60_000)
    assert "与预览的归并一致" in _texts(view.results) and "差异" not in view.tabs.tabText(4)
    top = view.results.topLevelItem(0)
    assert sum(top.child(i).text(0).startswith("汇总统一编号") for i in range(top.childCount())) == 2


def test_a_difference_in_customs_results_is_shown_in_red(
    qtbot, released, tmp_path, profile_file, test_keys  # noqa: F811
):
    from lxml import etree

    dirs, key, invt = released
    assert run(*dirs, "summary", "--month", THIS_MONTH, "--send", *key)[0] == 1  # one A list over its limit
    assert run(*dirs, "simulate", "--once")[0] == 0
    [path] = (tmp_path / "x" / "receive").glob("CEB792*")
    tree = etree.parse(str(path))
    ns = "{http://www.chinaport.gov.cn/ceb}"
    for row in tree.iter(f"{ns}SummaryResultList"):
        if row.findtext(f"{ns}invtNo") == invt[3]:
            row.getparent().remove(row)
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")
    assert run(*dirs, "receipts")[0] == 0
    from cebdesk.gui.app import install_translator

    translator = install_translator(QApplication.instance(), "en")
    try:
        context = AppContext(tmp_path / "data", tmp_path / "x", load_profile(profile_file), language="en")
        win = _window(qtbot, context)
        view = win.summary_view
        qtbot.waitUntil(lambda: win.summary.comparison is not None, timeout=60_000)
        assert view.tabs.tabText(4) == "Customs results (1, differences 1)"
        assert f"in no summary result received: {invt[3]}" in _texts(view.results)
    finally:
        if translator is not None:
            QApplication.instance().removeTranslator(translator)


def _texts(tree) -> str:
    out = []

    def walk(item):
        out.extend(item.text(c) for c in range(tree.columnCount()))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(i))
    return "\n".join(out)
