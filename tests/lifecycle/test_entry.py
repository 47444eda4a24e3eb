"""Drafts, declaring an entered document, editing, modification, declaring again, delete,
duplicate, versions: real SQLite journal, a key file, the customs simulator."""

from __future__ import annotations

import pytest
from lxml import etree

from cebdesk.messages.build import build_message, indent, serialize
from cebdesk.pipeline.lifecycle import DELETED, DISCARDED, QUEUED, LifecycleError
from cebdesk.pipeline.workspace import DocumentState, StatusQuery
from cebdesk.records import Document, XmlOrigin, new_guid
from cebdesk.spec import message_type
from cebdesk.store import Journal
from tests.lifecycle.conftest import business_nodes


def test_a_draft_is_kept_shown_as_draft_and_never_sent(desk):
    head, lines = desk.entered("inventory", lines=2)
    del head["orderNo"]  # a draft may be incomplete
    document_id = desk.workspace.save_draft("inventory", head, lines)
    [found] = desk.workspace.status(StatusQuery(status="draft"))
    assert found.id == document_id and found.state is DocumentState.DRAFT
    assert (found.state.label, found.state.label_en) == ("暂存", "draft")
    assert desk.workspace.send(desk.signer).documents == 0  # never planned
    with desk.workspace.journal() as journal:
        row = journal.document(document_id)
    assert (
        row.state == "draft"
        and row.head["appStatus"] == "1"
        and row.head["copNo"] == f"CEBD{document_id:016d}"
    )
    assert [v.kind for v in desk.workspace.versions(document_id)] == ["draft"]


def test_two_incomplete_drafts_of_one_type_live_side_by_side(desk):
    head, lines = desk.entered("order")
    del head["orderNo"]
    first = desk.workspace.save_draft("order", head, lines)
    second = desk.workspace.save_draft("order", head, lines)
    assert first != second


@pytest.mark.parametrize(
    ("where", "element", "value"),
    [
        ("head", "buyerIdNumber", "123"),  # not an ID card number
        ("head", "currency", "502"),  # import: RMB only
        ("head", "customsCode", "37A0"),  # digits only
        ("head", "ebpName", ""),  # required
        ("line", "gcode", "85414"),  # 10 digits
        ("line", "qty", "-1"),  # never negative
        ("line", "unit", "ABCD"),  # 3 characters
        ("line", "gname", ""),  # required
    ],
)
def test_declaring_refuses_with_the_import_findings_and_journals_nothing(desk, where, element, value):
    head, lines = desk.entered("inventory", lines=2)
    (head if where == "head" else lines[1])[element] = value
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.declare_entered("inventory", head, lines)
    assert refused.value.reason == "findings"
    assert any(f.element == element for f in refused.value.findings if f.is_error)
    assert refused.value.text("zh") != refused.value.text("en")
    with desk.workspace.journal() as journal:
        assert (
            journal.documents() == []
            and journal.db.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 0
        )


def test_a_line_finding_names_the_line(desk):
    head, lines = desk.entered("inventory", lines=2)
    lines[1]["gcode"] = "85414"
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.declare_entered("inventory", head, lines)
    [finding] = [f for f in refused.value.findings if f.element == "gcode"]
    assert finding.location.path == "lines[2]/gcode"


def test_a_draft_declared_is_sent_exact_and_valid(desk, import_schema):
    head, lines = desk.entered("inventory", lines=2)
    document_id = desk.workspace.save_draft("inventory", head, lines)
    assert desk.workspace.declare_entered("inventory", head, lines, document_id=document_id) == document_id
    assert desk.workspace.can(document_id).allowed("edit")
    [name] = desk.send()
    path = desk.sent_file(name)
    assert import_schema.validate(etree.parse(str(path))), import_schema.error_log
    [sent] = business_nodes(path, "InventoryHead")
    for element, value in head.items():
        assert sent[element] == value or element in ("appStatus", "appType"), element
    assert sent["appStatus"] == "2" and sent["appType"] == "1" and sent["copNo"] == f"CEBD{document_id:016d}"
    sent_lines = business_nodes(path, "InventoryList")
    assert [{k: line[k] for k in lines[0]} for line in sent_lines] == lines
    assert desk.status(document_id).return_status == "800"
    assert [v.kind for v in desk.workspace.versions(document_id)] == ["draft", "declared"]


def test_editing_before_sending_is_in_place(desk):
    head, lines = desk.entered("order")
    document_id = desk.workspace.declare_entered("order", head, lines)
    changed = {**head, "buyerName": "李四"}
    assert [(c.field, c.old, c.new) for c in desk.workspace.diff(document_id, changed, lines)] == [
        ("buyerName", head["buyerName"], "李四")
    ]
    assert desk.workspace.modify(document_id, changed, lines) == document_id
    with desk.workspace.journal() as journal:
        row = journal.document(document_id)
        assert row.state == "ready" and row.app_type == "1" and row.head["buyerName"] == "李四"
        assert len(journal.documents()) == 1
    versions = desk.workspace.versions(document_id)
    assert [v.kind for v in versions] == ["declared", "edited"]
    assert [(c.field, c.new) for c in versions[1].changes] == [("buyerName", "李四")]
    assert versions[1].who  # the OS user


def test_a_modification_after_sending_is_a_new_version_with_app_type_2(desk, import_schema):
    head, lines = desk.entered("order", lines=2)
    document_id = desk.workspace.declare_entered("order", head, lines)
    desk.send()
    assert desk.status(document_id).return_status == "120"
    assert not desk.workspace.can(document_id).allowed("edit")
    changed_lines = [lines[0], {**lines[1], "qty": "2", "totalPrice": "21"}]
    changed = {**head, "goodsValue": "31.5", "consigneeAddress": "北京市海淀区一号"}
    diff = desk.workspace.diff(document_id, changed, changed_lines)
    assert {(c.field, c.gnum) for c in diff} >= {("qty", 2), ("totalPrice", 2), ("consigneeAddress", None)}
    desk.workspace.modify(document_id, changed, changed_lines)
    [name] = desk.send()
    path = desk.sent_file(name)
    assert import_schema.validate(etree.parse(str(path))), import_schema.error_log
    [sent] = business_nodes(path, "OrderHead")
    assert sent["appType"] == "2" and sent["consigneeAddress"] == "北京市海淀区一号"
    versions = desk.workspace.versions(document_id)
    assert [(v.kind, v.app_type) for v in versions] == [("declared", "1"), ("modified", "2")]
    assert versions[0].head["guid"] != versions[1].head["guid"]
    assert {(c.field, c.gnum) for c in versions[1].changes} == {(c.field, c.gnum) for c in diff}


def test_a_modification_cannot_change_the_number(desk):
    head, lines = desk.entered("order")
    document_id = desk.workspace.declare_entered("order", head, lines)
    desk.send()
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.modify(document_id, {**head, "orderNo": "OTHER-1"}, lines)
    assert refused.value.reason == "key_changed"


def test_a_modification_without_changes_is_refused(desk):
    head, lines = desk.entered("order")
    document_id = desk.workspace.declare_entered("order", head, lines)
    desk.send()
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.modify(document_id, head, lines)
    assert refused.value.reason == "unchanged"


def test_a_released_inventory_is_neither_modified_nor_deleted_but_cancelled(desk):
    document_id = desk.released()
    head = desk.status(document_id)
    with desk.workspace.journal() as journal:
        row = journal.document(document_id)
    for action in (lambda: desk.workspace.modify(document_id, {**row.head, "buyerTelephone": "1"}, row.lines),
                   lambda: desk.workspace.delete(document_id)):  # fmt: skip
        with pytest.raises(LifecycleError) as refused:
            action()
        assert refused.value.reason == "decided" and "撤销" in refused.value.text("zh")
        assert "cancel it instead" in refused.value.text("en")
    actions = desk.workspace.can(head.id)
    assert actions.allowed("cancel") and actions.allowed("refund") and not actions.allowed("modify")


def _refuse_by_customs(desk, document_id: int, status: str = "-621001") -> None:
    """customs' CEB622 with a processing exception for the inventory (the message taken away
    from send/ unanswered by the simulator), read into the journal."""
    for sent in desk.workspace.outbox().send.iterdir():
        if sent.is_file():
            sent.unlink()
    with desk.workspace.journal() as journal:
        row = journal.document(document_id)
    values = {
        "guid": new_guid(), "customsCode": row.head["customsCode"], "ebpCode": row.head["ebpCode"],
        "copNo": row.head["copNo"], "preNo": "B20240102000000001", "returnStatus": status,
        "returnTime": "20240102030405123", "returnInfo": "参数校验不通过",
    }  # fmt: skip
    mt = message_type("CEB622Message")
    root = build_message(mt, [Document(mt, values, [], XmlOrigin("customs", "/"))])
    indent(root)
    (desk.workspace.outbox().receive / f"CEB622_{status}.xml").write_bytes(serialize(root))
    desk.workspace.receive()
    assert desk.status(document_id).return_status == status


def test_a_refused_document_is_corrected_and_declared_again(desk, import_schema):
    head, lines = desk.entered("inventory")
    document_id = desk.workspace.declare_entered("inventory", head, lines)
    desk.workspace.send(desk.signer)  # customs' answer comes below
    _refuse_by_customs(desk, document_id)
    actions = desk.workspace.can(document_id)
    assert actions.allowed("modify") and not actions.allowed("cancel")
    desk.workspace.modify(document_id, {**head, "buyerTelephone": "13800000000"}, lines)
    [name] = desk.send()
    [sent] = business_nodes(desk.sent_file(name), "InventoryHead")
    assert sent["appType"] == "1" and sent["buyerTelephone"] == "13800000000"  # customs held no record
    assert desk.status(document_id).return_status == "800"
    assert [v.kind for v in desk.workspace.versions(document_id)] == ["declared", "redeclared"]


def test_delete_discards_a_document_never_sent_and_frees_its_number(desk):
    head, lines = desk.entered("order")
    document_id = desk.workspace.declare_entered("order", head, lines)
    assert desk.workspace.delete(document_id) == DISCARDED
    assert desk.workspace.status() == []
    [found] = desk.workspace.status(StatusQuery(status="discarded"))
    assert found.state is DocumentState.DISCARDED
    assert desk.workspace.declare_entered("order", head, lines) != document_id  # the number is free
    assert [v.kind for v in desk.workspace.versions(document_id)] == ["declared", "discarded"]


def test_delete_of_a_sent_order_sends_app_type_3(desk, import_schema):
    head, lines = desk.entered("order")
    document_id = desk.workspace.declare_entered("order", head, lines)
    desk.send()
    assert desk.workspace.delete(document_id) == QUEUED
    [name] = desk.send()
    path = desk.sent_file(name)
    assert import_schema.validate(etree.parse(str(path))), import_schema.error_log
    [sent] = business_nodes(path, "OrderHead")
    assert sent["appType"] == "3" and sent["orderNo"] == head["orderNo"]
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.delete(document_id)
    assert refused.value.reason == "deleting"


def test_delete_of_a_document_customs_refused_outright_is_marked_here(desk):
    head, lines = desk.entered("inventory")
    document_id = desk.workspace.declare_entered("inventory", head, lines)
    desk.workspace.send(desk.signer)
    _refuse_by_customs(desk, document_id)
    assert desk.workspace.delete(document_id) == DELETED
    assert desk.status(document_id).state is DocumentState.DELETED
    assert desk.workspace.send(desk.signer).documents == 0


def test_the_standard_does_not_let_an_import_cancellation_be_deleted(desk):
    inventory = desk.released()
    cancel_id = desk.workspace.cancel(inventory, "消费者取消订单")
    desk.send()
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.delete(cancel_id)
    assert refused.value.reason in ("not_allowed", "decided")
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.modify(cancel_id, {"reason": "x"}, [])
    assert refused.value.reason in ("not_allowed", "decided")


def test_a_cancellation_sent_and_not_answered_cannot_take_app_type_3(desk):
    inventory = desk.released()
    cancel_id = desk.workspace.cancel(inventory, "消费者取消订单")
    desk.workspace.send(desk.signer)  # sent, not answered yet
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.delete(cancel_id)
    assert refused.value.reason == "not_allowed" and "1" in refused.value.text("en")


def test_duplicate_has_a_new_guid_and_no_numbers(desk):
    inventory = desk.released()
    type_name, head, lines = desk.workspace.duplicate(inventory)
    with desk.workspace.journal() as journal:
        original = journal.document(inventory)
    assert type_name == "inventory" and head["guid"] != original.head["guid"]
    assert "copNo" not in head and "invtNo" not in head and "appTime" not in head
    assert lines == original.lines
    with pytest.raises(LifecycleError) as refused:  # the same order number of the same platform
        desk.workspace.declare_entered(type_name, head, lines)
    assert refused.value.reason == "key_taken"
    copy = desk.workspace.declare_entered(type_name, {**head, "orderNo": "COPY-1"}, lines)
    with desk.workspace.journal() as journal:
        row = journal.document(copy)
    assert row.head["copNo"] == f"CEBD{copy:016d}" != original.head["copNo"]


def test_versions_survive_reopening_and_older_journals_migrate(tmp_path, monkeypatch):
    import cebdesk.store.journal as journal_module
    from cebdesk.store.migrations import MIGRATIONS

    path = tmp_path / "journal.sqlite3"
    monkeypatch.setattr(journal_module, "MIGRATIONS", MIGRATIONS[:5])
    with Journal(path) as old, old.transaction():
        old.db.execute(
            "INSERT INTO documents (message_type, business_key, guid, content_hash, record, state, created, updated)"
            " VALUES ('CEB311Message', 'O1/E1', 'G', 'h', '{\"head\": {\"orderNo\": \"O1\"}, \"lines\": []}',"
            " 'sent', '2024-01-02T03:04:05', '2024-01-02T03:04:05')"
        )
    monkeypatch.setattr(journal_module, "MIGRATIONS", MIGRATIONS)
    with Journal(path) as journal:
        assert journal.version == len(MIGRATIONS)
        [version] = journal.versions(1)
        assert (version["number"], version["kind"], version["time"]) == (
            1,
            "journaled",
            "2024-01-02T03:04:05",
        )
    assert path.with_suffix(".v5.bak").exists()


def test_the_operator_named_by_the_profile_is_who(desk):
    desk.workspace.profile.ui["operator"] = "张三"
    head, lines = desk.entered("order")
    document_id = desk.workspace.declare_entered("order", head, lines)
    assert [v.who for v in desk.workspace.versions(document_id)] == ["张三"]


def test_unknown_documents_and_types_are_refused_in_both_languages(desk):
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.versions(999)
    assert refused.value.reason == "not_found" and "999" in refused.value.text("en")
    with pytest.raises(LifecycleError) as refused:
        desk.workspace.save_draft("no-such-type", {}, [])
    assert refused.value.reason == "unknown_type"
