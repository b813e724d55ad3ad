"""Exports of the corpus to IRaMuTeQ and TXM, to cross-check in the tools researchers know.

* IRaMuTeQ: one UTF-8 text file; each text opens with a star line, ``**** *auteur_x
  *type_temoignage *categorie_y *annee_2014``, followed by its text. Variable names and
  modalities hold only ASCII letters, digits and ``_`` is kept as the separator between them:
  accents are stripped, every other character dropped (IRaMuTeQ's rule). Stars are taken out of
  the texts, where IRaMuTeQ would read them as markup.
* TXM (TXT+CSV import): one ``<id>.txt`` file per text and ``metadata.csv`` whose ``id``
  column names the files, one column per property.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from corpus_tools.facets import text_facets
from corpus_tools.store import atomic_path, write_text

KIND_NAMES = {"testimonial": "temoignage", "comment": "commentaire"}


def sanitise(value: object, *, fallback: str = "inconnu") -> str:
    """Make a value an IRaMuTeQ modality: ASCII letters and digits only, lowercase.

    Examples:
        >>> sanitise("Pierre Πgu¥εη")
        'pierregu'
        >>> sanitise("Témoignages, École")
        'temoignagesecole'
    """
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^A-Za-z0-9]", "", text).lower()
    return text or fallback


def _metadata(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    facets = text_facets(tables).reset_index()
    facets["text"] = facets["text_id"].map(tables["texts"].set_index("text_id")["text"])
    return facets[facets["text"].str.strip().astype(bool)]


def to_iramuteq(tables: Mapping[str, pd.DataFrame], out: str | Path) -> Path:
    """Write the corpus as one IRaMuTeQ text file; returns its path."""
    lines = []
    for row in _metadata(tables).itertuples(index=False):
        year = row.year if row.year.isdigit() else "inconnue"
        lines.append(
            f"**** *auteur_{sanitise(row.author)} *type_{KIND_NAMES.get(row.kind, row.kind)} "
            f"*categorie_{sanitise(row.category)} *annee_{year}"
        )
        text = row.text.replace("*", " ")
        lines.extend(line.strip() for line in text.split("\n") if line.strip())
        lines.append("")
    target = Path(out)
    write_text(target, "\n".join(lines))
    return target


def to_txm(tables: Mapping[str, pd.DataFrame], out: str | Path) -> Path:
    """Write one text file per text and ``metadata.csv`` for TXM's TXT+CSV import."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    metadata = _metadata(tables)
    rows = []
    for row in metadata.itertuples(index=False):
        name = re.sub(r"[^A-Za-z0-9_-]", "_", row.text_id)
        write_text(folder / f"{name}.txt", row.text + "\n")
        rows.append({"id": name, "doc_id": row.doc_id, "type": KIND_NAMES.get(row.kind),
                     "auteur": row.author, "categorie": row.category, "annee": row.year,
                     "plateforme": row.platform})
    with atomic_path(folder / "metadata.csv") as temporary:
        pd.DataFrame(rows, columns=["id", "doc_id", "type", "auteur", "categorie", "annee",
                                    "plateforme"]).to_csv(temporary, index=False)
    return folder
