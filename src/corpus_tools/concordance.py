"""Concordances (keyword in context) over the ``tokens`` table."""

from __future__ import annotations

import re

import pandas as pd

from corpus_tools.normalise import plain_apostrophes

KWIC_COLUMNS = ["doc_id", "text_id", "kind", "author", "i", "start", "end", "left", "match",
                "right"]
_QUERY_WORDS = re.compile(r"[#@]?\w+'|[#@]?[\w-]+|[^\w\s]")


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


def kwic(tokens: pd.DataFrame, query: str, *, by: str = "lemma", window: int = 8) -> pd.DataFrame:
    """Find every occurrence of ``query`` with its context, as the author wrote it.

    Args:
        tokens: the ``tokens`` table.
        query: one or several words (``"apprendre"``, ``"réseau social"``), a hashtag
            (``"#twittmooc"``) or a mention (``"@2Vanssay"``); case and apostrophes do not
            matter. Hashtags and mentions always match the written token.
        by: ``"lemma"`` (``apprendre`` finds ``appris``) or ``"token"`` (the written form).
        window: tokens of context on each side.

    Returns:
        One row per occurrence: ``doc_id``, ``text_id``, ``kind``, ``author``, ``i`` (position
        of the first matched token), ``start``, ``end`` (offsets in the text), ``left``,
        ``match``, ``right``.

    Examples:
        >>> kwic(result.tokens, "apprendre")  # doctest: +SKIP
    """
    if by not in {"lemma", "token"}:
        raise ValueError(f"by={by!r} : choisir « lemma » ou « token »")
    words = [normalise_key(w) for w in _QUERY_WORDS.findall(plain_apostrophes(query))]
    if not words:
        raise ValueError("requête vide")
    rows = []
    columns = ["text_id", "doc_id", "kind", "author", "i", "start", "end", "token", "lemma"]
    present = [c for c in columns if c in tokens.columns]
    for text_id, group in tokens[present].groupby("text_id", sort=False):
        written = group["token"].tolist()
        surface = [normalise_key(t) for t in written]
        keys = surface if by == "token" else [normalise_key(t) for t in group["lemma"]]
        starts, ends = group["start"].tolist(), group["end"].tolist()
        positions = group["i"].tolist()
        n, k = len(written), len(words)
        for p in range(n - k + 1):
            if all(
                (surface[p + q] if words[q][:1] in "#@" else keys[p + q]) == words[q]
                or surface[p + q] == words[q]
                for q in range(k)
            ):
                left = max(0, p - window)
                right = min(n, p + k + window)
                first = group.iloc[0]
                rows.append({
                    "doc_id": first["doc_id"], "text_id": text_id, "kind": first["kind"],
                    "author": first.get("author"), "i": positions[p], "start": starts[p],
                    "end": ends[p + k - 1],
                    "left": _join(written[left:p], starts[left:p], ends[left:p]),
                    "match": _join(written[p:p + k], starts[p:p + k], ends[p:p + k]),
                    "right": _join(written[p + k:right], starts[p + k:right],
                                   ends[p + k:right]),
                })
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)
