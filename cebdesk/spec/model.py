"""The building blocks of the standard as plain, immutable data.

Everything that knows about a field (its element name, order, type, length, whether it is
required, its Chinese label, the code table it draws from) reads it from these objects. No I/O
and no imports from the rest of cebdesk live here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field


class Kind(enum.Enum):
    """The XSD base type of a field."""

    TEXT = "text"  # xs:string with length facets
    DECIMAL = "decimal"  # xs:decimal totalDigits/fractionDigits
    INT = "int"  # xs:int, optionally totalDigits


class Format(enum.Enum):
    """Textual formats the standard prescribes for some string fields."""

    DATETIME14 = "YYYYMMDDhhmmss"
    DATE8 = "YYYYMMDD"
    DATETIME17 = "YYYYMMDDhhmmssSSS"


@dataclass(frozen=True)
class FieldType:
    kind: Kind
    min_length: int = 0
    max_length: int | None = None
    total_digits: int | None = None
    fraction_digits: int | None = None
    #: Smallest value a number may take. Not an XSD facet: the standard says it in words
    #: (amounts and weights are never negative, line numbers start at 1).
    minimum: int | None = None

    @property
    def exact_length(self) -> int | None:
        if self.kind is Kind.TEXT and self.min_length and self.min_length == self.max_length:
            return self.min_length
        return None

    def describe(self) -> str:
        """Short notation as the standard's tables write it (C..60, C36, N19,5, N9)."""
        if self.kind is Kind.DECIMAL:
            return f"N{self.total_digits},{self.fraction_digits}"
        if self.kind is Kind.INT:
            return f"N{self.total_digits}" if self.total_digits else "Int"
        if self.exact_length:
            return f"C{self.exact_length}"
        if self.max_length is None:
            return "C.."
        return f"C..{self.max_length}"


def text(min_length: int, max_length: int | None) -> FieldType:
    return FieldType(Kind.TEXT, min_length, max_length)


#: Every N19,5 of the import standard is an amount, a quantity or a weight: goodsValue, freight,
#: insuredFee, taxTotal, acturalPaid, amountPaid, qty, price, totalPrice, weights, taxes.
#: discount too: "非现金抵扣金额", subtracted in acturalPaid = 商品价格+运杂费+代扣税款-非现金抵扣金额.
#: None of them can be negative.
DECIMAL_19_5 = FieldType(Kind.DECIMAL, total_digits=19, fraction_digits=5, minimum=0)
#: gnum, "从1开始的递增序号".
INT = FieldType(Kind.INT, minimum=1)
#: packNo, the number of parcels ("限定为1").
INT9 = FieldType(Kind.INT, total_digits=9, minimum=1)
#: Export line numbers: gnum int(5) (refund lines int(4)), "从1开始" as for import.
INT5 = FieldType(Kind.INT, total_digits=5, minimum=1)
INT4 = FieldType(Kind.INT, total_digits=4, minimum=1)


@dataclass(frozen=True)
class Code:
    value: str
    name: str


@dataclass(frozen=True)
class CodeTable:
    """A list of allowed values for a field.

    ``strict`` tables come from the standard itself: a value outside them is an error. Tables
    transcribed from other public sources (JGS-20 excerpts) are not strict: a value outside them
    is reported as a warning, because the list may be incomplete.
    """

    name: str
    label: str
    codes: tuple[Code, ...]
    strict: bool
    source: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_value", {c.value: c for c in self.codes})
        object.__setattr__(self, "_by_name", {c.name: c for c in self.codes})

    def __contains__(self, value: str) -> bool:
        return value in self._by_value  # type: ignore[attr-defined]

    def value_for_name(self, name: str) -> str | None:
        code = self._by_name.get(name)  # type: ignore[attr-defined]
        return code.value if code else None

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.codes)


@dataclass(frozen=True)
class Field:
    """One element of an entity, in XSD sequence order."""

    name: str
    label: str
    type: FieldType
    required: bool
    doc: str
    codes: CodeTable | None = None
    format: Format | None = None
    default: str | None = None
    #: Digits-only codes of fixed length whose leading zeros a spreadsheet may have eaten.
    zero_pad: bool = False
    #: Regular expression the value must match (in addition to the type facets), with the
    #: rule's description in Chinese and English.
    pattern: tuple[str, str, str] | None = None
    #: The standard's own label where ``label`` (what a clerk reads) says it differently: some
    #: import fields carry the export form's wording (InventoryHead.portCode "出口口岸代码" is the
    #: port of entry). Shown in the template's notes and tooltips; a header reading it is accepted.
    standard_label: str | None = None
    #: The one value the XSD allows (xs:element fixed="…"); an empty element stands for it.
    fixed: str | None = None
    #: Other names the spreadsheets in use give this column (a provincial e-port system's
    #: templates, ERP exports): 商品规格型号 for gmodel, 第一法定数量 for qty1. A header reading one
    #: is taken for this field; the template and the window show ``label``.
    synonyms: tuple[str, ...] = ()

    @property
    def free_text(self) -> bool:
        """Long text (addresses, descriptions, notes: 200 characters and more) rather than a
        code, number, name or key that customs compares as it is written."""
        ftype = self.type
        return ftype.kind is Kind.TEXT and (ftype.max_length is None or ftype.max_length >= 200)


@dataclass(frozen=True)
class Entity:
    """A complex element with a flat sequence of simple fields (OrderHead, InventoryList…)."""

    name: str
    label: str
    fields: tuple[Field, ...]
    #: For list entities: gnum must run 1, 2, 3… (False: only unique, e.g. refund lines that
    #: refer to the original inventory's line numbers).
    consecutive_gnum: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {f.name: f for f in self.fields})

    def __getitem__(self, name: str) -> Field:
        return self._index[name]  # type: ignore[attr-defined]

    def __contains__(self, name: str) -> bool:
        return name in self._index  # type: ignore[attr-defined]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


class Direction(enum.Enum):
    DECLARATION = "declaration"  # enterprise -> customs
    RECEIPT = "receipt"  # customs -> enterprise


class SignaturePosition(enum.Enum):
    LAST = "last"  # import: … BaseTransfer, BaseSubscribe*, ExtendMessage?, ds:Signature
    BEFORE_EXTEND = "before-extend"  # export: … BaseSubscribe*, ds:Signature?, ExtendMessage?


@dataclass(frozen=True)
class MessageType:
    """A CEBnnnMessage root and what it carries.

    A business node is either a wrapper element holding a head and a list (``Order`` =
    ``OrderHead`` + ``OrderList``{1..99}) or a head entity directly under the root
    (``LogisticsStatus``, ``InvtCancel``, receipts' ``…Return``).
    """

    code: str  # "CEB311Message"
    label: str
    direction: Direction
    head: Entity
    wrapper: str | None = None
    list: Entity | None = None
    max_nodes: int | None = 100  # None: unbounded
    max_lines: int | None = 99
    signature: str = "none"  # "required", "optional", "none"
    family: str = "import"
    signature_position: SignaturePosition = SignaturePosition.LAST
    #: Fewest lines a document carries (XSD minOccurs of the list): 0 where the standard lets
    #: the list be empty (export arrival, summary, summary result).
    min_lines: int = 1
    #: The head carries msgCount/msgSeqNo: a document too long for one message is split over
    #: several, numbered 1..msgCount (export arrival, departure, waybill, summary).
    parts: bool = False

    @property
    def number(self) -> str:
        return self.code[3:6]

    @property
    def has_base_transfer(self) -> bool:
        return self.direction is Direction.DECLARATION


@dataclass(frozen=True, eq=False)
class DocumentType:
    """What a clerk fills in one template: one message type, from the enterprise's side."""

    name: str  # CLI and template name: "order"
    label: str  # "电子订单"
    message: MessageType
    #: The document's number (orderNo …): template rows are grouped by it.
    key: tuple[str, ...]
    #: Head fields the program fills, never the clerk (guid).
    generated: tuple[str, ...] = ("guid",)
    #: Element -> value used when the cell is empty (before the profile's defaults).
    defaults: dict[str, str] = field(default_factory=dict)
    #: What customs treats as one document: the number and the enterprise it belongs to
    #: (orderNo + ebpCode …); left empty, the number (``key``) alone.
    identity: tuple[str, ...] = ()
    #: The name in English ("import inventory"), for the English UI and CLI.
    label_en: str = ""

    def __post_init__(self) -> None:
        if not self.identity:
            object.__setattr__(self, "identity", self.key)

    def display(self, lang: str = "zh") -> str:
        """The name in the UI's language: "en" or Chinese."""
        return self.label_en if lang == "en" and self.label_en else self.label

    def business_key(self, values: Mapping[str, str]) -> str:
        """The document's identity as customs sees it, from a head or a receipt's …Return:
        the ``identity`` elements' values joined by "/", number first. The journal, receipt
        matching, the status look-up and the simulator all use this one function."""
        return "/".join(values.get(name, "") for name in self.identity)

    @property
    def direction(self) -> str:
        """The direction of trade, "import" or "export": the family of its message."""
        return self.message.family

    @property
    def head(self) -> Entity:
        return self.message.head

    @property
    def list(self) -> Entity | None:
        return self.message.list
