"""HTTP upload of messages and download of receipts (requests).

TLS is verified by default. Timeouts, connection resets and 5xx answers are retried with
back-off; every attempt carries the same CopMsgId, so a server that already has the message
recognises the retry instead of taking a second declaration.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable
from pathlib import Path

import requests

from ..files import atomic_write


class DeliveryError(Exception):
    """The server refused the message (4xx) or kept failing until the retries ran out."""


class HttpChannel:
    def __init__(
        self,
        url: str,
        receipts_url: str | None = None,
        *,
        verify: bool | str = True,
        attempts: int = 8,
        backoff: float = 0.5,
        max_backoff: float = 10.0,
        timeout: tuple[float, float] = (5.0, 15.0),
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.url = url
        self.receipts_url = receipts_url
        self.verify = verify
        self.attempts = attempts
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.timeout = timeout
        self.sleep = sleep
        self.session = requests.Session()
        self.tries: list[str] = []  # what happened, attempt by attempt (for reports and tests)

    def deliver(self, name: str, data: bytes, cop_msg_id: str, msg_type: str) -> None:
        headers = {
            "Content-Type": "application/xml; charset=utf-8",
            "X-Cop-Msg-Id": cop_msg_id,
            "X-Msg-Type": msg_type,
            "X-File-Name": name,
        }
        delay = self.backoff
        last = ""
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.session.post(
                    self.url, data=data, headers=headers, timeout=self.timeout, verify=self.verify
                )
            except requests.exceptions.SSLError:
                # not a passing fault: retrying cannot make an unverifiable server trustworthy
                raise DeliveryError(
                    f"{self.url}: the server's TLS certificate could not be verified; nothing was sent"
                ) from None
            except (requests.Timeout, requests.ConnectionError) as exc:
                last = f"{type(exc).__name__}"
            else:
                if response.status_code < 300:
                    self.tries.append(f"{cop_msg_id}: ok after {attempt}")
                    return
                if 400 <= response.status_code < 500:
                    raise DeliveryError(
                        f"{name}: the server refused the message ({response.status_code}): {response.text[:300]}"
                    )
                last = f"HTTP {response.status_code}"
            self.tries.append(f"{cop_msg_id}: {last}")
            if attempt < self.attempts:
                self.sleep(delay)
                delay = min(delay * 2, self.max_backoff)
        raise DeliveryError(f"{name}: not delivered after {self.attempts} attempts (last: {last})")

    def download_receipts(self, folder: Path) -> list[Path]:
        """Fetch new receipts into ``folder`` (the receive/ folder); remembers where it got to."""
        if not self.receipts_url:
            return []
        cursor_file = folder / ".http-cursor"
        cursor = cursor_file.read_text().strip() if cursor_file.exists() else "0"
        try:
            response = self.session.get(
                self.receipts_url, params={"after": cursor}, timeout=self.timeout, verify=self.verify
            )
            response.raise_for_status()
            payload = response.json()
        except (requests.RequestException, ValueError):
            return []  # try again next time; nothing was taken
        written = []
        for item in payload.get("receipts", []):
            name = Path(str(item["name"])).name  # never a path from the server
            target = folder / name
            if not target.exists():
                written.append(atomic_write(target, base64.b64decode(item["data"])))
        if "next" in payload:
            atomic_write(cursor_file, str(payload["next"]).encode())
        return written


def receipts_payload(items: list[tuple[int, str, bytes]]) -> bytes:
    """The simulator's answer to a receipts download: [(id, name, data)]."""
    body = {
        "receipts": [{"id": i, "name": n, "data": base64.b64encode(d).decode("ascii")} for i, n, d in items],
        "next": items[-1][0] if items else None,
    }
    if body["next"] is None:
        del body["next"]
    return json.dumps(body).encode()
