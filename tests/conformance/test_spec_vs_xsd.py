"""spec/ is our own transcription; the official import and export XSDs judge it field by field.

Import and export entities share names (OrderHead, InventoryHead, InvtCancel…) with different
fields: each entity is found through its message type and compared with the XSD of its family.
"""

from __future__ import annotations

import functools

import pytest

from cebdesk import spec
from cebdesk.spec import Direction, Kind, SignaturePosition

pytestmark = pytest.mark.conformance

XS = "{http://www.w3.org/2001/XMLSchema}"
#: Lexical facets: whiteSpace="collapse" (a few export fields) only makes the XSD read surrounding
#: and repeated blanks leniently; cebdesk writes values without them, so it is no fact of ours.
LEXICAL = {"whiteSpace"}


def _xsd_path(family: str):
    from tests.conftest import EXPORT_XSD, IMPORT_XSD

    return EXPORT_XSD if family == "export" else IMPORT_XSD


@functools.cache
def _root(path):
    from lxml import etree

    return etree.parse(str(path)).getroot()


@functools.cache
def _xsd_entities(path):
    """Top-level elements of the XSD at ``path`` with a flat sequence of simple fields:
    name -> [(element, base, required, facets, fixed)]. test_validate_vs_xsd compares editions
    with it too."""
    from lxml import etree

    out = {}
    for element in _root(path).findall(f"{XS}element"):
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
                    if isinstance(facet.tag, str) and etree.QName(facet).localname not in LEXICAL:
                        facets[etree.QName(facet).localname] = int(facet.get("value"))
            fields.append((name, base, child.get("minOccurs", "1") != "0", facets, child.get("fixed")))
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


def _cases():
    seen = set()
    for mt in spec.ALL_MESSAGES:
        for entity in (mt.head, mt.list):
            if entity is not None and (mt.family, entity.name) not in seen:
                seen.add((mt.family, entity.name))
                yield pytest.param(mt.family, entity, id=f"{mt.family}-{entity.name}")
    for family, module in (("import", spec.entities), ("export", spec.export)):
        for entity in (module.BaseTransfer, module.BaseSubscribe):
            yield pytest.param(family, entity, id=f"{family}-{entity.name}")


@pytest.mark.parametrize(("family", "ours"), list(_cases()))
def test_entity_matches_official_xsd(family, ours, anchors):
    official = _xsd_entities(_xsd_path(family))[ours.name]
    assert [f[0] for f in official] == list(ours.names), "element order"
    for (el, base, required, facets, fixed), field in zip(official, ours.fields, strict=True):
        our_base, our_facets = _ours(field)
        assert our_base == base, el
        assert field.required == required, el
        # minLength 0 is the same as no minLength
        facets = {k: v for k, v in facets.items() if not (k == "minLength" and v == 0)}
        assert our_facets == facets, el
        if family == "export":  # the import transcription also fixes values the XSD leaves open
            assert field.fixed == fixed, el


def test_every_export_entity_is_transcribed(anchors):
    """Nothing of the export XSD is left out: every entity it defines is some message's head or
    list, or BaseTransfer/BaseSubscribe/ExtendMessage."""
    ours = {e.name for mt in spec.EXPORT_MESSAGES for e in (mt.head, mt.list) if e is not None}
    assert set(_xsd_entities(_xsd_path("export"))) == ours | {
        "BaseTransfer",
        "BaseSubscribe",
        "ExtendMessage",
    }


def _occurs(element, attribute, default):
    value = element.get(attribute, default)
    return None if value == "unbounded" else int(value)


@pytest.mark.parametrize("mt", spec.ALL_MESSAGES, ids=lambda mt: mt.code)
def test_message_structure_matches_official_xsd(mt, anchors):
    root = _root(_xsd_path(mt.family))
    element = root.find(f"{XS}element[@name='{mt.code}']")
    assert element is not None, mt.code
    seq = element.find(f"{XS}complexType/{XS}sequence")
    children = seq.findall(f"{XS}element")
    first = children[0]
    if mt.wrapper:
        if first.get("name") is not None:  # the import XSD declares its wrappers inline
            assert first.get("name") == mt.wrapper
            wrapper = first
        else:  # the export XSD refers to top-level wrapper elements
            assert first.get("ref") == f"ceb:{mt.wrapper}"
            wrapper = root.find(f"{XS}element[@name='{mt.wrapper}']")
        inner = wrapper.findall(f"{XS}complexType/{XS}sequence/{XS}element")
        assert inner[0].get("ref") == f"ceb:{mt.head.name}"
        assert _occurs(inner[0], "maxOccurs", "1") == 1
        if mt.list:
            assert [e.get("ref") for e in inner[1:]] == [f"ceb:{mt.list.name}"]
            assert mt.max_lines == _occurs(inner[1], "maxOccurs", "1"), mt.code
            assert mt.min_lines == _occurs(inner[1], "minOccurs", "1"), mt.code
        else:
            assert len(inner) == 1
    else:
        assert first.get("ref") == f"ceb:{mt.head.name}"
    assert mt.max_nodes == _occurs(first, "maxOccurs", "1"), mt.code
    refs = [e.get("ref") or e.get("name") for e in children]
    assert ("ceb:BaseTransfer" in refs) == mt.has_base_transfer, mt.code
    assert mt.has_base_transfer == (mt.direction is Direction.DECLARATION)
    sig = seq.find(f"{XS}element[@ref='ds:Signature']")
    if sig is None:
        assert mt.signature == "none", mt.code
        return
    assert mt.signature == ("optional" if sig.get("minOccurs") == "0" else "required"), mt.code
    if mt.signature_position is SignaturePosition.LAST:
        assert refs[-1] == "ds:Signature", mt.code
    else:
        assert refs[-2:] == ["ds:Signature", "ceb:ExtendMessage"], mt.code
        assert spec.signature_position(mt.code) is SignaturePosition.BEFORE_EXTEND


@pytest.mark.parametrize("mt", spec.EXPORT_MESSAGES, ids=lambda mt: mt.code)
def test_export_message_types(mt):
    assert mt.family == "export"
    assert spec.message_type(mt.code) is mt
    assert spec.message_type(mt.number) is mt
    assert mt.signature_position is SignaturePosition.BEFORE_EXTEND
    assert mt.signature == ("optional" if mt.direction is Direction.DECLARATION else "none")
    assert mt.parts == ("msgCount" in mt.head and mt.direction is Direction.DECLARATION)
    assert (mt.code in spec.EXPORT_DECLARATIONS) == (mt.direction is Direction.DECLARATION)
    assert (mt.code in spec.EXPORT_RECEIPTS) == (mt.direction is Direction.RECEIPT)
