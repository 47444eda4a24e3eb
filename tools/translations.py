"""Keep resources/translations/cebdesk_en.ts in step with the code and en.tsv, and compile .qm.

python tools/translations.py update    # lupdate the .ts from cebdesk/gui, fill in en.tsv
python tools/translations.py compile   # lrelease into cebdesk/gui/i18n/ (done at install)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "cebdesk_en.ts"
TSV = ROOT / "resources" / "translations" / "en.tsv"
QT_GAPS = ROOT / "resources" / "translations" / "qt_zh_CN.ts"
QM_DIR = ROOT / "cebdesk" / "gui" / "i18n"


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(
        f"pyside6-{name}"
    )
    if not found:
        raise SystemExit(f"pyside6-{name} not found (it comes with PySide6)")
    return found


def table() -> dict[str, str]:
    rows = {}
    for line in TSV.read_text(encoding="utf-8").splitlines():
        if line.strip():
            source, _, english = line.partition("\t")
            rows[source] = english
    return rows


def update() -> None:
    sources = sorted(str(p) for p in (ROOT / "cebdesk" / "gui").glob("*.py"))
    subprocess.run(
        [
            _tool("lupdate"),
            *sources,
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-no-obsolete",
            "-ts",
            str(TS),
        ],
        check=True,
        capture_output=True,
    )
    english = table()
    tree = etree.parse(str(TS))
    for message in tree.iter("message"):
        source = message.findtext("source")
        translation = message.find("translation")
        if source in english:
            translation.text = english[source]
            translation.attrib.pop("type", None)
    tree.write(str(TS), encoding="utf-8", xml_declaration=True)


def compile_() -> None:
    QM_DIR.mkdir(exist_ok=True)
    subprocess.run(
        [_tool("lrelease"), str(TS), "-qm", str(QM_DIR / "cebdesk_en.qm")], check=True, capture_output=True
    )
    # Qt's own texts its Chinese catalogue lacks (the file dialog's labels)
    subprocess.run(
        [_tool("lrelease"), str(QT_GAPS), "-qm", str(QM_DIR / "qt_gaps_zh_CN.qm")], check=True, capture_output=True
    )


if __name__ == "__main__":
    {"update": update, "compile": compile_}[sys.argv[1] if len(sys.argv) > 1 else "compile"]()
