"""zh_CN is the UI's own language, complete by construction; English comes from resources/."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "cebdesk_en.ts"
CJK = re.compile(r"[\u4e00-\u9fff]")
#: UI strings that are the same in both languages.
UNIVERSAL = {"English"}


def _messages(path: Path) -> list[etree._Element]:
    return list(etree.parse(str(path)).iter("message"))


def test_every_ui_string_is_chinese_and_translated_to_english():
    messages = _messages(TS)
    assert len(messages) > 100
    for message in messages:
        source = message.findtext("source")
        translation = message.find("translation")
        assert CJK.search(source) or source in UNIVERSAL, f"not Chinese in the zh_CN UI: {source!r}"
        assert translation.get("type") != "unfinished" and (translation.text or "").strip(), (
            f"no English for {source!r}"
        )
        assert set(re.findall(r"\{\w+\}", source)) == set(re.findall(r"\{\w+\}", translation.text)), source


def test_translation_sources_are_up_to_date_with_the_code(tmp_path):
    lupdate = shutil.which("pyside6-lupdate", path=str(Path(sys.executable).parent))
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "cebdesk" / "gui").glob("*.py"))
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True)
    in_code = {(m.getparent().findtext("name"), m.findtext("source")) for m in _messages(fresh)}
    in_ts = {(m.getparent().findtext("name"), m.findtext("source")) for m in _messages(TS)}
    assert in_code == in_ts, "run: python tools/translations.py update"


def test_the_window_speaks_english_when_asked(qtbot, tmp_path, profile):
    from PySide6.QtWidgets import QApplication

    from cebdesk.gui.app import install_translator
    from cebdesk.gui.context import AppContext
    from cebdesk.gui.main_window import MainWindow

    subprocess.run([sys.executable, str(ROOT / "tools" / "translations.py"), "compile"], check=True)
    translator = install_translator(QApplication.instance(), "en")
    assert translator is not None
    try:
        window = MainWindow(AppContext(tmp_path / "d", tmp_path / "x", profile))
        qtbot.addWidget(window)
        assert window.nav.item(1).text() == "Import"  # after 首页 (Home)
        assert window.import_view.send_button.text() == "Sign and send"
        assert (
            window.imports.model.headerData(1, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
            == "Number"
        )
    finally:
        QApplication.instance().removeTranslator(translator)
    chinese = MainWindow(AppContext(tmp_path / "d2", tmp_path / "x2", profile))
    qtbot.addWidget(chinese)
    assert chinese.nav.item(1).text() == "导入"


# -- Qt's own texts, a language change, the names spec/ gives in English ------------------------


@pytest.fixture
def chinese_qt(qtbot):
    """The Chinese UI as cebdesk starts it: Qt's own translations loaded."""
    from PySide6.QtWidgets import QApplication

    from cebdesk.gui.app import install_translator

    translator = install_translator(QApplication.instance(), "zh_CN")
    yield translator
    if translator is not None:
        QApplication.instance().removeTranslator(translator)


def _when_modal(qtbot, act, *, tries: int = 250) -> list[bool]:
    """Run ``act(dialog)`` on the next modal dialog, as soon as it is open; give up after
    ``tries`` looks, 20 ms apart, or once the returned flag is cleared (``stop[0] = False``), so
    that no look outlives its test and answers another test's dialog."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    active = [True]
    left = [tries]

    def look():
        if not active[0]:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            active[0] = False
            act(dialog)
            return
        left[0] -= 1
        if left[0] > 0:
            QTimer.singleShot(20, look)

    QTimer.singleShot(20, look)
    return active


def _go_to(qtbot, window, name: str) -> None:
    """Click the page's entry (one of PAGES) in the navigation list."""
    from PySide6.QtCore import Qt

    from cebdesk.gui.main_window import PAGES

    page = PAGES.index(name)

    nav = window.nav
    qtbot.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, pos=nav.visualItemRect(nav.item(page)).center())
    assert window.pages.currentIndex() == page


def test_qt_dialog_buttons_read_chinese_in_the_chinese_ui(qtbot, chinese_qt):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from cebdesk.gui.dialogs import PinCancelled, PinDialog, ask_pin

    assert chinese_qt is not None
    seen = {}

    def answer(dialog):
        assert isinstance(dialog, PinDialog)
        box = dialog.findChild(QDialogButtonBox)
        seen["cancel"] = box.button(QDialogButtonBox.StandardButton.Cancel).text()
        seen["ok"] = box.button(QDialogButtonBox.StandardButton.Ok).text()
        qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    _when_modal(qtbot, answer)
    with pytest.raises(PinCancelled):
        ask_pin(None, "token")
    assert seen == {"cancel": "取消", "ok": "确定"}


def test_qt_message_box_buttons_read_chinese(qtbot, chinese_qt):
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Question, "t", "?", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Yes).text().startswith("是")
    assert box.button(QMessageBox.StandardButton.No).text().startswith("否")


def test_changing_the_language_says_it_applies_after_a_restart(qtbot, tmp_path, profile_file, chinese_qt):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from cebdesk.gui.context import AppContext
    from cebdesk.gui.main_window import MainWindow
    from cebdesk.settings import load_profile

    with profile_file.open("a", encoding="utf-8") as fh:
        fh.write(
            '[defaults]\nebpCode = "1105910159"\nebpName = "某平台"\nebcCode = "1105910159"\n'
            'ebcName = "某电商"\nagentCode = "1105910159"\nagentName = "某报关行"\n'
        )
    profile = load_profile(profile_file)
    window = MainWindow(AppContext(tmp_path / "d", tmp_path / "x", profile))
    qtbot.addWidget(window)
    window.show()
    _go_to(qtbot, window, "设置")
    view = window.settings_view
    assert window.pages.currentWidget() is view
    assert view.language_note.isVisible() and "重新启动" in view.language_note.text()
    assert view.language.currentData() == "zh_CN"
    qtbot.keyClick(view.language, Qt.Key.Key_Down)
    assert view.language.currentData() == "en"
    said = {}

    def acknowledge(box):
        said["text"] = box.text()
        said["ok"] = box.button(QMessageBox.StandardButton.Ok).text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)

    _when_modal(qtbot, acknowledge)
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert said, view.message.text()
    assert "重新启动" in said["text"] and "English" in said["text"]
    assert said["ok"] == "确定"
    assert load_profile(window.settings.path).ui["language"] == "en"
    assert window.nav.item(1).text() == "导入"  # nothing half-switched until the restart

    # saving again without a change asks nothing
    boxes = []
    looking = _when_modal(qtbot, lambda box: (boxes.append(box.text()), box.close()))
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    looking[0] = False  # none came: stop looking before the next test opens its own
    assert boxes == []


def _released_inventory(tmp_path, profile, signer):
    """A journal with one inventory, sent and answered 800 by the simulator."""
    from cebdesk.exchange.simulator import Customs, run_folder
    from cebdesk.pipeline.workspace import Workspace
    from cebdesk.spec import document_type
    from tests.factory import filled_template

    data, exchange = tmp_path / "data", tmp_path / "exchange"
    workspace = Workspace(data, exchange_dir=exchange, profile=profile)
    workspace.import_files([filled_template(document_type("inventory"), tmp_path / "inv.xlsx")])
    workspace.send(signer)
    customs = Customs(tmp_path / "customs")
    run_folder(workspace.outbox(), customs)
    customs.close()
    workspace.receive()
    return data, exchange


def test_the_english_ui_names_documents_and_statuses_in_english(qtbot, tmp_path, profile, signer):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from cebdesk.gui.app import install_translator
    from cebdesk.gui.context import AppContext
    from cebdesk.gui.main_window import MainWindow

    data, exchange = _released_inventory(tmp_path, profile, signer)

    subprocess.run([sys.executable, str(ROOT / "tools" / "translations.py"), "compile"], check=True)
    translator = install_translator(QApplication.instance(), "en")
    try:
        window = MainWindow(AppContext(data, exchange, profile, language="en"))
        qtbot.addWidget(window)
        window.show()
        types = [window.import_view.type.itemText(i) for i in range(window.import_view.type.count())]
        assert "Import inventory" in types and "Waybill" in types
        assert "Import inventory" in [a.text() for a in window.import_view.template_menu.actions()]

        _go_to(qtbot, window, "发送与回执")
        journal = window.journal_view
        assert "Import inventory" in [journal.type.itemText(i) for i in range(journal.type.count())]
        families = [journal.family.itemText(i) for i in range(journal.family.count())]
        assert "Released" in families and "Inspection / held" in families
        [row] = window.journal.model.rows
        assert row["type"].startswith("Import inventory") and row["meaning"] == "Released"
        qtbot.mouseClick(
            journal.table.viewport(),
            Qt.MouseButton.LeftButton,
            pos=journal.table.visualRect(window.journal.model.index(0, 0)).center(),
        )
        timeline = [journal.timeline.item(i).text() for i in range(journal.timeline.count())]
        assert timeline and all(not CJK.search(line.split("\n")[0]) for line in timeline), timeline

        _go_to(qtbot, window, "查询")
        query = window.query_view
        assert "Import inventory" in [query.type.itemText(i) for i in range(query.type.count())]
        qtbot.mouseClick(query.search_button, Qt.MouseButton.LeftButton)
        [found] = window.query.model.rows
        assert found["label"] == "Import inventory" and found["meaning"] == "Released"
    finally:
        QApplication.instance().removeTranslator(translator)


def test_the_query_page_shows_clerk_labels_and_the_standards_in_the_tooltip(qtbot, tmp_path, profile, signer):
    from PySide6.QtCore import Qt

    from cebdesk.gui.context import AppContext
    from cebdesk.gui.main_window import MainWindow

    data, exchange = _released_inventory(tmp_path, profile, signer)
    window = MainWindow(AppContext(data, exchange, profile))
    qtbot.addWidget(window)
    window.show()
    _go_to(qtbot, window, "查询")
    query = window.query_view
    qtbot.mouseClick(query.search_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(
        query.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=query.table.visualRect(window.query.model.index(0, 0)).center(),
    )
    head = {query.head.item(r, 0).text(): query.head.item(r, 1) for r in range(query.head.rowCount())}
    assert head["portCode"].text() == "进境口岸代码" and "出口口岸代码" in head["portCode"].toolTip()
    assert head["country"].text() == "起运国（地区）" and "运抵国（地区）" in head["country"].toolTip()
    assert head["orderNo"].toolTip() == ""
    lines = {
        query.lines.horizontalHeaderItem(c).text().split("\n")[1]: query.lines.horizontalHeaderItem(c)
        for c in range(query.lines.columnCount())
    }
    assert lines["country"].text().startswith("原产国（地区）")
    assert "运抵国（地区）" in lines["country"].toolTip()
