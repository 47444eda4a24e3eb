"""GUI responsiveness: import and sign 10,000 documents through the window's worker while a
10 ms timer measures how long the event loop stalls; the same batch headless for comparison;
and the start-up time to a usable window. Prints JSON.

    QT_QPA_PLATFORM=offscreen python benchmarks/gui.py [--documents N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STARTUP = """
import time, sys
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from pathlib import Path
from cebdesk.gui.context import AppContext
from cebdesk.gui.main_window import MainWindow
window = MainWindow(AppContext(Path(sys.argv[1]), Path(sys.argv[2])))
window.show()
app.processEvents()
print(time.perf_counter() - t0)
"""


def _keys(folder: Path) -> tuple[Path, Path]:
    from tests.certs import write_signing_key

    return write_signing_key(folder, "gui bench TEST")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()

    from convert import generate
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from cebdesk.gui.context import AppContext
    from cebdesk.gui.main_window import MainWindow
    from cebdesk.pipeline.journaled import SendOptions, import_files, send_pending
    from cebdesk.settings import Profile
    from cebdesk.signing.keyfile import KeyFileSigner
    from cebdesk.signing.select import SignerOptions
    from cebdesk.store import Journal
    from cebdesk.exchange.folders import Outbox

    folder = Path(tempfile.mkdtemp(prefix="cebdesk-gui-bench-"))
    try:
        source = folder / "inventory.xlsx"
        generate(source, args.documents, 1)
        key, cert = _keys(folder)
        profile = Profile({"copCode": "1105910159", "copName": "测试", "dxpId": "DXPENT0000000001"})

        # the same batch headless
        start = time.perf_counter()
        journal = Journal(folder / "headless" / "journal.sqlite3")
        import_files([source], journal, profile=profile)
        sent = send_pending(
            journal,
            SendOptions(
                Outbox(folder / "headless" / "x"), KeyFileSigner(key, cert_file=cert), profile.base_transfer()
            ),
        )
        journal.close()
        headless = time.perf_counter() - start
        assert sent.documents == args.documents, sent

        startup = float(
            subprocess.run(
                [sys.executable, "-c", STARTUP, str(folder / "s"), str(folder / "s" / "x")],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
            ).stdout.strip()
        )

        app = QApplication.instance() or QApplication(sys.argv)
        context = AppContext(
            folder / "gui", folder / "gui" / "x", profile, SignerOptions(key_file=key, cert=cert)
        )
        window = MainWindow(context)
        window.show()
        app.processEvents()
        gaps: list[int] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer()
        timer.setInterval(10)
        timer.timeout.connect(tick)
        timer.start()
        loop = QEventLoop()
        window.imports.done.connect(loop.quit)
        start = time.perf_counter()
        job = window.imports.send(files=[source])
        if job is None:
            raise SystemExit(window.imports.last_error)
        loop.exec()
        gui = time.perf_counter() - start
        timer.stop()
        report = window.imports.last_report
        window.close()
        window.deleteLater()
        app.processEvents()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "benchmark": "gui",
        "documents": args.documents,
        "gui_documents_sent": report.documents if report else 0,
        "longest_stall_ms": max(gaps) - 10 if gaps else None,
        "stalls_over_50_ms": sum(1 for g in gaps if g - 10 > 50),
        "ticks": len(gaps),
        "gui_batch_seconds": round(gui, 2),
        "headless_batch_seconds": round(headless, 2),
        "ratio_gui_to_headless": round(gui / headless, 3),
        "startup_seconds": round(startup, 3),
        "targets": {"longest_stall_ms": 100, "ratio_max": 1.1, "startup_seconds": 1.5},
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
