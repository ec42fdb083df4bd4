"""Who did it and to whom: role specs of a lexicon row -> lists of Actors.

Actors come first from the resolver's ActorMentions over the role's noun phrase, then (for a
pronoun) from resolve's coreference (``resolve.context.referent``), then from
``resolve.actors.actor_for_text`` on the phrase text, then from a country-level PlaceMention in
the phrase: ``PHRASE_RULES`` in order.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..lexicon import actor_words, coder_words, plover_types
from ..records import Actor, ActorMention, Mentions, PlaceMention
from ..resolve import actors as resolve_actors
from ..resolve.actor_scan import party_head, person_named_like_state
from ..resolve.context import MentionIndex, referent, referring_pronouns
from ..resolve.tables import country_name
from ..resolve.words import singular
from . import syntax
from .match import lemma_of
from .role_heads import role_heads
from .tables import TriggerRow

WHERE = "where"  # actor spec: an agentless passive act of state is by the place's authorities
MUTUAL = "both"  # actor spec: the recipient of a reciprocal act is an actor too
NOT_ACTORS = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT", "QUANTITY",
                        "EVENT", "LAW", "WORK_OF_ART", "LANGUAGE", "PRODUCT"})
DEFAULT_ROLES = {
    ("AUX", "actor"): ("speaker",),
    ("AUX", "recipient"): ("headsubj",),
    ("VERB", "actor"): ("subj",),
    ("VERB", "recipient"): ("obj",),
    ("NOUN", "actor"): ("poss", "mod", "p:by"),
    ("NOUN", "recipient"): ("p:of|on|against|to|with",),
}


@dataclass(frozen=True)
class Found:
    actors: tuple[Actor, ...]
    tokens: tuple[Token, ...]  # the words that support the role
    rule: str = ""  # how it was found: "mention", "text", "owner", "coref", "place", "governor"


def _span(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


@dataclass(frozen=True)
class _Phrase:
    """One noun phrase being read: its head, its core words (without clauses and most
    prepositional phrases) and the parties the resolver's mentions name over them."""

    head: Token
    core: tuple[Token, ...]
    named: tuple[Actor, ...]  # mention actors with a country, a name or a sector
    text: str
    deep: bool  # may look into the phrase's prepositional phrases
    generic: bool  # keeps an unknown common noun phrase as an actor without a country

    @functools.cached_property
    def resolved(self) -> Actor | None:
        """The resolver's reading of the phrase's text. Without the article's context on
        purpose: passing ``context_at`` here changes events (persons already met give a party
        its sector, nearby countries change the country), so that is a change of behaviour for
        its own issue, not part of a refactor."""
        return resolve_actors.actor_for_text(self.text)

    @property
    def subtree(self) -> list[Token]:
        return sorted(self.head.subtree, key=lambda t: t.i)


class ActorFinder:
    """Actor lookups over one parsed article and its mentions. It reads argument phrases; the
    pronouns among them are resolved by ``resolve.context.referent``, which reads phrases
    through this finder (``subject_of``, ``actors_of``)."""

    def __init__(self, doc: Doc, mentions: Mentions,
                 civilian_words: frozenset[str] = frozenset(),
                 pair_words: frozenset[str] = frozenset(),
                 attack_nouns: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.attack_nouns = attack_nouns
        self.text = doc.text  # Doc.text joins every token on each access: read it once here
        self.civilian_words = civilian_words
        self.pair_words = pair_words
        self.index = MentionIndex.of(mentions)
        self.places: tuple[PlaceMention, ...] = tuple(sorted(mentions.places, key=lambda m: m.start))
        self.dateline_end = 0  # a dateline ("BAMAKO, Mali — ") names the place of filing only

    def mentions_over(self, tokens: list[Token]) -> list[ActorMention]:
        out: list[ActorMention] = []
        mentions, starts = self.index.mentions, self.index.starts
        for t in tokens:
            s, e = t.idx, t.idx + len(t)
            i = bisect.bisect_right(starts, e) - 1
            while i >= 0 and mentions[i].end > s - 200:
                m = mentions[i]
                if m.start < e and m.end > s and m not in out and m.start >= self.dateline_end:
                    out.append(m)
                i -= 1
        return sorted(out, key=lambda m: m.start)

    def places_over(self, tokens: list[Token]) -> list[PlaceMention]:
        spans = [(t.idx, t.idx + len(t)) for t in tokens]
        return [p for p in self.places if any(p.start < e and p.end > s for s, e in spans)]

    def subject_of(self, verb: Token) -> Token | None:
        return syntax.subject(verb)

    def actors_of(self, head: Token) -> tuple[Actor, ...]:
        return self.phrase(head, deep=False).actors

    def referent(self, pronoun: Token) -> Actor | None:
        """The actor a pronoun stands for (coreference is resolve's)."""
        return referent(pronoun, self.index, self)

    def phrase(self, head: Token, deep: bool = True, generic: bool = False) -> Found:
        """Actors named by the noun phrase of ``head``: the first of ``PHRASE_RULES`` that
        finds them; with ``generic``, an unknown common noun phrase ("the two sides") is kept
        as an actor without a country."""
        head = syntax.past_heading(head)
        core = syntax.core_tokens(head)
        if head.pos_ == "NOUN" and head.lemma_.lower() in self.attack_nouns:
            core = [x for x in core if not self.town_before(head, x)]
        named = _unique(m.actor for m in self.mentions_over(core)
                        if m.actor.country or m.actor.name or m.actor.sector)
        p = _Phrase(head, tuple(core), named, self.text[slice(*_span(core))], deep, generic)
        for rule in PHRASE_RULES:
            found = rule(self, p)
            if found is not None:
                return found
        return Found((), p.core, "")

    def town_before(self, t: Token, h: Token) -> bool:
        """"the Belgorod attack", "the Moscow concert hall attack": a town's name before a
        happening's noun says where it was, not who did it ("the Hamas attack", "Russian
        strikes" name their doers)."""
        if h.dep_ not in ("compound", "nmod") or h.head.i == h.i or t.pos_ != "NOUN":
            return False
        return any(p.place.precision not in ("country", "continent") and p.start <= h.idx < p.end
                   for p in self.places_over([h]))

    def _origin(self, head: Token) -> tuple[Actor, ...]:
        """The country-bearing parties of a "from" phrase on ``head`` ("volunteers from a
        Norwegian charity"), which name the party the head belongs to."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return ()
        for g in _prep_objects(head, "from"):
            if g.ent_type_ in NOT_ACTORS:
                continue
            found = self.phrase(g, deep=False)
            if found.rule in ("mention", "text") and any(a.country for a in found.actors):
                return tuple(a for a in found.actors if a.country)
        return ()

    def _agent_first(self, head: Token, found: Found) -> Found:
        """"investigating crimes by Croatian militias against Serb civilians": in a phrase
        that names a deed, the party named as its doer ("by X") is the party meant."""
        agents = [x for x in head.subtree if x.dep_ == "pobj" and x.head.lower_ == "by"
                  and x.i != head.i]
        if not agents:
            return found
        words = sorted({y for a in agents for y in syntax.core_tokens(a)}, key=lambda t: t.i)
        named = [m.actor for m in self.mentions_over(words)]
        # a party of no country named as the doer ("the demonstration staged by students") is
        # still the one meant; a country beats it
        doers = _unique(a for a in named if a.country) or _unique(a for a in named if a.sector)
        return Found(doers, tuple(words), "agent") if doers else found

    def _owner_country(self, head: Token, actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
        """"Bosnian Serbs said their forces had withdrawn": parties named by a possessive
        pronoun ("their forces", "its army") are of the country of the pronoun's referent."""
        poss = next((c for c in head.children if c.dep_ == "poss"
                     and c.lower_ in referring_pronouns()), None)
        if poss is None:
            return actors
        ref = self.referent(poss)
        country = ref.country if ref is not None else None
        if country is None:
            return actors
        return tuple(replace(a, country=country) if a.country is None else a for a in actors)

    def _of_country(self, head: Token) -> bool:
        """"the president of Armenia": an "of" phrase on the head names a country."""
        return any(m.actor.country for g in _prep_objects(head, "of")
                   for m in self.mentions_over([g]))


def _prep_objects(head: Token, prep: str) -> list[Token]:
    """The objects of the preposition ``prep`` hanging on ``head``, in parse order."""
    return [g for c in head.children if c.dep_ == "prep" and c.lower_ == prep
            for g in c.children if g.dep_ == "pobj"]


# The rules of ActorFinder.phrase, named after the rule they record; the first that finds
# actors (or, for a pronoun, decides) wins, so their order is part of the behaviour.

def _former_fighter(finder: ActorFinder, p: _Phrase) -> Found | None:
    """"a former FARC combatant", "former soldiers": one who no longer bears arms is a civilian
    (ACLED's civilians: the unarmed), of the country of the group named, if any."""
    del finder  # the rules share one signature
    head = p.head
    if singular(head.lower_) not in actor_words("fighter-noun") or not any(
            x.lower_.strip("-") in actor_words("former") for x in p.core if x.i < head.i):
        return None
    country = next((a.country for a in p.named if a.country), None)
    kind = "group" if head.tag_ in ("NNS", "NNPS") else "person"
    return Found((Actor(text=p.text, country=country, sector="CVL", kind=kind),), p.core,
                 "former-fighter")


def _mention_further_in(finder: ActorFinder, p: _Phrase) -> Found | None:
    """"sending additional troops to Russia": a country further in beats a bare noun."""
    if not p.named or not p.deep or any(a.country for a in p.named):
        return None
    return _stationed(finder, p) or _countries_in_subtree(finder, p)


def _stationed(finder: ActorFinder, p: _Phrase) -> Found | None:
    """"beaten by police in Lagos", "protesters in Baghdad": a party of a known sector placed
    "in" or "at" one country's town is that country's party, not the town's state."""
    if not all(a.sector for a in p.named):
        return None
    placed = [t for c in p.head.children if c.dep_ == "prep" and c.lower_ in ("in", "at")
              for t in c.subtree]
    rest = [t for t in p.head.subtree if t not in placed and t not in p.core]
    countries = {m.actor.country for m in finder.mentions_over(placed) if m.actor.country}
    if len(countries) != 1 or any(m.actor.country for m in finder.mentions_over(rest)):
        return None
    country = countries.pop()
    return Found(tuple(replace(a, country=country) for a in p.named), p.core, "mention")


def _countries_in_subtree(finder: ActorFinder, p: _Phrase) -> Found | None:
    actors = _unique(m.actor for m in finder.mentions_over(p.subtree) if m.actor.country)
    if not actors:
        return None
    return finder._agent_first(p.head, Found(actors, tuple(p.subtree), "mention"))


def _from(finder: ActorFinder, p: _Phrase) -> Found | None:
    """"doctors from two American aid groups": of the groups' country."""
    if any(a.country for a in p.named):
        return None
    origin = finder._origin(p.head)
    if not origin:
        return None
    return Found(tuple(replace(a, country=origin[0].country, name=origin[0].name)
                       for a in p.named) or origin, p.core, "from")


def _owner(finder: ActorFinder, p: _Phrase) -> Found | None:
    """"protests against the government's decision to suspend EU accession talks": a thing a
    party owns (a decision, a plan, a war) stands for its owner, before any party named
    deeper in the phrase (coder_words.tsv's ``owned-deed``; not "the president's son")."""
    head = p.head
    if head.pos_ != "NOUN" or lemma_of(head) not in coder_words("owned-deed"):
        return None
    poss = next((c for c in head.children if c.dep_ == "poss"), None)
    if poss is None or poss.pos_ == "PRON":
        return None
    owner = finder.phrase(poss, deep=False)
    return Found(owner.actors, p.core, "owner") if owner.actors else None


def _mention(finder: ActorFinder, p: _Phrase) -> Found | None:
    """The parties the mentions over the phrase's core name, with a country lent by the owner
    of "their forces" or by "of Armenia"."""
    if not p.named:
        return None
    actors = p.named
    if not any(a.country for a in actors):
        actors = finder._owner_country(p.head, actors)
    elif finder._of_country(p.head):
        actors = _share_country(actors, persons=True)  # "the president of Armenia"
    return Found(_coordinated_modifiers(p.head, actors), p.core, "mention")


def _coref(finder: ActorFinder, p: _Phrase) -> Found | None:
    """A pronoun stands for the actor resolve's coreference finds (or for no one)."""
    head = p.head
    if head.pos_ != "PRON" or head.lower_ not in referring_pronouns():
        return None
    prev = finder.referent(head)
    return Found((replace(prev, text=head.text),) if prev else (), (head,), "coref")


def _pair(finder: ActorFinder, p: _Phrase) -> Found | None:
    """"the two nations", "both sides": the last two states named before."""
    head = p.head
    if head.lemma_.lower() not in finder.pair_words or not any(
            c.lower_ in actor_words("pair-determiner") for c in head.children):
        return None
    pair = finder.index.pair_before(head.idx)
    return Found(pair, p.core, "pair") if pair else None


def _text(finder: ActorFinder, p: _Phrase) -> Found | None:
    """The resolver's reading of the phrase's text, when it gives a country or a sector."""
    del finder  # the rules share one signature
    actor = p.resolved
    if actor is None or not (actor.country or actor.sector) or _named_like_state(p, actor):
        return None
    return Found((actor,), p.core, "text")


def _named_like_state(p: _Phrase, actor: Actor) -> bool:
    """"Chad Hull" is a person whose name begins with a state's: no state."""
    doc = p.head.doc
    return actor.kind == "state" and person_named_like_state(doc[p.core[0].i:p.core[-1].i + 1])


def _mention_in_subtree(finder: ActorFinder, p: _Phrase) -> Found | None:
    """A country named anywhere in the phrase, prepositional phrases included."""
    if not p.deep:
        return None
    return _countries_in_subtree(finder, p)


def _place(finder: ActorFinder, p: _Phrase) -> Found | None:
    """A country, region or town in the phrase stands for its state (not the town a person is
    "of": "Dana Lowe, 30, of Keizer")."""
    for m in finder.places_over([x for x in p.core if not syntax.residence(x)]):
        place = m.place
        if place.country and place.precision in ("country", "city", "admin1"):
            if p.head.lemma_.lower() in finder.civilian_words:
                # "an 8-year-old Fort Worth girl", "Gaza residents": civilians of that place
                return Found((Actor(text=p.text, country=place.country, sector="CVL",
                                    kind="group"),), p.core, "civilian-of-place")
            return Found((Actor(text=finder.text[m.start:m.end],
                                name=country_name(place.country),
                                country=place.country, kind="state"),), p.core, "place")
    return None


def _appositive(finder: ActorFinder, p: _Phrase) -> Found | None:
    """"The suspect, Michael Webb, was sentenced": a common noun that names no party of its own
    stands for the party named beside it."""
    appos = next((c for c in p.head.children if c.dep_ == "appos"), None)
    if appos is None or p.head.pos_ != "NOUN":
        return None
    found = finder.phrase(appos, deep=False)
    return found if found.actors else None


def _text_without_country(finder: ActorFinder, p: _Phrase) -> Found | None:
    """The resolver's reading of the text even without a country or a sector."""
    del finder  # the rules share one signature
    if p.resolved is None or _named_like_state(p, p.resolved):
        return None
    return Found((p.resolved,), p.core, "text")


def _civilian(finder: ActorFinder, p: _Phrase) -> Found | None:
    if not any(t.lemma_.lower() in finder.civilian_words for t in p.core):
        return None
    return Found((Actor(text=p.text, sector="CVL", kind="group"),), p.core, "civilian")


def _unresolved_name(finder: ActorFinder, p: _Phrase) -> Found | None:
    """A named party the dictionaries do not know: kept as written, without a country."""
    del finder  # the rules share one signature
    head = p.head
    if head.pos_ not in ("PROPN", "NOUN") or head.ent_type_ in NOT_ACTORS:
        return None
    if not (head.pos_ == "PROPN" or head.ent_type_ or any(t.pos_ == "PROPN" for t in p.core)):
        return None
    return Found((Actor(text=p.text),), p.core, "unresolved")


def _unresolved_generic(finder: ActorFinder, p: _Phrase) -> Found | None:
    """"the two sides agreed": a party the text names only generically."""
    del finder  # the rules share one signature
    head = p.head
    if head.pos_ != "NOUN" or head.ent_type_ in NOT_ACTORS:
        return None
    if not (p.generic or head.dep_ in ("nsubj", "poss")):
        return None
    return Found((Actor(text=p.text),), p.core, "unresolved")


PHRASE_RULES: tuple[Callable[[ActorFinder, _Phrase], Found | None], ...] = (
    _owner, _former_fighter, _mention_further_in, _from, _mention, _coref, _pair, _text,
    _mention_in_subtree, _place, _appositive,
    _text_without_country, _civilian, _unresolved_name, _unresolved_generic)


def _coordinated_modifiers(head: Token, actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
    """"Hungarian and Romanian officials", "US and British forces": one phrase, one party per
    coordinated national modifier (the resolver reads the phrase as a single actor)."""
    have = {a.country for a in actors if a.country}
    if not have:
        return actors
    base = actors[0]
    out = list(actors)
    for c in head.children:
        if c.dep_ not in ("amod", "compound", "nmod") or not any(
                x.dep_ == "conj" for x in c.children):
            continue
        for x in syntax.conj_chain(c):
            found = resolve_actors.actor_for_text(x.text)
            if found is None or not found.country or found.country in have:
                continue
            have.add(found.country)
            out.append(replace(base, text=f"{x.text} {head.text}", name=found.name,
                               country=found.country))
    return tuple(out)


def _share_country(actors: tuple[Actor, ...], persons: bool = False) -> tuple[Actor, ...]:
    """"The Sudanese government and the rebels", "Israeli helicopters and tanks": a party
    coordinated with parties of exactly one country, and named without one, is of that
    country."""
    countries = {a.country for a in actors if a.country}
    if len(countries) != 1 or all(a.country for a in actors):
        return actors
    home = next(iter(countries))
    return tuple(replace(a, country=home) if a.country is None and (
        persons or a.kind != "person") else a for a in actors)


def _unique(actors: object) -> tuple[Actor, ...]:
    """Distinct actors; a bare country reference ("North Korean") folds into a fuller actor of
    the same country in the same phrase ("his North Korean counterpart")."""
    out: list[Actor] = []
    seen: set[tuple[str | None, str | None, str | None]] = set()
    for a in actors:  # type: ignore[attr-defined]
        key = (a.country, a.name, a.sector) if (a.country or a.name) else (None, a.text, None)
        if key not in seen:
            seen.add(key)
            out.append(a)
    return tuple(a for a in out if not (
        a.sector is None and a.country and any(
            b is not a and b.country == a.country and b.sector for b in out)))


MODIFIER_SPECS = ("mod", "objmod")  # name actors only through mentions, not generic words


def _specs(row: TriggerRow, which: str) -> tuple[str, ...]:
    """The row's role specs (``both`` and ``where`` are read elsewhere), else the defaults of
    its part of speech."""
    given = (row.actor if which == "actor" else row.recipient) or ()
    return tuple(s for s in given if s not in (MUTUAL, WHERE)) or DEFAULT_ROLES[(row.pos, which)]


def find_role(finder: ActorFinder, t: Token, row: TriggerRow, which: str,
              light: frozenset[str] = frozenset()) -> Found:
    """The actors of role ``which`` (actor / recipient) of trigger ``t`` under ``row``: the
    first spec that names some (for a recipient, one with a country, else the first found);
    a noun trigger under a light verb ("held talks") takes that verb's subject as its actor."""
    pos = row.pos
    specs = _specs(row, which)
    if which == "actor" and pos == "NOUN":
        under = _light_governor_subject(finder, t, light)
        if under is not None:
            return under
    if which == "recipient" and pos == "NOUN":
        undergoer = _undergoer(finder, t)
        if undergoer is not None:
            return undergoer
    fallback: Found | None = None
    for spec in specs:
        found = _spec_actors(finder, t, spec, which, pos)
        if found is None:
            continue
        if which == "actor":
            return _sender_or(finder, t, pos, found)
        if any(a.country for a in found.actors):
            return found
        # "threatened to resume attacks in Israel": a country named further on beats
        # a recipient phrase without one
        fallback = fallback or found
    return _role_fallback(finder, t, row, which, fallback)


def _spec_actors(finder: ActorFinder, t: Token, spec: str, which: str, pos: str) -> Found | None:
    """The actors of the heads one spec points at; None when it names none."""
    heads = role_heads(t, spec, pos)
    if not heads:
        return None
    actors: list[Actor] = []
    tokens: list[Token] = []
    rules = []
    for h in heads:
        if spec == "mod" and finder.town_before(t, h):
            continue
        f = _head_phrase(finder, t, h, spec, which)
        if spec in MODIFIER_SPECS and f.rule not in ("mention", "text"):
            continue
        actors.extend(f.actors)
        tokens.extend(f.tokens)
        rules.append(f.rule)
    found = _unique(actors)
    if len(heads) == 1 and len(found) > 1 and len(syntax.conj_chain(heads[0])) > 1:
        found = _share_country(found)
    if not found:
        return None
    return Found(found, tuple(tokens), f"{spec}:{'+'.join(r for r in rules if r)}")


def _head_phrase(finder: ActorFinder, t: Token, h: Token, spec: str, which: str) -> Found:
    """The phrase of one role head; modifiers name actors only through mentions
    ("Ukrainian"), not generic words, and a phrase that holds the trigger itself
    ("demonstrators protesting X") is not read into."""
    modifier = spec in MODIFIER_SPECS
    return finder.phrase(h, deep=not modifier and not syntax.holds(h, t),
                         generic=which == "actor" and not modifier)


def _sender_or(finder: ActorFinder, t: Token, pos: str, found: Found) -> Found:
    """"a statement demanding ...": an actor without a country or a sector may be the message,
    not the party; its sender is."""
    if any(a.country or a.sector for a in found.actors):
        return found
    return _setting_subject(finder, t, pos) or found


def _role_fallback(finder: ActorFinder, t: Token, row: TriggerRow, which: str,
                   fallback: Found | None) -> Found:
    """When no spec gave a party with a country: a verbal act's addressee, else the first
    recipient found without a country, else (for an actor) the subject of the clause the
    trigger is the setting of."""
    if which == "recipient" and row.pos == "VERB" and row.type in plover_types("addressee"):
        addressee = _addressee(finder, t)
        if addressee is not None:
            return addressee
    if fallback is not None:
        return Found(fallback.actors, fallback.tokens, fallback.rule + "+no-country")
    if which == "actor":
        told = _setting_subject(finder, t, row.pos)
        if told is not None:
            return told
    elif row.pos == "VERB" and row.type in plover_types("material"):
        aimed = _purpose_object(finder, t)
        if aimed is not None:
            return aimed
    return Found((), (), "")


def _purpose_object(finder: ActorFinder, t: Token) -> Found | None:
    """"police opened fire to disperse demonstrators": an act that names no one it is done to
    is done to those its purpose is done to."""
    for c in t.children:
        if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB" and syntax.to_infinitive(c):
            obj = syntax.direct_object(c)
            if obj is None:
                continue
            f = finder.phrase(obj, deep=False)
            if f.actors and f.rule in ("mention", "text", "owner"):
                return Found(f.actors, f.tokens, "purpose-obj")
    return None


def _addressee(finder: ActorFinder, t: Token) -> Found | None:
    """"demanding that the government provide ...": the addressee is the clause's subject;
    "agreed to provide aid for Romania": the complement's beneficiary."""
    for spec in ("clsubj", "xrecip"):
        for h in role_heads(t, spec, "VERB"):
            f = finder.phrase(h, deep=False)
            if f.rule == "text" and h.pos_ == "NOUN" and not party_head(h):
                continue  # "agreed to undertake joint military exercises": a thing
            if f.actors and f.rule in ("mention", "text", "owner", "place"):
                return Found(f.actors, f.tokens, spec)
    return None


def is_mutual(row: TriggerRow) -> bool:
    """A row whose actor roles include ``both``: a reciprocal act ("X telephoned Y", "X met
    Y", "X signed with Y"), where the other side acts as much as the subject does."""
    return MUTUAL in (row.actor or ())


def _authority_sector(row: TriggerRow) -> str:
    """Who does an agentless act of state: a court charges, convicts and jails ("legal" rows);
    the police arrest, detain and deport; the government imposes every other measure (one that
    takes effect, a quarantine)."""
    if "legal" in row.contexts:
        return "JUD"
    return "COP" if row.mode in ("arrest", "deport") else "GOV"


_AUTHORITY_WORDS = {"JUD": "judiciary", "GOV": "government", "COP": "police"}


def _agentless_passive(t: Token, row: TriggerRow) -> bool:
    """An act of state told without its agent: in the passive ("was arrested", "was put under
    quarantine"), or by the one it is done to ("turned himself in": rows whose recipient is the
    subject)."""
    if WHERE not in (row.actor or ()):
        return False
    if "subj" in (row.recipient or ()) or "inforce" in row.when:
        return True  # (a measure that takes effect: "the lockdown will begin on Thursday")
    if row.pos == "NOUN":
        if not _put_under(t):
            return False
        t = t.head.head  # "twelve travellers were put under quarantine": the verb is the passive
    return syntax.agentless_passive(t)


def place_authority(t: Token, row: TriggerRow, places: list[PlaceMention], text: str) -> Found:
    """"A missionary was arrested in Lebanon", "was charged with murder in Paris": an arrest,
    charge, sentence, jailing or deportation told in the passive without its agent is the act
    of the authorities (police, or the courts for legal acts) of the state where it happened
    (rows whose actor roles include ``where``). Empty when any of that does not hold."""
    if not _agentless_passive(t, row):
        return Found((), (), "")
    countries = {p.place.country for p in places if p.place.country}
    if len(countries) != 1:
        return Found((), (), "")
    (country,) = countries
    p = next(p for p in places if p.place.country)
    return Found((_authority(country, row, text[p.start:p.end]),), (), "place-authority")


def home_authority(t: Token, row: TriggerRow, country: str | None) -> Found:
    """"Three people have been arrested": an agentless passive act of state whose sentence
    names no place is by the authorities of the story's own country (its dateline's, else the
    country its places and parties are mostly of)."""
    if country is None or not _agentless_passive(t, row):
        return Found((), (), "")
    return Found((_authority(country, row, ""),), (), "home-authority")


def _authority(country: str, row: TriggerRow, text: str) -> Actor:
    sector = _authority_sector(row)
    who = _AUTHORITY_WORDS[sector]
    name = country_name(country) or country
    return Actor(text=text or who, name=f"{name} {who}", country=country, sector=sector,
                 kind="organisation")


def with_other_side(actor: Found, recipient: Found) -> Found:
    """The actor of a reciprocal act with the other side's country-bearing parties added (their
    words are not taken, so the recipient stays the other side)."""
    added = tuple(a for a in recipient.actors if a.country)
    if not actor.actors or not added:
        return actor
    return Found(_unique(actor.actors + added), actor.tokens, f"{actor.rule}+both")


def _setting_subject(finder: ActorFinder, t: Token, pos: str) -> Found | None:
    """Actors of a trigger its own words do not name, from the clause it is the setting or
    purpose of: "youths threw stones during demonstrations", "negotiators return to Geneva for
    talks" (the noun's event is the verb subject's); "issued a statement demanding ..." (a
    participle on a message noun: the sender of the message)."""
    if pos == "NOUN" and t.dep_ == "pobj" and t.head.lower_ in coder_words("setting-preposition") and \
            t.head.head.pos_ in ("VERB", "AUX") and not (
                t.head.lower_ == "for" and syntax.direct_object(t.head.head) is not None):
        # (but "blamed X for the attack", "thanked X for the aid": a reason, not a purpose)
        gov = t.head.head
    elif pos == "VERB" and t.dep_ == "acl" and t.tag_ == "VBG" and t.head.dep_ == "dobj":
        gov = t.head.head
    else:
        return None
    subj = syntax.subject(gov)
    if subj is None:
        return None
    f = finder.phrase(subj)
    if not any(a.country or a.sector for a in f.actors):
        return None
    return Found(f.actors, f.tokens, "setting-subject")


def _light_governor_subject(finder: ActorFinder, t: Token, light: frozenset[str]) -> Found | None:
    """"South Korea joined sanctions": the subject of the light verb acts."""
    gov = syntax.governor_verb(t)
    if gov is None or lemma_of(gov) not in light or \
            t.dep_ not in ("dobj", "pobj", "nsubjpass", "attr", "conj"):
        return None
    particle = syntax.child(gov, "prt")
    if particle is not None and \
            f"{lemma_of(gov)} {particle.lower_}" in coder_words("suppressing-phrasal"):
        return None  # "police broke up the rally": not the rally's doers
    if syntax.child(gov, "oprd") is not None:
        return None  # "the government called the march politically motivated": a naming
    subj = syntax.subject(gov) or (None if _put_under(t) else syntax.child(gov, "nsubjpass"))
    if subj is None:
        return None
    f = finder.phrase(subj)
    return Found(f.actors, f.tokens, "governor-subject") if f.actors else None


def _undergoer(finder: ActorFinder, t: Token) -> Found | None:
    """"A visitor was put under investigation in Italy": the one put under the act; "he
    received death threats", "WeWork is facing scrutiny from the SEC": the one who receives
    or faces it."""
    if _put_under(t):
        verb = t.head.head  # "was put under investigation", "a convoy came under attack"
        subj = syntax.child(verb, "nsubjpass") or (
            syntax.child(verb, "nsubj") if lemma_of(verb) in _COMING_UNDER_VERBS else None)
    elif _received(t):
        subj = syntax.child(t.head, "nsubj")
    else:
        subj = None
    if subj is None:
        return None
    f = finder.phrase(subj)
    return Found(f.actors, f.tokens, "undergoer") if f.actors else None


def _put_under(t: Token) -> bool:
    """"was placed under investigation", "were subjected to torture": the passive's subject
    undergoes the act the noun names; it does not do it ("were involved in clashes", "was
    invited to talks" do)."""
    if t.dep_ != "pobj":
        return False
    prep = t.head
    return prep.lower_ == "under" or (
        prep.lower_ == "to" and lemma_of(prep.head) in _UNDERGOING_VERBS)


def _received(t: Token) -> bool:
    """The act noun is the object of a verb of receiving it ("received death threats", "faces
    scrutiny"): the subject undergoes it."""
    return t.dep_ == "dobj" and t.head.pos_ == "VERB" and \
        lemma_of(t.head) in _RECEIVING_VERBS and not syntax.is_passive(t.head)


# Verbs whose subject comes under the act a noun after "under" names ("came under attack").
_COMING_UNDER_VERBS = frozenset({"come", "fall"})

# Verbs whose subject receives the act their object names ("received death threats").
_RECEIVING_VERBS = frozenset({"receive", "face", "suffer"})

# Verbs whose passive, with "to", puts its subject under an act ("subjected to torture").
_UNDERGOING_VERBS = frozenset({"subject", "expose"})

