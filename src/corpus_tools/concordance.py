"""Concordances (keyword in context) over the ``tokens`` table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from corpus_tools import cql
from corpus_tools.french import sort_key
from corpus_tools.normalise import plain_apostrophes

KWIC_COLUMNS = ["doc_id", "text_id", "kind", "author", "i", "start", "end", "left", "match",
                "right"]
SORTS = ("left", "right", "match")
"""The orders of :func:`kwic`'s lines besides the texts': by the words nearest the match on
the left (read leftwards), on the right, or by the match itself."""


def normalise_key(value: str) -> str:
    """Return the form a token or query word is compared by: lowercase, plain apostrophes."""
    return plain_apostrophes(str(value)).lower()


def _join(tokens: list[str], starts: list[int], ends: list[int]) -> str:
    """Rebuild text from tokens, with a space wherever the source had white space."""
    parts = []
    for k, token in enumerate(tokens):
        if k and starts[k] > ends[k - 1]:
            parts.append(" ")
        parts.append(token)
    return "".join(parts)


def kwic(tokens: pd.DataFrame, query: str, *, by: str = "lemma", window: int = 8,
         sort: str | None = None) -> pd.DataFrame:
    """Find every occurrence of ``query`` with its context, as the author wrote it.

    Args:
        tokens: the ``tokens`` table.
        query: plain words (``"apprendre"``, ``"réseau social"``, ``"#twittmooc"``,
            ``"@2Vanssay"``), where ``*`` stands for any letters and ``?`` for one
            (``"appren*"``); or a CQL query of token patterns, as in TXM
            (``'[lemma="apprendre"] [pos="ADP"]? [lemma="twitter"]'``, ``'[word="twitt.*"]'``:
            regular expressions on ``word``, ``lemma``, ``pos``; see :mod:`corpus_tools.cql`).
            Case and apostrophes do not matter. Hashtags and mentions always match the
            written token.
        by: for plain words, ``"lemma"`` (``apprendre`` finds ``appris``; the written form
            matches too) or ``"token"`` (the written form only).
        window: tokens of context on each side (never from another text).
        sort: the texts' order (``None``), or ``"left"`` (by the word just before the match,
            then the one before it…, as TXM's left-context sort), ``"right"``, ``"match"``.

    Returns:
        One row per occurrence: ``doc_id``, ``text_id``, ``kind``, ``author``, ``i`` (position
        of the first matched token), ``start``, ``end`` (offsets in the text), ``left``,
        ``match``, ``right``.

    Raises:
        ValueError: a query that cannot be read, or an unknown ``by`` or ``sort``, in French.

    Examples:
        >>> kwic(result.tokens, '[lemma="apprendre"] [pos="ADP"]?', sort="right")  # doctest: +SKIP
    """
    if sort is not None and sort not in SORTS:
        raise ValueError(f"tri « {sort} » inconnu : choisir {', '.join(SORTS)}")
    patterns = cql.parse(query, by=by)
    table = tokens if isinstance(tokens.index, pd.RangeIndex) and tokens.index.start == 0 \
        and tokens.index.step == 1 else tokens.reset_index(drop=True)
    if "pos" not in table.columns:
        table = table.assign(pos="")
    found = cql.find(table, patterns)
    if not found:
        return pd.DataFrame(columns=KWIC_COLUMNS)
    text = pd.factorize(table["text_id"])[0]
    bounds = np.r_[0, np.flatnonzero(np.diff(text)) + 1, len(table)]
    written = table["token"].array  # sliced around each match only, never copied whole
    starts, ends = table["start"].to_numpy(), table["end"].to_numpy()

    def joined(begin: int, stop: int) -> str:
        return _join(list(written[begin:stop]), starts[begin:stop].tolist(),
                     ends[begin:stop].tolist())

    at = np.array([begin for begin, _ in found])
    stop_at = np.array([stop for _, stop in found])
    home = text[at]
    left = np.maximum(bounds[home], at - window)
    right = np.minimum(bounds[home + 1], stop_at + window)
    def at_matches(column: str) -> np.ndarray:  # taken before converted: never a whole column
        if column not in table.columns:
            return np.full(len(at), None, dtype=object)
        return np.asarray(table[column].iloc[at].to_numpy(), dtype=object)

    lines = pd.DataFrame({
        "doc_id": at_matches("doc_id"), "text_id": at_matches("text_id"),
        "kind": at_matches("kind"), "author": at_matches("author"),
        "i": table["i"].to_numpy()[at], "start": starts[at], "end": ends[stop_at - 1],
        "left": [joined(a, b) for a, b in zip(left, at, strict=True)],
        "match": [joined(a, b) for a, b in zip(at, stop_at, strict=True)],
        "right": [joined(a, b) for a, b in zip(stop_at, right, strict=True)],
    }, columns=KWIC_COLUMNS)
    if sort is None:
        return lines
    if sort == "left":  # the nearest word first
        keys = lines["left"].map(lambda side: " ".join(reversed(normalise_key(side).split())))
    else:
        keys = lines[sort].map(normalise_key)
    order = sorted(range(len(lines)), key=lambda row: sort_key(keys.iloc[row]))
    return lines.iloc[order].reset_index(drop=True)
