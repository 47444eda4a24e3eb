"""``cebdesk doctor``: is this workspace ready to declare? Profile, signer and certificate,
exchange folders, receipts, clock, journal; each problem with what to do. No PIN is asked."""

from __future__ import annotations

import argparse
from typing import TextIO

from .common import emit_json, sending_options, workspace_from

MARKS = {"ok": "✓", "warning": "!", "error": "✗", "skipped": "-"}


def cmd_doctor(args: argparse.Namespace, lang: str, out: TextIO) -> int:

    workspace = workspace_from(args)
    result = workspace.readiness(sending_options(args, workspace))  # the signer sending would use
    if args.json:
        emit_json(result.to_json(lang), out)
        return result.exit_code
    for check in result.checks:
        print(f"{MARKS[check.level]} {check.text(lang)}", file=out)
        if check.fix(lang) and check.level != "ok":
            print(f"    → {check.fix(lang)}", file=out)
    errors = sum(c.level == "error" for c in result.checks)
    warnings = sum(c.level == "warning" for c in result.checks)
    if lang == "en":
        print(f"{errors} problem(s), {warnings} warning(s)" if errors or warnings else "ready to declare", file=out)
    else:
        print(f"{errors} 个问题，{warnings} 个提醒" if errors or warnings else "可以申报", file=out)
    return result.exit_code
