"""Code tables (代码表) used by the import and export messages.

Strict tables are the ones the standard (202205 XSD documentation) spells out. The JGS-20
excerpts (unit, country, transport mode, wrap type) are transcribed from public third-party
lists: they are not strict, a value outside them is a warning, not an error.
"""

from __future__ import annotations

from .model import Code, CodeTable

STANDARD = "海关跨境电商统一版报文规范 202205"
#: An enterprise's code: its 10-character customs registration code or its 18-character unified
#: social credit code ("10位海关代码或者18位信用代码").
ENTERPRISE_CODE_LENGTHS = (10, 18)
JGS20_EXCERPT = "JGS-20 海关业务代码集（公开摘录，非全集）"


def _table(name: str, label: str, pairs: str, *, strict: bool, source: str) -> CodeTable:
    codes = []
    for item in pairs.split():
        value, _, meaning = item.partition(":")
        codes.append(Code(value, meaning))
    return CodeTable(name, label, tuple(codes), strict, source)


APP_TYPE = _table("appType", "报送类型", "1:新增 2:变更 3:删除", strict=True, source=STANDARD)
APP_TYPE_NEW_ONLY = _table("appTypeNew", "报送类型", "1:新增", strict=True, source=STANDARD)
APP_STATUS = _table("appStatus", "业务状态", "1:暂存 2:申报", strict=True, source=STANDARD)
ORDER_TYPE = _table("orderType", "订单类型", "I:进口", strict=True, source=STANDARD)
IE_FLAG = _table("ieFlag", "进出口标记", "I:进口 E:出口", strict=True, source=STANDARD)
ID_TYPE = _table("idType", "证件类型", "1:身份证 2:其它", strict=True, source=STANDARD)
#: Import messages: "限定为人民币，填写142".
CURRENCY = _table("currency", "币制", "142:人民币", strict=True, source=STANDARD)
TRADE_MODE = _table("tradeMode", "贸易方式", "9610:直购进口 1210:保税进口", strict=True, source=STANDARD)
# The standard says "限定S"; the official samples send R. Not strict, so R is a warning.
LOGISTICS_STATUS = _table("logisticsStatus", "物流签收状态", "S:签收", strict=False, source=STANDARD)
DXP_MODE = _table("dxpMode", "报文传输模式", "DXP:中国电子口岸数据交换平台", strict=True, source=STANDARD)
SUBSCRIBE_STATUS = _table(
    "subscribeStatus",
    "订阅状态",
    "ALL:订阅数据和回执 DATA:只订阅数据 RET:只订阅回执",
    strict=True,
    source=STANDARD,
)
TAX_STATUS = _table("taxStatus", "税单状态", "1:已生成 2:已汇总 3:作废", strict=True, source=STANDARD)

# Export (202205 export XSD).
#: CEB303 orderType: the standard lists I-进口商品订单 beside these; an export order is never I.
EXPORT_ORDER_TYPE = _table(
    "exportOrderType", "订单类型", "E:出口商品订单 B:B2B出口订单 W:外综服订单", strict=True, source=STANDARD
)
#: Arrival and export inventory: always E.
IE_FLAG_EXPORT = _table("ieFlagExport", "进出口标记", "E:出口", strict=True, source=STANDARD)
#: Export refund and tally: "出口退货填写I" (the goods come back in).
IE_FLAG_RETURN = _table("ieFlagReturn", "进出口标记", "I:进口（出口退货）", strict=True, source=STANDARD)
STATISTICS_FLAG = _table(
    "statisticsFlag", "申报业务类型", "A:简化申报 B:汇总申报", strict=True, source=STANDARD
)
#: "一般出口为9610,特殊区域出口为1210/1239". Not strict: later notices added export modes
#: (9710, 9810) that the 202205 tables do not name.
EXPORT_TRADE_MODE = _table(
    "exportTradeMode",
    "贸易方式",
    "9610:跨境贸易电子商务 1210:保税跨境贸易电子商务 1239:保税跨境贸易电子商务A",
    strict=False,
    source=STANDARD,
)
#: fFlag/iFlag: fixed at 3 by the XSD.
FEE_FLAG = _table("feeFlag", "运费/保费标志", "3:总价", strict=True, source=STANDARD)
SUMMARY_FLAG = _table(
    "summaryFlag",
    "收发货人汇总标志",
    "1:按收发货人单一汇总 2:按收发货人和生产销售单位汇总",
    strict=True,
    source=STANDARD,
)
#: "填1,按清单原始商品名相同汇总，不填则按商品综合分类名汇总" – yet the element is required
#: (minOccurs 1, length 1, in the 2018 and 202205 XSDs alike), so only 1 is known; anything else
#: is a warning (a value customs may know for the classification name), empty is refused.
ITEM_NAME_FLAG = _table(
    "itemNameFlag", "按商品名汇总标志", "1:按清单原始商品名相同汇总", strict=False, source=STANDARD
)

TRAF_MODE = _table(
    "trafMode",
    "运输方式",
    "0:非保税区 1:监管仓库 2:水路运输 3:铁路运输 4:公路运输 5:航空运输 6:邮件运输 7:保税区 "
    "8:保税仓库 9:其它运输 A:全部运输 H:边境特殊海关作业区 W:物流中心 X:物流园区 Y:保税港区 "
    "Z:出口加工区",
    strict=False,
    source=JGS20_EXCERPT,
)
WRAP_TYPE = _table(
    "wrapType",
    "包装种类",
    "1:木箱 2:纸箱 3:桶装 4:散装 5:托盘 6:包 7:其它",
    strict=False,
    source=JGS20_EXCERPT,
)
COUNTRY = _table(
    "country",
    "国别（地区）",
    "100:亚洲 101:阿富汗 106:缅甸 107:柬埔寨 110:中国香港 111:印度 112:印度尼西亚 115:以色列 "
    "116:日本 121:中国澳门 122:马来西亚 129:菲律宾 132:新加坡 133:韩国 136:泰国 137:土耳其 "
    "138:阿联酋 141:越南 142:中国 143:台澎金马关税区 145:哈萨克斯坦 200:非洲 215:埃及 244:南非 "
    "300:欧洲 301:比利时 302:丹麦 303:英国 304:德国 305:法国 306:爱尔兰 307:意大利 308:卢森堡 "
    "309:荷兰 310:希腊 311:葡萄牙 312:西班牙 315:奥地利 318:芬兰 321:匈牙利 326:挪威 327:波兰 "
    "330:瑞典 331:瑞士 344:俄罗斯联邦 347:乌克兰 352:捷克共和国 400:拉丁美洲 402:阿根廷 410:巴西 "
    "412:智利 429:墨西哥 434:秘鲁 500:北美洲 501:加拿大 502:美国 600:大洋洲 601:澳大利亚 "
    "609:新西兰 701:国(地)别不详的 702:联合国及机构和国际组织 999:中性包装原产国别",
    strict=False,
    source=JGS20_EXCERPT,
)
#: Export amounts may be in any currency ("海关标准的参数代码 … 货币代码"); not strict.
EXPORT_CURRENCY = _table(
    "exportCurrency",
    "币制",
    "142:人民币 110:港币 116:日本元 121:澳门元 132:新加坡元 133:韩国元 300:欧元 303:英镑 "
    "501:加拿大元 502:美元 601:澳大利亚元",
    strict=False,
    source=JGS20_EXCERPT,
)
UNIT = _table(
    "unit",
    "计量单位",
    "001:台 002:座 003:辆 004:艘 005:架 006:套 007:个 008:只 009:头 010:张 011:件 012:支 "
    "013:枝 014:根 015:条 016:把 017:块 018:卷 019:副 020:片 021:组 022:份 023:幅 025:双 "
    "026:对 027:棵 028:株 029:井 030:米 031:盘 032:平方米 033:立方米 034:筒 035:千克 036:克 "
    "037:盆 038:万个 039:具 040:百副 041:百支 042:百把 043:百个 044:百片 045:刀 046:疋 "
    "047:公担 048:扇 049:百枝 050:千只 051:千块 052:千盒 053:千枝 054:千个 055:亿支 056:亿个 "
    "057:万套 058:千张 059:万张 060:千伏安 061:千瓦 062:千瓦时 063:千升 067:英尺 070:吨 "
    "071:长吨 072:短吨 073:司马担 074:司马斤 075:斤 076:磅 077:担 078:英担 079:短担 080:两 "
    "081:市担 083:盎司 084:克拉 085:市尺 086:码 088:英寸 089:寸 095:升 096:毫升 097:英加仑 "
    "098:美加仑 099:立方英尺 101:立方尺 110:平方码 111:平方英尺 112:平方尺 115:英制马力 "
    "116:公制马力 118:令 120:箱 121:批 122:罐 123:桶 124:扎 125:包 126:箩 127:打 128:筐 "
    "129:罗 130:匹 131:册 132:本 133:发 134:枚 135:捆 136:袋 139:粒 140:盒 141:合 142:瓶 "
    "143:千支 144:万双 145:万粒 146:千粒 147:千米 148:千英尺 149:百万贝可 163:部 164:亿株",
    strict=False,
    source=JGS20_EXCERPT,
)

ALL_TABLES: tuple[CodeTable, ...] = (
    APP_TYPE,
    APP_TYPE_NEW_ONLY,
    APP_STATUS,
    ORDER_TYPE,
    IE_FLAG,
    ID_TYPE,
    CURRENCY,
    TRADE_MODE,
    LOGISTICS_STATUS,
    DXP_MODE,
    SUBSCRIBE_STATUS,
    TAX_STATUS,
    TRAF_MODE,
    WRAP_TYPE,
    COUNTRY,
    UNIT,
    EXPORT_ORDER_TYPE,
    IE_FLAG_EXPORT,
    IE_FLAG_RETURN,
    STATISTICS_FLAG,
    EXPORT_TRADE_MODE,
    FEE_FLAG,
    SUMMARY_FLAG,
    ITEM_NAME_FLAG,
    EXPORT_CURRENCY,
)
