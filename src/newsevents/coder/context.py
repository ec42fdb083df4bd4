"""Attribution (who says so, how firmly) and modality (factual, negated, hypothetical, future,
historical) of one trigger, read from the words that govern it."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from spacy.tokens import Token

from ..lexicon import coder_words, date_words
from ..records import Actor, Attribution, DateSpan
from . import syntax
from .document import background
from .match import lemma_of, verb_of_act_noun
from .roles import ActorFinder
from .tables import Tables


def _source_phrase(head: Token) -> str:
    toks = syntax.core_tokens(head)
    # the words from the first to the last, as a span: Doc.text would join the whole article
    return head.doc[toks[0].i:toks[-1].i + 1].text


def _unconfirmed(tokens: list[Token], tables: Tables) -> bool:
    cues = tables.cues.get("unconfirmed", {})
    return any(lemma_of(t) in cues or t.lower_ in cues for t in tokens)


def attribution(t: Token, finder: ActorFinder, tables: Tables) -> Attribution:
    """The nearest reporting word that governs ``t``: a verb ("X said"), a noun ("reports that",
    "the Pentagon's statement that") or "according to X": the first of ``ATTRIBUTION_RULES``
    that finds one; else "unconfirmed" when the sentence has such a cue."""
    for rule in ATTRIBUTION_RULES:
        found = rule(t, finder, tables)
        if found is not None:
            return found
    if _unconfirmed(list(t.sent), tables):
        return Attribution(stance="unconfirmed", text="")
    return Attribution()


# The links of a noun inside a verb's object phrase ("announced 40 million euros in funding").
_OBJECT_LINKS = ("dobj", "pobj", "prep")


def announced(t: Token, verb: Token) -> bool:
    """"Britain announced sanctions", "declared a state of emergency": a noun trigger in the
    object phrase of a reporting verb is the act its subject announces, done on its own word,
    not a happening it claims."""
    if t.pos_ != "NOUN":
        return False
    cur = t
    while cur.i != verb.i:
        if cur.dep_ not in _OBJECT_LINKS or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def _governing_report(t: Token, finder: ActorFinder, tables: Tables) -> Attribution | None:
    """A reporting verb with a subject ("X said"), or a reporting noun whose clause holds the
    trigger ("reports that"), among the words that govern ``t`` in its sentence."""
    say = tables.cues.get("say", {})
    nouns = tables.cues.get("noun", {})
    cur = t
    for anc in syntax.ancestors_in_sentence(t):
        lem = lemma_of(anc)
        inside_subject = cur.dep_ in ("nsubj", "nsubjpass", "csubj")
        if anc.pos_ in ("VERB", "AUX") and lem in say and not inside_subject and anc.i != t.i \
                and not announced(t, anc) and not _done_beside(cur, anc):
            subj = syntax.subject(anc)
            if subj is not None:
                return _attr(subj, say[lem], finder, tables, anc)
        if anc.pos_ == "NOUN" and lem in nouns and cur.dep_ in ("acl", "ccomp", "relcl", "prep"):
            return _attr(_owner_or(anc), nouns[lem], finder, tables, anc)
        cur = anc
    return None


def _noun_before_that(t: Token, finder: ActorFinder, tables: Tables) -> Attribution | None:
    """"the Pentagon's statement that X did": when the parser hangs the that-clause elsewhere,
    the noun right before "that" still introduces it."""
    nouns = tables.cues.get("noun", {})
    for node in [t, *syntax.ancestors_in_sentence(t)]:
        mark = syntax.child(node, "mark")
        if mark is not None and mark.lower_ == "that" and mark.i > t.sent.start:
            before = t.doc[mark.i - 1]
            if before.pos_ == "NOUN" and lemma_of(before) in nouns:
                return _attr(_owner_or(before), nouns[lemma_of(before)], finder, tables, before)
            return None
    return None


def _according_to(t: Token, finder: ActorFinder, tables: Tables) -> Attribution | None:
    """"according to X" anywhere in the sentence: X claims it."""
    for tok in t.sent:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            objs = syntax.preps(tok.head, ("according",))
            if objs:
                return _attr(objs[0], "claimed", finder, tables, tok)
    return None


def _reporting_root(t: Token, finder: ActorFinder, tables: Tables) -> Attribution | None:
    """"X said" after a quoted or comma-spliced report: the root verb is a reporting verb whose
    clause does not contain the trigger but governs the sentence."""
    say = tables.cues.get("say", {})
    root = t.sent.root
    if lemma_of(root) not in say or root.i == t.i or announced(t, root):
        return None
    subj = syntax.subject(root)
    if subj is None or t.i in {x.i for x in subj.subtree} or \
            _done_beside(_below(t, root), root):
        return None
    return _attr(subj, say[lemma_of(root)], finder, tables, root)


def _below(t: Token, anc: Token) -> Token:
    """The word under ``anc`` on the way up from ``t`` (``t`` itself when it hangs on ``anc``)."""
    cur = t
    while cur.head.i != anc.i and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _done_beside(cur: Token, verb: Token) -> bool:
    """"Sybiha accused Moscow of ... and urged partners to ...": a verb joined to the reporting
    verb is its subject's own act beside the report, not what the report tells."""
    return cur.dep_ == "conj" and cur.head.i == verb.i and cur.pos_ in ("VERB", "AUX")


ATTRIBUTION_RULES: tuple[Callable[[Token, ActorFinder, Tables], Attribution | None], ...] = (
    _governing_report, _noun_before_that, _according_to, _reporting_root)


def _owner_or(noun: Token) -> Token:
    """"the Pentagon's statement": the owner of a reporting noun is the source."""
    poss = syntax.child(noun, "poss")
    return poss if poss is not None else noun


def _attr(src: Token, stance: str, finder: ActorFinder, tables: Tables, cue: Token) -> Attribution:
    phrase = _source_phrase(src)
    found = finder.phrase(src, deep=False)
    actor: Actor | None = found.actors[0] if found.actors else None
    tokens = list(src.subtree) + [cue]
    if stance == "claimed" and _unconfirmed(tokens, tables):
        stance = "unconfirmed"
    return Attribution(stance=stance, source=phrase, source_actor=actor,
                       text=f"{phrase} {cue.text}".strip())


def is_local_source(attr: Attribution) -> bool:
    return bool(attr.source) and any(w in (attr.source or "").lower().split() for w in coder_words("local-source"))


def _reported(node: Token, tables: Tables) -> bool:
    say = tables.cues.get("say", {})
    return node.dep_ == "ccomp" and lemma_of(node.head) in say


def condition_of(t: Token) -> str | None:
    """"if" / "unless" when the trigger's clause carries such a condition clause."""
    gov = syntax.governor_verb(t) if t.pos_ not in ("VERB", "AUX") else None
    for c in [*t.children, *(gov.children if gov is not None else ())]:
        if c.dep_ == "advcl":
            for g in c.children:
                if g.dep_ == "mark" and g.lower_ in ("if", "unless"):
                    return g.lower_
    return None


def conditional(t: Token) -> bool:
    """The trigger sits in an if/unless clause, or in a before/until clause told with "would"
    ("they would need to deliver before the administration would agree"): a condition, not a
    happening."""
    for node in [t, *syntax.ancestors_in_sentence(t)][:4]:
        marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
        if marks & {"if", "unless"} or (marks & {"before", "until"} and any(
                c.dep_ == "aux" and c.lower_ == "would" for c in node.children)):
            return True
    return False


def _semicolon_between(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return any(t.text == ";" for t in a.doc[lo + 1:hi])


def modality(t: Token, tables: Tables, date: DateSpan | None, published: dt.date | None,
             date_from_text: bool) -> str:
    """Negation and modal words on the trigger or on the verbs and nouns governing it within its
    clause; then the date: a date after publication is future, one in an earlier year (or known
    only to the year) is historical background."""
    chain = [t] + syntax.ancestors_in_sentence(t)
    for depth, node in enumerate(chain[:4]):
        below = chain[depth - 1] if depth > 0 else None
        if below is not None and _clause_ends(below, node, tables):
            break
        found = _words_modality(node, tables)
        if found is None and below is not None:
            found = _governor_modality(node, below, tables)
        if found is not None:
            return found
    # a relative clause's modal sits on its verb, which may lie beyond the four words climbed
    # when the act noun is deep in its phrase ("districts which will go into varying degrees
    # of lockdown"); other clauses keep the four-word climb
    light = verb_of_act_noun(t) if t.pos_ == "NOUN" else None
    if light is not None and light not in chain[:4] and light.dep_ == "relcl":
        found = _words_modality(light, tables)
        if found is not None:
            return found
    if _party_of_then(t) or _past_under_present(t) or (not date_from_text and _since_clause(t)):
        return "historical"
    if date is not None and date_from_text and published is not None and date.start:
        if _began_long_ago(t, date, published) or _long_ago_behind(t, date, published):
            return "historical"
        return _modality_of_date(date, published)
    if _over_years(chain[:2]):
        return "historical"
    return "factual"


# A span of years told of the happening: a record of the past, not the news ("has killed
# thousands of civilians over the past decade", "have led to lynchings in the past", "in recent
# years", "has fought for more than a decade"); "over the past two weeks" is news, and the date
# scanner dates it. A counted span ("jailed for ten years") is a sentence's length, not this.
_YEARS_SPAN = re.compile(
    r"^(?:(?:in|over|during|throughout) the (?:past|last) (?:(?:few|several|many|\w+|\d+) )?"
    r"(?:years|decades?)|in recent (?:years|decades)|"
    r"for (?:(?:more than|over|nearly|almost|well over) )?(?:a |many |several |a few )?"
    r"(?:years|decades?)|in the past)$", re.IGNORECASE)


# Verbs that tell when a going-on happening began ("The protests began peacefully in June").
_BEGIN = frozenset({"begin", "start", "erupt"})
# How long before the story a happening's start, told by its month, is its background.
BEGAN_DAYS = 31


def _began_long_ago(t: Token, date: DateSpan, published: dt.date) -> bool:
    """"The protests began peacefully in June" told in November: the start of a happening still
    going on, months before, is background (a month named for a happening itself, "vetoed a
    resolution in March", stays news: ``_modality_of_date``)."""
    if t.dep_ != "nsubj" or lemma_of(t.head) not in _BEGIN or date.precision != "month":
        return False
    end = dt.date.fromisoformat((date.end or date.start or "")[:10])
    return (published - end).days > BEGAN_DAYS


def _party_of_then(t: Token) -> bool:
    """"the then Home Secretary approved ...", "signed by then-President Trump": a party named
    by a post it held then, and holds no longer, acted in the past the story looks back on."""
    verb = t if t.pos_ in ("VERB", "AUX") else syntax.governor_verb(t)
    if verb is None:
        return False
    heads = [h for h in (syntax.subject(verb), syntax.child(verb, "nsubj")) if h is not None]
    return any(x.lower_ == "then" and x.dep_ in ("amod", "advmod") and
               x.head.pos_ in ("NOUN", "PROPN") for h in heads for x in h.subtree)


def _past_under_present(t: Token) -> bool:
    """"They worry China is taking back the freedoms given to Hong Kong when the UK returned
    the territory": a past act in a "when" clause of what goes on now is a time the story looks
    back to (under a past verb it is the same time: "police fired when protesters advanced")."""
    if t.tag_ != "VBD" or t.dep_ != "advcl" or not any(
            c.dep_ == "advmod" and c.lower_ == "when" and c.i < t.i for c in t.children):
        return False
    cur = t.head
    for _ in range(6):
        tense = _finite_tense(cur)
        # (a relative clause describes a noun of the clause above: "the land it granted them
        # when ..." is told from that clause's time)
        if tense is not None and not (tense == "past" and cur.dep_ in ("relcl", "acl")):
            return tense == "present"
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _since_clause(t: Token) -> bool:
    """"the first handover since the two countries fought two wars", "Prices have doubled since
    the army seized power", "since signing a contract": a past act in a "since" clause or phrase
    is the start of a time the story looks back on; told with no date of its own, it is
    background ("since rebels attacked the town on Monday" is dated, and news)."""
    if t.tag_ == "VBG" and t.dep_ == "pcomp" and t.head.lower_ == "since":
        return True  # "his first trip back since signing a contract with the Lightning"
    return t.tag_ == "VBD" and t.dep_ in ("advcl", "acl", "relcl") and any(
        c.dep_ == "mark" and c.lower_ == "since" and c.i < t.i for c in t.children)


def _finite_tense(verb: Token) -> str | None:
    """"present" or "past" for a finite verb (its own tag or its auxiliary's), None otherwise."""
    for x in [verb, *(c for c in verb.children if c.dep_ in ("aux", "auxpass"))]:
        if x.tag_ in ("VBZ", "VBP"):
            return "present"
        if x.tag_ in ("VBD", "MD"):
            return "past"
    return None


def _over_years(nodes: list[Token]) -> bool:
    """A prepositional phrase of the trigger or its governor spans years (``_YEARS_SPAN``); the
    parser may hang it on the phrase before ("fought for autonomy for decades")."""
    preps = [c for node in nodes for c in node.children if c.dep_ == "prep"]
    preps += [x for c in preps for x in c.subtree if x.dep_ == "prep" and x.i != c.i]
    return any(_YEARS_SPAN.match(" ".join(x.text for x in c.subtree)) for c in preps)


def _clause_ends(below: Token, node: Token, tables: Tables) -> bool:
    """The walk up from the trigger leaves its clause: at the reporting verb (its own modality
    is not the event's, nor is a quote's the teller's), at the noun a relative clause of killing
    or wounding describes, or across a semicolon ("X clashed with Y; casualty figures were not
    available": another sentence)."""
    if below.dep_ == "ccomp" and lemma_of(node) in tables.cues.get("say", {}):
        return True
    if below.dep_ == "conj" and below.i > node.i and lemma_of(below) in tables.cues.get("say", {}) \
            and syntax.child(below, "nsubj") is not None:
        # '"We will win," Smith tweeted after ...': the parser joins the teller's verb to the
        # quote; what is told of the teller's time is not under the quote's "will"
        return True
    if below.dep_ == "relcl" and tables.casualty(lemma_of(below)):
        # the toll told of a noun is a fact, whatever is said of the noun ("a stabbing that
        # killed a passenger may have occurred after ...")
        return True
    if below.dep_ == "advcl" and below.tag_ == "VBD" and syntax.child(below, "nsubj") is not None \
            and syntax.child(below, "mark") is not None:
        # a clause told in the past tense keeps its own time under a verb of the future or a
        # plan ("will be punished because they attacked", "is prepared to impose martial law as
        # street battles raged")
        return True
    return _semicolon_between(below, node)


def _words_modality(node: Token, tables: Tables) -> str | None:
    """The modality the words on ``node`` give: a negation outranks a modal ("will not
    accept"), else the first child that is a cue."""
    if any(c.dep_ == "neg" for c in node.children):
        return "negated"
    for c in node.children:
        found = _cue_modality(c, node, tables)
        if found is not None:
            return found
    return None


# Pronouns that say nobody did it or had it done to them.
_NOBODY = frozenset({"nobody", "none", "noone"})


def _nobody(subject: Token) -> bool:
    return subject.lower_ in _NOBODY or any(
        c.dep_ == "det" and c.lower_ == "no" for c in subject.children)


def _cue_modality(c: Token, node: Token, tables: Tables) -> str | None:
    """The modality one child ``c`` of ``node`` gives: "no", "neither"; an auxiliary ("would"
    reported, "might", "will"), an "if"/"unless" clause marker, or an adverb of before
    ("previously")."""
    lem = lemma_of(c)
    if c.dep_ == "neg" or (c.dep_ in ("det", "preconj") and lem in ("no", "neither")):
        return "negated"
    if c.dep_ in ("nsubj", "nsubjpass") and _nobody(c):
        return "negated"  # "No one has been arrested", "Nobody was hurt"
    if c.dep_ == "aux" and lem == "would" and _reported(node, tables):
        return "future"  # "said they would meet": the future seen from the past
    if c.dep_ == "aux" and lem in tables.cues.get("hypothetical", {}):
        return "hypothetical"
    if c.dep_ == "mark" and lem in ("if", "unless"):
        return "hypothetical"
    fut = tables.cues.get("future", {})
    if c.dep_ == "aux" and (lem in fut or c.lower_ in fut):
        return "future"
    if c.dep_ == "advmod" and lem in tables.cues.get("historical", {}):
        return "historical"  # "previously attacked": told for context
    return None


# Verbs of wanting whose "that" clause is wished for too ("hopes the court strikes the law
# down"); "wants the UK to extradite him" asks it of the UK, and the act keeps its own reading.
_WISHED_CLAUSES = frozenset({"hope", "wish"})


def _governor_modality(node: Token, below: Token, tables: Tables) -> str | None:
    """The modality a governing word gives: "plans to", "possible", "expected to" (a modal
    noun, adjective or verb), "wants to" (a wish), "without", or a negating verb ("failed
    to"; not "deny")."""
    lem = lemma_of(node)
    if lem in tables.cues.get("hypothetical", {}) and node.pos_ in ("NOUN", "ADJ"):
        return "hypothetical"
    if lem in tables.cues.get("future", {}) and node.pos_ in ("VERB", "ADJ") and \
            below.dep_ == "xcomp":
        return "future"
    if lem in tables.cues.get("wish", {}) and node.pos_ == "VERB" and (
            below.dep_ == "xcomp" or (below.dep_ == "ccomp" and lem in _WISHED_CLAUSES)):
        return "hypothetical"  # "wants to ban", "hopes the court strikes the law down"
    if node.lower_ == "without":
        return "negated"
    if lem in tables.cues.get("negated", {}) and node.pos_ == "VERB" and lem != "deny":
        return "negated"
    return None


# News reports the happenings of its last days; a happening its own words date over two weeks
# before publication is told for context (ACLED and POLECAT code it from the article that broke
# it). Two weeks keeps "last week" and "on April 8" (five days before) as news.
BACKGROUND_DAYS = 14


def _long_ago_behind(t: Token, date: DateSpan, published: dt.date) -> bool:
    """"Prosecutors decided to reopen the investigation in May after he was taken into
    custody", told on 20 November; "around Tarmiyah, where militants killed four soldiers in
    December", told in February: an act told in a background phrase or clause
    (``document.background``) of a month that ended over BACKGROUND_DAYS before publication.
    (A month named in the main clause is a roundup's news: ``_modality_of_date``.)"""
    if date.precision != "month":
        return False
    end = dt.date.fromisoformat((date.end or date.start or "")[:10])
    return (published - end).days > BACKGROUND_DAYS and background(t)


def _modality_of_date(date: DateSpan, published: dt.date) -> str:
    """"future" for a date after publication; "historical" for one known only to the year, one
    over a year before publication (or a month a year or more before publication's: "last June"
    told in June), or a day or week over BACKGROUND_DAYS before publication
    ("on July 21" told on 30 September), or a shaded month long past ("in early February" told
    on 2 March), or a month counted back from the story that ended over BACKGROUND_DAYS before
    ("last month" told on 20 November); else "factual" (a month named, "Russia vetoed a
    resolution in March", is how a roundup tells the year's developments: kept as news)."""
    start = dt.date.fromisoformat((date.start or "")[:10])
    end = dt.date.fromisoformat((date.end or date.start or "")[:10])
    if start > published:
        return "future"
    if date.precision == "year" or (published - end).days > 365:
        return "historical"
    if date.precision == "month" and _months_between(start, published) >= 12:
        return "historical"  # "Last June, protesters stormed parliament", told in June
    if date.precision in ("day", "week") and (published - end).days > BACKGROUND_DAYS:
        return "historical"
    if date.precision == "month" and (published - end).days > BACKGROUND_DAYS and \
            not _names_a_month(date.text or ""):
        return "historical"  # "Last month, a judge rejected ..." told on 20 November
    shaded = _SHADE.search(date.text or "") if date.precision == "month" else None
    if shaded is not None:
        # ("late" and "the end of" a month end with it)
        last_day = _SHADE_LAST_DAY.get(" ".join(shaded.group(1).lower().split()))
        last = start.replace(day=last_day) if last_day else end
        if (published - last).days > BACKGROUND_DAYS:
            return "historical"  # "in early February" told on 2 March: long past
    return "factual"


def _names_a_month(text: str) -> bool:
    """"in March", "Nov. 2019": the words name the month (a roundup's way of telling the year's
    developments), not count back from the story ("last month")."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    return bool(words & (date_words("month") | date_words("month-abbreviation")))


def _months_between(start: dt.date, later: dt.date) -> int:
    """Calendar months from ``start``'s month to ``later``'s (June 2024 to June 2025: 12)."""
    return (later.year - start.year) * 12 + later.month - start.month


# "early February" is its first ten days, "mid-February" up to the 20th: a month so shaded ended,
# for the reader, that day.
_SHADE = re.compile(r"\b(early|mid|late|end\s+of|beginning\s+of|start\s+of)[- ]", re.IGNORECASE)
_SHADE_LAST_DAY = {"early": 10, "mid": 20, "beginning of": 10, "start of": 10}
