"""What the spec makes before PyInstaller runs: the icons and Windows' version resource (these
are only used by Windows and macOS builds, so they are judged here, on Linux)."""

from __future__ import annotations

import struct
import sys
import types

import pytest

from cebdesk import __version__
from tests.packaging.bundle import ROOT, packaging_module


@pytest.fixture(scope="module")
def assets(tmp_path_factory):
    module = packaging_module("assets")
    return module, module.make_assets(ROOT, tmp_path_factory.mktemp("assets"))


def test_version_is_cebdesks(assets):
    module, made = assets
    assert made["version"] == __version__


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.1rc1", (2, 0, 1, 1)),
        ("3.4.5.6.7", (3, 4, 5, 6)),
        ("1.0.0+local", (1, 0, 0, 0)),
    ],
)
def test_windows_version_numbers(assets, text, numbers):
    module, _ = assets
    assert module.version_numbers(text) == numbers


def test_windows_version_resource_loads_in_pyinstaller(assets, monkeypatch):
    """PyInstaller reads the file with eval() into VSVersionInfo (its module imports pefile and
    win32api, which only Windows has; reading uses neither)."""
    compat = pytest.importorskip(
        "PyInstaller.compat", reason="PyInstaller not installed (make test installs it)"
    )
    if "pefile" not in sys.modules:
        monkeypatch.setitem(sys.modules, "pefile", types.ModuleType("pefile"))
    if not hasattr(compat, "win32api"):
        monkeypatch.setattr(compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, "PyInstaller.utils.win32.versioninfo", raising=False)
    from PyInstaller.utils.win32 import versioninfo

    _, made = assets
    info = versioninfo.load_version_info_from_text_file(str(made["version_info"]))
    numbers = packaging_module("assets").version_numbers(__version__)
    assert info.ffi.fileVersionMS == (numbers[0] << 16) | numbers[1]
    text = str(info)
    assert f"'ProductVersion', '{__version__}'" in text and "cebdesk.exe" in text


def test_ico_holds_every_size_as_png(assets):
    _, made = assets
    data = made["ico"].read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        width, height, _, _, planes, bits, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset : offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + length <= len(data)
        sizes.append(width or 256)
        assert width == height and bits == 32
    assert sizes == [16, 24, 32, 48, 64, 128, 256]


def test_icns_entries_are_pngs_of_their_size(assets):
    from PySide6.QtGui import QImage

    _, made = assets
    data = made["icns"].read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    expected = dict(packaging_module("icon").ICNS_TYPES)
    found, at = {}, 8
    while at < len(data):
        kind, length = data[at : at + 4], struct.unpack_from(">I", data, at + 4)[0]
        image = QImage.fromData(data[at + 8 : at + length], "PNG")
        found[kind] = image.width()
        assert image.width() == image.height()
        at += length
    assert found == expected


def test_png_icon_is_drawn(assets):
    from PySide6.QtGui import QImage

    _, made = assets
    image = QImage(str(made["png"]))
    assert (image.width(), image.height()) == (256, 256)
    assert image.pixelColor(0, 0).alpha() == 0  # rounded corner: transparent
    assert image.pixelColor(128, 128).alpha() == 255
    colours = {image.pixel(x, y) for x in range(0, 256, 8) for y in range(0, 256, 8)}
    assert len(colours) > 4
