"""The monthly summary (汇总申报): ``cebdesk summary --month YYYY-MM --due | --preview``."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..summary.classify import RateError
from ..summary.deadline import MonthError, due_date
from .common import EXIT_OK, UsageError, emit_json, t, workspace_from


def _print_preview(result, lang: str, out: TextIO) -> None:
    en = lang == "en"
    who = result.ebc or ("all enterprises" if en else "全部电商企业")
    print(
        f"{result.month} ({who}): {result.released} list(s) released, deadline {result.deadline.due}"
        if en
        else f"{result.month}（{who}）：放行清单 {result.released} 票，汇总申报截止日 {result.deadline.due}",
        file=out,
    )
    if result.excluded:
        names = {"summarised": ("已汇总", "summarised"), "pending": ("汇总待回执", "in a summary awaiting customs"),
                 "cancelled": ("已撤销", "cancelled")}  # fmt: skip
        print(
            ("not offered again: " if en else "不再汇总：")
            + ", ".join(f"{names[k][en]} {v}" for k, v in sorted(result.excluded.items())),
            file=out,
        )
    for number, d in enumerate(result.declarations, 1):
        head = " ".join(f"{k}={v or '-'}" for k, v in d.head.items())
        print(
            f"declaration {number}: {head}; {len(d.items)} goods item(s), {len(d.invt_nos)} list(s)"
            if en
            else f"报关单 {number}：{head}；商品项 {len(d.items)}，清单 {len(d.invt_nos)} 票",
            file=out,
        )
        for item in d.items.values():
            j = item.to_json()
            print(
                f"  {j['gseqno']:>2}. gcode {j['gcode']} country {j['country']} currency {j['currency']}:"
                f" qty {j['qty']}, qty1 {j['qty1']}, totalPrice {j['totalPrice']}",
                file=out,
            )
        print("  " + ("lists: " if en else "清单：") + ", ".join(d.invt_nos), file=out)
    if result.statistics:
        print(
            (f"summary statistics (A), not summarised: {len(result.statistics)} list(s): " if en
             else f"简化申报（A，汇总统计，不汇总）：{len(result.statistics)} 票：")
            + ", ".join(c.invt_no for c in result.statistics),
            file=out,
        )  # fmt: skip
    for c in result.refused:
        print(f"{'refused' if en else '不能汇总'} {c.invt_no}: {'; '.join(c.reason_texts(lang))}", file=out)
    for note in result.notes(lang):
        print(note, file=out)


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
    if args.send:
        raise UsageError("summary --send is not available yet: declare the summary from its Excel template")
    workspace = workspace_from(args)
    try:
        result = workspace.summary_preview(args.month, ebc=args.ebc)
    except RateError as exc:
        raise UsageError(exc.text(lang)) from None
    if args.output:
        from ..summary.preview import write_excel

        write_excel(result, args.output, lang)
    if args.json:
        emit_json(result.to_json(lang), out)
    else:
        _print_preview(result, lang, out)
    return result.exit_code
