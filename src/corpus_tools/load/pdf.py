"""PDF documents: one testimonial per file, from their text layer.

Read with pypdf. Lines are put back into paragraphs: a word cut by a hyphen at a line's end is
joined again, running headers and footers (a line repeated at the top or the bottom of most
pages, page numbers aside) and page numbers are dropped. A PDF without a text layer (a scan)
or one that a password protects is an error that says what to do.
"""

from __future__ import annotations

import io
import logging
import re
from collections import Counter
from datetime import datetime

from corpus_tools.load.prose import Block, author_property, prose_document, title_property
from corpus_tools.load.records import Document, LoadError
from corpus_tools.load.sources import Source

_PAGE_NUMBER = re.compile(
    r"(?:page\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?(?:\s*(?:/|sur|of|de)\s*\d{1,4})?", re.IGNORECASE)
_DIGITS = re.compile(r"\d+")
_CUT_WORD = re.compile(r"[^\W\d_]-\Z")
_SENTENCE_END = tuple(".!?…:»\"”)")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
                            "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"})
"""The typographic ligatures that TeX and many fonts put in a text layer (« misﬁts »): a
search for « fi » must find them."""
LONGEST_RUNNING_LINE = 100
"""A running header or footer is short (a title, a name, a date): longer lines are text."""
_EDGE_LINES = 2
"""Lines at the top and at the bottom of a page where running headers and footers stand."""


def _running_lines(pages: list[list[str]]) -> set[str]:
    """Return the lines (digits folded) that stand at the top or bottom of most pages."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edges = {_DIGITS.sub("#", line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]}
        seen.update(edges)
    return {line for line, count in seen.items()
            if count >= max(2, (len(pages) + 1) // 2) and len(line) <= LONGEST_RUNNING_LINE}


def _paragraphs(lines: list[str]) -> list[str]:
    """Join a document's lines into paragraphs.

    A paragraph ends at a blank line, or at a line clearly shorter than the text's full lines
    that ends a sentence or is very short (the last line of a paragraph, a title, a
    signature).
    """
    widths = sorted(len(line) for line in lines if line)
    full = widths[int(len(widths) * 0.9)] if widths else 0
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if not current:
            current = line
        elif _CUT_WORD.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
        if len(line) < 0.8 * full and not _CUT_WORD.search(line) and (
                line.endswith(_SENTENCE_END) or len(line) < 0.6 * full):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _date(value: object) -> datetime | None:
    return value.replace(tzinfo=None) if isinstance(value, datetime) else None


def parse(source: Source) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read a PDF's text layer into one testimonial.

    Raises:
        LoadError: not a readable PDF, protected by a password, or without a text layer.
    """
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings are about the file's bytes
    try:
        reader = PdfReader(io.BytesIO(source.data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise LoadError("le PDF est protégé par un mot de passe : ouvrez-le et "
                            "enregistrez-en une copie sans protection, puis chargez-la")
        pages = [(page.extract_text() or "") for page in reader.pages]
        metadata = reader.metadata or {}
    except LoadError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        if "password" in str(error).lower() or "crypt" in type(error).__name__.lower():
            raise LoadError("le PDF est protégé (chiffré) : enregistrez-en une copie sans "
                            "protection, puis chargez-la") from error
        raise LoadError("PDF illisible : le fichier est abîmé, tronqué ou n’en est pas un "
                        f"(pypdf : {type(error).__name__} : {str(error)[:200] or '—'})") \
            from error
    if not any(character.isalpha() for page in pages for character in page):
        raise LoadError("le PDF n’a pas de texte (un document scanné ?) : passez-le dans un "
                        "logiciel de reconnaissance de caractères (OCR, par exemple ocrmypdf), "
                        "puis chargez le PDF obtenu")
    page_lines = [[" ".join(line.split()) for line in page.translate(_LIGATURES).split("\n")]
                  for page in pages]
    page_lines = [[line for line in lines if line] for lines in page_lines]
    running = _running_lines(page_lines)
    lines: list[str] = []
    for number, page in enumerate(page_lines):
        kept = [line for position, line in enumerate(page)
                if not ((position < _EDGE_LINES or position >= len(page) - _EDGE_LINES)
                        and (_DIGITS.sub("#", line) in running
                             or _PAGE_NUMBER.fullmatch(line)))]
        if number and lines and lines[-1].endswith(_SENTENCE_END) and kept \
                and kept[0][:1].isupper():
            lines.append("")  # a page that ended a sentence ends its paragraph
        lines.extend(kept)
    testimonial = prose_document(
        [Block(paragraph) for paragraph in _paragraphs(lines)],
        title=title_property(metadata.get("/Title")),
        author=author_property(metadata.get("/Author")),
        published=None,
        heading_first=False,
        guess_title=True,
    )
    creation = _date(getattr(reader.metadata, "creation_date", None)) if reader.metadata else None
    if testimonial.published is None:
        testimonial.published = creation
    return [testimonial], []
