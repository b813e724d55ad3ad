"""How often the model's ``senter`` cuts sentences where its dependency parser does.

``corpus-tools run`` takes sentences from ``senter`` (the parser runs only with
``--syntax``). This script runs the pipeline both ways, as a user would
(:func:`corpus_tools.pipeline.run`), on the sample corpus (``data/raw``) and on the pages of
``nlp_eval.toml`` and ``nlp_heldout.toml`` (each page written as a plain-text file), and
prints, for each model and corpus: the sentence starts of ``senter`` against the parser's
(precision, recall, F1, over every text; the first token of a text or of a line is not
counted, since the pipeline parses line by line and both start a sentence there, nor are
white-space tokens); the share of texts whose entities are the same both ways; and whether
the lemmas and parts of speech are identical. Speed is measured by ``benchmark.py``.

Run from the project root: ``python benchmarks/sentences.py`` (both models), or
``--model fr_core_news_md``.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd

from corpus_tools.pipeline import run

ROOT = Path(__file__).resolve().parent.parent
MODELS = ("fr_core_news_md", "fr_core_news_sm")


def _pages(source: Path, folder: Path) -> Path:
    pages = tomllib.loads(source.read_text(encoding="utf-8"))["page"]
    folder.mkdir()
    for page in pages:
        (folder / f"{page['name']}.txt").write_text(page["text"].strip() + "\n",
                                                   encoding="utf-8")
    return folder


def _starts(tokens: pd.DataFrame, texts: pd.Series) -> pd.Series:
    """Whether each counted token opens a sentence, by ``(text_id, i)``."""
    tokens = tokens.sort_values(["text_id", "i"])
    first = tokens["text_id"].ne(tokens["text_id"].shift())
    start = tokens["sentence"].ne(tokens["sentence"].shift()) & ~first
    before = tokens["end"].shift(fill_value=0)
    new_line = pd.Series([not is_first and "\n" in texts[text_id][gap:begin]
                          for text_id, gap, begin, is_first in zip(
                              tokens["text_id"], before, tokens["start"], first, strict=True)],
                         index=tokens.index)
    counted = ~first & ~new_line & (tokens["pos"] != "SPACE")
    return pd.Series(start[counted].to_numpy(),
                     index=pd.MultiIndex.from_frame(tokens.loc[counted, ["text_id", "i"]]))


def _entities(folder: Path) -> pd.Series:
    entities = pd.read_parquet(folder / "entities.parquet")
    return entities.groupby("text_id").apply(
        lambda group: tuple(zip(group["start"], group["end"], group["label"], strict=True)))


def compare(raw: Path, model: str, work: Path) -> dict:
    outcome = {}
    for syntax in (False, True):
        outcome[syntax] = work / f"{model}-{syntax}"
        run(raw, outcome[syntax], model=model, syntax=syntax, progress=False)
    senter = pd.read_parquet(outcome[False] / "tokens.parquet")
    parser = pd.read_parquet(outcome[True] / "tokens.parquet")
    table = pd.read_parquet(outcome[False] / "texts.parquet")
    written = dict(zip(table["text_id"], table["text"], strict=True))
    by_senter, by_parser = _starts(senter, written), _starts(parser, written)
    by_senter = by_senter.reindex(by_parser.index, fill_value=False)
    both = int((by_senter & by_parser).sum())
    precision = both / max(int(by_senter.sum()), 1)
    recall = both / max(int(by_parser.sum()), 1)
    texts = table["text_id"]
    one, other = (_entities(outcome[key]).reindex(texts) for key in (False, True))
    same = (one == other) | (one.isna() & other.isna())
    columns = ["text_id", "i", "token", "lemma", "pos"]
    return {
        "texts": len(texts), "parser_starts": int(by_parser.sum()),
        "senter_starts": int(by_senter.sum()),
        "precision": round(precision, 3), "recall": round(recall, 3),
        "f1": round(2 * precision * recall / max(precision + recall, 1e-9), 3),
        "same_entities": round(float(np.mean(same)), 3),
        "same_lemmas_pos": senter[columns].equals(parser[columns]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=MODELS, action="append")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="sentences-"))
    try:
        corpora = {"sample corpus": ROOT / "data" / "raw",
                   "nlp_eval pages": _pages(ROOT / "benchmarks" / "nlp_eval.toml",
                                            work / "eval"),
                   "nlp_heldout pages": _pages(ROOT / "benchmarks" / "nlp_heldout.toml",
                                               work / "heldout")}
        for model in args.model or MODELS:
            for name, raw in corpora.items():
                print(f"{model:16s} {name:18s} {compare(raw, model, work / name[:6])}",
                      flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
