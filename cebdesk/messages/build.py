"""Build CEBnnnMessage trees from documents, in XSD order, driven by spec/ only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from lxml import etree

from ..records import Document, new_guid
from ..spec import BASE_SUBSCRIBE, BASE_TRANSFER, NS_CEB, NS_XSI, Entity, MessageType

NSMAP = {"ceb": NS_CEB, "xsi": NS_XSI}
XML_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def q(name: str) -> str:
    return f"{{{NS_CEB}}}{name}"


@cache
def _tags(entity: Entity) -> tuple[tuple[str, str, bool], ...]:
    return tuple((f.name, q(f.name), f.required) for f in entity.fields)


def add_entity(parent: etree._Element, entity: Entity, values: dict[str, str]) -> etree._Element:
    """Append ``entity`` with its fields in sequence order; empty optional fields are left out."""
    node = etree.SubElement(parent, q(entity.name))
    sub = etree.SubElement
    for name, tag, required in _tags(entity):
        value = values.get(name)
        if value:
            sub(node, tag).text = value
        elif required:
            sub(node, tag)  # kept so that what was received rebuilds the same
    return node


def build_message(
    mt: MessageType,
    documents: Sequence[Document],
    *,
    base_transfer: dict[str, str] | None = None,
    base_subscribe: Iterable[dict[str, str]] = (),
    extend_message: etree._Element | None = None,
    guid: str | None = None,
    version: str = "1.0",
) -> etree._Element:
    """One CEBnnnMessage root holding ``documents`` (at most ``mt.max_nodes``)."""
    if mt.max_nodes is not None and len(documents) > mt.max_nodes:
        raise ValueError(f"{mt.code} holds at most {mt.max_nodes} documents, got {len(documents)}")
    root = etree.Element(q(mt.code), nsmap=NSMAP)
    root.set("guid", guid or new_guid())
    root.set("version", version)
    for doc in documents:
        if mt.wrapper:
            node = etree.SubElement(root, q(mt.wrapper))
            add_entity(node, mt.head, doc.head)
            if mt.list is not None:
                for line in doc.lines:
                    add_entity(node, mt.list, line)
        else:
            add_entity(root, mt.head, doc.head)
    if mt.has_base_transfer:
        if base_transfer is None:
            raise ValueError(f"{mt.code} needs a BaseTransfer (copCode, copName, dxpId)")
        transfer = {"dxpMode": "DXP", **base_transfer}
        add_entity(root, BASE_TRANSFER, transfer)
        for subscribe in base_subscribe:
            add_entity(root, BASE_SUBSCRIBE, subscribe)
        if extend_message is not None:
            root.append(extend_message)
    return root


def indent(root: etree._Element) -> None:
    """Readable layout, as the official samples have. Only ever before signing."""
    etree.indent(root, space="\t")


def serialize(root: etree._Element) -> bytes:
    """The file's bytes: declaration and the tree exactly as it stands (never re-indented)."""
    return XML_DECLARATION + etree.tostring(root, encoding="UTF-8", xml_declaration=False)


def file_name(root: etree._Element) -> str:
    return f"{etree.QName(root).localname}_{root.get('guid')}.xml"
