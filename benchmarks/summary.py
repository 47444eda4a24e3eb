"""Summary benchmark: the month's preview (eight-same merge, classification) over N export
lists released in one month, in a real SQLite journal filled by direct inserts; then the
comparison of customs' results (``summary --result``) for one summary application naming every
list the preview merges. Prints JSON: seconds and peak memory (tracemalloc: Python allocations;
ru_maxrss: the whole process).

    python benchmarks/summary.py [--lists N]
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def fill(journal, lists: int, month: str) -> None:
    """``lists`` released export inventories (2 lines each) of 3 enterprises, 4 countries,
    2 ports, 60 HS codes, 3 currencies; one in ten flagged A."""
    db = journal.db
    with journal.transaction():
        file_id = db.execute(
            "INSERT INTO receipt_files (file_name, message_type, raw, sha256, received) VALUES (?, ?, ?, ?, ?)",
            ("CEB604_bench.xml", "CEB604Message", b"", uuid.uuid4().hex, "2026-01-31T00:00:00"),
        ).lastrowid
        for n in range(lists):
            head = {
                "guid": str(uuid.uuid4()).upper(), "copNo": f"COP{n:09d}", "agentCode": "1105910159",
                "ebcCode": f"11059101{60 + n % 3}", "ownerCode": "1105910159", "trafMode": "5",
                "country": ("502", "116", "303", "344")[n % 4], "portCode": ("5141", "2244")[n % 2],
                "statisticsFlag": "A" if n % 10 == 0 else "B", "logisticsNo": f"LN{n:012d}",
                "grossWeight": "1.25", "netWeight": "1",
            }  # fmt: skip
            lines = [
                {
                    "gnum": str(g + 1),
                    "gcode": f"{8517120000 + (n + g) % 60}",
                    "country": head["country"],
                    "currency": ("142", "502", "300")[(n + g) % 3],
                    "qty": "2",
                    "qty1": "1",
                    "qty2": "",
                    "totalPrice": "99.5",
                }  # fmt: skip
                for g in range(2)
            ]
            record = json.dumps({"head": head, "lines": lines}, ensure_ascii=False)
            doc = db.execute(
                "INSERT INTO documents (message_type, business_key, guid, content_hash, record, state, created, updated)"
                " VALUES ('CEB603Message', ?, ?, '', ?, 'sent', '', '')",
                (f"{head['copNo']}/1105910159", head["guid"], record),
            ).lastrowid
            invt = f"5141{month[:4]}E{n:09d}"
            keys = json.dumps({"copNo": head["copNo"], "invtNo": invt, "returnStatus": "800"})
            db.execute(
                "INSERT INTO receipts (file_id, position, document_id, return_status, return_info, return_time, keys)"
                " VALUES (?, ?, ?, '800', '放行', ?, ?)",
                (file_id, n, doc, f"{month.replace('-', '')}15{n % 24:02d}0000000", keys),
            )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--lists", type=int, default=100_000)
    args = parser.parse_args()
    from cebdesk.store import Journal
    from cebdesk.summary.preview import preview

    month = "2026-01"
    folder = Path(tempfile.mkdtemp(prefix="cebdesk-summary-bench-"))
    try:
        journal = Journal(folder / "journal.sqlite3")
        start = time.perf_counter()
        fill(journal, args.lists, month)
        filled = time.perf_counter() - start
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        rates = {"USD": "7.1", "EUR": "7.8"}
        start = time.perf_counter()
        result = preview(journal, month, rates=rates)
        seconds = time.perf_counter() - start
        rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        tracemalloc.start()  # a second run, traced (slower): the peak of Python's allocations
        preview(journal, month, rates=rates)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        from cebdesk.summary.result import compare

        numbers = [n for d in result.declarations for n in d.invt_nos]
        with journal.transaction():
            journal.import_document(
                "CEB701Message", "SUMBENCH/1", {"copNo": "SUMBENCH", "ebcCode": "-"},
                [{"invtNo": n} for n in numbers], ("summary " + month, None, None),
            )  # fmt: skip
        start = time.perf_counter()
        compared = compare(journal, month)
        result_seconds = time.perf_counter() - start
        tracemalloc.start()
        compare(journal, month)
        _, result_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        journal.close()
        print(
            json.dumps(
                {
                    "lists": args.lists,
                    "fill_seconds": round(filled, 2),
                    "preview_seconds": round(seconds, 2),
                    "peak_python_mb": round(peak / 2**20, 1),
                    "process_max_rss_mb": round(rss_after / 1024, 1),
                    "process_max_rss_before_preview_mb": round(rss_before / 1024, 1),
                    "declarations": len(result.declarations),
                    "merged_lists": result.lists,
                    "statistics_lists": len(result.statistics),
                    "refused_lists": len(result.refused),
                    "result_seconds": round(result_seconds, 2),
                    "result_peak_python_mb": round(result_peak / 2**20, 1),
                    "result_expected_declarations": len(compared.summaries[0].expected),
                },
                indent=2,
            )
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
