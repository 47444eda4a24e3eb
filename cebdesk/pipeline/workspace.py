"""The application layer: one workspace, the same for the window, the CLI and the demo.

A workspace knows where things are (the data folder with the journal, the enterprise profile,
the outbox), how messages travel (folder, DxpMsg envelope, HTTP upload, receipts download: the
profile's ``[exchange]`` with whatever the user chose for one run on top), and does the work
both faces offer: import, send, resume, modifications, receipts, the hot folder, status and
history with typed results. A face parses input and renders these results; it never puts the
workflow together itself.

Nothing here imports Qt, and nothing here prints.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..clients import Client, client_codes, find_client
from ..exchange.folders import CLIENT_DEFAULT_ROOT, OUTBOX_PATIENCE, ClientFolders, Outbox
from ..exchange.http import HttpChannel
from ..exchange.receipts import IngestReport, ingest, summary_result_text
from ..files import private_dir
from ..findings import Finding
from ..messages.parts import DEFAULT_PART_LINES
from ..settings import Profile, default_profile_path, find_profile
from ..signing.base import Signer
from ..spec import DOCUMENT_TYPES, DocumentType
from ..spec.receipts import DECIDED_STATUSES, Family, explain_status
from ..store import Journal, default_data_dir
from . import lifecycle
from ..checks.limits import LimitSettingError, Limits
from ..findings import InputError, Location
from ..summary.classify import Rates, SummarySettingError
from .checking import CheckReport, JournalChecks, check_files, journal_checks, strict_setting
from .files import ConvertOptions, ConvertReport, Progress, convert
from .journaled import ImportReport, SendOptions, SendReport, import_files, send_pending

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class WorkspaceError(Exception):
    """The operation cannot run as the workspace is set up (no profile, no signer…)."""


class DocumentState(enum.Enum):
    """Where a document is on cebdesk's side (customs' answer is its returnStatus)."""

    READY = "ready"  # journaled, waiting to be sent
    PLANNED = "planned"  # put into a message that is being signed and sent
    SENT = "sent"  # delivered (renamed into send/ or uploaded)
    DRAFT = "draft"  # 暂存 (appStatus 1): kept, never sent (pipeline/lifecycle.py)
    DELETED = "deleted"  # customs refused it outright and the clerk deleted it: nothing was sent
    DISCARDED = "discarded"  # deleted before it was ever sent (found only by asking for it)
    REFERENCE = "reference"  # someone else declares it (the platform's order): for the cross checks only

    @property
    def label(self) -> str:
        return {
            "ready": "待发送", "planned": "发送中", "sent": "已发送", "draft": "暂存", "deleted": "已删除",
            "discarded": "已作废", "reference": "仅供核对",
        }[self.value]  # fmt: skip

    @property
    def label_en(self) -> str:
        return {
            "ready": "ready", "planned": "sending", "sent": "sent", "draft": "draft", "deleted": "deleted",
            "discarded": "discarded", "reference": "for checking only",
        }[self.value]  # fmt: skip


@dataclass(frozen=True)
class StatusQuery:
    """What to look for in the journal. ``since`` and ``until`` are days (YYYY-MM-DD) of the
    document's last change, both inclusive: "until 2026-11-23" includes that day."""

    message_type: str | None = None
    key: str | None = None
    person: str | None = None
    status: str | None = None  # a returnStatus (800, -621004…) or a state (ready, sent)
    direction: str | None = None  # "import" or "export": the documents of that direction only
    since: str | None = None
    until: str | None = None
    limit: int = 10_000
    #: a broker's client, by name (the profile's [clients."NAME"]): its documents only
    client: str | None = None
    #: one of OUTCOMES: where the documents stand (what the window's home page counts)
    outcome: str | None = None


#: Where documents stand, as the home page counts them and the query page filters them
#: (StatusQuery.outcome): ``sent``: their message went on a day between since and until (the
#: dates are then the sending day, not the last change); ``waiting``: sent, no receipt yet;
#: ``refused``: customs' latest answer refuses them (退单, processing exception, 退运) and they
#: are neither deleted nor discarded: they need the clerk; ``released``: customs' latest answer
#: is 放行 or 结关.
OUTCOMES = ("sent", "waiting", "refused", "released")


@dataclass(frozen=True)
class Today:
    """The home page's numbers for ``day`` (YYYY-MM-DD): sent that day, waiting for receipts,
    refused and needing action, released that day; ``queries`` gives each number's
    StatusQuery, which lists exactly the documents counted."""

    day: str
    counts: dict[str, int]
    queries: dict[str, StatusQuery]


@dataclass(frozen=True)
class ReceiptRecord:
    return_status: str | None
    meaning: str
    return_info: str | None
    return_time: str | None
    file: str
    #: why this receipt decides no status (``future``: returnTime far ahead of the clock)
    flag: str | None = None
    #: the receipt's message type (CEB604Message …)
    receipt: str = ""
    #: the list a summary result (CEB792) carries: invtNo, logisticsNo, gseqno, gnum, gcode
    lines: tuple[dict[str, str], ...] = ()
    #: the part of a document sent in parts the receipt answers (its msgSeqNo), when it names one
    part: str | None = None

    def to_json(self) -> dict:
        item = {
            "returnStatus": self.return_status,
            "meaning": self.meaning,
            "returnInfo": self.return_info,
            "returnTime": self.return_time,
            "file": self.file,
            "flag": self.flag,
            "receipt": self.receipt,
        }
        if self.lines:
            item["lines"] = [dict(line) for line in self.lines]
        if self.part:
            item["part"] = self.part
        return item


@dataclass(frozen=True)
class DocumentStatus:
    """One document as the journal knows it: its state here and customs' latest answer."""

    id: int
    message_type: str
    key: str
    app_type: str
    state: DocumentState
    return_status: str | None
    meaning: str
    family: Family
    return_info: str | None
    return_time: str | None
    updated: str
    person: str = ""
    history: tuple[ReceiptRecord, ...] = ()
    #: the numbers customs gave it (spec/receipts.py CUSTOMS_NUMBERS): invtNo, preNo, sumNo, and
    #: from a summary result the declaration's declSeqNo, entryId and decState
    numbers: dict[str, str] = field(default_factory=dict)
    #: an inventory's cancellations and refunds with customs' answer (lifecycle.FollowUp;
    #: ``text(lang)``: 已撤销 / cancelled …)
    follow_ups: tuple = ()
    #: who journaled it first (a shared journal: "operator@computer"), and the seat that sent it
    imported_by: str = ""
    sent_by: str = ""

    @classmethod
    def from_row(
        cls,
        row: sqlite3.Row,
        history: Iterable[ReceiptRecord] = (),
        lang: str = "zh",
        numbers: dict[str, str] | None = None,
    ) -> DocumentStatus:
        meaning, family = explain_status(row["customs_status"], lang, row["message_type"])
        keys = row.keys()
        return cls(
            row["id"], row["message_type"], row["business_key"], row["app_type"], DocumentState(row["state"]),
            row["customs_status"], meaning, family, row["customs_info"], row["customs_time"], row["updated"],
            row["person"] if "person" in keys else "", tuple(history), dict(numbers or {}),
            imported_by=(row["imported_by"] if "imported_by" in keys else None) or "",
            sent_by=(row["sent_by"] if "sent_by" in keys else None) or "",
        )  # fmt: skip

    def to_json(self) -> dict:
        item = {
            "id": self.id,
            "type": self.message_type,
            "key": self.key,
            "appType": self.app_type,
            "state": self.state.value,
            "returnStatus": self.return_status,
            "meaning": self.meaning,
            "family": self.family.value,
            "returnInfo": self.return_info,
            "returnTime": self.return_time,
            "updated": self.updated,
        }
        if self.imported_by:
            item["importedBy"] = self.imported_by
        if self.sent_by:
            item["sentBy"] = self.sent_by
        if self.numbers:
            item["numbers"] = dict(self.numbers)
        if self.follow_ups:
            item["followUps"] = [f.to_json() for f in self.follow_ups]
        if self.history:
            item["receipts"] = [r.to_json() for r in self.history]
        return item


@dataclass
class OutboxWaiting:
    """Messages not yet taken by the transfer client (oldest first) and how long the oldest has
    waited, in seconds; ``too_long`` when it has waited past ``patience``: the client is not
    running or not watching these folders."""

    files: list[str]
    oldest: float
    folders: tuple[Path, ...]
    patience: float

    @property
    def too_long(self) -> bool:
        return bool(self.files) and self.oldest > self.patience

    def to_json(self) -> dict:
        return {
            "waiting": len(self.files),
            "oldest_seconds": int(self.oldest),
            "folders": [str(f) for f in self.folders],
            "too_long": self.too_long,
        }


@dataclass(frozen=True)
class Exchange:
    """How this run's messages travel: the profile's ``[exchange]`` unless the user chose
    otherwise for this run (command-line options, the window's settings)."""

    mode: str = "folder"  # folder | http
    url: str | None = None
    receipts_url: str | None = None
    dxp: bool = False
    verify_tls: bool = True
    per_message: int = 100
    #: lines one part carries in documents sent in parts (export arrival, departure, waybill, summary)
    part_lines: int = DEFAULT_PART_LINES

    def describe(self) -> str:
        if self.mode == "http":
            return f"HTTP {self.url}" + (" (DxpMsg)" if self.dxp else "")
        return "folder" + (" (DxpMsg)" if self.dxp else "")


@dataclass
class HotFileResult:
    """What became of one file dropped into the hot folder."""

    name: str
    ok: bool
    moved_to: Path
    lines: list[str] = field(default_factory=list)
    imported: ImportReport | None = None
    sent: SendReport | None = None


def check_journal_url(url: str) -> None:
    """A shared journal's URL: PostgreSQL's, without a password (libpq takes it from
    PGPASSWORD or ~/.pgpass: a URL is seen in process lists, shell histories, the profile)."""
    from ..store.database import has_password, is_url

    if not is_url(url):
        raise WorkspaceError(f"a shared journal is a PostgreSQL database: postgresql://USER@HOST/DATABASE, not {url!r}")
    if has_password(url):
        raise WorkspaceError(
            "the journal's URL holds a password: leave it out and give it in PGPASSWORD or ~/.pgpass"
        )


class Workspace:
    """Where the journal, the profile and the outbox are, and everything done with them.

    ``data_dir``: the journal and, if present, ``profile.toml`` (a workspace of its own);
    default: the user's data folder. The profile: ``profile_path``, else the data folder's,
    else the user's. The outbox: ``exchange_dir``, else the profile's ``[exchange] folder``,
    else ``DATA-DIR/exchange``.
    """

    #: The checks against the journal (an import inventory against its order, payment and waybill;
    #: the buyer's limits) in imports, conversions, declarations and ``check_files``: ``strict``
    #: (None: the profile's [checks] strict) makes a partner document missing from the journal
    #: an error; ``journal_checks`` False leaves them to customs (an expert's choice).
    strict: bool | None = None
    journal_checks: bool = True

    def __init__(
        self,
        data_dir: str | os.PathLike[str] | None = None,
        *,
        exchange_dir: str | os.PathLike[str] | None = None,
        profile_path: str | os.PathLike[str] | None = None,
        profile: Profile | None = None,
        journal_url: str | None = None,
    ) -> None:
        self.own_data_dir = data_dir is not None
        self.data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
        self.profile = profile if profile is not None else find_profile(profile_path, data_dir)
        self.explicit_exchange_dir = Path(exchange_dir) if exchange_dir is not None else None
        self._profile_path = Path(profile_path) if profile_path is not None else None
        #: a journal several seats share (--journal, else the profile's [journal] url), or None:
        #: the data folder's own
        self.journal_url = journal_url or (self.profile.journal.get("url") if self.profile is not None else None)
        if self.journal_url:
            check_journal_url(self.journal_url)

    # -- where things are -----------------------------------------------------------------------
    @property
    def profile_path(self) -> Path:
        """Where this workspace's profile is read from and saved to."""
        if self._profile_path is not None:
            return self._profile_path
        if self.own_data_dir:  # a workspace of its own keeps its own, even one first read elsewhere
            return self.data_dir / "profile.toml"
        if self.profile is not None and self.profile.source:
            return Path(self.profile.source)
        return default_profile_path()

    @property
    def exchange_dir(self) -> Path:
        configured = self.profile.exchange.folder if self.profile is not None else None
        return self.explicit_exchange_dir or (Path(configured) if configured else self.data_dir / "exchange")

    def outbox(self) -> Outbox:
        return Outbox(self.exchange_dir, client=self.client_folders())

    def client_folders(self) -> ClientFolders | None:
        """The transfer client's folders when the profile's [exchange] layout is "client" (its
        client_root, else C:\\ImpPath on Windows); None for cebdesk's own layout. WorkspaceError
        when the root is not set where there is no default."""
        settings = self.profile.exchange if self.profile is not None else None
        if settings is None or settings.layout != "client":
            return None
        root = settings.client_root or (CLIENT_DEFAULT_ROOT if os.name == "nt" else None)
        try:
            return ClientFolders.configured(root, settings.client_import, settings.client_export)
        except ValueError as exc:
            raise WorkspaceError(f"{exc}: set it on the settings page or in the profile") from None

    def outbox_waiting(self, now: float | None = None) -> OutboxWaiting:
        """Messages waiting for the transfer client to take them, and whether they have waited
        too long (the client is not running): what the status bar, the home page and
        ``cebdesk doctor`` say."""
        outbox = self.outbox()
        found = outbox.waiting(now)
        return OutboxWaiting(
            [str(p) for p, _ in found],
            found[0][1] if found else 0.0,
            outbox.handover_folders,
            OUTBOX_PATIENCE,
        )

    def open_journal(self) -> Journal:
        """The workspace's journal, open (the shared one when there is one, else the data
        folder's own); the caller closes it. :meth:`journal` is the usual way."""
        journal = Journal(self.journal_url) if self.journal_url else Journal.in_dir(self.data_dir)
        journal.operator = self.operator
        return journal

    @contextmanager
    def journal(self) -> Iterator[Journal]:
        journal = self.open_journal()
        try:
            yield journal
        finally:
            journal.close()

    def client(self, name: str | None) -> Client | None:
        """The profile's client called ``name`` (None for None); clients.UnknownClient, listing
        the names, when there is none."""
        return find_client(self.profile.clients if self.profile is not None else [], name)

    def require_profile(self) -> Profile:
        if self.profile is None:
            raise WorkspaceError(
                f"no enterprise profile: give --profile, or put profile.toml in {self.data_dir}"
                " (the window's settings page writes it)"
            )
        return self.profile

    # -- how messages travel --------------------------------------------------------------------
    def exchange(
        self,
        *,
        http: str | None = None,
        receipts_url: str | None = None,
        dxp: bool | None = None,
        insecure: bool = False,
        per_message: int = 100,
        part_lines: int | None = None,
    ) -> Exchange:
        """The profile's exchange settings with this run's choices on top."""
        settings = self.profile.exchange if self.profile is not None else None
        url = http or (settings.url if settings and settings.mode == "http" else None)
        if not 1 <= per_message <= 100:
            raise WorkspaceError("documents per message must be between 1 and 100")
        if part_lines is not None and part_lines < 1:
            raise WorkspaceError("lines per part must be 1 or more")
        return Exchange(
            mode="http" if url else "folder",
            url=url,
            receipts_url=receipts_url or (settings.receipts_url if settings else None),
            dxp=dxp if dxp is not None else (settings.dxp if settings else False),
            verify_tls=not insecure and (settings.verify_tls if settings else True),
            per_message=per_message,
            part_lines=part_lines or DEFAULT_PART_LINES,
        )

    def send_options(self, signer: Signer | None, exchange: Exchange | None = None) -> SendOptions:
        exchange = exchange or self.exchange()
        if signer is None:
            raise WorkspaceError("sending declares: a signer is needed (a USB key, a key file or the E-Port control)")
        profile = self.require_profile()
        channel = HttpChannel(exchange.url, exchange.receipts_url, verify=exchange.verify_tls) if exchange.url else None
        return SendOptions(
            self.outbox(),
            signer,
            profile.base_transfer(),
            channel,
            exchange.per_message,
            exchange.dxp,
            part_lines=exchange.part_lines,
        )

    # -- the work -------------------------------------------------------------------------------
    def import_files(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        doc_type: DocumentType | None = None,
        sheet: str | None = None,
        only: set[str] | None = None,
        now: datetime | None = None,
        client: str | None = None,
        reference: bool = False,
    ) -> ImportReport:
        """``client``: the name of the broker's client the files are for (default: each
        document's, by its ebcCode); an unknown name raises before anything is read.
        ``reference``: the files are someone else's declarations (the platform's orders, the
        payment company's payments, the logistics company's waybills), kept for the
        cross-document checks only and never sent."""
        chosen = self.client(client)
        with self.journal() as journal, self.checking(journal, off=reference):
            return import_files(
                paths, journal, doc_type=doc_type, profile=self.profile, sheet=sheet, now=now, only=only,
                client=chosen, state="reference" if reference else "ready",
            )  # fmt: skip

    @contextmanager
    def checking(self, journal: Journal, *, off: bool = False) -> Iterator[JournalChecks | None]:
        """The checks against ``journal`` in force for what runs inside (pipeline/checking.py):
        the profile's [checks], [limits] and [rates]; a setting that is wrong is an InputError
        naming it."""
        if off or not self.journal_checks:
            yield None
            return
        profile = self.profile
        source = profile.source if profile is not None and profile.source else "profile"
        try:
            rates = Rates(profile.rates if profile is not None else None)
        except SummarySettingError as exc:
            raise InputError(
                [Finding(Location(source, path="/rates"), "profile.setting", params={"zh": exc.zh, "en": exc.en})]
            ) from None
        try:
            limits = Limits.from_settings(profile.limits if profile is not None else None, source)
        except LimitSettingError as exc:
            raise InputError([exc.finding]) from None
        strict = self.strict if self.strict is not None else strict_setting(profile.checks if profile else None)
        with journal_checks(journal, strict=strict, rates=rates, limits=limits) as checks:
            yield checks

    def check_files(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        doc_type: DocumentType | None = None,
        sheet: str | None = None,
        progress: Progress | None = None,
    ) -> CheckReport:
        """Every check on files — field and document rules, the cross-document checks and the
        buyer's limits against the journal — journaling, signing and sending nothing."""
        with self.journal() as journal, self.checking(journal):
            return check_files(paths, profile=self.profile, doc_type=doc_type, sheet=sheet, progress=progress)

    def convert(
        self,
        paths: Iterable[str | os.PathLike[str]],
        options: ConvertOptions,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> ConvertReport:
        """Excel and XML files to message files (``convert -o``), with the checks against this
        workspace's journal in force: a document they refuse is not signed or written."""
        with self.journal() as journal, self.checking(journal):
            return convert(paths, options, progress=progress, cancelled=cancelled)

    def queue_modifications(self, keys: Iterable[str] = ()) -> int:
        """Re-imported changes (all, or those business keys or numbers) become appType 2 documents to send."""
        wanted = set(keys)
        with self.journal() as journal, journal.transaction():
            return sum(
                journal.promote_modification(row.id)
                for row in journal.documents()
                if not wanted or row.business_key in wanted or row.business_key.rsplit("/", 1)[0] in wanted
            )

    def resend_as_modification(self, document_ids: Iterable[int]) -> int:
        """Queue documents customs answered (fixed since, or re-imported with changes) to be
        sent again as appType 2 with a new guid; how many were queued."""
        with self.journal() as journal, journal.transaction():
            return sum(bool(journal.requeue_as_modification(i)) for i in set(document_ids))

    def final_statuses(self, document_ids: Iterable[int]) -> list[DocumentStatus]:
        """Those of the documents customs has already decided on (审结, 放行, 结关, 退运): a
        modification of them needs the clerk's word first."""
        with self.journal() as journal:
            rows = journal.summaries_of(document_ids)
        return [DocumentStatus.from_row(r) for r in rows if (r["customs_status"] or "").strip() in DECIDED_STATUSES]

    def send(
        self,
        signer: Signer | None,
        exchange: Exchange | None = None,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> SendReport:
        """Finish what an earlier run left, then sign and send every waiting document."""
        options = self.send_options(signer, exchange)
        with self.journal() as journal:
            return send_pending(journal, options, progress=progress, cancelled=cancelled)

    def receive(self, exchange: Exchange | None = None) -> IngestReport:
        """Download receipts (when a receipts URL is set), then read receive/ into the journal."""
        exchange = exchange or self.exchange()
        outbox = self.outbox()
        if exchange.receipts_url:
            HttpChannel(exchange.url or "", exchange.receipts_url, verify=exchange.verify_tls).download_receipts(
                outbox.receive
            )
        with self.journal() as journal:
            return ingest(journal, outbox)

    def status(
        self, query: StatusQuery = StatusQuery(), *, history: bool = False, lang: str = "zh"
    ) -> list[DocumentStatus]:
        """Documents the query finds; meanings of statuses in ``lang`` ("zh" or "en")."""
        with self.journal() as journal:
            rows = self._found(journal, query)
            numbers = journal.customs_numbers(row["id"] for row in rows)
            follow = lifecycle.follow_ups(journal, (row["id"] for row in rows))
            return [
                dataclasses.replace(
                    DocumentStatus.from_row(
                        row, self._history(journal, row["id"], lang) if history else (), lang, numbers.get(row["id"])
                    ),
                    follow_ups=follow.get(row["id"], ()),
                )
                for row in rows
            ]

    def _found(self, journal: Journal, query: StatusQuery) -> list[sqlite3.Row]:
        """The journal's rows the query finds (Journal.search, then the outcome)."""
        client = self.client(query.client)
        codes = client_codes(client, DOCUMENT_TYPES) if client is not None else None
        outcome = query.outcome
        if outcome is not None and outcome not in OUTCOMES:
            raise WorkspaceError(f"unknown outcome {outcome!r}: one of {', '.join(OUTCOMES)}")
        rows = journal.search(
            message_type=query.message_type,
            message_types=(
                [dt.message.code for dt in DOCUMENT_TYPES if dt.direction == query.direction]
                if query.direction
                else None
            ),
            key=query.key,
            person=query.person,
            status=query.status,
            since=None if outcome == "sent" else query.since,  # the sending day, below
            until=None if outcome == "sent" else query.until,
            limit=-1 if outcome else query.limit,
            client=codes,
        )
        if outcome is None:
            return rows
        if outcome == "sent":
            sent_on = {
                r[0]
                for r in journal.db.execute(
                    "SELECT d.id FROM documents d JOIN messages m ON m.id = d.message_id WHERE d.state = 'sent'"
                    " AND substr(m.sent, 1, 10) >= ? AND substr(m.sent, 1, 10) <= ?",
                    (query.since or "", query.until or "9999"),
                )
            }
            found = [r for r in rows if r["id"] in sent_on]
        elif outcome == "waiting":
            found = [r for r in rows if r["state"] == "sent" and not r["customs_status"]]
        else:
            family = Family.REJECTED if outcome == "refused" else Family.RELEASED
            found = [
                r
                for r in rows
                if r["customs_status"]
                and r["state"] not in ("deleted", "discarded", "reference")
                and explain_status(r["customs_status"], "zh", r["message_type"])[1] is family
            ]
        return found if query.limit < 0 else found[: query.limit]

    def today(self, day: date | None = None) -> Today:
        """The home page's numbers (``day``: default today, by this computer's clock)."""
        day_text = (day or date.today()).isoformat()
        queries = {
            "sent": StatusQuery(outcome="sent", since=day_text, until=day_text, limit=-1),
            "waiting": StatusQuery(outcome="waiting", limit=-1),
            "refused": StatusQuery(outcome="refused", limit=-1),
            "released": StatusQuery(outcome="released", since=day_text, until=day_text, limit=-1),
        }
        with self.journal() as journal:
            counts = _outcome_counts(journal, day_text)
        return Today(day_text, counts, queries)

    def summary_preview(self, month: str, *, ebc: str | None = None, today=None):
        """The monthly summary of ``month`` (YYYY-MM) from the journal (:mod:`cebdesk.summary.preview`),
        with the profile's [rates] and [summary]; RateError when a currency has no rate."""
        with self.journal() as journal:
            return self._summary_preview(journal, month, ebc, today)

    def _summary_preview(self, journal: Journal, month: str, ebc: str | None, today):
        """The month's preview with this workspace's [rates] and [summary]."""
        from ..summary.preview import preview

        profile = self.profile
        return preview(
            journal,
            month,
            ebc=ebc,
            rates=profile.rates if profile else None,
            settings=profile.summary if profile else None,
            today=today,
        )

    def summary_result(self, month: str, *, ebc: str | None = None):
        """What customs made of the summaries of ``month`` beside the preview's merge of the same
        lists (:mod:`cebdesk.summary.result`)."""
        from ..summary.result import compare

        with self.journal() as journal:
            return compare(journal, month, ebc=ebc)

    def declare_summary(self, month: str, *, ebc: str | None = None, now: datetime | None = None, today=None):
        """Journal the summary applications (CEB701) of ``month`` the preview makes, ready to send
        like every other document (:mod:`cebdesk.summary.declare`). All or nothing: a missing
        [summary] value (SummaryProfileError) or a field rule broken journals none. Lists already
        in a summary are not offered again, so a second run journals nothing."""
        from ..records import Document, XmlOrigin
        from ..spec.documents import SUMMARY
        from ..summary.declare import Declared, applications
        from .files import checked

        profile = self.profile
        with self.journal() as journal, journal.transaction():
            result = self._summary_preview(journal, month, ebc, today)
            settings = profile.summary if profile else None
            declared = Declared(result, applications(journal, result, settings, now=now))
            for app in declared.applications:
                doc = Document(SUMMARY.message, app.head, app.lines, XmlOrigin(f"summary {month}", "/"))
                found, _ok = checked(doc, [])
                declared.findings.extend(found)
            if declared.refused:
                return declared
            for app in declared.applications:
                key = SUMMARY.business_key(app.head)
                source = (f"summary {month}", None, None)
                journal.import_document(SUMMARY.message.code, key, app.head, app.lines, source)
            declared.waiting = journal.db.execute(
                "SELECT COUNT(*) FROM documents WHERE message_type=? AND state IN ('ready', 'planned')",
                (SUMMARY.message.code,),
            ).fetchone()[0]
        return declared

    def send_summary(
        self,
        month: str,
        signer: Signer | None,
        exchange: Exchange | None = None,
        *,
        ebc: str | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ):
        """Declare the month's summary: journal its applications (:meth:`declare_summary`), then,
        unless a field rule refused them or nothing waits, sign and send like :meth:`send`.
        Returns (Declared, SendReport or None). The signer and the exchange are checked before
        anything is journaled."""
        self.send_options(signer, exchange)
        declared = self.declare_summary(month, ebc=ebc)
        if declared.refused or not declared.waiting:
            return declared, None
        return declared, self.send(signer, exchange, progress=progress, cancelled=cancelled)

    # -- a document's life (pipeline/lifecycle.py: the rules and the refusals) ----------------------
    @property
    def operator(self) -> str | None:
        """Who the journal's versions are by: the profile's ``[ui] operator``, else None (the OS
        user name is taken)."""
        return (self.profile.ui.get("operator") or None) if self.profile is not None else None

    def _defaults(self) -> dict[str, str]:
        return dict(self.profile.defaults) if self.profile is not None else {}

    def save_draft(
        self, type_name: str, head: dict[str, str], lines: list[dict[str, str]], *, document_id: int | None = None
    ) -> int:
        """Keep a document as a draft (暂存: appStatus 1, state draft, never sent, not checked);
        in place with ``document_id`` (a draft or a document not sent yet). ``type_name``: a
        document type name (inventory) or its message (CEB621Message). Returns the document id.
        Raises LifecycleError (already_sent, sending, unknown_type, not_found)."""
        with self.journal() as journal:
            return lifecycle.save_draft(
                journal, type_name, head, lines, document_id=document_id, defaults=self._defaults()
            )

    def declare_entered(
        self, type_name: str, head: dict[str, str], lines: list[dict[str, str]], *, document_id: int | None = None
    ) -> int:
        """Declare an entered document (appStatus 2): the import's checks, then journaled ready;
        send it with ``send``. With ``document_id`` a draft (or a document not sent yet) is
        declared in place, a sent one modified (``modify``). Returns the document id. Raises
        LifecycleError (findings: ``.findings`` has them, nothing journaled; key_missing;
        key_taken; …)."""
        with self.journal() as journal, self.checking(journal):
            return lifecycle.declare_entered(
                journal, type_name, head, lines, document_id=document_id, defaults=self._defaults()
            )

    def diff(self, document_id: int, head: dict[str, str], lines: list[dict[str, str]]) -> list[lifecycle.Change]:
        """What the values given change in the journaled document: Change(field, gnum (None for
        the head), old, new, label), head first, then lines by gnum. Raises LifecycleError
        (not_found)."""
        with self.journal() as journal:
            return lifecycle.diff(journal, document_id, head, lines)

    def modify(self, document_id: int, head: dict[str, str], lines: list[dict[str, str]]) -> int:
        """Change a document: in place before it is sent (a draft stays a draft); after sending a
        new version with appType 2 to send; after customs refused it, declared again. Returns the
        document id. Raises LifecycleError (findings, decided, not_allowed, key_changed,
        unchanged, sending, deleting)."""
        with self.journal() as journal:
            return lifecycle.modify(journal, document_id, head, lines, defaults=self._defaults())

    def delete(self, document_id: int) -> str:
        """Delete a document; returns what was done: "discarded" (never sent), "deleted"
        (customs refused it outright; nothing to send) or "queued" (appType 3 waits for
        ``send``). Raises LifecycleError (decided, not_allowed, sending, deleting, deleted)."""
        with self.journal() as journal:
            return lifecycle.delete(journal, document_id)

    def duplicate(self, document_id: int) -> tuple[str, dict[str, str], list[dict[str, str]]]:
        """(type name, head, lines) of a copy with a new guid, no copNo and no customs numbers,
        not saved (save_draft or declare_entered it). Raises LifecycleError (not_found)."""
        with self.journal() as journal:
            return lifecycle.duplicate(journal, document_id)

    def cancel(self, target: int | str, reason: str) -> int:
        """Journal the cancellation (CEB623 / CEB605) of an import inventory or export list
        (``target``: its id, or a number: business key, orderNo, copNo, invtNo, preNo), ready to
        ``send``; returns the cancellation's document id. Raises LifecycleError
        (reason_required, no_invt_no, refused, cancelled, not_inventory, key_not_found,
        key_ambiguous, findings)."""
        with self.journal() as journal:
            return lifecycle.cancel(journal, target, reason)

    def refund(
        self,
        target: int | str,
        reason: str,
        lines: dict[int, str] | None = None,
        *,
        head: dict[str, str] | None = None,
    ) -> int:
        """Journal a return request (CEB625 / CEB213) for an import inventory or export list:
        ``lines`` gnum -> quantity (None: every line, whole); ``head``: values the inventory
        lacks. Ready to ``send``; returns its document id. Raises LifecycleError (as ``cancel``,
        and refunded, no_lines, bad_line, bad_qty, qty_above)."""
        with self.journal() as journal:
            return lifecycle.refund(journal, target, reason, lines, head=head)

    def versions(self, document_id: int) -> list[lifecycle.Version]:
        """Every version of a document, oldest first: Version(number, kind, app_type, app_status,
        who, when, head, lines, changes). Raises LifecycleError (not_found)."""
        with self.journal() as journal:
            return lifecycle.versions(journal, document_id)

    def can(self, document_id: int) -> lifecycle.Actions:
        """Which actions (lifecycle.ACTIONS: declare, edit, modify, delete, duplicate, cancel,
        refund) are allowed now; ``why(action, lang)`` says why one is not. Raises
        LifecycleError (not_found)."""
        with self.journal() as journal:
            return lifecycle.can(journal, document_id)

    def readiness(self, signer_options, *, now: datetime | None = None, password: str | None = None):
        """What ``cebdesk doctor`` and the 准备工作 page check (:mod:`cebdesk.pipeline.readiness`):
        profile, signer and certificate, exchange folders, receipts, clock, journal. Asks for no PIN."""
        import datetime as dt

        from . import readiness

        out = readiness.Readiness()
        readiness.check_profile(out, self.profile, self.profile_path)
        readiness.check_signer(out, signer_options, dt.datetime.now(dt.UTC), password, shared=bool(self.journal_url))
        readiness.check_folders(out, Outbox(self.exchange_dir))
        readiness.check_transfer_client(out, self, (now or datetime.now()).timestamp())
        readiness.check_journal(out, self.data_dir / "journal.sqlite3", now or datetime.now(), self.journal_url)
        return out

    def hot_folder(self, folder: str | os.PathLike[str], *, client: str | None = None) -> HotFolder:
        """``client``: the files dropped are all that client's (default: by their ebcCode)."""
        self.client(client)  # an unknown name: before anything is taken
        return HotFolder(self, Path(folder), client)

    def history(self, document_id: int, lang: str = "zh") -> list[ReceiptRecord]:
        with self.journal() as journal:
            return self._history(journal, document_id, lang)

    @staticmethod
    def _history(journal: Journal, document_id: int, lang: str = "zh") -> list[ReceiptRecord]:
        records = []
        for r in journal.receipts_for(document_id):
            lines, info = _lines(r["keys"]), r["return_info"]
            if r["message_type"] == "CEB792Message":  # told from its values, in the user's language
                info = summary_result_text(_values(r["keys"]), len(lines), lang)
            records.append(
                ReceiptRecord(
                    r["return_status"], explain_status(r["return_status"], lang, r["message_type"])[0], info,
                    r["return_time"], r["file_name"], r["flag"], r["message_type"], lines, _part(r["keys"]),
                )  # fmt: skip
            )
        return records


def _outcome_counts(journal: Journal, day: str) -> dict[str, int]:
    """How many documents each OUTCOMES query of ``day`` finds (``Workspace._found`` reads them
    all; the home page needs only the numbers, counted by SQL and by status code)."""
    db = journal.db
    counts = {
        "sent": db.execute(
            "SELECT COUNT(*) FROM documents d JOIN messages m ON m.id = d.message_id WHERE d.state = 'sent'"
            " AND substr(m.sent, 1, 10) = ?",
            (day,),
        ).fetchone()[0],
        "waiting": db.execute(
            "SELECT COUNT(*) FROM documents WHERE state = 'sent' AND COALESCE(customs_status, '') = ''"
        ).fetchone()[0],
        "refused": 0,
        "released": 0,
    }
    rows = db.execute(
        "SELECT message_type, customs_status, substr(updated, 1, 10) = ? AS today, COUNT(*) FROM documents"
        " WHERE COALESCE(customs_status, '') <> '' AND state NOT IN ('deleted', 'discarded', 'reference')"
        " GROUP BY 1, 2, 3",
        (day,),
    )
    for message_type, status, today, count in rows:
        family = explain_status(status, "zh", message_type)[1]
        if family is Family.REJECTED:
            counts["refused"] += count
        elif family is Family.RELEASED and today:
            counts["released"] += count
    return counts


def _values(keys: str | None) -> dict:
    """The values a receipt carried, as the journal recorded them (``{}`` when unreadable)."""
    try:
        values = json.loads(keys or "{}")
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def _part(keys: str | None) -> str | None:
    """The msgSeqNo a receipt carried (the part of a document sent in parts it answers)."""
    part = _values(keys).get("msgSeqNo")
    return part.strip() or None if isinstance(part, str) else None


def _lines(keys: str | None) -> tuple[dict[str, str], ...]:
    """The list a receipt carried (a summary result's), from its recorded values."""
    lines = _values(keys).get("lines")
    return tuple(line for line in lines if isinstance(line, dict)) if isinstance(lines, list) else ()


#: What the hot folder writes beside each file it took (Chinese, English).
_HOT_TEXT = {
    "crashed": (
        "无法处理此文件（{kind}: {detail}），已移到 failed/；其余文件照常处理",
        "this file could not be handled ({kind}: {detail}); moved to failed/, the other files go on",
    ),
    "imported": (
        "导入 {documents} 个单证：新增 {new}，未变 {same}，有改动 {changed}，拒绝 {rejected}",
        "{documents} document(s) imported: {new} new, {same} unchanged, {changed} changed, {rejected} rejected",
    ),
    "sent": ("已发送 {name}（{count} 个单证）", "sent {name} ({count} document(s))"),
    "stopped": (
        "已停止：{reason}。已发送的报文完整保留，其余下次继续",
        "stopped: {reason}. The messages sent are complete; the rest goes on next time",
    ),
}


def _say(key: str, lang: str, **params) -> str:
    zh, en = _HOT_TEXT[key]
    return (en if lang == "en" else zh).format(**params)


class HotFolder:
    """Excel and XML files dropped into a folder are journaled, signed and sent, then moved to
    done/ or failed/ with a ``.result.txt`` beside them. A file is taken once it has stopped
    growing (two looks, one interval apart). A file that cannot be handled is set aside and the
    others go on; a fault of the machine (disk full, journal locked) stops the step and leaves
    the file for the next one."""

    SUFFIXES = (".xlsx", ".xml")

    def __init__(self, workspace: Workspace, folder: Path, client: str | None = None) -> None:
        self.workspace = workspace
        self.folder = folder
        self.client = client
        self.done = folder / "done"
        self.failed = folder / "failed"
        for d in (self.done, self.failed):
            private_dir(d)
        self._sizes: dict[Path, tuple[int, int]] = {}

    def waiting(self, *, settled: bool = True) -> list[Path]:
        """Files to take now; ``settled``: only those that did not change since the last look."""
        candidates = sorted(
            p
            for p in self.folder.iterdir()
            if p.is_file() and p.suffix.lower() in self.SUFFIXES and not p.name.startswith((".", "~"))
        )
        looks = {}
        for p in candidates:
            st = p.stat()
            looks[p] = (st.st_size, st.st_mtime_ns)
        ready = [p for p in candidates if not settled or self._sizes.get(p) == looks[p]]
        self._sizes = looks
        return ready

    def step(
        self, signer: Signer, exchange: Exchange | None = None, *, lang: str = "zh", settled: bool = True
    ) -> list[HotFileResult]:
        exchange = exchange or self.workspace.exchange()
        results = []
        for path in self.waiting(settled=settled):
            results.append(self._take(path, signer, exchange, lang))
        return results

    def _take(self, path: Path, signer: Signer, exchange: Exchange, lang: str) -> HotFileResult:
        try:
            imported = self.workspace.import_files([path], client=self.client)
        except (OSError, sqlite3.DatabaseError):
            raise  # the machine's fault, not the file's: it stays for the next step
        except Exception as exc:  # noqa: BLE001 - one file nobody foresaw must not stop the folder
            line = _say("crashed", lang, kind=type(exc).__name__, detail=str(exc))
            return HotFileResult(path.name, False, self._set_aside(path, self.failed, [line]), [line])
        sent = self.workspace.send(signer, exchange)
        ok = not (imported.rejected or imported.errors or imported.refused_files)
        lines = [f.render(lang) for f in imported.findings]
        lines.append(_say("imported", lang, **imported.counts()))
        lines += [_say("sent", lang, name=n, count=c) for n, _, c in sent.messages]
        if sent.stopped:
            lines.append(_say("stopped", lang, reason=sent.stopped))
        moved = self._set_aside(path, self.done if ok else self.failed, lines)
        return HotFileResult(path.name, ok, moved, lines, imported, sent)

    @staticmethod
    def _set_aside(path: Path, folder: Path, lines: list[str]) -> Path:
        from ..files import atomic_write

        target = folder / path.name
        os.replace(path, target)
        atomic_write(target.with_name(target.name + ".result.txt"), ("\n".join(lines) + "\n").encode("utf-8"))
        return target


def findings_json(findings: Iterable[Finding], lang: str) -> list[dict]:
    return [f.to_json(lang) for f in findings]


__all__ = [
    "DocumentState",
    "DocumentStatus",
    "Exchange",
    "HotFileResult",
    "ReceiptRecord",
    "StatusQuery",
    "Workspace",
    "WorkspaceError",
]
