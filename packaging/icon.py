"""The app icon, drawn with Qt (no image files kept): a blue tile, a white declaration sheet
with its lines, and a red customs-style seal. Written as PNG, Windows .ico and macOS .icns.

python packaging/icon.py DIR     # DIR/cebdesk.png (256), cebdesk.ico, cebdesk.icns
"""

from __future__ import annotations

import io
import struct
import sys
from pathlib import Path

ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# .icns entries holding PNG data: type -> pixel size (the @2x types are the larger size)
ICNS_TYPES = (
    (b"ic11", 32),
    (b"ic12", 64),
    (b"ic07", 128),
    (b"ic13", 256),
    (b"ic08", 256),
    (b"ic14", 512),
    (b"ic09", 512),
    (b"ic10", 1024),
)


def render(size: int) -> bytes:
    """The icon at ``size`` x ``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPainterPath, QPen

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 64.0, size / 64.0)  # drawn on a 64 x 64 grid
    # the tile
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(QColor("#1f4e8c")))
    p.drawRoundedRect(QRectF(2, 2, 60, 60), 12, 12)
    # the sheet with a folded corner
    sheet = QPainterPath()
    sheet.moveTo(15, 10)
    sheet.lineTo(40, 10)
    sheet.lineTo(49, 19)
    sheet.lineTo(49, 54)
    sheet.lineTo(15, 54)
    sheet.closeSubpath()
    p.setBrush(QBrush(QColor("#ffffff")))
    p.drawPath(sheet)
    fold = QPainterPath()
    fold.moveTo(40, 10)
    fold.lineTo(40, 19)
    fold.lineTo(49, 19)
    fold.closeSubpath()
    p.setBrush(QBrush(QColor("#c9d6e8")))
    p.drawPath(fold)
    # the lines of the declaration
    p.setPen(QPen(QColor("#8aa1c1"), 3, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (22.0, 29.0, 36.0):
        p.drawLine(QPointF(20, y), QPointF(36 if y == 22.0 else 44, y))
    # the seal
    p.setPen(QPen(QColor("#c8102e"), 3))
    p.setBrush(QBrush(QColor("#fbe3e7")))
    p.drawEllipse(QPointF(40, 45), 9, 9)
    p.setPen(QPen(QColor("#c8102e"), 2.6, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    p.drawLine(QPointF(36, 45), QPointF(39, 48))
    p.drawLine(QPointF(39, 48), QPointF(44.5, 41.5))
    p.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows icon with one PNG-compressed image per size (Windows Vista and later)."""
    sizes = [s for s in ICO_SIZES if s in pngs]
    out = io.BytesIO()
    out.write(struct.pack("<HHH", 0, 1, len(sizes)))
    offset = 6 + 16 * len(sizes)
    for s in sizes:
        data = pngs[s]
        dim = 0 if s >= 256 else s  # 0 means 256
        out.write(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset))
        offset += len(data)
    for s in sizes:
        out.write(pngs[s])
    return out.getvalue()


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS icon: PNG entries (OS X 10.7 and later)."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[s])) + pngs[s] for kind, s in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def write_icons(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(ICO_SIZES) | {s for _, s in ICNS_TYPES})
    pngs = {s: render(s) for s in sizes}
    paths = {"png": folder / "cebdesk.png", "ico": folder / "cebdesk.ico", "icns": folder / "cebdesk.icns"}
    paths["png"].write_bytes(pngs[256])
    paths["ico"].write_bytes(ico(pngs))
    paths["icns"].write_bytes(icns(pngs))
    return paths


if __name__ == "__main__":
    for path in write_icons(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icon")).values():
        print(path)
