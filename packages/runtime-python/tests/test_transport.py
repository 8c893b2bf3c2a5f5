"""The client core against an ``http.server`` on 127.0.0.1: SOAP 1.1 and 1.2 requests, wrapped
results, one-way calls, faults, HTTP errors, non-XML answers, timeouts, no redirects followed,
and secret input values kept out of every error. Every test made with ``transport()`` runs twice:
with :class:`SoapTransport` and with :class:`AsyncSoapTransport` (its own HTTP/1.1 on asyncio
streams), which must behave the same."""

from __future__ import annotations

import asyncio
import http.server
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import pytest

from ecgrid_soap_runtime import (
    AsyncSoapTransport,
    Exchange,
    DEFAULT_SECRET_FIELDS,
    SOAP11_ENVELOPE_NS,
    SOAP12_ENVELOPE_NS,
    DEFAULT_MAX_RESPONSE_BYTES,
    ClientUsageError,
    Codec,
    HttpError,
    ResponseFormatError,
    SoapFault,
    SoapTimeoutError,
    SoapTransport,
    TransportError,
    XmlLimits,
)
from factories import INFO_XML, KEYS_CLASSES, KEYS_SCHEMA, KEYS_SERVICE, TNS, XS, Info, Request, Visibility, keys_codec, q

SECRET = "secret-session-123"
REQUEST = Request(SessionID=SECRET, UserID=5001, Visibility=Visibility.Shared)


@dataclass
class Reply:
    status: int = 200
    body: str = ""
    content_type: str = "text/xml; charset=utf-8"
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    #: Writes the whole answer (status line, headers, body) itself, for broken or slow answers.
    raw: Callable[[BinaryIO], object] | None = None


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: str


class Server:
    def __init__(self) -> None:
        self.reply = Reply()
        self.requests: list[Received] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode("utf-8")
                server.requests.append(Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body))
                reply = server.reply
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.raw is not None:
                    try:
                        reply.raw(self.wfile)
                    except OSError:
                        pass  # the client went away, as it should
                    self.close_connection = True
                    return
                data = reply.body.encode("utf-8")
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except OSError:
                    pass  # the client gave up (timeout tests)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/keys.asmx"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


class AsyncFacade:
    """The asyncio transport behind the blocking ``call`` the tests use: one event loop per call."""

    def __init__(self, inner: AsyncSoapTransport) -> None:
        self.inner = inner
        self.last_exchange: Exchange | None = None

    def call(self, *args: Any, **kwargs: Any) -> Any:
        async def run() -> Any:
            try:
                return await self.inner.call(*args, **kwargs)
            finally:
                self.last_exchange = self.inner.last_exchange

        return asyncio.run(run())


FLAVOUR = ["sync"]


@pytest.fixture(autouse=True, params=["sync", "async"])
def flavour(request: pytest.FixtureRequest) -> Iterator[str]:
    FLAVOUR[0] = request.param
    yield request.param
    FLAVOUR[0] = "sync"


def transport(
    url: str, *, soap_version: str = "1.1", timeout: float = 5.0, pretty: bool = True, max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES, xml_limits: XmlLimits | None = None
) -> SoapTransport | AsyncFacade:
    make = AsyncSoapTransport if FLAVOUR[0] == "async" else SoapTransport
    made = make(
        keys_codec(),
        KEYS_SERVICE,
        endpoint=url,
        soap_version=soap_version,
        timeout=timeout,
        headers={"X-Trace": "t1"},
        pretty=pretty,
        secret_fields=DEFAULT_SECRET_FIELDS,
        max_response_bytes=max_response_bytes,
        xml_limits=xml_limits,
    )
    return AsyncFacade(made) if isinstance(made, AsyncSoapTransport) else made


def response(version: str = "1.1") -> str:
    ns = SOAP11_ENVELOPE_NS if version == "1.1" else SOAP12_ENVELOPE_NS
    return f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{ns}"><soap:Body>{INFO_XML}</soap:Body></soap:Envelope>'


INFO = Info(KeyID=1043, Key="xyz", Visibility=Visibility.Shared, Created="2026-05-07T10:00:00")


def test_soap_11_call_returns_the_wrapped_result(server: Server) -> None:
    server.reply = Reply(body=response())
    client = transport(server.url)
    assert client.call("Set", REQUEST) == INFO
    sent = server.requests[0]
    assert sent.path == "/keys.asmx"
    assert (sent.headers["content-type"], sent.headers["soapaction"], sent.headers["x-trace"]) == ("text/xml; charset=utf-8", '"urn:test/Set"', "t1")
    assert sent.body == (
        f'<?xml version="1.0" encoding="utf-8"?>\n<soap:Envelope xmlns:soap="{SOAP11_ENVELOPE_NS}" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">\n'
        f'  <soap:Body>\n    <Request xmlns="{TNS}">\n      <SessionID>{SECRET}</SessionID>\n      <UserID>5001</UserID>\n'
        "      <Visibility>Shared</Visibility>\n    </Request>\n  </soap:Body>\n</soap:Envelope>"
    )
    exchange = client.last_exchange
    assert exchange is not None and (exchange.status, exchange.request_body, exchange.response_body) == (200, sent.body, response())


def test_soap_12_call_sends_the_action_in_the_content_type(server: Server) -> None:
    server.reply = Reply(body=response("1.2"), content_type="application/soap+xml; charset=utf-8")
    assert transport(server.url, soap_version="1.2", pretty=False).call("Set", REQUEST) == INFO
    sent = server.requests[0]
    assert sent.headers["content-type"] == 'application/soap+xml; charset=utf-8; action="urn:test/Set"'
    assert "soapaction" not in sent.headers
    assert f'<soap:Envelope xmlns:soap="{SOAP12_ENVELOPE_NS}"' in sent.body and "\n" not in sent.body


def test_a_wrapped_result_that_is_absent_is_none(server: Server) -> None:
    server.reply = Reply(body=response().replace(INFO_XML, f'<Response xmlns="{TNS}"/>'))
    assert transport(server.url).call("Set", REQUEST) is None


def test_one_way_operations_accept_an_empty_answer(server: Server) -> None:
    server.reply = Reply(status=202, body="")
    assert transport(server.url).call("Forget", REQUEST) is None


def test_a_fault_is_a_soap_fault_whatever_the_status(server: Server) -> None:
    fault = f'<soap:Envelope xmlns:soap="{SOAP11_ENVELOPE_NS}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>Session {SECRET} is not valid.</faultstring></soap:Fault></soap:Body></soap:Envelope>'
    server.reply = Reply(status=500, body=fault)
    with pytest.raises(SoapFault) as caught:
        transport(server.url).call("Set", REQUEST)
    assert (caught.value.code_local, caught.value.reason) == ("Client", "Session *** is not valid.")
    assert SECRET not in str(caught.value)


def test_http_errors_and_non_xml_answers_are_typed_and_redacted(server: Server) -> None:
    server.reply = Reply(status=503, body=f"<html>down for {SECRET}</html>", content_type="text/html")
    with pytest.raises(HttpError) as http_error:
        transport(server.url).call("Set", REQUEST)
    assert (http_error.value.code, http_error.value.status, http_error.value.body_excerpt) == ("http-error", 503, "<html>down for ***</html>")
    server.reply = Reply(status=200, body="hello", content_type="text/plain")
    with pytest.raises(ResponseFormatError) as format_error:
        transport(server.url).call("Set", REQUEST)
    assert (format_error.value.code, format_error.value.status) == ("invalid-response", 200)
    server.reply = Reply(status=200, body="")
    with pytest.raises(ResponseFormatError):
        transport(server.url).call("Set", REQUEST)


def test_secrets_are_redacted_in_their_escaped_forms_too(server: Server) -> None:
    secret = 'a&b<c>"d'
    server.reply = Reply(status=400, body=f"raw {secret} xml a&amp;b&lt;c&gt;\"d url a%26b%3Cc%3E%22d")
    with pytest.raises(HttpError) as caught:
        transport(server.url).call("Set", Request(SessionID=secret, UserID=1, Visibility=Visibility.Private))
    assert caught.value.body_excerpt == "raw *** xml *** url ***"


def test_redirects_are_not_followed(server: Server) -> None:
    server.reply = Reply(status=302, body="", headers={"Location": "http://127.0.0.1:9/elsewhere"})
    with pytest.raises(HttpError) as caught:
        transport(server.url).call("Set", REQUEST)
    assert caught.value.status == 302
    assert len(server.requests) == 1


def test_a_timeout_is_a_soap_timeout_error_and_a_timeout_error(server: Server) -> None:
    server.reply = Reply(body=response(), delay=1.0)
    with pytest.raises(SoapTimeoutError) as caught:
        transport(server.url, timeout=0.2).call("Set", REQUEST)
    assert isinstance(caught.value, TimeoutError)
    assert caught.value.code == "timeout"
    assert "?" not in str(caught.value)


@pytest.mark.parametrize(
    ("exhaustion", "code", "reason"),
    [(RecursionError, "invalid-response", "the response is nested too deeply"), (MemoryError, "size-limit", "the response does not fit in memory")],
)
def test_a_decoder_out_of_stack_or_memory_is_a_format_error_and_the_exchange_is_kept(
    server: Server, monkeypatch: pytest.MonkeyPatch, exhaustion: type[BaseException], code: str, reason: str
) -> None:
    def exhausted(*args: object, **kwargs: object) -> object:
        raise exhaustion()

    monkeypatch.setattr(Codec, "stream_response", exhausted)
    server.reply = Reply(body=response())
    client = transport(server.url)
    with pytest.raises(ResponseFormatError) as caught:
        client.call("Set", REQUEST)
    assert (caught.value.code, str(caught.value)) == (code, f"invalid SOAP response (HTTP 0): {reason}")
    assert client.last_exchange is not None and client.last_exchange.response_body == response()


def test_a_refused_connection_is_a_transport_error() -> None:
    s = Server()
    url = s.url
    s.close()
    with pytest.raises(TransportError) as caught:
        transport(url).call("Set", REQUEST)
    assert caught.value.code == "transport-error"


def test_usage_errors() -> None:
    codec = keys_codec()
    with pytest.raises(ClientUsageError) as version:
        SoapTransport(codec, KEYS_SERVICE, endpoint=None, soap_version="1.3", timeout=1, headers=None, pretty=True, secret_fields=())
    assert version.value.code == "invalid-option"
    with pytest.raises(ClientUsageError) as endpoint:
        SoapTransport(codec, KEYS_SERVICE, endpoint=None, soap_version="1.2", timeout=1, headers=None, pretty=True, secret_fields=())
    assert endpoint.value.code == "no-endpoint"
    with pytest.raises(ClientUsageError) as timeout:
        SoapTransport(codec, KEYS_SERVICE, endpoint=None, soap_version="1.1", timeout=0, headers=None, pretty=True, secret_fields=())
    assert timeout.value.code == "invalid-option"
    for bad, said in (
        ("not a url", "it does not parse as one"),
        ("/relative/path.asmx", "it does not parse as one"),
        ("ftp://user:pw-secret@example.com/x", "not a ftp: URL"),
        ("http:///no-host", "it names no host"),
    ):
        with pytest.raises(ClientUsageError) as invalid:
            SoapTransport(codec, KEYS_SERVICE, endpoint=bad, soap_version="1.1", timeout=1, headers=None, pretty=True, secret_fields=())
        assert invalid.value.code == "invalid-option"
        assert said in str(invalid.value)
        assert "pw-secret" not in str(invalid.value)
    default = SoapTransport(codec, KEYS_SERVICE, endpoint=None, soap_version="1.1", timeout=1, headers=None, pretty=True, secret_fields=())
    assert default.endpoint == "http://127.0.0.1:9/keys.asmx"
    with pytest.raises(ClientUsageError) as unknown:
        default.call("Nope", REQUEST)
    assert unknown.value.code == "unknown-operation"


def head(status: str = "200 OK", headers: str = "Content-Type: text/xml; charset=utf-8\r\n") -> bytes:
    return f"HTTP/1.1 {status}\r\n{headers}Connection: close\r\n\r\n".encode("ascii")


def endless(out: BinaryIO) -> None:
    """A chunked body that does not end for 30 s unless the client goes away."""
    out.write(head(headers="Content-Type: text/xml; charset=utf-8\r\nTransfer-Encoding: chunked\r\n"))
    piece = b"k" * 65536
    chunk = b"%x\r\n%s\r\n" % (len(piece), piece)
    out.write(b"%x\r\n%s\r\n" % (len(response()) // 2, response().encode()[: len(response()) // 2]))
    stop = time.monotonic() + 30
    while time.monotonic() < stop:
        out.write(chunk)
        out.flush()


def test_the_body_is_refused_at_the_size_limit_while_it_streams_in(server: Server) -> None:
    server.reply = Reply(raw=endless)
    started = time.monotonic()
    with pytest.raises(ResponseFormatError) as caught:
        transport(server.url, timeout=20, max_response_bytes=1024 * 1024).call("Set", REQUEST)
    assert caught.value.code == "size-limit" and "1048576" in caught.value.message
    assert time.monotonic() - started < 5


def test_a_content_length_over_the_limit_is_refused_before_reading(server: Server) -> None:
    server.reply = Reply(body=response())
    with pytest.raises(ResponseFormatError) as caught:
        transport(server.url, max_response_bytes=100).call("Set", REQUEST)
    assert (caught.value.code, caught.value.status) == ("size-limit", 200)
    assert transport(server.url, max_response_bytes=len(response())).call("Set", REQUEST) == INFO


def test_the_timeout_is_one_deadline_for_a_trickling_body(server: Server) -> None:
    def trickle(out: BinaryIO) -> None:
        body = response().encode()
        out.write(head(headers=f"Content-Type: text/xml; charset=utf-8\r\nContent-Length: {len(body)}\r\n"))
        for byte in body[:100]:
            out.write(bytes([byte]))
            out.flush()
            time.sleep(0.1)

    server.reply = Reply(raw=trickle)
    started = time.monotonic()
    with pytest.raises(SoapTimeoutError) as caught:
        transport(server.url, timeout=1.0).call("Set", REQUEST)
    elapsed = time.monotonic() - started
    assert caught.value.code == "timeout"
    assert 0.9 < elapsed < 2.0


def test_the_timeout_covers_trickling_headers(server: Server) -> None:
    def trickle(out: BinaryIO) -> None:
        for byte in head(headers="X-Slow: " + "s" * 100 + "\r\n"):
            out.write(bytes([byte]))
            out.flush()
            time.sleep(0.1)

    server.reply = Reply(raw=trickle)
    started = time.monotonic()
    with pytest.raises(SoapTimeoutError):
        transport(server.url, timeout=1.0).call("Set", REQUEST)
    assert time.monotonic() - started < 2.0


def test_a_body_shorter_than_its_content_length_is_a_transport_error(server: Server) -> None:
    def short(out: BinaryIO) -> None:
        body = response().encode()
        out.write(head(headers=f"Content-Type: text/xml; charset=utf-8\r\nContent-Length: {len(body) + 1000}\r\n") + body)

    server.reply = Reply(raw=short)
    with pytest.raises(TransportError) as caught:
        transport(server.url).call("Set", REQUEST)
    assert caught.value.code == "transport-error" and "IncompleteRead" in caught.value.message


@pytest.mark.parametrize("chunks", [b"zz\r\nabc\r\n0\r\n\r\n", b"10\r\nabc", b"5\r\nabc"])
def test_a_broken_chunked_encoding_is_a_transport_error(server: Server, chunks: bytes) -> None:
    server.reply = Reply(raw=lambda out: out.write(head(headers="Content-Type: text/xml\r\nTransfer-Encoding: chunked\r\n") + chunks))
    with pytest.raises(TransportError):
        transport(server.url).call("Set", REQUEST)


def test_invalid_utf8_is_a_format_error_not_a_replacement_character(server: Server) -> None:
    body = response().replace("xyz", "x\udcc3(z").encode("utf-8", "surrogateescape")
    server.reply = Reply(raw=lambda out: out.write(head(headers=f"Content-Type: text/xml; charset=utf-8\r\nContent-Length: {len(body)}\r\n") + body))
    with pytest.raises(ResponseFormatError) as caught:
        transport(server.url).call("Set", REQUEST)
    assert caught.value.code == "invalid-response" and "utf-8" in caught.value.message
    # Without a charset, UTF-8 is the default and just as strict.
    server.reply = Reply(raw=lambda out: out.write(head(headers=f"Content-Type: text/xml\r\nContent-Length: {len(body)}\r\n") + body))
    with pytest.raises(ResponseFormatError):
        transport(server.url).call("Set", REQUEST)
    # An unknown charset is refused too.
    server.reply = Reply(body=response(), content_type="text/xml; charset=x-no-such")
    with pytest.raises(ResponseFormatError) as unknown:
        transport(server.url).call("Set", REQUEST)
    assert "charset" in unknown.value.message


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"), ("utf-8", b"\xef\xbb\xbf")])
def test_a_body_without_charset_decodes_by_its_bom(server: Server, encoding: str, bom: bytes) -> None:
    text = response().replace("xyz", "clé-ü").replace('encoding="utf-8"', 'encoding="utf-16"' if "16" in encoding else 'encoding="utf-8"')
    body = bom + text.encode(encoding)
    server.reply = Reply(raw=lambda out: out.write(head(headers=f"Content-Type: text/xml\r\nContent-Length: {len(body)}\r\n") + body))
    assert transport(server.url).call("Set", REQUEST).Key == "clé-ü"


def test_compression_is_not_asked_for_nor_inflated(server: Server) -> None:
    compressed = zlib.compress(response().encode())
    server.reply = Reply(raw=lambda out: out.write(head(headers=f"Content-Type: text/xml\r\nContent-Encoding: deflate\r\nContent-Length: {len(compressed)}\r\n") + compressed))
    with pytest.raises(ResponseFormatError) as caught:
        transport(server.url).call("Set", REQUEST)
    assert "Content-Encoding: deflate" in caught.value.message
    assert server.requests[0].headers.get("accept-encoding", "identity") == "identity"


def test_the_xml_limits_apply_to_responses(server: Server) -> None:
    server.reply = Reply(body=response())
    with pytest.raises(ResponseFormatError) as caught:
        transport(server.url, xml_limits=XmlLimits(max_depth=4)).call("Set", REQUEST)
    assert caught.value.code == "depth-limit"
    assert transport(server.url, xml_limits=XmlLimits(max_depth=5)).call("Set", REQUEST) == INFO


def test_limits_must_be_positive() -> None:
    for bad in (0, -1, True):
        with pytest.raises(ClientUsageError):
            transport("http://127.0.0.1:9/", max_response_bytes=bad)


@pytest.mark.parametrize(
    "answer",
    [
        b"garbage\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX-Long: " + b"h" * 70_000 + b"\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n" + b"".join(b"X-%d: v\r\n" % i for i in range(200)) + b"\r\n",
        b"",
    ],
)
def test_a_broken_answer_is_a_transport_error_never_a_platform_exception(server: Server, answer: bytes) -> None:
    server.reply = Reply(raw=lambda out: out.write(answer))
    with pytest.raises(TransportError) as caught:
        transport(server.url).call("Set", REQUEST)
    assert len(caught.value.message) < 600


def test_an_error_status_with_undecodable_bytes_is_an_http_error(server: Server) -> None:
    body = b"<html>\xff\xfe\xc3(</html>"
    server.reply = Reply(raw=lambda out: out.write(head("503 Busy", f"Content-Type: text/html; charset=utf-8\r\nContent-Length: {len(body)}\r\n") + body))
    with pytest.raises(HttpError) as caught:
        transport(server.url).call("Set", REQUEST)
    assert caught.value.status == 503


def test_secrets_are_found_in_inputs_of_any_depth(server: Server) -> None:
    fault = f'<soap:Envelope xmlns:soap="{SOAP11_ENVELOPE_NS}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode><faultstring>no {SECRET}</faultstring></soap:Fault></soap:Body></soap:Envelope>'
    server.reply = Reply(status=500, body=fault)
    nested: dict[str, object] = {"Token": SECRET}
    for _ in range(5000):
        nested = {"Inner": nested}
    cyclic: list[object] = [nested]
    cyclic.append(cyclic)
    from ecgrid_soap_runtime.transport import _collect_secrets

    assert _collect_secrets(cyclic, DEFAULT_SECRET_FIELDS) == {SECRET}
    with pytest.raises(SoapFault) as caught:
        transport(server.url).call("Set", REQUEST)
    assert caught.value.reason == "no ***"


def test_the_timeout_covers_a_trickling_tls_handshake() -> None:
    import socket

    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)  # the ClientHello
            # A handshake record of 16 KiB announced, then sent one byte at a time.
            conn.sendall(b"\x16\x03\x03\x40\x00")
            while not stop.is_set():
                try:
                    conn.sendall(b"\x00")
                except OSError:
                    return
                time.sleep(0.1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    started = time.monotonic()
    try:
        with pytest.raises(SoapTimeoutError):
            transport(f"https://127.0.0.1:{listener.getsockname()[1]}/keys.asmx", timeout=1.0).call("Set", REQUEST)
        assert time.monotonic() - started < 2.0
    finally:
        stop.set()
        listener.close()


def test_a_hostile_status_line_is_quoted_short(server: Server) -> None:
    reason = "r" * 60_000
    server.reply = Reply(raw=lambda out: out.write(head(f"503 {reason}", "Content-Length: 0\r\n")))
    with pytest.raises(HttpError) as http_error:
        transport(server.url).call("Set", REQUEST)
    assert http_error.value.status_text == reason and len(http_error.value.message) < 300
    server.reply = Reply(raw=lambda out: out.write(b"HTTP/1.1 abc " + b"x" * 60_000 + b"\r\n\r\n"))
    with pytest.raises(TransportError) as transport_error:
        transport(server.url).call("Set", REQUEST)
    assert len(transport_error.value.message) < 300


def _with_headers(url: str) -> SoapTransport:
    """The Keys service with a SOAP header element (Auth, a string) on Set, and Set rpc/encoded."""
    schema = {**KEYS_SCHEMA, "elements": {**KEYS_SCHEMA["elements"], q("Auth"): {"name": "Auth", "ns": TNS, "type": f"{XS}string", "nillable": False}}}
    set_op = {**KEYS_SERVICE["operations"]["Set"], "headers": [q("Auth")], "encoded": True}
    service = {**KEYS_SERVICE, "operations": {**KEYS_SERVICE["operations"], "Set": set_op}}
    return SoapTransport(Codec(schema, KEYS_CLASSES, {}), service, endpoint=url, soap_version="1.1", timeout=5.0, headers={}, pretty=False, secret_fields=DEFAULT_SECRET_FIELDS)


def test_soap_headers_go_into_the_header_and_rpc_encoded_values_carry_xsi_type(server: Server) -> None:
    server.reply = Reply(body=response())
    client = _with_headers(server.url)
    assert client.call("Set", REQUEST, soap_headers={"Auth": "token-1"}) == INFO
    body = server.requests[0].body
    assert f'<soap:Header><Auth xmlns="{TNS}" xsi:type="xsd:string">token-1</Auth></soap:Header>' in body
    assert f'<UserID xsi:type="xsd:int">5001</UserID><Visibility xmlns:t="{TNS}" xsi:type="t:Visibility">Shared</Visibility>' in body
    with pytest.raises(ClientUsageError) as unknown:
        client.call("Set", REQUEST, soap_headers={"Nope": "x"})
    assert unknown.value.code == "invalid-option"
    # No header blocks given: no soap:Header.
    client.call("Set", REQUEST, soap_headers={})
    assert "soap:Header" not in server.requests[-1].body
