"""A UTF-8 document with a few bad bytes is UTF-8 with those bytes replaced (and a warning), not a
legacy encoding that turns every curly quote into mojibake, nor binary data. Legacy encodings are
still chosen when UTF-8 really fails."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsevents.cli import cli
from newsevents.ingest.decode import decode_bytes
from newsevents.store import open_store
from test_ingest_decode import EN_LATIN1, FR, RU

QUOTES = (
    "Russia’s foreign minister said on Tuesday that talks with Ukraine’s delegation would resume "
    "next week, after residents of Khan Younis — the city’s largest district — fled south."
)
ACCENTS = "Le café de la Défense a été fermé après l’incident, a déclaré la préfecture jeudi soir."


def _spoiled(text: str, at: int, bad: bytes) -> bytes:
    """``text`` in UTF-8 with ``bad`` inserted after its first ``at`` characters."""
    return text[:at].encode("utf-8") + bad + text[at:].encode("utf-8")


@pytest.mark.parametrize(("text", "bad"), [
    pytest.param(QUOTES, b"\x92", id="cp1252-quote-in-utf8"),
    pytest.param(QUOTES, b"\xff\xfe", id="two-bad-bytes"),
    pytest.param(ACCENTS, b"\xe9", id="latin1-e-acute-in-utf8"),
    pytest.param(RU + " " + RU, b"\xc0", id="russian-utf8-one-bad-byte"),
])
def test_mostly_utf8_decodes_as_utf8_with_bad_bytes_replaced(text: str, bad: bytes) -> None:
    decoded = decode_bytes(_spoiled(text, 40, bad))
    assert decoded.encoding == "utf-8"
    assert decoded.text == text[:40] + "\ufffd" * len(bad) + text[40:]
    [warning] = decoded.warnings
    assert (warning.stage, warning.reason) == ("ingest", "replaced_bytes")
    offset = len(text[:40].encode("utf-8"))
    assert warning.message == (f"{len(bad)} byte{'s' if len(bad) > 1 else ''} that are not UTF-8 replaced with "
                               f"U+FFFD (the first at byte {offset})")


@pytest.mark.parametrize(("text", "codec"), [
    pytest.param(RU, "cp1251", id="cp1251"),
    pytest.param(FR, "latin-1", id="latin-1"),
    pytest.param(EN_LATIN1, "latin-1", id="english-latin-1"),
    pytest.param(ACCENTS.replace("’", "'"), "cp1252", id="cp1252"),
])
def test_legacy_text_with_a_stray_utf8_character_is_not_read_as_utf8(text: str, codec: str) -> None:
    # One UTF-8 character pasted into a legacy text (more bad bytes than good characters) does
    # not make the text UTF-8: the legacy reading is tried.
    decoded = decode_bytes(text.encode(codec) + " – ".encode())
    assert decoded.encoding != "utf-8"
    assert not decoded.warnings


def test_stored_article_keeps_its_quotes_and_the_warning(tmp_path: Path) -> None:
    from test_cli_process import ARTICLE_A

    story = ARTICLE_A.replace("officials said", "the city’s officials said")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_bytes(_spoiled(story, 200, b"\x92"))
    db = str(tmp_path / "ev.db")
    result = CliRunner().invoke(cli, ["process", str(folder), "--db", db, "--quiet"])
    assert result.exit_code == 0, result.output
    assert "ingest/replaced_bytes" in result.output
    with open_store(db, create=False) as store:
        [article_id] = [r[0] for r in store.db.fetchall("SELECT id FROM articles")]
        article = store.get_article(article_id)
    assert "the city’s officials said" in article.body
    assert [w.reason for w in article.warnings] == ["replaced_bytes"]
