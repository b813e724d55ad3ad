"""An offline explorer of the corpus: one self-contained HTML file where every count leads back
to the texts (as Voyant does, in one file anyone can open, as scattertext's).

The page holds the texts and what the pipeline found in them (entities, hashtags, mentions,
platforms, themes) as JSON, and its own script and style: no network. In it, in French:

- a search box: a concordance over forms and lemmas (plain words, ``*`` and ``?`` wildcards,
  or token patterns ``[lemma="apprendre"] [pos="ADP"]? [lemma="twitter"]`` on ``word``,
  ``lemma`` and ``pos``, as :func:`corpus_tools.kwic`; a form's lemma and part of speech are
  its most frequent ones in the corpus), with its counts by year, kind and author;
- facets (year, kind, author, category, platform, theme) that filter the sub-corpus: every
  count, chart and line follows;
- bar charts that answer a click (platforms, hashtags, accounts, persons, places, themes, and
  the query's occurrences per year): a click lists the lines; a line opens the whole
  testimonial with its comments as a thread, what was found highlighted, with a legend;
- the view in the address's fragment (``explorateur.html#q=apprendre&annee=2014``), so that a
  view can be bookmarked and shared.

Corpus text is only ever inserted as text (``textContent``), never as markup, and the JSON is
written with ``<``, ``>`` and ``&`` escaped, so a text holding ``<script>`` stays text.

Examples:
    >>> from corpus_tools.explorer import write_explorer
    >>> write_explorer("data/processed", "explorateur.html")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from importlib import resources
from pathlib import Path

import pandas as pd

from corpus_tools.files import write_text

Tables = Mapping[str, pd.DataFrame]

EXPLORER_TABLES = ("documents", "comments", "texts", "tokens", "entities", "platforms",
                   "hashtags", "mentions", "themes")
"""The tables the explorer reads."""

KINDS = {"testimonial": "témoignage", "comment": "commentaire"}
"""The French name of each kind of text."""

SPANS = {"person": "personne", "place": "lieu", "organisation": "organisation",
         "platform": "plateforme", "hashtag": "hashtag", "mention": "compte", "theme": "thème"}
"""What the page highlights in a text, and its French name in the legend."""

LABELS = {"PER": "person", "LOC": "place", "ORG": "organisation"}
"""The entity labels highlighted, and their kind of span."""


def explorer_data(tables: Tables) -> dict:
    """The corpus as the explorer's script reads it: texts, their documents, the spans found
    in them and the lemma of each form (only where it is not the form itself).

    Columns are lists of equal length (``texts``, ``spans``), so that repeated names are
    written once (``values``: every author, category, platform… is an index into it).
    """
    texts = tables["texts"].reset_index(drop=True)
    documents = tables["documents"].set_index("doc_id")
    comments = tables["comments"].set_index("comment_id")
    values: dict[str, int] = {}

    def value(name: object) -> int:
        if pd.isna(name):
            return -1
        return values.setdefault(str(name), len(values))

    row_of = {text_id: row for row, text_id in enumerate(texts["text_id"])}
    years = pd.to_datetime(texts["published"]).dt.year
    titles = texts["doc_id"].map(documents["title"]).fillna("")
    categories = texts["doc_id"].map(
        lambda doc: [value(c) for c in (documents.at[doc, "categories"]
                                        if doc in documents.index else [])])
    # a comment's text_id is its comment_id: its parent and position come from `comments`
    parents = texts["text_id"].map(comments["parent_id"])
    positions = texts["text_id"].map(comments["position"]).fillna(0).astype(int)
    data = {
        "texts": {
            "id": texts["text_id"].tolist(),
            "doc": texts["doc_id"].tolist(),
            "kind": [KINDS.get(kind, kind) for kind in texts["kind"]],
            "author": [value(author) for author in texts["author"]],
            "year": [int(year) if pd.notna(year) else None for year in years],
            "title": titles.tolist(),
            "categories": categories.tolist(),
            "parent": [row_of.get(parent) if isinstance(parent, str) else None
                       for parent in parents],
            "position": positions.tolist(),
            "text": texts["text"].tolist(),
        },
    }
    spans = _spans(tables, row_of, value)
    data["spans"] = {column: spans[column].tolist() for column in ("text", "start", "end",
                                                                     "kind", "value")}
    data["span_kinds"] = list(SPANS)
    data["span_names"] = SPANS
    data["lexicon"], data["pos_names"], data["pos"] = _lexicon(tables["tokens"])
    data["values"] = list(values)
    return data


def _spans(tables: Tables, row_of: dict[str, int],
           value: Callable[[object], int]) -> pd.DataFrame:
    """Every span found, one row each: ``text`` (row of the text), ``start``, ``end``,
    ``kind`` (index in :data:`SPANS`) and ``value`` (index in the values)."""
    kinds = {name: number for number, name in enumerate(SPANS)}
    frames = []
    entities = tables["entities"]
    entities = entities[entities["label"].isin(list(LABELS))]
    frames.append(pd.DataFrame({"text_id": entities["text_id"], "start": entities["start"],
                                "end": entities["end"], "name": entities["text"],
                                "kind": entities["label"].map(LABELS)}))
    for name, column, kind in (("platforms", "platform", "platform"), ("hashtags", "tag",
                               "hashtag"), ("themes", "theme", "theme")):
        table = tables[name]
        frames.append(pd.DataFrame({"text_id": table["text_id"], "start": table["start"],
                                    "end": table["end"], "name": table[column], "kind": kind}))
    mentions = tables["mentions"]
    mentions = mentions[mentions["field"] == "text"]
    frames.append(pd.DataFrame({"text_id": mentions["text_id"], "start": mentions["start"],
                                "end": mentions["end"], "name": mentions["handle"],
                                "kind": "mention"}))
    spans = pd.concat(frames, ignore_index=True).dropna(subset=["start", "end"])
    spans = spans[spans["text_id"].isin(row_of)]
    spans = spans.sort_values(["text_id", "start", "end"], kind="stable")
    return pd.DataFrame({
        "text": spans["text_id"].map(row_of).astype(int),
        "start": spans["start"].astype(int), "end": spans["end"].astype(int),
        "kind": spans["kind"].map(kinds).astype(int),
        "value": [value(name) for name in spans["name"]],
    })


def _usual(forms: pd.Series, values: pd.Series) -> pd.Series:
    """The most frequent of ``values`` for each of ``forms`` (ties: the first in
    alphabetical order), by form."""
    counted = pd.DataFrame({"form": forms, "value": values.astype(str)}).value_counts()
    counted = counted.rename("n").reset_index().sort_values(["form", "n", "value"],
                                                            ascending=[True, False, True])
    return counted.drop_duplicates("form").set_index("form")["value"]


def _lexicon(tokens: pd.DataFrame) -> tuple[dict[str, str], list[str], dict[str, int]]:
    """What the page knows of each lowercase form: its usual lemma, where it is not the
    form itself (the page finds a lemma's forms through it), and its usual part of speech
    (an index into the list of them), for ``[pos="VERB"]``."""
    if tokens.empty:
        return {}, [], {}
    words = tokens.loc[~tokens["is_punct"], ["token", "lemma", "pos"]]
    forms = words["token"].str.lower().str.replace("'", "’")
    lemmas = _usual(forms, words["lemma"]).str.lower()
    lemmas = lemmas[lemmas.index != lemmas.to_numpy()]
    pos = _usual(forms, words["pos"])
    names = sorted(set(pos))
    number = {name: k for k, name in enumerate(names)}
    return (dict(sorted(lemmas.items())), names,
            {form: number[tag] for form, tag in sorted(pos.items())})


def _json_for_script(data: dict) -> str:
    """JSON that cannot end its ``<script>`` element nor open another one."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def explorer_html(tables: Tables, *, title: str = "Explorateur du corpus") -> str:
    """The explorer's page, as one string of HTML (see the module's docstring)."""
    from html import escape

    page = resources.files("corpus_tools").joinpath("resources", "explorer.html")
    values = {"title": escape(title), "created": datetime.now().strftime("%d/%m/%Y à %H:%M"),
              "data": _json_for_script(explorer_data(tables))}
    # one pass over the page's own placeholders: what replaces one is never read again (a
    # title or a text holding « {{ data }} » stays as it is)
    return re.sub(r"\{\{ (title|created|data) \}\}", lambda found: values[found.group(1)],
                  page.read_text(encoding="utf-8"))


def write_explorer(tables: Tables | str | Path, out: str | Path, *,
                   title: str = "Explorateur du corpus") -> Path:
    """Write the explorer of the tables (or of a ``corpus-tools run`` output folder) to
    ``out`` (an ``.html`` file) and return its path.

    Raises:
        ValueError: the corpus has no text (nothing to explore).
    """
    if isinstance(tables, (str, Path)):
        from corpus_tools.report import read_table

        tables = {name: read_table(tables, name) for name in EXPLORER_TABLES}
    if tables["texts"].empty:
        raise ValueError("corpus vide : aucun texte à explorer")
    out = Path(out)
    write_text(out, explorer_html(tables, title=title))
    return out


class Explorer:
    """The explorer of some tables, shown in a Jupyter cell (in an ``iframe``, so that its
    script runs) and saved with :meth:`save`."""

    def __init__(self, tables: Tables, *, title: str = "Explorateur du corpus") -> None:
        self.tables, self.title = tables, title

    def _repr_html_(self) -> str:
        from html import escape

        return (f'<iframe srcdoc="{escape(explorer_html(self.tables, title=self.title))}" '
                'style="width: 100%; height: 820px; border: 1px solid #ccc"></iframe>')

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` and return it."""
        return write_explorer(self.tables, path, title=self.title)


def explore(tables: Tables, *, title: str = "Explorateur du corpus") -> Explorer:
    """The explorer of the tables, for a Jupyter cell (``corpus_tools.explore(tables)``)."""
    return Explorer(tables, title=title)
