"""``corpus-tools analyse NAME``: every analysis of the registry writes its tables and chart."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_tools.analyses import ANALYSES, select
from corpus_tools.cli import main
from corpus_tools.facets import text_facets
from corpus_tools.french import sort_key
from corpus_tools.report import read_tables

PNG = b"\x89PNG\r\n\x1a\n"

# each analysis with the options it needs, and the first words of what it says
COMMANDS = {
    "kwic": (["--query", "#twittmooc"], "kwic : « #twittmooc » : "),
    "specificities": (["--facet", "kind"], "specificities : kind : 2 partie(s)"),
    "keyness": (["--facet", "kind"], "keyness : kind : 2 partie(s)"),
    "afc": (["--facet", "category"], "afc : AFC de "),
    "progression": (["--terms", "twitter,#twittmooc", "--by", "year"],
                    "progression : par année : twitter "),
    "cooccurrents": (["--pivot", "twitter"], "cooccurrents : cooccurrents de « twitter » "),
    "segments": ([], "segments : segments vus au moins 3 fois : "),
    "stats": (["--facet", "kind"], "stats : 3 partie(s)"),
    "reinert": (["--classes", "3"], "reinert : "),
    "similitudes": ([], "similitudes : "),
    "topics": (["--topics", "3"], "topics : 3 thème(s) : "),
}


@pytest.fixture(scope="module")
def tables(processed_dir):
    return read_tables(processed_dir)


def test_the_registry_holds_every_analysis_the_command_line_offers():
    assert set(ANALYSES) == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_analysis_writes_its_table_and_its_chart(name, processed_dir, tmp_path, capsys):
    options, said = COMMANDS[name]
    out = tmp_path / f"{name}.csv"
    capsys.readouterr()
    assert main(["analyse", name, str(processed_dir), *options, "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(said)
    assert f"écrit : {out}" in printed
    table = pd.read_csv(out)
    assert len(table) > 0
    assert (tmp_path / f"{name}.png").read_bytes().startswith(PNG)
    # the other tables of the analysis are beside the main one, named after it
    for path in tmp_path.iterdir():
        assert path.name.startswith(name)
        assert not path.name.startswith(f"{name}-{name}")


def test_a_folder_gets_one_csv_per_table_and_the_chart_as_png_and_svg(processed_dir, tmp_path):
    out = tmp_path / "afc"
    assert main(["analyse", "afc", str(processed_dir), "--facet", "year", "--out",
                 str(out)]) == 0
    assert {path.name for path in out.iterdir()} == {
        "valeurs-propres.csv", "lignes.csv", "colonnes.csv", "valeurs-propres.png",
        "valeurs-propres.svg"}
    rows = pd.read_csv(out / "lignes.csv")
    assert rows["ctr1"].sum() == pytest.approx(1)
    assert (out / "valeurs-propres.svg").read_text().lstrip().startswith("<?xml")


def test_a_workbook_holds_every_table_as_a_sheet(processed_dir, tmp_path):
    out = tmp_path / "reinert.xlsx"
    assert main(["analyse", "reinert", str(processed_dir), "--classes", "3", "--out",
                 str(out), "--chart", str(tmp_path / "dendrogramme.svg")]) == 0
    sheets = pd.read_excel(out, sheet_name=None)
    assert list(sheets) == ["profils", "segments", "metadonnees"]
    assert (tmp_path / "dendrogramme.svg").exists()
    assert not (tmp_path / "reinert.png").exists()


def test_parquet_keeps_the_types(processed_dir, tmp_path):
    out = tmp_path / "stats.parquet"
    assert main(["analyse", "stats", str(processed_dir), "--out", str(out)]) == 0
    table = pd.read_parquet(out)
    assert table["words"].dtype.kind == "i"
    assert pd.read_parquet(tmp_path / "stats-zipf.parquet")["rank"].is_monotonic_increasing


def test_where_keeps_the_texts_of_a_year(processed_dir, tables, tmp_path):
    out = tmp_path / "kwic.csv"
    assert main(["analyse", "kwic", str(processed_dir), "--query", "twitter", "--where",
                 "year == 2014", "--out", str(out)]) == 0
    years = text_facets(tables)["year"]
    lines = pd.read_csv(out)
    assert len(lines) > 0
    assert set(lines["text_id"].map(years)) == {"2014"}
    everywhere = tmp_path / "all.csv"
    assert main(["analyse", "kwic", str(processed_dir), "--query", "twitter", "--out",
                 str(everywhere)]) == 0
    assert len(pd.read_csv(everywhere)) > len(lines)


def test_kind_keeps_the_comments_only(processed_dir, tables, tmp_path):
    out = tmp_path / "stats.csv"
    assert main(["analyse", "stats", str(processed_dir), "--kind", "commentaire", "--out",
                 str(out)]) == 0
    texts = tables["texts"]
    comments = set(texts.loc[texts["kind"] == "comment", "text_id"])
    tokens = tables["tokens"]
    words = tokens[tokens["text_id"].isin(comments) & ~tokens["is_punct"]
                   & tokens["token"].str.contains(r"\w")]
    summary = pd.read_csv(out)
    assert summary["texts"].item() == len(comments)
    assert summary["words"].item() == len(words) < len(tokens)


def test_kwic_sorted_by_the_word_on_the_right(processed_dir, tmp_path):
    out = tmp_path / "kwic.csv"
    assert main(["analyse", "kwic", str(processed_dir), "--query", "twitter", "--sort",
                 "droite", "--out", str(out)]) == 0
    right = pd.read_csv(out, keep_default_na=False)["right"]
    keys = [sort_key(side.casefold().replace("’", "'")) for side in right]
    assert keys == sorted(keys)
    assert len(set(keys)) > 1


@pytest.mark.parametrize(("options", "message"), [
    (["--out", "sortie.txt"], "sortie.txt : suffixe « .txt » inconnu"),
    (["--out", "s.csv", "--chart", "s.jpg"], "s.jpg : un graphique s’écrit en"),
    (["--out", "s.csv", "--where", "year =="], "filtre « year == » illisible"),
    (["--out", "s.csv", "--where", "année == 2014"], "colonnes possibles : kind"),
    (["--out", "s.csv", "--kind", "tweet"], "genre « tweet » inconnu"),
    (["--out", "s.csv", "--where", "year == 1990"], "aucun mot dans le sous-corpus"),
])
def test_a_bad_option_is_said_in_french_and_nothing_is_written(options, message, processed_dir,
                                                                tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["analyse", "stats", str(processed_dir), *options]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_select_keeps_every_table_of_the_chosen_texts(tables):
    chosen = select(tables, kind="témoignage", where="year >= 2014")
    facets = text_facets(tables)
    kept = set(chosen["texts"]["text_id"])
    assert kept == set(facets.index[(facets["kind"] == "testimonial")
                                    & (pd.to_numeric(facets["year"], errors="coerce") >= 2014)])
    assert set(chosen["tokens"]["text_id"]) <= kept
    assert select(tables) == dict(tables)


def test_a_quoted_year_is_a_year(tables):
    quoted = select(tables, where="year == '2014'")["texts"]
    assert len(quoted) > 0
    assert quoted.equals(select(tables, where="year == 2014")["texts"])


def test_kwic_by_year_is_drawn_in_time_order_with_the_undated_last(tables):
    from corpus_tools.analyses import run_analysis
    from corpus_tools.cli import build_parser

    args = build_parser().parse_args(["analyse", "kwic", "x", "--query", "apprendre"])
    outcome = run_analysis("kwic", tables, args)
    labels = [label.get_text() for label in outcome.chart.get_yticklabels()][::-1]
    years = text_facets(tables)["year"]
    lines = outcome.tables["concordance"]
    found = lines["text_id"].map(years)
    assert labels == [*sorted(set(found) - {"(aucun)"}), "sans date"]
    counts = [bar.get_width() for bar in outcome.chart.patches][::-1]
    assert counts[-1] == (found == "(aucun)").sum() > 0
    assert sum(counts) == len(lines)
