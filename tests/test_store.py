"""Atomic writes and table round trips."""

from __future__ import annotations

import pandas as pd
import pytest

from corpus_tools.store import atomic_path, read_table, write_table, write_tables


def test_parquet_round_trip_keeps_lists_and_dates(tmp_path, sample_corpus):
    write_tables(sample_corpus.tables, tmp_path)
    documents = read_table(tmp_path, "documents")
    assert documents["doc_id"].tolist() == sample_corpus.documents["doc_id"].tolist()
    assert list(documents["categories"].iloc[0]) == ["Témoignages"]
    assert pd.api.types.is_datetime64_any_dtype(documents["published"])


def test_csv_joins_lists(tmp_path):
    table = pd.DataFrame({"doc_id": ["a"], "categories": [["Témoignages", "École"]]})
    write_table(table, tmp_path, "documents", fmt="csv")
    assert read_table(tmp_path, "documents")["categories"].tolist() == ["Témoignages | École"]


def test_interrupted_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "documents.parquet"
    write_table(pd.DataFrame({"doc_id": ["old"]}), tmp_path, "documents")
    with pytest.raises(RuntimeError), atomic_path(target) as temporary:
        temporary.write_bytes(b"half a file")
        raise RuntimeError("interrupted")
    assert read_table(tmp_path, "documents")["doc_id"].tolist() == ["old"]
    assert [p.name for p in tmp_path.iterdir()] == ["documents.parquet"]


def test_missing_table_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus-tools run"):
        read_table(tmp_path, "entities")


def test_unknown_format_is_refused(tmp_path):
    with pytest.raises(ValueError, match="xlsx"):
        write_table(pd.DataFrame(), tmp_path, "documents", fmt="xlsx")
