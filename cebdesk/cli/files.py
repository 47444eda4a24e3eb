"""Commands over files, no journal: template, convert -o, validate, sign, verify."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..spec import document_type
from .common import (
    EXIT_OK,
    EXIT_REJECTED,
    UsageError,
    close,
    emit_json,
    print_findings,
    progress_printer,
    signer_from,
    t,
)


def cmd_template(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from ..excel.template import write_template

    path = write_template(document_type(args.type), args.output)
    print(t(lang, "template", path=path), file=out)
    return EXIT_OK


def cmd_convert(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from ..pipeline import ConvertOptions
    from .check import checked_workspace
    from ..pipeline.workspace import Workspace

    if args.send:
        from .exchange import convert_and_send

        return convert_and_send(args, lang, out)
    if args.output is None:
        raise UsageError("convert needs -o DIR (or --send)")
    if not 1 <= args.per_message <= 100:
        raise UsageError("--per-message must be between 1 and 100")
    if args.part_lines < 1:
        raise UsageError("--part-lines must be 1 or more")
    workspace = Workspace(getattr(args, "data_dir", None), profile_path=args.profile)
    client = workspace.client(args.client)  # an unknown name: before a PIN is asked
    options = ConvertOptions(
        out_dir=args.output,
        doc_type=document_type(args.type) if args.type else None,
        profile=workspace.profile,
        client=client,
        signer=signer_from(args, lang),
        per_message=args.per_message,
        part_lines=args.part_lines,
        sheet=args.sheet,
    )
    progress = progress_printer(lang) if sys.stderr.isatty() and not args.json else None
    try:
        # with the checks against the journal (三单对碰, buyer limits) of the workspace the options name
        report = checked_workspace(args).convert(args.files, options, progress=progress)
    finally:
        close(options.signer)
    if progress:
        print(file=sys.stderr)
    if args.json:
        emit_json(report.to_json(lang), out)
        return report.exit_code
    print_findings(report.findings, lang, out)
    print(
        t(
            lang,
            "summary",
            files=report.files,
            documents=report.documents,
            converted=report.converted,
            rejected=report.rejected,
            messages=len(report.messages),
            out=args.output,
        ),
        file=out,
    )
    if report.cancelled:
        print(t(lang, "cancelled"), file=out)
    if report.stopped:
        print(t(lang, "stopped", reason=report.stopped, messages=len(report.messages)), file=out)
    return report.exit_code


def cmd_validate(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from ..pipeline import validate
    from ..pipeline.workspace import Workspace

    client = None
    if args.client is not None:
        client = Workspace(getattr(args, "data_dir", None), profile_path=args.profile).client(args.client)
    results = list(validate(args.files, client=client))
    if args.json:
        emit_json([r.to_json(lang) for r in results], out)
    else:
        for r in results:
            print_findings(r.findings, lang, out)
            if r.ok:
                part = t(lang, "part", seq=r.part[0], count=r.part[1]) if r.part else ""
                print(t(lang, "valid", path=r.path, message=r.message, documents=r.documents) + part, file=out)
            else:
                errors = sum(1 for f in r.findings if f.is_error)
                print(t(lang, "invalid", path=r.path, errors=errors), file=out)
    return EXIT_OK if all(r.ok for r in results) else EXIT_REJECTED


def cmd_sign(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from ..pipeline import sign_files

    signer = signer_from(args, lang)
    if signer is None:
        raise UsageError("sign needs a signer: --key-file, --token-label or --eport-control")
    try:
        report = sign_files(args.files, args.output, signer)
    finally:
        close(signer)
    if args.json:
        emit_json(report.to_json(lang), out)
        return report.exit_code
    print_findings(report.findings, lang, out)
    for m in report.signed:
        print(t(lang, "signed", source=m.source, target=m.path), file=out)
    if report.stopped:
        print(t(lang, "stopped", reason=report.stopped, messages=len(report.signed)), file=out)
    return report.exit_code


def cmd_verify(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from ..pipeline import verify_files

    results = list(verify_files(args.files))
    if args.json:
        emit_json([r.to_json(lang) for r in results], out)
    else:
        for r in results:
            print_findings(r.findings, lang, out)
            if r.valid:
                text = t(
                    lang, "sig_valid", path=r.path, algorithm=r.algorithm, signer=r.signer, key_name=r.key_name
                )
                print(text, file=out)
            elif not r.receipt:  # an unsigned receipt: its one finding says it all
                print(t(lang, "sig_invalid", path=r.path), file=out)
    return EXIT_OK if results and all(r.valid for r in results) else EXIT_REJECTED
