"""Score the HTML loader on real blog pages of many platforms, against what a person read in
each page's markup and against trafilatura's own extraction.

The pages are public test pages of two projects, not copied here: trafilatura
(``adbar/trafilatura``, ``tests/cache`` and ``tests/eval``) and Readability
(``mozilla/readability``, ``test/test-pages``). ``real_pages.json`` holds, for each page, what
was annotated by hand from its markup before the loader was run on it: the hash of the post's
title (SHA-1 of the casefolded title, white space collapsed; the titles themselves are not
copied), the number of readers' comments (pingbacks and trackbacks not counted), and the
publication date where the page shows one.

Run, with a clone (or ``git archive``) of each repository::

    python benchmarks/real_pages.py --repo adbar/trafilatura=/path/to/trafilatura \\
        --repo mozilla/readability=/path/to/readability

For each page: title right, share of the reference body's words kept (≥ 90 %) and of words
added (≤ 10 %) against ``trafilatura.extract`` on the original page, comments found, date
found, and whether any comment author holds a date or a verb of saying.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import trafilatura

from corpus_tools.load import load_file

ANNOTATIONS = Path(__file__).with_name("real_pages.json")
_WORD = re.compile(r"\w+")
_SAYING = re.compile(r"\b(?:dit|says|sagt|schreibt|dice|zegt|wrote|schrieb)\b\s*:?$",
                     re.IGNORECASE)
_DATE = re.compile(r"\d{1,2}[./:]\d{2}|\b(?:19|20)\d{2}\b")


def title_hash(title: str | None) -> str:
    """The SHA-1 (12 hex digits) of a title, casefolded, white space collapsed."""
    text = " ".join(unicodedata.normalize("NFC", title or "").split()).casefold()
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def words(text: str) -> Counter[str]:
    """The words of a text, lowercased, with their counts."""
    return Counter(_WORD.findall(unicodedata.normalize("NFC", text).casefold()))


def score(path: Path, expected: dict) -> dict:
    """Load one page and compare it with its annotation and trafilatura's extraction."""
    _, (document,), _, _ = load_file(path, path.name)
    reference = trafilatura.extract(path.read_text(encoding="utf-8", errors="replace"),
                                    include_comments=False) or ""
    ours, theirs = words(document.text), words(reference)
    common = sum((ours & theirs).values())
    authors = [c.author or "" for c in document.comments]
    page = path.parent.name if path.name == "source.html" else path.name
    return {
        "page": f"{expected['repository'].split('/')[1]}:{page}",
        "platform": expected["platform"],
        "title": title_hash(document.title) == expected["title_sha1"],
        "kept": common / max(1, sum(theirs.values())),
        "added": (sum(ours.values()) - common) / max(1, sum(ours.values())),
        "comments": (len(document.comments), expected["comments"]),
        "date": (None if expected["date"] is None else
                 document.published is not None
                 and document.published.date().isoformat() == expected["date"]),
        "bad_authors": sum(bool(_SAYING.search(a) or _DATE.search(a)) for a in authors),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repo", action="append", default=[], metavar="OWNER/NAME=DIR",
                        help="where a repository's files are")
    args = parser.parse_args(argv)
    roots = dict(item.split("=", 1) for item in args.repo)
    rows = []
    for expected in json.loads(ANNOTATIONS.read_text(encoding="utf-8")):
        root = roots.get(expected["repository"])
        if root is None:
            continue
        rows.append(score(Path(root) / expected["path"], expected))
    if not rows:
        parser.error("aucune page : donnez --repo pour trafilatura et readability")
    print("| page | plateforme | titre | mots gardés | mots ajoutés | commentaires | date |")
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        found, wanted = row["comments"]
        date = "—" if row["date"] is None else ("oui" if row["date"] else "**non**")
        print(f"| {row['page']} | {row['platform']} | {'oui' if row['title'] else '**non**'} "
              f"| {row['kept']:.0%} | {row['added']:.0%} | "
              f"{found}/{wanted}{'' if found == wanted else ' **≠**'} | {date} |")
    total = len(rows)
    dated = [r for r in rows if r["date"] is not None]
    print(f"\n{total} pages : titre juste {sum(r['title'] for r in rows)}/{total}, "
          f"≥ 90 % des mots gardés {sum(r['kept'] >= 0.9 for r in rows)}/{total}, "
          f"≤ 10 % ajoutés {sum(r['added'] <= 0.1 for r in rows)}/{total}, "
          f"≤ 20 % ajoutés {sum(r['added'] <= 0.2 for r in rows)}/{total}, "
          f"commentaires justes {sum(r['comments'][0] == r['comments'][1] for r in rows)}/"
          f"{total}, date juste {sum(bool(r['date']) for r in dated)}/{len(dated)}, "
          f"auteurs de commentaire avec une date ou un verbe : "
          f"{sum(r['bad_authors'] for r in rows)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
