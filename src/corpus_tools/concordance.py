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
    columns = ["text_id", "doc_id", "kind", "author", "i", "start", "end", "token", "lemma",
               "pos"]
    table = tokens[[c for c in columns if c in tokens.columns]]
    if "pos" not in table.columns:
        table = table.assign(pos="")
    if "author" not in table.columns:
        table = table.assign(author=None)
    found = cql.find(table.reset_index(drop=True), patterns)
    if not found:
        return pd.DataFrame(columns=KWIC_COLUMNS)
    text = pd.factorize(table["text_id"])[0]
    first_row = np.r_[0, np.flatnonzero(np.diff(text)) + 1]
    bounds = np.r_[first_row, len(table)]
    written = table["token"].tolist()
    starts, ends = table["start"].tolist(), table["end"].tolist()

    def joined(begin: int, stop: int) -> str:
        return _join(written[begin:stop], starts[begin:stop], ends[begin:stop])

    rows = []
    for begin, stop in found:
        home = text[begin]
        left = max(bounds[home], begin - window)
        right = min(bounds[home + 1], stop + window)
        rows.append((begin, joined(left, begin), joined(begin, stop), joined(stop, right),
                     ends[stop - 1]))
    at = [row[0] for row in rows]
    lines = pd.DataFrame({
        "doc_id": table["doc_id"].to_numpy()[at], "text_id": table["text_id"].to_numpy()[at],
        "kind": table["kind"].to_numpy()[at], "author": table["author"].to_numpy()[at],
        "i": table["i"].to_numpy()[at], "start": table["start"].to_numpy()[at],
        "end": [row[4] for row in rows], "left": [row[1] for row in rows],
        "match": [row[2] for row in rows], "right": [row[3] for row in rows],
    }, columns=KWIC_COLUMNS)
    if sort is None:
        return lines
    if sort == "left":  # the nearest word first
        keys = lines["left"].map(lambda side: " ".join(reversed(normalise_key(side).split())))
    else:
        keys = lines[sort].map(normalise_key)
    order = sorted(range(len(lines)), key=lambda row: sort_key(keys.iloc[row]))
    return lines.iloc[order].reset_index(drop=True)
