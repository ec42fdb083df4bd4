"""'members of NAME (ABBR)': the group is named after the head noun and its abbreviation follows
in brackets, so the body is found in the phrase's tail, not before the head. Resolving such a
phrase used to raise an IndexError that ended the whole run (`code`, `process`, `eval`)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.resolve.actors import actor_for_text


@pytest.mark.parametrize(("phrase", "name", "country"), [
    ("three members of Islamic State (ISIS)", "Islamic State", "IMG"),
    ("members of Islamic State (ISIS)", "Islamic State", "IMG"),
    ("four members of al-Shabaab (AS)", "al-Shabab", "SOM"),
    ("members of al-Shabaab (AS)", "al-Shabab", "SOM"),
])
def test_members_of_group_with_abbreviation(phrase: str, name: str, country: str) -> None:
    actor = actor_for_text(phrase)
    assert (actor.text, actor.name, actor.country, actor.sector) == (phrase, name, country, "REB")


@pytest.mark.parametrize("sentence", [
    "Iraqi troops detained three members of Islamic State (ISIS) in Nineveh province.",
    "Kenyan police arrested four members of al-Shabaab (AS) in Garissa county.",
])
def test_code_command_codes_the_arrest(sentence: str) -> None:
    result = CliRunner().invoke(cli, ["code", sentence, "--json"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.output.splitlines()]
    assert [e["type"] for e in events] == ["COERCE"]
    assert events[0]["recipient"][0]["sector"] == "REB"
