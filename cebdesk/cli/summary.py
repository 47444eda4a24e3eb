"""The monthly summary (汇总申报): ``cebdesk summary --month YYYY-MM --due | --preview | --send``."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..summary.deadline import MonthError, due_date
from .common import EXIT_OK, UsageError, emit_json, t


def cmd_summary(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    try:
        deadline = due_date(args.month)
    except MonthError as exc:
        raise UsageError(str(exc)) from None
    if args.due:
        if args.json:
            emit_json(deadline.to_json(lang), out)
        else:
            print(deadline.due.isoformat(), file=out)
            if deadline.warning(lang):
                print(f"cebdesk: {t(lang, 'warning')}: {deadline.warning(lang)}", file=sys.stderr)
        return EXIT_OK
    raise UsageError("summary: give --due, --preview or --send")
