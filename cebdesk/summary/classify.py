"""How a released export list is closed: summary declaration (statisticsFlag B, merged into a
customs declaration) or summary statistics (A: checklist approval, not summarised), and whether
an A list meets the conditions (a single ticket within RMB 5,000, no licence).

Values are converted to RMB with the rates the user keeps in the profile (``[rates]``, RMB for
one unit of the currency, by ISO letters or the customs currency code); a currency without a
rate is an error, never taken 1:1.

The lists carry no duty or tax-refund flag (CEB603 has no such element): the profile's
``[summary]`` says which goods are subject to export duty (``dutyHs``) and for which the
enterprise claims an export tax refund (``refundHs``), each a list of HS code beginnings
(2 to 10 digits, separated by commas or spaces; ``*`` for all goods). A list flagged A with
such a line cannot be summary statistics. The licence is the list's own licenseNo.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .merge import amount, format_amount

#: Summary statistics (A): the value of one ticket in RMB may not exceed this.
STATISTICS_LIMIT_RMB = Decimal(5000)
RMB = "142"
#: Customs currency codes (JGS-20) by ISO 4217 letters, for rates written as "USD" = "7.1".
ISO_CURRENCIES = {
    "CNY": "142", "RMB": "142", "HKD": "110", "JPY": "116", "MOP": "121", "SGD": "132", "KRW": "133",
    "EUR": "300", "GBP": "303", "CAD": "501", "USD": "502", "AUD": "601", "NZD": "609", "THB": "136",
    "MYR": "122", "TWD": "143", "PHP": "129", "CHF": "331", "SEK": "330", "DKK": "302", "NOK": "326",
    "RUB": "344",
}  # fmt: skip

DECLARATION = "declaration"  # 汇总申报 (B)
STATISTICS = "statistics"  # 简化申报 / 清单核放、汇总统计 (A)
REFUSED = "refused"  # flagged A but breaks its conditions, or no flag this rule knows

_REASONS = {
    "over_limit": (
        "简化申报（A）的清单货值 {value} 元超过 5000 元：应按汇总申报（B）申报（修改清单 statisticsFlag）",
        "flagged A (summary statistics) but worth RMB {value}, over RMB 5,000: declare it as B "
        "(summary declaration; modify the list's statisticsFlag)",
    ),
    "licence": (
        "简化申报（A）的清单涉及许可证（许可证号 {licenseNo}）：应按汇总申报（B）申报",
        "flagged A (summary statistics) but under a licence (licenseNo {licenseNo}): declare it as B",
    ),
    "duty": (
        "简化申报（A）的清单第 {gnum} 项商品 {gcode} 征出口关税（企业配置 [summary] dutyHs）：应按汇总申报（B）申报",
        "flagged A (summary statistics) but line {gnum} ({gcode}) is subject to export duty (the profile's "
        "[summary] dutyHs): declare it as B",
    ),
    "refund": (
        "简化申报（A）的清单第 {gnum} 项商品 {gcode} 申请出口退税（企业配置 [summary] refundHs）：应按汇总申报（B）申报",
        "flagged A (summary statistics) but the enterprise claims an export tax refund for line {gnum} "
        "({gcode}) (the profile's [summary] refundHs): declare it as B",
    ),
    "flag": (
        "申报业务类型（statisticsFlag）为“{flag}”，应为 A（简化申报）或 B（汇总申报）",
        "statisticsFlag is '{flag}': A (summary statistics) or B (summary declaration) expected",
    ),
}


class SummarySettingError(ValueError):
    """A setting the summary needs is missing or wrong, said in both languages."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(f"{zh} / {en}")
        self.zh, self.en = zh, en

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class RateError(SummarySettingError):
    """Currencies used by the lists without a rate in the profile, or a rate that is no number."""


class GoodsFlags:
    """Which goods pay export duty and which the enterprise claims a tax refund for, from the
    profile's [summary] dutyHs and refundHs (HS code beginnings; ``*``: all goods)."""

    KEYS = ("dutyHs", "refundHs")

    def __init__(self, settings: dict[str, str] | None = None) -> None:
        self.prefixes: dict[str, tuple[str, ...]] = {}
        for key in self.KEYS:
            text = ((settings or {}).get(key) or "").replace("，", ",")
            entries = [e for e in text.replace(",", " ").split() if e]
            for entry in entries:
                if entry != "*" and not (entry.isdigit() and entry.isascii() and 2 <= len(entry) <= 10):
                    raise SummarySettingError(
                        f"企业配置 [summary] {key} 中的 {entry!r} 不是商品编码的开头（2 至 10 位数字，或 * 表示全部商品）",
                        f"[summary] {key}: {entry!r} is not the beginning of an HS code (2 to 10 digits, or * for "
                        "all goods)",
                    )
            self.prefixes[key] = tuple("" if e == "*" else e for e in entries)

    def reasons(self, lines: list[dict[str, str]]) -> list[tuple[str, dict[str, str]]]:
        """("duty" | "refund", {gnum, gcode}) for the first line each setting names."""
        out = []
        for key, reason in (("dutyHs", "duty"), ("refundHs", "refund")):
            prefixes = self.prefixes.get(key, ())
            if not prefixes:
                continue
            for line in lines:
                gcode = (line.get("gcode") or "").strip()
                if gcode.startswith(prefixes):
                    out.append((reason, {"gnum": (line.get("gnum") or "").strip(), "gcode": gcode}))
                    break
        return out


class Rates:
    """RMB for one unit of each currency (customs code -> Decimal), from the profile's [rates]."""

    def __init__(self, table: dict[str, str] | None = None) -> None:
        self.rates: dict[str, Decimal] = {RMB: Decimal(1)}
        for key, text in (table or {}).items():
            code = ISO_CURRENCIES.get(key.strip().upper(), key.strip())
            try:
                rate = Decimal(str(text).strip())
            except InvalidOperation:
                rate = Decimal(0)
            if not rate.is_finite() or rate <= 0:
                raise RateError(
                    f'汇率表 [rates] 中 {key} = {text!r} 不是正数（应为 1 单位外币折合人民币元数，如 USD = "7.1"）',
                    f'[rates] {key} = {text!r} is not a positive number (RMB for one unit, e.g. USD = "7.1")',
                )
            self.rates[code] = rate
        self.missing: dict[str, int] = {}  # currency -> lists that used it without a rate

    def to_rmb(self, value: Decimal, currency: str) -> Decimal | None:
        rate = self.rates.get(currency.strip())
        return None if rate is None else value * rate

    def check(self) -> None:
        """RateError naming every currency used without a rate (after all lists were looked at)."""
        if not self.missing:
            return
        letters = {code: iso for iso, code in ISO_CURRENCIES.items() if iso not in ("RMB",)}
        names = ", ".join(
            f"{code}{f' ({letters[code]})' if code in letters else ''}: {count}"
            for code, count in self.missing.items()
        )
        example = next((letters[c] for c in self.missing if c in letters), next(iter(self.missing)))
        raise RateError(
            f"汇率表缺少币制（币制: 清单数）{names}。请在配置文件 [rates] 中填写 1 单位外币折合人民币元数，"
            f'如 {example} = "7.1"；未填汇率的外币不会按 1:1 折算',
            f"no rate for currency (currency: lists) {names}. Add RMB for one unit to the profile's "
            f'[rates], e.g. {example} = "7.1"; a currency without a rate is never taken 1:1',
        )


@dataclass(frozen=True)
class Classified:
    invt_no: str
    kind: str  # DECLARATION, STATISTICS, REFUSED
    value_rmb: Decimal | None  # None: a currency without a rate
    reasons: tuple[tuple[str, dict[str, str]], ...] = ()

    def reason_texts(self, lang: str = "zh") -> list[str]:
        return [_REASONS[key][lang == "en"].format(**params) for key, params in self.reasons]

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "invtNo": self.invt_no,
            "kind": self.kind,
            "valueRmb": None if self.value_rmb is None else format_amount(self.value_rmb),
            "reasons": self.reason_texts(lang),
        }


def value_rmb(lines: list[dict[str, str]], rates: Rates) -> Decimal | None:
    """The list's value (its lines' totalPrice) in RMB; None when a currency has no rate (noted
    in ``rates.missing``)."""
    total, missing = Decimal(0), set()
    for line in lines:
        currency = (line.get("currency") or RMB).strip()
        converted = rates.to_rmb(amount(line.get("totalPrice")), currency)
        if converted is None:
            missing.add(currency)
        else:
            total += converted
    for currency in missing:
        rates.missing[currency] = rates.missing.get(currency, 0) + 1
    return None if missing else total


def classify(
    invt_no: str,
    head: dict[str, str],
    lines: list[dict[str, str]],
    rates: Rates,
    goods: GoodsFlags | None = None,
) -> Classified:
    flag = (head.get("statisticsFlag") or "").strip().upper()
    value = value_rmb(lines, rates)
    if flag == "B":
        return Classified(invt_no, DECLARATION, value)
    if flag != "A":
        return Classified(invt_no, REFUSED, value, (("flag", {"flag": flag}),))
    reasons = []
    if value is not None and value > STATISTICS_LIMIT_RMB:
        reasons.append(("over_limit", {"value": format_amount(value.quantize(Decimal("0.01")))}))
    licence = (head.get("licenseNo") or "").strip()
    if licence:
        reasons.append(("licence", {"licenseNo": licence}))
    if goods is not None:
        reasons.extend(goods.reasons(lines))
    return Classified(invt_no, REFUSED if reasons else STATISTICS, value, tuple(reasons))
