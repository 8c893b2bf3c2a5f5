"""The SOAP client core: encodes an operation's input into a SOAP 1.1 or 1.2 envelope, posts it
over ``http.client`` on a kept-alive connection, and decodes the answer or turns it into a typed
error. It never retries a request that was sent. The values of secret input fields (SessionID,
passwords, keys) are kept out of every error, log record and ``repr``.

Connections are kept alive per client and reused by the next call, from any thread (each call
has one to itself); an idle connection the server has closed is replaced before the request is
written. One deadline covers the whole exchange (connect, request, response headers and body):
a watchdog thread (one for all calls) shuts the connection down when it passes, so a server
sending one byte a second cannot keep a call open (a socket timeout alone applies to each
read). The body is read in pieces up to ``max_response_bytes`` and refused as soon as it is
longer; compression is neither asked for nor inflated; the body is decoded strictly in its
charset (or by its BOM). :class:`AsyncSoapTransport` does the same on asyncio streams."""

from __future__ import annotations

import asyncio
import base64
import codecs
import contextlib
import contextvars
import heapq
import html
import http.client
import json
import logging
import re
import select
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field, fields, is_dataclass, replace
from typing import Any, Callable, Iterator, Mapping, Sequence

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

__all__ = ["DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_SECRET_FIELDS", "LOGGER", "AsyncSoapTransport", "Exchange", "SoapTransport"]

DEFAULT_SECRET_FIELDS: tuple[str, ...] = ("SessionID", "Password", "APIKey", "ApiKey", "Secret", "Token", "AccessKey")
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""A response body longer than this (bytes) is refused while it streams in (``size-limit``)."""
_EXCERPT_LENGTH = 500
_READ_SIZE = 64 * 1024


LOGGER = logging.getLogger("ecgrid_soap_runtime")
"""Where every client logs its exchanges unless given ``logger=``: one INFO record per call
(operation, endpoint, HTTP status or error code, duration), the request and response bodies at
DEBUG, secret values redacted."""


_CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie"})


@dataclass(frozen=True)
class Exchange:
    """What was sent and received. The fields hold the exchange as it was (not redacted), for
    debugging; its ``repr`` (and ``str``), what a log or a traceback shows, has the values of
    secret input fields replaced by ``***``, as :meth:`redacted` does."""

    url: str
    request_headers: Mapping[str, str]
    request_body: str
    status: int
    response_headers: Mapping[str, str]
    response_body: str
    secrets: frozenset[str] = field(default=frozenset(), repr=False, compare=False)

    def redacted(self) -> Exchange:
        """A copy with the values of the call's secret input fields replaced by ``***`` in the
        bodies and header values, and the values of credential headers (``Authorization``,
        ``Proxy-Authorization``, ``Cookie``, ``Set-Cookie``) replaced whole."""
        s = set(self.secrets)

        def clean(headers: Mapping[str, str]) -> dict[str, str]:
            return {k: "***" if k.lower() in _CREDENTIAL_HEADERS else _redact(v, s) for k, v in headers.items()}

        return replace(
            self,
            url=_redact(self.url, s),
            request_headers=clean(self.request_headers),
            request_body=_redact(self.request_body, s),
            response_headers=clean(self.response_headers),
            response_body=_redact(self.response_body, s),
            secrets=frozenset(),
        )

    def __repr__(self) -> str:
        r = self.redacted()
        return (
            f"Exchange(url={r.url!r}, request_headers={dict(r.request_headers)!r}, request_body={r.request_body!r}, "
            f"status={r.status!r}, response_headers={dict(r.response_headers)!r}, response_body={r.response_body!r})"
        )


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


_ANYWHERE_LENGTH = 8
"""A secret this long is no word of other text: it is replaced wherever it occurs."""


def _secret_forms(secrets: set[str] | frozenset[str]) -> list[str]:
    """The forms a secret can take in text we show: as is, XML-escaped, URL-encoded, JSON-quoted;
    longest first, so that a secret containing another one is replaced whole."""
    forms: set[str] = set()
    for s in secrets:
        if s:
            forms.update({s, html.escape(s, quote=False), html.escape(s, quote=True), urllib.parse.quote(s, safe=""), json.dumps(s)[1:-1]})
    forms.discard("")
    return sorted(forms, key=len, reverse=True)


def _word(c: str) -> bool:
    return c.isalnum() or c == "_"


def _redact(text: str, secrets: set[str] | frozenset[str]) -> str:
    """Replaces each secret (and its escaped forms) in ``text`` with ``***``. A secret of 8
    characters or more is replaced wherever it occurs; a shorter one only where it stands as a
    whole token (no letter, digit or ``_`` next to it, nor one of ``.:-`` followed by one), so
    that it alters no other text: SessionID ``s`` leaves ``soap:Client`` alone, ``127`` leaves
    ``http://127.0.0.1`` alone."""
    for form in _secret_forms(secrets):
        if form not in text:
            continue
        if len(form) >= _ANYWHERE_LENGTH:
            text = text.replace(form, "***")
            continue
        before = r"(?<!\w)(?<!\w[.:\-])" if _word(form[0]) else ""
        after = r"(?!\w)(?![.:\-]\w)" if _word(form[-1]) else ""
        text = re.sub(before + re.escape(form) + after, "***", text)
    return text


def _redact_plain(value: object, secrets: set[str]) -> Any:
    """A plain value (``SoapFault.detail_value``, made for this error alone) with secrets redacted
    in every string, in place, walked with an explicit stack (a detail of any depth is fine)."""
    if isinstance(value, str):
        return _redact(value, secrets)
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        keys: Any = item.keys() if isinstance(item, dict) else range(len(item)) if isinstance(item, list) else ()
        for key in list(keys):
            child = item[key]
            if isinstance(child, str):
                item[key] = _redact(child, secrets)
            elif isinstance(child, (dict, list)):
                stack.append(child)
    return value


def _redact_element(element: Any, secrets: set[str]) -> None:
    """Redacts secrets in an XML tree's texts, tails and attribute values, in place (a fault's
    detail, parsed for this error alone)."""
    for node in element.iter():
        if node.text:
            node.text = _redact(node.text, secrets)
        if node.tail:
            node.tail = _redact(node.tail, secrets)
        for name, value in list(node.attrib.items()):
            node.attrib[name] = _redact(value, secrets)


def _scrub(error: SoapRuntimeError, secrets: set[str]) -> None:
    """Removes secrets from an error in place: its message, excerpt, fault reason, actor and node,
    and a fault's detail (the XML and its plain values)."""
    if not secrets:
        return
    for name in ("message", "body_excerpt", "reason", "actor", "node"):
        text = getattr(error, name, None)
        if isinstance(text, str):
            setattr(error, name, _redact(text, secrets))
    if isinstance(error, SoapFault):
        if error.detail is not None:
            _redact_element(error.detail, secrets)
        error.detail_value = _redact_plain(error.detail_value, secrets)
    error.message = bounded(error.message)
    error.args = (error.message,)


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
    is connected (before any TLS handshake), as a duplicate handle; when the deadline passes the
    watchdog shuts the connection down through it, which ends a read blocked on a silent or
    trickling server at once, whatever layer (TLS, headers, body) is reading."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._handles: list[socket.socket] = []
        self._lock = threading.Lock()
        _WATCHDOG.add(self)

    def remaining(self) -> float:
        return max(self.end - time.monotonic(), 0.001)

    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self.end

    def watch(self, sock: socket.socket) -> None:
        """Keeps a duplicate of ``sock``: shutting it down ends the connection, and closing it
        later leaves the original to its owner (a TLS socket's too, whose ``dup`` is refused)."""
        handle = socket.fromfd(sock.fileno(), sock.family, sock.type)
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
        _WATCHDOG.remove(self)
        with self._lock:
            for handle in self._handles:
                handle.close()
            self._handles.clear()


class _Watchdog:
    """One daemon thread that expires every pending deadline when it passes (a thread started per
    call would cost as much as the call on a kept-alive connection)."""

    def __init__(self) -> None:
        self._pending: list[tuple[float, int, _Deadline]] = []
        self._cancelled: set[int] = set()
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None

    def add(self, deadline: _Deadline) -> None:
        with self._condition:
            heapq.heappush(self._pending, (deadline.end, id(deadline), deadline))
            self._cancelled.discard(id(deadline))
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="ecgrid-soap-deadlines", daemon=True)
                self._thread.start()
            self._condition.notify()

    def remove(self, deadline: _Deadline) -> None:
        with self._condition:
            if any(entry[2] is deadline for entry in self._pending):
                self._cancelled.add(id(deadline))
            while self._pending and self._pending[0][1] in self._cancelled:
                self._cancelled.discard(heapq.heappop(self._pending)[1])

    def _run(self) -> None:
        while True:
            due: list[_Deadline] = []
            with self._condition:
                while not self._pending:
                    self._condition.wait()
                now = time.monotonic()
                while self._pending and self._pending[0][0] <= now:
                    _, key, deadline = heapq.heappop(self._pending)
                    if key in self._cancelled:
                        self._cancelled.discard(key)
                    else:
                        due.append(deadline)
                if not due:
                    self._condition.wait(self._pending[0][0] - now if self._pending else None)
            for deadline in due:
                deadline._expire()


_WATCHDOG = _Watchdog()


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _describe(error: object) -> str:
    """A platform error in a few words: its type and message, cut short."""
    text = excerpt(str(error))
    name = type(error).__name__
    return f"{name}: {text}" if text else name


def _dropped(sock: socket.socket | None) -> bool:
    """Whether an idle kept-alive connection can no longer be used: closed, or readable while
    no request is pending (the server closed it, or sent something it should not have)."""
    if sock is None or sock.fileno() < 0:
        return True
    try:
        if hasattr(select, "poll"):
            poller = select.poll()
            poller.register(sock, select.POLLIN)
            return bool(poller.poll(0))
        return bool(select.select([sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True


class _Pool:
    """The idle kept-alive connections of one client, shared by the threads calling it; a call
    takes one to itself and gives it back once its answer is read whole."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.closed = False
        self._idle: list[http.client.HTTPConnection] = []
        self._lock = threading.Lock()

    def take(self) -> http.client.HTTPConnection | None:
        """The most recently used idle connection that is still open, or None."""
        while True:
            with self._lock:
                if not self._idle:
                    return None
                connection = self._idle.pop()
            if _dropped(connection.sock):
                connection.close()
                continue
            return connection

    def give(self, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            if not self.closed and len(self._idle) < self.size:
                self._idle.append(connection)
                return
        connection.close()

    def close(self) -> None:
        with self._lock:
            self.closed = True
            idle, self._idle = self._idle, []
        for connection in idle:
            connection.close()


@dataclass(frozen=True)
class _Proxy:
    host: str
    port: int
    headers: Mapping[str, str]


def _proxy_for(option: str | None, endpoint: urllib.parse.SplitResult) -> _Proxy | None:
    """The HTTP proxy to go through: ``option`` when it is a URL, none when it is ``""``, else
    the environment's (``https_proxy``, ``http_proxy``, ``no_proxy``, as urllib reads them; a
    proxy there that is not an ``http:`` URL is not used)."""
    if option == "":
        return None
    given = option is not None
    if option is None:
        if urllib.request.proxy_bypass(endpoint.hostname or ""):
            return None
        option = urllib.request.getproxies().get(endpoint.scheme.lower())
        if not option:
            return None
    parts = urllib.parse.urlsplit(option if "://" in option else f"http://{option}")
    try:
        port = parts.port or 8080
    except ValueError:
        port = -1
    if parts.scheme.lower() != "http" or not parts.hostname or port < 0:
        if not given:
            return None
        raise ClientUsageError("invalid-option", "proxy must be an http: URL with a host (http://proxy.example.com:3128)")
    headers: dict[str, str] = {}
    if parts.username is not None:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "")
        headers["Proxy-Authorization"] = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return _Proxy(parts.hostname, port, headers)


class SoapTransport:
    """Calls the operations of one service; a generated SDK's client wraps it in typed methods.

    ``service`` is the service descriptor (name, endpoints by SOAP version, operations with their
    SOAP action, input and output element ids and whether they are wrapped); ``endpoint``
    overrides the descriptor's; ``timeout`` is the deadline of a whole call in seconds (connect,
    request, response headers and body together); ``headers`` are added to every request;
    ``pretty`` indents requests by two spaces; the string values of input fields whose names
    contain one of ``secret_fields`` never appear in an error raised by :meth:`call`, a log
    record or an :class:`Exchange`'s ``repr``; ``max_response_bytes`` bounds the response body
    (default 64 MiB) and ``xml_limits`` the XML reader (default :class:`XmlLimits`).

    Connections: kept alive and reused, at most ``max_connections`` idle ones (default 8);
    ``ssl_context`` is the :class:`ssl.SSLContext` of https: endpoints (default: the system's
    trusted CAs, host name checked); ``proxy`` an ``http://[user:password@]host:port`` proxy
    (``https:`` endpoints through a CONNECT tunnel), ``""`` for none, default the environment's
    (``https_proxy``, ``http_proxy``, ``no_proxy``); ``opener`` a :class:`urllib.request.OpenerDirector`
    to send every request with instead (your handlers: cookies, authentication, ...; no kept-alive
    connections, and the deadline is checked between reads only). ``logger`` receives the records
    (default :data:`LOGGER`). :meth:`close` closes the idle connections; the client is a context
    manager. Raises ClientUsageError for an unknown SOAP version, no endpoint or one that is not
    an absolute http(s) URL, a proxy that is not an http: URL, or a timeout or limit that is not
    positive."""

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
        ssl_context: ssl.SSLContext | None = None,
        proxy: str | None = None,
        opener: urllib.request.OpenerDirector | None = None,
        logger: logging.Logger | None = None,
        max_connections: int = 8,
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
        try:
            port = parts.port
        except ValueError:
            raise ClientUsageError("invalid-option", "the endpoint must be an absolute http: or https: URL; its port is not a number from 0 to 65535") from None
        if not parts.hostname:
            raise ClientUsageError("invalid-option", "the endpoint must be an absolute http: or https: URL; it names no host")
        if not timeout > 0:
            raise ClientUsageError("invalid-option", "timeout must be a positive number of seconds")
        if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int) or max_response_bytes <= 0:
            raise ClientUsageError("invalid-option", "max_response_bytes must be a positive number of bytes")
        if isinstance(max_connections, bool) or not isinstance(max_connections, int) or max_connections < 0:
            raise ClientUsageError("invalid-option", "max_connections must be a number of connections, 0 or more")
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
        self.logger = logger or LOGGER
        self._https = parts.scheme.lower() == "https"
        self._host = parts.hostname
        self._port = port or (443 if self._https else 80)
        self._target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._ssl_context = ssl_context
        self._proxy = _proxy_for(proxy, parts) if opener is None else None
        self._opener = opener
        self._pool = _Pool(max_connections)
        self._local = threading.local()

    @property
    def last_exchange(self) -> Exchange | None:
        """The last request and response of this thread's calls (None before the first answer):
        each thread sees its own. Its ``repr`` redacts secrets; its fields hold them."""
        exchange: Exchange | None = getattr(self._local, "exchange", None)
        return exchange

    @last_exchange.setter
    def last_exchange(self, exchange: Exchange | None) -> None:
        self._local.exchange = exchange

    def close(self) -> None:
        """Closes the idle connections; a call after this raises ClientUsageError (``closed``).
        A call still running on another thread finishes and closes its connection."""
        self._pool.close()

    def __enter__(self) -> SoapTransport:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

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
        subclasses), whatever the server sends. The exchange becomes this thread's
        :attr:`last_exchange`."""
        record: list[Exchange] = []
        try:
            return self.call_recorded(operation_name, value, timeout, soap_headers, record)
        finally:
            if record:
                self.last_exchange = record[0]

    def call_recorded(
        self, operation_name: str, value: object, timeout: float | None, soap_headers: Mapping[str, object] | None, record: list[Exchange]
    ) -> Any:
        """:meth:`call`, with the exchange appended to ``record`` (once the answer is read) instead
        of kept as :attr:`last_exchange`: for a caller that keeps it elsewhere (the asyncio client)."""
        with self._calling(operation_name, value, soap_headers, record) as secrets:
            return self._call(operation_name, value, timeout, secrets, soap_headers, record)

    @contextlib.contextmanager
    def _calling(self, operation_name: str, value: object, soap_headers: Mapping[str, object] | None, record: list[Exchange]) -> Iterator[set[str]]:
        """One call, blocking or awaited, in its block: the secret values of its input (given to
        the block), a decoder's exhaustion as a ResponseFormatError, its errors redacted, and its
        log records (the exchange read from ``record``)."""
        secrets = _collect_secrets(value, self.secret_fields) | _collect_secrets(soap_headers, self.secret_fields)
        started = time.monotonic()
        try:
            try:
                yield secrets
            except RecursionError:
                raise ResponseFormatError(status=0, content_type="", body_excerpt="", reason="the response is nested too deeply") from None
            except MemoryError:
                raise ResponseFormatError(status=0, content_type="", body_excerpt="", reason="the response does not fit in memory", code="size-limit") from None
        except SoapRuntimeError as error:
            _scrub(error, secrets)
            self._log(operation_name, started, record, secrets, error)
            raise
        self._log(operation_name, started, record, secrets, None)

    def _log(self, operation: str, started: float, record: list[Exchange], secrets: set[str], error: SoapRuntimeError | None) -> None:
        """One INFO record per call; the bodies at DEBUG, redacted."""
        logger = self.logger
        if not logger.isEnabledFor(logging.INFO):
            return
        ms = (time.monotonic() - started) * 1000
        url = _display_url(self.endpoint)
        status = f"HTTP {record[0].status}" if record else "no answer"
        if error is None:
            logger.info("%s %s: %s in %.0f ms", operation, url, status, ms)
        else:
            logger.info("%s %s: %s, %s (%s) in %.0f ms", operation, url, status, type(error).__name__, error.code, ms)
        if record and logger.isEnabledFor(logging.DEBUG):
            exchange = record[0]
            logger.debug("%s request:\n%s", operation, _redact(exchange.request_body, secrets))
            logger.debug("%s response:\n%s", operation, _redact(exchange.response_body, secrets))

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

    def _call(
        self, operation_name: str, value: object, timeout: float | None, secrets: set[str], soap_headers: Mapping[str, object] | None, record: list[Exchange]
    ) -> Any:
        operation, text, headers, seconds = self._prepare(operation_name, value, timeout, soap_headers)
        answer = self._post(text, headers, seconds)
        return self._answer(operation, text, headers, answer, secrets, record)

    def _prepare(self, operation_name: str, value: object, timeout: float | None, soap_headers: Mapping[str, object] | None) -> tuple[Mapping[str, Any], str, dict[str, str], float]:
        """The operation, the request envelope, its HTTP headers and the call's timeout."""
        if self._pool.closed:
            raise ClientUsageError("closed", "the client is closed (close() or the end of its with block); make a new one")
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
        return operation, text, self.request_headers(operation["soapAction"]), timeout or self.timeout

    def _answer(
        self, operation: Mapping[str, Any], text: str, headers: Mapping[str, str], answer: tuple[int, str, dict[str, str], bytearray], secrets: set[str], record: list[Exchange]
    ) -> Any:
        """The call's result from the answer, or its typed error; the exchange goes to ``record``."""
        status, reason, response_headers, data = answer
        content_type = response_headers.get("content-type", "")
        ok = 200 <= status < 300
        try:
            response = _decode_body(data, content_type)
            why = None
        except _Undecodable as undecodable:
            response, why = data.decode("utf-8", errors="replace"), str(undecodable)
        del data, answer
        record.append(Exchange(self.endpoint, headers, text, status, response_headers, response, frozenset(secrets)))
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
        deadline = _Deadline(timeout)
        try:
            try:
                if self._opener is not None:
                    answer = self._open(body, headers, deadline)
                else:
                    answer = self._exchange(body.encode("utf-8"), headers, deadline)
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
        return answer

    def _connect(self, deadline: _Deadline) -> http.client.HTTPConnection:
        """A new connection to the endpoint (or its proxy), its socket watched by ``deadline``
        from the moment it is connected (before a TLS handshake or a proxy tunnel)."""
        host, port = (self._proxy.host, self._proxy.port) if self._proxy is not None else (self._host, self._port)
        connection: http.client.HTTPConnection
        if self._https:
            connection = http.client.HTTPSConnection(host, port, timeout=deadline.remaining(), context=self._ssl_context)
            if self._proxy is not None:
                connection.set_tunnel(self._host, self._port, headers=dict(self._proxy.headers))
        else:
            connection = http.client.HTTPConnection(host, port, timeout=deadline.remaining())
        create = getattr(connection, "_create_connection")

        def create_watched(*args: Any, **options: Any) -> socket.socket:
            sock: socket.socket = create(*args, **options)
            deadline.watch(sock)
            # http.client writes the headers and the body in two sends: without this, Nagle's
            # algorithm holds the body back until the server acknowledges the headers.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return sock

        setattr(connection, "_create_connection", create_watched)
        return connection

    def _send(self, connection: http.client.HTTPConnection, data: bytes, headers: Mapping[str, str]) -> None:
        if self._proxy is not None and not self._https:
            port = "" if self._port == 80 else f":{self._port}"
            host = f"[{self._host}]" if ":" in self._host else self._host
            connection.request("POST", f"http://{host}{port}{self._target}", body=data, headers={**headers, **self._proxy.headers})
        else:
            connection.request("POST", self._target, body=data, headers=dict(headers))

    def _exchange(self, data: bytes, headers: Mapping[str, str], deadline: _Deadline) -> tuple[int, str, dict[str, str], bytearray]:
        """One request on a kept-alive connection: an idle one if there is one, else a new one.
        A reused connection that fails while the request is written (the server closed it
        meanwhile) is replaced once; once the request is written nothing is retried."""
        connection = self._pool.take()
        reused = connection is not None
        if connection is None:
            connection = self._connect(deadline)
        else:
            if connection.sock is not None:
                deadline.watch(connection.sock)
                connection.sock.settimeout(deadline.remaining())
        keep = False
        try:
            try:
                self._send(connection, data, headers)
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, ssl.SSLEOFError):
                if not reused or deadline.passed():
                    raise
                connection.close()
                connection = self._connect(deadline)
                self._send(connection, data, headers)
            response = connection.getresponse()
            status = int(response.status)
            reason = str(response.reason or "")
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            answer = (status, reason, response_headers, self._read_body(response, status, response_headers))
            keep = not response.will_close and response.isclosed() and not deadline.passed()
            return answer
        finally:
            if keep:
                self._pool.give(connection)
            else:
                connection.close()

    def _open(self, body: str, headers: Mapping[str, str], deadline: _Deadline) -> tuple[int, str, dict[str, str], bytearray]:
        """One request through the user's opener (its handlers decide; the socket timeout is the
        time left, and the deadline is checked between reads)."""
        assert self._opener is not None
        request = urllib.request.Request(self.endpoint, data=body.encode("utf-8"), headers=dict(headers), method="POST")
        try:
            response: Any = self._opener.open(request, timeout=deadline.remaining())
        except urllib.error.HTTPError as error:
            response = error
        with response:
            status = int(response.status) if response.status is not None else 0
            reason = str(getattr(response, "reason", "") or "")
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            return status, reason, response_headers, self._read_body(response, status, response_headers, deadline)

    def _read_body(self, response: Any, status: int, response_headers: Mapping[str, str], deadline: _Deadline | None = None) -> bytearray:
        limit = self.max_response_bytes
        content_type = self._check_head(status, str(getattr(response, "reason", "") or ""), response_headers)
        raw = response if isinstance(response, http.client.HTTPResponse) else getattr(response, "fp", None)
        data = bytearray()
        while True:
            piece = response.read(_READ_SIZE)
            if not piece:
                break
            data += piece
            if len(data) > limit:
                raise self._too_long(status, content_type, "more bytes came")
            if deadline is not None and deadline.passed():
                raise TimeoutError("the deadline passed")
        missing = getattr(raw, "length", None)
        if isinstance(missing, int) and missing > 0:
            raise http.client.IncompleteRead(b"", missing)
        return data

    def _check_head(self, status: int, reason: str, response_headers: Mapping[str, str]) -> str:
        """Refuses a compressed body or a Content-Length over the limit before reading; returns
        the content type."""
        content_type = response_headers.get("content-type", "")
        encoding = response_headers.get("content-encoding", "").strip().lower()
        if encoding not in ("", "identity"):
            # Compression is never asked for (Accept-Encoding: identity) and never inflated.
            why = f"the body is compressed (Content-Encoding: {excerpt(encoding, 40)}), which the client does not accept"
            if 200 <= status < 300:
                raise ResponseFormatError(status=status, content_type=content_type, body_excerpt="", reason=why)
            raise HttpError(status=status, status_text=reason, content_type=content_type, body_excerpt="", url=_display_url(self.endpoint))
        declared = response_headers.get("content-length", "").strip()
        if declared.isdigit() and len(declared) < 20 and int(declared) > self.max_response_bytes:
            raise self._too_long(status, content_type, f"its Content-Length is {declared} bytes")
        return content_type

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


_MAX_LINE = 65536
"""The longest status or header line accepted, as http.client's."""
_MAX_HEADERS = 100
"""The most header lines accepted, as http.client's."""


@dataclass
class _Stream:
    """A kept-alive asyncio connection, bound to the event loop that opened it."""

    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    loop: asyncio.AbstractEventLoop

    def usable(self) -> bool:
        return self.loop is asyncio.get_running_loop() and not self.writer.is_closing() and not self.reader.at_eof()

    def close(self) -> None:
        try:
            self.writer.close()
        except RuntimeError:
            # Its event loop has ended (asyncio.run returned): the connection is shut down directly
            # (the socket object is freed with the stream).
            sock = self.writer.get_extra_info("socket")
            if sock is not None:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def _check_header_text(text: str) -> str:
    """A header name or value as http.client accepts it: no line break or NUL (no header injection)."""
    if any(c in text for c in "\r\n\0"):
        raise ValueError(f"invalid header {excerpt(text, 40)!r}")
    return text


class AsyncSoapTransport:
    """The asyncio client core, on the standard library's asyncio streams: the arguments, errors,
    limits, redaction and logging of :class:`SoapTransport`, and the same HTTP/1.1 handling
    (``Content-Length``, chunked or until-close bodies read in pieces under ``max_response_bytes``,
    at most 100 header lines of 64 KiB, no redirects, no compression, nothing written resent).
    Connections are kept alive per client and event loop (at most ``max_connections`` idle), an
    idle one the server has closed replaced before the request is written. The timeout is one
    deadline for the whole exchange (``asyncio.wait_for``); cancelling the awaiting task ends
    the exchange at once and closes its connection. Two cases run the blocking client in a worker
    thread instead (``asyncio.to_thread``): an ``opener`` (urllib handlers block), and an https:
    endpoint through a proxy on Python 3.10 (``StreamWriter.start_tls`` came with 3.11).
    :attr:`last_exchange` is the current task's (a context variable); ``async with`` closes the
    connections (:meth:`aclose`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.sync = SoapTransport(*args, **kwargs)
        self._idle: list[_Stream] = []
        self._last: contextvars.ContextVar[Exchange | None] = contextvars.ContextVar(f"ecgrid_last_exchange_{id(self)}", default=None)
        sync = self.sync
        self._offload = sync._opener is not None or (sync._https and sync._proxy is not None and not hasattr(asyncio.StreamWriter, "start_tls"))

    @property
    def endpoint(self) -> str:
        return self.sync.endpoint

    @property
    def last_exchange(self) -> Exchange | None:
        """The last request and response of the current task's calls (None before the first
        answer). Its ``repr`` redacts secrets; its fields hold them."""
        return self._last.get()

    async def call(self, operation_name: str, value: object, timeout: float | None = None, soap_headers: Mapping[str, object] | None = None) -> Any:
        """:meth:`SoapTransport.call`, awaited."""
        record: list[Exchange] = []
        try:
            if self._offload:
                return await asyncio.to_thread(self.sync.call_recorded, operation_name, value, timeout, soap_headers, record)
            return await self._call_recorded(operation_name, value, timeout, soap_headers, record)
        finally:
            if record:
                self._last.set(record[0])

    async def _call_recorded(self, operation_name: str, value: object, timeout: float | None, soap_headers: Mapping[str, object] | None, record: list[Exchange]) -> Any:
        sync = self.sync
        with sync._calling(operation_name, value, soap_headers, record) as secrets:
            operation, text, headers, seconds = sync._prepare(operation_name, value, timeout, soap_headers)
            answer = await self._post(text, headers, seconds)
            return sync._answer(operation, text, headers, answer, secrets, record)

    async def _post(self, body: str, headers: Mapping[str, str], timeout: float) -> tuple[int, str, dict[str, str], bytearray]:
        url = _display_url(self.sync.endpoint)
        try:
            return await asyncio.wait_for(self._exchange(body.encode("utf-8"), headers), timeout)
        except SoapRuntimeError:
            raise
        except (asyncio.TimeoutError, TimeoutError):
            raise SoapTimeoutError(timeout, url) from None
        except (OSError, http.client.HTTPException, ValueError, EOFError) as error:
            raise TransportError(url, _describe(error)) from None

    def _take(self) -> _Stream | None:
        while self._idle:
            stream = self._idle.pop()
            if stream.usable():
                return stream
            stream.close()
        return None

    async def _connect(self) -> _Stream:
        sync = self.sync
        context = (sync._ssl_context or ssl.create_default_context()) if sync._https else None
        if sync._proxy is None:
            reader, writer = await asyncio.open_connection(sync._host, sync._port, ssl=context, limit=_MAX_LINE)
            return _Stream(reader, writer, asyncio.get_running_loop())
        reader, writer = await asyncio.open_connection(sync._proxy.host, sync._proxy.port, limit=_MAX_LINE)
        stream = _Stream(reader, writer, asyncio.get_running_loop())
        if context is None:
            return stream
        try:
            authority = f"{sync._host}:{sync._port}"
            lines = [f"CONNECT {authority} HTTP/1.1", f"Host: {authority}", *(f"{k}: {v}" for k, v in sync._proxy.headers.items())]
            writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
            await writer.drain()
            status, reason, _, _ = await self._read_head(reader)
            if status != 200:
                raise OSError(f"Tunnel connection failed: {status} {excerpt(reason)}")
            await getattr(writer, "start_tls")(context, server_hostname=sync._host)
        except BaseException:
            stream.close()
            raise
        return stream

    def _request_bytes(self, data: bytes, headers: Mapping[str, str]) -> bytes:
        sync = self.sync
        host = f"[{sync._host}]" if ":" in sync._host else sync._host
        default = 443 if sync._https else 80
        authority = host if sync._port == default else f"{host}:{sync._port}"
        target = sync._target
        extra: Mapping[str, str] = {}
        if sync._proxy is not None and not sync._https:
            target = f"http://{authority}{target}"
            extra = sync._proxy.headers
        lines = [f"POST {_check_header_text(target)} HTTP/1.1", f"Host: {authority}", "Accept-Encoding: identity"]
        for name, value in {**headers, **extra}.items():
            lines.append(f"{_check_header_text(name)}: {_check_header_text(value)}")
        lines.append(f"Content-Length: {len(data)}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + data

    async def _exchange(self, data: bytes, headers: Mapping[str, str]) -> tuple[int, str, dict[str, str], bytearray]:
        request = self._request_bytes(data, headers)
        stream = self._take()
        reused = stream is not None
        if stream is None:
            stream = await self._connect()
        keep = False
        try:
            try:
                stream.writer.write(request)
                await stream.writer.drain()
            except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
                if not reused:
                    raise
                stream.close()
                stream = await self._connect()
                stream.writer.write(request)
                await stream.writer.drain()
            status, reason, response_headers, will_close = await self._read_head(stream.reader)
            body, delimited = await self._read_body(stream.reader, status, reason, response_headers)
            keep = delimited and not will_close
            return status, reason, response_headers, body
        finally:
            if keep and not self.sync._pool.closed and len(self._idle) < self.sync._pool.size:
                self._idle.append(stream)
            else:
                stream.close()

    @staticmethod
    async def _line(reader: asyncio.StreamReader) -> bytes:
        try:
            return await reader.readuntil(b"\n")
        except asyncio.IncompleteReadError as error:
            return error.partial
        except asyncio.LimitOverrunError:
            raise http.client.LineTooLong("header line") from None

    async def _read_head(self, reader: asyncio.StreamReader) -> tuple[int, str, dict[str, str], bool]:
        """The status, reason and headers (names lower-cased, the last of a repeated one) of the
        answer, 1xx answers skipped; and whether the connection closes after it."""
        while True:
            line = await self._line(reader)
            if not line:
                raise http.client.RemoteDisconnected("Remote end closed connection without response")
            text = line.decode("iso-8859-1").rstrip("\r\n")
            parts = text.split(None, 2)
            if len(parts) < 2 or not parts[0].startswith("HTTP/") or len(parts[1]) != 3 or not parts[1].isdigit() or not 100 <= int(parts[1]) <= 999:
                raise http.client.BadStatusLine(excerpt(text))
            version, status, reason = parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""
            headers: dict[str, str] = {}
            count = 0
            last = ""
            while True:
                header = await self._line(reader)
                if header in (b"\r\n", b"\n"):
                    break
                if not header:
                    raise http.client.RemoteDisconnected("Remote end closed connection in the headers")
                count += 1
                if count > _MAX_HEADERS:
                    raise http.client.HTTPException(f"got more than {_MAX_HEADERS} headers")
                field_text = header.decode("iso-8859-1").rstrip("\r\n")
                if field_text[:1] in (" ", "\t") and last:
                    headers[last] += " " + field_text.strip()
                    continue
                name, colon, value = field_text.partition(":")
                if not colon:
                    continue
                last = name.strip().lower()
                headers[last] = value.strip()
            if 100 <= status < 200:
                continue
            connection = headers.get("connection", "").lower()
            will_close = "close" in connection or (version == "HTTP/1.0" and "keep-alive" not in connection)
            return status, reason, headers, will_close

    async def _read_body(self, reader: asyncio.StreamReader, status: int, reason: str, headers: dict[str, str]) -> tuple[bytearray, bool]:
        """The body, and whether its end was marked (chunked, Content-Length) rather than the
        connection's end."""
        sync = self.sync
        limit = sync.max_response_bytes
        content_type = sync._check_head(status, reason, headers)
        data = bytearray()

        def grow(piece: bytes) -> None:
            data.extend(piece)
            if len(data) > limit:
                raise sync._too_long(status, content_type, "more bytes came")

        if "chunked" in headers.get("transfer-encoding", "").lower():
            while True:
                size_line = (await self._line(reader)).split(b";", 1)[0].strip()
                try:
                    size = int(size_line, 16)
                except ValueError:
                    raise http.client.IncompleteRead(bytes(data[-100:])) from None
                if size < 0:
                    raise http.client.IncompleteRead(b"")
                if size == 0:
                    while (await self._line(reader)) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                if len(data) + size > limit:
                    raise sync._too_long(status, content_type, "more bytes came")
                while size > 0:
                    piece = await reader.read(min(size, _READ_SIZE))
                    if not piece:
                        raise http.client.IncompleteRead(b"", size)
                    grow(piece)
                    size -= len(piece)
                if (await reader.readexactly(2)) != b"\r\n":
                    raise http.client.IncompleteRead(b"")
            return data, True
        declared = headers.get("content-length", "").strip()
        if declared.isdigit():
            left = int(declared)
            while left > 0:
                piece = await reader.read(min(left, _READ_SIZE))
                if not piece:
                    raise http.client.IncompleteRead(b"", left)
                grow(piece)
                left -= len(piece)
            return data, True
        # Neither: the body runs to the end of the connection.
        while True:
            piece = await reader.read(_READ_SIZE)
            if not piece:
                return data, False
            grow(piece)

    def close(self) -> None:
        """Closes the idle connections; a call after this raises ClientUsageError (``closed``)."""
        self.sync.close()
        idle, self._idle = self._idle, []
        for stream in idle:
            stream.close()

    async def aclose(self) -> None:
        """Closes the idle connections; a call after this raises ClientUsageError (``closed``)."""
        self.close()

    async def __aenter__(self) -> AsyncSoapTransport:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        self.close()
