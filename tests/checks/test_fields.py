"""Field rules, one value at a time, and properties that hold for every field of the standard."""

from __future__ import annotations

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
    assert rules(head["freight"], "-3") == []
    assert rules(head["packNo"], "+1") == ["field.not_int"]
    assert rules(head["declTime"], "20240230") == ["field.bad_date"]
    assert rules(head["appTime"], "20240229235959") == []
    assert rules(head["ieFlag"], "E") == []
    assert rules(head["trafMode"], "Q") == ["field.uncommon_code"]  # JGS-20 excerpt: a warning
    assert rules(entities.InventoryList["unit"], "瓶子") == ["field.unknown_code"]
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
@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=5, min_value=-(10**14) + 1, max_value=10**14 - 1
    )
)
def test_every_n19_5_number_is_accepted(number):
    assert check_field(entities.OrderHead["goodsValue"], format(number, "f")) == []
