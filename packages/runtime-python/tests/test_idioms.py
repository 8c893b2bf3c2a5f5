"""The client as a Python user expects it: a context manager with ``close()``; connections kept
alive and shared by threads (an HTTP/1.1 server counts them); an ``ssl.SSLContext`` (a
self-signed certificate made with ``openssl``), an HTTP proxy (plain and CONNECT) and a urllib
opener; ``logging`` records with redacted bodies; ``last_exchange`` per thread with a redacted
``repr``; secrets redacted only as whole tokens; fault details as plain values."""

from __future__ import annotations

import asyncio
import http.client
import http.server
import logging
import select
import shutil
import socket
import ssl
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from ecgrid_soap_runtime import (
    AsyncSoapTransport,
    DEFAULT_SECRET_FIELDS,
    SOAP11_ENVELOPE_NS,
    ClientUsageError,
    SoapFault,
    SoapRuntimeError,
    SoapTimeoutError,
    SoapTransport,
    TransportError,
)
from ecgrid_soap_runtime.transport import _redact
from factories import INFO_XML, KEYS_SERVICE, Info, Request, Visibility, keys_codec

SECRET = "secret-session-123"
REQUEST = Request(SessionID=SECRET, UserID=5001, Visibility=Visibility.Shared)
RESPONSE = f'<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="{SOAP11_ENVELOPE_NS}"><soap:Body>{INFO_XML}</soap:Body></soap:Envelope>'
INFO = Info(KeyID=1043, Key="xyz", Visibility=Visibility.Shared, Created="2026-05-07T10:00:00")


class KeepAliveServer:
    """An HTTP/1.1 server that keeps connections open and counts them. ``mode``: ``"keep"``
    answers and keeps the connection; ``"close-idle"`` answers as if keeping it, then closes it
    (a server's idle timeout); ``"drop-next"`` reads the next request and closes without
    answering."""

    def __init__(self, context: ssl.SSLContext | None = None) -> None:
        self.connections = 0
        self.requests: list[dict[str, str]] = []
        self.request_lines: list[str] = []
        self.mode = "keep"
        self.body = RESPONSE
        self.delay = 0.0
        self.lock = threading.Lock()
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                with server.lock:
                    server.connections += 1
                super().setup()

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with server.lock:
                    server.requests.append({k.lower(): v for k, v in self.headers.items()} | {"body": body.decode("utf-8")})
                    server.request_lines.append(self.requestline)
                    mode = server.mode
                if server.delay:
                    time.sleep(server.delay)
                if mode == "drop-next":
                    self.close_connection = True
                    return
                data = server.body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/xml; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                self.wfile.flush()
                if mode == "close-idle":
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if context is not None:
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        scheme = "https" if context is not None else "http"
        self.port = self.httpd.server_address[1]
        self.url = f"{scheme}://127.0.0.1:{self.port}/keys.asmx"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def server() -> Iterator[KeepAliveServer]:
    s = KeepAliveServer()
    yield s
    s.close()


def transport(url: str, **options: Any) -> SoapTransport:
    return SoapTransport(
        keys_codec(),
        KEYS_SERVICE,
        endpoint=url,
        soap_version="1.1",
        timeout=options.pop("timeout", 5.0),
        headers=None,
        pretty=False,
        secret_fields=DEFAULT_SECRET_FIELDS,
        proxy=options.pop("proxy", ""),
        **options,
    )


# 1. Context manager and close()


def test_the_transport_is_a_context_manager_that_closes_its_connections(server: KeepAliveServer) -> None:
    with transport(server.url) as client:
        assert client.call("Set", REQUEST) == INFO
        idle = client._pool._idle[0]
        assert idle.sock is not None
    assert idle.sock is None  # closed by the with block
    with pytest.raises(ClientUsageError) as caught:
        client.call("Set", REQUEST)
    assert caught.value.code == "closed"
    assert len(server.requests) == 1


# 2. Kept-alive connections


def test_calls_reuse_one_kept_alive_connection(server: KeepAliveServer) -> None:
    with transport(server.url) as client:
        for _ in range(5):
            assert client.call("Set", REQUEST) == INFO
    assert (server.connections, len(server.requests)) == (1, 5)
    assert "connection" not in server.requests[0]  # no Connection: close


def test_threads_share_the_connections_one_call_each(server: KeepAliveServer) -> None:
    results: list[object] = []
    with transport(server.url, max_connections=4) as client:

        def work() -> None:
            for _ in range(10):
                results.append(client.call("Set", REQUEST))

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(client._pool._idle) <= 4
    assert results == [INFO] * 40
    assert len(server.requests) == 40
    assert server.connections <= 4  # never more than the threads calling at once


def test_an_idle_connection_the_server_closed_is_replaced_before_the_request(server: KeepAliveServer) -> None:
    server.mode = "close-idle"
    with transport(server.url) as client:
        for _ in range(3):
            assert client.call("Set", REQUEST) == INFO
            # The server has closed it: wait until the client could see it.
            sock = client._pool._idle[0].sock
            assert sock is not None
            select.select([sock], [], [], 2.0)
    assert (server.connections, len(server.requests)) == (3, 3)


def test_a_request_sent_on_a_connection_that_then_drops_is_not_retried(server: KeepAliveServer) -> None:
    with transport(server.url) as client:
        assert client.call("Set", REQUEST) == INFO
        server.mode = "drop-next"
        with pytest.raises(TransportError) as caught:
            client.call("Set", REQUEST)
        assert "RemoteDisconnected" in caught.value.message
    assert len(server.requests) == 2  # sent once, never again


def test_max_connections_zero_keeps_none(server: KeepAliveServer) -> None:
    with transport(server.url, max_connections=0) as client:
        client.call("Set", REQUEST)
        client.call("Set", REQUEST)
    assert server.connections == 2


# 3. SSLContext, proxy, opener


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1, made by openssl now."""
    openssl = shutil.which("openssl")
    assert openssl is not None, "the TLS tests need the openssl command (apt-get install -y openssl)"
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture()
def tls_server(certificate: tuple[Path, Path]) -> Iterator[KeepAliveServer]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*certificate)
    s = KeepAliveServer(context)
    yield s
    s.close()


def test_an_ssl_context_trusts_a_self_signed_certificate(tls_server: KeepAliveServer, certificate: tuple[Path, Path]) -> None:
    with pytest.raises(TransportError) as caught:
        transport(tls_server.url).call("Set", REQUEST)
    assert "CERTIFICATE_VERIFY_FAILED" in caught.value.message
    trusting = ssl.create_default_context(cafile=str(certificate[0]))
    with transport(tls_server.url, ssl_context=trusting) as client:
        assert client.call("Set", REQUEST) == INFO
        assert client.call("Set", REQUEST) == INFO
    # The refused handshake never reached a handler; the two calls shared one connection.
    assert (tls_server.connections, len(tls_server.requests)) == (1, 2)


class Proxy:
    """An HTTP proxy: absolute-URL requests forwarded, CONNECT tunnelled; it records what it saw."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str | None]] = []
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                proxy.seen.append((self.requestline, self.headers.get("Proxy-Authorization")))
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                target = urllib.parse.urlsplit(self.path)
                upstream = http.client.HTTPConnection(target.hostname or "", target.port or 80, timeout=5)
                headers = {k: v for k, v in self.headers.items() if k.lower() != "proxy-authorization"}
                upstream.request("POST", target.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            def do_CONNECT(self) -> None:
                proxy.seen.append((self.requestline, self.headers.get("Proxy-Authorization")))
                host, port = self.path.rsplit(":", 1)
                upstream = socket.create_connection((host, int(port)), timeout=5)
                self.send_response(200, "Connection established")
                self.end_headers()
                self.wfile.flush()
                sockets = [self.connection, upstream]
                while True:
                    readable, _, _ = select.select(sockets, [], [], 5)
                    if not readable:
                        break
                    for sock in readable:
                        data = sock.recv(65536)
                        if not data:
                            upstream.close()
                            self.close_connection = True
                            return
                        (upstream if sock is self.connection else self.connection).sendall(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://user:p%40ss@127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture()
def proxy() -> Iterator[Proxy]:
    p = Proxy()
    yield p
    p.close()


def test_a_proxy_gets_the_absolute_url_and_its_credentials(server: KeepAliveServer, proxy: Proxy) -> None:
    with transport(server.url, proxy=proxy.url) as client:
        assert client.call("Set", REQUEST) == INFO
    assert proxy.seen == [(f"POST {server.url} HTTP/1.1", "Basic dXNlcjpwQHNz")]  # user:p@ss
    assert server.requests[0]["host"] == f"127.0.0.1:{server.port}"


def test_https_goes_through_a_proxy_tunnel(tls_server: KeepAliveServer, proxy: Proxy, certificate: tuple[Path, Path]) -> None:
    trusting = ssl.create_default_context(cafile=str(certificate[0]))
    with transport(tls_server.url, proxy=proxy.url, ssl_context=trusting) as client:
        assert client.call("Set", REQUEST) == INFO
        assert client.call("Set", REQUEST) == INFO
    assert proxy.seen == [(f"CONNECT 127.0.0.1:{tls_server.port} HTTP/1.0", "Basic dXNlcjpwQHNz")]  # one tunnel, kept alive
    assert len(tls_server.requests) == 2


def test_a_proxy_must_be_an_http_url() -> None:
    for bad in ("https://proxy.example.com:3128", "ftp://proxy", "http://:3128"):
        with pytest.raises(ClientUsageError) as caught:
            transport("http://127.0.0.1:9/keys.asmx", proxy=bad)
        assert caught.value.code == "invalid-option"


def test_the_proxy_of_the_environment_is_used_unless_told_otherwise(server: KeepAliveServer, proxy: Proxy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", proxy.url)
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    with transport(server.url, proxy=None) as client:
        client.call("Set", REQUEST)
    with transport(server.url, proxy="") as client:
        client.call("Set", REQUEST)
    assert len(proxy.seen) == 1
    assert len(server.requests) == 2


def test_an_opener_sends_the_requests_with_its_handlers(server: KeepAliveServer) -> None:
    class Stamp(urllib.request.BaseHandler):
        def http_request(self, request: urllib.request.Request) -> urllib.request.Request:
            request.add_header("X-Stamped", "yes")
            return request

    opener = urllib.request.build_opener(Stamp())
    with transport(server.url, opener=opener) as client:
        assert client.call("Set", REQUEST) == INFO
    assert server.requests[0]["x-stamped"] == "yes"


# 4. logging


def test_each_call_is_logged_with_its_bodies_redacted(server: KeepAliveServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="ecgrid_soap_runtime")
    with transport(server.url) as client:
        client.call("Set", REQUEST)
    records = [(r.name, r.levelname, r.getMessage()) for r in caplog.records]
    assert records[0][:2] == ("ecgrid_soap_runtime", "INFO")
    assert records[0][2].startswith(f"Set http://127.0.0.1:{server.port}/keys.asmx: HTTP 200 in ")
    assert records[0][2].endswith(" ms")
    assert [(level, message.split("\n")[0]) for _, level, message in records[1:]] == [("DEBUG", "Set request:"), ("DEBUG", "Set response:")]
    assert "<SessionID>***</SessionID>" in records[1][2]
    assert INFO_XML in records[2][2]
    assert all(SECRET not in message for _, _, message in records)


def test_a_failed_call_is_logged_with_its_error_code(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="ecgrid_soap_runtime")
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()
    with pytest.raises(TransportError):
        transport(f"http://127.0.0.1:{port}/keys.asmx").call("Set", REQUEST)
    assert [r.getMessage().rsplit(" in ", 1)[0] for r in caplog.records] == [
        f"Set http://127.0.0.1:{port}/keys.asmx: no answer, TransportError (transport-error)"
    ]


def test_a_logger_of_ones_own(server: KeepAliveServer, caplog: pytest.LogCaptureFixture) -> None:
    mine = logging.getLogger("my.app.soap")
    caplog.set_level(logging.INFO, logger="my.app.soap")
    with transport(server.url, logger=mine) as client:
        client.call("Set", REQUEST)
    assert [r.name for r in caplog.records] == ["my.app.soap"]


# 5. last_exchange


def test_last_exchange_is_redacted_in_its_repr_and_kept_per_thread(server: KeepAliveServer) -> None:
    with transport(server.url) as client:
        assert client.last_exchange is None
        client.call("Set", REQUEST)
        exchange = client.last_exchange
        assert exchange is not None
        assert f"<SessionID>{SECRET}</SessionID>" in exchange.request_body  # the fields hold what was sent
        assert SECRET not in repr(exchange) and SECRET not in str(exchange)
        assert "<SessionID>***</SessionID>" in repr(exchange)
        assert exchange.redacted().request_body == exchange.request_body.replace(SECRET, "***")
        with_credentials = replace(exchange, request_headers={"Authorization": "Basic dXNlcjpwYXNz", "X-Trace": "t"})
        assert "'Authorization': '***'" in repr(with_credentials) and "dXNlcjpwYXNz" not in repr(with_credentials)
        seen: list[object] = []

        def other() -> None:
            seen.append(client.last_exchange)
            client.call("Set", Request(SessionID="other-thread-secret", UserID=7, Visibility=Visibility.Private))
            seen.append(client.last_exchange)

        thread = threading.Thread(target=other)
        thread.start()
        thread.join()
        assert seen[0] is None
        assert seen[1] is not None and seen[1] is not exchange
        assert client.last_exchange is exchange  # this thread's, untouched


# 7. Whole-token redaction


def test_a_short_secret_is_redacted_only_as_a_whole_token() -> None:
    assert _redact("soap:Client: session s is unknown", {"s"}) == "soap:Client: session *** is unknown"
    assert _redact("from http://127.0.0.1:8080/x, user 127.", {"127"}) == "from http://127.0.0.1:8080/x, user ***."
    assert _redact("<SessionID>ab</SessionID> abc ab-c", {"ab"}) == "<SessionID>***</SessionID> abc ab-c"
    assert _redact("key=secret-session-123-suffix", {SECRET}) == "key=***-suffix"  # 8 characters and more: anywhere


def test_a_fault_keeps_its_code_when_the_session_is_one_letter(server: KeepAliveServer) -> None:
    server.body = (
        f'<soap:Envelope xmlns:soap="{SOAP11_ENVELOPE_NS}"><soap:Body><soap:Fault><faultcode>soap:Client</faultcode>'
        "<faultstring>session s expired</faultstring></soap:Fault></soap:Body></soap:Envelope>"
    )
    with pytest.raises(SoapFault) as caught:
        transport(server.url).call("Set", Request(SessionID="s", UserID=1, Visibility=Visibility.Private))
    assert str(caught.value) == "SOAP fault soap:Client: session *** expired"


# 8. Fault details as plain values


def test_a_fault_detail_is_decoded_to_plain_values_and_redacted(server: KeepAliveServer) -> None:
    server.body = (
        f'<soap:Envelope xmlns:soap="{SOAP11_ENVELOPE_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soap:Body><soap:Fault>'
        "<faultcode>soap:Server</faultcode><faultstring>failed</faultstring><detail>"
        f'<Error xmlns="urn:errors" severity="high"><Code>42</Code><Session>{SECRET}</Session><Item>a</Item>'
        '<Item><Name lang="en">b</Name></Item><Empty/><Nothing xsi:nil="true"/></Error>'
        "</detail></soap:Fault></soap:Body></soap:Envelope>"
    )
    with pytest.raises(SoapFault) as caught:
        transport(server.url).call("Set", REQUEST)
    assert caught.value.detail_value == {
        "Error": {
            "Code": "42",
            "Session": "***",
            "Item": ["a", {"Name": {"$attributes": {"lang": "en"}, "$value": "b"}}],
            "Empty": "",
            "Nothing": None,
            "$attributes": {"severity": "high"},
        }
    }
    detail = caught.value.detail
    assert detail is not None and detail[0][1].text == "***"  # the kept XML is redacted too


# 9. asyncio


def async_calls(url: str, count: int, between: Callable[[AsyncSoapTransport], Awaitable[None]] | None = None, **options: Any) -> list[object]:
    """``count`` calls one after the other on one asyncio transport (results, or the errors raised)."""

    async def main() -> list[object]:
        out: list[object] = []
        async with AsyncSoapTransport(
            keys_codec(), KEYS_SERVICE, endpoint=url, soap_version="1.1", timeout=options.pop("timeout", 5.0), headers=None, pretty=False,
            secret_fields=DEFAULT_SECRET_FIELDS, proxy=options.pop("proxy", ""), **options,
        ) as client:
            for _ in range(count):
                try:
                    out.append(await client.call("Set", REQUEST))
                except SoapRuntimeError as error:
                    out.append(error)
                if between is not None:
                    await between(client)
        return out

    return asyncio.run(main())


def test_the_asyncio_transport_keeps_connections_alive(server: KeepAliveServer) -> None:
    assert async_calls(server.url, 5) == [INFO] * 5
    assert (server.connections, len(server.requests)) == (1, 5)


def test_the_asyncio_transport_replaces_an_idle_connection_the_server_closed(server: KeepAliveServer) -> None:
    server.mode = "close-idle"

    async def settle(client: AsyncSoapTransport) -> None:
        await asyncio.sleep(0.2)  # the server's FIN arrives

    assert async_calls(server.url, 3, settle) == [INFO] * 3
    assert (server.connections, len(server.requests)) == (3, 3)


def test_the_asyncio_transport_never_resends_a_written_request(server: KeepAliveServer) -> None:
    async def drop(client: AsyncSoapTransport) -> None:
        server.mode = "drop-next"

    results = async_calls(server.url, 2, drop)
    assert results[0] == INFO
    assert isinstance(results[1], TransportError) and "RemoteDisconnected" in results[1].message
    assert len(server.requests) == 2


def test_the_asyncio_transport_takes_an_ssl_context(tls_server: KeepAliveServer, certificate: tuple[Path, Path]) -> None:
    refused = async_calls(tls_server.url, 1)
    assert isinstance(refused[0], TransportError) and "CERTIFICATE_VERIFY_FAILED" in refused[0].message
    assert async_calls(tls_server.url, 2, ssl_context=ssl.create_default_context(cafile=str(certificate[0]))) == [INFO] * 2
    assert (tls_server.connections, len(tls_server.requests)) == (1, 2)


def test_the_asyncio_transport_goes_through_a_proxy(server: KeepAliveServer, tls_server: KeepAliveServer, proxy: Proxy, certificate: tuple[Path, Path]) -> None:
    assert async_calls(server.url, 1, proxy=proxy.url) == [INFO]
    trusting = ssl.create_default_context(cafile=str(certificate[0]))
    assert async_calls(tls_server.url, 2, proxy=proxy.url, ssl_context=trusting) == [INFO] * 2
    assert proxy.seen == [
        (f"POST {server.url} HTTP/1.1", "Basic dXNlcjpwQHNz"),
        (f"CONNECT 127.0.0.1:{tls_server.port} HTTP/1.1", "Basic dXNlcjpwQHNz"),
    ]
    assert len(tls_server.requests) == 2


def test_cancelling_an_asyncio_call_ends_its_exchange(server: KeepAliveServer) -> None:
    server.delay = 1.0

    async def main() -> tuple[float, int]:
        async with AsyncSoapTransport(
            keys_codec(), KEYS_SERVICE, endpoint=server.url, soap_version="1.1", timeout=5.0, headers=None, pretty=False,
            secret_fields=DEFAULT_SECRET_FIELDS, proxy="",
        ) as client:
            task = asyncio.ensure_future(client.call("Set", REQUEST))
            await asyncio.sleep(0.2)
            started = time.monotonic()
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            return time.monotonic() - started, len(client._idle)

    waited, idle = asyncio.run(main())
    assert waited < 0.1 and idle == 0  # at once, its connection closed, not kept


def test_the_asyncio_transport_runs_calls_concurrently_and_keeps_last_exchange_per_task(server: KeepAliveServer) -> None:
    server.delay = 0.4

    async def main() -> tuple[list[object], float, list[str | None], BaseException | None]:
        async with AsyncSoapTransport(
            keys_codec(), KEYS_SERVICE, endpoint=server.url, soap_version="1.1", timeout=5.0, headers=None, pretty=False,
            secret_fields=DEFAULT_SECRET_FIELDS, proxy="",
        ) as client:

            async def one(session: str) -> str | None:
                await client.call("Set", Request(SessionID=session, UserID=1, Visibility=Visibility.Private))
                exchange = client.last_exchange
                return None if exchange is None else exchange.request_body.split("<SessionID>")[1].split("<")[0]

            started = time.monotonic()
            results = await asyncio.gather(*(client.call("Set", REQUEST) for _ in range(4)))
            elapsed = time.monotonic() - started
            sessions = await asyncio.gather(*(one(f"session-{i}") for i in range(3)))
            assert client.last_exchange is None  # this task made no call itself
            await client.call("Set", REQUEST)
            assert client.last_exchange is not None and SECRET not in repr(client.last_exchange)
        try:
            await client.call("Set", REQUEST)
            closed = None
        except ClientUsageError as error:
            closed = error
        return list(results), elapsed, list(sessions), closed

    results, elapsed, sessions, closed = asyncio.run(main())
    assert results == [INFO] * 4
    assert elapsed < 1.2  # four calls of 0.4 s each, at once
    assert sessions == ["session-0", "session-1", "session-2"]
    assert isinstance(closed, ClientUsageError) and closed.code == "closed"


def test_an_asyncio_transport_outlives_its_event_loops(server: KeepAliveServer) -> None:
    client = AsyncSoapTransport(
        keys_codec(), KEYS_SERVICE, endpoint=server.url, soap_version="1.1", timeout=5.0, headers=None, pretty=False,
        secret_fields=DEFAULT_SECRET_FIELDS, proxy="",
    )
    assert asyncio.run(client.call("Set", REQUEST)) == INFO
    assert asyncio.run(client.call("Set", REQUEST)) == INFO  # a new loop: the first loop's connection is dropped
    client.close()
    assert server.connections == 2


def test_a_fault_detail_of_any_depth_is_redacted_without_recursion(server: KeepAliveServer) -> None:
    depth = 1000  # the reader allows 1,024 levels; past the default recursion limit all the same
    server.body = (
        f'<soap:Envelope xmlns:soap="{SOAP11_ENVELOPE_NS}"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode>'
        f"<faultstring>deep</faultstring><detail>{'<a>' * depth}{SECRET}{'</a>' * depth}</detail></soap:Fault></soap:Body></soap:Envelope>"
    )
    with pytest.raises(SoapFault) as caught:
        transport(server.url).call("Set", REQUEST)
    value = caught.value.detail_value
    for _ in range(depth):
        assert isinstance(value, dict)
        value = value["a"]
    assert value == "***"


def test_an_endpoint_port_out_of_range_is_a_usage_error() -> None:
    with pytest.raises(ClientUsageError) as caught:
        transport("http://127.0.0.1:99999/keys.asmx")
    assert caught.value.code == "invalid-option" and "99999" not in caught.value.message


def test_deadlines_of_concurrent_calls_each_fire_on_time() -> None:
    """One watchdog thread keeps every pending deadline: each call against a silent server ends at
    its own timeout, whichever was set first; a cancelled deadline fires nothing."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.listen(16)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/keys.asmx"
    ended: dict[float, float] = {}

    def call(timeout: float) -> None:
        started = time.monotonic()
        with pytest.raises(SoapTimeoutError):
            transport(url, timeout=timeout).call("Set", REQUEST)
        ended[timeout] = time.monotonic() - started

    try:
        threads = [threading.Thread(target=call, args=(t,)) for t in (1.2, 0.3, 0.7)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        listener.close()
    for timeout, took in ended.items():
        assert timeout <= took < timeout + 0.4, (timeout, took)
