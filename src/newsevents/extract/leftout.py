"""What trafilatura left out of an HTML page: the text of the page's blocks (cookie bars, menus,
newsletter and donation boxes, related-story lists) that is not in the extracted article.

Our own filter only sees what trafilatura kept, so without this list a reader of `newsevents
extract` would see "dropped: 0" on a page full of furniture. The pipeline does not need it and
does not store it; ``extract(..., left_out=True)`` asks for it.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from .parts import normalise_paragraph

# Elements that end a block of text in a browser's layout.
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
})
# Elements whose text no reader sees.
_HIDDEN_TAGS = ("script", "style", "noscript", "template", "svg", "head", "title")
# A long block counts as kept when this share of its words is in the article (trafilatura trims
# links and bylines from the paragraphs it keeps, so an exact match is too strict).
_KEPT_WORD_SHARE = 0.8
_LONG_BLOCK_WORDS = 8


def page_blocks(tree: HtmlElement) -> list[str]:
    """The text of each block of the page body, in page order, each once. A block is a run of
    text and inline elements between block boundaries, so the logo link and the subscribe link of
    a header around a menu are two blocks, and each menu entry is one."""
    body = tree.find(".//body")
    out: list[str] = []
    _blocks(body if body is not None else tree, out)
    return list(dict.fromkeys(out))  # each text once, first place kept


def _blocks(el: HtmlElement, out: list[str]) -> None:
    run = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str) or child.tag in _HIDDEN_TAGS:  # comments, scripts
            run.append(child.tail or "")
            continue
        if child.tag in BLOCK_TAGS or any(d.tag in BLOCK_TAGS for d in child.iterdescendants()):
            _flush(run, out)
            _blocks(child, out)
            run = [child.tail or ""]
        else:
            run.extend(_visible_text(child))
            run.append(child.tail or "")
    _flush(run, out)


def _flush(run: list[str], out: list[str]) -> None:
    text = normalise_paragraph(" ".join(run))
    if text:
        out.append(text)


def _visible_text(el: HtmlElement) -> list[str]:
    out = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag not in _HIDDEN_TAGS:
            out.extend(_visible_text(child))
        out.append(child.tail or "")
    return out


def left_out(blocks: list[str], kept: list[str]) -> list[str]:
    """The blocks none of ``kept`` (the article's paragraphs, dropped lines and header fields)
    holds."""
    text = "\n".join(kept)
    words = set(text.split())
    out = []
    for block in blocks:
        if block in text:
            continue
        block_words = block.split()
        if len(block_words) >= _LONG_BLOCK_WORDS and \
                sum(w in words for w in block_words) >= _KEPT_WORD_SHARE * len(block_words):
            continue
        out.append(block)
    return out
