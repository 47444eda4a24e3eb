"""The headless face: ``cebdesk COMMAND …`` (``cebdesk`` alone opens the window).

A parser and renderers only: the options become calls on the application layer
(:mod:`cebdesk.pipeline.workspace`) or the file pipeline, and their typed results are printed
as text or JSON. Where things are:

- ``parser.py``   every command and option
- ``common.py``   texts (zh/en), the signer and the workspace from the options, printing
- ``files.py``    template, convert -o, validate, sign, verify
- ``exchange.py`` convert --send, send, receipts, status, watch, simulate
- ``keys.py``     tokens
- ``summary.py``  summary (the monthly summary declaration: deadline, preview, send)
- ``lifecycle.py`` cancel, refund (of an inventory customs accepted, through the journal)

Exit codes: 0 done, 1 something refused or invalid, 2 the command could not run.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

from ..clients import UnknownClient
from ..excel.mapping import Mappings, load_mapping, mappings_folder, use_mappings
from ..excel.xlsx import use_limits
from ..exchange.folders import OutboxBusy
from ..findings import InputError
from ..pipeline.workspace import WorkspaceError
from ..signing.base import SigningError
from ..store.database import first_line, is_database_error
from ..store.journal import JournalBusy
from .common import EXIT_REJECTED, EXIT_USAGE, UsageError, os_error, print_findings, t
from .exchange import cmd_receipts, cmd_send, cmd_simulate, cmd_status, cmd_watch
from .files import cmd_convert, cmd_sign, cmd_template, cmd_validate, cmd_verify
from .keys import cmd_tokens
from .check import cmd_check, cmd_import
from .lifecycle import cmd_cancel, cmd_refund
from .parser import build_parser, reader_limits
from .doctor import cmd_doctor
from .summary import cmd_summary


def _reading_workbooks(command):
    """A command that reads workbooks, under the limits of its --max-… options."""

    def run(args, lang: str, out: TextIO) -> int:
        try:
            mappings = _mappings(args)
        except InputError as exc:  # a --mapping file that cannot be used: nothing was read
            print_findings(exc.findings, lang, sys.stderr)
            return EXIT_USAGE
        with use_limits(reader_limits(args)), use_mappings(mappings):
            return command(args, lang, out)

    return run


def _mappings(args) -> Mappings:
    """The column mapping of --mapping, and those saved in the data folder (by header)."""
    from ..store.journal import default_data_dir

    explicit = load_mapping(args.mapping) if getattr(args, "mapping", None) else None
    return Mappings(explicit, mappings_folder(getattr(args, "data_dir", None) or default_data_dir()))


COMMANDS = {
    "send": cmd_send,
    "receipts": cmd_receipts,
    "status": cmd_status,
    "watch": _reading_workbooks(cmd_watch),
    "simulate": cmd_simulate,
    "template": cmd_template,
    "convert": _reading_workbooks(cmd_convert),
    "validate": cmd_validate,
    "sign": cmd_sign,
    "verify": cmd_verify,
    "tokens": cmd_tokens,
    "summary": cmd_summary,
    "doctor": cmd_doctor,
    "cancel": cmd_cancel,
    "refund": cmd_refund,
    "check": _reading_workbooks(cmd_check),
    "import": _reading_workbooks(cmd_import),
}


def needs_display(platform: str | None = None) -> bool:
    """Whether a window needs DISPLAY or WAYLAND_DISPLAY here: X11 and Wayland systems; Windows
    and macOS always have their own display."""
    return not (platform or sys.platform).startswith(("win32", "cygwin", "darwin"))


def _open_window(args, lang: str) -> int:
    headless = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))
    if needs_display() and headless:
        print(t(lang, "no_gui"), file=sys.stderr)
        return EXIT_USAGE
    from ..gui.app import main as gui_main

    return gui_main(data_dir=getattr(args, "data_dir", None), exchange_dir=getattr(args, "exchange_dir", None))


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    args = build_parser().parse_args(argv)
    lang = args.lang
    if args.command is None:
        return _open_window(args, lang)
    try:
        return COMMANDS[args.command](args, lang, out)
    except InputError as exc:
        print_findings(exc.findings, lang, sys.stderr)
        return EXIT_REJECTED
    except (UsageError, WorkspaceError, SigningError, OutboxBusy) as exc:
        print(f"cebdesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except JournalBusy as exc:
        print(f"cebdesk: {t(lang, 'journal_busy', path=exc.path)}", file=sys.stderr)
        return EXIT_USAGE
    except UnknownClient as exc:
        print(f"cebdesk: {exc.text(lang)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader went away (`cebdesk status | head -2`): nothing more to say to anyone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_USAGE
    except OSError as exc:
        print(f"cebdesk: {os_error(exc, lang)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:
        if not is_database_error(exc):  # SQLite's, or a shared journal's server
            raise
        print(f"cebdesk: {t(lang, 'journal_error', detail=first_line(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        # the current file's staged messages were discarded; earlier files' messages are whole
        print("\n" + t(lang, "cancelled"), file=sys.stderr)
        return 130


__all__ = ["COMMANDS", "main"]
