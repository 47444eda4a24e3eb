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
    """Chinese is the UI's own language: Qt's own texts (dialog buttons, file dialogs, context
    menus) come from Qt's Chinese translations, shipped with PySide6. English: cebdesk's texts
    from the compiled .qm, Qt's are English already. The installed translator, or None."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    translator = QTranslator(app)
    if not language or language.startswith("zh"):
        qt_translations = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        loaded = translator.load("qtbase_zh_CN", qt_translations)
        # what that catalogue lacks (the file dialog's "&Look in:", "Files of &type:", "Folder"):
        # ours, installed after it so that it is asked first; the rest falls through to Qt's
        gaps = QTranslator(translator)
        if loaded and gaps.load(str(I18N / "qt_gaps_zh_CN.qm")):
            app.installTranslator(translator)
            app.installTranslator(gaps)
            return translator
    else:
        loaded = translator.load(str(I18N / f"cebdesk_{language}.qm"))
    if loaded:
        app.installTranslator(translator)
        return translator
    return None


def reach_journal(context: AppContext, parent=None) -> bool:
    """A shared journal's server must answer before the window opens on it: if it does not, the
    clerk is told why and may try again or quit (no window on a journal that is not there)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from ..store import Journal

    def tr(text: str) -> str:
        return QCoreApplication.translate("cebdesk", text)

    url = context.workspace().journal_url
    while url:
        try:
            Journal(url).close()
            return True
        except Exception as exc:  # noqa: BLE001 - the server's errors, said to the clerk
            why = str(exc).strip() or type(exc).__name__
        box = QMessageBox(QMessageBox.Icon.Critical, tr("无法连接共享日志"), "", QMessageBox.StandardButton.NoButton, parent)
        box.setText(tr("企业档案指定的共享日志（服务器）无法连接，cebdesk 不能打开。"))
        box.setInformativeText(
            tr("确认服务器在运行、网络通畅、口令在 ~/.pgpass 或 PGPASSWORD 中；请管理员查看服务器。")
        )
        box.setDetailedText(why)
        retry = box.addButton(tr("重试"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("退出"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(retry)
        box.exec()
        if box.clickedButton() is not retry:
            return False
    return True


def main(
    argv: list[str] | None = None, *, data_dir: Path | None = None, exchange_dir: Path | None = None
) -> int:
    from PySide6.QtWidgets import QApplication

    from .main_window import MainWindow

    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName("cebdesk")
    workspace = Workspace(data_dir, exchange_dir=exchange_dir)  # the same resolution as the CLI's
    profile = workspace.profile
    language = (profile.ui.get("language") if profile else None) or os.environ.get("CEBDESK_LANG") or "zh"
    install_translator(app, language)
    signer = SignerOptions.from_settings(profile.signer) if profile else SignerOptions()
    context = AppContext(
        workspace.data_dir, workspace.exchange_dir, profile, signer, "en" if language.startswith("en") else "zh"
    )
    if not reach_journal(context):
        return 1
    window = MainWindow(context)
    window.show()
    window.readiness.check()  # the home page shows the certificate's expiry and what is missing
    if profile is None:
        window.first_run()
    return app.exec()
