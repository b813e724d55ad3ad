"""Codebooks: the default one, user files in three formats, and lemma matching."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_tools.themes import Codebook, load_codebook, match_themes


def test_default_codebook_has_the_documented_themes():
    codebook = load_codebook()
    assert {"Apprentissage", "Entreprise et travail", "Enseignement et école",
            "Communauté et entraide", "Émotions", "Vie privée et vie publique",
            "Information et veille", "Débuts et découverte",
            "Jargon de Twitter"} == set(codebook.themes)
    assert "tweet" in codebook.themes["Jargon de Twitter"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("c.toml", '[themes.a]\nlabel = "Lieux"\nterms = ["ville", "gare"]\n'),
        ("c.toml", 'Lieux = ["ville", "gare"]\n'),
        ("c.yaml", "Lieux:\n  - ville\n  - gare\n"),
        ("c.json", '{"themes": {"Lieux": ["ville", "gare"]}}'),
    ],
)
def test_user_codebook_formats(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    codebook = load_codebook(path)
    assert codebook.themes == {"Lieux": ("ville", "gare")}
    assert codebook.source == str(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [("Lieux = 3\n", "liste de termes"), ("[[", "illisible"), ("Lieux = ['']\n", "liste")],
)
def test_bad_codebooks_are_explained(tmp_path, content, message):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_codebook(path)


def test_missing_codebook(tmp_path):
    with pytest.raises(FileNotFoundError, match="introuvable"):
        load_codebook(tmp_path / "absent.toml")


def tokens_of(nlp, text: str) -> pd.DataFrame:
    from corpus_tools.normalise import nlp_view

    doc = nlp(nlp_view(text))
    return pd.DataFrame({
        "text_id": "t", "i": [t.i for t in doc], "start": [t.idx for t in doc],
        "end": [t.idx + len(t) for t in doc], "token": [text[t.idx:t.idx + len(t)] for t in doc],
        "lemma": [t.lemma_ for t in doc],
    })


@pytest.mark.parametrize(
    "sentence",
    ["J’ai appris à tweeter.", "Nous apprenons ensemble.", "Apprendre, c’est long."],
)
def test_terms_match_on_lemmas(nlp, sentence):
    codebook = Codebook({"Apprentissage": ("apprendre",)}, "test", "x")
    found = match_themes(tokens_of(nlp, sentence), codebook)
    assert found["term"].tolist() == ["apprendre"]


def test_multi_word_terms_and_apostrophes(nlp):
    codebook = Codebook({"Vie privée": ("vie privée",), "Équipe": ("l’équipe",)}, "test", "x")
    found = match_themes(tokens_of(nlp, "Ma vie privée reste à moi, dit l’équipe."), codebook)
    assert sorted(found["theme"]) == ["Vie privée", "Équipe"]
    assert found.loc[found["theme"] == "Vie privée", "start"].item() == 3
