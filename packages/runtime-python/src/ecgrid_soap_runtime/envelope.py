"""SOAP 1.1 and 1.2 envelopes, written the way an ASMX service writes them (prefix ``soap`` for
both versions, ``xsi`` and ``xsd`` declared on the Envelope) and read back with faults turned
into one typed :class:`SoapFault`."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ._xml import XSI_NS, XmlElement, XmlLimits, excerpt, parse_xml, resolve_prefix, split_tag
from .errors import EnvelopeError, FaultCode, SoapFault

__all__ = ["DecodedEnvelope", "SOAP11_ENVELOPE_NS", "SOAP12_ENVELOPE_NS", "body_declarations", "decode_envelope", "encode_envelope"]

SOAP11_ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENVELOPE_NS = "http://www.w3.org/2003/05/soap-envelope"
XSD_NS = "http://www.w3.org/2001/XMLSchema"


def envelope_namespace(version: str) -> str:
    return SOAP11_ENVELOPE_NS if version == "1.1" else SOAP12_ENVELOPE_NS


def encode_envelope(version: str, body: str, header: str | None = None, indent: str | None = None) -> str:
    """A complete envelope with its XML declaration; with ``indent`` pretty-printed (the body
    and header text should then be encoded with the same indent at depth 2)."""
    nl = "" if indent is None else "\n"
    line1 = "" if indent is None else f"\n{indent}"
    line2 = "" if indent is None else f"\n{indent}{indent}"
    ns = envelope_namespace(version)
    out = f'<?xml version="1.0" encoding="utf-8"?>{nl}<soap:Envelope xmlns:soap="{ns}" xmlns:xsi="{XSI_NS}" xmlns:xsd="{XSD_NS}">'
    if header is not None:
        out += f"{line1}<soap:Header/>" if header == "" else f"{line1}<soap:Header>{line2}{header}{line1}</soap:Header>"
    out += f"{line1}<soap:Body/>" if body == "" else f"{line1}<soap:Body>{line2}{body}{line1}</soap:Body>"
    return f"{out}{nl}</soap:Envelope>"


def body_declarations(version: str) -> dict[str, str]:
    """The prefixes an envelope from :func:`encode_envelope` declares, for encoding its body."""
    return {"soap": envelope_namespace(version), "xsi": XSI_NS, "xsd": XSD_NS}


@dataclass(frozen=True)
class DecodedEnvelope:
    version: str
    #: The first element child of Body (the response wrapper in document/literal).
    body: XmlElement
    header: XmlElement | None


def _child(element: ET.Element | None, local: str, ns: str | None = None) -> ET.Element | None:
    if element is None:
        return None
    for c in element:
        c_ns, c_local = split_tag(c.tag)
        if c_local == local and (ns is None or c_ns == ns):
            return c
    return None


def _text(element: ET.Element | None) -> str | None:
    return None if element is None else "".join(element.itertext()).strip()


def _fault_code(element: ET.Element | None) -> FaultCode:
    """A QName-valued fault code, resolved in the scope of the element that holds it."""
    code = _text(element) or ""
    prefix, colon, local = code.partition(":")
    if not colon:
        prefix, local = "", code
    ns = resolve_prefix(element, prefix) if element is not None else None
    return FaultCode(code, ns or "", local)


def _fault(version: str, fault: ET.Element) -> SoapFault:
    def as_kept(element: ET.Element | None) -> XmlElement | None:
        return element if isinstance(element, XmlElement) else None

    if version == "1.1":
        # The 1.1 fault children are unqualified; some servers qualify them: match by local name.
        code = _child(fault, "faultcode")
        return SoapFault(
            version="1.1",
            code=_fault_code(code),
            reason=_text(_child(fault, "faultstring")) or "",
            actor=_text(_child(fault, "faultactor")),
            detail=as_kept(_child(fault, "detail")),
        )
    ns = SOAP12_ENVELOPE_NS
    code_element = _child(fault, "Code", ns)
    subcodes: list[FaultCode] = []
    sub = _child(code_element, "Subcode", ns)
    while sub is not None:
        value = _child(sub, "Value", ns)
        subcodes.append(_fault_code(value))
        sub = _child(sub, "Subcode", ns)
    value = _child(code_element, "Value", ns)
    return SoapFault(
        version="1.2",
        code=_fault_code(value),
        reason=_text(_child(_child(fault, "Reason", ns), "Text", ns)) or "",
        node=_text(_child(fault, "Node", ns)),
        actor=_text(_child(fault, "Role", ns)),
        subcodes=tuple(subcodes),
        detail=as_kept(_child(fault, "Detail", ns)),
    )


def decode_envelope(text: str | bytes, version: str | None = None, limits: XmlLimits | None = None) -> DecodedEnvelope:
    """Parses an envelope (within the reader's ``limits``) and returns its Body's first element.
    Raises SoapFault when that is a Fault, EnvelopeError when the document is not a usable
    envelope, XmlParseError when it is not XML or exceeds a limit."""
    root = parse_xml(text, limits=limits)
    root_ns, root_local = split_tag(root.tag)
    if root_local != "Envelope":
        raise EnvelopeError("not-an-envelope", f"expected a SOAP Envelope, found <{excerpt(root_local)}>")
    if root_ns == SOAP11_ENVELOPE_NS:
        found = "1.1"
    elif root_ns == SOAP12_ENVELOPE_NS:
        found = "1.2"
    else:
        where = "no namespace" if root_ns == "" else f'namespace "{excerpt(root_ns)}"'
        raise EnvelopeError("version-mismatch", f"the Envelope is in {where}, not a SOAP 1.1 or 1.2 envelope namespace")
    if version is not None and version != found:
        raise EnvelopeError("version-mismatch", f"expected a SOAP {version} envelope, received SOAP {found}")
    header = _child(root, "Header", root_ns)
    body = _child(root, "Body", root_ns)
    if body is None:
        raise EnvelopeError("missing-body", "the SOAP Envelope has no Body")
    first = next(iter(body), None)
    if first is None:
        raise EnvelopeError("empty-body", "the SOAP Body is empty")
    if split_tag(first.tag) == (root_ns, "Fault"):
        raise _fault(found, first)
    assert isinstance(first, XmlElement)
    return DecodedEnvelope(found, first, header if isinstance(header, XmlElement) else None)
