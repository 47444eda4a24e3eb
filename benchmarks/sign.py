"""Signing benchmark: signed messages per second through cebdesk versus bare ``key.sign`` calls
on the same SoftHSM2 token (RSA-2048, one logged-in session, rsa-sha1).

cebdesk's figure covers what the pipeline does per message: digest (C14N + SHA-1), SignedInfo,
the token signature, the verification every signature gets before it is written, and the
serialization. Messages are built beforehand (building is not signing). The sign-command figure
is the whole of `cebdesk sign` over message files: read and parse each file, sign, verify, and
write it durably (temporary name, fsync, rename), against as many bare token calls.

    python benchmarks/sign.py [--messages N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _documents(count: int, lines: int):
    from cebdesk.records import Document, XmlOrigin, new_guid
    from cebdesk.spec import document_type
    from tests.factory import value_for

    doc_type = document_type("inventory")
    head_fields = [f for f in doc_type.head.fields]
    docs = []
    for n in range(count):
        head = {f.name: value_for(f, n) for f in head_fields}
        head["guid"] = new_guid()
        head["orderNo"] = f"SO{n:08d}"
        body = []
        for g in range(1, lines + 1):
            line = {f.name: value_for(f, g) for f in doc_type.list.fields}
            line["gnum"] = str(g)
            body.append(line)
        docs.append(Document(doc_type.message, head, body, XmlOrigin("bench", "/")))
    return doc_type.message, docs


def _messages(heads: int, count: int):
    from cebdesk.messages.build import build_message, indent

    mt, docs = _documents(heads, 3)
    transfer = {"copCode": "1105910159", "copName": "测试", "dxpId": "DXPENT0000000001"}
    roots = []
    for _ in range(count):
        root = build_message(mt, docs, base_transfer=transfer)
        indent(root)
        roots.append(root)
    return roots


def _rate(count: int, seconds: float) -> float:
    return round(count / seconds, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000, help="1-head messages to sign")
    parser.add_argument("--big", type=int, default=30, help="100-head messages to sign")
    parser.add_argument("--files", type=int, default=3000, help="1-head message files for the sign command")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best of each is kept")
    args = parser.parse_args()

    from cebdesk.messages.build import serialize
    from cebdesk.signing.pkcs11 import Pkcs11Signer
    from cebdesk.signing.xmldsig import c14n, sign_message, verify_message
    from tests.certs import make_ca
    from tests.softhsm import make_token

    folder = Path(tempfile.mkdtemp(prefix="cebdesk-sign-bench-"))
    ca_key, ca = make_ca()
    token = make_token(folder, ca_key, ca, labels=("signkey",))
    signer = Pkcs11Signer(token["token"], lambda _: token["pin"], module=token["module"], key_label="signkey")
    try:
        small = _messages(1, args.messages)
        big = _messages(100, args.big)
        # what the token signs: a canonical SignedInfo of the usual size
        sample = _messages(1, 1)[0]
        sig = sign_message(sample, signer)
        signed_info = c14n(sig[0])

        def bare_calls() -> float:
            start = time.perf_counter()
            for _ in range(args.messages):
                signer._key.sign(signed_info, mechanism=signer._mechanism)  # the bare token call
            return time.perf_counter() - start

        def through_cebdesk(roots) -> float:
            start = time.perf_counter()
            for root in roots:
                sign_message(root, signer)  # re-signing replaces the signature of the last round
                if not verify_message(root).valid:
                    raise SystemExit("a signature did not verify")
                serialize(root)
            return time.perf_counter() - start

        # the whole `cebdesk sign` over files: read, sign, verify, write durably (fsync, rename)
        from cebdesk.pipeline.files import sign_files

        unsigned = folder / "unsigned"
        unsigned.mkdir()
        for n, root in enumerate(_messages(1, args.files)):
            (unsigned / f"m{n:05d}.xml").write_bytes(serialize(root))
        paths = sorted(unsigned.glob("*.xml"))

        def bare_files() -> float:
            start = time.perf_counter()
            for _ in range(args.files):
                signer._key.sign(signed_info, mechanism=signer._mechanism)
            return time.perf_counter() - start

        def sign_command(round_: int) -> float:
            out = folder / f"signed-{round_}"
            start = time.perf_counter()
            report = sign_files(paths, out, signer)
            seconds = time.perf_counter() - start
            if len(report.signed) != args.files or report.exit_code:
                raise SystemExit(f"sign_files signed {len(report.signed)} of {args.files}")
            return seconds

        # a key as slow as a USB key (about 20 ms a signature, spent waiting on the device):
        # the same command over fewer files, against as many bare calls of that key
        class SlowKey:
            def __init__(self, inner, seconds: float) -> None:
                self.inner, self.seconds = inner, seconds
                self.algorithm, self.certificate = inner.algorithm, inner.certificate

            def sign(self, data: bytes) -> bytes:
                time.sleep(self.seconds)
                return self.inner.sign(data)

        slow = SlowKey(signer, 0.02)
        slow_paths = paths[: max(1, args.files // 20)]
        start = time.perf_counter()
        for _ in slow_paths:
            slow.sign(signed_info)
        slow_bare = time.perf_counter() - start
        start = time.perf_counter()
        sign_files(slow_paths, folder / "signed-slow", slow)
        slow_command = time.perf_counter() - start

        # alternate the two, several rounds, and keep each one's best: the machine's noise
        # (another process, a frequency step) then falls on neither side in particular
        bare, one, hundred, bare_f, files = [], [], [], [], []
        for round_ in range(args.rounds):
            bare.append(bare_calls())
            one.append(through_cebdesk(small))
            bare_f.append(bare_files())
            files.append(sign_command(round_))
        for _ in range(args.rounds):
            hundred.append(through_cebdesk(big))
        bare, one, hundred, bare_f, files = min(bare), min(one), min(hundred), min(bare_f), min(files)
    finally:
        signer.close()
    bare_rate = _rate(args.messages, bare)
    one_rate = _rate(args.messages, one)
    result = {
        "benchmark": "sign",
        "token": "SoftHSM2, RSA-2048, rsa-sha1, one session",
        "bare_key_sign_per_second": bare_rate,
        "cebdesk_1_head_messages_per_second": one_rate,
        "cebdesk_100_head_messages_per_second": _rate(args.big, hundred),
        "cebdesk_100_head_documents_per_second": _rate(args.big * 100, hundred),
        "ratio_1_head_to_bare": round(one_rate / bare_rate, 3),
        "target_ratio_min": 0.6,
        "sign_command_files_per_second": _rate(args.files, files),
        "bare_key_sign_per_second_same_count": _rate(args.files, bare_f),
        "ratio_sign_command_to_bare": round(bare_f / files, 3),
        "target_sign_command_ratio_min": 0.8,
        "usb_like_key_20ms_files": len(slow_paths),
        "ratio_sign_command_to_bare_usb_like_key": round(slow_bare / slow_command, 3),
        "messages": {"1_head": args.messages, "100_head": args.big, "files": args.files},
        "rounds": args.rounds,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
