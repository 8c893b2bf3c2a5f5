"""SOAP 1.1 and 1.2 envelopes: written as an ASMX service writes them, read back with the Body's
first element, faults of both versions turned into one SoapFault, unusable envelopes refused."""

from __future__ import annotations

import pytest

from ecgrid_soap_runtime import (
    SOAP11_ENVELOPE_NS,
    SOAP12_ENVELOPE_NS,
    EnvelopeError,
    SoapFault,
    XmlParseError,
    body_declarations,
    decode_envelope,
    encode_envelope,
)

XSI_XSD = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"'


def envelope(version: str, body: str, header: str = "") -> str:
    ns = SOAP11_ENVELOPE_NS if version == "1.1" else SOAP12_ENVELOPE_NS
    return f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{ns}">{header}<soap:Body>{body}</soap:Body></soap:Envelope>'


def test_encodes_compact_and_indented_envelopes() -> None:
    assert encode_envelope("1.1", "<X/>") == (
        f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP11_ENVELOPE_NS}" {XSI_XSD}><soap:Body><X/></soap:Body></soap:Envelope>'
    )
    assert encode_envelope("1.2", "<X/>", header="<H/>", indent="  ") == (
        f'<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="{SOAP12_ENVELOPE_NS}" {XSI_XSD}>\n'
        "  <soap:Header>\n    <H/>\n  </soap:Header>\n  <soap:Body>\n    <X/>\n  </soap:Body>\n</soap:Envelope>"
    )
    assert encode_envelope("1.1", "", header="").endswith("<soap:Header/><soap:Body/></soap:Envelope>")


def test_body_declarations_are_the_envelopes_prefixes() -> None:
    assert body_declarations("1.2") == {"soap": SOAP12_ENVELOPE_NS, "xsi": "http://www.w3.org/2001/XMLSchema-instance", "xsd": "http://www.w3.org/2001/XMLSchema"}


def test_decodes_the_version_and_the_first_body_element() -> None:
    for version in ("1.1", "1.2"):
        decoded = decode_envelope(envelope(version, '<R xmlns="urn:r"><A>1</A></R>', "<soap:Header><H/></soap:Header>"))
        assert decoded.version == version
        assert decoded.body.tag == "{urn:r}R"
        assert decoded.header is not None and decoded.header[0].tag == "H"
    assert decode_envelope(envelope("1.1", "<R/>").encode("utf-8"), "1.1").header is None


def test_unusable_envelopes() -> None:
    cases = [
        ("<R/>", "not-an-envelope"),
        ('<Envelope xmlns="urn:x"><Body/></Envelope>', "version-mismatch"),
        (f'<soap:Envelope xmlns:soap="{SOAP11_ENVELOPE_NS}"/>', "missing-body"),
        (envelope("1.1", ""), "empty-body"),
    ]
    for text, code in cases:
        with pytest.raises(EnvelopeError) as caught:
            decode_envelope(text)
        assert caught.value.code == code, text
    with pytest.raises(EnvelopeError) as mismatch:
        decode_envelope(envelope("1.1", "<R/>"), "1.2")
    assert mismatch.value.code == "version-mismatch"
    with pytest.raises(XmlParseError):
        decode_envelope("<!DOCTYPE x><x/>")


def test_a_soap_11_fault() -> None:
    body = (
        "<soap:Fault><faultcode>soap:Client</faultcode><faultstring>Session is not valid.</faultstring>"
        '<faultactor>urn:actor</faultactor><detail><ErrorInfo xmlns="urn:e"><Code>7</Code></ErrorInfo></detail></soap:Fault>'
    )
    with pytest.raises(SoapFault) as caught:
        decode_envelope(envelope("1.1", body))
    fault = caught.value
    assert (fault.version, fault.code, fault.code_ns, fault.code_local) == ("1.1", "soap:Client", SOAP11_ENVELOPE_NS, "Client")
    assert (fault.reason, fault.actor, str(fault)) == ("Session is not valid.", "urn:actor", "SOAP fault soap:Client: Session is not valid.")
    assert fault.detail is not None and [child.tag for child in fault.detail] == ["{urn:e}ErrorInfo"]


def test_a_soap_12_fault_with_subcodes() -> None:
    body = (
        '<soap:Fault xmlns:app="urn:app"><soap:Code><soap:Value>soap:Sender</soap:Value>'
        "<soap:Subcode><soap:Value>app:Expired</soap:Value></soap:Subcode></soap:Code>"
        '<soap:Reason><soap:Text xml:lang="en">Expired.</soap:Text></soap:Reason><soap:Node>urn:node</soap:Node></soap:Fault>'
    )
    with pytest.raises(SoapFault) as caught:
        decode_envelope(envelope("1.2", body))
    fault = caught.value
    assert (fault.version, fault.code, fault.code_local, fault.reason, fault.node) == ("1.2", "soap:Sender", "Sender", "Expired.", "urn:node")
    assert [(c.code, c.ns, c.local) for c in fault.subcodes] == [("app:Expired", "urn:app", "Expired")]
    assert fault.detail is None
