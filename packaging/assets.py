"""What the spec needs besides the code, made at build time from the source tree: the version,
the icons (packaging/icon.py) and the Windows version resource."""

from __future__ import annotations

import re
from pathlib import Path

from icon import write_icons

#: Windows' version resource in PyInstaller's text form (VSVersionInfo, read with eval);
#: the string table is Simplified Chinese (0x0804) in Unicode (1200).
VERSION_INFO = """\
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3F,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0),
  ),
  kids=[
    StringFileInfo([
      StringTable('080404B0', [
        StringStruct('CompanyName', 'cebdesk'),
        StringStruct('FileDescription', 'cebdesk 跨境电商统一版申报 (CEB messages)'),
        StringStruct('FileVersion', '{version}'),
        StringStruct('InternalName', 'cebdesk'),
        StringStruct('LegalCopyright', 'cebdesk'),
        StringStruct('OriginalFilename', 'cebdesk.exe'),
        StringStruct('ProductName', 'cebdesk'),
        StringStruct('ProductVersion', '{version}'),
      ])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0804, 1200])]),
  ],
)
"""


def version(root: Path) -> str:
    """cebdesk's version, as ``cebdesk --version`` says it (read, not imported)."""
    text = (root / "cebdesk" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not found:
        raise SystemExit("no __version__ in cebdesk/__init__.py")
    return found.group(1)


def version_numbers(text: str) -> tuple[int, int, int, int]:
    """Four numbers for Windows (0.1.0 -> (0, 1, 0, 0); a suffix such as rc1 is dropped)."""
    numbers = [int(n) for n in re.findall(r"\d+", text.split("+")[0])[:4]]
    return tuple((numbers + [0, 0, 0, 0])[:4])


def version_info(text: str) -> str:
    return VERSION_INFO.format(numbers=version_numbers(text), version=text)


def make_assets(root: Path, folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    text = version(root)
    info = folder / "version_info.txt"
    info.write_text(version_info(text), encoding="utf-8")
    return {"version": text, "version_info": info, **write_icons(folder)}
