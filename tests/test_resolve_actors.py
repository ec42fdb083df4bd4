"""Actor phrases to country + sector: the case table tests/cases/actors.tsv (one test per row),
coreference through ActorContext, and every data table row being well formed."""

from __future__ import annotations

import pytest

from case_tables import case_rows
from newsevents.records import Actor
from newsevents.resolve.actors import ActorContext, actor_for_text, resolve_actor
from newsevents.resolve.tables import country_lexicon, read_table

SECTORS = {"GOV", "MIL", "SPY", "LEG", "JUD", "COP", "REB", "CVL", "JRN", "BUS", "OPP", "PTY",
           "REF", "MED", "EDU", "LAB", "AGR", "CRM", "REL", "ELI", "SOC", "UAF"}


def _rows() -> list[tuple[int, list[str]]]:
    return case_rows("actors.tsv")


def _codes(field: str) -> tuple[str, ...]:
    return tuple(c for c in field.split(",") if c)


def test_case_table_size() -> None:
    assert len(_rows()) >= 80


@pytest.mark.parametrize("line,fields", _rows(), ids=lambda v: str(v) if isinstance(v, int) else None)
def test_actor_case(line: int, fields: list[str]) -> None:
    phrase, main, nearby, country, sector, kind = fields
    ctx = ActorContext(main_countries=_codes(main), nearby_countries=_codes(nearby))
    actor = actor_for_text(phrase, ctx)
    if country == "-" and sector == "-":
        assert actor is None, f"line {line}: {actor}"
        return
    assert actor is not None, f"line {line}: {phrase!r} not resolved"
    assert actor.country == (None if country == "-" else country), f"line {line}: {actor}"
    assert actor.sector == (None if sector == "-" else sector), f"line {line}: {actor}"
    if kind != "-":
        assert actor.kind == kind, f"line {line}: {actor}"


def test_every_resolution_names_its_rule() -> None:
    res = resolve_actor("the South's spy agency", ActorContext(main_countries=("KOR", "PRK")))
    assert res is not None
    assert any(r.startswith("sectors.tsv:") for r in res.rules)
    assert any(r.startswith("split-state") for r in res.rules)


def test_person_name_after_title() -> None:
    actor = actor_for_text("Russia's Foreign Minister Sergey Lavrov")
    assert actor == Actor(text="Russia's Foreign Minister Sergey Lavrov", name="Sergey Lavrov",
                          country="RUS", sector="GOV", kind="person")


def test_surname_and_pronoun_resolve_to_known_person() -> None:
    choe = Actor(text="Foreign Minister Choe Son Hui", name="Choe Son Hui", country="PRK",
                 sector="GOV", kind="person")
    lavrov = Actor(text="Sergey Lavrov", name="Sergey Lavrov", country="RUS", sector="GOV",
                   kind="person")
    ctx = ActorContext(persons={"choe son hui": choe, "choe": choe, "lavrov": lavrov},
                       recent_persons=((choe, "f"), (lavrov, "m")))
    assert actor_for_text("Choe", ctx).country == "PRK"
    assert actor_for_text("Lavrov", ctx).country == "RUS"
    she = actor_for_text("She", ctx)
    assert she is not None and she.name == "Choe Son Hui"
    he = actor_for_text("he", ctx)
    assert he is not None and he.name == "Sergey Lavrov"


def test_capitals_abbreviation_needs_capitals() -> None:
    assert actor_for_text("WHO").country == "IGO"
    assert actor_for_text("who") is None
    assert actor_for_text("car bomb") is None


@pytest.mark.parametrize("table,columns", [
    ("actors.tsv", 5), ("sectors.tsv", 3), ("countries.tsv", 3), ("capitals.tsv", 2),
    ("admin1.tsv", 5), ("dates.tsv", 2), ("quantity_verbs.tsv", 3), ("numbers.tsv", 3),
    ("region_words.tsv", 2), ("place_aliases.tsv", 3),
])
def test_table_rows_are_well_formed(table: str, columns: int) -> None:
    rows = read_table(table)
    assert rows
    for row in rows:
        assert len(row.fields) >= columns, f"{row.ref}: {row.fields}"
        assert all(f == f.strip() for f in row.fields[:columns]), f"{row.ref}: stray spaces"


def test_sector_codes_are_plover() -> None:
    for row in read_table("sectors.tsv"):
        assert row.get(1) in SECTORS, row.ref
    for row in read_table("actors.tsv"):
        assert row.get(2) in SECTORS | {""}, row.ref


def test_sector_table_has_no_duplicate_rows() -> None:
    keys = [row.get(0) for row in read_table("sectors.tsv")]
    assert len(keys) == len(set(keys))


def test_country_codes_are_known() -> None:
    lex = country_lexicon()
    for row in read_table("countries.tsv"):
        assert row.get(0) in lex.countries, row.ref
    for row in read_table("actors.tsv"):
        code = row.get(1).rstrip("?")
        assert code in lex.countries or code in {"IGO", "NGO", "IMG", "*"}, row.ref


def test_ambiguous_capital_and_minority_rules_are_named() -> None:
    res = resolve_actor("Tripoli", ActorContext(main_countries=("LBN",)))
    assert res is not None and any(r.startswith("capital-elsewhere") for r in res.rules)
    res = resolve_actor("ethnic Albanians", ActorContext(main_countries=("MKD",)))
    assert res is not None and res.actor.country == "MKD"
    assert "minority" in res.rules and any(r.startswith("lives-in") for r in res.rules)


def test_a_count_of_up_to_n_is_no_preposition_of_the_phrase() -> None:
    # "up to" counts the people; it does not split the phrase at "to" as "loyal to" does
    res = resolve_actor("Up to 1,000 ethnic Turks", ActorContext(main_countries=("SWE",)))
    assert res is not None and (res.actor.country, res.actor.sector) == ("SWE", "CVL")
    assert "minority" in res.rules
    loyal = actor_for_text("troops loyal to the general")
    assert loyal is not None and loyal.sector == "MIL"


def test_town_codes_are_not_places_of_actors() -> None:
    # GeoNames lists airport codes among a town's names: "Air" and "FLA" name no town here
    for phrase in ("Air", "FLA", "the BRA", "Air units"):
        actor = actor_for_text(phrase, ActorContext(main_countries=("MLI",)))
        assert actor is None or actor.country is None, phrase


def test_a_headline_capital_that_is_a_place_stopword_names_no_town() -> None:
    # "Man stabbed to death": Man is a town in Ivory Coast, and a word of every headline
    assert actor_for_text("Man", ActorContext()) is None


@pytest.mark.parametrize("text, sector", [
    ("a temporary general license", None),  # an adjective before a common noun
    ("major companies", "BUS"),
    ("the general", "MIL"),  # the rank alone, before a name, or in a title
    ("General Ayub Khan", "MIL"),
    ("a retired army major", "MIL"),
])
def test_a_rank_that_is_also_an_adjective_names_no_soldier(text: str, sector: str | None) -> None:
    res = resolve_actor(text)
    assert (res.actor.sector if res is not None else None) == sector


@pytest.mark.parametrize("text, sector", [
    ("wireless providers", "BUS"),
    ("the state's largest utility", "BUS"),
    ("health insurers", "BUS"),
    ("the airline", "BUS"),
    ("banking regulators", "GOV"),
])
def test_companies_and_regulators_are_parties(text: str, sector: str) -> None:
    res = resolve_actor(text)
    assert res is not None and res.actor.sector == sector


def test_an_envoy_is_not_of_the_state_he_is_posted_to() -> None:
    # a story of Ukraine's affairs: Ukraine is its main country, yet the envoy is not Ukrainian
    envoy = actor_for_text("Kurt Volker, the former special envoy to Ukraine",
                           ActorContext(main_countries=("UKR", "USA")))
    assert envoy is not None and envoy.country == "USA"
    # the state after "to" is not read as the envoy's own either
    posted = actor_for_text("the ambassador to Ukraine")
    assert posted is None or posted.country != "UKR"


def test_the_us_congress_committees_are_the_us_legislature() -> None:
    committee = actor_for_text("the House Intelligence Committee",
                               ActorContext(main_countries=("UKR",)))
    assert committee is not None and (committee.country, committee.sector) == ("USA", "LEG")


def test_a_national_security_council_is_the_story_states_not_the_uns() -> None:
    official = actor_for_text("a former National Security Council official",
                              ActorContext(main_countries=("USA",)))
    assert official is not None and official.country == "USA"
    council = actor_for_text("the UN Security Council")
    assert council is not None and council.country == "IGO"
