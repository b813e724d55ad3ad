"""A corpus with planted structure, written as Markdown posts and processed by the whole
pipeline, then analysed through the functions and through ``corpus-tools analyse``: two
groups of texts with their own vocabularies, a pivot with planted co-occurrents, a planted
repeated segment and a word that rises over the years."""

from __future__ import annotations

import random

import numpy as np
import pandas as pd
import pytest

import corpus_tools
from corpus_tools.cli import main
from corpus_tools.facets import text_facets
from corpus_tools.report import read_tables
from corpus_tools.specificity import lemma_counts

pytestmark = pytest.mark.slow

GARDEN = ["jardin", "potager", "graine", "arrosoir", "compost", "tomate", "semis", "récolte"]
SPORT = ["match", "ballon", "stade", "arbitre", "entraîneur", "équipe", "supporter", "but"]
SEGMENT = "un réseau de partage bienveillant"
SEGMENT_TIMES = 7
PODCASTS = {2013: 1, 2014: 4, 2015: 9}  # texts of each year that speak of podcasts


def _sentence(draw: random.Random, words: list[str]) -> str:
    first, second, third = draw.sample(words, 3)
    return draw.choice([
        f"Le {first} et la {second} me rappellent le {third}.",
        f"J’ai parlé du {first} avec mes voisins, puis de la {second}.",
        f"Chaque semaine, le {first} demande du temps et un {third}.",
    ])


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    draw = random.Random(11)
    raw = tmp_path_factory.mktemp("planted") / "raw"
    raw.mkdir()
    segments_left = SEGMENT_TIMES
    podcasts = {year: count for year, count in PODCASTS.items()}
    for number in range(36):
        garden = number % 2 == 0
        year = 2013 + number % 3
        sentences = [_sentence(draw, GARDEN if garden else SPORT) for _ in range(6)]
        if number % 3 == 0:  # the pivot and its planted co-occurrents
            sentences.insert(2, "Sur la tablette, je dessine avec un stylet.")
        if segments_left and number % 5 == 1:
            sentences.append(f"Ce groupe est devenu {SEGMENT} pour moi.")
            segments_left -= 1
        if podcasts[year]:
            sentences.append("J’écoute aussi un podcast sur le sujet.")
            podcasts[year] -= 1
        category = "Jardinage" if garden else "Sport"
        (raw / f"billet-{number:02d}.md").write_text(
            f"---\ntitle: Billet {number}\nauthor: Auteur {number}\n"
            f"date: {year}-0{1 + number % 9}-15\ncategories: [{category}]\n---\n\n"
            + " ".join(sentences) + "\n", encoding="utf-8")
    assert segments_left == 0 and not any(podcasts.values())
    out = raw.parent / "tables"
    corpus_tools.run(raw, out, progress=False)
    return out, read_tables(out)


def test_the_first_axis_separates_the_two_groups_with_the_direct_svd_s_eigenvalues(planted):
    _, tables = planted
    facet = text_facets(tables)["category"]
    result = corpus_tools.correspondence(tables["tokens"], facet, min_freq=3)
    parts = result.columns["F1"]
    assert np.sign(parts["Jardinage"]) == -np.sign(parts["Sport"])
    rows = result.rows["F1"]
    garden = [word for word in GARDEN if word in rows.index]
    sport = [word for word in SPORT if word in rows.index]
    assert len(garden) >= 6 and len(sport) >= 6
    assert (np.sign(rows[garden]) == np.sign(parts["Jardinage"])).all()
    assert (np.sign(rows[sport]) == np.sign(parts["Sport"])).all()
    table = lemma_counts(tables["tokens"], facet, min_freq=3).to_numpy(dtype=float)
    p = table / table.sum()
    r, c = p.sum(axis=1), p.sum(axis=0)
    singular = np.linalg.svd((p - np.outer(r, c)) / np.sqrt(np.outer(r, c)), compute_uv=False)
    n = len(result.eigenvalues)
    assert result.eigenvalues["eigenvalue"].to_numpy() == pytest.approx(singular[:n] ** 2)


def test_the_planted_co_occurrents_of_the_pivot_come_first(planted):
    _, tables = planted
    found = corpus_tools.cooccurrents(tables["tokens"], "tablette", window=5)
    assert set(found["term"].head(2)) == {"dessiner", "stylet"}
    assert (found.set_index("term").loc[["dessiner", "stylet"], "cofreq"] == 12).all()


def test_the_planted_segment_is_found_with_its_count(planted):
    _, tables = planted
    found = corpus_tools.segments(tables["tokens"], n=(2, 6), min_count=3).set_index("segment")
    assert found.loc[SEGMENT, "freq"] == SEGMENT_TIMES
    assert found.loc[SEGMENT, "n_texts"] == SEGMENT_TIMES
    assert found.loc["réseau de partage", "freq"] == SEGMENT_TIMES


def test_the_rising_word_is_shown_rising(planted):
    _, tables = planted
    result = corpus_tools.progression(tables, ["podcast"], by="year")
    rates = result.frequencies.query("kind == 'testimonial'").set_index("period")["per_10000"]
    counts = result.frequencies.query("kind == 'testimonial'").set_index("period")["count"]
    assert counts.to_dict() == {str(year): count for year, count in PODCASTS.items()}
    assert rates["2013"] < rates["2014"] < rates["2015"]


@pytest.mark.parametrize(("name", "options", "check"), [
    ("afc", ["--facet", "category"], lambda table: len(table) >= 1),
    ("cooccurrents", ["--pivot", "tablette"],
     lambda table: set(table["term"].head(2)) == {"dessiner", "stylet"}),
    ("segments", [], lambda table: SEGMENT in set(table["segment"])),
    ("progression", ["--terms", "podcast", "--by", "year"],
     lambda table: table.query("kind == 'testimonial'")["count"].tolist() == [1, 4, 9]),
])
def test_through_the_command_line(planted, tmp_path, name, options, check):
    out, _ = planted
    table_file = tmp_path / f"{name}.csv"
    assert main(["analyse", name, str(out), *options, "--out", str(table_file)]) == 0
    assert check(pd.read_csv(table_file))
    assert (tmp_path / f"{name}.png").stat().st_size > 10_000
