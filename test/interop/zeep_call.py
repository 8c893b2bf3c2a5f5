"""Calls operations of a SOAP service with zeep, an implementation we did not write.

Usage: python3 zeep_call.py WSDL_URL SOAPENC_XSD < calls.json

calls.json: [{"operation": NAME, "args": {...}}, ...]; integers in args are JSON numbers (exact
in Python). Prints one JSON array of results: {"operation", "result"} or {"operation", "error"}.
Integers are written as strings of digits (JSON numbers would lose digits in JavaScript),
datetimes in ISO form, bytes in base64. Runs offline: the only document it fetches from the
network is the WSDL on 127.0.0.1; the SOAP-encoding schema comes from the local file SOAPENC_XSD.
"""
import base64
import datetime
import decimal
import json
import sys

import zeep
from zeep.helpers import serialize_object
from zeep.transports import Transport

SOAPENC = "http://schemas.xmlsoap.org/soap/encoding/"


class OfflineTransport(Transport):
    def __init__(self, soapenc_path):
        super().__init__()
        self._soapenc = soapenc_path

    def load(self, url):
        if url.rstrip("/") == SOAPENC.rstrip("/"):
            with open(self._soapenc, "rb") as f:
                return f.read()
        if not url.startswith("http://127.0.0.1:"):
            raise IOError("offline: refusing to fetch " + url)
        return super().load(url)


def plain(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return str(value)


def args_from_json(value):
    """Strings "__b64__..." stand for bytes (xs:base64Binary), which JSON cannot carry."""
    if isinstance(value, str) and value.startswith("__b64__"):
        return base64.b64decode(value[7:])
    if isinstance(value, dict):
        return {k: args_from_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [args_from_json(v) for v in value]
    return value


def main():
    wsdl, soapenc = sys.argv[1], sys.argv[2]
    calls = json.load(sys.stdin)
    client = zeep.Client(wsdl, transport=OfflineTransport(soapenc))
    out = []
    for call in calls:
        try:
            result = getattr(client.service, call["operation"])(**args_from_json(call["args"]))
            out.append({"operation": call["operation"], "result": plain(serialize_object(result, dict))})
        except Exception as error:  # reported to the test, which fails on it
            out.append({"operation": call["operation"], "error": type(error).__name__ + ": " + str(error)})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
