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

:func:`parse_page` gives every non-blank line exactly one :class:`Role` (a glued caption line
is cut into two pieces), so nothing of the page is lost: :attr:`ParsedPage.pieces` rebuilds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

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
    glued = pat.GLUED_CAPTION.match(line)
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
        dated = pat.NAME_THEN_DATE.fullmatch(name or "")
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


_CRUMB_MARK = re.compile("[>›»→/]|ici|here|ariane")
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
    return ((len(line) <= 180 and _CRUMB_MARK.search(line) is not None
             and pat.breadcrumb(line))
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


def parse_page(text: str) -> ParsedPage:
    """Parse a plain-text saved blog page.

    Args:
        text: the decoded page, already NFC with ``\\n`` line endings.

    Returns:
        The document with its comments, and the role of every line.

    Raises:
        LoadError: the page holds neither testimonial text nor comments.
    """
    lines = text.split("\n")
    pieces: list[Piece] = []
    drafts: list[_Draft] = []
    categories: list[str] = []
    tags: list[str] = []
    meta_author: tuple[str | None, str | None] = (None, None)
    published: datetime | None = None
    announced: int | None = None
    header_title: str | None = None
    state = "start"
    share_block = False
    pending_date: datetime | None = None
    pending_date_piece: Piece | None = None

    body: list[Piece] = []  # the body's pieces in page order: signatures, headings among them

    def add(number: int, role: Role, value: str, comment: int | None = None) -> Piece:
        piece = Piece(number, role, value, comment)
        pieces.append(piece)
        return piece

    def add_body(number: int, value: str) -> None:
        piece = Piece(number, Role.BODY, value)
        pieces.append(piece)
        body.append(piece)

    def next_nonblank(index: int) -> str:
        for later in lines[index + 1:]:
            if later.strip():
                return later.strip()
        return ""

    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        number = index + 1

        if state == "start":
            state = "body"
            caption = _match_caption(line) or _match_glued_caption(line)
            if caption:
                add(number, Role.CAPTION, caption[0])
                if caption[1].strip():
                    add_body(number, caption[1].strip())
                continue

        glued = _match_glued_caption(line) if state == "body" and len(body) <= 3 else None
        if glued:  # a caption under the title, run into the first sentence
            add(number, Role.CAPTION, glued[0])
            add_body(number, glued[1])
            continue

        if len(line) > LONG_LINE and not pat.META_PREFIX.match(line):
            # a long line is prose: never a caption, header, author line or furniture
            share_block = False
            if state == "form":
                add(number, Role.BOILERPLATE, line)
            elif state == "comments":
                if not drafts:
                    drafts.append(_Draft(indent=_indent(raw)))
                drafts[-1].lines.append((number, line))
                add(number, Role.COMMENT_TEXT, line, len(drafts) - 1)
            else:
                add_body(number, line)
            continue

        if _copied_furniture(line):
            add(number, Role.BOILERPLATE, line)
            continue
        if (state == "body" and ("(" in line or "©" in line or ":" in line)
                and len(line.split()) <= 16 and pat.IMAGE_CREDIT.fullmatch(line)):
            add(number, Role.CAPTION, line)
            continue
        if state == "body" and not body and pat.SITE_NAME.fullmatch(line) and _is_heading(
                line) and _is_heading(next_nonblank(index)):
            add(number, Role.BOILERPLATE, line)  # the blog's name, above the post's title
            continue
        if state == "body" and published is None and len(body) <= 3 and line[:1] in "[(":
            month = _bracketed_date(line)
            if month is not None:
                add(number, Role.POST_META, line)
                published = month
                continue
        if state == "body" and len(body) <= 2 and meta_author == (None, None):
            byline = pat.BYLINE.fullmatch(line)
            if byline and _looks_like_name(byline.group("who"), max_tokens=4):
                add(number, Role.POST_META, line)
                meta_author = split_name_handle(byline.group("who"))
                continue

        if share_block and pat.is_share_button(line):
            add(number, Role.BOILERPLATE, line)
            continue
        share_block = pat.is_share_marker(line)

        header = pat.comment_header(line)
        if header:
            add(number, Role.COMMENT_HEADER, line)
            announced = pat.header_count(header)
            title = pat.HEADER_TITLE.search(line)
            header_title = header_title or (title.group("title") if title else None)
            state = "comments"
            continue
        if state == "form":
            strong = _match_comment_author(line, strict=True)
            if not strong:
                add(number, Role.BOILERPLATE, line)
                continue
            state = "comments"
        furniture = pat.furniture(line)
        if furniture == "form":
            add(number, Role.BOILERPLATE, line)
            state = "form"
            continue
        if furniture or share_block:
            add(number, Role.BOILERPLATE, line)
            continue
        if state != "comments" and pat.META_START.match(line):
            found = pat.CATEGORIES.fullmatch(line)
            if found:
                add(number, Role.CATEGORIES, line)
                categories += [c for c in _split_values(found.group("values"))
                               if c not in categories]
                state = "meta"
                continue
            found = pat.TAGS.fullmatch(line)
            if found:
                add(number, Role.TAGS, line)
                tags += [t for t in _split_values(found.group("values")) if t not in tags]
                continue
            meta = pat.POST_META.fullmatch(line)
            if meta and parse_date(meta.group("date")):
                add(number, Role.POST_META, line)
                published = published or parse_date(meta.group("date"))
                if meta.group("who"):
                    meta_author = split_name_handle(meta.group("who"))
                continue
        if state != "comments" and published is None and not body and parse_date(line):
            add(number, Role.POST_META, line)
            published = parse_date(line)
            continue

        author = _match_comment_author(line, strict=state != "comments")
        if author and (state == "comments" or _indent(raw) > 0 or pat.NUMBERED_NAME.match(line)):
            name, handle, date, inline = author
            state = "comments"
            draft = _Draft(name, handle, date or pending_date, _indent(raw))
            if pending_date_piece is not None:
                pending_date_piece.comment = len(drafts)
            pending_date, pending_date_piece = None, None
            drafts.append(draft)
            add(number, Role.COMMENT_AUTHOR, line[: len(line) - len(inline)].rstrip()
                if inline else line, len(drafts) - 1)
            if inline:
                add(number, Role.COMMENT_TEXT, inline, len(drafts) - 1)
                draft.lines.append((number, inline))
            continue

        if state == "comments" and _looks_like_name(line, max_tokens=4) and parse_date(
            next_nonblank(index)
        ) and not (drafts and drafts[-1].lines == [] and drafts[-1].published is None):
            drafts.append(_Draft(*split_name_handle(line), indent=_indent(raw)))
            add(number, Role.COMMENT_AUTHOR, line, len(drafts) - 1)
            continue

        if state == "comments":
            date = parse_date(line)
            current = drafts[-1] if drafts else None
            if date and current and current.published is None and not current.lines:
                current.published = date
                add(number, Role.COMMENT_DATE, line, len(drafts) - 1)
                continue
            if date and _match_comment_author(next_nonblank(index), strict=False):
                pending_date = date
                pending_date_piece = add(number, Role.COMMENT_DATE, line)
                continue
            reply = pat.REPLY_MARKER.fullmatch(line)
            if reply and current and not current.lines:
                current.reply_to = reply.group("who")
                add(number, Role.REPLY_MARKER, line, len(drafts) - 1)
                continue
            if current is None:
                drafts.append(_Draft(indent=_indent(raw)))
                current = drafts[-1]
            current.lines.append((number, line))
            add(number, Role.COMMENT_TEXT, line, len(drafts) - 1)
            continue

        add_body(number, line)

    signed_by = _mark_signatures(body, lines)
    text_pieces = [p for p in body if p.role is Role.BODY]
    _mark_headings(text_pieces)
    author = next((name for name, _ in signed_by if name), None) or meta_author[0]
    handle = next((found for _, found in signed_by if found), None) or meta_author[1]

    comments = _build_comments(drafts)
    body_text = _join([(p.line, p.text) for p in text_pieces])
    if not body_text and not comments:
        raise LoadError("aucun texte de témoignage trouvé (la page ne contient que des "
                        "éléments de mise en page)")
    headings = [p.text for p in text_pieces if p.role is Role.HEADING]
    document = Document(
        text=body_text,
        title=header_title or (headings[0] if headings else None),
        author=author,
        handle=handle,
        categories=categories,
        tags=tags,
        published=published,
        comments=comments,
    )
    return ParsedPage(document, pieces, announced)


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
