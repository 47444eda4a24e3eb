"""The headless face: ``cebdesk template | convert | validate``.

A thin shell: options become a config object, the pipeline does the work, one report decides
the exit code (0 all good, 1 something rejected or invalid, 2 the command could not run).
"""

from __future__ import annotations

import argparse
import errno
import getpass
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .exchange.folders import OutboxBusy
from .findings import Finding, InputError
from .signing.base import SigningError
from .store.journal import JournalBusy
from .spec import DOCUMENT_TYPES, document_type

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
PIN_ENV = "CEBDESK_PIN"

_TEXT = {
    "zh": {
        "summary": "{files} 个文件，{documents} 个单证：已转换 {converted}，拒绝 {rejected}；写出 {messages} 个报文到 {out}",
        "cancelled": "已取消：已写出的报文完整保留。",
        "template": "已写出模板 {path}",
        "valid": "{path}: {message}，{documents} 个单证，未发现错误",
        "invalid": "{path}: {errors} 个错误",
        "no_gui": "没有图形显示（DISPLAY 未设置），无法打开窗口。请使用命令行：cebdesk --help（无界面演示：make demo）",
        "pin": "密钥口令（{key}）：",
        "no_pin": f"需要密钥口令：请设置环境变量 {PIN_ENV}，或在终端中运行以输入",
        "warning": "注意",
        "stopped": "已停止：{reason}。已写出的 {messages} 个报文完整保留，其余未处理",
        "signed": "{source} -> {target}（已签名，已校验）",
        "sig_valid": "{path}: 签名有效（{algorithm}，KeyName {key_name}，{signer}）",
        "sig_invalid": "{path}: 签名无效",
        "no_tokens": "没有找到令牌（USB Key）",
        "sent": "已发送 {name}（{count} 个单证）",
        "send_summary": "发送 {messages} 个报文，{documents} 个单证（其中续传 {resumed} 个报文）",
        "imported": "导入 {documents} 个单证：新增 {new}，未变 {same}，有改动 {changed}，拒绝 {rejected}",
        "receipts": "读入回执 {ingested} 个文件，放入 error/ {rejected} 个，涉及 {documents} 个单证",
        "receipt_rejected": "回执 {name} 无法读入：{reason}",
        "status_count": "共 {count} 个单证",
        "simulating_http": "海关模拟器（HTTP）：{url}/cebmsg  回执：{url}/receipts",
        "simulating_folder": "海关模拟器（目录）：监视 {folder}",
        "simulated": "已处理 {count} 个报文",
        "send_recovered": "其中 {rebuilt} 个报文的待发文件已丢失，按原 guid 重新签名后发送；{taken_over} 个从原发件箱移到当前发件箱后发送",
        "watch_crashed": "无法处理此文件（{kind}: {detail}），已移到 failed/；其余文件照常处理",
        "os_error": "{what}。已写出的文件都是完整的，未完成的没有写出；排除问题后再运行一次即可继续",
        "journal_busy": "另一个 cebdesk 正在用同一个日志发送（{path}），请等它结束后再运行",
        "journal_error": "日志数据库出错：{detail}。已记录的内容不受影响；排除问题后再运行一次即可继续",
    },
    "en": {
        "summary": "{files} file(s), {documents} document(s): {converted} converted, {rejected} rejected; "
        "{messages} message(s) written to {out}",
        "cancelled": "cancelled: the messages already written are complete.",
        "template": "template written to {path}",
        "valid": "{path}: {message}, {documents} document(s), no errors",
        "invalid": "{path}: {errors} error(s)",
        "no_gui": "No display (DISPLAY is not set): the window cannot open. Use the CLI: cebdesk --help "
        "(headless demo: make demo)",
        "pin": "Key password ({key}): ",
        "no_pin": f"a key password is needed: set {PIN_ENV} or run in a terminal to type it",
        "warning": "warning",
        "stopped": "stopped: {reason}. The {messages} message(s) already written are complete and kept; the rest was not processed",
        "signed": "{source} -> {target} (signed, verified)",
        "sig_valid": "{path}: valid signature ({algorithm}, KeyName {key_name}, {signer})",
        "sig_invalid": "{path}: signature NOT valid",
        "no_tokens": "no token found",
        "sent": "sent {name} ({count} document(s))",
        "send_summary": "{messages} message(s), {documents} document(s) sent ({resumed} message(s) resumed)",
        "imported": "{documents} document(s) imported: {new} new, {same} unchanged, {changed} changed, {rejected} rejected",
        "receipts": "{ingested} receipt file(s) read, {rejected} moved to error/, {documents} document(s) updated",
        "receipt_rejected": "receipt {name} not read: {reason}",
        "status_count": "{count} document(s)",
        "simulating_http": "customs simulator (HTTP): {url}/cebmsg  receipts: {url}/receipts",
        "simulating_folder": "customs simulator (folders): watching {folder}",
        "simulated": "{count} message(s) handled",
        "send_recovered": "{rebuilt} message(s) whose staged file was gone were signed again with their guid and sent; "
        "{taken_over} were moved from the former outbox to this one and sent",
        "watch_crashed": "this file could not be handled ({kind}: {detail}); moved to failed/, the other files go on",
        "os_error": "{what}. Every file written is whole, nothing half-written; fix it and run again to go on",
        "journal_busy": "another cebdesk is sending with the same journal ({path}); wait for it to finish",
        "journal_error": "journal database error: {detail}. What was recorded is safe; fix it and run again to go on",
    },
}


class UsageError(Exception):
    pass


#: errno -> (Chinese, English): faults of the machine, said in one line
_OS_ERRORS = {
    errno.ENOSPC: ("磁盘已满", "disk full"),
    errno.EDQUOT: ("磁盘配额已满", "disk quota exceeded"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("没有权限", "operation not permitted"),
    errno.EROFS: ("只读文件系统，无法写入", "read-only file system"),
    errno.ENOENT: ("找不到文件或文件夹", "no such file or folder"),
    errno.ENOTDIR: ("不是文件夹", "not a folder"),
    errno.EISDIR: ("是文件夹，不是文件", "is a folder, not a file"),
    errno.EIO: ("输入/输出错误（磁盘或 U 盘故障？）", "input/output error (a failing disk or USB drive?)"),
}


def _os_error(exc: OSError, lang: str) -> str:
    zh, en = _OS_ERRORS.get(exc.errno, (f"系统错误：{exc.strerror or exc}", f"system error: {exc.strerror or exc}"))
    where = exc.filename or exc.filename2
    what = en if lang == "en" else zh
    if where:
        what += f" ({where})" if lang == "en" else f"（{where}）"
    return _t(lang, "os_error", what=what)


def _t(lang: str, key: str, **params) -> str:
    return _TEXT["en" if lang == "en" else "zh"][key].format(**params)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cebdesk", description="跨境电商统一版报文 (CEB) — Excel → 标准报文 → 签名"
    )
    parser.add_argument("--version", action="version", version=f"cebdesk {__version__}")
    parser.add_argument(
        "--lang",
        choices=("zh", "en"),
        default=os.environ.get("CEBDESK_LANG", "zh"),
        help="message language (default zh)",
    )
    parser.add_argument(
        "--data-dir", type=Path, help="journal and settings folder (default: the user's data folder)"
    )
    parser.add_argument(
        "--exchange-dir",
        type=Path,
        help="outbox root: send/ sent/ receive/ error/ (default: DATA-DIR/exchange)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    types = [d.name for d in DOCUMENT_TYPES]
    p = sub.add_parser("template", help="write a blank Excel template")
    p.add_argument("type", choices=types, metavar="TYPE", help=" ".join(types))
    p.add_argument("-o", "--output", required=True, type=Path, help="FILE.xlsx")

    def signer_options(p: argparse.ArgumentParser) -> None:
        g = p.add_argument_group("signer (PIN/password from CEBDESK_PIN or a prompt, never an argument)")
        g.add_argument("--key-file", type=Path, help=".p12/.pfx or PEM private key (RSA or SM2)")
        g.add_argument("--cert", type=Path, help="certificate (PEM) when the key file has none")
        g.add_argument(
            "--pkcs11-module", metavar="PATH", help="PKCS#11 module (default: common ones are tried)"
        )
        g.add_argument("--token-label", metavar="LABEL", help="PKCS#11 token (USB key, HSM)")
        g.add_argument("--key-label", metavar="L", help="private key on the token, by label")
        g.add_argument("--key-id", metavar="HEX", help="private key on the token, by id")
        g.add_argument(
            "--sm2-mechanism",
            metavar="0x…",
            type=lambda v: int(v, 0),
            help="the token's SM2-with-SM3 mechanism",
        )
        g.add_argument(
            "--eport-control",
            metavar="URL",
            nargs="?",
            const="ws://127.0.0.1:61232",
            help="E-Port card control (default ws://127.0.0.1:61232)",
        )
        g.add_argument(
            "--algorithm",
            choices=("rsa-sha1", "rsa-sha256", "sm2-sm3"),
            help="default: what the certificate's key signs with (RSA: rsa-sha1)",
        )

    def output_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="machine-readable report on stdout")
        p.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help="message language")
        p.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--exchange-dir", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    def exchange_options(p: argparse.ArgumentParser) -> None:
        g = p.add_argument_group("exchange (default: the profile's [exchange], else folder mode)")
        g.add_argument("--http", metavar="URL", help="POST messages to URL instead of the send/ folder")
        g.add_argument("--receipts-url", metavar="URL", help="download receipts from URL")
        g.add_argument("--dxp", action="store_true", default=None, help="wrap messages in a DxpMsg envelope")
        g.add_argument("--insecure", action="store_true", help="do not verify the server's TLS certificate")

    p = sub.add_parser("convert", help="Excel/XML -> CEBnnnMessage files")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument(
        "-o", "--output", type=Path, metavar="DIR", help="where message files go (not with --send)"
    )
    p.add_argument("--type", choices=types, help="document type (default: detected from the header)")
    p.add_argument("--profile", type=Path, help="enterprise profile (TOML: [transfer], [defaults])")
    p.add_argument(
        "--per-message", type=int, default=100, metavar="N", help="documents per message, 1-100 (default 100)"
    )
    p.add_argument("--sheet", help="read this sheet only")
    p.add_argument(
        "--send", action="store_true", help="journal, sign and send instead of writing files to -o"
    )
    signer_options(p)
    exchange_options(p)
    output_options(p)

    p = sub.add_parser("validate", help="structure and field rules of existing messages")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    output_options(p)

    p = sub.add_parser("sign", help="sign messages you already have (an old signature is replaced)")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE.xml")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    signer_options(p)
    output_options(p)

    p = sub.add_parser(
        "verify", help="check signatures and explain what is wrong (exit 0 only if all are valid)"
    )
    p.add_argument("files", nargs="+", type=Path, metavar="FILE.xml")
    output_options(p)

    p = sub.add_parser(
        "send", help="sign and send every document waiting in the journal (finishes interrupted batches)"
    )
    p.add_argument("--profile", type=Path)
    p.add_argument("--per-message", type=int, default=100, metavar="N")
    p.add_argument(
        "--modify",
        nargs="*",
        metavar="KEY",
        help="send re-imported changes as appType 2 (all, or these keys)",
    )
    signer_options(p)
    exchange_options(p)
    output_options(p)

    p = sub.add_parser(
        "receipts", help="read receipts into the journal (receive/ folder, or download with --receipts-url)"
    )
    p.add_argument("--profile", type=Path)
    p.add_argument("--watch", action="store_true", help="keep reading as receipts arrive")
    p.add_argument("--interval", type=float, default=2.0, metavar="S")
    exchange_options(p)
    output_options(p)

    p = sub.add_parser("status", help="query the journal")
    p.add_argument("--type", choices=types)
    p.add_argument("--key", help="business key: orderNo, logisticsNo, payTransactionId, invtNo, copNo…")
    p.add_argument("--status", help="returnStatus (800, 120, -621004…) or state (ready, sent)")
    p.add_argument("--since", help="updated on or after (YYYY-MM-DD)")
    p.add_argument("--until", help="updated before (YYYY-MM-DD)")
    p.add_argument("--history", action="store_true", help="every receipt of each document, oldest first")
    output_options(p)

    p = sub.add_parser(
        "watch", help="hot folder: Excel files dropped into DIR are converted, signed and sent"
    )
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("--profile", type=Path)
    p.add_argument("--once", action="store_true", help="handle what is there now, then stop")
    p.add_argument("--interval", type=float, default=2.0, metavar="S")
    signer_options(p)
    exchange_options(p)
    output_options(p)

    p = sub.add_parser(
        "simulate", help="a local stand-in for customs (folder mode, or --http 127.0.0.1:PORT)"
    )
    p.add_argument("--http", metavar="HOST:PORT", help="serve HTTP on this loopback address")
    p.add_argument("--once", action="store_true", help="folder mode: take what is waiting, answer, stop")
    p.add_argument("--interval", type=float, default=1.0, metavar="S")
    p.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="F",
        help="HTTP: 500, reset, drop or stall:S, one per request, in order",
    )
    output_options(p)

    p = sub.add_parser("tokens", help="list PKCS#11 slots, tokens, keys and certificates")
    p.add_argument("--pkcs11-module", metavar="PATH")
    p.add_argument("--login", action="store_true", help="log in to list private keys too (asks for the PIN)")
    output_options(p)
    return parser


def _pin_provider(lang: str):
    """The PIN from CEBDESK_PIN, else one prompt on the terminal; asked for at most once."""

    def provide(what: str) -> str:
        if PIN_ENV in os.environ:
            return os.environ[PIN_ENV]
        if not sys.stdin.isatty():
            raise UsageError(_t(lang, "no_pin"))
        return getpass.getpass(_t(lang, "pin", key=what))

    return provide


def _signer(args: argparse.Namespace, lang: str):
    from .signing.select import SignerOptions, open_signer

    options = SignerOptions(
        key_file=args.key_file,
        cert=args.cert,
        pkcs11_module=args.pkcs11_module,
        token_label=args.token_label,
        key_label=args.key_label,
        key_id=args.key_id,
        sm2_mechanism=args.sm2_mechanism,
        eport_control=args.eport_control,
        algorithm=args.algorithm,
    )
    signer = open_signer(options, _pin_provider(lang))
    for warning in getattr(signer, "warnings", []):
        print(f"cebdesk: {_t(lang, 'warning')}: {warning}", file=sys.stderr)
    return signer


def _close(signer) -> None:
    close = getattr(signer, "close", None)
    if close is not None:
        close()


def _progress_printer(lang: str):
    """A one-line counter on the terminal while a large file converts."""
    word = "documents" if lang == "en" else "个单证"

    def show(file: str, done: int) -> None:
        print(f"\r{Path(file).name}: {done} {word}", end="", file=sys.stderr, flush=True)

    return show


def _emit_json(payload, out: TextIO) -> None:
    json.dump(payload, out, ensure_ascii=False, indent=2)
    print(file=out)


def _print_findings(findings: list[Finding], lang: str, out: TextIO) -> None:
    for f in findings:
        print(f.render(lang), file=out)


def cmd_template(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from .excel.template import write_template

    path = write_template(document_type(args.type), args.output)
    print(_t(lang, "template", path=path), file=out)
    return EXIT_OK


def cmd_convert(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from .pipeline import ConvertOptions, convert
    from .settings import find_profile

    if args.send:
        return _convert_and_send(args, lang, out)
    if args.output is None:
        raise UsageError("convert needs -o DIR (or --send)")
    if not 1 <= args.per_message <= 100:
        raise UsageError("--per-message must be between 1 and 100")
    options = ConvertOptions(
        out_dir=args.output,
        doc_type=document_type(args.type) if args.type else None,
        profile=find_profile(args.profile, getattr(args, "data_dir", None)),
        signer=_signer(args, lang),
        per_message=args.per_message,
        sheet=args.sheet,
    )
    progress = _progress_printer(lang) if sys.stderr.isatty() and not args.json else None
    try:
        report = convert(args.files, options, progress=progress)
    finally:
        _close(options.signer)
    if progress:
        print(file=sys.stderr)
    if args.json:
        payload = {
            "files": report.files,
            "documents": report.documents,
            "converted": report.converted,
            "rejected": report.rejected,
            "rows": report.rows,
            "cancelled": report.cancelled,
            "stopped": report.stopped,
            "messages": [
                {
                    "file": str(m.path),
                    "type": m.message,
                    "guid": m.guid,
                    "documents": m.documents,
                    "signed": m.signed,
                    "source": m.source,
                }
                for m in report.messages
            ],
            "findings": [f.to_json(lang) for f in report.findings],
            "exit_code": report.exit_code,
        }
        _emit_json(payload, out)
    else:
        _print_findings(report.findings, lang, out)
        print(
            _t(
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
            print(_t(lang, "cancelled"), file=out)
        if report.stopped:
            print(_t(lang, "stopped", reason=report.stopped, messages=len(report.messages)), file=out)
    return report.exit_code


def cmd_validate(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from .pipeline import validate

    results = list(validate(args.files))
    if args.json:
        payload = [
            {
                "file": r.path,
                "type": r.message,
                "documents": r.documents,
                "valid": r.ok,
                "findings": [f.to_json(lang) for f in r.findings],
            }
            for r in results
        ]
        _emit_json(payload, out)
    else:
        for r in results:
            _print_findings(r.findings, lang, out)
            if r.ok:
                print(_t(lang, "valid", path=r.path, message=r.message, documents=r.documents), file=out)
            else:
                print(
                    _t(lang, "invalid", path=r.path, errors=sum(1 for f in r.findings if f.is_error)),
                    file=out,
                )
    return EXIT_OK if all(r.ok for r in results) else EXIT_REJECTED


def cmd_sign(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from .pipeline import sign_files

    signer = _signer(args, lang)
    if signer is None:
        raise UsageError("sign needs a signer: --key-file, --token-label or --eport-control")
    try:
        report = sign_files(args.files, args.output, signer)
    finally:
        _close(signer)
    if args.json:
        payload = {
            "files": report.files,
            "signed": [
                {"file": str(m.path), "source": m.source, "type": m.message, "guid": m.guid}
                for m in report.signed
            ],
            "findings": [f.to_json(lang) for f in report.findings],
            "stopped": report.stopped,
            "exit_code": report.exit_code,
        }
        _emit_json(payload, out)
    else:
        _print_findings(report.findings, lang, out)
        for m in report.signed:
            print(_t(lang, "signed", source=m.source, target=m.path), file=out)
        if report.stopped:
            print(_t(lang, "stopped", reason=report.stopped, messages=len(report.signed)), file=out)
    return report.exit_code


def cmd_verify(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from .pipeline import verify_files

    results = list(verify_files(args.files))
    if args.json:
        payload = [
            {
                "file": r.path,
                "type": r.message,
                "valid": r.valid,
                "algorithm": r.algorithm,
                "signer": r.signer,
                "key_name": r.key_name,
                "findings": [f.to_json(lang) for f in r.findings],
            }
            for r in results
        ]
        _emit_json(payload, out)
    else:
        for r in results:
            _print_findings(r.findings, lang, out)
            if r.valid:
                print(
                    _t(
                        lang,
                        "sig_valid",
                        path=r.path,
                        algorithm=r.algorithm,
                        signer=r.signer,
                        key_name=r.key_name,
                    ),
                    file=out,
                )
            else:
                print(_t(lang, "sig_invalid", path=r.path), file=out)
    return EXIT_OK if results and all(r.valid for r in results) else EXIT_REJECTED


def _data_dir(args: argparse.Namespace) -> Path:
    from .store import default_data_dir

    return Path(getattr(args, "data_dir", None) or default_data_dir())


def _outbox(args: argparse.Namespace, profile=None):
    """--exchange-dir, else the profile's [exchange] folder, else DATA-DIR/exchange."""
    from .exchange.folders import Outbox

    configured = profile.exchange.folder if profile is not None and profile.exchange.folder else None
    return Outbox(getattr(args, "exchange_dir", None) or configured or _data_dir(args) / "exchange")


def _journal(args: argparse.Namespace):
    from .store import Journal

    return Journal.in_dir(_data_dir(args))


def _channel(args: argparse.Namespace, profile):
    from .exchange.http import HttpChannel

    settings = profile.exchange if profile else None
    url = args.http or (settings.url if settings and settings.mode == "http" else None)
    receipts = getattr(args, "receipts_url", None) or (settings.receipts_url if settings else None)
    verify = not args.insecure and (settings.verify_tls if settings else True)
    if url or receipts:
        return HttpChannel(url or "", receipts, verify=verify)
    return None


def _send(args, lang: str, out: TextIO, journal, profile, signer) -> int:
    from .pipeline.journaled import SendOptions, send_pending

    if signer is None:
        raise UsageError(
            "sending declares: a signer is needed (--key-file, --token-label or --eport-control)"
        )
    if profile is None:
        raise UsageError("sending needs the enterprise profile (--profile)")
    channel = _channel(args, profile)
    if channel is not None and not channel.url:
        channel = None  # receipts URL only: messages still go to the folder
    dxp = args.dxp if args.dxp is not None else profile.exchange.dxp
    options = SendOptions(
        _outbox(args, profile),
        signer,
        profile.base_transfer(),
        channel,
        getattr(args, "per_message", 100),
        dxp,
    )
    report = send_pending(journal, options)
    if args.json:
        payload = {
            "messages": [{"file": n, "type": t, "documents": d} for n, t, d in report.messages],
            "documents": report.documents,
            "resumed": report.resumed,
            "rebuilt": report.rebuilt,
            "taken_over": report.taken_over,
            "stopped": report.stopped,
            "exit_code": report.exit_code,
        }
        _emit_json(payload, out)
    else:
        for name, _code, count in report.messages:
            print(_t(lang, "sent", name=name, count=count), file=out)
        print(
            _t(
                lang,
                "send_summary",
                messages=len(report.messages),
                documents=report.documents,
                resumed=report.resumed,
            ),
            file=out,
        )
        if report.rebuilt or report.taken_over:
            print(_t(lang, "send_recovered", rebuilt=report.rebuilt, taken_over=report.taken_over), file=out)
        if report.stopped:
            print(_t(lang, "stopped", reason=report.stopped, messages=len(report.messages)), file=out)
    return report.exit_code


def cmd_send(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from .settings import find_profile

    profile = find_profile(args.profile, getattr(args, "data_dir", None))
    with _journal(args) as journal:
        if args.modify is not None:
            wanted = set(args.modify)
            with journal.transaction():
                for row in journal.documents():
                    if not wanted or row.business_key in wanted:
                        journal.promote_modification(row.id)
        signer = _signer(args, lang)
        try:
            return _send(args, lang, out, journal, profile, signer)
        finally:
            _close(signer)


def _convert_and_send(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from .pipeline.journaled import import_files
    from .settings import find_profile

    profile = find_profile(args.profile, getattr(args, "data_dir", None))
    with _journal(args) as journal:
        report = import_files(
            args.files,
            journal,
            doc_type=document_type(args.type) if args.type else None,
            profile=profile,
            sheet=args.sheet,
        )
        if not args.json:
            _print_findings(report.findings, lang, out)
            print(
                _t(
                    lang,
                    "imported",
                    documents=report.documents,
                    new=report.new,
                    same=report.same,
                    changed=report.changed,
                    rejected=report.rejected,
                ),
                file=out,
            )
        signer = _signer(args, lang)
        try:
            code = _send(args, lang, out, journal, profile, signer)
        finally:
            _close(signer)
    rejected = 1 if report.rejected or report.errors else 0
    return max(code, rejected)


def cmd_receipts(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    import time

    from .exchange.receipts import ingest
    from .settings import find_profile

    profile = find_profile(args.profile, getattr(args, "data_dir", None))
    channel = _channel(args, profile)
    outbox = _outbox(args, profile)
    with _journal(args) as journal:
        while True:
            if channel is not None:
                channel.download_receipts(outbox.receive)
            report = ingest(journal, outbox)
            if args.json:
                payload = {
                    "files": report.files,
                    "ingested": report.ingested,
                    "duplicates": report.duplicates,
                    "rejected": [{"file": n, "reason": r} for n, r in report.rejected],
                    "documents": len(report.documents),
                }
                json.dump(payload, out, ensure_ascii=False)
                print(file=out)
            else:
                for name, reason in report.rejected:
                    print(_t(lang, "receipt_rejected", name=name, reason=reason), file=out)
                print(
                    _t(
                        lang,
                        "receipts",
                        ingested=len(report.ingested),
                        rejected=len(report.rejected),
                        documents=len(report.documents),
                    ),
                    file=out,
                )
            if not args.watch:
                return EXIT_REJECTED if report.rejected else EXIT_OK
            time.sleep(args.interval)


def cmd_status(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from .spec.receipts import explain_status

    code = document_type(args.type).message.code if args.type else None
    with _journal(args) as journal:
        found = journal.search(message_type=code, key=args.key, status=args.status, since=args.since)
        items = []
        for r in found:
            if args.until and r["updated"][:10] >= args.until:
                continue  # "before", as the option says
            meaning, family = explain_status(r["customs_status"])
            items.append(
                {
                    "id": r["id"],
                    "type": r["message_type"],
                    "key": r["business_key"],
                    "appType": r["app_type"],
                    "state": r["state"],
                    "returnStatus": r["customs_status"],
                    "meaning": meaning,
                    "family": family.value,
                    "returnInfo": r["customs_info"],
                    "returnTime": r["customs_time"],
                    "updated": r["updated"],
                }
            )
        if args.history:
            for item in items:
                item["receipts"] = [
                    {
                        "returnStatus": r["return_status"],
                        "meaning": explain_status(r["return_status"])[0],
                        "returnInfo": r["return_info"],
                        "returnTime": r["return_time"],
                        "file": r["file_name"],
                    }
                    for r in journal.receipts_for(item["id"])
                ]
    if args.json:
        _emit_json(items, out)
        return EXIT_OK
    print(f"{'类型':<14}{'编号':<24}{'状态':<8}{'回执':<8}{'说明'}", file=out)
    for i in items:
        print(
            f"{i['type'][:14]:<14}{i['key'][:24]:<24}{i['state']:<8}{(i['returnStatus'] or '-'):<8}{i['meaning']} {i['returnInfo'] or ''}",
            file=out,
        )
        for r in i.get("receipts", []):
            print(
                f"    {r['returnTime'] or '':<18}{r['returnStatus'] or '':<9}{r['meaning']} {r['returnInfo'] or ''}",
                file=out,
            )
    print(_t(lang, "status_count", count=len(items)), file=out)
    return EXIT_OK


def cmd_watch(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    import time

    from .pipeline.journaled import SendOptions, import_files, send_pending
    from .settings import find_profile

    profile = find_profile(args.profile, getattr(args, "data_dir", None))
    if profile is None:
        raise UsageError("watch needs the enterprise profile (--profile)")
    folder = args.folder
    done, failed = folder / "done", folder / "failed"
    for d in (done, failed):
        d.mkdir(parents=True, exist_ok=True)
    signer = _signer(args, lang)
    if signer is None:
        raise UsageError("watch signs and sends: a signer is needed")
    try:
        with _journal(args) as journal:
            seen: dict[Path, int] = {}
            failures = 0
            while True:
                candidates = sorted(
                    p
                    for p in folder.iterdir()
                    if p.suffix.lower() in (".xlsx", ".xml") and not p.name.startswith((".", "~"))
                )
                # a file still being copied in grows between two looks: wait until it stops
                sizes = {p: p.stat().st_size for p in candidates}
                ready = candidates if args.once else [p for p in candidates if seen.get(p) == sizes[p]]
                seen = sizes
                for path in ready:
                    try:
                        report = import_files([path], journal, profile=profile)
                    except (OSError, sqlite3.DatabaseError):
                        raise  # the machine's fault, not the file's: it stays for the next run
                    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the folder
                        failures += 1
                        _set_aside(path, failed, [_t(lang, "watch_crashed", kind=type(exc).__name__, detail=exc)])
                        print(f"{path.name}: " + _t(lang, "watch_crashed", kind=type(exc).__name__, detail=exc), file=out)
                        continue
                    channel = _channel(args, profile)
                    sent = send_pending(
                        journal,
                        SendOptions(
                            _outbox(args, profile),
                            signer,
                            profile.base_transfer(),
                            channel if channel and channel.url else None,
                            100,
                            args.dxp if args.dxp is not None else profile.exchange.dxp,
                        ),
                    )
                    bad = report.rejected or report.errors
                    lines = [f.render(lang) for f in report.findings]
                    lines.append(
                        _t(
                            lang,
                            "imported",
                            documents=report.documents,
                            new=report.new,
                            same=report.same,
                            changed=report.changed,
                            rejected=report.rejected,
                        )
                    )
                    lines += [_t(lang, "sent", name=n, count=c) for n, _, c in sent.messages]
                    if sent.stopped:
                        lines.append(_t(lang, "stopped", reason=sent.stopped, messages=len(sent.messages)))
                    failures += 1 if bad else 0
                    _set_aside(path, failed if bad else done, lines)
                    print(f"{path.name}: " + lines[-1], file=out)
                if args.once:
                    return EXIT_REJECTED if failures else EXIT_OK
                time.sleep(args.interval)
    finally:
        _close(signer)


def _set_aside(path: Path, folder: Path, lines: list[str]) -> None:
    """Move a hot-folder file to done/ or failed/, with what happened beside it."""
    from .files import atomic_write

    target = folder / path.name
    os.replace(path, target)
    atomic_write(target.with_name(target.name + ".result.txt"), ("\n".join(lines) + "\n").encode("utf-8"))


def cmd_simulate(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    import time

    from .exchange.simulator import Customs, Faults, run_folder, serve_http

    outbox = _outbox(args)
    customs = Customs(outbox.root / ".customs")
    if args.http:
        host, _, port = args.http.rpartition(":")
        server = serve_http(host or "127.0.0.1", int(port), customs, Faults(args.fault))
        print(_t(lang, "simulating_http", url=server.url), file=out, flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            server.shutdown()
            return EXIT_OK
    print(_t(lang, "simulating_folder", folder=outbox.send), file=out, flush=True)
    while True:
        taken = run_folder(outbox, customs)
        if taken:
            print(_t(lang, "simulated", count=taken), file=out, flush=True)
        if args.once:
            return EXIT_OK
        time.sleep(args.interval)


def cmd_tokens(args: argparse.Namespace, lang: str, out: TextIO) -> int:
    from .signing.pkcs11 import list_tokens

    module, tokens = list_tokens(args.pkcs11_module, _pin_provider(lang) if args.login else None)
    if args.json:
        payload = {
            "module": module,
            "tokens": [
                {
                    "slot": t.slot,
                    "label": t.label,
                    "manufacturer": t.manufacturer,
                    "model": t.model,
                    "serial": t.serial,
                    "flags": t.flags,
                    "certificates": [
                        {
                            "label": c.label,
                            "id": c.id,
                            "subject": c.subject,
                            "serial": c.serial,
                            "not_before": c.not_before.isoformat() if c.not_before else None,
                            "not_after": c.not_after.isoformat() if c.not_after else None,
                            "algorithm": c.algorithm,
                        }
                        for c in t.certificates
                    ],
                    "private_keys": [{"label": label, "id": key_id} for label, key_id in t.private_keys],
                }
                for t in tokens
            ],
        }
        _emit_json(payload, out)
        return EXIT_OK
    print(f"PKCS#11: {module}", file=out)
    for t in tokens:
        print(
            f"slot {t.slot}: {t.label} ({t.manufacturer} {t.model}, serial {t.serial}) [{', '.join(t.flags)}]",
            file=out,
        )
        for c in t.certificates:
            until = f"{c.not_after:%Y-%m-%d}" if c.not_after else "?"
            print(
                f"  cert  label={c.label} id={c.id} serial={c.serial} {c.algorithm} until {until}  {c.subject}",
                file=out,
            )
        for label, key_id in t.private_keys:
            print(f"  key   label={label} id={key_id}", file=out)
    if not tokens:
        print(_t(lang, "no_tokens"), file=out)
    return EXIT_OK


COMMANDS = {
    "send": cmd_send,
    "receipts": cmd_receipts,
    "status": cmd_status,
    "watch": cmd_watch,
    "simulate": cmd_simulate,
    "template": cmd_template,
    "convert": cmd_convert,
    "validate": cmd_validate,
    "sign": cmd_sign,
    "verify": cmd_verify,
    "tokens": cmd_tokens,
}


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = _parser().parse_args(argv)
    lang = args.lang
    if args.command is None:
        if not (
            os.environ.get("DISPLAY")
            or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM")
        ):
            print(_t(lang, "no_gui"), file=sys.stderr)
            return EXIT_USAGE
        from .gui.app import main as gui_main

        return gui_main(
            data_dir=getattr(args, "data_dir", None), exchange_dir=getattr(args, "exchange_dir", None)
        )
    try:
        return COMMANDS[args.command](args, lang, out)
    except InputError as exc:
        _print_findings(exc.findings, lang, sys.stderr)
        return EXIT_REJECTED
    except (UsageError, SigningError, OutboxBusy) as exc:
        print(f"cebdesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except JournalBusy as exc:
        print(f"cebdesk: {_t(lang, 'journal_busy', path=exc.path)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader went away (`cebdesk status | head -2`): nothing more to say to anyone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_USAGE
    except OSError as exc:
        print(f"cebdesk: {_os_error(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    except sqlite3.DatabaseError as exc:
        print(f"cebdesk: {_t(lang, 'journal_error', detail=exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # the current file's staged messages were discarded; earlier files' messages are whole
        print("\n" + _t(lang, "cancelled"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
