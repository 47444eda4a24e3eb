"""A stand-in for the E-Port client control on 127.0.0.1, speaking its recorded protocol with a
real key behind it: the signatures it returns are real and verify against its certificate.

Replies follow the shapes recorded from the control (``_id``, ``_method``, ``_status``,
``_args.Result/Data/Error``; an ``open`` greeting; card errors such as
``[读卡器底层库]复位读卡器失败:错误码=50070`` with ``Err:Custom50070``).
"""

from __future__ import annotations

import base64
import json
import threading

from cryptography.hazmat.primitives.serialization import Encoding
from websockets.sync.server import serve

from cebdesk.signing.base import key_name


class CardControl:
    def __init__(self, signer, pin: str = "88888888", *, greet: bool = True) -> None:
        self.signer = signer
        self.pin = pin
        self.greet = greet
        self.calls: list[str] = []
        self.pin_checks = 0
        self.fail_after: int | None = None  # card error after this many signatures
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()
        self._server = serve(self._handle, "127.0.0.1", 0)
        self.url = f"ws://127.0.0.1:{self._server.socket.getsockname()[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    def _reply(self, request: dict, result: bool, data: list[str], errors: list[str] | None = None) -> str:
        return json.dumps(
            {
                "_id": request.get("_id"),
                "_method": request.get("_method"),
                "_status": "00",
                "_args": {"Result": result, "Data": data, "Error": errors or []},
            },
            ensure_ascii=False,
        )

    def _handle(self, ws) -> None:
        if self.greet:
            ws.send(
                json.dumps(
                    {
                        "_id": 0,
                        "_method": "open",
                        "_status": "00",
                        "_args": {"Result": True, "Data": [], "Error": []},
                    }
                )
            )
        for text in ws:
            request = json.loads(text)
            with self._lock:
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
            try:
                ws.send(self._answer(request))
            finally:
                with self._lock:
                    self.in_flight -= 1

    def _answer(self, request: dict) -> str:
        method = request.get("_method", "")
        args = request.get("args") or {}
        self.calls.append(method)
        cert = self.signer.certificate
        if method == "cus-sec_SpcGetSignCertAsPEM":
            return self._reply(request, True, [base64.b64encode(cert.public_bytes(Encoding.DER)).decode()])
        if method == "cus-sec_SpcGetCertNo":
            return self._reply(request, True, [key_name(cert)])
        if method == "cus-sec_SpcVerifyPIN":
            self.pin_checks += 1
            if args.get("passwd") != self.pin:
                return self._reply(request, False, [], ["卡口令不正确", "Err:Custom50012"])
            return self._reply(request, True, ["0"])
        if method == "cus-sec_SpcSignDataAsPEM":
            if args.get("passwd") != self.pin:
                return self._reply(request, False, [], ["卡口令不正确", "Err:Custom50012"])
            signed = self.calls.count(method)
            if self.fail_after is not None and signed > self.fail_after:
                return self._reply(
                    request, False, [], ["[读卡器底层库]复位读卡器失败:错误码=50070", "Err:Custom50070"]
                )
            value = self.signer.sign(args["inData"].encode("utf-8"))
            return self._reply(request, True, [base64.b64encode(value).decode(), key_name(cert)])
        return self._reply(request, False, [], [f"未知方法 {method}"])
