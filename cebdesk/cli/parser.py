"""The command line: every command, its options and their help."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from .. import __version__
from ..excel.xlsx import DEFAULT_LIMITS, ReadLimits
from ..messages.parts import DEFAULT_PART_LINES
from ..spec import DOCUMENT_TYPES
from .check import add_parsers as add_check_parsers
from .check import journal_check_options


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a positive whole number")
    return value


def reader_limit_options(p: argparse.ArgumentParser) -> None:
    """--max-… : how large a workbook may be before it is refused as a decompression bomb."""
    d = DEFAULT_LIMITS
    g = p.add_argument_group("workbook limits (a larger workbook is refused as a likely decompression bomb)")
    g.add_argument(
        "--max-rows",
        type=_positive,
        metavar="N",
        help=f"rows of one sheet, empty ones included (default {d.rows})",
    )
    g.add_argument(
        "--max-unpacked-mb",
        type=_positive,
        metavar="MB",
        help=f"the workbook's XML unpacked (default {d.unpacked_mb})",
    )
    g.add_argument("--max-strings", type=_positive, metavar="N", help=f"shared strings (default {d.strings})")
    g.add_argument(
        "--max-strings-mb",
        type=_positive,
        metavar="MB",
        help=f"shared strings' text (default {d.strings_mb})",
    )


def mapping_option(p: argparse.ArgumentParser) -> None:
    """--mapping FILE: the columns of another system's spreadsheet (header text = element name)."""
    p.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE",
        help="column mapping (TOML or JSON: [columns] \"header\" = \"element\") for a spreadsheet whose "
        "column names cebdesk does not know; remembered in the data folder for the same header",
    )


def reader_limits(args: argparse.Namespace) -> ReadLimits:
    d = DEFAULT_LIMITS
    return ReadLimits(
        unpacked_mb=getattr(args, "max_unpacked_mb", None) or d.unpacked_mb,
        rows=getattr(args, "max_rows", None) or d.rows,
        strings=getattr(args, "max_strings", None) or d.strings,
        strings_mb=getattr(args, "max_strings_mb", None) or d.strings_mb,
    )


def build_parser() -> argparse.ArgumentParser:
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
    parser.add_argument(
        "--journal",
        metavar="URL",
        help="a journal several seats share: postgresql://USER@HOST/DATABASE (the password from "
        "PGPASSWORD or ~/.pgpass, never in the URL; default: the profile's [journal] url, else the "
        "data folder's own)",
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
        final_pin_try(g)

    def part_lines_option(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--part-lines",
            type=int,
            default=DEFAULT_PART_LINES,
            metavar="N",
            help=f"export arrival, departure, waybill list, summary: lines a part carries before the "
            f"document is sent in numbered parts (msgCount/msgSeqNo; default {DEFAULT_PART_LINES})",
        )

    def final_pin_try(g) -> None:
        g.add_argument(
            "--final-pin-try",
            action="store_true",
            help="the token has ONE PIN try left (a wrong PIN locks it): use it anyway. Without this "
            "cebdesk refuses before asking for the PIN",
        )

    def output_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--json", action="store_true", help="machine-readable report on stdout")
        p.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS, help="message language")
        p.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--exchange-dir", type=Path, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        p.add_argument("--journal", metavar="URL", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    def client_option(p: argparse.ArgumentParser, what: str) -> None:
        p.add_argument(
            "--client",
            metavar="NAME",
            help=f"a broker's client from the profile's [clients.\"NAME\"]: {what}",
        )

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
    part_lines_option(p)
    p.add_argument("--sheet", help="read this sheet only")
    mapping_option(p)
    journal_check_options(p)
    p.add_argument(
        "--send", action="store_true", help="journal, sign and send instead of writing files to -o"
    )
    client_option(
        p,
        "the files are that client's (its defaults fill empty cells; a document naming another "
        "ebcCode refuses its file). Default: each document's client by its ebcCode",
    )
    reader_limit_options(p)
    signer_options(p)
    exchange_options(p)
    output_options(p)

    p = sub.add_parser("validate", help="structure and field rules of existing messages")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--profile", type=Path, help="enterprise profile (for --client)")
    client_option(p, "every document must name that client's ebcCode")
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
    part_lines_option(p)
    p.add_argument(
        "--modify",
        nargs="*",
        metavar="KEY",
        help="send re-imported changes as appType 2 (all, or these keys)",
    )
    p.add_argument(
        "--follow",
        action="store_true",
        help="keep running: send documents as they become ready (a signing station; several may"
        " share a journal on a server) until stopped (Ctrl-C, SIGTERM)",
    )
    p.add_argument("--interval", type=float, default=2.0, metavar="S", help="--follow: seconds between looks")
    signer_options(p)
    exchange_options(p)
    output_options(p)

    def follow_up_options(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--key",
            required=True,
            metavar="KEY",
            help="the inventory: invtNo, copNo, orderNo, or its number/enterprise code as status shows it",
        )
        p.add_argument("--reason", required=True, metavar="TEXT", help="why (撤单原因 / 退货原因), required")
        p.add_argument("--profile", type=Path)

    p = sub.add_parser(
        "cancel",
        help="cancel an import inventory (CEB623) or export list (CEB605) customs accepted, through the journal",
    )
    follow_up_options(p)
    signer_options(p)
    exchange_options(p)
    output_options(p)

    p = sub.add_parser(
        "refund",
        help="return request for an import inventory (CEB625) or export list (CEB213), through the journal",
    )
    follow_up_options(p)
    p.add_argument(
        "--line",
        action="append",
        metavar="GNUM[:QTY]",
        help="a goods line to return (its gnum), with the quantity (default: the whole line); "
        "no --line: every line",
    )
    p.add_argument(
        "--set",
        action="append",
        metavar="ELEMENT=VALUE",
        help="a head value the inventory does not have (export: trafName, voyageNo …)",
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
    p.add_argument("--direction", choices=("import", "export"), help="import or export documents only")
    p.add_argument("--key", help="business key: orderNo, logisticsNo, payTransactionId, invtNo, copNo…")
    p.add_argument("--status", help="returnStatus (800, 120, -621004…) or state (ready, sent)")
    p.add_argument("--since", help="updated on or after (YYYY-MM-DD)")
    p.add_argument("--until", help="updated on or before (YYYY-MM-DD)")
    p.add_argument(
        "--outcome",
        choices=("sent", "waiting", "refused", "released"),
        help="where documents stand, as the window's home page counts them: sent (on the days of"
        " --since/--until), waiting for receipts, refused and needing action, released",
    )
    p.add_argument("--history", action="store_true", help="every receipt of each document, oldest first")
    p.add_argument("--profile", type=Path, help="enterprise profile (for --client)")
    client_option(
        p,
        "that client's documents only: by ebcCode, payments by ebpCode, waybills by a logisticsNo "
        "the client's inventories name",
    )
    output_options(p)

    p = sub.add_parser(
        "watch", help="hot folder: Excel files dropped into DIR are converted, signed and sent"
    )
    p.add_argument("folder", type=Path, metavar="DIR")
    p.add_argument("--profile", type=Path)
    p.add_argument("--once", action="store_true", help="handle what is there now, then stop")
    p.add_argument("--interval", type=float, default=2.0, metavar="S")
    client_option(p, "every file dropped is that client's (default: each document's by its ebcCode)")
    reader_limit_options(p)
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

    p = sub.add_parser(
        "summary",
        help="the monthly summary of released export lists (汇总申报): deadline, preview, send",
    )
    p.add_argument("--month", required=True, metavar="YYYY-MM", help="the month the lists were released in")
    p.add_argument("--ebc", metavar="CODE", help="one e-commerce enterprise (ebcCode); default: all")
    client_option(p, "that client's summary (its ebcCode, as --ebc)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--due", action="store_true", help="the last day to declare (YYYY-MM-DD)")
    what.add_argument("--preview", action="store_true", help="the declarations the eight-same rule makes")
    what.add_argument("--send", action="store_true", help="declare them: CEB701 through the journal")
    what.add_argument(
        "--result",
        action="store_true",
        help="customs' summary results (CEB792) beside the preview's merge: the differences (exit 1 if any)",
    )
    p.add_argument("-o", "--output", type=Path, metavar="FILE.xlsx", help="--preview: also write it to Excel")
    p.add_argument("--profile", type=Path)
    signer_options(p)
    exchange_options(p)
    part_lines_option(p)
    output_options(p)

    p = sub.add_parser(
        "doctor",
        help="is this workspace ready to declare: profile, signer and certificate, folders, receipts, clock, journal",
    )
    p.add_argument("--profile", type=Path)
    signer_options(p)
    output_options(p)

    add_check_parsers(sub, output_options)  # check, import

    p = sub.add_parser("tokens", help="list PKCS#11 slots, tokens, keys and certificates")
    p.add_argument("--pkcs11-module", metavar="PATH")
    p.add_argument(
        "--login",
        action="store_true",
        help="log in to one token to list its private keys too (asks for the PIN)",
    )
    p.add_argument(
        "--token-label",
        metavar="LABEL",
        help="the token to log in to (needed when several are present; no other is logged in to)",
    )
    final_pin_try(p)
    output_options(p)
    return parser
