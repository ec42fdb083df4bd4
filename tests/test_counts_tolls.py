"""Tolls from every phrasing: the injured told after the dead ("wounded four others", "injuring
12", "another man was hurt", "wounding a third"), counts told again as parts of a toll, numbers
that are no people (in tests/test_resolve_quantities.py), "nobody was hurt", and deaths told as
before the act ("after a teenager died in police custody"). The
resolver's rules by their names, then the whole pipeline's fatalities, on texts written for
this project."""

from __future__ import annotations

import pytest

import newsevents
from newsevents.analyse import load_model
from newsevents.ingest import document_from_text
from newsevents.options import load_options
from newsevents.pipeline import process_one
from newsevents.records import Fatalities
from newsevents.resolve.quantities import parse_quantities

PUBLISHED = "2024-05-15T10:00:00+00:00"


@pytest.fixture(scope="module")
def nlp():
    return load_model(load_options().spacy_model)


@pytest.mark.parametrize("sentence,count,status,rule", [
    ("Gunmen killed two guards and wounded five others.", 5, "injured", "same-item:"),
    ("The shelling killed six villagers and injured nine.", 9, "injured", "casualty-object"),
    ("A bomb killed two officers and wounded a third.", 1, "injured", "one-more:third"),
    ("A guard was shot dead and another was hurt.", 1, "injured", "one-more:another"),
    ("Eight miners suffered injuries in the blast.", 8, "injured", "injury-noun:suffer"),
])
def test_the_injured_by_their_rule(nlp, sentence: str, count: int, status: str, rule: str) -> None:
    found = [m for m in parse_quantities(nlp(sentence)) if m.quantity.status == status]
    assert [m.quantity.count for m in found] == [count], found
    assert rule in found[0].rule


def test_a_headline_s_bare_participle_counts_its_number_as_victims(nlp) -> None:
    # "5 killed as ...": the headline leaves out "were"
    found = parse_quantities(nlp("5 killed as gunmen attack bus in Zamfara state"))
    assert [(m.quantity.count, m.quantity.status) for m in found] == [(5, "killed")], found


@pytest.mark.parametrize("sentence", [
    "A crowd lynched two suspected thieves in the market.",
    "Gunmen assassinated two local officials on Sunday.",
])
def test_lynched_and_assassinated_are_killed(nlp, sentence: str) -> None:
    found = parse_quantities(nlp(sentence))
    assert [(m.quantity.count, m.quantity.status) for m in found] == [(2, "killed")], found


def test_armed_men_are_an_armed_group_not_civilians() -> None:
    text = ("Armed men attacked the village of Djibo on Sunday, killing 15 civilians, local "
            "sources said.")
    (attack,) = [e for e in newsevents.process(text, published=PUBLISHED) if e.type == "ASSAULT"]
    assert [a.sector for a in attack.actor] == ["UAF"]
    assert attack.acled is not None and attack.acled.sub_event_type == "Attack"


def test_a_part_of_a_toll_names_its_rule_and_has_no_status(nlp) -> None:
    found = parse_quantities(nlp("The raid killed eleven people, including three women."))
    part = next(m for m in found if m.quantity.item == "woman")
    assert part.quantity.status is None and "part-of:including" in part.rule


def _toll(text: str) -> Fatalities | None:
    result = process_one(document_from_text(text, published=PUBLISHED),
                         load_options().replace(min_words=1))
    assert result.rejected is None, result.rejected
    tolls = [e.fatalities for e in result.events if e.type == "ASSAULT" and e.fatalities]
    assert tolls, [(e.type, e.evidence.trigger) for e in result.events]
    return tolls[0]


@pytest.mark.parametrize("text,killed,injured", [
    ("A man was shot dead in Leeds on Monday night, while another man was seriously hurt, "
     "police said.", 1, 1),
    ("Gunmen killed a 52-year-old farmer and wounded four others in Kaduna on Friday.", 1, 4),
    ("A car bomb exploded in a market in Mogadishu on Sunday, killing 9 people and injuring 23, "
     "police said.", 9, 23),
    ("Rebels shelled a camp near Goma on Monday, killing at least six people, including four "
     "children, aid workers said.", 6, None),
    ("Police said the bombing killed 12 people at 450 Main Street in Springfield on Tuesday.",
     12, None),
    ("Gunmen opened fire on a village in Zamfara on Friday, killing 20 people and 300 head of "
     "cattle, residents said.", 20, None),
    # what the victims did before is no status of the count
    ("Rebels attacked a church in Komanda on Sunday, killing at least 38 worshippers who had "
     "gathered for a night vigil, a local leader said.", 38, None),
    # a participle on the counted noun, inside a reporting verb's object
    ("Militiamen and rebels clashed around Kalehe on Tuesday. A local source reported 6 people "
     "killed.", 6, None),
    # a toll denied in a sentence of its own goes to the violence, not to the arrests after it
    ("Gunmen attacked the village of Kuru on Monday and police later arrested two men. No one "
     "was killed, the governor said.", 0, None),
])
def test_tolls_of_whole_reports(text: str, killed: int | None, injured: int | None) -> None:
    toll = _toll(text)
    assert toll is not None and (toll.killed, toll.injured) == (killed, injured)


def test_nobody_hurt_means_nobody_killed() -> None:
    toll = _toll("Attackers threw a grenade at a police station in Uppsala on Tuesday, but "
                 "nobody was hurt, police said.")
    assert toll is not None and (toll.killed, toll.injured) == (0, 0)


@pytest.mark.parametrize(("text", "published", "trigger", "killed", "sub_event"), [
    # after a semicolon, with no doer: the casualties of the attack before it
    ("Police fired tear gas and live rounds at marchers in Beira on 3 March 2024; two protesters "
     "were killed, a rights group said.", "2024-03-04T10:00:00+00:00", "fired", 2, None),
    # told while two sides fought: the clash's toll, and the clash is the event
    ("At least 14 people were killed on Monday as government troops and rebel fighters fought "
     "for control of the market town of Kalemie, a local official said.",
     "2024-05-14T10:00:00+00:00", "fought", 14, "Armed clash"),
    # in what a party says, in a clause joined to the attack
    ("Missiles hit six sites in the border district on Wednesday, and the army said 14 people "
     "were killed.", "2024-05-16T10:00:00+00:00", "hit", 14, None),
])
def test_a_toll_with_no_doer_is_the_toll_of_the_attack_it_is_told_with(
        text: str, published: str, trigger: str, killed: int, sub_event: str | None) -> None:
    attacks = [e for e in newsevents.process(text, published=published) if e.type == "ASSAULT"]
    assert [e.evidence.trigger for e in attacks] == [trigger]
    assert attacks[0].fatalities is not None and attacks[0].fatalities.killed == killed
    if sub_event is not None:
        assert attacks[0].acled is not None and attacks[0].acled.sub_event_type == sub_event


@pytest.mark.parametrize(("text", "trigger", "killed", "injured"), [
    ("The bombing of a bus station in Maiduguri, which wounded 30 people, was claimed by the "
     "group on Monday.", "bombing", None, 30),
    # the parser hangs the clause on the target: a school kills no one, the strike did
    ("Officials condemned an air strike on a school in Rafah that killed 12 people on Tuesday.",
     "strike", 12, None),
])
def test_a_relative_clause_on_an_attack_tells_its_toll(
        text: str, trigger: str, killed: int | None, injured: int | None) -> None:
    attacks = [e for e in newsevents.process(text, published=PUBLISHED) if e.type == "ASSAULT"]
    assert [e.evidence.trigger for e in attacks] == [trigger]
    toll = attacks[0].fatalities
    assert toll is not None and (toll.killed, toll.injured) == (killed, injured)


def test_a_person_who_killed_is_another_happening() -> None:
    text = "Police in Lagos on Monday arrested a man who killed three people at a bar."
    assert "killed" in [e.evidence.trigger for e in newsevents.process(text, published=PUBLISHED)]


def test_a_riot_s_toll_is_the_riot_s() -> None:
    text = "Rioters torched shops in the town of Kumba on Sunday, killing a trader, local media said."
    events = newsevents.process(text, published="2024-05-14T10:00:00+00:00")
    assert [(e.type, e.evidence.trigger) for e in events] == [("PROTEST", "torched")]
    assert events[0].fatalities is not None and events[0].fatalities.killed == 1


def test_a_riot_s_toll_told_in_the_next_sentence_is_the_riot_s() -> None:
    text = ("Rioters torched shops in the town of Kumba on Sunday. Two people were killed and "
            "five injured, police said.")
    events = newsevents.process(text, published="2024-05-14T10:00:00+00:00")
    assert [(e.type, e.evidence.trigger) for e in events] == [("PROTEST", "torched")]
    toll = events[0].fatalities
    assert toll is not None and (toll.killed, toll.injured) == (2, 5)


def test_a_death_told_as_before_the_act_is_not_its_toll() -> None:
    text = ("On 12 June 2024, youths torched the district office in Mandera after a teenager "
            "died in police custody.")
    (riot,) = [e for e in newsevents.process(text, published=PUBLISHED)
               if e.evidence.trigger == "torched"]
    assert riot.fatalities is None or riot.fatalities.killed is None


def test_an_attack_told_hours_after_another_is_another() -> None:
    text = ("Gunmen attacked an army checkpoint outside Kidal on Monday, hours after a car bomb "
            "exploded at the town's market, officials said.")
    events = newsevents.process(text, published="2024-05-14T10:00:00+00:00")
    assert sorted(e.evidence.trigger for e in events if e.type == "ASSAULT") == [
        "attacked", "exploded"]
