"""Fetching pages over HTTP(S) with the standard library, politely: robots.txt is obeyed, each
host is asked at most once per ``rate_limit_s`` seconds (longer when its robots.txt sets a
Crawl-delay), every request has a timeout, and a body is never read past ``opts.max_bytes``.

robots.txt that answers 404 (or 410) means "no rules": everything is allowed. Any other failure
to read it (server error, refused connection, timeout) makes every URL on that host
Rejected(robots_unavailable): without the rules we cannot know we are allowed.
"""

from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO
from urllib.parse import urlsplit, urlunsplit

from .. import __version__
from ..errors import DocumentRejected, internal_error
from ..options import Options
from ..records import RawDocument, Rejected, stable_hash
from .decode import charset_from_content_type
from .documents import document_from_bytes, reject, rejected

# Names the software so site owners can address it in robots.txt ("User-agent: newsevents").
DEFAULT_USER_AGENT = f"newsevents/{__version__}"
_CONTENT_TYPES = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
_ROBOTS_MEANS_NO_RULES = {404, 410}
_CHUNK = 64 * 1024
_ROBOTS_MAX_BYTES = 500_000  # the robots.txt RFC (9309) asks crawlers to parse at least 500 KiB


@dataclass
class _Host:
    robots: urllib.robotparser.RobotFileParser | None = None
    robots_error: str | None = None
    last_request: float | None = None
    delay: float = 0.0


class _Request(urllib.request.Request):
    """A request that knows whether it reads robots.txt: robots.txt, and where it redirects to,
    are fetched without asking robots.txt first."""

    def __init__(self, url: str, headers: dict[str, str], *, robots: bool,
                 origin_req_host: str | None = None, unverifiable: bool = False) -> None:
        super().__init__(url, headers=headers, origin_req_host=origin_req_host,
                         unverifiable=unverifiable)
        self.robots = robots


class _RobotsAwareRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only where robots.txt of the new location allows it."""

    def __init__(self, session: _Session) -> None:
        self.session = session

    def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                         headers: http.client.HTTPMessage, newurl: str) -> urllib.request.Request | None:
        robots = isinstance(req, _Request) and req.robots
        if not robots:
            self.session.check_allowed(newurl)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is None:
            return None
        # The standard handler builds a plain Request; this copy of it keeps the robots mark.
        return _Request(new.full_url, dict(new.headers), robots=robots,
                        origin_req_host=new.origin_req_host, unverifiable=new.unverifiable)


@dataclass
class _Session:
    user_agent: str
    rate_limit_s: float
    timeout_s: float
    hosts: dict[str, _Host] = field(default_factory=dict)
    opener: urllib.request.OpenerDirector = field(init=False)

    def __post_init__(self) -> None:
        self.opener = urllib.request.build_opener(_RobotsAwareRedirects(self))

    def wait_turn(self, host: _Host) -> None:
        if host.last_request is not None:
            pause = host.last_request + max(self.rate_limit_s, host.delay) - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        host.last_request = time.monotonic()

    def host_for(self, url: str) -> _Host:
        """The host record of ``url`` (robots.txt read on first use). Raises DocumentRejected
        for URLs that are not http(s)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise reject("fetch_failed", f"only http(s) URLs are fetched, not {url!r}")
        origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        host = self.hosts.get(origin)
        if host is None:
            host = self.hosts[origin] = _Host()
            _robots_for(self, origin, host)
        return host

    def check_allowed(self, url: str) -> _Host:
        host = self.host_for(url)
        if host.robots_error:
            raise reject("robots_unavailable", host.robots_error)
        if host.robots is not None and not host.robots.can_fetch(self.user_agent, url):
            raise reject("robots_disallowed", f"robots.txt disallows {url} for {self.user_agent!r}")
        return host

    def open(self, url: str, host: _Host, *, robots: bool = False) -> http.client.HTTPResponse:
        self.wait_turn(host)
        request = _Request(url, {"User-Agent": self.user_agent}, robots=robots)
        return self.opener.open(request, timeout=self.timeout_s)


def _read_capped(response: http.client.HTTPResponse, limit: int, deadline: float) -> bytes:
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise reject("too_large", f"{length} bytes announced, over the limit of {limit} bytes (option max_bytes)")
    parts: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise reject("too_large", f"more than {limit} bytes received, over the limit (option max_bytes)")
        if time.monotonic() > deadline:
            raise reject("fetch_failed", "the download took longer than the timeout")
        parts.append(chunk)
    return b"".join(parts)


def _robots_for(session: _Session, origin: str, host: _Host) -> None:
    robots_url = origin + "/robots.txt"
    parser = urllib.robotparser.RobotFileParser(robots_url)
    try:
        with session.open(robots_url, host, robots=True) as response:
            body = _read_capped(response, _ROBOTS_MAX_BYTES, time.monotonic() + session.timeout_s)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code in _ROBOTS_MEANS_NO_RULES:
            parser.parse([])
            host.robots = parser
        else:
            host.robots_error = f"{robots_url} answered HTTP {exc.code}"
        return
    except (urllib.error.URLError, OSError, http.client.HTTPException, DocumentRejected) as exc:
        host.robots_error = f"{robots_url} could not be read: {exc}"
        return
    parser.parse(body.decode("utf-8", errors="replace").splitlines())
    host.robots = parser
    host.delay = float(parser.crawl_delay(session.user_agent) or 0.0)


def _fetch_one(session: _Session, url: str, opts: Options) -> RawDocument:
    host = session.check_allowed(url)
    deadline = time.monotonic() + session.timeout_s
    try:
        with session.open(url, host) as response:
            header = response.headers.get("Content-Type")
            media = header.split(";")[0].strip().lower() if header else None
            if media is not None and media not in _CONTENT_TYPES:
                raise reject("unsupported_type", f"{url} is {media}, not an HTML or text page")
            data = _read_capped(response, opts.max_bytes, deadline)
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        exc.close()
        raise reject(f"http_{exc.code}", f"{url} answered HTTP {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise reject("fetch_failed", f"{url}: {getattr(exc, 'reason', exc)}") from exc
    return document_from_bytes(
        data,
        doc_id=stable_hash(url),
        source_uri=url,
        content_type=_CONTENT_TYPES.get(media) if media else None,
        declared_charset=charset_from_content_type(header),
        url=final_url,
        fetched=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def fetch_urls(
    urls: Iterable[str],
    opts: Options,
    *,
    user_agent: str = DEFAULT_USER_AGENT,
    rate_limit_s: float = 1.0,
    timeout_s: float = 20,
) -> Iterator[RawDocument | Rejected]:
    """Fetch each URL in order; one RawDocument or Rejected per URL. The id is a hash of the URL
    as given, so a re-fetch of the same URL keeps its id even when the page changed."""
    session = _Session(user_agent, rate_limit_s, timeout_s)
    for url in urls:
        try:
            yield _fetch_one(session, url, opts)
        except DocumentRejected as exc:
            yield rejected(stable_hash(url), url, exc)
        except Exception as exc:
            yield rejected(stable_hash(url), url, internal_error("ingest", exc, url))
