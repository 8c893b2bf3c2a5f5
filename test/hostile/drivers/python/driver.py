"""The Python hostile-suite driver (test/hostile/drivers/README.md): one KeySet call through the
committed contract SDK (``ecgridos``, on the runtime ``ecgrid_soap_runtime``) with the given
deadline and every other option at its default; one JSON line on stdout.

``driver.py <endpoint-url> <timeout-ms>``"""

from __future__ import annotations

import json
import re
import sys
import time
from typing import Any

from ecgrid_soap_runtime import SoapRuntimeError
from ecgridos import ECGridOS, KeyVisibility


def peak_rss_kb() -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            match = re.search(r"^VmHWM:\s+(\d+) kB", status.read(), re.MULTILINE)
    except OSError:
        return -1
    return int(match.group(1)) if match else -1


def main(endpoint: str, timeout_ms: str) -> None:
    client = ECGridOS(endpoint=endpoint, timeout=int(timeout_ms) / 1000)
    started = time.monotonic()
    line: dict[str, Any]
    try:
        info = client.service.KeySet(SessionID="s3cr3t-session-7f9e2c", UserID=5001, Visibility=KeyVisibility.Shared)
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
    main(sys.argv[1], sys.argv[2])
