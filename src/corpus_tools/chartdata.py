"""The numbers of each chart, computed once: pure functions from the tables to a DataFrame.

:mod:`corpus_tools.plots` draws these numbers, :mod:`corpus_tools.report` writes each
chart's reading sentence from the same ones (so a reading never names what its chart leaves
out), and an explorer can list them next to the texts. Each function takes the tables and
returns what is drawn, in the order it is drawn; none reads a file or draws.

Examples:
    >>> import pandas as pd
    >>> hashtags = pd.DataFrame({"tag": ["#twittmooc", "#qml", "#twittmooc"]})
    >>> counts(hashtags["tag"]).to_dict()
    {'#twittmooc': 2, '#qml': 1}
"""

from __future__ import annotations

from itertools import combinations

import pandas as pd

from corpus_tools.french import sort_key

ENTITY_LABELS = {"PER": "personnes", "LOC": "lieux", "ORG": "organisations", "MISC": "autres",
                 "PLATFORM": "plateformes"}
"""The French name of each entity label, as the charts show it."""

CLOUD_POS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})
"""The parts of speech of the word cloud's lemmas."""


def by_name(values: pd.Series, *, descending: bool = False) -> pd.Series:
    """Sort a Series by its labels in French alphabetical order (:func:`french.sort_key`)."""
    order = sorted(range(len(values)), key=lambda i: sort_key(str(values.index[i])),
                   reverse=descending)
    return values.iloc[order]


def ranked(values: pd.Series) -> pd.Series:
    """Sort counts from the largest, ties in French alphabetical order."""
    return by_name(values).sort_values(ascending=False, kind="stable")


def counts(values: pd.Series) -> pd.Series:
    """Count each value, the most frequent first (ties by name)."""
    return ranked(values.value_counts()).rename("count")


def leaders(values: pd.Series) -> tuple[list[str], int]:
    """The labels that share the largest value (in alphabetical order), and that value."""
    if values.empty:
        return [], 0
    top = values.max()
    return sorted((str(label) for label in values.index[values == top]), key=sort_key), \
        int(top)


def document_labels(documents: pd.DataFrame) -> pd.Series:
    """Name each testimonial by its title, else its author, else its file (a name two
    testimonials share gets the file added, then a number), by ``doc_id``; every name is
    unique."""
    name = documents["title"].fillna(documents["author"]).fillna(documents["source"])
    source = " (" + documents["source"] + ")"
    with_file = name + source
    # several testimonials of one file (the tweets of an archive, the rows of a survey) may
    # share name and file: numbered before the file (which a long label may cut), or a
    # chart would draw two bars on one line
    same_file = with_file.duplicated(keep=False)
    rank = with_file[same_file].groupby(with_file[same_file]).cumcount() + 1
    label = name.where(~name.duplicated(keep=False), with_file)
    label[same_file] = name[same_file] + " n° " + rank.astype(str) + source[same_file]
    return pd.Series(label.to_numpy(), index=documents["doc_id"])


def platform_summary(platforms: pd.DataFrame, *, generic: bool = True) -> pd.DataFrame:
    """Each platform with the testimonials that name it (``documents``) and its mentions in
    all (``mentions``), the most widespread first.

    Args:
        platforms: the ``platforms`` table.
        generic: keep the generic kinds (forum, wiki, blog…).
    """
    if not generic:
        platforms = platforms[platforms["category"] != "générique"]
    summary = platforms.groupby("platform").agg(documents=("doc_id", "nunique"),
                                                mentions=("platform", "size"))
    summary = by_name(summary)
    return summary.sort_values(["documents", "mentions"], ascending=False, kind="stable")


def hashtag_counts(hashtags: pd.DataFrame) -> pd.Series:
    """Occurrences of each hashtag, the most frequent first."""
    return counts(hashtags["tag"])


def mention_counts(mentions: pd.DataFrame) -> pd.Series:
    """Mentions of each account in the texts (a text's signature left out)."""
    if "field" in mentions:
        mentions = mentions[mentions["field"] == "text"]
    return counts(mentions["handle"])


def entity_counts(entities: pd.DataFrame, label: str) -> pd.Series:
    """Occurrences of each entity of one label (``PER``, ``LOC``, ``ORG``, ``MISC``)."""
    return counts(entities.loc[entities["label"] == label, "text"])


def label_counts(entities: pd.DataFrame) -> pd.Series:
    """Entities of each label, by the label's French name."""
    return counts(entities["label"].map(lambda label: ENTITY_LABELS.get(label, label)))


def _themes(themes: pd.DataFrame, origins: tuple[str, ...]) -> pd.DataFrame:
    return themes[themes["origin"].isin(origins)]


def theme_spread(themes: pd.DataFrame, *, origin: str = "codebook") -> pd.Series:
    """In how many testimonials (body or comments) each theme appears, the most first."""
    return ranked(_themes(themes, (origin,)).groupby("theme")["doc_id"].nunique())


def theme_matrix(themes: pd.DataFrame, *, origin: str = "codebook",
                 max_documents: int = 40) -> pd.DataFrame:
    """Occurrences of each theme (columns) in each testimonial (rows, by ``doc_id``): the
    ``max_documents`` testimonials with the most, themes from the most frequent."""
    chosen = _themes(themes, (origin,))
    matrix = pd.crosstab(chosen["doc_id"], chosen["theme"])
    matrix = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False).index[:max_documents]]
    return matrix[matrix.sum().sort_values(ascending=False).index]


def cooccurrence(themes: pd.DataFrame, *, top: int = 25, per_node: int = 3,
                 min_weight: int = 1) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The network of platforms and codebook themes named in the same testimonials.

    Nodes are the ``top`` most widespread (``size``: testimonials); an edge joins two that
    share testimonials (``weight``: how many). Only the strongest links are kept: each
    node's strongest one, and those among the ``per_node`` strongest of both their ends;
    at most two links per node in all (a hub's many weak links would hide the rest).

    Returns:
        ``nodes`` (``node``, ``kind``: ``codebook`` or ``platform``, ``size``) and ``edges``
        (``source``, ``target``, ``weight``, the strongest first).
    """
    chosen = _themes(themes, ("codebook", "platform"))
    spread = chosen.groupby(["theme", "origin"])["doc_id"].nunique()
    spread = spread.sort_values(ascending=False, kind="stable").head(top)
    nodes = pd.DataFrame({"node": spread.index.get_level_values("theme"),
                          "kind": spread.index.get_level_values("origin"),
                          "size": spread.to_numpy()})
    keep = set(nodes["node"])
    weights: dict[tuple[str, str], int] = {}
    per_doc = chosen[chosen["theme"].isin(keep)].groupby("doc_id")["theme"].agg(
        lambda s: sorted(set(s)))
    for members in per_doc:
        for pair in combinations(members, 2):
            weights[pair] = weights.get(pair, 0) + 1
    best: dict[str, list[tuple[str, str]]] = {}  # each node's links, the strongest first
    for node in keep:
        best[node] = [pair for pair, _ in sorted(
            ((pair, weight) for pair, weight in weights.items() if node in pair),
            key=lambda item: (-item[1], item[0][1] if item[0][0] == node else item[0][0]))]
    chosen_pairs = {links[0] for links in best.values() if links}
    chosen_pairs |= {pair for pair in weights
                     if pair in best[pair[0]][:per_node] and pair in best[pair[1]][:per_node]}
    edges = pd.DataFrame([(a, b, weight) for (a, b), weight in weights.items()
                          if (a, b) in chosen_pairs and weight >= min_weight],
                         columns=["source", "target", "weight"])
    edges = edges.sort_values(["weight", "source", "target"], ascending=[False, True, True],
                              kind="stable", ignore_index=True).head(2 * len(nodes))
    return nodes, edges


def mention_network(mentions: pd.DataFrame, texts: pd.DataFrame, *,
                    top: int = 30) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Who mentions whom, between the ``top`` most connected.

    Returns:
        ``nodes`` (``node``, ``kind``: ``account`` for an @handle, ``author`` for a name,
        ``size``: its links) and ``edges`` (``source``: the text's author, its handle or
        else its name; ``target``: the account; ``weight``: mentions).
    """
    found = mentions[mentions["field"] == "text"] if "field" in mentions else mentions
    authors = texts.set_index("text_id")
    source = found["text_id"].map(authors["handle"]).fillna(
        found["text_id"].map(authors["author"])).fillna("(anonyme)")
    edges = pd.DataFrame({"source": source, "target": found["handle"]})
    edges = edges[edges["source"].str.lower() != edges["target"]]
    if edges.empty:
        return (pd.DataFrame(columns=["node", "kind", "size"]),
                pd.DataFrame(columns=["source", "target", "weight"]))
    weights = edges.value_counts().rename("weight").reset_index()
    degree = pd.concat([weights["source"], weights["target"]]).value_counts().head(top)
    weights = weights[weights["source"].isin(degree.index)
                      & weights["target"].isin(degree.index)].reset_index(drop=True)
    named = list(dict.fromkeys([*weights["source"], *weights["target"]]))
    nodes = pd.DataFrame({"node": named,
                          "kind": ["account" if node.startswith("@") else "author"
                                   for node in named],
                          "size": [int(degree[node]) for node in named]})
    return nodes, weights


def comment_counts(documents: pd.DataFrame) -> pd.Series:
    """Comments of each testimonial, by its name (:func:`document_labels`), the most
    commented first."""
    values = pd.Series(documents["n_comments"].to_numpy(), index=document_labels(documents))
    return values.sort_values(ascending=False, kind="stable")


def activity(texts: pd.DataFrame, *, freq: str = "MS") -> pd.DataFrame:
    """Texts published per period (rows, every period between the first and the last) and
    kind (columns ``testimonial``, ``comment``); undated texts are not counted."""
    dated = texts.dropna(subset=["published"])
    if dated.empty:
        return pd.DataFrame(columns=["testimonial", "comment"])
    dated = dated.assign(published=pd.to_datetime(dated["published"]))
    table = (dated.groupby([pd.Grouper(key="published", freq=freq), "kind"]).size()
             .unstack(fill_value=0))
    return table.reindex(pd.date_range(table.index.min(), table.index.max(), freq=freq),
                         fill_value=0)


def cloud_frequencies(tokens: pd.DataFrame) -> pd.Series:
    """The word cloud's lemmas (nouns, proper nouns, adjectives, verbs of three letters or
    more; stop words, punctuation and the corpus's own hashtags and mentions left out) with
    their frequency, the most frequent first."""
    words = tokens[tokens["pos"].isin(CLOUD_POS) & ~tokens["is_stop"] & ~tokens["is_punct"]
                   & ~tokens["token"].str.match(r"[#@]")]
    frequencies = counts(words["lemma"].str.lower())
    return frequencies[frequencies.index.str.len() > 2]


def keyterm_grid(keyterms: pd.DataFrame, documents: pd.DataFrame, *, per_document: int = 5,
                 max_documents: int = 20) -> pd.DataFrame:
    """The key terms drawn for each testimonial: ``doc_id``, ``rank``, ``term``, ``score``,
    testimonials in the order of ``documents``."""
    chosen = keyterms[(keyterms["scope"] == "document") & (keyterms["rank"] <= per_document)]
    order = [doc_id for doc_id in documents["doc_id"] if doc_id in set(chosen["doc_id"])]
    order = order[:max_documents]
    chosen = chosen[chosen["doc_id"].isin(order)]
    position = {doc_id: number for number, doc_id in enumerate(order)}
    return (chosen.assign(_order=chosen["doc_id"].map(position))
            .sort_values(["_order", "rank"]).drop(columns="_order")
            [["doc_id", "rank", "term", "score"]].reset_index(drop=True))
