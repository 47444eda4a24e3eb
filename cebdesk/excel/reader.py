"""The streaming workbook reader: rows -> documents, every problem tied to sheet!cell.

openpyxl's read-only mode keeps memory flat however many rows there are. Rows are grouped into
documents by the document type's business key; the rows of one document must follow each other
(ERP exports and templates do), so a document is complete as soon as the key changes and only
the keys seen so far are remembered.

Layouts read:
- one sheet, row 1 Chinese labels and row 2 element names, data from row 3 (our templates);
- one sheet whose only header row holds element names or Chinese labels (ERP exports);
- a head sheet plus a list sheet, linked by the business key.
"""

from __future__ import annotations

import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from ..findings import Finding, InputError, Location, Severity
from ..records import Document, SheetOrigin, new_guid
from ..spec import DOCUMENT_TYPES, DocumentType
from .cells import _SPACES, normalizer
from .columns import LIST_SUFFIX, Column, template_columns
from .template import CODES_SHEET, HELP_SHEET

_SKIP_SHEETS = {HELP_SHEET, CODES_SHEET}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def _header_key(text: object) -> str:
    return str(text).strip(_SPACES).lstrip("*＊").strip(_SPACES) if text is not None else ""


@dataclass
class _HeaderMap:
    """How one sheet's columns map to template columns."""

    row: int  # the header row that was used (1 or 2)
    data_start: int
    columns: dict[int, Column]  # 0-based index -> column
    unknown: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)

    @property
    def score(self) -> int:
        return len(self.columns)


def _lookup(doc_type: DocumentType) -> tuple[dict[str, Column], dict[str, list[Column]]]:
    """Element-name and label lookups for a document type's columns."""
    by_name: dict[str, Column] = {}
    by_label: dict[str, list[Column]] = {}
    for col in template_columns(doc_type):
        by_name[col.header] = col
        by_name[col.header.lower()] = col
        by_name[f"{col.entity.name}.{col.name}"] = col
        by_name.setdefault(col.name, col)
        by_name.setdefault(col.name.lower(), col)
        by_label.setdefault(col.label, []).append(col)
        if col.label.endswith(LIST_SUFFIX):
            by_label.setdefault(col.label.removesuffix(LIST_SUFFIX), []).append(col)
        for alias in col.aliases:  # the standard's wording: old templates, ERP exports
            by_label.setdefault(alias, []).append(col)
    # a generated column in an XML-minded export (guid) is known, just not read
    return by_name, by_label


def _map_row(doc_type: DocumentType, cells: tuple, by_name: dict, by_label: dict) -> tuple[dict, list, list]:
    mapped: dict[int, Column] = {}
    unknown, duplicates = [], []
    used: set[str] = set()
    label_uses: dict[str, int] = {}
    for i, raw in enumerate(cells):
        key = _header_key(raw)
        if not key:
            continue
        col = by_name.get(key) or by_name.get(key.lower())
        if col is None and key in by_label:
            choices = by_label[key]
            n = label_uses.get(key, 0)
            label_uses[key] = n + 1
            col = choices[n] if n < len(choices) else None
            if col is None:
                duplicates.append((i, key))
                continue
        if col is None:
            if key not in doc_type.generated:
                unknown.append((i, key))
            continue
        if col.header in used and not col.in_list and doc_type.list is not None:
            # the same element name again: the list's field of that name (currency, note…)
            col = by_name.get(f"{doc_type.list.name}.{col.name}", col)
        if col.header in used:
            duplicates.append((i, key))
            continue
        used.add(col.header)
        mapped[i] = col
    return mapped, unknown, duplicates


def _map_header(doc_type: DocumentType, row1: tuple, row2: tuple) -> _HeaderMap:
    by_name, by_label = _lookup(doc_type)
    m1, u1, d1 = _map_row(doc_type, row1, by_name, by_label)
    m2, u2, d2 = _map_row(doc_type, row2, by_name, by_label)
    names2 = sum(
        1 for i, c in m2.items() if _header_key(row2[i]) in (c.header, c.name, f"{c.entity.name}.{c.name}")
    )
    if m1 and names2 >= max(1, len(m1) // 2):
        return _HeaderMap(2, 3, m2, u2, d2)  # labels over element names: our template
    return _HeaderMap(1, 2, m1, u1, d1)


def _first_rows(ws, n: int = 2) -> list[tuple]:
    rows = []
    for row in ws.iter_rows(min_row=1, max_row=n, values_only=True):
        rows.append(tuple(row))
    while len(rows) < n:
        rows.append(())
    return rows


def _check_file(path: Path) -> None:
    where = Location(str(path))
    if not path.is_file():
        raise InputError([Finding(where, "file.missing")])
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic == _OLE_MAGIC:
        raise InputError([Finding(where, "file.not_xlsx", params={"detail": "旧版 .xls (OLE) 格式"})])
    if not magic.startswith(b"PK"):
        detail = "空文件" if not magic else "不是 ZIP/OOXML 格式"
        raise InputError([Finding(where, "file.not_xlsx", params={"detail": detail})])


@contextmanager
def _workbook(path: Path):
    """Open read-only from a file object (so any file name works) and close both afterwards."""
    _check_file(path)
    fh = path.open("rb")
    try:
        try:
            wb = load_workbook(fh, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError) as exc:
            detail = f"{type(exc).__name__}: {exc}"[:200]
            raise InputError(
                [Finding(Location(str(path)), "file.not_xlsx", params={"detail": detail})]
            ) from None
        try:
            yield wb
        finally:
            wb.close()
    finally:
        fh.close()


def _data_sheets(wb) -> list:
    sheets = [ws for ws in wb.worksheets if ws.title not in _SKIP_SHEETS]
    for ws in sheets:
        ws.reset_dimensions()  # some writers record a wrong size; read what is really there
    return sheets


def detect_type(path: str | os.PathLike[str]) -> DocumentType:
    """The document type whose template best matches the workbook's header."""
    path = Path(path)
    with _workbook(path) as wb:
        best, best_score = None, 0.0
        for ws in _data_sheets(wb):
            row1, row2 = _first_rows(ws)
            for dt in DOCUMENT_TYPES:
                header = _map_header(dt, row1, row2)
                filled = sum(1 for v in (row1 if header.row == 1 else row2) if _header_key(v))
                names = {c.name for c in header.columns.values() if not c.in_list}
                if not header.score or not filled or not set(dt.key) <= names:
                    continue  # a document type is only recognised with its key column
                # share of the sheet's headers understood, then share of the template covered
                score = header.score / filled + header.score / len(template_columns(dt)) / 10
                if score > best_score:
                    best, best_score = dt, score
    if best is None:
        raise InputError([Finding(Location(str(path)), "file.unknown_type")])
    return best


def _cell(row: tuple, index: int) -> object:
    return row[index] if index < len(row) else None


def _blank(row: tuple) -> bool:
    return all(not (v is not None and (type(v) is not str or v.strip(_SPACES))) for v in row)


@dataclass
class _Group:
    key: tuple[str, ...]
    row: int
    head: dict[str, str]
    raw: dict[int, object]
    lines: list[dict[str, str]] = field(default_factory=list)
    line_rows: list[int] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


class WorkbookReader:
    """Reads one workbook of one document type; iterate ``documents()``.

    Each item is a document and the findings the reader made about it (conflicting head
    values, rows out of place). Findings about the file as a whole are in ``findings``; a file
    that cannot be used at all raises :class:`InputError`.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        doc_type: DocumentType | None = None,
        *,
        defaults: dict[str, str] | None = None,
        sheet: str | None = None,
        now: datetime | None = None,
    ) -> None:
        self.path = Path(path)
        self.name = str(path)
        self.doc_type = doc_type or detect_type(self.path)
        self.defaults = dict(defaults or {})
        self.sheet_name = sheet
        self.now = now or datetime.now()
        self.findings: list[Finding] = []
        self.rows = 0

    # -- header ---------------------------------------------------------------------------------
    def _header(self, ws) -> _HeaderMap:
        row1, row2 = _first_rows(ws)
        header = _map_header(self.doc_type, row1, row2)
        for i, text in header.unknown:
            where = Location(self.name, ws.title, header.row, get_column_letter(i + 1))
            self.findings.append(
                Finding(where, "sheet.unknown_column", Severity.WARNING, params={"header": text})
            )
        if header.duplicates:
            raise InputError(
                [
                    Finding(
                        Location(self.name, ws.title, header.row, get_column_letter(i + 1)),
                        "sheet.duplicate_column",
                        params={"header": text},
                    )
                    for i, text in header.duplicates
                ]
            )
        return header

    def _defaulted(self, col: Column) -> bool:
        return any(k in self.defaults for k in (col.header, col.name, f"{col.entity.name}.{col.name}"))

    def _require_columns(self, ws, header: _HeaderMap, wanted: list[Column]) -> None:
        present = {c.header for c in header.columns.values()}
        missing = [c for c in wanted if c.header not in present and not self._defaulted(c)]
        if missing:
            text = "、".join(f"{c.label}({c.header})" for c in missing)
            raise InputError(
                [
                    Finding(
                        Location(self.name, ws.title, header.row),
                        "sheet.missing_columns",
                        params={"columns": text},
                    )
                ]
            )

    # -- values ---------------------------------------------------------------------------------
    def _data_rows(self, ws, start: int) -> Iterator[tuple[int, tuple]]:
        """(row number, values) of every non-blank row from ``start``."""
        for r, row in enumerate(ws.iter_rows(min_row=start, values_only=True), start=start):
            if not _blank(row):
                self.rows += 1
                yield r, row

    @staticmethod
    def _key(row: tuple, key_cols) -> tuple[str, ...]:
        return tuple(norm(v) if (v := _cell(row, i)) is not None else "" for i, _, norm in key_cols)

    def _prepare(self, header: _HeaderMap, in_list: bool) -> list[tuple[int, Column, object]]:
        return [
            (i, c, normalizer(c.field)) for i, c in sorted(header.columns.items()) if c.in_list is in_list
        ]

    def _fill_defaults(self, head: dict[str, str], lines: list[dict[str, str]]) -> None:
        dt, profile = self.doc_type, self.defaults
        for f in dt.head.fields:
            if f.name in head or f.name in dt.generated:
                continue
            value = (
                profile.get(f"{dt.head.name}.{f.name}")
                or profile.get(f.name)
                or dt.defaults.get(f.name)
                or f.default
            )
            if not value and f.name == "appTime":
                value = self.now.strftime("%Y%m%d%H%M%S")
            if value:
                head[f.name] = value
        if dt.list is None:
            return
        list_defaults = {}
        for f in dt.list.fields:
            value = (
                profile.get(f"{dt.list.name}.{f.name}")
                or (profile.get(f.name) if f.name not in dt.head else None)
                or f.default
            )
            if value:
                list_defaults[f.name] = value
        for line in lines:
            for name, value in list_defaults.items():
                line.setdefault(name, value)

    def _number_lines(self, group: _Group, origin: SheetOrigin) -> None:
        filled = [bool(line.get("gnum")) for line in group.lines]
        if not any(filled):
            for n, line in enumerate(group.lines, start=1):
                line["gnum"] = str(n)
        elif not all(filled):
            index = filled.index(False)
            label = self.doc_type.list["gnum"].label  # type: ignore[index]
            group.findings.append(
                Finding(origin.line(index, "gnum"), "field.gnum_partial", element="gnum", label=label)
            )

    # -- documents ------------------------------------------------------------------------------
    def documents(self) -> Iterator[tuple[Document, list[Finding]]]:
        with _workbook(self.path) as wb:
            sheets = _data_sheets(wb)
            if self.sheet_name is not None:
                chosen = [ws for ws in sheets if ws.title == self.sheet_name]
                if not chosen:
                    raise InputError(
                        [Finding(Location(self.name), "sheet.missing", params={"sheet": self.sheet_name})]
                    )
                sheets = chosen
            if not sheets:
                raise InputError([Finding(Location(self.name), "file.empty")])
            layout = self._layout(sheets)
            count = 0
            for item in layout:
                count += 1
                yield item
            if count == 0:
                raise InputError([Finding(Location(self.name, sheets[0].title), "file.empty")])

    def _layout(self, sheets):
        dt = self.doc_type
        maps = [(ws, self._peek(ws)) for ws in sheets]
        has_list = dt.list is not None

        def kinds(header: _HeaderMap) -> tuple[int, int]:
            head = sum(1 for c in header.columns.values() if not c.in_list and c.name not in dt.key)
            lines = sum(1 for c in header.columns.values() if c.in_list)
            return head, lines

        flat = [(ws, h) for ws, h in maps if kinds(h)[0] and (kinds(h)[1] or not has_list)]
        if flat:
            ws, header = max(flat, key=lambda item: item[1].score)
            return self._flat(ws, self._header(ws))
        if has_list:
            heads = [(ws, h) for ws, h in maps if kinds(h)[0] and not kinds(h)[1]]
            lists = [(ws, h) for ws, h in maps if kinds(h)[1] and not kinds(h)[0]]
            if heads and lists:
                return self._two_sheets(heads[0][0], lists[0][0])
        first = sheets[0]
        raise InputError(
            [Finding(Location(self.name, first.title, 1), "sheet.no_header", params={"doc_label": dt.label})]
        )

    def _peek(self, ws) -> _HeaderMap:
        row1, row2 = _first_rows(ws)
        return _map_header(self.doc_type, row1, row2)

    def _letters(self, header: _HeaderMap, in_list: bool) -> dict[str, str]:
        return {c.name: get_column_letter(i + 1) for i, c in header.columns.items() if c.in_list is in_list}

    def _key_columns(self, ws, header: _HeaderMap) -> list[tuple[int, Column, object]]:
        keys = [
            (i, c, normalizer(c.field))
            for i, c in header.columns.items()
            if not c.in_list and c.name in self.doc_type.key
        ]
        if len(keys) != len(self.doc_type.key):
            wanted = [
                c for c in template_columns(self.doc_type) if not c.in_list and c.name in self.doc_type.key
            ]
            self._require_columns(ws, header, wanted)
        return keys

    def _finish(self, group: _Group, origin: SheetOrigin) -> tuple[Document, list[Finding]]:
        for name in self.doc_type.generated:
            group.head[name] = new_guid()
        if self.doc_type.list is not None:
            self._number_lines(group, origin)
        self._fill_defaults(group.head, group.lines)
        return Document(self.doc_type.message, group.head, group.lines, origin), group.findings

    def _flat(self, ws, header: _HeaderMap) -> Iterator[tuple[Document, list[Finding]]]:
        dt = self.doc_type
        self._require_columns(ws, header, [c for c in template_columns(dt) if c.must_fill])
        head_cols = self._prepare(header, False)
        list_cols = self._prepare(header, True)
        key_cols = self._key_columns(ws, header)
        head_letters, list_letters = self._letters(header, False), self._letters(header, True)
        has_list = dt.list is not None
        seen: dict[tuple[str, ...], int] = {}
        group: _Group | None = None
        origin: SheetOrigin | None = None
        for r, row in self._data_rows(ws, header.data_start):
            key = self._key(row, key_cols)
            if group is not None and has_list and (key == group.key or not any(key)):
                self._continue(group, origin, row, r, head_cols, list_cols, ws.title, head_letters)  # type: ignore[arg-type]
                continue
            if group is not None:
                yield self._finish(group, origin)  # type: ignore[arg-type]
            group = self._start(row, r, key, head_cols, list_cols)
            origin = SheetOrigin(self.name, ws.title, r, head_letters, group.line_rows, None, list_letters)
            if any(key) and key in seen:
                rule = "group.not_contiguous" if has_list else "group.duplicate_key"
                params = {"key": "/".join(key), "first_row": seen[key]}
                group.findings.append(Finding(origin.head(dt.key[0]), rule, params=params))
            else:
                seen[key] = r
        if group is not None:
            yield self._finish(group, origin)  # type: ignore[arg-type]

    def _start(self, row, r, key, head_cols, list_cols) -> _Group:
        head: dict[str, str] = {}
        raw: dict[int, object] = {}
        for i, col, norm in head_cols:
            v = _cell(row, i)
            if v is None:
                continue
            text = norm(v)
            if text:
                head[col.name] = text
                raw[i] = v
        group = _Group(key, r, head, raw)
        if list_cols:
            self._add_line(group, row, r, list_cols)
        return group

    @staticmethod
    def _add_line(group: _Group, row, r, list_cols) -> None:
        line: dict[str, str] = {}
        for i, col, norm in list_cols:
            v = _cell(row, i)
            if v is None:
                continue
            text = norm(v)
            if text:
                line[col.name] = text
        group.lines.append(line)
        group.line_rows.append(r)

    def _continue(
        self, group: _Group, origin: SheetOrigin, row, r, head_cols, list_cols, sheet, letters
    ) -> None:
        head, raw = group.head, group.raw
        for i, col, norm in head_cols:
            v = _cell(row, i)
            if v is None or (i in raw and v == raw[i]):
                continue
            text = norm(v)
            if not text:
                continue
            name = col.name
            if name not in head:
                head[name], raw[i] = text, v
            elif text != head[name]:
                params = {"first_row": group.row, "first": head[name], "value": text}
                where = Location(self.name, sheet, r, letters.get(name))
                group.findings.append(
                    Finding(where, "group.conflict", element=name, label=col.field.label, params=params)
                )
        self._add_line(group, row, r, list_cols)

    def _two_sheets(self, head_ws, list_ws) -> Iterator[tuple[Document, list[Finding]]]:
        dt = self.doc_type
        head_header, list_header = self._header(head_ws), self._header(list_ws)
        self._require_columns(
            head_ws, head_header, [c for c in template_columns(dt) if c.must_fill and not c.in_list]
        )
        self._require_columns(
            list_ws, list_header, [c for c in template_columns(dt) if c.must_fill and c.in_list]
        )
        head_cols = self._prepare(head_header, False)
        head_keys = self._key_columns(head_ws, head_header)
        list_cols = self._prepare(list_header, True)
        list_keys = [(i, c, n) for i, c, n in self._prepare(list_header, False) if c.name in dt.key]
        if len(list_keys) != len(dt.key):
            names = "、".join(dt.head[k].label + f"({k})" for k in dt.key)
            raise InputError(
                [
                    Finding(
                        Location(self.name, list_ws.title, list_header.row),
                        "sheet.no_key_in_list",
                        params={"columns": names},
                    )
                ]
            )
        head_letters, list_letters = self._letters(head_header, False), self._letters(list_header, True)

        groups: dict[tuple[str, ...], _Group] = {}
        order: list[_Group] = []
        for r, row in self._data_rows(head_ws, head_header.data_start):
            key = self._key(row, head_keys)
            group = self._start(row, r, key, head_cols, [])
            if key in groups:
                where = Location(self.name, head_ws.title, r, head_letters.get(dt.key[0]))
                params = {"key": "/".join(key), "first_row": groups[key].row}
                group.findings.append(Finding(where, "group.duplicate_key", params=params))
            else:
                groups[key] = group
            order.append(group)
        for r, row in self._data_rows(list_ws, list_header.data_start):
            key = self._key(row, list_keys)
            group = groups.get(key)
            if group is None:
                where = Location(self.name, list_ws.title, r)
                self.findings.append(Finding(where, "group.orphan_line", params={"key": "/".join(key)}))
                continue
            self._add_line(group, row, r, list_cols)
        for group in order:
            origin = SheetOrigin(
                self.name,
                head_ws.title,
                group.row,
                head_letters,
                group.line_rows,
                list_ws.title,
                list_letters,
            )
            yield self._finish(group, origin)
