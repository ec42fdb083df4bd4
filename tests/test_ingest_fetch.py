"""fetch_urls against real local HTTP servers on 127.0.0.1 (no outside network)."""

from __future__ import annotations

import contextlib
import itertools
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from newsevents.ingest import fetch_urls
from newsevents.options import Options
from newsevents.records import RawDocument, Rejected, stable_hash

AGENT = "newsevents-test/0.1"
RU = "Во вторник городской совет утвердил план ремонта набережной, работы начнутся весной."
EN = "The city council approved a plan on Tuesday to repair the embankment, starting in spring."
PAGE = f"<html><head><title>Council</title></head><body><p>{EN}</p></body></html>"


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        return

    def _send(self, status: int, ctype: str, body: bytes, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # the client may stop reading on purpose (size limit, timeout)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        self.server.log.append((self.path, time.monotonic(), self.headers.get("User-Agent")))
        if self.path == "/robots.txt":
            status, text = self.server.robots
            self._send(status, "text/plain", text.encode())
        elif self.path in ("/story", "/other"):
            self._send(200, "text/html; charset=utf-8", PAGE.encode())
        elif self.path == "/ru":
            self._send(200, "text/html; charset=windows-1251", f"<html><body><p>{RU}</p></body></html>".encode("cp1251"))
        elif self.path == "/plain":
            self._send(200, "text/plain", EN.encode())
        elif self.path == "/image":
            self._send(200, "image/png", b"\x89PNG\r\n\x1a\n\x00")
        elif self.path == "/big-announced":
            self._send(200, "text/html", b"<p>" + b"z" * 5000)
        elif self.path == "/big-streamed":
            self._send(200, "text/html", b"<p>" + b"z" * 5000, length=False)
        elif self.path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "/private/page")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/to-story":
            self.send_response(301)
            self.send_header("Location", "/story")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send(200, "text/html", PAGE.encode())
        elif self.path == "/broken":
            self._send(500, "text/html", b"<p>oops</p>")
        else:
            self._send(404, "text/html", b"<p>not found</p>")


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, robots: tuple[int, str]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.robots = robots
        self.log: list[tuple[str, float, str | None]] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture
def serve() -> Iterator:
    servers: list[_Server] = []

    def start(robots: tuple[int, str] = (200, "User-agent: *\nDisallow: /private/\n")) -> _Server:
        server = _Server(robots)
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()



def _fetch(urls: list[str], opts: Options, **kwargs: float) -> list[RawDocument | Rejected]:
    kwargs.setdefault("rate_limit_s", 0.0)
    return list(fetch_urls(urls, opts, user_agent=AGENT, **kwargs))


def test_fetches_pages_and_records_reasons(serve, opts: Options) -> None:
    server = serve()
    base = server.base
    paths = ["/story", "/ru", "/plain", "/private/secret", "/missing", "/broken", "/image", "/to-private", "/to-story"]
    items = _fetch([base + p for p in paths], opts)
    story, ru, plain, private, missing, broken, image, to_private, to_story = items
    assert isinstance(story, RawDocument)
    assert (story.text, story.content_type, story.encoding) == (PAGE, "html", "utf-8")
    assert (story.id, story.url, story.source_uri) == (stable_hash(base + "/story"), base + "/story", base + "/story")
    assert story.fetched is not None and story.fetched.endswith("+00:00")
    assert isinstance(ru, RawDocument) and RU in ru.text and ru.encoding == "cp1251"
    assert isinstance(plain, RawDocument) and (plain.content_type, plain.text) == ("text", EN)
    reasons = [(i.reason, i.doc_id) for i in (private, missing, broken, image, to_private)]
    assert reasons == [
        ("robots_disallowed", stable_hash(base + "/private/secret")),
        ("http_404", stable_hash(base + "/missing")),
        ("http_500", stable_hash(base + "/broken")),
        ("unsupported_type", stable_hash(base + "/image")),
        ("robots_disallowed", stable_hash(base + "/to-private")),
    ]
    assert "/private/page" in to_private.message  # the redirect target was checked, not fetched
    assert isinstance(to_story, RawDocument) and to_story.url == base + "/story"
    fetched_paths = [p for p, _, _ in server.log]
    assert fetched_paths.count("/robots.txt") == 1  # read once per host
    assert "/private/secret" not in fetched_paths and "/private/page" not in fetched_paths
    assert {ua for _, _, ua in server.log} == {AGENT}


def test_size_limit_while_streaming(serve, opts: Options) -> None:
    base = serve().base
    small = opts.replace(max_bytes=1000)
    announced, streamed, story = _fetch([base + "/big-announced", base + "/big-streamed", base + "/story"], small)
    assert isinstance(announced, Rejected) and announced.reason == "too_large" and "announced" in announced.message
    assert isinstance(streamed, Rejected) and streamed.reason == "too_large" and "received" in streamed.message
    assert isinstance(story, RawDocument)


@pytest.mark.parametrize(
    ("robots", "reason"),
    [
        ((404, "no robots here"), None),
        ((410, "gone"), None),
        ((500, "server trouble"), "robots_unavailable"),
        ((403, "forbidden"), "robots_unavailable"),
        ((200, "User-agent: newsevents-test\nDisallow: /\n"), "robots_disallowed"),
        ((200, "User-agent: someone-else\nDisallow: /\n"), None),
    ],
)
def test_robots_answers(serve, opts: Options, robots: tuple[int, str], reason: str | None) -> None:
    server = serve(robots)
    [item] = _fetch([server.base + "/story"], opts)
    if reason is None:
        assert isinstance(item, RawDocument) and item.text == PAGE
    else:
        assert isinstance(item, Rejected) and item.reason == reason
        assert "/story" not in [p for p, _, _ in server.log]


def test_unreachable_host_and_other_schemes(opts: Options) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port now: robots.txt cannot be read, so nothing is fetched.
    closed, local_file, nonsense = _fetch([f"http://127.0.0.1:{port}/story", "file:///etc/hostname", "not a url"], opts)
    assert isinstance(closed, Rejected) and closed.reason == "robots_unavailable"
    assert isinstance(local_file, Rejected) and local_file.reason == "fetch_failed" and "http(s)" in local_file.message
    assert isinstance(nonsense, Rejected) and nonsense.reason == "fetch_failed"


def test_timeout(serve, opts: Options) -> None:
    server = serve()
    started = time.monotonic()
    [item] = _fetch([server.base + "/slow"], opts, timeout_s=0.4)
    assert isinstance(item, Rejected) and item.reason == "fetch_failed"
    assert "timed out" in item.message
    assert time.monotonic() - started < 1.4


def test_rate_limit_per_host(serve, opts: Options) -> None:
    one, two = serve(), serve()
    urls = [one.base + "/story", two.base + "/story", one.base + "/other", two.base + "/other"]
    items = _fetch(urls, opts, rate_limit_s=0.3)
    assert all(isinstance(i, RawDocument) for i in items)
    for server in (one, two):
        times = [t for _, t, _ in server.log]  # robots.txt, /story, /other
        assert len(times) == 3
        gaps = [b - a for a, b in itertools.pairwise(times)]
        assert min(gaps) >= 0.28, gaps
    # Hosts do not wait for each other: the second host's first request comes before the
    # first host's rate limit has run out twice over.
    assert two.log[0][1] - one.log[0][1] < 0.55


def test_default_user_agent_names_the_software(serve, opts: Options) -> None:
    server = serve((200, "User-agent: newsevents\nDisallow: /\n"))
    [item] = list(fetch_urls([server.base + "/story"], opts, rate_limit_s=0.0))
    assert isinstance(item, Rejected) and item.reason == "robots_disallowed"
    assert server.log[0][2].startswith("newsevents/")
