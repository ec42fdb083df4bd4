"""Trigger detection: which lexicon row fires on a token, by lemma, part of speech and the
row's conditions (see the header of ``data/coder/triggers.tsv`` for the condition language)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from ..lexicon import coder_words
from ..lexicon.conditions import FLAGS, Condition, parse_condition
from ..resolve.words import singular
from . import syntax
from .tables import Tables, TriggerRow, load_tables

__all__ = ["FLAGS", "NOMINAL_DEPS", "Condition", "MatchContext", "find_row", "lemma_of",
           "parse_condition", "row_fires", "said_by", "trigger_pos", "words_match"]

NOMINAL_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "pcomp")


def lemma_of(t: Token) -> str:
    """The token's lemma, corrected by the ``form`` rows of classes.tsv where the lemmatizer
    errs ("staged" -> "stag", "raped" -> "rap")."""
    fixed = load_tables().classes.get("form", {}).get(t.lower_)
    if fixed:
        return fixed
    lemma = t.lemma_.lower()
    return lemma if lemma and lemma != "-pron-" else t.lower_


def words_match(tokens: list[Token], values: tuple[str, ...], tables: Tables) -> bool:
    # a plural the parser reads as a name keeps its plural lemma ("Youths set cars ablaze" after
    # a dateline): its singular is read too
    lemmas = {lemma_of(t) for t in tokens} | {t.lower_ for t in tokens} | {
        singular(t.lower_) for t in tokens if t.tag_ in ("NNP", "NNPS")}
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


# --------------------------------------------------------------------------- conditions
# One function per condition key of triggers.tsv's ``when`` column (parsed when the table loads:
# ``newsevents.lexicon.conditions``); each says whether the condition holds, before negation.

Holds = Callable[[Token, TriggerRow, Condition, MatchContext], bool]
_LIGHT_PATH = ("dobj", "nsubjpass", "attr", "oprd", "conj", "pobj", "prep")


def verb_of_act_noun(t: Token) -> Token | None:
    """The verb an act noun hangs on within five steps of its object, prepositional and
    coordination links ("held talks", "went into varying degrees of lockdown"); None past a
    preposition of time ("for the duration of the strike")."""
    cur = t
    for _ in range(5):
        if cur.dep_ not in _LIGHT_PATH:
            return None
        cur = cur.head
        if cur.dep_ == "prep" and cur.lower_ in _TIME_LIMITS:
            return None
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _light(t: Token, _row: TriggerRow, _c: Condition, ctx: MatchContext) -> bool:
    """"held talks", "declared a state of emergency", "went on strike": the noun hangs (within
    five steps) on a light verb of cues.tsv."""
    verb = verb_of_act_noun(t)
    return verb is not None and lemma_of(verb) in ctx.tables.cues.get("light", {})


def _in_force(t: Token, _row: TriggerRow, _c: Condition, _ctx: MatchContext) -> bool:
    """"the lockdown will begin on Thursday", "restrictions will come into force from Friday",
    "a curfew is in effect": the noun is the subject of a verb of taking effect
    (coder_words.tsv's takes-effect; and its in-force-verb with an in-force-word: "come into
    force", "go into effect", "take effect", "be in force")."""
    if t.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = t.head
    lemma = lemma_of(verb)
    if lemma in coder_words("takes-effect"):
        return True
    words = {x.lower_ for c in verb.children if c.dep_ in ("prep", "dobj", "acomp", "prt")
             for x in c.subtree}
    return lemma in coder_words("in-force-verb") and bool(words & coder_words("in-force-word"))


# "remain in jail until his extradition hearing", "held pending trial": a noun after these
# names the time something lasts until, not a happening of the verb.
_TIME_LIMITS = frozenset({"until", "till", "pending"})


def _has_child_dep(t: Token, _row: TriggerRow, c: Condition, _ctx: MatchContext) -> bool:
    """"xcomp", "ccomp": the trigger has a complement of that kind."""
    return any(ch.dep_ == c.key for ch in t.children)


def said_by(t: Token, tables: Tables) -> bool:
    """A verb of saying governs the word ("the Palestinians reject ..., Erakat said")."""
    say = tables.cues.get("say", {})
    return any(lemma_of(a) in say for a in syntax.ancestors_in_sentence(t))


def _said_by(t: Token, _row: TriggerRow, _c: Condition, ctx: MatchContext) -> bool:
    return said_by(t, ctx.tables)


def _possessed(t: Token, _row: TriggerRow, _c: Condition, _ctx: MatchContext) -> bool:
    return syntax.child(t, "poss") is not None


def _modifier(t: Token, _row: TriggerRow, _c: Condition, _ctx: MatchContext) -> bool:
    """"riot police", "protest song": the word only names a kind."""
    return t.dep_ in ("compound", "amod", "nmod") and t.head.pos_ in ("NOUN", "PROPN")


def _no_object(t: Token, _row: TriggerRow, _c: Condition, _ctx: MatchContext) -> bool:
    return syntax.direct_object(t) is None


def _foreign(t: Token, row: TriggerRow, _c: Condition, ctx: MatchContext) -> bool:
    """The actor's and the recipient's countries are known and share none."""
    mine = ctx.role_countries(t, row, "actor")
    theirs = ctx.role_countries(t, row, "recipient")
    return bool(mine and theirs and not (mine & theirs))


def _subsector(t: Token, _row: TriggerRow, c: Condition, ctx: MatchContext) -> bool:
    return bool(ctx.subject_sectors(t) & set(c.values))


def _particle(t: Token, _row: TriggerRow, c: Condition, _ctx: MatchContext) -> bool:
    """The parser labels particles prt, advmod or prep ("stepped down")."""
    return any(ch.dep_ in ("prt", "advmod", "prep") and ch.lower_ in c.values for ch in t.children)


# Nouns of a stretch of time that the entity recogniser does not mark as a date ("for the first
# time", "for a while").
_TIME_NOUNS = frozenset({"time", "while", "moment", "minute", "hour", "day", "week", "month",
                         "year", "decade", "century"})


def _of_time(prep: Token) -> bool:
    """"on Monday", "in March", "for the first time": a preposition whose object is a date or a
    time."""
    return any(g.dep_ == "pobj" and (g.ent_type_ in ("DATE", "TIME") or lemma_of(g) in _TIME_NOUNS)
               for g in prep.children)


def _preposition(t: Token, _row: TriggerRow, c: Condition, _ctx: MatchContext) -> bool:
    """A preposition of the values hangs on the trigger, not one of time ("an open-ended strike
    on Monday" is no strike on a target); or, as in "pushing for France to back the plan",
    marks a clause of it (the parser makes "for" the mark of the clause)."""
    return any(ch.dep_ == "prep" and ch.lower_ in c.values and not _of_time(ch)
               for ch in t.children) or any(
        ch.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in c.values and m.i < ch.i
                                   for m in ch.children) for ch in t.children)


def _passive(t: Token, _row: TriggerRow, _c: Condition, _ctx: MatchContext) -> bool:
    """The verb is in the passive ("forces were engaged in ..."), also a participle said of the
    noun it is done to ("drugs seized on the border")."""
    return syntax.is_passive(t) or (
        t.dep_ == "acl" and t.tag_ == "VBN" and t.head.pos_ in ("NOUN", "PROPN")
        and syntax.child(t, "aux", "auxpass", "nsubj") is None)


def _result(t: Token, _row: TriggerRow, _c: Condition, _ctx: MatchContext) -> bool:
    """"The weather should ease by Thursday, allowing PG&E to restore power": a participle after
    its clause's verb, with no subject or conjunction of its own, tells what that act led to."""
    return t.tag_ == "VBG" and t.dep_ == "advcl" and t.i > t.head.i and \
        syntax.child(t, "nsubj", "nsubjpass", "mark") is None


_QUESTION_NOUNS = frozenset({"question", "query"})
# What a journalist asks a party for: its word on the story, not a deed.
_ANSWER_NOUNS = frozenset({"comment", "response", "reaction", "answer", "interview"})
_WHETHER = frozenset({"if", "whether"})
# Dependents that say what is asked for or of whom ("asked Uganda to withdraw", "asked for help").
_ASKED_FOR = frozenset({"dobj", "dative", "xcomp", "ccomp", "prep", "advcl", "oprd", "attr"})


def _asks_a_question(c: Token) -> bool:
    if c.dep_ == "dobj":
        return lemma_of(c) in _QUESTION_NOUNS
    if c.dep_ == "prep" and c.lower_ == "for":
        return any(p.dep_ == "pobj" and lemma_of(p) in _ANSWER_NOUNS for p in c.children)
    if c.dep_ == "punct":
        return c.text == "?"
    if c.dep_ == "advcl":  # "asked her if she had tried": the parser's conditional
        return any(m.dep_ == "mark" and m.lower_ in _WHETHER for m in c.children)
    if c.dep_ != "ccomp":
        return False
    first = next(iter(c.subtree))
    return first.lower_ in _WHETHER or first.tag_ in ("WDT", "WP", "WRB") or any(
        x.text == "?" for x in c.subtree)


def _question(t: Token, _row: TriggerRow, _c: Condition, _ctx: MatchContext) -> bool:
    """"asked whether the talks would resume", "asked how it compared", "'Could it live
    there?' Malaska asked", "asked Mr Malone five questions", "asked them for comment": what is
    asked is a question, not a deed (the asked party is to answer, not to act). So is an asking
    told with nothing asked for ("Schiff asked.": the words of a quote), and the participle that
    opens a clause ("Asked about the tattoo, Tegnell laughed": reporters asked the subject)."""
    if t.tag_ == "VBN" and t.dep_ == "advcl" and syntax.child(t, "aux", "auxpass") is None:
        return True
    if not any(c.dep_ in _ASKED_FOR for c in t.children):
        return True
    return any(_asks_a_question(c) for c in t.children)


# Auxiliaries of a course to follow ("agreed that troops would withdraw").
_COURSE_AUX = frozenset({"will", "would", "shall", "should", "must", "can", "could", "may",
                         "might", "'ll", "'d"})


def _view_clause(t: Token, _row: TriggerRow, _c: Condition, _ctx: MatchContext) -> bool:
    """"many businesses agree that China has taken advantage", "Smith agreed: 'It is a
    different job'": the verb's clause says what is so, a view shared, not a course agreed
    (not "agreed that troops would withdraw", nor "agreed that talks be held")."""
    clause = syntax.child(t, "ccomp")
    return clause is not None and clause.tag_ != "VB" and not any(
        a.dep_ == "aux" and a.lower_ in _COURSE_AUX for a in clause.children)


def _object_of(t: Token, _row: TriggerRow, c: Condition, _ctx: MatchContext) -> bool:
    """"pobj=PREP": the noun is the object of PREP."""
    return t.dep_ == "pobj" and t.head.lower_ in c.values


def _phrase_words(t: Token, _row: TriggerRow, c: Condition, ctx: MatchContext) -> bool:
    """"p~with:@weapon": a "with" phrase of the trigger holds a value."""
    objs = syntax.noun_preps(t, (c.prep,))
    return any(words_match(list(o.subtree), c.values, ctx.tables) for o in objs)


def _object_tokens(t: Token) -> list[Token]:
    obj = syntax.direct_object(t)
    return syntax.core_tokens(obj) if obj is not None else []


def _subject_tokens(t: Token) -> list[Token]:
    """The subject's words; for "it" or "they" in a clause hung on another verb ("a vehicle ...
    was southbound when it struck the back of a car"), that verb's subject's too; a relative
    pronoun's, the noun it stands for; a modal's are its verb's ("the weather should ease")."""
    if t.dep_ == "aux" and t.head.pos_ in ("VERB", "AUX"):
        t = t.head
    subj = syntax.subject(t) if t.pos_ in ("VERB", "AUX") else None
    if subj is None:
        return []
    words = syntax.core_tokens(subj)
    if subj.tag_ in ("WDT", "WP") and t.dep_ == "relcl" and t.head.pos_ in ("NOUN", "PROPN"):
        return words + syntax.core_tokens(t.head)  # "the epidemic that has killed ...": its noun
    if subj.lower_ in ("it", "they") and t.dep_ in ("advcl", "conj", "relcl") and \
            t.head.pos_ in ("VERB", "AUX"):
        above = syntax.subject(t.head)
        if above is not None and above.i != subj.i:
            words = words + syntax.core_tokens(above)
    return words


def _conjoined_verbs(t: Token) -> list[Token]:
    """The verbs joined to the trigger by "and" or "or" ("was arrested and charged", "were
    charged and arrested"): the one it hangs on and those hanging on it."""
    out = [c for c in t.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")]
    if t.dep_ == "conj" and t.head.pos_ in ("VERB", "AUX"):
        out.append(t.head)
    return out


# The words of the trigger that "obj~", "sub~", "clause~", "sent~", "mod~" and "conj~" look in.
_WORDS_OF: dict[str, Callable[[Token], list[Token]]] = {
    "obj": _object_tokens,
    "sub": _subject_tokens,
    "clause": lambda t: [x for x in t.subtree if x.i != t.i],
    "sent": lambda t: list(t.sent),
    "mod": syntax.modifiers,
    "conj": _conjoined_verbs,
}


def _words(t: Token, _row: TriggerRow, c: Condition, ctx: MatchContext) -> bool:
    return words_match(_WORDS_OF[c.key](t), c.values, ctx.tables)


_HOLDS: dict[str, Holds] = {
    "light": _light, "xcomp": _has_child_dep, "ccomp": _has_child_dep, "saidby": _said_by,
    "poss": _possessed, "modifier": _modifier, "noobj": _no_object, "foreign": _foreign,
    "passive": _passive, "question": _question, "result": _result, "viewclause": _view_clause,
    "inforce": _in_force,
    "subsector": _subsector, "prt": _particle, "prep": _preposition, "pobj": _object_of,
    "p": _phrase_words, **dict.fromkeys(_WORDS_OF, _words),
}


def _holds(t: Token, row: TriggerRow, c: Condition, ctx: MatchContext) -> bool:
    return _HOLDS[c.key](t, row, c, ctx)


def row_fires(t: Token, row: TriggerRow, ctx: MatchContext) -> bool:
    """Every condition of the row holds: one of its alternatives, after its negation."""
    return all(any(_holds(t, row, c, ctx) != c.negated for c in alternatives)
               for alternatives in row.conditions)


def trigger_pos(t: Token) -> str | None:
    # asked of every word: each label is read once (a read looks it up in spaCy's string store)
    tag, pos, dep = t.tag_, t.pos_, t.dep_
    if tag == "VBG" and dep in NOMINAL_DEPS and not any(
            c.dep_ in ("dobj", "nsubj", "dative") for c in t.children):
        return "NOUN"  # "Fighting between X and Y continued": a gerund used as a noun
    if pos == "VERB" or (pos == "AUX" and dep == "ROOT"):
        return "VERB"
    if pos == "AUX" and dep == "aux":
        return "AUX"  # modal readings: "X said Y must ..." (a demand)
    if tag == "VBG" and t.i == t.sent.start:
        return "VERB"  # a sentence-initial participle the tagger took for a noun ("Meeting X, ...")
    # Names are not triggers, and neither is a word of a date: "on 29 March", "ISTANBUL, March 19"
    # (the month is not a protest march).
    if pos in ("NOUN", "PROPN") and t.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP", "DATE", "TIME") \
            and not _month_of_a_day(t):
        return "NOUN"
    return None


def _month_of_a_day(t: Token) -> bool:
    """"the March 3 primaries", "on 3 March": a month named with its day, whatever the entity
    tagger calls it (here an EVENT). March is the one month name that is also a trigger word."""
    if t.text != "March":
        return False
    doc = t.doc
    return (t.i + 1 < len(doc) and doc[t.i + 1].like_num) or (t.i > 0 and doc[t.i - 1].like_num)


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
