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


def _measures(tokens: pd.DataFrame) -> dict:
    words = tokens[~tokens["is_punct"] & tokens["token"].str.contains(r"\w", regex=True)]
    forms = words["token"].str.lower()
    counts = forms.value_counts()
    n, v = len(forms), len(counts)
    spectrum = counts.value_counts()  # V_m: how many forms are seen m times
    sentences = tokens.drop_duplicates(["text_id", "sentence"]).shape[0]
    per_word = (counts.index.map(syllables).to_numpy() @ counts.to_numpy()) / n if n else np.nan
    per_sentence = n / sentences if sentences else np.nan
    return {
        "texts": tokens["text_id"].nunique(),
        "words": n,
        "forms": v,
        "lemmas": words["lemma"].str.lower().nunique(),
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

    rows = []
    if facet is not None:
        parts = facet_of(tokens, facet)
    tokens = tokens[["text_id", "sentence", "token", "lemma", "is_punct"]]  # no more copied
    if facet is not None:
        for part, group in tokens.groupby(parts, sort=True):
            rows.append({"part": str(part), **_measures(group)})
    rows.append({"part": "corpus", **_measures(tokens)})
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
    tokens = tokens[["text_id", "sentence", "token", "is_punct"]]
    words = tokens[~tokens["is_punct"] & tokens["token"].str.contains(r"\w", regex=True)]
    forms_of = words["token"].str.lower().groupby(words["text_id"], sort=False).agg(list)
    sentences_of = tokens.groupby("text_id", sort=False)["sentence"].nunique()
    rows = []
    for text_id, sentences in sentences_of.items():
        forms = forms_of.get(text_id, [])
        n = len(forms)
        per_word = float(np.mean([syllables(form) for form in forms])) if n else np.nan
        per_sentence = n / sentences if sentences and n else np.nan
        rows.append({
            "text_id": text_id, "words": n, "sentences": sentences,
            "forms": len(set(forms)), "ttr": len(set(forms)) / n if n else np.nan,
            "mattr": _mattr(forms, window), "words_per_sentence": per_sentence,
            "syllables_per_word": per_word,
            "kandel_moles": 207 - 1.015 * per_sentence - 73.6 * per_word if n else np.nan,
        })
    return pd.DataFrame(rows, columns=TEXT_COLUMNS).set_index("text_id")


def _mattr(forms: list[str], window: int) -> float:
    """The mean type/token ratio of every ``window`` consecutive forms, counted as the
    window slides (each step adds one form and drops one)."""
    if not forms:
        return np.nan
    if len(forms) <= window:
        return len(set(forms)) / len(forms)
    seen: dict[str, int] = {}
    for form in forms[:window]:
        seen[form] = seen.get(form, 0) + 1
    types, total = len(seen), len(seen)
    for leaving, coming in zip(forms, forms[window:], strict=False):
        seen[leaving] -= 1
        if not seen[leaving]:
            types -= 1
        seen[coming] = seen.get(coming, 0) + 1
        if seen[coming] == 1:
            types += 1
        total += types
    return total / (len(forms) - window + 1) / window


def zipf(tokens: pd.DataFrame) -> tuple[pd.DataFrame, float]:
    """Return the forms by rank (``rank``, ``form``, ``freq``, and ``fitted``: the law's
    frequency at that rank) and the exponent ``s`` of Zipf's law ``freq = C rank^(−s)``,
    fitted by least squares on log frequency against log rank."""
    words = tokens[~tokens["is_punct"] & tokens["token"].str.contains(r"\w", regex=True)]
    counts = words["token"].str.lower().value_counts()
    table = pd.DataFrame({"rank": np.arange(1, len(counts) + 1), "form": counts.index,
                          "freq": counts.to_numpy()})
    if len(table) < 2:
        return table.assign(fitted=table["freq"].astype(float)), float("nan")
    slope, intercept = np.polyfit(np.log(table["rank"]), np.log(table["freq"]), 1)
    return table.assign(fitted=np.exp(intercept) * table["rank"].astype(float) ** slope), \
        float(-slope)
