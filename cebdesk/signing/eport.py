"""Operator IC cards and USB keys through the China E-Port client control (客户端控件).

On Windows the card is reached through the control's local WebSocket (``ws://127.0.0.1:61232``).
Requests are ``{"_id", "_method", "args"}``; replies ``{"_id", "_method", "_status",
"_args": {"Result", "Data", "Error"}}``; the control may greet with an ``open`` message first.
The card hashes and signs what it is given: ``cus-sec_SpcSignDataAsPEM`` with ``inData`` = the
canonical SignedInfo and ``passwd`` = the card PIN returns ``Data[0]`` = base64 signature value
and ``Data[1]`` = the certificate number.

One call at a time, and no faster than a card sustains (about 250 signatures a minute). The PIN
is checked once (``cus-sec_SpcVerifyPIN``) before any signing, so a wrong PIN costs one try only.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import threading
import time
from contextlib import ExitStack, suppress
from typing import Any

from cryptography import x509
from websockets.exceptions import WebSocketException
from websockets.sync.client import connect

from . import sm2
from .base import (
    PinError,
    PinProvider,
    SigningError,
    TokenGone,
    certificate_algorithm,
    check_certificate,
    key_name,
)

DEFAULT_URL = "ws://127.0.0.1:61232"
CARD_RATE_PER_MINUTE = 250

#: Card and reader error codes seen from the control, in plain words.
CARD_ERRORS = {
    "50070": "读卡器复位失败：请拔出再插入卡或 USB Key，确认驱动已安装 (the reader could not reset the card: reinsert it)",
    "50200": "打开读卡器失败：没有找到读卡器或 USB Key (the reader could not be opened: is the key plugged in?)",
    "60408": "连接客户端控件失败：请确认中国电子口岸客户端控件正在运行 (the card control is not reachable)",
}


def _explain(errors: list[str]) -> str:
    text = "; ".join(errors) or "no reason given"
    for code, words in CARD_ERRORS.items():
        if code in text:
            return f"{words} [{text}]"
    return text


def _load_certificate(text: str) -> x509.Certificate:
    text = text.strip()
    if "BEGIN CERTIFICATE" not in text:
        body = re.sub(r"\s+", "", text)
        text = (
            "-----BEGIN CERTIFICATE-----\n"
            + "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
            + "\n-----END CERTIFICATE-----\n"
        )
    return x509.load_pem_x509_certificate(text.encode("ascii"))


class EPortSigner:
    """Signs through the E-Port client control with the card's own key."""

    def __init__(
        self,
        url: str,
        pin_provider: PinProvider,
        *,
        timeout: float = 30.0,
        rate_per_minute: float = CARD_RATE_PER_MINUTE,
        now: dt.datetime | None = None,
    ) -> None:
        self.url = url
        self._timeout = timeout
        self._interval = 60.0 / rate_per_minute if rate_per_minute else 0.0
        self._last = 0.0
        self._lock = threading.Lock()
        self._id = 0
        self._stack = ExitStack()
        try:
            self._ws = self._stack.enter_context(
                connect(url, open_timeout=5, close_timeout=2, max_size=8 * 1024 * 1024)
            )
        except (OSError, WebSocketException, TimeoutError) as exc:
            raise SigningError(
                f"cannot reach the E-Port card control at {url}: {exc}. {CARD_ERRORS['60408']}"
            ) from None
        try:
            self._greeting()
            cert_text = self._call("cus-sec_SpcGetSignCertAsPEM", {})[0]
            try:
                self._cert = _load_certificate(cert_text)
            except ValueError as exc:
                raise SigningError(f"the card returned a certificate that does not parse: {exc}") from None
            self.cert_no = self._call("cus-sec_SpcGetCertNo", {})[0]
            self.warnings = check_certificate(self._cert, now)
            if self.cert_no.lower().lstrip("0") != key_name(self._cert).lstrip("0"):
                self.warnings.append(
                    f"the card's certificate number {self.cert_no} differs from the certificate serial {key_name(self._cert)}"
                )
            pin = pin_provider("E-Port card (中国电子口岸卡)")
            try:
                self._call("cus-sec_SpcVerifyPIN", {"passwd": pin})
            except SigningError as exc:
                raise PinError(f"the card refused the PIN; cebdesk does not try again ({exc})") from None
            self._pin: str | None = pin
            del pin
        except BaseException:
            self._stack.close()
            raise
        self._algorithm = certificate_algorithm(self._cert)

    def _greeting(self) -> None:
        """The control may say ``open`` first; take it if it comes."""
        try:
            message = json.loads(self._ws.recv(timeout=0.5))
        except TimeoutError:
            return
        except (WebSocketException, ValueError) as exc:
            raise TokenGone(f"the card control closed the connection: {exc}") from None
        if message.get("_method") != "open":
            raise SigningError(f"unexpected first message from the card control: {message.get('_method')!r}")

    def _call(self, method: str, args: dict[str, Any]) -> list[str]:
        with self._lock:  # one call at a time: the control serves one card
            wait = self._last + self._interval - time.monotonic() if method.endswith("SignDataAsPEM") else 0
            if wait > 0:
                time.sleep(wait)
            self._id += 1
            request = {"_id": self._id, "_method": method, "args": args}
            try:
                self._ws.send(json.dumps(request, ensure_ascii=False))
                deadline = time.monotonic() + self._timeout
                while True:
                    reply = json.loads(self._ws.recv(timeout=max(0.01, deadline - time.monotonic())))
                    if reply.get("_id") == self._id or reply.get("_method") == method:
                        break
            except TimeoutError:
                raise TokenGone(
                    f"the card control did not answer {method} within {self._timeout:.0f} s"
                ) from None
            except (WebSocketException, OSError, ValueError) as exc:
                raise TokenGone(f"lost the card control at {self.url}: {exc}") from None
            finally:
                self._last = time.monotonic()
        body = reply.get("_args") or {}
        if reply.get("_status") not in ("00", 0, None) or not body.get("Result"):
            errors = [str(e) for e in body.get("Error") or []]
            if any(code in " ".join(errors) for code in ("50070", "50200")):
                raise TokenGone(_explain(errors))
            raise SigningError(f"{method}: {_explain(errors)}")
        data = body.get("Data") or []
        if not data:
            raise SigningError(f"{method}: the card control returned no data")
        return [str(d) for d in data]

    @property
    def algorithm(self):
        return self._algorithm

    @property
    def certificate(self) -> x509.Certificate:
        return self._cert

    def sign(self, data: bytes) -> bytes:
        if self._pin is None:
            raise SigningError("the card session is closed")
        answer = self._call("cus-sec_SpcSignDataAsPEM", {"inData": data.decode("utf-8"), "passwd": self._pin})
        try:
            value = base64.b64decode("".join(answer[0].split()), validate=True)
        except ValueError:
            raise SigningError("the card returned a signature that is not base64") from None
        return sm2.der_to_raw(value) if self._algorithm.is_sm2 else value

    def close(self) -> None:
        self._pin = None
        with suppress(WebSocketException, OSError):
            self._stack.close()
