"""The headless face: ``cebdesk template | convert | validate``.

A thin shell: options become a config object, the pipeline does the work, one report decides
the exit code (0 all good, 1 something rejected or invalid, 2 the command could not run).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import TextIO

from . import __version__
from .findings import Finding, InputError
from .signing.base import SigningError
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
        "no_gui": "桌面窗口尚未包含在此版本中。请使用命令行：cebdesk --help（无界面演示：make demo）",
        "pin": "密钥口令（{key}）：",
        "no_pin": f"需要密钥口令：请设置环境变量 {PIN_ENV}，或在终端中运行以输入",
        "warning": "注意",
        "stopped": "已停止：{reason}。已写出的 {messages} 个报文完整保留，其余未处理",
        "signed": "{source} -> {target}（已签名，已校验）",
        "sig_valid": "{path}: 签名有效（{algorithm}，KeyName {key_name}，{signer}）",
        "sig_invalid": "{path}: 签名无效",
        "no_tokens": "没有找到令牌（USB Key）",
    },
    "en": {
        "summary": "{files} file(s), {documents} document(s): {converted} converted, {rejected} rejected; "
        "{messages} message(s) written to {out}",
        "cancelled": "cancelled: the messages already written are complete.",
        "template": "template written to {path}",
        "valid": "{path}: {message}, {documents} document(s), no errors",
        "invalid": "{path}: {errors} error(s)",
        "no_gui": "The desktop window is not part of this version yet. Use the CLI: cebdesk --help "
        "(headless demo: make demo)",
        "pin": "Key password ({key}): ",
        "no_pin": f"a key password is needed: set {PIN_ENV} or run in a terminal to type it",
        "warning": "warning",
        "stopped": "stopped: {reason}. The {messages} message(s) already written are complete and kept; the rest was not processed",
        "signed": "{source} -> {target} (signed, verified)",
        "sig_valid": "{path}: valid signature ({algorithm}, KeyName {key_name}, {signer})",
        "sig_invalid": "{path}: signature NOT valid",
        "no_tokens": "no token found",
    },
}


class UsageError(Exception):
    pass


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

    p = sub.add_parser("convert", help="Excel/XML -> CEBnnnMessage files")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="DIR")
    p.add_argument("--type", choices=types, help="document type (default: detected from the header)")
    p.add_argument("--profile", type=Path, help="enterprise profile (TOML: [transfer], [defaults])")
    p.add_argument(
        "--per-message", type=int, default=100, metavar="N", help="documents per message, 1-100 (default 100)"
    )
    p.add_argument("--sheet", help="read this sheet only")
    signer_options(p)
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

    if not 1 <= args.per_message <= 100:
        raise UsageError("--per-message must be between 1 and 100")
    options = ConvertOptions(
        out_dir=args.output,
        doc_type=document_type(args.type) if args.type else None,
        profile=find_profile(args.profile),
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
        json.dump(payload, out, ensure_ascii=False, indent=2)
        print(file=out)
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
        json.dump(payload, out, ensure_ascii=False, indent=2)
        print(file=out)
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
        json.dump(payload, out, ensure_ascii=False, indent=2)
        print(file=out)
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
        json.dump(payload, out, ensure_ascii=False, indent=2)
        print(file=out)
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
        json.dump(payload, out, ensure_ascii=False, indent=2)
        print(file=out)
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
        print(_t(lang, "no_gui"), file=sys.stderr)
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args, lang, out)
    except InputError as exc:
        _print_findings(exc.findings, lang, sys.stderr)
        return EXIT_REJECTED
    except (UsageError, SigningError) as exc:
        print(f"cebdesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # the current file's staged messages were discarded; earlier files' messages are whole
        print("\n" + _t(lang, "cancelled"), file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
