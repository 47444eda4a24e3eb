"""Column mappings: which element a spreadsheet's own column names, saved per source.

A file from another system may name its columns in words cebdesk does not know (货品规格 for
gmodel). A mapping says it once: header text -> element name, in a small TOML (or JSON) file::

    # cebdesk column mapping
    type = "inventory"              # the document type it was made for (optional)
    [columns]
    "货品规格" = "gmodel"
    "原产地" = "InventoryList.country"

``--mapping FILE`` applies one to every sheet read; a mapping is remembered in the data folder
under the fingerprint of the header it was used with (``mappings/<fingerprint>.toml``, a hash
of the normalised first row) and taken again, without asking, when the same header comes back.
The window's column dialog saves there too. Which mapping a reader uses comes through a
context variable (``use_mappings``), as the read limits do, so every reader a command makes
sees it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

from ..files import atomic_write, private_dir
from ..findings import Finding, InputError, Location

#: Characters a header may carry that do not change what it names: every kind of space (also
#: inside: "商品 名称"), the required mark * / ＊ (templates put it before required labels).
_IGNORED = re.compile(r"[\s\u00a0\u3000\u200b\ufeff*＊]+")

MAPPINGS_DIR = "mappings"


def header_text(raw: object) -> str:
    """A header cell as compared: NFKC (full-width brackets and letters become ASCII: （地区） ->
    (地区)), without spaces or ``*``. The same function for labels, synonyms and mappings."""
    if raw is None:
        return ""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", str(raw)))


def fingerprint(cells: tuple | list) -> str:
    """The header's fingerprint: a hash of its normalised cells (trailing empty ones dropped)."""
    texts = [header_text(c) for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    return hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ColumnMapping:
    """Header text (as written) -> element name ("gmodel", or "InventoryList.country" where the
    head has an element of the same name)."""

    columns: dict[str, str]
    source: str = ""  # the file it was read from: findings name it
    type: str | None = None  # the document type it was made for
    keys: dict[str, str] = field(default_factory=dict, compare=False)  # header_text -> element

    def __post_init__(self) -> None:
        object.__setattr__(self, "keys", {header_text(h): e.strip() for h, e in self.columns.items()})

    def element(self, key: str) -> str | None:
        """The element a (normalised) header names, or None."""
        return self.keys.get(key)


def _invalid(path: Path, detail: str) -> InputError:
    return InputError([Finding(Location(str(path)), "mapping.invalid", params={"detail": detail})])


def load_mapping(path: str | os.PathLike[str]) -> ColumnMapping:
    """Read a mapping file (.toml, else .json by its content); :class:`InputError` naming the
    file and what is wrong with it when it cannot be used."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise _invalid(path, "文件不存在 / no such file") from None
    except OSError as exc:
        raise _invalid(path, exc.strerror or str(exc)) from None
    except UnicodeDecodeError:
        raise _invalid(path, "不是 UTF-8 文本 / not UTF-8 text") from None
    data: object
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise _invalid(path, f"JSON: {exc}") from None
    else:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise _invalid(path, f"TOML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("columns"), dict):
        raise _invalid(path, "缺少 [columns] 表（列名 = \"元素名\"） / no [columns] table (header = \"element\")")
    columns = data["columns"]
    bad = [str(k) for k, v in columns.items() if not isinstance(v, str) or not v.strip() or not header_text(k)]
    if bad:
        raise _invalid(path, "这些列的元素名不是文字 / not an element name for: " + "、".join(bad))
    kind = data.get("type")
    if kind is not None and not isinstance(kind, str):
        raise _invalid(path, "type 应为文字 / type must be text")
    if not columns:
        raise _invalid(path, "[columns] 是空的 / [columns] is empty")
    return ColumnMapping(dict(columns), str(path), kind)


def _quote(text: str) -> str:
    # a JSON string is a TOML basic string (the same escapes)
    return json.dumps(text, ensure_ascii=False)


def dump_mapping(mapping: ColumnMapping, fingerprint_: str | None = None) -> str:
    lines = ["# cebdesk column mapping: header text = \"element name\""]
    if mapping.type:
        lines.append(f"type = {_quote(mapping.type)}")
    if fingerprint_:
        lines.append(f"fingerprint = {_quote(fingerprint_)}")
    lines.append("[columns]")
    lines += [f"{_quote(h)} = {_quote(e)}" for h, e in mapping.columns.items()]
    return "\n".join(lines) + "\n"


def save_mapping(mapping: ColumnMapping, path: str | os.PathLike[str], fingerprint_: str | None = None) -> Path:
    path = Path(path)
    private_dir(path.parent)
    return atomic_write(path, dump_mapping(mapping, fingerprint_).encode("utf-8"))


@dataclass(frozen=True)
class Mappings:
    """Where a reader's mappings come from: the one given (``--mapping``), else the one saved in
    ``folder`` under the header's fingerprint."""

    explicit: ColumnMapping | None = None
    folder: Path | None = None

    def saved_path(self, fingerprint_: str) -> Path | None:
        return self.folder / f"{fingerprint_}.toml" if self.folder is not None else None

    def for_header(self, fingerprint_: str) -> ColumnMapping | None:
        """The mapping for a header; a saved one that cannot be read raises InputError."""
        if self.explicit is not None:
            return self.explicit
        path = self.saved_path(fingerprint_)
        if path is None or not path.is_file():
            return None
        return load_mapping(path)

    def remember(self, fingerprint_: str, mapping: ColumnMapping) -> Path | None:
        """Keep ``mapping`` for this header (the next file with it is read the same way)."""
        path = self.saved_path(fingerprint_)
        if path is None:
            return None
        try:
            if path.is_file() and load_mapping(path).keys == mapping.keys:
                return path
        except InputError:
            pass  # a broken saved one is replaced
        return save_mapping(ColumnMapping(mapping.columns, str(path), mapping.type), path, fingerprint_)


def mappings_folder(data_dir: str | os.PathLike[str]) -> Path:
    return Path(data_dir) / MAPPINGS_DIR


def saved_mappings(data_dir: str | os.PathLike[str] | None) -> Mappings:
    """The mappings saved in a data folder (none for None)."""
    return Mappings(folder=mappings_folder(data_dir) if data_dir is not None else None)


_NONE = Mappings()
_mappings: ContextVar[Mappings | None] = ContextVar("cebdesk_mappings", default=None)


def current_mappings() -> Mappings:
    return _mappings.get() or _NONE


@contextmanager
def use_mappings(mappings: Mappings | None) -> Iterator[None]:
    """Read workbooks with ``mappings`` inside the block (None: none given, none saved)."""
    token = _mappings.set(mappings)
    try:
        yield
    finally:
        _mappings.reset(token)
