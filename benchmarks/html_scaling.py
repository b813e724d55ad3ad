"""How HTML to text scales with a page's size: time ratios for pages 1, 2 and 4 times larger.

Run: ``python benchmarks/html_scaling.py``. Linear time gives ratios near 2 and 4 (the issue's
bound: a page 4 times larger takes at most about 5 times longer). Ratios are measured in one
run, each figure the best of three, so that a shared machine's noise weighs little.
"""

from __future__ import annotations

import time

from corpus_tools.load.html import fragment_to_text

SHAPES = {
    "imbriqués": lambda n: "<div>" * n + "texte" + "</div>" * n,
    "voisins": lambda n: "".join(f"<p>paragraphe {i}</p>" for i in range(n)),
    "page": lambda n: "<article>" + "".join(
        f"<section><h2>Partie {i}</h2><p>Un <b>mot</b> et <a href='#'>un lien</a>.<br>Suite</p>"
        f"<div class='share'>Partager</div></section>" for i in range(n // 4)) + "</article>",
}
BASE = 10_000


def best_of_three(html: str) -> float:
    """Return the shortest of three timings of one conversion, in seconds."""
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        fragment_to_text(html)
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    """Print the time of each shape at 1, 2 and 4 times the base size, and the ratios."""
    for name, make in SHAPES.items():
        seconds = [best_of_three(make(BASE * factor)) for factor in (1, 2, 4)]
        print(f"{name:10} {seconds[0]:.3f} s ; ×2 : {seconds[1] / seconds[0]:.2f} ; "
              f"×4 : {seconds[2] / seconds[0]:.2f}")


if __name__ == "__main__":
    main()
