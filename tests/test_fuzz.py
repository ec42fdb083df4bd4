"""Fuzzing `newsevents process`, in-process, with inputs no one would write on purpose: random
bytes, broken HTML, text full of control characters, lone surrogates, right-to-left marks and
emoji, JSONL records with fields of the wrong type and dates in odd forms, huge and empty fields.

The property: every input gives exactly one stored article or one rejected row (never an
uncaught exception), the exit code is 1 exactly when something was rejected, and a second run
over the same inputs adds no article.

`make test` runs a few examples of each kind (spaCy is slow); `make fuzz` runs many more
(HYPOTHESIS_PROFILE=fuzz). The number of inputs sent is printed at the end of the test run.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from newsevents.cli import cli
from newsevents.store import open_store
from test_cli_process import ARTICLE_A, ARTICLE_B

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")


def _examples(bounded: int) -> int:
    """``bounded`` examples in `make test`; the profile's number under `make fuzz`."""
    return settings().max_examples if PROFILE == "fuzz" else bounded


# Small limits, so that "huge" inputs are cheap to make and still cross them.
CONFIG = "max_bytes = 20000\nmax_chars = 6000\nbatch_size = 4\n"

SENTENCES = [s.strip() for text in (ARTICLE_A, ARTICLE_B) for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
ODD_CHARACTERS = [
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\ufeff", "\ufffd", "\ud800", "\udfff", "\udcff",
    "\u202e", "\u202d", "\u200f", "\u200b", "\u2028", "\u0645\u0631\u062d\u0628\u0627", "\u05e9\u05dc\u05d5\u05dd",
    "\U0001f600", "\U0001f469\u200d\U0001f469\u200d\U0001f467", "\U0001f1fa\U0001f1e6", "e\u0301", "\u3000",
]
ODD_DATES = [
    "Tue, 11 Feb 2025 08:00:00 GMT", "yesterday", "2025", "2025-02-30", "2025-13-01", "0000-00-00",
    "9999-12-31T23:59:59+14:00", "-1", "", " ", "3 hours ago", "February 2025", "31/12/2024",
    "2024-02-29T25:00:00", "1970-01-01T00:00:00Z", "now", "\ud800", "2025-02-11T08:00:00+99:00",
]

# Any character, with controls, format characters (RTL marks) and lone surrogates drawn often.
odd_piece = st.one_of(st.characters(), st.characters(categories=["Cs", "Cc", "Cf"]), st.sampled_from(ODD_CHARACTERS))
noise = st.lists(odd_piece, max_size=20).map("".join)
# The same without lone surrogates: a surrogate rejects the whole document, so the English
# documents get one only now and then, and most of them reach the coder.
_SURROGATE = re.compile("[\ud800-\udfff]")
clean_noise = noise.map(lambda text: _SURROGATE.sub("", text))


@st.composite
def english(draw: st.DrawFn) -> str:
    """Sentences of two news stories, some paragraphs, with odd characters dropped in: enough
    English for a part of the documents to reach the parser, the resolver and the coder."""
    chosen = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8))
    pieces: list[str] = []
    for sentence in chosen:
        if draw(st.booleans()):
            cut = draw(st.integers(0, len(sentence)))
            sentence = sentence[:cut] + draw(st.one_of(clean_noise, clean_noise, clean_noise, noise)) + sentence[cut:]
        pieces.append(sentence)
        pieces.append(draw(st.sampled_from([" ", "\n\n", "\n", "\r\n", "\t"])))
    return "".join(pieces)


@st.composite
def broken_html(draw: st.DrawFn) -> str:
    tags = ["<p>", "</p>", "<div>", "</div>", "<article>", "<h1>", "<script>", "</script>", "<style>",
            "<!--", "-->", "<![CDATA[", "<br/>", "<a href='", "<meta charset='", "<title>", "<table><tr><td>",
            "</html>", "<html lang='ar' dir='rtl'>", "&amp;", "&#0;", "&#xD800;", "&nbsp", "<", ">", "\"", "'"]
    parts = draw(st.lists(st.one_of(st.sampled_from(tags), english(), noise), min_size=1, max_size=12))
    html = "".join(parts)
    return html[: draw(st.integers(0, len(html)))] if draw(st.booleans()) else html


def _encode(text: str, codec: str) -> bytes:
    if codec == "utf-8":
        return text.encode("utf-8", "surrogatepass")  # lone surrogates become invalid bytes
    return text.encode(codec, "replace" if codec != "utf-16" else "surrogatepass")


file_bytes = st.one_of(
    st.binary(max_size=3000),
    st.builds(_encode, st.one_of(english(), broken_html(), st.lists(odd_piece, max_size=200).map("".join)),
              st.sampled_from(["utf-8", "cp1252", "cp1251", "latin-1", "utf-16", "shift_jis"])),
    # crosses max_bytes / max_chars
    st.builds(lambda text, n: (text * n).encode("utf-8", "surrogatepass"), english(), st.integers(50, 400)),
    st.just(b""), st.just(b"   \n\t "), st.just(b"\xef\xbb\xbf"),
)

json_scalar = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                        noise)


def _nested(inner: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3))


json_value = st.recursive(json_scalar, _nested, max_leaves=6)
text_field = st.one_of(english(), broken_html(), noise, st.just(""), st.just("   "),
                       st.builds(lambda t, n: t * n, english(), st.integers(50, 300)), json_value)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(noise, st.integers(), json_value),
        "text": text_field,
        "html": st.one_of(broken_html(), json_value),
        "url": st.one_of(st.just("https://news.example/a"), noise, json_value),
        "published": st.one_of(st.sampled_from(ODD_DATES), noise, json_value),
        "extra": json_value,
    },
)


def _line(value: object) -> bytes | None:
    """One JSONL line (None when it would be blank, which is no input at all)."""
    if isinstance(value, bytes):
        line = value.replace(b"\n", b" ").replace(b"\r", b" ")
    else:
        line = json.dumps(value).encode("utf-8")  # json escapes lone surrogates as \ud800
    return line if line.strip() else None


jsonl_line = st.one_of(records, json_value, st.binary(max_size=200)).map(_line).filter(lambda v: v is not None)


@dataclass(frozen=True)
class Inputs:
    files: tuple[tuple[str, bytes], ...]  # (suffix, content): one document each
    lines: tuple[bytes, ...]  # JSONL lines of one file: one document each

    @property
    def count(self) -> int:
        return len(self.files) + len(self.lines)


def _run(inputs: Inputs, counts: dict[str, int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "in"
        folder.mkdir()
        expected: set[str] = set()
        for n, (suffix, data) in enumerate(inputs.files):
            path = folder / f"doc{n}{suffix}"
            path.write_bytes(data)
            expected.add(str(path))
        if inputs.lines:
            path = folder / "records.jsonl"
            path.write_bytes(b"\n".join(inputs.lines) + b"\n")
            expected.update(f"{path}#{n}" for n in range(1, len(inputs.lines) + 1))
        (root / "config.toml").write_text(CONFIG, encoding="utf-8")
        db = str(root / "ev.db")
        args = ["process", str(folder), "--db", db, "--config", str(root / "config.toml"), "--quiet"]
        result = CliRunner().invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        assert result.exit_code in (0, 1), result.output
        assert result.stdout.startswith(f"{inputs.count} documents: "), result.stdout
        with open_store(db, read_only=True) as store:
            stored = [r[0] for r in store.db.fetchall("SELECT source_uri FROM article_docs")]
            rejected = [r.source_uri for r in store.rejected()]
            articles = store.counts()["articles"]
        # Every input is one stored article or one rejected row, none is lost or counted twice.
        assert sorted(stored + rejected) == sorted(expected), result.stdout
        assert result.exit_code == (1 if rejected else 0), result.stdout
        again = CliRunner().invoke(cli, args)
        assert again.exit_code == result.exit_code, again.output
        with open_store(db, read_only=True) as store:
            assert store.counts()["articles"] == articles, again.stdout
    counts["runs"] += 1
    counts["inputs"] += inputs.count
    counts["stored"] += len(stored)
    counts["rejected"] += len(rejected)


suffixes = st.sampled_from([".txt", ".html", ".htm", ".txt"])


@settings(max_examples=_examples(6))
@given(files=st.lists(st.tuples(suffixes, file_bytes), min_size=1, max_size=4))
def test_files_of_any_bytes(files: list[tuple[str, bytes]], fuzz_counts: dict[str, int]) -> None:
    _run(Inputs(tuple(files), ()), fuzz_counts)


@settings(max_examples=_examples(6))
@given(lines=st.lists(jsonl_line, min_size=1, max_size=6))
def test_jsonl_records_of_any_shape(lines: list[bytes], fuzz_counts: dict[str, int]) -> None:
    _run(Inputs((), tuple(lines)), fuzz_counts)


@settings(max_examples=_examples(5))
@given(texts=st.lists(st.one_of(english(), broken_html()), min_size=1, max_size=4),
       lines=st.lists(records.map(_line).filter(lambda v: v is not None), max_size=3))
def test_mostly_english_reaches_the_coder(texts: list[str], lines: list[bytes], fuzz_counts: dict[str, int]) -> None:
    files = tuple((".html" if "<" in t else ".txt", t.encode("utf-8", "surrogatepass")) for t in texts)
    _run(Inputs(files, tuple(lines)), fuzz_counts)
