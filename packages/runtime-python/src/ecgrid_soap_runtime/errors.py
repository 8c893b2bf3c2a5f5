"""Every error the package raises. They share :class:`SoapRuntimeError`, so one ``except``
catches them all; ``code`` is a stable string to switch on (the same codes as the TypeScript
runtime). Messages never quote the values of secret input fields such as the SessionID."""

from __future__ import annotations

import builtins
from dataclasses import dataclass

from ._xml import XmlElement

__all__ = [
    "ClientUsageError",
    "DecodeError",
    "EncodeError",
    "EnvelopeError",
    "FaultCode",
    "HttpError",
    "ResponseFormatError",
    "SchemaError",
    "SoapFault",
    "SoapRuntimeError",
    "SoapTimeoutError",
    "TransportError",
    "XmlParseError",
]


class SoapRuntimeError(Exception):
    """Base of all errors of this package."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class XmlParseError(SoapRuntimeError):
    """The input is not (acceptable) XML: not well-formed (``not-well-formed``), or it has a
    DOCTYPE or entity declaration (``doctype-refused``), which is never parsed."""


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
    element as kept XML (or None)."""

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
        super().__init__(code.code, f"SOAP fault {code.code}: {reason}")
        self.version = version
        self.code_ns = code.ns
        self.code_local = code.local
        self.reason = reason
        self.actor = actor
        self.node = node
        self.subcodes = subcodes
        self.detail = detail


class HttpError(SoapRuntimeError):
    """A non-2xx answer whose body is not a SOAP Fault."""

    def __init__(self, *, status: int, status_text: str, content_type: str, body_excerpt: str, url: str) -> None:
        text = f" {status_text}" if status_text else ""
        super().__init__("http-error", f"HTTP {status}{text} from {url}")
        self.status = status
        self.status_text = status_text
        self.content_type = content_type
        self.body_excerpt = body_excerpt


class ResponseFormatError(SoapRuntimeError):
    """A 2xx answer that is not a usable SOAP envelope (not XML, not an envelope, empty)."""

    def __init__(self, *, status: int, content_type: str, body_excerpt: str, reason: str) -> None:
        super().__init__("invalid-response", f"invalid SOAP response (HTTP {status}): {reason}")
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
        super().__init__("transport-error", f"request to {url} failed: {detail}")


class ClientUsageError(SoapRuntimeError):
    """The client was used wrongly: ``unknown-operation``, ``no-endpoint``, ``invalid-option``."""
