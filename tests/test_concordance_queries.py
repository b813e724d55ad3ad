"""Concordance queries: wildcards, CQL patterns of lemma, form and part of speech, sorting."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_tools import cql
from corpus_tools.concordance import kwic


def _tokens(*texts: str) -> pd.DataFrame:
    """A tokens table from texts written ``form/lemma/POS`` (``form/POS`` when the lemma is
    the form) separated by spaces."""
    rows = []
    for number, text in enumerate(texts):
        offset = 0
        for i, item in enumerate(text.split()):
            form, *lemma, pos = item.split("/")
            lemma = lemma[0] if lemma else form
            rows.append({"text_id": f"t{number}", "doc_id": f"d{number}", "kind": "testimonial",
                         "author": "Inès", "i": i, "start": offset,
                         "end": offset + len(form), "token": form, "lemma": lemma, "pos": pos,
                         "is_punct": pos == "PUNCT"})
            offset += len(form) + (0 if form.endswith(("’", "'")) else 1)  # « J’ai »
    return pd.DataFrame(rows)


TOKENS = _tokens(
    "J’/je/PRON ai/avoir/AUX appris/apprendre/VERB à/à/ADP twitter/twitter/VERB ./PUNCT",
    "Elle/elle/PRON apprend/apprendre/VERB Twitter/twitter/PROPN vite/vite/ADV ./PUNCT",
    "apprendre/apprendre/VERB ,/PUNCT twitter/twitter/PROPN",
    "Mon/mon/DET réseau/réseau/NOUN social/social/ADJ préféré/préférer/ADJ",
)


@pytest.mark.parametrize(("query", "matches"), [
    ('[lemma="apprendre"] [pos="ADP"]? [lemma="twitter"]', ["appris à twitter", "apprend Twitter"]),
    ('[lemma="apprendre"] [pos="ADP"] [lemma="twitter"]', ["appris à twitter"]),
    ('[lemma="apprendre"] []{0,1} [lemma="twitter"]',
     ["appris à twitter", "apprend Twitter", "apprendre , twitter"]),
    ('[word="appr.*"]', ["appris", "apprend", "apprendre"]),
    ('[lemma="apprendre" & pos="VERB" & word!="appris"]', ["apprend", "apprendre"]),
    ('[pos="ADP" | pos="ADV"]', ["à", "vite"]),
    ('[lemma="réseau"] [pos="ADJ"]+', ["réseau social préféré"]),
    ('[lemma="réseau"] [pos="ADJ"]{1}', ["réseau social"]),
    ('"j\'" "ai"', ["J’ai"]),
    ("appren*", ["appris", "apprend", "apprendre"]),  # the lemma of « appris » matches
    ("appr?s", ["appris"]),
    ("j'ai appris", ["J’ai appris"]),
])
def test_a_query_finds_what_it_says(query, matches):
    assert kwic(TOKENS, query)["match"].tolist() == matches


def test_a_plain_word_by_form_leaves_the_lemma_aside():
    assert kwic(TOKENS, "appren*", by="token")["match"].tolist() == ["apprend", "apprendre"]


def test_a_match_never_crosses_from_one_text_to_the_next():
    # « vite . » ends text 1 and « apprendre » opens text 2
    assert kwic(TOKENS, '[pos="PUNCT"] [lemma="apprendre"]').empty
    lines = kwic(TOKENS, '[lemma="twitter"]', window=3)
    assert lines["right"].tolist() == [".", "vite .", ""]
    assert lines["left"].tolist() == ["ai appris à", "Elle apprend", "apprendre ,"]


def test_matches_are_the_longest_and_do_not_overlap():
    assert cql.find(TOKENS, cql.parse('[pos="ADJ"]+')) == [(16, 18)]
    assert kwic(TOKENS, "[]{2}")["match"].tolist()[:3] == ["J’ai", "appris à", "twitter ."]


@pytest.mark.parametrize(("sort", "first_words"), [
    ("right", ["", ".", "vite"]),  # nothing after the last, then « . », then « vite »
    ("left", [",", "à", "apprend"]),  # the word just before: « , », « à », « apprend »
])
def test_lines_sorted_by_a_side(sort, first_words):
    lines = kwic(TOKENS, "twitter", sort=sort, window=2)
    side = "right" if sort == "right" else "left"
    words = lines[side].str.split()
    nearest = words.str[0] if side == "right" else words.str[-1]
    assert nearest.fillna("").tolist() == first_words


def test_sorting_is_the_french_dictionary_s():
    tokens = _tokens("Écrire/écrire/VERB x/X", "zoo/zoo/NOUN x/X", "aller/aller/VERB x/X")
    assert kwic(tokens, "x", sort="left")["left"].tolist() == ["aller", "Écrire", "zoo"]


@pytest.mark.parametrize(("query", "problem"), [
    ('[lemma="apprendre"', "caractère 19 : « ] » attendu"),
    ('[lemme="apprendre"]', "attribut « lemme » inconnu"),
    ('[lemma="(appr"]', "expression régulière"),
    ('[lemma "a"]', "= ou != attendu"),
    ('[]{3,1}', "le plus petit nombre d’abord"),
    ("[]?", "au moins un motif doit prendre un mot"),
    ("   ", "requête vide"),
    ('[lemma="a"] ; [pos="ADP"]', "« ; » inattendu"),
])
def test_a_query_that_cannot_be_read_is_said_in_french(query, problem):
    with pytest.raises(ValueError, match=problem):
        kwic(TOKENS, query)


def test_on_the_sample_the_pattern_finds_what_a_direct_count_finds(sample_analysis):
    tokens = sample_analysis.tokens
    query = '[lemma="apprendre"] [pos="ADP"]? [pos="VERB|NOUN"]'
    found = kwic(tokens, query)
    expected = 0
    for _, text in tokens.groupby("text_id", sort=False):
        lemmas, pos = text["lemma"].str.lower().tolist(), text["pos"].tolist()
        for at, lemma in enumerate(lemmas):
            if lemma != "apprendre":
                continue
            nxt = at + 1 + (at + 1 < len(pos) and pos[at + 1] == "ADP")
            if nxt < len(pos) and pos[nxt] in {"VERB", "NOUN"}:
                expected += 1
    assert len(found) == expected > 0
    assert found["match"].str.split().str.len().isin([2, 3]).all()
