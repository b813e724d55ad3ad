"""Pure text cleaners, ``str -> str``, that compose.

Two families live here:

* cleaners for the *stored* text (:func:`normalise_newlines`, :func:`nfc`): they keep the
  author's typography (typographic apostrophes, non-breaking spaces) and only make the text
  canonical;
* cleaners for the *NLP view* of a text (:func:`nlp_view`): one-to-one character replacements,
  so that every character offset found in the view is valid in the stored text.
"""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = "\u2019\u2018\u02bc\u2032\u00b4\u0060"
"""Characters used for the French elision apostrophe besides ASCII ``'``."""

SPACES = "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000"
"""Non-breaking, narrow and typographic spaces that French text uses before ``: ; ! ?``."""

INVISIBLE = ("\u00ad\u200b\u2060\ufeff\u180e\u2061\u2062\u2063\u2064"
             "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Characters that are not seen and break words for a search: the soft hyphen (``&shy;``, a
hyphenation point that pages and word processors put inside words), the zero-width space, the
word joiner, the byte order mark inside a text, the Mongolian vowel separator and the invisible
operators; and the marks, embeddings, overrides and isolates of bidirectional text, with which
a text can show other words than it holds (``\u202e`` writes what follows right to left: the
« Trojan Source » trick). The zero-width joiner and non-joiner are kept: emoji sequences (👩‍💻)
and some scripts need them."""

_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_APOSTROPHE_PAIRS = tuple((character, "'") for character in APOSTROPHES)
_NLP_PAIRS = _APOSTROPHE_PAIRS + tuple((character, " ") for character in SPACES)


def _replace_each(text: str, pairs: tuple[tuple[str, str], ...]) -> str:
    # one str.replace per character: tens of times faster than str.translate, which looks
    # every character of a non-ASCII string up in a dict
    for old, new in pairs:
        if old in text:
            text = text.replace(old, new)
    return text


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR line endings into LF."""
    if "\r" not in text:  # one scan instead of two
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def nfc(text: str) -> str:
    """Compose accents (NFC), so ``é`` is one character whatever the source did."""
    return unicodedata.normalize("NFC", text)


_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""Control characters that no text holds (tab, line feed, form feed and carriage return
apart): a file's first 8 KB are checked for them, the rest could still carry some."""


def clean_stored(text: str) -> str:
    r"""Make raw decoded text canonical without changing what the author typed.

    Examples:
        >>> clean_stored("J\u2019ai\r\nvu\x07")
        'J’ai\nvu'
    """
    text = strip_invisible(nfc(normalise_newlines(text)))
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) else text


def strip_invisible(text: str) -> str:
    r"""Remove the invisible characters of :data:`INVISIBLE` (``candi­dature`` is found
    by a search for ``candidature``).

    Examples:
        >>> strip_invisible("candi­dature​")
        'candidature'
    """
    # one scan finds most texts clean; a regex is faster here than twenty str.replace
    return _INVISIBLE_RE.sub("", text) if _INVISIBLE_RE.search(text) else text


def plain_apostrophes(text: str) -> str:
    """Replace typographic apostrophes by ASCII ``'`` (one character for one)."""
    return _replace_each(text, _APOSTROPHE_PAIRS)


def nlp_view(text: str) -> str:
    r"""Return the text the model sees: ASCII apostrophes and plain spaces, same length.

    Examples:
        >>> nlp_view("J\u2019ai\u00a0!")
        "J'ai !"
    """
    return _replace_each(text, _NLP_PAIRS)
