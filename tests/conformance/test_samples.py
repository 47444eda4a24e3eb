"""Every official import sample parses; rebuilding it gives XSD-valid XML with the same values."""

from __future__ import annotations

import pytest
from lxml import etree

from cebdesk.messages.build import build_message
from cebdesk.messages.parse import read_message, read_message_file
from cebdesk.signing.xmldsig import sign_message

pytestmark = pytest.mark.conformance

SAMPLE_DIRS = ("202205/import", "2018-113/import")


def _samples():
    from tests.conftest import ANCHORS

    found = []
    for d in SAMPLE_DIRS:
        found += sorted((ANCHORS / "ceb-samples" / d).glob("*.xml"))
    return found or [
        pytest.param(None, marks=pytest.mark.skip(reason="official samples not found in ../shared/anchors"))
    ]


def _values(parsed):
    return [(d.head, d.lines) for d in parsed.documents]


@pytest.mark.parametrize(
    "path", _samples(), ids=lambda p: f"{p.parent.parent.name}/{p.name}" if p else "none"
)
def test_sample_parses_and_rebuilds(path, import_schema, signer):
    parsed = read_message_file(path)
    assert parsed.documents
    assert not [f for f in parsed.findings if f.is_error], [f.render() for f in parsed.findings]
    env = parsed.envelope
    root = build_message(
        parsed.message,
        parsed.documents,
        base_transfer=env.base_transfer,
        base_subscribe=env.base_subscribe,
        guid=env.guid,
        version=env.version,
    )
    if parsed.message.signature == "required":
        sign_message(root, signer)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    rebuilt_tree = etree.fromstring(data).getroottree()
    assert import_schema.validate(rebuilt_tree), str(import_schema.error_log)
    rebuilt = read_message(rebuilt_tree, "rebuilt")
    assert _values(rebuilt) == _values(parsed)
    assert rebuilt.envelope.guid == env.guid
    assert rebuilt.envelope.base_transfer == env.base_transfer


def test_receipts_in_default_namespace_and_gb18030_parse(tmp_path):
    text = (
        '<?xml version="1.0" encoding="GB18030"?>\n'
        '<CEB312Message xmlns="http://www.chinaport.gov.cn/ceb" guid="BDF401B3-36D7-4A73-BCAD-292E9F053C6D" version="1.0">'
        "<OrderReturn><guid>ffb617c6-7349-4d92-a9c0-2c914c1678d8</guid><ebpCode>420196T001</ebpCode>"
        "<ebcCode>420196T001</ebcCode><orderNo>48511773608</orderNo><returnStatus>2</returnStatus>"
        "<returnTime>20170102231932210</returnTime><returnInfo>订单新增申报成功</returnInfo></OrderReturn>"
        "</CEB312Message>"
    )
    path = tmp_path / "r.xml"
    path.write_bytes(text.encode("gb18030"))
    parsed = read_message_file(path)
    assert parsed.message.code == "CEB312Message"
    assert parsed.documents[0].head["returnInfo"] == "订单新增申报成功"
    assert parsed.documents[0].head["orderNo"] == "48511773608"
