"""zh_CN is the UI's own language, complete by construction; English comes from resources/."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

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
        assert window.nav.item(0).text() == "Import"
        assert window.import_view.send_button.text() == "Sign and send"
        assert (
            window.imports.model.headerData(1, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal)
            == "Number"
        )
    finally:
        QApplication.instance().removeTranslator(translator)
    chinese = MainWindow(AppContext(tmp_path / "d2", tmp_path / "x2", profile))
    qtbot.addWidget(chinese)
    assert chinese.nav.item(0).text() == "导入"
