"""French as readers write it, for every message, summary and report sentence: numbers,
lists of words, alphabetical order.

Numbers take a comma before the decimals and a narrow no-break space between thousands:
``2 781 mots``, ``4,4 s`` (the French typographic rule; a plain space would let a line break
inside a number).
"""

from __future__ import annotations

import unicodedata

THOUSANDS = "\u202f"
"""The narrow no-break space that groups digits by three."""


def number(value: float, decimals: int = 0) -> str:
    """Write a number the French way.

    Args:
        value: the number.
        decimals: digits after the comma.

    Examples:
        >>> print(number(2781), "mots")
        2\u202f781 mots
        >>> number(4.44, 1)
        '4,4'
        >>> print(number(-1234567.891, 2))
        -1\u202f234\u202f567,89
    """
    return f"{value:,.{decimals}f}".replace(",", THOUSANDS).replace(".", ",")


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """A count and its noun, agreeing (« 1 texte », « 2 896 textes »; French takes the
    singular below 2).

    Examples:
        >>> counted(1, "autre")
        '1 autre'
        >>> print(counted(9, "texte sans date", "textes sans date"))
        9 textes sans date
    """
    return f"{number(count)} {singular if count < 2 else plural or singular + 's'}"


def join(items: list[str]) -> str:
    """Join words as a French sentence does: commas, and « et » before the last.

    Examples:
        >>> join(["Lyon"])
        'Lyon'
        >>> join(["Lyon", "Brest", "Dijon"])
        'Lyon, Brest et Dijon'
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}"


def sort_key(text: str) -> tuple[str, str]:
    """Order words as a French dictionary does: accents and case aside first (« Élodie »
    between « Claire » and « Hélène », not after « Sophie »), then as written.

    Examples:
        >>> sorted(["Sophie", "Élodie", "Claire", "école"], key=sort_key)
        ['Claire', 'école', 'Élodie', 'Sophie']
    """
    plain = "".join(c for c in unicodedata.normalize("NFD", text)
                    if not unicodedata.combining(c))
    return plain.casefold(), text
