"""Resident identity card numbers (居民身份证号码, GB 11643-1999): the facts checks/ needs.

An 18-character number: a 6-digit address code (GB/T 2260, the first two digits the province),
the 8-digit birth date YYYYMMDD, a 3-digit sequence and a check character computed with
ISO 7064 MOD 11-2: the sum of the first 17 digits times their weights, modulo 11, picks the
character from ``CHECK_CHARACTERS`` ("X" stands for ten, always upper case).
"""

from __future__ import annotations

#: The identity-number element of a head and the element giving its kind, with whom it names
#: (for customs' wording: "订购人身份信息校验不通过").
ID_NUMBER_FIELDS: dict[str, tuple[str, str]] = {
    "buyerIdNumber": ("buyerIdType", "订购人"),
    "payerIdNumber": ("payerIdType", "支付人"),
}
#: buyerIdType / payerIdType value for the resident identity card ("1-身份证,2-其它").
RESIDENT_ID_TYPE = "1"
LENGTH = 18
WEIGHTS: tuple[int, ...] = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
#: Index = (sum of digit x weight) mod 11.
CHECK_CHARACTERS = "10X98765432"
#: No identity card gives a birth date before this year.
EARLIEST_BIRTH_YEAR = 1900
#: Province-level codes of GB/T 2260 (the first two digits), and 81/82/83 of the residence
#: permits for Hong Kong, Macao and Taiwan residents, which follow the same format.
PROVINCES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
    "83": "台湾地区居民居住证",
}
