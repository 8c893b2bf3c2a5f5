"""Calls KeySet once with the generated client and prints what happened as JSON, for the
client tests of python.test.ts: ``client_call.py <endpoint> <soap_version> <timeout>``.

The SessionID is ``secret-session-123`` so the test can check it never shows in an error."""

from __future__ import annotations

import json
import sys
from typing import Any

from ecgridos import (
    ECGridOS,
    HttpError,
    KeyVisibility,
    ResponseFormatError,
    SoapFault,
    SoapRuntimeError,
    SoapTimeoutError,
)


def describe(error: SoapRuntimeError) -> dict[str, Any]:
    out: dict[str, Any] = {"error": type(error).__name__, "code": error.code, "message": str(error)}
    if isinstance(error, SoapFault):
        detail = error.detail
        out.update(code_local=error.code_local, code_ns=error.code_ns, reason=error.reason, version=error.version,
                   detail=None if detail is None else [child.tag for child in detail])
    if isinstance(error, (HttpError, ResponseFormatError)):
        out.update(status=error.status, body_excerpt=error.body_excerpt)
    if isinstance(error, SoapTimeoutError):
        out.update(is_timeout_error=isinstance(error, TimeoutError))
    return out


def main(endpoint: str, soap_version: str, timeout: str) -> None:
    client = ECGridOS(endpoint=endpoint, soap_version=soap_version, timeout=float(timeout))
    try:
        result = client.service.KeySet(SessionID="secret-session-123", UserID=5001, Visibility=KeyVisibility.Shared)
    except SoapRuntimeError as error:
        print(json.dumps(describe(error)))
        return
    print(json.dumps({
        "result": {
            "KeyID": result.KeyID,
            "UserID": result.UserID,
            "Key": result.Key,
            "Visibility": result.Visibility.value,
            "visibility_is_enum": result.Visibility is KeyVisibility.Shared,
            "Created": result.Created,
        },
        "request_headers": dict(client.last_exchange.request_headers) if client.last_exchange else None,
    }))


if __name__ == "__main__":
    main(*sys.argv[1:4])
