"""Read any CEB import message back into records, namespace-aware and safely.

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
from ..spec import BASE_SUBSCRIBE, BASE_TRANSFER, NS_CEB, NS_DS, Direction, Entity, MessageType, message_type
from .safexml import parse_bytes, parse_file

NS_DXP = "http://www.chinaport.gov.cn/dxp"


@dataclass
class ParsedMessage:
    message: MessageType
    envelope: Envelope
    documents: list[Document]
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


class _Reader:
    def __init__(self, name: str, mt: MessageType) -> None:
        self.name = name
        self.mt = mt
        self.findings: list[Finding] = []

    def finding(self, path: str, rule: str, severity: Severity = Severity.ERROR, **params) -> None:
        self.findings.append(Finding(Location(self.name, path=path), rule, severity, params=params))

    def entity(self, node: etree._Element, entity: Entity, path: str) -> dict[str, str]:
        values: dict[str, str] = {}
        last = -1
        order = {f.name: i for i, f in enumerate(entity.fields)}
        # customs may add trailing elements to receipts (CEB816): tolerated, but said
        unknown_severity = Severity.WARNING if self.mt.direction is Direction.RECEIPT else Severity.ERROR
        for child in _elements(node):
            name = _local(child)
            index = order.get(name)
            if index is None or etree.QName(child).namespace != NS_CEB:
                self.finding(f"{path}/{name}", "message.unknown_element", unknown_severity, element=name)
                continue
            if name in values or index < last:
                self.finding(f"{path}/{name}", "message.order", element=name)
            last = max(last, index)
            text = child.text or ""
            if len(child):
                self.finding(f"{path}/{name}", "message.unknown_element", element=f"{name}/*")
            if text:
                values[name] = text
        return values


def read_message(tree: etree._ElementTree, name: str) -> ParsedMessage:
    """Records and structure findings of one parsed CEB import message."""
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
    envelope = Envelope(guid=root.get("guid", ""), version=root.get("version", ""))
    documents: list[Document] = []
    node_name = mt.wrapper or mt.head.name
    stage = 0  # 0 nodes, 1 BaseTransfer, 2 BaseSubscribe, 3 ExtendMessage, 4 Signature
    counts: dict[str, int] = {}
    for child in _elements(root):
        child_name = _local(child)
        count = counts[child_name] = counts.get(child_name, 0) + 1
        path = f"/{local}/{child_name}[{count}]"
        ns = etree.QName(child).namespace
        if child_name == "Signature" and ns == NS_DS:
            envelope.signed = True
            stage = 4
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
        elif child_name == "ExtendMessage" and mt.has_base_transfer and 1 <= stage <= 2:
            envelope.extend_message = child
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
    for child in _elements(node):
        child_name = _local(child)
        if child_name == mt.head.name and not seen_head and not lines:
            head = reader.entity(child, mt.head, head_path)
            seen_head = True
        elif mt.list is not None and child_name == mt.list.name and seen_head:
            lines.append(reader.entity(child, mt.list, f"{list_path}[{len(lines) + 1}]"))
        elif child_name in (mt.head.name, mt.list.name if mt.list else None):
            reader.finding(f"{path}/{child_name}", "message.order", element=child_name)
        else:
            reader.finding(f"{path}/{child_name}", "message.unknown_element", element=child_name)
    if not seen_head:
        reader.finding(path, "message.missing_element", element=mt.head.name)
    return Document(mt, head, lines, XmlOrigin(name, head_path, list_path))


def read_message_file(path: str | os.PathLike[str]) -> ParsedMessage:
    return read_message(parse_file(path), str(path))


def read_message_bytes(data: bytes, name: str = "<bytes>") -> ParsedMessage:
    return read_message(parse_bytes(data, name), name)
