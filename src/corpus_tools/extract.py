"""Parsed texts -> tidy tables, one row per occurrence. No file I/O, no model loading.

Data dictionary (key columns ``text_id``, ``doc_id``, ``kind`` are added by
:mod:`corpus_tools.analysis` in every table):

``tokens``      ``i`` (position in the text), ``start``, ``end`` (character offsets in
                ``texts.text``), ``sentence`` (sentence number in the text), ``token`` (as
                written), ``lemma``, ``pos`` (Universal POS), ``is_stop``, ``is_punct``, and
                the text's ``author`` (added by the analysis, for concordances)
``entities``    ``start``, ``end``, ``text``, ``label`` (``PER``, ``LOC``, ``ORG``, ``MISC``,
                ``PLATFORM``)
``platforms``   ``start``, ``end``, ``surface``, ``platform`` (canonical), ``category``
``hashtags``    ``start``, ``end``, ``surface``, ``tag`` (lowercase, with ``#``)
``mentions``    ``start``, ``end``, ``surface``, ``handle`` (lowercase, with ``@``), ``field``
                (``text``, or ``signature`` for the handle a text is signed with, which has
                no offsets)
``keyterms``    ``scope`` (``document`` or ``corpus``), ``doc_id``, ``term`` (a lemma),
                ``count``, ``n_docs``, ``score`` (TF-IDF), ``rank``
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from corpus_tools import schema
from corpus_tools.nlp import PLATFORM_LABEL, platforms_by_name
from corpus_tools.patterns import hashtags, mentions
from corpus_tools.schema import TABLES

if TYPE_CHECKING:
    from spacy.strings import StringStore
    from spacy.tokens import Doc

TOKEN_COLUMNS = TABLES["tokens"].own
ENTITY_COLUMNS = TABLES["entities"].own
PLATFORM_COLUMNS = TABLES["platforms"].own
HASHTAG_COLUMNS = TABLES["hashtags"].own
MENTION_COLUMNS = [name for name in TABLES["mentions"].own if name != "field"]
KEYTERM_COLUMNS = TABLES["keyterms"].names
KEYTERM_POS = frozenset({"NOUN", "PROPN", "ADJ"})
NOT_KEYTERMS = frozenset(
    # interjections, titles and fillers that the models tag as nouns
    "hein ah oh eh bah ben euh bref ok okay ouf hélas mme mr mlle dr pr mm m. etc "
    # English function words of quotes, credits and titles
    "by the of and to in for with on at from is are was be it its this that my your you we "
    "our their an a as or not but so if all new via".split())
"""Words that are never key terms, whatever their part of speech."""

PARSED_TABLES = {name: TABLES[name].own for name in schema.PARSED_TABLES}
"""The tables that need the model, cached per text: their own columns (each part of the cache
also has a ``text_hash`` column)."""


def annotate(
    parsed: Iterable[tuple[str, int, Doc]], texts: dict[str, str],
    platforms: bytes | None = None, *, syntax: bool = False,
) -> dict[str, pd.DataFrame]:
    """Turn ``(text_hash, offset, doc)`` triples into the parsed tables.

    Token attributes are read in bulk with ``Doc.to_array`` (no Python object per token):
    this loop runs on every token of the corpus.

    Args:
        parsed: what :func:`corpus_tools.nlp.parse` yields, lines of a text in order.
        texts: the stored text of each ``text_hash``, to report tokens as written.
        platforms: the content of a user's platforms file, if the texts were parsed with one.
        syntax: the texts were parsed with the dependency parser: ``tokens`` gets ``dep``
            and ``head`` (the ``i`` of the head in the text).
    """
    from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_STOP, LEMMA, LENGTH, POS, SENT_START

    attributes = [IDX, LENGTH, LEMMA, POS, IS_STOP, IS_PUNCT, SENT_START,
                  *((DEP, HEAD) if syntax else ())]
    arrays: list[np.ndarray] = []
    keys: list[str] = []
    counts: list[int] = []
    rows: dict[str, list[tuple]] = {"entities": [], "platforms": []}
    next_token: dict[str, int] = defaultdict(int)
    next_sentence: dict[str, int] = defaultdict(int)
    platforms = platforms_by_name(platforms or b"")
    strings = None
    for key, offset, doc in parsed:
        strings = doc.vocab.strings
        text = texts[key]
        array = doc.to_array(attributes)  # uint64: lemmas and POS are string hashes
        if len(array):
            starts = array[:, 6] == 1
            starts[0] = True
            sentence = np.cumsum(starts) - 1 + next_sentence[key]
            next_sentence[key] = int(sentence[-1]) + 1
            position = np.arange(len(array)) + next_token[key]
            next_token[key] += len(array)
            small = array[:, [0, 1, 4, 5]].astype(np.int64)
            small[:, 0] += offset
            columns = [position, sentence, small]
            if syntax:  # HEAD is the offset to the head, negative ones wrapped in uint64
                columns.append(position + array[:, 8].astype(np.int64))
            arrays.append((np.column_stack(columns), array[:, [2, 3, 7] if syntax else [2, 3]]))
            keys.append(key)
            counts.append(len(array))
        for ent in doc.ents:
            start, end = offset + ent.start_char, offset + ent.end_char
            if ent.label_ == PLATFORM_LABEL:
                platform = platforms[ent.ent_id_]
                rows["platforms"].append(
                    (key, start, end, text[start:end], platform.name, platform.category)
                )
                if platform.generic:
                    continue
            rows["entities"].append((key, start, end, text[start:end], ent.label_))
    tables = {
        name: pd.DataFrame(rows[name], columns=["text_hash", *PARSED_TABLES[name]])
        for name in ("entities", "platforms")
    }
    tables["tokens"] = _token_table(arrays, keys, counts, texts, strings, syntax=syntax)
    return tables


def _token_table(arrays: list[tuple[np.ndarray, np.ndarray]], keys: list[str], counts: list[int],
                 texts: dict[str, str], strings: StringStore, *,
                 syntax: bool = False) -> pd.DataFrame:
    """Build the tokens table from the stacked ``Doc.to_array`` blocks."""
    columns = ["text_hash", *TOKEN_COLUMNS, *(TABLES["tokens"].syntax if syntax else ())]
    if not arrays:
        return pd.DataFrame(columns=columns)
    data = np.concatenate([small for small, _ in arrays])
    hashes = np.concatenate([big for _, big in arrays])
    text_hash = np.repeat(np.array(keys, dtype=object), counts)
    start = data[:, 2]
    end = start + data[:, 3]
    written = [texts[k][s:e] for k, s, e in zip(text_hash, start.tolist(), end.tolist(),
                                                strict=True)]
    names = {int(h): strings[int(h)] for h in np.unique(hashes)}
    table = pd.DataFrame({
        "text_hash": text_hash,
        "i": data[:, 0],
        "start": start,
        "end": end,
        "sentence": data[:, 1],
        "token": written,
        "lemma": [names[int(h)] for h in hashes[:, 0]],
        "pos": [names[int(h)] for h in hashes[:, 1]],
        "is_stop": data[:, 4].astype(bool),
        "is_punct": data[:, 5].astype(bool),
    })
    if syntax:
        table["dep"] = [names[int(h)] for h in hashes[:, 2]]
        table["head"] = data[:, 6]
    social = table["token"].str[:1].isin(["#", "@"])
    table.loc[social, "lemma"] = table.loc[social, "token"].str.lower()
    return table[columns]


def social_tables(texts: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Find hashtags and mentions in ``texts`` (columns ``text_id`` and ``text``)."""
    tags, handles = [], []
    for text_id, text in zip(texts["text_id"], texts["text"], strict=True):
        for match in hashtags(text):
            tags.append((text_id, match.start(), match.end(), match.group(),
                         "#" + match.group()[1:].lower()))
        for match in mentions(text):
            handles.append((text_id, match.start(), match.end(), match.group(),
                            "@" + match.group()[1:].lower()))
    return {
        "hashtags": pd.DataFrame(tags, columns=["text_id", *HASHTAG_COLUMNS]),
        "mentions": pd.DataFrame(handles, columns=["text_id", *MENTION_COLUMNS]),
    }


CONTENT_POS = ("NOUN", "PROPN", "ADJ", "VERB", "ADV")
"""The parts of speech of "full" words, the ones lexical analyses count by default."""


def content_words(tokens: pd.DataFrame, *, pos: tuple[str, ...] | None = CONTENT_POS,
                  stop_words: bool = False) -> pd.DataFrame:
    """Return the tokens that lexical analyses count, with their lowercase lemma as ``term``.

    Punctuation, hashtags and mentions are left out, and stop words unless ``stop_words``.
    """
    keep = ~tokens["is_punct"] & ~tokens["token"].str.match(r"[#@]")
    if pos is not None:
        keep &= tokens["pos"].isin(pos)
    if not stop_words:
        keep &= ~tokens["is_stop"]
    return tokens.loc[keep].assign(term=lambda t: t["lemma"].str.lower())


def term_counts(tokens: pd.DataFrame) -> pd.DataFrame:
    """Count the key-term candidates of each testimonial: ``doc_id``, ``term``, ``count``,
    ``first`` (position of the first occurrence).

    Only nouns, adjectives and platforms' names of testimonial bodies count; names of persons
    and places have tables of their own and are left out (proper nouns, and capitalised known
    first names and places), and so are stop words, hashtags, mentions, clitics (``-vous``),
    interjections and English function words (:data:`NOT_KEYTERMS`); lemmas are lowercased,
    and a plural counts with its singular when both occur (``moocs`` with ``mooc``). Counts of
    several parts of a corpus add up (``count`` summed, ``first`` the minimum).
    """
    from corpus_tools.nlp import first_names, places

    names = frozenset(platforms_by_name())
    lemma = tokens["lemma"]
    candidate = (
        (tokens["kind"] == "testimonial")
        & tokens["pos"].isin(KEYTERM_POS)
        & ~tokens["is_stop"]
        & ~tokens["is_punct"]
        & ~tokens["token"].str.match(r"[#@-]")
        & (lemma.str.len() > 1)
    )
    words = tokens[candidate]
    proper = words["pos"] == "PROPN"
    named = words["token"].isin(first_names()) | words["token"].str.casefold().isin(places())
    words = words[(~proper | words["lemma"].isin(names)) & ~(named & ~proper)]
    words = words.assign(term=words["lemma"].str.lower())
    words = words[~words["term"].isin(NOT_KEYTERMS)]
    counts = (
        words.groupby(["doc_id", "term"], observed=True)
        .agg(count=("i", "size"), first=("i", "min")).reset_index()
    )
    return _singular(counts)


def _singular(counts: pd.DataFrame) -> pd.DataFrame:
    """Count a plural's occurrences with its singular's when both are terms of the corpus
    (the lemmatizer leaves the plural of a word it does not know: ``moocs``, ``twittclasses``)."""
    codes, terms = pd.factorize(counts["term"])  # the test runs on each distinct term once
    terms = pd.Series(terms, dtype=str)
    singular = terms.str[:-1]
    plural = terms.str.len().gt(3) & terms.str[-1].isin(["s", "x"]) & singular.isin(terms)
    if not plural.any():
        return counts
    counts = counts.assign(term=terms.where(~plural, singular).to_numpy()[codes])
    return (counts.groupby(["doc_id", "term"], observed=True)
            .agg(count=("count", "sum"), first=("first", "min")).reset_index())


def keyterms(tokens: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """Rank the key terms of each testimonial and of the corpus by TF-IDF over lemmas.

    Args:
        tokens: the ``tokens`` table with ``doc_id`` and ``kind``.
        top: how many terms to keep per testimonial and for the corpus.
    """
    return keyterms_from_counts(term_counts(tokens), top=top)


def keyterms_from_counts(counts: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """Rank key terms from :func:`term_counts`, or from the counts of parts of a corpus one
    after the other (a testimonial's term counted in two parts: counts summed, first
    position the least)."""
    if counts.empty:
        return pd.DataFrame(columns=KEYTERM_COLUMNS)
    counts = _singular(counts)  # once more: the parts of a run are counted apart
    # on integer codes, in NumPy: sorted codes sort as the ids and terms do
    doc, doc_ids = pd.factorize(counts["doc_id"], sort=True)
    term, terms = pd.factorize(counts["term"], sort=True)
    count = counts["count"].to_numpy(np.int64)
    first = counts["first"].to_numpy(np.int64)
    pair = doc.astype(np.int64) * len(terms) + term
    pairs, row = np.unique(pair, return_inverse=True)
    if len(pairs) < len(pair):  # the same term of a testimonial in two parts
        count = np.bincount(row, weights=count).astype(np.int64)
        least = np.full(len(pairs), np.iinfo(np.int64).max)
        np.minimum.at(least, row, first)
        first, doc, term = least, pairs // len(terms), pairs % len(terms)
    n_docs = np.bincount(term, minlength=len(terms))
    length = np.bincount(doc, weights=count)[doc]
    score = count / length * (np.log((1 + len(doc_ids)) / (1 + n_docs[term])) + 1)
    # ties (frequent in short texts) go to the term that comes first in the text
    order = np.lexsort((term, first, -score, doc))
    starts = np.flatnonzero(np.r_[True, np.diff(doc[order]) != 0])
    rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)])) + 1
    kept = order[rank <= top]
    per_doc = pd.DataFrame({
        "scope": "document", "doc_id": doc_ids[doc[kept]], "term": terms[term[kept]],
        "count": count[kept], "n_docs": n_docs[term[kept]], "score": score[kept],
        "rank": rank[rank <= top],
    })
    total = np.bincount(term, weights=score, minlength=len(terms))
    best = np.lexsort((np.arange(len(terms)), -total))[:top]
    corpus = pd.DataFrame({
        "scope": "corpus", "doc_id": None, "term": terms[best],
        "count": np.bincount(term, weights=count, minlength=len(terms))[best].astype(np.int64),
        "n_docs": n_docs[best], "score": total[best], "rank": np.arange(1, len(best) + 1),
    })
    return pd.concat([per_doc, corpus], ignore_index=True)[KEYTERM_COLUMNS]
