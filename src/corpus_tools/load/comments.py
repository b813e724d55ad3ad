"""Readers' comments of saved blog pages, with their author, date and parent.

No extraction library separates comments one by one (trafilatura keeps them as one block of
text), so this module reads them from the markup of each platform, declared once in
:data:`MARKUPS`: WordPress (classic and block themes, wordpress.com and Jetpack, Hypotheses),
Blogger, Overblog, Canalblog, SPIP forums, Drupal, the static Disqus markup and the wpDiscuz
plug-in. Pingbacks and trackbacks are left out and counted; an author is the name alone,
without the verb of saying (« dit », *says*, *sagt*…) or the date that themes print beside it.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import UTC, datetime

from bs4 import BeautifulSoup, Tag

from corpus_tools.load.dates import parse_date
from corpus_tools.load.htmltext import element_text
from corpus_tools.load.records import Comment, normalise_handle
from corpus_tools.normalise import nfc


@dataclass(frozen=True)
class Markup:
    """How one platform writes its comments (CSS selectors).

    Attributes:
        platform: its name, for the documentation.
        node: one comment (a reply may sit inside its parent's node).
        author: the author's name inside a comment, first match wins.
        date: where its date is written; ``time[datetime]`` and ``abbr[title]`` are read first.
        body: its text; without a match, the node less its author, date and buttons.
        area: the comment area that is taken out of the page before its text is read.
        markers: words of which one at least is in the HTML of a page with such comments
            (a page without is not searched: each search walks the whole tree).
    """

    platform: str
    node: str
    author: str
    date: str
    body: str
    area: str
    markers: tuple[str, ...] = ("comment",)


_META = (".comment-meta, .commentmetadata, .comment-author, .comment-header, .reply, footer, "
         ".comment-actions, .comment-reply, .comment-edit-link, .says, .submitted, .avatar, "
         ".forum-chapo, .forum-top, .comment__meta, .comment-footer, .wpd-comment-header, "
         ".wpd-comment-footer, .dsq-comment-header, .ob-comment-meta, .blogcommentinfo, "
         ".links, .comment-date, .wp-block-comment-author-name, .wp-block-comment-date, "
         ".wp-block-comment-reply-link, .wp-block-comment-edit-link, "
         "p:has(> cite:only-child)")
"""What surrounds a comment's text inside its node: taken out when no body selector matches."""

MARKUPS: tuple[Markup, ...] = (
    Markup("SPIP", "li.forum-fil", ".forum-qui, [class*=forum-qui], .forum-auteur, .fn",
           ".forum-nav, .forum-date, .date, .forum-chapo small, .comment-meta",
           ".forum-texte", "ul.forum, .forum, .comments-list", ("forum-fil",)),
    Markup("Blogger", ".comment-thread li.comment",
           "cite.user, .comment-header .user, .profile-name-link",
           ".datetime, .comment-header .datetime", ".comment-content",
           "#comments, .comments, #comment-holder", ("comment-thread",)),
    Markup("Disqus", "#disqus_thread li.post, .dsq-comment, li[id^=dsq-comment]",
           ".author, [id^=dsq-author-user], .dsq-comment-header cite",
           ".post-meta, .time-ago, .dsq-comment-header", ".post-message, .dsq-comment-message",
           "#disqus_thread, #dsq-comments, #dsq-content", ("dsq-comment", "disqus_thread")),
    Markup("Epoch", "#epoch-comments div[data-comment-id]", ".epoch-author-link",
           ".epoch-comment-meta", ".epoch-comment-content", "#epoch-wrap, .epoch-wrapper",
           ("epoch-comments",)),
    Markup("wpDiscuz", ".wpd-comment, div.wc-comment", ".wpd-comment-author, .wc-comment-author",
           ".wpd-comment-date, .wc-comment-date", ".wpd-comment-text, .wc-comment-text",
           "#wpdcom, .wpd-thread-list, #wcThreadWrapper, .wc-thread-wrapper, #comments",
           ("wpd-comment", "wc-comment")),
    Markup("Overblog", ".ob-comment, li.comment-item",
           ".ob-comment-author, .ob-name, .ob-user, .comment-author",
           ".ob-comment-date, .ob-date, .comment-date", ".ob-comment-text, .ob-text, "
           ".comment-text, .comment-content", ".ob-comments, .comments",
           ("ob-comment", "comment-item")),
    Markup("Canalblog", ".blogcomment", ".blogcommentauthor, .blogcommentinfo a",
           ".blogcommentinfo, .blogcommentdate", ".blogcommentbody, .blogcommenttext",
           ".blogcomments, #comments", ("blogcomment",)),
    Markup("WordPress, Hypotheses, Drupal", "li.comment, article.comment, div.comment, "
           "li.wp-block-comment, li.pingback, li.trackback, li[id^=comment-]",
           ".comment-author .fn, .comment-author cite, cite.fn, .fn, "
           ".wp-block-comment-author-name, .comment__author, .username, .comment-author, "
           "cite", ".comment-metadata, .comment-meta, .commentmetadata, "
           ".wp-block-comment-date, .comment__time, .submitted, .comment-date, .comment-info",
           ".comment-content, .comment-text, .wp-block-comment-content, .comment__content, "
           ".field--name-comment-body, .comment-body > .content, div.content",
           ".comments-area, #comments, .commentlist, .comment-list, .wp-block-comments, "
           "#respond, .comment-respond"),
)
"""The comment markup of each platform, tried in this order: the first whose ``node`` selector
finds a comment in the page is the page's."""

_PING_CLASSES = frozenset({"pingback", "trackback", "comment-type-pingback",
                           "comment-type-trackback", "pings"})

_SAYING = re.compile(
    r"(?:\s+|^)(?:a\s+dit|dit|écrit|a\s+écrit|says|said|wrote|sagt|schrieb|schreibt|meint|"
    r"kommentiert|antwortet|commente|répond|replies|responds|dice|"
    r"escribió|dijo|zegt|schreef|diz|disse|escreveu|scrive|ha\s+scritto|dice|skriver|skrev|"
    r"siger|sanoo|kirjoitti|mówi|napisał|říká|napsal|pisze)\s*[:.…]*\s*$",
    re.IGNORECASE)
"""A verb of saying after a commenter's name (« Marie dit : », *Rafael sagt:*), in the
languages of blogs."""
_BY = re.compile(r"^(?:post[ée]\s+par|publi[ée]\s+par|[ée]crit\s+par|comment(?:aire)?\s+"
                 r"(?:by|de|par)|kommentar\s+von|par|by|von|de|door|da|por|posted\s+by)\s+",
                 re.IGNORECASE)
_MONTH_WORDS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|"
    "novembre|décembre|decembre|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec|january|"
    "february|march|april|may|june|july|august|september|october|november|december|jan|feb|"
    "mar|apr|jun|jul|aug|sep|januar|februar|märz|maerz|juni|juli|oktober|dezember|enero|"
    "febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|januari|"
    "februari|maart|mei|augustus|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|"
    "tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|"
    "freitag|samstag|sonntag")
_DATE_START = re.compile(
    r"(?:^|[\s,|–—-]+)(?:(?:le|am|on|el|il|op|den|em|the|at|à|um)\s+)?"
    r"(?:\d{1,4}[./-]\d{1,2}(?:[./-]\d{1,4})?|\d{1,2}(?:er|\.|st|nd|rd|th)?\s+(?:"
    + _MONTH_WORDS + r")\b|(?:" + _MONTH_WORDS + r")\b\.?,?\s+\d{1,2}\b|\d{1,2}:\d{2}|"
    r"\d{4}\b|(?:il\s+y\s+a|vor|hace|ago)\b|\(\s*\d)", re.IGNORECASE)
"""Where a date begins in an author's line: « photobix 11. Dezember 2012 um 11:07 »."""
_PLACEHOLDERS = frozenset({"unknown", "inconnu"})
"""What a platform writes for a commenter without a name (Blogger's « Unknown »)."""
_BLOGGER_STAMP = re.compile(r"[?&]showComment=(\d{12,13})")


def clean_author(text: str | None) -> str | None:
    """Reduce a commenter's line to the name: no verb of saying, no date, no « par ».

    Examples:
        >>> clean_author("photobix 11. Dezember 2012 um 11:07")
        'photobix'
        >>> clean_author("Rafael sagt:")
        'Rafael'
        >>> clean_author("par Marie-Claude Dupont, le 3 mars 2014 à 10 h 12")
        'Marie-Claude Dupont'
    """
    if not text:
        return None
    name = " ".join(text.split())
    name = _BY.sub("", name)
    date = _DATE_START.search(name)
    if date and date.start() > 0:
        name = name[:date.start()]
    for _ in range(2):
        name = _SAYING.sub("", name).strip(" ,:;|–—-·")
    name = _BY.sub("", name).strip(" ,:;|–—-·")
    if name.casefold() in _PLACEHOLDERS:
        return None
    return nfc(name) or None


_RELATIVE = re.compile(r"\b(?:il\s+y\s+a|depuis|vor|ago|hace|fa|geleden|há|yesterday|hier|"
                       r"gestern|today|aujourd|heute|ayer|ieri)\b", re.IGNORECASE)
_AT_HOUR = re.compile(r"\s*@\s*(\d{1,2})\s*h\s*(\d{2})")
"""SPIP's « 22 juin 2018 @11h13 »."""


def _read_date(text: str) -> datetime | None:
    text = _AT_HOUR.sub(r" à \1 h \2", " ".join(text.split()))
    if not text:
        return None
    found = parse_date(text, whole=False)
    if found is not None:
        return found
    try:  # a date in another language: « 11. Dezember 2012 um 11:07 », « 7 de mayo de 2014 »
        from dateparser.search import search_dates
    except ImportError:  # pragma: no cover - installed with trafilatura's htmldate
        return None
    if _RELATIVE.search(text):  # « il y a 3 jours »: relative to a day the page does not give
        return None
    matches = search_dates(text[:200], languages=["fr", "en", "de", "es", "it", "nl", "pt"],
                           settings={"RETURN_AS_TIMEZONE_AWARE": False,
                                     "PARSERS": ["custom-formats", "absolute-time"],
                                     "REQUIRE_PARTS": ["day", "month", "year"]})
    return matches[0][1] if matches else None


def _comment_date(own: Tag, markup: Markup) -> datetime | None:
    for link in own.select("a[href*=showComment]"):
        stamp = _BLOGGER_STAMP.search(str(link.get("href") or ""))
        if stamp:
            seconds = int(stamp.group(1)) / 1000
            return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)
    stamp = own.select_one("time[datetime], abbr[title]")
    if stamp is not None:
        value = str(stamp.get("datetime") or stamp.get("title") or "")
        found = parse_date(value, whole=False) or _read_date(stamp.get_text(" "))
        if found is not None:
            return found
    place = own.select_one(markup.date)
    return _read_date(place.get_text(" ")) if place is not None else None


def _classes(node: Tag) -> set[str]:
    value = node.get("class") or []
    return set(value if isinstance(value, list) else str(value).split())


_PING_TEXT = re.compile(r"\s*(?:pingback|trackback|ping)\b", re.IGNORECASE)


def is_ping(node: Tag) -> bool:
    """Tell a pingback or trackback (a link from another blog) from a reader's comment: by
    its class, or by its text when the theme gives it none (« Pingback von … », « Ping : »)."""
    if _classes(node) & _PING_CLASSES or node.find_parent(
            class_=lambda c: c in _PING_CLASSES) is not None:
        return True
    return _PING_TEXT.match(node.get_text(" ", strip=True)[:40]) is not None


def _key(node: Tag, position: int) -> str:
    """A comment's own number: in its id (``comment-12``, ``c555``, ``wc-comm-52951_0``), an
    anchor inside it, or Drupal's anchor just before it; else its position."""
    anchor = node.find_previous_sibling()  # Drupal: <a id="comment-71"></a> before the comment
    before = anchor.get("id") if anchor is not None and anchor.name == "a" else None
    inside = [a.get("id") or a.get("name") for a in node.find_all(["a", "div"], id=True, limit=2)]
    for value in (node.get("id"), *inside, before):
        match = _OWN_NUMBER.search(str(value or ""))
        if match:
            return match.group(1)
    return f"p{position}"


_OWN_NUMBER = re.compile(r"(\d+)(?:_\d+)?$")


@dataclass
class Found:
    """The comments of a page, and what was left out."""

    comments: list[Comment]
    pings: int
    platform: str | None


def _own(node: Tag) -> Tag:
    """A copy of a comment's node without the replies nested in it."""
    own = copy.copy(node)
    for child in own.find_all(["ul", "ol"]):
        if child.parent is not None and child.select_one(
                ".comment, .forum-fil, li.post, .wpd-comment, .ob-comment, .blogcomment, "
                ".dsq-comment") is not None:
            child.decompose()
    for child in own.select(".children, .comment-replies, .wpd-reply, .thread-chrome"):
        child.decompose()
    return own


def _old_blogger(soup: BeautifulSoup) -> Found | None:
    """Blogger's classic templates: ``<dl id="comments-block">`` of author, body and footer."""
    block = soup.select_one("#comments-block, dl.comments-block")
    if block is None:
        return None
    comments = []
    for position, term in enumerate(block.find_all("dt"), start=1):
        body = term.find_next_sibling("dd")
        if body is None:
            continue
        footer = body.find_next_sibling("dd")
        author = next((a for a in term.find_all(["a", "span"]) if a.get_text(strip=True)), term)
        name = clean_author(author.get_text(" "))
        date = _read_date(footer.get_text(" ")) if footer is not None else None
        link = term.select_one("a[href*='twitter.com']")
        comments.append(Comment(
            text=element_text(body), author=name, published=date,
            handle=normalise_handle(str(link["href"])) if link else None,
            key=_key(term, position)))
    block.decompose()
    return Found(comments, 0, "Blogger")


def find_comments(soup: BeautifulSoup, html: str | None = None) -> Found:
    """Read the comments of a page, then take them and their area out of ``soup``.

    Args:
        soup: the page, parsed.
        html: its source, when known: a platform whose markers it lacks is not searched.

    Returns:
        The comments in page order (a reply's ``parent_key`` is its parent's ``key``), the
        number of pingbacks and trackbacks left out, and the platform whose markup matched.
    """
    old = _old_blogger(soup)
    if old is not None:
        return old
    for markup in MARKUPS:
        if html is not None and not any(marker in html for marker in markup.markers):
            continue
        nodes = [node for node in soup.select(markup.node)
                 if not node.find_parent(class_="comment-respond") and _numbered(node)]
        if nodes:
            break
    else:
        return Found([], 0, None)
    # the same comment matched twice (<article class="comment"> inside <li class="comment">)
    outer = {id(node) for node in nodes}
    nodes = [node for node in nodes if not _inner_box(node, outer)]
    pings = [node for node in nodes if is_ping(node)]
    kept = [node for node in nodes if not is_ping(node)]
    keys = {id(node): _key(node, n) for n, node in enumerate(kept, start=1)}
    ids = set(keys)
    comments = []
    for node in kept:
        own = _own(node)
        author_node = own.select_one(markup.author)
        name = clean_author(author_node.get_text(" ")) if author_node is not None else None
        date = _comment_date(own, markup)
        if date is None and author_node is not None:  # « Comment by Daniel — 18 juillet 2011 »
            date = _read_date(author_node.get_text(" "))
        body = own.select_one(markup.body)
        if body is None:
            body = own
            for meta in body.select(_META):
                meta.decompose()
        link = own.select_one("a[href*='twitter.com'], a[href*='//x.com']")
        parent = _parent(node, ids)
        comments.append(Comment(
            text=element_text(body),
            author=name,
            handle=normalise_handle(str(link["href"])) if link is not None else None,
            published=date,
            key=keys[id(node)],
            parent_key=keys[id(parent)] if parent is not None else None,
        ))
    for node in nodes:
        node.extract()
    for area in soup.select(markup.area):
        if area.parent is not None and not area.select_one(".entry-content, .post-content, "
                                                           ".post-body, article.post"):
            area.decompose()
    return Found([c for c in comments if c.text], len(pings), markup.platform)


def _numbered(node: Tag) -> bool:
    """Whether a node matched by its id (``li[id^=comment-]``) is a comment: its id ends in a
    number (``comment-form``, ``comment-list`` are not comments)."""
    value = str(node.get("id") or "")
    return not value.startswith("comment-") or bool(re.fullmatch(r"comment-\d+", value)) or (
        bool(_classes(node) & {"comment", "pingback", "trackback"}))


def _inner_box(node: Tag, outer: set[int]) -> bool:
    """Whether ``node`` is the inner box of another matched comment rather than a reply: it
    bears the same number, or none, and no list (nor Drupal's ``div.indented``) separates them
    (replies sit in a list below their parent)."""
    number = _number(node)
    for parent in node.parents:
        if parent.name in {"ul", "ol"} or "indented" in _classes(parent):
            return False
        if id(parent) in outer:
            return number is None or number == _number(parent)
    return False


def _number(node: Tag) -> str | None:
    match = _OWN_NUMBER.search(str(node.get("id") or ""))
    return match.group(1) if match else None


def _parent(node: Tag, ids: set[int]) -> Tag | None:
    """The comment ``node`` replies to: the one it is nested in, or for Drupal, the comment
    just before the ``div.indented`` that holds it."""
    for ancestor in node.parents:
        if id(ancestor) in ids:
            return ancestor
        if "indented" in _classes(ancestor):
            previous = ancestor.find_previous_sibling(lambda tag: id(tag) in ids)
            if previous is not None:
                return previous
    return None
