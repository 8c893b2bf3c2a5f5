"""The Python hostile-suite driver (test/hostile/drivers/README.md): one KeySet call through the
committed contract SDK (``ecgridos``, on the runtime ``ecgrid_soap_runtime``) with the given
deadline and every other option at its default; one JSON line on stdout. With ``--asyncio`` the
call goes through the asyncio client (``AsyncECGridOS``) instead of the blocking one.

``driver.py [--asyncio] <endpoint-url> <timeout-ms>``"""

from __future__ import annotations

import asyncio
import json
import re
import sys
import time
from typing import Any

from ecgrid_soap_runtime import SoapRuntimeError
from ecgridos import AsyncECGridOS, ECGridOS, KeyIDInfo, KeyVisibility


def peak_rss_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            match = re.search(r"^VmHWM:\s+(\d+) kB", status.read(), re.MULTILINE)
    except OSError:
        return -1
    return int(match.group(1)) if match else -1


SESSION_ID = "s3cr3t-session-7f9e2c"


def call_blocking(endpoint: str, timeout: float) -> KeyIDInfo:
    with ECGridOS(endpoint=endpoint, timeout=timeout) as client:
        return client.service.KeySet(SessionID=SESSION_ID, UserID=5001, Visibility=KeyVisibility.Shared)


async def call_asyncio(endpoint: str, timeout: float) -> KeyIDInfo:
    async with AsyncECGridOS(endpoint=endpoint, timeout=timeout) as client:
        return await client.service.KeySet(SessionID=SESSION_ID, UserID=5001, Visibility=KeyVisibility.Shared)


def main(endpoint: str, timeout_ms: str, use_asyncio: bool) -> None:
    timeout = int(timeout_ms) / 1000
    started = time.monotonic()
    line: dict[str, Any]
    try:
        info = asyncio.run(call_asyncio(endpoint, timeout)) if use_asyncio else call_blocking(endpoint, timeout)
        elapsed = (time.monotonic() - started) * 1000
        value = {"KeyID": info.KeyID, "UserID": info.UserID, "Key": info.Key, "Visibility": info.Visibility.value, "Created": info.Created}
        line = {"ok": True, "value": value, "elapsedMs": elapsed}
    except BaseException as error:  # everything, to report what escaped: the suite fails on it
        elapsed = (time.monotonic() - started) * 1000
        line = {
            "ok": False,
            "sdkError": isinstance(error, SoapRuntimeError),
            "type": type(error).__name__,
            "code": str(getattr(error, "code", "")),
            "message": str(error),
            "elapsedMs": elapsed,
        }
    line["peakRssKb"] = peak_rss_kb()
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    arguments = sys.argv[1:]
    use_asyncio = arguments[:1] == ["--asyncio"]
    if use_asyncio:
        arguments = arguments[1:]
    main(arguments[0], arguments[1], use_asyncio)
