"""Web pages (.html/.htm): the report text without the portal's menus, breadcrumbs and footers.

trafilatura finds the main text of pages built from plain <div>s; what furniture remains
(当前位置, 版权所有…) is recognised by the structure parser. A location is a paragraph number
of the extracted text.
"""

from __future__ import annotations

import re

from checker.document import Document, Line, meaningful_chars, normalise
from checker.errors import InputError
from checker.readers import display_name

_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def _decode(data: bytes, path: str) -> str:
    declared = _META_CHARSET.search(data[:4096])
    candidates = ["utf-8"] + ([declared.group(1).decode("ascii")] if declared else [])
    for encoding in candidates:
        try:
            return data.decode("gb18030" if encoding.lower() in ("gb2312", "gbk") else encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    from checker.readers.text import decode

    return decode(data, path)[0]


def _fallback_text(html: str) -> str:
    """All block text of the page when trafilatura finds no main content."""
    import lxml.html

    tree = lxml.html.fromstring(html)
    for element in tree.xpath("//script|//style|//nav|//header|//footer|//aside|//noscript"):
        element.drop_tree()
    blocks = tree.xpath("//p|//h1|//h2|//h3|//h4|//li|//td|//div[not(.//div|.//p)]")
    return "\n".join(" ".join(b.text_content().split()) for b in blocks)


_BLOCKS = {"p", "div", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section", "article", "table",
           "ul", "ol", "blockquote", "pre", "dd", "dt", "title"}
_HIDDEN = {"script", "style", "nav", "header", "footer", "aside", "noscript", "head"}
_DIV = re.compile(r"<(/?)div\b", re.I)
TREE_DEPTH = 200  # libxml2 refuses documents nested deeper than 256 elements


def _div_depth(html: str) -> int:
    depth = deepest = 0
    for match in _DIV.finditer(html):
        depth = max(0, depth - 1) if match.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


def _streamed_text(html: str) -> str:
    """Block text of a page read as a stream of tags (no tree): for pages nested too deeply for a
    tree parser. Scripts, styles, navigation, headers and footers are left out."""
    from html.parser import HTMLParser

    blocks: list[str] = []
    current: list[str] = []
    hidden = [0]

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(text)
        current.clear()

    class Stream(HTMLParser):
        def handle_starttag(self, tag, attrs):
            if tag in _HIDDEN:
                hidden[0] += 1
            elif tag in _BLOCKS:
                flush()

        def handle_endtag(self, tag):
            if tag in _HIDDEN:
                hidden[0] = max(0, hidden[0] - 1)
            elif tag in _BLOCKS:
                flush()

        def handle_data(self, data):
            if not hidden[0]:
                current.append(data)

    stream = Stream(convert_charrefs=True)
    stream.feed(html)
    stream.close()
    flush()
    return "\n".join(blocks)


def read(data: bytes, path: str) -> Document:
    html = _decode(data, path)
    text = None
    if _div_depth(html) > TREE_DEPTH:
        text = _streamed_text(html)
    else:
        import trafilatura

        try:
            text = trafilatura.extract(html, include_tables=True, include_comments=False, deduplicate=False,
                                       include_formatting=False)
        except Exception:  # trafilatura gives up on some malformed pages: fall back to plain block text
            text = None
        if not text or meaningful_chars(text) < 50:
            try:
                text = _fallback_text(html)
            except Exception:
                text = ""
    if meaningful_chars(text or "") < 20:
        raise InputError("no-text", f"网页中没有找到报告正文：{display_name(path)}。请确认保存的是报告页面本身，或把正文复制为 .txt。", path)
    lines = [Line(number, raw) for number, raw in enumerate(text.split("\n"), start=1)]
    comments = _directive_comments(html, lines) if "fazhi-check-" in html else []
    return Document(path, "html", lines, unit="paragraph", wrap_min_chars=float("inf"), comments=comments)


def _directive_comments(html: str, lines: list[Line]) -> list[tuple[int, str]]:
    """`<!-- fazhi-check-… -->` comments with the paragraph each stands before: the first
    extracted paragraph (from the previous comment's on) that holds the text after the comment."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(html)
    except Exception:
        return []
    found, cursor = [], 0
    for comment in tree.iter(etree.Comment):
        text = (comment.text or "").strip()
        if not text.startswith("fazhi-check-"):
            continue
        after = comment.xpath("following::text()[normalize-space()][not(ancestor::script or ancestor::style)][position() <= 5]")
        anchor = next((index for piece in (normalise(str(t))[:20] for t in after) if piece
                       for index in range(cursor, len(lines)) if piece in lines[index].norm), len(lines))
        found.append((lines[anchor].number if anchor < len(lines) else len(lines) + 1, text))
        cursor = anchor
    return found
