"""Progression of words over time: TXM's progression, Voyant's Trends.

For chosen terms (lemmas, hashtags, platforms or themes), :func:`progression` counts the
occurrences per period, absolute and per 10,000 words of the period, testimonials and
comments apart, and follows each term's cumulative count along the corpus in its reading
order (TXM's cumulative progression: texts by date, then the undated ones). Undated texts
are counted and said (``undated``), never silently dropped. :func:`chronological_specificities`
compares each period with the others (Lafon's specificities, as TXM does on a partition by
date).

Examples:
    >>> result = progression(tables, ["twitter", "#twittmooc"], by="year")  # doctest: +SKIP
    >>> result.frequencies  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

PERIODS = {"month": "M", "year": "Y"}
"""The periods a progression is counted by, and their pandas frequency."""

KINDS = ("lemma", "hashtag", "platform", "theme")
"""What a term can be."""

PER = 10_000
"""Relative frequencies are given per this many words."""


@dataclass(frozen=True)
class Progression:
    """The result of :func:`progression`.

    Attributes:
        frequencies: one row per term, period and kind of text (``testimonial``,
            ``comment``), every period between the first and the last: ``term``, ``kind_of``
            (``lemma``, ``hashtag``…), ``period`` (``2014`` or ``2014-05``), ``kind``,
            ``count``, ``words`` (of the period's texts of that kind), ``per_10000``.
        cumulative: one row per occurrence, in the corpus's reading order: ``term``,
            ``position`` (words read before it, over the whole corpus), ``count`` (the
            term's occurrences so far), ``period`` (missing for an undated text).
        undated: the texts without a date: ``texts`` and ``words``, the occurrences of each
            term they hold (``occurrences``), and where they start in the reading order
            (``from_position``); they are in ``cumulative`` (at the end), not in
            ``frequencies``.
    """

    frequencies: pd.DataFrame
    cumulative: pd.DataFrame
    undated: dict

    def wide(self, *, relative: bool = True) -> pd.DataFrame:
        """The frequencies as a period × term table, testimonials and comments together
        (missing for a period without any text)."""
        summed = self.frequencies.groupby(["period", "term"], sort=True)[
            ["count", "words"]].sum()
        # a period without any text has no rate (a gap in the line), not a rate of zero
        values = summed["count"] / summed["words"].where(summed["words"] > 0) * PER \
            if relative else summed["count"].where(summed["words"] > 0)
        # the terms in the order they were asked for: each keeps its colour from chart to chart
        return values.unstack("term")[list(dict.fromkeys(self.frequencies["term"]))]

    def words(self) -> pd.Series:
        """The words of each period's texts (testimonials and comments)."""
        first = self.frequencies["term"].iloc[0] if len(self.frequencies) else None
        rows = self.frequencies[self.frequencies["term"] == first]
        return rows.groupby("period", sort=True)["words"].sum()


def _occurrences(tables: Mapping[str, pd.DataFrame], term: str, kind: str,
                 lemmas: _Lemmas) -> pd.DataFrame:
    """The occurrences of a term: ``text_id`` and ``start`` (offset in the text)."""
    if kind == "lemma":
        return tables["tokens"].loc[lemmas.rows(term), ["text_id", "start"]]
    if kind == "hashtag":
        hashtags = tables["hashtags"]
        found = hashtags[hashtags["tag"] == term.lower()]
    elif kind == "platform":
        platforms = tables["platforms"]
        found = platforms[platforms["platform"].str.lower() == term.lower()]
    else:
        themes = tables["themes"]
        found = themes[themes["theme"].str.lower() == term.lower()]
    return found[["text_id", "start"]]


class _Lemmas:
    """The tokens' lemmas, coded once, for finding a lemma, case not minded, without
    lowercasing millions of strings per term."""

    def __init__(self, tokens: pd.DataFrame) -> None:
        self.tokens = tokens
        self.codes: np.ndarray | None = None

    def rows(self, term: str) -> np.ndarray:
        if self.codes is None:
            self.codes, uniques = pd.factorize(self.tokens["lemma"])
            self.lower = pd.Index(uniques).str.lower()
        return np.isin(self.codes, np.flatnonzero(self.lower == term.lower()))


def term_kind(tables: Mapping[str, pd.DataFrame], term: str) -> str:
    """What a term is: a hashtag (``#…``), a platform or a theme the tables know, else a
    lemma."""
    if term.startswith("#"):
        return "hashtag"
    if term.lower() in set(tables["platforms"]["platform"].str.lower()):
        return "platform"
    if term.lower() in set(tables["themes"]["theme"].str.lower()):
        return "theme"
    return "lemma"


def _periods(published: pd.Series, by: str) -> pd.Series:
    return pd.to_datetime(published).dt.to_period(PERIODS[by])


def progression(tables: Mapping[str, pd.DataFrame], terms: Iterable[str], *,
                by: str = "month", kind: str | None = None) -> Progression:
    """Count chosen terms per period and along the corpus.

    Args:
        tables: the tables of a run (``texts``, ``tokens``, and ``hashtags``, ``platforms``,
            ``themes`` for such terms).
        terms: lemmas (``apprendre``), hashtags (``#twittmooc``), platforms (``Twitter``)
            or themes (``Apprentissage``), case not minded.
        by: ``"month"`` or ``"year"``.
        kind: what every term is (one of :data:`KINDS`); by default each term's own
            (:func:`term_kind`).

    Raises:
        ValueError: an unknown period or kind.
    """
    if by not in PERIODS:
        raise ValueError(f"période « {by} » inconnue : choisir {' ou '.join(PERIODS)}")
    if kind is not None and kind not in KINDS:
        raise ValueError(f"type de terme « {kind} » inconnu : choisir parmi {', '.join(KINDS)}")
    texts = tables["texts"].assign(period=_periods(tables["texts"]["published"], by))
    dated = texts.dropna(subset=["period"])
    if dated.empty:
        span = pd.PeriodIndex([], freq=PERIODS[by])
    else:
        span = pd.period_range(dated["period"].min(), dated["period"].max(), freq=PERIODS[by])
    words = dated.groupby(["period", "kind"])["n_words"].sum()
    # the reading order: dated texts by date (then by their order in the table), then the
    # undated ones; each text starts after the words of those before it
    order = texts.assign(_row=range(len(texts)), _dated=texts["published"].notna())
    order = order.sort_values(["_dated", "published", "_row"], ascending=[False, True, True])
    offset = pd.Series(order["n_words"].cumsum().to_numpy() - order["n_words"].to_numpy(),
                       index=order["text_id"].to_numpy())
    word_index, lemmas = _WordIndex(tables["tokens"]), _Lemmas(tables["tokens"])
    frequencies, cumulative, undated = [], [], {}
    for term in terms:
        what = kind or term_kind(tables, term)
        found = _occurrences(tables, term, what, lemmas).merge(
            texts[["text_id", "kind", "period"]], on="text_id")
        undated[term] = int(found["period"].isna().sum())
        counted = found.dropna(subset=["period"]).groupby(["period", "kind"]).size()
        for period in span:
            for text_kind in ("testimonial", "comment"):
                count = int(counted.get((period, text_kind), 0))
                total = int(words.get((period, text_kind), 0))
                frequencies.append((term, what, str(period), text_kind, count, total,
                                    count / total * PER if total else 0.0))
        found = found.assign(position=found["text_id"].map(offset).astype("int64")
                             + word_index.words_before(found))
        found = found.sort_values("position", kind="stable")
        cumulative.append(pd.DataFrame({
            "term": term, "position": found["position"].to_numpy(dtype="int64"),
            "count": range(1, len(found) + 1),
            "period": found["period"].astype(str).where(found["period"].notna()).to_numpy()}))
    no_date = texts[texts["period"].isna()]
    return Progression(
        frequencies=pd.DataFrame(frequencies, columns=["term", "kind_of", "period", "kind",
                                                       "count", "words", "per_10000"]),
        cumulative=(pd.concat(cumulative, ignore_index=True) if cumulative else
                    pd.DataFrame(columns=["term", "position", "count", "period"])),
        undated={"texts": len(no_date), "words": int(no_date["n_words"].sum()),
                 "occurrences": undated,
                 "from_position": int(texts["n_words"].sum() - no_date["n_words"].sum())},
    )


class _WordIndex:
    """Where the words (not punctuation) of each text start, as sorted keys ``text × 2³² +
    start``: the words of its text before an occurrence are then two binary searches."""

    def __init__(self, tokens: pd.DataFrame) -> None:
        codes, self.texts = pd.factorize(tokens["text_id"])
        words = ~tokens["is_punct"].to_numpy(dtype=bool)
        self.keys = np.sort((codes[words].astype(np.int64) << 32)
                            | tokens["start"].to_numpy(dtype=np.int64)[words])

    def words_before(self, found: pd.DataFrame) -> np.ndarray:
        """How many words of its text come before each occurrence (by its offset)."""
        text = pd.Index(self.texts).get_indexer(found["text_id"]).astype(np.int64)
        start = found["start"].to_numpy(dtype=np.int64)
        # an occurrence in a text without tokens (code -1) has no word before it
        return np.where(text >= 0, np.searchsorted(self.keys, (text << 32) | start)
                        - np.searchsorted(self.keys, text << 32), 0)


def chronological_specificities(tokens: pd.DataFrame, texts: pd.DataFrame, *,
                                by: str = "year", **counting: object) -> pd.DataFrame:
    """Lafon's specificities of each lemma in each period against the others (undated texts
    left out of the partition); see :func:`corpus_tools.specificities`."""
    from corpus_tools.specificity import specificities

    periods = _periods(texts["published"], by).astype(str)
    periods = pd.Series(periods.to_numpy(), index=texts["text_id"])
    periods = periods[texts["published"].notna().to_numpy()]
    # only the columns counted, so that the dated rows are not a copy of the whole table
    columns = [c for c in ("text_id", "doc_id", "token", "lemma", "pos", "is_stop", "is_punct")
               if c in tokens.columns]
    dated = tokens[columns][tokens["text_id"].isin(periods.index)]
    return specificities(dated, periods, **counting)
