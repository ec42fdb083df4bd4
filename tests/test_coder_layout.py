"""The coder's layout: no import circle hidden inside functions, and the named rule lists run in
the order the engine's docstring gives (reordering them changes events)."""

from __future__ import annotations

import ast
from pathlib import Path

import newsevents.coder
from newsevents.coder import absorbed, build_rules, finish, no_happening

CODER = Path(newsevents.coder.__file__).parent


def test_every_coder_import_is_at_module_top() -> None:
    inside = []
    for path in sorted(CODER.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                inside += [f"{path.name}:{n.lineno}" for n in ast.walk(node)
                           if isinstance(n, ast.Import | ast.ImportFrom)]
    assert inside == []


def _imports(path: Path) -> set[str]:
    """The coder modules ``path`` imports (``from . import x``, ``from .x import y``), anywhere
    in it: under ``if TYPE_CHECKING`` or inside a function too (that is how circles hid)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            out |= {node.module} if node.module else {a.name for a in node.names}
    return out - {"__init__"}


def test_coder_modules_import_no_circle() -> None:
    graph = {p.stem: _imports(p) for p in CODER.glob("*.py") if p.stem != "__init__"}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done:
            return
        for nxt in sorted(graph.get(name, ())):
            visit(nxt, (*path, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())


def _names(rules: tuple[object, ...]) -> list[str]:
    return [getattr(r, "__name__", "") for r in rules]


def test_rule_lists_keep_their_order() -> None:
    assert _names(absorbed.ABSORB_RULES) == [
        "named_charge", "backing", "circumstance", "told_within_another", "banned", "protest_cause", "object_of_trigger_verb", "modal_demand", "protest_told_as_purpose",
        "purpose",
        "toll_of_a_clash", "same_type_chain", "terms_of_a_deal", "casualty_participle", "toll_in_relative_clause",
        "toll_after_semicolon", "reported_toll", "protest_demand", "proposed", "content_of_absorbing"]
    assert _names(no_happening.NOT_HAPPENINGS) == [
        "_status_word", "_people_by_their_state", "_kind_of_weapon_or_unit",
        "_standing", "_cumulative_toll", "_fled_from", "_span_of_many",
        "_measured", "_time_since", "_backed_party", "_names_a_party",
        "_describes_party", "_modal_as_noun", "_modal_perfect", "_asked",
        "_in_a_name", "_relative_description", "_contact_clause", "_behind_it"]
    assert _names(build_rules.PLACE_RULES) == [
        "own_words", "town_told_again", "where_described", "main_clause_setting",
        "sentence_setting", "fronted_setting", "target_place", "town_that_acts"]
    assert _names(build_rules.ACTOR_RULES) == [
        "weapon_not_attacker", "deed_agent", "origin_place", "place_authority",
        "home_authority", "teller_of_penalty", "speaker"]
    assert _names(build_rules.RECIPIENT_RULES) == ["not_own_side", "later_party", "other_side"]
    assert _names(finish.TYPE_RULES) == [
        "told_before_another", "future_is_agree", "future_is_threaten", "conditional_is_threaten", "negated_is_reject"]
    assert _names(finish.EVENT_RULES) == [
        "actor_state_forces", "dateline_over_countryless_place",
        "dateline_refines_region", "place_from_police_town", "place_from_region_body", "countrywide",
        "at_the_border",
        "place_from_dateline", "actor_unidentified", "actor_protesters",
        "place_from_recipient", "place_from_parties", "decided_at_home", "story_region",
        "recipient_from_deployment_place",
        "source_country"]
