"""The customs simulator judges like customs: format, signature, fields, duplicates."""

from __future__ import annotations

from lxml import etree

from cebdesk.exchange.simulator import Customs
from cebdesk.messages.build import build_message, indent, serialize
from cebdesk.messages.parse import read_message_bytes
from cebdesk.records import Document, XmlOrigin
from cebdesk.signing.xmldsig import sign_message
from cebdesk.spec import document_type
from tests.factory import value_for

TRANSFER = {"copCode": "1105910159", "copName": "测试", "dxpId": "DXPENT0000000001"}


def _inventory(signer, n=0, **changes) -> bytes:
    dt = document_type("inventory")
    head = {f.name: value_for(f, n) for f in dt.head.fields}
    head.update(orderNo=f"SIM{n}", **changes)
    line = {f.name: value_for(f, 1) for f in dt.list.fields}
    line["gnum"] = "1"
    root = build_message(
        dt.message, [Document(dt.message, head, [line], XmlOrigin("t", "/"))], base_transfer=TRANSFER
    )
    indent(root)
    sign_message(root, signer)
    return serialize(root)


def _statuses(receipts):
    out = []
    for name, data in receipts:
        parsed = read_message_bytes(data, name)
        out += [d.head["returnStatus"] for d in parsed.documents]
    return out


def test_sequences_duplicates_signatures_and_format_errors(tmp_path, signer):
    customs = Customs(tmp_path)
    good = _inventory(signer)
    assert _statuses(customs.take(good, "a.xml", "M1")) == ["2", "120", "399", "800"]
    assert customs.take(good, "a.xml", "M1") == []  # the same CopMsgId again: already taken
    assert _statuses(customs.take(_inventory(signer), "b.xml", "M2")) == ["-621004"]  # declared before
    tampered = _inventory(signer, 1).replace(b"<ceb:buyerName>", b"<ceb:buyerName>X")
    assert _statuses(customs.take(tampered, "c.xml", "M3")) == ["-621029"]
    invalid = _inventory(signer, 2, customsCode="12345")
    receipts = customs.take(invalid, "d.xml", "M4")
    assert _statuses(receipts) == ["-621001"]
    assert "customsCode" in read_message_bytes(receipts[0][1], "r").documents[0].head["returnInfo"]
    [(name, data)] = customs.take(b"<not xml", "e.xml", "M5")
    assert name.startswith("CEB900")
    head = read_message_bytes(data, name).documents[0].head
    assert (
        head["oriCopMsgId"] == "M5"
        and head["returnStatus"].startswith("-")
        and head["oriMessageType"] == "Unknown"
    )
    assert etree.fromstring(data) is not None
