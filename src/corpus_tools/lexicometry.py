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
squares on the log-log scale.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

SUMMARY_COLUMNS = ["part", "texts", "words", "forms", "lemmas", "hapax", "hapax_share", "ttr",
                   "guiraud", "herdan", "yule_k", "words_per_sentence", "syllables_per_word",
                   "kandel_moles"]

_VOWELS = re.compile(r"[aeiouyàâäéèêëîïôöùûüÿœæ]+")
_MUTE_END = re.compile(r"(?<=[^aeiouyàâäéèêëîïôöùûüÿœæ])(?:e|es|ent)$")


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
    per_word = forms.map(syllables).mean() if n else np.nan
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
        for part, group in tokens.groupby(parts, sort=True):
            rows.append({"part": str(part), **_measures(group)})
    rows.append({"part": "corpus", **_measures(tokens)})
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS)


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
