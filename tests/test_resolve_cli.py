"""`newsevents resolve TEXT`: prints each mention with its codes and the rule behind it."""

from __future__ import annotations

from click.testing import CliRunner

from newsevents.cli import cli


def test_resolve_command_prints_codes_and_rules() -> None:
    text = ("Russia launched 10 drones at the Odesa region overnight; 8 were shot down and "
            "two drones were jammed, the Ukrainian air force said on Friday.")
    result = CliRunner().invoke(cli, ["resolve", text, "--published", "2024-11-01T06:04:00-04:00"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("actor") and "country=UKR sector=MIL" in line and "[countries.tsv:" in line
               for line in lines)
    assert any(line.startswith("place") and "admin1=Odesa" in line and "precision=admin1" in line
               for line in lines)
    assert any(line.startswith("date") and "2024-10-31..2024-11-01" in line for line in lines)
    assert any(line.startswith("quantity") and "count=10 item=drone status=launched" in line
               for line in lines)
    assert any(line.startswith("total") and "adds up" in line for line in lines)


def test_resolve_command_without_mentions() -> None:
    result = CliRunner().invoke(cli, ["resolve", "nothing to see here"])
    assert result.exit_code == 0
    assert "no mentions found" in result.output
