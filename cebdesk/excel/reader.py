"""The streaming workbook reader: rows -> documents, every problem tied to sheet!cell.

openpyxl's read-only mode keeps memory flat however many rows there are. Rows are grouped into
documents by the document type's business key; the rows of one document must follow each other
(ERP exports and templates do), so a document is complete as soon as the key changes and only
the keys seen so far are remembered.

Layouts read:
- one sheet, row 1 Chinese labels and row 2 element names, data from row 3 (our templates);
- one sheet whose only header row holds element names or Chinese labels (ERP exports);
- a head sheet plus a list sheet, linked by the business key.

Every visible sheet whose header has the key column is read, one after another (a document's
rows never span two sheets); hidden sheets never are, and a warning says so. Rows hidden in Excel
(by a filter or by hand) are read, with a warning at the row.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path

from openpyxl.utils import get_column_letter

from ..clients import Client, choose, defined_by_all
from ..findings import Finding, InputError, Location, Severity
from ..records import Document, SheetOrigin, new_guid
from ..spec import DOCUMENT_TYPES, DocumentType
from .cells import _SPACES, Bad, CellIssue, normalizer
from .columns import LIST_SUFFIX, PART_FIELDS, Column, program_filled, template_columns
from .mapping import ColumnMapping, current_mappings, fingerprint, header_text
from .template import CODES_SHEET, HELP_SHEET
from .xls import XlsWorkbook
from .xlsx import ReadLimits, SheetInfo, Workbook, current_limits

_SKIP_SHEETS = {HELP_SHEET, CODES_SHEET}
_TYPE_NAMES = frozenset(dt.name for dt in DOCUMENT_TYPES)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def _header_key(text: object) -> str:
    """A header cell as compared: without spaces or ``*``, full-width brackets as ASCII ones
    (mapping.header_text, the one normalisation for labels, synonyms and mappings)."""
    return header_text(text)


@dataclass
class _HeaderMap:
    """How one sheet's columns map to template columns."""

    row: int  # the header row that was used (1 or 2)
    data_start: int
    columns: dict[int, Column]  # 0-based index -> column
    unknown: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str, int]] = field(default_factory=list)  # (column, header, first column)
    width: int = 0  # columns that have a header; cells further right are not read
    raw: tuple[tuple, tuple] = ((), ())  # the first two rows as read
    mapping: ColumnMapping | None = None
    mapped: int = 0  # columns read by the mapping
    bad_mapping: list[tuple[int, str, str]] = field(default_factory=list)  # (column, header, element)

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
        by_label.setdefault(_header_key(col.label), []).append(col)
        if col.label.endswith(LIST_SUFFIX):
            by_label.setdefault(_header_key(col.label.removesuffix(LIST_SUFFIX)), []).append(col)
        # the standard's wording (old templates, ERP exports) and the synonyms spec/ keeps
        for alias in col.aliases:
            by_label.setdefault(_header_key(alias), []).append(col)
    # a generated column in an XML-minded export (guid) is known, just not read
    return by_name, by_label


def _map_row(
    doc_type: DocumentType, cells: tuple, by_name: dict, by_label: dict, mapping: ColumnMapping | None = None
) -> _HeaderMap:
    """How one header row maps to columns; ``mapping`` (the user's) before names and labels."""
    result = _HeaderMap(0, 0, {}, mapping=mapping)
    mapped = result.columns
    used: dict[str, int] = {}
    label_uses: dict[str, int] = {}
    for i, raw in enumerate(cells):
        key = _header_key(raw)
        if not key:
            continue
        target = mapping.element(key) if mapping is not None else None
        if target is not None:
            col = by_name.get(target) or by_name.get(target.lower())
            if col is None:
                result.bad_mapping.append((i, str(raw).strip(), target))
                continue
            if col.header in used:
                result.duplicates.append((i, key, used[col.header]))
                continue
            used[col.header] = i
            mapped[i] = col
            result.mapped += 1
            continue
        col = by_name.get(key) or by_name.get(key.lower())
        if col is None and key in by_label:
            choices = by_label[key]
            n = label_uses.get(key, 0)
            label_uses[key] = n + 1
            col = choices[n] if n < len(choices) else None
            if col is None:
                result.duplicates.append((i, key, used.get(choices[-1].header, -1)))
                continue
        if col is None:
            if key not in program_filled(doc_type):
                result.unknown.append((i, key))
            continue
        if col.header in used and not col.in_list and doc_type.list is not None:
            # the same element name again: the list's field of that name (currency, note…)
            col = by_name.get(f"{doc_type.list.name}.{col.name}", col)
        if col.header in used:
            result.duplicates.append((i, key, used[col.header]))
            continue
        used[col.header] = i
        mapped[i] = col
    return result


def _map_header(
    doc_type: DocumentType, row1: tuple, row2: tuple, mapping: ColumnMapping | None = None
) -> _HeaderMap:
    """Which header row the sheet has and how its columns map. Labels in row 1 over element
    names in row 2 (our templates): data from row 3. Otherwise row 1 alone is the header
    (element names or labels, as other systems write them): data from row 2."""
    by_name, by_label = _lookup(doc_type)
    h1 = _map_row(doc_type, row1, by_name, by_label, mapping)
    h2 = _map_row(doc_type, row2, by_name, by_label)
    names2 = sum(
        1
        for i, c in h2.columns.items()
        if _header_key(row2[i]) in (c.header, c.name, f"{c.entity.name}.{c.name}")
    )
    chosen, row, start = (h2, 2, 3) if h1.columns and names2 >= max(1, len(h1.columns) // 2) else (h1, 1, 2)
    chosen.row, chosen.data_start, chosen.raw = row, start, (row1, row2)
    return chosen


def _mapping_for(row1: tuple) -> ColumnMapping | None:
    """The user's mapping for a sheet whose first row is ``row1`` (None: none given or saved)."""
    if not any(_header_key(c) for c in row1):
        return None
    return current_mappings().for_header(fingerprint(row1))


def sheet_header(path: str | os.PathLike[str], sheet: str | None = None) -> tuple[str, tuple]:
    """(sheet name, first row) of the first visible data sheet (or ``sheet``): what a column
    mapping is made for; InputError when the file cannot be read."""
    path = Path(path)
    with _open(path) as book:
        sheets = [ws for ws in _data_sheets(book)[0] if sheet is None or ws.title == sheet]
        if not sheets:
            raise InputError([Finding(Location(str(path)), "file.empty")])
        row1, _ = _first_rows(book, sheets[0])
        return sheets[0].title, row1


def recognised_columns(doc_type: DocumentType, row1: tuple, mapping: ColumnMapping | None = None) -> dict[int, Column]:
    """The columns of a one-row header cebdesk knows by name, label or synonym (and ``mapping``)."""
    by_name, by_label = _lookup(doc_type)
    return _map_row(doc_type, row1, by_name, by_label, mapping).columns


def closest_label(doc_type: DocumentType, header: str) -> Column | None:
    """The known column whose label, other name or element name reads closest to ``header``
    (difflib's similarity), or None when none is close."""
    candidates: dict[str, Column] = {}
    for col in template_columns(doc_type):
        for text in (col.label, *col.aliases, col.name):
            candidates.setdefault(_header_key(text), col)
    key = _header_key(header)
    near = difflib.get_close_matches(key, list(candidates), n=1, cutoff=0.5)
    if not near:
        near = difflib.get_close_matches(key.lower(), [c.lower() for c in candidates], n=1, cutoff=0.6)
        lowered = {k.lower(): c for k, c in candidates.items()}
        return lowered[near[0]] if near else None
    return candidates[near[0]]


def _closest_element(doc_type: DocumentType, element: str) -> str | None:
    names = [c.header for c in template_columns(doc_type)]
    near = difflib.get_close_matches(element, names, n=1, cutoff=0.6) or difflib.get_close_matches(
        element.lower(), [n.lower() for n in names], n=1, cutoff=0.6
    )
    if not near:
        return None
    return next(n for n in names if n.lower() == near[0].lower())


def _first_rows(book: Workbook, ws: SheetInfo, n: int = 2, hidden: set[int] | None = None) -> list[tuple]:
    rows: list[tuple] = [()] * n
    for row in book.rows(ws, max_row=n, hidden_columns=hidden):
        if 1 <= row.number <= n:
            rows[row.number - 1] = tuple(None if isinstance(v, Bad) else v for v in row.values)
    return rows


def _check_file(path: Path) -> bool:
    """Refuse what is not a workbook; True for an Excel 97-2003 (.xls, OLE) file."""
    where = Location(str(path))
    if not path.is_file():
        raise InputError([Finding(where, "file.missing")])
    try:
        with path.open("rb") as fh:
            magic = fh.read(4)
    except OSError as exc:
        raise InputError(
            [Finding(where, "file.read_failed", params={"detail": exc.strerror or str(exc)})]
        ) from None
    if magic == _OLE_MAGIC:
        return True
    if not magic.startswith(b"PK"):
        detail = "空文件" if not magic else "不是 ZIP/OOXML 格式"
        raise InputError([Finding(where, "file.not_xlsx", params={"detail": detail})])
    return False


def _open(path: Path, limits: ReadLimits | None = None, strings: list[str] | None = None) -> Workbook:
    """The workbook, open; read-only, from a file object (so any file name works)."""
    if _check_file(path):
        book: Workbook = XlsWorkbook(path, limits or current_limits())  # type: ignore[assignment]
    else:
        book = Workbook(path, limits or current_limits(), strings=strings)
    book.open()
    return book


def _data_sheets(book: Workbook) -> tuple[list[SheetInfo], list[SheetInfo]]:
    """(visible sheets, hidden sheets), our template's help and code sheets left out."""
    sheets = [ws for ws in book.sheets if ws.title not in _SKIP_SHEETS]
    return [ws for ws in sheets if not ws.hidden], [ws for ws in sheets if ws.hidden]


def detect_type(path: str | os.PathLike[str], limits: ReadLimits | None = None) -> DocumentType:
    """The document type whose template best matches the workbook's header."""
    path = Path(path)
    with _open(path, limits) as book:
        return _detect(book, path)


def _detect(book: Workbook, path: Path) -> DocumentType:
    """The best-matching document type. Import and export share many element names (orderNo,
    InventoryHead …), so a type counts as a match only with its key column, and between equals
    the one whose must-fill columns are all there wins (then the one covered most); when an import and an export type still
    match alike and the sheet's name does not tell them apart, the user is asked to say which."""
    best, best_score = None, (0.0, 0.0, 0.0)
    scores: dict[DocumentType, tuple[str, tuple[float, float, float]]] = {}
    for ws in _data_sheets(book)[0]:
        row1, row2 = _first_rows(book, ws)
        mapping = _mapping_for(row1)
        for dt in DOCUMENT_TYPES:
            if mapping is not None and mapping.type in _TYPE_NAMES and dt.name != mapping.type:
                continue  # a mapping made for one document type says what the sheet holds
            header = _map_header(dt, row1, row2, mapping)
            filled = sum(1 for v in (row1 if header.row == 1 else row2) if _header_key(v))
            names = {c.name for c in header.columns.values() if not c.in_list}
            if not header.score or not filled or not set(dt.key) <= names:
                continue  # a document type is only recognised with its key column
            present = {c.header for c in header.columns.values()}
            complete = float(all(c.header in present for c in template_columns(dt) if c.must_fill))
            # the share of the sheet's headers understood, then every must-fill column there,
            # then the share of the template covered
            score = (header.score / filled, complete, header.score / len(template_columns(dt)))
            if score[:2] > scores.get(dt, ("", (-1.0, -1.0, 0.0)))[1][:2]:
                scores[dt] = (ws.title, score)
            if score > best_score:
                best, best_score = dt, score
    if best is None:
        raise InputError([Finding(Location(str(path)), "file.unknown_type")])
    return _direction(best, scores, path)


def _direction(best: DocumentType, scores: dict, path: Path) -> DocumentType:
    """``best``, unless a type of the other direction with the same XML names matched the header
    just as well (the same share of headers understood, every must-fill column or not alike): then the sheet's
    name decides (our templates name it after the document: 电子订单 / 电子订单（出口）), or the
    user is asked to name the type."""
    sheet, score = scores[best]
    rivals = [
        dt
        for dt, (_sheet, other) in scores.items()
        if dt.message.family != best.message.family
        and dt.message.head.name == best.message.head.name
        and other[:2] == score[:2]
    ]
    if not rivals:
        return best
    named = [dt for dt in (best, *rivals) if dt.label == sheet]
    if len(named) == 1:
        return named[0]
    rival = rivals[0]
    params = {
        "first": best.label,
        "first_name": best.name,
        "second": rival.label,
        "second_name": rival.name,
    }
    raise InputError([Finding(Location(str(path), sheet), "file.direction_unclear", params=params)])


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _cell(row: tuple, index: int) -> object:
    return row[index] if index < len(row) else None


def _blank(row: tuple) -> bool:
    return all(not (v is not None and (type(v) is not str or v.strip(_SPACES))) for v in row)


@dataclass
class _Group:
    key: tuple[str, ...]
    row: int
    sheet: str
    head: dict[str, str] = field(default_factory=dict)
    raw: dict[int, object] = field(default_factory=dict)
    lines: list[dict[str, str]] = field(default_factory=list)
    line_rows: list[int] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


Prepared = list[tuple[int, Column, object]]  # (0-based column, column, normaliser)


def profile_default(
    defaults: dict[str, str], doc_type: DocumentType | None, entity: str, name: str, *, bare: bool = True
) -> str | None:
    """The profile's default for ``entity.name``: this direction's own ([defaults.export] …)
    before the one for both; the entity-qualified name before the bare one (``bare`` False:
    never the bare name)."""
    direction = doc_type.direction if doc_type is not None else None
    keys = [f"{entity}.{name}"] + ([name] if bare else [])
    if direction:
        keys = [f"{direction}.{key}" for key in keys] + keys
    for key in keys:
        value = defaults.get(key)
        if value:
            return value
    return None


def list_defaults(
    doc_type: DocumentType, defaults: dict[str, str], client: dict[str, str] | None = None
) -> dict[str, str]:
    """What an empty cell of a goods line takes: the client's default (``client``: its values,
    keyed like [defaults]), else the profile's, else the standard's."""
    values = {}
    for f in doc_type.list.fields if doc_type.list is not None else ():
        bare = f.name not in doc_type.head
        value = profile_default(client or {}, doc_type, doc_type.list.name, f.name, bare=bare)
        value = value or profile_default(defaults, doc_type, doc_type.list.name, f.name, bare=bare)
        value = value or f.default
        if value:
            values[f.name] = value
    return values


def fill_defaults(
    doc_type: DocumentType,
    head: dict[str, str],
    lines: list[dict[str, str]],
    defaults: dict[str, str],
    now: datetime,
    *,
    client: dict[str, str] | None = None,
) -> None:
    """Empty values take, in order: the client's values (``client``: a broker's client the
    document belongs to, keyed like [defaults]), the profile's ``[defaults]``, the type's
    defaults, the standard's; appTime the time ``now``. The one place for Excel import and the
    entry form."""
    dt = doc_type
    for f in dt.head.fields:
        if f.name in head or f.name in dt.generated:
            continue
        value = (
            profile_default(client or {}, dt, dt.head.name, f.name)
            or profile_default(defaults, dt, dt.head.name, f.name)
            or dt.defaults.get(f.name)
            or f.default
        )
        if not value and f.name == "appTime":
            value = now.strftime("%Y%m%d%H%M%S")
        if value:
            head[f.name] = value
    filled = list_defaults(dt, defaults, client)
    for line in lines:
        for name, value in filled.items():
            line.setdefault(name, value)


#: A goods line's quantity, unit price and total price (qty × price = totalPrice): a file
#: giving one of the two prices has the other derived.
_PRICES = ("qty", "price", "totalPrice")


def _has_prices(doc_type: DocumentType) -> bool:
    lst = doc_type.list
    return lst is not None and all(name in lst for name in _PRICES)


def _derivable(col: Column, present: set[str]) -> bool:
    """A missing price column the other price and the quantity make up."""
    if not col.in_list or col.name not in ("price", "totalPrice"):
        return False
    other = "totalPrice" if col.name == "price" else "price"
    prefix = col.header[: -len(col.name)]  # "InventoryList." where the head has the same name
    return f"{prefix}{other}" in present or other in present


def _decimal_text(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _derive_prices(doc_type: DocumentType, lines: list[dict[str, str]], origin: SheetOrigin) -> list[Finding]:
    """Lines giving unit price or total price only get the other one: qty × price = totalPrice
    (or totalPrice ÷ qty), rounded half up to the standard's decimals; a note says so."""
    if not _has_prices(doc_type):
        return []
    lst = doc_type.list
    found = []
    for index, line in enumerate(lines):
        qty, price, total = (line.get(n, "") for n in _PRICES)
        if not qty or bool(price) == bool(total):
            continue
        name = "totalPrice" if price else "price"
        field_ = lst[name]  # type: ignore[index]
        digits = field_.type.fraction_digits or 0
        try:
            q = Decimal(qty)
            value = q * Decimal(price) if price else Decimal(total) / q
        except (InvalidOperation, ArithmeticError):
            continue  # a value that is no number is reported by the field rules
        if not value.is_finite() or value < 0:
            continue
        text = _decimal_text(value.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
        line[name] = text
        rule = "line.price_derived" if name == "totalPrice" else "line.unit_price_derived"
        params = {"label": field_.label, "value": text, "digits": digits}
        found.append(Finding(origin.line(index, name), rule, Severity.NOTE, element=name, label=field_.label, params=params))
    return found


class WorkbookReader:
    """Reads one workbook of one document type; iterate ``documents()``.

    Each item is a document and the findings the reader made about it (conflicting head
    values, rows out of place, cells it could not take as they are). Findings about the file as
    a whole are in ``findings``; a file that cannot be used at all raises :class:`InputError`,
    also when it breaks part-way through (after documents were already handed out).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        doc_type: DocumentType | None = None,
        *,
        defaults: dict[str, str] | None = None,
        sheet: str | None = None,
        now: datetime | None = None,
        limits: ReadLimits | None = None,
        clients: Sequence[Client] = (),
        client: Client | None = None,
    ) -> None:
        self.path = Path(path)
        self.name = str(path)
        self.limits = limits or current_limits()
        self._strings: list[str] | None = None
        self._stamp: tuple[int, int] | None = None
        if doc_type is None:
            with _open(self.path, self.limits) as book:
                doc_type = _detect(book, self.path)
                # kept for documents(): the shared strings are parsed once per file
                self._strings, self._stamp = book.strings, _stamp(self.path)
        self.doc_type = doc_type
        self.defaults = dict(defaults or {})
        #: A broker's clients (each document's is chosen by its ebcCode), or the one named.
        self.clients = list(clients)
        self.client = client
        self.sheet_name = sheet
        self.now = now or datetime.now()
        self.findings: list[Finding] = []
        self.rows = 0

    # -- header ---------------------------------------------------------------------------------
    def _header(self, book: Workbook, ws: SheetInfo) -> _HeaderMap:
        hidden: set[int] = set()
        row1, row2 = _first_rows(book, ws, hidden=hidden)
        mapping = _mapping_for(row1)
        header = _map_header(self.doc_type, row1, row2, mapping)
        cells = row1 if header.row == 1 else row2

        def at(i: int) -> Location:
            return Location(self.name, ws.title, header.row, get_column_letter(i + 1))

        for i, text in header.unknown:
            shown = str(_cell(cells, i)).strip(_SPACES)
            near = closest_label(self.doc_type, text)
            if near is None:
                self.findings.append(
                    Finding(at(i), "sheet.unknown_column", Severity.WARNING, params={"header": shown})
                )
            else:
                closest = f"{near.label}（{near.header}）"
                self.findings.append(
                    Finding(
                        at(i),
                        "sheet.unknown_column_near",
                        Severity.WARNING,
                        params={"header": shown, "closest": closest},
                    )
                )
        problems = self._mapping_problems(ws, header)
        for i, text, first in header.duplicates:
            col = header.columns.get(first) if first >= 0 else None
            shown = str(_cell(cells, i)).strip(_SPACES)
            first_text = str(_cell(cells, first)).strip(_SPACES) if first >= 0 else ""
            if col is not None and _header_key(first_text) != text:
                params = {
                    "header": shown,
                    "first_column": get_column_letter(first + 1),
                    "first": first_text,
                    "label": col.field.label,
                    "element": col.header,
                }
                problems.append(Finding(at(i), "sheet.same_element", params=params))
            else:
                problems.append(Finding(at(i), "sheet.duplicate_column", params={"header": shown}))
        if problems:
            raise InputError(problems)
        if header.mapping is not None and header.mapped:
            params = {"mapping": header.mapping.source, "count": header.mapped}
            self.findings.append(Finding(Location(self.name, ws.title, header.row), "mapping.used", Severity.NOTE, params=params))
            mappings = current_mappings()
            if mappings.explicit is header.mapping:  # remembered for the next file with this header
                mappings.remember(fingerprint(row1), header.mapping)
        for i in sorted(hidden & header.columns.keys()):
            col = header.columns[i]
            where = Location(self.name, ws.title, header.row, get_column_letter(i + 1))
            self.findings.append(
                Finding(where, "column.hidden", Severity.WARNING, element=col.name, label=col.field.label)
            )
        header.width = max(len(row1), len(row2))
        return header

    def _defaulted(self, col: Column) -> bool:
        if col.header in self.defaults or self._profile_value(col.entity.name, col.name) is not None:
            return True
        # a column the file lacks that the client named fills (or every client, when each
        # document's client is chosen by its ebcCode)
        keys = [col.header, f"{col.entity.name}.{col.name}", col.name]
        keys += [f"{self.doc_type.direction}.{k}" for k in keys]
        if self.client is not None:
            return defined_by_all([self.client], keys)
        return defined_by_all(self.clients, keys)

    def _profile_value(self, entity: str, name: str, *, bare: bool = True) -> str | None:
        return profile_default(self.defaults, self.doc_type, entity, name, bare=bare)

    def _require_columns(self, ws: SheetInfo, header: _HeaderMap, wanted: list[Column]) -> None:
        present = {c.header for c in header.columns.values()}
        missing = [
            c
            for c in wanted
            if c.header not in present and not self._defaulted(c) and not _derivable(c, present)
        ]
        if missing:
            text = "、".join(f"{c.label}({c.header})" for c in missing)
            where = Location(self.name, ws.title, header.row)
            findings = [Finding(where, "sheet.missing_columns", params={"columns": text})]
            other = self._other_direction(header)
            if other is not None:
                params = {"label": other.label, "name": other.name, "chosen": self.doc_type.label}
                findings.append(Finding(where, "sheet.other_direction", params=params))
            raise InputError(findings)

    def _other_direction(self, header: _HeaderMap) -> DocumentType | None:
        """The type of the other direction (import/export) with the same XML names whose columns
        the sheet does have: the likely reason a type named with --type misses columns."""
        dt = self.doc_type
        for other in DOCUMENT_TYPES:
            if other.message.family == dt.message.family or other.head.name != dt.head.name:
                continue
            mapped = _map_header(other, *header.raw, header.mapping)
            present = {c.header for c in mapped.columns.values()}
            if all(c.header in present for c in template_columns(other) if c.must_fill):
                return other
        return None

    # -- values ---------------------------------------------------------------------------------
    def _data_rows(
        self, book: Workbook, ws: SheetInfo, header: _HeaderMap
    ) -> Iterator[tuple[int, list, bool]]:
        """(row number, values, hidden) of every non-blank row below the header."""
        start = header.data_start
        for row in book.rows(ws, width=header.width or None):
            if row.number >= start and not _blank(row.values):
                self.rows += 1
                yield row.number, row.values, row.hidden

    @staticmethod
    def _key(row: list, key_cols: Prepared) -> tuple[str, ...]:
        key = []
        for i, _, norm in key_cols:
            v = _cell(row, i)
            if v is None:
                key.append("")
                continue
            try:
                key.append(norm(v))  # type: ignore[operator]
            except CellIssue as issue:  # reported where the cell is read for the document
                key.append(issue.value)
        return tuple(key)

    def _issue(
        self, issue: CellIssue, findings: list[Finding], sheet: str, r: int, i: int, col: Column
    ) -> str:
        """Record what is wrong with a cell; the value the field keeps."""
        where = Location(self.name, sheet, r, get_column_letter(i + 1))
        for rule, params, error in issue.issues:
            severity = Severity.ERROR if error else Severity.WARNING
            findings.append(
                Finding(where, rule, severity, element=col.name, label=col.field.label, params=params)
            )
        return issue.value

    def _hidden_row(self, findings: list[Finding], sheet: str, r: int) -> None:
        findings.append(Finding(Location(self.name, sheet, r), "row.hidden", Severity.WARNING))

    def _prepare(self, header: _HeaderMap, in_list: bool) -> Prepared:
        return [
            (i, c, normalizer(c.field)) for i, c in sorted(header.columns.items()) if c.in_list is in_list
        ]

    def _fill_defaults(
        self, head: dict[str, str], lines: list[dict[str, str]], origin: SheetOrigin | None = None
    ) -> list[Finding]:
        """Fill the empty values, with the defaults of the document's client (the one named, else
        the one its ebcCode names); a document naming another ebcCode than the client named is
        a finding at its ebcCode cell."""
        found = []
        client = None
        if self.client is not None or self.clients:
            dt = self.doc_type
            written = head.get("ebcCode", "")
            ebc = written or self._profile_value(dt.head.name, "ebcCode") or ""
            ebp = head.get("ebpCode", "") or self._profile_value(dt.head.name, "ebpCode") or ""
            choice = choose(self.clients, dt, ebc, ebp, named=self.client, written=bool(written))
            client = choice.client.values if choice.client is not None else None
            if choice.mismatch is not None:
                where = origin.head("ebcCode") if origin is not None else Location(self.name)
                label = dt.head["ebcCode"].label
                found.append(Finding(where, "client.mismatch", element="ebcCode", label=label, params=choice.mismatch))
        fill_defaults(self.doc_type, head, lines, self.defaults, self.now, client=client)
        return found

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
        strings = self._strings if self._stamp is not None and self._stamp == _stamp(self.path) else None
        self._strings = None
        with _open(self.path, self.limits, strings) as book:
            sheets, hidden = _data_sheets(book)
            if self.sheet_name is not None:
                if any(ws.title == self.sheet_name for ws in hidden):
                    where = Location(self.name, self.sheet_name)
                    raise InputError([Finding(where, "sheet.hidden", params={"sheet": self.sheet_name})])
                chosen = [ws for ws in sheets if ws.title == self.sheet_name]
                if not chosen:
                    raise InputError(
                        [Finding(Location(self.name), "sheet.missing", params={"sheet": self.sheet_name})]
                    )
                sheets = chosen
            else:
                for ws in hidden:
                    self.findings.append(
                        Finding(
                            Location(self.name, ws.title),
                            "sheet.hidden_skipped",
                            Severity.WARNING,
                            params={"sheet": ws.title},
                        )
                    )
            if not sheets:
                raise InputError([Finding(Location(self.name), "file.empty")])
            count = 0
            for item in self._layout(book, sheets):
                count += 1
                yield item
            if count == 0:
                raise InputError([Finding(Location(self.name, sheets[0].title), "file.empty")])

    def _layout(self, book: Workbook, sheets: list[SheetInfo]):
        """Which sheets hold the documents, and how: every sheet of one template layout."""
        dt = self.doc_type
        has_list = dt.list is not None
        flat, heads, lists, others = [], [], [], []
        bad_mapping: list[Finding] = []
        for ws in sheets:
            header = self._peek(book, ws)
            bad_mapping += self._mapping_problems(ws, header)
            names = {c.name for c in header.columns.values() if not c.in_list}
            head = sum(1 for c in header.columns.values() if not c.in_list and c.name not in dt.key)
            lines = sum(1 for c in header.columns.values() if c.in_list)
            keyed = set(dt.key) <= names
            if head and (lines or not has_list) and keyed:
                flat.append(ws)
            elif has_list and head and keyed:
                heads.append(ws)
            elif has_list and lines and not head:
                lists.append(ws)  # a list sheet without its key column is named when it is read
            else:
                others.append(ws)
        if flat and heads and lists:
            text = "、".join(f"“{ws.title}”" for ws in flat)
            split = "、".join(f"“{ws.title}”" for ws in heads + lists)
            raise InputError(
                [
                    Finding(
                        Location(self.name),
                        "sheet.mixed_layouts",
                        params={"flat": text, "split": split},
                    )
                ]
            )
        if flat:
            read, skipped = flat, others + heads + lists
            documents = self._flat(book, flat)
        elif heads and lists:
            read, skipped = heads + lists, others
            documents = self._two_sheets(book, heads, lists)
        else:
            first = sheets[0]
            raise InputError(
                bad_mapping  # a mapping naming what the type does not have: likely the reason
                or [
                    Finding(
                        Location(self.name, first.title, 1), "sheet.no_header", params={"doc_label": dt.label}
                    )
                ]
            )
        for ws in skipped:
            self.findings.append(
                Finding(
                    Location(self.name, ws.title),
                    "sheet.not_read",
                    Severity.WARNING,
                    params={
                        "sheet": ws.title,
                        "doc_label": dt.label,
                        "read": "、".join(w.title for w in read),
                    },
                )
            )
        return documents

    def _mapping_problems(self, ws: SheetInfo, header: _HeaderMap) -> list[Finding]:
        """A finding at each column the mapping sends to an element the type does not have."""
        found = []
        for i, text, element in header.bad_mapping:
            near = _closest_element(self.doc_type, element)
            params = {
                "mapping": header.mapping.source if header.mapping else "",
                "header": text,
                "element": element,
                "doc_label": self.doc_type.label,
                "closest": f"（是不是 {near}？ / {near}?）" if near else "",
            }
            where = Location(self.name, ws.title, header.row, get_column_letter(i + 1))
            found.append(Finding(where, "mapping.unknown_element", params=params))
        return found

    def _peek(self, book: Workbook, ws: SheetInfo) -> _HeaderMap:
        row1, row2 = _first_rows(book, ws)
        return _map_header(self.doc_type, row1, row2, _mapping_for(row1))

    def _letters(self, header: _HeaderMap, in_list: bool) -> dict[str, str]:
        return {c.name: get_column_letter(i + 1) for i, c in header.columns.items() if c.in_list is in_list}

    def _key_columns(self, ws: SheetInfo, header: _HeaderMap) -> Prepared:
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
        if self.doc_type.message.parts:
            # one part of one until the message is built (messages/parts.py splits long ones)
            for name in PART_FIELDS:
                group.head[name] = "1"
        if self.doc_type.list is not None and "gnum" in self.doc_type.list:
            self._number_lines(group, origin)
        if self.doc_type.list is not None:
            group.findings.extend(_derive_prices(self.doc_type, group.lines, origin))
        group.findings.extend(self._fill_defaults(group.head, group.lines, origin))
        return Document(self.doc_type.message, group.head, group.lines, origin), group.findings

    def _seen_before(
        self, seen: dict[tuple[str, ...], tuple[str, int]], key: tuple[str, ...], where: Location, rule: str
    ) -> Finding | None:
        """A finding when a document key was already used (another sheet: always file-level)."""
        if not any(key):
            return None
        first = seen.get(key)
        if first is None:
            seen[key] = (where.sheet or "", where.row or 0)
            return None
        sheet, row = first
        if sheet != where.sheet:
            params = {"key": "/".join(key), "sheet": sheet, "first_row": row}
            return Finding(where, "group.key_in_other_sheet", params=params)
        return Finding(where, rule, params={"key": "/".join(key), "first_row": row})

    def _flat(self, book: Workbook, sheets: list[SheetInfo]) -> Iterator[tuple[Document, list[Finding]]]:
        seen: dict[tuple[str, ...], tuple[str, int]] = {}
        for ws in sheets:
            yield from self._flat_sheet(book, ws, self._header(book, ws), seen)

    def _flat_sheet(
        self, book: Workbook, ws: SheetInfo, header: _HeaderMap, seen: dict
    ) -> Iterator[tuple[Document, list[Finding]]]:
        dt = self.doc_type
        self._require_columns(ws, header, [c for c in template_columns(dt) if c.must_fill])
        head_cols = self._prepare(header, False)
        list_cols = self._prepare(header, True)
        key_cols = self._key_columns(ws, header)
        head_letters, list_letters = self._letters(header, False), self._letters(header, True)
        has_list = dt.list is not None
        sheet = ws.title
        group: _Group | None = None
        origin: SheetOrigin | None = None
        for r, row, hidden in self._data_rows(book, ws, header):
            key = self._key(row, key_cols)
            if group is not None and has_list and (key == group.key or not any(key)):
                self._continue(group, row, r, head_cols, list_cols, head_letters)
                if hidden:
                    self._hidden_row(group.findings, sheet, r)
                continue
            if group is not None:
                yield self._finish(group, origin)  # type: ignore[arg-type]
            group = _Group(key, r, sheet)
            origin = SheetOrigin(self.name, sheet, r, head_letters, group.line_rows, None, list_letters)
            rule = "group.not_contiguous" if has_list else "group.duplicate_key"
            repeated = self._seen_before(seen, key, origin.head(dt.key[0]), rule)
            if repeated is not None:
                group.findings.append(repeated)
            self._fill_head(group, row, r, head_cols)
            if list_cols:
                self._add_line(group, row, r, list_cols)
            if hidden:
                self._hidden_row(group.findings, sheet, r)
        if group is not None:
            yield self._finish(group, origin)  # type: ignore[arg-type]

    def _fill_head(self, group: _Group, row: list, r: int, head_cols: Prepared) -> None:
        head, raw = group.head, group.raw
        for i, col, norm in head_cols:
            v = _cell(row, i)
            if v is None:
                continue
            try:
                text = norm(v)  # type: ignore[operator]
            except CellIssue as issue:
                text = self._issue(issue, group.findings, group.sheet, r, i, col)
            if text:
                head[col.name] = text
                raw[i] = v

    def _add_line(
        self, group: _Group, row: list, r: int, list_cols: Prepared, sheet: str | None = None
    ) -> None:
        line: dict[str, str] = {}
        for i, col, norm in list_cols:
            v = _cell(row, i)
            if v is None:
                continue
            try:
                text = norm(v)  # type: ignore[operator]
            except CellIssue as issue:
                text = self._issue(issue, group.findings, sheet or group.sheet, r, i, col)
            if text:
                line[col.name] = text
        if not line and self.doc_type.message.min_lines == 0:
            return  # a head without lines, where the standard allows none (arrival, summary)
        group.lines.append(line)
        group.line_rows.append(r)

    def _continue(
        self, group: _Group, row: list, r: int, head_cols: Prepared, list_cols: Prepared, letters: dict
    ) -> None:
        head, raw = group.head, group.raw
        for i, col, norm in head_cols:
            v = _cell(row, i)
            if v is None or (i in raw and v == raw[i]):
                continue
            try:
                text = norm(v)  # type: ignore[operator]
            except CellIssue as issue:
                text = self._issue(issue, group.findings, group.sheet, r, i, col)
            if not text:
                continue
            name = col.name
            if name not in head:
                head[name], raw[i] = text, v
            elif text != head[name]:
                params = {"first_row": group.row, "first": head[name], "value": text}
                where = Location(self.name, group.sheet, r, letters.get(name))
                group.findings.append(
                    Finding(where, "group.conflict", element=name, label=col.field.label, params=params)
                )
        self._add_line(group, row, r, list_cols)

    def _two_sheets(
        self, book: Workbook, head_sheets: list[SheetInfo], list_sheets: list[SheetInfo]
    ) -> Iterator[tuple[Document, list[Finding]]]:
        dt = self.doc_type
        groups: dict[tuple[str, ...], _Group] = {}
        order: list[tuple[_Group, dict[str, str]]] = []
        seen: dict[tuple[str, ...], tuple[str, int]] = {}
        for head_ws in head_sheets:
            head_header = self._header(book, head_ws)
            self._require_columns(
                head_ws, head_header, [c for c in template_columns(dt) if c.must_fill and not c.in_list]
            )
            head_cols = self._prepare(head_header, False)
            head_keys = self._key_columns(head_ws, head_header)
            head_letters = self._letters(head_header, False)
            for r, row, hidden in self._data_rows(book, head_ws, head_header):
                key = self._key(row, head_keys)
                group = _Group(key, r, head_ws.title)
                where = Location(self.name, head_ws.title, r, head_letters.get(dt.key[0]))
                repeated = self._seen_before(seen, key, where, "group.duplicate_key")
                if repeated is not None:
                    group.findings.append(repeated)
                elif key not in groups:
                    groups[key] = group
                self._fill_head(group, row, r, head_cols)
                if hidden:
                    self._hidden_row(group.findings, head_ws.title, r)
                order.append((group, head_letters))
        list_letters: dict[str, str] = {}
        list_titles: dict[int, str] = {}
        for list_ws in list_sheets:
            list_header = self._header(book, list_ws)
            self._require_columns(
                list_ws, list_header, [c for c in template_columns(dt) if c.must_fill and c.in_list]
            )
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
            list_letters = list_letters or self._letters(list_header, True)
            for r, row, hidden in self._data_rows(book, list_ws, list_header):
                key = self._key(row, list_keys)
                group = groups.get(key)
                if group is None:
                    where = Location(self.name, list_ws.title, r)
                    self.findings.append(Finding(where, "group.orphan_line", params={"key": "/".join(key)}))
                    continue
                list_titles[id(group)] = list_ws.title
                self._add_line(group, row, r, list_cols, list_ws.title)
                if hidden:
                    self._hidden_row(group.findings, list_ws.title, r)
        for group, head_letters in order:
            origin = SheetOrigin(
                self.name,
                group.sheet,
                group.row,
                head_letters,
                group.line_rows,
                list_titles.get(id(group), list_sheets[0].title),
                list_letters,
            )
            yield self._finish(group, origin)
