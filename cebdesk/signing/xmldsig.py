"""Enveloped XML signatures the CEB way (ceb-spec §6, DESIGN.md).

- DigestValue = base64(H(inclusive C14N 1.0, no comments, of the document without ds:Signature)).
- ds:Signature goes in as the last child of the root (import) or before ExtendMessage (export),
  with no whitespace around it, so removing it gives back exactly what was digested.
- ds:SignedInfo is canonicalized where it stands (it inherits the root's namespace declarations)
  and those bytes are signed. Nothing is re-serialized afterwards.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from lxml import etree

from ..spec import NS_DS, SignaturePosition
from .base import Algorithm, Signer, key_name

C14N_URI = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ENVELOPED_URI = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
_DS = f"{{{NS_DS}}}"


def _ds(parent: etree._Element | None, name: str, **attrib: str) -> etree._Element:
    tag = _DS + name
    if parent is None:
        return etree.Element(tag, attrib, nsmap={"ds": NS_DS})
    return etree.SubElement(parent, tag, attrib)


def c14n(node: etree._Element | etree._ElementTree) -> bytes:
    return etree.tostring(node, method="c14n", exclusive=False, with_comments=False)


def find_signature(root: etree._Element) -> etree._Element | None:
    return root.find(f"{_DS}Signature")


def remove_signature(root: etree._Element) -> bool:
    """Take out an existing ds:Signature, keeping the text that followed it in place."""
    sig = find_signature(root)
    if sig is None:
        return False
    tail = sig.tail
    prev = sig.getprevious()
    parent = sig.getparent()
    assert parent is not None
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(sig)
    return True


def document_digest(root: etree._Element, algorithm: Algorithm) -> str:
    """DigestValue of the document as it stands (call without ds:Signature in it)."""
    return base64.b64encode(algorithm.digest(c14n(root.getroottree()))).decode("ascii")


def _insert(root: etree._Element, sig: etree._Element, position: SignaturePosition) -> None:
    if position is SignaturePosition.BEFORE_EXTEND:
        extend = root.find("{http://www.chinaport.gov.cn/ceb}ExtendMessage")
        if extend is not None:
            extend.addprevious(sig)
            sig.tail = None
            return
    root.append(sig)
    sig.tail = None


def sign_message(
    root: etree._Element, signer: Signer, position: SignaturePosition = SignaturePosition.LAST
) -> etree._Element:
    """Sign ``root`` in place (an old signature is replaced) and return the ds:Signature."""
    remove_signature(root)
    algorithm = signer.algorithm
    digest = document_digest(root, algorithm)

    sig = _ds(None, "Signature")
    signed_info = _ds(sig, "SignedInfo")
    _ds(signed_info, "CanonicalizationMethod", Algorithm=C14N_URI)
    _ds(signed_info, "SignatureMethod", Algorithm=algorithm.signature_uri)
    reference = _ds(signed_info, "Reference", URI="")
    transforms = _ds(reference, "Transforms")
    _ds(transforms, "Transform", Algorithm=ENVELOPED_URI)
    _ds(reference, "DigestMethod", Algorithm=algorithm.digest_uri)
    _ds(reference, "DigestValue").text = digest
    value = _ds(sig, "SignatureValue")
    key_info = _ds(sig, "KeyInfo")
    _ds(key_info, "KeyName").text = key_name(signer.certificate)
    x509_data = _ds(key_info, "X509Data")
    der = signer.certificate.public_bytes(Encoding.DER)
    _ds(x509_data, "X509Certificate").text = base64.b64encode(der).decode("ascii")

    _insert(root, sig, position)
    # SignedInfo is canonicalized in its final place, inheriting the root's namespaces.
    value.text = base64.b64encode(signer.sign(c14n(signed_info))).decode("ascii")
    return sig


@dataclass(frozen=True)
class Verdict:
    valid: bool
    reason: str = ""
    algorithm: Algorithm | None = None
    certificate: x509.Certificate | None = None


_ALGORITHMS = {a.signature_uri: a for a in Algorithm}


def verify_message(root: etree._Element) -> Verdict:
    """Check the enveloped signature of an RSA-signed message (digest, then signature value).

    Works on a copy: the caller's tree is left as it is.
    """
    sig = find_signature(root)
    if sig is None:
        return Verdict(False, "no ds:Signature")
    signed_info = sig.find(f"{_DS}SignedInfo")
    method = signed_info.find(f"{_DS}SignatureMethod") if signed_info is not None else None
    algorithm = _ALGORITHMS.get(method.get("Algorithm", "")) if method is not None else None
    if signed_info is None or algorithm is None:
        return Verdict(False, "unknown or missing SignatureMethod")
    cert_text = sig.findtext(f"{_DS}KeyInfo/{_DS}X509Data/{_DS}X509Certificate") or ""
    try:
        cert = x509.load_der_x509_certificate(base64.b64decode("".join(cert_text.split())))
    except ValueError:
        return Verdict(False, "X509Certificate does not parse", algorithm)
    expected = sig.findtext(f"{_DS}SignedInfo/{_DS}Reference/{_DS}DigestValue") or ""

    copy = etree.fromstring(etree.tostring(root))
    remove_signature(copy)
    actual = document_digest(copy, algorithm)
    if actual != expected.strip():
        return Verdict(
            False, f"digest mismatch: computed {actual}, signed {expected.strip()}", algorithm, cert
        )
    value = base64.b64decode("".join((sig.findtext(f"{_DS}SignatureValue") or "").split()))
    public_key = cert.public_key()
    if not isinstance(public_key, rsa.RSAPublicKey):
        return Verdict(False, "only RSA signatures are verified here", algorithm, cert)
    hash_ = hashes.SHA1() if algorithm is Algorithm.RSA_SHA1 else hashes.SHA256()  # noqa: S303
    try:
        public_key.verify(value, c14n(signed_info), padding.PKCS1v15(), hash_)
    except InvalidSignature:
        return Verdict(False, "signature value does not match SignedInfo", algorithm, cert)
    return Verdict(True, "", algorithm, cert)
