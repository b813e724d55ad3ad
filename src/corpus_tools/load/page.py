"""Plain-text saved blog pages: one testimonial, its metadata and its comments.

A page, as a browser's "save as text" or a copy-paste leaves it, reads top to bottom:

* an image caption as first line ("Capture4", "Nath_29", "Capture d’écran 2014-06-03 à
  21.23.02" sometimes glued to the first sentence);
* the body: section headings and paragraphs;
* a signature line ("Pierre Πgu¥εη @pierrengt", "@handle", "Par Marie Dupont");
* a categories line ("Categories: Témoignages", "Catégories : A, B");
* a comment header ("One Response so far.", "2 réponses", "Une réponse");
* comments: an author line ("  1. Neyer Memmi dit :", "Name says:") with or without a date,
  then the comment's indented text; a more indented comment replies to the one above it;
* the comment form and other page furniture ("Leave a Reply", "Laisser un commentaire").

:func:`parse_page` reads the page with :class:`PageReader`, a table of small rules, one per kind
of line. It gives every non-blank line exactly one :class:`Role` (a glued caption line
is cut into two pieces), so nothing of the page is lost: :attr:`ParsedPage.pieces` rebuilds it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import NamedTuple

from corpus_tools.load import patterns as pat
from corpus_tools.load.dates import YEAR, could_end_with_date, parse_date
from corpus_tools.load.records import Comment, Document, LoadError, normalise_handle


class Role(StrEnum):
    """Where a line of a page ends up."""

    CAPTION = "caption"
    HEADING = "heading"
    BODY = "body"
    POST_META = "post_meta"
    SIGNATURE = "signature"
    CATEGORIES = "categories"
    TAGS = "tags"
    COMMENT_HEADER = "comment_header"
    COMMENT_AUTHOR = "comment_author"
    COMMENT_DATE = "comment_date"
    REPLY_MARKER = "reply_marker"
    COMMENT_TEXT = "comment_text"
    BOILERPLATE = "boilerplate"


LONG_LINE = 200
"""Lines longer than this are prose; only a categories or tags line can be that long."""


@dataclass(slots=True)
class Piece:
    """A line, or the part of a line, with the role it plays."""

    line: int
    role: Role
    text: str
    comment: int | None = None


@dataclass
class ParsedPage:
    """A parsed page: the document and where each line went."""

    document: Document
    pieces: list[Piece]
    announced_comments: int | None = None


@dataclass
class _Draft:
    author: str | None = None
    handle: str | None = None
    published: datetime | None = None
    indent: int = 0
    reply_to: str | None = None
    lines: list[tuple[int, str]] = field(default_factory=list)


def _indent(line: str) -> int:
    expanded = line.expandtabs(4)
    return len(expanded) - len(expanded.lstrip())


def _looks_like_name(name: str, *, max_tokens: int = 6) -> bool:
    """Tell whether ``name`` reads as a person's name or pseudonym, not as a sentence."""
    name = name.strip().rstrip(",")
    if not name or len(name) > 60 or pat.NOT_IN_NAMES.search(name):
        return False
    if name.endswith(".") and not pat.ENDS_WITH_INITIAL.search(name):
        return False
    tokens = name.split()
    if len(tokens) > max_tokens:
        return False
    if len(tokens) == 1:
        return ((name.isalpha() or any(c.isalpha() for c in name))
                and name.casefold() not in pat.NOT_NAMES)
    for token in tokens:
        first = token.lstrip("(\"'’")[:1]
        if token.lower().strip(".’'") in pat.NAME_PARTICLES:
            continue
        if not first or not (first.isupper() or first.isdigit() or not first.isascii()):
            return False
    return True


def split_name_handle(text: str) -> tuple[str | None, str | None]:
    """Split "Marie Dupont (@MarieD)" into ``("Marie Dupont", "@maried")``."""
    handle_match = pat.HANDLE_IN_TEXT.search(text)
    handle = normalise_handle(handle_match.group()) if handle_match else None
    name = pat.WRAPPED_HANDLE.sub(" ", text) if handle else text
    name = " ".join(name.split()).strip(" ,-—–")
    return (name or None), handle


def match_signature(line: str, *, bare_name: bool = False) -> tuple[str | None, str | None] | None:
    """Return ``(author, handle)`` if the stripped line is a signature, else ``None``.

    Args:
        line: one stripped line.
        bare_name: accept a name alone (no "Par", no handle), as the last line of a body.
    """
    match = pat.signature(line)
    if not match:
        return None
    name = (match.group("name") or "").strip(" ,-—–|·")
    handle = normalise_handle(match.group("handle"))
    by = match.group("by")
    if by and "," in name:
        name = name.split(",")[0].strip()
    if name and not _looks_like_name(name, max_tokens=5):
        return None
    if handle:
        return (name or None), handle
    if by and name:
        return name, None
    if bare_name and name and 2 <= len(name.split()) <= 4 and not any(c.isdigit() for c in name):
        return name, None
    return None


def _match_caption(line: str) -> tuple[str, str] | None:
    """Return ``(caption, rest)`` when the first line is an image caption."""
    if pat.IMAGE_FILE.fullmatch(line):
        return line, ""
    if pat.BARE_HANDLE.fullmatch(line) and not line.isalpha():  # with a digit, "_" or "@"
        return line, ""
    match = pat.CAPTION.match(line)
    if not match:
        return None
    caption, rest = match.group("caption").rstrip(), match.group("rest")
    if not rest.strip():
        return caption, ""
    if rest[:1].isupper() and caption[-1:].isdigit():
        return caption, rest
    if len(line.split()) <= 8 and not line.endswith((".", "!", "?", "…")):
        return line, ""
    return None


def _match_glued_caption(line: str) -> tuple[str, str] | None:
    """Return ``(caption, rest)`` for a first line whose caption runs into the first sentence
    without a space (« Martine TwittMOOCPour vous parler… »)."""
    glued = pat.glued_caption(line)
    if glued and len(glued.group("caption").split()) <= 5 and len(glued.group("rest")) > 20:
        return glued.group("caption").strip(), glued.group("rest")
    return None


def _match_comment_author(line: str, *, strict: bool) -> tuple[str, str | None, datetime | None,
                                                                   str] | None:
    """Return ``(author, handle, date, inline_text)`` for a comment's author line.

    Args:
        line: one stripped line.
        strict: only a numbered line ("1. Name dit :") counts, as outside the comments.
    """
    if strict and not line[:1].isdigit():
        return None
    match = pat.COMMENT_AUTHOR.fullmatch(line) if pat.says(line) else None
    if match:
        who = match.group("who").strip()
        after = match.group("after").strip()
        date = parse_date(match.group("date_before")) if match.group("date_before") else None
        if match.group("date_before") and date is None:
            return None
        inline = ""
        if after:
            after_date = parse_date(after)
            if after_date is not None:
                date = date or after_date
            elif match.group("number") or not strict:
                inline = after
            else:
                return None
        if strict and not match.group("number"):
            return None
        name, handle = split_name_handle(who)
        dated = (pat.NAME_THEN_DATE.fullmatch(name)
                 if name and pat.HAS_DIGIT.search(name) else None)  # the date has a digit
        if dated and parse_date(dated.group("date")):
            name, date = dated.group("who"), date or parse_date(dated.group("date"))
        if name and not _looks_like_name(name):
            return None
        return name or handle or who, handle, date, inline
    if strict or not pat.HAS_DIGIT.search(line):  # no number, no date: not an author line
        return None
    numbered = pat.NUMBERED_NAME.fullmatch(line)
    who = numbered.group("who").strip() if numbered else line
    # the date is the end of the line: it ends as a date does, and holds a year
    dated = (pat.WHO_THEN_DATE.fullmatch(who)
             if could_end_with_date(who) and YEAR.search(who) else None)
    date = parse_date(dated.group("date")) if dated else None
    if date is not None:
        who = dated.group("who")
    elif not numbered:  # "Name, le 12 mai 2014" or "1. Name"
        return None
    name, handle = split_name_handle(who)
    if name and _looks_like_name(name, max_tokens=4):
        return name, handle, date, ""
    return None


def _split_values(values: str) -> list[str]:
    parts = [part.strip(" .") for part in pat.LIST_SEPARATORS.split(values)]
    return [part for part in parts if part and not pat.comment_header(part)
            and pat.furniture(part) is None]


def _mark_headings(pieces: list[Piece]) -> None:
    """Turn the body pieces that make a paragraph alone and read as a title into
    :attr:`Role.HEADING` (``pieces`` in page order, one per line at most)."""
    for index, piece in enumerate(pieces):
        line = piece.line
        if (index and pieces[index - 1].line == line - 1) or (
            index + 1 < len(pieces) and pieces[index + 1].line == line + 1
        ):
            continue  # a line of a longer paragraph
        if _is_heading(piece.text):
            piece.role = Role.HEADING


def _join(lines: list[tuple[int, str]]) -> str:
    """Join ``(line_number, text)`` pairs: a newline within a paragraph, a blank line between."""
    parts: list[str] = []
    previous = None
    for number, text in lines:
        if previous is not None:
            parts.append("\n" if number == previous + 1 else "\n\n")
        parts.append(text)
        previous = number
    return "".join(parts)


_NOT_HEADING_ENDS = tuple(".!?…;:,»)]")
_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre")


def _bracketed_date(line: str) -> datetime | None:
    """The month of a « [janvier 2012] » line, as its first day."""
    found = pat.BRACKETED_DATE.fullmatch(line)
    if found is None:
        return None
    month = found.group("month").casefold().replace("fevrier", "février").replace(
        "aout", "août").replace("decembre", "décembre")
    return datetime(int(found.group("year")), _MONTHS.index(month) + 1, 1)


_NAVIGATION_WORDS = frozenset(
    "article articles billet billets message messages post posts page pages entrée entrées "
    "previous next older newer imprimer version envoyer retour haut lire partager tweeter "
    "recommander print back".split())
"""The first words of :data:`~corpus_tools.load.patterns.NAVIGATION`'s lines."""


def _first_word(line: str) -> str:
    words = line.lstrip("«‹←< ").split(None, 1)
    return words[0].lower() if words else ""


def _copied_furniture(line: str) -> bool:
    """Whether a line is furniture of a page copied from a real blog: a breadcrumb, an embed
    code or a video's credit line, a navigation, print or share button."""
    # each pattern is tried only on lines that hold what it needs: this runs on every line
    return (pat.breadcrumb(line)
            or (("[" in line or "vid" in line or "Vid" in line)
                and pat.EMBED.fullmatch(line) is not None)
            or (len(line) <= 60 and _first_word(line) in _NAVIGATION_WORDS
                and pat.NAVIGATION.fullmatch(line) is not None))


def _is_heading(text: str) -> bool:
    return (
        len(text) <= 90
        and not text.endswith(_NOT_HEADING_ENDS)
        and (text[:1].isupper() or text[:1].isdigit())
        and len(text.split()) <= 12
        and not pat.LIST_ITEM.match(text)
    )


class _State(StrEnum):
    """Where the reader is on the page."""

    START = "start"
    TOP = "top"  # the body's first pieces, where a byline, a date or a caption may come
    BODY = "body"
    META = "meta"  # after the categories line
    COMMENTS = "comments"
    FORM = "form"  # the comment form and what follows it


class _Line(NamedTuple):
    """A non-blank line of the page."""

    index: int
    raw: str
    text: str
    number: int  # index + 1, as pieces count lines


_TOP_PIECES = 3
"""How many body pieces the top of a page holds (see :attr:`_State.TOP`)."""
_ANY = frozenset(_State)
_ABOVE = frozenset({_State.TOP, _State.BODY, _State.META})  # above the comments and the form
_TOP = frozenset({_State.TOP})
_RULE_TABLE: tuple[tuple[str, frozenset[_State]], ...] = (
    ("caption_first", frozenset({_State.START})),
    ("caption_glued", _TOP),
    ("long_line", _ANY),
    ("copied_furniture", _ANY),
    ("image_credit", frozenset({_State.TOP, _State.BODY})),
    ("site_name", _TOP),
    ("bracketed_date", _TOP),
    ("byline", _TOP),
    ("share_buttons", _ANY),
    ("comment_header", _ANY),
    ("comment_form", frozenset({_State.FORM})),
    ("furniture", _ANY),
    ("categories_line", _ABOVE),
    ("tags_line", _ABOVE),
    ("dated_meta", _ABOVE),
    ("bare_date", _ABOVE),
    ("comment_author", _ANY),
    ("name_over_date", frozenset({_State.COMMENTS})),
    ("comment_date", frozenset({_State.COMMENTS})),
    ("date_before_author", frozenset({_State.COMMENTS})),
    ("reply_marker", frozenset({_State.COMMENTS})),
    ("comment_text", frozenset({_State.COMMENTS})),
    ("body", _ANY),
)
"""Each rule of :class:`PageReader` with the states in which it is tried, in order."""


class PageReader:
    """Read a page line by line: each non-blank line goes to the first rule that takes it.

    A rule is a method ``(line) -> bool`` named in :attr:`RULES`: it looks at the line and at
    what the reader has seen so far, and either takes the line (records its pieces, returns
    ``True``) or leaves it to the next rule. A table gives each rule the states it is tried in
    (``start``, ``top`` for the first body pieces, ``body``, ``meta`` after the categories,
    ``comments``, ``form``); a rule that
    changes the state and leaves the line hands it to the new state's rules. The last rule,
    :meth:`body`, takes every line.

    Examples:
        >>> reader = PageReader("Capture4\\nJ’ai appris Twitter en 2014.")
        >>> [reader.take(index) for index in range(2)]
        ['caption_first', 'body']
    """

    RULES: tuple[str, ...] = tuple(name for name, _ in _RULE_TABLE)
    """The rules, in the order they are tried."""

    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.pieces: list[Piece] = []
        self.body_pieces: list[Piece] = []  # in page order: signatures, headings among them
        self.drafts: list[_Draft] = []
        self.categories: list[str] = []
        self.tags: list[str] = []
        self.meta_author: tuple[str | None, str | None] = (None, None)
        self.published: datetime | None = None
        self.announced: int | None = None
        self.header_title: str | None = None
        self.state = _State.START
        self.share_block = False
        self.pending_date: datetime | None = None
        self.pending_date_piece: Piece | None = None
        self.meta_tested = (-1, False)  # (line index, whether META_START matched it)

    # recording

    def _add(self, line: _Line, role: Role, value: str, comment: int | None = None) -> Piece:
        piece = Piece(line.number, role, value, comment)
        self.pieces.append(piece)
        return piece

    def _add_body(self, line: _Line, value: str) -> None:
        piece = Piece(line.number, Role.BODY, value)
        self.pieces.append(piece)
        self.body_pieces.append(piece)
        if self.state is _State.TOP and len(self.body_pieces) > _TOP_PIECES:
            self.state = _State.BODY

    def _add_comment_text(self, line: _Line) -> None:
        if not self.drafts:
            self.drafts.append(_Draft(indent=_indent(line.raw)))
        self.drafts[-1].lines.append((line.number, line.text))
        self._add(line, Role.COMMENT_TEXT, line.text, len(self.drafts) - 1)

    def _next_nonblank(self, line: _Line) -> str:
        return next((later.strip() for later in self.lines[line.index + 1:] if later.strip()), "")

    # reading

    def take(self, index: int) -> str | None:
        """Give line ``index`` to the first rule that takes it; return that rule's name.

        Returns:
            The rule's name, ``None`` for a blank line.
        """
        raw = self.lines[index]
        text = raw.strip()
        if not text:
            return None
        # tuple.__new__ builds the named tuple without the Python frame of _Line's __new__
        line = tuple.__new__(_Line, (index, raw, text, index + 1))
        return self._give(line, _RULES_BY_STATE[self.state])

    def _give(self, line: _Line, rules: tuple[tuple[int, str, Callable], ...]) -> str:
        """Give the line to the first of ``rules`` that takes it."""
        state = self.state
        for order, name, rule in rules:
            if rule(self, line):
                return name
            if self.state is not state:  # the rule moved on: the new state's later rules go on
                later = tuple(r for r in _RULES_BY_STATE[self.state] if r[0] > order)
                return self._give(line, later)
        raise AssertionError("the body rule takes every line")  # pragma: no cover

    def read(self) -> ParsedPage:
        """Read every line and build the document.

        Raises:
            LoadError: the page holds neither testimonial text nor comments.
        """
        for index in range(len(self.lines)):
            self.take(index)
        signed_by = _mark_signatures(self.body_pieces, self.lines)
        text_pieces = [p for p in self.body_pieces if p.role is Role.BODY]
        _mark_headings(text_pieces)
        author = next((name for name, _ in signed_by if name), None) or self.meta_author[0]
        handle = next((found for _, found in signed_by if found), None) or self.meta_author[1]
        comments = _build_comments(self.drafts)
        body_text = _join([(p.line, p.text) for p in text_pieces])
        if not body_text and not comments:
            raise LoadError("aucun texte de témoignage trouvé (la page ne contient que des "
                            "éléments de mise en page)")
        headings = [p.text for p in text_pieces if p.role is Role.HEADING]
        document = Document(
            text=body_text,
            title=self.header_title or (headings[0] if headings else None),
            author=author,
            handle=handle,
            categories=self.categories,
            tags=self.tags,
            published=self.published,
            comments=comments,
        )
        return ParsedPage(document, self.pieces, self.announced)

    # the rules, in order

    def caption_first(self, line: _Line) -> bool:
        """The page's first line, an image caption (« Capture4 »), maybe run into a sentence."""
        self.state = _State.TOP
        caption = _match_caption(line.text) or _match_glued_caption(line.text)
        if not caption:
            return False
        self._add(line, Role.CAPTION, caption[0])
        if caption[1].strip():
            self._add_body(line, caption[1].strip())
        return True

    def caption_glued(self, line: _Line) -> bool:
        """A caption under the title, run into the first sentence (« Martine TwittMOOCPour… »)."""
        glued = _match_glued_caption(line.text)
        if not glued:
            return False
        self._add(line, Role.CAPTION, glued[0])
        self._add_body(line, glued[1])
        return True

    def long_line(self, line: _Line) -> bool:
        """A line too long for anything but prose: text of the body, of a comment or the form."""
        if len(line.text) <= LONG_LINE or pat.META_PREFIX.match(line.text):
            return False
        self.share_block = False
        if self.state is _State.FORM:
            self._add(line, Role.BOILERPLATE, line.text)
        elif self.state is _State.COMMENTS:
            self._add_comment_text(line)
        else:
            self._add_body(line, line.text)
        return True

    def copied_furniture(self, line: _Line) -> bool:
        """A breadcrumb, an embed code, a navigation or print button copied from a blog."""
        if not _copied_furniture(line.text):
            return False
        self._add(line, Role.BOILERPLATE, line.text)
        return True

    def image_credit(self, line: _Line) -> bool:
        """An image's credit line in the body (« Photo : Marie Dupont (CC BY) »)."""
        text = line.text
        if not (("(" in text or "©" in text or ":" in text)
                and len(text.split()) <= 16 and pat.IMAGE_CREDIT.fullmatch(text)):
            return False
        self._add(line, Role.CAPTION, text)
        return True

    def site_name(self, line: _Line) -> bool:
        """The blog's name above the post's title, both short lines that read as headings."""
        if not (not self.body_pieces and pat.SITE_NAME.fullmatch(line.text)
                and _is_heading(line.text) and _is_heading(self._next_nonblank(line))):
            return False
        self._add(line, Role.BOILERPLATE, line.text)
        return True

    def bracketed_date(self, line: _Line) -> bool:
        """A month in brackets near the top (« [janvier 2012] »): the post's date."""
        if self.published is not None or line.text[:1] not in "[(":
            return False
        month = _bracketed_date(line.text)
        if month is None:
            return False
        self._add(line, Role.POST_META, line.text)
        self.published = month
        return True

    def byline(self, line: _Line) -> bool:
        """A byline near the top (« Par Marie Dupont »): the post's author."""
        if len(self.body_pieces) > 2 or self.meta_author != (None, None):
            return False
        found = pat.BYLINE.fullmatch(line.text)
        if not (found and _looks_like_name(found.group("who"), max_tokens=4)):
            return False
        self._add(line, Role.POST_META, line.text)
        self.meta_author = split_name_handle(found.group("who"))
        return True

    def share_buttons(self, line: _Line) -> bool:
        """The buttons under a « Partager : » line; any other line ends or opens such a block."""
        if self.share_block and pat.is_share_button(line.text):
            self._add(line, Role.BOILERPLATE, line.text)
            return True
        self.share_block = pat.is_share_marker(line.text)
        return False

    def comment_header(self, line: _Line) -> bool:
        """The line over the comments (« 2 réponses à “Mon Twitter” »): the comments begin."""
        header = pat.comment_header(line.text)
        if not header:
            return False
        self._add(line, Role.COMMENT_HEADER, line.text)
        self.announced = pat.header_count(header)
        title = pat.HEADER_TITLE.search(line.text)
        self.header_title = self.header_title or (title.group("title") if title else None)
        self.state = _State.COMMENTS
        return True

    def comment_form(self, line: _Line) -> bool:
        """Anything in the comment form, until a numbered author line brings comments back."""
        if _match_comment_author(line.text, strict=True):
            self.state = _State.COMMENTS
            return False
        self._add(line, Role.BOILERPLATE, line.text)
        return True

    def furniture(self, line: _Line) -> bool:
        """Page furniture (« Laisser un commentaire », « Répondre »), and share-block lines."""
        kind = pat.furniture(line.text)
        if kind == "form":
            self.state = _State.FORM
        elif not (kind or self.share_block):
            return False
        self._add(line, Role.BOILERPLATE, line.text)
        return True

    def _meta_line(self, line: _Line) -> bool:
        """Whether the line starts as a categories, tags or post-meta line: tested once for
        the three rules that ask."""
        if self.meta_tested[0] != line.index:
            self.meta_tested = (line.index, pat.META_START.match(line.text) is not None)
        return self.meta_tested[1]

    def categories_line(self, line: _Line) -> bool:
        """A categories line (« Catégories : Témoignages, Twitter »)."""
        found = pat.CATEGORIES.fullmatch(line.text) if self._meta_line(line) else None
        if not found:
            return False
        self._add(line, Role.CATEGORIES, line.text)
        self.categories += [c for c in _split_values(found.group("values"))
                            if c not in self.categories]
        self.state = _State.META
        return True

    def tags_line(self, line: _Line) -> bool:
        """A tags line (« Étiquettes : tablette, réseaux »)."""
        found = pat.TAGS.fullmatch(line.text) if self._meta_line(line) else None
        if not found:
            return False
        self._add(line, Role.TAGS, line.text)
        self.tags += [t for t in _split_values(found.group("values")) if t not in self.tags]
        return True

    def dated_meta(self, line: _Line) -> bool:
        """A post's date line (« Publié le 3 juin 2014 par Marie »): its date, maybe its author."""
        meta = pat.POST_META.fullmatch(line.text) if self._meta_line(line) else None
        date = parse_date(meta.group("date")) if meta else None
        if not date:
            return False
        self._add(line, Role.POST_META, line.text)
        self.published = self.published or date
        if meta.group("who"):
            self.meta_author = split_name_handle(meta.group("who"))
        return True

    def bare_date(self, line: _Line) -> bool:
        """A date alone before any body text: the post's date."""
        if self.published is not None or self.body_pieces:
            return False
        date = parse_date(line.text)
        if not date:
            return False
        self._add(line, Role.POST_META, line.text)
        self.published = date
        return True

    def comment_author(self, line: _Line) -> bool:
        """A comment's author line (« 1. Neyer Memmi dit : »), maybe with its date or text.

        Outside the comments, only an indented or numbered one opens them.
        """
        in_comments = self.state is _State.COMMENTS
        author = _match_comment_author(line.text, strict=not in_comments)
        if not author:
            return False
        indent = _indent(line.raw)
        if not (in_comments or indent > 0 or pat.NUMBERED_NAME.match(line.text)):
            return False
        name, handle, date, inline = author
        self.state = _State.COMMENTS
        draft = _Draft(name, handle, date or self.pending_date, indent)
        if self.pending_date_piece is not None:
            self.pending_date_piece.comment = len(self.drafts)
        self.pending_date, self.pending_date_piece = None, None
        self.drafts.append(draft)
        position = len(self.drafts) - 1
        text = line.text
        self._add(line, Role.COMMENT_AUTHOR, text[: len(text) - len(inline)].rstrip()
                  if inline else text, position)
        if inline:
            self._add(line, Role.COMMENT_TEXT, inline, position)
            draft.lines.append((line.number, inline))
        return True

    def name_over_date(self, line: _Line) -> bool:
        """In the comments, a name alone whose next line is a date: a new comment's author."""
        if not _looks_like_name(line.text, max_tokens=4):
            return False
        if not parse_date(self._next_nonblank(line)):
            return False
        last = self.drafts[-1] if self.drafts else None
        if last is not None and not last.lines and last.published is None:
            return False  # the author above is still waiting for its date
        self.drafts.append(_Draft(*split_name_handle(line.text), indent=_indent(line.raw)))
        self._add(line, Role.COMMENT_AUTHOR, line.text, len(self.drafts) - 1)
        return True

    def _current_is_new(self) -> bool:
        return bool(self.drafts) and not self.drafts[-1].lines

    def comment_date(self, line: _Line) -> bool:
        """A date under a comment's author line that had none."""
        if not (self._current_is_new() and self.drafts[-1].published is None):
            return False
        date = parse_date(line.text)
        if not date:
            return False
        self.drafts[-1].published = date
        self._add(line, Role.COMMENT_DATE, line.text, len(self.drafts) - 1)
        return True

    def date_before_author(self, line: _Line) -> bool:
        """A date over the next comment's author line: kept for that comment."""
        date = parse_date(line.text)
        if not (date and _match_comment_author(self._next_nonblank(line), strict=False)):
            return False
        self.pending_date = date
        self.pending_date_piece = self._add(line, Role.COMMENT_DATE, line.text)
        return True

    def reply_marker(self, line: _Line) -> bool:
        """« En réponse à Marie » over a comment's text: whom the comment answers."""
        if not self._current_is_new():
            return False
        reply = pat.REPLY_MARKER.fullmatch(line.text)
        if not reply:
            return False
        self.drafts[-1].reply_to = reply.group("who")
        self._add(line, Role.REPLY_MARKER, line.text, len(self.drafts) - 1)
        return True

    def comment_text(self, line: _Line) -> bool:
        """Any other line in the comments: the current comment's text."""
        self._add_comment_text(line)
        return True

    def body(self, line: _Line) -> bool:
        """Any other line: the testimonial's text."""
        self._add_body(line, line.text)
        return True


_RULES_BY_STATE = {
    state: tuple((order, name, getattr(PageReader, name))
                 for order, (name, states) in enumerate(_RULE_TABLE) if state in states)
    for state in _State
}


def parse_page(text: str) -> ParsedPage:
    """Parse a plain-text saved blog page.

    Args:
        text: the decoded page, already NFC with ``\\n`` line endings.

    Returns:
        The document with its comments, and the role of every line.

    Raises:
        LoadError: the page holds neither testimonial text nor comments.
    """
    return PageReader(text).read()


def _mark_signatures(
    body: list[Piece], lines: list[str]
) -> list[tuple[str | None, str | None]]:
    """Turn the body lines that sign the testimonial into :attr:`Role.SIGNATURE`.

    Args:
        body: the page's body pieces, in page order, all still :attr:`Role.BODY`.
        lines: the page's lines.

    Returns:
        The ``(author, handle)`` of each signature, in page order.
    """
    if not body:
        return []
    signed_by: list[tuple[str | None, str | None]] = []
    last = body[-1]
    found = match_signature(last.text, bare_name=_stands_alone(last, lines))
    if not found:
        for candidate in body[-2:-5:-1]:
            if pat.signed(candidate.text) and _stands_alone(candidate, lines):
                found = match_signature(candidate.text)
                if found:
                    candidate.role = Role.SIGNATURE
                    signed_by.append(found)
                    break
    else:
        last.role = Role.SIGNATURE
        signed_by.append(found)
        if found[0] is None and len(body) > 1:
            previous = body[-2]
            named = (match_signature(previous.text, bare_name=True)
                     if previous.line == last.line - 1 else None)
            if named:
                previous.role = Role.SIGNATURE
                signed_by.insert(0, named)
    # the first body line signs too when it is a signature with a "par" or a handle; it
    # comes before any signature found above (the lines between them were tried and failed)
    first = next((p for p in body if p.role is Role.BODY), None)
    if (first is not None and first is not last and _stands_alone(first, lines)
            and pat.signed(first.text)):
        found = match_signature(first.text)
        if found:
            first.role = Role.SIGNATURE
            signed_by.insert(0, found)
    return signed_by


def _stands_alone(piece: Piece, lines: list[str]) -> bool:
    """Tell whether a line is a paragraph of its own (blank or nothing around it)."""
    index = piece.line - 1
    before = lines[index - 1].strip() if index > 0 else ""
    after = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return not before and not after


def _build_comments(drafts: list[_Draft]) -> list[Comment]:
    comments: list[Comment] = []
    stack: list[tuple[int, int]] = []
    for position, draft in enumerate(drafts, start=1):
        parent: int | None = None
        if draft.reply_to:
            wanted = draft.reply_to.strip().lstrip("@").casefold()
            for earlier in range(position - 1, 0, -1):
                previous = drafts[earlier - 1]
                names = {(previous.author or "").casefold(), (previous.handle or "").lstrip("@")}
                if wanted in names:
                    parent = earlier
                    break
        while stack and stack[-1][0] >= draft.indent:
            stack.pop()
        if parent is None and stack:
            parent = stack[-1][1]
        stack.append((draft.indent, position))
        comments.append(Comment(
            text=_join(draft.lines),
            author=draft.author,
            handle=draft.handle,
            published=draft.published,
            key=str(position),
            parent_key=str(parent) if parent else None,
        ))
    return comments
