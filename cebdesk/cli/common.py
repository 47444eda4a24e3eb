"""What every command of the headless face shares: texts in both languages, the signer from
the options, the workspace from the global options, and how a result is printed.

The face parses and renders; the work is done by the application layer
(:mod:`cebdesk.pipeline.workspace`) and the pipeline functions it calls.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from ..findings import Finding

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
PIN_ENV = "CEBDESK_PIN"

_TEXT = {
    "zh": {
        "summary": "{files} 个文件，{documents} 个单证：已转换 {converted}，拒绝 {rejected}；写出 {messages} 个报文到 {out}",
        "cancelled": "已取消：已写出的报文完整保留。",
        "template": "已写出模板 {path}",
        "valid": "{path}: {message}，{documents} 个单证，未发现错误",
        "part": "（第 {seq}/{count} 部分）",
        "part_receipt": "（第 {seq} 部分）",
        "invalid": "{path}: {errors} 个错误",
        "no_gui": "没有图形显示（DISPLAY 未设置），无法打开窗口。请使用命令行：cebdesk --help（无界面演示：make demo）",
        "pin": "密钥口令（{what}）：",
        "no_pin": f"需要密钥口令：请设置环境变量 {PIN_ENV}，或在终端中运行以输入",
        "warning": "注意",
        "stopped": "已停止：{reason}。已写出的 {messages} 个报文完整保留，其余未处理",
        "signed": "{source} -> {target}（已签名，已校验）",
        "sig_valid": "{path}: 签名有效（{algorithm}，KeyName {key_name}，{signer}）",
        "sig_invalid": "{path}: 签名无效",
        "no_tokens": "没有找到令牌（USB Key）",
        "exposed": "{path} 可被本机其他用户打开，其中有身份证号、电话和地址；请设为仅本人可用：chmod -R go-rwx {path}",
        "sent": "已发送 {name}（{count} 个单证）",
        "send_summary": "发送 {messages} 个报文，{documents} 个单证（其中续传 {resumed} 个报文）",
        "imported": "导入 {documents} 个单证：新增 {new}，未变 {same}，有改动 {changed}，拒绝 {rejected}",
        "receipts": "读入回执 {ingested} 个文件，放入 error/ {rejected} 个，涉及 {documents} 个单证",
        "receipt_rejected": "回执 {name} 无法读入：{reason}",
        "receipt_warning": "回执 {name}：{warning}",
        "receipt_waiting": "回执 {name} 暂不读入（{reason}），下次再读",
        "receipts_busy": "另一个 cebdesk 正在读入这个发件箱的回执，由它读入：{reason}",
        "receipt_flag_future": "回执时间晚于本机时钟一天以上，不决定状态",
        "receipt_flag_not-a-time": "回执时间无效，不决定状态",
        "status_count": "共 {count} 个单证",
        "simulating_http": "海关模拟器（HTTP）：{url}/cebmsg  回执：{url}/receipts",
        "simulating_folder": "海关模拟器（目录）：监视 {folder}",
        "simulated": "已处理 {count} 个报文",
        "status_header": "类型|编号|状态|回执|说明",
        "send_recovered": "其中 {rebuilt} 个报文的待发文件已丢失，按原 guid 重新签名后发送；{taken_over} 个从原发件箱移到当前发件箱后发送",
        "send_elsewhere": "另有 {count} 个报文由另一台电脑在移交时中断，须由那台电脑上的 cebdesk 发送完成",
        "watch_crashed": "无法处理此文件（{kind}: {detail}），已移到 failed/；其余文件照常处理",
        "os_error": "{what}。已写出的文件都是完整的，未完成的没有写出；排除问题后再运行一次即可继续",
        "journal_busy": "另一个 cebdesk 正在用同一个日志发送（{path}），请等它结束后再运行",
        "journal_error": "日志数据库出错：{detail}。已记录的内容不受影响；排除问题后再运行一次即可继续",
        "journal_retry": "日志数据库暂时无法使用：{detail}。稍后自动重试（已发送的都已记录）",
        "journal_back": "日志数据库已恢复，继续发送",
        "no_signer": "发送需要签名：请在企业档案的 [signer] 中设置，或给出 --key-file、--token-label 或 --eport-control",
        "sent_by": "发送：{who}",
        "follow_start": "正在发送日志 {journal} 中待发送的单证到 {to}；Ctrl-C 停止",
        "follow_stopped": "已停止（手上的报文已发完）",
    },
    "en": {
        "summary": "{files} file(s), {documents} document(s): {converted} converted, {rejected} rejected; "
        "{messages} message(s) written to {out}",
        "cancelled": "cancelled: the messages already written are complete.",
        "template": "template written to {path}",
        "valid": "{path}: {message}, {documents} document(s), no errors",
        "part": " (part {seq} of {count})",
        "part_receipt": " (part {seq})",
        "invalid": "{path}: {errors} error(s)",
        "no_gui": "No display (DISPLAY is not set): the window cannot open. Use the CLI: cebdesk --help "
        "(headless demo: make demo)",
        "pin": "Key password ({what}): ",
        "no_pin": f"a key password is needed: set {PIN_ENV} or run in a terminal to type it",
        "warning": "warning",
        "stopped": "stopped: {reason}. The {messages} message(s) already written are complete and kept; the rest was not processed",
        "signed": "{source} -> {target} (signed, verified)",
        "sig_valid": "{path}: valid signature ({algorithm}, KeyName {key_name}, {signer})",
        "sig_invalid": "{path}: signature NOT valid",
        "no_tokens": "no token found",
        "exposed": "{path} can be opened by other users of this computer and holds ID numbers, phone "
        "numbers and addresses; make it yours only: chmod -R go-rwx {path}",
        "sent": "sent {name} ({count} document(s))",
        "send_summary": "{messages} message(s), {documents} document(s) sent ({resumed} message(s) resumed)",
        "imported": "{documents} document(s) imported: {new} new, {same} unchanged, {changed} changed, {rejected} rejected",
        "receipts": "{ingested} receipt file(s) read, {rejected} moved to error/, {documents} document(s) updated",
        "receipt_rejected": "receipt {name} not read: {reason}",
        "receipt_warning": "receipt {name}: {warning}",
        "receipt_waiting": "receipt {name} left for the next reading ({reason})",
        "receipts_busy": "another cebdesk is reading this outbox's receipts and reads these too: {reason}",
        "receipt_flag_future": "returnTime more than a day ahead of the clock: decides no status",
        "receipt_flag_not-a-time": "returnTime not a valid time: decides no status",
        "status_count": "{count} document(s)",
        "simulating_http": "customs simulator (HTTP): {url}/cebmsg  receipts: {url}/receipts",
        "simulating_folder": "customs simulator (folders): watching {folder}",
        "simulated": "{count} message(s) handled",
        "status_header": "type|key|state|receipt|meaning",
        "send_recovered": "{rebuilt} message(s) whose staged file was gone were signed again with their guid and sent; "
        "{taken_over} were moved from the former outbox to this one and sent",
        "send_elsewhere": "{count} message(s) were being handed over by another computer when it stopped; "
        "cebdesk on that computer finishes them",
        "watch_crashed": "this file could not be handled ({kind}: {detail}); moved to failed/, the other files go on",
        "os_error": "{what}. Every file written is whole, nothing half-written; fix it and run again to go on",
        "journal_busy": "another cebdesk is sending with the same journal ({path}); wait for it to finish",
        "journal_error": "journal database error: {detail}. What was recorded is safe; fix it and run again to go on",
        "journal_retry": "the journal's database cannot be used now: {detail}. Trying again by itself "
        "(what was sent is recorded)",
        "journal_back": "the journal's database answers again; sending goes on",
        "no_signer": "sending declares: a signer is needed (the profile's [signer], or --key-file, --token-label or"
        " --eport-control)",
        "sent_by": "sent by {who}",
        "follow_start": "sending what becomes ready in the journal {journal} to {to}; Ctrl-C stops",
        "follow_stopped": "stopped (the message in hand was finished)",
    },
}


class UsageError(Exception):
    """The command cannot run as it was called (exit code 2)."""


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


def t(lang: str, key: str, **params) -> str:
    return _TEXT["en" if lang == "en" else "zh"][key].format(**params)


def os_error(exc: OSError, lang: str) -> str:
    zh, en = _OS_ERRORS.get(exc.errno, (f"系统错误：{exc.strerror or exc}", f"system error: {exc.strerror or exc}"))
    where = exc.filename or exc.filename2
    what = en if lang == "en" else zh
    if where:
        what += f" ({where})" if lang == "en" else f"（{where}）"
    return t(lang, "os_error", what=what)


def pin_provider(lang: str):
    """The PIN from CEBDESK_PIN, else one prompt on the terminal; asked for at most once."""

    def provide(what: str) -> str:
        if PIN_ENV in os.environ:
            return os.environ[PIN_ENV]
        if not sys.stdin.isatty():
            raise UsageError(t(lang, "no_pin"))
        return getpass.getpass(t(lang, "pin", what=what))

    return provide


def signer_options_from(args: argparse.Namespace):
    """The signer options the command line names (nothing opened, no PIN asked)."""
    from ..signing.select import SignerOptions

    return SignerOptions(
        key_file=args.key_file,
        cert=args.cert,
        pkcs11_module=args.pkcs11_module,
        token_label=args.token_label,
        key_label=args.key_label,
        key_id=args.key_id,
        sm2_mechanism=args.sm2_mechanism,
        eport_control=args.eport_control,
        algorithm=args.algorithm,
        final_pin_try=args.final_pin_try,
    )


def signer_from(args: argparse.Namespace, lang: str, options=None):
    """The signer the options name (None when they name none)."""
    from ..signing.select import open_signer

    options = options or signer_options_from(args)
    signer = open_signer(options, pin_provider(lang), warn=warner(lang))  # PIN warnings: before asking
    for warning in getattr(signer, "warnings", []):
        warner(lang)(warning)
    return signer


def sending_options(args: argparse.Namespace, workspace):
    """The signer of a command that sends: the command line's, else the profile's [signer] (as
    the window and ``doctor`` take it), the command line's algorithm and last-try choice kept."""
    import dataclasses

    from ..signing.select import SignerOptions

    options = signer_options_from(args)
    if options.wanted or workspace.profile is None or not workspace.profile.signer:
        return options
    profile = SignerOptions.from_settings(workspace.profile.signer)
    return dataclasses.replace(
        profile, algorithm=options.algorithm or profile.algorithm, final_pin_try=options.final_pin_try
    )


def signer_to_send(args: argparse.Namespace, lang: str, workspace):
    """The opened signer of a command that sends (see :func:`sending_options`); a usage error
    when neither the command line nor the profile names one."""
    signer = signer_from(args, lang, sending_options(args, workspace))
    if signer is None:
        raise UsageError(t(lang, "no_signer"))
    return signer


def warner(lang: str):
    """Prints a warning on stderr at once (before a PIN prompt that may follow)."""

    from ..signing.base import in_language

    def warn(text: str) -> None:
        print(f"cebdesk: {t(lang, 'warning')}: {in_language(text, lang)}", file=sys.stderr, flush=True)

    return warn


def close(signer) -> None:
    closing = getattr(signer, "close", None)
    if closing is not None:
        closing()


def workspace_from(args: argparse.Namespace):
    """The workspace the global options name: --data-dir, --exchange-dir, --profile, --journal."""
    from ..files import exposed
    from ..pipeline.workspace import Workspace

    workspace = Workspace(
        getattr(args, "data_dir", None),
        exchange_dir=getattr(args, "exchange_dir", None),
        profile_path=getattr(args, "profile", None),
        journal_url=getattr(args, "journal", None),
    )
    if exposed(workspace.data_dir):  # made by an older cebdesk or by hand: told, not changed
        lang = getattr(args, "lang", "zh")
        warner(lang)(t(lang, "exposed", path=workspace.data_dir))
    return workspace


def exchange_from(args: argparse.Namespace, workspace):
    """The profile's exchange settings with this run's options on top."""
    return workspace.exchange(
        http=getattr(args, "http", None),
        receipts_url=getattr(args, "receipts_url", None),
        dxp=getattr(args, "dxp", None),
        insecure=getattr(args, "insecure", False),
        per_message=getattr(args, "per_message", 100),
        part_lines=getattr(args, "part_lines", None),
    )


def emit_json(payload, out: TextIO) -> None:
    json.dump(payload, out, ensure_ascii=False, indent=2)
    print(file=out)


def print_findings(findings: list[Finding], lang: str, out: TextIO) -> None:
    for f in findings:
        print(f.render(lang), file=out)


def progress_printer(lang: str):
    """A one-line counter on the terminal while a large file converts."""
    word = "documents" if lang == "en" else "个单证"

    def show(file: str, done: int, _total: int = 0) -> None:
        print(f"\r{Path(file).name}: {done} {word}", end="", file=sys.stderr, flush=True)

    return show
