"""The CEB standard as data: message types, entities, fields and code tables.

This package imports nothing else from cebdesk and does no I/O. Everything below it (templates,
reader, checks, builder, parser) reads field order, types, lengths and labels from here.
"""

from __future__ import annotations

from . import codes, entities, export
from .documents import DOCUMENT_TYPES, EXPORT_TYPES, IMPORT_TYPES
from .export import EXPORT_MESSAGES
from .messages import ALL_MESSAGES, EXPORT_DECLARATIONS, EXPORT_RECEIPTS, IMPORT_MESSAGES
from .model import (
    Code,
    CodeTable,
    Direction,
    DocumentType,
    Entity,
    Field,
    FieldType,
    Format,
    Kind,
    MessageType,
    SignaturePosition,
)

NS_CEB = "http://www.chinaport.gov.cn/ceb"
NS_DS = "http://www.w3.org/2000/09/xmldsig#"
NS_XSI = "http://www.w3.org/2001/XMLSchema-instance"
BASE_TRANSFER = entities.BaseTransfer
BASE_SUBSCRIBE = entities.BaseSubscribe
EXTEND_MESSAGE = entities.ExtendMessage

_MESSAGES = {mt.code: mt for mt in ALL_MESSAGES}
_DOCUMENTS = {dt.name: dt for dt in DOCUMENT_TYPES}
_DOCUMENTS_BY_MESSAGE = {dt.message.code: dt for dt in DOCUMENT_TYPES}


def message_type(code: str) -> MessageType:
    """The message type for ``CEB311Message`` (``CEB311`` and ``311`` also work), import or export."""
    key = code if code.endswith("Message") else f"CEB{code.removeprefix('CEB')}Message"
    try:
        return _MESSAGES[key]
    except KeyError:
        raise KeyError(f"unknown message type {code!r}") from None


def signature_position(code: str) -> SignaturePosition | None:
    """Where a message's root takes ds:Signature; None for messages customs sends (never signed)."""
    if code in EXPORT_DECLARATIONS:
        return SignaturePosition.BEFORE_EXTEND
    if code in EXPORT_RECEIPTS:
        return None
    mt = _MESSAGES.get(code)
    if mt is None or mt.signature == "none":
        return None
    return mt.signature_position


def document_type(name: str) -> DocumentType:
    try:
        return _DOCUMENTS[name]
    except KeyError:
        raise KeyError(f"unknown document type {name!r}; one of: {', '.join(_DOCUMENTS)}") from None


def document_type_for(message: MessageType) -> DocumentType | None:
    return _DOCUMENTS_BY_MESSAGE.get(message.code)


__all__ = [
    "ALL_MESSAGES",
    "BASE_SUBSCRIBE",
    "BASE_TRANSFER",
    "DOCUMENT_TYPES",
    "EXPORT_DECLARATIONS",
    "EXPORT_MESSAGES",
    "EXPORT_RECEIPTS",
    "EXPORT_TYPES",
    "EXTEND_MESSAGE",
    "IMPORT_MESSAGES",
    "IMPORT_TYPES",
    "NS_CEB",
    "NS_DS",
    "NS_XSI",
    "Code",
    "CodeTable",
    "Direction",
    "DocumentType",
    "Entity",
    "Field",
    "FieldType",
    "Format",
    "Kind",
    "MessageType",
    "SignaturePosition",
    "codes",
    "document_type",
    "document_type_for",
    "entities",
    "export",
    "message_type",
    "signature_position",
]
