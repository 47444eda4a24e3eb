"""The export side of spec/: document types, their identities and what the receipts carry."""

from __future__ import annotations

import pytest

from cebdesk import spec
from cebdesk.spec import Direction, documents, export
from cebdesk.spec.codes import ALL_TABLES

#: CLI name -> message, fixed (tests and scripts rely on them).
EXPORT_NAMES = {
    "export-order": "CEB303Message",
    "export-receipt": "CEB403Message",
    "export-logistics": "CEB505Message",
    "arrival": "CEB507Message",
    "departure": "CEB509Message",
    "export-inventory": "CEB603Message",
    "export-cancel": "CEB605Message",
    "waybill": "CEB607Message",
    "export-refund": "CEB213Message",
    "tally": "CEB215Message",
    "summary": "CEB701Message",
}


def _receipt_of(mt):
    """The receipt customs answers a declaration with: the next message number (303 -> 304)."""
    return spec.message_type(f"CEB{int(mt.number) + 1}")


def test_export_document_types_and_names():
    assert {d.name: d.message.code for d in spec.EXPORT_TYPES} == EXPORT_NAMES
    assert spec.DOCUMENT_TYPES == spec.IMPORT_TYPES + spec.EXPORT_TYPES
    assert {d.direction for d in spec.IMPORT_TYPES} == {"import"}
    assert {d.direction for d in spec.EXPORT_TYPES} == {"export"}
    for python_name in [
        "EXPORT_ORDER",
        "EXPORT_RECEIPT",
        "EXPORT_LOGISTICS",
        "ARRIVAL",
        "DEPARTURE",
        "EXPORT_INVENTORY",
        "EXPORT_CANCEL",
        "WAYBILL",
        "EXPORT_REFUND",
        "TALLY",
        "SUMMARY",
    ]:
        assert getattr(documents, python_name) in spec.EXPORT_TYPES
    assert len({d.name for d in spec.DOCUMENT_TYPES}) == len(spec.DOCUMENT_TYPES)
    assert len({d.label for d in spec.DOCUMENT_TYPES}) == len(spec.DOCUMENT_TYPES)


@pytest.mark.parametrize("doc_type", spec.EXPORT_TYPES, ids=lambda d: d.name)
def test_identity_is_what_the_receipt_names_the_document_by(doc_type):
    head = doc_type.head
    receipt = _receipt_of(doc_type.message)
    assert receipt.direction is Direction.RECEIPT and receipt.family == "export"
    assert set(doc_type.key) <= set(doc_type.identity)
    assert doc_type.identity[0] == doc_type.key[0]
    for name in doc_type.identity:
        assert name in head, name
        assert name in receipt.head, f"{receipt.code} lacks {name}"
        assert head[name].required and receipt.head[name].required, name
    values = {name: f"v-{name}" for name in head.names}
    assert doc_type.business_key(values) == "/".join(f"v-{n}" for n in doc_type.identity)


@pytest.mark.parametrize("doc_type", spec.EXPORT_TYPES, ids=lambda d: d.name)
def test_export_defaults_are_allowed_values(doc_type):
    assert doc_type.defaults == {"appStatus": "2"}
    for entity in (doc_type.head, doc_type.list):
        for field in entity.fields if entity else ():
            if field.codes is not None:
                assert field.codes in ALL_TABLES, f"{entity.name}.{field.name}"
                if field.default is not None and field.codes.strict:
                    assert field.default in field.codes, f"{entity.name}.{field.name}"
            if field.fixed is not None:
                assert field.default == field.fixed


@pytest.mark.parametrize(
    ("entity", "name", "value"),
    [
        (export.ArrivalHead, "ieFlag", "E"),
        (export.InventoryHead, "ieFlag", "E"),
        # "出口退货填写I": the goods of an export refund come back in
        (export.InvtRefundHead, "ieFlag", "I"),
        (export.InvtRefundDetail, "ieFlag", "I"),
        (export.InventoryHead, "fFlag", "3"),
        (export.InventoryHead, "iFlag", "3"),
    ],
    ids=lambda v: v if isinstance(v, str) else getattr(v, "name", None),
)
def test_values_the_standard_fixes(entity, name, value):
    assert entity[name].default == value
    assert entity[name].codes.values == (value,)


@pytest.mark.parametrize("mt", spec.EXPORT_MESSAGES, ids=lambda mt: mt.code)
def test_parts_are_numbered_where_the_head_has_msg_count(mt):
    has_parts = "msgCount" in mt.head and "msgSeqNo" in mt.head
    assert mt.parts == (has_parts and mt.direction is Direction.DECLARATION)
    if mt.parts:
        # unsplit documents still need a value: the elements are required
        assert mt.head["msgCount"].default == mt.head["msgSeqNo"].default == "1"
        assert mt.head["msgCount"].required and mt.head["msgSeqNo"].required


def test_an_export_order_is_e_unless_b2b_or_foreign_trade_service():
    assert export.OrderHead["orderType"].default == "E"
    assert "I" not in export.OrderHead["orderType"].codes


def test_export_entities_are_not_the_import_ones_of_the_same_name():
    """Same XML names, mostly other fields: a look-up by name alone would mix the directions."""
    shared = [mt.head.name for mt in spec.EXPORT_MESSAGES if hasattr(spec.entities, mt.head.name)]
    assert {"OrderHead", "InventoryHead", "InvtCancel", "InvtRefundHead"} <= set(shared)
    for mt in spec.EXPORT_MESSAGES:
        assert getattr(spec.entities, mt.head.name, None) is not mt.head
    assert spec.message_type("CEB603").head is export.InventoryHead
    assert spec.message_type("CEB621").head is spec.entities.InventoryHead


def test_export_message_codes_listed():
    assert set(spec.EXPORT_DECLARATIONS) | set(spec.EXPORT_RECEIPTS) == {m.code for m in spec.EXPORT_MESSAGES}
    assert len(spec.ALL_MESSAGES) == len({m.code for m in spec.ALL_MESSAGES})
    for mt in spec.EXPORT_MESSAGES:
        assert spec.document_type_for(mt) is None or spec.document_type_for(mt).message is mt


@pytest.mark.parametrize(
    "entity",
    sorted(
        {e for mt in spec.EXPORT_MESSAGES for e in (mt.head, mt.list) if e is not None},
        key=lambda e: e.name,
    ),
    ids=lambda e: e.name,
)
def test_every_export_field_has_a_label_and_a_doc(entity):
    for field in entity.fields:
        assert field.label and field.doc, f"{entity.name}.{field.name}"
        assert field.standard_label != field.label
    labels = [f.label for f in entity.fields]
    assert len(labels) == len(set(labels)), entity.name
