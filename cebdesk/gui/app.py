"""Start the desktop app: ``cebdesk`` with no command."""

from __future__ import annotations

import sys
from pathlib import Path

from ..settings import find_profile
from ..store import default_data_dir
from ..signing.select import SignerOptions
from .context import AppContext


def main(
    argv: list[str] | None = None, *, data_dir: Path | None = None, exchange_dir: Path | None = None
) -> int:
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName("cebdesk")
    data = data_dir or default_data_dir()
    profile = find_profile(None)
    signer = SignerOptions.from_settings(profile.signer) if profile else SignerOptions()
    context = AppContext(data, exchange_dir or data / "exchange", profile, signer)
    window = MainWindow(context)
    window.show()
    return app.exec()
