"""Bad export inputs, one per row: each yields the expected finding at the expected cell (or XML
element), in Chinese and English, exit code 1 and nothing written. Warnings of the export rules
(simplified declaration, totals) leave the document converted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree
from openpyxl.utils import get_column_letter

from cebdesk.excel.columns import template_columns
from cebdesk.findings import Severity
from cebdesk.pipeline import ConvertOptions, convert
from cebdesk.settings import Profile
from cebdesk.spec import NS_CEB, NS_DS, document_type
from tests.factory import document_rows, write_workbook

ORDER = document_type("export-order")
RECEIPT = document_type("export-receipt")
LOGISTICS = document_type("export-logistics")
ARRIVAL = document_type("arrival")
DEPARTURE = document_type("departure")
INVENTORY = document_type("export-inventory")
CANCEL = document_type("export-cancel")
WAYBILL = document_type("waybill")
REFUND = document_type("export-refund")
TALLY = document_type("tally")
SUMMARY = document_type("summary")
CEB = f"{{{NS_CEB}}}"
PROFILE = Profile(transfer={"copCode": "1105910159", "copName": "测试", "dxpId": "DXPENT0000000001"})


def col(doc_type, header: str) -> str:
    headers = [c.header for c in template_columns(doc_type)]
    return get_column_letter(headers.index(header) + 1)


def at(doc_type, header, row=3) -> str:
    return f"{doc_type.label}!{col(doc_type, header)}{row}"


def edit(doc_type, lines=1, **changes) -> Callable[[Path], Path]:
    """The document's rows with ``changes``: header=value on the first row, or header=[v1, v2…]
    one value per row."""

    def make(tmp: Path) -> Path:
        data = document_rows(doc_type, 0, lines)
        for header, value in changes.items():
            header = header.replace("__", ".")
            if isinstance(value, list):
                for row, v in zip(data, value, strict=False):
                    row[header] = v
            else:
                data[0][header] = value
        return write_workbook(doc_type, data, tmp / "in.xlsx")

    return make


def head_only(doc_type, **changes) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        data = document_rows(doc_type, 0, 1)
        for c in template_columns(doc_type):
            if c.in_list:
                data[0].pop(c.header, None)
        data[0].update(changes)
        return write_workbook(doc_type, data, tmp / "in.xlsx")

    return make


def xml(doc_type, change: Callable[[etree._Element], None]) -> Callable[[Path], Path]:
    """A message converted from a good template, then spoiled by ``change``."""

    def make(tmp: Path) -> Path:
        source = write_workbook(doc_type, document_rows(doc_type, 0, 1), tmp / "good.xlsx")
        report = convert([source], ConvertOptions(out_dir=tmp / "good", profile=PROFILE))
        path = report.messages[0].path
        tree = etree.parse(str(path))
        change(tree.getroot())
        bad = tmp / "bad.xml"
        tree.write(str(bad), xml_declaration=True, encoding="UTF-8")
        path.unlink()
        source.unlink()
        return bad

    return make


def _set(path: str, value: str) -> Callable[[etree._Element], None]:
    def change(root):
        root.find(_ceb(path)).text = value

    return change


def _ceb(path: str) -> str:
    return "/".join(f"{CEB}{p}" for p in path.split("/"))


def _signature_after_extend(root):
    sig = etree.SubElement(root, f"{{{NS_DS}}}Signature")
    root.remove(sig)
    extend = etree.SubElement(root, f"{CEB}ExtendMessage")
    for tag in ("name", "version"):
        etree.SubElement(extend, f"{CEB}{tag}").text = "x"
    etree.SubElement(etree.SubElement(extend, f"{CEB}Message"), f"{CEB}x")
    root.append(sig)


def _parts_disagree(root):
    node = root.find(f"{CEB}Arrival")
    second = etree.fromstring(etree.tostring(node))
    head = second.find(f"{CEB}ArrivalHead")
    head.find(f"{CEB}guid").text = "0" * 8 + "-0000-0000-0000-" + "0" * 12
    head.find(f"{CEB}msgCount").text = "2"
    head.find(f"{CEB}msgSeqNo").text = "2"
    node.addnext(second)


def _second_head(root):
    node = root.find(f"{CEB}Inventory")
    node.append(etree.fromstring(etree.tostring(node.find(f"{CEB}InventoryHead"))))


@dataclass
class Case:
    id: str
    make: Callable[[Path], Path]
    rule: str
    where: str | None  # "SHEET!CELL", an XML path, or None for file-level
    type: str | None = None


CASES = [
    # codes, lengths, decimals, dates, signs: the field rules on export fields
    Case("order-type-import", edit(ORDER, orderType="I"), "field.unknown_code", at(ORDER, "orderType")),
    Case(
        "order-goods-6-decimals",
        edit(ORDER, goodsValue="1.123456"),
        "field.decimal_digits",
        at(ORDER, "goodsValue"),
    ),
    Case("order-no-too-long", edit(ORDER, orderNo="X" * 61), "field.too_long", at(ORDER, "orderNo")),
    Case("order-line-qty-text", edit(ORDER, qty="三件"), "field.not_decimal", at(ORDER, "qty")),
    Case(
        "receipt-date",
        edit(RECEIPT, accountingDate="上周五"),
        "field.bad_date",
        at(RECEIPT, "accountingDate"),
    ),
    Case("receipt-charge-negative", edit(RECEIPT, charge="-1"), "field.negative", at(RECEIPT, "charge")),
    Case("logistics-pack-zero", edit(LOGISTICS, packNo="0"), "field.below_minimum", at(LOGISTICS, "packNo")),
    Case(
        "arrival-customs-5",
        edit(ARRIVAL, customsCode="37001"),
        "field.wrong_length",
        at(ARRIVAL, "customsCode"),
    ),
    Case("arrival-ieflag-import", edit(ARRIVAL, ieFlag="I"), "field.unknown_code", at(ARRIVAL, "ieFlag")),
    Case(
        "arrival-no-traffic",
        edit(ARRIVAL, domesticTrafNo=None),
        "field.required",
        at(ARRIVAL, "domesticTrafNo"),
    ),
    Case(
        "departure-leave-time",
        edit(DEPARTURE, leaveTime="明天"),
        "field.bad_date",
        at(DEPARTURE, "leaveTime"),
    ),
    # a departure names its waybills: a head row alone is a line without them
    Case("departure-without-lines", head_only(DEPARTURE), "field.required", at(DEPARTURE, "logisticsNo")),
    # required by the XSD (length 1) although the standard's words say "不填则…"
    Case(
        "summary-item-name-flag-empty",
        edit(SUMMARY, itemNameFlag=None),
        "field.required",
        at(SUMMARY, "itemNameFlag"),
    ),
    Case(
        "inventory-gcode-4-digits",
        edit(INVENTORY, gcode="8541"),
        "export.heading_full",  # in place of field.wrong_length: one finding a cell
        at(INVENTORY, "gcode"),
    ),
    Case(
        "inventory-gcode-letters",
        edit(INVENTORY, gcode="85414010AB"),
        "field.pattern",
        at(INVENTORY, "gcode"),
    ),
    Case(
        "inventory-ieflag-import", edit(INVENTORY, ieFlag="I"), "field.unknown_code", at(INVENTORY, "ieFlag")
    ),
    Case(
        "inventory-flag-c",
        edit(INVENTORY, statisticsFlag="C"),
        "field.unknown_code",
        at(INVENTORY, "statisticsFlag"),
    ),
    Case("inventory-ie-date", edit(INVENTORY, ieDate="20240230"), "field.bad_date", at(INVENTORY, "ieDate")),
    Case("inventory-fee-flag", edit(INVENTORY, fFlag="1"), "field.unknown_code", at(INVENTORY, "fFlag")),
    Case(
        "inventory-net-over-gross",
        edit(INVENTORY, grossWeight="1", netWeight="2"),
        "export.net_over_gross",
        at(INVENTORY, "netWeight"),
    ),
    Case(
        "inventory-qty2-no-unit2",
        edit(INVENTORY, qty2="3", unit2=None),
        "export.pair",
        at(INVENTORY, "unit2"),
    ),
    Case(
        "inventory-unit2-no-qty2",
        edit(INVENTORY, qty2=None, unit2="035"),
        "export.pair",
        at(INVENTORY, "qty2"),
    ),
    Case(
        "inventory-special-zone-no-iac",
        edit(INVENTORY, tradeMode="1210", iacCode=None),
        "export.special_zone",
        at(INVENTORY, "iacCode"),
    ),
    Case(
        "inventory-special-zone-no-record",
        edit(INVENTORY, lines=2, tradeMode="1210", itemRecordNo=["R1", None]),
        "export.special_zone",
        at(INVENTORY, "itemRecordNo", 4),
    ),
    Case(
        "inventory-gnum-gap",
        edit(INVENTORY, lines=3, gnum=[1, 2, 4]),
        "field.gnum_sequence",
        at(INVENTORY, "gnum", 5),
    ),
    Case("inventory-101-lines", edit(INVENTORY, lines=101), "group.too_many_lines", f"{INVENTORY.label}!103"),
    Case("cancel-reason-too-long", edit(CANCEL, reason="因" * 1001), "field.too_long", at(CANCEL, "reason")),
    Case(
        "waybill-weight-negative",
        edit(WAYBILL, grossWeight="-0.5"),
        "field.negative",
        at(WAYBILL, "grossWeight"),
    ),
    Case("refund-ieflag-export", edit(REFUND, ieFlag="E"), "field.unknown_code", at(REFUND, "ieFlag")),
    Case(
        "refund-gnum-twice", edit(REFUND, lines=2, gnum=[1, 1]), "field.gnum_duplicate", at(REFUND, "gnum", 4)
    ),
    Case("tally-bill-missing", edit(TALLY, billNo="  "), "field.required", at(TALLY, "billNo")),
    Case(
        "summary-end-before-start",
        edit(SUMMARY, startTime="20240201000000", endTime="20240101000000"),
        "export.time_order",
        at(SUMMARY, "endTime"),
    ),
    Case(
        "summary-start-alone",
        edit(SUMMARY, startTime="20240201000000", endTime=None),
        "export.pair",
        at(SUMMARY, "endTime"),
    ),
    Case(
        "summary-nothing-to-sum",
        head_only(SUMMARY, startTime=None, endTime=None),
        "export.summary_empty",
        f"{SUMMARY.label}!3",
    ),
    Case("summary-flag-3", edit(SUMMARY, summaryFlag="3"), "field.unknown_code", at(SUMMARY, "summaryFlag")),
    # export messages given as XML
    Case(
        "xml-signature-after-extend",
        xml(ORDER, _signature_after_extend),
        "message.order",
        "/CEB303Message/Signature[1]",
    ),
    Case(
        "xml-inventory-two-heads",
        xml(INVENTORY, _second_head),
        "message.repeated",
        "/CEB603Message/Inventory[1]/InventoryHead",
    ),
    Case(
        "xml-part-beyond-count",
        xml(ARRIVAL, _set("Arrival/ArrivalHead/msgSeqNo", "3")),
        "export.part_number",
        "/CEB507Message/Arrival[1]/ArrivalHead/msgSeqNo",
    ),
    Case(
        "xml-parts-disagree-on-count",
        xml(ARRIVAL, _parts_disagree),
        "export.part_count_differs",
        "/CEB507Message/Arrival[2]/ArrivalHead/msgCount",
    ),
    Case(
        "xml-part-count-empty",
        xml(WAYBILL, _set("WayBill/WayBillHead/msgCount", "")),
        "field.required",
        "/CEB607Message/WayBill[1]/WayBillHead/msgCount",
    ),
]


def test_there_are_many_cases():
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_bad_export_input(case, tmp_path):
    source = case.make(tmp_path)
    out = tmp_path / "out"
    options = ConvertOptions(
        out_dir=out, doc_type=document_type(case.type) if case.type else None, profile=PROFILE
    )
    report = convert([source], options)
    matching = [f for f in report.findings if f.rule == case.rule]
    assert matching, [f.render() for f in report.findings]
    finding = matching[0]
    assert finding.is_error
    text = finding.render()
    assert text.startswith(str(source)), text
    if case.where is not None:
        assert f":{case.where}" in text, text
    assert "{" not in finding.message() and "{" not in finding.message("en"), (text, finding.message("en"))
    assert report.exit_code == 1
    assert not report.messages
    assert not out.exists() or not list(out.iterdir()), "nothing may be written, not even a temporary file"


WARNINGS = [
    (
        "simplified-with-licence",
        edit(INVENTORY, statisticsFlag="A", licenseNo="L123"),
        "export.simplified_licence",
        at(INVENTORY, "licenseNo"),
    ),
    (
        "simplified-over-5000",
        edit(
            INVENTORY,
            lines=2,
            statisticsFlag="A",
            licenseNo=None,
            price=["3000", "2500"],
            totalPrice=["3000", "2500"],
        ),
        "export.simplified_over_limit",
        at(INVENTORY, "statisticsFlag"),
    ),
    (
        "heading-only-for-b",
        edit(INVENTORY, gcode="8541000000"),
        "export.heading_only",
        at(INVENTORY, "gcode"),
    ),
    (
        "line-total",
        edit(INVENTORY, qty="2", price="3", totalPrice="7"),
        "export.line_total",
        at(INVENTORY, "totalPrice"),
    ),
    ("order-goods-value", edit(ORDER, goodsValue="99"), "export.goods_value", at(ORDER, "goodsValue")),
]


@pytest.mark.parametrize(("case", "make", "rule", "where"), WARNINGS, ids=[w[0] for w in WARNINGS])
def test_export_rules_that_only_warn(case, make, rule, where, tmp_path):
    source = make(tmp_path)
    report = convert([source], ConvertOptions(out_dir=tmp_path / "out", profile=PROFILE))
    found = [f for f in report.findings if f.rule == rule]
    assert found and found[0].severity is Severity.WARNING, [f.render() for f in report.findings]
    assert f":{where}" in found[0].render()
    assert report.converted == 1 and report.exit_code == 0


@pytest.mark.parametrize(
    "make",
    [
        edit(INVENTORY, statisticsFlag="A", licenseNo=None, gcode="8541000000"),  # A may give the heading
        edit(INVENTORY, lines=2, statisticsFlag="A", licenseNo=None, price="2500", totalPrice="2500"),  # 5000
        edit(INVENTORY, qty="3", price="3.33333", totalPrice="10"),  # rounding of the unit price
        edit(INVENTORY, tradeMode="1210", iacCode="3702000001", iacName="区内", itemRecordNo="R1"),
        edit(SUMMARY, startTime="20240101000000", endTime="20240101000000"),
    ],
    ids=["heading-for-a", "exactly-5000", "rounded-price", "special-zone-complete", "same-start-end"],
)
def test_what_the_export_rules_accept(make, tmp_path):
    report = convert([make(tmp_path)], ConvertOptions(out_dir=tmp_path / "out", profile=PROFILE))
    assert report.exit_code == 0, [f.render() for f in report.findings]
    assert not [f for f in report.findings if f.rule.startswith("export.")], [
        f.render() for f in report.findings
    ]


@pytest.mark.parametrize(
    ("flag", "rule", "words"),
    [
        ("A", "export.heading_form", ("8541000000", "8541000000")),
        ("B", "export.heading_full", ("10位", "10-digit")),
        (None, "export.heading_full", ("10位", "10-digit")),
    ],
    ids=["simplified-A", "summary-B", "no-flag"],
)
def test_a_4_digit_hs_code_is_one_error_saying_how_to_write_it(flag, rule, words, tmp_path):
    """One finding for the cell, an error, that agrees with the document's statisticsFlag: A is
    told how a heading is written (8541000000), B that the full 10-digit code is needed."""
    make = edit(INVENTORY, gcode="8541", statisticsFlag=flag, licenseNo=None)
    report = convert([make(tmp_path)], ConvertOptions(out_dir=tmp_path / "o", profile=PROFILE))
    assert report.exit_code == 1
    cell = f":{at(INVENTORY, 'gcode')}"
    mine = [f for f in report.findings if cell in f.render()]
    assert [(f.rule, f.is_error) for f in mine] == [(rule, True)], [f.render() for f in mine]
    zh, en = mine[0].render(), mine[0].render("en")
    assert words[0] in zh and words[1] in en
    assert "10" in zh and "10" in en
    if flag != "A":  # no talk of what another flag could do
        assert "只有 A" not in zh and "only statisticsFlag A" not in en
