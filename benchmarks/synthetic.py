"""A deterministic synthetic corpus, in the plain-text page format, made from the sample's
own paragraphs and comments (so that its language is the corpus's)."""

from __future__ import annotations

import random
from pathlib import Path

from corpus_tools.load import load_corpus

CAPTIONS = ["Capture{n}", "Capture d’écran 2014-0{m}-1{d} à 21.23.0{d}", "IMG_{n}.jpg",
            "Nath_{n}"]
HEADERS = {0: "Aucune réponse", 1: "Une réponse", 2: "2 réponses"}


def sample_parts(raw: Path) -> tuple[list[str], list[str], list[tuple[str, str]]]:
    """Return the sample corpus's paragraphs, headings and (author, comment) pairs."""
    corpus = load_corpus(raw)
    paragraphs, headings = [], []
    for text in corpus.documents["text"]:
        for paragraph in text.split("\n\n"):
            (headings if len(paragraph) < 80 and not paragraph.endswith(".") else
             paragraphs).append(paragraph)
    comments = [(a or "Anonyme", t) for a, t in zip(corpus.comments["author"],
                                                     corpus.comments["text"], strict=True)]
    return paragraphs, headings, comments


def page(rng: random.Random, n: int, parts) -> str:
    """One synthetic testimonial page with its comments."""
    paragraphs, headings, comments = parts
    lines = [rng.choice(CAPTIONS).format(n=n, m=rng.randint(1, 9), d=rng.randint(0, 9)), ""]
    for _ in range(rng.randint(2, 4)):
        lines += [rng.choice(headings), ""]
        lines += [p for paragraph in rng.sample(paragraphs, rng.randint(1, 3))
                  for p in (paragraph, "")]
    lines += [f"Auteur {n} @auteur_{n}", "", "Catégories : Témoignages", ""]
    chosen = rng.sample(comments, rng.randint(0, 4))
    lines += [HEADERS.get(len(chosen), f"{len(chosen)} réponses"), ""]
    for position, (author, text) in enumerate(chosen, start=1):
        text = f"@auteur_{n} {text}"  # each comment unique, as in a real corpus
        lines += [f"  {position}. {author} dit :", "", *(f"    {t}" for t in text.split("\n")),
                  ""]
    lines += ["Laisser un commentaire", ""]
    return "\n".join(lines)


def make_corpus(folder: Path, testimonials: int, *, raw: Path, seed: int = 2013,
                start: int = 0) -> list[Path]:
    """Write ``testimonials`` pages into ``folder``; returns their paths."""
    rng = random.Random(seed + start)
    parts = sample_parts(raw)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(start, start + testimonials):
        path = folder / f"{n // 1000:03d}" / f"temoignage_{n:06d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(page(rng, n, parts), encoding="utf-8")
        paths.append(path)
    return paths
