"""Hostile CEB XML and the values inside it: what validate, convert, verify and the simulator
refuse, at which element or cell, and why.

Each row is one hostile input; the expected finding names the rule and the XML path (or the
workbook cell). Messages are built from spec/ by the builder, then spoiled the way third-party
programs and hand edits spoil them.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from lxml import etree

from cebdesk.cli import main
from cebdesk.exchange.dxp import wrap
from cebdesk.exchange.simulator import Customs
from cebdesk.messages.build import build_message, indent, serialize
from cebdesk.messages.parse import read_message_bytes
from cebdesk.pipeline import ConvertOptions, convert
from cebdesk.pipeline.files import validate, verify_files
from cebdesk.records import Document, XmlOrigin, new_guid
from cebdesk.signing.xmldsig import sign_message
from cebdesk.spec import NS_CEB, Direction, Kind, document_type, message_type
from cebdesk.spec.messages import IMPORT_MESSAGES
from tests.factory import document_rows, value_for, write_workbook

CEB = f"{{{NS_CEB}}}"
TRANSFER = {"copCode": "1105910159", "copName": "测试供应链有限公司", "dxpId": "DXPENT0000000001"}
GOOD_ID = "110101199001011237"  # 北京东城, 1990-01-01, check digit 7
GOOD_ID_X = "31010119880202345X"  # check character X


def _doc(code: str, n: int, **changes: str) -> Document:
    mt = message_type(code)
    head = {f.name: value_for(f) for f in mt.head.fields}  # one platform, one buyer…
    if mt.direction is Direction.DECLARATION:
        head["guid"] = new_guid()
    doc_type = {dt.message.code: dt for dt in _TYPES}.get(code)
    for key in doc_type.key if doc_type else ():
        head[key] = f"K{n:04d}"
    head.update(changes)
    lines = []
    if mt.list is not None:
        line = {f.name: value_for(f, 1) for f in mt.list.fields}
        line["gnum"] = "1"
        lines.append(line)
    return Document(mt, head, lines, XmlOrigin("t", "/"))


_TYPES = [document_type(n) for n in ("order", "payment", "logistics", "inventory", "inventory-refund")]


def message(code: str = "CEB311Message", docs: int = 2, *, line_changes=None, **changes: str) -> bytes:
    """A valid message of ``code`` with ``docs`` documents; ``changes`` apply to the first head."""
    mt = message_type(code)
    documents = [_doc(code, n, **(changes if n == 0 else {})) for n in range(docs)]
    if line_changes:
        documents[0].lines[0].update(line_changes)
    transfer = TRANSFER if mt.direction is Direction.DECLARATION else None
    root = build_message(mt, documents, base_transfer=transfer)
    indent(root)
    return serialize(root)


def edit(data: bytes, change: Callable[[etree._Element], None]) -> bytes:
    root = etree.fromstring(data)
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def first(root: etree._Element, path: str) -> etree._Element:
    node = root.find(path.replace("ceb:", CEB))
    assert node is not None, path
    return node


def _drop_attribute(name):
    return lambda: edit(message(), lambda r: r.attrib.pop(name))


def _set_attribute(name, value, where="."):
    return lambda: edit(
        message(), lambda r: first(r, where).set(name, value) if where != "." else r.set(name, value)
    )


def _swap(path_a, path_b, code="CEB311Message"):
    def change(root):
        a, b = first(root, path_a), first(root, path_b)
        a.addprevious(b)

    return lambda: edit(message(code), change)


def _duplicate(path, code="CEB311Message"):
    def change(root):
        node = first(root, path)
        clone = etree.fromstring(etree.tostring(node))
        node.addnext(clone)

    return lambda: edit(message(code), change)


def _empty(path):
    def change(root):
        first(root, path).text = None

    return lambda: edit(message(), change)


def _append_empty_optional():
    def change(root):
        first(root, "ceb:Order/ceb:OrderHead/ceb:consigneeAddress").addnext(
            etree.Element(f"{CEB}consigneeDistrict")
        )

    return lambda: edit(message(), change)


def _stray_text():
    def change(root):
        first(root, "ceb:Order/ceb:OrderHead").tail = "\n junk \n"

    return lambda: edit(message(), change)


def _subscribers(count):
    def change(root):
        transfer = first(root, "ceb:BaseTransfer")
        for _ in range(count):
            sub = etree.SubElement(root, f"{CEB}BaseSubscribe")
            for name, value in (("status", "ALL"), ("dxpMode", "DXP"), ("dxpAddress", "DXPENT0000000002")):
                etree.SubElement(sub, f"{CEB}{name}").text = value
            transfer.addnext(sub)

    return lambda: edit(message(), change)


def _extend_without_message():
    def change(root):
        extend = etree.SubElement(root, f"{CEB}ExtendMessage")
        etree.SubElement(extend, f"{CEB}name").text = "x"
        etree.SubElement(extend, f"{CEB}version").text = "1"

    return lambda: edit(message(), change)


def _signed_receipt():
    def change(root):
        etree.SubElement(root, "{http://www.w3.org/2000/09/xmldsig#}Signature")

    return lambda: edit(message("CEB312Message", 1), change)


def _wrong_namespace():
    def change(root):
        node = first(root, "ceb:Order/ceb:OrderHead/ceb:orderNo")
        node.tag = "orderNo"

    return lambda: edit(message(), change)


def _same_key_twice():
    def change(root):
        orders = root.findall(f"{CEB}Order")
        orders[1].find(f"{CEB}OrderHead/{CEB}orderNo").text = (
            orders[0].find(f"{CEB}OrderHead/{CEB}orderNo").text
        )

    return lambda: edit(message(), change)


def _same_key_padded():
    def change(root):
        orders = root.findall(f"{CEB}Order")
        key = orders[0].find(f"{CEB}OrderHead/{CEB}orderNo").text
        orders[1].find(f"{CEB}OrderHead/{CEB}orderNo").text = key + " "

    return lambda: edit(message(), change)


def _encoded(declared: str, actual: str, bom: bytes = b""):
    def make():
        text = message().decode("utf-8").replace('encoding="UTF-8"', f'encoding="{declared}"', 1)
        return bom + text.encode(actual)

    return make


def _id_born(days_from_today: int) -> str:
    born = date.today() + timedelta(days=days_from_today)
    return _with_check_digit(f"110101{born:%Y%m%d}123")


def _with_check_digit(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


@dataclass
class XmlCase:
    id: str
    make: Callable[[], bytes]
    rule: str
    path: str | None  # the XML path of the finding (None: the file as a whole)
    error: bool = True


HEAD = "/CEB311Message/Order[1]/OrderHead"
HEAD2 = "/CEB311Message/Order[2]/OrderHead"

XML_CASES = [
    # item 17: the structure the official XSD demands
    XmlCase("root-without-guid", _drop_attribute("guid"), "field.required", "/CEB311Message/@guid"),
    XmlCase("root-without-version", _drop_attribute("version"), "field.required", "/CEB311Message/@version"),
    XmlCase(
        "root-guid-35", _set_attribute("guid", new_guid()[:35]), "field.wrong_length", "/CEB311Message/@guid"
    ),
    XmlCase(
        "root-version-11",
        _set_attribute("version", "1.000000000"),
        "field.too_long",
        "/CEB311Message/@version",
    ),
    XmlCase(
        "root-unknown-attribute",
        _set_attribute("flavour", "x"),
        "message.unknown_attribute",
        "/CEB311Message",
    ),
    XmlCase(
        "field-attribute",
        _set_attribute("lang", "zh", "ceb:Order/ceb:OrderHead/ceb:orderNo"),
        "message.unknown_attribute",
        f"{HEAD}/orderNo",
    ),
    XmlCase(
        "head-elements-swapped",
        _swap("ceb:Order/ceb:OrderHead/ceb:appType", "ceb:Order/ceb:OrderHead/ceb:appTime"),
        "message.order",
        f"{HEAD}/appType",
    ),
    XmlCase(
        "single-element-twice",
        _duplicate("ceb:Order/ceb:OrderHead/ceb:orderNo"),
        "message.repeated",
        f"{HEAD}/orderNo",
    ),
    XmlCase(
        "transfer-twice", _duplicate("ceb:BaseTransfer"), "message.order", "/CEB311Message/BaseTransfer[2]"
    ),
    XmlCase(
        "empty-optional-of-fixed-length",
        _append_empty_optional(),
        "message.empty_element",
        f"{HEAD}/consigneeDistrict",
    ),
    XmlCase(
        "empty-required", _empty("ceb:Order/ceb:OrderHead/ceb:orderNo"), "field.required", f"{HEAD}/orderNo"
    ),
    XmlCase("stray-text", _stray_text(), "message.stray_text", "/CEB311Message/Order[1]"),
    XmlCase("six-subscribers", _subscribers(6), "message.too_many", "/CEB311Message"),
    XmlCase(
        "extend-without-message",
        _extend_without_message(),
        "message.missing_element",
        "/CEB311Message/ExtendMessage[1]",
    ),
    XmlCase("signed-receipt", _signed_receipt(), "sig.not_allowed", "/CEB312Message/Signature[1]"),
    XmlCase("unqualified-element", _wrong_namespace(), "message.unknown_element", f"{HEAD}/orderNo"),
    XmlCase(
        "transfer-value-too-long",
        lambda: message().replace(b"<ceb:copCode>1105910159<", b"<ceb:copCode>1105910159012345678X<"),
        "field.too_long",
        "/CEB311Message/BaseTransfer/copCode",
    ),
    # item 18: keys, guids, padding
    XmlCase("same-key-twice", _same_key_twice(), "message.duplicate_key", HEAD2),
    XmlCase("same-key-but-a-space", _same_key_padded(), "message.duplicate_key", HEAD2),
    XmlCase(
        "head-guid-lower-case", lambda: message(guid=new_guid().lower()), "field.guid_case", f"{HEAD}/guid"
    ),
    XmlCase(
        "head-guid-not-a-uuid",
        lambda: message(guid="CEB311_ACME_20240102030405_00000001"[:36].ljust(36, "0")),
        "field.guid_format",
        f"{HEAD}/guid",
        error=False,
    ),
    XmlCase(
        "root-guid-lower-case",
        _set_attribute("guid", new_guid().lower()),
        "field.guid_case",
        "/CEB311Message/@guid",
    ),
    XmlCase("key-leading-space", lambda: message(orderNo=" K0000"), "field.padded", f"{HEAD}/orderNo"),
    XmlCase("key-trailing-tab", lambda: message(orderNo="K0000\t"), "field.padded", f"{HEAD}/orderNo"),
    XmlCase("code-padded", lambda: message(ebpCode=" 1105910159 "), "field.padded", f"{HEAD}/ebpCode"),
    XmlCase("amount-padded", lambda: message(freight=" 10 "), "field.padded", f"{HEAD}/freight"),
    XmlCase(
        "address-padded-is-a-warning",
        lambda: message(consigneeAddress="北京市海淀区 "),
        "field.padded",
        f"{HEAD}/consigneeAddress",
        error=False,
    ),
    XmlCase(
        "receipt-value-padded-is-a-warning",
        lambda: message("CEB312Message", 1, orderNo="ORDER1\t"),
        "field.padded",
        "/CEB312Message/OrderReturn[1]/orderNo",
        error=False,
    ),
    XmlCase(
        "receipt-value-of-spaces-breaking-the-xsd",
        lambda: message("CEB626Message", 1, customsCode=" "),
        "field.padded",
        "/CEB626Message/InvtRefundReturn[1]/customsCode",
    ),
    # item 20: identity numbers (buyerIdType 1)
    XmlCase(
        "id-check-digit",
        lambda: message(buyerIdNumber="110101199001011234"),
        "id.check_digit",
        f"{HEAD}/buyerIdNumber",
    ),
    XmlCase(
        "id-month-13",
        lambda: message(buyerIdNumber=_with_check_digit("11010119901301123")),
        "id.birth_date",
        f"{HEAD}/buyerIdNumber",
    ),
    XmlCase(
        "id-february-30",
        lambda: message(buyerIdNumber=_with_check_digit("11010119900230123")),
        "id.birth_date",
        f"{HEAD}/buyerIdNumber",
    ),
    XmlCase(
        "id-born-tomorrow",
        lambda: message(buyerIdNumber=_id_born(1)),
        "id.birth_date",
        f"{HEAD}/buyerIdNumber",
    ),
    XmlCase(
        "id-born-1899",
        lambda: message(buyerIdNumber=_with_check_digit("11010118991231123")),
        "id.birth_date",
        f"{HEAD}/buyerIdNumber",
    ),
    XmlCase(
        "id-10-digits", lambda: message(buyerIdNumber="1101011990"), "id.format", f"{HEAD}/buyerIdNumber"
    ),
    XmlCase(
        "id-15-digits", lambda: message(buyerIdNumber="110101900101123"), "id.format", f"{HEAD}/buyerIdNumber"
    ),
    XmlCase(
        "id-letters",
        lambda: message(buyerIdNumber="11010119900101A237"),
        "id.format",
        f"{HEAD}/buyerIdNumber",
    ),
    XmlCase(
        "id-no-such-province",
        lambda: message(buyerIdNumber=_with_check_digit("99010119900101123")),
        "id.region",
        f"{HEAD}/buyerIdNumber",
    ),
    XmlCase(
        "id-lower-case-x",
        lambda: message(buyerIdNumber=GOOD_ID_X.lower()),
        "id.lowercase_x",
        f"{HEAD}/buyerIdNumber",
    ),
    XmlCase(
        "payer-id-check-digit",
        lambda: message("CEB411Message", payerIdNumber="110101199001011234"),
        "id.check_digit",
        "/CEB411Message/Payment[1]/PaymentHead/payerIdNumber",
    ),
    XmlCase(
        "inventory-id-month-13",
        lambda: message("CEB621Message", buyerIdNumber=_with_check_digit("11010119901301123")),
        "id.birth_date",
        "/CEB621Message/Inventory[1]/InventoryHead/buyerIdNumber",
    ),
    # item 22a: the declared encoding is not what the bytes are
    XmlCase("latin1-over-utf8", _encoded("ISO-8859-1", "utf-8"), "xml.encoding_mismatch", None),
    XmlCase("cp1252-over-utf8", _encoded("windows-1252", "utf-8"), "xml.encoding_mismatch", None),
    XmlCase("gbk-over-utf8", _encoded("GBK", "utf-8"), "xml.encoding_mismatch", None),
    XmlCase("gb2312-over-utf8", _encoded("GB2312", "utf-8"), "xml.encoding_mismatch", None),
    XmlCase("utf8-over-gb18030", _encoded("UTF-8", "gb18030"), "xml.encoding_mismatch", None),
    XmlCase(
        "no-declaration-gbk-bytes",
        lambda: message().replace(b' encoding="UTF-8"', b"").decode().encode("gbk"),
        "xml.encoding_mismatch",
        None,
    ),
    XmlCase("utf8-bom-says-gbk", _encoded("GBK", "utf-8", b"\xef\xbb\xbf"), "xml.encoding_mismatch", None),
    XmlCase("gb18030-declared-and-used", _encoded("GB18030", "gb18030"), "xml.not_utf8", None, error=False),
    XmlCase(
        "latin1-over-utf8-inside-a-dxp-envelope",
        lambda: wrap(
            _encoded("ISO-8859-1", "utf-8")(),
            cop_msg_id="1",
            sender="DXPENT0000000001",
            msg_type="CEB311Message",
        ),
        "xml.encoding_mismatch",
        None,
    ),
    # item 22b: amounts and quantities that cannot be negative
    XmlCase("negative-freight", lambda: message(freight="-10"), "field.negative", f"{HEAD}/freight"),
    XmlCase("negative-discount", lambda: message(discount="-5.5"), "field.negative", f"{HEAD}/discount"),
    XmlCase(
        "negative-qty",
        lambda: message(line_changes={"qty": "-1"}),
        "field.negative",
        "/CEB311Message/Order[1]/OrderList[1]/qty",
    ),
    XmlCase(
        "gnum-zero",
        lambda: message(line_changes={"gnum": "0"}),
        "field.below_minimum",
        "/CEB311Message/Order[1]/OrderList[1]/gnum",
    ),
    XmlCase(
        "packNo-zero",
        lambda: message("CEB621Message", packNo="0"),
        "field.below_minimum",
        "/CEB621Message/Inventory[1]/InventoryHead/packNo",
    ),
]


def _write(tmp_path: Path, data: bytes, name="m.xml") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", XML_CASES, ids=lambda c: c.id)
def test_validate_names_the_rule_and_the_element(case, tmp_path):
    path = _write(tmp_path, case.make())
    [result] = validate([path])
    found = [f for f in result.findings if f.rule == case.rule]
    assert found, [f.render("en") for f in result.findings]
    assert found[0].location.path == case.path, found[0].render("en")
    assert found[0].is_error == case.error
    assert result.ok == (not case.error), [f.render("en") for f in result.findings if f.is_error]


def _run(*args) -> tuple[int, str]:
    out = io.StringIO()
    code = main([str(a) for a in args], out=out)
    return code, out.getvalue()


@pytest.mark.parametrize("case", [c for c in XML_CASES if c.error], ids=lambda c: c.id)
def test_the_cli_says_it_once_in_both_languages_and_exits_1(case, tmp_path):
    path = _write(tmp_path, case.make())
    code, zh = _run("validate", path)
    assert code == 1, zh
    code, en = _run("--lang", "en", "validate", path, "--json")
    assert code == 1
    [result] = json.loads(en)
    assert case.rule in {f["rule"] for f in result["findings"]}
    assert "Traceback" not in zh + en


def test_valid_messages_of_every_declaration_pass(tmp_path):
    for mt in IMPORT_MESSAGES:
        if mt.direction is not Direction.DECLARATION or mt.signature == "required":
            continue
        [result] = validate([_write(tmp_path, message(mt.code, 1), f"{mt.code}.xml")])
        assert result.ok and not result.findings, [f.render("en") for f in result.findings]


@pytest.mark.parametrize(
    "case", [c for c in XML_CASES if c.rule.startswith("xml.encoding")], ids=lambda c: c.id
)
def test_a_wrongly_declared_encoding_is_never_converted_to_mojibake(case, tmp_path, profile):
    path = _write(tmp_path, case.make())
    report = convert([path], ConvertOptions(out_dir=tmp_path / "out", profile=profile))
    assert not report.messages and report.exit_code == 1
    [finding] = [f for f in report.findings if f.rule == "xml.encoding_mismatch"]
    assert "UTF-8" in finding.message("en") and "UTF-8" in finding.message("zh")
    assert not list((tmp_path / "out").iterdir())


def test_gb18030_that_says_so_converts_to_utf8_without_loss(tmp_path, profile):
    path = _write(tmp_path, _encoded("GB18030", "gb18030")())
    report = convert([path], ConvertOptions(out_dir=tmp_path / "out", profile=profile))
    assert report.exit_code == 0, [f.render("en") for f in report.findings]
    data = report.messages[0].path.read_bytes()
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert value_for(message_type("CEB311Message").head["buyerName"]).encode() in data


def test_duplicate_key_refuses_the_whole_message_on_convert(tmp_path, profile):
    path = _write(tmp_path, _same_key_twice()())
    report = convert([path], ConvertOptions(out_dir=tmp_path / "out", profile=profile))
    assert not report.messages and report.rejected == 2


# -- every amount, quantity and weight of every declaration ---------------------------------------
def _decimal_fields():
    for mt in IMPORT_MESSAGES:
        if mt.direction is not Direction.DECLARATION:
            continue
        for entity, is_line in ((mt.head, False), (mt.list, True)):
            if entity is None:
                continue
            for f in entity.fields:
                if f.type.kind is Kind.DECIMAL:
                    yield pytest.param(mt.code, f.name, is_line, id=f"{mt.code[:6]}-{entity.name}-{f.name}")


@pytest.mark.parametrize(("code", "name", "is_line"), list(_decimal_fields()))
def test_no_amount_quantity_or_weight_may_be_negative(code, name, is_line, tmp_path, signer):
    def make(value: str) -> Path:
        data = message(code, 1, line_changes={name: value}) if is_line else message(code, 1, **{name: value})
        if message_type(code).signature == "required":
            root = etree.fromstring(data)
            sign_message(root, signer)
            data = serialize(root)
        return _write(tmp_path, data)

    [result] = validate([make("-0.5")])
    found = [f for f in result.findings if f.rule == "field.negative"]
    assert [f.element for f in found] == [name] and not result.ok
    [result] = validate([make("0")])
    assert result.ok, [f.render("en") for f in result.findings]


# -- the same rules at the workbook cell ----------------------------------------------------------
def _cell(doc_type, header: str, row: int = 3) -> str:
    from openpyxl.utils import get_column_letter

    from cebdesk.excel.columns import template_columns

    headers = [c.header for c in template_columns(doc_type)]
    return f"{doc_type.label}!{get_column_letter(headers.index(header) + 1)}{row}"


@pytest.mark.parametrize(
    ("type_name", "header", "value", "rule"),
    [
        ("order", "freight", "-10", "field.negative"),
        ("order", "discount", "-1", "field.negative"),
        ("order", "qty", "-2", "field.negative"),
        ("inventory", "grossWeight", "-0.1", "field.negative"),
        ("inventory", "netWeight", "-0.1", "field.negative"),
        ("logistics", "insuredFee", "-3", "field.negative"),
        ("payment", "amountPaid", "-3", "field.negative"),
        ("order", "buyerIdNumber", "110101199001011234", "id.check_digit"),
        ("order", "buyerIdNumber", _with_check_digit("11010119901301123"), "id.birth_date"),
        ("order", "buyerIdNumber", "1101011990", "id.format"),
        ("inventory", "buyerIdNumber", _with_check_digit("99010119900101123"), "id.region"),
        ("order", "buyerIdNumber", GOOD_ID_X.lower(), "id.lowercase_x"),
        ("payment", "payerIdNumber", "110101199001011234", "id.check_digit"),
    ],
)
def test_excel_cells_are_refused_at_the_cell(type_name, header, value, rule, tmp_path, profile):
    doc_type = document_type(type_name)
    rows = document_rows(doc_type, 0)
    rows[0][header] = value
    path = write_workbook(doc_type, rows, tmp_path / "in.xlsx")
    report = convert([path], ConvertOptions(out_dir=tmp_path / "out", profile=profile))
    found = [f for f in report.findings if f.rule == rule]
    assert found, [f.render("en") for f in report.findings]
    assert str(found[0].location).endswith(_cell(doc_type, header))
    assert report.rejected == 1 and not report.messages


@pytest.mark.parametrize(
    "number",
    [
        GOOD_ID,
        GOOD_ID_X,
        _with_check_digit("44030119920303456"),
        _with_check_digit("81000019900101123"),  # Hong Kong residents' permit, same format
        _with_check_digit("65010219000101123"),  # born on the first day allowed
    ],
)
def test_good_identity_numbers_pass(number, tmp_path):
    [result] = validate([_write(tmp_path, message(buyerIdNumber=number))])
    assert result.ok and not result.findings, [f.render("en") for f in result.findings]


def test_other_identity_documents_are_not_judged_as_resident_ids(tmp_path):
    [result] = validate([_write(tmp_path, message(buyerIdType="2", buyerIdNumber="E12345678"))])
    assert result.ok, [f.render("en") for f in result.findings]


# -- the simulator refuses such documents the way customs does ------------------------------------
def _statuses(receipts):
    out = []
    for name, data in receipts:
        for doc in read_message_bytes(data, name).documents:
            out.append((doc.head["returnStatus"], doc.head["returnInfo"]))
    return out


@pytest.mark.parametrize(
    ("code", "field", "status", "info"),
    [
        ("CEB311Message", "buyerIdNumber", "-301008", "订购人身份信息校验不通过"),
        ("CEB411Message", "payerIdNumber", "-401009", "支付人身份信息校验不通过"),
        ("CEB621Message", "buyerIdNumber", "-621001", "订购人身份信息校验不通过"),
    ],
)
def test_simulator_refuses_a_bad_identity_number(code, field, status, info, tmp_path, signer):
    customs = Customs(tmp_path / "customs")
    root = etree.fromstring(message(code, 1, **{field: _with_check_digit("11010119901301123")}))
    if message_type(code).signature == "required":
        sign_message(root, signer)
    data = serialize(root)
    assert _statuses(customs.take(data, "m.xml", "M1")) == [(status, info)]
    good = etree.fromstring(message(code, 1))
    if message_type(code).signature == "required":
        sign_message(good, signer)
    assert _statuses(customs.take(serialize(good), "g.xml", "M2"))[0][0] == "2"


def test_simulator_answers_a_wrongly_declared_encoding_with_a_format_receipt(tmp_path):
    customs = Customs(tmp_path / "customs")
    [(name, data)] = customs.take(_encoded("ISO-8859-1", "utf-8")(), "m.xml", "M1")
    head = read_message_bytes(data, name).documents[0].head
    assert name.startswith("CEB900") and head["returnStatus"].startswith("-")
    assert "UTF-8" in head["returnInfo"] and "ISO-8859-1" in head["returnInfo"]


# -- verify: DxpMsg envelopes and receipts --------------------------------------------------------
def _signed_export(anchors, signer) -> bytes:
    from cebdesk.spec import SignaturePosition

    root = etree.parse(str(anchors / "ceb-samples" / "2018-113" / "export" / "CEB303Message.xml")).getroot()
    sign_message(root, signer, SignaturePosition.BEFORE_EXTEND)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _signed_inventory(signer) -> bytes:
    root = etree.fromstring(message("CEB621Message", 1))
    sign_message(root, signer)
    return serialize(root)


def test_verify_unwraps_a_dxp_envelope(tmp_path, signer):
    inner = _signed_inventory(signer)
    path = _write(
        tmp_path, wrap(inner, cop_msg_id=new_guid(), sender="DXPENT0000000001", msg_type="CEB621Message")
    )
    [result] = verify_files([path])
    assert result.valid, [f.render("en") for f in result.findings]
    assert result.message == "CEB621Message" and result.key_name == "01691f7f"
    code, out = _run("verify", path)
    assert code == 0 and "签名有效" in out


def test_verify_unwraps_a_signed_export_declaration(tmp_path, signer, anchors):
    inner = _signed_export(anchors, signer)
    path = _write(
        tmp_path, wrap(inner, cop_msg_id=new_guid(), sender="DXPENT0000000001", msg_type="CEB303Message")
    )
    [result] = verify_files([path])
    assert result.valid and result.message == "CEB303Message", [f.render("en") for f in result.findings]


def test_verify_unwraps_a_transport_node_envelope(tmp_path, signer):
    dxp = wrap(
        _signed_inventory(signer), cop_msg_id=new_guid(), sender="DXPENT0000000001", msg_type="CEB621Message"
    )
    inner = etree.fromstring(dxp)
    outer = etree.Element("{http://www.chinaport.gov.cn/dxp}DxpMsgSv", ver="1.0")
    outer.append(inner)
    path = _write(tmp_path, etree.tostring(outer, xml_declaration=True, encoding="UTF-8"))
    [result] = verify_files([path])
    assert result.valid and result.message == "CEB621Message", [f.render("en") for f in result.findings]


def test_verify_checks_the_inner_signature_of_an_envelope(tmp_path, signer):
    inner = _signed_inventory(signer).replace(b"<ceb:orderNo>K0000<", b"<ceb:orderNo>K0001<")
    path = _write(
        tmp_path, wrap(inner, cop_msg_id=new_guid(), sender="DXPENT0000000001", msg_type="CEB621Message")
    )
    [result] = verify_files([path])
    assert not result.valid
    assert "sig.digest_changed" in {f.rule for f in result.findings}


def test_verify_an_envelope_that_holds_no_message(tmp_path):
    bad = wrap(b"x", cop_msg_id="1", sender="DXPENT0000000001", msg_type="CEB621Message").replace(
        base64.b64encode(b"x"), b"!!not base64!!"
    )
    [result] = verify_files([_write(tmp_path, bad)])
    assert not result.valid and [f.rule for f in result.findings] == ["xml.malformed"]


def test_an_unsigned_receipt_is_said_once(tmp_path):
    path = _write(tmp_path, message("CEB312Message", 1))
    [result] = verify_files([path])
    assert [f.rule for f in result.findings] == ["sig.receipt_unsigned"]
    code, out = _run("--lang", "en", "verify", path)
    assert code == 1
    assert len(out.splitlines()) == 1 and "receipts are not signed" in out, out
    assert "no signature" not in out and "must not carry" not in out
