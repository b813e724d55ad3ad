"""load_corpus on folders: formats together, bad files, encodings, stable ids."""

from __future__ import annotations

import os
import re
import shutil
import unicodedata

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_tools import load_corpus
from corpus_tools.inputs import input_files
from corpus_tools.load import LoadError, _load_files
from corpus_tools.load.records import COMMENT_COLUMNS, DOCUMENT_COLUMNS, count_words
from corpus_tools.load.sources import decode
from tests.conftest import DATA, RAW, SEED

PAGE = (
    "Capture4\n\nJ’ai découvert Twitter à Brest.\n\nPar Ana\n\nUne réponse\n\n"
    "  1. Léo dit :\n\n    Bravo !\n"
)


def test_sample_corpus_loads_every_format_without_error(sample_corpus):
    assert sample_corpus.errors.empty
    from corpus_tools.load.formats import FORMATS

    assert set(sample_corpus.documents["format"]) == {entry.name for entry in FORMATS
                                                      if entry.parse is not None}
    assert len(sample_corpus.documents) >= 13
    assert list(sample_corpus.documents.columns) == DOCUMENT_COLUMNS
    assert list(sample_corpus.comments.columns) == COMMENT_COLUMNS
    assert sample_corpus.documents["doc_id"].is_unique
    assert sample_corpus.comments["comment_id"].is_unique
    documents = sample_corpus.documents
    tweets = documents["format"].isin({"twitter", "twarc"})
    assert (documents.loc[~tweets, "text"].str.len() > 100).all()
    assert (documents.loc[tweets, "text"].str.len() > 40).all()


def test_comment_counts_and_parents_are_consistent(sample_corpus):
    counts = sample_corpus.comments.groupby("doc_id").size()
    documents = sample_corpus.documents.set_index("doc_id")
    assert (documents["n_comments"] == counts.reindex(documents.index, fill_value=0)).all()
    parents = sample_corpus.comments["parent_id"].dropna()
    assert parents.isin(sample_corpus.comments["comment_id"]).all()
    assert len(parents) >= 4


def test_sample_corpus_seed_row(sample_corpus):
    seed = sample_corpus.documents.set_index("source").loc[SEED.name]
    assert seed["author"] == "Pierre Πgu¥εη"
    assert seed["handle"] == "@pierrengt"
    assert seed["n_comments"] == 1
    comments = sample_corpus.comments_of(seed["doc_id"])
    assert comments["author"].tolist() == ["Neyer Memmi"]


def test_doc_ids_depend_on_the_source_not_the_machine(tmp_path):
    first, second = tmp_path / "a" / "raw", tmp_path / "b" / "elsewhere"
    for folder in (first, second):
        shutil.copytree(RAW, folder)
    (second / "zzz_new.txt").write_text(PAGE, encoding="utf-8")
    ids_first = load_corpus(first).documents.set_index("source")["doc_id"]
    ids_second = load_corpus(second).documents.set_index("source")["doc_id"]
    assert ids_first.equals(ids_second.drop("zzz_new.txt"))


def test_bad_files_become_errors_and_the_rest_loads(tmp_path):
    (tmp_path / "good.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text(" \n\n ", encoding="utf-8")
    (tmp_path / "bom_only.txt").write_bytes(b"\xef\xbb\xbf")
    (tmp_path / "nbsp_only.txt").write_text("\ufeff\u00a0\n\u202f\n", encoding="utf-16")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    (tmp_path / "data.bin").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "notes.docx").write_text("PK pas vraiment un docx", encoding="utf-8")
    for name in ("boilerplate_only.txt", "truncated.xml", "bomb.xml", "xxe.xml"):
        shutil.copy(DATA / name, tmp_path / name)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "deep.txt").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(PAGE, encoding="utf-8")

    corpus = load_corpus(tmp_path)

    assert sorted(corpus.documents["source"]) == ["good.txt", "sub/deep.txt"]
    errors = corpus.errors.set_index("source")["error"]
    assert sorted(errors.index) == sorted([
        "empty.txt", "blank.txt", "bom_only.txt", "nbsp_only.txt", "image.png", "data.bin",
        "notes.docx", "boilerplate_only.txt", "truncated.xml", "bomb.xml", "xxe.xml",
    ])
    for empty in ("empty.txt", "blank.txt", "bom_only.txt", "nbsp_only.txt"):
        assert errors[empty] == "le fichier est vide"
    assert "binaire" in errors["image.png"]
    assert "document Word illisible" in errors["notes.docx"]  # read as Word, and broken
    assert "aucun texte" in errors["boilerplate_only.txt"]


def test_encodings_and_line_endings(tmp_path):
    text = PAGE.replace("Brest", "Brest, l’été, à Noël")
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "crlf.txt").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    (tmp_path / "cr.txt").write_bytes(text.replace("\n", "\r").encode("utf-8"))
    (tmp_path / "windows.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "nfd.txt").write_bytes(unicodedata.normalize("NFD", text).encode("utf-8"))
    (tmp_path / "utf16.txt").write_bytes(text.encode("utf-16"))

    corpus = load_corpus(tmp_path)

    assert corpus.errors.empty
    texts = corpus.documents.set_index("source")["text"]
    assert texts.nunique() == 1
    assert texts.iloc[0] == "J’ai découvert Twitter à Brest, l’été, à Noël."
    assert corpus.comments["author"].tolist() == ["Léo"] * 6
    assert corpus.warnings["source"].tolist() == ["windows.txt"]
    assert "Windows-1252" in corpus.warnings["warning"].iloc[0]


def test_non_breaking_spaces_stay_in_the_text(tmp_path):
    (tmp_path / "nbsp.txt").write_text(
        "Capture4\n\nJe suis ravie\u202f! Et vous\u00a0?\n\n@ana\n", encoding="utf-8"
    )
    document = load_corpus(tmp_path).documents.iloc[0]
    assert document["text"] == "Je suis ravie\u202f! Et vous\u00a0?"
    assert document["handle"] == "@ana"


def test_a_single_file_and_a_missing_path(tmp_path):
    corpus = load_corpus(SEED)
    assert corpus.documents["source"].tolist() == [SEED.name]
    with pytest.raises(FileNotFoundError, match="n’existe pas"):
        load_corpus(tmp_path / "absent")


def test_comments_only_page_warns(tmp_path):
    (tmp_path / "c.txt").write_text("Capture4\n\nUne réponse\n\n  1. Léo dit :\n\n    Bravo\n",
                                    encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus.documents) == 1 and len(corpus.comments) == 1
    assert "pas de texte" in corpus.warnings["warning"].iloc[0]


def test_a_testimonial_saved_twice_is_kept_and_warned_of(tmp_path):
    shutil.copy(SEED, tmp_path / "a.txt")
    shutil.copy(SEED, tmp_path / "b.txt")
    # two survey answers alike are not a duplicate: too short to be the same testimonial
    (tmp_path / "enquete.csv").write_text("texte\nRien à ajouter.\nRien à ajouter.\n",
                                          encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert len(corpus.documents) == 4
    first = corpus.documents.loc[corpus.documents["source"] == "a.txt", "doc_id"].item()
    assert corpus.warnings["source"].tolist() == ["b.txt"]
    assert f"{first} (a.txt)" in corpus.warnings["warning"].item()


def test_a_folder_with_nothing_to_load_is_warned_of(tmp_path):
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "page.txt").write_text(PAGE, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.documents.empty and corpus.errors.empty
    assert corpus.warnings["source"].tolist() == ["."]
    assert "aucun fichier" in corpus.warnings["warning"].item()


def test_published_is_a_datetime_column(sample_corpus):
    assert pd.api.types.is_datetime64_any_dtype(sample_corpus.documents["published"])
    assert pd.api.types.is_datetime64_any_dtype(sample_corpus.comments["published"])
    assert sample_corpus.documents["published"].notna().sum() >= 6


def _bad_and_good_folder(folder):
    shutil.copytree(RAW, folder)
    (folder / "empty.txt").write_bytes(b"")
    shutil.copy(DATA / "bomb.xml", folder / "bomb.xml")
    (folder / "sub").mkdir()
    (folder / "sub" / "deep.txt").write_text(PAGE, encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers", [2, 3])
def test_worker_processes_give_the_same_tables(tmp_path, monkeypatch, workers):
    folder = _bad_and_good_folder(tmp_path / "raw")
    alone = load_corpus(folder)
    monkeypatch.setattr("corpus_tools.load.PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr("corpus_tools.load.BATCH_FILES", 2)
    shared = load_corpus(folder, workers=workers)
    for name, table in alone.tables.items():
        pd.testing.assert_frame_equal(shared.tables[name], table, obj=name)
    assert {"empty.txt", "bomb.xml"} <= set(shared.errors["source"])


@pytest.mark.parametrize("workers", [1, 2])
def test_known_outcomes_take_their_files_place(tmp_path, monkeypatch, workers):
    from corpus_tools.inputs import input_files
    from corpus_tools.load import FileOutcome, load_outcome

    folder = _bad_and_good_folder(tmp_path / "raw")
    alone = load_corpus(folder)
    text = DOCUMENT_COLUMNS.index("text")
    known = {}
    for file, source in input_files(folder)[::3]:  # as the last run left them, said otherwise
        outcome = load_outcome(file, source)
        rows = [(*row[:text], f"connu : {row[text]}", *row[text + 1:]) for row in outcome.doc_rows]
        known[source] = FileOutcome(rows, outcome.comment_rows, outcome.errors, outcome.warnings)
    monkeypatch.setattr("corpus_tools.load.PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr("corpus_tools.load.BATCH_FILES", 2)
    mixed = load_corpus(folder, workers=workers, known=known)
    expected = alone.documents.copy()
    from_known = expected["source"].isin(known)
    expected.loc[from_known, "text"] = "connu : " + expected.loc[from_known, "text"]
    assert from_known.any() and not from_known.all()
    pd.testing.assert_frame_equal(mixed.documents, expected)
    for name in ("comments", "errors", "warnings"):
        pd.testing.assert_frame_equal(mixed.tables[name], alone.tables[name], obj=name)


_PARENT = os.getpid()


def _dies_in_a_worker(batch, columns):
    """Load a batch here; in a worker process, die as one killed by the system."""
    if os.getpid() != _PARENT:
        os._exit(1)
    return _load_files(batch, columns)


def test_files_of_a_worker_process_that_dies_are_loaded_all_the_same(tmp_path, monkeypatch):
    import corpus_tools.load as loading

    folder = _bad_and_good_folder(tmp_path / "raw")
    alone = load_corpus(folder)
    monkeypatch.setattr(loading, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(loading, "BATCH_FILES", 1)
    monkeypatch.setattr(loading, "_load_files", _dies_in_a_worker)
    monkeypatch.setenv("CORPUS_TOOLS_START_METHOD", "fork")  # the workers see the patch
    shared = load_corpus(folder, workers=2)
    for name, table in alone.tables.items():
        pd.testing.assert_frame_equal(shared.tables[name], table, obj=name)


def test_files_come_in_path_order_and_hidden_folders_are_skipped(tmp_path):
    for name in ("b.txt", "a-c.txt", "a/b.txt", "a/a.txt", ".git/x.txt", "a/.cache/y.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
    sources = load_corpus(tmp_path).documents["source"].tolist()
    # folder by folder, as pathlib sorts paths: "a/…" before "a-c.txt"
    assert sources == ["a/a.txt", "a/b.txt", "a-c.txt", "b.txt"]


def test_a_column_has_one_type_whatever_its_values(sample_corpus):
    from corpus_tools.load.records import build_tables

    empty = build_tables([], [], [], [])
    for name, table in sample_corpus.tables.items():
        assert table.dtypes.to_dict() == empty[name].dtypes.to_dict(), name
    # a column whose values are all missing is text all the same
    missing = build_tables([], [("c1", "d1", 1, None, None, None, None, "Bravo")], [], [])
    assert missing["comments"]["handle"].isna().all()
    assert missing["comments"]["handle"].dtype == sample_corpus.comments["handle"].dtype


def test_tables_read_back_from_parquet_rebuild_the_same_tables(sample_corpus, tmp_path):
    from corpus_tools.load.records import build_tables, table_rows

    read_back = {}
    for name, columns in (("documents", DOCUMENT_COLUMNS), ("comments", COMMENT_COLUMNS)):
        sample_corpus.tables[name].to_parquet(tmp_path / f"{name}.parquet")
        read_back[name] = table_rows(pd.read_parquet(tmp_path / f"{name}.parquet"), columns)
    rebuilt = build_tables(read_back["documents"], read_back["comments"], [], [])
    for name in ("documents", "comments"):
        pd.testing.assert_frame_equal(rebuilt[name], sample_corpus.tables[name], obj=name)
    assert all(isinstance(cell, list) for cell in rebuilt["documents"]["categories"])


@pytest.mark.parametrize("workers", [1, 2])
def test_the_progress_bar_reaches_every_file(tmp_path, monkeypatch, capsys, workers):
    folder = _bad_and_good_folder(tmp_path / "raw")
    monkeypatch.setattr("corpus_tools.load.PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr("corpus_tools.load.BATCH_FILES", 2)
    total = len(input_files(folder))
    load_corpus(folder, progress=True, workers=workers)
    assert f"{total}/{total}" in capsys.readouterr().err


# letters, digits, French punctuation, ordinary and typographic spaces, control characters
_TEXT = st.text(st.sampled_from(list("aé9_ !?«»—’'-.:\n\t\u00a0\u202f\u2009\x0b\x1c\x85…"))
                | st.characters(), max_size=60)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_count_words_counts_words_with_a_letter_or_digit(text):
    expected = sum(1 for word in text.split() if re.search(r"\w", word))
    assert count_words(text) == expected


def test_control_characters_mark_a_binary_file():
    text = "Bonjour, voici un témoignage tout à fait ordinaire.\n" * 3
    assert decode((text + "\x01\x02" * 4).encode("utf-8"))[0].startswith("Bonjour")
    with pytest.raises(LoadError, match="caractères de contrôle"):
        decode((text + "é\x01\x1f\x7f" * 20).encode("utf-8"))
    with pytest.raises(LoadError, match="caractères de contrôle"):
        decode((text + "é\x01\x1f\x7f" * 20).encode("cp1252"))
    with pytest.raises(LoadError, match="caractères de contrôle"):
        decode(("\x0b\x0e" * 10 + text).encode("utf-16"))
