"""What stands between the network and the app: host check, size limit, security headers, and
the write guard (token, same origin, JSON only).

Threats considered: a page on another site posting to the local app (CSRF), a hostile site
reached through a DNS name that resolves to 127.0.0.1 (DNS rebinding), untrusted article text
turning into script (stored XSS: the CSP forbids inline script, the front end never builds HTML
from data), and oversized requests.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Review payloads are a few kilobytes; anything much larger is not a review.
MAX_BODY = 64 * 1024


@dataclass(frozen=True)
class SecurityConfig:
    token: str | None  # None: nobody can write
    allowed_hosts: frozenset[str] = frozenset()  # Host header values; empty: any (--host 0.0.0.0)
    tile_url: str | None = None
    max_body: int = MAX_BODY


def content_security_policy(config: SecurityConfig) -> str:
    img = ["'self'", "data:"]
    if config.tile_url:
        # Only the tile server's origin; Leaflet's {s} sub-domain placeholder becomes a wildcard.
        parts = urlsplit(config.tile_url)
        img.append(f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}")
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",  # no inline script, no eval
        "style-src 'self'",
        f"img-src {' '.join(img)}",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


async def _plain(send: Send, status: int, text: str) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """ASGI middleware: refuses unknown Host headers and bodies over the limit, and adds the
    security headers to every response."""

    def __init__(self, app: ASGIApp, config: SecurityConfig) -> None:
        self.app = app
        self.config = config
        self.extra = [
            (b"content-security-policy", content_security_policy(config).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"cross-origin-resource-policy", b"same-origin"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.extra
            await send(message)

        hosts = self.config.allowed_hosts
        if hosts and headers.get("host", "") not in hosts:
            await _plain(send_with_headers, 421, "unknown Host header: open the address newsevents serve printed")
            return
        declared = headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.config.max_body):
            await _plain(send_with_headers, 413, f"request body over {self.config.max_body} bytes")
            return
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send_with_headers)
            return
        # Read the whole (small) body first, so a chunked body over the limit is refused before
        # the app sees any of it.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            size += len(message.get("body", b""))
            if size > self.config.max_body:
                await _plain(send_with_headers, 413, f"request body over {self.config.max_body} bytes")
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_with_headers)


class WriteRefused(Exception):
    """A write request that fails the guard; ``status`` is the HTTP answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def check_write(config: SecurityConfig, headers: MutableMapping[str, str] | Any, own_origin: str) -> None:
    """A write must carry the token (``Authorization: Bearer``), come from the app's own origin,
    and send JSON. The token lives in the page's session storage, never in a cookie, so another
    site cannot make a browser send it; the origin and content-type checks close the rest."""
    if config.token is None:
        raise WriteRefused(403, "this server is read-only (started with --read-only)")
    if not token_ok(config, headers):
        raise WriteRefused(401, "writing needs the token newsevents serve printed")
    origin = headers.get("origin")
    if origin is not None and origin != own_origin:
        raise WriteRefused(403, f"cross-origin write refused (origin {origin})")
    if headers.get("sec-fetch-site") not in (None, "same-origin", "none"):
        raise WriteRefused(403, "cross-site write refused")
    if not headers.get("content-type", "").split(";")[0].strip() == "application/json":
        raise WriteRefused(415, "send JSON (Content-Type: application/json)")


def token_ok(config: SecurityConfig, headers: MutableMapping[str, str] | Any) -> bool:
    """The request carries this server's write token (compared in constant time)."""
    given = headers.get("authorization", "")
    return (config.token is not None and given.startswith("Bearer ")
            and secrets.compare_digest(given[len("Bearer "):].encode(), config.token.encode()))
