"""Exchange benchmark: documents per second from Excel to send/ (journal, key-file signing,
folder mode), and receipts ingested per second.

    python benchmarks/exchange.py [--documents N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=2000)
    args = parser.parse_args()

    from cebdesk.exchange.folders import Outbox
    from cebdesk.exchange.receipts import ingest
    from cebdesk.exchange.simulator import Customs, run_folder
    from cebdesk.pipeline.journaled import SendOptions, import_files, send_pending
    from cebdesk.settings import Profile
    from cebdesk.signing.keyfile import KeyFileSigner
    from cebdesk.spec import document_type
    from cebdesk.store import Journal
    from tests.certs import write_signing_key
    from tests.factory import filled_template

    folder = Path(tempfile.mkdtemp(prefix="cebdesk-exchange-bench-"))
    try:
        key, cert = write_signing_key(folder, "bench TEST")
        signer = KeyFileSigner(key, cert_file=cert)
        profile = Profile({"copCode": "1105910159", "copName": "测试", "dxpId": "DXPENT0000000001"})
        source = filled_template(
            document_type("inventory"), folder / "inventory.xlsx", documents=args.documents, lines=2
        )
        journal = Journal(folder / "journal.sqlite3")
        outbox = Outbox(folder / "exchange")

        start = time.perf_counter()
        imported = import_files([source], journal, profile=profile)
        import_seconds = time.perf_counter() - start
        sent = send_pending(journal, SendOptions(outbox, signer, profile.base_transfer()))
        to_send = time.perf_counter() - start

        customs = Customs(folder / "customs")
        run_folder(outbox, customs)
        receipt_files = len(list(outbox.incoming()))
        start = time.perf_counter()
        report = ingest(journal, outbox)
        ingest_seconds = time.perf_counter() - start
        returns = journal.db.execute("SELECT COUNT(*) FROM receipts").fetchone()[0]
        journal.close()
        customs.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    result = {
        "benchmark": "exchange",
        "documents": imported.new,
        "lines_per_document": 2,
        "excel_to_send_seconds": round(to_send, 3),
        "excel_to_send_documents_per_second": round(sent.documents / to_send, 1),
        "import_seconds": round(import_seconds, 3),
        "messages": len(sent.messages),
        "signing": "RSA-2048 key file, rsa-sha1, 100 inventories per message, folder mode",
        "receipt_files": receipt_files,
        "receipt_returns": returns,
        "receipts_ingest_seconds": round(ingest_seconds, 3),
        "receipt_files_per_second": round(receipt_files / ingest_seconds, 1),
        "receipt_returns_per_second": round(returns / ingest_seconds, 1),
        "rejected": len(report.rejected),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
