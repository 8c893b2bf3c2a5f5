"""Round-trip driver of the Python SDK: ``driver.py [--keep-going] <manifest.json> <outDir>``.

For each vector of the manifest (see test/targets/README.md) it decodes the input with the
generated package's codec (the runtime library's Codec on the package's schema) and encodes it
again, writing ``<outDir>/<name>.xml``. On the first failure it prints ``vector <name>: ...`` to
stderr and exits 1. With ``--keep-going`` a runtime error (``SoapRuntimeError``, not a
``SchemaError``, which is a generator bug) writes its code into ``<outDir>/<name>.error`` instead
and the driver goes on (strictness comparisons over invalid documents). The package is found on ``sys.path`` (the
test sets PYTHONPATH to the package's ``src`` folder and the runtime's) under the name in ``ECGRID_PY_PACKAGE``
(``ecgridos`` by default; the v4.1 WSDL's service gives ``ecgridos_api_v4``).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from ecgrid_soap_runtime import SchemaError, SoapRuntimeError, body_declarations, decode_envelope, encode_envelope, parse_xml

_PACKAGE = os.environ.get("ECGRID_PY_PACKAGE", "ecgridos")
CODEC: Any = importlib.import_module(f"{_PACKAGE}.schema").CODEC


def run_vector(vector: dict[str, Any], base: Path) -> str:
    data = (base / vector["input"]).read_bytes()
    root = vector["root"]
    namespaces = vector["decode"]["namespaces"]
    qualified = vector["encode"]["qualified"]
    indent = vector["encode"]["indent"]
    if vector["kind"] == "envelope":
        envelope = decode_envelope(data)
        # Strict decoding as the client reads a response (straight from the parser when it can).
        if namespaces == "strict":
            value = CODEC.decode_response(data, root["id"])
        else:
            value = CODEC.decode_element(root["id"], envelope.body, namespaces=namespaces)
        body = CODEC.encode_element(
            root["id"],
            value,
            qualified=qualified,
            indent=indent,
            depth=0 if indent is None else 2,
            declarations=body_declarations(envelope.version),
        )
        return str(encode_envelope(envelope.version, body, indent=indent))
    node = parse_xml(data)
    if root["kind"] == "element":
        value = CODEC.decode_element(root["id"], node, namespaces=namespaces)
        return str(CODEC.encode_element(root["id"], value, qualified=qualified, indent=indent))
    value = CODEC.decode_type(root["id"], node, namespaces=namespaces)
    return str(CODEC.encode_type(root["id"], root["ns"], root["local"], value, qualified=qualified, indent=indent))


def main(argv: list[str]) -> int:
    keep_going = len(argv) == 4 and argv[1] == "--keep-going"
    if len(argv) != (4 if keep_going else 3):
        print("usage: driver.py [--keep-going] <manifest.json> <outDir>", file=sys.stderr)
        return 2
    manifest_path, out_dir = Path(argv[-2]), Path(argv[-1])
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    for vector in manifest["vectors"]:
        name = vector["name"]
        try:
            output = run_vector(vector, manifest_path.parent)
        except SoapRuntimeError as error:
            if not keep_going or isinstance(error, SchemaError):
                print(f"vector {name}: {type(error).__name__}: {error}", file=sys.stderr)
                return 1
            (out_dir / f"{name}.error").write_bytes(error.code.encode("utf-8"))
            continue
        except Exception as error:  # noqa: BLE001 - every failure names its vector
            print(f"vector {name}: {type(error).__name__}: {error}", file=sys.stderr)
            return 1
        (out_dir / f"{name}.xml").write_bytes(output.encode("utf-8"))
    return 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
