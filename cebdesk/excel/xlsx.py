"""A streaming, bounded reader of .xlsx packages: the parts an import needs and nothing more.

openpyxl's read-only mode is not enough for input nobody vouches for: every parsed row element
stays attached to the tree (memory grows with the number of rows, empty ones included), a
formula without a cached value reads as an empty cell, hidden rows and sheets look like any
other, and the shared strings are parsed again each time the file is opened. This module reads
the package with lxml's incremental parser instead, dropping each row once it is handed out, and
refuses before allocating anything large:

- the XML parts may unpack to at most ``ReadLimits.unpacked_mb`` together (the zip's directory
  states the sizes; zipfile never returns more than stated, a member that lies fails its CRC);
- a sheet may have at most ``ReadLimits.rows`` row elements;
- the shared strings table may hold at most ``ReadLimits.strings`` strings and
  ``ReadLimits.strings_mb`` of text;
- no XML part may carry a DOCTYPE (DTDs and entity declarations are how XXE and entity-expansion
  attacks work), and nothing is resolved or fetched.

Anything that goes wrong while reading — a truncated part, a bad CRC, a read error — becomes an
:class:`InputError` naming the file, the sheet, the row reached and what to do.
"""

from __future__ import annotations

import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from openpyxl.styles.numbers import is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel, from_ISO8601

from ..findings import Finding, InputError, Location
from .cells import Bad

_MB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """How large a workbook may be before it is refused as a likely decompression bomb.

    The defaults let through anything Excel itself can save and a person can check: a sheet
    holds at most 1,048,576 rows in Excel. Raise them with the ``--max-…`` options of
    ``convert`` and ``watch``.
    """

    unpacked_mb: int = 512  # the XML parts together, unpacked
    rows: int = 1_048_576  # row elements of one sheet, empty ones included
    strings: int = 1_000_000  # entries of the shared strings table
    strings_mb: int = 64  # text of the shared strings table (UTF-8)


DEFAULT_LIMITS = ReadLimits()
_limits: ContextVar[ReadLimits] = ContextVar("read_limits", default=DEFAULT_LIMITS)


def current_limits() -> ReadLimits:
    """The limits a reader uses when it is given none (see :func:`use_limits`)."""
    return _limits.get()


@contextmanager
def use_limits(limits: ReadLimits | None) -> Iterator[None]:
    """Read workbooks with ``limits`` (None: the defaults) inside the block: the command line's
    ``--max-…`` options reach every reader a command makes, whichever path it takes."""
    token = _limits.set(limits or DEFAULT_LIMITS)
    try:
        yield
    finally:
        _limits.reset(token)


#: How far into an XML part its root element must begin (the prolog: declaration, comments).
_PROLOG_BYTES = 64 * 1024
_PROLOG_SKIP = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)
_ESCAPED = re.compile("_x([0-9A-Fa-f]{4})_")

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"

#: Built-in number formats Excel does not spell out in styles.xml: the standard date ones and
#: those of East Asian locales (27-36, 50-58 are dates and times in zh-CN).
_DATE_IDS = frozenset({*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)})
_TIMEDELTA_IDS = frozenset({46})


def _parser_options() -> dict:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


@dataclass(frozen=True)
class SheetInfo:
    title: str
    part: str  # zip member name
    state: str  # visible, hidden, veryHidden

    @property
    def hidden(self) -> bool:
        return self.state != "visible"


@dataclass
class Row:
    number: int
    values: list  # 0-based column index -> value (None, str, int, float, bool, datetime…, Bad)
    hidden: bool


def _unescape(text: str) -> str:
    """OOXML's escapes for characters XML cannot hold: _x000D_ -> \\r, _x005F_ -> _."""
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


class Workbook:
    """One open .xlsx: its sheets, styles and shared strings. Use as a context manager."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        limits: ReadLimits = DEFAULT_LIMITS,
        *,
        strings: list[str] | None = None,
        opener=None,
    ) -> None:
        self.path = Path(path)
        self.name = str(path)
        self.limits = limits
        self._opener = opener or (lambda p, mode: p.open(mode))
        self._fh = None
        self._zip: zipfile.ZipFile | None = None
        self._members: dict[str, zipfile.ZipInfo] = {}
        self.sheets: list[SheetInfo] = []
        self.strings: list[str] = strings if strings is not None else []
        self._strings_given = strings is not None
        self._epoch = CALENDAR_WINDOWS_1900
        self._dates: frozenset[str] = frozenset()
        self._timedeltas: frozenset[str] = frozenset()
        self._part = ""
        self._ns = _MAIN

    # -- opening --------------------------------------------------------------------------------
    def __enter__(self) -> Workbook:
        if self._zip is None:
            self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        """Open the package and read its structure, styles and shared strings; raises
        InputError (never another exception) for anything wrong with the file."""
        where = Location(self.name)
        try:
            self._fh = self._opener(self.path, "rb")
            try:
                self._zip = zipfile.ZipFile(self._fh)
            except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError) as exc:
                detail = f"{type(exc).__name__}: {exc}"[:200]
                raise InputError([Finding(where, "file.not_xlsx", params={"detail": detail})]) from None
            self._members = {info.filename.lower(): info for info in self._zip.infolist()}
            self._check_sizes()
            self._check_prologs()
            try:
                workbook_part = self._office_document()
                rels = self._relations(workbook_part)
                self._member(workbook_part)
            except KeyError as exc:
                detail = f"{exc.args[0] if exc.args else exc}"
                raise InputError([Finding(where, "file.not_xlsx", params={"detail": detail})]) from None
            self._read_workbook(workbook_part, rels)
            self._read_styles(rels)
            if not self._strings_given:
                self._read_strings(rels)
        except InputError:
            self.close()
            raise
        except _BROKEN as exc:
            self.close()
            raise self._broken(exc) from None
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    # -- errors ---------------------------------------------------------------------------------
    def _broken(self, exc: BaseException, sheet: str | None = None, row: int | None = None) -> InputError:
        if isinstance(exc, InputError):
            return exc
        where = Location(self.name, sheet, row) if sheet is not None else Location(self.name, path=self._part)
        if isinstance(exc, OSError) and not isinstance(exc, zipfile.BadZipFile):
            detail = exc.strerror or str(exc) or type(exc).__name__
            return InputError([Finding(where, "file.read_failed", params={"detail": detail})])
        detail = f"{type(exc).__name__}: {exc}"[:200]
        return InputError([Finding(where, "file.broken", params={"part": self._part, "detail": detail})])

    def _member(self, name: str) -> zipfile.ZipInfo:
        info = self._members.get(name.lower())
        if info is None:
            raise KeyError(f"missing part {name}")
        return info

    def _check_sizes(self) -> None:
        total = sum(
            info.file_size
            for name, info in self._members.items()
            if name.endswith((".xml", ".rels")) and not name.endswith("/")
        )
        if total > self.limits.unpacked_mb * _MB:
            raise InputError(
                [
                    Finding(
                        Location(self.name),
                        "file.unpacked_too_large",
                        params={"size": -(-total // _MB), "limit": self.limits.unpacked_mb},
                    )
                ]
            )

    def _check_prologs(self) -> None:
        """Refuse a DOCTYPE in any XML part, read or not: entity declarations live in one."""
        assert self._zip is not None
        for name, info in self._members.items():
            if not name.endswith((".xml", ".rels")) or info.file_size == 0:
                continue
            self._part = info.filename
            with self._zip.open(info) as stream:
                head = stream.read(_PROLOG_BYTES)
            problem = _prolog_problem(head)
            if problem:
                where = Location(self.name, path=info.filename)
                raise InputError([Finding(where, "xml.forbidden", params={"detail": problem})])

    def _stream(self, info: zipfile.ZipInfo):
        assert self._zip is not None
        self._part = info.filename
        return self._zip.open(info)

    def _walk(
        self, info: zipfile.ZipInfo, wanted: tuple[str, ...], keep: tuple[str, ...] = (), *, start=None
    ):
        """(event, element) for the local names in ``wanted`` ("end"; also "start" for the
        name ``start``). Every element is dropped from the tree once it ends, except those in
        ``keep`` (children the wanted ones are read from), so memory stays flat whatever the
        part holds."""
        events = ("start", "end") if start else ("end",)
        kept = 0
        with self._stream(info) as stream:
            for event, elem in etree.iterparse(stream, events=events, **_parser_options()):
                name = elem.tag.rpartition("}")[2]
                if event == "start":
                    if name == start:
                        yield event, elem
                    continue
                if name in wanted:
                    yield event, elem
                    _drop(elem)
                    kept = 0
                elif name in keep:
                    kept += 1
                    if kept > _MAX_PENDING:
                        raise ValueError(f"more than {_MAX_PENDING} <{name}> in one element")
                else:
                    _drop(elem)
            _drain(stream)

    # -- structure ------------------------------------------------------------------------------
    def _office_document(self) -> str:
        info = self._member("_rels/.rels")
        found = None
        for _, rel in self._walk(info, ("Relationship",)):
            if found is None and rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                found = rel.get("Target", "").lstrip("/")
        if not found:
            raise KeyError("no workbook part in _rels/.rels")
        return found

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, member name) for one part."""
        folder, base = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", base + ".rels")
        if rels_name.lower() not in self._members:
            return {}
        out = {}
        for _, rel in self._walk(self._member(rels_name), ("Relationship",)):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
        return out

    def _read_workbook(self, part: str, rels: dict[str, tuple[str, str]]) -> None:
        for _, elem in self._walk(self._member(part), ("sheet", "workbookPr")):
            ns = elem.tag[1 : elem.tag.index("}")] if elem.tag.startswith("{") else ""
            if elem.tag.endswith("workbookPr"):
                if elem.get("date1904") in ("1", "true"):
                    self._epoch = CALENDAR_MAC_1904
                continue
            self._ns = ns
            rid = next((v for k, v in elem.attrib.items() if k.endswith("}id")), None)
            kind, member = rels.get(rid or "", ("", ""))
            if kind != "worksheet":
                continue  # chart sheets, dialog and macro sheets hold no rows
            self.sheets.append(SheetInfo(elem.get("name", ""), member, elem.get("state", "visible")))

    def _read_styles(self, rels: dict[str, tuple[str, str]]) -> None:
        member = next((m for kind, m in rels.values() if kind == "styles"), None)
        if member is None or member.lower() not in self._members:
            return
        custom: dict[int, str] = {}
        dates, timedeltas = set(), set()
        index = 0
        for _, elem in self._walk(self._member(member), ("numFmt", "xf")):
            if elem.tag.endswith("numFmt"):
                fmt_key = elem.get("numFmtId", "")
                if fmt_key.isdigit():
                    custom[int(fmt_key)] = elem.get("formatCode", "")
                continue
            parent = elem.getparent()
            if parent is None or not parent.tag.endswith("cellXfs"):
                continue
            try:
                fmt_id = int(elem.get("numFmtId", "0"))
            except ValueError:
                fmt_id = 0
            fmt = custom.get(fmt_id)
            if fmt is None:
                is_date, is_delta = fmt_id in _DATE_IDS, fmt_id in _TIMEDELTA_IDS
            else:
                is_date, is_delta = is_date_format(fmt), is_timedelta_format(fmt)
            if is_date or is_delta:
                dates.add(str(index))
            if is_delta:
                timedeltas.add(str(index))
            index += 1
        self._dates, self._timedeltas = frozenset(dates), frozenset(timedeltas)

    def _read_strings(self, rels: dict[str, tuple[str, str]]) -> None:
        member = next((m for kind, m in rels.values() if kind == "sharedStrings"), None)
        if member is None or member.lower() not in self._members:
            return
        limits = self.limits
        max_bytes = limits.strings_mb * _MB
        where = Location(self.name, path=member)
        strings = self.strings
        size = 0
        for event, elem in self._walk(self._member(member), ("si",), ("t", "r"), start="sst"):
            if event == "start":
                declared = elem.get("uniqueCount") or ""
                if declared.isdigit() and int(declared) > limits.strings:
                    raise _too_many_strings(where, limits)  # refused before reading any
                continue
            if len(strings) >= limits.strings:
                raise _too_many_strings(where, limits)
            text = _text(elem)
            size += len(text) if text.isascii() else len(text.encode())
            if size > max_bytes:
                raise InputError(
                    [Finding(where, "file.strings_too_large", params={"limit": limits.strings_mb})]
                )
            strings.append(text)

    # -- rows -----------------------------------------------------------------------------------
    def rows(
        self,
        sheet: SheetInfo,
        *,
        max_row: int | None = None,
        width: int | None = None,
        hidden_columns: set[int] | None = None,
    ) -> Iterator[Row]:
        """Every row of ``sheet`` that holds a value, in order, up to
        ``max_row``; cells from column ``width`` on are left out. Hidden columns (0-based) are
        added to ``hidden_columns``. Reading to the end also checks the part's CRC."""
        state = _State()
        try:
            info = self._member(sheet.part)
            yield from self._rows(info, sheet, max_row, width, hidden_columns, state)
        except _BROKEN as exc:
            raise self._broken(exc, sheet.title, state.number + 1 if state.number else None) from None

    def _rows(self, info, sheet, max_row, width, hidden_columns, state) -> Iterator[Row]:
        ns = self._ns
        tag_c, tag_v, tag_f, tag_is, tag_row, tag_col, tag_data = (
            f"{{{ns}}}{t}" for t in ("c", "v", "f", "is", "row", "col", "sheetData")
        )
        keep = {tag_v, tag_f, tag_is, f"{{{ns}}}t", f"{{{ns}}}r"}
        strings, dates, timedeltas, epoch = self.strings, self._dates, self._timedeltas, self._epoch
        limit = self.limits.rows
        letters: dict[str, int] = {}
        count = last = 0
        values: list = []
        col = -1
        pending = 0
        with self._stream(info) as stream:
            for _, elem in etree.iterparse(stream, events=("end",), **_parser_options()):
                tag = elem.tag
                if tag == tag_c:
                    pending += 1
                    ref = elem.get("r")
                    if ref:
                        key = ref.rstrip("0123456789")
                        col = letters.get(key, -1)
                        if col < 0:
                            col = letters[key] = column_index_from_string(key) - 1
                    else:
                        col += 1
                    if col > _LAST_COLUMN:
                        raise ValueError(f"a cell beyond column XFD in row {last + 1}")
                    if width is not None and col >= width:
                        elem.clear()
                        continue
                    t = elem.get("t")
                    v = f = inline = None
                    for child in elem:
                        ctag = child.tag
                        if ctag == tag_v:
                            v = child.text
                        elif ctag == tag_f:
                            f = child
                        elif ctag == tag_is:
                            inline = child
                    if t is None or t == "n":
                        if not v:
                            value = _no_value(f)
                        else:
                            value = _number(v)
                            s = elem.get("s")
                            if s is not None and s in dates:
                                value = _date(value, epoch, s in timedeltas)
                    elif t == "s":
                        value = strings[int(v)] if v else _no_value(f)
                    elif t == "inlineStr":
                        value = _text(inline) if inline is not None else None
                    elif t == "str":
                        value = _unescape(v) if v is not None else _no_value(f)
                    elif t == "b":
                        value = v in ("1", "true") if v else _no_value(f)
                    elif t == "e":
                        value = Bad("cell.error_value", v or "#VALUE!")
                    elif t == "d":
                        value = from_ISO8601(v) if v else _no_value(f)
                    else:
                        raise ValueError(f"unknown cell type {t!r} in {ref}")
                    elem.clear()
                    if value is None:
                        continue
                    if col >= len(values):
                        values.extend([None] * (col + 1 - len(values)))
                    values[col] = value
                    continue
                if tag in keep:
                    pending += 1
                    if pending > _MAX_PENDING:
                        raise ValueError(f"more than {_MAX_PENDING} elements in row {last + 1}")
                    continue
                if tag == tag_row:
                    count += 1
                    r = elem.get("r")
                    number = int(r) if r else last + 1
                    if count > limit:
                        raise InputError(
                            [
                                Finding(
                                    Location(self.name, sheet.title, number),
                                    "sheet.too_many_rows",
                                    params={"limit": limit},
                                )
                            ]
                        )
                    hidden = elem.get("hidden") in ("1", "true")
                    _drop(elem)
                    if max_row is not None and number > max_row:
                        return
                    last = state.number = number
                    col, pending = -1, 0
                    if values:  # rows without a value are counted, not handed out
                        row, values = values, []
                        yield Row(number, row, hidden)
                    continue
                if tag == tag_col and hidden_columns is not None and elem.get("hidden") in ("1", "true"):
                    lo, hi = int(elem.get("min", "1")), int(elem.get("max", "1"))
                    hidden_columns.update(range(lo - 1, min(hi, _LAST_COLUMN + 1)))
                _drop(elem)
                if tag == tag_data:
                    break  # nothing after the rows is needed
            _drain(stream)


class _State:
    number = 0  # the last row read, for findings about where the file broke


_BROKEN = (
    RuntimeError,  # an encrypted member
    NotImplementedError,  # a compression method zipfile does not know
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    etree.LxmlError,
    ValueError,
    KeyError,
    IndexError,
)
_LAST_COLUMN = 16383  # XFD
#: Elements kept while a cell or string is being read (its value, formula, text runs).
_MAX_PENDING = 1_000_000


def _drain(stream) -> None:
    """Read a part to its end: zipfile checks the CRC only there."""
    while stream.read(1 << 20):
        pass


def _date(value: int | float, epoch, delta: bool):
    """A date-formatted number as the date Excel shows, or the number when no date can be."""
    try:
        return from_excel(value, epoch, timedelta=delta)
    except (OverflowError, ValueError):
        return value


def _number(text: str) -> int | float:
    if "." in text or "E" in text or "e" in text:
        return float(text)
    return int(text)


def _no_value(formula) -> Bad | None:
    """An empty cell, or — when it holds a formula — a formula Excel never calculated."""
    if formula is None:
        return None
    text = (formula.text or "").strip()
    return Bad("cell.formula_no_value", f"={text}" if text else "=")


def _text(elem) -> str:
    """The text of an <si> or <is>: its <t>, or its rich-text runs' <t> (phonetic runs left out)."""
    parts = []
    for child in elem:
        tag = child.tag
        if tag.endswith("}t"):
            parts.append(child.text or "")
        elif tag.endswith("}r"):
            for t in child:
                if t.tag.endswith("}t"):
                    parts.append(t.text or "")
    return _unescape("".join(parts))


def _too_many_strings(where: Location, limits: ReadLimits) -> InputError:
    return InputError([Finding(where, "file.too_many_strings", params={"limit": limits.strings})])


def _drop(elem) -> None:
    """Forget an element once read, so that the tree never grows with the part."""
    elem.clear()
    parent = elem.getparent()
    if parent is not None:
        parent.remove(elem)


def _prolog_problem(head: bytes) -> str | None:
    """What stands before the root element that must not (a DOCTYPE), or None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    elif head.startswith((b"<\x00", b"\x00<")):
        text = head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="replace")
    else:
        text = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", errors="replace")
    text = text.lstrip("\ufeff")
    pos = 0
    while m := _PROLOG_SKIP.match(text, pos):
        pos = m.end()
    rest = text[pos:]
    if rest.startswith("<!"):
        return rest[:9]
    if not rest and len(head) >= _PROLOG_BYTES:
        return "prolog > 64 KB"
    return None
