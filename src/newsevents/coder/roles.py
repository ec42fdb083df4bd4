"""Who did it and to whom: role specs of a lexicon row -> lists of Actors.

Actors come first from the resolver's ActorMentions over the role's noun phrase, then from
``resolve.actors.actor_for_text`` on the phrase text, then (for a pronoun) from the nearest
earlier actor of the right kind, then from a country-level PlaceMention in the phrase.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..records import Actor, ActorMention, Mentions, PlaceMention
from ..resolve import actors as resolve_actors
from ..resolve.tables import country_name
from . import syntax
from .match import lemma_of
from .tables import TriggerRow

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
THING_PRONOUNS = frozenset({"it", "its", "they", "them", "their", "theirs"})
WHERE = "where"  # actor spec: an agentless passive act of state is by the place's authorities
MUTUAL = "both"  # actor spec: the recipient of a reciprocal act is an actor too
COMPANION_PREPS = ("along", "together", "alongside")
NOT_ACTORS = frozenset({"DATE", "TIME", "ORDINAL", "CARDINAL", "MONEY", "PERCENT", "QUANTITY",
                        "EVENT", "LAW", "WORK_OF_ART", "LANGUAGE", "PRODUCT"})
VERBAL_TYPES = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT", "AGREE", "SUPPORT"})
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
    rule: str = ""  # how it was found: "mention", "text", "coref", "place", "governor"


def _span(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


class ActorFinder:
    """Actor lookups over one parsed article and its mentions."""

    def __init__(self, doc: Doc, mentions: Mentions,
                 civilian_words: frozenset[str] = frozenset(),
                 pair_words: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.civilian_words = civilian_words
        self.pair_words = pair_words
        self.actor_mentions: tuple[ActorMention, ...] = tuple(
            sorted(mentions.actors, key=lambda m: m.start))
        self._starts = [m.start for m in self.actor_mentions]
        self.places: tuple[PlaceMention, ...] = tuple(sorted(mentions.places, key=lambda m: m.start))
        self.dateline_end = 0  # a dateline ("BAMAKO, Mali — ") names the place of filing only

    def mentions_over(self, tokens: list[Token]) -> list[ActorMention]:
        out: list[ActorMention] = []
        for t in tokens:
            s, e = t.idx, t.idx + len(t)
            i = bisect.bisect_right(self._starts, e) - 1
            while i >= 0 and self.actor_mentions[i].end > s - 200:
                m = self.actor_mentions[i]
                if m.start < e and m.end > s and m not in out and m.start >= self.dateline_end:
                    out.append(m)
                i -= 1
        return sorted(out, key=lambda m: m.start)

    def places_over(self, tokens: list[Token]) -> list[PlaceMention]:
        spans = [(t.idx, t.idx + len(t)) for t in tokens]
        return [p for p in self.places if any(p.start < e and p.end > s for s, e in spans)]

    def previous_actor(self, before: int, person: bool) -> Actor | None:
        """Nearest actor mentioned before offset ``before`` (light coreference for pronouns)."""
        i = bisect.bisect_left(self._starts, before) - 1
        while i >= 0 and before - self.actor_mentions[i].start < 600:
            a = self.actor_mentions[i].actor
            text = self.actor_mentions[i].actor.text.lower()
            if text not in PERSON_PRONOUNS | THING_PRONOUNS and (a.kind == "person") == person:
                return a
            i -= 1
        return None

    def phrase(self, head: Token, deep: bool = True, generic: bool = False) -> Found:
        """Actors named by the noun phrase of ``head``; with ``generic``, an unknown common
        noun phrase ("the two sides") is kept as an actor without a country."""
        if head.idx < self.dateline_end:
            # the parser often makes the dateline the subject and hangs the real one on it
            # ("HAVANA — X and Y agreed": appos) or beside it ("BAMAKO — X fought": nsubj)
            alt = next((c for c in head.children if c.dep_ == "appos"
                        and c.idx >= self.dateline_end), None)
            if alt is None and head.head is not head:
                alt = next((c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")
                            and c.i != head.i and c.idx >= self.dateline_end), None)
            if alt is None:
                return Found((), (head,), "")
            head = alt
        core = syntax.core_tokens(head)
        found = self.mentions_over(core)
        actors = _unique(m.actor for m in found if m.actor.country or m.actor.name or m.actor.sector)
        if actors and deep and not any(a.country for a in actors):
            # "sending additional troops to Russia": a country further in beats a bare noun
            sub = sorted(head.subtree, key=lambda t: t.i)
            deeper = _unique(m.actor for m in self.mentions_over(sub) if m.actor.country)
            if deeper:
                return self._agent_first(head, Found(deeper, tuple(sub), "mention"))
        if not any(a.country for a in actors):
            origin = self._origin(head)
            if origin:  # "doctors from two American aid groups": of the groups' country
                return Found(tuple(replace(a, country=origin[0].country, name=origin[0].name)
                                   for a in actors) or origin, tuple(core), "from")
        if actors and not any(a.country for a in actors):
            actors = self._owner_country(head, actors)
        elif any(m.actor.country for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                 for g in c.children if g.dep_ == "pobj" for m in self.mentions_over([g])):
            actors = _share_country(actors, persons=True)  # "the president of Armenia"
        if actors:
            return Found(_coordinated_modifiers(head, actors), tuple(core), "mention")
        if head.pos_ == "PRON" and head.lower_ in PERSON_PRONOUNS | THING_PRONOUNS:
            prev = self.referent(head)
            return Found((replace(prev, text=head.text),) if prev else (), (head,), "coref")
        if head.lemma_.lower() in self.pair_words and any(
                c.lower_ in ("two", "both") for c in head.children):
            pair = self.previous_pair(head.idx)
            if pair:
                return Found(pair, tuple(core), "pair")
        text = self.doc.text[slice(*_span(core))]
        actor = resolve_actors.actor_for_text(text)
        if actor is not None and (actor.country or actor.sector):
            return Found((actor,), tuple(core), "text")
        if deep:
            sub = sorted(head.subtree, key=lambda t: t.i)
            found = self.mentions_over(sub)
            actors = _unique(m.actor for m in found if m.actor.country)
            if actors:
                return self._agent_first(head, Found(actors, tuple(sub), "mention"))
        for p in self.places_over(core):
            if p.place.country and p.place.precision in ("country", "city", "admin1"):
                return Found((Actor(text=self.doc.text[p.start:p.end],
                                    name=country_name(p.place.country),
                                    country=p.place.country, kind="state"),),
                             tuple(core), "place")
        if actor is not None:
            return Found((actor,), tuple(core), "text")
        if any(t.lemma_.lower() in self.civilian_words for t in core):
            return Found((Actor(text=text, sector="CVL", kind="group"),), tuple(core), "civilian")
        if head.pos_ in ("PROPN", "NOUN") and head.ent_type_ not in NOT_ACTORS and (
                head.pos_ == "PROPN" or head.ent_type_ or any(t.pos_ == "PROPN" for t in core)):
            # a named party the dictionaries do not know: kept as written, without a country
            return Found((Actor(text=text),), tuple(core), "unresolved")
        if head.pos_ == "NOUN" and (generic or head.dep_ in ("nsubj", "poss")) and \
                head.ent_type_ not in NOT_ACTORS:
            # "the two sides agreed": a party the text names only generically
            return Found((Actor(text=text),), tuple(core), "unresolved")
        return Found((), tuple(core), "")

    def referent(self, head: Token) -> Actor | None:
        """The actor a pronoun stands for (light coreference)."""
        prev = None
        anchor = head.head if head.dep_ == "poss" else head  # "their forces had ..."
        if anchor.dep_ in ("nsubj", "nsubjpass") and anchor.head.dep_ == "ccomp":
            # "The union announced that it has called off the strike": the announcer
            teller = syntax.subject(anchor.head.head)
            if teller is not None and teller.pos_ != "PRON":
                told = self.phrase(teller, deep=False)
                if told.actors and (told.actors[0].kind == "person") == (
                        head.lower_ in PERSON_PRONOUNS):
                    prev = told.actors[0]
        if prev is None and head.lower_ in THING_PRONOUNS and head.dep_ in ("nsubj", "nsubjpass"):
            prev = self.previous_subject(head)
        if prev is None:
            prev = self.previous_actor(head.idx, head.lower_ in PERSON_PRONOUNS)
        return prev

    def _origin(self, head: Token) -> tuple[Actor, ...]:
        """The country-bearing parties of a "from" phrase on ``head`` ("volunteers from a
        Norwegian charity"), which name the party the head belongs to."""
        if head.pos_ not in ("NOUN", "PROPN"):
            return ()
        for p in head.children:
            if p.dep_ == "prep" and p.lower_ == "from":
                for g in p.children:
                    if g.dep_ == "pobj" and g.ent_type_ not in NOT_ACTORS:
                        found = self.phrase(g, deep=False)
                        if found.rule in ("mention", "text") and any(
                                a.country for a in found.actors):
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
        doers = _unique(m.actor for m in self.mentions_over(words) if m.actor.country)
        return Found(doers, tuple(words), "agent") if doers else found

    def _owner_country(self, head: Token, actors: tuple[Actor, ...]) -> tuple[Actor, ...]:
        """"Bosnian Serbs said their forces had withdrawn": parties named by a possessive
        pronoun ("their forces", "its army") are of the country of the pronoun's referent."""
        poss = next((c for c in head.children if c.dep_ == "poss"
                     and c.lower_ in PERSON_PRONOUNS | THING_PRONOUNS), None)
        if poss is None:
            return actors
        ref = self.referent(poss)
        country = ref.country if ref is not None else None
        if country is None:
            return actors
        return tuple(replace(a, country=country) if a.country is None else a for a in actors)

    def previous_pair(self, before: int) -> tuple[Actor, ...]:
        """The last two states named before ``before`` ("the two nations")."""
        out: list[Actor] = []
        i = bisect.bisect_left(self._starts, before) - 1
        while i >= 0 and len(out) < 2 and before - self.actor_mentions[i].start < 800:
            a = self.actor_mentions[i].actor
            if a.country and a.kind != "person" and all(b.country != a.country for b in out):
                out.append(a)
            i -= 1
        return tuple(out) if len(out) == 2 else ()

    def previous_subject(self, pronoun: Token) -> Actor | None:
        """"It"/"they" as a subject most often continues the previous sentence's subject."""
        sent = pronoun.sent
        if sent.start == 0:
            return None
        prev = self.doc[sent.start - 1].sent
        subj = syntax.child(prev.root, "nsubj", "nsubjpass")
        if subj is None or subj.pos_ == "PRON":
            return None
        found = self.phrase(subj, deep=False)
        states = [a for a in found.actors if a.kind != "person" and a.country]
        return states[0] if states else None


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


def role_heads(t: Token, spec: str, pos: str) -> list[Token]:
    """The head tokens a role spec points at from trigger ``t``."""
    if spec == "subj":
        if pos == "VERB":
            subj = syntax.subject(t)
            heads = [subj] if subj is not None else []
            heads += syntax.preps(t, COMPANION_PREPS)
            return heads
        gov = syntax.governor_verb(t)
        subj = syntax.subject(gov) if gov is not None else None
        return [subj] if subj is not None else []
    if spec == "obj":
        obj = syntax.direct_object(t)
        return [obj] if obj is not None else []
    if spec == "dat":
        return [c for c in t.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"] + \
            [g for c in t.children if c.dep_ == "dative" and c.pos_ == "ADP"
             for g in c.children if g.dep_ == "pobj"]
    if spec.startswith("p:"):
        names = tuple(spec[2:].split("|"))
        found = syntax.preps(t, names, via_object=True)
        if not found and pos == "NOUN" and t.dep_ == "dobj" and t.head.pos_ == "VERB":
            # "opened investigations against 28 officials": the parser often hangs the
            # noun's phrase on its verb
            found = [g for g in syntax.preps(t.head, names) if g.i > t.i]
        return found
    if spec == "poss":
        return [c for c in t.children if c.dep_ == "poss"]
    if spec == "mod":
        return [c for c in t.children if c.dep_ in ("amod", "compound", "nmod")]
    if spec == "objmod":
        obj = syntax.direct_object(t)
        if obj is None:
            return []
        heads = [c for c in obj.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
        for of in syntax.preps(obj, ("of",)):
            heads += [c for c in of.children if c.dep_ in ("amod", "compound", "nmod", "poss")]
        return heads
    if spec == "speaker":  # "X said Y must ...": X
        for anc in syntax.ancestors_in_sentence(t):
            if anc.pos_ in ("VERB", "AUX") and anc.i != t.head.i:
                subj = syntax.subject(anc)
                if subj is not None:
                    return [subj]
        return []
    if spec == "headsubj":
        subj = syntax.subject(t.head)
        return [subj] if subj is not None else []
    if spec == "xrecip":
        out = []
        for c in t.children:
            if c.dep_ == "xcomp":
                o = syntax.direct_object(c)
                out += [o] if o is not None else []
                out += [x for x in c.children if x.dep_ == "dative"]
                out += syntax.preps(c, ("to", "for", "with", "from", "on", "against"),
                                    via_object=True)
        return out
    if spec == "clsubj":  # "concern that Russia may offer ...": the clause's subject
        out = []
        for c in t.children:
            if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX"):
                subj = syntax.subject(c)
                if subj is not None:
                    out.append(subj)
        return out
    if spec == "xobj":
        comps = [c for c in t.children if c.dep_ in ("xcomp", "ccomp")]
        obj = syntax.direct_object(t)
        if obj is not None:
            comps += [g for p in obj.children if p.dep_ == "prep"
                      for g in p.children if g.dep_ == "pcomp"]
        out = []
        for c in comps:
            o = syntax.direct_object(c)
            if o is not None:
                out.append(o)
        return out
    raise ValueError(f"unknown role spec {spec!r}")


def find_role(finder: ActorFinder, t: Token, row: TriggerRow, which: str,
              light: frozenset[str] = frozenset()) -> Found:
    """The actors of role ``which`` (actor / recipient) of trigger ``t`` under ``row``; a noun
    trigger under a light verb ("held talks") takes that verb's subject as its actor."""
    pos = row.pos
    specs = (row.actor if which == "actor" else row.recipient) or DEFAULT_ROLES[(pos, which)]
    specs = tuple(s for s in specs if s not in (MUTUAL, WHERE)) or DEFAULT_ROLES[(pos, which)]
    if which == "actor" and pos == "NOUN":
        under = _light_governor_subject(finder, t, light)
        if under is not None:
            return under
    fallback: Found | None = None
    for spec in specs:
        heads = role_heads(t, spec, pos)
        if not heads:
            continue
        actors: list[Actor] = []
        tokens: list[Token] = []
        rules = []
        for h in heads:
            # modifiers name actors only through mentions ("Ukrainian"), not generic words
            # (not into a phrase that holds the trigger itself: "demonstrators protesting X")
            f = finder.phrase(h, deep=spec not in ("mod", "objmod") and not (
                h.left_edge.i <= t.i <= h.right_edge.i),
                              generic=which == "actor" and spec not in ("mod", "objmod"))
            if spec in ("mod", "objmod") and f.rule not in ("mention", "text"):
                continue
            actors.extend(f.actors)
            tokens.extend(f.tokens)
            rules.append(f.rule)
        actors_t = _unique(actors)
        if len(heads) == 1 and len(actors_t) > 1 and len(syntax.conj_chain(heads[0])) > 1:
            actors_t = _share_country(actors_t)
        if actors_t:
            found = Found(actors_t, tuple(tokens), f"{spec}:{'+'.join(r for r in rules if r)}")
            if which == "actor" and not any(a.country or a.sector for a in actors_t):
                # "a statement demanding ...": the message is not the party; its sender is
                return _setting_subject(finder, t, pos) or found
            if which == "actor" or any(a.country for a in actors_t):
                return found
            # "threatened to resume attacks in Israel": a country named further on beats
            # a recipient phrase without one
            fallback = fallback or found
    if which == "recipient" and pos == "VERB" and row.type in VERBAL_TYPES:
        # "demanding that the government provide ...": the addressee is the clause's subject;
        # "agreed to provide aid for Romania": the complement's beneficiary
        for spec in ("clsubj", "xrecip"):
            for h in role_heads(t, spec, pos):
                f = finder.phrase(h, deep=False)
                if f.actors and f.rule in ("mention", "text", "place"):
                    return Found(f.actors, f.tokens, spec)
    if fallback is not None:
        return Found(fallback.actors, fallback.tokens, fallback.rule + "+no-country")
    if which == "actor":
        told = _setting_subject(finder, t, pos)
        if told is not None:
            return told
    return Found((), (), "")


def is_mutual(row: TriggerRow) -> bool:
    """A row whose actor roles include ``both``: a reciprocal act ("X telephoned Y", "X met
    Y", "X signed with Y"), where the other side acts as much as the subject does."""
    return MUTUAL in (row.actor or ())


def _authority_sector(row: TriggerRow) -> str:
    """Who does an agentless act of state: a court charges, convicts and jails ("legal" rows);
    the police arrest, detain and deport."""
    return "JUD" if "legal" in row.contexts else "COP"


def _agentless_passive(t: Token, row: TriggerRow) -> bool:
    return WHERE in (row.actor or ()) and syntax.is_passive(t) and \
        not any(c.dep_ == "agent" for c in t.children)


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
    p = next(p for p in places if p.place.country)
    return Found((_authority(p.place.country, row, text[p.start:p.end]),), (), "place-authority")


def home_authority(t: Token, row: TriggerRow, country: str | None) -> Found:
    """"Three people have been arrested": an agentless passive act of state whose sentence
    names no place is by the authorities of the story's own country (its dateline's, else the
    country its places and parties are mostly of)."""
    if country is None or not _agentless_passive(t, row):
        return Found((), (), "")
    return Found((_authority(country, row, ""),), (), "home-authority")


def _authority(country: str, row: TriggerRow, text: str) -> Actor:
    sector = _authority_sector(row)
    who = "judiciary" if sector == "JUD" else "police"
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


SETTING_PREPS = frozenset({"during", "for", "at", "in", "into"})


def _setting_subject(finder: ActorFinder, t: Token, pos: str) -> Found | None:
    """Actors of a trigger its own words do not name, from the clause it is the setting or
    purpose of: "youths threw stones during demonstrations", "negotiators return to Geneva for
    talks" (the noun's event is the verb subject's); "issued a statement demanding ..." (a
    participle on a message noun: the sender of the message)."""
    if pos == "NOUN" and t.dep_ == "pobj" and t.head.lower_ in SETTING_PREPS and \
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
    subj = syntax.subject(gov) or syntax.child(gov, "nsubjpass")
    if subj is None:
        return None
    f = finder.phrase(subj)
    return Found(f.actors, f.tokens, "governor-subject") if f.actors else None
