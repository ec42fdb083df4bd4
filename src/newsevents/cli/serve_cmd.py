"""`newsevents serve`: the analyst's desk on 127.0.0.1. Thin: check the store, build the app,
print the address and the write token, run uvicorn."""

from __future__ import annotations

import secrets

import click

from ..store import open_store

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@click.command()
@click.option("--db", default="events.db", show_default=True, help="SQLite file or postgresql:// URL to serve.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback lets other machines read the store.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", metavar="TOKEN", help="Write token (default: a new random one, printed).")
@click.option("--read-only", is_flag=True, help="Refuse every write, with or without a token.")
@click.option("--tile-url", metavar="URL",
              help="Map tiles, e.g. http://localhost:8080/{z}/{x}/{y}.png (default: country outlines only).")
def serve(db: str, host: str, port: int, token: str | None, read_only: bool, tile_url: str | None) -> None:
    """Serve the analyst's desk: events list, map, timeline, evidence and review."""
    import uvicorn

    from ..web import WebConfig, create_app

    # Open once here: a missing file or a failed migration is a CLI error before the server starts.
    with open_store(db, create=False):
        pass
    if read_only:
        token = None
    elif token is None:
        token = secrets.token_urlsafe(24)
    elif len(token) < 16:
        raise click.BadParameter("use at least 16 characters", param_hint="--token")
    if tile_url and not tile_url.startswith(("http://", "https://")):
        raise click.BadParameter("an http:// or https:// URL template", param_hint="--tile-url")
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{port}/"
    click.echo(f"newsevents: serving {db} at {address}")
    if token is None:
        click.echo("read-only: no writes accepted")
    else:
        click.echo(f"write token: {token}")
        click.echo(f"open {address}#token={token} to review (without the token the app is read-only)")
    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: other machines can read this store", err=True)
    app = create_app(WebConfig(db=db, token=token, host=host, port=port, tile_url=tile_url))
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


COMMANDS = [serve]
