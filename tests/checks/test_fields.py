"""Field rules, one value at a time, and properties that hold for every field of the standard."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cebdesk.checks import check_field
from cebdesk.spec import entities
from tests.factory import value_for

ALL_FIELDS = [f for e in vars(entities).values() if isinstance(e, entities.Entity) for f in e.fields]


def rules(field, value):
    return [r for r, _, _ in check_field(field, value)]


@pytest.mark.parametrize("field", ALL_FIELDS, ids=lambda f: f.name)
def test_generated_values_pass_every_rule(field):
    assert check_field(field, value_for(field)) == []
    assert [r for r, is_error, _ in check_field(field, value_for(field, longest=True)) if is_error] == []


def test_rules_by_example():
    head = entities.InventoryHead
    assert rules(head["orderNo"], "") == ["field.required"]
    assert rules(head["copNo"], "") == []
    assert rules(head["customsCode"], "370") == ["field.wrong_length"]
    assert rules(head["freight"], "1.000000") == []  # trailing zeros are not digits that count
    assert rules(head["freight"], "1.000001") == ["field.decimal_digits"]
    assert rules(head["freight"], "-3") == ["field.negative"]
    assert rules(head["freight"], "-0.00") == []
    assert rules(head["packNo"], "0") == ["field.below_minimum"]
    assert rules(head["orderNo"], " A1") == ["field.padded"]
    assert rules(head["freight"], "10 ") == ["field.padded"]
    assert check_field(head["consigneeAddress"], "北京 ") == [("field.padded", False, {"value": "北京 "})]
    assert rules(head["copNo"], "   ") == ["field.padded"]
    assert rules(head["orderNo"], "   ") == ["field.required"]
    assert rules(head["packNo"], "+1") == ["field.not_int"]
    assert rules(head["declTime"], "20240230") == ["field.bad_date"]
    assert rules(head["appTime"], "20240229235959") == []
    assert rules(head["ieFlag"], "E") == []
    assert rules(head["trafMode"], "Q") == ["field.uncommon_code"]  # JGS-20 excerpt: a warning
    assert rules(entities.InventoryList["unit"], "瓶子") == ["field.unknown_code_near"]
    assert rules(head["buyerName"], "张\x0b三") == ["field.bad_char"]
    assert rules(head["buyerName"], "张\ufffe三") == ["field.bad_char"]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gets_an_answer_never_an_exception(text):
    for field in (
        entities.OrderHead["goodsValue"],
        entities.OrderHead["appTime"],
        entities.InventoryHead["packNo"],
        entities.OrderList["unit"],
        entities.OrderHead["orderNo"],
    ):
        for rule, _is_error, _params in check_field(field, text):
            assert rule.startswith("field.")


@settings(max_examples=200, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False, places=5, min_value=0, max_value=10**14 - 1))
def test_every_n19_5_number_is_accepted(number):
    assert check_field(entities.OrderHead["goodsValue"], format(number, "f")) == []


@settings(max_examples=100, deadline=None)
@given(
    st.decimals(
        allow_nan=False,
        allow_infinity=False,
        places=5,
        min_value=-(10**14) + 1,
        max_value=Decimal("-0.00001"),
    )
)
def test_no_n19_5_number_is_negative(number):
    """Every N19,5 of the import standard is an amount, a quantity or a weight."""
    assert rules(entities.OrderHead["goodsValue"], format(number, "f")) == ["field.negative"]


# -- an unknown code: the closest names of its table, not the first codes -----------------------


@pytest.mark.parametrize(
    ("field", "value", "rule", "near"),
    [
        (entities.InventoryList["unit"], "瓶子", "field.unknown_code_near", "142 瓶"),
        (entities.OrderList["unit"], "盒子", "field.unknown_code_near", "140 盒"),
        (entities.InventoryList["unit1"], "千克重", "field.uncommon_code_near", "035 千克"),
        (entities.InvtRefundList["unit"], "一双", "field.unknown_code_near", "025 双"),
        (entities.OrderList["country"], "美国人", "field.uncommon_code_near", "502 美国"),
        (entities.InventoryHead["country"], "日本国", "field.uncommon_code_near", "116 日本"),
        (entities.OrderHead["currency"], "人民币元", "field.unknown_code_near", "142 人民币"),
        (entities.InventoryHead["tradeMode"], "直购", "field.unknown_code_near", "9610 直购进口"),
        (entities.InventoryHead["trafMode"], "航空", "field.unknown_code_near", "5 航空运输"),
        (entities.InventoryHead["wrapType"], "纸箱子", "field.unknown_code_near", "2 纸箱"),
        (entities.OrderHead["appStatus"], "申报中", "field.unknown_code_near", "2 申报"),
        (entities.OrderHead["buyerIdType"], "身份证号", "field.unknown_code_near", "1 身份证"),
        (entities.InventoryHead["ieFlag"], "进口货", "field.unknown_code_near", "I 进口"),
    ],
    ids=lambda v: v if isinstance(v, str) else getattr(v, "name", None),
)
def test_unknown_codes_suggest_the_closest_names(field, value, rule, near):
    [(found, is_error, params)] = check_field(field, value)
    assert found == rule
    assert params["near"].split("，")[0] == near  # the closest first
    assert is_error == (rule == "field.unknown_code_near")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (entities.OrderList["unit"], "xy"),  # no name is close: the table's first codes
        (entities.OrderHead["currency"], "502"),
        (entities.OrderHead["appType"], "7"),
    ],
)
def test_without_a_close_name_the_first_codes_are_listed(field, value):
    [(found, is_error, params)] = check_field(field, value)
    assert found == "field.unknown_code" and is_error
    assert "near" not in params and params["allowed"]


def test_suggestions_read_well_in_both_languages():
    from cebdesk.findings import Finding, Location

    [(rule, _, params)] = check_field(entities.InventoryList["unit"], "瓶子")
    finding = Finding(Location("a.xlsx", "进口清单", 3, "BF"), rule, params=params)
    assert "“瓶子”" in finding.message() and "142 瓶" in finding.message()
    assert "'瓶子'" in finding.message("en") and "142 瓶" in finding.message("en")


def test_an_uncommon_code_without_a_close_name_is_only_a_warning():
    [(found, is_error, params)] = check_field(entities.OrderList["unit"], "xyz")
    assert found == "field.uncommon_code" and not is_error and "near" not in params
