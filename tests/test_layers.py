"""DESIGN.md's house rules that a test can hold: no Qt below gui/, arrows point down the flow."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cebdesk"
#: Each layer may import only the layers before it (and the shared records/findings/files).
ORDER = [
    "spec", "excel", "checks", "messages", "signing", "store", "summary", "exchange", "pipeline", "cli", "gui",
]  # fmt: skip
SHARED = {"findings", "records", "files"}
#: The one sideways arrow: ``cebdesk`` with no command is the desktop app, so the CLI starts it.
ALLOWED = {("cli", "gui")}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = path.relative_to(PACKAGE).parts
            base = list(parts[: len(parts) - node.level])
            module = (node.module or "").split(".")
            target = [p for p in base + module if p]
            if not target and node.names:
                target = [node.names[0].name]
            found.add(target[0] if target else "")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cebdesk."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("cebdesk."):
                    found.add(alias.name.split(".")[1])
    return found


def _layer(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def test_no_qt_outside_gui():
    code = "import sys, cebdesk.cli, cebdesk.pipeline, cebdesk.excel.reader, cebdesk.excel.template; print('PySide6' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
    for path in PACKAGE.rglob("*.py"):
        if _layer(path) != "gui":
            assert "PySide6" not in path.read_text(encoding="utf-8"), path


def test_layers_import_only_what_comes_before_them():
    for path in PACKAGE.rglob("*.py"):
        layer = _layer(path)
        if layer not in ORDER:
            continue
        for target in _imports(path) - SHARED - {layer, "__init__", "settings", ""}:
            if target in ORDER and (layer, target) not in ALLOWED:
                assert ORDER.index(target) < ORDER.index(layer), (
                    f"{path.relative_to(PACKAGE)} imports {target}"
                )


def test_spec_imports_nothing_of_ours():
    for path in (PACKAGE / "spec").rglob("*.py"):
        assert _imports(path) <= {"spec"}, path
