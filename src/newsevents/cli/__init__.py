"""The `newsevents` command. Thin: each sub-command parses options, calls the library and prints.

Exit codes: 0 success; 1 the run finished but some documents were rejected (or a quality check
failed); 2 usage, configuration or input error (nothing was done).
"""

from __future__ import annotations

import functools
import importlib
import sys

import click

from ..errors import NewsEventsError

# Command name -> the module defining it. A module is imported when its command runs (or when
# help lists the commands): `newsevents events` then does not wait for spaCy and trafilatura to
# import, nor does a `process` run whose inputs are all stored already.
COMMAND_MODULES = {
    "process": "process_cmd",
    "events": "query_cmd",
    "show": "query_cmd",
    "stats": "query_cmd",
    "export": "query_cmd",
    "extract": "extract_cmd",
    "resolve": "resolve_cmd",
    "code": "code_cmd",
    "eval": "eval_cmd",
    "serve": "serve_cmd",
    "import": "import_cmd",
}


class LibraryError(click.ClickException):
    """A library error reaching the command line, with the exit code its class carries (click
    reads ``exit_code`` from the class: see ``library_error``)."""

    exit_code = NewsEventsError.exit_code

    def __init__(self, exc: NewsEventsError) -> None:
        super().__init__(str(exc))

    def show(self, file: object = None) -> None:
        click.echo(f"error: {self.format_message()}", err=True)


@functools.cache
def _error_class(exit_code: int) -> type[LibraryError]:
    if exit_code == LibraryError.exit_code:
        return LibraryError
    return type(f"LibraryError{exit_code}", (LibraryError,), {"exit_code": exit_code})


def library_error(exc: NewsEventsError) -> LibraryError:
    """``exc`` as the click exception that prints it and exits with its code."""
    return _error_class(exc.exit_code)(exc)


class Commands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMAND_MODULES.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"{__name__}.{module_name}")
        commands: list[click.Command] = module.COMMANDS
        return next(c for c in commands if c.name == cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except NewsEventsError as exc:
            raise library_error(exc) from exc


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsevents")
def cli() -> None:
    """Turn news articles into a sourced, geolocated event database."""


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
    sys.exit(code if isinstance(code, int) else 0)
