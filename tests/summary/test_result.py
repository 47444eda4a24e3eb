"""summary --result: the summary results customs sent (CEB792) beside the preview's merge of the
same lists. From a real journal through the simulator; the differences are made by editing the
simulator's CEB792 before it is read, as customs grouping otherwise would."""

from __future__ import annotations

import copy
import json

import pytest
from lxml import etree

from tests.summary.lists import THIS_MONTH, release, run
from tests.summary.test_send import inventory

NS = "{http://www.chinaport.gov.cn/ceb}"


@pytest.fixture
def answered(tmp_path, profile_file, test_keys, monkeypatch):
    """Three B lists released and summarised: lists 0 and 1 (to the US, two HS codes) make one
    declaration of two goods items, list 2 (to Japan) another. The summary is sent and the
    simulator has answered; its CEB792 waits in receive/, not read yet."""
    rows = [inventory(0), inventory(1, gcode="8517120000"), inventory(2, country="116")]
    dirs, key, invt = release(tmp_path, profile_file, test_keys, monkeypatch, rows)
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--send", *key)
    assert code == 0, out
    assert run(*dirs, "simulate", "--once")[0] == 0
    [result] = sorted((tmp_path / "x" / "receive").glob("CEB792*"))
    return dirs, invt, result


def _edit(path, change):
    """Let ``change`` rework the results (the SummaryResult elements) of a CEB792 file."""
    tree = etree.parse(str(path))
    change(tree.getroot().findall(f"{NS}SummaryResult"))
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def _rows(result):
    return result.findall(f"{NS}SummaryResultList")


def _invt(row):
    return row.findtext(f"{NS}invtNo")


def _by_list(results, number):
    return next(r for r in results if any(_invt(row) == number for row in _rows(r)))


def _result(dirs, *extra):
    assert run(*dirs, "receipts")[0] == 0
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--result", "--json", *extra)
    return code, json.loads(out)


def test_customs_merging_as_the_preview_did_shows_no_difference(answered):
    dirs, invt, _file = answered
    code, report = _result(dirs)
    assert code == 0
    [summary] = report["summaries"]
    assert summary["differences"] == [] and summary["lists"] == 3
    assert sorted(sorted(d["invtNos"]) for d in summary["declarations"]) == sorted(
        sorted(d["invtNos"]) for d in summary["expected"]
    ) == [sorted(invt[:2]), [invt[2]]]
    assert all(len(d["entryId"]) == 18 for d in summary["declarations"])
    code, text = run(*dirs, "summary", "--month", THIS_MONTH, "--result")
    assert code == 0 and "与预览的归并一致" in text


def test_before_any_result_it_says_none_came(tmp_path, profile_file, test_keys, monkeypatch):
    dirs, key, _invt = release(tmp_path, profile_file, test_keys, monkeypatch, [inventory(0)])
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--result", "--lang", "en")
    assert code == 0 and "no summary application" in out
    assert run(*dirs, "summary", "--month", THIS_MONTH, "--send", *key)[0] == 0
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--result", "--lang", "en")
    assert code == 0 and "no summary result (CEB792) yet" in out


def test_a_list_in_no_result_is_missing(answered):
    dirs, invt, path = answered

    def drop(results):
        for row in _rows(_by_list(results, invt[1])):
            if _invt(row) == invt[1]:
                row.getparent().remove(row)

    _edit(path, drop)
    code, report = _result(dirs)
    assert code == 1
    [difference] = report["summaries"][0]["differences"]
    assert difference["kind"] == "missing" and difference["invtNos"] == [invt[1]]
    code, out = run(*dirs, "summary", "--month", THIS_MONTH, "--result", "--lang", "en")
    assert code == 1 and f"in no summary result received: {invt[1]}" in out


def test_customs_merging_two_declarations_into_one(answered):
    dirs, invt, path = answered

    def merge(results):
        us, jp = _by_list(results, invt[0]), _by_list(results, invt[2])
        for row in _rows(jp):
            row.find(f"{NS}gseqno").text = "3"
            us.append(row)
        jp.getparent().remove(jp)

    _edit(path, merge)
    code, report = _result(dirs)
    assert code == 1
    [difference] = report["summaries"][0]["differences"]
    assert difference["kind"] == "merged" and sorted(difference["invtNos"]) == sorted(invt)
    assert difference["local"] == 2


def test_customs_splitting_one_declaration_in_two(answered):
    dirs, invt, path = answered

    def split(results):
        us = _by_list(results, invt[0])
        other = copy.deepcopy(us)
        us.getparent().append(other)
        other.find(f"{NS}SummaryResultHead/{NS}declSeqNo").text = "D20990101999999999"
        for row in _rows(us):
            if _invt(row) == invt[1]:
                us.remove(row)
        for row in _rows(other):
            if _invt(row) != invt[1]:
                other.remove(row)

    _edit(path, split)
    code, report = _result(dirs, "--lang", "en")
    assert code == 1
    [difference] = report["summaries"][0]["differences"]
    assert difference["kind"] == "split" and sorted(difference["invtNos"]) == sorted(invt[:2])
    assert "D20990101999999999" in difference["text"] and "split" in difference["text"]


def test_customs_grouping_goods_items_otherwise(answered):
    dirs, invt, path = answered

    def one_item(results):
        for row in _rows(_by_list(results, invt[0])):
            row.find(f"{NS}gseqno").text = "1"

    _edit(path, one_item)
    code, report = _result(dirs)
    assert code == 1
    kinds = {d["kind"] for d in report["summaries"][0]["differences"]}
    assert kinds == {"item"}


def test_customs_giving_a_line_another_hs_code(answered):
    dirs, invt, path = answered

    def reclassify(results):
        for row in _rows(_by_list(results, invt[2])):
            row.find(f"{NS}gcode").text = "9503008900"

    _edit(path, reclassify)
    code, report = _result(dirs)
    assert code == 1
    [difference] = report["summaries"][0]["differences"]
    assert difference["kind"] == "gcode" and difference["gcode"] == "9503008900"
    assert difference["invtNo"] == invt[2] and difference["declared"] != "9503008900"


def test_a_result_naming_a_list_the_summary_did_not(answered):
    dirs, invt, path = answered

    def add(results):
        jp = _by_list(results, invt[2])
        row = copy.deepcopy(_rows(jp)[0])
        row.find(f"{NS}invtNo").text = "51412099E000000001"
        jp.append(row)

    _edit(path, add)
    code, report = _result(dirs)
    assert code == 1
    [difference] = report["summaries"][0]["differences"]
    assert difference["kind"] == "extra" and difference["invtNos"] == ["51412099E000000001"]


def test_a_result_in_parts_is_one_declaration(answered):
    """A long summary result comes in parts (msgCount/msgSeqNo): one declaration, no difference."""
    dirs, invt, path = answered

    def in_parts(results):
        us = _by_list(results, invt[0])
        second = copy.deepcopy(us)
        us.getparent().append(second)
        for element, (seq, count) in ((us, ("1", "2")), (second, ("2", "2"))):
            element.find(f"{NS}SummaryResultHead/{NS}msgSeqNo").text = seq
            element.find(f"{NS}SummaryResultHead/{NS}msgCount").text = count
        for row in _rows(us):
            if _invt(row) == invt[1]:
                us.remove(row)
        for row in _rows(second):
            if _invt(row) != invt[1]:
                second.remove(row)

    _edit(path, in_parts)
    code, report = _result(dirs)
    assert code == 0, report
    assert len(report["summaries"][0]["declarations"]) == 2  # the US one (two parts) and Japan's
