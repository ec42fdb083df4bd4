"""Roles and stance of issue 13: a denied or disputed happening keeps both sources, and the
denial's recipient is the claimant; a state's name inside a region's or a person's name, and an
organisation after a long title, decide the party's country."""

from __future__ import annotations

import pytest

from newsevents import process
from newsevents.records import Event
from newsevents.resolve.actors import ActorContext, resolve_actor


def _events(text: str) -> list[Event]:
    return process(text, "2025-03-04")


def _by_trigger(events: list[Event], trigger: str) -> Event:
    return next(e for e in events if e.evidence.trigger == trigger)


def test_a_claim_the_other_side_denies_is_denied_with_both_sources() -> None:
    events = _events("The rebels said their fighters shot down an army helicopter near the pass "
                     "on Tuesday. The army denied that the helicopter was shot down.")
    shot = _by_trigger(events, "shot")
    assert shot.attribution.stance == "denied"
    assert shot.attribution.source == "The rebels; denied by The army"
    assert "denied-by:" in shot.evidence.rule


def test_a_denial_with_its_own_account_makes_the_happening_disputed() -> None:
    events = _events("The rebels accused the army of killing eight herders in a drone strike on "
                     "Sunday. The army rejected the accusation, saying the strike had hit a "
                     "truck of fighters.")
    killing = _by_trigger(events, "killing")
    assert killing.attribution.stance == "disputed"
    assert killing.attribution.source == "The rebels; disputed by The army"


def test_a_denial_answers_the_party_that_made_the_claim() -> None:
    events = _events("The rebels accused the army of killing eight herders in a drone strike on "
                     "Sunday. The army rejected the accusation, saying the strike had hit a "
                     "truck of fighters.")
    denial = _by_trigger(events, "rejected")
    assert [(a.text, a.sector) for a in denial.recipient] == [("The rebels", "REB")]
    assert "recipient-is-claimant" in denial.evidence.rule


def test_a_denial_answers_the_accuser_and_when_it_accused() -> None:
    blamed = _by_trigger(_events("Chad has blamed Sudan for the raid on Adre, which Khartoum "
                                 "denies."), "denies")
    assert [a.country for a in blamed.recipient] == ["TCD"]
    assert "recipient-is-accuser" in blamed.evidence.rule
    events = _events("The truce nearly collapsed last month after the rebels accused the army of "
                     "breaking it. The army denied any violation.")
    denial = _by_trigger(events, "denied")
    assert [a.sector for a in denial.recipient] == ["REB"]
    assert (denial.date.start, denial.date.end) == ("2025-02-01", "2025-02-28")


def test_a_denier_of_the_side_whose_country_is_not_yet_known_denies_it() -> None:
    events = _events("The Taliban claimed they shot down the helicopter. The US military denied "
                     "that the helicopter was shot down.")
    assert _by_trigger(events, "shot").attribution.stance == "denied"


def test_a_telling_that_it_did_not_happen_denies_the_claim() -> None:
    events = _events("The Taliban claimed they shot down the helicopter. The US military said "
                     "the helicopter was not shot down.")
    assert [e.evidence.trigger for e in events] == ["shot"]  # the negated telling is no event
    shot = events[0]
    assert shot.attribution.stance == "denied"
    assert shot.attribution.source == "The Taliban; denied by The US military"
    assert "denied-by-negation" in shot.evidence.rule


def test_a_blanket_negation_denies_no_telling_in_particular() -> None:
    events = _events("The opposition said 14 activists had been detained since Monday. The "
                     "minister said nobody in the country was detained for political views.")
    assert all(e.attribution.stance != "denied" for e in events)


def test_a_denial_of_something_else_leaves_the_claim_alone() -> None:
    events = _events("The opposition said police detained 14 activists on Monday. The minister "
                     "denied that Medina was a political prisoner.")
    assert _by_trigger(events, "detained").attribution.stance == "claimed"


@pytest.mark.parametrize(("text", "country"), [
    ("New South Wales firefighters", "AUS"),
    ("British Columbia police", "CAN"),
    ("Northern Ireland police", "GBR"),
])
def test_a_region_name_holding_a_state_name_gives_the_region_country(text: str,
                                                                     country: str) -> None:
    res = resolve_actor(text)
    assert res is not None and res.actor.country == country


def test_the_region_rule_is_named() -> None:
    res = resolve_actor("New South Wales firefighters")
    assert res is not None and "region-name:new south wales" in res.rules


@pytest.mark.parametrize("text", [
    "Chad Hull, 37, was arrested by Kincaid police on Friday.",
    # a police blotter's heading before the name: the phrase is not the person's alone
    "October 25: ARRESTS – Chad Hull, 37, Bulpitt, was arrested by Kincaid police for violating "
    "an order of protection.",
])
def test_a_person_whose_name_begins_with_a_state_name_is_no_state(text: str) -> None:
    arrest = _by_trigger(_events(text), "arrested")
    assert all(a.country != "TCD" for a in (*arrest.actor, *arrest.recipient))


def test_a_state_named_beside_a_person_stays_a_state() -> None:
    from newsevents.analyse import load_model
    from newsevents.options import load_options
    from newsevents.resolve.actor_scan import person_named_like_state

    doc = load_model(load_options().spacy_model)("Chad's president Mahamat Deby met the envoy.")
    assert not person_named_like_state(doc[0:5])


def test_the_organisation_after_a_long_title_is_the_person_s() -> None:
    events = _events('"The authorities must release the detainees," said Maria Olsen, regional '
                     "director for East Africa and the Great Lakes at Amnesty International.")
    request = next(e for e in events if e.type == "REQUEST")
    assert [a.country for a in request.actor] == ["NGO"]


def test_an_event_name_is_no_person() -> None:
    context = ActorContext(nearby_countries=("DEU",))
    assert resolve_actor("World War", context) is None
    assert resolve_actor("Arab Spring", context) is None
    found = resolve_actor("Rania Haddad", context)  # a name of two words is still a person's
    assert found is not None and found.actor.kind == "person"


def test_a_blotter_label_after_its_date_is_no_party() -> None:
    from newsevents.analyse import load_model
    from newsevents.options import load_options
    from newsevents.resolve.actor_scan import _heading_label

    doc = load_model(load_options().spacy_model)(
        "October 25: ARRESTS – Chad Hull, 37, Bulpitt, was arrested by Kincaid police.")
    label = next(t for t in doc if t.text == "ARRESTS")
    assert _heading_label(doc[label.i:label.i + 1])
    nato = load_model(load_options().spacy_model)("NATO said on Monday it would send more troops.")
    assert not _heading_label(nato[0:1])


def test_a_state_barring_another_s_officials_sanctions_them() -> None:
    events = process("Poland on Tuesday barred 14 Belarusian officials from entering the country "
                     "over the crackdown.", "2025-03-04")
    barred = _by_trigger(events, "barred")
    assert barred.type == "SANCTION"
    assert [a.country for a in barred.recipient] == ["BLR"]
    assert [(q.count, q.status) for q in barred.quantities] == [(14, "sanctioned")]
    # barring one's own candidate is no sanction between states
    home = process("A court in Warsaw barred the opposition candidate from the ballot on Tuesday.",
                   "2025-03-04")
    assert not any(e.type == "SANCTION" for e in home)


def test_people_named_by_their_town_are_civilians_of_its_country() -> None:
    # "Peshawar shopkeepers": civilians of Pakistan, not the state of Pakistan
    shot = _by_trigger(_events("Gunmen shot dead two Peshawar shopkeepers on Monday."), "shot")
    assert [(a.country, a.sector) for a in shot.recipient] == [("PAK", "CVL")]
    assert shot.acled is not None and shot.acled.event_type == "Violence against civilians"


@pytest.mark.parametrize("text, trigger, mode", [
    ("Police in Islamabad fired live rounds at the marchers on Tuesday.", "fired", "firearms"),
    ("A car bomb killed two bystanders in Mogadishu on Monday.", "killed", "explosives"),
    ("Gunmen shot a motorist in Karachi on Monday.", "shot", "firearms"),
])
def test_people_named_by_what_they_were_doing_are_civilians(text: str, trigger: str,
                                                              mode: str) -> None:
    """Marchers, bystanders, motorists (sectors.tsv): civilians, who take the country of the
    place they are in; "live rounds" are a firearm's."""
    event = _by_trigger(_events(text), trigger)
    assert [a.sector for a in event.recipient] == ["CVL"]
    assert event.recipient[0].country is not None
    assert event.mode == mode


def test_who_tells_an_arrest_and_accuses_the_arrested_is_the_accuser() -> None:
    """"X said that Y had been arrested ..., and accused him of ...": the parser hangs "accused"
    on "arrested"; the accuser is the teller, and an attorney general is of the judiciary."""
    text = ("CARACAS, Jan 9 (Agency) - Venezuela's attorney general said in a statement that "
            "Rafael Medina had been arrested on charges of conspiracy, and accused him of "
            "financing a plan to sabotage power stations.")
    accused = _by_trigger(_events(text), "accused")
    assert [(a.country, a.sector) for a in accused.actor] == [("VEN", "JUD")]
    assert "actor=subj" in accused.evidence.rule
