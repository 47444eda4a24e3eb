"""Rules over one whole document (every field, the list's size and its line numbers, the
identity number, the guid) and over one whole message (its root attributes, BaseTransfer,
BaseSubscribe, the same document twice)."""

from __future__ import annotations

from collections.abc import Sequence

from ..findings import Finding, Location, Severity
from ..records import Document, Envelope
from ..spec import BASE_SUBSCRIBE, BASE_TRANSFER, Direction, Entity, MessageType, document_type_for
from ..spec import identity as ids
from ..spec.entities import MessageRoot
from .export import REPLACES_FIELD_RULE, check_export_document, check_parts
from .fields import Problem, check_field, check_guid, xsd_accepts
from .identity import check_resident_id



def lines_may_be_empty(mt: MessageType) -> bool:
    """The list's minOccurs is 0 (export arrival, summary): a node without lines is whole."""
    return mt.min_lines == 0


def _finding(entity: Entity, name: str, locate, problem: Problem) -> Finding:
    rule, is_error, params = problem
    severity = Severity.ERROR if is_error else Severity.WARNING
    return Finding(locate(name), rule, severity, name, entity[name].label, params)


def _field_findings(
    entity: Entity, values: dict[str, str], locate, *, receipt: bool = False
) -> list[Finding]:
    """``receipt``: customs wrote it; spaces around its values are said, not held against it
    (the official CEB624 sample's copNo ends in a tab), unless the value breaks the XSD."""
    findings = []
    for field in entity.fields:
        value = values.get(field.name)
        for problem in check_field(field, value):
            if receipt and problem[0] == "field.padded" and xsd_accepts(field, value):
                problem = (problem[0], False, problem[2])
            findings.append(_finding(entity, field.name, locate, problem))
    return findings


def _guid_findings(entity: Entity, values: dict[str, str], locate) -> list[Finding]:
    """The guid a declaration carries, once its length is right."""
    value = values.get("guid")
    if not value or "guid" not in entity or any(p[1] for p in check_field(entity["guid"], value)):
        return []
    return [_finding(entity, "guid", locate, p) for p in check_guid(value)]


def _identity_findings(doc: Document) -> list[Finding]:
    """Resident ID card numbers (buyerIdType / payerIdType 1) of the head."""
    findings = []
    head = doc.message.head
    for number_field, (type_field, _who) in ids.ID_NUMBER_FIELDS.items():
        value = doc.head.get(number_field)
        if number_field not in head or not value or doc.head.get(type_field) != ids.RESIDENT_ID_TYPE:
            continue
        if any(p[1] for p in check_field(head[number_field], value)):
            continue  # already refused (too long, spaces)
        for problem in check_resident_id(value):
            findings.append(_finding(head, number_field, doc.origin.head, problem))
    return findings


def _gnum_findings(doc: Document) -> list[Finding]:
    entity = doc.message.list
    assert entity is not None
    if "gnum" not in entity:
        return []  # SummaryApplyList: invtNo only
    gnum = entity["gnum"]
    findings = []
    seen: set[str] = set()
    for index, line in enumerate(doc.lines):
        value = line.get("gnum")
        if not value:
            continue  # reported as required
        where = doc.origin.line(index, "gnum")
        if value in seen:
            findings.append(
                Finding(where, "field.gnum_duplicate", Severity.ERROR, "gnum", gnum.label, {"value": value})
            )
        elif entity.consecutive_gnum and value != str(index + 1):
            params = {"expected": index + 1, "value": value}
            findings.append(Finding(where, "field.gnum_sequence", Severity.ERROR, "gnum", gnum.label, params))
        seen.add(value)
    return findings


def check_document(doc: Document) -> list[Finding]:
    """Every finding for ``doc``; it may be converted only if none is an error."""
    mt = doc.message
    receipt = mt.direction is Direction.RECEIPT
    findings = _field_findings(mt.head, doc.head, doc.origin.head, receipt=receipt)
    if mt.direction is Direction.DECLARATION:
        findings.extend(_guid_findings(mt.head, doc.head, doc.origin.head))
        findings.extend(_identity_findings(doc))
    if mt.list is not None:
        if not doc.lines and not lines_may_be_empty(mt):
            findings.append(Finding(doc.origin.head(), "group.no_lines"))
        limit = mt.max_lines
        if limit is not None and len(doc.lines) > limit:
            params = {"limit": limit, "count": limit + 1}
            findings.append(Finding(doc.origin.line(limit), "group.too_many_lines", params=params))
        for index, line in enumerate(doc.lines):
            locate = lambda el, i=index: doc.origin.line(i, el)  # noqa: E731
            findings.extend(_field_findings(mt.list, line, locate, receipt=receipt))
        findings.extend(_gnum_findings(doc))
    if mt.family == "export" and mt.direction is Direction.DECLARATION:
        export = check_export_document(doc)
        replaced = {
            (REPLACES_FIELD_RULE[f.rule], f.location) for f in export if f.rule in REPLACES_FIELD_RULE
        }
        findings = [f for f in findings if (f.rule, f.location) not in replaced] + export
    return findings


def _normalised_key(doc: Document) -> str:
    doc_type = document_type_for(doc.message)
    if doc_type is None:
        return doc.key
    return doc_type.business_key({k: v.strip() for k, v in doc.head.items()})


def check_documents(documents: Sequence[Document]) -> list[Finding]:
    """Rules across the documents of one message: the same declaration twice (spaces around the
    key make no other document) is refused, at each repetition."""
    findings = []
    first: dict[tuple[str, str], Document] = {}
    for doc in documents:
        if doc.message.direction is not Direction.DECLARATION:
            continue
        key = _normalised_key(doc)
        if not key.strip("/"):
            continue  # no key at all: reported as required
        # the parts of one document (msgCount/msgSeqNo) share its number, each with its own msgSeqNo
        part = (key, doc.head.get("msgSeqNo", "").strip()) if doc.message.parts else (key, "")
        if part in first:
            where = first[part].origin.head()
            params = {"key": key, "first": where.path or where.cell or str(where)}
            findings.append(Finding(doc.origin.head(), "message.duplicate_key", params=params))
        else:
            first[part] = doc
    findings.extend(check_parts(documents))
    return findings


def _envelope_parts(mt: MessageType, envelope: Envelope, name: str):
    """(entity, values, locate) of the root attributes, BaseTransfer and each BaseSubscribe."""
    root = f"/{mt.code}"
    yield (
        MessageRoot,
        {"guid": envelope.guid, "version": envelope.version},
        (lambda el: Location(name, path=f"{root}/@{el}")),
    )
    if not mt.has_base_transfer:
        return
    if envelope.base_transfer is not None:
        yield (
            BASE_TRANSFER,
            envelope.base_transfer,
            lambda el: Location(name, path=f"{root}/BaseTransfer/{el}"),
        )
    for n, values in enumerate(envelope.base_subscribe, 1):
        yield BASE_SUBSCRIBE, values, lambda el, n=n: Location(name, path=f"{root}/BaseSubscribe[{n}]/{el}")


def check_envelope(mt: MessageType, envelope: Envelope, name: str) -> list[Finding]:
    """The root's guid and version, BaseTransfer and BaseSubscribe, field by field."""
    findings = []
    for entity, values, locate in _envelope_parts(mt, envelope, name):
        present = {k: v for k, v in values.items() if v}
        findings.extend(_field_findings(entity, present, locate))
        if entity is MessageRoot and mt.direction is Direction.DECLARATION:
            findings.extend(_guid_findings(entity, present, locate))
    return findings


def _xsd_accepts_entity(entity: Entity, values: dict[str, str]) -> bool:
    return all(xsd_accepts(f, values.get(f.name)) for f in entity.fields)


def xsd_accepts_document(doc: Document) -> bool:
    """Would the official XSD accept the document's values and its number of lines (the
    structure around them is the parser's to judge)?"""
    mt = doc.message
    if not _xsd_accepts_entity(mt.head, doc.head):
        return False
    if mt.list is None:
        return True
    if (not doc.lines and not lines_may_be_empty(mt)) or (
        mt.max_lines is not None and len(doc.lines) > mt.max_lines
    ):
        return False
    return all(_xsd_accepts_entity(mt.list, line) for line in doc.lines)


def xsd_accepts_envelope(mt: MessageType, envelope: Envelope) -> bool:
    """Would the official XSD accept the root's attributes, BaseTransfer and BaseSubscribe?"""
    for entity, values, _locate in _envelope_parts(mt, envelope, ""):
        if not _xsd_accepts_entity(entity, values):
            return False
    return True
