"""The Starlette application: API routes, the page shell, static files, security middleware.

Every page path serves the same HTML shell; the front end (static/js) reads the path and the
query string and draws the page from the JSON API. The shell holds no data, so nothing from the
database is ever parsed as HTML by the browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import NewsEventsError
from . import api, openapi
from .security import Guard, SecurityConfig, WriteRefused

STATIC = Path(str(resources.files("newsevents.web").joinpath("static")))
PAGES = ("/", "/event/{id}", "/article/{id}", "/actor/{key:path}", "/country/{key}",
         "/place/{key:path}", "/review")


@dataclass(frozen=True)
class WebConfig:
    db: str  # SQLite path or postgresql:// URL
    token: str | None  # None: read-only
    host: str = "127.0.0.1"
    port: int = 8000
    tile_url: str | None = None
    # Host headers accepted; None derives them from host and port (loopback names included).
    allowed_hosts: frozenset[str] | None = None

    def hosts(self) -> frozenset[str]:
        if self.allowed_hosts is not None:
            return self.allowed_hosts
        if self.host in ("0.0.0.0", "::", ""):
            return frozenset()  # listening everywhere: the user chose to be reachable by any name
        names = {self.host, "127.0.0.1", "localhost", "[::1]"}
        return frozenset(f"{n}:{self.port}" for n in names)


def db_label(url: str) -> str:
    """The database as the page shows it: a file name, or a PostgreSQL URL without password."""
    if "://" not in url or url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///")).name
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.hostname or ''}{':' + str(parts.port) if parts.port else ''}{parts.path}"


async def shell(request: Request) -> Response:
    return FileResponse(STATIC / "index.html", headers={"cache-control": "no-cache"})


async def openapi_json(request: Request) -> JSONResponse:
    return JSONResponse(openapi.document())


async def not_found(request: Request, exc: Exception) -> Response:
    if request.url.path.startswith("/api/"):
        return api.error(404, f"no such API path {request.url.path}")
    return Response("not found", status_code=404, media_type="text/plain")


def create_app(config: WebConfig) -> Starlette:
    """The app over the store at ``config.db``; the store must exist (it is never created)."""
    routes = [
        Route("/openapi.json", openapi_json),
        Route("/api/meta", api.meta),
        Route("/api/events", api.list_events),
        Route("/api/events/{event_id}", api.event_detail),
        Route("/api/events/{event_id}/review", api.review, methods=["POST"]),
        Route("/api/articles/{article_id}", api.article_detail),
        Route("/api/articles/{article_id}/events", api.add_event, methods=["POST"]),
        Route("/api/map", api.map_cells),
        Route("/api/timeline", api.timeline),
        Route("/api/facets", api.facets),
        Route("/api/actors/{key:path}", api.actor),
        Route("/api/countries/{key}", api.country),
        Route("/api/places/{key:path}", api.place),
        Route("/api/audit", api.audit_log),
        *(Route(path, shell) for path in PAGES),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={
        NewsEventsError: api.on_error, WriteRefused: api.on_error, 404: not_found,
    })
    security = SecurityConfig(token=config.token, allowed_hosts=config.hosts(), tile_url=config.tile_url)
    app.state.ctx = api.ApiContext(api.StorePool(config.db), security, db_label(config.db))
    app.add_middleware(Guard, config=security)
    return app
