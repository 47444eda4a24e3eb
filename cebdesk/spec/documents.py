"""Document types: what one Excel template holds, and how its rows form documents."""

from __future__ import annotations

from . import export as x
from . import messages as m
from .model import DocumentType

#: Fields filled by the program when the clerk leaves them empty: appTime with the time of
#: conversion, gnum numbered 1, 2, 3… in row order.
AUTO_FIELDS = frozenset({"appTime", "gnum"})

# Identity (``identity``, else ``key``): what customs treats as one document, ceb-spec §4. A
# number is unique only within the enterprise that issues it: "同一交易平台的订单编号应唯一"
# (orderNo per ebpCode), "支付企业唯一的支付流水号" (payTransactionId per payCode), "同一物流企业的
# 运单编号…不重复" (logisticsNo per logisticsCode). An inventory answers one order of one
# platform (orderNo + ebpCode; its receipts name it by copNo, the agent's own number, see
# spec/receipts.py); cancellations and refunds name customs' own invtNo, unique nationwide; a
# delivery note is the warehouse operator's (billNo + operatorCode). Template rows are still
# grouped by ``key`` alone.

# The template is for declaring: appStatus 2 (申报) unless the clerk writes 1 (暂存).
_DECLARE = {"appStatus": "2"}

ORDER = DocumentType(
    "order",
    "电子订单",
    m.CEB311,
    key=("orderNo",),
    identity=("orderNo", "ebpCode"),
    defaults=_DECLARE,
    label_en="Order",
)
PAYMENT = DocumentType(
    "payment",
    "支付凭证",
    m.CEB411,
    key=("payTransactionId",),
    identity=("payTransactionId", "payCode"),
    defaults=_DECLARE,
    label_en="Payment",
)
LOGISTICS = DocumentType(
    "logistics",
    "物流运单",
    m.CEB511,
    key=("logisticsNo",),
    identity=("logisticsNo", "logisticsCode"),
    defaults=_DECLARE,
    label_en="Waybill",
)
LOGISTICS_STATUS = DocumentType(
    "logistics-status",
    "物流运单状态",
    m.CEB513,
    key=("logisticsNo",),
    identity=("logisticsNo", "logisticsCode"),
    defaults=_DECLARE,
    label_en="Waybill status",
)
INVENTORY = DocumentType(
    "inventory",
    "进口清单",
    m.CEB621,
    key=("orderNo",),
    identity=("orderNo", "ebpCode"),
    defaults=_DECLARE,
    label_en="Import inventory",
)
INVENTORY_CANCEL = DocumentType(
    "inventory-cancel",
    "撤销申请单",
    m.CEB623,
    key=("invtNo",),
    defaults=_DECLARE,
    label_en="Inventory cancellation",
)
INVENTORY_REFUND = DocumentType(
    "inventory-refund", "退货申请单", m.CEB625, key=("invtNo",), defaults=_DECLARE, label_en="Return request"
)
DELIVERY = DocumentType(
    "delivery",
    "入库明细单",
    m.CEB711,
    key=("billNo",),
    identity=("billNo", "operatorCode"),
    defaults=_DECLARE,
    label_en="Warehouse entry list",
)

IMPORT_TYPES: tuple[DocumentType, ...] = (
    ORDER,
    PAYMENT,
    LOGISTICS,
    LOGISTICS_STATUS,
    INVENTORY,
    INVENTORY_CANCEL,
    INVENTORY_REFUND,
    DELIVERY,
)

# Export (spec/export.py). Identity: the number customs' receipt (…Return) names the document by,
# with the enterprise code the receipt carries beside it. Orders, payments' receipts and waybills
# keep the import rule (orderNo per platform or e-commerce enterprise, logisticsNo per logistics
# enterprise). Arrival and departure are the logistics enterprise's, by its own copNo
# (ArrivalReturn/DepartureReturn: copNo + logisticsCode); inventory, cancellation, waybill list
# and summary are the declaring agent's (…Return: copNo + agentCode). A refund names customs'
# invtNo of the inventory it returns (RefundReturn: invtNo + agentCode); a tally names the parcel
# (InvtRefundDetailReturn: logisticsNo + operatorCode, the site operator who sends it).

EXPORT_ORDER = DocumentType(
    "export-order",
    "电子订单（出口）",
    x.CEB303,
    key=("orderNo",),
    identity=("orderNo", "ebpCode"),
    defaults=_DECLARE,
    label_en="Export order",
)
EXPORT_RECEIPT = DocumentType(
    "export-receipt",
    "收款单",
    x.CEB403,
    key=("orderNo",),
    identity=("orderNo", "ebcCode"),
    defaults=_DECLARE,
    label_en="Payment receipt",
)
EXPORT_LOGISTICS = DocumentType(
    "export-logistics",
    "物流运单（出口）",
    x.CEB505,
    key=("logisticsNo",),
    identity=("logisticsNo", "logisticsCode"),
    defaults=_DECLARE,
    label_en="Export waybill",
)
ARRIVAL = DocumentType(
    "arrival",
    "运抵单",
    x.CEB507,
    key=("copNo",),
    identity=("copNo", "logisticsCode"),
    defaults=_DECLARE,
    label_en="Arrival",
)
DEPARTURE = DocumentType(
    "departure",
    "离境单",
    x.CEB509,
    key=("copNo",),
    identity=("copNo", "logisticsCode"),
    defaults=_DECLARE,
    label_en="Departure",
)
EXPORT_INVENTORY = DocumentType(
    "export-inventory",
    "申报清单（出口）",
    x.CEB603,
    key=("copNo",),
    identity=("copNo", "agentCode"),
    defaults=_DECLARE,
    label_en="Export inventory",
)
EXPORT_CANCEL = DocumentType(
    "export-cancel",
    "撤销申请单（出口）",
    x.CEB605,
    key=("copNo",),
    identity=("copNo", "agentCode"),
    defaults=_DECLARE,
    label_en="Export inventory cancellation",
)
WAYBILL = DocumentType(
    "waybill",
    "清单总分单",
    x.CEB607,
    key=("copNo",),
    identity=("copNo", "agentCode"),
    defaults=_DECLARE,
    label_en="Master waybill list",
)
EXPORT_REFUND = DocumentType(
    "export-refund",
    "退货申请单（出口）",
    x.CEB213,
    key=("invtNo",),
    identity=("invtNo", "agentCode"),
    defaults=_DECLARE,
    label_en="Export return request",
)
TALLY = DocumentType(
    "tally",
    "理货明细单",
    x.CEB215,
    key=("logisticsNo",),
    identity=("logisticsNo", "operatorCode"),
    defaults=_DECLARE,
    label_en="Tally list",
)
SUMMARY = DocumentType(
    "summary",
    "汇总申请单",
    x.CEB701,
    key=("copNo",),
    identity=("copNo", "agentCode"),
    defaults=_DECLARE,
    label_en="Summary application",
)

EXPORT_TYPES: tuple[DocumentType, ...] = (
    EXPORT_ORDER,
    EXPORT_RECEIPT,
    EXPORT_LOGISTICS,
    ARRIVAL,
    DEPARTURE,
    EXPORT_INVENTORY,
    EXPORT_CANCEL,
    WAYBILL,
    EXPORT_REFUND,
    TALLY,
    SUMMARY,
)

DOCUMENT_TYPES: tuple[DocumentType, ...] = IMPORT_TYPES + EXPORT_TYPES
