"""Each chart's numbers are computed once: the drawing and the reading use the same ones."""

from __future__ import annotations

import pandas as pd

from corpus_tools import chartdata, plots
from corpus_tools.report import CHARTS


def reading(name, tables):
    return next(chart for chart in CHARTS if chart.name == name).reading(tables)


def test_the_cloud_reading_names_a_word_the_cloud_draws(sample_analysis):
    tokens = sample_analysis.tokens
    hashtag = tokens.loc[tokens["token"].str.startswith("#")].iloc[0]
    # a hashtag repeated far more than any word: the cloud leaves it out, so must the reading
    flood = pd.concat([tokens, pd.DataFrame([hashtag] * 500)], ignore_index=True)
    frequencies = chartdata.cloud_frequencies(flood)
    assert hashtag["lemma"].lower() not in frequencies.index
    sentence = reading("nuage-de-mots", {"tokens": flood})
    assert f"« {hashtag['lemma'].lower()} »" not in sentence
    assert f"« {frequencies.index[0]} »" in sentence


def test_the_network_reading_names_a_link_the_chart_draws(sample_analysis):
    themes = sample_analysis.themes
    nodes, edges = chartdata.cooccurrence(themes)
    ax = plots.cooccurrence_network(themes)
    drawn = len(ax.collections)  # nodes and edges were drawn from the same frames
    plots.close(ax)
    assert drawn > 0
    first = edges.iloc[0]
    assert f"« {first['source']} » et « {first['target']} »" in reading(
        "reseau-plateformes-themes", {"themes": themes})
    # every edge joins two of the drawn nodes, and each node keeps at most 3 links of its own
    assert set(edges["source"]) | set(edges["target"]) <= set(nodes["node"])


def test_counts_against_a_direct_count(sample_analysis):
    hashtags = sample_analysis.hashtags
    expected = hashtags["tag"].value_counts()
    counted = chartdata.hashtag_counts(hashtags)
    assert counted.to_dict() == expected.to_dict()
    assert list(counted) == sorted(counted, reverse=True)
    platforms = chartdata.platform_summary(sample_analysis.platforms)
    twitter = sample_analysis.platforms.query("platform == 'Twitter'")
    assert platforms.loc["Twitter"].tolist() == [twitter["doc_id"].nunique(), len(twitter)]


def test_activity_counts_every_dated_text_once(sample_analysis):
    texts = sample_analysis.texts
    per_month = chartdata.activity(texts)
    assert int(per_month.to_numpy().sum()) == texts["published"].notna().sum()
    assert per_month.index.is_monotonic_increasing


def test_every_testimonial_has_a_name_of_its_own(sample_analysis):
    documents = sample_analysis.documents
    twice = pd.concat([documents.head(2), documents.head(2).assign(doc_id=["x1", "x2"])],
                      ignore_index=True)  # same titles, same files
    names = chartdata.document_labels(twice)
    assert names.is_unique
    assert " n° 2 (" in names["x1"] and " n° 1 (" in names.iloc[0]
    labels = chartdata.document_labels(documents)
    assert labels.is_unique  # the tweets of one archive share their title and file
    counts = chartdata.comment_counts(documents)
    assert list(counts) == sorted(counts, reverse=True)


def test_the_network_keeps_each_nodes_strongest_link_and_few_others(sample_analysis):
    from itertools import combinations

    themes = sample_analysis.themes
    nodes, edges = chartdata.cooccurrence(themes, per_node=3)
    chosen = themes[themes["origin"].isin(["codebook", "platform"])
                    & themes["theme"].isin(nodes["node"])]
    together: dict[frozenset, int] = {}
    for members in chosen.groupby("doc_id")["theme"].agg(lambda s: sorted(set(s))):
        for pair in combinations(members, 2):
            together[frozenset(pair)] = together.get(frozenset(pair), 0) + 1
    drawn = {frozenset((row.source, row.target)): row.weight for row in edges.itertuples()}
    assert all(together[pair] == weight for pair, weight in drawn.items())  # a direct count
    assert len(drawn) <= 2 * len(nodes)
    for node in nodes["node"]:
        links = {pair: weight for pair, weight in together.items() if node in pair}
        if links:  # its strongest link is drawn
            assert max(links.values()) == max(w for p, w in drawn.items() if node in p)
    # far fewer links than pairs seen together: no hairball
    assert len(drawn) < len(together) / 2
