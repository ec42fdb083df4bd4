"""Document rules over the drafts of one article that look beyond a single trigger.

- ``merge_same_happening``: two triggers of one type in one clause tell one happening ("air
  strikes killed 23 people": "strikes" and "killed"); the one with more arguments is kept and
  completed with the other's parties, place, counts and weapon words; so are a harm and the
  attack its "when" clause names ("was damaged when airstrikes targeted ..."). A demonstration
  and the violence of its crowd told in one sentence are one riot.
- ``home_countries`` / ``fill_domestic``: a party named without a country ("protesters", "the
  police", "the government", "residents") takes the country of the event's place, else the
  article's main country (where its places lie; a state the size of a city, such as Hong Kong
  or Singapore, weighs as a city), as ACLED and PLOVER code domestic actors.
- ``addressee_from_story`` (with the ``implied_parties`` setting, off by default): a statement
  that names no one it addresses is addressed to the article's main country.
- ``disrupted_parties``: an interception codes the attacker as actor and the defender as
  recipient; when the sentence names neither side, they come from the latest earlier attack.
- ``origin_actor``: "rockets were fired from northern Gaza": an attack nobody is named for is
  by the side of the place it came from.
- ``background``: a trigger inside a background phrase ("after violent protests", "following
  the killing", "where 28 people were killed") is not the sentence's main happening (salience).
- ``dateline_place``: "ISTANBUL, March 19 (Agency) - Police detained the mayor at his home": the
  dateline's town is where an event happened when the text names no other place for it.
- ``tolls`` (its own module) folds a later sentence's toll into the attack it tells.
- ``mark_crowd_violence``: fighting by the crowd of a protest told in the same sentence is a riot.
- ``lead_sentence`` / ``main_happening``: an agreement that is the lead's main happening ranks
  above fighting told around it.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlparse

import pycountry
from spacy.tokens import Doc, Span, Token

from ..extract.datelines import DATELINE_START, dateline_follows, place_dateline_end
from ..lexicon import actor_words, coder_words, plover_types, sector_codes
from ..records import Acled, Actor, Event, Mentions, PlaceMention
from ..resolve.tables import country_lexicon, country_name
from ..resolve.words import singular
from . import acled as acled_mod
from . import syntax
from .draft import Draft, take_parties
from .match import lemma_of
from .tables import Tables

# The rule an inferred addressee carries: the text does not name it, so it is no support for the
# event (``ranking.confidence``).
ADDRESSED_IN_STORY = "recipient-addressed-in-story"


def _arguments(d: Draft) -> float:
    return (bool(d.actor_countries) * 2 + bool(d.actor) + bool(d.recipient) * 2
            + (d.place is not None) + (d.fatalities is not None) + len(d.quantities) * 0.5
            + (d.row.pos == "VERB") * 0.25)


def _related(a: Draft, b: Draft) -> bool:
    """One trigger is an argument or part of the other's clause ("a strike ... killed")."""
    if a.token.sent.start != b.token.sent.start or a.token.i == b.token.i:
        return False
    if syntax.told_one_before_the_other(a.token, b.token):
        return False
    a_clause = {x.i for x in a.clause}
    b_clause = {x.i for x in b.clause}
    return b.token.i in a_clause or a.token.i in b_clause or \
        _split_coordination(a.token, b.token) or _when_clause(a.token, b.token) or \
        _when_clause(b.token, a.token)


def _when_clause(a: Token, b: Token) -> bool:
    """"The hospital was damaged when Israeli airstrikes targeted its surroundings": an attack
    named in a "when" clause on a harm's verb is that harm's cause, one happening."""
    return a.pos_ == "VERB" and any(
        c.dep_ == "advcl" and any(m.dep_ in ("advmod", "mark") and m.lower_ == "when"
                                  for m in c.children)
        and c.left_edge.i <= b.i <= c.right_edge.i for c in a.children)


def _split_coordination(a: Token, b: Token) -> bool:
    """"suspects shot through that door and Ditwan was struck once in the back," investigators
    said: two clauses joined by "and" that the parser hung side by side on the reporting verb
    (one telling of one attack)."""
    first, second = sorted((a, b), key=lambda t: t.i)
    if first.head.i != second.head.i or first.dep_ not in ("ccomp", "conj") or \
            second.dep_ not in ("ccomp", "conj"):
        return False
    return any(t.dep_ == "cc" and t.head.i == first.i for t in first.doc[first.i:second.i])


def _riot_told_twice(a: Draft, b: Draft) -> bool:
    """"protesters ... attacked and set fire to the embassies", "prisoners rioted, setting fire
    to their mattresses": a crowd's attack (marked by ``mark_crowd_violence``) and a riot told
    by a verb joined to it, or by the verb it goes on from, are one riot."""
    crowd, riot = (a, b) if a.type == "ASSAULT" else (b, a)
    if crowd.type != "ASSAULT" or not crowd.crowd or riot.type != "PROTEST" or \
            riot.acled_code != "riot":
        return False
    x, y = crowd.token, riot.token
    goes_on = x.dep_ == "advcl" and x.tag_ == "VBG" and x.head.i == y.i
    return goes_on or (x.dep_ == "conj" and x.head.i == y.i) or \
        (y.dep_ == "conj" and y.head.i == x.i)


def _protest_turned_riot(a: Draft, b: Draft) -> bool:
    """"residents launched marches on the campus ... after people threw petrol bombs": a
    demonstration and the violence of its crowd told in one sentence, of one time, are one riot
    (ACLED codes a demonstration that turns violent as a riot, once); not "demonstrated on
    Tuesday in Serbia, where 24 people were killed in riots last March"."""
    demo, riot = (a, b) if a.acled_code == "protest" else (b, a)
    return a.type == b.type == "PROTEST" and demo.mode == "demo" and \
        demo.acled_code == "protest" and riot.acled_code == "riot" and \
        demo.token.sent.start == riot.token.sent.start and demo.modality == riot.modality and \
        not (demo.date_from_text and riot.date_from_text and demo.date != riot.date) and \
        not any(t.dep_ == "relcl" for d in (demo, riot) for t in (d.token, *d.token.ancestors))


def disrupts(d: Draft) -> bool:
    """An interception or a weapon disrupted ("air defences shot down 20 drones")."""
    return d.acled_code == "disrupt"


def merge_same_happening(drafts: list[Draft], tables: Tables) -> list[Draft]:
    """Fold same-type triggers of one clause into one event (see the module docstring); one
    event per place is kept: drafts of different places never merge."""
    out: list[Draft] = []
    for d in drafts:
        mate = next((o for o in out if ((o.type == d.type == "ASSAULT" and _related(o, d))
                                        or _riot_told_twice(o, d) or _protest_turned_riot(o, d))
                     and disrupts(o) == disrupts(d)
                     and (o.place is None or d.place is None
                          or o.place.place.name == d.place.place.name)), None)
        if mate is None:
            out.append(d)
            continue
        keep, other = (mate, d) if _arguments(mate) >= _arguments(d) else (d, mate)
        if _riot_told_twice(mate, d):  # (the riot's reading is kept: ACLED's and PLOVER's)
            keep, other = (mate, d) if mate.type == "PROTEST" else (d, mate)
        elif _protest_turned_riot(mate, d):
            keep, other = (mate, d) if mate.acled_code == "riot" else (d, mate)
        _complete(keep, other, tables)
        if keep is d:
            out[out.index(mate)] = d
    return out


def _take_mode(keep: Draft, other: Draft, tables: Tables) -> None:
    """A weapon mode read from the joined clause; an ACLED reading the other knows."""
    if keep.row.mode.startswith("*") or keep.mode is None:
        keep.mode = acled_mod.weapon_mode(keep.clause, tables) or keep.mode or other.mode
    if keep.acled_code == "*" and other.acled_code not in ("*", "-"):
        keep.acled_code = other.acled_code


def _complete(keep: Draft, other: Draft, tables: Tables) -> None:
    take_parties(keep, other)
    if keep.place is None and other.place is not None:
        keep.place = other.place
    if keep.fatalities is None and other.fatalities is not None:
        keep.fatalities = other.fatalities
    keep.quantities.extend(q for q in other.quantities if q not in keep.quantities)
    keep.clause = sorted(set(keep.clause) | set(other.clause), key=lambda x: x.i)
    _take_mode(keep, other, tables)
    if not keep.date_from_text and other.date_from_text:
        keep.date, keep.date_from_text = other.date, True
    keep.rules.append(f"merged:{other.row.rule}")


# Country-code domains sold to anyone, for their letters ("news.io", "radio.fm"): they say
# nothing of where an outlet is.
_OPEN_DOMAINS = frozenset({"io", "tv", "me", "co", "ly", "fm", "ai", "to", "cc", "ws", "nu", "tk",
                           "am", "la", "gg", "im", "sh", "ac", "vc", "gl", "so", "cx", "xyz"})
# What the outlet's own country weighs among the places of its story: one city named in passing.
OUTLET_WEIGHT = 2.0


def outlet_country(url: str | None) -> str | None:
    """The country of an outlet's country-code domain ("standard.co.uk": GBR, "news.az": AZE);
    None for other domains and for codes sold to anyone."""
    host = urlparse(url or "").hostname or ""
    code = host.rsplit(".", 1)[-1].lower() if "." in host else ""
    if len(code) != 2 or code in _OPEN_DOMAINS:
        return None
    country = pycountry.countries.get(alpha_2="GB" if code == "uk" else code.upper())
    return country.alpha_3 if country is not None else None


def home_countries(mentions: Mentions, first_paragraph_end: int,
                   sentence_starts: Sequence[int] = (), outlet: str | None = None
                   ) -> tuple[str, ...]:
    """The article's main countries: where its places lie (places of the first paragraph count
    double, named sites and cities more than whole countries; a sentence counts each country
    once, by its finest place: "the islands of Bonaire, St Eustatius and Saba" are one
    mention of their state), then its actors' countries; the outlet's own country counts as
    a place named once (a London paper's story on which countries are on its quarantine list
    is told from Britain)."""
    counts: dict[str, float] = {}

    def count(country: str | None, weight: float, start: int) -> None:
        if country and len(country) == 3 and country not in sector_codes("no_territory"):
            counts[country] = counts.get(country, 0) + weight * (
                2 if start < first_paragraph_end else 1)

    best: dict[tuple[str | None, int], tuple[float, int]] = {}
    for place in mentions.places:
        town_sized = _town_sized(place.place.country)
        weight = 1.0 if place.place.precision == "country" and not town_sized else 2.0
        key = (place.place.country, bisect.bisect_right(sentence_starts, place.start)
               if sentence_starts else place.start)
        if key not in best or weight > best[key][0]:
            best[key] = (weight, place.start)
    for (country, _sentence), (weight, start) in best.items():
        count(country, weight, start)
    for actor in mentions.actors:
        count(actor.actor.country, 0.5, actor.start)
    count(outlet, OUTLET_WEIGHT, first_paragraph_end)  # (no word of the first paragraph)
    # (Counter.most_common's order: by count, ties in the order first counted)
    return tuple(c for c, _ in sorted(counts.items(), key=lambda kv: kv[1], reverse=True))


def _town_sized(iso3: str | None) -> bool:
    country = country_lexicon().countries.get(iso3 or "")
    return country is not None and country.town_sized


def _pronominal(a: Actor) -> bool:
    words = (a.text or "").lower().split()
    return bool(words) and words[0] in coder_words("pronoun-start")


def _domestic_home(d: Draft, main: tuple[str, ...]) -> str | None:
    """The country of the event's place, else the article's main one."""
    place = d.place.place if d.place else None
    if place is not None and place.country and len(place.country) == 3 \
            and place.country not in sector_codes("no_territory"):
        return place.country
    return main[0] if main else None


def unowned_weapon(d: Draft, a: Actor, tables: Tables) -> bool:
    """"A drone struck a block of flats", "falling debris damaged a house": an attack's weapon
    (or what is left of one) named without its owner is no party of the country it struck; the
    side that fired it is the actor, and the text does not say it here."""
    if d.type != "ASSAULT" or a.country is not None or a.sector not in ("MIL", None) \
            or not a.text:
        return False
    head = singular(a.text.split()[-1])
    return head in actor_words("weapon-remains") or (
        a.sector == "MIL" and tables.in_class("weapon", head))


def _state(country: str, sector: str | None) -> Actor:
    """The state of ``country`` as a party the text implies, named by the country's name."""
    name = country_name(country) or country
    return Actor(text=name, name=name, country=country, sector=sector, kind="state")


def _recipient_is_home_state(d: Draft, home: str) -> None:
    """Protests and repression address the state where they happen; an attack with no named
    target hits that country (PLOVER's reading of "fighting in X")."""
    if d.recipient or not (d.type in plover_types("addresses_home") or (d.type == "ASSAULT" and d.place)):
        return
    d.recipient = (_state(home, None if d.type == "ASSAULT" else "GOV"),)
    d.rules.append("recipient-is-home-state")


def _keeps_no_country(d: Draft, role: str, a: Actor, other: set[str], home: str,
                      tables: Tables) -> str | None:
    """Why party ``a`` of ``role`` does not take the home country (a rule name), or None.

    - a pronoun ("its forces") when the other side already is of that country: it most
      likely stands for a foreign party the resolver could not tie;
    - ``actor-weapon-owner-unknown``: see ``unowned_weapon``.

    (Victims of an attack placed nowhere take the article's country even when it is the
    attacker's: on the dev sets that is mostly a war inside one country, "RSF fighters looted
    homes", more often than a foreign strike.)"""
    if _pronominal(a) and home in other:
        return ""
    if role == "actor" and unowned_weapon(d, a, tables):
        return "actor-weapon-owner-unknown"
    return None


def _country_domestic(d: Draft, role: str, other: tuple[Actor, ...], home: str,
                      tables: Tables) -> None:
    parties = getattr(d, role)
    if not any(a.country is None for a in parties):
        return
    other_countries = {a.country for a in other if a.country}
    filled = []
    for a in parties:
        kept = _keeps_no_country(d, role, a, other_countries, home, tables) \
            if a.country is None else ""
        if kept:
            d.rules.append(kept)
        filled.append(replace(a, country=home) if kept is None else a)
    if tuple(filled) != parties:
        setattr(d, role, tuple(filled))
        d.rules.append(f"{role}-country-domestic")


def fill_domestic(d: Draft, main: tuple[str, ...], tables: Tables) -> None:
    """Parties without a country take the event's place country, else the article's main one,
    except where ``_keeps_no_country`` says the text gives no ground for it."""
    home = _domestic_home(d, main)
    if home is None:
        return
    _recipient_is_home_state(d, home)
    # (each role is judged against the other side as it was before either was filled)
    for role, other in (("actor", d.recipient), ("recipient", d.actor)):
        _country_domestic(d, role, other, home, tables)


def addressee_from_story(d: Draft, main: tuple[str, ...]) -> None:
    """A statement that names no one it addresses ("the UK has urged an end to the violence",
    "regulators are demanding answers") is addressed to the country the story is about: its
    government, its police, its firms (on the dev sets, a domestic story's statements mostly
    answer parties of the speaker's own country). Not when the act is between the parties it
    names ("India and Pakistan agreed"): they address each other; nor an inquiry ("police are
    investigating the theft"), which addresses no one; nor a denial, which answers whoever made
    the claim ("the police deny accusations of brutality")."""
    if d.recipient or d.type not in plover_types("addressee") or not main or len(d.actor) > 1 \
            or d.mode == "investigate" or lemma_of(d.token) in coder_words("denial"):
        return
    d.recipient = (_state(main[0], None),)
    d.rules.append(ADDRESSED_IN_STORY)


def _disrupt_parties_from(d: Draft, last_attack: Draft) -> None:
    attacker = last_attack.actor_countries
    defenders = tuple(a for a in last_attack.recipient if a.country and a.country not in attacker)
    if not d.actor_countries:
        d.actor, d.inherited = last_attack.actor, True
        d.rules.append("disrupt-attacker-from-previous-attack")
    if defenders and not any(a.country for a in d.recipient) and \
            not {a.country for a in defenders} & d.actor_countries:
        d.recipient = defenders
        d.rules.append("disrupt-defender-from-previous-attack")
    if d.place is None and last_attack.place is not None:
        d.place = last_attack.place


def disrupted_parties(drafts: list[Draft]) -> None:
    """Interceptions: the attacker is the actor, the defender's country the recipient; a side
    the sentence does not name comes from the latest earlier attack of the article."""
    last_attack: Draft | None = None
    for d in drafts:
        if d.type != "ASSAULT":
            continue
        if not disrupts(d):
            if d.actor_countries:
                last_attack = d
            continue
        if last_attack is not None:
            _disrupt_parties_from(d, last_attack)


# Prepositions that name what an inquiry looks into ("an investigation into the attack").
_INQUIRY_PREPOSITIONS = frozenset({"into", "of", "over"})


def _inquired_attack(t: Token, attack_nouns: frozenset[str]) -> Token | None:
    """The attack noun an inquiry looks into, referring back ("opened an investigation into
    the attack on Kherson", "are investigating the shelling"), naming no party of its own."""
    if t.pos_ == "VERB":
        nouns = [syntax.direct_object(t)]
    else:  # (the parser may hang "into" on the verb: "opened an investigation into ...")
        holders = [t, t.head] if t.dep_ == "dobj" else [t]
        nouns = [g for h in holders for p in h.children
                 if p.dep_ == "prep" and p.lower_ in _INQUIRY_PREPOSITIONS
                 for g in p.children if g.dep_ == "pobj"]
    for noun in nouns:
        if noun is None or noun.pos_ != "NOUN" or lemma_of(noun) not in attack_nouns:
            continue
        own_party = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by")
                        or c.ent_type_ in ("NORP", "GPE", "ORG") for c in noun.children)
        if syntax.definite(noun) and not own_party:
            return noun
    return None


def inquired_attackers(drafts: list[Draft], attack_nouns: frozenset[str]) -> None:
    """"Shelling killed four people in Kherson", then "prosecutors opened an investigation into
    the attack": an inquiry that names no one it looks into, into an attack told before and
    named again with nothing of its own, looks into whoever made the latest attack told."""
    for i, d in enumerate(drafts):
        noun = None if d.type != "ACCUSE" or d.mode != "investigate" or d.recipient \
            else _inquired_attack(d.token, attack_nouns)
        if noun is None:
            continue
        attacks = [o for o in reversed(drafts[:i]) if o.type == "ASSAULT" and o.actor_countries
                   and o.token.doc is d.token.doc and o.token.i < d.token.i]
        told = next((o for o in attacks if _names_place_of(noun, o)), None)
        if told is None and not _names_a_place(noun):
            told = next(iter(attacks), None)
        if told is not None:
            d.recipient = told.actor
            d.rules.append("recipient-attacker-of-told-attack")


def _names_a_place(noun: Token) -> bool:
    """"the attack on Kherson": the noun says where (then only an attack there is it)."""
    return any(p.dep_ == "prep" and p.lower_ in ("on", "in", "at") for p in noun.children)


def _names_place_of(noun: Token, attack: Draft) -> bool:
    if attack.place is None:
        return False
    words = {x.lower_ for x in noun.subtree}
    place = attack.place.place
    return any(name and set(name.lower().split()) <= words for name in (place.text, place.name))


def origin_actor(t: Token, mentions: Mentions) -> Actor | None:
    """"fired from northern Gaza": the country of the place an attack came from."""
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "from":
            for g in c.subtree:
                for m in mentions.places:
                    if m.start <= g.idx < m.end and m.place.country and \
                            m.place.country not in sector_codes("no_territory"):
                        text = t.doc.text[m.start:m.end]
                        return Actor(text=f"armed group from {text}",
                                     name=f"Unidentified Armed Group ({m.place.name})",
                                     country=m.place.country, kind="group")
    return None


def _background_clause(cur: Token, anc: Token) -> bool:
    """``cur`` is a clause of time, cause or setting ("after ...", "where 28 were killed")."""
    if cur.dep_ in ("relcl", "advcl", "acl") and any(
            c.dep_ in ("mark", "advmod") and (c.lower_ in coder_words("background-mark") or c.lower_ == "where")
            for c in cur.children):
        return True
    return cur.dep_ == "relcl" and any(c.lower_ in ("where", "which", "that", "who") and
                                       c.dep_ in ("advmod", "nsubj", "nsubjpass")
                                       for c in cur.children) and cur.i > anc.i


def background_step(t: Token, cur: Token, anc: Token) -> bool:
    """The link from ``cur`` up to its head ``anc`` puts ``t`` in the background."""
    if cur.dep_ == "pobj" and anc.dep_ == "prep" and lemma_of(anc) in coder_words("background-preposition"):
        return True
    if lemma_of(anc) in coder_words("background-noun") and anc.pos_ == "NOUN" and anc.i != t.i:
        return True
    return _background_clause(cur, anc)


def background(t: Token) -> bool:
    """The trigger lies in a background phrase or clause of its sentence (see module doc)."""
    cur = t
    for anc in [*t.ancestors]:
        if anc.sent.start != t.sent.start:
            break
        if background_step(t, cur, anc):
            return True
        cur = anc
    return False


def dateline_end(body: str) -> int:
    """End offset of a dateline ("BAMAKO, Mali — "): its words name no party."""
    return place_dateline_end(body)


def story_sentences(doc: Doc, filed: int) -> list[Span]:
    """The body's sentences, counted from the lead: a place dateline opening the body
    ("KHARTOUM, March 3 (Agency) -", a sentence of its own to the parser: ``paragraph_breaks``;
    ``filed`` is its end, ``dateline_end``) is none of them."""
    return [s for s in doc.sents if s.end_char > filed]


def disrupted_launches(events: list[Event], tables: Tables) -> list[Event]:
    """"Militants launched a missile at a ship; it was intercepted": an attack stopped in the
    same sentence, with no casualties told, is ACLED's Disrupted weapons use."""
    disrupt = tables.acled["disrupt"]
    stopped = {e.evidence.start for e in events
               if e.acled is not None and e.acled.sub_event_type == disrupt[1]}
    out = []
    for e in events:
        if e.evidence.start in stopped and e.type == "ASSAULT" and e.acled is not None and \
                e.acled.event_type == "Explosions/Remote violence" and not (
                    e.fatalities and (e.fatalities.killed or e.fatalities.injured)):
            e = replace(e, acled=Acled(*disrupt),
                        evidence=replace(e.evidence, rule=e.evidence.rule + "+stopped-in-sentence"))
        out.append(e)
    return out


def same_side(actors: tuple[Actor, ...], others: tuple[Actor, ...]) -> bool:
    """Some party of ``others`` is of the same sector (and country) as one of ``actors``."""
    sides = [(a.country, a.sector) for a in actors if a.sector]
    # a country not known yet (filled from the sentence later) does not tell the sides apart
    return any(o.sector == sector and (o.country == country or not o.country or not country)
               for o in others for country, sector in sides)


def _place_country(d: Draft) -> str | None:
    return d.place.place.country if d.place is not None else None


def no_carry(prev: Draft, d: Draft, tables: Tables) -> str | None:
    """Why the attack of ``d`` does not take ``prev``'s actor (a rule name), or None:
    ``no-carry:own-party``, its clause names a doer of its own ("the army" after an attack by
    rebels; "the rebels" after one by rebels may be the same, and a weapon named without its
    owner is no doer); ``no-carry:other-country``, it is placed in another country;
    ``no-carry:other-target``, its target is of a country ``prev``'s happening does not touch
    ("Russia struck Kharkiv ... a drone hit a refinery in Russia")."""
    if d.actor_countries:
        return None  # it names its own side: nothing is carried
    own = tuple(a for a in d.actor if not unowned_weapon(d, a, tables))
    if own and not same_side(prev.actor, own):
        return "no-carry:own-party"
    mine, theirs = _place_country(d), _place_country(prev)
    if mine and theirs and mine != theirs:
        return "no-carry:other-country"
    touched = {a.country for a in (*prev.recipient, *prev.actor) if a.country}
    if theirs:
        touched.add(theirs)
    if len(touched) > 1 and any(a.country and a.country not in touched for a in d.recipient):
        return "no-carry:other-target"
    return None


def mark_crowd_violence(drafts: list[Draft]) -> None:
    """ACLED: demonstrators who fight police, throw stones or burn cars riot; a battle is
    between organised armed groups. Violence in a sentence that also tells a protest, by parties
    that are no armed or state force ("supporters of X clashed with police ... in a march"), or
    with stones and sticks by no one named ("stones were thrown during demonstrations"), is the
    protest's crowd at work."""
    if not any(d.type == "PROTEST" for d in drafts):
        return
    for d in drafts:
        if d.type != "ASSAULT":
            continue
        if (d.actor and not any(a.sector in sector_codes("armed_or_state") for a in d.actor)) or \
                (not d.actor and d.mode == "primitive"):
            d.crowd = True
            d.rules.append("crowd-of-protest")


def lead_sentence(drafts: list[Draft]) -> int | None:
    """Start of the first sentence with an event, in the first paragraph with one: the lead."""
    if not drafts:
        return None
    first = min(d.paragraph for d in drafts)
    return min(d.token.sent.start for d in drafts if d.paragraph == first)


def main_happening(t: Token) -> bool:
    """The trigger is what its sentence's main clause reports: the root verb (or one
    coordinated with it or reported by it: "X agreed ..., negotiators said"), or a noun that is
    that verb's subject or object."""
    cur = t
    if t.pos_ in ("NOUN", "PROPN"):
        if t.dep_ not in ("dobj", "nsubj", "nsubjpass"):
            return False
        cur = t.head
    while cur.dep_ != "ROOT":
        if cur.dep_ not in ("conj", "ccomp", "xcomp"):
            return False
        cur = cur.head
    return not background(t)


def dateline_place(body: str, mentions: Mentions) -> PlaceMention | None:
    """The town of the article's dateline ("KHARTOUM, Sudan (Agency) -"), when it has one."""
    first = min(mentions.places, key=lambda m: m.start, default=None)
    if first is None or first.start > DATELINE_START or first.place.precision not in ("city", "point"):
        return None
    return first if dateline_follows(body, first.end) else None


def story_country(dateline: PlaceMention | None, main: tuple[str, ...]) -> str | None:
    """The country a story is filed from: its dateline's, else its main country (see
    ``home_countries``); None when neither is known."""
    if dateline is not None and dateline.place.country and dateline.place.country not in sector_codes("no_territory"):
        return dateline.place.country
    return main[0] if main else None


def dateline_day(mentions: Mentions, dateline_end: int) -> dt.date | None:
    """The day a dateline gives ("ISTANBUL, March 19 (Agency) -"): the article's own date."""
    for m in mentions.dates:
        if m.start < dateline_end and m.date.precision == "day" and m.date.start:
            return dt.date.fromisoformat(m.date.start[:10])
    return None
