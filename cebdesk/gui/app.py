"""Start the desktop app: ``cebdesk`` with no command."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from ..pipeline.workspace import Workspace
from ..signing.select import SignerOptions
from .context import AppContext


I18N = Path(__file__).resolve().parent / "i18n"


def install_translator(app, language: str | None):
    """Chinese is the UI's own language; English comes from the compiled .qm."""
    from PySide6.QtCore import QTranslator

    if not language or language.startswith("zh"):
        return None
    translator = QTranslator(app)
    if translator.load(str(I18N / f"cebdesk_{language}.qm")):
        app.installTranslator(translator)
        return translator
    return None


def main(
    argv: list[str] | None = None, *, data_dir: Path | None = None, exchange_dir: Path | None = None
) -> int:
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName("cebdesk")
    workspace = Workspace(data_dir, exchange_dir=exchange_dir)  # the same resolution as the CLI's
    profile = workspace.profile
    install_translator(
        app, (profile.ui.get("language") if profile else None) or os.environ.get("CEBDESK_LANG")
    )
    signer = SignerOptions.from_settings(profile.signer) if profile else SignerOptions()
    language = (profile.ui.get("language") if profile else None) or os.environ.get("CEBDESK_LANG") or "zh"
    context = AppContext(
        workspace.data_dir, workspace.exchange_dir, profile, signer, "en" if language.startswith("en") else "zh"
    )
    window = MainWindow(context)
    window.show()
    if profile is None:
        window.first_run()
    return app.exec()
