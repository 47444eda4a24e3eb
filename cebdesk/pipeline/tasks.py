"""Pipeline work the window runs in a separate process, so that nothing the pipeline does
(a big shared-strings table parsed in one C call, an fsync) can freeze the window.

Everything here is Qt-free and picklable in and out. A task reports through ``progress(done,
total)`` and stops between steps when ``cancelled()`` says so.
"""

from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..excel.reader import WorkbookReader
from ..findings import InputError
from ..settings import Profile
from ..signing.base import PinError
from ..signing.select import SignerOptions, open_signer
from ..spec import document_type
from ..store.journal import content_hash
from .files import FileVerdict, checked, prefetched
from .workspace import Workspace

_AMOUNTS = ("acturalPaid", "amountPaid", "goodsValue", "charge")


def _amount(head: dict[str, str], lines: list[dict[str, str]]) -> str:
    for name in _AMOUNTS:
        if head.get(name):
            return head[name]
    try:
        return str(sum(Decimal(line.get("totalPrice", "0") or "0") for line in lines)) if lines else ""
    except InvalidOperation:
        return ""


def read_documents(
    paths: list[Path],
    defaults: dict[str, str],
    doc_type: str | None = None,
    clients=(),
    client=None,
    *,
    progress,
    cancelled,
):
    """Rows for the import table (label, key, buyer, lines, amount, ok) and every finding.
    ``clients``: the profile's, each document's chosen by its ebcCode; ``client``: the one named
    (a clients.Client), as the import will take them."""
    rows, findings = [], []
    for path in paths:
        first = len(rows)
        try:
            dt = document_type(doc_type) if doc_type else None
            reader = WorkbookReader(path, dt, defaults=defaults, clients=clients, client=client)
            for n, (doc, found) in enumerate(prefetched(reader.documents()), start=1):
                found, ok = checked(doc, found)
                findings.extend(found)
                head = doc.head
                rows.append(
                    {
                        "label": reader.doc_type.label,
                        "name": reader.doc_type.name,
                        "key": doc.key,
                        "buyer": head.get("buyerName")
                        or head.get("payerName")
                        or head.get("consignee")
                        or "",
                        "lines": len(doc.lines),
                        "amount": _amount(head, doc.lines),
                        "hash": content_hash(head, doc.lines),  # is the journal's copy the same?
                        "ok": ok,
                    }
                )
                if n % 500 == 0:
                    progress(n, 0)
                if cancelled():
                    break
            findings.extend(reader.findings)
        except InputError as exc:
            findings.extend(exc.findings)
        # a problem of the file itself (another client's document …) refuses every row of it
        if FileVerdict().finish(f for f in findings if f.location.file == str(path)):
            for row in rows[first:]:
                row["ok"] = False
    return rows, findings


def _once(pin: str | None):
    """The PIN provider of a job: the PIN the window asked for, given once; a second request
    would be a retry, which never happens."""
    given = [pin]

    def provide(_what: str) -> str:
        if given[0] is None:
            raise PinError("a PIN is needed and was not given")
        value, given[0] = given[0], None
        return value

    return provide


@contextmanager
def _opened(signer: SignerOptions, pin: str | None):
    """The signer opened with the PIN given once (a second request is never answered), closed
    after the job's work, whatever happens."""
    opened = open_signer(signer, _once(pin))
    try:
        yield opened
    finally:
        close = getattr(opened, "close", None)
        if close:
            close()


def import_and_send(
    files: list[Path],
    data_dir: Path,
    exchange_dir: Path,
    profile: Profile,
    signer: SignerOptions,
    pin: str | None,
    doc_type: str | None = None,
    only: set[str] | None = None,
    client: str | None = None,
    *,
    progress,
    cancelled,
):
    """Journal the files (``client``: the name of the broker's client they are for), then sign
    and send every waiting document the way the workspace's profile says (folder, DxpMsg, HTTP).
    The PIN is used once."""
    workspace = Workspace(data_dir, exchange_dir=exchange_dir, profile=profile)
    exchange = workspace.exchange()
    workspace.require_profile()  # before the key is opened
    with _opened(signer, pin) as opened:
        imported = workspace.import_files(
            files, doc_type=document_type(doc_type) if doc_type else None, only=only, client=client
        )
        sent = workspace.send(
            opened, exchange, progress=lambda _stage, done, total: progress(done, total), cancelled=cancelled
        )
        return imported, sent


def import_only(
    files: list[Path],
    data_dir: Path,
    exchange_dir: Path,
    profile: Profile,
    doc_type: str | None = None,
    only: set[str] | None = None,
    client: str | None = None,
    *,
    progress,
    cancelled,
):
    """Journal the files without signing or sending them: they wait in the journal, for the
    signing station of a shared journal (``cebdesk send --follow``) or a send later."""
    workspace = Workspace(data_dir, exchange_dir=exchange_dir, profile=profile)
    workspace.require_profile()
    return workspace.import_files(files, doc_type=document_type(doc_type) if doc_type else None, only=only, client=client)


def row_preview(
    path: Path, sheet: str, row: int, *, progress, cancelled
) -> tuple[list[str], list[str], list[str]]:
    """The header rows and one data row of a sheet: (labels, element names, values)."""
    from openpyxl import load_workbook

    with path.open("rb") as fh:
        wb = load_workbook(fh, read_only=True, data_only=True)
        try:
            ws = wb[sheet]
            ws.reset_dimensions()
            top = [list(r) for r in ws.iter_rows(min_row=1, max_row=2, values_only=True)]
            data = next(ws.iter_rows(min_row=row, max_row=row, values_only=True), ())
        finally:
            wb.close()
    text = lambda values: ["" if v is None else str(v) for v in values]  # noqa: E731
    while len(top) < 2:
        top.append([])
    return text(top[0]), text(top[1]), text(data)


def ingest_receipts(data_dir: Path, exchange_dir: Path, profile: Profile | None = None, *, progress, cancelled) -> int:
    """Download receipts (when the profile names a receipts URL), then read receive/; the
    number of files handled."""
    return Workspace(data_dir, exchange_dir=exchange_dir, profile=profile).receive().files


def summary_month(
    data_dir: Path,
    exchange_dir: Path,
    profile: Profile | None,
    month: str,
    today=None,
    ebc: str | None = None,
    *,
    progress,
    cancelled,
):
    """The month's summary as the window shows it: the preview (``Workspace.summary_preview``)
    and customs' results beside it (``Workspace.summary_result``); ``ebc``: one e-commerce
    enterprise's (a broker's client)."""
    workspace = Workspace(data_dir, exchange_dir=exchange_dir, profile=profile)
    return workspace.summary_preview(month, ebc=ebc, today=today), workspace.summary_result(month, ebc=ebc)


def summary_send(
    data_dir: Path,
    exchange_dir: Path,
    profile: Profile,
    month: str,
    signer: SignerOptions,
    pin: str | None,
    ebc: str | None = None,
    *,
    progress,
    cancelled,
):
    """Declare the month's summary (``Workspace.send_summary``; ``ebc``: one e-commerce
    enterprise's) with the PIN given once: (Declared, SendReport or None)."""
    workspace = Workspace(data_dir, exchange_dir=exchange_dir, profile=profile)
    exchange = workspace.exchange()
    workspace.require_profile()  # before the key is opened
    with _opened(signer, pin) as opened:
        return workspace.send_summary(
            month,
            opened,
            exchange,
            ebc=ebc,
            progress=lambda _stage, done, total: progress(done, total),
            cancelled=cancelled,
        )


#: The document actions a window job may run before sending (Workspace methods, lifecycle.py).
LIFECYCLE_ACTIONS = ("declare_entered", "modify", "delete", "cancel", "refund")


def lifecycle_and_send(
    data_dir: Path,
    exchange_dir: Path,
    profile: Profile,
    action: str,
    arguments: dict,
    signer: SignerOptions,
    pin: str | None,
    *,
    progress,
    cancelled,
):
    """One document action (``action``: one of LIFECYCLE_ACTIONS, with ``arguments`` as the
    Workspace method takes them), journaled, then every waiting document signed and sent with the
    PIN given once: (what the action returned, SendReport). A refusal is returned as
    (LifecycleError, None) before the key is opened: nothing journaled, no PIN used."""
    from .lifecycle import LifecycleError

    if action not in LIFECYCLE_ACTIONS:
        raise ValueError(f"unknown document action {action!r}")
    workspace = Workspace(data_dir, exchange_dir=exchange_dir, profile=profile)
    exchange = workspace.exchange()
    workspace.require_profile()
    try:
        done = getattr(workspace, action)(**arguments)
    except LifecycleError as exc:
        return exc, None
    with _opened(signer, pin) as opened:
        sent = workspace.send(
            opened, exchange, progress=lambda _stage, d, total: progress(d, total), cancelled=cancelled
        )
        return done, sent


def readiness(
    data_dir: Path,
    exchange_dir: Path,
    profile: Profile | None,
    profile_path: Path,
    signer: SignerOptions,
    password: str | None = None,
    *,
    progress,
    cancelled,
):
    """What the 准备工作 page shows (``Workspace.readiness``, as ``cebdesk doctor``): profile,
    signer and certificate, folders, receipts, clock, journal. No PIN is asked; ``profile`` None:
    there is none (said as such, not looked for elsewhere)."""
    workspace = Workspace(data_dir, exchange_dir=exchange_dir, profile=profile or Profile(), profile_path=profile_path)
    workspace.profile = profile
    return workspace.readiness(signer, password=password)  # a key file's password, used once


TASKS = {
    "lifecycle_and_send": lifecycle_and_send,
    "readiness": readiness,
    "read_documents": read_documents,
    "import_and_send": import_and_send,
    "import_only": import_only,
    "row_preview": row_preview,
    "ingest_receipts": ingest_receipts,
    "summary_month": summary_month,
    "summary_send": summary_send,
}
