"""Cross-document checks benchmark: importing N import inventories into a journal that holds
their orders, payments and waybills (3N partner documents), with and without the checks
against the journal (三单对碰 and the buyer limits). Prints JSON; the checks should add at most
20% to the import time.

    python benchmarks/cross.py [--inventories N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def child(data: str, inventories: str, checks: str) -> None:
    """One import, timed: prints [seconds, new, rejected, errors, seconds in the checks]."""
    from cebdesk.pipeline.checking import JournalChecks
    from cebdesk.pipeline.workspace import Workspace

    spent = [0.0]

    def timed(method):
        def run(*args):
            start = time.perf_counter()
            try:
                return method(*args)
            finally:
                spent[0] += time.perf_counter() - start

        return run

    # the checks' own time (their lookups and comparisons), apart from the import's
    JournalChecks.__call__ = timed(JournalChecks.__call__)
    JournalChecks.prefetch = timed(JournalChecks.prefetch)
    ws = Workspace(Path(data))
    ws.journal_checks = checks == "1"
    start = time.perf_counter()
    report = ws.import_files([Path(inventories)])
    seconds = time.perf_counter() - start
    print(json.dumps([seconds, report.new, report.rejected, report.errors, spent[0]]))


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--inventories", type=int, default=10_000)
    parser.add_argument("--buyers", type=int, default=2_000, help="distinct buyer IDs (the annual totals)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each mode, alternated (the best counts)")
    args = parser.parse_args()

    from cebdesk.checks.identity import check_digit
    from cebdesk.pipeline.workspace import Workspace
    from cebdesk.spec import document_type, document_type_for, message_type
    from tests.cross.docs import rows, workbook

    n = args.inventories
    folder = Path(tempfile.mkdtemp(prefix="cebdesk-cross-bench-"))
    try:
        born = date(1970, 1, 1)
        ids = [f"110101{born + timedelta(days=i // 10):%Y%m%d}{i % 10:03d}" for i in range(args.buyers)]
        ids = [x + check_digit(x) for x in ids]

        def doc(kind: str, i: int) -> list[dict]:
            buyer = {"buyerIdNumber": ids[i % len(ids)]} if kind != "payment" else {"payerIdNumber": ids[i % len(ids)]}
            return rows(kind, n=i + 1, head=buyer)

        t0 = time.perf_counter()
        inventories = workbook("inventory", folder / "inventories.xlsx", *(doc("inventory", i) for i in range(n)))
        made = time.perf_counter() - t0
        # the partners go straight into a journal (3 x N documents), copied for each run
        base = folder / "base"
        ws = Workspace(base)
        with ws.journal() as journal, journal.transaction():
            for kind in ("order", "payment", "logistics"):
                dt = document_type(kind)
                code = dt.message.code
                for i in range(n):
                    doc_rows = doc(kind, i)
                    head = {k: str(v) for k, v in doc_rows[0].items() if v is not None and k in dt.head}
                    lines = [
                        {k: str(v) for k, v in r.items() if v is not None and dt.list is not None and k in dt.list}
                        for r in doc_rows
                    ] if dt.list is not None else []
                    head.setdefault("guid", f"{code}-{i}")
                    key = document_type_for(message_type(code)).business_key(head)
                    journal.import_document(code, key, head, lines, state="reference")
        profile = '[transfer]\ncopCode = "1105910159"\ncopName = "测试"\ndxpId = "DXPENT0000000001"\n'
        results: dict[str, dict] = {}
        runs: dict[str, list[float]] = {}
        # alternated and repeated (the best of each): other work on the machine evens out
        for attempt, (name, checks) in enumerate(
            [("without_checks", False), ("with_checks", True)] * args.repeat
        ):
            data = folder / f"{name}-{attempt}"
            shutil.copytree(base, data)
            (data / "profile.toml").write_text(profile, encoding="utf-8")
            # each import in a process of its own, as the CLI runs it: this process's heap (the
            # workbook and partners it made) would otherwise weigh on every garbage collection
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(data), str(inventories), "1" if checks else "0"],
                capture_output=True, text=True, check=True,
            )  # fmt: skip
            seconds, new, rejected, errors, in_checks = json.loads(done.stdout)
            runs.setdefault(name, []).append(round(seconds, 2))
            if name in results and results[name]["seconds"] <= seconds:
                continue
            results[name] = {
                "seconds": round(seconds, 2),
                "inventories_per_second": round(n / seconds),
                "new": new,
                "rejected": rejected,
                "errors": errors,
            }
            if checks:
                results[name]["in_checks_seconds"] = round(in_checks, 2)
        for name, seconds in runs.items():
            results[name]["runs"] = seconds
        added = results["with_checks"]["seconds"] / results["without_checks"]["seconds"] - 1
        own = results["with_checks"]["in_checks_seconds"] / results["without_checks"]["seconds"]
        print(
            json.dumps(
                {
                    "inventories": n,
                    "partner_documents": 3 * n,
                    "buyers": len(ids),
                    "workbook_written_seconds": round(made, 1),
                    **results,
                    "checks_add_percent": round(100 * added, 1),
                    # the checks' own time against the import without them: the same figure
                    # without the machine's other work between two runs
                    "checks_own_percent": round(100 * own, 1),
                    "within_20_percent": added <= 0.20,
                },
                indent=2,
            )
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
