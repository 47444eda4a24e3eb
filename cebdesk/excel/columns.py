"""The columns of a document type's template, derived from spec/ (one source of truth)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..spec import DocumentType, Entity, Field
from ..spec.documents import AUTO_FIELDS

LIST_SUFFIX = "（表体）"
#: The head fields of documents sent in parts (``MessageType.parts``: msgCount, "拆分后的报文总数",
#: and msgSeqNo, "以1开始的报文顺序号"): numbered by the program when it splits a document, never
#: typed (see messages/parts.py).
PART_FIELDS = ("msgCount", "msgSeqNo")


def program_filled(doc_type: DocumentType) -> frozenset[str]:
    """Head fields the program fills and the template leaves out: the generated ones (guid) and,
    for documents sent in parts, msgCount and msgSeqNo."""
    names = set(doc_type.generated)
    if getattr(doc_type.message, "parts", False):
        names.update(PART_FIELDS)
    return frozenset(names)


@dataclass(frozen=True)
class Column:
    entity: Entity
    field: Field
    in_list: bool
    header: str  # row 2: "orderNo", or "OrderList.currency" where the head has the same name
    label: str  # row 1 without the required mark: "订单编号", "币制（表体）"
    must_fill: bool  # required and nothing fills it automatically: marked "*"
    #: Other row-1 labels that name this column: the standard's wording where the label reads
    #: differently (old templates and ERP exports use it), e.g. "出口口岸代码" for 进境口岸代码,
    #: and the field's synonyms in spec/ (``Field.synonyms``: 商品规格型号 for gmodel).
    aliases: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return self.field.name

    @property
    def title(self) -> str:
        return f"*{self.label}" if self.must_fill else self.label


def _must_fill(doc_type: DocumentType, field: Field) -> bool:
    return (
        field.required
        and field.default is None
        and field.name not in doc_type.defaults
        and field.name not in AUTO_FIELDS
    )


@cache
def template_columns(doc_type: DocumentType) -> tuple[Column, ...]:
    head, lst = doc_type.head, doc_type.list
    columns = [
        Column(
            head,
            f,
            False,
            f.name,
            f.label or f.name,
            _must_fill(doc_type, f),
            ((f.standard_label,) if f.standard_label else ()) + f.synonyms,
        )
        for f in head.fields
        if f.name not in program_filled(doc_type)
    ]
    if lst is not None:
        head_labels = {f.label for f in head.fields}
        head_standard = {f.standard_label or f.label for f in head.fields}
        for f in lst.fields:
            header = f"{lst.name}.{f.name}" if f.name in head else f.name
            label = f.label or f.name
            if label in head_labels:
                label += LIST_SUFFIX
            aliases: tuple[str, ...] = ()
            if f.standard_label:
                standard = f.standard_label
                # a second 运抵国（地区） in a one-row header is the list's; templates wrote （表体）
                aliases = (standard + LIST_SUFFIX, standard) if standard in head_standard else (standard,)
            aliases += f.synonyms
            columns.append(Column(lst, f, True, header, label, _must_fill(doc_type, f), aliases))
    return tuple(columns)
