"""Commands through the journal: convert --send, send, receipts, status, watch, simulate.

Each one asks the workspace (:mod:`cebdesk.pipeline.workspace`) to do the work and prints
its typed result; the window does the same work through the same calls.
"""

from __future__ import annotations

import argparse
import functools
import json
import signal
import sys
import threading
import time
import unicodedata
from typing import TextIO

from ..spec import document_type, document_type_for, message_type
from ..store.database import first_line, is_database_error, without_password
from .common import (
    EXIT_OK,
    EXIT_REJECTED,
    close,
    emit_json,
    exchange_from,
    print_findings,
    signer_to_send,
    t,
    workspace_from,
)


def _print_import(report, lang: str, out: TextIO) -> None:
    print_findings(report.findings, lang, out)
    print(t(lang, "imported", **report.counts()), file=out)


def print_send(report, lang: str, out: TextIO) -> None:
    for name, _code, count in report.messages:
        print(t(lang, "sent", name=name, count=count), file=out)
    print(
        t(lang, "send_summary", messages=len(report.messages), documents=report.documents, resumed=report.resumed),
        file=out,
    )
    if report.rebuilt or report.taken_over:
        print(t(lang, "send_recovered", rebuilt=report.rebuilt, taken_over=report.taken_over), file=out)
    if report.elsewhere:
        print(t(lang, "send_elsewhere", count=report.elsewhere), file=out)
    if report.stopped:
        print(t(lang, "stopped", reason=report.stopped, messages=len(report.messages)), file=out)


def _send(args, lang: str, out: TextIO, workspace) -> int:
    exchange = exchange_from(args, workspace)
    signer = signer_to_send(args, lang, workspace)
    try:
        if getattr(args, "follow", False):
            return _follow(args, lang, out, workspace, signer, exchange)
        report = workspace.send(signer, exchange)
    finally:
        close(signer)
    if args.json:
        emit_json(report.to_json(lang), out)
    else:
        print_send(report, lang, out)
    return report.exit_code


def _print_round(args, lang: str, out: TextIO, report) -> None:
    if args.json:  # one line per round: JSON lines
        print(json.dumps(report.to_json(lang), ensure_ascii=False), file=out, flush=True)
    else:
        print_send(report, lang, out)
        out.flush()


def _follow(args, lang: str, out: TextIO, workspace, signer, exchange) -> int:
    """Send what becomes ready, round after round, until SIGTERM or Ctrl-C; the message in hand
    is finished first. A server out of reach is tried again next round; a key gone stops (its
    password is never asked again unseen)."""
    stop = threading.Event()

    def ask_to_stop(signum, frame) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, ask_to_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    where = without_password(workspace.journal_url) if workspace.journal_url else workspace.data_dir / "journal.sqlite3"
    to = exchange.url if exchange.mode == "http" else workspace.outbox().send
    say = functools.partial(print, file=sys.stderr, flush=True)  # stdout: the rounds' reports (JSON lines)
    say(t(lang, "follow_start", journal=where, to=to))
    wait, down = args.interval, False
    try:
        while not stop.is_set():
            try:
                report = workspace.send(signer, exchange, cancelled=stop.is_set)
            except Exception as exc:
                if not is_database_error(exc):
                    raise
                # the server out of reach (restarting, the network): said once, then looked for
                # less and less often (up to 15 s); what was sent is journaled
                if not down:
                    say(t(lang, "journal_retry", detail=first_line(exc)))
                down, wait = True, min(wait * 2, 15.0)
                stop.wait(wait)
                continue
            if down:
                say(t(lang, "journal_back"))
                down, wait = False, args.interval
            if report.messages or report.stopped:
                _print_round(args, lang, out, report)
            if report.stopped and not report.retry:
                return report.exit_code
            stop.wait(args.interval)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    say(t(lang, "follow_stopped"))
    return EXIT_OK


def convert_and_send(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from .check import apply_check_options

    workspace = workspace_from(args)
    apply_check_options(args, workspace)  # --strict, --no-cross-checks
    exchange_from(args, workspace)  # options checked before anything is journaled
    report = workspace.import_files(
        args.files, doc_type=document_type(args.type) if args.type else None, sheet=args.sheet, client=args.client
    )
    if not args.json:
        _print_import(report, lang, out)
    code = _send(args, lang, out, workspace)
    return max(code, report.exit_code)


def cmd_send(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    workspace = workspace_from(args)
    if args.modify is not None:
        workspace.queue_modifications(args.modify)
    return _send(args, lang, out, workspace)


def cmd_receipts(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    workspace = workspace_from(args)
    exchange = exchange_from(args, workspace)
    while True:
        report = workspace.receive(exchange)
        if args.json:  # one line per reading, so that --watch gives JSON lines
            print(json.dumps(report.to_json(), ensure_ascii=False), file=out, flush=True)
        else:
            if report.busy:
                print(t(lang, "receipts_busy", reason=report.busy), file=out)
            for name, reason in report.rejected:
                print(t(lang, "receipt_rejected", name=name, reason=reason), file=out)
            for name, warning in report.warnings:
                print(t(lang, "receipt_warning", name=name, warning=warning), file=out)
            for name, reason in report.waiting:
                print(t(lang, "receipt_waiting", name=name, reason=reason), file=out)
            print(
                t(
                    lang,
                    "receipts",
                    ingested=len(report.ingested),
                    rejected=len(report.rejected),
                    documents=len(report.documents),
                ),
                file=out,
            )
        if not args.watch:
            return report.exit_code
        time.sleep(args.interval)


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters two, the others one."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 1)


def _customs_numbers(numbers: dict[str, str], lang: str) -> str:
    """The numbers customs gave a document, in the standard's order: "清单编号 … 报关单编号 …"."""
    from ..spec.receipts import CUSTOMS_NUMBERS

    return "  ".join(
        f"{en if lang == 'en' else zh} {numbers[name]}" for name, zh, en in CUSTOMS_NUMBERS if numbers.get(name)
    )


def cmd_status(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from ..pipeline.workspace import StatusQuery

    query = StatusQuery(
        message_type=document_type(args.type).message.code if args.type else None,
        key=args.key,
        status=args.status,
        direction=args.direction,
        since=args.since,
        until=args.until,
        client=args.client,
        outcome=args.outcome,
    )
    workspace = workspace_from(args)
    found = workspace.status(query, history=args.history, lang=lang)
    # --history: each document's versions too (who changed what when: drafts, modifications …)
    versions = {d.id: workspace.versions(d.id) for d in found} if args.history else {}
    if args.json:
        items = [d.to_json() for d in found]
        for item in items:
            if versions.get(item["id"]):
                item["versions"] = [v.to_json() for v in versions[item["id"]]]
        emit_json(items, out)
        return EXIT_OK
    header = t(lang, "status_header").split("|")
    rows = []
    for d in found:
        dt = document_type_for(message_type(d.message_type))
        rows.append(
            (
                f"{dt.display(lang)} {d.message_type[:6]}" if dt is not None else d.message_type,
                d.key,
                d.state.label_en if lang == "en" else d.state.label,
                d.return_status or "-",
            )
        )
    # columns as wide as their widest cell on screen (a Chinese character takes two), nothing cut
    widths = [max([_width(header[i])] + [_width(row[i]) for row in rows]) + 2 for i in range(4)]
    print("".join(_pad(text, w) for text, w in zip(header[:4], widths, strict=True)) + header[4], file=out)
    for d, row in zip(found, rows, strict=True):
        cells = "".join(_pad(text, w) for text, w in zip(row, widths, strict=True))
        print(f"{cells}{d.meaning} {d.return_info or ''}", file=out)
        numbers = _customs_numbers(d.numbers, lang)
        if numbers:
            print(f"    {numbers}", file=out)
        for follow in d.follow_ups:  # an inventory's cancellation or refund: 已撤销 / cancelled …
            print(f"    {follow.text(lang)} ({follow.message_type[:6]} #{follow.document_id})", file=out)
        for v in versions.get(d.id, ()):
            changed = ", ".join(
                f"{c.field}{f'[{c.gnum}]' if c.gnum is not None else ''}: {c.old or ''} → {c.new or ''}"
                for c in v.changes[:5]
            ) + (" …" if len(v.changes) > 5 else "")
            print(
                f"    v{v.number} {v.when[:19]:<20}{v.kind:<11}appType {v.app_type or '-':<3}{v.who}"
                + (f"  {changed}" if changed else ""),
                file=out,
            )
        if args.history and d.sent_by:  # which seat sent it (a shared journal: "user@computer")
            print(f"    {t(lang, 'sent_by', who=d.sent_by)}", file=out)
        for r in d.history:
            mark = f" [{t(lang, 'receipt_flag_' + r.flag)}]" if r.flag else ""
            if r.part:
                mark += t(lang, "part_receipt", seq=r.part)
            print(
                f"    {r.return_time or '':<18}{r.return_status or '':<9}{r.meaning} {r.return_info or ''}{mark}",
                file=out,
            )
            for line in r.lines:  # a summary result's list: which inventory went into which item
                print("        " + "  ".join(f"{k}={v}" for k, v in line.items() if v), file=out)
    print(t(lang, "status_count", count=len(found)), file=out)
    return EXIT_OK


def cmd_watch(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    workspace = workspace_from(args)
    workspace.require_profile()
    workspace.client(args.client)  # an unknown name: before a PIN is asked
    exchange = exchange_from(args, workspace)
    signer = signer_to_send(args, lang, workspace)
    hot = workspace.hot_folder(args.folder, client=args.client)
    failures = 0
    try:
        while True:
            for result in hot.step(signer, exchange, lang=lang, settled=not args.once):
                failures += 0 if result.ok else 1
                print(f"{result.name}: {result.lines[-1]}", file=out, flush=True)
            if args.once:
                return EXIT_REJECTED if failures else EXIT_OK
            time.sleep(args.interval)
    finally:
        close(signer)


def cmd_simulate(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from ..exchange.simulator import Customs, Faults, TransferClient, run_folder, serve_http

    outbox = workspace_from(args).outbox()
    customs = Customs(outbox.root / ".customs")
    if args.http:
        host, _, port = args.http.rpartition(":")
        server = serve_http(host or "127.0.0.1", int(port), customs, Faults(args.fault))
        print(t(lang, "simulating_http", url=server.url), file=out, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            server.shutdown()
            return EXIT_OK
    client = TransferClient(outbox.client, customs) if outbox.client is not None else None
    folder = ", ".join(str(f) for f in outbox.handover_folders)
    print(t(lang, "simulating_folder", folder=folder), file=out, flush=True)
    while True:
        taken = client.run() if client is not None else run_folder(outbox, customs)
        if taken:
            print(t(lang, "simulated", count=taken), file=out, flush=True)
        if args.once:
            return EXIT_OK
        time.sleep(args.interval)
