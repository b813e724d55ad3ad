"""Saved WordPress HTML pages, and the HTML fragments of WordPress exports.

Parsed with Beautiful Soup over lxml's HTML parser. Scripts, styles, navigation, share
buttons, related posts and the comment form are dropped before any text is read.
"""

from __future__ import annotations

import copy
import re
import warnings
from collections.abc import Iterator

from bs4 import BeautifulSoup, CData, MarkupResemblesLocatorWarning, NavigableString, Tag

from corpus_tools.load.dates import parse_date
from corpus_tools.load.page import match_signature, split_name_handle
from corpus_tools.load.records import Comment, Document, LoadError, normalise_handle
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
    ".post-navigation", ".nav-links", ".widget", ".sidebar", "#secondary", ".site-header",
    ".site-footer", "#comments-title", ".comments-title", ".edit-link", ".wp-caption-text",
)


def _soup(html: str) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
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
        return element_text(_soup(f"<div>{html.replace('&', '&amp;')}</div>"))
    return element_text(_soup(html))


def split_signature(text: str) -> tuple[str, str | None, str | None]:
    """Take a signature paragraph off the end of a post's text.

    Returns:
        ``(text without the signature, author, handle)``.
    """
    paragraphs = text.split("\n\n")
    if len(paragraphs) < 2:
        return text, None, None
    lines = paragraphs[-1].split("\n")
    found = match_signature(lines[-1].strip(), bare_name=len(lines) == 1)
    if not found:
        return text, None, None
    rest = lines[:-1]
    paragraphs[-1:] = ["\n".join(rest)] if rest else []
    return "\n\n".join(paragraphs), found[0], found[1]


def _first_text(root: Tag, selectors: str) -> str | None:
    found = root.select_one(selectors)
    if found is None:
        return None
    text = " ".join(found.get_text(" ").split())
    return nfc(text) or None


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if tag and tag.get("content"):
            return nfc(str(tag["content"]).strip())
    return None


def _date_of(root: Tag) -> str | None:
    time = root.find("time")
    if time is not None:
        return str(time.get("datetime") or time.get_text(" "))
    return None


def parse_html_page(html: str) -> Document:
    """Parse a saved WordPress page into one document with its comments.

    Raises:
        LoadError: the page has no post content and no comments.
    """
    soup = _soup(html)
    comment_nodes = _comment_nodes(soup)
    keys = {id(node): _comment_key(node, n) for n, node in enumerate(comment_nodes, start=1)}
    comments = [_parse_comment(node, keys) for node in comment_nodes]
    for node in comment_nodes:
        node.extract()
    for listing in soup.select(".commentlist, .comment-list, #comments"):
        listing.decompose()

    article = soup.select_one("article.post, article.type-post, .hentry, article, main, body")
    if article is None:
        raise LoadError("la page HTML n’a pas de corps lisible")
    content = article.select_one(".entry-content, .post-content, .entry, .post-body, .content")
    title = _first_text(article, ".entry-title, h1") or _meta(soup, "og:title")
    if title is None and soup.title is not None:
        title = re.split(r"\s+[|–—-]\s+", soup.title.get_text().strip())[0] or None
    author = _first_text(
        article, ".byline .author, .author.vcard .fn, .author .fn, a[rel~=author], .entry-author"
    ) or _meta(soup, "author", "article:author")
    categories = [
        nfc(" ".join(a.get_text(" ").split()))
        for a in article.select("a[rel~=category], .cat-links a, .post-categories a")
    ]
    tags = [
        nfc(" ".join(a.get_text(" ").split()))
        for a in article.select("a[rel~=tag]:not([rel~=category])")
    ]
    if content is None:
        for heading in article.select(".entry-title, h1, .entry-meta, .entry-footer, footer"):
            heading.decompose()
        content = article
    text = element_text(content)
    text, signed_author, handle = split_signature(text)
    published = _meta(soup, "article:published_time")
    if published is None:
        published = _date_of(article)
    if not text and not comments:
        raise LoadError("la page HTML ne contient ni texte de billet ni commentaire")
    name, byline_handle = split_name_handle(signed_author or author or "")
    return Document(
        text=text,
        title=title,
        author=name,
        handle=handle or byline_handle,
        categories=list(dict.fromkeys(c for c in categories if c)),
        tags=list(dict.fromkeys(t for t in tags if t)),
        published=parse_date(published) if published else None,
        comments=comments,
    )


def _comment_nodes(soup: BeautifulSoup) -> list[Tag]:
    nodes = soup.select("li.comment, li.pingback, article.comment, div.comment")
    # An <article class="comment-body"> inside <li class="comment"> is the same comment.
    return [node for node in nodes
            if not (node.name != "li" and node.find_parent("li", class_="comment"))]


def _comment_key(node: Tag, position: int) -> str:
    match = re.search(r"(\d+)$", str(node.get("id") or ""))
    return match.group(1) if match else f"p{position}"


def _parse_comment(node: Tag, keys: dict[int, str]) -> Comment:
    own = copy.copy(node)
    for child in own.select(".children, ul, ol"):
        child.decompose()
    author = _first_text(own, ".comment-author .fn, .comment-author cite, .fn, .comment-author")
    if author:
        author = re.sub(r"\s+(?:dit|says)\s*:?$", "", author)
    published = None
    stamp = own.find("time")
    if stamp is not None:
        published = parse_date(str(stamp.get("datetime") or stamp.get_text(" ")), whole=False)
    else:
        meta = _first_text(own, ".comment-meta, .commentmetadata")
        published = parse_date(meta, whole=False) if meta else None
    body = own.select_one(".comment-content, .comment-text") or own
    for meta in body.select(".comment-meta, .commentmetadata, .comment-author, .reply, footer"):
        meta.decompose()
    parent_node = node.find_parent(lambda tag: id(tag) in keys)
    name, handle = split_name_handle(author or "")
    link = own.select_one(".comment-author a[href*='twitter.com']")
    return Comment(
        text=element_text(body),
        author=name,
        handle=handle or (normalise_handle(str(link["href"])) if link else None),
        published=published,
        key=keys[id(node)],
        parent_key=keys[id(parent_node)] if parent_node is not None else None,
    )
