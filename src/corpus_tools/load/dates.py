"""Dates as WordPress themes and survey exports write them, in French and English.

A small, exact parser for the handful of formats that blog pages use ("12 mai 2014 à 21 h 32
min", "May 12, 2014 at 9:32 pm", "12/05/2014 à 21h32", ISO 8601): precise on these, and
``None`` on anything else, where a general-purpose guesser would invent a date from a number.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from email.utils import parsedate_to_datetime

_FR_MONTHS = {
    "janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4,
    "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9,
    "sept": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}
_EN_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_FR_DAYS = r"(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?"
_TIME = r"(?:\s*(?:à|a|at|,|-)?\s*(?P<h>\d{1,2})\s*(?:h|:)\s*(?P<m>\d{2})?(?:\s*min)?" \
        r"(?:[:.](?P<s>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?)?"

_PATTERNS = [
    re.compile(
        r"(?:le\s+)?" + _FR_DAYS
        + r"(?P<d>\d{1,2})(?:er)?\s+(?P<fr>[^\W\d_]{3,9})\.?\s+(?P<y>\d{4})" + _TIME,
        re.IGNORECASE,
    ),
    re.compile(
        r"(?P<fr>[a-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME,
        re.IGNORECASE,
    ),
    re.compile(r"(?:le\s+)?(?P<d>\d{1,2})/(?P<mo>\d{1,2})/(?P<y>\d{4})" + _TIME, re.IGNORECASE),
    re.compile(
        r"(?P<y>\d{4})-(?P<mo>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?"
        r"(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    ),
]


YEAR = re.compile(r"\d\d\d\d")
"""Every pattern above has a four-digit year: text without one is not a date. (Four classes
rather than a ``{4}`` repeat: a pattern that starts with a character class is searched for
twice as fast.)"""
_LAST_CHARACTERS = frozenset("hHnNmMzZ:")
"""Besides a digit, the characters a date of the formats above can end with: "21 h",
"21 h 32 min", "9:05 pm", "21:" (minutes left out), ISO 8601's "Z"."""
_LONGEST_DATE = 80
"""Longer than this, a whole line is a sentence, not a date ("lundi 22 septembre 2014 à 21 h
32 min" has 39 characters)."""


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _build(match: re.Match[str]) -> datetime | None:
    parts = match.groupdict()
    if parts.get("fr"):
        name = _fold(parts["fr"])
        month = _FR_MONTHS.get(name) or _EN_MONTHS.get(name)
    else:
        month = int(parts["mo"])
    if month is None:
        return None
    hour = int(parts["h"]) if parts.get("h") else 0
    minute = int(parts["m"]) if parts.get("m") else 0
    second = int(parts["s"]) if parts.get("s") else 0  # a form's timestamp has them
    ampm = (parts.get("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return datetime(int(parts["y"]), month, int(parts["d"]), hour, minute, second)
    except ValueError:
        return None


def could_end_with_date(text: str) -> bool:
    """Tell, from its last character, whether ``text`` can end with a date of the formats above
    (a final dot left aside): a quick test that rules out most sentences."""
    last = text.rstrip().rstrip(".").rstrip()[-1:]
    return last.isdigit() or last in _LAST_CHARACTERS


def parse_date(text: str, *, whole: bool = True) -> datetime | None:
    """Parse a date written by a blog or a form; ``None`` when it is not one.

    Args:
        text: the text to read.
        whole: the date must be all of ``text`` (apart from surrounding spaces and a final
            dot); otherwise the first date found inside it is returned.

    Examples:
        >>> parse_date("12 mai 2014 à 21 h 32 min")
        datetime.datetime(2014, 5, 12, 21, 32)
        >>> parse_date("May 3, 2014 at 9:05 pm")
        datetime.datetime(2014, 5, 3, 21, 5)
        >>> parse_date("15/03/2015 10:42:13")
        datetime.datetime(2015, 3, 15, 10, 42, 13)
        >>> parse_date("Bonjour") is None
        True
    """
    if whole and (
        (len(text) > _LONGEST_DATE and len(text.strip()) > _LONGEST_DATE)
        or not could_end_with_date(text)
    ):
        return None
    if not YEAR.search(text):
        return None
    text = text.strip().rstrip(".").strip()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text) if whole else pattern.search(text)
        if match:
            found = _build(match)
            if found is not None:
                return found
    return None


def parse_stamp(value: str | None) -> datetime | None:
    """Parse a machine-written stamp, RFC 822 (RSS, ``pubDate``) or ISO 8601 (Atom), keeping
    the time as written and dropping its zone; ``None`` when it is neither.

    Examples:
        >>> parse_stamp("Tue, 14 Oct 2014 18:30:00 +0200")
        datetime.datetime(2014, 10, 14, 18, 30)
        >>> parse_stamp("2014-10-14T18:30:00.000+02:00")
        datetime.datetime(2014, 10, 14, 18, 30)
    """
    value = (value or "").strip()
    if not value:
        return None
    for read in (parsedate_to_datetime, datetime.fromisoformat):
        try:
            return read(value).replace(tzinfo=None)
        except (TypeError, ValueError, IndexError):
            continue
    return None

