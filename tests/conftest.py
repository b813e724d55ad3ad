from __future__ import annotations

from pathlib import Path

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
