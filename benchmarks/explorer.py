"""Size and speed of the offline explorer (``corpus-tools explore``) at 20,000 testimonials.

The tables of ``corpus-tools run`` on the sample corpus are copied until they hold the wanted
number of testimonials (``analyses.tiled``: each copy with its own ids); the explorer is
written from them, and opened in headless Chromium (Debian's ``chromium`` and
``chromium-driver``, driven with Selenium), where each query is typed through the page's own
search form and timed from the submission to the end of the page's update (the page updates
synchronously): the first query at once after opening (which then cuts every text into words
itself), the first query once the page has done that while idle, then each query (the median
of five) and a facet. Printed: the file's size, the seconds to write it and to open
it, and each query's milliseconds (the median of five after the first); the last line is one
JSON object.

Usage (from the project root, in the virtual environment)::

    python benchmarks/explorer.py                      # 20,000 testimonials
    python benchmarks/explorer.py --testimonials 2000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from analyses import tiled  # noqa: E402

from corpus_tools.explorer import write_explorer  # noqa: E402
from corpus_tools.pipeline import run  # noqa: E402
from corpus_tools.report import read_table  # noqa: E402

QUERIES = ["apprendre", "appren*", "#twittmooc", '[lemma="apprendre"] [pos="ADP"]?',
           "twitter"]
SUBMIT = """
const started = performance.now();
document.getElementById("q").value = arguments[0];
document.getElementById("search").requestSubmit();
return [performance.now() - started, document.querySelectorAll("#lines li").length];
"""
FACET = """
const started = performance.now();
const select = document.getElementById("f-genre");
select.value = arguments[0];
select.dispatchEvent(new Event("change"));
return [performance.now() - started, document.querySelectorAll("#lines li").length];
"""


def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1920,1080"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def opened(driver, page: Path, flag: str) -> float:
    """Open ``page`` and wait until its body says ``data-<flag>="oui"``; the seconds it took."""
    started = time.perf_counter()
    driver.get(page.as_uri())
    while driver.execute_script(f"return document.body.dataset.{flag}") != "oui":
        time.sleep(0.05)
    return round(time.perf_counter() - started, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--testimonials", type=int, default=20_000)
    parser.add_argument("--raw", type=Path, default=Path("data/raw"), help="sample corpus")
    options = parser.parse_args()
    figures: dict = {}
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        run(options.raw, work / "sample", progress=False)
        sample = read_table(work / "sample", "documents")
        texts = read_table(work / "sample", "texts")
        per_word = int(read_table(work / "sample", "tokens")["is_punct"].eq(False).sum())
        words = round(options.testimonials / len(sample)) * per_word
        tiled(work / "sample", words, work / "tables")
        started = time.perf_counter()
        page = write_explorer(work / "tables", work / "explorateur.html")
        figures["write_seconds"] = round(time.perf_counter() - started, 1)
        copies = round(options.testimonials / len(sample))
        figures.update(testimonials=copies * len(sample), texts=copies * len(texts),
                       words=copies * per_word,
                       megabytes=round(page.stat().st_size / 1e6, 1))
        driver = browser()
        try:
            figures["open_seconds"] = opened(driver, page, "ready")
            milliseconds, _ = driver.execute_script(SUBMIT, QUERIES[0])
            figures["first_query_at_once_ms"] = round(milliseconds)
            # the page cuts the texts into words while idle: the first query once it is done
            driver.get("about:blank")
            figures["warm_seconds"] = opened(driver, page, "warm")
            milliseconds, _ = driver.execute_script(SUBMIT, QUERIES[1])
            figures["first_query_when_warm_ms"] = round(milliseconds)
            for query in QUERIES:
                runs = [driver.execute_script(SUBMIT, query) for _ in range(5)]
                figures[f"query_ms {query}"] = round(statistics.median(r[0] for r in runs))
                figures[f"lines {query}"] = runs[0][1]
            runs = [driver.execute_script(FACET, value)
                    for value in ("commentaire", "", "commentaire", "", "commentaire")]
            figures["facet_ms"] = round(statistics.median(r[0] for r in runs))
        finally:
            driver.quit()
    for key, value in figures.items():
        print(f"{key:32} {value}")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
