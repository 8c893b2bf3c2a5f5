"""The SOAP client core: encodes an operation's input into a SOAP 1.1 or 1.2 envelope, posts it
with urllib.request, and decodes the answer or turns it into a typed error. It never retries.
The values of secret input fields (SessionID, passwords, keys) are kept out of every error."""

from __future__ import annotations

import html
import json
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Mapping, Sequence

from .codec import Codec
from .envelope import body_declarations, decode_envelope, encode_envelope
from .errors import (
    ClientUsageError,
    EnvelopeError,
    HttpError,
    ResponseFormatError,
    SoapFault,
    SoapRuntimeError,
    SoapTimeoutError,
    TransportError,
)

__all__ = ["DEFAULT_SECRET_FIELDS", "Exchange", "SoapTransport"]

DEFAULT_SECRET_FIELDS: tuple[str, ...] = ("SessionID", "Password", "APIKey", "ApiKey", "Secret", "Token", "AccessKey")
_EXCERPT_LENGTH = 500


@dataclass(frozen=True)
class Exchange:
    """What was sent and received (not redacted), for logging and debugging."""

    url: str
    request_headers: Mapping[str, str]
    request_body: str
    status: int
    response_headers: Mapping[str, str]
    response_body: str


def _collect_secrets(value: object, secret_fields: Sequence[str], secret: bool = False) -> set[str]:
    if isinstance(value, str):
        return {value} if secret and value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*(_collect_secrets(v, secret_fields, secret) for v in value)) if value else set()
    items: list[tuple[str, object]] = []
    if is_dataclass(value) and not isinstance(value, type):
        items = [(f.name, getattr(value, f.name)) for f in fields(value)]
    elif isinstance(value, Mapping):
        items = [(str(k), v) for k, v in value.items()]
    found: set[str] = set()
    for key, item in items:
        lower = key.lower()
        found |= _collect_secrets(item, secret_fields, secret or any(f and f.lower() in lower for f in secret_fields))
    return found


def _redact(text: str, secrets: set[str]) -> str:
    forms: set[str] = set()
    for s in secrets:
        escaped = html.escape(s, quote=False)
        forms.update({s, escaped, html.escape(s, quote=True), urllib.parse.quote(s, safe=""), json.dumps(s)[1:-1]})
    for form in sorted((f for f in forms if f), key=len, reverse=True):
        text = text.replace(form, "***")
    return text


def _display_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    return f"{parts.scheme}://{host}{parts.path}"


def _charset(content_type: str) -> str:
    match = re.search(r';\s*charset\s*=\s*"?([^";\s]+)"?', content_type, re.IGNORECASE)
    return match.group(1) if match else "utf-8"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class SoapTransport:
    """Calls the operations of one service; a generated SDK's client wraps it in typed methods.

    ``service`` is the service descriptor (name, endpoints by SOAP version, operations with their
    SOAP action, input and output element ids and whether they are wrapped); ``endpoint``
    overrides the descriptor's; ``timeout`` is in seconds per socket operation; ``headers`` are
    added to every request; ``pretty`` indents requests by two spaces; the string values of input
    fields whose names contain one of ``secret_fields`` never appear in an error raised by
    :meth:`call`. Raises ClientUsageError for an unknown SOAP version, no endpoint or a timeout
    that is not positive."""

    def __init__(
        self,
        codec: Codec,
        service: Mapping[str, Any],
        *,
        endpoint: str | None,
        soap_version: str,
        timeout: float,
        headers: Mapping[str, str] | None,
        pretty: bool,
        secret_fields: Sequence[str],
    ) -> None:
        if soap_version not in ("1.1", "1.2"):
            raise ClientUsageError("invalid-option", "soap_version must be '1.1' or '1.2'")
        configured = endpoint or service["endpoints"].get("soap12" if soap_version == "1.2" else "soap11")
        if not configured:
            raise ClientUsageError("no-endpoint", f"service {service['name']} has no SOAP {soap_version} endpoint; pass endpoint=")
        if not timeout > 0:
            raise ClientUsageError("invalid-option", "timeout must be a positive number of seconds")
        self.codec = codec
        self.service = service
        self.endpoint: str = configured
        self.soap_version = soap_version
        self.timeout = timeout
        self.headers = dict(headers or {})
        self.indent = "  " if pretty else None
        self.secret_fields = tuple(secret_fields)
        self.last_exchange: Exchange | None = None
        self._opener = urllib.request.build_opener(_NoRedirect)

    def request_headers(self, soap_action: str) -> dict[str, str]:
        if self.soap_version == "1.1":
            headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{soap_action}"'}
        else:
            action = f'; action="{soap_action}"' if soap_action else ""
            headers = {"Content-Type": f"application/soap+xml; charset=utf-8{action}"}
        headers.update(self.headers)
        return headers

    def call(self, operation_name: str, value: object, timeout: float | None = None) -> Any:
        """Calls an operation with the request element's value; for wrapped operations returns
        the response wrapper's single child (None when absent), else the response element's value."""
        secrets = _collect_secrets(value, self.secret_fields)
        try:
            return self._call(operation_name, value, timeout, secrets)
        except SoapRuntimeError as error:
            if secrets:
                error.args = tuple(_redact(a, secrets) if isinstance(a, str) else a for a in error.args)
                for name in ("message", "body_excerpt", "reason"):
                    text = getattr(error, name, None)
                    if isinstance(text, str):
                        setattr(error, name, _redact(text, secrets))
            raise

    def _call(self, operation_name: str, value: object, timeout: float | None, secrets: set[str]) -> Any:
        operation = self.service["operations"].get(operation_name)
        if operation is None:
            raise ClientUsageError("unknown-operation", f"service {self.service['name']} has no operation {operation_name}")
        depth = 0 if self.indent is None else 2
        body = self.codec.encode_element(
            operation["input"], value, indent=self.indent, depth=depth, declarations=body_declarations(self.soap_version)
        )
        text = encode_envelope(self.soap_version, body, indent=self.indent)
        headers = self.request_headers(operation["soapAction"])
        status, reason, response_headers, response = self._post(text, headers, timeout or self.timeout)
        self.last_exchange = Exchange(self.endpoint, headers, text, status, response_headers, response)
        return self._decode(operation, status, reason, response_headers.get("content-type", ""), response, secrets)

    def _post(self, body: str, headers: Mapping[str, str], timeout: float) -> tuple[int, str, dict[str, str], str]:
        url = _display_url(self.endpoint)
        request = urllib.request.Request(self.endpoint, data=body.encode("utf-8"), headers=dict(headers), method="POST")
        try:
            try:
                response = self._opener.open(request, timeout=timeout)
            except urllib.error.HTTPError as error:
                response = error
            with response:
                data = response.read()
                status = response.status if response.status is not None else 0
                reason = str(getattr(response, "reason", "") or "")
                response_headers = {k.lower(): v for k, v in response.headers.items()}
        except (socket.timeout, TimeoutError):
            raise SoapTimeoutError(timeout, url) from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (socket.timeout, TimeoutError)):
                raise SoapTimeoutError(timeout, url) from None
            raise TransportError(url, str(error.reason)) from None
        except OSError as error:
            raise TransportError(url, str(error)) from None
        charset = _charset(response_headers.get("content-type", ""))
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = data.decode("utf-8", errors="replace")
        return status, reason, response_headers, text

    def _decode(self, operation: Mapping[str, Any], status: int, reason: str, content_type: str, body: str, secrets: set[str]) -> Any:
        ok = 200 <= status < 300
        clean = _redact(body, secrets)
        excerpt = clean if len(clean) <= _EXCERPT_LENGTH else clean[:_EXCERPT_LENGTH] + "…"

        def http_error() -> HttpError:
            return HttpError(status=status, status_text=reason, content_type=content_type, body_excerpt=excerpt, url=_display_url(self.endpoint))

        def format_error(why: str) -> ResponseFormatError:
            return ResponseFormatError(status=status, content_type=content_type, body_excerpt=excerpt, reason=why)

        output = operation.get("output")
        if body.strip() == "":
            if not ok:
                raise http_error()
            if output is None:
                return None
            raise format_error("empty body")
        try:
            envelope = decode_envelope(body)
        except SoapFault:
            # A Fault is the answer whatever the status (ASMX sends them with 500).
            raise
        except SoapRuntimeError as error:
            if not ok:
                raise http_error() from None
            if output is None and isinstance(error, EnvelopeError) and error.code == "empty-body":
                return None
            raise format_error(error.message) from None
        if not ok:
            raise http_error()
        if output is None:
            return None
        value = self.codec.decode_element(output, envelope.body)
        return self._unwrap(output, value) if operation["wrapped"] else value

    def _unwrap(self, element_id: str, value: object) -> Any:
        """The response wrapper's single child element's value (None when absent)."""
        element = self.codec.schema["elements"].get(element_id)
        type_ = self.codec.schema["types"].get(element["type"]) if element else None
        if type_ is None or type_["kind"] != "complex" or value is None:
            return value
        content = type_["content"]
        if not content:
            return None
        if len(content) > 1 or content[0]["kind"] != "element":
            return value
        return getattr(value, self.codec.attribute_of(element["type"], content[0]["name"]))
