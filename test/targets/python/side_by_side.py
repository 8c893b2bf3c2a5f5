"""The v3.2 and v4.1 ECGridOS SDKs (``ecgridos_api_v3``, ``ecgridos_api_v4``) in one program on
one runtime (``ecgrid_soap_runtime``), for python-artifacts.test.ts:
``side_by_side.py <endpoint>``. Each SDK calls the local server at ``endpoint`` (Version and
KeySet, in its own namespace) and decodes XML of its own namespace while refusing the other's.
Prints what happened as JSON; fails with an AssertionError when the two are not kept apart."""

from __future__ import annotations

import json
import sys
from typing import Any

import ecgrid_soap_runtime
import ecgridos_api_v3 as v3
import ecgridos_api_v4 as v4

V3_NS = "http://ecgridos.net/"
V4_NS = "https://os.ecgrid.io/"


def use(sdk: Any, client: Any, own_ns: str, other_ns: str) -> dict[str, Any]:
    version = client.service.Version()
    stored = client.service.KeySet(SessionID="s-1", SystemObject=sdk.Objects.User, ObjectID=5001, Visibility=sdk.KeyVisibility.Shared, DaysToLive=7)
    response = f'<KeySetResponse xmlns="{own_ns}"><KeySetResult>true</KeySetResult></KeySetResponse>'
    decoded = sdk.decode("KeySetResponse", response)
    try:
        sdk.decode("KeySetResponse", response.replace(own_ns, other_ns))
        refused = None
    except ecgrid_soap_runtime.DecodeError as error:
        refused = error.code
    return {
        "module": sdk.__name__,
        "version": version,
        "key_set": stored,
        "decoded": type(decoded).__module__ + "." + type(decoded).__qualname__,
        "other_namespace": refused,
        "runtime_file": ecgrid_soap_runtime.__file__,
    }


def main(endpoint: str) -> None:
    # One runtime: both SDKs use its classes, not copies of them.
    assert v3.SoapFault is v4.SoapFault is ecgrid_soap_runtime.SoapFault
    assert v3.NIL is v4.NIL is ecgrid_soap_runtime.NIL
    assert type(v3.schema.CODEC) is type(v4.schema.CODEC) is ecgrid_soap_runtime.Codec
    # Distinct namespaces: distinct modules, models and schemas.
    assert (v3.KeyVisibility.__module__, v4.KeyVisibility.__module__) == ("ecgridos_api_v3.models", "ecgridos_api_v4.models")
    assert "System" in v4.Objects.__members__ and "System" not in v3.Objects.__members__
    assert v3.schema.CODEC is not v4.schema.CODEC
    out = [
        use(v3, v3.ECGridOS_API_v3(endpoint=endpoint), V3_NS, V4_NS),
        use(v4, v4.ECGridOS_API_v4(endpoint=endpoint), V4_NS, V3_NS),
    ]
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
