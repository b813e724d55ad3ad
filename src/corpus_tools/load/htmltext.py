"""HTML to plain text: blocks become paragraphs, ``<br>`` line breaks, furniture is skipped.

Used for the HTML fragments of WordPress exports, feeds and Markdown, for readers' comments,
and for a saved page when the extractor finds no main text in it.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator

from bs4 import (
    BeautifulSoup,
    CData,
    MarkupResemblesLocatorWarning,
    NavigableString,
    Tag,
    XMLParsedAsHTMLWarning,
)

from corpus_tools.normalise import nfc

_BLOCKS = (
    "p", "div", "section", "article", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4",
    "h5", "h6", "pre", "figure", "figcaption", "table", "tr", "header", "footer", "hr",
)
_FURNITURE = (
    "script", "style", "noscript", "template", "iframe", "nav", "form", "button", "svg",
    "input", "textarea", "select", "object", "embed",
)
_FURNITURE_SELECTORS = (
    ".sharedaddy", ".sd-sharing-enabled", ".share", ".sharing", ".social-share",
    ".jp-relatedposts", ".related-posts", ".wp-block-buttons", ".screen-reader-text",
    "#respond", ".comment-respond", ".reply", ".comment-reply-link", ".navigation",
    ".post-navigation", ".nav-links", ".sidebar", "#secondary", ".site-header",
    ".site-footer", "#comments-title", ".comments-title", ".edit-link", ".wp-caption-text",
)


def soup(html: str) -> BeautifulSoup:
    """Parse ``html`` with lxml, quietly (a page that looks like a path or is XHTML)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # XHTML pages
        return BeautifulSoup(html, "lxml")


_BLOCK_NAMES = frozenset(_BLOCKS)
_TEXT_TYPES = (NavigableString, CData)
"""The strings that are text (not comments, declarations or processing instructions), as
Beautiful Soup's ``get_text`` reads them."""
_BREAK = object()
"""Stands, in the walk of :func:`_pieces`, for the end of a block."""


def _furniture(root: Tag) -> set[int]:
    """Return the ids of the elements under ``root`` that are page furniture (read, not
    removed: the caller's tree is left as it is, and no copy of it is made)."""
    found = {id(tag) for tag in root.find_all(_FURNITURE)}
    for selector in _FURNITURE_SELECTORS:
        found.update(id(tag) for tag in root.select(selector))
    return found


def _pieces(root: Tag, furniture: set[int]) -> Iterator[str]:
    """Yield an element's text in document order, a blank line around each block and a line
    break for each ``<br>``: one walk of the tree with a stack of its own, so that time is
    linear in the page's size and a page nested thousands of levels deep reads as any other
    (inserting separators before and after each block, as this did, was quadratic)."""
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if node is _BREAK:
            yield "\n\n"
        elif isinstance(node, Tag):
            if id(node) in furniture:
                continue
            if node.name == "br":
                yield "\n"
                continue
            if node.name in _BLOCK_NAMES:
                yield "\n\n"
                stack.append(_BREAK)
            stack.extend(reversed(node.contents))
        elif type(node) in _TEXT_TYPES:
            yield str(node)


def element_text(element: Tag) -> str:
    """Return an element's text with blocks as paragraphs and ``<br>`` as line breaks."""
    text = "".join(_pieces(element, _furniture(element)))
    paragraphs: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):
        line = re.sub(r"[ \t\r\f\v]+", " ", line).strip()
        if line:
            current.append(line)
        elif current:
            paragraphs.append("\n".join(current))
            current = []
    if current:
        paragraphs.append("\n".join(current))
    return nfc("\n\n".join(paragraphs))


def fragment_to_text(html: str) -> str:
    """Turn an HTML fragment (a post's content) into paragraphs of plain text.

    Examples:
        >>> fragment_to_text("<p>Bonjour <b>à tous</b></p><p>Suite</p>")
        'Bonjour à tous\\n\\nSuite'
    """
    if "<" not in html:
        return element_text(soup(f"<div>{html.replace('&', '&amp;')}</div>"))
    return element_text(soup(html))
