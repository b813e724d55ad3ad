"""Progression of terms over time, against counts made directly."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_tools import plots
from corpus_tools.chronology import chronological_specificities, progression, term_kind


@pytest.fixture(scope="module")
def tables(sample_analysis):
    return sample_analysis.tables


def test_counts_per_period_and_kind_are_those_of_the_tokens(tables):
    result = progression(tables, ["apprendre"], by="year")
    tokens, texts = tables["tokens"], tables["texts"]
    years = pd.to_datetime(texts.set_index("text_id")["published"]).dt.year
    found = tokens[tokens["lemma"].str.lower() == "apprendre"]
    expected = found.assign(year=found["text_id"].map(years)).dropna(subset=["year"])
    expected = expected.groupby(["year", "kind"]).size()
    got = result.frequencies.set_index(["period", "kind"])["count"]
    for (year, kind), count in expected.items():
        assert got[(str(int(year)), kind)] == count
    assert got.sum() == expected.sum()
    # per 10,000 words of the period's texts of that kind
    words = texts.assign(year=pd.to_datetime(texts["published"]).dt.year).groupby(
        ["year", "kind"])["n_words"].sum()
    row = result.frequencies.query("count > 0").iloc[0]
    assert row["words"] == words[(int(row["period"]), row["kind"])]
    assert row["per_10000"] == pytest.approx(row["count"] / row["words"] * 10_000)


def test_undated_texts_are_counted_and_said_never_dropped(tables):
    result = progression(tables, ["twitter"], by="month")
    texts = tables["texts"]
    assert result.undated["texts"] == texts["published"].isna().sum() > 0
    dated = result.frequencies["count"].sum()
    assert dated + result.undated["occurrences"]["twitter"] \
        == len(tables["platforms"].query("platform == 'Twitter'"))
    # the cumulative progression holds every occurrence, the undated ones last
    cumulative = result.cumulative
    assert cumulative["count"].max() == dated + result.undated["occurrences"]["twitter"]
    assert cumulative["position"].is_monotonic_increasing
    assert cumulative["period"].isna().sum() == result.undated["occurrences"]["twitter"]
    assert cumulative.loc[cumulative["period"].isna(), "position"].min() \
        >= result.undated["from_position"]


def test_every_period_between_the_first_and_the_last_is_listed(tables):
    result = progression(tables, ["twitter"], by="month")
    periods = pd.PeriodIndex(result.frequencies["period"].unique(), freq="M")
    assert len(periods) == (periods.max() - periods.min()).n + 1
    wide = result.wide()
    # a month without any text has no rate (a gap), not a rate of zero
    no_text = result.words()[result.words() == 0].index
    assert len(no_text) and wide.loc[no_text, "twitter"].isna().all()


def test_terms_are_recognised_by_what_they_are(tables):
    assert term_kind(tables, "#twittmooc") == "hashtag"
    assert term_kind(tables, "twitter") == "platform"
    theme = tables["themes"].query("origin == 'codebook'")["theme"].iloc[0]
    assert term_kind(tables, theme.lower()) == "theme"
    assert term_kind(tables, "apprendre") == "lemma"
    with pytest.raises(ValueError, match="période « week » inconnue"):
        progression(tables, ["twitter"], by="week")


def test_chronological_specificities_compare_each_year_with_the_others(tables):
    table = chronological_specificities(tables["tokens"], tables["texts"], by="year")
    years = set(pd.to_datetime(tables["texts"]["published"]).dropna().dt.year.astype(str))
    assert set(table["part"]) <= years and len(set(table["part"])) >= 2
    assert (table.groupby("part")["t"].first().sum()) == table["T"].iloc[0]


def test_charts(tables):
    result = progression(tables, ["twitter", "#twittmooc"], by="year")
    ax = plots.progression(result)
    assert [line.get_label() for line in ax.get_lines()] == ["twitter", "#twittmooc"]
    assert "sans date" in " ".join(text.get_text() for text in ax.texts)
    plots.close(ax)


def test_a_cumulative_position_is_the_words_read_before_the_occurrence(tables):
    texts, tokens = tables["texts"], tables["tokens"]
    result = progression(tables, ["Twitter", "apprendre"], by="year")
    dated = texts.assign(_dated=texts["published"].notna(), _row=range(len(texts)))
    order = dated.sort_values(["_dated", "published", "_row"], ascending=[False, True, True])
    offset = dict(zip(order["text_id"], order["n_words"].cumsum() - order["n_words"],
                      strict=True))
    words = tokens[~tokens["is_punct"]]
    expected = []
    for term, kind in (("Twitter", "platform"), ("apprendre", "lemma")):
        found = (tables["platforms"].query("platform == @term") if kind == "platform"
                 else tokens[tokens["lemma"].str.lower() == term])
        for text_id, start in zip(found["text_id"], found["start"], strict=True):
            before = int(((words["text_id"] == text_id) & (words["start"] < start)).sum())
            expected.append((term, offset[text_id] + before))
    got = sorted(zip(result.cumulative["term"], result.cumulative["position"], strict=True))
    assert got == sorted(expected) and len(got) > 20
