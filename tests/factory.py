"""Valid test data for every document type, generated from spec/ (no hand-kept field lists)."""

from __future__ import annotations

from pathlib import Path

from cebdesk.excel.columns import template_columns
from cebdesk.excel.template import fill_template
from cebdesk.spec import DocumentType, Field, Format, Kind

_SPECIAL = {
    "gcode": "8541401000",
    "customsCode": "3700",
    "portCode": "3700",
    "consigneeDistrict": "110108",
    "tradeMode": "9610",
    "buyerIdNumber": "110101199001011237",
    "payerIdNumber": "110101199001011237",
    # export inventory: B (summary declaration) is the usual case; A has conditions of its own
    "statisticsFlag": "B",
    "POD": "USA",
}


def value_for(field: Field, n: int = 0, *, longest: bool = False) -> str:
    """A value that every rule in spec/ accepts; ``longest`` fills text to its maximum length."""
    if field.name in _SPECIAL and (field.codes is None or _SPECIAL[field.name] in field.codes):
        return _SPECIAL[field.name]
    if field.codes is not None:
        return field.default or field.codes.codes[0].value
    if field.format is Format.DATETIME14:
        return "20240102030405"
    if field.format is Format.DATE8:
        return "20240102"
    if field.format is Format.DATETIME17:
        return "20240102030405123"
    ftype = field.type
    if ftype.kind is Kind.DECIMAL:
        return "12345678901234.12345" if longest else "10.5"
    if ftype.kind is Kind.INT:
        return "1"
    exact = ftype.exact_length
    if exact:
        return str(n % 10) * exact
    hi = ftype.max_length or 60
    if longest:
        return "测" * hi  # maximum-length Chinese text
    text = f"{field.label or field.name}{n}"
    return text[:hi] if len(text) >= max(ftype.min_length, 1) else text.ljust(ftype.min_length, "0")


def document_rows(
    doc_type: DocumentType, n: int, lines: int = 1, *, longest: bool = False
) -> list[dict[str, object]]:
    """Rows (header -> value) for document number ``n`` with ``lines`` goods lines."""
    rows = []
    columns = template_columns(doc_type)
    export = doc_type.message.family == "export"
    for line in range(max(lines, 1) if doc_type.list is not None else 1):
        row: dict[str, object] = {}
        for col in columns:
            if col.name == "gnum":
                continue  # numbered automatically
            if not col.in_list and line > 0:
                continue  # head cells only on the first row of the document
            row[col.header] = value_for(col.field, n, longest=longest)
        for key in doc_type.key:
            base = value_for(doc_type.head[key], n)
            row[key] = f"K{n:06d}-{base}"[: doc_type.head[key].type.max_length or 60] if line == 0 else None
        if line > 0:
            for key in doc_type.key:
                row[key] = rows[0][key]
        if export and "qty" in row and "price" in row and "totalPrice" in row:
            row["qty"] = "1"  # totalPrice = qty × price (export documents are checked for it)
        rows.append(row)
    if export and not longest and "goodsValue" in rows[0] and "totalPrice" in rows[0]:
        # an export order's goods value is its lines' total prices added up
        from decimal import Decimal

        rows[0]["goodsValue"] = str(sum(Decimal(str(r["totalPrice"])) for r in rows))
    if doc_type.message.code == "CEB311Message" and not longest:
        # an import order agrees with itself as customs checks it (三单对碰): goodsValue is its
        # lines' total, acturalPaid = goodsValue + freight + taxTotal - discount
        from decimal import Decimal

        goods = sum(Decimal(str(r["totalPrice"])) for r in rows)
        head = rows[0]
        rows[0]["goodsValue"] = str(goods)
        rows[0]["acturalPaid"] = str(
            goods + Decimal(str(head["freight"])) + Decimal(str(head["taxTotal"])) - Decimal(str(head["discount"]))
        )
    return rows


def write_workbook(doc_type: DocumentType, rows: list[dict[str, object]], path: Path) -> Path:
    """Our own template, filled from row 3 with ``rows``."""
    return fill_template(doc_type, rows, path)


def filled_template(
    doc_type: DocumentType, path: Path, documents: int = 1, lines: int = 1, *, longest: bool = False
) -> Path:
    rows = []
    for n in range(documents):
        rows.extend(document_rows(doc_type, n, lines, longest=longest))
    return write_workbook(doc_type, rows, path)
