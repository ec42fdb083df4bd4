"""The analyst's desk: a local web app over the store (map, timeline, evidence, review).

``create_app(WebConfig(db=..., token=...))`` builds the ASGI app; ``newsevents serve`` runs it
with uvicorn. docs/web.md describes the pages, the API and the security model.
"""

from __future__ import annotations

from .app import WebConfig, create_app

__all__ = ["WebConfig", "create_app"]
