"""The import message types (CEBnnnMessage roots) of the 202205 standard."""

from __future__ import annotations

from . import entities as e
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

#: Export declarations (202205 export XSD). Their field tables are not transcribed yet; what is
#: known here is where their roots take ds:Signature: before ExtendMessage, not last.
EXPORT_DECLARATIONS: tuple[str, ...] = (
    "CEB213Message",
    "CEB215Message",
    "CEB303Message",
    "CEB403Message",
    "CEB505Message",
    "CEB507Message",
    "CEB509Message",
    "CEB603Message",
    "CEB605Message",
    "CEB607Message",
    "CEB701Message",
)
#: Export messages customs sends (receipts and CEB792): never signed by the enterprise.
EXPORT_RECEIPTS: tuple[str, ...] = (
    "CEB214Message",
    "CEB216Message",
    "CEB304Message",
    "CEB404Message",
    "CEB506Message",
    "CEB508Message",
    "CEB510Message",
    "CEB604Message",
    "CEB606Message",
    "CEB608Message",
    "CEB702Message",
    "CEB792Message",
)
