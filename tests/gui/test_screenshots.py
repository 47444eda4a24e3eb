"""The screenshot script runs the real app under Xvfb (xcb) and Chinese text has a font."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def test_screenshots_of_every_page(tmp_path):
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb not installed (make test installs it as root: apt-get install xvfb xauth)")
    env_script = (
        "from PySide6.QtGui import QFontDatabase; from PySide6.QtWidgets import QApplication; "
        "app = QApplication([]); print('WenQuanYi Micro Hei' in QFontDatabase.families())"
    )
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"]
    fonts = subprocess.run(
        [*cmd, sys.executable, "-c", env_script],
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "xcb", "PATH": "/usr/bin:/bin"},
    )
    assert fonts.stdout.strip().endswith("True"), (
        "a CJK font (fonts-wqy-microhei) is needed, or Chinese shows as boxes"
    )
    proc = subprocess.run(
        [*cmd, sys.executable, str(ROOT / "tools" / "screenshots.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names == [
        "cancel-dialog.png", "entry-diff.png", "entry-form.png", "home.png", "import.png",
        "outbox-receipts.png", "pin-dialog.png", "query-actions.png", "query.png", "readiness.png",
        "settings.png",
    ]
    from PySide6.QtGui import QImage

    image = QImage(str(tmp_path / "query.png"))
    assert image.width() >= 1000 and image.height() >= 600
    assert (
        len({image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 37)})
        > 20
    )
