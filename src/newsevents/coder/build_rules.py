"""The rules that step 3 of the engine (``sentence.SentenceCoder.build``) runs over one trigger
beyond the lexicon's roles: where it happened, who did it, and who it was done to.

Each list is run in order. ``PLACE_RULES``: the first that finds places wins. ``ACTOR_RULES``
and ``RECIPIENT_RULES``: every rule runs on what the rules before it left; a rule that finds a
party records how in ``Found.rule`` (``deed-agent``, ``origin-place``, ``place-authority``,
``home-authority``, ``speaker``, ``later-party``), which the event's evidence shows as
``actor=RULE`` or ``recipient=RULE``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..lexicon import coder_words, plover_types
from ..records import Attribution, Mentions, PlaceMention
from . import document, roles, slots, syntax
from .match import lemma_of
from .roles import ActorFinder, Found
from .tables import Tables, TriggerRow

NOBODY = Found((), (), "")


@dataclass(frozen=True)
class Setting:
    """The words the place rules read for one trigger."""

    token: Token
    row: TriggerRow
    governor: Token | None  # the verb a noun trigger hangs on
    clause: list[Token]  # the trigger's clause (see ``SentenceCoder._clause``)
    free: list[Token]  # its sentence outside other events' clauses and reporting verbs
    exclude: set[int]  # the words of its parties: their places are not where it happened
    target: tuple[Token, ...]  # the words of its recipient
    mentions: Mentions
    doer: tuple[Token, ...] = ()  # the words of its actor
    filed: int = 0  # the end of the body's place dateline (``document.dateline_end``), or 0


PlaceRule = Callable[[Setting], list[PlaceMention]]


def _own_tokens(s: Setting) -> list[Token]:
    """The trigger's clause; a statement's own setting (not what it is about); a subject
    noun's clause with its verb's ("A blast tore through X in Y")."""
    t, row = s.token, s.row
    where = s.clause if row.type not in plover_types("verbal") else slots.adjunct_tokens(s.governor or t)
    if row.pos == "NOUN" and t.dep_ in ("nsubj", "nsubjpass"):
        where = where + slots.adjunct_tokens(t.head)
    return where


def own_words(s: Setting) -> list[PlaceMention]:
    """Places in the trigger's own words (``_own_tokens``)."""
    return slots.places_in(_own_tokens(s), s.mentions, s.exclude,
                           s.row.type in plover_types("movement") or s.row.type == "ASSAULT")


def town_told_again(s: Setting) -> list[PlaceMention]:
    """"Bhamo, a trading town in Kachin state, where troops battled inside the town": "the
    town" in the trigger's own words, with no name of its own, is the town named last before it
    as a town (``_named_as``). A lead that leaves its town unnamed ("forces entered a strategic
    town on Monday") names it further down ("a correspondent in the town of Saraqeb"): "a
    town" is the one town the article names later as a town, when it names only one."""
    for x in _own_tokens(s):
        if x.i not in s.exclude and syntax.names_town_again(x):
            earlier = [p for p in s.mentions.places if p.end <= x.idx
                       and p.place.precision == "city" and _named_as(p, x)]
            return [max(earlier, key=lambda p: p.start)] if earlier else []
        if x.i not in s.exclude and syntax.town_left_unnamed(x):
            later = [p for p in s.mentions.places if p.start > x.idx
                     and p.place.precision == "city" and _named_as(p, x)]
            return later[:1] if len({p.place.name for p in later}) == 1 else []
    return []


def _named_as(p: PlaceMention, noun: Token) -> bool:
    """The place was named with the same noun ("Bhamo, a trading town", "the town of
    Komanda", "Mindat town"): "the city" after a mere "Hanoi" may be any city of the story."""
    span = noun.doc.char_span(p.start, p.end, alignment_mode="expand")
    return span is not None and syntax.called(span, noun.lower_)


def where_described(s: Setting) -> list[PlaceMention]:
    """"Bhamo, a trading town on the Irrawaddy River in Kachin state, where troops have
    battled": a "where" clause happens in the place its noun describes; the parser hangs it on
    the description's last noun ("state"), so the name described (Bhamo) is read first."""
    verb = s.governor or s.token
    if verb.dep_ != "relcl" or syntax.relative_adverb(verb) != "where":
        return []
    top = syntax.described_name(verb.head)
    return slots.places_within(syntax.core_tokens(top), s.mentions) if top.i != verb.head.i \
        else []


def main_clause_setting(s: Setting) -> list[PlaceMention]:
    """"Meeting Choe in Moscow, Lavrov hailed ...": the setting of the main clause."""
    head = s.governor or s.token
    if head.dep_ != "ROOT":
        return []
    return slots.places_in(slots.adjunct_tokens(head, with_clauses=True), s.mentions, s.exclude,
                           False)


def sentence_setting(s: Setting) -> list[PlaceMention]:
    """"A car bomb exploded next to a vehicle carrying workers on the outskirts of Manbij": a
    setting told further down the sentence, outside other events' clauses. Not, for a
    statement, in the words that hang on it: those tell what it is about ("accused U.S. forces
    in southern Syria of ...") or go on to another act ("rejected the claims, and sources in the
    camp told ..."); its own setting is ``own_words``'."""
    words = s.free
    if s.row.type in plover_types("verbal"):
        about = {x.i for c in (s.governor or s.token).children if _tells_what_about(c)
                 for x in c.subtree}
        words = [x for x in words if x.i not in about]
    return slots.places_in(words, s.mentions, s.exclude, False)


def fronted_setting(s: Setting) -> list[PlaceMention]:
    """"In Nawada, the district collector announced that a three-day lockdown will be in
    force": a town or region put first, before a comma, sets the whole sentence, the reported
    act too (a reporting verb's own words are otherwise the telling's, not the act's)."""
    sent = s.token.sent
    first = sent[0]
    if first.lower_ not in ("in", "at") or first.head.i != sent.root.i:
        return []
    edge = first.right_edge.i  # (the parser may put the comma inside the phrase)
    if s.token.doc[edge].text != "," and (edge + 1 >= sent.end or s.token.doc[edge + 1].text != ","):
        return []
    words = [x for x in first.subtree if x.i not in s.exclude]
    return [p for p in slots.places_within(words, s.mentions)
            if p.place.precision in ("city", "admin1", "admin2")][:1]


def _tells_what_about(c: Token) -> bool:
    """A word on a statement's verb that heads what the statement is about (its object, an
    "of" or "about" phrase) or another act joined to it."""
    return c.dep_ in ("dobj", "conj") or (
        c.dep_ == "prep" and c.lower_ in ("of", "about", "over", "against", "for"))


def target_place(s: Setting) -> list[PlaceMention]:
    """"shelled the Dniprovskyi district of Kherson city", "hit the Ryazan oil refinery": the
    target names the place."""
    if s.row.type not in plover_types("targets_places"):
        return []
    return slots.places_within([x for x in s.target if x.i not in s.exclude
                                and not syntax.residence(x)], s.mentions)


def town_that_acts(s: Setting) -> list[PlaceMention]:
    """"Chicago, meanwhile, imposed a curfew": a town or region that is itself the actor (its
    authorities) acts there, when the sentence names no other place; so does the party a town
    or region says it is in ("Police in Dublin arrested a man")."""
    if not s.doer:
        return []
    start, end = s.doer[0].idx, s.doer[-1].idx + len(s.doer[-1])
    local = (p for p in s.mentions.places if p.place.precision in ("city", "admin2", "admin1"))
    whole = [p for p in local if p.start <= start and end <= p.end]
    if whole:
        return whole
    heads = [x for x in s.doer if x.head not in s.doer or x.head.i == x.i]
    within = [y for h in heads for g in syntax.preps(h, ("in",)) for y in syntax.core_tokens(g)]
    return [p for p in slots.places_within(within, s.mentions)
            if p.place.precision in ("city", "admin2", "admin1")][:1]


def named_in_clause(s: Setting) -> list[PlaceMention]:
    """A place below country level that the trigger's own clause names outside its parties'
    words ("filled the streets of central Belgrade")."""
    # (the dateline names where the story was filed from)
    own = [x for x in s.clause if x.i not in s.exclude and x.idx >= s.filed
           and not syntax.residence(x)]
    return slots.places_within(own, s.mentions)[:1]


PLACE_RULES: tuple[PlaceRule, ...] = (own_words, town_told_again, where_described,
                                      main_clause_setting, sentence_setting, fronted_setting,
                                      target_place, town_that_acts)


def places_of(s: Setting) -> list[PlaceMention]:
    """The places of the first place rule that finds any; when it names only whole countries
    or regions, a place inside one of them that the target or the trigger's own clause names
    says where more exactly ("taken control of Goma, the largest city in eastern Congo",
    "filled the streets of central Belgrade in one of the largest protests in Serbia's
    history", "In the Dnipropetrovsk region, artillery hit the town of Nikopol")."""
    for rule in PLACE_RULES:
        places = rule(s)
        if places:
            break
    else:
        return []
    if rule is not target_place and all(p.place.precision in ("country", "admin1")
                                        for p in places):
        inside = [p for p in target_place(s) + named_in_clause(s)
                  if any(slots.contains(unit, p) and p.place.precision != unit.place.precision
                         for unit in places)]
        return inside[:1] or places
    return places


@dataclass(frozen=True)
class Parties:
    """What the party rules see of one trigger."""

    token: Token
    row: TriggerRow
    finder: ActorFinder
    tables: Tables
    mentions: Mentions
    text: str  # the document's text
    picked: list[PlaceMention]  # the trigger's places
    attribution: Attribution
    speaker: Token | None  # the subject of the trigger's clause (of its verb, for a noun)
    home: str | None  # the story's own country


ActorRule = Callable[[Parties, Found], Found]
RecipientRule = Callable[[Parties, Found, Found], Found]


def _names_a_weapon(p: Parties, tokens: tuple[Token, ...]) -> bool:
    return any(p.tables.in_class("weapon", lemma_of(x))
               or (lemma_of(x), "NOUN") in p.tables.triggers for x in tokens)


def weapon_not_attacker(p: Parties, actor: Found) -> Found:
    """"the strike killed ...", "a drone hit ...": the weapon is not the attacker."""
    if p.row.type == "ASSAULT" and actor.actors and not any(
            a.country or a.sector for a in actor.actors) and _names_a_weapon(p, actor.tokens):
        return NOBODY
    return actor


def _names_a_deed(p: Parties, deed: Token) -> bool:
    """A noun of attack or a weapon (a gerund counts as a noun: "in shelling by")."""
    words = (lemma_of(deed), deed.lower_)
    return (deed.pos_ == "NOUN" or deed.tag_ == "VBG") and any(
        (w, "NOUN") in p.tables.triggers or p.tables.in_class("weapon", w) for w in words)


def _deed_agent(p: Parties) -> Found | None:
    t = p.token
    if not syntax.is_passive(t) and t.tag_ != "VBN":
        return None
    for x in t.subtree:
        if x.dep_ != "pobj" or x.head.lower_ != "by" or x.head.head.i == t.i:
            continue
        if _names_a_deed(p, x.head.head):
            found = p.finder.phrase(x)
            if any(a.country or a.sector for a in found.actors):
                return Found(found.actors, found.tokens, "deed-agent")
    return None


def deed_agent(p: Parties, actor: Found) -> Found:
    """"was killed in shelling by government forces": a passive casualty verb with no agent
    of its own is done by the doer named for the attack its clause tells ("by X" on a noun of
    attack or a weapon), not by a party carried over from an earlier sentence (the phrase may
    hang on a coordinated verb: "was killed and another wounded in shelling by")."""
    if p.row.type != "ASSAULT" or actor.actors:
        return actor
    return _deed_agent(p) or actor


def origin_place(p: Parties, actor: Found) -> Found:
    """"rockets were fired from northern Gaza": an attack by nobody of a known country is by
    the side of the place it came from."""
    if p.row.type != "ASSAULT" or any(a.country for a in actor.actors):
        return actor
    origin = document.origin_actor(p.token, p.mentions)
    if origin is None:
        return actor
    return Found(tuple(replace(a, country=origin.country) for a in actor.actors) or (origin,),
                 actor.tokens, "origin-place")


def place_authority(p: Parties, actor: Found) -> Found:
    """An agentless passive act of state is by the authorities of its place (``roles``)."""
    if actor.actors or not p.picked:
        return actor
    return roles.place_authority(p.token, p.row, p.picked, p.text)


def home_authority(p: Parties, actor: Found) -> Found:
    """... and, when its sentence names no place, of the story's own country (``roles``)."""
    if actor.actors or p.picked:
        return actor
    return roles.home_authority(p.token, p.row, p.home)


def teller_of_penalty(p: Parties, actor: Found) -> Found:
    """"Georgetown University said in a statement that Williams was suspended from the team": a
    penalty told in the passive without its agent, in what a body says, is that body's own (a
    university, a club, a league, a court); not a news outlet's or a rights group's, which tell
    of others' penalties."""
    source = p.attribution.source_actor
    if actor.actors or source is None or p.row.type != "SANCTION" or \
            source.kind != "organisation" or source.country == "NGO" or source.sector == "JRN":
        return actor
    t = p.token
    if t.pos_ != "VERB" or not syntax.agentless_passive(t):
        return actor
    return Found((source,), (), "teller-of-penalty")


def speaker(p: Parties, actor: Found) -> Found:
    """"we will ...", said X: the first person is the source."""
    source = p.attribution.source_actor
    if actor.actors or source is None:
        return actor
    if any(x.lower_ in coder_words("first-person") for x in actor.tokens) or (
            p.speaker is not None and p.speaker.lower_ in coder_words("first-person")):
        return Found((source,), actor.tokens, "speaker")
    return actor


ACTOR_RULES: tuple[ActorRule, ...] = (weapon_not_attacker, deed_agent, origin_place,
                                      place_authority, home_authority, teller_of_penalty,
                                      speaker)


def actor_of(p: Parties, actor: Found) -> Found:
    """The actor after every actor rule, in order."""
    for rule in ACTOR_RULES:
        actor = rule(p, actor)
    return actor


def _own_side(actor: Found, recipient: Found) -> bool:
    """The recipient phrase is the actor itself, or the actor's own ("its forces")."""
    if set(actor.tokens) & set(recipient.tokens):
        return True
    mine = {a.country for a in actor.actors if a.country}
    theirs = {a.country for a in recipient.actors if a.country}
    return bool(mine) and theirs <= mine and any(
        x.dep_ == "poss" and x.lower_ in ("its", "their") for x in recipient.tokens)


def _words_after(t: Token, taken: set[int]) -> list[Token]:
    """The trigger's phrase after it; a noun object's clause too (it often loses its own
    prepositional phrase to the parser: support "for the fight of Russia's military"). Not
    the words of who tells it ("according to a joint statement read by Cuban officials")."""
    sub = [x for x in t.subtree if x.i > t.i and x.i not in taken]
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ == "dobj":
        sub += [x for x in t.head.subtree if x.i > t.right_edge.i and x.i not in taken]
    told = {y.i for x in sub if x.dep_ == "prep" and x.lower_ == "according" for y in x.subtree}
    return [x for x in sub if x.i not in told]


def _later_party(p: Parties, actor: Found) -> Found:
    """The first party of another country named inside the trigger's phrase or clause
    ("refusing to lift the curfew on Palestinians")."""
    mine = {a.country for a in actor.actors if a.country}
    sub = _words_after(p.token, {x.i for x in actor.tokens})
    for m in p.finder.mentions_over(sub):
        if m.actor.country and m.actor.country not in mine:
            return Found((m.actor,), tuple(x for x in sub if m.start <= x.idx < m.end),
                         "later-party")
    return NOBODY


def not_own_side(p: Parties, actor: Found, recipient: Found) -> Found:
    """"Israel is opposed to ...": the parser's object is the actor itself; "strengthened its
    forces in Lebanon", "urged its citizens": the actor's own people are not the other side:
    a party of another country further on is."""
    if not recipient.actors or p.row.type == "ASSAULT" or not _own_side(actor, recipient):
        return recipient
    later = _later_party(p, actor)
    if later.actors or set(actor.tokens) & set(recipient.tokens):
        return later
    return recipient


def later_party(p: Parties, actor: Found, recipient: Found) -> Found:
    """No recipient of a country from the grammar: the first party of another country named
    inside the trigger's phrase or clause; not the town the act is set in when the grammar
    gave a party of no country, nor over the owner of a deed the act is against
    (``roles._owner``: its country comes from the story)."""
    if p.row.type == "ASSAULT" or any(a.country for a in recipient.actors) or \
            ":owner" in recipient.rule:
        return recipient  # (an owner is the party meant: "against the government's decision")
    later = _later_party(p, actor)
    if recipient.actors and _names_the_setting(later, p.picked):
        return recipient  # ("Police detained two journalists in Harare": not Harare's government)
    return later if later.actors else recipient


def _names_the_setting(found: Found, picked: list[PlaceMention]) -> bool:
    """The party's words are those of a place the event is set in."""
    return bool(found.tokens) and any(
        pl.start <= found.tokens[0].idx and found.tokens[-1].idx < pl.end for pl in picked)


def other_side(p: Parties, actor: Found, recipient: Found) -> Found:
    """"ties between Moscow and Pyongyang" hailed by Moscow: the recipient is the other side."""
    if not actor.actors or not recipient.actors:
        return recipient
    mine = {a.country for a in actor.actors if a.country}
    rest = tuple(a for a in recipient.actors if a.country not in mine)
    return Found(rest, recipient.tokens, recipient.rule) if rest else recipient


RECIPIENT_RULES: tuple[RecipientRule, ...] = (not_own_side, later_party, other_side)


def recipient_of(p: Parties, actor: Found, recipient: Found) -> Found:
    """The recipient after every recipient rule, in order."""
    for rule in RECIPIENT_RULES:
        recipient = rule(p, actor, recipient)
    return recipient


__all__ = ["ACTOR_RULES", "PLACE_RULES", "RECIPIENT_RULES", "Parties", "Setting", "actor_of",
           "places_of", "recipient_of"]
