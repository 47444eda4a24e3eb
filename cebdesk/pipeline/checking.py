"""The checks against the journal: an import inventory against its order, payment and waybill
(checks/cross.py) and against its buyer's limits (checks/limits.py), with the partner documents
and the buyer's earlier inventories looked up through the journal's indexes (orderNo in
document_keys, the waybill's business key, buyerIdNumber: schema step 7).

The application layer (``Workspace``) puts one :class:`JournalChecks` in force for an import, a
conversion, a declaration or ``cebdesk check`` (``checks.cross.use_journal_checks``); the one
function every document passes (``pipeline.files.checked``) asks it. Documents accepted earlier
in the same run count too: the orders of one file for the inventories of the next (``check``
journals nothing), an inventory's value for the next one of the same buyer.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..checks.cross import (
    INVENTORY,
    KIND_OF,
    PARTNER_TYPES,
    WAYBILL,
    Partner,
    Partners,
    choose,
    cross_check,
    use_journal_checks,
)
from ..checks import check_documents
from ..checks.limits import BuyerLedger, Limits
from ..excel.reader import WorkbookReader
from ..findings import Finding, InputError, Severity
from ..messages.parse import read_message_file
from ..records import Document
from ..settings import Profile
from ..spec import DocumentType
from ..store import Journal
from ..store.journal import DocumentRow
from ..summary.classify import Rates
from .files import FileVerdict, checked, is_xml, prefetched

TRUE = ("1", "true", "yes", "on", "是")


def strict_setting(checks: dict[str, str] | None) -> bool:
    """The profile's [checks] strict: a partner document missing from the journal is an error."""
    return ((checks or {}).get("strict") or "").strip().lower() in TRUE


def _partner(row: DocumentRow) -> Partner:
    return Partner(
        KIND_OF[row.message_type],
        row.message_type,
        row.business_key,
        row.head,
        row.lines,
        row.id,
        row.state,
        row.customs_status,
    )


def _has_waybill(partners: Iterable[Partner], logistics_no: str) -> bool:
    return any(
        p.kind == WAYBILL and (p.head.get("logisticsNo") or "").strip() == logistics_no for p in partners
    )


def _prior_of(rows: Iterable) -> Iterator[tuple[str, dict[str, str], list[dict[str, str]]]]:
    """A buyer's inventories in the journal as the ledger takes them: (business key, head, lines)."""
    for row in rows:
        record = json.loads(row["record"])
        yield row["business_key"], record.get("head") or {}, record.get("lines") or []


class JournalChecks:
    """The cross-document checks and the buyer's limits of one run, over one open journal."""

    def __init__(
        self,
        journal: Journal,
        *,
        strict: bool = False,
        rates: Rates | None = None,
        limits: Limits | None = None,
        today: date | None = None,
    ) -> None:
        self.journal = journal
        self.strict = strict
        self.rates = rates or Rates()
        self.ledger = BuyerLedger(self._prior, self.rates.to_rmb, limits, today)
        #: partners accepted in this run and not (yet) in the journal: kind -> number -> Partner
        self.seen: dict[str, dict[str, list[Partner]]] = {kind: {} for kind in PARTNER_TYPES}
        #: what :meth:`prefetch` looked up for the chunk being checked: number -> partners
        self._by_order: dict[str, list[Partner]] = {}
        self._by_number: dict[str, list[Partner]] = {}

    # -- lookups --------------------------------------------------------------------------------
    def _prior(self, id_number: str):
        return _prior_of(self.journal.buyer_inventories(id_number))

    def prefetch(self, docs: list[Document]) -> None:
        """Look up at once what the inventories among ``docs``, about to be checked, ask of the
        journal: their orders, payments and waybills, their buyers' earlier inventories (one
        query per few hundred documents instead of three per inventory). What is looked up is
        kept until the next chunk; anything else is asked for as before."""
        heads = [d.head for d in docs if d.message.code == INVENTORY]
        orders = {n for n in ((h.get("orderNo") or "").strip() for h in heads) if n}
        by_order = self.journal.partners_by_orders(orders, PARTNER_TYPES.values())
        self._by_order = {n: [_partner(r) for r in by_order.get(n, ())] for n in orders}
        numbers = set()
        for head in heads:
            number = (head.get("logisticsNo") or "").strip()
            if number and not _has_waybill(self._by_order.get((head.get("orderNo") or "").strip(), ()), number):
                numbers.add(number)
        by_number = self.journal.documents_by_numbers(PARTNER_TYPES[WAYBILL], numbers)
        self._by_number = {n: [_partner(r) for r in by_number.get(n, ())] for n in numbers}
        buyers = {n for n in ((h.get("buyerIdNumber") or "").strip() for h in heads) if n}
        buyers -= self.ledger.buyers.keys()
        found = self.journal.buyers_inventories(buyers)
        for id_number in buyers:
            self.ledger.load(id_number, _prior_of(found.get(id_number, ())))

    def partners(self, head: dict[str, str]) -> Partners:
        order_no = (head.get("orderNo") or "").strip()
        logistics_no = (head.get("logisticsNo") or "").strip()
        found: dict[str, list[Partner]] = {kind: [] for kind in PARTNER_TYPES}
        if order_no:
            rows = self._by_order.get(order_no)
            if rows is None:
                rows = [_partner(r) for r in self.journal.partners_by_order(order_no, PARTNER_TYPES.values())]
            for partner in rows:
                found[partner.kind].append(partner)
        if logistics_no and not _has_waybill(found[WAYBILL], logistics_no):
            rows = self._by_number.get(logistics_no)
            if rows is None:
                rows = [_partner(r) for r in self.journal.documents_by_number(PARTNER_TYPES[WAYBILL], logistics_no)]
            found[WAYBILL] += rows
        for kind, numbers in self.seen.items():
            number = logistics_no if kind == WAYBILL else order_no
            found[kind] = [*numbers.get(number, []), *found[kind]]
            if kind == WAYBILL:
                found[kind] = [*numbers.get("order:" + order_no, []), *found[kind]]
        return Partners(**{kind: choose(kind, found[kind], head) for kind in PARTNER_TYPES})

    def _remember(self, doc: Document) -> None:
        kind = KIND_OF.get(doc.message.code)
        if kind is None:
            return
        partner = Partner(kind, doc.message.code, doc.key, doc.head, doc.lines, source=doc.origin.file)
        order_no = (doc.head.get("orderNo") or "").strip()
        if kind == WAYBILL:
            self.seen[kind].setdefault((doc.head.get("logisticsNo") or "").strip(), []).insert(0, partner)
            self.seen[kind].setdefault("order:" + order_no, []).insert(0, partner)
        else:
            self.seen[kind].setdefault(order_no, []).insert(0, partner)

    # -- the check ------------------------------------------------------------------------------
    def __call__(self, doc: Document, found: list[Finding]) -> list[Finding]:
        if doc.message.code != INVENTORY:
            if not any(f.is_error for f in found):
                self._remember(doc)
            return []
        findings = cross_check(doc, self.partners(doc.head), strict=self.strict)
        findings += self.ledger.check(doc)
        if not any(f.is_error for f in (*found, *findings)):
            self.ledger.add(doc)
        return findings


@contextmanager
def journal_checks(
    journal: Journal,
    *,
    strict: bool = False,
    rates: Rates | None = None,
    limits: Limits | None = None,
    today: date | None = None,
) -> Iterator[JournalChecks]:
    """Put the checks against ``journal`` in force for what runs inside."""
    checks = JournalChecks(journal, strict=strict, rates=rates, limits=limits, today=today)
    with use_journal_checks(checks):
        yield checks


# -- cebdesk check: every check on files, nothing journaled or sent ---------------------------------
@dataclass
class CheckReport:
    files: int = 0
    documents: int = 0
    rejected: int = 0
    rows: int = 0
    findings: list[Finding] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)

    @property
    def notes(self) -> int:
        return sum(1 for f in self.findings if f.severity is Severity.NOTE)

    @property
    def exit_code(self) -> int:
        """0: every document passes every check; 1: something would be refused."""
        return 1 if self.rejected or self.errors else 0

    def to_json(self, lang: str = "zh") -> dict:
        return {
            "files": self.files,
            "documents": self.documents,
            "rejected": self.rejected,
            "rows": self.rows,
            "findings": [f.to_json(lang) for f in self.findings],
            "exit_code": self.exit_code,
        }


def check_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    profile: Profile | None = None,
    doc_type: DocumentType | None = None,
    sheet: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> CheckReport:
    """Every check an import makes — the reader's, the field and document rules, the file-level
    rules, and (with checks against a journal in force) the cross-document checks and the
    buyer's limits — on Excel and XML files, without journaling, signing or sending anything.
    Documents of the files count for one another: the orders of one file for the inventories of
    the next (give the orders first)."""
    report = CheckReport()
    for raw in paths:
        path = Path(raw)
        report.files += 1
        name = str(path)
        try:
            if is_xml(path):
                parsed = read_message_file(path)
                found = parsed.findings + check_documents(parsed.documents)
                report.findings.extend(found)
                bad = any(f.is_error for f in found)
                for doc, _ in prefetched((d, []) for d in parsed.documents):
                    more, ok = checked(doc, [])
                    report.findings.extend(more)
                    report.documents += 1
                    report.rejected += 0 if ok and not bad else 1
                continue
            verdict = FileVerdict()
            reader = WorkbookReader(path, doc_type, defaults=profile.defaults if profile else None, sheet=sheet)
            read = kept = 0
            try:
                for doc, found in prefetched(reader.documents()):
                    found, ok = verdict.judge(doc, found)
                    report.findings.extend(found)
                    read += 1
                    kept += 1 if ok else 0
                    if progress and read % 500 == 0:
                        progress(name, read, 0)
            finally:
                report.rows += reader.rows
                report.findings.extend(reader.findings)
            report.documents += read
            report.rejected += read if verdict.finish(reader.findings) else read - kept
        except InputError as exc:
            report.findings.extend(exc.findings)
    return report


def read_checked(
    paths: list[Path],
    defaults: dict[str, str],
    doc_type: str | None = None,
    data_dir: Path | None = None,
    exchange_dir: Path | None = None,
    profile: Profile | None = None,
    *,
    progress,
    cancelled,
    **options,
):
    """The import page's reading (``tasks.read_documents``: rows and findings) with the checks
    against the workspace's journal in force, so the page shows the cross-document findings and
    the buyer limits before anything is signed (a window job, run in the worker process)."""
    from .tasks import read_documents
    from .workspace import Workspace

    workspace = Workspace(data_dir, exchange_dir=exchange_dir, profile=profile)
    with workspace.journal() as journal, workspace.checking(journal):
        return read_documents(paths, defaults, doc_type, progress=progress, cancelled=cancelled, **options)


__all__ = ["CheckReport", "JournalChecks", "check_files", "journal_checks", "read_checked", "strict_setting"]
