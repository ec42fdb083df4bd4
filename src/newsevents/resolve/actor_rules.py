"""The rules that turn a read phrase into an Actor, in the order they run.

Each rule reads the ``Phrase`` (what its words name, and the context) and what earlier rules
decided (a ``Draft``); when it applies it adds to the draft and records its rule string, and it
says whether it applied. Where only one reading of a kind can hold (a capital is the government,
or a town of another country, or the place itself), ``FirstOf`` runs its rules until one
applies. A rule that decides the whole phrase (a person the table knows) sets ``Draft.final``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from .. import lexicon
from ..lexicon import actor_words, sector_codes
from ..records import Actor
from . import actor_groups as groups
from .actor_phrase import (
    ActorContext,
    Found,
    Phrase,
    Resolution,
    body_index,
    place_country,
    posted_to,
    scan,
    sector_index,
    sector_word_positions,
)
from .tables import country_name, norm
from .words import is_number_word, singular


def split_states() -> dict[str, dict[str, str]]:
    """word ("north") -> the article's country -> the half the word names (split_states.tsv)."""
    def build() -> dict[str, dict[str, str]]:
        halves: dict[str, dict[str, str]] = {}
        for row in lexicon.rows("split_states.tsv"):
            halves.setdefault(row.get(0), {})[row.get(1)] = row.get(2)
        return halves
    return lexicon.active().memo("split states", build)


@dataclass
class Draft:
    """What the rules have decided so far about a phrase."""

    person: str | None  # the person's name the phrase gives (from ``Phrase.head_name``)
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    name: str | None = None
    rules: list[str] = field(default_factory=list)
    final: Resolution | None = None  # set by a rule that decides the whole phrase

    def record(self, rule: str) -> bool:
        self.rules.append(rule)
        return True


Rule = Callable[[Phrase, Draft], bool]


@dataclass(frozen=True)
class FirstOf:
    """One choice among readings (an if/elif chain): the rules are tried in order until one
    applies."""

    rules: tuple[Rule, ...]

    def __call__(self, p: Phrase, d: Draft) -> bool:
        return any(rule(p, d) for rule in self.rules)


def named_country(p: Phrase, d: Draft) -> bool:
    """The first state named (its countries.tsv or capitals.tsv row) owns the phrase."""
    if p.first is None:
        return False
    d.country, d.name, d.kind = p.first.iso, country_name(p.first.iso), "state"
    return d.record(p.first.rule)


def capital_elsewhere(p: Phrase, d: Draft) -> bool:
    """"Tripoli" in a story on Lebanon: the Lebanese city, its people."""
    if p.first is None or p.how != "capital" or p.from_tail or p.context is None:
        return False
    pos = p.first.pos
    written = " ".join(p.words[pos:pos + p.head.lengths.get(pos, 1)])
    elsewhere = groups.capital_elsewhere(written, p.first.iso, p.context.main_countries,
                                         p.context.nearby_countries)
    if elsewhere is None:
        return False
    d.country, d.name, d.sector, d.kind = elsewhere[0], country_name(elsewhere[0]), "CVL", "group"
    return d.record(elsewhere[1])


def capital_as_government(p: Phrase, d: Draft) -> bool:
    """"Moscow says": the seat of power for its government (not "in Moscow")."""
    if p.how != "capital" or p.from_tail or p.text.split()[0].lower() in ("in", "at", "near"):
        return False
    d.sector = "GOV"
    return d.record("capital-as-government")


def capital_as_place(p: Phrase, d: Draft) -> bool:
    """"in Kabul", "militias in Tripoli": the city, its people."""
    if p.how != "capital":
        return False
    d.sector, d.kind = "CVL", "group"
    return d.record("capital-as-place")


def minority(p: Phrase, d: Draft) -> bool:
    """"ethnic Albanians in south Serbia", "the Turkish minority": a people living as a minority,
    of the country the text places it in; the demonym's own country only when the text names no
    other."""
    first = p.first
    if first is None or first.how != "adjective" \
            or not groups.is_minority(p.words, first.pos, p.head.lengths.get(first.pos, 1)):
        return False
    ctx = p.context
    lives = groups.lives_in(first.iso, [(c.iso, c.rule) for c in (p.tail.countries if p.tail else ())],
                            ctx.nearby_countries if ctx else (), ctx.main_countries if ctx else ())
    if lives is not None:
        d.country, d.name = lives[0], country_name(lives[0])
        d.record(lives[1])
    d.sector, d.kind = "CVL", "group"
    return d.record("minority")


def refugees_lives_in(p: Phrase, d: Draft) -> bool:
    """"Syrian refugees in Lebanon": the refugees of the country they live in (lives-in)."""
    first = p.first
    if first is None or first.how != "adjective" or p.tail is None \
            or p.words[p.cut] not in ("in", "inside", "living") \
            or not any(singular(w) == "refugee" for w in p.head_words):
        return False
    named = [c for c in p.tail.countries if c.how == "name" and c.iso != first.iso]
    if named:
        d.country, d.name = named[0].iso, country_name(named[0].iso)
        d.record("lives-in:" + named[0].rule)
    return True


def demonym_plural(p: Phrase, d: Draft) -> bool:
    """"Palestinians", "Iraqi Kurds": a people, its civilians; "Albanians of southern Serbia"
    live in the country the phrase places them in."""
    if p.first is None or p.how != "adjective" or p.head.sectors or p.body is not None \
            or p.from_tail:
        return False
    last = p.words[p.cut - 1]
    if not p.raw[p.cut - 1][:1].isupper() or last == singular(last):
        return False
    d.sector, d.kind = "CVL", "group"
    d.record("demonym-plural")
    named = [c for c in (p.tail.countries if p.tail else ()) if c.how == "name"]
    if named and named[0].iso != p.first.iso:
        d.country = named[0].iso
        d.record("lives-in:" + named[0].rule)
    return True


def demonym_noun(p: Phrase, d: Draft) -> bool:
    """A demonym standing alone as a noun ("a Palestinian was wounded"): one of its people
    (a plural one, "Palestinians", is taken by ``demonym_plural`` before). Callers that meet it
    as a modifier ("Russian and Ukrainian officials") resolve the whole noun phrase instead."""
    if p.how != "adjective" or len(p.words) != 1 or p.body is not None or p.head.sectors \
            or not p.raw[0][:1].isupper() or p.raw[0].isupper():
        return False
    d.sector, d.kind = "CVL", "person"
    return d.record("demonym-noun")


def split_state(p: Phrase, d: Draft) -> bool:
    """"the North", "the South's spy agency": the half of a split state the article is about."""
    if d.country is not None or p.context is None:
        return False
    for w in p.head_words:
        half = split_states().get(w.rstrip("'s"), {})
        iso = next((half[i] for i in p.context.main_countries if i in half), None)
        if iso is not None:
            d.country, d.name, d.kind = iso, country_name(iso), "state"
            return d.record(f"split-state:{w}")
    return False


def named_body(p: Phrase, d: Draft) -> bool:
    """A body of actors.tsv (its row): its name, sector and kind. Its country when the phrase
    names none, and always for a body of several states (IGO, NGO, IMG); a generic body ("aid
    groups", marked "?") yields to a named country, and one of any country ("*") has none."""
    body = p.body
    if body is None:
        return False
    country = body.country
    if country is not None and country.endswith("?"):
        country = None if d.country is not None else country[:-1]
    if country is not None and (d.country is None or country in sector_codes("non_state_actor")):
        d.country = country
    d.sector = body.sector or d.sector
    d.kind = body.kind or d.kind
    d.name = body.name
    return d.record(body.rule)


def office_after_body(p: Phrase, d: Draft) -> bool:
    """"Arab League Secretary-General ...": the office named after the body (its row). The body
    may come from the tail ("members of Islamic State (ISIS)"), with none before it."""
    if p.body is None or not p.head.bodies:
        return False
    last = p.head.bodies[-1].entry
    if last is p.body or not last.sector:
        return False
    d.sector, d.kind = last.sector, last.kind or d.kind
    return d.record(last.rule)


def sector_nouns(p: Phrase, d: Draft) -> bool:
    """The titles and head nouns (their sectors.tsv rows) say the sector, the tail's when the
    head has neither body nor sector word; sector words that all come before the body named in
    the head leave the body's own sector."""
    picked = _pick_sector(p.head, p.head_words)
    if picked is None and p.tail is not None and not p.head.bodies:
        picked = _pick_sector(p.tail, p.tail_words)  # "a member of the Syrian parliament"
    if picked is None:
        return False
    pos = max((s.pos for s in p.head.sectors), default=0)
    if p.head.bodies and pos < p.head.bodies[0].pos and p.body is not None:
        return False
    d.sector, d.kind = picked[0], picked[1]
    return d.record(picked[2])


def table_person(p: Phrase, d: Draft) -> bool:
    """The phrase is a person of persons.tsv ("President Putin", "Kofi Annan"): the table's
    country wins over the sentence's; a title in the phrase ("former President") says the
    sector."""
    match = p.table_person
    if match is None or match.end < p.cut:
        return False
    d.record(match.rule)
    sector = d.sector if p.titled and d.sector else match.sector
    d.final = Resolution(Actor(text=p.text, name=match.name, country=match.country,
                               sector=sector, kind="person"), tuple(d.rules))
    return True


def titled_person(p: Phrase, d: Draft) -> bool:
    """"Foreign Minister Choe Son Hui": a person, named. Records no rule of its own."""
    if p.titled_name is None:
        return False
    d.kind, d.name = "person", p.titled_name
    return True


def person_earlier_mention(p: Phrase, d: Draft) -> bool:
    """A titled person of no named country who was met earlier in the article: theirs."""
    if p.titled_name is None or d.country is not None:
        return False
    known = _known_person(p.titled_name, p.context)
    if known is None:
        return False
    d.country = known.country
    d.sector = d.sector or known.sector
    return d.record("person:earlier-mention")


def person_met_before(p: Phrase, d: Draft) -> bool:
    """A phrase of no country or sector that names a person met earlier ("Choe"): that person
    (rule "person:" and the name)."""
    if d.country is not None or d.sector is not None:
        return False
    known = _known_person(p.stripped, p.context)
    if known is None:
        return False
    d.final = Resolution(replace(known, text=p.text), ("person:" + (known.name or p.stripped),))
    return True


def person_modifier(p: Phrase, d: Draft) -> bool:
    """"Bush administration", "Putin's spokesman": the country of the person of persons.tsv."""
    match = p.table_person
    if d.country is not None or d.sector is None or match is None:
        return False
    d.country = match.country
    return d.record(match.rule + "+person-modifier")


def pronoun_its(p: Phrase, d: Draft) -> bool:
    """"its forces": of the state or organisation that was the subject just before."""
    owner = p.owner
    if d.country is not None or owner is None or owner.country is None:
        return False
    d.country = owner.country
    return d.record(f"pronoun:its>{owner.name or owner.country}")


def context_local(p: Phrase, d: Draft) -> bool:
    """"local authorities": of the place the sentence is in, else the article's country (a place
    the phrase names itself is read before: "the New York state attorney general")."""
    ctx = p.context
    if d.country is not None or d.sector is None or ctx is None \
            or not any(w in actor_words("own-country") for w in p.words):
        return False
    countries = ctx.nearby_countries or ctx.main_countries
    if not countries:
        return False
    d.country = countries[0]
    return d.record("context:local")


def context_country(p: Phrase, d: Draft) -> bool:
    """"President Mugabe", "Hutu rebel group", "Azadliq opposition coalition": a name the tables
    do not know, of the country the sentence is about (context:sentence-country), else of the
    article's (context:article-country)."""
    ctx = p.context
    if d.country is not None or d.sector is None or ctx is None or not _unknown_name(p, d):
        return False
    found = _context_country(p.words, ctx)
    if found is not None:
        d.country = found[0]
        d.record(found[1])
    non_state_armed_group(p, d)
    return True


def non_state_armed_group(p: Phrase, d: Draft) -> bool:
    """"Moslem forces", "Hutu fighters": armed men named by a people or faith rather than a
    state are a non-state armed group (run by ``context_country``)."""
    if d.sector != "MIL" or d.kind != "group" or d.person is not None:
        return False
    d.sector = "REB"
    return d.record("non-state-armed-group")


def place(p: Phrase, d: Draft) -> bool:
    """A town or region named in the phrase (rule "place:" and the gazetteer's); a town standing
    for its people ("clashes in Cizre"): PLOVER codes them CVL. Read before the sentence's
    countries (``context_country``): "Darfur rebels" are Sudanese even in a sentence that
    quotes a Chadian mediator."""
    if d.country is not None or (d.sector is None and not _is_proper(p.raw)) \
            or not (_has_proper_modifier(p.raw, p.head) or _is_proper(p.raw)):
        return False
    placed = place_country(p.raw, p.context)
    if placed is None or placed[0] in _hosts(p.words):
        return False  # (nor "the ambassador to Ukraine": where he serves)
    d.country = placed[0]
    if d.sector is None:
        d.sector, d.kind = "CVL", "group"
    d.kind = d.kind or "group"
    return d.record(placed[1])


def name_context_sentence_country(p: Phrase, d: Draft) -> bool:
    """A bare name the tables do not know ("Juan Ortega"): of the country its sentence is
    about, by guess."""
    ctx = p.context
    if d.country is not None or d.sector is not None or p.body is not None or ctx is None \
            or not ctx.nearby_countries or not _looks_like_person(p.raw):
        return False
    d.country, d.kind = ctx.nearby_countries[0], "person"
    d.name = d.person = " ".join(p.raw)
    return d.record("name+context:sentence-country")


RULES: tuple[Rule, ...] = (
    named_country,
    FirstOf((capital_elsewhere, capital_as_government, capital_as_place)),
    FirstOf((minority, refugees_lives_in, demonym_plural, demonym_noun)),
    split_state,
    named_body,
    office_after_body,
    sector_nouns,
    table_person,
    titled_person,
    person_earlier_mention,
    person_met_before,
    person_modifier,
    pronoun_its,
    place,
    context_local,
    context_country,
    name_context_sentence_country,
)


def apply_rules(p: Phrase, rules: Sequence[Rule] = RULES) -> Resolution | None:
    """The phrase's Actor and the rules that made it; None when it names no actor."""
    d = Draft(person=p.head_name)
    for rule in rules:
        rule(p, d)
        if d.final is not None:
            return d.final
    return _resolution(p, d)


def _resolution(p: Phrase, d: Draft) -> Resolution | None:
    if d.country is None and d.sector is None:
        return None
    name = d.name
    if d.kind == "person" and d.person is None and p.body is None:
        name = None  # "Russia's top diplomat": a role, its holder unnamed
    if name is None and d.kind != "person" and d.country not in sector_codes("non_state_actor"):
        name = country_name(d.country)
    return Resolution(Actor(text=p.text, name=name, country=d.country, sector=d.sector,
                            kind=d.kind), tuple(d.rules))


def _pick_sector(found: Found, words: Sequence[str]) -> tuple[str, str, str] | None:
    """(sector, kind, rule) of a phrase's titles and head nouns: the last one decides, except
    that a leader-like title takes the sector of a group word before it, and "former" makes a
    government title an elite (PLOVER ELI)."""
    if not found.sectors:
        return None
    ordered = sorted(found.sectors, key=lambda s: (s.pos + s.length, s.length))
    last = ordered[-1]
    kind = last.kind
    end = last.pos + last.length - 1
    head = words[end] if end < len(words) else ""
    if kind == "person" and head != singular(head) and head not in ("police",):
        kind = "group"  # "officials", "soldiers": more than one person
    if singular(head) in actor_words("leader"):
        group = next((s for s in reversed(ordered[:-1]) if s.sector != "GOV" and s.pos < last.pos),
                     None)
        if group is not None:
            return group.sector, kind, f"{group.rule}+{last.rule}"
    if last.sector == "GOV" and kind == "person" \
            and any(w.strip("-") in actor_words("former") for w in words[:last.pos]):
        return "ELI", kind, f"{last.rule}+former"
    return last.sector, kind, last.rule


def _known_person(name: str, context: ActorContext | None) -> Actor | None:
    """A person met earlier in the article by this name or by its last word (a surname)."""
    if context is None or not context.persons:
        return None
    key = norm(name).removesuffix("'s")
    if not key:
        return None
    if key in context.persons:
        return context.persons[key]
    words = key.split()
    known = context.persons.get(words[-1])
    if known is not None and len(words) > 1 and words[0] not in norm(known.name or "").split():
        return None  # "Laura Bush" is not the George Bush met earlier
    return known


def _unknown_name(p: Phrase, d: Draft) -> bool:
    """The phrase has a name the tables do not know, of an actor not said to be foreign: a
    titled person, or a capitalised modifier ("Hutu rebel group"); but an unknown acronym says
    nothing of an armed group's country ("FLA fighters")."""
    if any(w in actor_words("foreign") for w in p.words):
        return False
    if d.sector in sector_codes("acronym_group") and _acronym_group(p.raw, p.head):
        return False
    return (d.kind == "person" and d.person is not None) or _has_proper_modifier(p.raw, p.head)


def _context_country(words: Sequence[str], ctx: ActorContext) -> tuple[str, str] | None:
    """(ISO3, rule): the sentence's nearest country, else the article's; an "anti-Syria
    journalist" is not of the country the stance word names, an envoy not of the state he is
    posted to."""
    opposed = {c.iso for w in words if w.startswith(("anti-", "pro-"))
               for c in scan([w.split("-", 1)[1]]).countries}
    against = any(w.startswith("anti-") for w in words)
    hosts = _hosts(words)
    nearby = [c for c in ctx.nearby_countries
              if (c not in opposed or not against) and c not in hosts]
    if nearby:
        return nearby[0], "context:sentence-country"
    main = [c for c in ctx.main_countries if c not in hosts]
    if main:
        return main[0], "context:article-country"
    return None


def _hosts(words: Sequence[str]) -> set[str]:
    """The states a posted title serves in ("Kurt Volker, the former special envoy to Ukraine":
    actor_words.tsv's list posted): never the holder's own."""
    return {c.iso for i in posted_to(words) for c in scan(list(words[i + 1:i + 6])).countries}


def _acronym_group(raw: Sequence[str], found: Found) -> bool:
    """The only name in the phrase is an acronym the tables do not know ("FLA fighters"); for an
    armed group that says nothing of its country, which the coder takes from the event."""
    sector_positions = sector_word_positions(found)
    names = [w for i, w in enumerate(raw) if i not in found.covered and i not in sector_positions
             and w[:1].isupper()]
    return bool(names) and all(groups.is_acronym(w) for w in names)


def _looks_like_person(raw: Sequence[str]) -> bool:
    """Two to four capitalised words, none of them a known title, country, body or a word that
    names an organisation ("Third World Water Forum") or an event ("World War Two")."""
    words = [w for w in raw if w not in ("-",)]
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not any(
        norm(w) in body_index() or (singular(norm(w)),) in sector_index()
        or norm(w) in actor_words("organisation") or norm(w) in actor_words("event-name")
        for w in words)


def _is_proper(raw: Sequence[str]) -> bool:
    """Every word capitalised (or a joining word): a name, "Khanty-Mansiysk", "West Bank"."""
    return bool(raw) and all(w[:1].isupper() or w in ("of", "the", "al", "el", "-") for w in raw) \
        and raw[0][:1].isupper()


def _has_proper_modifier(raw: Sequence[str], found: Found) -> bool:
    """A capitalised word that is not a title, country or body: "Hutu" in "Hutu rebel group"."""
    sector_positions = sector_word_positions(found)
    for i, w in enumerate(raw):
        if i in found.covered or i in sector_positions or w == "'s":
            continue
        if w.lower().startswith(("pro-", "anti-")):
            return True  # "pro-Russian militia": a faction of the country at hand
        if w[:1].isupper() and norm(w) not in actor_words("foreign") and norm(w) not in actor_words("honorific") \
                and (singular(norm(w)),) not in sector_index() and not is_number_word(w):
            return True
    return False
