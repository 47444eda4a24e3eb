"""Excel 97-2003 (.xls) workbooks, as ERP systems still export them, read like .xlsx ones.

The .xls files here are real BIFF8 workbooks written by xlwt (the writer Excel-compatible tools
used for that format)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlwt

from cebdesk.excel.columns import template_columns
from cebdesk.excel.reader import WorkbookReader, detect_type
from cebdesk.findings import InputError
from cebdesk.spec import document_type
from tests.factory import document_rows, write_workbook

INVENTORY = document_type("inventory")
ORDER = document_type("order")


def write_xls(doc_type, rows: list[dict], path: Path, *, hide_row: int | None = None, typed: dict | None = None) -> Path:
    """Our template's two header rows and ``rows`` from row 3, as an .xls. ``typed``: header ->
    a value written with its own type (a number, a date) instead of text."""
    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(doc_type.label)
    columns = template_columns(doc_type)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    for c, column in enumerate(columns):
        ws.write(0, c, column.title)
        ws.write(1, c, column.header)
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(columns):
            value = (typed or {}).get(column.header, row.get(column.header))
            if value is None:
                continue
            if isinstance(value, dt.date):
                ws.write(r, c, value, date_style)
            else:
                ws.write(r, c, value)
    if hide_row is not None:
        ws.row(hide_row - 1).hidden = True
    book.save(str(path))
    return path


def _documents(path, doc_type=None):
    reader = WorkbookReader(path, doc_type)
    return [(doc, found) for doc, found in reader.documents()], reader


def test_an_xls_reads_as_the_same_xlsx(tmp_path):
    rows = document_rows(INVENTORY, 0, 2) + document_rows(INVENTORY, 1, 1)
    xls = write_xls(INVENTORY, rows, tmp_path / "inv.xls")
    xlsx = write_workbook(INVENTORY, rows, tmp_path / "inv.xlsx")
    assert detect_type(xls) is INVENTORY
    from_xls, _ = _documents(xls)
    from_xlsx, _ = _documents(xlsx)
    assert len(from_xls) == 2
    for (a, found_a), (b, found_b) in zip(from_xls, from_xlsx, strict=True):
        assert a.head | {"guid": "", "appTime": ""} == b.head | {"guid": "", "appTime": ""}
        assert a.lines == b.lines
        assert [f.rule for f in found_a] == [f.rule for f in found_b]


def test_xls_numbers_and_dates_become_the_fields_text(tmp_path):
    rows = document_rows(INVENTORY, 0, 1)
    typed = {"portCode": 3700, "customsCode": 102, "unit": 7, "declTime": dt.date(2024, 3, 5), "freight": 12.5}
    path = write_xls(INVENTORY, rows, tmp_path / "inv.xls", typed=typed)
    [(doc, found)], _ = _documents(path)
    assert doc.head["portCode"] == "3700" and doc.head["customsCode"] == "0102"
    assert doc.lines[0]["unit"] == "007"
    assert doc.head["declTime"] == "20240305"
    assert doc.head["freight"] == "12.5"


def test_a_hidden_row_of_an_xls_is_reported_as_in_an_xlsx(tmp_path):
    rows = document_rows(ORDER, 0, 1) + document_rows(ORDER, 1, 1)
    documents, reader = _documents(write_xls(ORDER, rows, tmp_path / "o.xls", hide_row=4))
    hidden = [f for _, found in documents for f in found if f.rule == "row.hidden"] + [
        f for f in reader.findings if f.rule == "row.hidden"
    ]
    assert [f.location.row for f in hidden] == [4]


def _ole_without_a_workbook(tmp_path) -> Path:
    """An OLE compound file with no Workbook stream: what a password-protected .xlsx or a Word
    file looks like from outside."""
    path = write_xls(ORDER, document_rows(ORDER, 0, 1), tmp_path / "x.xls")
    data = path.read_bytes()
    name = "Workbook".encode("utf-16-le")
    assert name in data
    path.write_bytes(data.replace(name, "Document".encode("utf-16-le")))
    return path


@pytest.mark.parametrize(
    ("make", "rule"),
    [
        (lambda p: _ole_without_a_workbook(p), "file.ole_not_workbook"),
        (lambda p: _write(p / "junk.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 600), "file.broken"),
        (
            lambda p: _write(
                p / "cut.xls", write_xls(ORDER, document_rows(ORDER, 0, 3), p / "whole.xls").read_bytes()[:2000]
            ),
            "file.broken",
        ),
        (lambda p: _write(p / "text.xls", "订单编号\t电商平台代码\n1\t2\n".encode("gbk")), "file.not_xlsx"),
    ],
    ids=["ole-without-workbook", "ole-junk", "truncated", "tab-separated-text-named-xls"],
)
def test_broken_xls_files_are_refused_with_a_reason(tmp_path, make, rule):
    path = make(tmp_path)
    with pytest.raises(InputError) as caught:
        list(WorkbookReader(path, ORDER).documents())
    assert [f.rule for f in caught.value.findings] == [rule]
    assert caught.value.findings[0].location.file == str(path)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path
