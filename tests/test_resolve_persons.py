"""The persons table (data/resolve/persons.tsv): the case table tests/cases/persons.tsv (one
test per row), the table's shape and breadth, and the matching rules (surname alone only when
capitalised, whole and unambiguous)."""

from __future__ import annotations

from collections import Counter

import pytest

from case_tables import case_rows
from newsevents.resolve.actors import ActorContext, actor_for_text, resolve_actor
from newsevents.resolve.persons import find_person, person_index
from newsevents.resolve.tables import country_lexicon, read_table

SECTORS = {"GOV", "MIL", "SPY", "LEG", "JUD", "REB", "OPP", "PTY", "REL", "ELI"}


def _rows() -> list[tuple[int, list[str]]]:
    return case_rows("persons.tsv")


def test_case_table_size() -> None:
    assert len(_rows()) >= 100


@pytest.mark.parametrize("line,fields", _rows(), ids=lambda v: str(v) if isinstance(v, int) else None)
def test_person_case(line: int, fields: list[str]) -> None:
    phrase, year, nearby, country, sector, name = fields
    ctx = ActorContext(main_countries=tuple(c for c in nearby.split(",") if c and c != "-"),
                       nearby_countries=tuple(c for c in nearby.split(",") if c and c != "-"),
                       year=None if year == "-" else int(year))
    actor = actor_for_text(phrase, ctx)
    if country == "-" and sector == "-":
        assert actor is None or actor.kind != "person" or actor.name is None \
            or "persons.tsv" not in (resolve_actor(phrase, ctx) or _NONE).rule, f"line {line}: {actor}"
        return
    assert actor is not None, f"line {line}: {phrase!r} not resolved"
    assert actor.country == (None if country == "-" else country), f"line {line}: {actor}"
    assert actor.sector == (None if sector == "-" else sector), f"line {line}: {actor}"
    if name != "-":
        assert actor.name == name, f"line {line}: {actor}"


class _NoRule:
    rule = ""


_NONE = _NoRule()


def test_table_rows_are_well_formed() -> None:
    countries = set(country_lexicon().countries) | {"IGO", "IMG"}
    for row in read_table("persons.tsv"):
        assert len(row.fields) == 8, row.ref
        assert row.get(3) in countries, row.ref
        assert row.get(4) in SECTORS, row.ref
        start, end = int(row.get(6)), row.get(7)
        assert 1940 <= start <= 2026, row.ref
        assert not end or start <= int(end) <= 2026, row.ref


def test_table_is_broad() -> None:
    """Several hundred persons from every region, heads of IGOs and armed groups among them."""
    rows = read_table("persons.tsv")
    assert len(rows) >= 400
    by_country = Counter(row.get(3) for row in rows)
    assert len(by_country) >= 120
    assert by_country["IGO"] >= 30
    assert sum(1 for row in rows if row.get(4) == "REB") >= 30
    # every continent's large states
    for iso in ("USA", "BRA", "MEX", "GBR", "FRA", "DEU", "RUS", "UKR", "TUR", "IRN", "ISR",
                "EGY", "NGA", "ZAF", "ETH", "KEN", "IND", "PAK", "CHN", "JPN", "IDN", "AUS"):
        assert by_country[iso] >= 3, iso


def test_surname_needs_capital_and_whole_name_block() -> None:
    assert find_person(["putin"]) is None
    assert find_person(["Putin"]) is not None
    assert find_person(["Laura", "Bush"]) is None  # a namesake of the Bushes, not one of them
    hit = find_person(["George", "Bush"])
    assert hit is not None and hit.country == "USA"


def test_namesakes_of_different_countries_stay_unresolved() -> None:
    index = person_index()
    assert len({r.country for r in index.surnames["abdullah"]}) > 1
    assert find_person(["Abdullah"]) is None
    # in 2000 only Jordan's King Abdullah was in office (Saudi Arabia's reigned 2005-2015)
    hit = find_person(["Abdullah"], year=2000)
    assert hit is not None and hit.country == "JOR"


def test_person_of_the_table_beats_the_sentence_country() -> None:
    ctx = ActorContext(nearby_countries=("MAR",), main_countries=("MAR",))
    res = resolve_actor("President Obama", ctx)
    assert res is not None and res.actor.country == "USA"
    assert any(r.startswith("persons.tsv:") for r in res.rules)
    assert not any("context:" in r for r in res.rules)


def test_earlier_mention_beats_the_table_for_a_surname() -> None:
    """An article's own "Defence Minister Kim Sun" makes a later "Kim" that person."""
    kim = actor_for_text("South Korean Defence Minister Kim Sun")
    assert kim is not None and kim.country == "KOR"
    ctx = ActorContext(persons={"kim": kim, "kim sun": kim})
    later = actor_for_text("Kim", ctx)
    assert later is not None and later.name == "Kim Sun"


def test_year_makes_a_former_officeholder_an_elite() -> None:
    assert actor_for_text("Tony Blair", ActorContext(year=2003)).sector == "GOV"
    assert actor_for_text("Tony Blair", ActorContext(year=2015)).sector == "ELI"
