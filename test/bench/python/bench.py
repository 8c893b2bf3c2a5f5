"""The Python runtime benchmark (run by test/bench/python.bench.mjs, not a test).

``bench.py <wsdl> <keylist-response.xml> <keyset.json> <soap-encoding.xsd>`` times, in one
process with rounds interleaving the contestants:

- decoding the KeyListResponse envelope (the same bytes for each) into values: ours (the generated
  v4.1 package's codec on ``ecgrid_soap_runtime``, as its client decodes a response:
  ``decode_response``, straight from the parser, the tree path when a response is not plain) against zeep
  (the KeyList operation's ``process_reply`` on the document zeep's loader parses, as its SOAP
  binding does), with ``xml.etree`` parsing the bytes as the floor;
- encoding the KeySet request envelope: ours (``encode_element`` + ``encode_envelope``, as the
  client does) against zeep (``create_message`` + ``etree.tostring`` with the XML declaration,
  as zeep sends it);
- the tracemalloc peak of one decode, ours and zeep's.

The package is imported by the name in ``ECGRID_PY_PACKAGE``; BENCH_ROUNDS sets the rounds
(default 7). Prints one JSON object. Every contestant's result is counted: 10,000 KeyValue items
decoded, and each KeySet value present in each encoded request.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

TNS = "https://os.ecgrid.io/"
KEYLIST_RESPONSE = f"{{{TNS}}}KeyListResponse"
KEYSET = f"{{{TNS}}}KeySet"


def compare(contestants: dict[str, Callable[[], Any]], rounds: int, repeat: int = 1, warmup: int = 1) -> tuple[dict[str, float], dict[str, Any]]:
    """Median seconds per call of each contestant, rounds interleaving them; and each one's last result."""
    times: dict[str, list[float]] = {name: [] for name in contestants}
    last: dict[str, Any] = {}
    for name, fn in contestants.items():
        for _ in range(warmup):
            last[name] = fn()
    for _ in range(rounds):
        for name, fn in contestants.items():
            gc.collect()
            started = time.perf_counter()
            for _ in range(repeat):
                result = fn()
            times[name].append((time.perf_counter() - started) / repeat)
            last[name] = result
    return {name: statistics.median(t) for name, t in times.items()}, last


def peak_of(fn: Callable[[], Any]) -> int:
    """The tracemalloc peak (bytes) of one call, over what was allocated before it. tracemalloc
    sees what Python's allocators hand out: ours in full (xml.etree's C parser allocates its
    elements through them), zeep without the libxml2 tree lxml builds in C (an underestimate)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = fn()
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    del result
    return peak


def main(argv: list[str]) -> int:
    if len(argv) != 5:
        print("usage: bench.py <wsdl> <keylist-response.xml> <keyset.json> <soap-encoding.xsd>", file=sys.stderr)
        return 2
    wsdl, document_path, keyset_path, soap_encoding_path = argv[1:]
    rounds = int(os.environ.get("BENCH_ROUNDS", "7"))
    package = os.environ["ECGRID_PY_PACKAGE"]
    try:
        import zeep
        from lxml import etree
        from zeep.loader import parse_xml as zeep_parse_xml
        from zeep.transports import Transport
    except ImportError as error:
        print(f"zeep is not importable ({error}): install it (apt-get install -y python3-zeep)", file=sys.stderr)
        return 1
    from ecgrid_soap_runtime import body_declarations, encode_envelope

    models = importlib.import_module(f"{package}.models")
    codec = importlib.import_module(f"{package}.schema").CODEC
    with open(document_path, "rb") as f:
        data = f.read()
    with open(keyset_path, encoding="utf-8") as f:
        keyset_input: dict[str, Any] = json.load(f)
    with open(soap_encoding_path, "rb") as f:
        soap_encoding = f.read()

    class OfflineTransport(Transport):  # type: ignore[misc]
        """zeep's transport with the SOAP encoding schema given locally and no other network."""

        def load(self, url: str) -> bytes:
            if url.rstrip("/") == "http://schemas.xmlsoap.org/soap/encoding":
                return soap_encoding
            if url.startswith(("http:", "https:")):
                raise OSError(f"the benchmark reads no network ({url})")
            return bytes(super().load(url))

    client = zeep.Client(wsdl, transport=OfflineTransport())
    operation = client.service._binding.get("KeyList")

    # --- decode -------------------------------------------------------------------------------
    def decode_ours() -> Any:
        return codec.decode_response(data, KEYLIST_RESPONSE)

    def decode_zeep() -> Any:
        return operation.process_reply(zeep_parse_xml(data, client.transport, settings=client.settings))

    def parse_etree() -> Any:
        return ET.fromstring(data)

    decode, decoded = compare({"ours": decode_ours, "zeep process_reply": decode_zeep, "xml.etree parse (floor)": parse_etree}, rounds)
    counts = {
        "ours": len(decoded["ours"].KeyListResult.KeyValue),
        # zeep unwraps the response wrapper: the result is the KeyListResult's list of KeyValue.
        "zeep process_reply": len(decoded["zeep process_reply"]),
        "xml.etree parse (floor)": sum(1 for _ in decoded["xml.etree parse (floor)"].iter(f"{{{TNS}}}KeyValue")),
    }
    del decoded

    # --- encode -------------------------------------------------------------------------------
    ours_value = models.KeySet(
        SessionID=keyset_input["SessionID"],
        Key=keyset_input["Key"],
        SystemObject=models.Objects(keyset_input["SystemObject"]),
        ObjectID=int(keyset_input["ObjectID"]),
        Visibility=models.KeyVisibility(keyset_input["Visibility"]),
        Value=keyset_input["Value"],
        Meta=keyset_input["Meta"],
        DaysToLive=keyset_input["DaysToLive"],
    )
    zeep_input = {**keyset_input, "ObjectID": int(keyset_input["ObjectID"])}
    declarations = body_declarations("1.1")

    def encode_ours() -> str:
        body = codec.encode_element(KEYSET, ours_value, indent=None, depth=0, declarations=declarations)
        return str(encode_envelope("1.1", body, indent=None))

    def encode_zeep() -> str:
        message = client.create_message(client.service, "KeySet", **zeep_input)
        return str(etree.tostring(message, xml_declaration=True, encoding="utf-8").decode("utf-8"))

    encode, encoded = compare({"ours": encode_ours, "zeep create_message": encode_zeep}, rounds, repeat=2000, warmup=200)
    for name, text in encoded.items():
        for field, value in keyset_input.items():
            if f">{escape(str(value))}<" not in text:
                print(f"{name} did not encode {field}: {text}", file=sys.stderr)
                return 1

    # --- memory of one decode -----------------------------------------------------------------
    peaks = {"ours": peak_of(decode_ours), "zeep process_reply": peak_of(decode_zeep)}

    print(
        json.dumps(
            {
                "python": platform.python_version(),
                "zeep": zeep.__version__,
                "document_bytes": len(data),
                "rounds": rounds,
                "decode_ms": {k: v * 1000 for k, v in decode.items()},
                "decode_items": counts,
                "encode_us": {k: v * 1e6 for k, v in encode.items()},
                "decode_peak_bytes": peaks,
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
