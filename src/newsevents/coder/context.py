"""Attribution (who says so, how firmly) and modality (factual, negated, hypothetical, future,
historical) of one trigger, read from the words that govern it."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Token

from ..records import Actor, Attribution, DateSpan
from . import syntax
from .match import lemma_of
from .roles import ActorFinder
from .tables import Tables

LOCAL_WORDS = ("local", "regional", "provincial", "municipal", "district", "city", "village")


def _source_phrase(head: Token) -> str:
    toks = syntax.core_tokens(head)
    return head.doc.text[toks[0].idx: toks[-1].idx + len(toks[-1])]


def _unconfirmed(tokens: list[Token], tables: Tables) -> bool:
    cues = tables.cues.get("unconfirmed", {})
    return any(lemma_of(t) in cues or t.lower_ in cues for t in tokens)


def attribution(t: Token, finder: ActorFinder, tables: Tables) -> Attribution:
    """The nearest reporting word that governs ``t``: a verb ("X said"), a noun ("reports that",
    "the Pentagon's statement that") or "according to X"."""
    say = tables.cues.get("say", {})
    nouns = tables.cues.get("noun", {})
    cur = t
    for anc in syntax.ancestors_in_sentence(t):
        lem = lemma_of(anc)
        inside_subject = cur.dep_ in ("nsubj", "nsubjpass", "csubj")
        if anc.pos_ in ("VERB", "AUX") and lem in say and not inside_subject and anc.i != t.i:
            subj = syntax.subject(anc)
            if subj is not None:
                return _attr(subj, say[lem], finder, tables, anc)
        if anc.pos_ == "NOUN" and lem in nouns and cur.dep_ in ("acl", "ccomp", "relcl", "prep"):
            poss = syntax.child(anc, "poss")
            src = poss if poss is not None else anc
            return _attr(src, nouns[lem], finder, tables, anc)
        cur = anc
    # "the Pentagon's statement that X did": when the parser hangs the that-clause elsewhere,
    # the noun right before "that" still introduces it
    for node in [t, *syntax.ancestors_in_sentence(t)]:
        mark = syntax.child(node, "mark")
        if mark is not None and mark.lower_ == "that" and mark.i > t.sent.start:
            before = t.doc[mark.i - 1]
            if before.pos_ == "NOUN" and lemma_of(before) in nouns:
                poss = syntax.child(before, "poss")
                return _attr(poss if poss is not None else before, nouns[lemma_of(before)],
                             finder, tables, before)
            break
    for tok in t.sent:
        if tok.lower_ == "according" and tok.dep_ == "prep":
            objs = syntax.preps(tok.head, ("according",))
            if objs:
                return _attr(objs[0], "claimed", finder, tables, tok)
    # "X said" after a quoted or comma-spliced report: the root verb is a reporting verb whose
    # clause does not contain the trigger but governs the sentence
    root = t.sent.root
    if lemma_of(root) in say and root.i != t.i and syntax.subject(root) is not None \
            and t.i not in {x.i for x in syntax.subject(root).subtree}:  # type: ignore[union-attr]
        return _attr(syntax.subject(root), say[lemma_of(root)], finder, tables, root)  # type: ignore[arg-type]
    if _unconfirmed(list(t.sent), tables):
        return Attribution(stance="unconfirmed", text="")
    return Attribution()


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
    return bool(attr.source) and any(w in (attr.source or "").lower().split() for w in LOCAL_WORDS)


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
    """The trigger sits in an if/unless clause: a condition, not a happening."""
    for node in [t, *syntax.ancestors_in_sentence(t)][:4]:
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in node.children):
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
    hyp = tables.cues.get("hypothetical", {})
    fut = tables.cues.get("future", {})
    neg = tables.cues.get("negated", {})
    chain = [t] + syntax.ancestors_in_sentence(t)
    for depth, node in enumerate(chain[:4]):
        if depth > 0 and chain[depth - 1].dep_ in ("ccomp",) and lemma_of(node) in tables.cues.get("say", {}):
            break  # the reporting verb's own modality is not the event's
        if depth > 0 and _semicolon_between(chain[depth - 1], node):
            break  # "X clashed with Y; casualty figures were not available": another sentence
        if any(c.dep_ == "neg" for c in node.children):
            return "negated"  # "will not accept": negation outranks the modal
        for c in node.children:
            lem = lemma_of(c)
            if c.dep_ == "neg" or (c.dep_ in ("det", "preconj") and lem in ("no", "neither")):
                return "negated"
            if c.dep_ in ("aux",) and lem == "would" and _reported(node, tables):
                return "future"  # "said they would meet": the future seen from the past
            if c.dep_ in ("aux",) and lem in hyp:
                return "hypothetical"
            if c.dep_ == "mark" and lem in ("if", "unless"):
                return "hypothetical"
            if c.dep_ == "aux" and (lem in fut or c.lower_ in fut):
                return "future"
        lem = lemma_of(node)
        if depth > 0 and lem in hyp and node.pos_ in ("NOUN", "ADJ"):
            return "hypothetical"
        if depth > 0 and lem in fut and node.pos_ in ("VERB", "ADJ") and \
                chain[depth - 1].dep_ == "xcomp":
            return "future"
        if depth > 0 and node.lower_ == "without":
            return "negated"
        if depth > 0 and lem in neg and node.pos_ == "VERB" and lem != "deny":
            return "negated"
    if date is not None and date_from_text and published is not None and date.start:
        return _modality_of_date(date, published)
    return "factual"


# News reports the happenings of its last days; a happening its own words date over two weeks
# before publication is told for context (ACLED and POLECAT code it from the article that broke
# it). Two weeks keeps "last week" and "on April 8" (five days before) as news.
BACKGROUND_DAYS = 14


def _modality_of_date(date: DateSpan, published: dt.date) -> str:
    """"future" for a date after publication; "historical" for one known only to the year, one
    over a year before publication, or a day or week over BACKGROUND_DAYS before publication
    ("on July 21" told on 30 September); else "factual" (a month named, "Russia vetoed a
    resolution in March", is how a roundup tells the year's developments: kept as news)."""
    start = dt.date.fromisoformat((date.start or "")[:10])
    end = dt.date.fromisoformat((date.end or date.start or "")[:10])
    if start > published:
        return "future"
    if date.precision == "year" or (published - end).days > 365:
        return "historical"
    if date.precision in ("day", "week") and (published - end).days > BACKGROUND_DAYS:
        return "historical"
    return "factual"
