"""Filters the store cannot match are the user's error (exit 2, with the valid values named), not
an empty listing; a country may be given by name."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.errors import InputError
from newsevents.records import PLOVER_TYPES, SECTORS
from newsevents.store import EventFilter, open_store
from newsevents.store.filters import checked
from test_store_data import strike_result, talks_result


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("filters") / "events.db")
    with open_store(path) as store:
        store.write_batch([strike_result(), talks_result()], "r1")
    return path


@pytest.mark.parametrize(("args", "message"), [
    (["--type", "NOSUCH"], "type 'NOSUCH' is not a PLOVER type; choose one of AGREE, CONSULT,"),
    (["--since", "2025-13-01"], "since '2025-13-01' is not a day (YYYY-MM-DD): month must be in 1..12"),
    (["--until", "yesterday"], "until 'yesterday' is not a day (YYYY-MM-DD)"),
    (["--country", "Atlantis"], "country 'Atlantis' is not a country: give an ISO 3166-1 alpha-3 code (UKR)"),
    (["--actor-country", "XX1"], "actor_country 'XX1' is not a country"),
    (["--sector", "PIRATES"], "sector 'PIRATES' is not a PLOVER sector; choose one of GOV, MIL,"),
    (["--acled-type", "Skirmishes"], "ACLED event type 'Skirmishes' is not one; choose one of Battles,"),
    (["--acled-sub-type", "Duel"], "ACLED sub-event type 'Duel' is not one; choose one of "),
])
@pytest.mark.parametrize("command", ["events", "stats", "export"])
def test_unmatchable_filter_exits_2_naming_valid_values(db: str, command: str, args: list[str], message: str) -> None:
    extra = ["--format", "csv"] if command == "export" else []
    result = CliRunner().invoke(cli, [command, "--db", db, *extra, *args])
    assert result.exit_code == 2, result.output
    assert f"error: {message}" in result.output
    assert "0 events" not in result.output


@pytest.mark.parametrize(("given", "code"), [
    ("Ukraine", "UKR"), ("ukraine", "UKR"), ("UKR", "UKR"), ("ukr", "UKR"), ("UA", "UKR"),
    ("Russia", "RUS"), ("United Kingdom", "GBR"), ("Ivory Coast", "CIV"), ("IGO", "IGO"),
])
def test_country_names_map_to_codes(given: str, code: str) -> None:
    assert checked(EventFilter(country=given)).country == code
    assert checked(EventFilter(actor_country=given)).actor_country == code


def test_country_by_name_finds_the_events(db: str) -> None:
    by_name = CliRunner().invoke(cli, ["events", "--db", db, "--country", "Ukraine", "--format", "csv"])
    by_code = CliRunner().invoke(cli, ["events", "--db", db, "--country", "UKR", "--format", "csv"])
    assert by_name.exit_code == 0 and by_name.output == by_code.output
    assert len(by_name.output.splitlines()) == 6  # header and the 5 events in Ukraine


def test_checked_filter_normalises_and_keeps_good_values() -> None:
    f = checked(EventFilter(type="assault", since="2024-11-01", sector="mil", acled_event_type="battles"))
    assert (f.type, f.since, f.sector, f.acled_event_type) == ("ASSAULT", "2024-11-01", "MIL", "battles")
    with pytest.raises(InputError):
        checked(EventFilter(type="NOSUCH"))


def test_sectors_cover_the_data_tables() -> None:
    from newsevents.resolve.tables import read_table

    used = {row.get(1) for row in read_table("sectors.tsv")} | {row.get(2) for row in read_table("actors.tsv")}
    assert used - {""} <= set(SECTORS)
    assert len(PLOVER_TYPES) == 16


def test_show_unknown_article_exits_2(db: str) -> None:
    result = CliRunner().invoke(cli, ["show", "ffffffff", "--db", db])
    assert result.exit_code == 2
    assert f"error: no article 'ffffffff' in {db}" in result.output


def test_acled_types_cover_what_the_coder_assigns() -> None:
    from newsevents import lexicon
    from newsevents.store.filters import acled_types

    used = {row.fields[1:3] for row in lexicon.rows("acled.tsv")}
    known = {(t, s) for t, subs in acled_types().items() for s in subs}
    assert used <= known
    assert sum(len(s) for s in acled_types().values()) == 25  # ACLED's 25 sub-event types
