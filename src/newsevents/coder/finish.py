"""The last rules over each kept draft, and the frozen ``Event`` made from it (step 4 of the
engine, after the drafts are folded and merged).

``TYPE_RULES`` put a happening named only as the time before another act in the background,
and recode intentions by what they promise; the parties then take the countries their
place, sentence and story give them; ``EVENT_RULES`` (ACLED's conventions for parties nobody
names, and where the event happened when its sentence does not say) run in order, each on the
place the rules before it left. Each rule records its rule string in the event's evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from ..lexicon import coder_words, plover_types, sector_codes
from ..records import (
    Actor,
    Article,
    DateSpan,
    Event,
    Evidence,
    Mentions,
    Place,
    PlaceMention,
    Quantity,
)
from ..resolve.places import get_gazetteer
from ..resolve.tables import body_seats, country_lexicon, country_name
from . import acled as acled_mod
from . import context, document, front, happenings, slots, syntax
from .draft import Draft
from .ranking import confidence, salience
from .tables import Tables


@dataclass(frozen=True)
class Story:
    """What the last rules and the event records need of the article."""

    article: Article
    tables: Tables
    provenance: dict[str, str]
    main: tuple[str, ...]  # the article's main countries (``document.home_countries``)
    home: str | None  # the country the story is filed from
    dateline: PlaceMention | None
    by_part: dict[str, Mentions]  # the mentions of the body, the headline and the standfirst
    sentence_index: dict[int, int]  # a body sentence's start token -> its index
    lead: int | None  # the lead sentence's start (``document.lead_sentence``)
    n_paragraphs: int
    implied_parties: bool = False  # the setting of that name (``engine.code_article``)
    day: dt.date | None = None  # the story's day (its dateline's, else its publication's)
    court_town: Place | None = None  # the one town whose court the story names (``court_town``)


def country_name_of(country: str) -> str:
    return country_name(country) or country


def _is_state(country: str | None) -> bool:
    return bool(country) and len(country or "") == 3 and country not in sector_codes("no_territory")


# PLOVER codes intentions by what they promise: cooperation announced for the future is AGREE,
# harm announced for the future is THREATEN (both keep modality "future": what is promised or
# threatened lies ahead), and cooperation refused or failed is REJECT (factual). (The PLOVER
# manual would keep future RETREAT/CONCEDE as they are; the PLOVER gold records code them AGREE,
# which we follow.) plover_types.tsv says which types: future_agree, conflictual, negated_reject.

def future_is_agree(d: Draft) -> None:
    if d.modality == "future" and d.type in plover_types("future_agree"):
        d.rules.append(f"future-{d.type}-is-AGREE")
        d.type, d.mode, d.acled_code = "AGREE", None, "-"


def promised_now(d: Draft) -> bool:
    """A future act read as the promise or threat made now (``future_is_agree``,
    ``future_is_threaten``)."""
    return any(r.startswith("future-") and r.endswith(("-is-AGREE", "-is-THREATEN"))
               for r in d.rules)


def future_is_threaten(d: Draft) -> None:
    if d.modality == "future" and "inforce" in d.row.when:
        # "the lockdown will begin on Thursday": the measure is imposed, it takes effect later
        d.rules.append("in-force-later")
        d.modality = "factual"
        return
    if d.modality == "future" and d.type in plover_types("conflictual"):
        d.rules.append(f"future-{d.type}-is-THREATEN")
        d.type, d.acled_code = "THREATEN", "-"


def conditional_is_threaten(d: Draft) -> None:
    """"will withdraw its force unless ...", "may halt sanctions if ...": a conditional harm is
    a threat."""
    if d.modality not in ("future", "hypothetical") or d.type == "THREATEN":
        return
    cond = context.condition_of(d.token)
    if cond == "unless" or (cond == "if" and d.type in plover_types("conflictual")):
        d.rules.append(f"conditional-{d.type}-is-THREATEN")
        d.type, d.mode, d.acled_code = "THREATEN", None, "-"


def negated_is_reject(d: Draft) -> None:
    if d.modality == "negated" and d.type in plover_types("negated_reject") and d.actor:
        d.rules.append(f"negated-{d.type}-is-REJECT")
        d.type, d.mode, d.modality, d.acled_code = "REJECT", None, "factual", "-"


def told_before_another(d: Draft) -> None:
    """"Following Assange's arrest in the UK, a lawyer asked for the case to be reopened": a
    happening named only by a noun in a phrase of earlier time ("after", "following":
    ``happenings.at_another_time``) on another act, as one the reader knows (a possessive,
    "the"), dated by no words of its own and told nowhere else in the story, is that act's
    background. One brought in as new ("surrendered following a week-long government
    offensive") is news."""
    t = d.token
    if d.modality != "factual" or d.date_from_text or d.told or t.pos_ != "NOUN" or \
            not happenings.at_another_time(t):
        return
    if not any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
               for c in t.children):
        return
    d.modality, d.date = "historical", DateSpan()
    d.rules.append("told-before-another")


TYPE_RULES: tuple[Callable[[Draft], None], ...] = (told_before_another, future_is_agree,
                                                   future_is_threaten, conditional_is_threaten,
                                                   negated_is_reject)


def _fill_recipient_country(d: Draft, tables: Tables) -> None:
    """Parties named without a country ("opposition groups", "a residential block") belong to
    the country where the event happens (PLOVER codes domestic actors by their country); an
    attack's weapon named without its owner does not (``document.unowned_weapon``)."""
    if d.place is None or not d.place.place.country:
        return
    home = d.place.place.country
    d.recipient = tuple(replace(a, country=home) if a.country is None else a for a in d.recipient)
    d.actor = tuple(replace(a, country=home) if a.country is None and a.sector != "CVL" and
                    a.kind != "person" and not document.unowned_weapon(d, a, tables) else a
                    for a in d.actor)
    if not d.recipient and d.type in plover_types("domestic"):
        d.recipient = (Actor(text=d.place.place.text, name=d.place.place.name, country=home,
                             kind="state"),)
        d.rules.append("recipient-from-place")


def _sentence_country(d: Draft, mentions: Mentions) -> str | None:
    """The one country the draft's sentence names (places, and parties of a state), if one."""
    sent = d.token.sent
    s, e = sent.start_char, sent.end_char
    named = {m.place.country for m in mentions.places if s <= m.start < e and m.place.country}
    named |= {m.actor.country for m in mentions.actors if s <= m.start < e and m.actor.country
              and len(m.actor.country) == 3 and m.actor.country not in sector_codes("non_state_actor")}
    return next(iter(named)) if len(named) == 1 else None


def _fill_from_sentence_country(d: Draft, mentions: Mentions, tables: Tables) -> None:
    """Parties without a country in a sentence that names exactly one country ("prisoners
    rioted at a jail in Dili") are of that country, as PLOVER codes domestic actors; not when
    that country is the other side of the event ("Western leaders ... the North Korean ..."),
    unless the event is a state's act at home ("Norway banned gatherings of more than ten
    people": the people are Norway's)."""
    home = _sentence_country(d, mentions)
    if home is None:
        return
    at_home = d.type in plover_types("domestic") and any(
        a.country == home and (a.kind == "state" or a.sector in ("GOV", "COP")) for a in d.actor)
    if not d.recipient and d.type in plover_types("addresses_home"):
        # protests, concessions and repression address the government of the country
        d.recipient = (Actor(text=home, name=country_name_of(home), country=home, sector="GOV",
                             kind="state"),)
        d.rules.append("recipient-is-home-government")
    # (each role is judged against the other side as it was before either was filled)
    for role, other in (("actor", d.recipient), ("recipient", d.actor)):
        if home in {a.country for a in other} and not (at_home and role == "recipient"):
            continue
        parties = getattr(d, role)
        if any(a.country is None for a in parties):
            setattr(d, role, tuple(replace(a, country=home) if a.country is None and not (
                role == "actor" and document.unowned_weapon(d, a, tables)) else a
                for a in parties))
            d.rules.append(f"{role}-country-from-sentence")


def actor_state_forces(d: Draft, place: Place | None, story: Story) -> Place | None:
    """"At least 106 protesters have been killed", "demonstrators were dispersed": force used on
    a protest by nobody named is, by ACLED's definitions of excessive force against protesters
    and protest with intervention, the state's: the police of the country where it happened
    (with the ``implied_parties`` setting)."""
    if not story.implied_parties or d.actor or d.modality != "factual" or \
            not acled_mod.force_on_protest(d.type, d.recipient_tokens, story.tables):
        return place
    country = place.country if place is not None and _is_state(place.country) else next(
        (a.country for a in d.recipient if _is_state(a.country)), None)
    if country is None:
        return place
    d.actor = (Actor(text="security forces", name=f"Police Forces of {country_name_of(country)}",
                     country=country, sector="COP", kind="group"),)
    d.rules.append("actor-state-forces")
    return place


def _country_of_the_act(d: Draft, place: Place | None, story: Story) -> str | None:
    """The country of the event's place; for an event of the lead placed nowhere yet, the
    country the story is told from (the news is told from there)."""
    if place is not None:
        return place.country
    return story.home if d.token.sent.start == story.lead else None


def actor_unidentified(d: Draft, place: Place | None, story: Story) -> Place | None:
    """ACLED's convention for attacks nobody is named for: an unidentified armed group of the
    country where it happened (for an attack of the lead placed nowhere yet, of the country the
    story is told from)."""
    country = _country_of_the_act(d, place, story)
    if not d.actor and d.type == "ASSAULT" and country:
        d.actor = (Actor(text="unidentified armed group",
                         name=f"Unidentified Armed Group ({country_name_of(country)})",
                         country=country, kind="group"),)
        d.rules.append("actor-unidentified")
    return place


def actor_protesters(d: Draft, place: Place | None, story: Story) -> Place | None:
    """ACLED's convention: the demonstrators of the country where they gather; a protest of
    the lead placed nowhere ("a country that has been seeing large street protests"), of the
    country the story is told from."""
    country = _country_of_the_act(d, place, story)
    if not d.actor and d.type == "PROTEST" and _is_state(country):
        country = country or ""
        d.actor = (Actor(text="protesters", name=f"Protesters ({country_name_of(country)})",
                         country=country, sector="CVL", kind="group"),)
        d.rules.append("actor-protesters")
    return place


def dateline_over_countryless_place(d: Draft, place: Place | None,
                                    story: Story) -> Place | None:
    """"HANOI (AP) - ... accused China of coercion in the South China Sea": a sea or a vague
    region named in passing (``slots.vague_place``) is not where it happened; the dateline's
    town is."""
    if place is not None and (slots.vague_place(place) or _part_of_the_town(d, place)) \
            and story.dateline is not None and d.modality == "factual":
        d.rules.append("dateline-over-countryless-place")
        return None
    return place


# "the capital's Red Zone", "the city's old quarter": a part of the story's town named after it
_OF_THE_TOWN = re.compile(r"\bthe (?:capital|city|town)['\u2019]s\s*$", re.IGNORECASE)


def _part_of_the_town(d: Draft, place: Place) -> bool:
    """A place the gazetteer does not know, named as a part of "the capital" or "the city"."""
    if place.country or d.place is None or d.place.place is not place:
        return False
    text = d.token.doc.text
    return bool(_OF_THE_TOWN.search(text[max(0, d.place.start - 20):d.place.start]))


def dateline_refines_region(d: Draft, place: Place | None, story: Story) -> Place | None:
    """"LAWRENCEVILLE, Ga. (AP) - Marshals in Georgia arrested ...": the dateline's town lies
    in the region the text names, and is the finer place."""
    town = story.dateline.place if story.dateline is not None else None
    if place is None or town is None or d.modality != "factual" or \
            place.precision not in ("admin1", "admin2") or town.precision != "city":
        return place
    if place.precision == "admin2" and place.lat is None:
        return place  # a district known only by its region: the town may lie in another one
    if (town.country, town.admin1) == (place.country, place.admin1) and place.admin1:
        d.rules.append("dateline-refines-region")
        return town
    return place


def countrywide(d: Draft, place: Place | None, story: Story) -> Place | None:
    """"Rioters torched cars across the country", "protests nationwide": an act the text
    spreads over the whole country it is told from happened in that country, not in the
    dateline's town."""
    if place is not None or d.modality != "factual" or not _is_state(story.home) or \
            not syntax.told_countrywide(d.clause):
        return place
    d.rules.append("countrywide")
    return slots.country_place(story.home or "")


def at_the_border(d: Draft, place: Place | None, story: Story) -> Place | None:
    """"killed 28 soldiers in an assault on two army positions near the border with Niger":
    an act the text sets at a border, and places by no town, did not happen in the town the
    story was filed from; it is placed in the story's country."""
    if place is not None or d.modality != "factual" or not _is_state(story.home) or \
            d.type in plover_types("verbal") or not syntax.told_at_border(d.clause):
        return place  # (a statement is made where the story is filed from)
    d.rules.append("at-the-border")
    return slots.country_place(story.home or "")


def place_from_dateline(d: Draft, place: Place | None, story: Story) -> Place | None:
    """The dateline's town, unless the event's parties are all of other countries ("CAIRO
    (Agency) - Israeli strikes on Gaza ...") or its own words date it long before the story
    (``_long_before``). A promise ("the U.S. will provide Vietnam with a
    ship": AGREE) is made where it is told, though what it promises lies ahead."""
    if place is not None or story.dateline is None or \
            (d.modality != "factual" and not promised_now(d)) or _long_before(d, story):
        return place
    parties = {a.country for a in (*d.actor, *d.recipient)
               if a.country and len(a.country) == 3 and a.country not in sector_codes("placeless")}
    # a statement is made where the story is filed from, whoever makes it ("HANOI (AP) - U.S.
    # Defense Secretary Mark Esper on Wednesday accused China ..."): the speaker is there
    if not parties or story.dateline.place.country in parties or d.type in plover_types("verbal"):
        d.rules.append("place-from-story-town" if story.dateline.rule.startswith("story-town:")
                       else "place-from-dateline")
        return story.dateline.place
    return place


def _long_before(d: Draft, story: Story) -> bool:
    """"a suspect was arrested in April", told in November: what the text dates long before the
    story did not happen where the story is filed from."""
    end = d.date.end or d.date.start or ""
    return d.date_from_text and bool(end) and story.day is not None and \
        (story.day - dt.date.fromisoformat(end[:10])).days > context.BACKGROUND_DAYS


def _places_in_actor(d: Draft, story: Story, named_by: bool = False) -> list[Place]:
    """The known places named inside the actor's words, not the ones a person is "of" ("Pramila
    Jayapal of Washington": where she comes from, not what body acts); with ``named_by``, only
    those that name the body ("Georgia's deputies"), not where it stands ("deputies in
    Georgia": a town the story names there says more)."""
    if not d.actor_tokens:
        return []
    own = [t for t in d.actor_tokens if not syntax.residence(t) and not (
        named_by and t.dep_ == "pobj" and t.head.lower_ in coder_words("locative"))]
    mentions = story.by_part[front.part_of(d.token)]
    return [m.place for m in mentions.places if m.place.country and
            m.place.precision != "unknown" and
            any(t.idx <= m.start < t.idx + len(t) for t in own)]


def place_from_police_town(d: Draft, place: Place | None, story: Story) -> Place | None:
    """"Hong Kong police have laid siege to a university", "officers of the Columbus Police
    Department arrested ...": a police force named by its town (or territory) acts there; the
    event placed nowhere else happened in that town. (A party's place word is otherwise no
    place of the event: "Russian forces attacked ...".)"""
    if place is not None or d.modality != "factual" or not any(
            t.lower_ in coder_words("police-force") for t in d.actor_tokens):
        return place
    town = next(iter(_places_in_actor(d, story)), None) or _own_city_state(d)
    if town is None:
        return place
    d.rules.append("place-from-police-town")
    return town


def _own_city_state(d: Draft) -> Place | None:
    """"the city's police deny accusations of brutality", in a story of Hong Kong: a police
    force of "the city" whose country is a city-sized state acts in that state."""
    if not any(t.lower_ in ("city", "territory") and any(c.tag_ == "POS" for c in t.children)
               for t in d.actor_tokens):
        return None
    states = {a.country for a in d.actor if a.country}
    country = country_lexicon().countries.get(next(iter(states))) if len(states) == 1 else None
    if country is None or not country.town_sized:
        return None
    return get_gazetteer().country_place(country.name, country.iso3)


def place_from_region_body(d: Draft, place: Place | None, story: Story) -> Place | None:
    """"California's utilities regulators are demanding answers", "the New York State Attorney
    General is investigating": a state body named by its region (a state, a province) acts in
    that region, not in the town the story is filed from; the event placed nowhere else is
    placed there, at the region's level."""
    if place is not None or d.modality != "factual" or not d.actor or \
            not all(a.kind == "state" or a.sector in sector_codes("state_source") for a in d.actor):
        return place
    region = next((p for p in _places_in_actor(d, story, named_by=True)
                   if p.precision == "admin1"), None)
    if region is None:
        return place
    d.rules.append("place-from-region-body")
    return region


def place_from_recipient(d: Draft, place: Place | None, story: Story) -> Place | None:
    """An attack placed nowhere else happened in its target's country."""
    if place is not None or d.type not in plover_types("located_by_recipient") or d.modality != "factual":
        return place
    countries = [a.country for a in d.recipient if a.country and len(a.country) == 3
                 and a.country not in sector_codes("placeless")]
    if countries:
        d.rules.append("place-from-recipient")
        return slots.country_place(countries[0])
    return place


def place_from_parties(d: Draft, place: Place | None, story: Story) -> Place | None:
    """A material act placed nowhere else whose two sides are of one country ("Hundreds of
    demonstrators blocked roads" in a story of protests across Iran) happened in that country
    (ACLED's country-level location when the text names no town)."""
    if place is not None or d.type not in plover_types("material") or d.modality != "factual":
        return place
    parties = {a.country for a in (*d.actor, *d.recipient)}
    # (both sides: an actor's own country is not where it acts, "Turkish drones struck ...")
    if len(parties) != 1 or None in parties or not d.actor or not d.recipient:
        return place
    (country,) = parties
    if country is None or len(country) != 3 or country in sector_codes("placeless"):
        return place
    d.rules.append("place-from-parties")
    return slots.country_place(country)


def decided_at_home(d: Draft, place: Place | None, story: Story) -> Place | None:
    """"The US government on Monday extended a licence ...", "Sweden has dropped its
    investigation": a concession or sanction that a state's government, courts or prosecutors
    decide, placed nowhere else, is decided in that state (at the level of the country); a
    firm's or a league's ("an automatic suspension pending a review by the NHL") stays
    unplaced."""
    if place is not None or d.modality != "factual" or \
            d.type not in plover_types("decided_at_home") or len(d.actor_countries) != 1:
        return place
    town = _court_town(d, story)
    if town is not None:
        d.rules.append("decided-at-court-town")
        return town
    seat = _seat(d.actor)
    if seat is not None:
        d.rules.append("decided-at-seat")
        return seat
    (country,) = d.actor_countries
    if not _is_state(country) or not all(
            a.kind == "state" or a.sector in sector_codes("state_source") for a in d.actor):
        return place
    d.rules.append("decided-at-home")
    return slots.country_place(country)


def _court_town(d: Draft, story: Story) -> Place | None:
    """"A jury at Bristol Crown Court convicted ...", "a Moscow court jailed ...": a court or
    prosecutors named by their town (or region) decide there; a judge the sentence does not
    place ("Judge Anne Price sentenced him ...") sits in the one court the story names."""
    if not d.actor or not all(a.sector == "JUD" for a in d.actor):
        return None
    named = next((p for p in _places_in_actor(d, story, named_by=True)
                  if p.precision != "country"), None)
    if named is None and story.court_town is not None and \
            story.court_town.country in d.actor_countries:
        return story.court_town
    return named


def court_town(doc: Doc, mentions: Mentions) -> Place | None:
    """The town of the one court the text names by its town ("Leeds Crown Court", "a Moscow
    court"), if it names one."""
    towns: dict[tuple[str | None, str], Place] = {}
    for t in doc:
        if t.lower_ not in ("court", "courthouse"):
            continue
        words = [c for c in t.subtree if c.i < t.i and c.dep_ in ("compound", "nmod", "amod")]
        for m in mentions.places:
            if m.place.precision in ("city", "point", "admin2") and m.place.country and any(
                    w.idx <= m.start < w.idx + len(w) for w in words):
                towns[(m.place.name, m.place.country)] = m.place
    return next(iter(towns.values())) if len(towns) == 1 else None


def _seat(actors: tuple[Actor, ...]) -> Place | None:
    """"EU foreign ministers adopted a package of sanctions": a body of several states decides
    where it sits (``seat`` in actors.tsv: the EU in Brussels, the UN in New York)."""
    seats = {body_seats().get(a.name or "") for a in actors}
    seat = seats.pop() if len(seats) == 1 else None
    if seat is None:
        return None
    town, country = seat
    return get_gazetteer().lookup(town, countries=(country,))


def recipient_from_deployment_place(d: Draft, place: Place | None,
                                    story: Story) -> Place | None:
    """"troops stayed on alert in the West Bank": a deployment abroad addresses the state where
    it stands."""
    if d.type in plover_types("deployment") and place is not None and place.country and \
            len(place.country) == 3 and place.country not in d.actor_countries and \
            not any(a.country for a in d.recipient):
        name = country_name_of(place.country)
        d.recipient = (Actor(text=place.text, name=name, country=place.country, kind="state"),)
        d.rules.append("recipient-from-deployment-place")
    return place


def _source_country(d: Draft, source: Actor, place: Place | None, home: str | None) -> str | None:
    if context.is_local_source(d.attribution):
        return place.country if place is not None and place.country else None
    if source.sector not in sector_codes("state_source"):
        return None
    country = (place.country if place is not None and place.country else None) or home
    if country and len(country) == 3 and country not in sector_codes("no_territory"):
        d.rules.append("source-country")
        return country
    return None


def source_country(d: Draft, place: Place | None, story: Story) -> Place | None:
    """A local source ("residents said") is of the event's place; an official source without a
    country is of the place's state, else of the story's own country (``source-country``)."""
    source = d.attribution.source_actor
    if source is None or source.country:
        return place
    country = _source_country(d, source, place, story.home)
    if country:
        d.attribution = replace(d.attribution, source_actor=replace(source, country=country))
    return place


# A story's places in one country "lie mostly in one region" when at least this many name a place
# below the country and this share of them lie in one region.
STORY_REGION_PLACES = 2
STORY_REGION_SHARE = 0.6


def story_region(d: Draft, place: Place | None, story: Story) -> Place | None:
    """"Turkish drones struck Syrian army positions" placed only in Syria, in a story whose
    places in Syria lie mostly in one region it names ("Idlib province", "Saraqeb in Idlib"):
    the act happened in that region (ACLED codes the most precise place the report allows)."""
    if place is None or place.precision != "country" or d.modality != "factual" or \
            "countrywide" in d.rules:
        return place
    inside = [m.place for m in story.by_part["body"].places if m.place.country == place.country
              and m.place.precision in ("point", "city", "admin2", "admin1") and m.place.admin1]
    if len(inside) < STORY_REGION_PLACES:
        return place
    counts = Counter(p.admin1 for p in inside)
    top, n = counts.most_common(1)[0]
    region = next((p for p in inside if p.precision == "admin1" and p.admin1 == top), None)
    if region is None or n < STORY_REGION_SHARE * len(inside):
        return place
    d.rules.append("place-story-region")
    return region


EventRule = Callable[[Draft, Place | None, Story], Place | None]
EVENT_RULES: tuple[EventRule, ...] = (
    actor_state_forces,
    dateline_over_countryless_place,
    dateline_refines_region,
    place_from_police_town,
    place_from_region_body,
    countrywide,
    at_the_border,
    place_from_dateline,
    actor_unidentified,
    actor_protesters,
    place_from_recipient,
    place_from_parties,
    decided_at_home,
    story_region,
    recipient_from_deployment_place,
    source_country,
)


def _counted(d: Draft) -> tuple[Quantity, ...]:
    """The event's counts; its own dead and wounded are told once, as fatalities (a count of
    killed people in another clause of the sentence is not a count of this event either)."""
    if d.fatalities is None:
        return tuple(d.quantities)
    return tuple(q for q in d.quantities if q.status not in ("killed", "injured"))


def _mentions(d: Draft, article: Article) -> tuple[Evidence, ...]:
    """Every telling of the event's happening: its own sentence first, then the merged ones
    (a telling in the headline or standfirst has offsets into that part)."""
    out: list[Evidence] = []
    for t in [d.token, *d.told]:
        ev = front.evidence_of(t, article.body)
        if ev not in out:
            out.append(ev)
    return tuple(out)


def _settled(d: Draft, story: Story) -> Place | None:
    """Runs the last rules over ``d``; its place as an event."""
    for type_rule in TYPE_RULES:
        type_rule(d)
    if syntax.present_perfect(d.token):
        d.rules.append("present-perfect")  # told as news: ``model_gate`` reads no background into it
    elif syntax.told_in_present(d.token):
        d.rules.append("present-tense")
    elif syntax.told_in_past(d.token):
        d.rules.append("past-tense")  # told as done: ``model_gate`` reads no future into it
    _fill_recipient_country(d, story.tables)
    _fill_from_sentence_country(d, story.by_part[front.part_of(d.token)], story.tables)
    document.fill_domestic(d, story.main, story.tables)
    if story.implied_parties:
        document.addressee_from_story(d, story.main)
    place = d.place.place if d.place else None
    for rule in EVENT_RULES:
        place = rule(d, place, story)
    return place


def event_of(d: Draft, story: Story) -> Event:
    """The frozen event of a kept draft, after the last rules."""
    place = _settled(d, story)
    killed = d.fatalities.killed if d.fatalities else None
    acled = acled_mod.acled_for(d.acled_code, d.mode, d.actor, d.recipient, d.recipient_tokens,
                                d.clause, d.type, killed, story.tables, d.actor_tokens,
                                crowd=d.crowd)
    article = story.article
    evidence = replace(front.evidence_of(d.token, article.body), rule="+".join(d.rules))
    place_key = f"{place.geonameid or place.name}" if place else ""
    if evidence.part != "body":
        place_key = f"{evidence.part}:{place_key}"
    conf = confidence(d)
    # the headline and standfirst tell the story's news: as its first sentence
    index = 0 if front.told_in_front(d) else story.sentence_index.get(d.token.sent.start, 0)
    return Event(
        event_id=Event.id_for(article.id, evidence.start, evidence.end, d.type,
                              f"{place_key}@{d.token.idx}"),
        article_id=article.id, type=d.type,
        evidence=evidence,
        mode=acled_mod.plover_mode(d.mode), contexts=d.contexts, acled=acled,
        actor=d.actor, recipient=d.recipient, location=place, date=d.date,
        quantities=_counted(d), fatalities=d.fatalities, attribution=d.attribution,
        modality=d.modality, confidence=conf,
        salience=salience(d, acled, story.n_paragraphs, conf, story.lead, index),
        provenance=dict(story.provenance), mentions=_mentions(d, article),
    )


__all__ = ["EVENT_RULES", "TYPE_RULES", "Story", "country_name_of", "event_of"]
