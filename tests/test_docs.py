"""Every command and every setting is documented in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.cli import cli
from newsevents.options import SETTINGS, load_options

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", cli.list_commands(None))
def test_command_in_readme(name):
    assert f"newsevents {name} " in README


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_setting_in_readme_with_its_default(name):
    default = getattr(load_options(), name)
    shown = str(list(default)).replace("'", '"') if isinstance(default, tuple) else str(default)
    if isinstance(default, bool):
        shown = str(default).lower()  # as the TOML file spells it
    row = next((line for line in README.splitlines() if line.startswith(f"| `{name}` |")), None)
    assert row is not None, f"{name} has no row in the README's settings table"
    assert row.split("|")[2].strip().strip("`") == shown


def test_readme_test_output_has_no_counts_that_go_stale() -> None:
    """The README once showed '1919 passed' long after the suite had grown: the counts it shows
    are placeholders."""
    block = README.split("`make test` prints")[1].split("```")[1]
    summary = [line for line in block.splitlines() if " passed" in line or line.startswith("fuzz:")]
    assert len(summary) == 2
    assert not any(char.isdigit() for line in summary for char in line), summary


@pytest.mark.parametrize("target", ["run", "test", "fuzz", "quality", "bench"])
def test_make_targets_in_readme_exist(target: str) -> None:
    makefile = (Path(__file__).resolve().parents[1] / "Makefile").read_text(encoding="utf-8")
    assert f"make {target}" in README
    assert f"\n{target}: " in makefile
