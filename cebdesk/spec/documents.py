"""Document types: what one Excel template holds, and how its rows form documents."""

from __future__ import annotations

from . import messages as m
from .model import DocumentType

#: Fields filled by the program when the clerk leaves them empty: appTime with the time of
#: conversion, gnum numbered 1, 2, 3… in row order.
AUTO_FIELDS = frozenset({"appTime", "gnum"})

# The template is for declaring: appStatus 2 (申报) unless the clerk writes 1 (暂存).
_DECLARE = {"appStatus": "2"}

ORDER = DocumentType("order", "电子订单", m.CEB311, key=("orderNo",), defaults=_DECLARE)
PAYMENT = DocumentType("payment", "支付凭证", m.CEB411, key=("payTransactionId",), defaults=_DECLARE)
LOGISTICS = DocumentType("logistics", "物流运单", m.CEB511, key=("logisticsNo",), defaults=_DECLARE)
LOGISTICS_STATUS = DocumentType(
    "logistics-status", "物流运单状态", m.CEB513, key=("logisticsNo",), defaults=_DECLARE
)
INVENTORY = DocumentType("inventory", "进口清单", m.CEB621, key=("orderNo",), defaults=_DECLARE)
INVENTORY_CANCEL = DocumentType(
    "inventory-cancel", "撤销申请单", m.CEB623, key=("invtNo",), defaults=_DECLARE
)
INVENTORY_REFUND = DocumentType(
    "inventory-refund", "退货申请单", m.CEB625, key=("invtNo",), defaults=_DECLARE
)
DELIVERY = DocumentType("delivery", "入库明细单", m.CEB711, key=("billNo",), defaults=_DECLARE)

DOCUMENT_TYPES: tuple[DocumentType, ...] = (
    ORDER,
    PAYMENT,
    LOGISTICS,
    LOGISTICS_STATUS,
    INVENTORY,
    INVENTORY_CANCEL,
    INVENTORY_REFUND,
    DELIVERY,
)
