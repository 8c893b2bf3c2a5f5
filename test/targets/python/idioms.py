"""What a Python user of the installed `ecgridos` SDK expects of it, run against the mock server
(`ecgrid-codegen mock`) by python-artifacts.test.ts, and type-checked there with mypy --strict:
``idioms.py <mock URL> <URL of a mock started with --fault KeySet=FILE> <URL of a mock started
with --delay>``. Prints one JSON object of what happened.

- `with ECGridOS(...) as client:` and a call after the block (ClientUsageError, code closed);
- an enumeration parameter given as its string (`Visibility="Shared"`), which mypy accepts;
- `logging` records of the calls, bodies at DEBUG with the SessionID redacted;
- `last_exchange` per thread, redacted in its repr;
- a fault from the mock's --fault file: typed, with its detail as plain values, the one-letter
  SessionID redacted as a whole token only (soap:Client stays);
- the mock's --delay against a shorter timeout: SoapTimeoutError naming the timeout that fired;
- AsyncECGridOS: calls gathered on one event loop, and the --delay timeout.
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import sys
import threading
from typing import Any

from ecgridos import AsyncECGridOS, ClientUsageError, ECGridOS, KeyVisibility, SoapFault, SoapTimeoutError

SECRET = "idiom-secret-session-77"


def main(url: str, fault_url: str, slow_url: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    records = io.StringIO()
    handler = logging.StreamHandler(records)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    logger = logging.getLogger("ecgrid_soap_runtime")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)

    with ECGridOS(endpoint=url) as client:
        info = client.service.KeySet(SessionID=SECRET, UserID=42, Visibility="Shared")
        out["result"] = {"UserID": info.UserID, "Visibility": info.Visibility.value, "is_enum": info.Visibility is KeyVisibility.Shared}
        exchange = client.last_exchange
        assert exchange is not None
        out["exchange_holds_secret"] = SECRET in exchange.request_body
        out["repr_holds_secret"] = SECRET in repr(exchange)
        out["repr_redacted"] = "<SessionID>***</SessionID>" in repr(exchange)
        seen: list[bool] = []
        worker = threading.Thread(target=lambda: seen.append(client.last_exchange is None))
        worker.start()
        worker.join()
        out["other_thread_sees_none"] = seen == [True]
    try:
        client.service.KeySet(UserID=1, Visibility=KeyVisibility.Private)
        out["after_close"] = "no error"
    except ClientUsageError as error:
        out["after_close"] = error.code
    lines = records.getvalue().splitlines()
    out["log_info"] = [line.rsplit(" in ", 1)[0] for line in lines if " INFO " in line]
    out["log_has_request_body"] = any(line.endswith("DEBUG KeySet request:") for line in lines)
    out["log_holds_secret"] = SECRET in records.getvalue()
    out["log_redacted"] = "<SessionID>***</SessionID>" in records.getvalue()
    logger.removeHandler(handler)

    with ECGridOS(endpoint=fault_url) as client:
        try:
            client.service.KeySet(SessionID="s", UserID=1, Visibility="Private")
            out["fault"] = "no error"
        except SoapFault as fault:
            detail = fault.detail
            out["fault"] = {
                "message": str(fault),
                "code": fault.code,
                "reason": fault.reason,
                "detail_value": fault.detail_value,
                "detail_tag": None if detail is None else detail[0].tag,
            }

    with ECGridOS(endpoint=slow_url, timeout=30) as client:
        try:
            client.service.KeySet(UserID=1, Visibility="Public", timeout=0.5)
            out["timeout"] = "no error"
        except SoapTimeoutError as error:
            out["timeout"] = {"code": error.code, "timeout": error.timeout, "message": str(error), "is_timeout_error": isinstance(error, TimeoutError)}

    async def gathered() -> dict[str, Any]:
        async with AsyncECGridOS(endpoint=url) as client:
            infos = await asyncio.gather(*(client.service.KeySet(UserID=n, Visibility="Session") for n in (7, 8, 9)))
        async with AsyncECGridOS(endpoint=slow_url) as slow:
            try:
                await slow.service.KeySet(UserID=1, Visibility="Public", timeout=0.5)
                timed_out = "no error"
            except SoapTimeoutError as error:
                timed_out = str(error)
        return {"user_ids": [i.UserID for i in infos], "timeout": timed_out}

    out["async"] = asyncio.run(gathered())
    return out


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], sys.argv[2], sys.argv[3])))
