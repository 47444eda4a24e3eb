"""Filled templates convert to messages the official 202205 import or export XSD accepts."""

from __future__ import annotations

import pytest
from lxml import etree

from cebdesk.messages.parse import read_message_file
from cebdesk.pipeline import ConvertOptions, convert
from cebdesk.spec import DOCUMENT_TYPES, document_type
from tests.factory import _SPECIAL as SPECIAL
from tests.factory import filled_template

pytestmark = pytest.mark.conformance


def _convert(tmp_path, doc_type, profile, signer, **kwargs):
    path = filled_template(doc_type, tmp_path / f"{doc_type.name}.xlsx", **kwargs)
    report = convert([path], ConvertOptions(out_dir=tmp_path / "out", profile=profile, signer=signer))
    assert report.rejected == 0, [f.render() for f in report.findings]
    assert report.messages
    return report


def _assert_valid(schema, path):
    doc = etree.parse(str(path))
    assert schema.validate(doc), f"{path.name}: {schema.error_log}"
    return doc


@pytest.mark.parametrize("doc_type", DOCUMENT_TYPES, ids=lambda d: d.name)
def test_each_type_converts_to_xsd_valid_signed_messages(doc_type, tmp_path, profile, signer, schema_for):
    report = _convert(tmp_path, doc_type, profile, signer, documents=3, lines=2)
    expected_messages = 3 if doc_type.message.max_nodes == 1 else 1
    assert len(report.messages) == expected_messages
    for message in report.messages:
        doc = _assert_valid(schema_for(doc_type), message.path)
        root = doc.getroot()
        assert root.get("version") == "1.0"
        guid = root.get("guid")
        assert len(guid) == 36 and guid == guid.upper()
        assert message.signed
    parsed = read_message_file(report.messages[0].path)
    assert parsed.envelope.base_transfer == {
        "copCode": "1105910159",
        "copName": "测试供应链有限公司",
        "dxpMode": "DXP",
        "dxpId": "DXPENT0000000001",
    }


@pytest.mark.parametrize(
    "doc_type", [d for d in DOCUMENT_TYPES if d.message.signature != "required"], ids=lambda d: d.name
)
def test_unsigned_messages_are_valid_where_the_signature_is_optional(doc_type, tmp_path, profile, schema_for):
    report = _convert(tmp_path, doc_type, profile, None, documents=2, lines=1)
    for message in report.messages:
        _assert_valid(schema_for(doc_type), message.path)
        assert not message.signed


@pytest.mark.slow
@pytest.mark.parametrize("name", ["order", "inventory", "inventory-refund"])
def test_100_heads_of_99_lines_in_one_message(name, tmp_path, profile, signer, import_schema):
    doc_type = document_type(name)
    report = _convert(tmp_path, doc_type, profile, signer, documents=100, lines=99)
    assert report.converted == 100
    assert len(report.messages) == 1
    doc = _assert_valid(import_schema, report.messages[0].path)
    nodes = doc.getroot().findall(f"{{http://www.chinaport.gov.cn/ceb}}{doc_type.message.wrapper}")
    assert len(nodes) == 100
    assert all(len(n) == 100 for n in nodes)  # head + 99 lines


def test_101_documents_split_into_two_messages(tmp_path, profile, import_schema):
    report = _convert(tmp_path, document_type("payment"), profile, None, documents=101)
    assert sorted(m.documents for m in report.messages) == [1, 100]
    for message in report.messages:
        _assert_valid(import_schema, message.path)


def test_delivery_has_one_head_per_message_with_many_lines(tmp_path, profile, signer, import_schema):
    report = _convert(tmp_path, document_type("delivery"), profile, signer, documents=2, lines=150)
    assert [m.documents for m in report.messages] == [1, 1]
    for message in report.messages:
        _assert_valid(import_schema, message.path)


@pytest.mark.parametrize("doc_type", DOCUMENT_TYPES, ids=lambda d: d.name)
def test_maximum_length_chinese_text_and_five_decimal_amounts(
    doc_type, tmp_path, profile, signer, schema_for
):
    report = _convert(tmp_path, doc_type, profile, signer, documents=2, lines=2, longest=True)
    for message in report.messages:
        _assert_valid(schema_for(doc_type), message.path)
    parsed = read_message_file(report.messages[0].path)
    head = parsed.documents[0].head
    longest = [
        f
        for f in doc_type.head.fields
        if f.type.max_length and not f.type.exact_length and f.codes is None and f.name in head
    ]
    assert longest, "some free-text field was filled"
    for field in longest:
        if field.name not in doc_type.key and field.name not in SPECIAL:
            assert head[field.name] == "测" * field.type.max_length
    amounts = [f.name for f in doc_type.head.fields if f.type.fraction_digits == 5 and f.name in head]
    for name in amounts:
        assert head[name] == "12345678901234.12345"
