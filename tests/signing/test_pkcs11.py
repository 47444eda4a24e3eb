"""Signing through a real PKCS#11 token (SoftHSM2), checked by xmlsec1 and signxml."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from lxml import etree

from cebdesk.messages.build import serialize
from cebdesk.signing.base import Algorithm, PinError, SigningError
from cebdesk.signing.pkcs11 import Pkcs11Signer, list_tokens
from cebdesk.signing.xmldsig import sign_message, verify_message


class Asked:
    """A PIN provider that counts how often it is asked."""

    def __init__(self, pin: str) -> None:
        self.pin = pin
        self.calls = 0

    def __call__(self, label: str) -> str:
        self.calls += 1
        return self.pin


def _signer(softhsm, pin=None, **kwargs) -> Pkcs11Signer:
    return Pkcs11Signer(softhsm["token"], Asked(pin or softhsm["pin"]), module=softhsm["module"], **kwargs)


def _signed_sample(anchors, signer) -> bytes:
    root = etree.parse(str(anchors / "ceb-samples" / "signed" / "CEB621Message_unsigned.xml")).getroot()
    sign_message(root, signer)
    return serialize(root)


@pytest.mark.parametrize("algorithm", [Algorithm.RSA_SHA1, Algorithm.RSA_SHA256])
def test_token_signatures_pass_xmlsec1_and_signxml(softhsm, anchors, test_keys, tmp_path, algorithm):
    signer = _signer(softhsm, key_label="signkey", algorithm=algorithm)
    try:
        data = _signed_sample(anchors, signer)
    finally:
        signer.close()
    assert verify_message(etree.fromstring(data)).valid
    path = tmp_path / "signed.xml"
    path.write_bytes(data)
    if shutil.which("xmlsec1") is None:
        pytest.skip("xmlsec1 not installed")
    proc = subprocess.run(
        ["xmlsec1", "--verify", "--trusted-pem", str(test_keys["ca"]), str(path)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr

    from signxml import DigestAlgorithm, SignatureConfiguration, SignatureMethod, XMLVerifier

    config = SignatureConfiguration(
        signature_methods=frozenset(SignatureMethod), digest_algorithms=frozenset(DigestAlgorithm)
    )
    result = XMLVerifier().verify(data, ca_pem_file=str(test_keys["ca"]), expect_config=config)
    assert b"CEB621Message" in etree.tostring(result.signed_xml)


def test_key_name_is_the_token_certificate_serial(softhsm, anchors):
    signer = _signer(softhsm, key_id="01")
    try:
        data = _signed_sample(anchors, signer)
    finally:
        signer.close()
    assert b"<ds:KeyName>03000000000cde70</ds:KeyName>" in data  # 0x3000000000CDE6F + 1


def test_one_pin_prompt_for_a_whole_batch(softhsm):
    asked = Asked(softhsm["pin"])
    signer = Pkcs11Signer(softhsm["token"], asked, module=softhsm["module"], key_label="signkey")
    try:
        for n in range(20):
            assert len(signer.sign(f"message {n}".encode())) == 256
    finally:
        signer.close()
    assert asked.calls == 1


def test_wrong_pin_is_tried_once_and_explained(softhsm):
    asked = Asked("000000")
    with pytest.raises(PinError, match="wrong PIN") as info:
        Pkcs11Signer(softhsm["token"], asked, module=softhsm["module"], key_label="signkey")
    assert asked.calls == 1
    assert "000000" not in str(info.value)


def test_several_keys_need_a_choice(softhsm):
    with pytest.raises(SigningError, match="--key-label"):
        _signer(softhsm)


def test_unknown_token_lists_what_is_there(softhsm):
    with pytest.raises(SigningError, match="cebdesk-test"):
        Pkcs11Signer("no-such-token", Asked("1"), module=softhsm["module"])


def test_tokens_listing(softhsm):
    path, tokens = list_tokens(softhsm["module"])
    [token] = [t for t in tokens if t.label == softhsm["token"]]
    assert {c.label for c in token.certificates} == {"signkey", "otherkey"}
    cert = next(c for c in token.certificates if c.label == "signkey")
    assert cert.serial == "03000000000cde70" and cert.id == "01" and "SoftHSM" in cert.subject
    assert not token.private_keys  # listed only after a login
    _, tokens = list_tokens(softhsm["module"], Asked(softhsm["pin"]))
    [token] = [t for t in tokens if t.label == softhsm["token"]]
    assert sorted(token.private_keys) == [("otherkey", "02"), ("signkey", "01")]


class _TokenWithFlags:
    """The real SoftHSM token, reporting PIN flags SoftHSM never sets (it never locks)."""

    def __init__(self, token, flags, open_error=None) -> None:
        self._token = token
        self.flags = flags
        self.label = token.label
        self._open_error = open_error

    def open(self, **kwargs):
        if self._open_error is not None:
            raise self._open_error
        return self._token.open(**kwargs)


class _LibWithFlags:
    def __init__(self, lib, flags, open_error=None) -> None:
        self._lib, self._flags, self._open_error = lib, flags, open_error

    def get_token(self, **kwargs):
        return _TokenWithFlags(self._lib.get_token(**kwargs), self._flags, self._open_error)

    def get_slots(self, **kwargs):
        return self._lib.get_slots(**kwargs)


def _double(softhsm, extra_flags, open_error=None):
    import pkcs11

    lib = pkcs11.lib(softhsm["module"])
    flags = lib.get_token(token_label=softhsm["token"]).flags | extra_flags
    return _LibWithFlags(lib, flags, open_error)


def test_locked_pin_is_refused_before_asking(softhsm):
    from pkcs11 import TokenFlag

    asked = Asked(softhsm["pin"])
    with pytest.raises(PinError, match="locked"):
        Pkcs11Signer(
            softhsm["token"], asked, lib=_double(softhsm, TokenFlag.USER_PIN_LOCKED), key_label="signkey"
        )
    assert asked.calls == 0


@pytest.mark.parametrize(
    ("flag", "words"), [("USER_PIN_FINAL_TRY", "ONE try left"), ("USER_PIN_COUNT_LOW", "few tries")]
)
def test_low_and_final_tries_are_warned_about(softhsm, flag, words):
    from pkcs11 import TokenFlag

    asked = Asked(softhsm["pin"])
    # a final try is used only when the caller was told to (--final-pin-try, the window's confirmation)
    signer = Pkcs11Signer(
        softhsm["token"], asked, lib=_double(softhsm, TokenFlag[flag]), key_label="signkey", final_try=True
    )
    try:
        assert any(words in w for w in signer.warnings)
        assert len(signer.sign(b"x")) == 256
    finally:
        signer.close()
    assert asked.calls == 1


def test_token_that_locks_at_login_is_reported(softhsm):
    from pkcs11 import exceptions

    asked = Asked("999999")
    with pytest.raises(PinError, match="locked"):
        Pkcs11Signer(
            softhsm["token"], asked, lib=_double(softhsm, 0, exceptions.PinLocked()), key_label="signkey"
        )
    assert asked.calls == 1
