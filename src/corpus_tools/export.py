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
from corpus_tools.files import atomic_path, write_text

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


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a CSV cell as a formula (« CSV injection »)."""


def _as_text(value: object) -> object:
    """A metadata cell that a spreadsheet opening ``metadata.csv`` shows as typed, never runs:
    a leading ``'`` before ``=``, ``+``, ``-``, ``@``."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _previous_ids(folder: Path) -> set[str]:
    """The texts an earlier export wrote into ``folder`` (its ``metadata.csv``)."""
    try:
        return set(pd.read_csv(folder / "metadata.csv", usecols=["id"], dtype=str)["id"])
    except (OSError, ValueError, KeyError):
        return set()


def to_txm(tables: Mapping[str, pd.DataFrame], out: str | Path) -> Path:
    """Write one text file per text and ``metadata.csv`` for TXM's TXT+CSV import.

    File names are made of the text ids' letters, digits, ``_`` and ``-``; two ids that would
    give the same name (``1.5`` and ``1_5``), whatever the case, get ``-2``, ``-3``… so that
    no text overwrites another. The files of an earlier export into the folder whose texts are
    gone are removed (TXM would import them again); other files are left alone.
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    earlier = _previous_ids(folder)
    metadata = _metadata(tables)
    rows = []
    taken: set[str] = set()
    for row in metadata.itertuples(index=False):
        base = re.sub(r"[^A-Za-z0-9_-]", "_", row.text_id)
        name, number = base, 1
        while name.casefold() in taken:  # case-insensitive file systems (macOS, Windows)
            number += 1
            name = f"{base}-{number}"
        taken.add(name.casefold())
        write_text(folder / f"{name}.txt", row.text + "\n")
        rows.append({"id": name, "doc_id": row.doc_id, "type": KIND_NAMES.get(row.kind),
                     "auteur": row.author, "categorie": row.category, "annee": row.year,
                     "plateforme": row.platform})
    with atomic_path(folder / "metadata.csv") as temporary:
        pd.DataFrame(rows, columns=["id", "doc_id", "type", "auteur", "categorie", "annee",
                                    "plateforme"]).map(_as_text).to_csv(temporary, index=False)
    for gone in earlier - {row["id"] for row in rows}:
        if re.fullmatch(r"[A-Za-z0-9_-]+", gone):  # only names this function writes
            (folder / f"{gone}.txt").unlink(missing_ok=True)
    return folder
