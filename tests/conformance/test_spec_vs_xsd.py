"""spec/ is our own transcription; the official import XSD judges it field by field."""

from __future__ import annotations

import pytest

from cebdesk import spec
from cebdesk.spec import Kind

pytestmark = pytest.mark.conformance

XS = "{http://www.w3.org/2001/XMLSchema}"


def _xsd_entities(import_xsd_path):
    from lxml import etree

    doc = etree.parse(str(import_xsd_path))
    out = {}
    for element in doc.getroot().findall(f"{XS}element"):
        seq = element.find(f"{XS}complexType/{XS}sequence")
        if seq is None:
            continue
        fields = []
        for child in seq.findall(f"{XS}element"):
            name = child.get("name")
            if name is None:  # ref: a nested entity, not a simple field
                fields = None
                break
            facets = {}
            restriction = child.find(f"{XS}simpleType/{XS}restriction")
            base = child.get("type") or (restriction.get("base") if restriction is not None else None)
            if restriction is not None:
                for facet in restriction:
                    if isinstance(facet.tag, str):
                        facets[etree.QName(facet).localname] = int(facet.get("value"))
            fields.append((name, base, child.get("minOccurs", "1") != "0", facets))
        if fields:
            out[element.get("name")] = fields
    return out


def _ours(f: spec.Field):
    t = f.type
    if t.kind is Kind.DECIMAL:
        return "xs:decimal", {"totalDigits": t.total_digits, "fractionDigits": t.fraction_digits}
    if t.kind is Kind.INT:
        return "xs:int", ({"totalDigits": t.total_digits} if t.total_digits else {})
    if t.exact_length:
        return "xs:string", {"length": t.exact_length}
    facets = {}
    if t.min_length:
        facets["minLength"] = t.min_length
    if t.max_length is not None:
        facets["maxLength"] = t.max_length
    return "xs:string", facets


ENTITIES = sorted(
    {mt.head.name for mt in spec.IMPORT_MESSAGES}
    | {mt.list.name for mt in spec.IMPORT_MESSAGES if mt.list}
    | {"BaseTransfer", "BaseSubscribe"}
)


@pytest.mark.parametrize("name", ENTITIES)
def test_entity_matches_official_xsd(name, anchors):
    from tests.conftest import IMPORT_XSD

    official = _xsd_entities(IMPORT_XSD)[name]
    ours = getattr(spec.entities, name)
    assert [f[0] for f in official] == list(ours.names), "element order"
    for (el, base, required, facets), field in zip(official, ours.fields, strict=False):
        our_base, our_facets = _ours(field)
        assert our_base == base, el
        assert field.required == required, el
        # minLength 0 is the same as no minLength
        facets = {k: v for k, v in facets.items() if not (k == "minLength" and v == 0)}
        assert our_facets == facets, el


def test_message_structure_matches_official_xsd(anchors):
    from lxml import etree

    from tests.conftest import IMPORT_XSD

    root = etree.parse(str(IMPORT_XSD)).getroot()
    for mt in spec.IMPORT_MESSAGES:
        element = root.find(f"{XS}element[@name='{mt.code}']")
        seq = element.find(f"{XS}complexType/{XS}sequence")
        first = seq[0] if isinstance(seq[0].tag, str) else seq[1]
        if mt.wrapper:
            assert first.get("name") == mt.wrapper
            inner = first.findall(f"{XS}complexType/{XS}sequence/{XS}element")
            assert inner[0].get("ref") == f"ceb:{mt.head.name}"
            if mt.list:
                assert inner[1].get("ref") == f"ceb:{mt.list.name}"
                expected = (
                    None if inner[1].get("maxOccurs") == "unbounded" else int(inner[1].get("maxOccurs", "1"))
                )
                assert mt.max_lines == expected
        else:
            assert first.get("ref") == f"ceb:{mt.head.name}"
        max_nodes = first.get("maxOccurs", "1")
        assert mt.max_nodes == (None if max_nodes == "unbounded" else int(max_nodes)), mt.code
        refs = [e.get("ref") for e in seq.findall(f"{XS}element")]
        assert ("ceb:BaseTransfer" in refs) == mt.has_base_transfer, mt.code
        sig = seq.find(f"{XS}element[@ref='ds:Signature']")
        if sig is None:
            assert mt.signature == "none", mt.code
        else:
            assert mt.signature == ("optional" if sig.get("minOccurs") == "0" else "required"), mt.code
            assert refs[-1] == "ds:Signature"  # import: the signature is the last child
