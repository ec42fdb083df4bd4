"""`newsevents resolve` reads the user's tables (setting ``tables_dir``) as the pipeline does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents import lexicon
from newsevents.cli import cli
from newsevents.lexicon import tables as lexicon_tables

ROOT = Path(__file__).resolve().parents[1]
SENTENCE = "The Coastal Defence League attacked a police post near Mombasa on Tuesday."


def _resolve(cwd: Path, *args: str) -> list[str]:
    """The output lines of ``newsevents resolve`` in a process of its own (the overlay folder is
    chosen once per process)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    done = subprocess.run([sys.executable, "-m", "newsevents", "resolve", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def _actor_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("actor") and "Coastal" in line]


@pytest.mark.slow
def test_an_overlay_actor_changes_what_resolve_prints(tmp_path: Path) -> None:
    (tmp_path / "my-tables").mkdir()
    (tmp_path / "my-tables" / "actors.tsv").write_text(
        "phrases\tcountry\tsector\tkind\tname\n"
        "Coastal Defence League|CDL\tKEN\tREB\tgroup\tCoastal Defence League\n", "utf-8")
    (tmp_path / "my.toml").write_text('tables_dir = "my-tables"\n', "utf-8")
    packaged = _actor_lines(_resolve(tmp_path, SENTENCE))
    assert not any("my-tables/" in line for line in packaged)
    overlaid = _actor_lines(_resolve(tmp_path, "--config", "my.toml", SENTENCE))
    assert len(overlaid) == 1, overlaid
    assert "country=KEN sector=REB kind=group name=Coastal Defence League" in overlaid[0]
    assert overlaid[0].endswith("[my-tables/actors.tsv:2]")


def test_a_bad_overlay_row_fails_before_the_text_is_parsed(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    # a process whose tables are not read yet, so the command may choose the folder
    monkeypatch.setattr(lexicon_tables, "_active", lexicon.Lexicon())
    (tmp_path / "my-tables").mkdir()
    (tmp_path / "my-tables" / "actors.tsv").write_text(
        "phrases\tcountry\tsector\tkind\tname\nCoastal Defence League\tKEN\tREB\tband\tCDL\n", "utf-8")
    config = tmp_path / "my.toml"
    config.write_text(f'tables_dir = "{tmp_path / "my-tables"}"\n', "utf-8")
    result = CliRunner().invoke(cli, ["resolve", "--config", str(config), SENTENCE])
    assert result.exit_code != 0
    assert "actors.tsv:2: column kind: 'band' is not one of" in result.output
