"""Enveloped XML signatures the CEB way (ceb-spec §6, DESIGN.md): sign, verify, explain.

- DigestValue = base64(H(inclusive C14N 1.0, no comments, of the document without ds:Signature)).
- ds:Signature goes in as the last child of the root (import) or before ExtendMessage (export),
  with no whitespace around it, so removing it gives back exactly what was digested.
- ds:SignedInfo is canonicalized where it stands (it inherits the root's namespace declarations)
  and those bytes are signed. Nothing is re-serialized afterwards.
"""

from __future__ import annotations

import base64
import binascii
import copy
import datetime as dt
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from ..findings import Finding, Location, Severity
from ..spec import NS_CEB, NS_DS, SignaturePosition
from . import sm2
from .base import DIGEST_METHODS, SIGNATURE_METHODS, Algorithm, Signer, is_sm2_certificate, key_name

C14N_URI = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENVELOPED_URI = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
_DS = f"{{{NS_DS}}}"


def _ds(parent: etree._Element | None, name: str, **attrib: str) -> etree._Element:
    tag = _DS + name
    if parent is None:
        return etree.Element(tag, attrib, nsmap={"ds": NS_DS})
    return etree.SubElement(parent, tag, attrib)


def c14n(node: etree._Element | etree._ElementTree, *, with_comments: bool = False) -> bytes:
    return etree.tostring(node, method="c14n", exclusive=False, with_comments=with_comments)


def find_signature(root: etree._Element) -> etree._Element | None:
    return root.find(f"{_DS}Signature")


def remove_signature(root: etree._Element, *, tidy: bool = False) -> bool:
    """Take out an existing ds:Signature, keeping the text that followed it in place.

    ``tidy`` (when re-signing): the indentation that only served the old signature's line goes
    too, so the file reads as if it had never been signed. Verification never tidies: the
    enveloped transform removes the element and nothing else.
    """
    sig = find_signature(root)
    if sig is None:
        return False
    tail = sig.tail
    prev = sig.getprevious()
    parent = sig.getparent()
    assert parent is not None
    if tidy and tail and not tail.strip():  # the old signature sat on a line of its own
        if prev is not None and (prev.tail is None or not prev.tail.strip()):
            prev.tail = None
        elif prev is None and (parent.text is None or not parent.text.strip()):
            parent.text = None
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(sig)
    return True


def _digest(root: etree._Element, hash_name: str, *, with_comments: bool = False) -> str:
    data = c14n(root.getroottree(), with_comments=with_comments)
    return base64.b64encode(hashlib.new(hash_name, data).digest()).decode("ascii")


def document_digest(root: etree._Element, algorithm: Algorithm) -> str:
    """DigestValue of the document as it stands (call without ds:Signature in it)."""
    return _digest(root, algorithm.hash_name)


def _insert(root: etree._Element, sig: etree._Element, position: SignaturePosition) -> None:
    if position is SignaturePosition.BEFORE_EXTEND:
        extend = root.find(f"{{{NS_CEB}}}ExtendMessage")
        if extend is not None:
            extend.addprevious(sig)
            sig.tail = None
            return
    root.append(sig)
    sig.tail = None


@lru_cache(maxsize=8)
def _skeleton(algorithm: Algorithm) -> etree._Element:
    """ds:Signature with everything but the values; copied for each message."""
    sig = _ds(None, "Signature")
    signed_info = _ds(sig, "SignedInfo")
    _ds(signed_info, "CanonicalizationMethod", Algorithm=C14N_URI)
    _ds(signed_info, "SignatureMethod", Algorithm=algorithm.signature_uri)
    reference = _ds(signed_info, "Reference", URI="")
    transforms = _ds(reference, "Transforms")
    _ds(transforms, "Transform", Algorithm=ENVELOPED_URI)
    _ds(reference, "DigestMethod", Algorithm=algorithm.digest_uri)
    _ds(reference, "DigestValue")
    _ds(sig, "SignatureValue")
    key_info = _ds(sig, "KeyInfo")
    _ds(key_info, "KeyName")
    x509_data = _ds(key_info, "X509Data")
    _ds(x509_data, "X509Certificate")
    return sig


def sign_message(
    root: etree._Element, signer: Signer, position: SignaturePosition = SignaturePosition.LAST
) -> etree._Element:
    """Sign ``root`` in place (an old signature is replaced) and return the ds:Signature."""
    sig, to_sign = prepare_signature(root, signer, position)
    return finish_signature(sig, signer.sign(to_sign))


def prepare_signature(
    root: etree._Element, signer: Signer, position: SignaturePosition = SignaturePosition.LAST
) -> tuple[etree._Element, bytes]:
    """Everything of signing but the key's part: the ds:Signature in place with its digest,
    KeyName and certificate, and the canonical SignedInfo bytes the key must sign. Split so that
    a batch can prepare the next message while the key signs this one."""
    remove_signature(root, tidy=True)
    algorithm = signer.algorithm
    digest = document_digest(root, algorithm)

    sig = copy.deepcopy(_skeleton(algorithm))
    signed_info, value, key_info = sig
    signed_info[2][2].text = digest  # Reference/DigestValue
    key_info[0].text = key_name(signer.certificate)
    key_info[1][0].text = _certificate_text(signer.certificate)

    _insert(root, sig, position)
    # SignedInfo is canonicalized in its final place, inheriting the root's namespaces.
    return sig, c14n(signed_info)


def finish_signature(sig: etree._Element, value: bytes) -> etree._Element:
    """Put the key's signature value into a prepared ds:Signature."""
    sig[1].text = base64.b64encode(value).decode("ascii")
    return sig


@lru_cache(maxsize=64)
def _certificate(text: str) -> x509.Certificate:
    """The certificate in X509Certificate (a batch repeats the same one: decoded once)."""
    return x509.load_der_x509_certificate(base64.b64decode(text, validate=True))


@lru_cache(maxsize=64)
def _certificate_text(certificate: x509.Certificate) -> str:
    return base64.b64encode(certificate.public_bytes(Encoding.DER)).decode("ascii")


def verify_value(algorithm: Algorithm, certificate: x509.Certificate, data: bytes, value: bytes) -> bool:
    """Does ``value`` sign ``data`` with the key of ``certificate``?"""
    if algorithm.is_sm2:
        return sm2.verify(sm2.certificate_point(certificate), data, value)
    public_key = certificate.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        return False
    hash_ = hashes.SHA1() if algorithm is Algorithm.RSA_SHA1 else hashes.SHA256()  # noqa: S303
    try:
        public_key.verify(value, data, padding.PKCS1v15(), hash_)
    except InvalidSignature:
        return False
    return True


@dataclass
class Verdict:
    """What ``verify_message`` found. ``valid`` only when no finding is an error."""

    findings: list[Finding] = field(default_factory=list)
    algorithm: Algorithm | None = None
    certificate: x509.Certificate | None = None
    digest_ok: bool = False
    value_ok: bool = False

    @property
    def valid(self) -> bool:
        return self.digest_ok and self.value_ok and not any(f.is_error for f in self.findings)

    @property
    def reason(self) -> str:
        return "; ".join(f.message("en") for f in self.findings if f.is_error)


@contextmanager
def _without_signature(root: etree._Element, sig: etree._Element):
    """The document as the enveloped transform sees it, for as long as the block runs; then
    the signature is put back exactly where it was (no copy of the tree is made)."""
    parent = sig.getparent()
    assert parent is not None
    index = parent.index(sig)
    prev = sig.getprevious()
    saved = prev.tail if prev is not None else parent.text
    tail = sig.tail
    remove_signature(root)
    try:
        yield root
    finally:
        if prev is not None:
            prev.tail = saved
        else:
            parent.text = saved
        parent.insert(index, sig)
        sig.tail = tail


def _copy_without_signature(root: etree._Element) -> etree._Element:
    copy = etree.fromstring(etree.tostring(root))
    remove_signature(copy)
    return copy


def _digest_cause(root: etree._Element, expected: str, hash_name: str) -> str:
    """Try the usual ways a file is changed after signing; the rule of the one that explains
    the digest (``sig.digest_changed`` when none does)."""
    around = etree.fromstring(etree.tostring(root))
    sig = find_signature(around)
    assert sig is not None
    prev, parent = sig.getprevious(), sig.getparent()
    remove_signature(around)  # the text after the signature joins the text before it
    holder_text = prev.tail if prev is not None else parent.text  # type: ignore[union-attr]
    if holder_text is not None and not holder_text.strip():
        for end in range(len(holder_text)):  # some of that whitespace was there before signing
            if prev is not None:
                prev.tail = holder_text[:end] or None
            else:
                parent.text = holder_text[:end] or None  # type: ignore[union-attr]
            if _digest(around, hash_name) == expected:
                return "sig.digest_whitespace"
    compact = _copy_without_signature(root)
    for node in compact.iter():
        if node.text is not None and not node.text.strip() and len(node):
            node.text = None
        if node.tail is not None and not node.tail.strip():
            node.tail = None
    layouts = [compact]
    for space in ("\t", "  ", "    "):
        indented = etree.fromstring(etree.tostring(compact))
        etree.indent(indented, space=space)
        layouts.append(indented)
    if any(_digest(layout, hash_name) == expected for layout in layouts):
        return "sig.digest_reformatted"
    if _digest(_copy_without_signature(root), hash_name, with_comments=True) == expected:
        return "sig.digest_comments"
    return "sig.digest_changed"


#: The parts of ds:Signature that verification reads: (name, path in Clark notation).
_PARTS = tuple(
    (path.split("/")[-1], "/".join(_DS + step for step in path.split("/")))
    for path in (
        "SignedInfo",
        "SignedInfo/SignatureMethod",
        "SignedInfo/Reference/DigestMethod",
        "SignedInfo/Reference/DigestValue",
        "SignatureValue",
        "KeyInfo/X509Data/X509Certificate",
    )
)


def verify_message(
    root: etree._Element, name: str = "<message>", *, now: dt.datetime | None = None
) -> Verdict:
    """Check the enveloped signature of ``root`` and explain every problem found.

    Works on copies: the caller's tree is left as it is.
    """
    verdict = Verdict()
    where = Location(name, path=f"/{etree.QName(root).localname}/ds:Signature")

    def problem(rule: str, severity: Severity = Severity.ERROR, **params) -> None:
        verdict.findings.append(Finding(where, rule, severity, params=params))

    sig = find_signature(root)
    if sig is None:
        problem("sig.none")
        return verdict
    parts = {}
    for part, path in _PARTS:
        node = sig.find(path)
        if node is None:
            problem("sig.structure", element="ds:" + part)
            return verdict
        parts[part] = node
    signed_info = parts["SignedInfo"]

    canon = signed_info.find(f"{_DS}CanonicalizationMethod")
    if canon is None or canon.get("Algorithm") != C14N_URI:
        problem(
            "sig.unknown_uri",
            what="CanonicalizationMethod",
            uri=canon.get("Algorithm") if canon is not None else "-",
        )
    method_uri = parts["SignatureMethod"].get("Algorithm", "")
    digest_uri = parts["DigestMethod"].get("Algorithm", "")
    algorithm = SIGNATURE_METHODS.get(method_uri)
    hash_name = DIGEST_METHODS.get(digest_uri)
    if algorithm is None:
        problem("sig.unknown_uri", what="SignatureMethod", uri=method_uri)
    if hash_name is None:
        problem("sig.unknown_uri", what="DigestMethod", uri=digest_uri)
    if algorithm is None or hash_name is None:
        return verdict
    verdict.algorithm = algorithm
    if method_uri != algorithm.signature_uri:
        problem(
            "sig.nonstandard_uri",
            Severity.WARNING,
            what="SignatureMethod",
            uri=method_uri,
            expected=algorithm.signature_uri,
        )
    if digest_uri != algorithm.digest_uri:
        problem(
            "sig.nonstandard_uri",
            Severity.WARNING,
            what="DigestMethod",
            uri=digest_uri,
            expected=algorithm.digest_uri,
        )

    try:
        cert = _certificate("".join((parts["X509Certificate"].text or "").split()))
    except (ValueError, binascii.Error) as exc:
        problem("sig.bad_certificate", detail=str(exc)[:200])
        return verdict
    verdict.certificate = cert
    cert_sm2 = is_sm2_certificate(cert)
    if cert_sm2 != algorithm.is_sm2:
        kind = "SM2" if cert_sm2 else "RSA"
        problem(
            "sig.uri_mismatch", detail=f"SignatureMethod {method_uri} but the certificate holds an {kind} key"
        )
        return verdict

    expected = (parts["DigestValue"].text or "").strip()
    with _without_signature(root, sig) as bare:
        actual = _digest(bare, hash_name)
    verdict.digest_ok = actual == expected
    if not verdict.digest_ok:
        problem(_digest_cause(root, expected, hash_name))

    try:
        value = base64.b64decode("".join((parts["SignatureValue"].text or "").split()), validate=True)
    except (ValueError, binascii.Error):
        value = b""
    verdict.value_ok = verify_value(algorithm, cert, c14n(signed_info), value)
    if not verdict.value_ok:
        problem("sig.value_mismatch")

    name_node = sig.find(f"{_DS}KeyInfo/{_DS}KeyName")
    serial = key_name(cert)
    if name_node is None or not (name_node.text or "").strip():
        problem("sig.structure", element="ds:KeyName")
    else:
        text = name_node.text.strip()
        try:
            same_number = int(text, 16) == cert.serial_number
        except ValueError:
            same_number = False
        if not same_number:
            problem("sig.keyname_mismatch", key_name=text, serial=serial)
        elif text != serial:
            problem("sig.keyname_padding", Severity.WARNING, key_name=text, serial=serial)

    now = now or dt.datetime.now(dt.UTC)
    if now > cert.not_valid_after_utc:
        problem("sig.expired", date=f"{cert.not_valid_after_utc:%Y-%m-%d}")
    elif now < cert.not_valid_before_utc:
        problem("sig.not_yet_valid", date=f"{cert.not_valid_before_utc:%Y-%m-%d}")
    return verdict
