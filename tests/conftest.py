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


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's ``chromium`` and ``chromium-driver``, which ``make test``
    installs), driven with Selenium; the driver is given by path, so nothing is downloaded."""
    chromium, driver_path = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
    if not (chromium.exists() and driver_path.exists()):
        pytest.fail("Chromium et chromedriver manquent : « make browser » les installe "
                    "(paquets Debian chromium et chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(chromium)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1920,1080", "--lang=fr-FR"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(str(driver_path)), options=options)
    yield driver
    driver.quit()
