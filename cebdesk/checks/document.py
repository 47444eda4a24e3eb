"""Rules over one whole document: every field, the list's size and its line numbers."""

from __future__ import annotations

from ..findings import Finding, Severity
from ..records import Document
from ..spec import Entity
from .fields import check_field


def _field_findings(entity: Entity, values: dict[str, str], locate) -> list[Finding]:
    findings = []
    for field in entity.fields:
        for rule, is_error, params in check_field(field, values.get(field.name)):
            findings.append(
                Finding(
                    locate(field.name),
                    rule,
                    Severity.ERROR if is_error else Severity.WARNING,
                    field.name,
                    field.label,
                    params,
                )
            )
    return findings


def _gnum_findings(doc: Document) -> list[Finding]:
    entity = doc.message.list
    assert entity is not None
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
    findings = _field_findings(mt.head, doc.head, doc.origin.head)
    if mt.list is not None:
        if not doc.lines:
            findings.append(Finding(doc.origin.head(), "group.no_lines"))
        limit = mt.max_lines
        if limit is not None and len(doc.lines) > limit:
            params = {"limit": limit, "count": limit + 1}
            findings.append(Finding(doc.origin.line(limit), "group.too_many_lines", params=params))
        for index, line in enumerate(doc.lines):
            findings.extend(_field_findings(mt.list, line, lambda el, i=index: doc.origin.line(i, el)))
        findings.extend(_gnum_findings(doc))
    return findings
