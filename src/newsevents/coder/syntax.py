"""Dependency-parse helpers: grammatical roles of a trigger, with voice and control handled.

``subject(t)`` of a passive verb is its ``by`` agent; ``object(t)`` of a passive verb is its
passive subject. A verb without a subject borrows one the way English grammar lends it: a
conjoined verb from its first conjunct, a complement ("agreed to cooperate") from its governor
(or the governor's object under object control: "urged Iran to stop"), and the verb after
"accuse X of" from X.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.tokens import Span, Token

from ..lexicon import coder_words, place_words
from ..resolve.place_scan import heading_label

SUBJ = ("nsubj", "csubj", "expl")
CLAUSAL = ("relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "pcomp")


PART_KEY = "newsevents_part"  # Doc.user_data key: the article part a parsed text is (front)


def headline_passive(t: Token) -> bool:
    """Headlines drop the "was" of a passive: "Man stabbed to death on train", "Suspect
    arrested in Boston" (a participle with a subject, or hung on a noun, and no object)."""
    return t.doc.user_data.get(PART_KEY) == "headline" and t.pos_ == "VERB" and \
        t.tag_ in ("VBN", "VBD") and child(t, "dobj", "obj", "aux", "auxpass") is None and (
            child(t, "nsubj") is not None or (t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN")))


def passive_subject(t: Token) -> Token | None:
    """Whom a passive verb is done to: its passive subject ("the man was stabbed"), the
    subject of a headline's participle ("Man stabbed"), or the subject a conjoined passive
    shares with its first verb ("the man turned himself in and was charged")."""
    own = _nearest_passive_subject(t)
    if own is not None and own.tag_ in ("WP", "WDT") and t.dep_ == "relcl":
        return t.head  # "Jackson, who was arrested in Springfield": Jackson
    if own is not None:
        return own
    if headline_passive(t):
        return child(t, "nsubj") or t.head
    if _conjoined_verb(t) and child(t, "nsubj") is None:
        return child(t.head, "nsubjpass", "nsubj")
    if _predicative_participle(t):
        return child(t.head, "nsubjpass", "dobj")
    return None


def _nearest_passive_subject(t: Token) -> Token | None:
    """"A video showing the moment a girl was rescued by police was released": the parser
    may hang two passive subjects on one verb; the one nearest before it is its own, unless
    it follows a comma, as a person's town does ("Casey Conaway, 30, Edinburg was arrested")."""
    own = [c for c in t.children if c.dep_ == "nsubjpass"]
    before = [c for c in own if c.i < t.i] or own
    parties = [c for c in before if c.left_edge.i == 0 or c.doc[c.left_edge.i - 1].text != ","]
    chosen = parties or before
    return chosen[-1] if chosen else None


# Verbs that say in what state someone was found or left ("was found fatally wounded").
_FOUND_IN_STATE = frozenset({"find", "leave", "discover"})


def _predicative_participle(t: Token) -> bool:
    """"Thomas was found fatally wounded", "the blast left two people wounded": a participle
    said of the finding or leaving verb's passive subject or object (the parser hangs it as
    oprd, xcomp or advcl)."""
    return t.dep_ in ("oprd", "xcomp", "advcl") and t.tag_ == "VBN" and \
        t.head.lemma_.lower() in _FOUND_IN_STATE and \
        child(t, "nsubj", "nsubjpass", "mark") is None


def _participle_with_agent(t: Token) -> bool:
    """"an exchange mediated by the United Arab Emirates", "talks brokered by Qatar", "as
    demonstrated by his departure": a participle with its doer after "by" and no auxiliary or
    subject of its own (right after the noun it is said of, or opening a clause)."""
    if t.tag_ != "VBN" or not any(c.dep_ == "agent" for c in t.children):
        return False
    if t.dep_ == "acl":
        return t.i == t.head.i + 1
    return t.dep_ == "advcl" and child(t, "aux", "nsubj") is None


def agentless_passive(t: Token) -> bool:
    """A passive verb with no doer after "by" ("was arrested", "was suspended")."""
    return is_passive(t) and child(t, "agent") is None


def is_passive(t: Token) -> bool:
    """A passive verb, also one that shares its first verb's "was" ("was convicted and
    sentenced") or a participle with its doer after "by" ("talks mediated by Qatar")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children) or headline_passive(t) or \
            _predicative_participle(t) or _participle_with_agent(t):
        return True
    return _conjoined_verb(t) and t.tag_ == "VBN" and child(t, "nsubj", "aux", "dobj") is None \
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in t.head.children)


def present_perfect(t: Token) -> bool:
    """"has blocked", "have been killed", "has launched an attack": the tense of news told
    with its bearing on the present (background is told in the simple or past perfect)."""
    verb = t if t.pos_ in ("VERB", "AUX") else governor_verb(t)
    if verb is None:
        return False
    for _ in range(3):  # "police have laid siege ..., pinning students inside and threatened"
        if not _shares_auxiliary(verb):
            break
        verb = verb.head
    return any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") and c.lemma_.lower() == "have"
               for c in verb.children)


def told_in_past(t: Token) -> bool:
    """"concluded its hearing", "asked": told in the simple past (its verb's, for a noun)."""
    verb = t if t.pos_ in ("VERB", "AUX") else governor_verb(t)
    return verb is not None and verb.tag_ == "VBD"


def told_in_simple_past(t: Token) -> bool:
    """"detained", "were detained": the simple past, active or passive (not the perfect)."""
    if t.tag_ == "VBD":
        return True
    return t.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in t.children)


def told_as_done(t: Token) -> bool:
    """In the simple past ("cleared"), or in a past or perfect with no modal ("were arrested",
    "have cleared"): the trigger's verb, or the verb its noun hangs on."""
    verb = t if t.pos_ in ("VERB", "AUX") else governor_verb(t)
    if verb is None:
        return False
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in auxes):
        return False
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in auxes) or (
        verb.tag_ == "VBN" and any(c.lemma_ == "have" for c in auxes))


def told_in_present(t: Token) -> bool:
    """"are urging", "says", "which Islamabad denies": what goes on as the story is told, not a
    happening told before."""
    return t.tag_ in ("VBZ", "VBP") or (t.tag_ == "VBG" and any(
        c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in t.children))


def _shares_auxiliary(verb: Token) -> bool:
    """A verb conjoined to another, with no subject or auxiliary of its own, or a participle
    going on from one ("laid siege, pinning ..."), is told in that verb's tense."""
    if verb.head.pos_ != "VERB" or verb.head.i == verb.i or any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return False
    return (verb.dep_ == "conj" and verb.tag_ in ("VBN", "VBD", "VBG")) or (
        verb.dep_ == "advcl" and verb.tag_ == "VBG")


def _conjoined_verb(t: Token) -> bool:
    return t.dep_ == "conj" and t.pos_ == "VERB" and t.head.pos_ in ("VERB", "AUX")


def child(t: Token, *deps: str) -> Token | None:
    for c in t.children:
        if c.dep_ in deps:
            return c
    return None


def preps(t: Token, names: Collection[str] | None = None, via_object: bool = False) -> list[Token]:
    """Objects of prepositions hanging on ``t`` (``names`` filters by preposition lemma); with
    ``via_object``, also those the parser hung on the verb's object ("provided shells to X")."""
    out = _preps(t, names)
    if not out and via_object and t.pos_ in ("VERB", "AUX"):
        obj = direct_object(t)
        if obj is not None:
            for x in conj_chain(obj):
                out.extend(_preps(x, names))
    return out


# What an event noun's own phrase holds when it tells a happening of its own: a date, a place, a
# number ("the April 8 shooting", "the shooting in Leeds", "the two attacks", "amid protests in
# Hong Kong on Sunday"; not "the attack", "amid worsening protests").
_OWN_DETAILS = frozenset({"DATE", "TIME", "GPE", "LOC", "FAC", "CARDINAL", "QUANTITY"})


def own_details(noun: Token) -> bool:
    """The noun's phrase gives a date, a place or a number of its own."""
    return any(x.like_num or x.ent_type_ in _OWN_DETAILS for x in noun.subtree if x.i != noun.i)


def definite(noun: Token) -> bool:
    """"the attack", "this shelling": a noun with a determiner that refers back."""
    return any(c.dep_ == "det" and c.lower_ in coder_words("anaphoric-start")
               for c in noun.children)


def holds(head: Token, t: Token) -> bool:
    """The phrase of ``head`` holds ``t`` ("demonstrators protesting X": the protesting)."""
    return head.left_edge.i <= t.i <= head.right_edge.i


def noun_preps(t: Token, names: Collection[str]) -> list[Token]:
    """Objects of prepositions on ``t``; for an object noun with none, those the parser hung on
    its verb after it ("opened investigations against 28 officials", "deflected attacks on his
    loyalty"), and so for the subject of a verb with no object ("Clashes broke out between
    police and protesters")."""
    found = preps(t, names)
    if not found and t.pos_ == "NOUN" and t.head.pos_ == "VERB" and (
            t.dep_ == "dobj" or (t.dep_ == "nsubj" and direct_object(t.head) is None)):
        found = [g for g in preps(t.head, names) if g.i > t.i]
    return found


def _preps(t: Token, names: Collection[str] | None) -> list[Token]:
    out: list[Token] = []
    for c in t.children:
        if c.dep_ in ("prep", "agent", "dative") and (names is None or c.lower_ in names):
            out.extend(g for g in c.children if g.dep_ in ("pobj", "pcomp"))
            # "along with", "together with": the object sits one level down
            for g in c.children:
                if g.dep_ == "prep":
                    out.extend(x for x in g.children if x.dep_ == "pobj")
    return out


def subject(t: Token, depth: int = 0) -> Token | None:
    """Who does ``t``: a passive verb's agent, the verb's own subject, else one it borrows
    (``SUBJECT_LENDERS``: the first whose case holds lends it)."""
    if is_passive(t):
        return _passive_agent(t)
    # (not csubj: "Meeting X, Y hailed")
    own = _own_subject(t) or child(t, "expl") or _subject_in_fronted_phrase(t)
    if own is not None and own.lower_ == "who" and t.dep_ == "relcl" and \
            t.head.pos_ in ("NOUN", "PROPN"):
        return t.head  # "the gunmen who killed 12 villagers": the gunmen
    if own is not None or depth > 4 or t.head.i == t.i:
        return own
    for holds, lend in SUBJECT_LENDERS:
        if holds(t):
            return lend(t, depth)
    return None


def _subject_in_fronted_phrase(t: Token) -> Token | None:
    """"With the signing of a memorandum on the cessation of hostilities, the government and the
    SPLM have agreed ...": the parser may hang the subject, after the comma that closes a
    phrase put before the verb, inside that phrase; the noun opening the words between that
    comma and the verb (with its auxiliaries) is the subject."""
    if t.pos_ != "VERB" or child(t, "nsubjpass", "csubj") is not None or \
            not any(c.dep_ == "prep" and c.i < t.i for c in t.children):
        return None
    start = min([t.i] + [c.i for c in t.children if c.dep_ in ("aux", "auxpass", "neg")
                         and c.i < t.i])
    comma = next((x for x in reversed(t.doc[t.sent.start:start]) if x.text == ","), None)
    if comma is None or start - comma.i < 2:
        return None
    words = t.doc[comma.i + 1:start]
    nouns = [x for x in words if x.pos_ in ("NOUN", "PROPN") and x.dep_ in ("conj", "appos")
             and not words.start <= x.head.i < words.end]
    return nouns[0] if len(nouns) == 1 else None


def _own_subject(t: Token) -> Token | None:
    """The verb's subject; of two the parser gave it ("October 22: ACCIDENT - A vehicle ... was
    southbound"), not the date: a date says when, not who."""
    subjects = [c for c in t.children if c.dep_ == "nsubj"]
    return next((c for c in subjects if c.ent_type_ not in ("DATE", "TIME")),
                subjects[0] if subjects else None)


def _passive_agent(t: Token) -> Token | None:
    for c in t.children:
        if c.dep_ == "agent":
            return child(c, "pobj")
    if t.lemma_.lower() in coder_words("stative"):  # "Vietnam is committed to ...": a stance, not a passive
        return passive_subject(t)
    return None


def phrase_top(head: Token) -> Token:
    """"Doctors from two aid groups donated ...": the whole phrase a noun heads."""
    top = head
    while top.dep_ == "pobj" and top.head.dep_ == "prep" and \
            top.head.head.pos_ in ("NOUN", "PROPN"):
        top = top.head.head
    return top


def _verbless_phrase(t: Token) -> bool:
    """"The rebels disarmed ...", parsed as a verbless noun phrase; a participle with its own
    direct object (or one on a verb joined to it: "donated and delivered goods") is such a
    finite verb too ("The president shortened the curfew")."""
    head = t.head
    if t.dep_ != "acl" or head.pos_ not in ("NOUN", "PROPN") or head.i >= t.i:
        return False
    if _clause_after_conjunction(t):
        return True
    if phrase_top(head).dep_ != "ROOT":
        return False
    if not any(x.pos_ in ("VERB", "AUX") for x in t.sent if x.i != t.i):
        return True
    return t.tag_ in ("VBD", "VBN") and any(child(v, "dobj") is not None for v in conj_chain(t))


# Conjunctions the parser takes for prepositions ("after an outbreak killed a couple").
_CONJUNCTION_PREPOSITIONS = frozenset({"after", "before", "since", "until", "till"})


def _clause_after_conjunction(t: Token) -> bool:
    """"after an outbreak of plague killed a couple", parsed as the noun "outbreak" with a
    relative "killed": a past-tense verb with an object of its own, on the object of a
    conjunction read as a preposition, is that noun's verb."""
    top = phrase_top(t.head)
    return t.tag_ == "VBD" and child(t, "dobj") is not None and top.dep_ == "pobj" and \
        top.head.lower_ in _CONJUNCTION_PREPOSITIONS


def _noun_participle(t: Token) -> bool:
    """"demonstrators protesting the results": the demonstrators protest."""
    return t.dep_ == "acl" and t.tag_ == "VBG" and t.head.pos_ in ("NOUN", "PROPN")


def _joined(t: Token) -> bool:
    """A conjoined verb, or a predicate ("France is ready to contribute": ready -> is)."""
    return t.dep_ in ("conj", "acomp", "attr")


def _open_complement(t: Token) -> bool:
    return t.dep_ == "xcomp"


def _verb_preposition_clause(t: Token) -> bool:
    """"accused X of attacking": the clause on a verb's preposition."""
    return t.dep_ == "pcomp" and t.head.dep_ == "prep" and t.head.head.pos_ in ("VERB", "AUX")


def _clause_on_verb(t: Token) -> bool:
    return t.dep_ in ("advcl", "ccomp", "csubj") and t.head.pos_ in ("VERB", "AUX")


def _head_subject(t: Token, depth: int) -> Token | None:
    return subject(t.head, depth + 1)


def _controller(t: Token, depth: int) -> Token | None:
    """"urged Iran to stop": the governor's object; "is willing to withdraw": the subject of
    the adjective's verb; "is alleged to have flung": the passive's subject; else the
    governor's subject ("agreed to cooperate", "used tear gas to disperse": a means-verb's
    object is what the act is done with)."""
    head = t.head
    obj = child(head, "dobj") if head.lemma_.lower() not in coder_words("means-verb") else None
    if obj is None and head.pos_ == "ADJ" and head.head.i != head.i:
        return subject(head.head, depth + 1)
    if obj is None and child(head, "nsubjpass") is not None and subject(head, depth + 1) is None \
            and any(c.dep_ == "aux" and c.lower_ == "have" for c in t.children):
        # "The accused is alleged to have flung stones", "is said to have fired": the one the
        # passive reports of did the act ("is expected to sign" tells no act done)
        return child(head, "nsubjpass")
    return obj if obj is not None else subject(head, depth + 1)


def _accused(t: Token, depth: int) -> Token | None:
    """"accuse X of attacking": X; else the verb's subject."""
    gov = t.head.head
    obj = child(gov, "dobj")
    return obj if obj is not None and t.head.lower_ == "of" else subject(gov, depth + 1)


def _active_after_reported_passive(t: Token) -> bool:
    """"X said that Y had been arrested on charges ..., and accused him of ...": an active verb
    with an object, joined to a passive that names no agent inside what was said, is the
    teller's act (the parser hangs "accused" on "arrested")."""
    head = t.head
    return t.dep_ == "conj" and not is_passive(t) and child(t, "dobj") is not None and \
        head.dep_ == "ccomp" and is_passive(head) and _passive_agent(head) is None


def _main_clause_subject(t: Token, depth: int) -> Token | None:
    """"Meeting X in Moscow, Lavrov hailed ...": the participle shares the main subject (a
    complement clause does not)."""
    return subject(t.head, depth + 1) if t.dep_ in ("advcl", "csubj") else None


SUBJECT_LENDERS: tuple[tuple[Callable[[Token], bool], Callable[[Token, int], Token | None]],
                       ...] = (
    (_verbless_phrase, lambda t, depth: phrase_top(t.head)),
    (_noun_participle, lambda t, depth: t.head),
    (_active_after_reported_passive, lambda t, depth: subject(t.head.head, depth + 1)),
    (_joined, _head_subject),
    (_open_complement, _controller),
    (_verb_preposition_clause, _accused),
    (_clause_on_verb, _main_clause_subject),
)


def described_name(noun: Token) -> Token:
    """The name a description is of: up from a noun inside one ("Bhamo, a trading town on the
    Irrawaddy River in Kachin state") through its prepositional phrases to the apposition and
    the name it describes ("Bhamo"); ``noun`` itself when it is in no apposition."""
    top, described = noun, noun
    for _ in range(8):
        if top.dep_ == "pobj" and top.head.dep_ == "prep" and top.head.head.pos_ in ("NOUN", "PROPN"):
            top = top.head.head
        elif top.dep_ == "appos":
            top = described = top.head
        else:
            break
    return described


def relative_adverb(verb: Token) -> str | None:
    """"where", "when" or "why" opening ``verb``'s relative clause ("the town where troops
    battled"), lowercased; None when the clause has none."""
    return next((c.lower_ for c in verb.children
                 if c.dep_ == "advmod" and c.lower_ in ("where", "when", "why")), None)


def prepositional_relative(verb: Token) -> bool:
    """``verb``'s relative clause opens with a preposition and its relative pronoun ("a period
    in which crime declined", "the man to whom it was sent"): the noun it describes is the
    preposition's object, not the verb's."""
    return any(c.dep_ == "prep" and any(p.dep_ == "pobj" and p.tag_ in ("WDT", "WP")
                                         for p in c.children) for c in verb.children)


def direct_object(t: Token) -> Token | None:
    if is_passive(t):
        return passive_subject(t)
    obj = child(t, "dobj", "obj") or _second_subject(t) or _counted_up_to(t) or \
        _participle_before_object(t)
    if obj is None and t.dep_ == "conj" and t.head.pos_ == "VERB" and child(t, "ccomp") is None:
        # "arrested two men and charged them"; not "accused the UK of meddling and warned
        # that ...": what the second verb says is its own complement
        obj = child(t.head, "dobj")
    if obj is None:  # "intercepted and destroyed 83 drones": the object sits on the second verb
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ == "VERB" and child(c, SUBJ[0]) is None:
                obj = child(c, "dobj")
                if obj is not None:
                    break
    if obj is None and t.dep_ == "relcl" and relative_adverb(t) is None and \
            not prepositional_relative(t):
        # "the agreement the two nations signed"; not "the town where troops battled": the
        # town is where, not what
        obj = t.head
    return obj


def _participle_before_object(t: Token) -> Token | None:
    """"sentenced sobbing Hartley": the parser may read a participle that describes a named
    object as a clause of the verb, with the name as its own object; a participle right after
    the verb, right before a name, describes it ("agreed to stop kidnapping people" does
    not)."""
    part = next((c for c in t.children if c.dep_ == "xcomp" and c.tag_ == "VBG"
                 and c.i == t.i + 1), None)
    if part is None:
        return None
    obj = child(part, "dobj")
    return obj if obj is not None and obj.pos_ == "PROPN" and obj.left_edge.i == part.i + 1 \
        else None


def _counted_up_to(t: Token) -> Token | None:
    """"arrested up to 50 protesters", "kidnapped up to 16 advisers": the parser may read the
    count's "up to" as a particle and a preposition; their counted noun is the object."""
    up = next((c for c in t.children if c.lower_ == "up" and c.dep_ in ("prt", "advmod", "prep")),
              None)
    if up is None:
        return None
    for to in [*up.children, *t.children]:
        if to.dep_ == "prep" and to.lower_ == "to" and to.i == up.i + 1:
            return next((g for g in to.children if g.dep_ == "pobj"
                         and any(n.dep_ == "nummod" for n in g.children)), None)
    return None


def _second_subject(t: Token) -> Token | None:
    """"it had recaptured Wad Madani": a name the parser took for a person, after an active
    verb that has its subject before it, is read as a second subject; it is the object."""
    subjects = [c for c in t.children if c.dep_ == "nsubj"]
    if len(subjects) == 2 and subjects[0].i < t.i < subjects[1].i:
        return subjects[1]
    return None


def conj_chain(t: Token) -> list[Token]:
    """``t`` and the tokens coordinated with it ("Russia and China")."""
    out = [t]
    for c in t.children:
        if c.dep_ == "conj":
            out.extend(conj_chain(c))
    return out


def governor_verb(t: Token) -> Token | None:
    """The nearest verb above a noun trigger ("held talks" -> held)."""
    cur = t
    for _ in range(6):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def core_tokens(t: Token) -> list[Token]:
    """The noun phrase of ``t`` without its clauses and prepositional phrases (except "of")."""
    out = [t]
    for c in t.children:
        if c.dep_ in CLAUSAL or c.dep_ in ("punct", "cc", "appos"):
            continue
        if c.dep_ == "prep" and c.lower_ != "of":
            continue
        out.extend(core_tokens(c))
    return sorted(out, key=lambda x: x.i)


def past_heading(head: Token) -> Token:
    """A police blotter's entry heading ("October 20: ARRESTS – A male juvenile, 16, was
    arrested"): the parser makes the date or the capitals label the subject and hangs the
    party on it (appos); the party is the phrase."""
    for _ in range(3):
        if not (head.ent_type_ == "DATE" or heading_label(head)):
            break
        nxt = next((c for c in head.children if c.dep_ == "appos" and c.i > head.i), None)
        if nxt is None:
            break
        head = nxt
    return head


# A subheading is short and ends with no sentence punctuation.
SUBHEADING_WORDS = 12
_SENTENCE_END = frozenset('.!?:;"\u201d\u2019)')


def subheading(sent: Span) -> bool:
    """A line of the body that stands alone between blank lines, short and with no final
    punctuation ("SAD delegation meets Maharashtra CM" over the paragraph that tells it): the
    title of what follows, as a headline is of the story."""
    text = sent.text.strip()
    if not text or text[-1] in _SENTENCE_END or len(text.split()) > SUBHEADING_WORDS:
        return False
    body = sent.doc.text
    start = sent.start_char + len(sent.text) - len(sent.text.lstrip())
    before = body[:start].rstrip(" \t")
    after = body[start + len(text):].lstrip(" \t")
    return (not before.strip() or before.endswith("\n\n")) and after.startswith("\n\n")


def in_title(t: Token) -> bool:
    """The word is in the headline or in a subheading, whose words tell the story's news in the
    present and are all capitalised."""
    return t.doc.user_data.get(PART_KEY) == "headline" or subheading(t.sent)


def residence(x: Token) -> bool:
    """"Christopher Tays, 32, of Franklin": a town a named person (given with an age, or read as
    a person) is "of" is where the person lives, not where the act was done nor a party of it
    ("the University of Kansas", "the Bank of England" are no one's home)."""
    prep = x.head if x.dep_ == "pobj" else None
    while prep is None and x.dep_ in ("compound", "amod") and x.head.i != x.i:
        x = x.head
        prep = x.head if x.dep_ == "pobj" else None
    return prep is not None and prep.lower_ == "of" and named_person(prep.head)


def age(t: Token) -> str | None:
    """The age a name is given with ("Darnell Weeks, 52,": "52")."""
    return next((c.text for c in t.children if c.dep_ == "appos" and c.like_num), None)


def named_person(t: Token) -> bool:
    """A proper name of a person: so tagged, or given with an age."""
    return t.pos_ == "PROPN" and (t.ent_type_ == "PERSON" or age(t) is not None)


def modifiers(t: Token) -> list[Token]:
    """Adjectival, compound and possessive modifiers of a noun (and their own compounds)."""
    out: list[Token] = []
    for c in t.children:
        if c.dep_ in ("amod", "compound", "nmod", "poss", "npadvmod"):
            out.extend(x for x in c.subtree if x.dep_ != "case")
    return out


def ancestors_in_sentence(t: Token) -> list[Token]:
    ancestors = list(t.ancestors)
    if not ancestors:
        return []
    # Token.sent finds the sentence's bounds anew on each access: once here, not per ancestor
    # (a token is in t's sentence exactly when its index lies within those bounds)
    sent = t.sent
    first, end = sent.start, sent.end
    return [a for a in ancestors if first <= a.i < end]


def to_infinitive(t: Token) -> bool:
    """A verb told with "to" ("sent troops to fight", "opened fire to disperse them")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)


def other_time_clauses(t: Token) -> set[int]:
    """The words of the relative clauses of ``t``'s sentence that do not hold ``t`` and tell an
    act of their own subject in the perfect or the simple past, at a time of its own ("Mendoza,
    where staff have held strikes since August", "The man, who fled the scene on Friday, was
    later charged"; not "residents who were digging trenches on Saturday", which goes on while
    ``t`` happens). Nor a past participle naming a year, said of a noun further from ``t`` than
    its object ("dropped an investigation into an allegation made against him in 2010": 2010
    dates the allegation). One said of ``t`` itself or of its own object is its own ("a rally
    held on Sunday", "the riots that rocked Delhi last month", "defused bombs planted on the road
    on Wednesday", "in a statement published Oct. 25, ... accused"), and so is a nearer day: the
    parser cannot tell which verb such a date hangs on."""
    return {x.i for c in t.sent if not c.left_edge.i <= t.i <= c.right_edge.i
            and not tells_of_itself(c, t)
            and (_own_time_relative(c) or _past_participle_of_another(c, t))
            for x in c.subtree}


def tells_of_itself(c: Token, t: Token) -> bool:
    """"the riots that rocked Delhi last month": a relative clause on the trigger noun whose
    subject is the relative pronoun tells the trigger's own happening, at its own time."""
    return c.head.i == t.i and any(s.dep_ in ("nsubj", "nsubjpass") and s.tag_ in ("WDT", "WP")
                                   for s in c.children)


def _own_time_relative(c: Token) -> bool:
    return c.dep_ == "relcl" and any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children) \
        and (any(a.dep_ == "aux" and a.lemma_ == "have" for a in c.children) or _simple_past(c))


def _past_participle_of_another(c: Token, t: Token) -> bool:
    noun = c.head
    if c.dep_ != "acl" or c.tag_ != "VBN" or noun.pos_ not in ("NOUN", "PROPN") or \
            any(a.dep_ in ("aux", "auxpass") for a in c.children):
        return False
    return t.i not in (noun.i, noun.head.i) and not (
        noun.head.dep_ == "prep" and noun.head.head.i == t.i) and any(
        x.ent_type_ == "DATE" and x.shape_ == "dddd" for x in c.subtree)


def _simple_past(verb: Token) -> bool:
    """"fled", "was arrested": a finite verb in the simple past, active or passive."""
    aux = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
    return (verb.tag_ == "VBD" and not aux) or (
        verb.tag_ == "VBN" and len(aux) == 1 and aux[0].dep_ == "auxpass" and aux[0].tag_ == "VBD")


# What names a town noun's town: "the town of Komanda", "the town Bhamo", "a town called ...".
_NAMING = ("compound", "appos", "prep", "acl", "relcl")


def _unnamed_town(x: Token, articles: tuple[str, ...], naming: tuple[str, ...]) -> bool:
    return (x.lower_ in place_words("town-anaphor") and x.pos_ == "NOUN" and not x.ent_type_
            and any(c.dep_ == "det" and c.lower_ in articles for c in x.children)
            and not any(c.dep_ in naming for c in x.children))


def names_town_again(x: Token) -> bool:
    """"inside the town", "the town's university": a town noun after "the" with no name of its
    own (not "the town of Komanda", "the town Bhamo", "the border town")."""
    return _unnamed_town(x, ("the",), (*_NAMING, "amod"))


def town_left_unnamed(x: Token) -> bool:
    """"entered parts of a strategic rebel-held town": a town noun after "a", described but
    not named (not "a town called Bhamo", "a town in Kachin state named ...")."""
    return _unnamed_town(x, ("a", "an"), _NAMING)


def new_subject(t: Token) -> Token | None:
    """"A strike on a tent killed 11 people", "another raid left three dead": the verb's subject
    when "a" or "another" brings it in, a new thing of its kind, not one told before."""
    subj = subject(t)
    new = subj is not None and subj.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in subj.children)
    return subj if new else None


def called(span: Span, noun: str) -> bool:
    """The name is said to be a ``noun``: in an appositive ("Bhamo, a trading town"), after
    "the town of", or right after it ("Mindat town")."""
    head = span.root
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return (any(c.dep_ == "appos" and c.lemma_.lower() == noun for c in head.children)
            or (head.dep_ == "pobj" and head.head.lower_ == "of"
                and head.head.head.lemma_.lower() == noun)
            or (after is not None and after.lower_ == noun))


def told_one_before_the_other(a: Token, b: Token) -> bool:
    """One of two words of a sentence is told in a clause it puts before the other ("Clashes
    erupted after gunmen killed a commander"): they tell two happenings."""
    return a.i in earlier_clauses(b) or b.i in earlier_clauses(a)


def earlier_clauses(t: Token) -> set[int]:
    """The words of the clauses of ``t``'s sentence that a mark of an earlier time puts before
    its act ("rioters burned the office after a teenager died in police custody"), outside the
    clause that holds ``t``."""
    marks = coder_words("other-time-mark")
    return {x.i for c in t.sent if c.dep_ == "advcl"
            and not c.left_edge.i <= t.i <= c.right_edge.i
            and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
            for x in c.subtree}


def told_at_border(tokens: list[Token]) -> bool:
    """"near the border with Niger", "along the frontier": the words set an act at a border."""
    return any(x.lower_ in coder_words("border-noun") and x.dep_ == "pobj" and
               x.head.lower_ in coder_words("locative") for x in tokens)


def told_countrywide(tokens: list[Token]) -> bool:
    """"nationwide", "across the country", "throughout the nation": the words spread an act
    over a whole country."""
    for x in tokens:
        if x.lower_ in coder_words("countrywide"):
            return True
        if x.lower_ in ("country", "nation") and x.dep_ == "pobj" and \
                x.head.lower_ in coder_words("spread-preposition") and \
                any(c.dep_ == "det" and c.lower_ == "the" for c in x.children):
            return True
    return False
