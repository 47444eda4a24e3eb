"""Plain records that flow between the layers: one business document and where it came from."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from .findings import Location
from .spec import MessageType


def new_guid() -> str:
    """A 36-character upper-case UUID, as the standard asks for guid."""
    return str(uuid.uuid4()).upper()


@dataclass
class SheetOrigin:
    """Where a document's values sit in a workbook."""

    file: str
    sheet: str
    head_row: int
    head_columns: dict[str, str]  # element -> column letter
    line_rows: list[int] = field(default_factory=list)
    list_sheet: str | None = None  # None: same sheet
    list_columns: dict[str, str] = field(default_factory=dict)

    def head(self, element: str | None = None) -> Location:
        return Location(self.file, self.sheet, self.head_row, self.head_columns.get(element or ""))

    def line(self, index: int, element: str | None = None) -> Location:
        row = self.line_rows[index] if index < len(self.line_rows) else None
        sheet = self.list_sheet or self.sheet
        return Location(self.file, sheet, row, self.list_columns.get(element or ""))


@dataclass
class XmlOrigin:
    """Where a document's values sit in an XML message."""

    file: str
    head_path: str  # "/CEB311Message/Order[2]/OrderHead"
    list_path: str | None = None  # "/CEB311Message/Order[2]/OrderList"

    def head(self, element: str | None = None) -> Location:
        return Location(self.file, path=f"{self.head_path}/{element}" if element else self.head_path)

    def line(self, index: int, element: str | None = None) -> Location:
        base = f"{self.list_path}[{index + 1}]"
        return Location(self.file, path=f"{base}/{element}" if element else base)


Origin = SheetOrigin | XmlOrigin


@dataclass
class Document:
    """One business document (an order with its goods, a waybill, an inventory…).

    Values are strings exactly as they go into the XML; empty optional fields are absent.
    """

    message: MessageType
    head: dict[str, str]
    lines: list[dict[str, str]]
    origin: Origin

    @property
    def key(self) -> str:
        from .spec import document_type_for

        doc_type = document_type_for(self.message)
        return doc_type.business_key(self.head) if doc_type else self.head.get("guid", "")


@dataclass
class Envelope:
    """What a parsed message carries besides its documents."""

    guid: str
    version: str
    base_transfer: dict[str, str] | None = None
    base_subscribe: list[dict[str, str]] = field(default_factory=list)
    extend_message: object | None = None  # the lxml element, kept as is
    signed: bool = False
