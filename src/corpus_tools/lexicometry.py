"""A lexicometric summary: sizes, vocabulary richness, Zipf's law and readability.

What TXM's and Voyant's summaries and quanteda's ``textstat_lexdiv`` and
``textstat_readability`` give, for the corpus or each part of a facet:

- ``words`` (the tokens that are words, as spaCy cuts them: « j’ai » is two), ``forms``
  (distinct lowercase forms), ``lemmas``, ``hapax`` (forms seen once) and their share of the forms;
- richness: ``ttr`` (forms / words), Guiraud's ``R`` (forms / √words), Herdan's ``C``
  (log forms / log words), Yule's ``K`` (10⁴ (Σ m² V_m − N) / N², with ``V_m`` the forms seen
  ``m`` times and ``N`` the words; Yule, *The Statistical Study of Literary Vocabulary*,
  1944), all of which depend on the text's length: compare parts of similar size;
- readability: words per sentence, syllables per word and Kandel and Moles' adaptation of
  Flesch's reading ease to French, ``207 − 1.015 × words/sentence − 73.6 × syllables/word``
  (Kandel and Moles, « Application de l'indice de Flesch à la langue française », *Cahiers
  Études de Radio-Télévision* 19, 1958); syllables are counted from the written vowel groups
  (a mute final ``e``, ``es`` or ``ent`` after a consonant left out), an approximation.

:func:`zipf` gives the rank × frequency table and the exponent of Zipf's law fitted by least
squares on the log-log scale. :func:`text_measures` gives the same measures text by text,
with the moving-average type/token ratio (MATTR), each usable as a facet.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

SUMMARY_COLUMNS = ["part", "texts", "words", "forms", "lemmas", "hapax", "hapax_share", "ttr",
                   "guiraud", "herdan", "yule_k", "words_per_sentence", "syllables_per_word",
                   "kandel_moles"]

_VOWELS = re.compile(r"[aeiouyàâäéèêëîïôöùûüÿœæ]+")
_MUTE_END = re.compile(r"(?<=[^aeiouyàâäéèêëîïôöùûüÿœæ])(?:e|es|ent)$")


@functools.lru_cache(maxsize=200_000)
def syllables(word: str) -> int:
    """Count a French word's syllables from its written vowel groups (at least one)."""
    word = word.lower()
    if len(_VOWELS.findall(word)) > 1:
        word = _MUTE_END.sub("", word)
    return max(1, len(_VOWELS.findall(word)))


def _lower_words(tokens: pd.DataFrame) -> tuple[np.ndarray, pd.Series]:
    """Which tokens are words (not punctuation, holding a letter or digit), and the code of
    each word's lowercase form among the forms: each distinct token tested and lowercased
    once (a few tens of thousands for millions of tokens)."""
    codes, written = pd.factorize(tokens["token"], use_na_sentinel=False)
    written = pd.Series(written, dtype=object).fillna("")
    is_word = written.str.contains(r"\w", regex=True).to_numpy(dtype=bool)[codes]
    lower_codes, lower = pd.factorize(written.str.lower())
    keep = is_word & ~tokens["is_punct"].to_numpy(dtype=bool)
    return keep, pd.Series(lower_codes[codes][keep]), pd.Index(lower)


def _form_counts(tokens: pd.DataFrame) -> pd.Series:
    """How often each lowercase word form occurs, the most frequent first."""
    _, codes, forms = _lower_words(tokens)
    counts = codes.value_counts()
    counts.index = forms[counts.index.to_numpy()]
    return counts


@dataclass
class _Coded:
    """The tokens as integers, computed once for every part: which are words, the code of
    each word's lowercase form and lemma, of its text and of its sentence."""

    keep: np.ndarray
    form: np.ndarray
    forms: pd.Index
    lemma: np.ndarray
    text: np.ndarray
    sentence: np.ndarray

    @classmethod
    def of(cls, tokens: pd.DataFrame) -> _Coded:
        keep, form, forms = _lower_words(tokens)
        lemma_codes, lemmas = pd.factorize(tokens["lemma"], use_na_sentinel=False)
        lower = pd.factorize(pd.Series(lemmas, dtype=object).fillna("").str.lower())[0]
        text = pd.factorize(tokens["text_id"])[0]
        sentence = pd.factorize(pd.MultiIndex.from_arrays(
            [text, tokens["sentence"].to_numpy()]))[0]
        return cls(keep, form.to_numpy(), forms, lower[lemma_codes], text, sentence)


def _measures(coded: _Coded, rows: np.ndarray | None = None) -> dict:
    """The measures of the tokens ``rows`` (a mask; all by default)."""
    chosen = np.ones(len(coded.keep), dtype=bool) if rows is None else rows
    words = chosen[coded.keep]  # which of the words are in the part
    form_counts = np.bincount(coded.form[words], minlength=len(coded.forms))
    counts = pd.Series(form_counts[form_counts > 0],
                       index=coded.forms[np.flatnonzero(form_counts)]).sort_values(
        ascending=False, kind="stable")
    n, v = int(counts.sum()), len(counts)
    spectrum = counts.value_counts()  # V_m: how many forms are seen m times
    sentences = len(np.unique(coded.sentence[chosen]))
    per_word = (counts.index.map(syllables).to_numpy() @ counts.to_numpy()) / n if n else np.nan
    per_sentence = n / sentences if sentences else np.nan
    return {
        "texts": len(np.unique(coded.text[chosen])),
        "words": n,
        "forms": v,
        "lemmas": len(np.unique(coded.lemma[coded.keep & chosen])),
        "hapax": int((counts == 1).sum()),
        "hapax_share": (counts == 1).sum() / v if v else np.nan,
        "ttr": v / n if n else np.nan,
        "guiraud": v / np.sqrt(n) if n else np.nan,
        "herdan": np.log(v) / np.log(n) if n > 1 else np.nan,
        "yule_k": (1e4 * ((spectrum.index.to_numpy() ** 2 * spectrum.to_numpy()).sum() - n)
                   / n ** 2) if n else np.nan,
        "words_per_sentence": per_sentence,
        "syllables_per_word": per_word,
        "kandel_moles": 207 - 1.015 * per_sentence - 73.6 * per_word if n else np.nan,
    }


def lexical_summary(tokens: pd.DataFrame, facet: str | pd.Series | None = None
                    ) -> pd.DataFrame:
    """Return the summary of the corpus (one row, ``part`` « corpus »), or of each part of a
    facet (a column of ``tokens`` or a Series by ``text_id``), the corpus last."""
    from corpus_tools.facets import facet_of

    coded = _Coded.of(tokens)  # the parts are masks over it: no part is copied
    rows = []
    if facet is not None:
        codes, parts = pd.factorize(facet_of(tokens, facet))
        for number in np.argsort(np.asarray(parts, dtype=str), kind="stable"):
            rows.append({"part": str(parts[number]), **_measures(coded, codes == number)})
    rows.append({"part": "corpus", **_measures(coded)})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


TEXT_COLUMNS = ["text_id", "words", "sentences", "forms", "ttr", "mattr",
                "words_per_sentence", "syllables_per_word", "kandel_moles"]


def text_measures(tokens: pd.DataFrame, *, window: int = 50) -> pd.DataFrame:
    """Return, for each text, its size, richness and readability, indexed by ``text_id`` so
    that each column can be a facet (``pd.qcut(measures["kandel_moles"], 3)``).

    Columns: ``words``, ``sentences``, ``forms``, ``ttr`` (forms / words), ``mattr``
    (Covington and McFall's moving-average type/token ratio, « Cutting the Gordian knot »,
    *Journal of Quantitative Linguistics* 17, 2010: the mean TTR of every run of ``window``
    consecutive words, which does not fall with the text's length; a text shorter than the
    window gets its TTR), ``words_per_sentence``, ``syllables_per_word`` and
    ``kandel_moles``, as :func:`lexical_summary` counts them.

    Examples:
        >>> tokens = pd.DataFrame({"text_id": "a", "sentence": [0, 0, 0, 1],
        ...     "token": ["Le", "chat", "le", "."], "is_punct": [False, False, False, True]})
        >>> measures = text_measures(tokens, window=2)
        >>> measures.loc["a", ["words", "forms", "mattr"]].astype(float).tolist()
        [3.0, 2.0, 1.0]
    """
    # every form as an integer (each distinct form lowercased and counted in syllables once)
    keep, codes, lower = _lower_words(tokens)
    form = codes.to_numpy()
    syllable = np.array([syllables(word) for word in lower], dtype=float)
    all_texts, text_ids = pd.factorize(tokens["text_id"])
    per_text = pd.DataFrame({"text": all_texts[keep], "form": form})
    grouped = per_text.groupby("text", sort=True)
    n = grouped.size()
    measures = pd.DataFrame({
        "words": n, "forms": grouped["form"].nunique(),
        "syllables": pd.Series(syllable[form] if len(form) else [], dtype=float)
        .groupby(per_text["text"].to_numpy()).sum(),
        "mattr": _mattr(per_text["text"].to_numpy(), form, window)})
    measures.index = pd.Index(text_ids)[measures.index]
    sentences = pd.Series(tokens["sentence"].to_numpy()).groupby(all_texts).nunique()
    sentences.index = pd.Index(text_ids, name="text_id")[sentences.index]
    table = measures.reindex(sentences.index)
    table["words"] = table["words"].fillna(0).astype("int64")
    table["forms"] = table["forms"].fillna(0).astype("int64")
    table["sentences"] = sentences
    n_words = table["words"].where(table["words"] > 0)
    table["ttr"] = table["forms"] / n_words
    table["words_per_sentence"] = n_words / table["sentences"]
    table["syllables_per_word"] = table["syllables"] / n_words
    table["kandel_moles"] = (207 - 1.015 * table["words_per_sentence"]
                             - 73.6 * table["syllables_per_word"])
    return table.rename_axis("text_id")[TEXT_COLUMNS[1:]]


def _mattr(text: np.ndarray, form: np.ndarray, window: int) -> pd.Series:
    """The mean type/token ratio of every ``window`` consecutive forms of each text (its TTR
    when it is shorter), without sliding a window: a word adds one to the distinct forms of
    every window that holds it and not the form's previous occurrence, so the sum of the
    windows' counts is a sum over words (``text`` sorted: the words in reading order)."""
    if not len(form):
        return pd.Series(dtype=float)
    starts = np.r_[0, np.flatnonzero(np.diff(text)) + 1]
    sizes = np.diff(np.r_[starts, len(text)])
    position = np.arange(len(text)) - np.repeat(starts, sizes)  # within its text
    length = np.repeat(sizes, sizes)
    # the previous position of the same form in the same text (-1 if none)
    order = np.lexsort((position, form, text))
    previous = np.full(len(text), -1)
    same = (text[order][1:] == text[order][:-1]) & (form[order][1:] == form[order][:-1])
    previous[order[1:][same]] = position[order[:-1][same]]
    width = np.minimum(window, length)
    last_start = length - width  # windows start at 0 … last_start
    first = np.maximum(np.maximum(position - width + 1, previous + 1), 0)
    last = np.minimum(position, last_start)
    counted = np.clip(last - first + 1, 0, None)
    windows = pd.Series(last_start + 1, index=text).groupby(level=0).first()
    totals = pd.Series(counted, index=text).groupby(level=0).sum()
    return totals / windows / pd.Series(width, index=text).groupby(level=0).first()


def zipf(tokens: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """Return the forms by rank (``rank``, ``form``, ``freq``, and ``fitted``: the law's
    frequency at that rank) and the exponent ``s`` of Zipf's law ``freq = C rank^(−s)``,
    fitted by least squares on log frequency against log rank."""
    counts = _form_counts(tokens)
    table = pd.DataFrame({"rank": np.arange(1, len(counts) + 1), "form": counts.index,
                          "freq": counts.to_numpy()})
    if len(table) < 2:
        return table.assign(fitted=table["freq"].astype(float)), float("nan")
    slope, intercept = np.polyfit(np.log(table["rank"]), np.log(table["freq"]), 1)
    return table.assign(fitted=np.exp(intercept) * table["rank"].astype(float) ** slope), \
        float(-slope)
