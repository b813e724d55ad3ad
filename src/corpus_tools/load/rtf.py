"""RTF documents (``.rtf``, as WordPad and many forms save them): one testimonial per file.

The text is read with striprtf, which decodes ``\\'e9`` escapes in the code page the file
declares (``\\ansicpg1252``) and Unicode escapes (``\\u233?``); the title, author and creation
date come from the ``{\\info}`` group.
"""

from __future__ import annotations

import re
from datetime import datetime

from corpus_tools.load.prose import Block, author_property, prose_document, title_property
from corpus_tools.load.records import Document, LoadError
from corpus_tools.load.sources import Source

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")
_INFO_FIELD = re.compile(r"\{\\(title|author|creatim)\b\s?((?:[^{}\\]|\\[^{}]|\\[{}])*)\}")
_DATE_PART = re.compile(r"\\(yr|mo|dy|hr|min)(\d+)")


def _decode(fragment: str, encoding: str) -> str:
    from striprtf.striprtf import rtf_to_text

    return rtf_to_text(fragment, encoding=encoding, errors="replace")


def _creation(value: str) -> datetime | None:
    parts = {name: int(number) for name, number in _DATE_PART.findall(value)}
    try:
        return datetime(parts["yr"], parts.get("mo", 1), parts.get("dy", 1), parts.get("hr", 0),
                        parts.get("min", 0))
    except (KeyError, ValueError):
        return None


def parse(source: Source) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read an RTF document into one testimonial.

    Raises:
        LoadError: the file holds no text.
    """
    code_page = _CODE_PAGE.search(source.data[:4096])
    encoding = f"cp{code_page.group(1).decode()}" if code_page else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    raw = source.data.decode("latin-1")  # RTF is 7-bit: other bytes stand for themselves
    try:
        text = _decode(raw, encoding)
    except (RecursionError, IndexError, ValueError) as error:
        raise LoadError(f"document RTF illisible ({type(error).__name__})") from error
    info = {}
    start = raw.find("{\\info")
    if start >= 0:
        for name, value in _INFO_FIELD.findall(raw[start:start + 20000]):
            info.setdefault(name, value)
    title, author = (_decode(info[name], encoding).strip() if name in info else None
                     for name in ("title", "author"))
    testimonial = prose_document(
        [Block(line) for line in text.split("\n")],
        title=title_property(title),
        author=author_property(author),
        published=_creation(info.get("creatim", "")),
        heading_first=False,
        guess_title=True,
    )
    if not testimonial.text:
        raise LoadError("le document RTF ne contient aucun texte")
    return [testimonial], []
