"""Excel as clerks (and programs, and attackers) really save it.

Each case is a real .xlsx, written by openpyxl or zipped by hand from XML, read by the streaming
reader. What must hold: a value that is no longer what the clerk typed is an error at its cell
(or cleaned with a warning, for invisible characters), hidden sheets are never read, hidden rows
are read with a warning, and a damaged or oversized file is an InputError naming what is wrong,
at open or after many documents were handed out, never another exception.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from cebdesk.cli import main
from cebdesk.excel.columns import template_columns
from cebdesk.excel.reader import WorkbookReader, detect_type
from cebdesk.findings import InputError, Severity
from cebdesk.spec import document_type
from tests.factory import document_rows, write_workbook

ORDER = document_type("order")
INVENTORY = document_type("inventory")
PAYMENT = document_type("payment")
LOGISTICS = document_type("logistics")
ROOT = Path(__file__).resolve().parents[2]


# -- building workbooks ----------------------------------------------------------------------------
def _letter(columns, header: str) -> str:
    return get_column_letter([c.header for c in columns].index(header) + 1)


def build(layout: str, doc_type, changes: dict, path: Path, *, documents: int = 1, lines: int = 1):
    """A workbook of ``documents`` valid documents in ``layout``, the first row changed by
    ``changes``; returns (path, where) with where(header) -> "SHEET!CELL" of that first row."""
    docs = [document_rows(doc_type, n, lines) for n in range(documents)]
    docs[0][0].update(changes)
    rows = [row for doc in docs for row in doc]
    columns = template_columns(doc_type)
    if layout == "template":
        write_workbook(doc_type, rows, path)
        return path, lambda h: f"{doc_type.label}!{_letter(columns, h)}3"
    wb = openpyxl.Workbook()
    if layout == "labels":  # an ERP export: one header row of Chinese labels, data from row 2
        ws = wb.active
        ws.title = "导出"
        ws.append([c.label.removesuffix("（表体）") for c in columns])
        for row in rows:
            ws.append([row.get(c.header) for c in columns])
        wb.save(path)
        return path, lambda h: f"导出!{_letter(columns, h)}2"
    assert layout == "split"  # head sheet + list sheet, linked by the key
    head = [c for c in columns if not c.in_list]
    lst = [c for c in columns if c.in_list]
    key = doc_type.key[0]
    head_ws = wb.active
    head_ws.title = "表头"
    list_ws = wb.create_sheet("表体")
    head_ws.append([c.header for c in head])
    list_ws.append([key] + [c.header for c in lst])
    for doc in docs:
        head_ws.append([doc[0].get(c.header) for c in head])
        for row in doc:
            list_ws.append([doc[0][key]] + [row.get(c.header) for c in lst])
    wb.save(path)

    def where(h: str) -> str:
        if h in [c.header for c in head]:
            return f"表头!{_letter(head, h)}2"
        return f"表体!{get_column_letter([c.header for c in lst].index(h) + 2)}2"

    return path, where


def read_all(path: Path, doc_type=None, **kwargs):
    reader = WorkbookReader(path, doc_type, **kwargs)
    items = list(reader.documents())
    findings = [f for _, found in items for f in found] + reader.findings
    return reader, items, findings


def at(findings, where: str):
    return [f for f in findings if str(f.location).split(":", 1)[1] == where]


def rewrite(path: Path, name: str, change, *, stored: bool = False) -> Path:
    """Replace one member of the package with change(bytes) (or bytes)."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename == name:
                data = change(data) if callable(change) else change
                z.writestr(info.filename, data, zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
            else:
                z.writestr(info, data)
    return path


CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def cell_xml(ref: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith("<"):
        return f'<c r="{ref}"{value[1:]}'  # raw: '<t="e"><v>#N/A</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def sheet_xml(rows: list[list]) -> str:
    body = []
    for r, values in enumerate(rows, start=1):
        cells = "".join(cell_xml(f"{get_column_letter(i + 1)}{r}", v) for i, v in enumerate(values))
        body.append(f'<row r="{r}">{cells}</row>')
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>'


def package(
    path: Path,
    sheets: list[tuple[str, str]],
    *,
    strings: str | None = None,
    styles: str | None = None,
    extra: dict | None = None,
) -> Path:
    """An .xlsx zipped by hand (openpyxl and Excel open it): sheets as (title, worksheet XML),
    the shared strings and styles XML if given."""
    entries = "".join(
        f'<sheet name="{title}" sheetId="{i}" r:id="rId{i}"/>' for i, (title, _) in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{DOC_RELS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    types = [("/xl/workbook.xml", "sheet.main")]
    types += [(f"/xl/worksheets/sheet{i}.xml", "worksheet") for i in range(1, len(sheets) + 1)]
    if strings is not None:
        rels += f'<Relationship Id="rIdS" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
        types.append(("/xl/sharedStrings.xml", "sharedStrings"))
    if styles is not None:
        rels += f'<Relationship Id="rIdT" Type="{DOC_RELS}/styles" Target="styles.xml"/>'
        types.append(("/xl/styles.xml", "styles"))
    overrides = "".join(f'<Override PartName="{n}" ContentType="{CT}.{t}+xml"/>' for n, t in types)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f"{overrides}</Types>",
        )
        z.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{RELS}"><Relationship Id="rId1" '
            f'Type="{DOC_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>{entries}</sheets>'
            "</workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{RELS}">{rels}</Relationships>',
        )
        for i, (_, xml) in enumerate(sheets, start=1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
        if strings is not None:
            z.writestr("xl/sharedStrings.xml", strings)
        if styles is not None:
            z.writestr("xl/styles.xml", styles)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return path


def order_rows(documents: int, changes: dict | None = None) -> list[list]:
    """Header (element names) and ``documents`` one-line orders as lists, for sheet_xml."""
    columns = [c for c in template_columns(ORDER)]
    rows = [[c.header for c in columns]]
    for n in range(documents):
        row = document_rows(ORDER, n, 1)[0]
        if n == 0 and changes:
            row.update(changes)
        rows.append([row.get(c.header) for c in columns])
    return rows


# -- items 5 and 8: cells whose value is no longer what was typed ----------------------------------
@dataclass
class CellCase:
    id: str
    doc_type: object
    header: str
    value: object
    rule: str | None  # None: taken as it is, no finding
    error: bool = True
    kept: str | None = None  # what the field holds afterwards


CELL_CASES = [
    # item 5: numbers that cannot be exact, scientific notation, leading zeros
    CellCase("id-number-18-digits", ORDER, "buyerIdNumber", 110105199003071008, "cell.inexact_number"),
    CellCase("id-number-as-excel-float", ORDER, "buyerIdNumber", 1.10105199003071e17, "cell.inexact_number"),
    CellCase("order-no-20-digits", ORDER, "orderNo", 12345678901234567890, "cell.inexact_number"),
    CellCase("logistics-no-16-digits", LOGISTICS, "logisticsNo", 1234567890123456, "cell.inexact_number"),
    CellCase(
        "pay-transaction-id-float", PAYMENT, "payTransactionId", 2.0240102123456788e19, "cell.inexact_number"
    ),
    CellCase("cop-no-17-digits", INVENTORY, "copNo", 12345678901234567, "cell.inexact_number"),
    CellCase("item-no-16-digit-list", ORDER, "itemNo", 1234567890123456, "cell.inexact_number"),
    CellCase("id-number-scientific-text", ORDER, "buyerIdNumber", "1.10105E+17", "cell.scientific"),
    CellCase("ebp-code-scientific-text", ORDER, "ebpCode", "4.40196E+09", "cell.scientific"),
    CellCase("bar-code-scientific-text", ORDER, "barCode", "6.90123E+12", "cell.scientific"),
    CellCase("order-no-15-digits-exact", ORDER, "orderNo", 123456789012345, None, kept="123456789012345"),
    CellCase("mobile-as-number", ORDER, "buyerTelephone", 13800138000, None, kept="13800138000"),
    CellCase(
        "landline-lost-its-zero",
        ORDER,
        "buyerTelephone",
        57188886666,
        "cell.leading_zero_phone",
        False,
        "57188886666",
    ),
    CellCase(
        "consignee-landline",
        LOGISTICS,
        "consigneeTelephone",
        2164801234,
        "cell.leading_zero_phone",
        False,
        "2164801234",
    ),
    CellCase(
        "payer-phone", PAYMENT, "telephone", 85212345678, "cell.leading_zero_phone", False, "85212345678"
    ),
    CellCase(
        "short-id-as-number", PAYMENT, "payerIdNumber", 1234567, "cell.leading_zero_id", False, "1234567"
    ),
    # item 8: invisible characters, odd spaces, dates and booleans
    CellCase("zero-width-in-key", ORDER, "orderNo", "SO\u200b0001", "cell.invisible", False, "SO0001"),
    CellCase("bom-in-code", ORDER, "ebpCode", "\ufeff4401962010", "cell.invisible", False, "4401962010"),
    CellCase(
        "word-joiner-in-address",
        ORDER,
        "consigneeAddress",
        "北京市\u2060海淀区",
        "cell.invisible",
        False,
        "北京市海淀区",
    ),
    CellCase("zwj-in-list-item", ORDER, "itemNo", "SKU\u200d01", "cell.invisible", False, "SKU01"),
    CellCase("zero-width-after-a-code-name", ORDER, "unit", "千克\u200b", "cell.invisible", False, "035"),
    CellCase("nbsp-inside-key", ORDER, "orderNo", "SO\u00a00001", "cell.odd_space_in_code"),
    CellCase("nbsp-inside-phone", ORDER, "buyerTelephone", "138\u00a000138000", "cell.odd_space_in_code"),
    CellCase(
        "nbsp-inside-name", ORDER, "buyerName", "John\u00a0Smith", "cell.odd_space", False, "John Smith"
    ),
    CellCase("auto-date-in-key", ORDER, "orderNo", datetime(2026, 3, 5), "cell.date"),
    CellCase("auto-date-in-quantity", ORDER, "qty", datetime(2026, 3, 5), "cell.date"),
    CellCase("auto-date-in-code", ORDER, "consigneeDistrict", date(2026, 3, 5), "cell.date"),
    CellCase("auto-date-in-amount", ORDER, "freight", datetime(2026, 1, 2), "cell.date"),
    CellCase("true-in-quantity", ORDER, "qty", True, "cell.boolean"),
    CellCase("false-in-key", ORDER, "orderNo", False, "cell.boolean"),
    CellCase("true-in-code-field", ORDER, "buyerIdType", True, "cell.boolean"),
    CellCase("true-in-time-field", ORDER, "appTime", True, "cell.boolean"),
    CellCase(
        "real-date-in-time-field",
        ORDER,
        "appTime",
        datetime(2026, 3, 5, 9, 8, 7),
        None,
        kept="20260305090807",
    ),
    CellCase("real-date-in-date-field", INVENTORY, "ieDate", date(2026, 3, 6), None, kept="20260306"),
    # item 7: formulas nobody calculated, error values
    CellCase("formula-in-name", ORDER, "buyerName", "=CONCAT(B3,C3)", "cell.formula_no_value"),
    CellCase("formula-in-key", ORDER, "orderNo", '="SO"&ROW()', "cell.formula_no_value"),
    CellCase("formula-in-list-quantity", ORDER, "qty", "=2*1", "cell.formula_no_value"),
    CellCase("error-value", ORDER, "buyerName", "#N/A", "cell.error_value"),
]


def _layouts(case: CellCase) -> list[str]:
    return ["template", "labels", "split"] if case.doc_type.list is not None else ["template", "labels"]


@pytest.mark.parametrize(
    ("case", "layout"),
    [pytest.param(c, layout, id=f"{c.id}-{layout}") for c in CELL_CASES for layout in _layouts(c)],
)
def test_cell_values_that_are_not_what_was_typed(tmp_path, case, layout):
    path, where = build(layout, case.doc_type, {case.header: case.value}, tmp_path / "in.xlsx")
    _, items, findings = read_all(path, case.doc_type)
    [(doc, _)] = items
    here = at(findings, where(case.header))
    if case.rule is None:
        assert not here, [f.render("en") for f in here]
    else:
        assert [(f.rule, f.severity) for f in here] == [
            (case.rule, Severity.ERROR if case.error else Severity.WARNING)
        ], [f.render("en") for f in findings]
        finding = here[0]
        assert finding.element == case.header.rsplit(".", 1)[-1]
        assert finding.message("zh") and finding.message("en")
    if case.kept is not None:
        name = case.header.rsplit(".", 1)[-1]
        values = (
            doc.lines[0]
            if name in [f.name for f in (case.doc_type.list.fields if case.doc_type.list else ())]
            and name not in case.doc_type.head
            else doc.head
        )
        assert values[name] == case.kept


def test_a_formula_without_value_never_becomes_the_profile_default(tmp_path):
    path, where = build("template", ORDER, {"appStatus": "=1+1", "ebpName": "=A1"}, tmp_path / "o.xlsx")
    _, [(doc, found)], _ = read_all(path, ORDER, defaults={"appStatus": "2", "ebpName": "默认平台"})
    assert {f.rule for f in found if f.is_error} == {"cell.formula_no_value"}
    assert doc.head["ebpName"] != "默认平台" and doc.head["appStatus"] != "2"


def test_a_formula_with_its_cached_value_is_read_as_that_value(tmp_path):
    rows = order_rows(1)
    name_col = rows[0].index("buyerName")
    rows[1][name_col] = '< t="str"><f>CONCAT("张","三")</f><v>张三</v></c>'
    path = package(tmp_path / "cached.xlsx", [("订单", sheet_xml(rows))])
    _, [(doc, found)], findings = read_all(path, ORDER)
    assert doc.head["buyerName"] == "张三"
    assert not [f for f in findings if f.rule.startswith("cell.")]


def test_cell_findings_in_continuation_rows_and_shared_strings(tmp_path):
    """A head value repeated on the goods rows, and values from the shared strings table."""
    rows = order_rows(1)
    key = rows[1][rows[0].index("orderNo")]
    second = list(rows[1])
    second[rows[0].index("buyerIdNumber")] = 110105199003071008
    second[rows[0].index("itemNo")] = "SKU\u200b2"
    rows.append(second)
    strings = sorted({v for row in rows for v in row if isinstance(v, str)})
    index = {s: i for i, s in enumerate(strings)}
    body = []
    for r, values in enumerate(rows, start=1):
        cells = []
        for i, v in enumerate(values):
            ref = f"{get_column_letter(i + 1)}{r}"
            if isinstance(v, str):
                cells.append(f'<c r="{ref}" t="s"><v>{index[v]}</v></c>')
            else:
                cells.append(cell_xml(ref, v))
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>'
    )
    sst = "".join(f"<si><t>{s}</t></si>" for s in strings)
    path = package(
        tmp_path / "sst.xlsx",
        [("订单", sheet)],
        strings=f'<?xml version="1.0"?><sst xmlns="{MAIN}" uniqueCount="{len(strings)}">{sst}</sst>',
    )
    _, [(doc, found)], _ = read_all(path, ORDER)
    assert doc.head["orderNo"] == key and len(doc.lines) == 2
    id_col = get_column_letter(rows[0].index("buyerIdNumber") + 1)
    item_col = get_column_letter(rows[0].index("itemNo") + 1)
    assert {(f.rule, f.location.cell) for f in found if f.rule.startswith("cell.")} == {
        ("cell.inexact_number", f"{id_col}3"),
        ("cell.invisible", f"{item_col}3"),
    }
    assert doc.lines[1]["itemNo"] == "SKU2"


def test_chinese_date_formats_are_dates(tmp_path):
    """Excel on a Chinese system stores 2026年3月5日 with the built-in format 31, undeclared."""
    rows = order_rows(1)
    rows[1][rows[0].index("orderNo")] = '< s="1"><v>46086</v></c>'
    rows[1][rows[0].index("appTime")] = '< s="1"><v>46086</v></c>'
    styles = (
        f'<?xml version="1.0"?><styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
        '<xf numFmtId="31" applyNumberFormat="1"/></cellXfs></styleSheet>'
    )
    path = package(tmp_path / "dates.xlsx", [("订单", sheet_xml(rows))], styles=styles)
    _, [(doc, found)], _ = read_all(path, ORDER)
    assert [f.rule for f in found if f.is_error] == ["cell.date"]
    assert doc.head["appTime"] == "20260305000000"


# -- item 6: sheets ----------------------------------------------------------------------------------
def _orders_workbook(path: Path, sheets: list[tuple[str, int, str]]) -> Path:
    """Sheets (title, first document number, state) of two orders each, as our template's data sheet."""
    columns = template_columns(ORDER)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, first, state in sheets:
        ws = wb.create_sheet(title)
        ws.sheet_state = state
        ws.append([c.title for c in columns])
        ws.append([c.header for c in columns])
        for n in range(first, first + 2):
            for row in document_rows(ORDER, n, 1):
                ws.append([row.get(c.header) for c in columns])
    wb.save(path)
    return path


def _keys(items) -> list[str]:
    return [doc.head["orderNo"] for doc, _ in items]


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_hidden_sheets_are_never_read_and_say_so(tmp_path, state):
    path = _orders_workbook(tmp_path / "h.xlsx", [("旧数据", 100, state), ("订单", 0, "visible")])
    assert detect_type(path) is ORDER
    reader, items, findings = read_all(path)
    assert _keys(items) == [document_rows(ORDER, n)[0]["orderNo"] for n in (0, 1)]
    [hidden] = [f for f in reader.findings if f.rule == "sheet.hidden_skipped"]
    assert hidden.severity is Severity.WARNING and hidden.location.sheet == "旧数据"
    assert "旧数据" in hidden.message("zh") and "旧数据" in hidden.message("en")


def test_every_visible_data_sheet_is_read_each_finding_naming_its_sheet(tmp_path):
    path = _orders_workbook(tmp_path / "two.xlsx", [("一月", 0, "visible"), ("二月", 2, "visible")])
    wb = openpyxl.load_workbook(path)
    wb["二月"]["A4"] = True  # appType of the second order of February: a boolean
    wb.save(path)
    _, items, findings = read_all(path)
    assert len(items) == 4
    assert [doc.origin.sheet for doc, _ in items] == ["一月", "一月", "二月", "二月"]
    [bad] = [f for f in findings if f.is_error]
    assert (bad.rule, str(bad.location).split(":", 1)[1]) == ("cell.boolean", "二月!A4")


def test_one_document_in_two_sheets_is_a_file_level_finding(tmp_path):
    path = _orders_workbook(tmp_path / "copy.xlsx", [("订单", 0, "visible"), ("订单 (2)", 1, "visible")])
    _, _, findings = read_all(path)
    [dup] = [f for f in findings if f.rule == "group.key_in_other_sheet"]
    assert dup.location.sheet == "订单 (2)" and dup.params["sheet"] == "订单"


def test_a_document_in_two_sheets_refuses_the_whole_file_in_convert(tmp_path):
    path = _orders_workbook(tmp_path / "copy.xlsx", [("订单", 0, "visible"), ("订单 (2)", 1, "visible")])
    out = tmp_path / "out"
    buf = io.StringIO()
    code = main(
        ["convert", str(path), "-o", str(out), "--profile", str(_profile(tmp_path)), "--json"], out=buf
    )
    report = json.loads(buf.getvalue())
    assert code == 1 and report["converted"] == 0 and not list(out.glob("*.xml"))
    assert "group.key_in_other_sheet" in [f["rule"] for f in report["findings"]]


def test_the_sheet_option_still_picks_one(tmp_path):
    path = _orders_workbook(tmp_path / "two.xlsx", [("一月", 0, "visible"), ("二月", 2, "visible")])
    _, items, _ = read_all(path, sheet="二月")
    assert [doc.origin.sheet for doc, _ in items] == ["二月", "二月"]


def test_the_sheet_option_naming_a_hidden_sheet_is_refused(tmp_path):
    path = _orders_workbook(tmp_path / "h.xlsx", [("旧数据", 100, "hidden"), ("订单", 0, "visible")])
    with pytest.raises(InputError) as exc:
        read_all(path, ORDER, sheet="旧数据")
    assert [f.rule for f in exc.value.findings] == ["sheet.hidden"]


def test_a_visible_sheet_without_the_header_is_named_as_not_read(tmp_path):
    path = _orders_workbook(tmp_path / "notes.xlsx", [("订单", 0, "visible")])
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("备注").append(["今天的单子", "张三负责"])
    wb.save(path)
    reader, items, _ = read_all(path, ORDER)
    assert len(items) == 2
    [note] = [f for f in reader.findings if f.rule == "sheet.not_read"]
    assert note.location.sheet == "备注" and note.severity is Severity.WARNING


def test_hidden_list_sheet_is_not_read_in_the_split_layout(tmp_path):
    path, _ = build("split", ORDER, {}, tmp_path / "split.xlsx", documents=2)
    wb = openpyxl.load_workbook(path)
    old = wb.copy_worksheet(wb["表体"])
    old.title = "旧表体"
    old.sheet_state = "hidden"
    old["B2"] = 99  # another gnum: would be a third line of the first order if it were read
    wb.save(path)
    reader, items, _ = read_all(path, ORDER)
    assert [len(doc.lines) for doc, _ in items] == [1, 1]
    assert [f.location.sheet for f in reader.findings if f.rule == "sheet.hidden_skipped"] == ["旧表体"]


# -- item 9: hidden rows and columns ------------------------------------------------------------------
@pytest.mark.parametrize("layout", ["template", "labels", "split"])
def test_rows_hidden_by_a_filter_are_declared_with_a_warning(tmp_path, layout):
    path, where = build(layout, ORDER, {}, tmp_path / "f.xlsx", documents=3)
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets[:2]:
        if ws.title in ("说明", "代码表"):
            continue
        ws.auto_filter.ref = ws.dimensions
        first = int(where("orderNo").rsplit("!", 1)[1][1:])
        ws.row_dimensions[first + 1].hidden = True  # the second order's row
    wb.save(path)
    _, items, findings = read_all(path, ORDER)
    assert len(items) == 3  # declared all the same
    hidden = [f for f in findings if f.rule == "row.hidden"]
    assert hidden and all(f.severity is Severity.WARNING for f in hidden)
    first = int(where("orderNo").rsplit("!", 1)[1][1:])
    assert {f.location.row for f in hidden} == {first + 1}
    assert all(not f.is_error for f in findings)


def test_hidden_columns_are_read_with_a_warning(tmp_path):
    path, where = build("template", ORDER, {}, tmp_path / "c.xlsx")
    wb = openpyxl.load_workbook(path)
    letter = where("note").split("!")[1].rstrip("0123456789")
    wb.worksheets[0].column_dimensions[letter].hidden = True
    wb.worksheets[0][f"{letter}3"] = "内部备注"
    wb.save(path)
    reader, [(doc, _)], _ = read_all(path, ORDER)
    assert doc.head["note"] == "内部备注"
    [hidden] = [f for f in reader.findings if f.rule == "column.hidden"]
    assert hidden.element == "note" and hidden.location.column == letter


# -- item 3: files that break while being read ---------------------------------------------------------
def _truncate_sheet(data: bytes) -> bytes:
    return data[: int(len(data) * 0.8)]


def _flip_a_digit(data: bytes) -> bytes:
    """A bit flipped in the stored data: still XML, the CRC no longer matches."""
    pos = data.rindex(b"<v>") + 3
    digit = data[pos : pos + 1]
    return data[:pos] + (b"7" if digit != b"7" else b"8") + data[pos + 1 :]


BROKEN = [
    ("truncated-sheet", "xl/worksheets/sheet1.xml", _truncate_sheet, False, "file.broken"),
    ("bad-crc-sheet", "xl/worksheets/sheet1.xml", _flip_a_digit, True, "file.broken"),
    (
        "bad-shared-string-index",
        "xl/worksheets/sheet1.xml",
        lambda d: d.replace(b'<c r="A400" t="s"><v>', b'<c r="A400" t="s"><v>99999999', 1),
        False,
        "file.broken",
    ),
]


def _many_orders(path: Path, documents: int = 1200) -> Path:
    """1,200 one-line orders, numbers and shared strings as Excel writes them."""
    rows = order_rows(documents)
    strings: dict[str, int] = {}
    body = []
    for r, values in enumerate(rows, start=1):
        cells = []
        for i, v in enumerate(values):
            ref = f"{get_column_letter(i + 1)}{r}"
            if isinstance(v, str):
                cells.append(f'<c r="{ref}" t="s"><v>{strings.setdefault(v, len(strings))}</v></c>')
            elif v is not None:
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
        body.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>{"".join(body)}</sheetData></worksheet>'
    )
    sst = "".join(f"<si><t>{s}</t></si>" for s in strings)
    return package(
        path,
        [("订单", sheet)],
        strings=f'<?xml version="1.0"?><sst xmlns="{MAIN}" uniqueCount="{len(strings)}">{sst}</sst>',
    )


@pytest.fixture(scope="module")
def many_orders(tmp_path_factory) -> Path:
    return _many_orders(tmp_path_factory.mktemp("many") / "orders.xlsx")


def _copy(src: Path, dst: Path) -> Path:
    dst.write_bytes(src.read_bytes())
    return dst


@pytest.mark.parametrize(("name", "part", "change", "stored", "rule"), BROKEN, ids=[b[0] for b in BROKEN])
def test_a_workbook_that_breaks_mid_read_is_an_input_error(
    tmp_path, many_orders, name, part, change, stored, rule
):
    path = rewrite(_copy(many_orders, tmp_path / "b.xlsx"), part, change, stored=stored)
    reader = WorkbookReader(path, ORDER)
    handed = 0
    with pytest.raises(InputError) as exc:
        for _ in reader.documents():
            handed += 1
    [finding] = exc.value.findings
    assert finding.rule == rule
    assert finding.location.sheet == "订单" and finding.location.row
    assert "Excel" in finding.message("zh") and "Excel" in finding.message("en")
    assert handed >= 300  # it broke part-way, after documents were handed out


def test_an_os_error_while_reading_is_an_input_error(tmp_path, many_orders, monkeypatch):
    """The disk (or the network drive) fails after part of the file was read."""
    path = _copy(many_orders, tmp_path / "eio.xlsx")
    with zipfile.ZipFile(path) as z:
        sheet = z.getinfo("xl/worksheets/sheet1.xml")
    broken_at = sheet.header_offset + sheet.compress_size // 2  # half-way through the rows

    class Failing(io.FileIO):
        def readinto(self, b):
            if self.tell() + len(b) > broken_at and self.tell() < sheet.header_offset + sheet.compress_size:
                raise OSError(5, "Input/output error")
            return super().readinto(b)

    real_open = Path.open

    def failing_open(self, mode="r", *args, **kwargs):
        if self == path and "b" in mode:
            return io.BufferedReader(Failing(str(self), "r"), 4096)
        return real_open(self, mode, *args, **kwargs)

    reader = WorkbookReader(path, ORDER)
    monkeypatch.setattr(Path, "open", failing_open)
    handed = 0
    with pytest.raises(InputError) as exc:
        for _ in reader.documents():
            handed += 1
    [finding] = exc.value.findings
    assert finding.rule == "file.read_failed" and "Input/output error" in finding.message("en")
    assert handed > 0


@pytest.mark.parametrize(
    "part",
    [
        "xl/worksheets/sheet1.xml",
        "xl/sharedStrings.xml",
        "xl/workbook.xml",
        "xl/styles.xml",
        "docProps/core.xml",
        "_rels/.rels",
        "[Content_Types].xml",
    ],
)
def test_a_dtd_in_any_part_is_refused(tmp_path, part):
    path, _ = build("template", ORDER, {}, tmp_path / "x.xlsx")
    doctype = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">]>'

    def inject(data: bytes) -> bytes:
        if data.startswith(b"<?xml"):
            end = data.index(b"?>") + 2
            return data[:end] + doctype + data[end:]
        return doctype + data

    if part == "xl/sharedStrings.xml":
        with zipfile.ZipFile(path) as z:
            assert part not in z.namelist()  # openpyxl writes inline strings: add a table
        path = package(
            tmp_path / "s.xlsx",
            [("订单", sheet_xml(order_rows(1)))],
            strings=f'<?xml version="1.0"?><sst xmlns="{MAIN}"><si><t>&a;</t></si></sst>',
        )
    rewrite(path, part, inject)
    with pytest.raises(InputError) as exc:
        read_all(path, ORDER)
    [finding] = exc.value.findings
    assert finding.rule == "xml.forbidden" and finding.location.path == part
    with pytest.raises(InputError):
        detect_type(path)


def test_a_truncated_file_is_not_a_workbook(tmp_path, many_orders):
    path = tmp_path / "cut.xlsx"
    path.write_bytes(many_orders.read_bytes()[:-2000])
    with pytest.raises(InputError) as exc:
        read_all(path, ORDER)
    assert [f.rule for f in exc.value.findings] == ["file.not_xlsx"]


def test_the_cli_reports_a_broken_file_without_a_traceback(tmp_path, many_orders, capsys):
    path = rewrite(_copy(many_orders, tmp_path / "b.xlsx"), "xl/worksheets/sheet1.xml", _truncate_sheet)
    out_dir = tmp_path / "out"
    out = io.StringIO()
    code = main(
        ["convert", str(path), "-o", str(out_dir), "--type", "order", "--profile", str(_profile(tmp_path))],
        out=out,
    )
    printed = out.getvalue() + capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in printed and "b.xlsx:订单!" in printed and "另存为新文件" in printed
    assert not list(out_dir.glob("*.xml"))  # nothing half-written


def _profile(tmp_path: Path) -> Path:
    p = tmp_path / "profile.toml"
    p.write_text(
        '[transfer]\ncopCode = "1105910159"\ncopName = "测试"\ndxpId = "DXPENT0000000001"\n', "utf-8"
    )
    return p


# -- item 4: decompression bombs -----------------------------------------------------------------------
def empty_rows_workbook(path: Path, rows: int, *, header: bool = True) -> Path:
    """A header and ``rows`` empty rows, the sheet XML written straight into the zip."""
    columns = template_columns(ORDER)
    head = "".join(cell_xml(f"{get_column_letter(i + 1)}1", c.header) for i, c in enumerate(columns))
    package(path, [("订单", sheet_xml([]))])
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i.filename)) for i in z.infolist() if i.filename != "xl/worksheets/sheet1.xml"]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            z.writestr(info, data)
        with z.open("xl/worksheets/sheet1.xml", "w") as out:
            out.write(f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>'.encode())
            if header:
                out.write(f'<row r="1">{head}</row>'.encode())
            chunk = []
            for r in range(2, rows + 2):
                chunk.append(f'<row r="{r}" spans="1:60"/>')
                if len(chunk) == 10_000:
                    out.write("".join(chunk).encode())
                    chunk = []
            out.write("".join(chunk).encode())
            out.write(b"</sheetData></worksheet>")
    return path


def test_too_many_rows_are_refused(tmp_path):
    from cebdesk.excel.xlsx import ReadLimits

    path = empty_rows_workbook(tmp_path / "rows.xlsx", 5000)
    with pytest.raises(InputError) as exc:
        read_all(path, ORDER, limits=ReadLimits(rows=1000))
    [finding] = exc.value.findings
    assert finding.rule == "sheet.too_many_rows" and "--max-rows" in finding.message("en")
    assert finding.location.sheet == "订单"


def test_too_large_unpacked_is_refused_before_anything_is_parsed(tmp_path, monkeypatch):
    from cebdesk.excel.xlsx import ReadLimits, Workbook

    path = empty_rows_workbook(tmp_path / "big.xlsx", 120_000)  # ~3.6 MB of XML in a small zip
    assert path.stat().st_size < 500_000
    parsed = []
    monkeypatch.setattr(Workbook, "_read_workbook", lambda self, *a: parsed.append(a))
    with pytest.raises(InputError) as exc:
        Workbook(path, ReadLimits(unpacked_mb=2)).open()
    assert [f.rule for f in exc.value.findings] == ["file.unpacked_too_large"]
    assert not parsed


def _strings_workbook(path: Path, count: int, *, declare: bool, text: str = "") -> Path:
    sst = "".join(f"<si><t>{text}{i}</t></si>" for i in range(count))
    declared = f' uniqueCount="{count}"' if declare else ""
    return package(
        path,
        [("订单", sheet_xml(order_rows(1)))],
        strings=f'<?xml version="1.0"?><sst xmlns="{MAIN}"{declared}>{sst}</sst>',
    )


@pytest.mark.parametrize(
    ("count", "declare", "text", "limits", "rule"),
    [
        (5000, True, "", {"strings": 1000}, "file.too_many_strings"),
        (5000, False, "", {"strings": 1000}, "file.too_many_strings"),
        (300, False, "x" * 5000, {"strings_mb": 1}, "file.strings_too_large"),
    ],
    ids=["declared-count", "undeclared-count", "total-text"],
)
def test_shared_strings_are_bounded(tmp_path, count, declare, text, limits, rule):
    from cebdesk.excel.xlsx import ReadLimits

    limits = ReadLimits(**limits)
    path = _strings_workbook(tmp_path / "s.xlsx", count, declare=declare, text=text)
    with pytest.raises(InputError) as exc:
        read_all(path, ORDER, limits=limits)
    [finding] = exc.value.findings
    assert finding.rule == rule and finding.location.path == "xl/sharedStrings.xml"


def test_shared_strings_are_parsed_once(tmp_path, monkeypatch, many_orders):
    from cebdesk.excel.xlsx import Workbook

    calls = []
    real = Workbook._read_strings

    def counting(self, rels):
        calls.append(self.path)
        return real(self, rels)

    monkeypatch.setattr(Workbook, "_read_strings", counting)
    reader, items, _ = read_all(many_orders)  # the type is detected first, then read
    assert reader.doc_type is ORDER and len(items) == 1200
    assert len(calls) == 1


MEMORY_CHILD = """
import sys
sys.path.insert(0, {root!r})
from cebdesk.excel.reader import WorkbookReader
from cebdesk.excel.xlsx import ReadLimits
from cebdesk.spec import document_type
reader = WorkbookReader(sys.argv[1], document_type("order"), limits=ReadLimits(rows=2_000_000))
try:
    list(reader.documents())
except Exception as exc:
    print(type(exc).__name__, file=sys.stderr)
# the high-water mark of this process's own memory (ru_maxrss would include the parent's at fork)
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc for the peak memory")
def test_memory_stays_flat_however_many_empty_rows(tmp_path):
    """Peak memory of a reader process: 400,000 empty rows cost what 10,000 cost (within a
    generous margin; openpyxl's read-only mode grew by about 90 bytes a row, 35 MB here)."""
    peaks = {}
    for rows in (10_000, 400_000):
        path = empty_rows_workbook(tmp_path / f"e{rows}.xlsx", rows)
        proc = subprocess.run(
            [sys.executable, "-c", MEMORY_CHILD.format(root=str(ROOT)), str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        peaks[rows] = int(proc.stdout.split()[-1]) / 1024  # MB
    assert peaks[400_000] < peaks[10_000] + 15, peaks


def test_the_cli_limit_options_reach_the_reader(tmp_path):
    path = empty_rows_workbook(tmp_path / "rows.xlsx", 3000)
    out = tmp_path / "out"
    args = [
        "convert",
        str(path),
        "-o",
        str(out),
        "--type",
        "order",
        "--profile",
        str(_profile(tmp_path)),
        "--json",
    ]
    buf = io.StringIO()
    assert main(args + ["--max-rows", "1000"], out=buf) == 1
    report = json.loads(buf.getvalue())
    assert [f["rule"] for f in report["findings"]] == ["sheet.too_many_rows"]
    buf = io.StringIO()
    main(args + ["--max-rows", "10000"], out=buf)
    report = json.loads(buf.getvalue())
    assert "sheet.too_many_rows" not in [f["rule"] for f in report["findings"]]


def test_watch_takes_the_same_limits_and_nonsense_is_a_usage_error(tmp_path, capsys):
    from cebdesk.cli.parser import build_parser, reader_limits

    args = build_parser().parse_args(["watch", str(tmp_path), "--max-rows", "5", "--max-strings-mb", "9"])
    limits = reader_limits(args)
    assert (limits.rows, limits.strings_mb, limits.unpacked_mb) == (5, 9, 512)
    with pytest.raises(SystemExit) as exc:
        main(["convert", str(tmp_path / "x.xlsx"), "-o", str(tmp_path), "--max-rows", "0"])
    assert exc.value.code == 2 and "--max-rows" in capsys.readouterr().err
