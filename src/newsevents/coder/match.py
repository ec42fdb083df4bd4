"""Trigger detection: which lexicon row fires on a token, by lemma, part of speech and the
row's conditions (see the header of ``data/coder/triggers.tsv`` for the condition language)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from . import syntax
from .tables import Tables, TriggerRow, load_tables

NOMINAL_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "pcomp")
FLAGS = ("light", "poss", "noobj", "foreign", "xcomp", "ccomp", "saidby", "modifier")
_KEYED = re.compile(r"^(!?)(obj|sub|clause|sent|mod|prt|prep|pobj|p|subsector)(~|=)(.*)$")


@dataclass(frozen=True)
class Condition:
    negated: bool
    key: str
    values: tuple[str, ...] = ()
    prep: str = ""  # for "p~as:W"


def parse_condition(text: str) -> list[Condition]:
    """One "when" cell item -> alternatives (OR). "light|prep=with|between" is light OR prep."""
    parts = text.split("|")
    alts: list[list[str]] = []
    for part in parts:
        bare = part.lstrip("!")
        if alts and bare not in FLAGS and not _KEYED.match(part):
            alts[-1].append(part)  # a further value of the previous keyed alternative
        else:
            alts.append([part])
    out = []
    for alt in alts:
        head = alt[0]
        negated = head.startswith("!")
        head = head.lstrip("!")
        m = _KEYED.match(head)
        if m is None:
            if head not in FLAGS:
                raise ValueError(f"unknown trigger condition {text!r}")
            out.append(Condition(negated, head))
            continue
        key, rest = m.group(2), m.group(4)
        prep = ""
        if key == "p":
            prep, _, rest = rest.partition(":")
        out.append(Condition(negated, key, tuple([rest, *alt[1:]]), prep))
    return out


def lemma_of(t: Token) -> str:
    """The token's lemma, corrected by the ``form`` rows of classes.tsv where the lemmatizer
    errs ("staged" -> "stag", "raped" -> "rap")."""
    fixed = load_tables().classes.get("form", {}).get(t.lower_)
    if fixed:
        return fixed
    lemma = t.lemma_.lower()
    return lemma if lemma and lemma != "-pron-" else t.lower_


def words_match(tokens: list[Token], values: tuple[str, ...], tables: Tables) -> bool:
    lemmas = {lemma_of(t) for t in tokens} | {t.lower_ for t in tokens}
    for v in values:
        if v.startswith("@"):
            if any(tables.in_class(v[1:], lem) for lem in lemmas):
                return True
        elif v in lemmas:
            return True
    return False


@dataclass(frozen=True)
class MatchContext:
    tables: Tables
    # country codes of the actors a role of the trigger resolves to (for "foreign")
    role_countries: Callable[[Token, TriggerRow, str], set[str]]
    subject_sectors: Callable[[Token], set[str]]


def _holds(t: Token, row: TriggerRow, c: Condition, ctx: MatchContext) -> bool:
    tables = ctx.tables
    if c.key == "light":  # "held talks", "declared a state of emergency", "went on strike"
        cur = t
        for _ in range(5):
            if cur.dep_ not in ("dobj", "nsubjpass", "attr", "oprd", "conj", "pobj", "prep"):
                return False
            cur = cur.head
            if cur.pos_ in ("VERB", "AUX"):
                return lemma_of(cur) in tables.cues.get("light", {})
        return False
    if c.key in ("xcomp", "ccomp"):
        return any(ch.dep_ == c.key for ch in t.children)
    if c.key == "saidby":
        say = tables.cues.get("say", {})
        return any(lemma_of(a) in say for a in syntax.ancestors_in_sentence(t))
    if c.key == "poss":
        return syntax.child(t, "poss") is not None
    if c.key == "modifier":  # "riot police", "protest song": the word only names a kind
        return t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN")
    if c.key == "noobj":
        return syntax.direct_object(t) is None
    if c.key == "foreign":
        mine = ctx.role_countries(t, row, "actor")
        theirs = ctx.role_countries(t, row, "recipient")
        return bool(mine and theirs and not (mine & theirs))
    if c.key == "subsector":
        return bool(ctx.subject_sectors(t) & set(c.values))
    if c.key == "prt":  # the parser labels particles prt, advmod or prep ("stepped down")
        return any(ch.dep_ in ("prt", "advmod", "prep") and ch.lower_ in c.values
                   for ch in t.children)
    if c.key == "prep":
        # "pushing for France to back the plan": the parser makes "for" the mark of a clause
        return any(ch.dep_ == "prep" and ch.lower_ in c.values for ch in t.children) or any(
            ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in c.values and m.i < ch.i
                                       for m in ch.children) for ch in t.children)
    if c.key == "pobj":
        return t.dep_ == "pobj" and t.head.lower_ in c.values
    if c.key == "p":
        objs = syntax.preps(t, (c.prep,))
        return any(words_match(list(o.subtree), c.values, tables) for o in objs)
    tokens: list[Token] = []
    if c.key == "obj":
        obj = syntax.direct_object(t)
        tokens = syntax.core_tokens(obj) if obj is not None else []
    elif c.key == "sub":
        subj = syntax.subject(t) if t.pos_ in ("VERB", "AUX") else None
        tokens = syntax.core_tokens(subj) if subj is not None else []
    elif c.key == "clause":
        tokens = [x for x in t.subtree if x.i != t.i]
    elif c.key == "sent":
        tokens = list(t.sent)
    elif c.key == "mod":
        tokens = syntax.modifiers(t)
    return words_match(tokens, c.values, tables)


def row_fires(t: Token, row: TriggerRow, ctx: MatchContext) -> bool:
    for cell in row.when:
        alternatives = parse_condition(cell)
        if not any(_holds(t, row, c, ctx) != c.negated for c in alternatives):
            return False
    return True


def trigger_pos(t: Token) -> str | None:
    if t.tag_ == "VBG" and t.dep_ in NOMINAL_DEPS and not any(
            c.dep_ in ("dobj", "nsubj", "dative") for c in t.children):
        return "NOUN"  # "Fighting between X and Y continued": a gerund used as a noun
    if t.pos_ in ("VERB",) or (t.pos_ == "AUX" and t.dep_ == "ROOT"):
        return "VERB"
    if t.pos_ == "AUX" and t.dep_ == "aux":
        return "AUX"  # modal readings: "X said Y must ..." (a demand)
    if t.tag_ == "VBG" and t.i == t.sent.start:
        return "VERB"  # a sentence-initial participle the tagger took for a noun ("Meeting X, ...")
    # Names are not triggers, and neither is a word of a date: "on 29 March", "ISTANBUL, March 19"
    # (the month is not a protest march).
    if t.pos_ in ("NOUN", "PROPN") and t.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP", "DATE", "TIME"):
        return "NOUN"
    return None


def find_row(t: Token, ctx: MatchContext) -> TriggerRow | None:
    pos = trigger_pos(t)
    if pos is None:
        return None
    lemma = t.lower_ if (pos == "NOUN" and t.tag_ == "VBG") else lemma_of(t)
    rows = ctx.tables.triggers.get((lemma, pos))
    if rows is None and t.i + 2 < len(t.doc) and t.nbor(1).text == "-":
        # hyphenated words the tokenizer splits: "sit-in"
        rows = ctx.tables.triggers.get((f"{t.lower_}-{t.nbor(2).lower_}", "NOUN"))
    if rows is None:
        rows = ctx.tables.triggers.get((t.lower_, pos))
    for row in rows or ():
        if row_fires(t, row, ctx):
            return row
    return None
