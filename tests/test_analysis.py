"""analyze(): the tables, their keys, and what the issue measured on the seed."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_tools.analysis import KEYS, analyze
from corpus_tools.load import load_corpus
from corpus_tools.nlp import load_pipeline, segments
from corpus_tools.normalise import nlp_view
from corpus_tools.schema import ANALYSIS_TABLES
from tests.conftest import SEED

BOILERPLATE = ("Categories", "Leave", "Reply", "Capture", "Response", "One")
ELIDED = ("j’", "j'", "n’", "n'", "qu’", "qu'", "c’", "c'", "l’", "l'", "d’", "d'")


def of_seed(table: pd.DataFrame, seed_id: str) -> pd.DataFrame:
    return table[table["doc_id"] == seed_id]


def test_every_table_has_the_key_columns_first(sample_analysis):
    for name in ANALYSIS_TABLES:
        if name == "keyterms":
            continue
        table = getattr(sample_analysis, name)
        assert list(table.columns[:3]) == KEYS, name
        assert set(table["kind"]) <= {"testimonial", "comment"}, name
        assert table["text_id"].isin(sample_analysis.texts["text_id"]).all(), name


def test_texts_are_bodies_and_comments(sample_analysis, sample_corpus):
    texts = sample_analysis.texts
    assert (texts["kind"] == "testimonial").sum() == len(sample_corpus.documents)
    assert (texts["kind"] == "comment").sum() == len(sample_corpus.comments)
    assert texts["text_id"].is_unique


def test_seed_hashtags_and_mentions(sample_analysis, seed_id):
    assert set(of_seed(sample_analysis.hashtags, seed_id)["tag"]) == {"#qml", "#twittmooc"}
    assert set(of_seed(sample_analysis.mentions, seed_id)["handle"]) == {"@2vanssay",
                                                                           "@pierrengt"}


def test_seed_platforms(sample_analysis, seed_id):
    found = set(of_seed(sample_analysis.platforms, seed_id)["platform"])
    assert {"Twitter", "Facebook", "Netvibes", "MSN", "Skype", "LinkedIn", "ICQ", "forum",
            "wiki"} <= found


def test_seed_entities_are_clean(sample_analysis, seed_id):
    entities = of_seed(sample_analysis.entities, seed_id)
    for text in entities["text"]:
        assert "\n" not in text
        assert not any(text.lower().startswith(e) or f" {e}" in text.lower() for e in ELIDED)
        assert not any(word in text for word in BOILERPLATE)
        assert text not in {"Venez", "Tentons", "Insistez", "JE"}
    persons = set(entities.loc[entities["label"] == "PER", "text"])
    assert "Stéphanie" in persons
    labels = entities.set_index("text")["label"].to_dict()
    for platform in ("Twitter", "Netvibes", "Linkedin", "Skype"):
        assert labels[platform] == "PLATFORM"


def test_seed_comment_author(sample_corpus, seed_id):
    assert "Neyer Memmi" in set(of_seed(sample_corpus.comments, seed_id)["author"])


def test_raw_seed_page_gives_no_furniture_entities_even_without_the_loader(nlp):
    raw = SEED.read_text(encoding="utf-8")
    for _, line in segments(raw):
        for ent in nlp(line).ents:
            assert not any(word in ent.text for word in BOILERPLATE), ent.text
            assert not ent.text.lower().startswith(tuple(ELIDED)), ent.text


def test_stock_model_faults_are_real(nlp):
    """The faults the pipeline corrects exist in the stock model (so the tests above bite)."""
    import spacy

    stock = spacy.load("fr_core_news_sm")
    raw = SEED.read_text(encoding="utf-8")
    stock_ents = {e.text for e in stock(raw).ents}
    assert {"Venez", "Categories", "Reply"} & stock_ents
    assert any("\n" in text for text in stock_ents)
    assert len(load_pipeline().pipe_names) > len(stock.pipe_names)


def test_offsets_point_into_the_stored_text(sample_analysis):
    texts = sample_analysis.texts.set_index("text_id")["text"]
    for name, column in (("tokens", "token"), ("entities", "text"), ("platforms", "surface"),
                         ("hashtags", "surface"), ("themes", "surface")):
        table = getattr(sample_analysis, name).dropna(subset=["start"])
        for row in table.head(400).itertuples():
            assert texts[row.text_id][int(row.start):int(row.end)] == getattr(row, column), name


def test_tokens_keep_typographic_apostrophes_and_lemmatise_elisions(sample_analysis, seed_id):
    tokens = of_seed(sample_analysis.tokens, seed_id)
    assert "l’" in set(tokens["token"])
    assert set(tokens.loc[tokens["token"] == "l’", "lemma"]) <= {"le", "la"}
    assert (tokens.groupby("text_id")["i"].apply(lambda s: list(s) == list(range(len(s))))).all()
    assert {"#twittmooc", "@2Vanssay"} <= set(tokens["token"])


def test_themes_from_codebook_hashtags_and_platforms(sample_analysis, seed_id):
    themes = of_seed(sample_analysis.themes, seed_id)
    assert set(themes["origin"]) == {"codebook", "hashtag", "platform"}
    codebook = themes[themes["origin"] == "codebook"]
    assert "Jargon de Twitter" in set(codebook["theme"])
    assert {"#twittmooc", "Twitter"} <= set(themes["theme"])


def test_keyterms_per_document_and_corpus(sample_analysis):
    keyterms = sample_analysis.keyterms
    per_doc = keyterms[keyterms["scope"] == "document"]
    assert per_doc.groupby("doc_id")["rank"].max().le(10).all()
    assert per_doc["doc_id"].nunique() == len(sample_analysis.documents)
    assert not per_doc["term"].isin(["le", "de", "je", "#twittmooc"]).any()
    corpus = keyterms[keyterms["scope"] == "corpus"]
    assert corpus["rank"].tolist() == list(range(1, len(corpus) + 1))


def test_cache_in_a_folder_parses_each_text_once(tmp_path):
    corpus = load_corpus(SEED)
    first = analyze(corpus, cache_dir=tmp_path)
    second = analyze(corpus, cache_dir=tmp_path)
    assert (first.stats["parsed"], second.stats["parsed"]) == (2, 0)
    for name in ANALYSIS_TABLES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name),
                                      check_dtype=False)


def test_empty_corpus_gives_empty_tables(tmp_path):
    (tmp_path / "vide.txt").write_text("", encoding="utf-8")
    result = analyze(load_corpus(tmp_path))
    for name in ANALYSIS_TABLES:
        assert getattr(result, name).empty, name


def test_nlp_view_has_the_same_length_as_the_text(sample_analysis):
    for text in sample_analysis.texts["text"]:
        assert len(nlp_view(text)) == len(text)


@pytest.mark.parametrize("model", ["fr_core_news_absent"])
def test_missing_model_says_how_to_install(model):
    with pytest.raises(OSError, match="pip install fr-core-news-absent"):
        load_pipeline(model)


# Persons named in the sample corpus, read by a person: (file, kind, name).
GOLD_PERSONS = {
    ("000_68feda5789824bda.txt", "testimonial", "Stéphanie"),
    ("001_sophie_cdi.txt", "testimonial", "Hélène"),
    ("001_sophie_cdi.txt", "testimonial", "Stéphanie"),
    ("001_sophie_cdi.txt", "comment", "Sophie"),
    ("001_sophie_cdi.txt", "comment", "Paul"),
    ("002_nath_29.txt", "testimonial", "Nathalie"),
    ("002_nath_29.txt", "comment", "Nathalie"),
    ("003_jean_marc.txt", "comment", "Jean-Marc"),
    ("004_karim_cp1252.txt", "testimonial", "Karim"),
    ("005_elodie_mairie.txt", "testimonial", "Élodie"),
    ("005_elodie_mairie.txt", "comment", "Bruno"),
    ("006_moussa_saint_louis.txt", "comment", "Moussa"),
    ("008_julien_aero_cr.txt", "comment", "Claire"),
    ("temoignage-karine.html", "comment", "Jeanne"),
}


def test_persons_precision_and_recall_on_the_sample_corpus(sample_analysis):
    sources = sample_analysis.documents.set_index("doc_id")["source"]
    persons = sample_analysis.entities[sample_analysis.entities["label"] == "PER"]
    found = {(sources[row.doc_id], row.kind, row.text) for row in persons.itertuples()}
    true = len(found & GOLD_PERSONS)
    assert true / len(found) >= 0.85, found - GOLD_PERSONS
    assert true / len(GOLD_PERSONS) >= 0.85, GOLD_PERSONS - found


@pytest.mark.parametrize("cache", [False, True])
def test_texts_with_the_same_content_each_get_their_rows(tmp_path, cache):
    page = ("Capture{n}\n\nJ’ai découvert #Twitter à Lyon{n}.\n\nPar Léa\n\nUne réponse\n\n"
            "  1. Léo dit :\n\n    Merci pour Twitter, #MOOC et @Ana, bravo !\n")
    raw = tmp_path / "raw"
    raw.mkdir()
    for n in (1, 2):
        (raw / f"{n}.txt").write_text(page.format(n=n), encoding="utf-8")
    result = analyze(load_corpus(raw), cache_dir=tmp_path / "cache" if cache else None)
    comments = result.texts[result.texts["kind"] == "comment"]["text_id"].tolist()
    assert len(comments) == 2 and result.stats["parsed"] == 3  # one comment parsed for both
    for name in ("tokens", "hashtags", "mentions", "themes", "platforms"):
        table = getattr(result, name)
        per_text = table[table["text_id"].isin(comments)].groupby("text_id").size()
        assert len(per_text) == 2 and per_text.nunique() == 1, name
    # rows go text by text, in the order of the texts table
    order = {text_id: rank for rank, text_id in enumerate(result.texts["text_id"])}
    ranks = result.tokens["text_id"].map(order)
    assert ranks.is_monotonic_increasing
    assert result.tokens.groupby("text_id")["i"].apply(lambda i: i.is_monotonic_increasing).all()
