"""``cebdesk check`` (every check on files, nothing journaled or sent) and ``cebdesk import``
(journal files without sending; ``--reference``: someone else's declarations, kept for the
cross-document checks only), and the options of the checks against the journal that convert
takes too (``--strict``, ``--no-cross-checks``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from ..findings import Severity
from ..spec import DOCUMENT_TYPES, document_type
from .common import emit_json, print_findings, progress_printer, workspace_from

TEXTS = {
    "zh": {
        "checked": "检查 {files} 个文件，{documents} 个单证：通过 {passed}，有错误 {rejected}；"
        "另有 {notes} 条提示（未能核对的项目）",
        "imported": "已导入 {documents} 个单证：新增 {new}，未变 {same}，有改动 {changed}，有错误 {rejected}",
        "reference": "（仅供核对，不会发送）",
    },
    "en": {
        "checked": "checked {files} files, {documents} documents: {passed} pass, {rejected} with errors; "
        "{notes} notes (checks that could not run)",
        "imported": "imported {documents} documents: {new} new, {same} unchanged, {changed} changed, {rejected} "
        "with errors",
        "reference": " (for checking only, never sent)",
    },
}


def _t(lang: str, key: str, **params) -> str:
    return TEXTS["en" if lang == "en" else "zh"][key].format(**params)


def journal_check_options(p: argparse.ArgumentParser, *, skip: bool = True) -> None:
    """--strict (and, for experts, --no-cross-checks) of the checks against the journal."""
    g = p.add_argument_group("checks against the journal (三单对碰: order, payment, waybill; buyer limits)")
    g.add_argument(
        "--strict",
        action="store_true",
        default=None,
        help="a partner document (order, payment, waybill) missing from the journal is an error, not a note "
        "(default: the profile's [checks] strict)",
    )
    if skip:
        g.add_argument(
            "--no-cross-checks",
            action="store_true",
            help="experts: skip the cross-document checks and the buyer limits; customs makes them and "
            "refuses what does not agree",
        )


def checked_workspace(args: argparse.Namespace):
    """The workspace the options name, with --strict / --no-cross-checks applied."""
    workspace = workspace_from(args)
    apply_check_options(args, workspace)
    return workspace


def apply_check_options(args: argparse.Namespace, workspace) -> None:
    if getattr(args, "strict", None):
        workspace.strict = True
    if getattr(args, "no_cross_checks", False):
        workspace.journal_checks = False


def add_parsers(sub, output_options) -> None:
    from .parser import mapping_option

    types = [d.name for d in DOCUMENT_TYPES]
    p = sub.add_parser(
        "check",
        help="every check on files (fields, documents, 三单对碰 against the journal, buyer limits); "
        "nothing journaled, signed or sent; exit 1 on an error",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--type", choices=types, help="document type (default: detected from the header)")
    p.add_argument("--sheet", help="read this sheet only")
    mapping_option(p)
    p.add_argument("--profile", type=Path, help="enterprise profile ([defaults], [checks], [limits], [rates])")
    journal_check_options(p, skip=False)
    output_options(p)

    p = sub.add_parser(
        "import",
        help="journal files without sending (send later with cebdesk send); --reference: someone else's "
        "declarations, for the cross-document checks only",
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument(
        "--reference",
        action="store_true",
        help="the platform's orders, the payment company's payments, the logistics company's waybills: kept "
        "to check inventories against, never sent",
    )
    p.add_argument("--type", choices=types, help="document type (default: detected from the header)")
    p.add_argument("--sheet", help="read this sheet only")
    mapping_option(p)
    p.add_argument("--profile", type=Path)
    journal_check_options(p)
    output_options(p)


def cmd_check(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    workspace = checked_workspace(args)
    progress = progress_printer(lang) if sys.stderr.isatty() and not args.json else None
    report = workspace.check_files(
        args.files, doc_type=document_type(args.type) if args.type else None, sheet=args.sheet, progress=progress
    )
    if progress:
        print(file=sys.stderr)
    if args.json:
        emit_json(report.to_json(lang), out)
        return report.exit_code
    print_findings(report.findings, lang, out)
    notes = sum(1 for f in report.findings if f.severity is Severity.NOTE)
    print(
        _t(
            lang,
            "checked",
            files=report.files,
            documents=report.documents,
            passed=report.documents - report.rejected,
            rejected=report.rejected,
            notes=notes,
        ),
        file=out,
    )
    return report.exit_code


def cmd_import(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    workspace = checked_workspace(args)
    report = workspace.import_files(
        args.files,
        doc_type=document_type(args.type) if args.type else None,
        sheet=args.sheet,
        reference=args.reference,
    )
    if args.json:
        emit_json({**report.to_json(lang), "reference": args.reference}, out)
        return report.exit_code
    print_findings(report.findings, lang, out)
    text = _t(lang, "imported", **report.counts())
    print(text + (_t(lang, "reference") if args.reference else ""), file=out)
    return report.exit_code
