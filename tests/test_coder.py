"""Document-level coder rules, record shape and the public API, on short texts written for
these tests with hand-built mentions (the resolver is tested on its own)."""

from __future__ import annotations

import pytest

from newsevents.coder import code, document_label, rank
from newsevents.coder.engine import code_article
from newsevents.options import load_options
from newsevents.records import PLOVER_TYPES, DateSpan, Event, Quantity
from test_coder_support import article, mentions_from_spec, nlp, with_extra

PARAGRAPH = (
    "Russia fired 30 drones at Ukraine overnight, the Ukrainian air force said. "
    "Twenty drones were shot down. "
    "Homes in the Sumy and Chernihiv regions were damaged by falling debris."
)
SPEC = ("Russia=RUS;Ukraine=UKR;the Ukrainian air force=UKR/MIL;"
        "@Sumy=UKR/admin1;@Chernihiv=UKR/admin1")
OVERNIGHT = DateSpan(start="2024-05-09", end="2024-05-10", precision="day", text="overnight")


def _events(text: str, spec: str, **extra: object) -> list[Event]:
    mentions = with_extra(mentions_from_spec(text, spec), **extra)  # type: ignore[arg-type]
    return code_article(nlp()(text), article(text), mentions, {"pipeline": "test"})


@pytest.fixture(scope="module")
def paragraph_events() -> list[Event]:
    s = PARAGRAPH.index("overnight")
    q1 = PARAGRAPH.index("30 drones")
    q2 = PARAGRAPH.index("Twenty drones")
    return _events(PARAGRAPH, SPEC, dates=[(s, s + 9, OVERNIGHT)], quantities=[
        (q1, q1 + 9, Quantity(count=30, item="drone", text="30 drones")),
        (q2, q2 + 13, Quantity(count=20, item="drone", status="intercepted", text="Twenty drones")),
    ])


def test_attack_with_counts_source_and_date(paragraph_events: list[Event]) -> None:
    first = paragraph_events[0]
    assert first.type == "ASSAULT" and first.mode == "drone"
    assert first.acled is not None and first.acled.sub_event_type == "Air/drone strike"
    assert [a.country for a in first.actor] == ["RUS"]
    assert [a.country for a in first.recipient] == ["UKR"]
    assert first.date.start == "2024-05-09" and first.date.text == "overnight"
    assert first.attribution.stance == "claimed"
    assert first.attribution.source_actor is not None
    assert first.attribution.source_actor.country == "UKR"
    counts = {(q.item, q.status, q.count) for q in first.quantities}
    # "Twenty drones were shot down" has no actor of its own: its count joins the attack;
    # the status is the verb's own ("fired"), as the project's gold examples write it
    assert counts == {("drone", "fired", 30), ("drone", "intercepted", 20)}
    assert "folded" in first.evidence.rule


def test_one_event_per_place_with_inherited_actor(paragraph_events: list[Event]) -> None:
    damage = [e for e in paragraph_events if e.evidence.trigger == "damaged"]
    assert sorted(e.location.admin1 for e in damage if e.location) == ["Chernihiv", "Sumy"]
    for e in damage:
        assert [a.country for a in e.actor] == ["RUS"]
        assert "actor-from-previous-assault" in e.evidence.rule
        assert e.date.start == "2024-05-09"  # the attack's night, not the publication day
    assert len({e.event_id for e in damage}) == 2


def test_evidence_offsets_point_into_the_body(paragraph_events: list[Event]) -> None:
    for e in paragraph_events:
        assert PARAGRAPH[e.evidence.start:e.evidence.end] == e.evidence.sentence
        assert e.evidence.trigger in e.evidence.sentence
        assert e.evidence.rule.startswith("triggers.tsv:")
        assert e.type in PLOVER_TYPES
        assert 0.0 < e.confidence <= 0.95


def test_ids_are_stable(paragraph_events: list[Event]) -> None:
    again = _events(PARAGRAPH, SPEC)
    assert [e.event_id for e in again] == [e.event_id for e in paragraph_events]


def test_no_casualties_sentence_sets_zero() -> None:
    text = "A drone hit a fuel depot in the Belgorod region. No casualties were reported."
    events = _events(text, "@the Belgorod region=RUS/admin1")
    assert len(events) == 1
    assert events[0].fatalities is not None
    assert (events[0].fatalities.killed, events[0].fatalities.injured) == (0, 0)
    assert events[0].location is not None and events[0].location.admin1 == "Belgorod"


def test_fatalities_from_counts() -> None:
    text = "Gunmen attacked a village in Zamfara, killing 14 people."
    k = text.index("14 people")
    events = _events(text, "@Zamfara=NGA/admin1", quantities=[
        (k, k + 9, Quantity(count=14, item="person", status="killed", text="14 people"))])
    attack = next(e for e in events if e.type == "ASSAULT")
    assert attack.fatalities is not None and attack.fatalities.killed == 14
    assert attack.fatalities.injured is None


def test_accusation_and_claimed_aid() -> None:
    text = "Washington accused Tehran of supplying drones to Moscow."
    events = _events(text, "Washington=USA/GOV;Tehran=IRN/GOV;Moscow=RUS/GOV")
    types = {e.type: e for e in events}
    assert set(types) == {"ACCUSE", "AID"}
    aid = types["AID"]
    assert [a.country for a in aid.actor] == ["IRN"] and [a.country for a in aid.recipient] == ["RUS"]
    assert aid.attribution.stance == "claimed"
    assert aid.attribution.source_actor is not None and aid.attribution.source_actor.country == "USA"


def test_what_an_inquiry_concluded_is_claimed_by_it() -> None:
    text = "The inquiry concluded that police had detained the protesters without cause."
    events = _events(text, "The inquiry=GBR/JUD;police=GBR/COP;the protesters=GBR/CVL")
    (arrest,) = [e for e in events if e.type == "COERCE"]
    assert arrest.attribution.stance == "claimed"
    assert arrest.attribution.source_actor is not None
    assert arrest.attribution.source_actor.sector == "JUD"


def test_compound_actor_along_with() -> None:
    text = "France, along with Germany, rejected the proposal."
    events = _events(text, "France=FRA;Germany=DEU")
    assert [sorted(a.country for a in e.actor) for e in events] == [["DEU", "FRA"]]


def test_blocked_content_is_not_an_event() -> None:
    text = "China blocked efforts to impose sanctions on Myanmar."
    events = _events(text, "China=CHN;Myanmar=MMR")
    assert [e.type for e in events] == ["REJECT"]


def test_nominal_visit_and_pronoun_subject() -> None:
    text = "Germany has criticised the plan. It has refused to send troops."
    events = _events(text, "Germany=DEU")
    reject = next(e for e in events if e.type == "REJECT")
    assert [a.country for a in reject.actor] == ["DEU"]


def test_future_cooperation_is_agree_and_future_harm_is_threaten() -> None:
    events = _events("Japan will send food aid to Sri Lanka.", "Japan=JPN;Sri Lanka=LKA")
    assert [(e.type, e.modality) for e in events] == [("AGREE", "future")]
    assert "future-AID-is-AGREE" in events[0].evidence.rule
    events = _events("Kenya will impose a curfew in Nairobi.", "Kenya=KEN;@Nairobi=KEN/city")
    assert [e.type for e in events] == ["THREATEN"]


def test_negated_cooperation_is_reject() -> None:
    events = _events("Turkey did not sign the treaty.", "Turkey=TUR")
    assert [e.type for e in events] == ["REJECT"]


def test_historical_and_future_dates() -> None:
    text = "Iraq invaded Kuwait in 1990."
    s = text.index("in 1990")
    events = _events(text, "Iraq=IRQ;Kuwait=KWT", dates=[
        (s + 3, s + 7, DateSpan(start="1990-01-01", end="1990-12-31", precision="year", text="1990"))])
    assert events[0].modality == "historical"


def test_default_date_is_publication_day() -> None:
    events = _events("Police arrested the mayor of Lviv.", "Police=UKR/COP;the mayor=UKR/GOV")
    assert events[0].date.start == "2024-05-10" and events[0].date.text == ""


def test_document_label_ranks_violence_first() -> None:
    text = ("The president praised the police. "
            "Security forces fired tear gas at protesters in Lima on Monday.")
    events = _events(text, "The president=PER/GOV;the police=PER/COP;Security forces=PER/COP;"
                           "protesters=PER/CVL;@Lima=PER/city")
    assert document_label(events) == "Protest with intervention"
    assert rank(events)[0].type == "ASSAULT"


def test_document_label_none_without_acled_scope() -> None:
    events = _events("The two ministers praised each other.", "")
    assert document_label(events) == "none"
    assert document_label([]) == "none"


def test_code_api_adds_provenance() -> None:
    from importlib import metadata

    text = "Rebels attacked an army post near Goma."
    opts = load_options()
    events = code(nlp()(text), article(text), mentions_from_spec(text, "Rebels=COD/REB"), opts)
    assert events and events[0].provenance["config"] == opts.config_hash
    assert events[0].provenance["model"] == opts.spacy_model
    assert events[0].provenance["model_version"] == metadata.version(opts.spacy_model)
    from newsevents.classify.model import shared_model
    from newsevents.provenance import data_tables_hash

    assert events[0].provenance["tables"] == data_tables_hash()
    assert events[0].provenance["classifier"] == shared_model().hash
    assert Event.from_dict(events[0].to_dict()) == events[0]


def test_editing_a_data_table_changes_the_tables_hash(tmp_path, monkeypatch) -> None:
    import shutil
    from importlib import resources

    from newsevents import provenance as pipeline

    copy = tmp_path / "data"
    shutil.copytree(str(resources.files("newsevents.data")), copy)
    monkeypatch.setattr(pipeline.resources, "files", lambda _package: copy)
    pipeline.data_tables_hash.cache_clear()
    before = pipeline.data_tables_hash()
    with (copy / "coder" / "triggers.tsv").open("a", encoding="utf-8") as handle:
        handle.write("# an added comment line\n")
    pipeline.data_tables_hash.cache_clear()
    try:
        assert pipeline.data_tables_hash() != before
    finally:
        pipeline.data_tables_hash.cache_clear()


def test_one_happening_in_one_clause_is_one_event() -> None:
    text = "Russian air strikes killed 14 people in Idlib province on Sunday."
    events = _events(text, "Russian=RUS;@Idlib province=SYR/admin1")
    assaults = [e for e in events if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert "merged:" in assaults[0].evidence.rule
    assert [a.country for a in assaults[0].actor] == ["RUS"]


def test_labour_strike_is_not_an_attack() -> None:
    text = "Workers at the state railway went on strike in Santiago over pensions."
    events = _events(text, "Workers=-/LAB;@Santiago=CHL/city")
    assert [e.type for e in events] == ["PROTEST"]
    assert events[0].actor[0].country == "CHL"  # a domestic party takes the event's country


def test_a_states_ban_at_home_falls_on_its_own_people() -> None:
    text = ("Health officials in Texas and California reported thousands of new cases on Monday. "
            "Norway has banned indoor gatherings of more than ten people.")
    events = _events(text, "Health officials=-/GOV;Norway=NOR;more than ten people=-/CVL;"
                           "@Texas=USA/admin1;@California=USA/admin1")
    bans = [e for e in events if e.type == "COERCE"]
    assert [a.country for a in bans[0].recipient] == ["NOR"]  # not the story's main country


def test_gerund_denial_is_a_rejection_not_an_attack() -> None:
    events = _events("The militia denied shelling the market in Goma.",
                     "The militia=-/REB;@Goma=COD/city")
    assert [e.type for e in events] == ["REJECT"]


def test_an_attack_on_someone_s_loyalty_is_words_not_violence() -> None:
    events = _events("The ambassador deflected Republican attacks on President Trump's loyalty "
                     "in Washington.",
                     "The ambassador=USA/GOV;President Trump=USA/GOV;@Washington=USA/city")
    assert "ASSAULT" not in {e.type for e in events}
    assert "ACCUSE" in {e.type for e in events}
    # the parser hangs "on his loyalty" on the verb, not on the noun it belongs to
    events = _events("He deflected Republican attacks on his loyalty on Tuesday.", "")
    assert "ASSAULT" not in {e.type for e in events}


def test_background_violence_does_not_outrank_the_main_happening() -> None:
    text = ("The government lifted the curfew in Bamenda after clashes that killed five "
            "people last month.")
    events = rank(_events(text, "The government=CMR/GOV;@Bamenda=CMR/city"))
    assert events[0].type == "CONCEDE"


def test_interception_takes_the_attack_sides() -> None:
    text = "Militants fired four rockets from Gaza at Sderot. Three were intercepted."
    events = _events(text, "@Gaza=PSE/admin1;@Sderot=ISR/city")
    stopped = [e for e in events if e.acled and e.acled.sub_event_type == "Disrupted weapons use"]
    assert stopped and [a.country for a in stopped[0].actor] == ["PSE"]
    assert [a.country for a in stopped[0].recipient] == ["ISR"]


def test_dateline_is_not_a_party() -> None:
    text = "LUSAKA — Zambia's government and the miners' union agreed on Friday to end the dispute."
    events = _events(text, "LUSAKA=ZMB/GOV;Zambia's government=ZMB/GOV;the miners' union=ZMB/LAB")
    agree = [e for e in events if e.type == "AGREE"]
    assert agree and all(a.text != "LUSAKA" for a in agree[0].actor)
    assert {a.country for a in agree[0].actor} == {"ZMB"}


def test_date_of_the_report_is_not_the_date_of_the_attack() -> None:
    # the interception has no date words of its own: "in a statement on Friday" dates the
    # telling, so the interception and the damage keep the night of the launch
    text = ("Russia fired 30 drones at Ukraine overnight, the Ukrainian air force said. "
            "Twenty drones were shot down, the air force said in a statement on Friday. "
            "Homes in the Sumy region were damaged by falling debris.")
    s = text.index("overnight")
    f = text.index("on Friday")
    friday = DateSpan(start="2024-05-10", end="2024-05-10", precision="day", text="on Friday")
    events = _events(text, "Russia=RUS;Ukraine=UKR;the Ukrainian air force=UKR/MIL;"
                           "@Sumy=UKR/admin1", dates=[(s, s + 9, OVERNIGHT), (f, f + 9, friday)])
    later = [e for e in events if e.evidence.trigger in ("shot", "damaged")]
    assert later, [e.evidence.trigger for e in events]
    assert all(e.date.start == "2024-05-09" for e in later), [e.date for e in later]


def test_report_date_is_the_fallback_without_context() -> None:
    text = "Police detained the mayor of Lviv, prosecutors said on Thursday."
    t = text.index("on Thursday")
    thursday = DateSpan(start="2024-05-09", end="2024-05-09", precision="day", text="on Thursday")
    events = _events(text, "Police=UKR/COP;the mayor=UKR/GOV;prosecutors=UKR/JUD",
                     dates=[(t, t + 11, thursday)])
    assert events[0].date.start == "2024-05-09"
    assert events[0].date.text == "on Thursday"


def test_protest_crowd_fighting_police_is_a_riot() -> None:
    text = ("Hundreds of supporters of the opposition leader clashed with police in Dhaka on "
            "Sunday during a march against his arrest.")
    events = _events(text, "supporters=-/-;the opposition leader=BGD/OPP;police=BGD/COP;"
                           "@Dhaka=BGD/city")
    clash = [e for e in events if e.type == "ASSAULT"]
    assert clash and clash[0].acled is not None
    assert clash[0].acled.sub_event_type == "Violent demonstration"
    assert "crowd-of-protest" in clash[0].evidence.rule


def test_soldiers_clashing_are_still_a_battle_next_to_a_protest() -> None:
    text = "Soldiers clashed with rebels near Goma as residents marched against the violence."
    events = _events(text, "Soldiers=COD/MIL;rebels=COD/REB;residents=COD/CVL;@Goma=COD/city")
    clash = [e for e in events if e.type == "ASSAULT"]
    assert clash and clash[0].acled is not None
    assert clash[0].acled.sub_event_type == "Armed clash"


def test_lead_agreement_outranks_background_fighting() -> None:
    text = ("The government and the rebels agreed on Monday to extend their ceasefire by three "
            "months, mediators said.\n\n"
            "A day earlier, the army said it had clashed with rebel fighters in the north, "
            "killing two of them.")
    events = _events(text, "The government=COL/GOV;the rebels=COL/REB;mediators=-/-;"
                           "the army=COL/MIL;rebel fighters=COL/REB")
    assert document_label(events) == "Agreement", [
        (e.type, e.acled, e.salience) for e in events]


def test_prisoners_freed_in_an_exchange_are_an_agreement() -> None:
    text = "Armenia and Azerbaijan freed 32 prisoners on Tuesday in an exchange brokered by Russia."
    events = _events(text, "Armenia=ARM;Azerbaijan=AZE;32 prisoners=-/CVL;Russia=RUS")
    freed = [e for e in events if e.evidence.trigger == "freed"]
    assert freed and freed[0].acled is not None
    assert freed[0].acled.sub_event_type == "Agreement"


STATEMENT = ("Police fired tear gas at protesters in Hong Kong on Sunday. "
             "The United Kingdom urged an end to the violence.")
STATEMENT_SPEC = "Police=-/COP;protesters=-/CVL;@Hong Kong=HKG/city;The United Kingdom=GBR"


def _statement(text: str, spec: str, infer: bool) -> Event:
    events = code_article(nlp()(text), article(text), mentions_from_spec(text, spec),
                          {"pipeline": "test"}, implied_parties=infer)
    return next(e for e in events if e.type in ("REQUEST", "AGREE"))


def test_a_statement_naming_no_addressee_is_addressed_to_the_story_country() -> None:
    """``implied_parties``: the UK's call answers the story's country; off, nothing is guessed.
    The guessed addressee is no support of the event: the confidence stays the same."""
    off = _statement(STATEMENT, STATEMENT_SPEC, infer=False)
    on = _statement(STATEMENT, STATEMENT_SPEC, infer=True)
    assert off.recipient == ()
    assert [(a.country, a.kind) for a in on.recipient] == [("HKG", "state")]
    assert "recipient-addressed-in-story" in on.evidence.rule.split("+")
    assert on.confidence == off.confidence


def test_parties_that_act_together_address_each_other() -> None:
    text = "India and Pakistan agreed on Monday to observe a ceasefire along the border."
    event = _statement(text, "India=IND;Pakistan=PAK", infer=True)
    assert {a.country for a in event.actor} == {"IND", "PAK"}
    assert event.recipient == ()


@pytest.mark.parametrize("text, spec, type_", [
    # an inquiry addresses no one
    ("Thieves stole equipment from a hospital in Kobe, Japan, on Sunday. The police are "
     "investigating the incident as a case of theft.",
     "Thieves=-/CRM;@Kobe=JPN/city;@Japan=JPN/country;The police=-/COP", "ACCUSE"),
    # a denial answers whoever made the claim, not the story's country
    ("Police fired tear gas at protesters in Hong Kong on Sunday. The city's police deny "
     "accusations of brutality.",
     "Police=HKG/COP;protesters=-/CVL;@Hong Kong=HKG/country;The city's police=HKG/COP", "REJECT"),
])
def test_an_inquiry_or_a_denial_is_addressed_to_no_one_guessed(text: str, spec: str,
                                                                 type_: str) -> None:
    events = code_article(nlp()(text), article(text), mentions_from_spec(text, spec),
                          {"pipeline": "test"}, implied_parties=True)
    assert next(e for e in events if e.type == type_).recipient == ()


STRIKE = "Turkish drones struck Syrian army positions in Syria on Tuesday."
REGION_SPEC = "Turkish=TUR;Syrian army=SYR/MIL;Government forces=SYR/MIL;@Syria=SYR/country;"


@pytest.mark.parametrize("story, spec, place", [
    ("Government forces pushed deeper into Idlib province on Monday, the monitor said. "
     "Thousands of families fled the fighting in the Idlib region. ",
     "@Idlib province=SYR/admin1;@Idlib region=SYR/admin1", ("Idlib", "admin1")),
    # the story's places in Syria lie in two regions: the country is all it gives
    ("Government forces pushed deeper into Idlib province on Monday, the monitor said. "
     "Thousands of families fled the fighting in Aleppo province. ",
     "@Idlib province=SYR/admin1;@Aleppo province=SYR/admin1", (None, "country")),
])
def test_a_country_placed_act_happened_in_the_region_the_story_is_about(
        story: str, spec: str, place: tuple[str | None, str]) -> None:
    events = _events(story + STRIKE, REGION_SPEC + spec)
    strike = next(e for e in events if e.evidence.sentence == STRIKE)
    assert strike.location is not None
    assert (strike.location.admin1, strike.location.precision) == place
    assert ("place-story-region" in strike.evidence.rule.split("+")) == (place[1] == "admin1")


PROTEST_DEAD = "At least 106 protesters have been killed in Iran since Friday, Amnesty said."


@pytest.mark.parametrize("implied, actor", [(False, "unidentified armed group"),
                                            (True, "security forces")])
def test_force_nobody_is_named_for_on_a_protest_is_the_state_police(implied: bool,
                                                                     actor: str) -> None:
    """With ``implied_parties``, ACLED's reading: excessive force against protesters is the
    state's. Without it, the unnamed attacker of the country (ACLED's other convention)."""
    text = PROTEST_DEAD
    events = code_article(nlp()(text), article(text),
                          mentions_from_spec(text, "protesters=-/CVL;@Iran=IRN/country;Amnesty=NGO"),
                          {"pipeline": "test"}, implied_parties=implied)
    killing = next(e for e in events if e.type == "ASSAULT")
    assert [a.text for a in killing.actor] == [actor]
    assert killing.actor[0].country == "IRN"
    assert (killing.actor[0].sector == "COP") == implied


def test_testimony_before_a_committee_is_its_inquiry() -> None:
    text = "The ambassador testified before the Senate Foreign Relations Committee on Tuesday."
    events = _events(text, "The ambassador=USA/GOV;the Senate Foreign Relations Committee=USA/LEG")
    (inquiry,) = [e for e in events if e.type == "ACCUSE"]
    assert inquiry.mode == "investigate"
    assert [a.sector for a in inquiry.actor] == ["LEG"] and [a.sector for a in inquiry.recipient] == ["GOV"]
    # what a witness said is no testimony event of its own ("testified that ...")
    said = _events("The ambassador testified that the aid had been withheld for weeks.",
                   "The ambassador=USA/GOV")
    assert not [e for e in said if e.evidence.trigger == "testified"]
