"""Conversion benchmark: 10,000 inventories x 3 lines (30,000 rows) from Excel to signed CEB621.

Prints JSON: rows/s, documents/s, peak memory of the converting process, and the ratio of the
whole conversion to a bare openpyxl read-only pass over the same file. Each measurement runs in
its own process so that peak memory is the conversion's own.

A second case converts workbooks of ten inventories followed by 10,000 and by 1,000,000 empty
rows (the sheet XML written straight into the zip, as a decompression bomb would be): peak memory
must stay flat, whatever the number of empty rows.

    python benchmarks/convert.py [--documents N] [--lines N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def generate(path: Path, documents: int, lines: int) -> None:
    """A realistic clerk's file: our template's two header rows, every cell of every row filled."""
    from openpyxl import Workbook

    from cebdesk.excel.columns import template_columns
    from cebdesk.spec import document_type

    doc_type = document_type("inventory")
    columns = template_columns(doc_type)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(doc_type.label)
    ws.append([c.title for c in columns])
    ws.append([c.header for c in columns])
    sample = {
        "appType": "1",
        "appTime": "20240102030405",
        "appStatus": "2",
        "ebpCode": "1105910159",
        "ebpName": "测试电商平台",
        "ebcCode": "1105910159",
        "ebcName": "测试电商企业",
        "logisticsCode": "1101180326",
        "logisticsName": "测试物流",
        "copNo": None,
        "preNo": None,
        "assureCode": "1105910159",
        "emsNo": None,
        "invtNo": None,
        "ieFlag": "I",
        "declTime": "20240102",
        "customsCode": 3700,
        "portCode": 3700,
        "ieDate": "20240102",
        "buyerIdType": "1",
        "buyerIdNumber": "110101199001011237",
        "buyerName": "张三",
        "buyerTelephone": "13800000000",
        "consigneeAddress": "北京市海淀区中关村软件园",
        "agentCode": "1105910159",
        "agentName": "测试报关企业",
        "areaCode": None,
        "areaName": None,
        "tradeMode": "9610",
        "trafMode": "5",
        "trafNo": "MU5101",
        "voyageNo": "20240102",
        "billNo": "999-12345678",
        "loctNo": None,
        "licenseNo": None,
        "country": 502,
        "freight": 10,
        "insuredFee": 0,
        "currency": "142",
        "wrapType": "2",
        "packNo": 1,
        "grossWeight": 1.5,
        "netWeight": 1.2,
        "note": None,
        "itemRecordNo": None,
        "itemNo": "SKU-0001",
        "itemName": "婴儿奶粉",
        "gcode": "1901101000",
        "gname": "婴儿配方奶粉",
        "gmodel": "900克/罐，牛乳基",
        "barCode": "6901234567890",
        "InventoryList.country": 502,
        "tradeCountry": 502,
        "InventoryList.currency": "142",
        "qty": 2,
        "unit": "122",
        "qty1": 1.8,
        "unit1": "035",
        "qty2": None,
        "unit2": None,
        "price": 99.5,
        "totalPrice": 199,
        "InventoryList.note": None,
    }
    for n in range(documents):
        for line in range(lines):
            row = []
            for c in columns:
                if c.name == "orderNo":
                    row.append(f"SO{n:08d}")
                elif c.name == "logisticsNo":
                    row.append(f"LN{n:010d}")
                elif c.name == "gnum":
                    row.append(line + 1)
                else:
                    row.append(sample.get(c.header))
            ws.append(row)
    wb.save(path)


def _peak_kb() -> int:
    """This process's peak resident memory in kilobytes: VmHWM where there is /proc (ru_maxrss
    also counts the parent's memory at the fork that started this process)."""
    try:
        with open("/proc/self/status") as status:
            return int(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def generate_empty_rows(path: Path, empty_rows: int, documents: int = 10) -> None:
    """``documents`` one-line inventories, then ``empty_rows`` empty row elements, the sheet XML
    written directly into the zip (fast, and what a generated bomb looks like)."""
    import zipfile

    small = path.with_suffix(".head.xlsx")
    generate(small, documents, 1)  # our template's header and real rows, written by openpyxl
    with zipfile.ZipFile(small) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    sheet_name = "xl/worksheets/sheet1.xml"
    head, _, tail = dict((i.filename, d) for i, d in members)[sheet_name].partition(b"</sheetData>")
    last = documents + 2  # two header rows, one row per document
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename != sheet_name:
                z.writestr(info, data)
        with z.open(sheet_name, "w", force_zip64=True) as out:
            out.write(head)
            chunk = []
            for r in range(last + 1, last + 1 + empty_rows):
                chunk.append(f'<row r="{r}" spans="1:65"/>')
                if len(chunk) == 50_000:
                    out.write("".join(chunk).encode())
                    chunk = []
            out.write("".join(chunk).encode())
            out.write(b"</sheetData>" + tail)
    small.unlink()


def child_bare(path: str) -> dict:
    from openpyxl import load_workbook

    start = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    rows = 0
    for ws in wb.worksheets:
        for _ in ws.iter_rows(values_only=True):
            rows += 1
    wb.close()
    return {"seconds": time.perf_counter() - start, "rows": rows, "peak_kb": _peak_kb()}


def child_convert(path: str, out: str, key: str, cert: str) -> dict:
    from cebdesk.pipeline import ConvertOptions, convert
    from cebdesk.settings import Profile
    from cebdesk.signing.keyfile import KeyFileSigner
    from cebdesk.spec import document_type

    profile = Profile({"copCode": "1105910159", "copName": "测试供应链有限公司", "dxpId": "DXPENT0000000001"})
    signer = KeyFileSigner(key, cert_file=cert)
    start = time.perf_counter()
    report = convert(
        [path],
        ConvertOptions(
            out_dir=Path(out), doc_type=document_type("inventory"), profile=profile, signer=signer
        ),
    )
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "rows": report.rows,
        "documents": report.converted,
        "rejected": report.rejected,
        "messages": len(report.messages),
        "peak_kb": _peak_kb(),
    }


def _run_child(*args: str) -> tuple[dict, float]:
    proc = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=True
    )
    result = json.loads(proc.stdout)
    return result, result["peak_kb"] / 1024


def _make_key(folder: Path) -> tuple[Path, Path]:
    from tests.certs import write_signing_key

    return write_signing_key(folder, "cebdesk benchmark TEST")


def _empty_rows_case(folder: Path, key: Path, cert: Path) -> dict:
    """Ten inventories, then 10,000 or 1,000,000 empty rows: time and peak memory of each."""
    import zipfile

    cases = []
    for empty in (10_000, 1_000_000):
        source = folder / f"inventory-10-then-{empty}-empty-rows.xlsx"
        start = time.perf_counter()
        generate_empty_rows(source, empty)
        generated = time.perf_counter() - start
        with zipfile.ZipFile(source) as z:
            unpacked = sum(i.file_size for i in z.infolist())
        conv, peak = _run_child("convert", str(source), str(folder / f"out-{empty}"), str(key), str(cert))
        cases.append(
            {
                "empty_rows": empty,
                "bytes": source.stat().st_size,
                "unpacked_bytes": unpacked,
                "generate_seconds": round(generated, 2),
                "convert_seconds": round(conv["seconds"], 3),
                "documents": conv["documents"],
                "rejected": conv["rejected"],
                "peak_memory_mb": round(peak, 1),
            }
        )
    growth = cases[-1]["peak_memory_mb"] - cases[0]["peak_memory_mb"]
    return {
        "cases": cases,
        "peak_memory_growth_mb": round(growth, 1),
        "target": {"peak_memory_growth_mb_max": 20},
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--lines", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="keep the generated file and output here")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, *rest = args.child
        print(json.dumps(child_bare(*rest) if kind == "bare" else child_convert(*rest)))
        return

    folder = args.keep or Path(tempfile.mkdtemp(prefix="cebdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"inventory-{args.documents}x{args.lines}.xlsx"
    t0 = time.perf_counter()
    if not source.exists():
        generate(source, args.documents, args.lines)
    generated = time.perf_counter() - t0
    key, cert = _make_key(folder)
    bare, bare_peak = _run_child("bare", str(source))
    out = folder / "out"
    conv, conv_peak = _run_child("convert", str(source), str(out), str(key), str(cert))
    ratio = conv["seconds"] / bare["seconds"]
    result = {
        "benchmark": "convert",
        "input": {
            "documents": args.documents,
            "lines_per_document": args.lines,
            "rows": conv["rows"],
            "bytes": source.stat().st_size,
        },
        "generate_seconds": round(generated, 2),
        "bare_openpyxl_read_seconds": round(bare["seconds"], 3),
        "convert_seconds": round(conv["seconds"], 3),
        "rows_per_second": round(conv["rows"] / conv["seconds"], 1),
        "documents_per_second": round(conv["documents"] / conv["seconds"], 1),
        "messages": conv["messages"],
        "rejected": conv["rejected"],
        "peak_memory_mb": round(conv_peak, 1),
        "bare_read_peak_memory_mb": round(bare_peak, 1),
        "ratio_convert_to_bare_read": round(ratio, 3),
        "targets": {"ratio_max": 2.0, "peak_memory_mb_max": 300},
        "signing": "RSA-2048 key file, rsa-sha1, 100 inventories per message",
        "cpu_count": os.cpu_count(),
    }
    result["empty_rows"] = _empty_rows_case(folder, key, cert)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if not args.keep:
        import shutil

        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
