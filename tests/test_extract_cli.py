"""`newsevents extract FILE`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from newsevents.cli import cli

STORY = (
    "The harbour authority closed the northern pier on Tuesday after inspectors found deep cracks in "
    "two of the concrete supports that hold up the walkway. Engineers said repairs would take months."
)


def test_extract_prints_metadata_body_and_dropped(tmp_path: Path) -> None:
    page = tmp_path / "story.txt"
    page.write_text("\n\n".join([
        "Pier closed after inspectors find cracks",
        "By Mara Quinn",
        "Tuesday 5 March 2024 09:30 GMT",
        STORY,
        "Share this article",
    ]), "utf-8")
    result = CliRunner().invoke(cli, ["extract", str(page)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "  headline: Pier closed after inspectors find cracks" in lines
    assert "  byline: Mara Quinn" in lines
    assert "  published: 2024-03-05T09:30:00+00:00" in lines
    assert f"[1] {STORY}" in lines
    assert "  - boilerplate:share (matched 'Share this article'): Share this article" in lines
    assert "  - header:byline: By Mara Quinn" in lines


def test_extract_rejected_document_exits_1(tmp_path: Path) -> None:
    page = tmp_path / "short.txt"
    page.write_text("Only a few words here.", "utf-8")
    result = CliRunner().invoke(cli, ["extract", str(page)])
    assert result.exit_code == 1
    assert "extract/too_short" in result.output


def test_extract_command_lists_what_trafilatura_left_out() -> None:
    """The page's cookie bar, menu, promotion and appeal boxes never reach our filter (trafilatura
    leaves them out first); `extract` lists them, not 'dropped: 0'."""
    examples = Path(__file__).resolve().parents[1] / "examples" / "articles"
    page = examples / "eastern-ledger-2025-03-14-kharkiv-drones.html"
    result = CliRunner().invoke(cli, ["extract", str(page)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    dropped = lines[lines.index(next(x for x in lines if x.startswith("dropped: "))):]
    assert dropped[0] != "dropped: 0"
    left_out = [x for x in dropped if x.startswith("  - boilerplate:outside_body (left out by trafilatura): ")]
    texts = [x.split("): ", 1)[1] for x in left_out]
    for expected in ("Accept all Manage preferences", "Support independent reporting from Ukraine",
                     "Read more: Ukraine war live updates", "Subscribe from 1 euro"):
        assert expected in texts, texts
    # the story's paragraphs and its headline are not in the list
    assert not any(t.startswith(("Russia fires 112 drones", "Both sides have stepped up")) for t in texts)
