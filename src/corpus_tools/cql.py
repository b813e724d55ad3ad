"""Queries of a concordance: words with wildcards, or a small CQL as CQP and TXM read it.

A query is either plain words, each compared with the lemma (or the written form) of one
token, where ``*`` stands for any letters and ``?`` for one (``appren*``, ``réseau? social``),
or a sequence of token patterns in the Corpus Query Language of CQP, the engine of TXM
(Evert and the CWB Development Team, *The IMS Open Corpus Workbench (CWB) CQP Query Language
Tutorial*, 2022, sections 2 and 3)::

    [lemma="apprendre"] [pos="ADP"]? [lemma="twitter"]
    [lemma="réseau"] [pos="ADJ"]{0,2}
    "j'ai" [pos="VERB" & lemma!="être"]
    [word="twitt.*"] []{0,3} [lemma="compte"]

Between brackets, tests on ``word`` (or ``form``, ``token``), ``lemma`` and ``pos``, with
``=`` or ``!=`` and a regular expression between double quotes that must match the whole
value; ``&`` joins tests that must all hold, ``|`` alternatives (``&`` binds tighter). ``[]``
is any token, ``"…"`` alone a test on the written form. After a pattern, ``?``, ``*``, ``+``,
``{n}``, ``{n,}`` or ``{n,m}`` say how many tokens it takes. As everywhere in the package,
case and the kind of apostrophe (’ or ') do not matter.

:func:`parse` turns a query into :class:`Pattern` objects; :func:`find` gives where a
sequence of them matches in a table of tokens, the longest match at each place, matches never
overlapping and never crossing from one text to the next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from corpus_tools.normalise import plain_apostrophes

ATTRIBUTES = {"word": "token", "form": "token", "token": "token", "lemma": "lemma",
              "pos": "pos"}
"""The attributes a test may name, and the column of ``tokens`` each one reads."""

_SCANNER = re.compile(r"""
    (?P<space>\s+)
  | (?P<open>\[) | (?P<close>\]) | (?P<and>&) | (?P<or>\|)
  | (?P<op>!=|=)
  | (?P<value>"(?:[^"\\]|\\.)*")
  | (?P<count>\{\s*\d+\s*(?:,\s*\d*\s*)?\})
  | (?P<mark>[?*+])
  | (?P<name>[A-Za-z_]+)
""", re.VERBOSE)


@dataclass(frozen=True)
class Condition:
    """One test on a token: its ``attribute`` (a column) matches ``pattern``, or does not."""

    column: str
    pattern: str
    negated: bool = False

    def mask(self, tokens: pd.DataFrame) -> np.ndarray:
        """Which tokens pass the test."""
        # each distinct value once (a million tokens hold some tens of thousands of forms)
        codes, values = pd.factorize(tokens[self.column], use_na_sentinel=False)
        values = pd.Series(values, dtype=object).fillna("").astype(str).map(plain_apostrophes)
        matched = values.str.fullmatch(self.pattern, flags=re.IGNORECASE).to_numpy(dtype=bool)
        matched = matched[codes]
        return ~matched if self.negated else matched


@dataclass(frozen=True)
class Pattern:
    """One token pattern: alternatives, each a set of tests that must all hold (none: any
    token), taken between ``low`` and ``high`` times (``None``: no limit)."""

    alternatives: tuple[tuple[Condition, ...], ...]
    low: int = 1
    high: int | None = 1

    def mask(self, tokens: pd.DataFrame) -> np.ndarray:
        """Which tokens the pattern accepts."""
        accepted = np.zeros(len(tokens), dtype=bool)
        for tests in self.alternatives:
            every = np.ones(len(tokens), dtype=bool)
            for test in tests:
                every &= test.mask(tokens)
            accepted |= every
        return accepted


def is_cql(query: str) -> bool:
    """Whether ``query`` is written in CQL (it holds a bracket or opens with a quote)."""
    return "[" in query or query.lstrip().startswith('"')


def parse(query: str, *, by: str = "lemma") -> list[Pattern]:
    """Read a query, plain words or CQL, into patterns (see the module's text).

    Args:
        query: the query.
        by: for plain words, what each word is compared with: ``"lemma"`` (``apprendre``
            finds ``appris``; the written form matches too) or ``"token"``. A hashtag or a
            mention is always compared with the written form.

    Raises:
        ValueError: a query that cannot be read, in French, with the place of the fault.

    Examples:
        >>> [p.low for p in parse('[lemma="apprendre"] [pos="ADP"]? [lemma="twitter"]')]
        [1, 0, 1]
        >>> parse("appren*")[0].alternatives[1][0].pattern
        'appren.*'
    """
    if by not in {"lemma", "token"}:
        raise ValueError(f"by={by!r} : choisir « lemma » ou « token »")
    query = plain_apostrophes(query).strip()
    if not query:
        raise ValueError("requête vide")
    patterns = _parse_cql(query) if is_cql(query) else _parse_words(query, by)
    if all(pattern.low == 0 for pattern in patterns):
        raise ValueError(f"requête « {query} » : au moins un motif doit prendre un mot "
                         "(ôter ?, * ou {0,…} de l’un d’eux)")
    return patterns


_WORDS = re.compile(r"[#@]?\w[\w*?]*'|[#@]?[\w*?][\w*?-]*|[^\w\s]")


def words_of(text: str) -> list[str]:
    """The words of a plain query as the tokens cut them: « j’ai appris » is ``j'``, ``ai``,
    ``appris`` (apostrophes made plain).

    Examples:
        >>> words_of("J’ai appris #TwittMOOC")
        ["J'", 'ai', 'appris', '#TwittMOOC']
    """
    return _WORDS.findall(plain_apostrophes(text))


def _parse_words(query: str, by: str) -> list[Pattern]:
    patterns = []
    for word in words_of(query):
        regex = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in word)
        written = (Condition("token", regex),)
        if word[:1] in "#@" or by == "token":
            patterns.append(Pattern((written,)))
        else:
            patterns.append(Pattern(((Condition("lemma", regex),), written)))
    return patterns


class _Reader:
    """Reads the pieces of a CQL query one by one, with their place for the errors."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.pieces: list[tuple[str, str, int]] = []
        place = 0
        while place < len(query):
            found = _SCANNER.match(query, place)
            if found is None:
                self.fail(place, f"« {query[place]} » inattendu")
            if found.lastgroup != "space":
                self.pieces.append((found.lastgroup, found.group(), place))
            place = found.end()
        self.at = 0

    def fail(self, place: int, problem: str) -> None:
        raise ValueError(f"requête CQL « {self.query} » illisible au caractère {place + 1} : "
                         f"{problem}")

    def peek(self) -> str | None:
        return self.pieces[self.at][0] if self.at < len(self.pieces) else None

    def take(self, kind: str, wanted: str) -> str:
        if self.peek() != kind:
            place = self.pieces[self.at][2] if self.at < len(self.pieces) else len(self.query)
            self.fail(place, f"{wanted} attendu")
        text = self.pieces[self.at][1]
        self.at += 1
        return text


def _parse_cql(query: str) -> list[Pattern]:
    reader = _Reader(query)
    patterns = []
    while reader.peek() is not None:
        if reader.peek() == "value":
            alternatives: tuple[tuple[Condition, ...], ...] = ((_test(reader, "token", "="),),)
        else:
            reader.take("open", "« [ » ou « \"mot\" »")
            alternatives = _alternatives(reader)
            reader.take("close", "« ] »")
        low, high = _quantity(reader)
        patterns.append(Pattern(alternatives, low, high))
    return patterns


def _alternatives(reader: _Reader) -> tuple[tuple[Condition, ...], ...]:
    if reader.peek() == "close":
        return ((),)  # [] : any token
    alternatives = []
    while True:
        tests = []
        while True:
            place = reader.pieces[reader.at][2] if reader.at < len(reader.pieces) else 0
            name = reader.take("name", "un attribut (word, lemma, pos)")
            if name.lower() not in ATTRIBUTES:
                reader.fail(place, f"attribut « {name} » inconnu (word, lemma, pos)")
            tests.append(_test(reader, ATTRIBUTES[name.lower()], reader.take("op", "= ou !=")))
            if reader.peek() != "and":
                break
            reader.take("and", "&")
        alternatives.append(tuple(tests))
        if reader.peek() != "or":
            return tuple(alternatives)
        reader.take("or", "|")


def _test(reader: _Reader, column: str, operator: str) -> Condition:
    place = reader.pieces[reader.at][2] if reader.at < len(reader.pieces) else 0
    value = reader.take("value", "une valeur entre guillemets")
    pattern = re.sub(r'\\(["\\])', r"\1", value[1:-1])
    try:
        re.compile(pattern)
    except re.error as error:
        reader.fail(place, f"expression régulière {value} fautive ({error})")
    return Condition(column, pattern, negated=operator == "!=")


def _quantity(reader: _Reader) -> tuple[int, int | None]:
    if reader.peek() == "mark":
        return {"?": (0, 1), "*": (0, None), "+": (1, None)}[reader.take("mark", "")]
    if reader.peek() == "count":
        place = reader.pieces[reader.at][2]
        low, comma, high = reader.take("count", "").strip("{}").replace(" ", "").partition(",")
        bounds = (int(low), (int(high) if high else None) if comma else int(low))
        if bounds[1] is not None and bounds[1] < bounds[0]:
            reader.fail(place, f"{{{low},{high}}} : le plus petit nombre d’abord")
        return bounds
    return 1, 1


def find(tokens: pd.DataFrame, patterns: list[Pattern]) -> list[tuple[int, int]]:
    """Where the patterns match in ``tokens`` (rows in reading order): ``(first, end)`` row
    positions, ``end`` excluded; the longest match at each place, matches not overlapping,
    never across two texts.

    Examples:
        >>> tokens = pd.DataFrame({"text_id": ["a"] * 4, "token": ["J'", "ai", "appris", "."],
        ...                        "lemma": ["je", "avoir", "apprendre", "."],
        ...                        "pos": ["PRON", "AUX", "VERB", "PUNCT"]})
        >>> find(tokens, parse('[pos="AUX"]? [lemma="apprendre"]'))
        [(1, 3)]
    """
    if tokens.empty:
        return []
    masks = [pattern.mask(tokens) for pattern in patterns]
    text = pd.factorize(tokens["text_id"])[0]
    last = len(tokens)
    # a match starts where one of the patterns up to the first that must take a word accepts
    starts = np.zeros(last, dtype=bool)
    for pattern, mask in zip(patterns, masks, strict=True):
        starts |= mask
        if pattern.low:
            break

    def end_of(index: int, row: int, home: int) -> int:
        """Where a match of patterns ``index…`` from ``row``, in the text ``home``, ends (the
        longest), or -1."""
        if index == len(patterns):
            return row
        pattern, mask = patterns[index], masks[index]
        taken, limit = 0, pattern.high if pattern.high is not None else last
        while (taken < limit and row + taken < last and mask[row + taken]
               and text[row + taken] == home):
            taken += 1
        for count in range(taken, pattern.low - 1, -1):
            end = end_of(index + 1, row + count, home)
            if end >= 0:
                return end
        return -1

    found, after = [], 0
    for row in np.flatnonzero(starts):
        if row < after:
            continue
        end = end_of(0, int(row), text[row])
        if end > row:
            found.append((int(row), end))
            after = end
    return found
