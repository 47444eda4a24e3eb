"""Import entities of the 202205 standard, transcribed field by field.

Order of fields = XSD sequence order. ``doc`` is the first clause of the standard's own
description of the field. Labels follow the specification tables.
"""

from __future__ import annotations

from . import codes
from .model import DECIMAL_19_5, INT, INT9, Entity, Field, Format, text

REQ = True
OPT = False
DIGITS = (r"[0-9]+", "只能包含数字", "digits only")

OrderHead = Entity(
    "OrderHead",
    "电子订单表头实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 3), REQ, "业务状态:1-暂存,2-申报,默认为2", codes=codes.APP_STATUS, default="2"),
        Field("orderType", "订单类型", text(1, 1), REQ, "电子订单类型：I进口", codes=codes.ORDER_TYPE, default="I"),
        Field("orderNo", "订单编号", text(1, 60), REQ, "交易平台的订单编号，同一交易平台的订单编号应唯一"),
        Field("ebpCode", "电商平台代码", text(1, 18), REQ, "电商平台的海关注册登记编号"),
        Field("ebpName", "电商平台名称", text(1, 100), REQ, "电商平台的海关注册登记名称"),
        Field("ebcCode", "电商企业代码", text(1, 18), REQ, "电商企业的海关注册登记编号"),
        Field("ebcName", "电商企业名称", text(1, 100), REQ, "电商企业的海关注册登记名称"),
        Field("goodsValue", "商品金额", DECIMAL_19_5, REQ, "商品实际成交价，含非现金抵扣金额"),
        Field("freight", "运费", DECIMAL_19_5, REQ, "不包含在商品价格中的运杂费，无则填写“0“"),
        Field("discount", "非现金抵扣金额", DECIMAL_19_5, REQ, "使用积分、虚拟货币、代金券等非现金支付金额，无则填写“0“"),
        Field("taxTotal", "代扣税款", DECIMAL_19_5, REQ, "企业预先代扣的税款金额，无则填写“0”"),
        Field("acturalPaid", "实际支付金额", DECIMAL_19_5, REQ, "商品价格+运杂费+代扣税款-非现金抵扣金额，与支付凭证的支付金额一致"),
        Field("currency", "币制", text(3, 3), REQ, "限定为人民币，填写“142”", codes=codes.CURRENCY, default="142", zero_pad=True),
        Field("buyerRegNo", "订购人注册号", text(1, 60), REQ, "订购人的交易平台注册号"),
        Field("buyerName", "订购人姓名", text(1, 60), REQ, "订购人的真实姓名"),
        Field("buyerTelephone", "订购人电话", text(1, 30), REQ, "订购人电话"),
        Field("buyerIdType", "订购人证件类型", text(1, 1), REQ, "1-身份证,2-其它", codes=codes.ID_TYPE, default="1"),
        Field("buyerIdNumber", "订购人证件号码", text(1, 60), REQ, "订购人的身份证件号码"),
        Field("payCode", "支付企业代码", text(0, 18), OPT, "支付企业的海关注册登记编号"),
        Field("payName", "支付企业名称", text(0, 100), OPT, "支付企业在海关注册登记的企业名称"),
        Field("payTransactionId", "支付交易编号", text(0, 60), OPT, "支付企业唯一的支付流水号"),
        Field("batchNumbers", "商品批次号", text(0, 100), OPT, "商品批次号"),
        Field("consignee", "收货人姓名", text(1, 100), REQ, "收货人姓名，必须与电子运单的收货人姓名一致"),
        Field("consigneeTelephone", "收货人电话", text(1, 50), REQ, "收货人联系电话，必须与电子运单的收货人电话一致"),
        Field("consigneeAddress", "收货地址", text(1, 200), REQ, "收货地址，必须与电子运单的收货地址一致"),
        Field("consigneeDistrict", "收货地址行政区划代码", text(6, 6), OPT, "参照国家统计局公布的国家行政区划标准填制", zero_pad=True, pattern=DIGITS),
        Field("note", "备注", text(0, 1000), OPT, "订单备注"),
    ),
)

OrderList = Entity(
    "OrderList",
    "电子订单商品实体",
    (
        Field("gnum", "序号", INT, REQ, "从1开始的递增序号"),
        Field("itemNo", "企业商品货号", text(0, 30), OPT, "电商企业自定义的商品货号（SKU）"),
        Field("itemName", "企业商品名称", text(1, 250), REQ, "交易平台销售商品的中文名称"),
        Field("gmodel", "规格型号", text(1, 510), REQ, "满足海关归类、审价以及监管的要求为准"),
        Field("itemDescribe", "企业商品描述", text(0, 1000), OPT, "交易平台销售商品的描述信息"),
        Field("barCode", "条形码", text(0, 50), OPT, "国际通用的商品条形码，一般由前缀部分、制造厂商代码、商品代码和校验码组成"),
        Field("unit", "计量单位", text(3, 3), REQ, "填写海关标准的参数代码，参照《JGS-20 海关业务代码集》- 计量单位代码", codes=codes.UNIT, zero_pad=True),
        Field("qty", "数量", DECIMAL_19_5, REQ, "商品实际数量"),
        Field("price", "单价", DECIMAL_19_5, REQ, "商品单价"),
        Field("totalPrice", "总价", DECIMAL_19_5, REQ, "商品总价，等于单价乘以数量"),
        Field("currency", "币制", text(3, 3), REQ, "限定为人民币，填写“142”", codes=codes.CURRENCY, default="142", zero_pad=True),
        Field("country", "运抵国（地区）", text(3, 3), REQ, "填写海关标准的参数代码，参照《JGS-20 海关业务代码集》-国家（地区）代码表", codes=codes.COUNTRY, zero_pad=True),
        Field("note", "备注", text(0, 1000), OPT, "促销活动，商品单价偏离市场价格的，可以在此说明"),
    ),
)

OrderReturn = Entity(
    "OrderReturn",
    "电子订单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸系统生成36位唯一序号（英文字母大写）"),
        Field("ebpCode", "电商平台代码", text(1, 18), REQ, "电商平台的海关注册登记编号"),
        Field("ebcCode", "电商企业代码", text(1, 18), REQ, "电商企业的海关注册登记编号"),
        Field("orderNo", "订单编号", text(1, 60), REQ, "交易平台的订单编号，同一交易平台的订单编号应唯一"),
        Field("returnStatus", "回执状态", text(1, 10), REQ, "操作结果（2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/399海关审结）,若小于0数字表示处理异常回执"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "操作时间(格式:YYYYMMDDhhmmssSSS)", format=Format.DATETIME17),
        Field("returnInfo", "回执信息", text(1, 1000), REQ, "备注（如:退单原因）"),
    ),
)

PaymentHead = Entity(
    "PaymentHead",
    "支付凭证数据实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 3), REQ, "业务状态:1-暂存,2-申报,默认为2", codes=codes.APP_STATUS, default="2"),
        Field("payCode", "支付企业代码", text(1, 18), REQ, "支付企业的海关注册登记编号"),
        Field("payName", "支付企业名称", text(1, 100), REQ, "支付企业在海关注册登记的名称"),
        Field("payTransactionId", "支付交易编号", text(1, 60), REQ, "支付企业唯一的支付流水号"),
        Field("orderNo", "订单编号", text(1, 60), REQ, "交易平台的订单编号，同一交易平台的订单编号应唯一"),
        Field("ebpCode", "电商平台代码", text(1, 18), REQ, "电商平台的海关注册登记编号"),
        Field("ebpName", "电商平台名称", text(1, 100), REQ, "电商平台的海关注册登记名称"),
        Field("payerIdType", "支付人证件类型", text(1, 1), REQ, "1-身份证,2-其它", codes=codes.ID_TYPE, default="1"),
        Field("payerIdNumber", "支付人证件号码", text(1, 60), REQ, "支付人证件号码"),
        Field("payerName", "支付人姓名", text(1, 60), REQ, "支付人的身份证件号码"),
        Field("telephone", "支付人电话", text(0, 60), OPT, "支付人电话"),
        Field("amountPaid", "支付金额", DECIMAL_19_5, REQ, "支付金额"),
        Field("currency", "币制", text(3, 3), REQ, "限定为人民币，填写“142”", codes=codes.CURRENCY, default="142", zero_pad=True),
        Field("payTime", "支付时间", text(14, 14), REQ, "支付时间，格式:YYYYMMDDhhmmss", format=Format.DATETIME14),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

PaymentReturn = Entity(
    "PaymentReturn",
    "支付凭证回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸生成36位唯一序号（英文字母大写）"),
        Field("payCode", "支付企业代码", text(1, 18), REQ, "支付企业的海关注册登记编号"),
        Field("payTransactionId", "支付交易编号", text(1, 60), REQ, "支付企业唯一的支付流水号"),
        Field("returnStatus", "回执状态", text(1, 10), REQ, "操作结果（2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/399海关审结）,若小于0数字表示处理异常回执"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "操作时间(格式:YYYYMMDDhhmmssSSS)", format=Format.DATETIME17),
        Field("returnInfo", "回执信息", text(1, 1000), REQ, "备注（如:退单原因）"),
    ),
)

LogisticsHead = Entity(
    "LogisticsHead",
    "物流运单数据实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 3), REQ, "业务状态:1-暂存,2-申报,默认为2", codes=codes.APP_STATUS, default="2"),
        Field("logisticsCode", "物流企业代码", text(1, 18), REQ, "物流企业的海关注册登记编号"),
        Field("logisticsName", "物流企业名称", text(1, 100), REQ, "物流企业在海关注册登记的名称"),
        Field("logisticsNo", "物流运单编号", text(1, 60), REQ, "物流企业的运单包裹面单号"),
        Field("billNo", "提运单号", text(0, 37), OPT, "直购进口为海运提单、空运总单或汽车载货清单"),
        Field("orderNo", "订单编号", text(1, 60), REQ, "交易平台的订单编号，同一交易平台的订单编号应唯一"),
        Field("freight", "运费", DECIMAL_19_5, OPT, "商品运输费用，无则填“0”"),
        Field("insuredFee", "保价费", DECIMAL_19_5, OPT, "商品保险费用，无则填“0”"),
        Field("currency", "币制", text(3, 3), REQ, "限定为人民币，填写“142”", codes=codes.CURRENCY, default="142", zero_pad=True),
        Field("weight", "毛重", DECIMAL_19_5, REQ, "毛重,单位为千克"),
        Field("packNo", "件数", INT9, REQ, "单个运单下包裹数，限定为“1”", default="1"),
        Field("goodsInfo", "主要货物信息", text(0, 200), OPT, "配送的商品信息，包括商品名称、数量等"),
        Field("consignee", "收货人姓名", text(1, 100), REQ, "收货人姓名"),
        Field("consigneeAddress", "收货地址", text(1, 200), REQ, "收货地址"),
        Field("consigneeTelephone", "收货人电话", text(1, 50), REQ, "收货人电话号码"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

LogisticsReturn = Entity(
    "LogisticsReturn",
    "物流运单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸生成36位唯一序号（英文字母大写）"),
        Field("logisticsCode", "物流企业代码", text(1, 18), REQ, "物流企业的海关注册登记编号"),
        Field("logisticsNo", "物流运单编号", text(1, 60), REQ, "物流企业的运单包裹面单号"),
        Field("returnStatus", "回执状态", text(1, 10), REQ, "操作结果（2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/399海关审结）,若小于0数字表示处理异常回执"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "操作时间(格式:YYYYMMDDhhmmssSSS)", format=Format.DATETIME17),
        Field("returnInfo", "回执信息", text(1, 1000), REQ, "备注（如:退单原因）"),
    ),
)

LogisticsStatus = Entity(
    "LogisticsStatus",
    "物流运单状态数据实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 3), REQ, "业务状态:1-暂存,2-申报,默认为2", codes=codes.APP_STATUS, default="2"),
        Field("logisticsCode", "物流企业代码", text(1, 18), REQ, "物流企业的海关注册登记编号"),
        Field("logisticsName", "物流企业名称", text(1, 100), REQ, "物流企业在海关注册登记的名称"),
        Field("logisticsNo", "物流运单编号", text(1, 60), REQ, "物流企业的运单包裹面单号"),
        Field("logisticsStatus", "物流运单状态", text(1, 1), REQ, "物流签收状态，限定S", codes=codes.LOGISTICS_STATUS, default="S"),
        Field("logisticsTime", "物流状态时间", text(14, 14), REQ, "物流状态发生的实际时间", format=Format.DATETIME14),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

LogisticsStatusReturn = Entity(
    "LogisticsStatusReturn",
    "物流运单状态回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸生成36位唯一序号（英文字母大写）"),
        Field("logisticsCode", "物流企业代码", text(1, 18), REQ, "物流企业的海关注册登记编号"),
        Field("logisticsNo", "物流运单编号", text(1, 60), REQ, "物流企业的运单包裹面单号"),
        Field("logisticsStatus", "物流运单状态", text(1, 1), REQ, "物流签收状态，限定为S", codes=codes.LOGISTICS_STATUS, default="S"),
        Field("returnStatus", "回执状态", text(1, 10), REQ, "操作结果（2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/399海关审结）,若小于0数字表示处理异常回执"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "操作时间(格式:YYYYMMDDhhmmssSSS)", format=Format.DATETIME17),
        Field("returnInfo", "回执信息", text(1, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

InventoryHead = Entity(
    "InventoryHead",
    "进口清单表头实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 3), REQ, "业务状态:1-暂存,2-申报,默认为1", codes=codes.APP_STATUS, default="1"),
        Field("orderNo", "订单编号", text(1, 60), REQ, "交易平台的订单编号，同一交易平台的订单编号应唯一"),
        Field("ebpCode", "电商平台代码", text(1, 18), REQ, "电商平台的海关注册登记编号"),
        Field("ebpName", "电商平台名称", text(1, 100), REQ, "电商平台的海关注册登记名称"),
        Field("ebcCode", "电商企业代码", text(1, 18), REQ, "电商企业的海关注册登记编号"),
        Field("ebcName", "电商企业名称", text(1, 100), REQ, "电商企业的海关注册登记名称"),
        Field("logisticsNo", "物流运单编号", text(1, 60), REQ, "物流企业的运单包裹面单号"),
        Field("logisticsCode", "物流企业代码", text(1, 18), REQ, "物流企业的海关注册登记编号"),
        Field("logisticsName", "物流企业名称", text(1, 100), REQ, "物流企业在海关注册登记的名称"),
        Field("copNo", "企业唯一编号", text(0, 20), OPT, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(0, 18), OPT, "电子口岸标识单证的编号"),
        Field("assureCode", "担保企业代码", text(1, 30), REQ, "担保扣税的企业海关注册登记编号，只限清单的申报企业、电商企业物流企业"),
        Field("emsNo", "账册编号", text(0, 30), OPT, "保税模式必填，填写区内仓储企业在海关备案的账册编号，用于保税进口业务在特殊区域辅助系统记账（二线出区核减）"),
        Field("invtNo", "清单编号", text(0, 18), OPT, "海关接受申报生成的清单编号"),
        Field("ieFlag", "进出口标记", text(1, 1), REQ, "I-进口,E-出口", codes=codes.IE_FLAG, default="I"),
        Field("declTime", "申报日期", text(8, 8), REQ, "申报日期，以海关计算机系统接受清单申报数据时记录的日期为准", format=Format.DATE8),
        Field("customsCode", "申报海关代码", text(4, 4), REQ, "接受清单申报的海关关区代码，参照JGS/T 18《海关关区代码》", zero_pad=True, pattern=DIGITS),
        Field("portCode", "出口口岸代码", text(4, 4), REQ, "商品实际进出我国关境口岸海关的关区代码，参照JGS/T 18《海关关区代码》", zero_pad=True, pattern=DIGITS),
        Field("ieDate", "出口日期", text(8, 8), OPT, "运载所申报商品的运输工具申报进境的日期，进口申报时无法确知相应的运输工具的实际进境日期时，免填", format=Format.DATE8),
        Field("buyerIdType", "订购人证件类型", text(1, 1), REQ, "1-身份证,2-其它", codes=codes.ID_TYPE, default="1"),
        Field("buyerIdNumber", "订购人证件号码", text(1, 60), REQ, "订购人的身份证件号码"),
        Field("buyerName", "订购人姓名", text(1, 60), REQ, "订购人的真实姓名"),
        Field("buyerTelephone", "订购人电话", text(1, 30), REQ, "订购人电话"),
        Field("consigneeAddress", "收货地址", text(1, 200), REQ, "收件地址"),
        Field("agentCode", "申报企业代码", text(1, 18), REQ, "申报单位的海关注册登记编号"),
        Field("agentName", "申报企业名称", text(1, 100), REQ, "申报单位在海关注册登记的名称"),
        Field("areaCode", "区内企业代码", text(0, 18), OPT, "保税模式必填，区内仓储企业的海关注册登记编号"),
        Field("areaName", "区内企业名称", text(0, 100), OPT, "保税模式必填，区内仓储企业在海关注册登记的名称"),
        Field("tradeMode", "贸易方式", text(4, 4), REQ, "直购进口填写“9610”，保税进口填写“1210”", codes=codes.TRADE_MODE),
        Field("trafMode", "运输方式", text(1, 1), REQ, "填写海关标准的参数代码，参照《JGS-20 海关业务代码集》- 运输方式代码", codes=codes.TRAF_MODE),
        Field("trafNo", "运输工具编号", text(0, 100), OPT, "直购进口必填"),
        Field("voyageNo", "航班航次号", text(0, 32), OPT, "直购进口必填"),
        Field("billNo", "提运单号", text(0, 37), OPT, "直购进口必填"),
        Field("loctNo", "监管场所代码", text(0, 10), OPT, "针对同一申报地海关下有多个跨境电子商务的监管场所,需要填写区分"),
        Field("licenseNo", "许可证号", text(0, 19), OPT, "商务主管部门及其授权发证机关签发的进出口货物许可证件的编号"),
        Field("country", "运抵国（地区）", text(3, 3), REQ, "直购进口填写起始发出国家（地区）代码，参照《JGS-20 海关业务代码集》的国家（地区）代码表", codes=codes.COUNTRY, zero_pad=True),
        Field("freight", "运费", DECIMAL_19_5, REQ, "物流企业实际收取的运输费用"),
        Field("insuredFee", "保价费", DECIMAL_19_5, REQ, "物流企业实际收取的商品保价费用"),
        Field("currency", "币制", text(3, 3), REQ, "限定为人民币，填写“142”", codes=codes.CURRENCY, default="142", zero_pad=True),
        Field("wrapType", "包装种类代码", text(1, 1), OPT, "海关对进出口货物实际采用的外部包装方式的标识代码，采用1 位数字表示，如：木箱、纸箱、桶装、散装、托盘、包、油罐车等", codes=codes.WRAP_TYPE),
        Field("packNo", "件数", INT9, REQ, "件数为包裹数量，限定为“1”", default="1"),
        Field("grossWeight", "毛重（公斤）", DECIMAL_19_5, REQ, "货物及其包装材料的重量之和，计量单位为千克"),
        Field("netWeight", "净重（公斤）", DECIMAL_19_5, REQ, "货物的毛重减去外包装材料后的重量，即货物本身的实际重量，计量单位为千克"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

InventoryList = Entity(
    "InventoryList",
    "进口清单表体实体",
    (
        Field("gnum", "序号", INT, REQ, "从1开始连续序号，与关联的电子订单表体序号一一对应"),
        Field("itemRecordNo", "账册备案料号", text(0, 30), OPT, "账册备案料号 保税模式必填"),
        Field("itemNo", "企业商品货号", text(0, 20), OPT, "电商企业自定义的商品货号（SKU）"),
        Field("itemName", "企业商品名称", text(0, 250), OPT, "交易平台销售商品的中文名称"),
        Field("gcode", "商品编码", text(10, 10), REQ, "按商品分类编码规则确定的进出口商品的商品编号，分为商品编号和附加编号，其中商品编号栏应填报《中华人民共和国进出口税则》8位税则号列，附加编号应填报商品编号，附加", zero_pad=True, pattern=DIGITS),
        Field("gname", "商品名称", text(1, 250), REQ, "商品名称应据实填报，与电子订单一致"),
        Field("gmodel", "规格型号", text(1, 510), REQ, "满足海关归类、审价以及监管的要求为准"),
        Field("barCode", "条形码", text(0, 50), OPT, "商品条码一般由前缀部分、制造厂商代码、商品代码和校验码组成"),
        Field("country", "运抵国（地区）", text(3, 3), REQ, "原产国（地区），海关标准的参数代码 《JGS-20 海关业务代码集》 国家（地区）代码表填写代码", codes=codes.COUNTRY, zero_pad=True),
        Field("tradeCountry", "贸易国", text(1, 3), OPT, "贸易国，按海关规定的《国别（地区）代码表》选择填报相应的贸易国（地区）代码", codes=codes.COUNTRY, zero_pad=True),
        Field("currency", "币制", text(3, 3), REQ, "限定为人民币，填写“142”", codes=codes.CURRENCY, default="142", zero_pad=True),
        Field("qty", "数量", DECIMAL_19_5, REQ, "数量，按成交计量单位的实际数量"),
        Field("unit", "计量单位", text(3, 3), REQ, "计量单位，海关标准的参数代码 《JGS-20 海关业务代码集》- 计量单位代码", codes=codes.UNIT, zero_pad=True),
        Field("qty1", "法定数量", DECIMAL_19_5, REQ, "法定数量，海关标准的参数代码 《JGS-20 海关业务代码集》- 计量单位代码"),
        Field("unit1", "法定计量单位", text(3, 3), REQ, "法定i计量单位,海关标准的参数代码 《JGS-20 海关业务代码集》- 计量单位代码", codes=codes.UNIT, zero_pad=True),
        Field("qty2", "第二数量", DECIMAL_19_5, OPT, "第二数量"),
        Field("unit2", "第二计量单位", text(3, 3), OPT, "第二计量单位,海关标准的参数代码 《JGS-20 海关业务代码集》- 计量单位代码", codes=codes.UNIT, zero_pad=True),
        Field("price", "单价", DECIMAL_19_5, REQ, "成交单价"),
        Field("totalPrice", "总价", DECIMAL_19_5, REQ, "成交总价"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

InventoryReturn = Entity(
    "InventoryReturn",
    "进口清单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸生成36位唯一序号（英文字母大写）"),
        Field("customsCode", "申报海关代码", text(4, 4), OPT, "申报口岸", zero_pad=True, pattern=DIGITS),
        Field("ebpCode", "电商平台代码", text(1, 18), OPT, "电商平台的海关注册登记编号"),
        Field("ebcCode", "电商企业代码", text(1, 18), OPT, "电商平台的海关注册登记编号"),
        Field("agentCode", "申报企业代码", text(1, 18), OPT, "申报单位代码,10位海关代码或者18位信用代码(兼容考虑，暂设为选填)"),
        Field("copNo", "企业唯一编号", text(1, 20), REQ, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(18, 18), REQ, "电子口岸标识单证的编号"),
        Field("invtNo", "清单编号", text(18, 18), OPT, "海关审核反馈清单的编号"),
        Field("returnStatus", "回执状态", text(1, 10), REQ, "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/300人工审核/399海关审结/800放行/899"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "操作时间(格式:YYYYMMDDhhmmssSSS)", format=Format.DATETIME17),
        Field("returnInfo", "回执信息", text(1, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

InvtCancel = Entity(
    "InvtCancel",
    "撤销申请单实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE_NEW_ONLY, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 3), REQ, "业务状态:1-暂存,2-申报,默认为1", codes=codes.APP_STATUS, default="1"),
        Field("customsCode", "申报海关代码", text(4, 4), REQ, "接受申报的海关关区代码，参照JGS/T 18《海关关区代码》", zero_pad=True, pattern=DIGITS),
        Field("orderNo", "订单编号", text(1, 60), REQ, "交易平台的订单编号，同一交易平台的订单编号应唯一"),
        Field("ebpCode", "电商平台代码", text(1, 18), REQ, "电商平台的海关注册登记编号"),
        Field("ebpName", "电商平台名称", text(1, 100), REQ, "电商平台的海关注册登记名称"),
        Field("ebcCode", "电商企业代码", text(1, 18), REQ, "电商企业的海关注册登记编号"),
        Field("ebcName", "电商企业名称", text(1, 100), REQ, "电商企业的海关注册登记名称"),
        Field("logisticsNo", "物流运单编号", text(1, 60), REQ, "物流企业的运单包裹面单号"),
        Field("logisticsCode", "物流企业代码", text(1, 18), REQ, "物流企业的海关注册登记编号"),
        Field("logisticsName", "物流企业名称", text(1, 100), REQ, "物流企业在海关注册登记的名称"),
        Field("copNo", "企业唯一编号", text(0, 20), OPT, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(0, 18), OPT, "电子口岸标识单证的编号"),
        Field("invtNo", "清单编号", text(1, 18), REQ, "申请撤销的原始清单编号"),
        Field("buyerIdType", "订购人证件类型", text(1, 1), REQ, "1-身份证,2-其它", codes=codes.ID_TYPE, default="1"),
        Field("buyerIdNumber", "订购人证件号码", text(1, 60), REQ, "订购人的身份证件号码"),
        Field("buyerName", "订购人姓名", text(1, 60), REQ, "订购人的真实姓名"),
        Field("buyerTelephone", "订购人电话", text(1, 30), REQ, "订购人电话"),
        Field("agentCode", "申报企业代码", text(1, 18), REQ, "申报单位的海关注册登记编号"),
        Field("agentName", "申报企业名称", text(1, 100), REQ, "申报单位在海关注册登记的名称"),
        Field("reason", "撤单原因", text(1, 1000), REQ, "撤单原因"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

InvtCancelReturn = Entity(
    "InvtCancelReturn",
    "撤销申请单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸生成36位唯一序号（英文字母大写）"),
        Field("customsCode", "申报海关代码", text(4, 4), OPT, "申报口岸", zero_pad=True, pattern=DIGITS),
        Field("agentCode", "申报企业代码", text(1, 18), OPT, "申报单位代码,10位海关代码或者18位信用代码（兼容考虑，暂设为选填）"),
        Field("ebpCode", "电商平台代码", text(1, 18), OPT, "电商平台代码,10位海关代码或者18位信用代码(兼容考虑，暂设为选填)"),
        Field("ebcCode", "电商企业代码", text(1, 18), OPT, "电商企业代码,10位海关代码或者18位信用代码(兼容考虑，暂设为选填)"),
        Field("copNo", "企业唯一编号", text(1, 20), REQ, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(18, 18), REQ, "电子口岸标识单证的编号"),
        Field("invtNo", "清单编号", text(18, 18), OPT, "申请撤销的原始清单编号"),
        Field("returnStatus", "回执状态", text(1, 10), REQ, "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/399海关审结）,若小于0数字表示处理异常回执"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "操作时间(格式:YYYYMMDDhhmmssSSS)", format=Format.DATETIME17),
        Field("returnInfo", "回执信息", text(1, 1000), REQ, "回执信息（如:退单原因）"),
    ),
)

InvtRefundHead = Entity(
    "InvtRefundHead",
    "退货申请单表头实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 3), REQ, "业务状态:1-暂存,2-申报,默认为1", codes=codes.APP_STATUS, default="1"),
        Field("customsCode", "申报海关代码", text(4, 4), REQ, "接受申报的海关关区代码，参照JGS/T 18《海关关区代码》", zero_pad=True, pattern=DIGITS),
        Field("orderNo", "订单编号", text(1, 60), REQ, "交易平台的订单编号，同一交易平台的订单编号应唯一"),
        Field("ebpCode", "电商平台代码", text(1, 18), REQ, "电商平台的海关注册登记编号"),
        Field("ebpName", "电商平台名称", text(1, 100), REQ, "电商平台的海关注册登记名称"),
        Field("ebcCode", "电商企业代码", text(1, 18), REQ, "电商企业的海关注册登记编号"),
        Field("ebcName", "电商企业名称", text(1, 100), REQ, "电商企业的海关注册登记名称"),
        Field("logisticsNo", "物流运单编号", text(1, 60), REQ, "物流企业的运单包裹面单号"),
        Field("logisticsCode", "物流企业代码", text(1, 18), REQ, "物流企业的海关注册登记编号"),
        Field("logisticsName", "物流企业名称", text(1, 100), REQ, "物流企业在海关注册登记的名称"),
        Field("copNo", "企业唯一编号", text(0, 20), OPT, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(0, 18), OPT, "电子口岸标识单证的编号"),
        Field("invtNo", "清单编号", text(1, 18), REQ, "申请退货的原始清单编号"),
        Field("buyerIdType", "订购人证件类型", text(1, 1), REQ, "订购人证件类型", codes=codes.ID_TYPE, default="1"),
        Field("buyerIdNumber", "订购人证件号码", text(1, 60), REQ, "订购人证件号码"),
        Field("buyerName", "订购人姓名", text(1, 60), REQ, "订购人姓名"),
        Field("buyerTelephone", "订购人电话", text(1, 30), REQ, "订购人电话"),
        Field("agentCode", "申报企业代码", text(1, 18), REQ, "申报单位的海关注册登记编号"),
        Field("agentName", "申报企业名称", text(1, 100), REQ, "申报单位在海关注册登记的名称"),
        Field("reason", "撤单原因", text(1, 1000), REQ, "退货原因"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

InvtRefundList = Entity(
    "InvtRefundList",
    "退货申请单表体实体",
    (
        Field("gnum", "序号", INT, REQ, "对应原清单表体序号（退货项序号）"),
        Field("gcode", "商品编码", text(10, 10), REQ, "按商品分类编码规则确定的进出口商品的商品编号，分为商品编号和附加编号，其中商品编号栏应填报《中华人民共和国进出口税则》8位税则号列，附加编号应填报商品编号，附加", zero_pad=True, pattern=DIGITS),
        Field("gname", "商品名称", text(1, 250), REQ, "商品名称应据实填报，与清单一致"),
        Field("qty", "数量", DECIMAL_19_5, REQ, "申请退货的数量，小于等于原清单的成交计量单位的数量"),
        Field("unit", "计量单位", text(3, 3), REQ, "海关标准的参数代码 《JGS-20 海关业务代码集》- 计量单位代码", codes=codes.UNIT, zero_pad=True),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
    consecutive_gnum=False,
)

InvtRefundReturn = Entity(
    "InvtRefundReturn",
    "退货申请单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸生成36位唯一序号（英文字母大写）"),
        Field("customsCode", "申报海关代码", text(4, 4), OPT, "申报口岸", zero_pad=True, pattern=DIGITS),
        Field("agentCode", "申报企业代码", text(1, 18), OPT, "申报单位代码,10位海关代码或者18位信用代码（兼容考虑，暂设为选填）"),
        Field("ebpCode", "电商平台代码", text(1, 18), OPT, "电商平台的海关注册登记编号"),
        Field("ebcCode", "电商企业代码", text(1, 18), OPT, "电商平台的海关注册登记编号"),
        Field("copNo", "企业唯一编号", text(1, 20), REQ, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(18, 18), REQ, "电子口岸标识单证的编号"),
        Field("invtNo", "清单编号", text(18, 18), OPT, "申请退货的原始清单编号"),
        Field("returnStatus", "回执状态", text(1, 10), REQ, "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/399海关审结）,若小于0数字表示处理异常回执"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "操作时间(格式:YYYYMMDDhhmmssSSS)", format=Format.DATETIME17),
        Field("returnInfo", "回执信息", text(1, 1000), REQ, "备注（如不通过原因）"),
    ),
)

DeliveryHead = Entity(
    "DeliveryHead",
    "入库明细单表头实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "企业系统生成36位唯一序号（英文字母大写）"),
        Field("appType", "报送类型", text(1, 1), REQ, "企业报送类型", codes=codes.APP_TYPE, default="1"),
        Field("appTime", "报送时间", text(14, 14), REQ, "企业报送时间", format=Format.DATETIME14),
        Field("appStatus", "报送状态", text(1, 3), REQ, "业务状态:1-暂存,2-申报,默认为1", codes=codes.APP_STATUS, default="1"),
        Field("customsCode", "申报海关代码", text(4, 4), REQ, "接受申报的海关关区代码，参照JGS/T 18《海关关区代码》", zero_pad=True, pattern=DIGITS),
        Field("copNo", "企业唯一编号", text(0, 20), OPT, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(0, 18), OPT, "电子口岸标识单证的编号"),
        Field("rkdNo", "入库单编号", text(0, 18), OPT, "海关接受申报生成的入库单编号"),
        Field("operatorCode", "监管场所经营人代码", text(1, 18), REQ, "监管场所经营人在海关注册登记的编号"),
        Field("operatorName", "监管场所经营人名称", text(1, 100), REQ, "监管场所经营人在海关注册登记的名称"),
        Field("ieFlag", "进出口标记", text(1, 1), REQ, "I进口/E出口", codes=codes.IE_FLAG, default="I"),
        Field("trafMode", "运输方式", text(1, 1), REQ, "填写海关标准的参数代码，参照《JGS-20 海关业务代码集》- 运输方式代码", codes=codes.TRAF_MODE),
        Field("trafNo", "运输工具编号", text(1, 100), REQ, "货物进出境的运输工具的名称或运输工具编号"),
        Field("voyageNo", "航班航次号", text(1, 32), REQ, "货物进出境的运输工具的航次编号"),
        Field("billNo", "提运单号", text(1, 37), REQ, "货物提单或运单的海运提单、空运总单或汽车载货清单"),
        Field("logisticsCode", "物流企业代码", text(1, 18), REQ, "物流企业的海关注册登记编号"),
        Field("logisticsName", "物流企业名称", text(1, 100), REQ, "物流企业的海关注册登记名称"),
        Field("unloadLocation", "卸货库位", text(0, 100), OPT, "货物卸货的仓储存放位置"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

DeliveryList = Entity(
    "DeliveryList",
    "入库明细单表体实体",
    (
        Field("gnum", "序号", INT, REQ, "从1开始的递增序号"),
        Field("logisticsNo", "物流运单编号", text(1, 60), REQ, "物流企业的运单包裹面单号"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

DeliveryReturn = Entity(
    "DeliveryReturn",
    "入库明细单回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "电子口岸生成36位唯一序号（英文字母大写）"),
        Field("customsCode", "申报海关代码", text(4, 4), OPT, "主管海关", zero_pad=True, pattern=DIGITS),
        Field("operatorCode", "监管场所经营人代码", text(1, 18), OPT, "监管场所经营人代码 监管场所经营人作为第三方对入场所的大包开拆核实包裹（兼容考虑，暂设为选填）"),
        Field("copNo", "企业唯一编号", text(0, 20), OPT, "企业内部标识单证的编号"),
        Field("preNo", "电子口岸编号", text(0, 18), OPT, "电子口岸标识单证的编号"),
        Field("rkdNo", "入库单编号", text(0, 18), OPT, "海关审核生成的入库单编号"),
        Field("returnStatus", "回执状态", text(1, 10), REQ, "操作结果（1电子口岸已暂存/2电子口岸申报中/3发送海关成功/4发送海关失败/100海关退单/120海关入库/399海关审结）,若小于0数字表示处理异常回执"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "操作时间(格式:YYYYMMDDhhmmssSSS)", format=Format.DATETIME17),
        Field("returnInfo", "回执信息", text(1, 1000), REQ, "备注（如不通过原因）"),
    ),
)

TaxHeadRd = Entity(
    "TaxHeadRd",
    "电子税单表头实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位系统唯一序号（英文字母大写）"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "回执时间,格式:YYYYMMDDhhmmssSSS", format=Format.DATETIME17),
        Field("invtNo", "清单编号", text(1, 18), REQ, "进境清单编号，海关审结生成标识清单的编号（4位关区+4位年+1位进出口标记+9位流水号）"),
        Field("taxNo", "电子税单编号", text(1, 50), REQ, "电子税单编号"),
        Field("customsTax", "应征关税", DECIMAL_19_5, REQ, "应征关税"),
        Field("valueAddedTax", "应征增值税", DECIMAL_19_5, REQ, "应征增值税"),
        Field("consumptionTax", "应征消费税", DECIMAL_19_5, REQ, "应征消费税"),
        Field("status", "税单状态", text(1, 1), REQ, "税单状态（(1-已生成，2-已汇总 3-作废)）", codes=codes.TAX_STATUS),
        Field("entDutyNo", "缴款书编号", text(0, 50), OPT, "缴款书编号"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
        Field("assureCode", "担保企业代码", text(0, 64), OPT, "担保企业代码"),
        Field("ebcCode", "电商企业代码", text(0, 64), OPT, "电商企业代码"),
        Field("logisticsCode", "物流企业代码", text(0, 64), OPT, "物流企业代码"),
        Field("agentCode", "申报企业代码", text(1, 18), OPT, "申报单位代码,10位海关代码或者18位信用代码"),
        Field("customsCode", "申报海关代码", text(4, 4), OPT, "申报口岸", zero_pad=True, pattern=DIGITS),
    ),
)

TaxListRd = Entity(
    "TaxListRd",
    "电子税单表体实体",
    (
        Field("gnum", "序号", INT, REQ, "商品项号,从1开始连续序号"),
        Field("gcode", "商品编码", text(10, 10), REQ, "海关商品编码（10位）", zero_pad=True, pattern=DIGITS),
        Field("taxPrice", "完税总价格", DECIMAL_19_5, REQ, "完税总价格"),
        Field("customsTax", "应征关税", DECIMAL_19_5, REQ, "应征关税"),
        Field("valueAddedTax", "应征增值税", DECIMAL_19_5, REQ, "应征增值税"),
        Field("consumptionTax", "应征消费税", DECIMAL_19_5, REQ, "应征消费税"),
    ),
)

TaxHeadStatus = Entity(
    "TaxHeadStatus",
    "电子税单状态表头实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位系统唯一序号（英文字母大写）"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "回执时间,格式:YYYYMMDDhhmmssSSS", format=Format.DATETIME17),
        Field("invtNo", "清单编号", text(1, 18), REQ, "进境清单编号，海关审结生成标识清单的编号（4位关区+4位年+1位进出口标记+9位流水号）"),
        Field("taxNo", "电子税单编号", text(1, 50), REQ, "电子税单编号"),
        Field("status", "税单状态", text(1, 1), REQ, "税单状态（(1-已生成，2-已汇总 3-作废)）", codes=codes.TAX_STATUS),
        Field("entDutyNo", "缴款书编号", text(0, 50), OPT, "缴款书编号"),
        Field("assureCode", "担保企业代码", text(0, 64), OPT, "担保企业代码"),
    ),
)

MessageReturn = Entity(
    "MessageReturn",
    "报文格式校验回执实体",
    (
        Field("guid", "系统唯一序号", text(36, 36), REQ, "36位唯一序号"),
        Field("returnStatus", "回执状态", text(1, 10), REQ, "小于0数字表示报文格式校验异常"),
        Field("returnInfo", "回执信息", text(0, 5000), REQ, "回执详细信息"),
        Field("returnTime", "回执时间", text(17, 17), REQ, "操作时间(格式:YYYYMMDDhhmmssSSS)", format=Format.DATETIME17),
        Field("oriCopMsgId", "原始报文编号", text(0, 255), REQ, "原始传输报文的copMsgId"),
        Field("oriMessageType", "原始报文类型", text(0, 15), REQ, "原始报文的报文类型，如CEB311Message，未知类型为Unknown"),
        Field("oriBizMessage", "原始报文内容", text(0, None), REQ, "原始报文内容"),
    ),
)

BaseTransfer = Entity(
    "BaseTransfer",
    "基础报文传输实体（需要与实际客户端传输企业一致）",
    (
        Field("copCode", "传输企业代码", text(1, 18), REQ, "报文传输的企业代码（需要与接入客户端的企业身份一致）"),
        Field("copName", "传输企业名称", text(0, 100), REQ, "报文传输的企业名称"),
        Field("dxpMode", "报文传输模式", text(3, 3), REQ, "默认为DXP", codes=codes.DXP_MODE, default="DXP"),
        Field("dxpId", "报文传输编号", text(0, 30), REQ, "向中国电子口岸数据中心申请数据交换平台的用户编号"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

BaseSubscribe = Entity(
    "BaseSubscribe",
    "基础回执订阅实体（用于第三方提供数据的订阅下发）",
    (
        Field("status", "订阅状态", text(0, 100), REQ, "用户订阅单证业务状态的信息, ALL-订阅数据和回执, DATA-只订阅数据,RET- 只订阅回执", codes=codes.SUBSCRIBE_STATUS),
        Field("dxpMode", "报文传输模式", text(3, 3), REQ, "默认为DXP", codes=codes.DXP_MODE, default="DXP"),
        Field("dxpAddress", "订阅方传输编号", text(0, 100), REQ, "向中国电子口岸数据中心申请数据交换平台的用户编号"),
        Field("note", "备注", text(0, 1000), OPT, "备注"),
    ),
)

#: 扩展自定义数据实体. Its third element, ``Message`` (自定义报文实体), holds any XML; the parser
#: keeps it verbatim and the builder writes it back as it was.
ExtendMessage = Entity(
    "ExtendMessage",
    "扩展自定义数据实体",
    (
        Field("name", "自定义报文名称", text(0, 30), REQ, "自定义报文名称"),
        Field("version", "自定义报文版本", text(0, 30), REQ, "自定义报文版本"),
    ),
)
EXTEND_MESSAGE_ANY = "Message"
