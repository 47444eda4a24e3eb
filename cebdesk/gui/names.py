"""Names from spec/ in the window's language: the journal stores message codes (CEB621Message),
the window shows the document type's name, in Chinese or English."""

from __future__ import annotations

from ..spec import document_type_for, message_type


def message_name(code: str, language: str = "zh") -> str:
    """"进口清单" / "Import inventory" for CEB621Message; a message without a document type of
    its own (a receipt) by the standard's label."""
    mt = message_type(code)
    doc_type = document_type_for(mt)
    return doc_type.display(language) if doc_type is not None else mt.label
