"""What customs answers: returnStatus meanings, status families, known negative codes, and how a
receipt's …Return finds the document it answers."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Family(enum.Enum):
    """How a status reads to a clerk (and the colour the GUI gives it)."""

    DECLARING = "申报中"
    ACCEPTED = "入库"
    CLEARED = "审结"
    RELEASED = "放行"
    REJECTED = "退单/错误"
    HELD = "查验/扣留"
    OTHER = "其他"

    @property
    def label_en(self) -> str:
        return _FAMILY_EN[self]

    def text(self, lang: str = "zh") -> str:
        """How the family reads in the UI's language: "en" or Chinese."""
        return _FAMILY_EN[self] if lang == "en" else self.value


_FAMILY_EN = {
    Family.DECLARING: "Declaring",
    Family.ACCEPTED: "Accepted",
    Family.CLEARED: "Cleared",
    Family.RELEASED: "Released",
    Family.REJECTED: "Rejected / error",
    Family.HELD: "Inspection / held",
    Family.OTHER: "Other",
}


#: returnStatus -> (meaning, family). ceb-spec §5.1.
RETURN_STATUS: dict[str, tuple[str, Family]] = {
    "1": ("电子口岸已暂存", Family.DECLARING),
    "2": ("电子口岸申报中", Family.DECLARING),
    "3": ("发送海关成功", Family.DECLARING),
    "4": ("发送海关失败", Family.REJECTED),
    "100": ("海关退单", Family.REJECTED),
    "120": ("海关入库", Family.ACCEPTED),
    "300": ("人工审核", Family.HELD),
    "399": ("海关审结", Family.CLEARED),
    "500": ("查验", Family.HELD),
    "501": ("扣留移送通关", Family.HELD),
    "502": ("扣留移送缉私", Family.HELD),
    "503": ("扣留移送法规", Family.HELD),
    "599": ("其它扣留", Family.HELD),
    "700": ("退运", Family.REJECTED),
    "800": ("放行", Family.RELEASED),
    "899": ("结关", Family.RELEASED),
    # the export return request's receipt (CEB214, RefundReturn) adds these two
    "505": ("移交", Family.HELD),
    "600": ("挂起", Family.HELD),
}

#: Known negative codes (processing-exception receipts). ceb-spec §5.3, abbreviated.
ERROR_CODES: dict[str, str] = {
    "-10101": "无效企业类型",
    "-10102": "无效企业代码",
    "-301001": "订单商品表体信息不存在",
    "-301002": "订单商品信息内有重复商品序号",
    "-301008": "订单参数校验不通过",
    "-301010": "已存在相同编号的订单",
    "-301011": "该订单已向海关申报清单，状态不符",
    "-301014": "订单接收报文为旧报文数据，不做处理",
    "-301015": "订单报文表头数据超过限制",
    "-401007": "已存在相同编号的支付单",
    "-401009": "支付单参数校验不通过",
    "-401012": "支付单接收报文为旧报文数据，不做处理",
    "-504000": "运单报文解析失败",
    "-504011": "运单参数校验不通过",
    "-504012": "物流运单已存在",
    "-504015": "已存在相同编号的运单",
    "-505011": "运单状态参数校验不通过",
    "-505012": "物流运单状态已存在",
    "-621000": "清单接收失败，清单表体为空",
    "-621001": "清单报文校验失败",
    "-621004": "清单已经申报过，请勿重复申报",
    "-621005": "购买金额超过单笔限额",
    "-621018": "购买将超过年度限额",
    "-621028": "加签数据比对失败",
    "-621029": "验签失败",
    "-621030": "清单数据超过限制",
    "-623003": "系统中不存在该清单编号的清单",
    "-623005": "清单的状态不符合撤单申报要求",
    "-623009": "撤单清单已经申报过",
    "-623029": "撤销申请单验签失败",
    "-625005": "退货申请单验签失败",
    "-625007": "表体商品未备案",
    "-625014": "金额超过单笔限额",
    "-800001": "入库明细单校验不通过",
    "-800002": "入库明细单报文解析失败",
    "-800003": "入库明细单已存在",
}

#: DXP platform errors (4 digits), ceb-spec §5.3.
DXP_ERRORS: dict[str, str] = {
    "0001": "报文格式错误",
    "0002": "数据包不能通过 schema 验证",
    "0999": "其他格式错误",
    "1001": "数字签名无效",
    "1002": "数字签名过期",
    "1004": "签名与数据不符",
    "2001": "指定的接收方不存在",
    "3001": "数据库、中间件等系统错误",
}


#: The same meanings in English, for the English UI and CLI (the Chinese ones above are the
#: standard's words).
RETURN_STATUS_EN: dict[str, str] = {
    "1": "Stored at the E-Port (not declared)",
    "2": "Being declared at the E-Port",
    "3": "Sent to customs",
    "4": "Sending to customs failed",
    "100": "Returned by customs",
    "120": "Accepted by customs",
    "300": "Manual review",
    "399": "Cleared by customs",
    "500": "Inspection",
    "501": "Held, passed to clearance",
    "502": "Held, passed to anti-smuggling",
    "503": "Held, passed to legal affairs",
    "599": "Held, other",
    "700": "Returned abroad",
    "800": "Released",
    "899": "Closed",
    "505": "Handed over",
    "600": "Suspended",
}
ERROR_CODES_EN: dict[str, str] = {
    "-10101": "Invalid enterprise type",
    "-10102": "Invalid enterprise code",
    "-301001": "The order has no goods lines",
    "-301002": "Line numbers repeat within the order's goods",
    "-301006": "Order parameters failed the checks",
    "-301010": "An order with the same number already exists",
    "-301011": "An inventory was already declared for this order; its status does not allow this",
    "-301014": "An older message for the order; not processed",
    "-301015": "The order message has more heads than allowed",
    "-401007": "A payment with the same number already exists",
    "-401009": "Payment parameters failed the checks",
    "-401012": "An older message for the payment; not processed",
    "-504000": "The waybill message could not be parsed",
    "-504011": "Waybill parameters failed the checks",
    "-504012": "The waybill already exists",
    "-504015": "A waybill with the same number already exists",
    "-505011": "Waybill status parameters failed the checks",
    "-505012": "The waybill status already exists",
    "-621000": "Inventory not received: it has no goods lines",
    "-621001": "The inventory message failed the checks",
    "-621004": "The inventory was already declared; do not declare it again",
    "-621005": "The purchase exceeds the single-transaction limit",
    "-621018": "The purchase would exceed the annual limit",
    "-621028": "The signed data does not match",
    "-621029": "Signature verification failed",
    "-621030": "The inventory data exceeds the limits",
    "-623003": "No inventory with this number exists",
    "-623005": "The inventory's status does not allow a cancellation",
    "-623009": "A cancellation for this inventory was already declared",
    "-623029": "Signature verification of the cancellation failed",
    "-625005": "Signature verification of the return request failed",
    "-625007": "Goods in the lines are not on record",
    "-625014": "The amount exceeds the single-transaction limit",
    "-800001": "The warehouse entry list failed the checks",
    "-800002": "The warehouse entry list message could not be parsed",
    "-800003": "The warehouse entry list already exists",
}
DXP_ERRORS_EN: dict[str, str] = {
    "0001": "Message format error",
    "0002": "The data package fails schema validation",
    "0999": "Other format error",
    "1001": "Invalid digital signature",
    "1002": "Digital signature expired",
    "1004": "The signature does not match the data",
    "2001": "The named receiver does not exist",
    "3001": "Database, middleware or other system error",
}


#: Statuses after which customs has decided on a declaration (审结, 放行, 结关, 退运): a
#: modification (appType 2) is no longer accepted; a correction goes through a cancellation.
#: The same on the export side: an export inventory released (800) is corrected by a
#: cancellation (CEB605), a returned one by a return request (CEB213); the others end at 399.
DECIDED_STATUSES = frozenset({"399", "700", "800", "899"})


#: The returnStatus values each receipt's XSD documentation lists (ceb-spec §5.1 and Appendix
#: A). Export receipts name theirs followed by "等" (and others): a value outside the list is
#: still read and shown, never refused.
RECEIPT_STATUSES: dict[str, tuple[str, ...]] = {
    "CEB312Message": ("2", "3", "4", "100", "120", "399"),
    "CEB412Message": ("2", "3", "4", "100", "120", "399"),
    "CEB512Message": ("2", "3", "4", "100", "120", "399"),
    "CEB514Message": ("2", "3", "4", "100", "399"),
    "CEB622Message": ("1", "2", "3", "4", "100", "120", "300", "399", "800", "899")
    + ("500", "501", "502", "503", "599", "700"),
    "CEB624Message": ("1", "2", "3", "4", "100", "120", "399"),
    "CEB626Message": ("1", "2", "3", "4", "100", "120", "399"),
    "CEB712Message": ("1", "2", "3", "4", "100", "120", "399"),
    # export (202205 export XSD): 订单 / 收款单 / 运单 / 运抵单 / 离境单 / 撤销申请单 / 清单总分单 /
    # 汇总申请单 "1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等"
    **dict.fromkeys(
        ("CEB304Message", "CEB404Message", "CEB506Message", "CEB508Message")
        + ("CEB510Message", "CEB606Message", "CEB608Message", "CEB702Message"),
        ("1", "2", "3", "4", "100", "399"),
    ),
    # 申报清单: "…/100海关退单/120海关入库/300人工审核/399海关审结/800放行/899结关等"
    "CEB604Message": ("1", "2", "3", "4", "100", "120", "300", "399", "800", "899"),
    # 退货申请单: "…/120海关入库/300待人工审核/500查验/505移交/600挂起/800放行"
    "CEB214Message": ("1", "2", "3", "4", "100", "120", "300", "500", "505", "600", "800"),
    # 理货明细单: "1暂存/2申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结"
    "CEB216Message": ("1", "2", "3", "4", "100", "399"),
}

#: Where customs' answer to each declaration ends when all is well: the status after which no
#: further receipt comes in the usual course (an export inventory may still be closed, 899).
FINAL_STATUSES: dict[str, frozenset[str]] = {
    "CEB304Message": frozenset({"399"}),
    "CEB404Message": frozenset({"399"}),
    "CEB506Message": frozenset({"399"}),
    "CEB508Message": frozenset({"399"}),
    "CEB510Message": frozenset({"399"}),
    "CEB604Message": frozenset({"800", "899"}),
    "CEB606Message": frozenset({"399"}),
    "CEB608Message": frozenset({"399"}),
    "CEB214Message": frozenset({"800"}),
    "CEB216Message": frozenset({"399"}),
    "CEB702Message": frozenset({"399"}),
}

#: Negative returnStatus of export receipts: the standard publishes only ranges ([SPEC-2018]
#: table 7-3, ceb-spec §5.3). Each document's range is four blocks of 1000 codes: signature check
#: failed, format, business rules, processing failed (the summary's range has the first three).
#: The same numbers mean other things on the import side (-301010 is an import order's
#: duplicate), so an export code is read through this table only.
EXPORT_ERROR_RANGES: tuple[tuple[int, str, str, int], ...] = (
    # (first code of the range as a positive number, document zh, document en, blocks)
    (301001, "电子订单", "order", 4),
    (401001, "收款单", "payment receipt", 4),
    (501001, "物流运单", "waybill", 4),
    (505001, "离境单", "departure", 4),
    (601001, "申报清单", "export inventory", 4),
    (605001, "撤销申请单", "cancellation", 4),
    (701001, "汇总申请单", "summary application", 3),
    (801001, "运抵单", "arrival", 4),
    (901001, "清单总分单", "master waybill list", 4),
)
_EXPORT_ERROR_BLOCKS = (
    ("签名校验失败", "signature check failed"),
    ("格式校验失败", "format check failed"),
    ("业务校验失败", "business rule check failed"),
    ("处理失败", "processing failed"),
)


def _export_error(status: str, lang: str) -> str | None:
    """What an export receipt's negative code means, from the published ranges."""
    try:
        number = -int(status)
    except ValueError:
        return None
    en = lang == "en"
    if 10100 <= number <= 10200:
        return f"Enterprise error ({status})" if en else f"企业信息错误（{status}）"
    for first, zh_doc, en_doc, blocks in EXPORT_ERROR_RANGES:
        block = (number - first) // 1000
        if number >= first and block < blocks:
            zh_kind, en_kind = _EXPORT_ERROR_BLOCKS[block]
            return f"{en_doc.capitalize()}: {en_kind} ({status})" if en else f"{zh_doc}{zh_kind}（{status}）"
    return None


def _export(message: str | None) -> bool:
    from .messages import EXPORT_DECLARATIONS, EXPORT_RECEIPTS

    return message is not None and (message in EXPORT_RECEIPTS or message in EXPORT_DECLARATIONS)


def explain_status(status: str | None, lang: str = "zh", message: str | None = None) -> tuple[str, Family]:
    """Meaning and family of a returnStatus, in Chinese or (lang "en") English; unknown codes
    are shown verbatim. ``message``: the receipt's or the declaration's message type
    (CEB604Message, CEB603Message …): an export message's negative codes are read by the export
    ranges, not the import table."""
    if status is None:
        return ("", Family.OTHER)
    status = status.strip()
    en = lang == "en"
    if status in RETURN_STATUS:
        meaning, family = RETURN_STATUS[status]
        return (RETURN_STATUS_EN[status] if en else meaning, family)
    if status.startswith("-") and _export(message):
        meaning = _export_error(status, lang)
        if meaning is None:
            meaning = f"Processing exception ({status})" if en else f"处理异常（{status}）"
        return (meaning, Family.REJECTED)
    if status.startswith("-"):
        if en:
            return (ERROR_CODES_EN.get(status, f"Processing exception ({status})"), Family.REJECTED)
        return (ERROR_CODES.get(status, f"处理异常（{status}）"), Family.REJECTED)
    return (f"Unknown status {status}" if en else f"未知状态 {status}", Family.OTHER)


def explain_dxp_error(code: str, lang: str = "zh") -> str:
    """What a DXP platform error code (4 digits) means; unknown codes are shown verbatim."""
    if lang == "en":
        return DXP_ERRORS_EN.get(code, f"DXP error {code}")
    return DXP_ERRORS.get(code, f"DXP 错误 {code}")


@dataclass(frozen=True)
class ReturnMatch:
    """How a receipt's …Return finds the declaration it answers: first by the document's
    identity (``DocumentType.business_key``) when the Return carries every element of it (CEB312
    orderNo + ebpCode, CEB412 payTransactionId + payCode, CEB512/514 logisticsNo +
    logisticsCode, CEB624/626 invtNo), then by the numbers below."""

    declaration: str  # CEB311Message
    by_head: tuple[str, ...] = ()  # elements to look up in the declared head (copNo, invtNo)
    by_receipts: tuple[str, ...] = ()  # elements an earlier receipt carried (invtNo, preNo)


RETURN_MATCHES: dict[str, ReturnMatch] = {
    "CEB312Message": ReturnMatch("CEB311Message"),
    "CEB412Message": ReturnMatch("CEB411Message"),
    "CEB512Message": ReturnMatch("CEB511Message"),
    "CEB514Message": ReturnMatch("CEB513Message"),
    "CEB622Message": ReturnMatch("CEB621Message", ("copNo",), ("invtNo", "preNo")),
    "CEB624Message": ReturnMatch("CEB623Message", ("copNo", "invtNo"), ("preNo",)),
    "CEB626Message": ReturnMatch("CEB625Message", ("copNo", "invtNo"), ("preNo",)),
    "CEB712Message": ReturnMatch("CEB711Message", ("copNo",), ("preNo", "rkdNo")),
    "CEB816Message": ReturnMatch("CEB621Message", (), ("invtNo",)),
    "CEB818Message": ReturnMatch("CEB621Message", (), ("invtNo",)),
    # export (spec/documents.py gives each its identity; these numbers are the fall-backs)
    "CEB304Message": ReturnMatch("CEB303Message"),
    "CEB404Message": ReturnMatch("CEB403Message", ("orderNo",)),
    "CEB506Message": ReturnMatch("CEB505Message"),
    "CEB508Message": ReturnMatch("CEB507Message", ("copNo",), ("preNo",)),
    "CEB510Message": ReturnMatch("CEB509Message", ("copNo",), ("preNo",)),
    "CEB604Message": ReturnMatch("CEB603Message", ("copNo",), ("invtNo", "preNo")),
    "CEB606Message": ReturnMatch("CEB605Message", ("copNo", "invtNo"), ("preNo",)),
    "CEB608Message": ReturnMatch("CEB607Message", ("copNo",), ("preNo",)),
    "CEB214Message": ReturnMatch("CEB213Message", ("coElNo", "invtNo"), ("preNo",)),
    "CEB216Message": ReturnMatch("CEB215Message", ("coElNo",), ("preNo",)),
    "CEB702Message": ReturnMatch("CEB701Message", ("copNo", "sumNo"), ("preNo", "sumNo")),
    # 汇总结果单: no copNo; the sumNo customs gave the summary (in its CEB702), else the summary
    # whose list names every invtNo of the result (see COVERS)
    "CEB792Message": ReturnMatch("CEB701Message", ("sumNo",), ("sumNo",)),
}

#: Receipts whose list names further documents they concern: CEB792 (汇总结果单) lists the
#: export inventories (CEB603) merged into the declaration, by invtNo. Its rows are attached to
#: the summary it answers and to each of those inventories (history and numbers, not status).
COVERS: dict[str, tuple[str, str]] = {"CEB792Message": ("CEB603Message", "invtNo")}

#: The numbers customs gives a declaration in its receipts, shown beside the status: the
#: inventory number, the pre-entry number, the summary number and, from the summary result, the
#: customs declaration's numbers and state (汇总统一编号, 报关单编号, 报关单状态).
CUSTOMS_NUMBERS: tuple[tuple[str, str, str], ...] = (
    ("invtNo", "清单编号", "inventory no."),
    ("preNo", "电子口岸编号", "E-Port no."),
    ("sumNo", "汇总申请编号", "summary no."),
    ("declSeqNo", "汇总统一编号", "declaration sequence no."),
    ("entryId", "报关单编号", "customs declaration no."),
    ("decState", "报关单状态", "declaration state"),
)
#: Enterprise codes a …Return may carry. A document found by a number (copNo, invtNo …) is the
#: answered one only if none of these disagrees with its head: copNo is unique only within one
#: enterprise. A 10-character customs code and an 18-character credit code are two spellings of
#: one enterprise ("10位海关代码或者18位信用代码"), so codes of different lengths are not compared.
ENTERPRISE_CODES = ("ebpCode", "ebcCode", "agentCode", "payCode", "logisticsCode", "operatorCode")
RECEIPT_FOR: dict[str, str] = {
    "CEB311Message": "CEB312Message",
    "CEB411Message": "CEB412Message",
    "CEB511Message": "CEB512Message",
    "CEB513Message": "CEB514Message",
    "CEB621Message": "CEB622Message",
    "CEB623Message": "CEB624Message",
    "CEB625Message": "CEB626Message",
    "CEB711Message": "CEB712Message",
    "CEB303Message": "CEB304Message",
    "CEB403Message": "CEB404Message",
    "CEB505Message": "CEB506Message",
    "CEB507Message": "CEB508Message",
    "CEB509Message": "CEB510Message",
    "CEB603Message": "CEB604Message",
    "CEB605Message": "CEB606Message",
    "CEB607Message": "CEB608Message",
    "CEB213Message": "CEB214Message",
    "CEB215Message": "CEB216Message",
    "CEB701Message": "CEB702Message",
}
