"""The message types (CEBnnnMessage roots) of the 202205 standard: import here, export in
spec/export.py."""

from __future__ import annotations

from . import entities as e
from .export import EXPORT_MESSAGES
from .model import Direction, MessageType

D = Direction.DECLARATION
R = Direction.RECEIPT

CEB311 = MessageType("CEB311Message", "电子订单", D, e.OrderHead, "Order", e.OrderList, signature="optional")
CEB312 = MessageType("CEB312Message", "电子订单回执", R, e.OrderReturn)
CEB411 = MessageType("CEB411Message", "支付凭证", D, e.PaymentHead, "Payment", signature="optional")
CEB412 = MessageType("CEB412Message", "支付凭证回执", R, e.PaymentReturn)
CEB511 = MessageType("CEB511Message", "物流运单", D, e.LogisticsHead, "Logistics", signature="optional")
CEB512 = MessageType("CEB512Message", "物流运单回执", R, e.LogisticsReturn)
CEB513 = MessageType("CEB513Message", "物流运单状态", D, e.LogisticsStatus, signature="optional")
CEB514 = MessageType("CEB514Message", "物流运单状态回执", R, e.LogisticsStatusReturn)
CEB621 = MessageType(
    "CEB621Message", "进口清单", D, e.InventoryHead, "Inventory", e.InventoryList, signature="required"
)
CEB622 = MessageType("CEB622Message", "进口清单回执", R, e.InventoryReturn)
CEB623 = MessageType("CEB623Message", "撤销申请单", D, e.InvtCancel, signature="required")
CEB624 = MessageType("CEB624Message", "撤销申请单回执", R, e.InvtCancelReturn)
CEB625 = MessageType(
    "CEB625Message", "退货申请单", D, e.InvtRefundHead, "InvtRefund", e.InvtRefundList, signature="required"
)
CEB626 = MessageType("CEB626Message", "退货申请单回执", R, e.InvtRefundReturn)
#: One Delivery per message, with any number of lines.
CEB711 = MessageType(
    "CEB711Message",
    "入库明细单",
    D,
    e.DeliveryHead,
    "Delivery",
    e.DeliveryList,
    max_nodes=1,
    max_lines=None,
    signature="required",
)
CEB712 = MessageType("CEB712Message", "入库明细单回执", R, e.DeliveryReturn)
CEB816 = MessageType("CEB816Message", "电子税单", R, e.TaxHeadRd, "Tax", e.TaxListRd, max_nodes=None)
CEB818 = MessageType("CEB818Message", "电子税单状态", R, e.TaxHeadStatus, "Tax", max_nodes=None)
CEB900 = MessageType("CEB900Message", "报文格式校验回执", R, e.MessageReturn, max_nodes=1)

#: BaseSubscribe may appear at most this many times in a declaration (XSD maxOccurs).
MAX_SUBSCRIBERS = 5

IMPORT_MESSAGES: tuple[MessageType, ...] = (
    CEB311,
    CEB312,
    CEB411,
    CEB412,
    CEB511,
    CEB512,
    CEB513,
    CEB514,
    CEB621,
    CEB622,
    CEB623,
    CEB624,
    CEB625,
    CEB626,
    CEB711,
    CEB712,
    CEB816,
    CEB818,
    CEB900,
)

#: Export declarations and what customs sends back (202205 export XSD, spec/export.py): the
#: declarations' roots take ds:Signature before ExtendMessage, not last; receipts are never signed.
EXPORT_DECLARATIONS: tuple[str, ...] = tuple(
    mt.code for mt in EXPORT_MESSAGES if mt.direction is Direction.DECLARATION
)
EXPORT_RECEIPTS: tuple[str, ...] = tuple(
    mt.code for mt in EXPORT_MESSAGES if mt.direction is Direction.RECEIPT
)

ALL_MESSAGES: tuple[MessageType, ...] = IMPORT_MESSAGES + EXPORT_MESSAGES
