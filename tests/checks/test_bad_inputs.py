"""Bad inputs, one per row: each yields the expected finding, at the expected place, and no output."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from cebdesk.excel.columns import template_columns
from cebdesk.pipeline import ConvertOptions, convert
from cebdesk.settings import Profile
from cebdesk.spec import document_type
from tests.factory import document_rows, write_workbook

ORDER = document_type("order")
INVENTORY = document_type("inventory")
PAYMENT = document_type("payment")


def col(doc_type, header: str) -> str:
    headers = [c.header for c in template_columns(doc_type)]
    return get_column_letter(headers.index(header) + 1)


def rows(doc_type, documents=1, lines=1):
    out = []
    for n in range(documents):
        out += document_rows(doc_type, n, lines)
    return out


def set_(doc_type, header, value, row=0, lines=1, documents=1):
    def make(tmp: Path) -> Path:
        data = rows(doc_type, documents, lines)
        data[row][header] = value
        return write_workbook(doc_type, data, tmp / "in.xlsx")

    return make


def workbook(doc_type, data) -> Callable[[Path], Path]:
    return lambda tmp: write_workbook(doc_type, data, tmp / "in.xlsx")


def raw_file(content: bytes, name="in.xlsx") -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(content)
        return path

    return make


def _lines_with_gnum(values):
    data = rows(INVENTORY, 1, len(values))
    for line, value in zip(data, values, strict=False):
        line["gnum"] = value
    return data


def _conflict():
    data = rows(ORDER, 1, 2)
    data[1]["buyerName"] = "李四"
    return data


def _not_contiguous():
    a, b = rows(ORDER, 2, 1)[0], rows(ORDER, 2, 1)[1]
    again = dict(a)
    return [a, b, again]


def _duplicate_payment():
    a = rows(PAYMENT, 1)[0]
    return [a, dict(a)]


def _hundred_lines():
    return rows(ORDER, 1, 100)


def _two_sheets(with_lines: bool, orphan: bool = False):
    def make(tmp: Path) -> Path:
        wb = openpyxl.Workbook()
        head_ws = wb.active
        head_ws.title = "表头"
        list_ws = wb.create_sheet("表体")
        cols = template_columns(INVENTORY)
        head_cols = [c for c in cols if not c.in_list]
        list_cols = [c for c in cols if c.in_list and c.name != "gnum"]
        head_ws.append([c.header for c in head_cols])
        list_ws.append(["orderNo"] + [c.header for c in list_cols])
        data = rows(INVENTORY, 1, 1)[0]
        head_ws.append([data.get(c.header) for c in head_cols])
        if with_lines:
            key = "NO-SUCH-ORDER" if orphan else data["orderNo"]
            list_ws.append([key] + [data.get(c.header) for c in list_cols])
        path = tmp / "two.xlsx"
        wb.save(path)
        return path

    return make


def _unrelated_sheet(tmp: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(["名称", "数量", "颜色"])
    ws.append(["苹果", 3, "红"])
    wb.save(tmp / "other.xlsx")
    return tmp / "other.xlsx"


def _missing_column(tmp: Path) -> Path:
    path = write_workbook(ORDER, rows(ORDER), tmp / "in.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.worksheets[0].delete_cols(
        template_columns(ORDER).index(next(c for c in template_columns(ORDER) if c.name == "orderNo")) + 1
    )
    wb.save(path)
    return path


def _blank_template(tmp: Path) -> Path:
    return write_workbook(ORDER, [], tmp / "blank.xlsx")


XXE = b'<?xml version="1.0"?><!DOCTYPE CEB311Message [<!ENTITY x SYSTEM "file:///etc/passwd">]><CEB311Message>&x;</CEB311Message>'
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><r>&d;</r>'
)
CEB = 'xmlns:ceb="http://www.chinaport.gov.cn/ceb"'
TRANSFER = "<ceb:BaseTransfer><ceb:copCode>1</ceb:copCode><ceb:copName>x</ceb:copName><ceb:dxpMode>DXP</ceb:dxpMode><ceb:dxpId>D</ceb:dxpId></ceb:BaseTransfer>"
LOGISTICS_STATUS = (
    "<ceb:LogisticsStatus><ceb:guid>4CDE1CFD-EDED-46B1-946C-B8022E42FC94</ceb:guid><ceb:appType>1</ceb:appType>"
    "<ceb:appTime>20240102030405</ceb:appTime><ceb:appStatus>2</ceb:appStatus><ceb:logisticsCode>1101180326</ceb:logisticsCode>"
    "<ceb:logisticsName>物流</ceb:logisticsName><ceb:logisticsNo>L1</ceb:logisticsNo><ceb:logisticsStatus>S</ceb:logisticsStatus>"
    "<ceb:logisticsTime>20240102030405</ceb:logisticsTime>{extra}</ceb:LogisticsStatus>"
)


def _xml(body: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?><ceb:CEB513Message guid="4CDE1CFD-EDED-46B1-946C-B8022E42FC94" version="1.0" {CEB}>{body}</ceb:CEB513Message>'.encode()


@dataclass
class Case:
    id: str
    make: Callable[[Path], Path]
    rule: str
    where: str | None  # "SHEET!CELL", an XML path, or None for file-level
    type: str | None = None
    sheet: str | None = None
    profile: Profile | None = None


def c(doc_type, header, row=3):
    return f"{doc_type.label}!{col(doc_type, header)}{row}"


CASES = [
    Case("missing-required", set_(ORDER, "buyerName", None), "field.required", c(ORDER, "buyerName")),
    Case("missing-required-list", set_(ORDER, "itemName", "  "), "field.required", c(ORDER, "itemName")),
    Case("too-long", set_(ORDER, "orderNo", "X" * 61), "field.too_long", c(ORDER, "orderNo")),
    Case("too-long-chinese", set_(ORDER, "buyerName", "张" * 61), "field.too_long", c(ORDER, "buyerName")),
    Case(
        "wrong-length",
        set_(INVENTORY, "customsCode", "37001"),
        "field.wrong_length",
        c(INVENTORY, "customsCode"),
    ),
    Case("bad-decimal", set_(ORDER, "goodsValue", "十元"), "field.not_decimal", c(ORDER, "goodsValue")),
    Case("too-many-decimals", set_(ORDER, "price", "1.123456"), "field.decimal_digits", c(ORDER, "price")),
    Case(
        "too-many-integer-digits",
        set_(ORDER, "freight", "123456789012345"),
        "field.decimal_digits",
        c(ORDER, "freight"),
    ),
    Case("bad-date", set_(ORDER, "appTime", "20241301120000"), "field.bad_date", c(ORDER, "appTime")),
    Case("bad-date-text", set_(INVENTORY, "declTime", "昨天"), "field.bad_date", c(INVENTORY, "declTime")),
    Case("short-date", set_(INVENTORY, "ieDate", "202401"), "field.bad_date", c(INVENTORY, "ieDate")),
    Case("unknown-code-appType", set_(ORDER, "appType", "7"), "field.unknown_code", c(ORDER, "appType")),
    Case("unknown-code-currency", set_(ORDER, "currency", "502"), "field.unknown_code", c(ORDER, "currency")),
    Case(
        "unknown-code-tradeMode",
        set_(INVENTORY, "tradeMode", "9999"),
        "field.unknown_code",
        c(INVENTORY, "tradeMode"),
    ),
    Case(
        "unknown-code-idType", set_(ORDER, "buyerIdType", "3"), "field.unknown_code", c(ORDER, "buyerIdType")
    ),
    Case("unknown-code-ieFlag", set_(INVENTORY, "ieFlag", "X"), "field.unknown_code", c(INVENTORY, "ieFlag")),
    Case("gcode-not-digits", set_(INVENTORY, "gcode", "85414010AB"), "field.pattern", c(INVENTORY, "gcode")),
    Case("packNo-not-int", set_(INVENTORY, "packNo", "1.5"), "field.not_int", c(INVENTORY, "packNo")),
    Case(
        "packNo-too-big", set_(INVENTORY, "packNo", "1234567890"), "field.int_digits", c(INVENTORY, "packNo")
    ),
    Case("decimal-comma", set_(ORDER, "price", "1,5"), "field.not_decimal", c(ORDER, "price")),
    Case("100-lines", workbook(ORDER, _hundred_lines()), "group.too_many_lines", f"{ORDER.label}!102"),
    Case(
        "duplicate-gnum",
        workbook(INVENTORY, _lines_with_gnum([1, 1])),
        "field.gnum_duplicate",
        c(INVENTORY, "gnum", 4),
    ),
    Case(
        "gnum-not-from-1",
        workbook(INVENTORY, _lines_with_gnum([2, 3])),
        "field.gnum_sequence",
        c(INVENTORY, "gnum", 3),
    ),
    Case(
        "gnum-partly-filled",
        workbook(INVENTORY, _lines_with_gnum([1, None])),
        "field.gnum_partial",
        c(INVENTORY, "gnum", 4),
    ),
    Case("conflicting-head-values", workbook(ORDER, _conflict()), "group.conflict", c(ORDER, "buyerName", 4)),
    Case(
        "rows-not-contiguous",
        workbook(ORDER, _not_contiguous()),
        "group.not_contiguous",
        c(ORDER, "orderNo", 5),
    ),
    Case(
        "duplicate-key",
        workbook(PAYMENT, _duplicate_payment()),
        "group.duplicate_key",
        c(PAYMENT, "payTransactionId", 4),
    ),
    Case("empty-file", _blank_template, "file.empty", f"{ORDER.label}", type="order"),
    Case("zero-bytes", raw_file(b""), "file.not_xlsx", None),
    Case("not-an-xlsx", raw_file("订单编号,数量\nA1,2\n".encode(), "orders.xlsx"), "file.not_xlsx", None),
    Case(
        "damaged-xls",  # an .xls is read (excel/xls.py); a damaged one is refused as damaged
        raw_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504, "orders.xls"),
        "file.broken",
        None,
    ),
    Case("zip-not-workbook", raw_file(b"PK\x05\x06" + b"\0" * 18), "file.not_xlsx", None),
    Case("wrong-sheet-name", set_(ORDER, "buyerName", "张三"), "sheet.missing", None, sheet="订单明细"),
    Case("wrong-sheet-content", _unrelated_sheet, "sheet.no_header", "Sheet1!1", type="order"),
    Case("unknown-type", _unrelated_sheet, "file.unknown_type", None),
    Case("missing-column", _missing_column, "sheet.missing_columns", f"{ORDER.label}!2"),
    Case("head-without-lines", _two_sheets(with_lines=False), "group.no_lines", "表头!2", type="inventory"),
    Case(
        "line-without-head",
        _two_sheets(with_lines=True, orphan=True),
        "group.orphan_line",
        "表体!2",
        type="inventory",
    ),
    Case(
        "profile-incomplete",
        set_(ORDER, "buyerName", "张三"),
        "profile.missing",
        None,
        profile=Profile({"copCode": "1105910159"}),
    ),
    Case("xxe", raw_file(XXE, "xxe.xml"), "xml.forbidden", None),
    Case("billion-laughs", raw_file(LAUGHS, "laughs.xml"), "xml.forbidden", None),
    Case("malformed-xml", raw_file(b"<ceb:CEB311Message><unclosed>", "bad.xml"), "xml.malformed", None),
    Case(
        "not-a-ceb-message",
        raw_file(b"<invoice><total>1</total></invoice>", "inv.xml"),
        "message.not_ceb",
        None,
    ),
    Case(
        "xml-unknown-element",
        raw_file(_xml(LOGISTICS_STATUS.format(extra="<ceb:color>red</ceb:color>") + TRANSFER), "u.xml"),
        "message.unknown_element",
        "/CEB513Message/LogisticsStatus[1]/color",
    ),
    Case(
        "xml-out-of-order",
        raw_file(_xml(TRANSFER + LOGISTICS_STATUS.format(extra="")), "o.xml"),
        "message.order",
        "/CEB513Message/LogisticsStatus[1]",
    ),
    Case(
        "xml-bad-value",
        raw_file(
            _xml(
                LOGISTICS_STATUS.format(extra="").replace(
                    "20240102030405</ceb:logisticsTime>", "2024-01-02</ceb:logisticsTime>"
                )
                + TRANSFER
            ),
            "v.xml",
        ),
        "field.bad_date",
        "/CEB513Message/LogisticsStatus[1]/logisticsTime",
    ),
]


def test_there_are_at_least_thirty_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_bad_input(case, tmp_path, profile):
    source = case.make(tmp_path)
    out = tmp_path / "out"
    options = ConvertOptions(
        out_dir=out,
        doc_type=document_type(case.type) if case.type else None,
        profile=case.profile or profile,
        sheet=case.sheet,
    )
    report = convert([source], options)
    matching = [f for f in report.findings if f.rule == case.rule]
    assert matching, [f.render() for f in report.findings]
    finding = matching[0]
    assert finding.is_error
    text = finding.render()
    if case.profile is None:
        assert text.startswith(str(source)), text
    if case.where is not None:
        assert f":{case.where}" in text, text
    assert report.exit_code == 1
    assert not report.messages
    assert not list(out.iterdir()), "nothing may be written, not even a temporary file"
