"""cancel and refund: a cancellation (CEB623 / CEB605) or return request (CEB625 / CEB213) of
an inventory customs accepted, made from the journal and sent through it.

The options name the inventory (``--key``: invtNo, copNo, orderNo or number/enterprise code), the
reason and, for a refund, the lines; the workspace (:mod:`cebdesk.pipeline.lifecycle`) decides
whether it may be done. A refusal is exit code 1 with the reason in the user's language and
nothing journaled; a command that cannot run (options, signer) is exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..pipeline.lifecycle import LifecycleError
from ..spec import document_type_for, message_type
from .common import (
    EXIT_REJECTED,
    UsageError,
    close,
    emit_json,
    exchange_from,
    print_findings,
    signer_to_send,
    workspace_from,
)
from .exchange import print_send

_TEXT = {
    "zh": {
        "journaled": "已记入日志：{label}（单证 {id}），清单编号 {invtNo}",
        "refused": "未执行：{reason}",
        "bad_line": "--line 的格式是 序号 或 序号:数量（如 2 或 2:1.5），不是 {value!r}",
        "line_twice": "--line 第 {gnum} 项给了两次",
        "bad_set": "--set 的格式是 元素名=值（如 trafName=CA1234），不是 {value!r}",
    },
    "en": {
        "journaled": "journaled: {label} (document {id}), invtNo {invtNo}",
        "refused": "not done: {reason}",
        "bad_line": "--line takes GNUM or GNUM:QTY (e.g. 2 or 2:1.5), not {value!r}",
        "line_twice": "--line names goods line {gnum} twice",
        "bad_set": "--set takes ELEMENT=VALUE (e.g. trafName=CA1234), not {value!r}",
    },
}


def _t(lang: str, key: str, **params) -> str:
    return _TEXT["en" if lang == "en" else "zh"][key].format(**params)


def parse_lines(values: list[str] | None, lang: str) -> dict[int, str | None] | None:
    """``--line 2 --line 3:1.5`` -> {2: None, 3: "1.5"} (None: the whole line); no --line: None
    (every line). A malformed one is a usage error."""
    if not values:
        return None
    lines: dict[int, str | None] = {}
    for value in values:
        number, sep, qty = value.partition(":")
        try:
            gnum = int(number.strip())
        except ValueError:
            raise UsageError(_t(lang, "bad_line", value=value)) from None
        if gnum < 1 or (sep and not qty.strip()):
            raise UsageError(_t(lang, "bad_line", value=value))
        if gnum in lines:
            raise UsageError(_t(lang, "line_twice", gnum=gnum))
        lines[gnum] = qty.strip() or None
    return lines


def _parse_set(values: list[str] | None, lang: str) -> dict[str, str] | None:
    if not values:
        return None
    found = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise UsageError(_t(lang, "bad_set", value=value))
        found[name.strip()] = text
    return found


def _run(args: argparse.Namespace, lang: str, out: TextIO, act) -> int:
    """Check the options, open the signer, journal the document (``act``), send it."""
    workspace = workspace_from(args)
    exchange = exchange_from(args, workspace)  # options checked before anything is journaled
    workspace.require_profile()
    signer = signer_to_send(args, lang, workspace)
    try:
        try:
            document_id = act(workspace)
        except LifecycleError as exc:
            if args.json:
                emit_json({**exc.to_json(lang), "exit_code": EXIT_REJECTED}, out)
            else:
                print_findings(exc.findings, lang, sys.stderr)
                print(f"cebdesk: {_t(lang, 'refused', reason=exc.text(lang))}", file=sys.stderr)
            return EXIT_REJECTED
        with workspace.journal() as journal:
            row = journal.document(document_id)
        report = workspace.send(signer, exchange)
    finally:
        close(signer)
    doc_type = document_type_for(message_type(row.message_type))
    label = doc_type.display(lang) if doc_type is not None else row.message_type
    if args.json:
        emit_json(
            {
                "document": {
                    "id": document_id,
                    "type": row.message_type,
                    "key": row.business_key,
                    "invtNo": row.head.get("invtNo"),
                    "guid": row.guid,
                },
                "send": report.to_json(lang),
                "exit_code": report.exit_code,
            },
            out,
        )
    else:
        print(_t(lang, "journaled", label=label, id=document_id, invtNo=row.head.get("invtNo", "")), file=out)
        print_send(report, lang, out)
    return report.exit_code


def cmd_cancel(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    return _run(args, lang, out, lambda workspace: workspace.cancel(args.key, args.reason))


def cmd_refund(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    lines = parse_lines(args.line, lang)
    head = _parse_set(args.set, lang)
    return _run(args, lang, out, lambda workspace: workspace.refund(args.key, args.reason, lines, head=head))


__all__ = ["cmd_cancel", "cmd_refund", "parse_lines"]
