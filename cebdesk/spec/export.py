"""Export entities and messages of the 202205 standard (海关跨境出口业务节点报文), transcribed field
by field.

Order of fields = XSD sequence order; ``required`` = minOccurs; ``doc`` is the first clause of the
standard's own description. Labels follow the specification tables (Appendix A of the reference).

Many export entities carry the same XML name as import ones (OrderHead, InventoryHead, InvtCancel,
InvtRefundHead…) with other fields: look an entity up through its MessageType (``CEB603.head``),
never by name across directions.

Where the XSD gives no minLength, an empty element is valid XML (``text(0, n)``); whether a
required field may be empty is for the checks, as for import.
"""

from __future__ import annotations

import dataclasses

from . import codes, entities
from .model import (
    DECIMAL_19_5,
    INT4,
    INT5,
    INT9,
    Direction,
    Entity,
    Field,
    Format,
    MessageType,
    SignaturePosition,
    text,
)

REQ = True
OPT = False
DIGITS = (r"[0-9]+", "只能包含数字", "digits only")

OrderHead = Entity(
    "OrderHead",
    "订单表头",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field(
            "orderType",
            "订单类型",
            text(1, 1),
            REQ,
            "电商平台的订单类型（出口）：E-出口商品订单；B-B2B出口订单；W-外综服订单",
            codes=codes.EXPORT_ORDER_TYPE,
            default="E",
        ),
        Field("orderNo", "订单编号", text(0, 60), REQ, "交易平台的订单编号，同一交易平台的订单编号应唯一"),
        Field("ebpCode", "电商平台代码", text(0, 18), REQ, "电商平台的海关注册登记编号"),
        Field("ebpName", "电商平台名称", text(0, 100), REQ, "电商平台的海关注册登记名称"),
        Field(
            "ebcCode",
            "电商企业代码",
            text(0, 18),
            REQ,
            "电商企业的海关注册登记编号(10位海关编码或18位统一社会信用代码)",
        ),
        Field("ebcName", "电商企业名称", text(0, 100), REQ, "电商企业的海关注册登记名称，对应清单的收发货人"),
        Field("goodsValue", "商品金额", DECIMAL_19_5, REQ, "商品实际成交价FOB(不含运杂费)，含非现金抵扣金额"),
        Field("freight", "运费", DECIMAL_19_5, REQ, "运杂费，无则填写“0”"),
        Field(
            "currency",
            "币制",
            text(3, 3),
            REQ,
            "海关标准的参数代码 《JGS-20 海关业务代码集》- 货币代码",
            codes=codes.EXPORT_CURRENCY,
            default="142",
            zero_pad=True,
        ),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

OrderList = Entity(
    "OrderList",
    "订单商品表体",
    (
        Field("gnum", "序号", INT5, REQ, "从1开始的递增序号（与清单的商品项关联对应）"),
        Field("itemNo", "企业商品货号", text(0, 30), REQ, "企业自定义的商品货号"),
        Field("itemName", "企业商品名称", text(0, 250), REQ, "同一类商品的中文名称"),
        Field("itemDescribe", "企业商品描述", text(0, 1000), OPT, "电商平台上架的商品描述宣传信息"),
        Field(
            "barCode",
            "条形码",
            text(0, 50),
            OPT,
            "商品条形码一般由前缀部分、制造厂商代码、商品代码和校验码组成",
        ),
        Field(
            "unit",
            "计量单位",
            text(3, 3),
            REQ,
            "海关标准的参数代码 《JGS-20 海关业务代码集》，计量单位代码",
            codes=codes.UNIT,
            zero_pad=True,
        ),
        Field(
            "currency",
            "币制",
            text(3, 3),
            REQ,
            "海关标准的参数代码 《JGS-20 海关业务代码集》- 货币代码",
            codes=codes.EXPORT_CURRENCY,
            default="142",
            zero_pad=True,
        ),
        Field("qty", "数量", DECIMAL_19_5, REQ, "数量"),
        Field("price", "单价", DECIMAL_19_5, REQ, "单价"),
        Field("totalPrice", "总价", DECIMAL_19_5, REQ, "总价"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

OrderReturn = Entity(
    "OrderReturn",
    "订单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸系统生成36位唯一序号（英文字母大写）"),
        Field("ebpCode", "电商平台代码", text(0, 18), REQ, "电商平台海关注册登记编号或统一社会信用代码"),
        Field("ebcCode", "电商企业代码", text(0, 18), REQ, "电商企业的海关注册登记编号"),
        Field(
            "orderNo",
            "订单编号",
            text(0, 60),
            REQ,
            "电商平台订单编号/海外仓订仓单编号，同一交易平台的订单编号应唯一",
        ),
        Field(
            "returnStatus",
            "回执状态",
            text(1, 10),
            REQ,
            "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执",
        ),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "操作时间(格式：yyyyMMddHHmmssfff)",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

Receipts = Entity(
    "Receipts",
    "收款单数据实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field(
            "ebpCode",
            "电商平台代码",
            text(0, 18),
            REQ,
            "电商企业的海关注册登记编号或统一社会信用代码,，对应清单的收发货人",
        ),
        Field(
            "ebpName",
            "电商平台名称",
            text(0, 100),
            REQ,
            "电商企业的海关注册登记编号或统一社会信用代码,，对应清单的收发货人",
        ),
        Field(
            "ebcCode",
            "电商企业代码",
            text(0, 18),
            REQ,
            "电商企业的海关注册登记编号(10位海关编码或18位统一社会信用代码)",
        ),
        Field("ebcName", "电商企业名称", text(0, 100), REQ, "电商企业的海关注册登记名称，对应清单的收发货人"),
        Field("orderNo", "订单编号", text(0, 60), REQ, "电商平台的交易订单编号"),
        Field("payCode", "支付企业代码", text(0, 18), OPT, "支付企业的海关编码,国内企业必填"),
        Field("payName", "支付企业名称", text(0, 100), REQ, "支付企业名称,非线上支付填“现金支付”"),
        Field("payNo", "支付交易编号", text(0, 60), OPT, "支付交易编号"),
        Field("charge", "收款金额", DECIMAL_19_5, REQ, "支付企业的订单交易金额"),
        Field(
            "currency",
            "币制",
            text(3, 3),
            REQ,
            "海关标准的参数代码",
            codes=codes.EXPORT_CURRENCY,
            default="142",
            zero_pad=True,
        ),
        Field(
            "accountingDate",
            "到账时间",
            text(14, 14),
            REQ,
            "到账时间 格式:YYYYMMDDhhmmss",
            format=Format.DATETIME14,
        ),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

ReceiptsReturn = Entity(
    "ReceiptsReturn",
    "收款单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸系统生成36位唯一序号（英文字母大写）"),
        Field("ebcCode", "电商企业代码", text(0, 18), REQ, "电商企业的10位海关代码或者18位信用代码"),
        Field(
            "orderNo",
            "订单编号",
            text(0, 60),
            REQ,
            "电商平台订单编号/海外仓订仓单编号，同一交易平台的订单编号应唯一",
        ),
        Field("payNo", "支付交易编号", text(0, 60), OPT, "支付交易编号"),
        Field(
            "returnStatus",
            "回执状态",
            text(1, 10),
            REQ,
            "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执",
        ),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "操作时间(格式:yyyyMMddHHmmssfff)",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

Logistics = Entity(
    "Logistics",
    "物流运单数据实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field(
            "logisticsCode",
            "物流企业代码",
            text(0, 18),
            REQ,
            "物流企业的10位海关代码或者18位统一社会信用代码",
        ),
        Field("logisticsName", "物流企业名称", text(0, 100), REQ, "物流企业的海关登记名称"),
        Field(
            "logisticsNo",
            "物流运单编号",
            text(0, 32),
            REQ,
            "物流企业的运单包裹面单号（提运单号+运单编号形成唯一编号）",
        ),
        Field("freight", "运费", DECIMAL_19_5, REQ, "货物运输费用"),
        Field("insuredFee", "保价费", DECIMAL_19_5, REQ, "货物保险费用"),
        Field(
            "currency",
            "币制",
            text(3, 3),
            REQ,
            "海关标准的参数代码 《JGS-20 海关业务代码集》- 货币代码",
            codes=codes.EXPORT_CURRENCY,
            default="142",
            zero_pad=True,
        ),
        Field("grossWeight", "毛重（公斤）", DECIMAL_19_5, REQ, "单位为千克"),
        Field("packNo", "件数", INT9, REQ, "单个运单下包裹数"),
        Field("goodsInfo", "主要货物信息", text(0, 200), REQ, "物流企业可验视的商品信息"),
        Field("ebcCode", "电商企业代码", text(0, 18), OPT, "电商企业的10位海关代码或者18位信用代码"),
        Field("ebcName", "电商企业名称", text(0, 100), OPT, "电商企业的海关备案名称（电子口岸校验名称）"),
        Field("ebcTelephone", "电商企业电话", text(0, 50), OPT, "收发货人电话"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

LogisticsReturn = Entity(
    "LogisticsReturn",
    "物流运单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸生成36位唯一序号（英文字母大写）"),
        Field("logisticsCode", "物流企业代码", text(0, 18), REQ, "物流企业的海关注册登记编号"),
        Field("logisticsNo", "物流运单编号", text(0, 32), REQ, "物流企业的运单包裹面单号"),
        Field(
            "returnStatus",
            "回执状态",
            text(1, 10),
            REQ,
            "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执",
        ),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "操作时间(格式:yyyyMMddHHmmssfff)",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

ArrivalHead = Entity(
    "ArrivalHead",
    "物流运抵单表头",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field(
            "customsCode",
            "申报海关代码",
            text(4, 4),
            REQ,
            "办理通关手续的4位海关编号",
            zero_pad=True,
            pattern=DIGITS,
        ),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(18, 18), OPT, "电子口岸标识单证的编号"),
        Field("operatorCode", "监管场所经营人代码", text(0, 18), REQ, "监管场所经营人在海关注册登记的编号"),
        Field("operatorName", "监管场所经营人名称", text(0, 100), REQ, "监管场所经营人在海关注册登记的名称"),
        Field(
            "loctNo",
            "监管场所代码",
            text(0, 10),
            OPT,
            "同一申报地海关下有多个跨境电子商务的监管场所,需要填写区分",
        ),
        Field(
            "ieFlag", "进出口标记", text(1, 1), REQ, "I进口/E出口", codes=codes.IE_FLAG_EXPORT, default="E"
        ),
        Field(
            "trafMode",
            "运输方式",
            text(1, 1),
            REQ,
            "填写海关标准的参数代码，参照《JGS-20 海关业务代码集》- 运输方式代码",
            codes=codes.TRAF_MODE,
        ),
        Field("billNo", "提运单号", text(0, 37), OPT, "货物提单或运单的海运提单、空运总单或汽车载货清单"),
        Field(
            "domesticTrafNo",
            "境内运输工具编号",
            text(0, 100),
            REQ,
            "运往海关监管场所的运输工具编号，例如车牌号",
        ),
        Field("logisticsCode", "物流企业代码", text(0, 18), REQ, "物流企业的海关注册登记编号"),
        Field("logisticsName", "物流企业名称", text(0, 100), REQ, "物流企业的海关注册登记名称"),
        Field(
            "msgCount",
            "报文总数",
            INT9,
            REQ,
            "拆分后的报文总数（标准称未拆分的不填，但元素必填：未拆分填1）",
            default="1",
        ),
        Field("msgSeqNo", "报文序号", INT9, REQ, "当前报文序号，从1开始连续编号，不得跳号", default="1"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

ArrivalList = Entity(
    "ArrivalList",
    "物流运抵单表体（允许为空）",
    (
        Field("gnum", "序号", INT5, REQ, "从1开始的递增序号"),
        Field("logisticsNo", "物流运单编号", text(0, 32), REQ, "物流企业的运单包裹面单号"),
        Field(
            "totalPackageNo",
            "总包号",
            text(0, 37),
            OPT,
            "物流企业对于一个提运单下含有多个大包的托盘编号（邮件为邮袋号）",
        ),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

ArrivalReturn = Entity(
    "ArrivalReturn",
    "物流运抵单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸生成36位唯一序号（英文字母大写）"),
        Field("operatorCode", "监管场所经营人代码", text(0, 18), REQ, "监管场所经营人在海关注册登记的编号"),
        Field("logisticsCode", "物流企业代码", text(0, 18), REQ, "物流企业的海关注册登记编号"),
        Field("preNo", "电子口岸编号", text(18, 18), REQ, "电子口岸标识单证的编号"),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业唯一标识单证的编号"),
        Field("billNo", "提运单号", text(0, 37), REQ, "提单或总运单的编号"),
        Field("msgSeqNo", "报文序号", INT9, REQ, "当前报文序号，从1开始连续编号，不得跳号"),
        Field(
            "returnStatus",
            "回执状态",
            text(1, 10),
            REQ,
            "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执",
        ),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "操作时间(格式:yyyyMMddHHmmssfff)",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

DepartureHead = Entity(
    "DepartureHead",
    "物流离境单表头数据",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位系统唯一序号（英文字母大写）"),
        Field(
            "appType",
            "报送类型",
            text(1, 1),
            REQ,
            "1-新增;2-变更;3-删除，默认为1",
            codes=codes.APP_TYPE,
            default="1",
        ),
        Field(
            "appTime", "报送时间", text(14, 14), REQ, "业务时间,格式:YYYYMMDDhhmmss", format=Format.DATETIME14
        ),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field(
            "customsCode",
            "申报海关代码",
            text(4, 4),
            REQ,
            "办理通关手续的4位海关编号",
            zero_pad=True,
            pattern=DIGITS,
        ),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业唯一编号"),
        Field("preNo", "电子口岸编号", text(18, 18), OPT, "电子口岸标识单证的编号"),
        Field("logisticsCode", "物流企业代码", text(0, 18), REQ, "物流企业代码,10位海关代码或者18位信用代码"),
        Field("logisticsName", "物流企业名称", text(0, 100), REQ, "物流企业名称"),
        Field("trafMode", "运输方式", text(1, 1), REQ, "运输方式", codes=codes.TRAF_MODE),
        Field("trafName", "运输工具名称", text(0, 100), OPT, "运输工具名称"),
        Field("voyageNo", "航班航次号", text(0, 32), OPT, "航班航次号"),
        Field("billNo", "提运单号", text(0, 37), OPT, "提运单号,物流企业提供"),
        Field("leaveTime", "离境时间", text(14, 14), REQ, "离境时间", format=Format.DATETIME14),
        Field(
            "msgCount",
            "报文总数",
            INT9,
            REQ,
            "拆分后的报文总数（标准称未拆分的不填，但元素必填：未拆分填1）",
            default="1",
        ),
        Field("msgSeqNo", "报文序号", INT9, REQ, "当前报文序号，从1开始连续编号，不得跳号", default="1"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

DepartureList = Entity(
    "DepartureList",
    "物流离境单表体类",
    (
        Field("gnum", "序号", INT5, REQ, "序号"),
        Field("totalPackageNo", "总包号", text(0, 37), OPT, "总包号"),
        Field("logisticsNo", "物流运单编号", text(0, 32), REQ, "物流运单号"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

DepartureReturn = Entity(
    "DepartureReturn",
    "物流离境回执类",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位系统唯一序号（英文字母大写）"),
        Field("logisticsCode", "物流企业代码", text(0, 18), REQ, "物流企业代码,10位海关代码或者18位信用代码"),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业唯一编号"),
        Field("preNo", "电子口岸编号", text(18, 18), REQ, "电子口岸标识单证的编号"),
        Field("msgSeqNo", "报文序号", INT9, REQ, "当前报文序号，从1开始连续编号，不得跳号"),
        Field("returnStatus", "回执状态", text(1, 10), REQ, "回执状态"),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "回执时间,格式YYYYMMDDhhmmssfff",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

InventoryHead = Entity(
    "InventoryHead",
    "出口清单表头类",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位系统唯一序号（英文字母大写）"),
        Field(
            "appType",
            "报送类型",
            text(1, 1),
            REQ,
            "1-新增;2-变更;3-删除，默认为1",
            codes=codes.APP_TYPE,
            default="1",
        ),
        Field(
            "appTime", "报送时间", text(14, 14), REQ, "业务时间,格式:YYYYMMDDhhmmss", format=Format.DATETIME14
        ),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field(
            "customsCode",
            "申报海关代码",
            text(4, 4),
            REQ,
            "申报海关代码,办理通关手续的4位海关编号",
            zero_pad=True,
            pattern=DIGITS,
        ),
        Field("ebpCode", "电商平台代码", text(0, 18), REQ, "电商平台的海关登记编号"),
        Field("ebpName", "电商平台名称", text(0, 100), REQ, "电商平台名称"),
        Field("orderNo", "订单编号", text(0, 60), REQ, "订单编号,电商平台原始订单编号"),
        Field("logisticsCode", "物流企业代码", text(0, 18), REQ, "物流企业代码,10位海关代码或者18位信用代码"),
        Field("logisticsName", "物流企业名称", text(0, 100), REQ, "物流企业名称"),
        Field("logisticsNo", "物流运单编号", text(0, 32), REQ, "物流运单编号"),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业唯一编号"),
        Field("preNo", "电子口岸编号", text(18, 18), OPT, "电子口岸标识单证的编号"),
        Field("invtNo", "清单编号", text(0, 20), OPT, "清单编号"),
        Field(
            "ieFlag",
            "进出口标记",
            text(1, 1),
            REQ,
            "进出口标志,I/E标志",
            codes=codes.IE_FLAG_EXPORT,
            default="E",
        ),
        Field(
            "portCode",
            "出口口岸代码",
            text(4, 4),
            REQ,
            "出口口岸海关代码,海关参数代码",
            zero_pad=True,
            pattern=DIGITS,
        ),
        Field("ieDate", "出口日期", text(8, 8), REQ, "出口日期 YYYYMMDD", format=Format.DATE8),
        Field(
            "statisticsFlag",
            "申报业务类型",
            text(1, 1),
            REQ,
            "A-简化申报;B-汇总申报；若采用A简化申报，则要求商品不涉许可证、不涉出口关税、不涉及出口退税",
            codes=codes.STATISTICS_FLAG,
        ),
        Field("agentCode", "申报企业代码", text(0, 18), REQ, "报关企业代码 10位海关代码或者18位信用代码"),
        Field("agentName", "申报企业名称", text(0, 100), REQ, "报关企业名称"),
        Field("ebcCode", "电商企业代码", text(0, 18), REQ, "收发货人代码"),
        Field("ebcName", "电商企业名称", text(0, 100), REQ, "收发货人名称"),
        Field("ownerCode", "生产销售单位代码", text(0, 18), REQ, "生产销售单位代码"),
        Field("ownerName", "生产销售单位名称", text(0, 100), REQ, "生产销售单位名称"),
        Field("iacCode", "区内企业代码", text(0, 18), OPT, "区内企业代码 特殊区域模式必填"),
        Field("iacName", "区内企业名称", text(0, 100), OPT, "特殊区域内仓储企业代码，特殊区域出口模式必填"),
        Field("emsNo", "账册编号", text(0, 30), OPT, "账册编号"),
        Field(
            "tradeMode",
            "贸易方式",
            text(4, 4),
            REQ,
            "贸易方式 一般出口为9610,特殊区域出口为1210/1239",
            codes=codes.EXPORT_TRADE_MODE,
        ),
        Field("trafMode", "运输方式", text(1, 1), REQ, "运输方式代码 海关参数代码", codes=codes.TRAF_MODE),
        Field("trafName", "运输工具名称", text(0, 100), OPT, "运输工具名称"),
        Field("voyageNo", "航班航次号", text(0, 32), OPT, "航班航次号,物流企业提供"),
        Field("billNo", "提运单号", text(0, 37), OPT, "提运单号,物流企业提供"),
        Field("totalPackageNo", "总包号", text(0, 37), OPT, "总包号"),
        Field("loctNo", "监管场所代码", text(0, 10), OPT, "监管场所代码"),
        Field("licenseNo", "许可证号", text(0, 19), OPT, "许可证号"),
        Field(
            "country",
            "运抵国（地区）",
            text(3, 3),
            REQ,
            "运抵国（地区）,海关参数代码",
            codes=codes.COUNTRY,
            zero_pad=True,
        ),
        Field("POD", "指运港代码", text(3, 4), REQ, "指运港代码 海关参数代码"),
        Field("freight", "运费", DECIMAL_19_5, REQ, "运费"),
        Field(
            "fCurrency",
            "运费币制",
            text(3, 3),
            REQ,
            "运费币制 海关参数代码",
            codes=codes.EXPORT_CURRENCY,
            default="142",
            zero_pad=True,
        ),
        Field(
            "fFlag",
            "运费标志",
            text(1, 1),
            REQ,
            "运费标志 海关参数代码 3-总价",
            codes=codes.FEE_FLAG,
            default="3",
            fixed="3",
        ),
        Field("insuredFee", "保价费", DECIMAL_19_5, REQ, "保费"),
        Field(
            "iCurrency",
            "保费币制",
            text(3, 3),
            REQ,
            "保费币制 海关参数代码",
            codes=codes.EXPORT_CURRENCY,
            default="142",
            zero_pad=True,
        ),
        Field(
            "iFlag",
            "保费标志",
            text(1, 1),
            REQ,
            "保费标志 海关参数代码 3-总价",
            codes=codes.FEE_FLAG,
            default="3",
            fixed="3",
        ),
        Field("wrapType", "包装种类代码", text(1, 1), REQ, "包装种类代码", codes=codes.WRAP_TYPE),
        Field("packNo", "件数", INT9, REQ, "件数(包裹数)"),
        Field("grossWeight", "毛重（公斤）", DECIMAL_19_5, REQ, "毛重（千克）"),
        Field("netWeight", "净重（公斤）", DECIMAL_19_5, REQ, "净重（千克）"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

InventoryList = Entity(
    "InventoryList",
    "出口清单表体项类",
    (
        Field("gnum", "序号", INT5, REQ, "商品项号,从1开始连续序号"),
        Field("itemNo", "企业商品货号", text(0, 20), REQ, "企业商品编号"),
        Field("itemRecordNo", "账册备案料号", text(0, 30), OPT, "保税出口模式必填"),
        Field("itemName", "企业商品名称", text(0, 250), OPT, "企业自定义的商品名称，汇总后用于退税品名"),
        Field("gcode", "商品编码", text(10, 10), REQ, "海关商品编码（10位）", zero_pad=True, pattern=DIGITS),
        Field("gname", "商品名称", text(0, 250), REQ, "商品名称"),
        Field("gmodel", "规格型号", text(0, 250), REQ, "规格型号"),
        Field("barCode", "条形码", text(0, 50), REQ, "条形码"),
        Field(
            "country",
            "最终目的国（地区）",
            text(3, 3),
            REQ,
            "最终目的国（地区）代码",
            codes=codes.COUNTRY,
            zero_pad=True,
            standard_label="运抵国（地区）",
        ),
        Field(
            "currency",
            "币制",
            text(3, 3),
            REQ,
            "币制代码",
            codes=codes.EXPORT_CURRENCY,
            default="142",
            zero_pad=True,
        ),
        Field("qty", "数量", DECIMAL_19_5, REQ, "申报数量"),
        Field("qty1", "法定数量", DECIMAL_19_5, REQ, "法定数量"),
        Field("qty2", "第二数量", DECIMAL_19_5, OPT, "第二数量"),
        Field(
            "unit", "计量单位", text(3, 3), REQ, "申报计量单位,海关参数代码", codes=codes.UNIT, zero_pad=True
        ),
        Field(
            "unit1",
            "法定计量单位",
            text(3, 3),
            REQ,
            "法定计量单位,海关参数代码",
            codes=codes.UNIT,
            zero_pad=True,
        ),
        Field("unit2", "第二计量单位", text(0, 3), OPT, "第二计量单位,海关参数代码", codes=codes.UNIT),
        Field("price", "单价", DECIMAL_19_5, REQ, "单价"),
        Field("totalPrice", "总价", DECIMAL_19_5, REQ, "总价"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

InventoryReturn = Entity(
    "InventoryReturn",
    "出口清单回执类",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位系统唯一序号（英文字母大写）"),
        Field("agentCode", "申报企业代码", text(0, 18), REQ, "申报企业代码"),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业内部生成标识清单的编号"),
        Field("preNo", "电子口岸编号", text(18, 18), REQ, "电子口岸标识单证的编号"),
        Field(
            "invtNo",
            "清单编号",
            text(0, 20),
            REQ,
            "出境清单编号,海关审结生成标识清单的编号（4位关区+4位年+1位进出口标记+9位流水号）",
        ),
        Field(
            "ebcCode",
            "电商企业代码",
            text(0, 18),
            REQ,
            "电商（发货）企业的海关注册登记编号(10位海关编码或18位统一社会信用代码)",
        ),
        Field("ebpCode", "电商平台代码", text(0, 18), REQ, "电商平台的海关登记编号"),
        Field("orderNo", "订单编号", text(0, 60), REQ, "交易平台的订单编号，同一交易平台的订单编号应唯一"),
        Field(
            "statisticsFlag",
            "申报业务类型",
            text(1, 1),
            REQ,
            "A-简化申报;B-汇总申报；若采用A简化申报，则要求商品不涉许可证、不涉出口关税、不涉及出口退税",
        ),
        Field(
            "returnStatus",
            "回执状态",
            text(1, 10),
            REQ,
            "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/300人工审核/399海关审结/800放行/899结关等,若小于0数字表示处理异常回执",
        ),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "回执时间,格式YYYYMMDDhhmmssfff",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

InvtCancel = Entity(
    "InvtCancel",
    "撤销申请单类",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位系统唯一序号（英文字母大写）"),
        Field(
            "appType",
            "报送类型",
            text(1, 1),
            REQ,
            "1-新增;2-变更;3-删除，默认为1",
            codes=codes.APP_TYPE,
            default="1",
        ),
        Field(
            "appTime", "报送时间", text(14, 14), REQ, "业务时间,格式:YYYYMMDDhhmmss", format=Format.DATETIME14
        ),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field("customsCode", "申报海关代码", text(4, 4), REQ, "申报海关代码", zero_pad=True, pattern=DIGITS),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业内部生成标识清单的编号"),
        Field("preNo", "电子口岸编号", text(18, 18), OPT, "电子口岸标识单证的编号"),
        Field(
            "invtNo",
            "清单编号",
            text(0, 20),
            REQ,
            "出境清单编号，海关审结生成标识清单的编号（4位关区+4位年+1位进出口标记+9位流水号）",
        ),
        Field("reason", "撤单原因", text(0, 1000), REQ, "原因"),
        Field("agentCode", "申报企业代码", text(0, 18), REQ, "申报单位代码,10位海关代码或者18位信用代码"),
        Field("agentName", "申报企业名称", text(0, 100), REQ, "申报单位名称"),
        Field("ebcCode", "电商企业代码", text(0, 18), REQ, "收发货人代码"),
        Field("ebcName", "电商企业名称", text(0, 100), REQ, "收发货人名称"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

InvtCancelReturn = Entity(
    "InvtCancelReturn",
    "撤销申请单回执类",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位系统唯一序号（英文字母大写）"),
        Field("agentCode", "申报企业代码", text(0, 18), REQ, "申报企业代码"),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业内部生成标识清单的编号"),
        Field("preNo", "电子口岸编号", text(18, 18), REQ, "电子口岸标识单证的编号"),
        Field(
            "invtNo",
            "清单编号",
            text(0, 20),
            REQ,
            "出境清单编号,海关审结生成标识清单的编号（4位关区+4位年+1位进出口标记+9位流水号）",
        ),
        Field(
            "returnStatus",
            "回执状态",
            text(1, 10),
            REQ,
            "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执",
        ),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "回执时间,格式YYYYMMDDhhmmssfff",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

WayBillHead = Entity(
    "WayBillHead",
    "清单总分单数据",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位系统唯一序号（英文字母大写）"),
        Field(
            "appType",
            "报送类型",
            text(1, 1),
            REQ,
            "1-新增;2-变更;3-删除，默认为1",
            codes=codes.APP_TYPE,
            default="1",
        ),
        Field(
            "appTime", "报送时间", text(14, 14), REQ, "业务时间,格式:YYYYMMDDhhmmss", format=Format.DATETIME14
        ),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field(
            "customsCode",
            "申报海关代码",
            text(4, 4),
            REQ,
            "申报海关代码,办理通关手续的4位海关编号",
            zero_pad=True,
            pattern=DIGITS,
        ),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业生成标识唯一编号"),
        Field("preNo", "电子口岸编号", text(18, 18), OPT, "电子口岸标识单证的编号"),
        Field("agentCode", "申报企业代码", text(0, 18), REQ, "申报单位的海关注册登记编号或统一社会信用代码"),
        Field("agentName", "申报企业名称", text(0, 100), REQ, "申报企业名称"),
        Field("loctNo", "监管场所代码", text(0, 10), OPT, "监管场所代码"),
        Field("trafMode", "运输方式", text(1, 1), REQ, "运输方式代码,海关参数代码", codes=codes.TRAF_MODE),
        Field("trafName", "运输工具名称", text(0, 100), REQ, "运输工具名称"),
        Field("voyageNo", "航班航次号", text(0, 32), REQ, "航班航次号,物流企业提供"),
        Field("billNo", "提运单号", text(0, 37), REQ, "提运单号,物流企业提供"),
        Field(
            "domesticTrafNo",
            "境内运输工具编号",
            text(0, 100),
            OPT,
            "境内运输工具编号 运往海关监管场所的运输工具编号，例如车牌号",
        ),
        Field("grossWeight", "毛重（公斤）", DECIMAL_19_5, REQ, "毛重（千克）"),
        Field("logisticsCode", "物流企业代码", text(0, 18), REQ, "物流企业代码,10位海关代码或者18位信用代码"),
        Field("logisticsName", "物流企业名称", text(0, 100), REQ, "物流企业名称"),
        Field(
            "msgCount",
            "报文总数",
            INT9,
            REQ,
            "拆分后的报文总数（标准称未拆分的不填，但元素必填：未拆分填1）",
            default="1",
        ),
        Field("msgSeqNo", "报文序号", INT9, REQ, "当前报文序号，从1开始连续编号，不得跳号", default="1"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

WayBillList = Entity(
    "WayBillList",
    "提运单表体项类",
    (
        Field("gnum", "序号", INT5, REQ, "项号,从1开始连续序号"),
        Field("totalPackageNo", "总包号", text(0, 60), OPT, "总包号"),
        Field("logisticsNo", "物流运单编号", text(0, 32), REQ, "物流运单编号"),
        Field("invtNo", "清单编号", text(0, 20), OPT, "原出口清单编号"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

WayBillReturn = Entity(
    "WayBillReturn",
    "清单总分单回执",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位系统唯一序号（英文字母大写）"),
        Field("agentCode", "申报企业代码", text(0, 18), REQ, "10位海关代码或者18位信用代码"),
        Field("logisticsCode", "物流企业代码", text(0, 18), REQ, "物流企业代码,10位海关代码或者18位信用代码"),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业生成标识唯一编号"),
        Field("preNo", "电子口岸编号", text(18, 18), REQ, "电子口岸标识单证的编号"),
        Field("billNo", "提运单号", text(0, 37), REQ, "提运单号,提单或总运单的编号"),
        Field("msgSeqNo", "报文序号", INT9, REQ, "当前报文序号，从1开始连续编号，不得跳号"),
        Field(
            "returnStatus",
            "回执状态",
            text(1, 10),
            REQ,
            "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执",
        ),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "回执时间,格式YYYYMMDDhhmmssfff",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

InvtRefundHead = Entity(
    "InvtRefundHead",
    "退货申请单表头",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field("customsCode", "申报海关代码", text(4, 4), REQ, "4位海关编号", zero_pad=True, pattern=DIGITS),
        Field(
            "loctNo",
            "监管场所代码",
            text(0, 10),
            OPT,
            "同一申报地海关下有多个跨境电子商务的监管场所,需要填写区分",
        ),
        Field("ebpCode", "电商平台代码", text(0, 18), REQ, "电商平台的海关注册登记编号"),
        Field("ebpName", "电商平台名称", text(0, 100), REQ, "电商平台的海关注册登记名称"),
        Field(
            "ebcCode",
            "电商企业代码",
            text(0, 18),
            REQ,
            "电商企业的海关注册登记编号(10位海关编码或18位统一社会信用代码)",
        ),
        Field("ebcName", "电商企业名称", text(0, 100), REQ, "电商企业的海关注册登记名称，对应清单的收发货人"),
        Field(
            "logisticsNo",
            "物流运单编号",
            text(0, 80),
            REQ,
            "物流企业运单的包裹面单号，同一物流企业的运单编号在6个月内不重复，可以与原出口运单号一致，也可以是进境运单号",
        ),
        Field(
            "logisticsCode",
            "物流企业代码",
            text(0, 18),
            REQ,
            "物流企业的海关注册登记编号或统一社会信用代码，可以与原物流企业一致，也可以是进境物流企业",
        ),
        Field("logisticsName", "物流企业名称", text(0, 100), REQ, "物流企业的登记名称"),
        Field("coElNo", "企业内部编号", text(0, 30), REQ, "企业生成标识唯一编号"),
        Field("preNo", "电子口岸编号", text(0, 18), OPT, "电子口岸标识唯一编号（B+8位年月日+9位流水号）"),
        Field("invtNo", "清单编号", text(0, 20), REQ, "原出口清单号"),
        Field(
            "tradeMode",
            "贸易方式",
            text(4, 4),
            OPT,
            "贸易方式 一般出口为9610,特殊区域出口为1210/1239",
            codes=codes.EXPORT_TRADE_MODE,
        ),
        Field(
            "agentCode",
            "申报企业代码",
            text(0, 18),
            REQ,
            "申报单位的海关登记编号，可以与原申报企业一致，也可以是进境申报企业",
        ),
        Field("agentName", "申报企业名称", text(0, 100), REQ, "申报单位的海关登记名称"),
        Field("billNo", "提运单号", text(0, 37), REQ, "提单或总运单的编号，如无则填写物流运单号"),
        Field(
            "ieFlag",
            "进出口标记",
            text(0, 1),
            REQ,
            "I-进口,E-出口,出口退货填写I",
            codes=codes.IE_FLAG_RETURN,
            default="I",
        ),
        Field(
            "trafMode",
            "运输方式",
            text(0, 1),
            REQ,
            "海关标准的参数代码 《JGS-20 海关业务代码集》- 运输方式代码",
            codes=codes.TRAF_MODE,
        ),
        Field("trafName", "运输工具名称", text(0, 100), REQ, "货物进出境的运输工具的名称或运输工具编号"),
        Field(
            "portCode",
            "出口口岸代码",
            text(0, 4),
            REQ,
            "商品实际出我国关境口岸海关的关区代码 JGS/T 18《海关关区代码》",
            pattern=DIGITS,
        ),
        Field("reason", "退货原因", text(0, 500), REQ, "退货原因", standard_label="撤单原因"),
        Field(
            "country",
            "运抵国（地区）",
            text(0, 3),
            REQ,
            "20 海关业务代码集》的国家（地区）代码表，不能为中国",
            codes=codes.COUNTRY,
            zero_pad=True,
        ),
        Field("voyageNo", "航班航次号", text(0, 32), REQ, "货物进出境的运输工具的航次编号"),
        Field("note", "备注", text(0, 500), OPT, "备注"),
    ),
)

InvtRefundList = Entity(
    "InvtRefundList",
    "退货申请单商品表体",
    (
        Field("gnum", "序号", INT4, REQ, "对应原申报清单表体项号（退货项序号）"),
        Field("gcode", "商品编码", text(0, 10), REQ, "与原申报清单一致", pattern=DIGITS),
        Field("gname", "商品名称", text(0, 250), REQ, "与原申报清单一致"),
        Field("gmodel", "规格型号", text(0, 250), REQ, "与原申报清单一致"),
        Field("qty", "数量", DECIMAL_19_5, REQ, "不大于原申报清单申报数量，"),
        Field("qty1", "法定数量", DECIMAL_19_5, REQ, "不大于原清单法定第一数量"),
        Field("unit", "计量单位", text(3, 3), REQ, "与原申报清单保持一致", codes=codes.UNIT, zero_pad=True),
        Field(
            "unit1",
            "法定计量单位",
            text(3, 3),
            REQ,
            "海关标准的参数代码 《JGS-20 海关业务代码集》- 计量单位代码，与原申报清单保持一致",
            codes=codes.UNIT,
            zero_pad=True,
        ),
        Field("qty2", "第二数量", DECIMAL_19_5, OPT, "不大于原申报清单法定第二数量"),
        Field(
            "unit2",
            "第二计量单位",
            text(3, 3),
            OPT,
            "海关标准的参数代码 《JGS-20 海关业务代码集》- 计量单位代码，与原申报清单保持一致",
            codes=codes.UNIT,
            zero_pad=True,
        ),
        Field("note", "备注", text(0, 500), OPT, "备注"),
    ),
    consecutive_gnum=False,
)

RefundReturn = Entity(
    "RefundReturn",
    "退货申请单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field(
            "ebpCode",
            "电商平台代码",
            text(0, 18),
            OPT,
            "电商平台的海关注册登记编号；电商平台未在海关注册登记，由电商企业发送订单的，以中国电子口岸发布的电商平台标识编号为准",
        ),
        Field("ebcCode", "电商企业代码", text(0, 18), OPT, "电商企业的海关注册登记编号"),
        Field("agentCode", "申报企业代码", text(0, 18), REQ, "申报单位的海关注册登记编号"),
        Field("coElNo", "企业内部编号", text(0, 30), REQ, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(0, 18), OPT, "电子口岸标识单证的编号"),
        Field("invtNo", "清单编号", text(0, 20), REQ, "申请退货的原始清单编号"),
        Field(
            "returnStatus",
            "回执状态",
            text(0, 10),
            REQ,
            "操作结果（1暂存/2申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/300待人工审核/500查验/505移交/600挂起/800放行）,若小于0数字表示处理异常回执",
        ),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "操作时间(格式:YYYYMMDDhhmmssSSS)",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "回执信息"),
    ),
)

InvtRefundDetail = Entity(
    "InvtRefundDetail",
    "理货明细单实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field("customsCode", "申报海关代码", text(4, 4), REQ, "4位海关编号", zero_pad=True, pattern=DIGITS),
        Field(
            "operatorCode",
            "监管场所经营人代码",
            text(0, 18),
            REQ,
            "监管场所经营人在海关注册登记的编号，邮政运输用邮政物流企业",
        ),
        Field(
            "operatorName",
            "监管场所经营人名称",
            text(0, 100),
            REQ,
            # the standard's descriptions of operatorName and logisticsCode are swapped here
            "监管场所经营人在海关注册登记的名称，邮政运输用邮政物流企业",
        ),
        Field(
            "logisticsCode",
            "物流企业代码",
            text(0, 18),
            REQ,
            "物流企业的海关注册登记编号或统一社会信用代码，可以与原物流企业一致，也可以是进境物流企业",
        ),
        Field("logisticsName", "物流企业名称", text(0, 100), REQ, "物流企业的登记名称"),
        Field(
            "logisticsNo",
            "物流运单编号",
            text(0, 80),
            REQ,
            "物流企业运单的包裹面单号，可以与原出口原单号一致，也可以是进境运单号",
        ),
        Field("invtNo", "清单编号", text(0, 20), OPT, "原出口清单号"),
        Field("coElNo", "企业内部编号", text(0, 20), REQ, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(0, 18), OPT, "电子口岸标识单证的编号"),
        Field("billNo", "提运单号", text(0, 37), REQ, "提单或总运单的编号，如无则填物流运单号"),
        Field(
            "ieFlag",
            "进出口标记",
            text(1, 1),
            REQ,
            "I-进口,E-出口，出口退货填I",
            codes=codes.IE_FLAG_RETURN,
            default="I",
        ),
        Field(
            "trafMode",
            "运输方式",
            text(1, 1),
            REQ,
            "海关标准的参数代码 《JGS-20 海关业务代码集》- 运输方式代码",
            codes=codes.TRAF_MODE,
        ),
        Field("trafName", "运输工具名称", text(0, 100), REQ, "货物进出境的运输工具的名称或运输工具编号"),
        Field("voyageNo", "航班航次号", text(0, 32), REQ, "货物进出境的运输工具的航次编号"),
        Field("location", "仓储位置", text(0, 250), OPT, "卸货堆货的仓储位置"),
        Field("note", "备注", text(0, 250), OPT, "备注"),
    ),
)

InvtRefundDetailReturn = Entity(
    "InvtRefundDetailReturn",
    "理货明细单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field(
            "operatorCode",
            "监管场所经营人代码",
            text(0, 18),
            REQ,
            "监管场所经营人在海关注册登记的编号，邮政运输用邮政物流企业",
        ),
        Field(
            "logisticsCode",
            "物流企业代码",
            text(0, 18),
            REQ,
            "物流企业的海关注册登记编号或统一社会信用代码，可以与原物流企业一致，也可以是进境物流企业",
        ),
        Field(
            "logisticsNo",
            "物流运单编号",
            text(0, 80),
            REQ,
            "物流企业运单的包裹面单号，可以与原出口原单号一致，也可以是进境运单号",
        ),
        Field("coElNo", "企业内部编号", text(0, 30), REQ, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(0, 18), OPT, "电子口岸标识单证的编号"),
        Field(
            "returnStatus",
            "回执状态",
            text(0, 10),
            REQ,
            "操作结果（1暂存/2申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结）,若小于0数字表示处理异常回执",
        ),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "操作时间(格式:YYYYMMDDhhmmssSSS)",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "回执信息"),
    ),
)

SummaryApplyHead = Entity(
    "SummaryApplyHead",
    "汇总申请单表头",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 1), REQ, "企业报送状态", codes=codes.APP_STATUS, default="2"),
        Field("customsCode", "申报海关代码", text(4, 4), REQ, "4位海关编号", zero_pad=True, pattern=DIGITS),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业生成标识唯一编号"),
        Field("preNo", "电子口岸编号", text(0, 18), OPT, "电子口岸标识单证的编号"),
        Field("sumNo", "汇总申请编号", text(0, 18), OPT, "海关反馈生成的汇总申请编号"),
        Field("agentCode", "申报企业代码", text(0, 18), REQ, "申报单位的10位海关代码或者18位信用代码"),
        Field("agentName", "申报企业名称", text(0, 100), REQ, "申报单位的海关备案名称"),
        Field("ebcCode", "电商企业代码", text(0, 18), REQ, "电商企业的10位海关代码或者18位信用代码"),
        Field("ebcName", "电商企业名称", text(0, 100), REQ, "电商企业的海关备案名称"),
        Field(
            "declAgentCode", "报关单位代码", text(0, 18), REQ, "报关单申报单位的10位海关代码或者18位信用代码"
        ),
        Field("declAgentName", "报关单位名称", text(0, 100), REQ, "报关单申报单位的海关备案名称"),
        Field(
            "startTime",
            "汇总开始时间",
            text(14, 14),
            OPT,
            "汇总指定时间范围的清单，格式:YYYYMMDDhhmmss；填写时间范围则忽略表体",
            format=Format.DATETIME14,
        ),
        Field(
            "endTime",
            "汇总结束时间",
            text(14, 14),
            OPT,
            "汇总时间范围的结束，格式:YYYYMMDDhhmmss；与开始时间成对填写，不早于开始时间",
            format=Format.DATETIME14,
        ),
        Field(
            "loctNo",
            "监管场所代码",
            text(0, 10),
            OPT,
            "针对同一申报地海关下有多个跨境电子商务的监管场所,需要填写区分",
        ),
        Field(
            "summaryFlag",
            "收发货人汇总标志",
            text(1, 1),
            REQ,
            "汇总标志 1:按收发货人单一汇总，2:按收发货人和生产销售单位汇总",
            codes=codes.SUMMARY_FLAG,
            default="1",
        ),
        Field(
            "itemNameFlag",
            "按商品名汇总标志",
            text(1, 1),
            REQ,
            # the standard adds "不填则按商品综合分类名汇总", but its XSD requires the element
            # (minOccurs 1, length 1): an empty one cannot be sent, so that choice is not offered
            "必填，填1：按清单原始商品名相同汇总（标准只规定了取值1；XSD要求此项必填，不能留空）",
            codes=codes.ITEM_NAME_FLAG,
        ),
        Field(
            "msgCount",
            "报文总数",
            INT9,
            REQ,
            "拆分后的报文总数（标准称未拆分的不填，但元素必填：未拆分填1）",
            default="1",
        ),
        Field("msgSeqNo", "报文序号", INT9, REQ, "当前报文序号，从1开始连续编号，不得跳号", default="1"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

SummaryApplyList = Entity(
    "SummaryApplyList",
    "汇总申请单数据表体",
    (Field("invtNo", "清单编号", text(0, 20), REQ, "清单编号"),),
)

SummaryReturn = Entity(
    "SummaryReturn",
    "汇总申请单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸生成36位唯一序号（英文字母大写）"),
        Field("agentCode", "申报企业代码", text(0, 18), REQ, "申报单位的10位海关代码或者18位信用代码"),
        Field("ebcCode", "电商企业代码", text(0, 18), REQ, "电商企业的10位海关代码或者18位信用代码"),
        Field("copNo", "企业唯一编号", text(0, 30), REQ, "企业生成标识唯一编号"),
        Field("preNo", "电子口岸编号", text(18, 18), REQ, "电子口岸标识单证的编号"),
        Field("sumNo", "汇总申请编号", text(18, 18), OPT, "海关反馈生成的汇总申请编号"),
        Field("msgSeqNo", "报文序号", INT9, REQ, "当前报文序号，从1开始连续编号，不得跳号"),
        Field(
            "returnStatus",
            "回执状态",
            text(1, 10),
            REQ,
            "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结等）,若小于0数字表示处理异常回执",
        ),
        Field(
            "returnTime",
            "回执时间",
            text(17, 17),
            REQ,
            "操作时间(格式:yyyyMMddHHmmssfff)",
            format=Format.DATETIME17,
        ),
        Field("returnInfo", "回执信息", text(0, 1000), REQ, "备注（如不通过原因）"),
    ),
)

SummaryResultHead = Entity(
    "SummaryResultHead",
    "汇总结果单表头",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("customsCode", "申报海关代码", text(4, 4), REQ, "4位海关编号", zero_pad=True, pattern=DIGITS),
        Field("sumNo", "汇总申请编号", text(18, 18), REQ, "海关生成的汇总申请编号"),
        Field(
            "opDate",
            "汇总处理时间",
            text(17, 17),
            REQ,
            "汇总处理时间，格式:YYYYMMDDhhmmssfff",
            format=Format.DATETIME17,
        ),
        Field("declSeqNo", "汇总统一编号", text(18, 18), REQ, "海关生成唯一对应报关单"),
        Field("decTmpNo", "电子口岸暂存编号", text(18, 18), OPT, "电子口岸报关单暂存编号"),
        Field("decPreNo", "报关单预录入编号", text(18, 18), OPT, "电子口岸报关单预录入编号"),
        Field("entryId", "报关单编号", text(18, 18), OPT, "海关生成的报关单编号"),
        Field("decState", "报关单状态", text(1, 3), REQ, "报关单状态（具体返回值由海关确定）"),
        Field("agentCode", "申报企业代码", text(0, 18), REQ, "申报单位的海关登记编号"),
        Field("agentName", "申报企业名称", text(0, 100), REQ, "申报单位的海关登记名称"),
        Field(
            "ebcCode", "电商企业代码", text(0, 18), REQ, "收发货人（电商企业）的10位海关代码或者18位信用代码"
        ),
        Field("ebcName", "电商企业名称", text(0, 100), REQ, "收发货人（电商企业）的海关备案名称"),
        Field(
            "declAgentCode",
            "报关单位代码",
            text(0, 18),
            REQ,
            "后续报关单申报单位的海关注册登记编号或统一社会信用代码",
        ),
        Field("declAgentName", "报关单位名称", text(0, 100), REQ, "后续报关单申报单位的登记名称"),
        Field("grossWeight", "毛重（公斤）", DECIMAL_19_5, REQ, "货物及其包装材料的重量之和，计量单位为千克"),
        Field(
            "netWeight",
            "净重（公斤）",
            DECIMAL_19_5,
            REQ,
            "货物的毛重减去外包装材料后的重量，即货物本身的实际重量，计量单位为千克",
        ),
        Field(
            "msgCount", "报文总数", INT9, REQ, "拆分后的报文总数（标准称未拆分的不填，但元素必填：未拆分填1）"
        ),
        Field("msgSeqNo", "报文序号", INT9, REQ, "当前报文序号，从1开始连续编号，不得跳号"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

SummaryResultList = Entity(
    "SummaryResultList",
    "汇总结果单表体(允许可空)",
    (
        Field("invtNo", "清单编号", text(0, 20), REQ, "清单编号"),
        Field("logisticsNo", "物流运单编号", text(0, 32), REQ, "物流运单编号"),
        Field("gseqno", "汇总结果单顺序号", INT5, REQ, "汇总结果单的顺序号"),
        Field("gnum", "序号", INT5, REQ, "清单商品项的序号"),
        Field("gcode", "商品编码", text(10, 10), REQ, "清单商品编码", zero_pad=True, pattern=DIGITS),
    ),
)

#: The export XSD's BaseTransfer differs from import's in one facet: copCode has no minLength.
#: Messages are read and written with the import transcription (spec.BASE_TRANSFER), which asks
#: for a copCode in both directions; this one records what the export XSD itself says.
BaseTransfer = Entity(
    "BaseTransfer",
    entities.BaseTransfer.label,
    tuple(
        dataclasses.replace(f, type=text(0, 18)) if f.name == "copCode" else f
        for f in entities.BaseTransfer.fields
    ),
)
#: The same in both XSDs.
BaseSubscribe = entities.BaseSubscribe

D = Direction.DECLARATION
R = Direction.RECEIPT


def _declaration(
    code: str,
    label: str,
    head: Entity,
    wrapper: str | None = None,
    lst: Entity | None = None,
    *,
    max_lines: int | None = 100,
    min_lines: int = 1,
    parts: bool = False,
) -> MessageType:
    return MessageType(
        code,
        label,
        D,
        head,
        wrapper,
        lst,
        max_nodes=100,
        max_lines=max_lines if lst is not None else 99,
        signature="optional",
        family="export",
        signature_position=SignaturePosition.BEFORE_EXTEND,
        min_lines=min_lines,
        parts=parts,
    )


def _receipt(
    code: str,
    label: str,
    head: Entity,
    wrapper: str | None = None,
    lst: Entity | None = None,
    *,
    max_lines: int | None = 99,
    min_lines: int = 1,
) -> MessageType:
    return MessageType(
        code,
        label,
        R,
        head,
        wrapper,
        lst,
        max_nodes=100,
        max_lines=max_lines,
        signature="none",
        family="export",
        signature_position=SignaturePosition.BEFORE_EXTEND,
        min_lines=min_lines,
    )


CEB303 = _declaration("CEB303Message", "电子订单", OrderHead, "Order", OrderList)
CEB304 = _receipt("CEB304Message", "电子订单回执", OrderReturn)
CEB403 = _declaration("CEB403Message", "收款单", Receipts)
CEB404 = _receipt("CEB404Message", "收款单回执", ReceiptsReturn)
CEB505 = _declaration("CEB505Message", "物流运单", Logistics)
CEB506 = _receipt("CEB506Message", "物流运单回执", LogisticsReturn)
#: An arrival may carry no lines at all (ArrivalList{0..}).
CEB507 = _declaration(
    "CEB507Message", "运抵单", ArrivalHead, "Arrival", ArrivalList, max_lines=None, min_lines=0, parts=True
)
CEB508 = _receipt("CEB508Message", "运抵单回执", ArrivalReturn)
CEB509 = _declaration(
    "CEB509Message", "离境单", DepartureHead, "Departure", DepartureList, max_lines=None, parts=True
)
CEB510 = _receipt("CEB510Message", "离境单回执", DepartureReturn)
CEB603 = _declaration("CEB603Message", "申报清单", InventoryHead, "Inventory", InventoryList)
CEB604 = _receipt("CEB604Message", "申报清单回执", InventoryReturn)
CEB605 = _declaration("CEB605Message", "撤销申请单", InvtCancel)
CEB606 = _receipt("CEB606Message", "撤销申请单回执", InvtCancelReturn)
CEB607 = _declaration(
    "CEB607Message", "清单总分单", WayBillHead, "WayBill", WayBillList, max_lines=None, parts=True
)
CEB608 = _receipt("CEB608Message", "清单总分单回执", WayBillReturn)
CEB213 = _declaration("CEB213Message", "退货申请单", InvtRefundHead, "InvtRefund", InvtRefundList)
CEB214 = _receipt("CEB214Message", "退货申请单回执", RefundReturn)
CEB215 = _declaration("CEB215Message", "理货明细单", InvtRefundDetail)
CEB216 = _receipt("CEB216Message", "理货明细单回执", InvtRefundDetailReturn)
#: A summary names its inventories (SummaryApplyList{0..}), or none when a time range is given.
CEB701 = _declaration(
    "CEB701Message",
    "汇总申请单",
    SummaryApplyHead,
    "SummaryApply",
    SummaryApplyList,
    max_lines=None,
    min_lines=0,
    parts=True,
)
CEB702 = _receipt("CEB702Message", "汇总申请单回执", SummaryReturn)
#: What customs sends once a summary is done: the declaration's numbers and the summarised lines.
CEB792 = _receipt(
    "CEB792Message",
    "汇总结果单",
    SummaryResultHead,
    "SummaryResult",
    SummaryResultList,
    max_lines=None,
    min_lines=0,
)

EXPORT_MESSAGES: tuple[MessageType, ...] = (
    CEB303,
    CEB304,
    CEB403,
    CEB404,
    CEB505,
    CEB506,
    CEB507,
    CEB508,
    CEB509,
    CEB510,
    CEB603,
    CEB604,
    CEB605,
    CEB606,
    CEB607,
    CEB608,
    CEB213,
    CEB214,
    CEB215,
    CEB216,
    CEB701,
    CEB702,
    CEB792,
)
