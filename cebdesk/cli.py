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
from .signing.base import Algorithm, SigningError
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
        g = p.add_argument_group("signer (password from CEBDESK_PIN or a prompt)")
        g.add_argument("--key-file", type=Path, help=".p12/.pfx or PEM private key")
        g.add_argument("--cert", type=Path, help="certificate (PEM) when the key file has none")
        g.add_argument(
            "--algorithm", default="rsa-sha1", choices=("rsa-sha1", "rsa-sha256"), help="default rsa-sha1"
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
    return parser


def _password(args: argparse.Namespace, lang: str) -> str | None:
    if PIN_ENV in os.environ:
        return os.environ[PIN_ENV]
    if args.key_file.suffix.lower() not in (".p12", ".pfx"):
        head = args.key_file.read_bytes()[:200] if args.key_file.is_file() else b""
        if b"ENCRYPTED" not in head:
            return None  # an unencrypted PEM key needs no password
    if not sys.stdin.isatty():
        raise UsageError(_t(lang, "no_pin"))
    return getpass.getpass(_t(lang, "pin", key=args.key_file.name))


def _signer(args: argparse.Namespace, lang: str):
    if args.key_file is None:
        if args.cert is not None:
            raise UsageError("--cert goes with --key-file")
        return None
    from .signing.keyfile import KeyFileSigner

    return KeyFileSigner(
        args.key_file,
        password=_password(args, lang),
        cert_file=args.cert,
        algorithm=Algorithm.from_short(args.algorithm),
    )


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
    report = convert(args.files, options, progress=progress)
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


COMMANDS = {"template": cmd_template, "convert": cmd_convert, "validate": cmd_validate}


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
