"""The rules of actor resolution one at a time: each named rule, run on a phrase after the rules
before it in ``RULES``, applies to the phrase it is written for, records its rule string and
decides what it says; the whole resolution records the same string. A few phrases check that a
rule leaves alone what is not its case."""

from __future__ import annotations

import pytest

from newsevents.resolve import actor_rules as ar
from newsevents.resolve.actor_phrase import ActorContext, Phrase, read_phrase
from newsevents.resolve.actors import resolve_actor
from newsevents.resolve.words import raw_words


def _context(main: str = "", nearby: str = "") -> ActorContext:
    return ActorContext(main_countries=tuple(c for c in main.split(",") if c),
                        nearby_countries=tuple(c for c in nearby.split(",") if c))


def _read(text: str, context: ActorContext) -> Phrase:
    raw = raw_words(text)
    phrase = read_phrase(text, text, raw, [w.casefold() for w in raw], context)
    assert phrase is not None
    return phrase


def _before(rule: ar.Rule, phrase: Phrase, choice: bool = True) -> ar.Draft:
    """The draft as the rules before ``rule`` leave it; inside a FirstOf, with ``choice`` those
    before it in the choice ran too and did not apply."""
    draft = ar.Draft(person=phrase.head_name)
    for step in ar.RULES:
        if step is rule:
            return draft
        if isinstance(step, ar.FirstOf) and rule in step.rules:
            for earlier in step.rules[:step.rules.index(rule)] if choice else ():
                assert not earlier(phrase, draft), earlier.__name__
            return draft
        step(phrase, draft)
        assert draft.final is None
    raise AssertionError(f"{rule.__name__} is not in RULES")


# rule, phrase, main countries, sentence countries, rule string recorded, what the draft says
CASES = [
    (ar.capital_as_government, "Moscow", "", "", "capital-as-government",
     {"country": "RUS", "sector": "GOV"}),
    (ar.capital_as_place, "in Kabul", "", "", "capital-as-place",
     {"country": "AFG", "sector": "CVL", "kind": "group"}),
    (ar.capital_elsewhere, "Tripoli", "SYR,LBN", "LBN,SYR", "capital-elsewhere:",
     {"country": "LBN", "sector": "CVL"}),
    (ar.minority, "Ethnic Albanians in south Serbia", "", "", "minority",
     {"country": "SRB", "sector": "CVL", "kind": "group"}),
    (ar.refugees_lives_in, "Syrian refugees in Lebanon", "", "", "lives-in:",
     {"country": "LBN"}),
    (ar.demonym_plural, "Palestinians", "", "", "demonym-plural",
     {"country": "PSE", "sector": "CVL", "kind": "group"}),
    (ar.demonym_noun, "Zambian", "", "", "demonym-noun",
     {"country": "ZMB", "sector": "CVL", "kind": "person"}),
    (ar.split_state, "South's spy agency", "RUS,PRK,UKR,KOR", "", "split-state:south",
     {"country": "KOR", "kind": "state"}),
    (ar.office_after_body, "Arab League Secretary-General", "", "", "actors.tsv:",
     {"country": "IGO", "kind": "person"}),
    (ar.person_modifier, "Bush administration", "", "", "+person-modifier",
     {"country": "USA", "sector": "GOV"}),
    (ar.context_local, "local authorities", "UKR", "RUS", "context:local",
     {"country": "RUS", "sector": "GOV"}),
    # a region named in the phrase beats the sentence's other country ("Darfur rebels", in a
    # sentence that quotes a Chadian mediator)
    (ar.place, "Darfur rebels", "", "TCD", "place:",
     {"country": "SDN", "sector": "REB"}),
    # and beats a word that makes a phrase local ("state"): "the New York state attorney
    # general" in a story filed from Beijing is American
    (ar.place, "New York state attorney general", "CHN", "CHN", "place:",
     {"country": "USA", "sector": "JUD"}),
    (ar.context_country, "Hutu rebel group", "BDI", "RWA", "context:sentence-country",
     {"country": "RWA", "sector": "REB"}),
    (ar.context_country, "Hutu rebel group", "BDI", "", "context:article-country",
     {"country": "BDI", "sector": "REB"}),
    (ar.context_country, "Moslem forces", "", "BIH", "non-state-armed-group",
     {"country": "BIH", "sector": "REB", "kind": "group"}),
    (ar.name_context_sentence_country, "Juan Ortega", "", "ARG", "name+context:sentence-country",
     {"country": "ARG", "kind": "person", "name": "Juan Ortega"}),
]


@pytest.mark.parametrize("rule, text, main, nearby, recorded, says", CASES,
                         ids=[f"{c[0].__name__}:{c[1]}" for c in CASES])
def test_named_rule_applies_alone(rule: ar.Rule, text: str, main: str, nearby: str,
                                  recorded: str, says: dict[str, str]) -> None:
    phrase = _read(text, _context(main, nearby))
    draft = _before(rule, phrase)
    already = len(draft.rules)
    assert rule(phrase, draft)
    assert any(r.startswith(recorded) or r.endswith(recorded) for r in draft.rules[already:])
    assert {k: getattr(draft, k) for k in says} == says
    res = resolve_actor(text, _context(main, nearby))
    assert res is not None and any(recorded in r for r in res.rules)


@pytest.mark.parametrize("rule, text", [
    (ar.capital_as_government, "in Moscow"),  # the place, not its government
    (ar.demonym_plural, "Palestinian"),  # one person: demonym-noun
    (ar.demonym_noun, "Palestinian officials"),  # a modifier: the officials are the actor
    (ar.minority, "Albanian officials"),
    (ar.split_state, "the South"),  # no split state among the article's countries
    (ar.context_country, "Western officials"),  # foreign to the sentence's country
])
def test_named_rule_leaves_other_phrases(rule: ar.Rule, text: str) -> None:
    phrase = _read(text, _context("RUS", "RUS"))
    draft = _before(rule, phrase, choice=False)
    rules = list(draft.rules)
    assert not rule(phrase, draft)
    assert draft.rules == rules


def test_table_person_decides_the_whole_phrase() -> None:
    phrase = _read("President Putin", _context("UKR", "UKR"))
    draft = _before(ar.table_person, phrase)
    assert ar.table_person(phrase, draft)
    assert draft.final is not None
    actor = draft.final.actor
    assert (actor.country, actor.sector, actor.kind, actor.name) == \
        ("RUS", "GOV", "person", "Vladimir Putin")
    assert draft.final.rules[-1].startswith("persons.tsv:")


@pytest.mark.parametrize("text, chosen, passed", [
    ("Moscow", "capital-as-government", "capital-as-place"),
    ("Palestinians", "demonym-plural", "demonym-noun"),  # a people, not one of them
])
def test_readings_of_one_choice_exclude_each_other(text: str, chosen: str, passed: str) -> None:
    """In a FirstOf the first reading that applies wins; a later one that would apply too (the
    place "Moscow", one "Palestinians") is not tried."""
    res = resolve_actor(text)
    assert res is not None
    assert chosen in res.rules and passed not in res.rules
