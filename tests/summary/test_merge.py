"""The eight-same rule and the classification of released lists."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cebdesk.summary.classify import (
    DECLARATION,
    REFUSED,
    STATISTICS,
    GoodsFlags,
    Rates,
    RateError,
    SummarySettingError,
    classify,
)
from cebdesk.summary.merge import MAX_ITEMS, merge

HEAD = {
    "ebcCode": "1105910160",
    "trafMode": "5",
    "ownerCode": "1105910159",
    "country": "502",
    "portCode": "5141",
}
LINE = {
    "country": "502",
    "gcode": "8517120000",
    "currency": "142",
    "qty": "2",
    "qty1": "1",
    "totalPrice": "10",
}


def lists(*changes):
    """One list per (head changes, line changes)."""
    return [(f"INV{i}", {**HEAD, **h, "grossWeight": "1.5", "netWeight": "1"}, [{**LINE, **ln}]) for i, (h, ln) in enumerate(changes)]  # fmt: skip


@pytest.mark.parametrize("name", ["ebcCode", "trafMode", "ownerCode", "country", "portCode"])
def test_each_head_level_value_makes_another_declaration(name):
    declarations = merge(lists(({}, {}), ({name: "X"}, {})))
    assert len(declarations) == 2
    assert [d.head[name] for d in declarations] == [HEAD[name], "X"]
    assert [list(d.invt_nos) for d in declarations] == [["INV0"], ["INV1"]]


@pytest.mark.parametrize("name", ["country", "gcode", "currency"])
def test_each_line_level_value_makes_another_goods_item(name):
    [declaration] = merge(lists(({}, {}), ({}, {name: "9"})))
    assert len(declaration.items) == 2 and list(declaration.invt_nos) == ["INV0", "INV1"]


def test_the_same_eight_values_merge_and_sum():
    [declaration] = merge(lists(({}, {}), ({}, {"qty": "3", "totalPrice": "0.5"}), ({}, {})))
    [item] = declaration.items.values()
    assert item.sums["qty"] == Decimal(7) and item.sums["totalPrice"] == Decimal("20.5") and item.lines == 3
    assert declaration.gross_weight == Decimal("4.5") and declaration.net_weight == 3
    assert declaration.to_json()["items"][0]["totalPrice"] == "20.5"


def test_the_production_unit_groups_only_when_summary_flag_asks():
    two_owners = lists(({}, {}), ({"ownerCode": "OTHER"}, {}))
    assert len(merge(two_owners, by_owner=False)) == 1
    assert merge(two_owners, by_owner=False)[0].head["ownerCode"] == ""


@pytest.mark.parametrize(
    ("codes", "sizes"), [(MAX_ITEMS, [MAX_ITEMS]), (MAX_ITEMS + 1, [MAX_ITEMS, 1]), (120, [50, 50, 20])]
)
def test_at_most_fifty_goods_items_a_declaration(codes, sizes):
    declarations = merge(lists(*[({}, {"gcode": f"{8500000000 + i}"}) for i in range(codes)]))
    assert [len(d.items) for d in declarations] == sizes
    assert [d.serial for d in declarations] == list(range(len(sizes)))
    # an item already in the full declaration still goes there
    again = merge(
        lists(
            *[({}, {"gcode": f"{8500000000 + i}"}) for i in range(MAX_ITEMS)], ({}, {"gcode": "8500000000"})
        )
    )
    assert [len(d.items) for d in again] == [MAX_ITEMS]


RATES = {"USD": "7.1", "110": "0.91"}


@pytest.mark.parametrize(
    ("flag", "lines", "licence", "kind", "reason"),
    [
        ("B", [{"totalPrice": "99999", "currency": "142"}], "", DECLARATION, None),
        ("A", [{"totalPrice": "5000", "currency": "142"}], "", STATISTICS, None),
        ("A", [{"totalPrice": "5000.01", "currency": "142"}], "", REFUSED, "5000.01"),
        ("A", [{"totalPrice": "704.22", "currency": "502"}], "", STATISTICS, None),  # 4999.962
        ("A", [{"totalPrice": "704.23", "currency": "502"}], "", REFUSED, "5000.03"),  # 5000.033
        ("A", [{"totalPrice": "3000", "currency": "142"}, {"totalPrice": "2001", "currency": "142"}], "", REFUSED, "5001"),
        ("A", [{"totalPrice": "100", "currency": "110"}], "", STATISTICS, None),
        ("A", [{"totalPrice": "10", "currency": "142"}], "LIC-1", REFUSED, "LIC-1"),
        ("a", [{"totalPrice": "10", "currency": "142"}], "", STATISTICS, None),
        ("", [{"totalPrice": "10", "currency": "142"}], "", REFUSED, "statisticsFlag"),
        ("C", [{"totalPrice": "10", "currency": "142"}], "", REFUSED, "'C'"),
    ],
)  # fmt: skip
def test_classification(flag, lines, licence, kind, reason):
    verdict = classify("INV", {"statisticsFlag": flag, "licenseNo": licence}, lines, Rates(RATES))
    assert verdict.kind == kind
    if reason:
        assert any(reason in text for text in verdict.reason_texts("en"))
        assert verdict.reason_texts("zh")
    else:
        assert verdict.reasons == ()


def test_a_currency_without_a_rate_is_an_error_never_one_to_one():
    rates = Rates({"USD": "7.1"})
    for _ in range(2):
        assert (
            classify(
                "INV", {"statisticsFlag": "B"}, [{"totalPrice": "1", "currency": "300"}], rates
            ).value_rmb
            is None
        )
    with pytest.raises(RateError) as caught:
        rates.check()
    assert "300 (EUR): 2" in caught.value.text("en") and "1:1" in caught.value.text("en")
    assert "[rates]" in caught.value.text("zh")


@pytest.mark.parametrize("bad", ["", "0", "-7", "seven", "nan", "inf"])
def test_a_rate_that_is_no_positive_number_is_refused(bad):
    with pytest.raises(RateError):
        Rates({"USD": bad})


LINES = [
    {"gnum": "1", "gcode": "6109100021", "totalPrice": "10", "currency": "142"},
    {"gnum": "2", "gcode": "2601110000", "totalPrice": "10", "currency": "142"},
]


@pytest.mark.parametrize(
    ("settings", "kind", "reason"),
    [
        ({}, STATISTICS, None),
        ({"dutyHs": "2601"}, REFUSED, "line 2 (2601110000) is subject to export duty"),
        ({"dutyHs": "26, 72"}, REFUSED, "export duty"),
        ({"dutyHs": "2602，7202"}, STATISTICS, None),  # a full-width comma separates too
        ({"dutyHs": "2601110000"}, REFUSED, "export duty"),  # a whole code
        ({"dutyHs": "2601110001"}, STATISTICS, None),
        ({"refundHs": "*"}, REFUSED, "line 1 (6109100021)"),
        ({"refundHs": "61"}, REFUSED, "export tax refund"),
        ({"refundHs": "62"}, STATISTICS, None),
        ({"dutyHs": "", "refundHs": ""}, STATISTICS, None),
    ],
)
def test_duty_and_tax_refund_come_from_the_profile(settings, kind, reason):
    verdict = classify("INV", {"statisticsFlag": "A"}, LINES, Rates(RATES), GoodsFlags(settings))
    assert verdict.kind == kind
    if reason:
        assert any(reason in text for text in verdict.reason_texts("en")), verdict.reason_texts("en")
        assert any("[summary]" in text for text in verdict.reason_texts("zh"))
    # a B list is declared whatever its goods
    verdict = classify("INV", {"statisticsFlag": "B"}, LINES, Rates(RATES), GoodsFlags(settings))
    assert verdict.kind == DECLARATION


@pytest.mark.parametrize("bad", ["1", "26x", "12345678901", "2601-11", "**", "２６"])
def test_a_duty_or_refund_entry_that_is_no_hs_beginning_is_refused(bad):
    for key in GoodsFlags.KEYS:
        with pytest.raises(SummarySettingError) as caught:
            GoodsFlags({key: f"2601 {bad}"})
        assert key in caught.value.text("en") and repr(bad) in caught.value.text("zh")
