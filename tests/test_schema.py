"""The table contract: every table written or returned has the columns and types schema.py
declares, and run() and analyze() give the same tables."""

from __future__ import annotations

import pandas as pd
import pyarrow.parquet as pq
import pytest

from corpus_tools import schema
from corpus_tools.pipeline import run
from corpus_tools.schema import TABLES, conform
from corpus_tools.store import TableWriter, read_table
from tests.conftest import RAW


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    out = tmp_path_factory.mktemp("processed")
    run(RAW, out, progress=False)
    return out


def assert_contract(table: pd.DataFrame, name: str) -> None:
    assert list(table.columns) == TABLES[name].names, name
    assert {column: str(dtype) for column, dtype in table.dtypes.items()} \
        == TABLES[name].dtypes, name


def test_every_table_written_by_run_has_the_contracts_columns_and_types(processed):
    for name, table in TABLES.items():
        assert pq.read_schema(processed / f"{name}.parquet").remove_metadata() \
            == table.arrow(), name
        assert_contract(read_table(processed, name), name)


def test_analyze_and_run_give_equal_tables_types_included(processed, sample_analysis):
    on_disk = {name: read_table(processed, name) for name in TABLES}
    assert set(on_disk) == set(TABLES) == set(sample_analysis.tables)
    for name in TABLES:
        in_memory = sample_analysis.tables[name]
        assert_contract(in_memory, name)
        pd.testing.assert_frame_equal(on_disk[name], in_memory, obj=name)


def test_tables_built_in_small_groups_equal_the_whole(processed, monkeypatch, tmp_path):
    import corpus_tools.analysis as analysis

    monkeypatch.setattr(analysis, "GROUP_TEXTS", 7)  # 53 texts: several groups
    run(RAW, tmp_path / "groupes", progress=False)
    for name in TABLES:
        pd.testing.assert_frame_equal(read_table(tmp_path / "groupes", name),
                                      read_table(processed, name), obj=name)


def test_the_keys_of_every_table_are_unique(sample_analysis):
    for name, table in sample_analysis.tables.items():
        key = list(TABLES[name].key)
        assert not table.duplicated(key).any(), (name, table[table.duplicated(key, keep=False)])


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_csv_and_excel_tables_read_back_as_the_parquet_ones(processed, tmp_path, fmt):
    from corpus_tools.store import write_table

    for name in ("documents", "comments", "mentions", "keyterms", "tokens"):
        table = read_table(processed, name)
        write_table(table, tmp_path, name, fmt=fmt)
        again = read_table(tmp_path, name)
        assert_contract(again, name)
        pd.testing.assert_frame_equal(again, table, obj=f"{name}.{fmt}")


def test_a_table_with_other_columns_than_the_contracts_is_refused(tmp_path, sample_corpus):
    writer = TableWriter(tmp_path, "documents")
    with pytest.raises(ValueError, match="contrat"):
        writer.write(sample_corpus.documents.assign(note=1))
    writer.discard()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ValueError, match="manquantes \\['n_words'\\]"):
        conform(sample_corpus.documents.drop(columns="n_words"), "documents")


def test_a_new_number_column_is_written_and_read_back_as_a_number(tmp_path, monkeypatch):
    table = pd.DataFrame({"term": ["réseau", "compte"], "share": [0.25, 0.75], "n": [3, 1]})
    from corpus_tools.store import write_table

    write_table(table, tmp_path, "parts")
    pd.testing.assert_frame_equal(read_table(tmp_path, "parts"), table)


def test_the_lists_of_tables_derive_from_the_contract():
    from corpus_tools import analysis, extract, pipeline, themes
    from corpus_tools.load import records

    assert tuple(TABLES) == pipeline.OUTPUT_TABLES
    assert tuple(TABLES) == schema.LOAD_TABLES + schema.ANALYSIS_TABLES
    assert set(extract.PARSED_TABLES) == set(schema.PARSED_TABLES)
    assert TABLES["documents"].names == records.DOCUMENT_COLUMNS
    assert TABLES["themes"].own == themes.THEME_COLUMNS
    assert [field for field in analysis.Analysis.__dataclass_fields__
            if field in TABLES] == list(TABLES)


def test_the_data_dictionary_lists_every_column():
    text = schema.dictionary()
    for name, table in TABLES.items():
        section = text.split(f"### `{name}`", 1)[1].split("### ", 1)[0]
        for column in table.columns:
            assert f"| `{column.name}` |" in section, (name, column.name)
