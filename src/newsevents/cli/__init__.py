"""The `newsevents` command. Thin: each sub-command parses options, calls the library and prints.

Exit codes: 0 success; 1 the run finished but some documents were rejected (or a quality check
failed); 2 usage, configuration or input error (nothing was done).
"""

from __future__ import annotations

import sys

import click

from ..errors import NewsEventsError
from . import code_cmd, eval_cmd, extract_cmd, process_cmd, query_cmd, resolve_cmd, serve_cmd


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsevents")
def cli() -> None:
    """Turn news articles into a sourced, geolocated event database."""


for _module in (process_cmd, query_cmd, extract_cmd, resolve_cmd, code_cmd, eval_cmd, serve_cmd):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    try:
        # Commands end with ctx.exit(code); outside standalone mode click returns that code.
        code = cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except NewsEventsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    sys.exit(code if isinstance(code, int) else 0)
