"""Signing-station benchmark: documents per second sent from one shared journal (a throw-away
PostgreSQL cluster, as the tests make) by 1, 2 and 3 worker processes sharing one outbox, each
signing with a key file, and the scaling over one worker. Each worker reports where its time
went (claiming and planning in the journal, building and signing, handing over). Prints JSON.

    python benchmarks/workers.py [--documents N] [--per-message N] [--rounds N]

Each round starts from the same journal (a copy of one made once, every document ready); the
workers have started, opened the journal and the key before the clock starts.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def child(url: str, exchange: str, key: str, cert: str, per_message: str) -> None:
    """One worker: ready, then on "go" sends until nothing is left; prints its timings."""
    from cebdesk.exchange.folders import Outbox
    from cebdesk.pipeline import journaled
    from cebdesk.settings import Profile
    from cebdesk.signing.keyfile import KeyFileSigner
    from cebdesk.store import Journal

    spent = {"claim_and_plan": 0.0, "build_and_sign": 0.0, "hand_over": 0.0}

    def timed(name, function):
        def run(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - start

        return run

    journaled._plan_next = timed("claim_and_plan", journaled._plan_next)
    journaled._stage = timed("build_and_sign", journaled._stage)
    journaled._hand_over = timed("hand_over", journaled._hand_over)
    profile = Profile({"copCode": "1105910159", "copName": "测试", "dxpId": "DXPENT0000000001"})
    options = journaled.SendOptions(
        Outbox(exchange), KeyFileSigner(Path(key), cert_file=Path(cert)), profile.base_transfer(), per_message=int(per_message)
    )
    with Journal(url) as journal:
        print("ready", flush=True)
        sys.stdin.readline()
        start, cpu = time.perf_counter(), time.process_time()
        report = journaled.send_pending(journal, options)
        seconds = time.perf_counter() - start
        result = {"end": time.time(), "seconds": seconds, "cpu": time.process_time() - cpu}
        result.update(documents=report.documents, messages=len(report.messages), **spent)
    print(json.dumps(result), flush=True)


def _round(cluster, template: str, workers: int, folder: Path, key: Path, cert: str, per_message: int) -> dict:
    import psycopg

    name = f"bench_{workers}_{time.monotonic_ns()}"
    with psycopg.connect(cluster.url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    url = cluster.url.replace("/cebdesk?", f"/{name}?")
    exchange = folder / name
    procs = [
        subprocess.Popen(
            [sys.executable, __file__, "--child", url, str(exchange), str(key), str(cert), str(per_message)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    for p in procs:
        if p.stdout.readline().strip() != "ready":
            raise SystemExit("a worker did not start")
    start = time.time()
    for p in procs:
        p.stdin.write("go\n")
        p.stdin.flush()
    results = [json.loads(p.communicate()[0]) for p in procs]
    wall = max(r["end"] for r in results) - start
    documents = sum(r["documents"] for r in results)
    sent = len(list((exchange / "send").glob("*.xml")))
    if sent != sum(r["messages"] for r in results):
        raise SystemExit("the files handed over and the messages reported differ")
    return {"seconds": wall, "documents": documents, "workers": results}


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:7])
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=6000, help="import inventories (2 lines each)")
    parser.add_argument("--per-message", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="rounds of 1, 2, 3 workers, alternated (the best counts)")
    args = parser.parse_args()

    from cebdesk.pipeline.journaled import import_files
    from cebdesk.settings import Profile
    from cebdesk.spec import document_type
    from cebdesk.store import Journal
    from tests.certs import write_signing_key
    from tests.factory import filled_template
    from tests.postgres import postgres_bin, start_cluster

    if postgres_bin() is None:
        raise SystemExit("postgresql is not installed (make test installs it)")
    folder = Path(tempfile.mkdtemp(prefix="cebdesk-workers-bench-"))
    folder.chmod(0o711)  # the server's user reaches its cluster inside
    cluster = start_cluster(folder / "cluster")
    try:
        key, cert = write_signing_key(folder, "bench TEST")
        profile = Profile({"copCode": "1105910159", "copName": "测试", "dxpId": "DXPENT0000000001"})
        source = filled_template(document_type("inventory"), folder / "inventory.xlsx", documents=args.documents, lines=2)
        template = cluster.new_database("ready")
        with Journal(template) as journal:
            imported = import_files([source], journal, profile=profile)
        best: dict[int, dict] = {}
        for _ in range(args.rounds):
            for workers in (1, 2, 3):
                result = _round(cluster, "ready", workers, folder, key, cert, args.per_message)
                if result["documents"] != imported.new:
                    raise SystemExit(f"{workers} worker(s) sent {result['documents']} of {imported.new}")
                if workers not in best or result["seconds"] < best[workers]["seconds"]:
                    best[workers] = result
    finally:
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    one = imported.new / best[1]["seconds"]
    out = {
        "benchmark": "workers",
        "documents": imported.new,
        "lines_per_document": 2,
        "per_message": args.per_message,
        "signing": "RSA-2048 key file, rsa-sha1, folder mode, one outbox shared by the workers",
        "cores": os.cpu_count(),
    }
    for workers in (1, 2, 3):
        r = best[workers]
        rate = imported.new / r["seconds"]
        out[f"workers_{workers}"] = {
            "seconds": round(r["seconds"], 3),
            "documents_per_second": round(rate, 1),
            "scaling": round(rate / one, 2),
            "messages_each": [w["messages"] for w in r["workers"]],
            # where each worker's time went, summed over the workers (seconds)
            "claim_and_plan": round(sum(w["claim_and_plan"] for w in r["workers"]), 3),
            "build_and_sign": round(sum(w["build_and_sign"] for w in r["workers"]), 3),
            "hand_over": round(sum(w["hand_over"] for w in r["workers"]), 3),
            "worker_cpu": round(sum(w["cpu"] for w in r["workers"]), 3),
        }
    print(json.dumps(out, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
