"""Topics for larger corpora: NMF or LDA over the lemmas of each testimonial (scikit-learn)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from corpus_tools.extract import CONTENT_POS, content_words


@dataclass
class Topics:
    """The result of :func:`topics`.

    Attributes:
        terms: one row per topic and term: ``topic`` (1 to k), ``term``, ``weight``, ``rank``.
        mix: one row per unit and topic: the unit's key (``doc_id`` or ``text_id``),
            ``topic``, ``weight`` (the unit's topic proportions sum to 1).
    """

    terms: pd.DataFrame
    mix: pd.DataFrame

    def labels(self, n: int = 5) -> dict[int, str]:
        """Return a short label per topic: its ``n`` first terms."""
        return {int(t): ", ".join(g.sort_values("rank")["term"].head(n))
                for t, g in self.terms.groupby("topic")}


def topics(
    tokens: pd.DataFrame,
    k: int = 5,
    *,
    unit: str = "doc_id",
    method: str = "nmf",
    n_terms: int = 10,
    min_df: int = 2,
    seed: int = 0,
    pos: tuple[str, ...] | None = CONTENT_POS,
) -> Topics:
    """Find ``k`` topics in the lemmas of each unit (testimonial with its comments, or text).

    Args:
        tokens: the ``tokens`` table.
        k: the number of topics.
        unit: ``"doc_id"`` (a testimonial and its comments) or ``"text_id"``.
        method: ``"nmf"`` (on TF-IDF) or ``"lda"`` (on counts).
        n_terms: terms kept per topic.
        min_df: leave out lemmas found in fewer units.
        seed: the random seed, for results that do not change from run to run.
        pos: the parts of speech considered.

    Raises:
        ValueError: fewer units or lemmas than topics.
    """
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer

    lemmas = content_words(tokens, pos=pos)
    documents = lemmas.groupby(unit, sort=True)["term"].agg(list)
    vectorizer = CountVectorizer(analyzer=lambda terms: terms, min_df=min_df)
    counts = vectorizer.fit_transform(documents.tolist())
    if counts.shape[0] < k or counts.shape[1] < k:
        raise ValueError(f"trop peu de données pour {k} thématiques : {counts.shape[0]} "
                         f"unités, {counts.shape[1]} lemmes retenus")
    if method == "nmf":
        model = NMF(n_components=k, random_state=seed, init="nndsvda", max_iter=500)
        weights = model.fit_transform(TfidfTransformer().fit_transform(counts))
    elif method == "lda":
        model = LatentDirichletAllocation(n_components=k, random_state=seed)
        weights = model.fit_transform(counts)
    else:
        raise ValueError(f"method={method!r} : choisir « nmf » ou « lda »")
    vocabulary = vectorizer.get_feature_names_out()
    term_rows = []
    for topic, row in enumerate(model.components_, start=1):
        best = row.argsort(kind="stable")[::-1][:n_terms]
        for rank, column in enumerate(best, start=1):
            term_rows.append((topic, vocabulary[column], float(row[column]), rank))
    totals = weights.sum(axis=1, keepdims=True)
    totals[totals == 0] = 1
    mix = pd.DataFrame(weights / totals, index=documents.index,
                       columns=range(1, k + 1)).rename_axis(columns="topic")
    mix = mix.stack().rename("weight").reset_index()
    return Topics(pd.DataFrame(term_rows, columns=["topic", "term", "weight", "rank"]), mix)
