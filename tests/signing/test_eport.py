"""The E-Port card control backend against a replay of the control on 127.0.0.1."""

from __future__ import annotations

import pytest
from lxml import etree

from cebdesk.messages.build import serialize
from cebdesk.signing.base import PinError, SigningError, TokenGone
from cebdesk.signing.eport import EPortSigner
from cebdesk.signing.keyfile import KeyFileSigner
from cebdesk.signing.xmldsig import sign_message, verify_message
from tests.signing.eport_replay import CardControl


@pytest.fixture
def control(signer):
    card = CardControl(signer)
    yield card
    card.close()


def _pin(value):
    asked = []

    def provide(label):
        asked.append(label)
        return value

    provide.asked = asked
    return provide


def test_signs_through_the_card(control, anchors):
    pin = _pin("88888888")
    eport = EPortSigner(control.url, pin, rate_per_minute=0)
    try:
        root = etree.parse(str(anchors / "ceb-samples" / "signed" / "CEB621Message_unsigned.xml")).getroot()
        sign_message(root, eport)
        for _ in range(3):
            eport.sign(b"<ds:SignedInfo/>")
    finally:
        eport.close()
    assert verify_message(etree.fromstring(serialize(root))).valid
    assert len(pin.asked) == 1
    assert control.pin_checks == 1
    assert control.calls.count("cus-sec_SpcSignDataAsPEM") == 4
    assert control.max_in_flight == 1


def test_sm2_card(tmp_path, anchors):
    import subprocess

    subprocess.run(
        "openssl genpkey -algorithm SM2 -out sm2.key && openssl req -new -x509 -key sm2.key -sm3 "
        "-sigopt distid:1234567812345678 -subj '/CN=SM2 card TEST' -days 30 -out sm2.pem",
        shell=True,
        check=True,
        cwd=tmp_path,
        capture_output=True,
    )
    card = CardControl(KeyFileSigner(tmp_path / "sm2.key", cert_file=tmp_path / "sm2.pem"))
    try:
        eport = EPortSigner(card.url, _pin("88888888"), rate_per_minute=0)
        root = etree.parse(str(anchors / "ceb-samples" / "signed" / "CEB621Message_unsigned.xml")).getroot()
        sign_message(root, eport)
        eport.close()
    finally:
        card.close()
    data = serialize(root)
    assert b"http://www.chinaport.gov.cn/2022/04/xmldsig#sm2-sm3" in data
    assert verify_message(etree.fromstring(data)).valid


def test_wrong_pin_costs_one_try_and_no_signature(control):
    pin = _pin("00000000")
    with pytest.raises(PinError, match="refused the PIN"):
        EPortSigner(control.url, pin, rate_per_minute=0)
    assert control.pin_checks == 1
    assert "cus-sec_SpcSignDataAsPEM" not in control.calls
    assert len(pin.asked) == 1


def test_card_error_in_the_middle_is_reported_plainly(control):
    control.fail_after = 2
    eport = EPortSigner(control.url, _pin("88888888"), rate_per_minute=0)
    try:
        eport.sign(b"a")
        eport.sign(b"b")
        with pytest.raises(TokenGone, match="50070") as info:
            eport.sign(b"c")
        assert "重新插入" in str(info.value) or "reinsert" in str(info.value)
    finally:
        eport.close()


def test_control_not_running():
    with pytest.raises(SigningError, match="card control"):
        EPortSigner("ws://127.0.0.1:9", _pin("x"), rate_per_minute=0)


def test_rate_limit_spaces_signatures(control):
    import time

    eport = EPortSigner(control.url, _pin("88888888"), rate_per_minute=600)  # one per 0.1 s
    try:
        start = time.monotonic()
        for _ in range(4):
            eport.sign(b"x")
        elapsed = time.monotonic() - start
    finally:
        eport.close()
    assert elapsed >= 0.3
