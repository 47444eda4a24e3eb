"""An order, its payment, its waybill and its import inventory that agree (三单对碰), as
workbook rows; each test spoils one value."""

from __future__ import annotations

from pathlib import Path

from cebdesk.spec import document_type
from tests.factory import document_rows, write_workbook

ORDER_NO, EBP, EBC = "ORD2024001", "3301960001", "3301960002"
LOGISTICS_NO, LOGISTICS_CODE = "YT9000001", "3301980001"
BUYER, BUYER_ID = "张三", "110101199001011237"
#: (itemNo, itemName, qty, price)
GOODS = (("SKU-A", "婴儿奶粉", "2", "100"), ("SKU-B", "纸尿裤", "1", "50"))


def _lines(rows: list[dict], goods) -> None:
    for row, (item_no, name, qty, price) in zip(rows, goods, strict=True):
        row.update(itemNo=item_no, itemName=name, qty=qty, price=price, totalPrice=str(float(qty) * float(price)))


def rows(kind: str, *, n: int = 0, head: dict | None = None, lines: dict[int, dict] | None = None, goods=GOODS):
    """Rows of one document of ``kind`` (order, payment, logistics, inventory) agreeing with
    the others; ``head``: values to change; ``lines``: {index: values} to change."""
    order_no = ORDER_NO if n == 0 else f"{ORDER_NO}-{n}"
    logistics_no = LOGISTICS_NO if n == 0 else f"{LOGISTICS_NO}-{n}"
    goods_value = sum(float(q) * float(p) for _, _, q, p in goods)
    dt = document_type(kind)
    out = document_rows(dt, n, len(goods) if dt.list is not None else 1)
    first = out[0]
    for row in out:
        for key in dt.key:
            row.pop(key, None)
        row["orderNo"] = order_no
    if kind == "order":
        _lines(out, goods)
        first.update(ebpCode=EBP, ebcCode=EBC, goodsValue=str(goods_value), freight="10", discount="0",
                     taxTotal="0", acturalPaid=str(goods_value + 10), buyerName=BUYER, buyerIdNumber=BUYER_ID)
    elif kind == "payment":
        first.update(payTransactionId=f"PAY{n:06d}", payCode="3301960009", ebpCode=EBP, payerName=BUYER,
                     payerIdNumber=BUYER_ID, amountPaid=str(goods_value + 10))
    elif kind == "logistics":
        first.update(logisticsNo=logistics_no, logisticsCode=LOGISTICS_CODE, freight="10", insuredFee="0")
    elif kind == "inventory":
        _lines(out, goods)
        for row, (_, name, _, _) in zip(out, goods, strict=True):
            row["gname"] = name
        first.update(ebpCode=EBP, ebcCode=EBC, logisticsNo=logistics_no, logisticsCode=LOGISTICS_CODE,
                     buyerName=BUYER, buyerIdNumber=BUYER_ID, freight="10", insuredFee="0",
                     declTime="20240301", appTime="20240301120000")
    first.update(head or {})
    for index, values in (lines or {}).items():
        out[index].update(values)
    for row in out[1:]:  # the business key on every row of the document
        row.update({key: first[key] for key in dt.key})
    return out


def workbook(kind: str, path: Path, *documents: list[dict]) -> Path:
    """A workbook of ``kind`` holding the documents' rows (default: the one that agrees)."""
    all_rows = [r for doc in (documents or (rows(kind),)) for r in doc]
    return write_workbook(document_type(kind), all_rows, path)
