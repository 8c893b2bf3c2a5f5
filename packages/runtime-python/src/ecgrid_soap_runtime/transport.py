"""The SOAP client core: encodes an operation's input into a SOAP 1.1 or 1.2 envelope, posts it
with urllib.request, and decodes the answer or turns it into a typed error. It never retries.
The values of secret input fields (SessionID, passwords, keys) are kept out of every error.

One deadline covers the whole exchange (connect, request, response headers and body): a timer
shuts the connection down when it passes, so a server sending one byte a second cannot keep a
call open (a socket timeout alone applies to each read). The body is read in pieces up to
``max_response_bytes`` and refused as soon as it is longer; compression is neither asked for
nor inflated; the body is decoded strictly in its charset (or by its BOM)."""

from __future__ import annotations

import codecs
import html
import http.client
import json
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Callable, Mapping, Sequence

from ._fast import GiveUp
from ._xml import XmlLimits, excerpt
from .codec import Codec
from .envelope import body_declarations, decode_envelope, encode_envelope
from .errors import (
    ClientUsageError,
    bounded,
    EnvelopeError,
    HttpError,
    ResponseFormatError,
    SoapFault,
    SoapRuntimeError,
    SoapTimeoutError,
    TransportError,
)

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_SECRET_FIELDS", "Exchange", "SoapTransport"]

DEFAULT_SECRET_FIELDS: tuple[str, ...] = ("SessionID", "Password", "APIKey", "ApiKey", "Secret", "Token", "AccessKey")
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""A response body longer than this (bytes) is refused while it streams in (``size-limit``)."""
_EXCERPT_LENGTH = 500
_READ_SIZE = 64 * 1024


@dataclass(frozen=True)
class Exchange:
    """What was sent and received (not redacted), for logging and debugging."""

    url: str
    request_headers: Mapping[str, str]
    request_body: str
    status: int
    response_headers: Mapping[str, str]
    response_body: str


def _collect_secrets(value: object, secret_fields: Sequence[str]) -> set[str]:
    """The string values of secret fields anywhere in an input value, walked with an explicit
    stack (a value of any depth, or with cycles, is fine)."""
    found: set[str] = set()
    seen: set[int] = set()
    stack: list[tuple[object, bool]] = [(value, False)]
    while stack:
        item, secret = stack.pop()
        if isinstance(item, str):
            if secret and item:
                found.add(item)
            continue
        if id(item) in seen:
            continue
        if isinstance(item, (list, tuple)):
            seen.add(id(item))
            stack.extend((v, secret) for v in item)
            continue
        items: list[tuple[str, object]] = []
        if is_dataclass(item) and not isinstance(item, type):
            items = [(f.name, getattr(item, f.name)) for f in fields(item)]
        elif isinstance(item, Mapping):
            items = [(str(k), v) for k, v in item.items()]
        else:
            continue
        seen.add(id(item))
        for key, child in items:
            lower = key.lower()
            stack.append((child, secret or any(f and f.lower() in lower for f in secret_fields)))
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


def _charset(content_type: str) -> str | None:
    match = re.search(r';\s*charset\s*=\s*"?([^";\s]+)"?', content_type, re.IGNORECASE)
    return match.group(1) if match else None


_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
_DECLARED = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']""")


class _Undecodable(Exception):
    pass


def _decode_body(data: bytes | bytearray, content_type: str) -> str:
    """The body as text, strictly: in the Content-Type's charset; without one, by its BOM
    (UTF-8, UTF-16LE/BE), else by its XML declaration, else UTF-8. Raises _Undecodable with a
    short reason for bytes that are not valid in that encoding or an unknown charset."""
    view = memoryview(data)
    charset = _charset(content_type)
    skip = 0
    if charset is None:
        for bom, name in _BOMS:
            if data.startswith(bom):
                charset, skip = name, len(bom)
                break
        else:
            declared = _DECLARED.match(bytes(view[:256]))
            charset = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        codecs.lookup(charset)
        text = str(view[skip:], charset, "strict")
    except LookupError:
        raise _Undecodable(f"unknown charset {excerpt(charset, 40)!r}") from None
    except UnicodeError as error:
        start = error.start if isinstance(error, UnicodeDecodeError) else 0
        raise _Undecodable(f"the body is not valid {excerpt(charset, 40)} (at byte {start + skip})") from None
    finally:
        view.release()
    return text[1:] if text.startswith("\ufeff") else text


class _Deadline:
    """One deadline for a whole exchange. The connection's socket is registered as soon as it
    is connected (before any TLS handshake), as a duplicate handle; when the deadline passes a
    timer shuts the connection down through it, which ends a read blocked on a silent or
    trickling server at once, whatever layer (TLS, headers, body) is reading."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._handles: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return max(self.end - time.monotonic(), 0.001)

    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self.end

    def watch(self, sock: socket.socket) -> None:
        """Keeps a duplicate of ``sock``: shutting it down ends the connection, and closing it
        later leaves the original to its owner."""
        handle = sock.dup()
        with self._lock:
            self._handles.append(handle)
            if self.expired:
                _shut(handle)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for handle in self._handles:
                _shut(handle)

    def cancel(self) -> None:
        self._timer.cancel()
        with self._lock:
            for handle in self._handles:
                handle.close()
            self._handles.clear()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Request(urllib.request.Request):
    deadline: _Deadline | None = None


def _watched(http_class: Any, deadline: _Deadline | None) -> Callable[..., http.client.HTTPConnection]:
    """``http_class`` whose connections hand their socket to ``deadline`` as soon as it is
    connected (before a TLS handshake or a proxy tunnel)."""

    def make(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        connection: http.client.HTTPConnection = http_class(host, **kwargs)
        if deadline is None:
            return connection
        create = getattr(connection, "_create_connection")
        watch = deadline.watch

        def create_watched(*args: Any, **options: Any) -> socket.socket:
            sock: socket.socket = create(*args, **options)
            watch(sock)
            return sock

        setattr(connection, "_create_connection", create_watched)
        return connection

    return make


class _HTTPHandler(urllib.request.HTTPHandler):
    def do_open(self, http_class: Any, req: urllib.request.Request, **http_conn_args: Any) -> http.client.HTTPResponse:
        return super().do_open(_watched(http_class, getattr(req, "deadline", None)), req, **http_conn_args)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def do_open(self, http_class: Any, req: urllib.request.Request, **http_conn_args: Any) -> http.client.HTTPResponse:
        return super().do_open(_watched(http_class, getattr(req, "deadline", None)), req, **http_conn_args)


def _describe(error: object) -> str:
    """A platform error in a few words: its type and message, cut short."""
    text = excerpt(str(error))
    name = type(error).__name__
    return f"{name}: {text}" if text else name


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class SoapTransport:
    """Calls the operations of one service; a generated SDK's client wraps it in typed methods.

    ``service`` is the service descriptor (name, endpoints by SOAP version, operations with their
    SOAP action, input and output element ids and whether they are wrapped); ``endpoint``
    overrides the descriptor's; ``timeout`` is the deadline of a whole call in seconds (connect,
    request, response headers and body together); ``headers`` are added to every request;
    ``pretty`` indents requests by two spaces; the string values of input fields whose names
    contain one of ``secret_fields`` never appear in an error raised by :meth:`call`;
    ``max_response_bytes`` bounds the response body (default 64 MiB) and ``xml_limits`` the XML
    reader (default :class:`XmlLimits`). Raises ClientUsageError for an unknown SOAP version, no
    endpoint or one that is not an absolute http(s) URL, or a timeout or limit that is not positive."""

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
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        xml_limits: XmlLimits | None = None,
    ) -> None:
        if soap_version not in ("1.1", "1.2"):
            raise ClientUsageError("invalid-option", "soap_version must be '1.1' or '1.2'")
        configured = endpoint or service["endpoints"].get("soap12" if soap_version == "1.2" else "soap11")
        if not configured:
            raise ClientUsageError("no-endpoint", f"service {service['name']} has no SOAP {soap_version} endpoint; pass endpoint=")
        # An absolute http(s) URL, or a usage error now (the message does not repeat it: it may hold credentials).
        parts = urllib.parse.urlsplit(configured)
        if parts.scheme.lower() not in ("http", "https"):
            what = f"not a {parts.scheme}: URL" if parts.scheme else "it does not parse as one"
            raise ClientUsageError("invalid-option", f"the endpoint must be an absolute http: or https: URL; {what}")
        if not parts.hostname:
            raise ClientUsageError("invalid-option", "the endpoint must be an absolute http: or https: URL; it names no host")
        if not timeout > 0:
            raise ClientUsageError("invalid-option", "timeout must be a positive number of seconds")
        if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int) or max_response_bytes <= 0:
            raise ClientUsageError("invalid-option", "max_response_bytes must be a positive number of bytes")
        self.codec = codec
        self.service = service
        self.endpoint: str = configured
        self.soap_version = soap_version
        self.timeout = timeout
        self.headers = dict(headers or {})
        self.indent = "  " if pretty else None
        self.secret_fields = tuple(secret_fields)
        self.max_response_bytes = max_response_bytes
        self.xml_limits = xml_limits or XmlLimits()
        self.last_exchange: Exchange | None = None
        self._opener = urllib.request.build_opener(_NoRedirect, _HTTPHandler, _HTTPSHandler)

    def request_headers(self, soap_action: str) -> dict[str, str]:
        if self.soap_version == "1.1":
            headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{soap_action}"'}
        else:
            action = f'; action="{soap_action}"' if soap_action else ""
            headers = {"Content-Type": f"application/soap+xml; charset=utf-8{action}"}
        headers.update(self.headers)
        return headers

    def call(self, operation_name: str, value: object, timeout: float | None = None, soap_headers: Mapping[str, object] | None = None) -> Any:
        """Calls an operation with the request element's value; for wrapped operations returns
        the response wrapper's single child (None when absent), else the response element's value.
        ``soap_headers``: SOAP header blocks, keyed by the local name of one of the operation's
        declared header elements, written into ``soap:Header`` in declaration order (their secret
        fields are redacted from errors like the input's). Raises only SoapRuntimeError (its
        subclasses), whatever the server sends."""
        secrets = _collect_secrets(value, self.secret_fields) | _collect_secrets(soap_headers, self.secret_fields)
        try:
            try:
                return self._call(operation_name, value, timeout, secrets, soap_headers)
            except RecursionError:
                raise ResponseFormatError(status=0, content_type="", body_excerpt="", reason="the response is nested too deeply") from None
            except MemoryError:
                raise ResponseFormatError(status=0, content_type="", body_excerpt="", reason="the response does not fit in memory", code="size-limit") from None
        except SoapRuntimeError as error:
            if secrets:
                for name in ("message", "body_excerpt", "reason"):
                    text = getattr(error, name, None)
                    if isinstance(text, str):
                        setattr(error, name, _redact(text, secrets))
                error.message = bounded(error.message)
                error.args = (error.message,)
            raise

    def _headers(self, operation: Mapping[str, Any], soap_headers: Mapping[str, object] | None, options: Mapping[str, Any]) -> str | None:
        """The header blocks of a call, in the declaration order of the operation's headers."""
        if soap_headers is None:
            return None
        declared: dict[str, str] = {}
        for element_id in operation.get("headers", ()):
            element = self.codec.schema["elements"].get(element_id)
            if element is None:
                raise ClientUsageError("invalid-option", f"header element {element_id} of operation {operation['name']} is not defined in the schema")
            declared[element["name"]] = element_id
        for key in soap_headers:
            if key not in declared:
                raise ClientUsageError("invalid-option", f"operation {operation['name']} declares no SOAP header {excerpt(str(key))}")
        blocks = [self.codec.encode_element(element_id, soap_headers[name], **options) for name, element_id in declared.items() if soap_headers.get(name) is not None]
        if not blocks:
            return None
        return ("" if self.indent is None else f"\n{self.indent}{self.indent}").join(blocks)

    def _call(self, operation_name: str, value: object, timeout: float | None, secrets: set[str], soap_headers: Mapping[str, object] | None = None) -> Any:
        operation = self.service["operations"].get(operation_name)
        if operation is None:
            raise ClientUsageError("unknown-operation", f"service {self.service['name']} has no operation {excerpt(operation_name)}")
        if timeout is not None and not timeout > 0:
            raise ClientUsageError("invalid-option", "timeout must be a positive number of seconds")
        depth = 0 if self.indent is None else 2
        # rpc/encoded: simple-typed elements carry xsi:type, as the TypeScript client writes them.
        options = {"indent": self.indent, "depth": depth, "declarations": body_declarations(self.soap_version), "xsi_types": operation.get("encoded") is True}
        header = self._headers(operation, soap_headers, options)
        body = self.codec.encode_element(operation["input"], value, **options)
        text = encode_envelope(self.soap_version, body, header, indent=self.indent)
        headers = self.request_headers(operation["soapAction"])
        status, reason, response_headers, data = self._post(text, headers, timeout or self.timeout)
        content_type = response_headers.get("content-type", "")
        ok = 200 <= status < 300
        try:
            response = _decode_body(data, content_type)
            why = None
        except _Undecodable as undecodable:
            response, why = data.decode("utf-8", errors="replace"), str(undecodable)
        del data
        self.last_exchange = Exchange(self.endpoint, headers, text, status, response_headers, response)
        excerpt_text = self._excerpt(response, secrets)
        if why is not None:
            if ok:
                raise ResponseFormatError(status=status, content_type=content_type, body_excerpt=excerpt_text, reason=why)
            raise HttpError(status=status, status_text=reason, content_type=content_type, body_excerpt=excerpt_text, url=_display_url(self.endpoint))
        return self._decode(operation, status, reason, content_type, response, excerpt_text)

    def _post(self, body: str, headers: Mapping[str, str], timeout: float) -> tuple[int, str, dict[str, str], bytearray]:
        """Sends the request and reads the answer within one deadline of ``timeout`` seconds;
        the body is read in pieces and refused as soon as it is longer than the limit."""
        url = _display_url(self.endpoint)
        request = _Request(self.endpoint, data=body.encode("utf-8"), headers=dict(headers), method="POST")
        deadline = _Deadline(timeout)
        request.deadline = deadline
        try:
            try:
                try:
                    response: Any = self._opener.open(request, timeout=deadline.remaining())
                except urllib.error.HTTPError as error:
                    response = error
                with response:
                    status = int(response.status) if response.status is not None else 0
                    reason = str(getattr(response, "reason", "") or "")
                    response_headers = {k.lower(): v for k, v in response.headers.items()}
                    data = self._read_body(response, status, response_headers)
            finally:
                deadline.cancel()
        except SoapRuntimeError:
            raise
        except (OSError, http.client.HTTPException, ValueError) as error:
            if deadline.passed() or isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError):
                raise SoapTimeoutError(timeout, url) from None
            detail = error.reason if isinstance(error, urllib.error.URLError) else error
            raise TransportError(url, _describe(detail)) from None
        if deadline.expired:
            raise SoapTimeoutError(timeout, url)
        return status, reason, response_headers, data

    def _read_body(self, response: Any, status: int, response_headers: Mapping[str, str]) -> bytearray:
        limit = self.max_response_bytes
        content_type = response_headers.get("content-type", "")
        encoding = response_headers.get("content-encoding", "").strip().lower()
        if encoding not in ("", "identity"):
            # Compression is never asked for (Accept-Encoding: identity) and never inflated.
            why = f"the body is compressed (Content-Encoding: {excerpt(encoding, 40)}), which the client does not accept"
            if 200 <= status < 300:
                raise ResponseFormatError(status=status, content_type=content_type, body_excerpt="", reason=why)
            raise HttpError(status=status, status_text=str(getattr(response, "reason", "") or ""), content_type=content_type, body_excerpt="", url=_display_url(self.endpoint))
        declared = response_headers.get("content-length", "").strip()
        if declared.isdigit() and len(declared) < 20 and int(declared) > limit:
            raise self._too_long(status, content_type, f"its Content-Length is {declared} bytes")
        raw = response if isinstance(response, http.client.HTTPResponse) else getattr(response, "fp", None)
        data = bytearray()
        while True:
            piece = response.read(_READ_SIZE)
            if not piece:
                break
            data += piece
            if len(data) > limit:
                raise self._too_long(status, content_type, "more bytes came")
        missing = getattr(raw, "length", None)
        if isinstance(missing, int) and missing > 0:
            raise http.client.IncompleteRead(b"", missing)
        return data

    def _too_long(self, status: int, content_type: str, how: str) -> ResponseFormatError:
        reason = f"the body is longer than the limit of {self.max_response_bytes} bytes ({how}); raise max_response_bytes to accept it"
        return ResponseFormatError(status=status, content_type=content_type, body_excerpt="", reason=reason, code="size-limit")

    def _excerpt(self, body: str, secrets: set[str]) -> str:
        """The first characters of the body, secrets redacted (a secret that starts inside the
        excerpt is redacted whole, as the text looked at runs that much further)."""
        longest = max((len(s) for s in secrets), default=0) * 6
        clean = _redact(body[: _EXCERPT_LENGTH + longest + 1], secrets)
        return clean if len(clean) <= _EXCERPT_LENGTH else clean[:_EXCERPT_LENGTH] + "…"

    def _decode(self, operation: Mapping[str, Any], status: int, reason: str, content_type: str, body: str, excerpt_text: str) -> Any:
        ok = 200 <= status < 300

        def http_error() -> HttpError:
            return HttpError(status=status, status_text=reason, content_type=content_type, body_excerpt=excerpt_text, url=_display_url(self.endpoint))

        def format_error(why: str, code: str = "invalid-response") -> ResponseFormatError:
            return ResponseFormatError(status=status, content_type=content_type, body_excerpt=excerpt_text, reason=why, code=code)

        output = operation.get("output")
        if body.strip() == "":
            if not ok:
                raise http_error()
            if output is None:
                return None
            raise format_error("empty body")
        if ok and output is not None:
            # The common response read straight from the parser; any other goes the general way below.
            try:
                value = self.codec.stream_response(body, output, self.xml_limits)
            except GiveUp:
                pass
            else:
                return self._unwrap(output, value) if operation["wrapped"] else value
        try:
            envelope = decode_envelope(body, limits=self.xml_limits)
        except SoapFault:
            # A Fault is the answer whatever the status (ASMX sends them with 500).
            raise
        except SoapRuntimeError as error:
            if not ok:
                raise http_error() from None
            if output is None and isinstance(error, EnvelopeError) and error.code == "empty-body":
                return None
            limited = error.code in ("size-limit", "depth-limit")
            raise format_error(error.message, error.code if limited else "invalid-response") from None
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
