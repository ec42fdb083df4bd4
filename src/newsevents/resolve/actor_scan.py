"""Actor mentions in a parsed article, with light coreference.

Noun phrases, possessors and named entities are resolved in reading order with
``resolve_actor``; people met with a title are remembered by full name and by each part of
their name, so a later "Choe" or "She" resolves to the same person. A titled person the text does
not tie to a country inherits it from the last unnamed role of that sector ("his North Korean
counterpart ... Foreign Minister Choe Son Hui").
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from ..lexicon import actor_words, coder_words
from ..records import Actor, ActorMention
from .acronyms import defined_acronyms, spelled_acronyms
from .actor_groups import capital_namesake, is_acronym
from .actor_phrase import continent_region, name_after_body, site_named_after
from .actors import ActorContext, Resolution, case_sensitive_forms, gender_of, resolve_actor
from .place_scan import caps_dateline, heading_label
from .state_words import is_pair_phrase
from .states import pronoun_takes_state, state_pair_before, subject_state_before
from .tables import country_lexicon, norm, read_table
from .words import singular


@functools.lru_cache(maxsize=1)
def _longest_name_tokens() -> int:
    """Tokens in the longest state name: "Democratic People's Republic of Korea" is six, and
    must be tried before the "Republic of Korea" inside it."""
    lex = country_lexicon()
    keys = list(lex.names) + list(lex.adjectives) + list(lex.capitals)
    return max(len(k.replace("'s", " 's").split()) for k in keys)


def country_mentions(doc: Doc) -> list[tuple[int, str]]:
    """(character offset, ISO3) of every state named, by name, adjective or capital; the longest
    name wins."""
    return [(off, iso) for off, iso, _capital in _country_hits(doc)]


def _country_hits(doc: Doc) -> list[tuple[int, str, str | None]]:
    """(character offset, ISO3, the capital's name when the state is named by its capital)."""
    lex = country_lexicon()
    out: list[tuple[int, str, str | None]] = []
    # Span.text for every (start, length) would build a Span object each time; the same text is
    # a slice of doc.text from the first token's offset to the end of the last token.
    text = doc.text
    starts: list[int] = []
    ends: list[int] = []
    capital_first: list[bool] = []
    for t in doc:
        word = t.text
        starts.append(t.idx)
        ends.append(t.idx + len(word))
        capital_first.append(word[:1].isupper())
    n = len(starts)
    longest = _longest_name_tokens()
    upper = case_sensitive_forms()
    tables = (lex.names, lex.adjectives, lex.capitals)
    i = 0
    while i < n:
        if not capital_first[i]:  # every candidate starts with this token
            i += 1
            continue
        hit, how = None, ""
        for length in range(min(longest, n - i), 0, -1):
            span_text = text[starts[i]:ends[i + length - 1]]
            key = norm(span_text)
            if key in upper and not span_text.replace(".", "").replace("'s", "").isupper():
                continue  # "Car bombs", "Us and them": a code only in capitals ("CAR", "US")
            for table in tables:
                if key in table:
                    hit = (length, table[key][0], key if table is lex.capitals else None)
                    how = "adjective" if table is lex.adjectives else ""
                    break
            if hit:
                break
        if hit and (_inside_person_name(doc, i, hit[0]) or _maker(doc, i + hit[0]) or (
                hit[0] == 1 and i > 0 and continent_region(doc[i - 1].text, doc[i].text)) or
                site_named_after(how, doc[i + hit[0]].text if i + hit[0] < n else None)):
            i += hit[0]
        elif hit:
            out.append((starts[i], hit[1], hit[2]))
            i += hit[0]
        else:
            i += 1
    return out


def _maker(doc: Doc, after: int) -> bool:
    """"Iranian-made drones", "Czech-built launchers": the state that made or gave a thing is
    no party to what is done with it; "the Russian-occupied plant": nor the state that holds a
    place (the tokens after the name are "-" and the participle)."""
    return after + 1 < len(doc) and doc[after].text == "-" and (
        doc[after + 1].lower_ in actor_words("maker-participle")
        or doc[after + 1].lower_ in actor_words("holder-participle"))


def _inside_person_name(doc: Doc, i: int, length: int) -> bool:
    """"Chad Hull", "Jordan Henderson": a state's name that is only part of a person's name
    (the parser's PERSON entity reaches past it) names no state."""
    first, last = doc[i], doc[i + length - 1]
    if first.ent_type_ != "PERSON" or last.ent_type_ != "PERSON":
        return False
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    return ent is not None and ent.label_ == "PERSON" and (ent.start < i or ent.end > i + length)


def person_named_like_state(span: Span) -> bool:
    """"Chad Hull, 37, was arrested", "ARRESTS - Chad Hull": a person's name (the parser's
    PERSON entity, of more words than a state's name) that begins or ends with a state's name is
    no state, unless the phrase names the state apart from the person too."""
    names = [t for t in span if t.pos_ == "PROPN" and t.ent_type_ == "PERSON"]
    if len(names) < 2:
        return False
    lex = country_lexicon()
    if any(norm(t.text) in lex.names for t in span
           if t.pos_ == "PROPN" and t.ent_type_ != "PERSON"):
        return False  # ("Chad's president Mahamat Deby": the state is named on its own)
    ent = next((e for e in span.doc.ents if e.label_ == "PERSON" and e.start <= names[0].i < e.end),
               None)
    if ent is None or norm(ent.text) in lex.names:  # ("Burkina Faso" tagged as a person)
        return False
    # a proper part of the name, at its start or its end, is a state's name
    parts = [ent[:k] for k in range(1, len(ent))] + [ent[k:] for k in range(1, len(ent))]
    return any(norm(p.text) in lex.names for p in parts)


def main_countries(doc: Doc, limit: int = 4) -> tuple[str, ...]:
    """The countries an article is about: the most mentioned ones. A capital whose state the
    article does not name, and that is also a city of a state it does name, counts for neither:
    "Tripoli" in a story on Lebanon is the Lebanese city, not a sign of a story on Libya."""
    return _main_from_hits(_country_hits(doc), limit)


def _main_from_hits(hits: list[tuple[int, str, str | None]], limit: int = 4) -> tuple[str, ...]:
    named = tuple(dict.fromkeys(iso for _, iso, capital in hits if capital is None))
    counts = Counter(iso for _, iso, capital in hits
                     if capital is None or iso in named or capital_namesake(capital, named) is None)
    return tuple(iso for iso, _ in counts.most_common(limit))


@dataclass
class _State:
    persons: dict[str, Actor] = field(default_factory=dict)
    recent: list[tuple[Actor, str]] = field(default_factory=list)
    roles: list[Actor] = field(default_factory=list)  # unnamed persons with a country

    def remember(self, actor: Actor, gender: str = "") -> None:
        self.recent = [(a, g) for a, g in self.recent if a.name != actor.name]
        self.recent.insert(0, (actor, gender))
        name = actor.name or ""
        parts = name.split()
        for key in {name.lower(), *(p.lower() for p in parts if len(p) > 2)}:
            self.persons.setdefault(key, actor)

    def gender_of(self, actor: Actor) -> str:
        return next((g for a, g in self.recent if a.name == actor.name), "")

    def set_gender(self, actor: Actor, gender: str) -> None:
        self.recent = [(a, gender if a.name == actor.name and not g else g) for a, g in self.recent]


def _candidates(doc: Doc) -> list[Span]:
    """Noun phrases (and their possessors) and entities, in reading order, longest first."""
    spans: dict[tuple[int, int], Span] = {}
    for chunk in doc.noun_chunks:
        spans[(chunk.start, chunk.end)] = chunk
        for tok in chunk:
            if tok.dep_ == "poss" and tok.i < chunk.root.i:
                sub = doc[min(t.i for t in tok.subtree):tok.i + 1]
                if sub.start >= chunk.start:
                    spans[(sub.start, sub.end)] = sub
    for ent in doc.ents:
        if ent.label_ in ("PERSON", "ORG", "NORP", "GPE", "FAC") and not _describes_a_thing(ent):
            spans.setdefault((ent.start, ent.end), ent)
    for titled in _titled_names(doc):
        spans[(titled.start, titled.end)] = titled
    # gender_of's pronouns, one set for the whole doc rather than two look-ups a word
    pronouns = actor_words("male-pronoun") | actor_words("female-pronoun")
    for tok in doc:
        if tok.lower_ in pronouns and tok.pos_ == "PRON":
            spans.setdefault((tok.i, tok.i + 1), doc[tok.i:tok.i + 1])
    return [spans[k] for k in sorted(spans, key=lambda k: (k[0], -k[1]))]


def _describes_a_thing(ent: Span) -> bool:
    """"the Greek-Turkish border": a nationality word hyphened to another that together modify a
    noun names the two sides of that thing, not a person of the first ("Greek police" or "a
    Palestinian" stand as parties); one before a border noun names the border ("on the Thai
    border")."""
    root = ent.root
    head = root.head
    if ent.label_ != "NORP" or len(ent) != 1 or root.dep_ not in ("amod", "compound"):
        return False
    if head.pos_ == "NOUN" and head.lemma_.lower() in coder_words("border-noun"):
        return True  # "a stronghold on the Thai border": where, not who
    return head.i == root.i + 2 and root.nbor(1).text == "-" and head.pos_ in ("ADJ", "PROPN") and \
        head.dep_ in ("amod", "compound") and head.head.pos_ == "NOUN"


# Prepositions between a title and the state or body it serves in ("ambassador to Britain").
_POSTED = frozenset({"to", "at", "in"})


def _titled_names(doc: Doc) -> list[Span]:
    """"China's ambassador to Britain Liu Xiaming", "Pakistani Ambassador to Azerbaijan Bilal
    Hayee": the parser ends the title's phrase before "to" and the tagger joins the state and
    the name in one entity; the whole phrase names one person, of the title's state."""
    out: list[Span] = []
    for t in doc:
        if t.lower_ not in _POSTED or t.i == 0 or norm(doc[t.i - 1].text) not in _head_words():
            continue
        title = doc[t.i - 1]
        start = min([title.i] + [c.left_edge.i for c in title.children if c.i < title.i])
        end = t.i + 1
        if end < len(doc) and doc[end].lower_ == "the":
            end += 1
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
            end += 1
        span = doc[start:end]
        if end > t.i + 2 and name_after_body(span.text) is not None:
            out.append(span)
    return out


def _token_index(doc: Doc, countries: list[tuple[int, str]]) -> dict[int, int]:
    """Token index (-1 for none) at each country offset, found once per doc rather than once
    per phrase of the sentence."""
    out: dict[int, int] = {}
    for off, _iso in countries:
        if off not in out:
            hit = doc.char_span(off, off + 1, alignment_mode="expand")
            out[off] = hit.start if hit is not None else -1
    return out


def _host_of_posted(doc: Doc, i: int) -> bool:
    """The state named after "to" on a posted title ("envoy to Ukraine": actor_words.tsv's list
    posted)."""
    if i < 0:
        return False
    prep = doc[i].head
    return prep.lower_ == "to" and prep.dep_ == "prep" and \
        singular(prep.head.lower_) in actor_words("posted")


def _nearby(countries: list[tuple[int, str]], sent: Span, span: Span,
            token_at: dict[int, int] | None = None) -> tuple[str, ...]:
    """Countries named in the sentence outside the phrase itself: those in the phrase's own
    subtree first ("President X of Ruritania", an apposition), then those on the same side of
    its clause's verb ("Ruritania's envoy and President X said ..." before "... met Freedonia's
    leader"), nearest first within each. "President X met Obama in Washington": Washington is
    the other party's, not X's."""
    at = span.start_char
    doc = span.doc
    first, last, own_first, own_last = sent.start_char, sent.end_char, at, span.end_char
    inside = [(off, iso) for off, iso in countries
              if first <= off < last and not own_first <= off < own_last]
    if not inside:
        return ()  # most phrases: no country in the sentence, no need for the tree
    subtree = {t.i for t in span.root.subtree}
    verb = _clause_verb(span.root)
    ranked: list[tuple[int, int, str]] = []
    for off, iso in inside:
        if token_at is not None and off in token_at:
            i = token_at[off]
        else:
            hit = doc.char_span(off, off + 1, alignment_mode="expand")
            i = hit.start if hit is not None else -1
        if _host_of_posted(doc, i):
            continue  # "the former special envoy to Ukraine": where he serves, not his state
        if i in subtree:
            group = 0
        elif verb is not None and i >= 0 and (i < verb.i) == (span.start < verb.i):
            group = 1
        else:
            group = 2
        ranked.append((group, abs(off - at), iso))
    seen: list[str] = []
    for _, _, iso in sorted(ranked):
        if iso not in seen:
            seen.append(iso)
    return tuple(seen)


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause a word belongs to (None for a verbless fragment)."""
    seen = 0
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i and seen < 50:
        token = token.head
        seen += 1
    return token if token.pos_ in ("VERB", "AUX") else None


def _pronoun(span: Span) -> str | None:
    return span.text.lower() if len(span) == 1 and gender_of(span[0].lower_) is not None else None


def scan_actors(doc: Doc, countries: tuple[str, ...] | None = None,
                place_countries: list[tuple[int, str]] | None = None,
                year: int | None = None) -> list[ActorMention]:
    """Every actor mention in the doc, resolved in reading order. ``place_countries`` are
    (offset, ISO3) of towns and regions already resolved: "local police" near "Lviv" are
    Ukrainian. ``year`` (the article's) chooses among namesakes of the persons table."""
    return scan_actors_with(doc, country_mentions(doc), countries, place_countries, year)


def resolve_hits(doc: Doc) -> tuple[tuple[str, ...], list[tuple[int, str]]]:
    """``main_countries(doc)`` and ``country_mentions(doc)`` from one scan of the doc."""
    hits = _country_hits(doc)
    return _main_from_hits(hits), [(off, iso) for off, iso, _capital in hits]


def _heading_label(span: Span) -> bool:
    """"October 25: ARRESTS \u2013 Chad Hull, 37, ...": a blotter entry's capitals label after
    its date names no party (nor does the name hung on it as an apposition)."""
    first = span[0]
    return len(span) == 1 and first.i > 0 and span.doc[first.i - 1].text == ":" and \
        heading_label(first)


def scan_actors_with(doc: Doc, named_states: list[tuple[int, str]],
                     countries: tuple[str, ...] | None = None,
                     place_countries: list[tuple[int, str]] | None = None,
                     year: int | None = None) -> list[ActorMention]:
    """``scan_actors`` given the doc's ``country_mentions``, so a caller that has them already
    does not scan for them twice."""
    all_countries = sorted(named_states + list(place_countries or []))
    scan = _DocScan(doc, named_states, all_countries,
                    countries if countries is not None else main_countries(doc),
                    _token_index(doc, all_countries), year, defined_acronyms(doc.text),
                    spelled_acronyms(doc.text))
    for span in _candidates(doc):
        scan.take(span)
    return scan.out


# The tables of names: a resolution from one of them knows the body by name.
_NAME_TABLES = frozenset({"actors.tsv", "persons.tsv", "countries.tsv"})


@dataclass
class _DocScan:
    """One reading of a doc's candidate phrases, in order: the mentions found so far, the
    people met, and how far the phrases already taken reach."""

    doc: Doc
    named_states: list[tuple[int, str]]
    all_countries: list[tuple[int, str]]  # states and places named, by offset
    main: tuple[str, ...]
    token_at: dict[int, int]
    year: int | None
    acronyms: dict[str, str]  # acronym -> the name the article defines it for
    spelled: dict[str, str]  # acronym -> a name the article spells out before using it
    state: _State = field(default_factory=_State)
    out: list[ActorMention] = field(default_factory=list)
    covered_until: int = -1  # token index: phrases inside a taken one are skipped

    def take(self, span: Span) -> None:
        if caps_dateline(span) or _heading_label(span):
            return  # "BAMENDA, Cameroon (Agency) -": where the story was filed, never a party
        if _maker(self.doc, span.end):
            return  # "Czech-made": the maker of a thing
        pron = _pronoun(span)
        if span.start < self.covered_until and pron is None and not _is_possessor(span):
            return
        back = _state_reference(self.doc, span, self.out, self.named_states)
        if back:
            self.out.extend(back)
            self.covered_until = max(self.covered_until, span.end)
            return
        if pron is None and (self._inside_last(span) or self._possessor_in_name(span)):
            # "Democratic People's Republic of Korea": "Democratic People" is part of the name
            return
        res = self._resolve(span)
        if res is not None:
            self._add(span, res, pron)

    def _inside_last(self, span: Span) -> bool:
        """Inside the last mention, a person or a state's name."""
        if not self.out:
            return False
        last = self.out[-1]
        return last.start <= span.start_char and span.end_char <= last.end \
            and (last.actor.kind == "person" or _inside_state_name(last))

    def _possessor_in_name(self, span: Span) -> bool:
        """"the People's Daily", "the People's Liberation Army": a common word capitalised as
        the possessor in the last mention's capitalised name is part of that name, not a party
        ("the workers' union" and "China's army" keep theirs)."""
        after = span.end + (span.end < len(self.doc) and self.doc[span.end].tag_ == "POS")
        if not self.out or not _is_possessor(span) or after >= len(self.doc):
            return False
        last = self.out[-1]
        words = [t for t in span if t.pos_ not in ("DET", "PART") and t.tag_ != "POS"]
        return last.start <= span.start_char and span.end_char < last.end and bool(words) and \
            all(t.is_title and t.lower_ in _head_words() for t in words) and \
            self.doc[after].is_title

    def _resolve(self, span: Span) -> Resolution | None:
        state = self.state
        ctx = ActorContext(persons=dict(state.persons), recent_persons=tuple(state.recent),
                           main_countries=self.main,
                           nearby_countries=_nearby(self.all_countries, span.sent, span,
                                                    self.token_at),
                           year=self.year)
        if span[0].lower_ == "its" and len(span) > 1:
            ctx = replace(ctx, subject_state=subject_state_before(
                self.doc, self.out, span.start_char, organisations=True))
        bare = _without_article(span.text)
        defined = self.acronyms.get(bare)
        res = self._spelled(bare, ctx) if not defined else None
        how = "acronym-spelled"
        if res is None:
            res = resolve_actor(defined or _with_apposition(span), ctx)
            how = "acronym-defined" if defined else "apposition"
        if res is None:
            return None
        if res.actor.text != span.text:
            res = Resolution(replace(res.actor, text=span.text), res.rules + (how,))
        if res.actor.kind == "state" and person_named_like_state(span):
            return None
        if not _acceptable(span, res) or any(r.startswith("place:") for r in res.rules):
            # towns stand for their people only when the coder asks about an argument
            return None
        return res

    def _spelled(self, acronym: str, ctx: ActorContext) -> Resolution | None:
        """The body an acronym stands for when the article spelled out, before it, a name the
        tables know with its letters ("Rapid Support Forces", then "RSF": not the press
        freedom group the tables also call RSF); a name they do not know says less than the
        acronym itself."""
        name = self.spelled.get(acronym)
        res = resolve_actor(name, ctx) if name else None
        known = res is not None and any(r.split(":")[0] in _NAME_TABLES for r in res.rules)
        return res if known else None

    def _add(self, span: Span, res: Resolution, pron: str | None) -> None:
        actor, rule = res.actor, res.rule
        if pron is not None:
            gender = gender_of(pron)
            if actor.name and gender is not None:
                self.state.set_gender(actor, gender)
                self.state.remember(actor, gender)
        elif actor.kind == "person":
            actor, rule = _bind_person(actor, rule, self.state)
        self.out.append(ActorMention(span.start_char, span.end_char, actor, rule))
        if pron is None:
            self.covered_until = max(self.covered_until, span.end)


def _inside_state_name(mention: ActorMention) -> bool:
    """A mention that is only a state's name, so every phrase inside it is part of the name."""
    actor = mention.actor
    return actor.kind == "state" and actor.sector is None and "+" not in mention.rule


def _state_reference(doc: Doc, span: Span, found: list[ActorMention],
                     named_states: list[tuple[int, str]]) -> list[ActorMention]:
    """Mentions for "it" after a state subject and for "the two nations" (one per state)."""
    if len(span) == 1 and pronoun_takes_state(span[0]):
        antecedent = subject_state_before(doc, found, span.start_char, organisations=True)
        if antecedent is None:
            return []
        return [ActorMention(span.start_char, span.end_char, replace(antecedent, text=span.text),
                             f"pronoun:it>{antecedent.name or antecedent.country}")]
    if len(span) <= 4 and is_pair_phrase(span.text):
        pair = state_pair_before(doc, span.start_char, named_states)
        if pair is None:
            return []
        rule = f"pair:{pair[0].country}+{pair[1].country}"
        return [ActorMention(span.start_char, span.end_char, replace(a, text=span.text), rule)
                for a in pair]
    return []


def _without_article(text: str) -> str:
    return text[4:] if text[:4] in ("the ", "The ") else text


def _with_apposition(span: Span) -> str:
    """"Kofi Annan, the U.N. secretary-general, said": the title in apposition goes before the
    name, as if written "U.N. Secretary-General Kofi Annan"."""
    root = span.root
    if root.pos_ != "PROPN" or norm(_without_article(span.text)) in country_lexicon().names:
        return span.text  # ("Pakistan, a key U.S. ally, refused ...": a state is its own name)
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and not (
                child.left_edge.i == child.right_edge.i and is_acronym(child.text)):
            # ("Rapid Support Forces (RSF)": the bracketed acronym is the name again)
            appos = span.doc[child.left_edge.i:child.right_edge.i + 1]
            words = appos.text.split()
            if words and words[0].lower() in ("the", "a", "an"):
                words = words[1:]
            if 0 < len(words) <= 8:
                return " ".join(words) + " " + span.text
            employer = _employer(child)
            if employer is not None:
                return f"{employer} {child.text} {span.text}"
    return span.text


def _employer(title: Token) -> str | None:
    """"Philip Luther, Research and Advocacy Director for the Middle East and North Africa at
    Amnesty International": in a long title the organisation after "at"/"of"/"with" is the
    person's ("Amnesty International Director Philip Luther"), not the region the post covers."""
    for prep in title.children:
        if prep.dep_ != "prep" or prep.lower_ not in actor_words("employer-preposition"):
            continue
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if obj is not None and obj.ent_type_ == "ORG":
            return title.doc[obj.left_edge.i:obj.i + 1].text
    return None


def _is_possessor(span: Span) -> bool:
    return span[-1].dep_ == "poss" or (len(span) > 1 and span[-1].tag_ == "POS")


@functools.lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    """Last words of the sector table's rows: nouns that make a phrase an actor."""
    return frozenset(row.get(0).split()[-1] for row in read_table("sectors.tsv"))


def _acceptable(span: Span, res: Resolution) -> bool:
    """A noun phrase counts as an actor when its head is the actor word: "Russia's top diplomat"
    yes, "the Pentagon's statement" no (its possessor is taken on its own)."""
    root: Token = span.root
    if len(span) == 1 or root.pos_ == "PROPN" or root.ent_type_ or (res.actor.kind == "state" \
            and root.pos_ != "NOUN"):
        return True
    return party_head(root)


def party_head(head: Token) -> bool:
    """The head noun names a party: a person ("mother"), or a word of the sector table ("the
    joint military exercises" is a thing, "the military" a party)."""
    if gender_of(head.lower_) is not None:
        return True
    return singular(head.text) in _head_words() or head.lower_ in _head_words()


def _title_words(text: str) -> set[str]:
    return {w for w in norm(text).split() if w in _head_words() and w not in ("'s",)}


def _bind_person(actor: Actor, rule: str, state: _State) -> tuple[Actor, str]:
    if actor.name is None:
        if actor.country is not None:
            state.roles.append(actor)
        return actor, rule
    known = state.persons.get(actor.name.lower())
    if known is not None and actor.country is None:
        actor = replace(actor, country=known.country, sector=actor.sector or known.sector,
                        name=known.name)
        rule += "+person:earlier-mention"
    elif actor.country is None or "context:sentence-country" in rule:
        role = _role_of(actor, state.roles)
        if role is not None:
            actor = replace(actor, country=role.country)
            rule = rule.replace("+context:sentence-country", "") + f"+role:{role.text}"
            state.roles.remove(role)
    else:
        state.roles = [r for r in state.roles if not (r.country == actor.country
                                                       and r.sector == actor.sector)]
    if actor.name and actor.country is not None:
        state.remember(actor, state.gender_of(actor))
    return actor, rule


def _role_of(actor: Actor, roles: list[Actor]) -> Actor | None:
    """The unnamed role a named person fills: the latest with the same title ("Ukraine's foreign
    minister" ... "Foreign Minister X"), else the latest of that sector ("his North Korean
    counterpart")."""
    titles = _title_words(actor.text)
    candidates = [r for r in roles if r.sector == actor.sector]
    same_title = [r for r in candidates if titles & _title_words(r.text)]
    chosen = same_title or candidates
    return chosen[-1] if chosen else None
