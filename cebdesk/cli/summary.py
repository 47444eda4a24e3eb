"""The monthly summary (汇总申报): ``cebdesk summary --month YYYY-MM --due | --preview | --send``."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from ..summary.classify import SummarySettingError
from ..summary.deadline import MonthError, due_date
from ..summary.declare import SummaryProfileError
from .common import (
    EXIT_OK,
    UsageError,
    close,
    emit_json,
    exchange_from,
    print_findings,
    signer_to_send,
    t,
    workspace_from,
)


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


def _print_declared(declared, lang: str, out: TextIO) -> None:
    en = lang == "en"
    if declared.refused:
        print("summary applications refused by the field rules: nothing journaled" if en
              else "汇总申请单不符合字段规则：未记入任何单证", file=out)  # fmt: skip
    for app in [] if declared.refused else declared.applications:
        h = app.head
        print(
            f"summary {h['copNo']}: ebcCode {h['ebcCode']}, agentCode {h['agentCode']}, customs {h['customsCode']},"
            f" {len(app.lines)} list(s)"
            if en
            else f"汇总申请单 {h['copNo']}：电商企业 {h['ebcCode']}，申报企业 {h['agentCode']}，"
            f"申报海关 {h['customsCode']}，清单 {len(app.lines)} 票",
            file=out,
        )
    preview = declared.preview
    for c in preview.refused:
        print(f"{'refused' if en else '不能汇总'} {c.invt_no}: {'; '.join(c.reason_texts(lang))}", file=out)
    if not declared.applications and not declared.waiting:
        print(
            f"{preview.month}: no list to declare in a summary; nothing sent"
            if en
            else f"{preview.month}：没有需要汇总申报的清单，未发送",
            file=out,
        )
    if declared.waiting > len(declared.applications) and not declared.refused:
        n = declared.waiting - len(declared.applications)
        print(
            f"{n} summary application(s) journaled earlier and not sent yet: sending them too"
            if en
            else f"此前已记入但尚未发送的汇总申请单 {n} 份：一并发送",
            file=out,
        )
    for note in preview.notes(lang):
        print(note, file=out)


def _print_result(result, lang: str, out: TextIO) -> None:
    en = lang == "en"
    if not result.summaries:
        print(
            f"{result.month}: no summary application names a list released in this month"
            if en
            else f"{result.month}：没有汇总申请单包含本月放行的清单",
            file=out,
        )
        return
    for check in result.summaries:
        h = check.head
        status = check.status_text(lang) or ("not answered yet" if en else "尚无回执")
        print(
            f"summary {h.get('copNo', '')} (ebcCode {h.get('ebcCode', '')}): {len(check.invt_nos)} list(s),"
            f" customs status {status}; {len(check.declarations)} summary result(s),"
            f" the preview expects {len(check.expected)} declaration(s)"
            if en
            else f"汇总申请单 {h.get('copNo', '')}（电商企业 {h.get('ebcCode', '')}）：清单 {len(check.invt_nos)} 票，"
            f"海关状态 {status}；汇总结果单 {len(check.declarations)} 份，预览为 {len(check.expected)} 份报关单",
            file=out,
        )
        for d in check.declarations:
            j = d.to_json()
            entry = j["entryId"] or ("(not yet)" if en else "（未生成）")
            print(
                f"  declSeqNo {j['declSeqNo']}: entryId {entry}, decState {j['decState']},"
                f" {len(j['invtNos'])} list(s), {j['items']} goods item(s)"
                if en
                else f"  汇总统一编号 {j['declSeqNo']}：报关单编号 {entry}，报关单状态 {j['decState']}，"
                f"清单 {len(j['invtNos'])} 票，商品项 {j['items']}",
                file=out,
            )
        if not check.declarations:
            print("  no summary result (CEB792) yet" if en else "  尚未收到汇总结果单（CEB792）", file=out)
        elif not check.differences:
            print("  as the preview merged them" if en else "  与预览的归并一致", file=out)
        for difference in check.differences:
            print(f"  {'difference' if en else '差异'}: {difference.text(lang)}", file=out)


def _send_summary(args: argparse.Namespace, lang: str, out: TextIO, workspace) -> int:
    """summary --send: journal the month's CEB701 applications, then sign and send through the
    journal like ``send`` (parts by --part-lines). Options, profile and signer are checked
    before anything is journaled."""
    workspace.require_profile()
    exchange = exchange_from(args, workspace)
    signer = signer_to_send(args, lang, workspace)
    try:
        try:
            declared, report = workspace.send_summary(args.month, signer, exchange, ebc=args.ebc)
        except (SummarySettingError, SummaryProfileError) as exc:
            raise UsageError(exc.text(lang)) from None
    finally:
        close(signer)
    if report is None:
        if args.json:
            emit_json(declared.to_json(lang), out)
        else:
            print_findings(declared.findings, lang, out)
            _print_declared(declared, lang, out)
        return declared.exit_code
    if args.json:
        emit_json({**declared.to_json(lang), "send": report.to_json(lang)}, out)
    else:
        from .exchange import print_send

        _print_declared(declared, lang, out)
        print_send(report, lang, out)
    return max(declared.exit_code, report.exit_code)


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
    workspace = workspace_from(args)
    client = workspace.client(getattr(args, "client", None))
    if client is not None:  # a broker's client: its summary is its ebcCode's
        if args.ebc and args.ebc != client.ebc_code:
            raise UsageError(f"--ebc {args.ebc} is not the ebcCode of client {client.name!r} ({client.ebc_code})")
        args.ebc = client.ebc_code
    if args.send:
        return _send_summary(args, lang, out, workspace)
    if args.result:
        compared = workspace.summary_result(args.month, ebc=args.ebc)
        if args.json:
            emit_json(compared.to_json(lang), out)
        else:
            _print_result(compared, lang, out)
        return compared.exit_code
    try:
        result = workspace.summary_preview(args.month, ebc=args.ebc)
    except SummarySettingError as exc:
        raise UsageError(exc.text(lang)) from None
    if args.output:
        from ..summary.preview import write_excel

        write_excel(result, args.output, lang)
    if args.json:
        emit_json(result.to_json(lang), out)
    else:
        _print_preview(result, lang, out)
    return result.exit_code
