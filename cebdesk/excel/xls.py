"""Excel 97-2003 workbooks (.xls: BIFF records in an OLE container), read with xlrd.

ERP systems and older declaration tools still export .xls. xlrd reads this format and only
this one (since 2.0), is pure Python and still released for it. It reads the whole file into
memory, which the format itself bounds (65,536 rows × 256 columns a sheet); the file's size is
checked against ``ReadLimits.unpacked_mb`` before anything is read. A formula cell holds the
value Excel last calculated, as in .xlsx. :class:`XlsWorkbook` offers what the reader uses of
:class:`~cebdesk.excel.xlsx.Workbook` (sheets, rows with their hidden flags, hidden columns),
so the reader treats both alike. Anything wrong with the file becomes an :class:`InputError`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..findings import Finding, InputError, Location
from .cells import Bad
from .xlsx import DEFAULT_LIMITS, ReadLimits, Row, SheetInfo

_MB = 1024 * 1024
_STATES = {0: "visible", 1: "hidden", 2: "veryHidden"}


class XlsWorkbook:
    """One open .xls. Use as a context manager."""

    def __init__(
        self, path: str | os.PathLike[str], limits: ReadLimits = DEFAULT_LIMITS, *, strings=None
    ) -> None:
        self.path = Path(path)
        self.name = str(path)
        self.limits = limits
        self.sheets: list[SheetInfo] = []
        self.strings: list[str] = []  # .xls keeps its strings in the records; nothing to share
        self._book = None

    def __enter__(self) -> XlsWorkbook:
        if self._book is None:
            self.open()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def open(self) -> None:
        import xlrd

        where = Location(self.name)
        try:
            size = self.path.stat().st_size
            if size > self.limits.unpacked_mb * _MB:
                params = {"size": -(-size // _MB), "limit": self.limits.unpacked_mb}
                raise InputError([Finding(where, "file.unpacked_too_large", params=params)])
            data = self.path.read_bytes()
        except OSError as exc:
            detail = exc.strerror or str(exc)
            raise InputError([Finding(where, "file.read_failed", params={"detail": detail})]) from None
        try:
            self._book = xlrd.open_workbook(
                file_contents=data, formatting_info=True, on_demand=True, logfile=_Quiet()
            )
            self.sheets = [
                SheetInfo(name, str(i), _STATES.get(self._book.sheet_by_index(i).visibility, "hidden"))
                for i, name in enumerate(self._book.sheet_names())
            ]
        except Exception as exc:  # xlrd raises many kinds for a damaged file: all mean the same
            self.close()
            text = str(exc)
            if isinstance(exc, xlrd.XLRDError) and ("OLE2" in text or "encrypted" in text):
                # a password-protected workbook (.xlsx too is then an OLE file) or a Word file
                params = {"detail": text[:200]}
                raise InputError([Finding(where, "file.ole_not_workbook", params=params)]) from None
            raise self._broken(exc) from None

    def close(self) -> None:
        if self._book is not None:
            self._book.release_resources()
            self._book = None

    def _broken(self, exc: BaseException, sheet: str | None = None) -> InputError:
        detail = f"{type(exc).__name__}: {exc}"[:200]
        where = Location(self.name, sheet)
        return InputError([Finding(where, "file.broken", params={"part": sheet or "xls", "detail": detail})])

    def rows(
        self,
        sheet: SheetInfo,
        *,
        max_row: int | None = None,
        width: int | None = None,
        hidden_columns: set[int] | None = None,
    ) -> Iterator[Row]:
        """Every row of ``sheet`` in order, up to ``max_row``; cells from column ``width`` on are
        left out. Hidden columns (0-based) are added to ``hidden_columns``."""
        import xlrd

        assert self._book is not None, "open() first"
        try:
            ws = self._book.sheet_by_index(int(sheet.part))
            if hidden_columns is not None:
                hidden_columns.update(c for c, info in ws.colinfo_map.items() if info.hidden)
            last = ws.nrows if max_row is None else min(ws.nrows, max_row)
            datemode = self._book.datemode
            for r in range(last):
                values: list = []
                cells = ws.row(r)
                for cell in cells[:width] if width is not None else cells:
                    values.append(_value(xlrd, cell, datemode))
                while values and values[-1] is None:
                    values.pop()
                info = ws.rowinfo_map.get(r)
                yield Row(r + 1, values, bool(info and info.hidden))
        except Exception as exc:
            raise self._broken(exc, sheet.title) from None


def _value(xlrd, cell, datemode: int) -> object:
    kind, value = cell.ctype, cell.value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if kind == xlrd.XL_CELL_TEXT:
        return value
    if kind == xlrd.XL_CELL_NUMBER:
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if kind == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return value
    if kind == xlrd.XL_CELL_BOOLEAN:
        return bool(value)
    if kind == xlrd.XL_CELL_ERROR:
        return Bad("cell.error_value", xlrd.error_text_from_code.get(value, "#VALUE!"))
    return value


class _Quiet:
    """xlrd's log (warnings about odd records) goes nowhere: problems become findings."""

    def write(self, _text: str) -> int:
        return 0

    def flush(self) -> None:
        pass
