"""Valid export declarations for the exchange tests, built from spec/ (values from
tests/factory.value_for) and written as XML messages with cebdesk.messages.build."""

from __future__ import annotations

from pathlib import Path

from cebdesk.messages.build import build_message, file_name, indent, serialize
from cebdesk.records import Document, XmlOrigin
from cebdesk.signing.xmldsig import sign_message
from cebdesk.spec import EXPORT_TYPES, DocumentType, document_type
from tests.factory import value_for

TRANSFER = {"copCode": "1105910159", "copName": "测试供应链有限公司", "dxpId": "DXPENT0000000001"}
#: The enterprises of every test document (10-character customs codes).
AGENT = "1105910159"
EBC = "1105910160"
#: The number each export type is known by, and the document type names in the order they
#: are declared (a cancellation and a summary name inventories customs has released).
EXPORT_NAMES = tuple(dt.name for dt in EXPORT_TYPES)


def head_and_lines(
    dt: DocumentType, n: int = 0, lines: int = 1, **changes: str
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """A valid head (its number made unique by ``n``) and ``lines`` goods lines."""
    head = {f.name: value_for(f, n) for f in dt.head.fields if f.required}
    for name in (
        "agentCode",
        "ebpCode",
        "logisticsCode",
        "operatorCode",
        "payCode",
        "declAgentCode",
        "ownerCode",
    ):
        if name in dt.head:
            head[name] = AGENT
    if "ebcCode" in dt.head:
        head["ebcCode"] = EBC
    if "statisticsFlag" in dt.head:
        head["statisticsFlag"] = "B"  # summary declaration: merged by the monthly summary
    for key in dt.key:
        head[key] = f"E{n:05d}{dt.name[:3].upper()}"
    head.update(changes)
    rows = []
    if dt.list is not None:
        for index in range(lines if dt.message.min_lines or lines else 0):
            line = {f.name: value_for(f, n) for f in dt.list.fields if f.required}
            if "gnum" in line:
                line["gnum"] = str(index + 1)
            if "qty" in line and "price" in line and "totalPrice" in line:
                line.update(qty="1", price="10.5", totalPrice="10.5")
            rows.append(line)
        if "goodsValue" in head and rows and "totalPrice" in rows[0]:
            head["goodsValue"] = str(sum(float(r["totalPrice"]) for r in rows))
    return head, rows


def document(name: str, n: int = 0, lines: int = 1, *, list_lines=None, **changes: str) -> Document:
    dt = document_type(name)
    head, rows = head_and_lines(dt, n, lines, **changes)
    if list_lines is not None:
        rows = list_lines
    return Document(dt.message, head, rows, XmlOrigin("test", "/"))


def message_bytes(documents: list[Document], signer=None) -> bytes:
    root = build_message(documents[0].message, documents, base_transfer=TRANSFER)
    indent(root)
    if signer is not None:
        sign_message(root, signer)
    return serialize(root)


def write_message(folder: Path, documents: list[Document], signer=None) -> Path:
    root = build_message(documents[0].message, documents, base_transfer=TRANSFER)
    indent(root)
    if signer is not None:
        sign_message(root, signer)
    path = folder / file_name(root)
    path.write_bytes(serialize(root))
    return path
