"""Facets of the texts (kind, author, category, year, platform) for contrastive analyses.

:func:`text_facets` gives one row per text; :func:`facet_of` turns a facet, named or given,
into one value per token.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

FACETS = ("kind", "author", "category", "year", "platform")
NONE = "(aucun)"


def text_facets(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """Return one row per text (``text_id``) with its facets.

    ``kind`` (testimonial or comment), ``author``, ``category`` (the testimonial's first
    category), ``year`` (of publication), ``platform`` (the platform its testimonial names
    most, generic kinds aside).
    """
    texts, documents = tables["texts"], tables["documents"]
    first_category = documents.set_index("doc_id")["categories"].map(
        lambda values: values[0] if values is not None and len(values) else NONE)
    platforms = tables["platforms"]
    named = platforms[platforms["category"] != "générique"]
    # the platform each testimonial names most (the first named among equals)
    counted = named.assign(order=range(len(named))).groupby(["doc_id", "platform"]).agg(
        n=("order", "size"), first=("order", "min")).reset_index()
    main_platform = (counted.sort_values(["doc_id", "n", "first"], ascending=[True, False, True])
                     .drop_duplicates("doc_id").set_index("doc_id")["platform"] if len(named)
                     else pd.Series(dtype=object))
    years = pd.to_datetime(texts["published"]).dt.year
    return pd.DataFrame({
        "text_id": texts["text_id"],
        "doc_id": texts["doc_id"],
        "kind": texts["kind"],
        "author": texts["author"].fillna(NONE),
        "category": texts["doc_id"].map(first_category).fillna(NONE),
        "year": years.map(lambda y: NONE if pd.isna(y) else str(int(y))),
        "platform": texts["doc_id"].map(main_platform).astype(object).fillna(NONE),
    }).set_index("text_id")


def facet_of(tokens: pd.DataFrame, facet: str | pd.Series) -> pd.Series:
    """Return the facet value of each token.

    Args:
        tokens: the ``tokens`` table.
        facet: a column of ``tokens`` (``"kind"``, ``"author"``…), or a Series mapping
            ``text_id`` (or ``doc_id``) to a value, such as a column of :func:`text_facets`.

    Raises:
        KeyError: ``facet`` is a name that ``tokens`` does not have.
    """
    if isinstance(facet, pd.Series):
        # each id once (a million tokens hold some thousands of texts): the facet is looked
        # up for the distinct ids, then spread back to the tokens
        texts, text_ids = pd.factorize(tokens["text_id"])
        if facet.index.name == "doc_id" or (
                facet.index.name != "text_id" and not pd.Index(text_ids).isin(facet.index).any()):
            codes, ids = pd.factorize(tokens["doc_id"])
        else:
            codes, ids = texts, text_ids
        values = pd.Series(ids).map(facet).fillna(NONE).astype(str).to_numpy()
        return pd.Series(values[codes], index=tokens.index)
    if facet not in tokens.columns:
        raise KeyError(f"facette « {facet} » absente des tokens : utilisez une colonne "
                       f"({', '.join(tokens.columns)}) ou text_facets(tables)[{facet!r}]")
    return tokens[facet].fillna(NONE).astype(str)
