"""Every error the package raises. They share :class:`SoapRuntimeError`, so one ``except``
catches them all; ``code`` is a stable string to switch on (the same codes as the TypeScript
runtime). Messages never quote the values of secret input fields such as the SessionID; a name
or value they quote is cut to 100 characters, and no message is longer than 2,000 characters."""

from __future__ import annotations

import builtins
from dataclasses import dataclass

import xml.etree.ElementTree as ET
from typing import Any, Union

from ._xml import XSI_NS, XmlElement, excerpt, split_tag

__all__ = [
    "ClientUsageError",
    "DecodeError",
    "EncodeError",
    "EnvelopeError",
    "FaultCode",
    "PlainValue",
    "HttpError",
    "ResponseFormatError",
    "SchemaError",
    "SoapFault",
    "SoapRuntimeError",
    "SoapTimeoutError",
    "TransportError",
    "XmlParseError",
]

MAX_MESSAGE_LENGTH = 2000
"""No error message is longer than this, whatever the input quoted in it."""


def bounded(message: str) -> str:
    """A message cut to :data:`MAX_MESSAGE_LENGTH` characters (the last one ``…``)."""
    return message if len(message) <= MAX_MESSAGE_LENGTH else message[: MAX_MESSAGE_LENGTH - 1] + "…"


class SoapRuntimeError(Exception):
    """Base of all errors of this package."""

    def __init__(self, code: str, message: str) -> None:
        message = bounded(message)
        super().__init__(message)
        self.code = code
        self.message = message


class XmlParseError(SoapRuntimeError):
    """The input is not (acceptable) XML: not well-formed (``not-well-formed``), it has a
    DOCTYPE (``doctype-refused``), which is never parsed, or it exceeds one of the reader's
    limits (``size-limit``, ``depth-limit``). ``line`` and ``column`` (from 1) say where, when
    known."""

    def __init__(self, code: str, message: str, *, line: int | None = None, column: int | None = None) -> None:
        super().__init__(code, message)
        self.line = line
        self.column = column


class DecodeError(SoapRuntimeError):
    """A document does not match the schema. ``path`` starts at the type's schema name:
    ``KeyIDInfo.Visibility``, ``ListResponse.Items[3].Key``."""

    def __init__(self, code: str, path: str, detail: str) -> None:
        super().__init__(code, f"{path}: {detail}")
        self.path = path
        self.detail = detail


class EncodeError(SoapRuntimeError):
    """A value cannot be written as the schema requires. The message names the path and the
    problem, never the value (inputs can be secrets)."""

    def __init__(self, code: str, path: str, detail: str) -> None:
        super().__init__(code, f"{path}: {detail}")
        self.path = path
        self.detail = detail


class SchemaError(SoapRuntimeError):
    """The embedded schema descriptor is inconsistent: a bug of the generator."""

    def __init__(self, detail: str) -> None:
        super().__init__("invalid-schema", detail)


class EnvelopeError(SoapRuntimeError):
    """Not a usable SOAP envelope: ``not-an-envelope``, ``version-mismatch``, ``missing-body``,
    ``empty-body``."""


PlainValue = Union[str, None, dict[str, Any], list[Any]]
"""XML as plain values (:func:`plain_value`): a ``str``, ``None``, a ``dict`` or a ``list``."""


def plain_value(element: XmlElement) -> PlainValue:
    """XML as plain values, for a fault detail no schema describes (as the TypeScript runtime's
    ``detailValue``): an element without child elements is its text; one with child elements is
    a ``dict`` of them by local name (a ``list`` for a name that repeats); attributes other than
    ``xsi:`` ones go to ``"$attributes"`` (the text then to ``"$value"``); ``xsi:nil="true"`` is
    None. Text between child elements is left out. Walked with an explicit stack, so any depth
    the XML reader accepted is fine."""
    results: dict[int, PlainValue] = {}
    stack: list[tuple[ET.Element, bool]] = [(element, False)]
    while stack:
        node, done = stack.pop()
        children = [c for c in node if isinstance(c.tag, str)]
        if not done:
            stack.append((node, True))
            stack.extend((c, False) for c in reversed(children))
            continue
        attributes: dict[str, str] = {}
        nil = False
        for name, value in node.attrib.items():
            ns, local = split_tag(name)
            if ns == XSI_NS:
                nil = nil or (local == "nil" and value.strip() in ("true", "1"))
                continue
            attributes[local] = value
        if nil:
            results[id(node)] = None
            continue
        if not children:
            text = node.text or ""
            results[id(node)] = {"$attributes": attributes, "$value": text} if attributes else text
            continue
        out: dict[str, Any] = {}
        for child in children:
            local = split_tag(child.tag)[1]
            child_value = results.pop(id(child))
            if local not in out:
                out[local] = child_value
            elif isinstance(out[local], _Repeated):
                out[local].append(child_value)
            else:
                out[local] = _Repeated([out[local], child_value])
        for key, item in out.items():
            if isinstance(item, _Repeated):
                out[key] = list(item)
        if attributes:
            out["$attributes"] = attributes
        results[id(node)] = out
    return results[id(element)]


class _Repeated(list):  # type: ignore[type-arg]
    """The values of a repeated child name while they are collected (a plain value may itself be a list)."""


@dataclass(frozen=True)
class FaultCode:
    """A fault code QName as written (``soap:Client``) and resolved."""

    code: str
    ns: str
    local: str


class SoapFault(SoapRuntimeError):
    """The service answered with a SOAP Fault; 1.1 and 1.2 faults have one shape.

    ``code`` is the fault code as written (``soap:Client``), ``code_ns``/``code_local`` its
    resolution, ``reason`` the faultstring (1.1) or Reason/Text (1.2), ``detail`` the detail
    element as kept XML (or None), ``detail_value`` the same detail as plain values (see
    :func:`plain_value`), as zeep's and node-soap's users read an undeclared fault detail:
    ``{"Error": {"Code": "42", "Text": "..."}}``."""

    def __init__(
        self,
        *,
        version: str,
        code: FaultCode,
        reason: str,
        actor: str | None = None,
        node: str | None = None,
        subcodes: tuple[FaultCode, ...] = (),
        detail: XmlElement | None = None,
    ) -> None:
        super().__init__(code.code, f"SOAP fault {excerpt(code.code)}: {excerpt(reason, 1000)}")
        self.version = version
        self.code_ns = code.ns
        self.code_local = code.local
        self.reason = reason
        self.actor = actor
        self.node = node
        self.subcodes = subcodes
        self.detail = detail
        self.detail_value: PlainValue = plain_value(detail) if detail is not None else None


class HttpError(SoapRuntimeError):
    """A non-2xx answer whose body is not a SOAP Fault."""

    def __init__(self, *, status: int, status_text: str, content_type: str, body_excerpt: str, url: str) -> None:
        text = f" {excerpt(status_text)}" if status_text else ""
        super().__init__("http-error", f"HTTP {status}{text} from {url}")
        self.status = status
        self.status_text = status_text
        self.content_type = content_type
        self.body_excerpt = body_excerpt


class ResponseFormatError(SoapRuntimeError):
    """An answer that cannot be used: a 2xx answer that is not a usable SOAP envelope (not XML,
    not an envelope, empty, bytes not valid in its charset, compressed: ``invalid-response``), or
    a body longer than the client's ``max_response_bytes`` (``size-limit``, whatever the status)."""

    def __init__(self, *, status: int, content_type: str, body_excerpt: str, reason: str, code: str = "invalid-response") -> None:
        super().__init__(code, f"invalid SOAP response (HTTP {status}): {reason}")
        self.status = status
        self.content_type = content_type
        self.body_excerpt = body_excerpt


class SoapTimeoutError(SoapRuntimeError, builtins.TimeoutError):
    """The call took longer than its timeout."""

    def __init__(self, timeout: float, url: str) -> None:
        super().__init__("timeout", f"request to {url} timed out after {timeout:g} s")
        self.timeout = timeout


class TransportError(SoapRuntimeError):
    """The request could not be sent or the answer not received (refused, reset, DNS, TLS)."""

    def __init__(self, url: str, detail: str) -> None:
        super().__init__("transport-error", f"request to {url} failed: {excerpt(detail, 500)}")


class ClientUsageError(SoapRuntimeError):
    """The client was used wrongly: ``unknown-operation``, ``no-endpoint``, ``invalid-option``,
    ``closed`` (a call on a client after :meth:`close`)."""
