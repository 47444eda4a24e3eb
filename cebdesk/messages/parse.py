"""Read any CEB message (import or export) back into records, namespace-aware and safely.

Accepts the ``ceb:`` prefix or a default namespace, UTF-8 or GB18030/GBK declared, a bare
message or one inside a DXP envelope (DxpMsg / DxpMsgSv, Data = base64 of the message).
Structure problems (unknown or misplaced elements, too many nodes) become findings tied to an
XML path; field values are checked by checks/.
"""

from __future__ import annotations

import base64
import binascii
import os
from dataclasses import dataclass, field

from lxml import etree

from ..findings import Finding, InputError, Location, Severity
from ..records import Document, Envelope, XmlOrigin
from ..spec import (
    BASE_SUBSCRIBE,
    BASE_TRANSFER,
    EXTEND_MESSAGE,
    NS_CEB,
    NS_DS,
    NS_XSI,
    Direction,
    Entity,
    Field,
    Kind,
    MessageType,
    SignaturePosition,
    message_type,
)
from ..spec.entities import EXTEND_MESSAGE_ANY
from ..spec.messages import MAX_SUBSCRIBERS
from .safexml import parse_bytes, parse_file

NS_DXP = "http://www.chinaport.gov.cn/dxp"
#: Attributes any element may carry: a schema processor reads them itself.
_XSI_ATTRIBUTES = frozenset({f"{{{NS_XSI}}}schemaLocation", f"{{{NS_XSI}}}noNamespaceSchemaLocation"})
ROOT_ATTRIBUTES = frozenset({"guid", "version"})


@dataclass
class ParsedMessage:
    message: MessageType
    envelope: Envelope
    documents: list[Document]
    #: Structure problems: each is something the official XSD refuses too (an unknown element
    #: in a receipt is only a warning: customs' own receipts carry some).
    findings: list[Finding] = field(default_factory=list)
    tree: etree._ElementTree | None = None

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)


def _local(node: etree._Element) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _elements(node: etree._Element) -> list[etree._Element]:
    return [child for child in node if isinstance(child.tag, str)]


def unwrap_dxp(tree: etree._ElementTree, name: str) -> etree._ElementTree:
    """The business message inside a DxpMsg/DxpMsgSv envelope (or the tree itself)."""
    root = tree.getroot()
    if _local(root) not in ("DxpMsg", "DxpMsgSv"):
        return tree
    data = root.find(f".//{{{NS_DXP}}}Data")
    if data is None:
        data = next((n for n in root.iter() if _local(n) == "Data"), None)
    if data is None or not (data.text or "").strip():
        where = Location(name, path=f"/{_local(root)}")
        raise InputError([Finding(where, "message.missing_element", params={"element": "Data"})])
    try:
        inner = base64.b64decode("".join(data.text.split()), validate=True)
    except (binascii.Error, ValueError):
        where = Location(name, path=f"/{_local(root)}/Data")
        raise InputError([Finding(where, "xml.malformed", params={"detail": "Data is not base64"})]) from None
    return parse_bytes(inner, f"{name}#Data")


def _may_be_empty(field: Field) -> bool:
    """Does the XSD accept the element present with no text (<ceb:note/>)?"""
    return field.type.kind is Kind.TEXT and field.type.min_length == 0


def _simple_text(node: etree._Element) -> str:
    """The value of an element of simple type: its text, comments and processing instructions
    left out (they may sit inside a value without changing it)."""
    return (node.text or "") + "".join(child.tail or "" for child in node)


class _Reader:
    def __init__(self, name: str, mt: MessageType) -> None:
        self.name = name
        self.mt = mt
        self.findings: list[Finding] = []

    def finding(self, path: str, rule: str, severity: Severity = Severity.ERROR, **params) -> None:
        self.findings.append(Finding(Location(self.name, path=path), rule, severity, params=params))

    def attributes(self, node: etree._Element, path: str, allowed: frozenset[str] = frozenset()) -> None:
        """CEB elements carry no attributes (the root: guid and version)."""
        for attribute in node.attrib:
            if attribute not in allowed and attribute not in _XSI_ATTRIBUTES:
                qname = etree.QName(attribute)
                shown = f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
                self.finding(path, "message.unknown_attribute", attribute=shown)

    def element_only(self, node: etree._Element, path: str) -> None:
        """An element that holds elements holds no text of its own (blank layout aside)."""
        for piece in (node.text, *(child.tail for child in node)):
            if piece and piece.strip():
                text = piece.strip()
                self.finding(path, "message.stray_text", element=_local(node), text=text[:40])
                return

    def entity(self, node: etree._Element, entity: Entity, path: str) -> dict[str, str]:
        """The fields of one entity, in sequence. A required element present without text is
        kept as "" (the XSD tells it apart from an absent one); an empty optional one is left out."""
        self.attributes(node, path)
        self.element_only(node, path)
        values: dict[str, str] = {}
        seen: set[str] = set()
        last = -1
        order = {f.name: i for i, f in enumerate(entity.fields)}
        # customs may add trailing elements to receipts (CEB816): tolerated, but said
        unknown_severity = Severity.WARNING if self.mt.direction is Direction.RECEIPT else Severity.ERROR
        for child in _elements(node):
            name = _local(child)
            where = f"{path}/{name}"
            index = order.get(name)
            if index is None or etree.QName(child).namespace != NS_CEB:
                self.finding(where, "message.unknown_element", unknown_severity, element=name)
                continue
            if name in seen:
                self.finding(where, "message.repeated", element=name)
                continue
            if index < last:
                self.finding(where, "message.order", element=name)
            last = max(last, index)
            self.attributes(child, where)
            if len(_elements(child)):
                self.finding(where, "message.unknown_element", element=f"{name}/*")
            text = _simple_text(child)
            if text or entity[name].required:
                values[name] = text
            elif not _may_be_empty(entity[name]):
                self.finding(where, "message.empty_element", element=name)
            seen.add(name)
        return values

    def extend_message(self, node: etree._Element, path: str) -> None:
        """ExtendMessage: name, version (at most 30 characters each) and Message, which holds at
        most one element of any kind and nothing else."""
        self.attributes(node, path)
        self.element_only(node, path)
        expected = [*EXTEND_MESSAGE.names, EXTEND_MESSAGE_ANY]
        children = _elements(node)
        names = [_local(c) if etree.QName(c).namespace == NS_CEB else "" for c in children]
        for child, name in zip(children, names, strict=True):
            if name not in expected:
                self.finding(f"{path}/{_local(child)}", "message.unknown_element", element=_local(child))
        present = [n for n in names if n in expected]
        if present != [n for n in expected if n in present]:
            self.finding(path, "message.order", element="ExtendMessage/*")
        elif len(present) != len(set(present)):
            self.finding(path, "message.repeated", element="ExtendMessage/*")
        for f in EXTEND_MESSAGE.fields:
            if f.name not in present:
                self.finding(path, "message.missing_element", element=f.name)
        for child, name in zip(children, names, strict=True):
            if name in EXTEND_MESSAGE.names:
                self.attributes(child, f"{path}/{name}")
                limit = EXTEND_MESSAGE[name].type.max_length
                text = _simple_text(child)
                if len(_elements(child)):
                    self.finding(f"{path}/{name}", "message.unknown_element", element=f"{name}/*")
                elif limit is not None and len(text) > limit:
                    self.findings.append(
                        Finding(
                            Location(self.name, path=f"{path}/{name}"),
                            "field.too_long",
                            element=name,
                            label=EXTEND_MESSAGE[name].label,
                            params={"length": len(text), "max": limit},
                        )
                    )
        holders = [c for c, n in zip(children, names, strict=True) if n == EXTEND_MESSAGE_ANY]
        if not holders:
            self.finding(path, "message.missing_element", element=EXTEND_MESSAGE_ANY)
        for holder in holders:
            where = f"{path}/{EXTEND_MESSAGE_ANY}"
            self.attributes(holder, where)
            self.element_only(holder, where)
            if len(_elements(holder)) > 1:
                self.finding(
                    where,
                    "message.too_many",
                    element=f"{EXTEND_MESSAGE_ANY}/*",
                    limit=1,
                    count=len(_elements(holder)),
                )


def read_message(tree: etree._ElementTree, name: str) -> ParsedMessage:
    """Records and structure findings of one parsed CEB message (import or export)."""
    tree = unwrap_dxp(tree, name)
    root = tree.getroot()
    local = _local(root)
    if not (local.startswith("CEB") and local.endswith("Message")):
        raise InputError(
            [Finding(Location(name, path=f"/{local}"), "message.not_ceb", params={"root": local})]
        )
    try:
        mt = message_type(local)
    except KeyError:
        raise InputError(
            [Finding(Location(name, path=f"/{local}"), "message.unknown_type", params={"root": local})]
        ) from None
    reader = _Reader(name, mt)
    if etree.QName(root).namespace != NS_CEB:
        reader.finding(f"/{local}", "message.wrong_namespace", element=local, expected=NS_CEB)
    reader.attributes(root, f"/{local}", ROOT_ATTRIBUTES)
    reader.element_only(root, f"/{local}")
    envelope = Envelope(guid=root.get("guid", ""), version=root.get("version", ""))
    documents: list[Document] = []
    node_name = mt.wrapper or mt.head.name
    # import: nodes, BaseTransfer, BaseSubscribe*, ExtendMessage?, ds:Signature (last);
    # export: nodes, BaseTransfer, BaseSubscribe*, ds:Signature?, ExtendMessage?
    before_extend = mt.signature_position is SignaturePosition.BEFORE_EXTEND
    stage = 0  # 0 nodes, 1 BaseTransfer, 2 BaseSubscribe, 3 ExtendMessage, 4 Signature (import)
    counts: dict[str, int] = {}
    for child in _elements(root):
        child_name = _local(child)
        count = counts[child_name] = counts.get(child_name, 0) + 1
        path = f"/{local}/{child_name}[{count}]"
        ns = etree.QName(child).namespace
        if child_name == "Signature" and ns == NS_DS:
            if mt.signature == "none":
                reader.finding(path, "sig.not_allowed", message=mt.code)
            elif envelope.signed:
                reader.finding(path, "message.repeated", element="ds:Signature")
            elif before_extend and not 1 <= stage <= 2:
                reader.finding(path, "message.order", element="ds:Signature")
            envelope.signed = True
            # export: ExtendMessage may still follow; nothing else may
            stage = 2.5 if before_extend and stage <= 2 else 4
            continue
        if ns != NS_CEB:
            reader.finding(path, "message.unknown_element", element=child_name)
            continue
        if child_name == node_name and stage == 0:
            documents.append(_document(reader, mt, child, path, name))
        elif child_name == "BaseTransfer" and mt.has_base_transfer and stage < 1:
            envelope.base_transfer = reader.entity(child, BASE_TRANSFER, path)
            stage = 1
        elif child_name == "BaseSubscribe" and mt.has_base_transfer and 1 <= stage <= 2:
            envelope.base_subscribe.append(reader.entity(child, BASE_SUBSCRIBE, path))
            stage = 2
        elif child_name == "ExtendMessage" and mt.has_base_transfer and 1 <= stage <= (2.5 if before_extend else 2):
            envelope.extend_message = child
            reader.extend_message(child, path)
            stage = 3
        elif child_name in (node_name, "BaseTransfer", "BaseSubscribe", "ExtendMessage"):
            reader.finding(path, "message.order", element=child_name)
        else:
            reader.finding(path, "message.unknown_element", element=child_name)
    if not documents:
        reader.finding(f"/{local}", "message.missing_element", element=node_name)
    if mt.max_nodes is not None and len(documents) > mt.max_nodes:
        reader.finding(
            f"/{local}", "message.too_many", element=node_name, limit=mt.max_nodes, count=len(documents)
        )
    if len(envelope.base_subscribe) > MAX_SUBSCRIBERS:
        reader.finding(
            f"/{local}",
            "message.too_many",
            element="BaseSubscribe",
            limit=MAX_SUBSCRIBERS,
            count=len(envelope.base_subscribe),
        )
    if mt.has_base_transfer and envelope.base_transfer is None:
        reader.finding(f"/{local}", "message.missing_element", element="BaseTransfer")
    return ParsedMessage(mt, envelope, documents, reader.findings, tree)


def _document(reader: _Reader, mt: MessageType, node: etree._Element, path: str, name: str) -> Document:
    if mt.wrapper is None:
        head = reader.entity(node, mt.head, path)
        return Document(mt, head, [], XmlOrigin(name, path))
    head: dict[str, str] = {}
    lines: list[dict[str, str]] = []
    seen_head = False
    head_path = f"{path}/{mt.head.name}"
    list_path = f"{path}/{mt.list.name}" if mt.list else None
    reader.attributes(node, path)
    reader.element_only(node, path)
    for child in _elements(node):
        child_name = _local(child) if etree.QName(child).namespace == NS_CEB else f"{{}}{_local(child)}"
        if child_name == mt.head.name and not seen_head and not lines:
            head = reader.entity(child, mt.head, head_path)
            seen_head = True
        elif mt.list is not None and child_name == mt.list.name and seen_head:
            lines.append(reader.entity(child, mt.list, f"{list_path}[{len(lines) + 1}]"))
        elif child_name == mt.head.name and seen_head:
            reader.finding(f"{path}/{child_name}", "message.repeated", element=child_name)
        elif child_name in (mt.head.name, mt.list.name if mt.list else None):
            reader.finding(f"{path}/{child_name}", "message.order", element=child_name)
        else:
            reader.finding(f"{path}/{_local(child)}", "message.unknown_element", element=_local(child))
    if not seen_head:
        reader.finding(path, "message.missing_element", element=mt.head.name)
    return Document(mt, head, lines, XmlOrigin(name, head_path, list_path))


def read_message_file(path: str | os.PathLike[str]) -> ParsedMessage:
    return read_message(parse_file(path), str(path))


def read_message_bytes(data: bytes, name: str = "<bytes>") -> ParsedMessage:
    return read_message(parse_bytes(data, name), name)
