"""Names a clerk reads: English names beside the Chinese ones, and labels that read right for
the direction of the document (an import inventory has a port of entry, not of export)."""

from __future__ import annotations

import re

import pytest

from cebdesk.spec import DOCUMENT_TYPES, IMPORT_MESSAGES, Direction, entities, export
from cebdesk.spec.receipts import DXP_ERRORS, ERROR_CODES, RETURN_STATUS, Family, explain_status

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _english(text: str) -> bool:
    return bool(text.strip()) and not CJK.search(text) and text.isascii()


@pytest.mark.parametrize("doc_type", DOCUMENT_TYPES, ids=lambda d: d.name)
def test_every_document_type_has_an_english_name(doc_type):
    assert _english(doc_type.label_en), doc_type.name
    assert doc_type.display("en") == doc_type.label_en
    assert doc_type.display("zh") == doc_type.label


def test_english_document_names_are_distinct():
    names = [d.label_en for d in DOCUMENT_TYPES]
    assert len(set(names)) == len(names)


@pytest.mark.parametrize("family", list(Family), ids=lambda f: f.name)
def test_every_status_family_has_an_english_text(family):
    assert _english(family.label_en)
    assert family.text("en") == family.label_en
    assert family.text("zh") == family.value


@pytest.mark.parametrize("status", sorted(RETURN_STATUS), ids=str)
def test_every_return_status_has_an_english_meaning(status):
    meaning, family = explain_status(status, "en")
    assert _english(meaning), status
    assert (explain_status(status)[0], explain_status(status)[1]) == RETURN_STATUS[status]
    assert family is RETURN_STATUS[status][1]


@pytest.mark.parametrize("code", sorted(ERROR_CODES), ids=str)
def test_every_known_error_code_has_an_english_meaning(code):
    meaning, family = explain_status(code, "en")
    assert _english(meaning), code
    assert family is Family.REJECTED


@pytest.mark.parametrize("code", sorted(DXP_ERRORS), ids=str)
def test_dxp_errors_have_english_meanings(code):
    from cebdesk.spec.receipts import explain_dxp_error

    assert explain_dxp_error(code) == DXP_ERRORS[code]
    assert _english(explain_dxp_error(code, "en"))


def test_explain_status_by_example():
    assert explain_status("800", "en") == ("Released", Family.RELEASED)
    assert explain_status("800") == ("放行", Family.RELEASED)
    assert explain_status("-621029", "en") == ("Signature verification failed", Family.REJECTED)
    assert explain_status("-999999", "en") == ("Processing exception (-999999)", Family.REJECTED)
    assert explain_status("-999999") == ("处理异常（-999999）", Family.REJECTED)
    assert explain_status("42", "en") == ("Unknown status 42", Family.OTHER)
    assert explain_status(None, "en") == ("", Family.OTHER)


# -- labels that read right for the direction ---------------------------------------------------

#: Words of the export forms that have no place on an import declaration a clerk fills in.
EXPORT_WORDS = ("出口", "运抵")
DECLARED = sorted(
    {mt.head for mt in IMPORT_MESSAGES if mt.direction is Direction.DECLARATION}
    | {mt.list for mt in IMPORT_MESSAGES if mt.direction is Direction.DECLARATION and mt.list},
    key=lambda e: e.name,
)


@pytest.mark.parametrize("entity", DECLARED, ids=lambda e: e.name)
def test_import_labels_read_as_import(entity):
    for field in entity.fields:
        wrong = [w for w in EXPORT_WORDS if w in field.label]
        # 进出口标记 names both directions on purpose
        assert not wrong or field.name == "ieFlag", f"{entity.name}.{field.name}: {field.label}"
        assert field.label, f"{entity.name}.{field.name} has no label"


@pytest.mark.parametrize(
    ("entity", "name", "label", "standard"),
    [
        (entities.InventoryHead, "portCode", "进境口岸代码", "出口口岸代码"),
        (entities.InventoryHead, "ieDate", "进口日期", "出口日期"),
        (entities.InventoryHead, "country", "起运国（地区）", "运抵国（地区）"),
        (entities.InventoryList, "country", "原产国（地区）", "运抵国（地区）"),
        (entities.OrderList, "country", "原产国（地区）", "运抵国（地区）"),
        (entities.InvtRefundHead, "reason", "退货原因", "撤单原因"),
        (export.InventoryList, "country", "最终目的国（地区）", "运抵国（地区）"),
    ],
    ids=lambda v: v if isinstance(v, str) else getattr(v, "name", None),
)
def test_clerk_label_beside_the_standard_label(entity, name, label, standard):
    field = entity[name]
    assert field.label == label
    assert field.standard_label == standard


def test_a_standard_label_is_kept_only_where_it_differs():
    for entity in vars(entities).values():
        if isinstance(entity, entities.Entity):
            for field in entity.fields:
                assert field.standard_label != field.label, f"{entity.name}.{field.name}"
