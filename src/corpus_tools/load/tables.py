"""Tables of testimonials (``.csv``, ``.tsv``, ``.jsonl``), such as a survey export.

Each row is a testimonial. The text column, and the optional title, author, handle, date,
category and id columns, are found by their usual French and English names, or named by the
caller (``columns={"text": "Votre témoignage"}``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime

import pandas as pd

from corpus_tools.load.dates import parse_date
from corpus_tools.load.records import Document, LoadError, normalise_handle

FIELDS = ("text", "title", "author", "handle", "date", "categories", "id")
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "texte", "temoignage", "votre_temoignage", "testimony", "testimonial",
             "content", "contenu", "body", "corps", "message", "reponse", "response", "answer",
             "recit"),
    "title": ("title", "titre", "sujet", "subject"),
    "author": ("author", "auteur", "auteure", "autrice", "nom", "name", "prenom_nom", "nom_prenom",
               "prenom", "full_name", "pseudo", "pseudonyme"),
    "handle": ("handle", "twitter", "compte_twitter", "twitter_handle", "pseudo_twitter",
               "identifiant_twitter", "username", "screen_name"),
    "date": ("date", "published", "publie_le", "date_de_publication", "publication", "created_at",
             "created", "timestamp", "horodateur", "horodatage", "submitted_at", "date_heure"),
    "categories": ("categories", "category", "categorie", "theme", "themes", "rubrique",
                   "rubriques"),
    "id": ("id", "identifiant", "doc_id", "response_id", "id_reponse", "numero", "uuid"),
}
_SUBSTRINGS = {"text": ("temoign", "testimon", "recit"), "date": ("date", "horodat")}


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", str(name).strip().lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "_", plain).strip("_")


def find_columns(names: list[str], given: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map each known field to a column of the table, by the caller's choice or by name.

    Raises:
        LoadError: a column the caller named is missing, or no text column can be found.
    """
    given = dict(given or {})
    unknown = set(given) - set(FIELDS)
    if unknown:
        raise LoadError(f"champ(s) inconnu(s) : {', '.join(sorted(unknown))} ; champs possibles :"
                        f" {', '.join(FIELDS)}")
    missing = [column for column in given.values() if column not in names]
    if missing:
        raise LoadError(f"colonne(s) absente(s) : {', '.join(missing)} ; colonnes du fichier : "
                        f"{', '.join(names)}")
    found = dict(given)
    folded = {_fold(name): name for name in reversed(names)}
    for name in FIELDS:
        if name in found:
            continue
        for alias in ALIASES[name]:
            if alias in folded and folded[alias] not in found.values():
                found[name] = folded[alias]
                break
        else:
            for key, column in folded.items():
                if column in found.values():
                    continue
                if any(part in key for part in _SUBSTRINGS.get(name, ())):
                    found[name] = column
                    break
    if "text" not in found:
        raise LoadError("aucune colonne de texte trouvée (attendu : texte, témoignage, text, "
                        f"content…) ; colonnes du fichier : {', '.join(names)} ; indiquez-la "
                        "avec --text-column")
    return found


def read_csv(text: str) -> pd.DataFrame:
    """Read a CSV or TSV whose delimiter is sniffed (``,``, ``;`` or tab)."""
    try:
        dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t|")
        separator = dialect.delimiter
    except csv.Error:
        separator = ","
    try:
        return pd.read_csv(io.StringIO(text), sep=separator, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, csv.Error) as error:
        raise LoadError(f"tableau CSV illisible ({error})") from error


def read_jsonl(text: str, source: str) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Read JSON Lines; a bad line is reported and skipped, the others load."""
    rows, errors = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append((f"{source}:{number}", f"ligne JSON invalide ({error.msg})"))
            continue
        if not isinstance(row, dict):
            errors.append((f"{source}:{number}", "la ligne n’est pas un objet JSON"))
            continue
        rows.append({k: "" if v is None else v for k, v in row.items()})
    return pd.DataFrame(rows), errors


def _cell(row: pd.Series, column: str | None) -> str:
    if column is None:
        return ""
    value = row[column]
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def parse_table(
    table: pd.DataFrame, source: str, columns: Mapping[str, str] | None = None
) -> tuple[list[Document], list[tuple[str, str]]]:
    """Turn a table's rows into documents; rows without text are reported, not loaded."""
    if table.empty:
        raise LoadError("le tableau ne contient aucune ligne")
    found = find_columns([str(c) for c in table.columns], columns)
    documents: list[Document] = []
    errors: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for number, (_, row) in enumerate(table.iterrows(), start=1):
        text = _cell(row, found["text"]).strip()
        if not text:
            errors.append((f"{source}:{number}", f"ligne {number} : la colonne « {found['text']} »"
                                                 " est vide"))
            continue
        key = _cell(row, found.get("id")).strip() or _content_key(text, row, found)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}~{seen[key]}"
        categories = _cell(row, found.get("categories"))
        author = _cell(row, found.get("author")).strip() or None
        handle_cell = _cell(row, found.get("handle"))
        documents.append(Document(
            text=text,
            title=_cell(row, found.get("title")).strip() or None,
            author=author,
            handle=normalise_handle(handle_cell) or (normalise_handle(author) if author and
                                                     author.startswith("@") else None),
            categories=[c.strip() for c in re.split(r"[;,|]", categories) if c.strip()],
            published=_parse_cell_date(_cell(row, found.get("date"))),
            key=key,
        ))
    return documents, errors


def _content_key(text: str, row: pd.Series, found: dict[str, str]) -> str:
    basis = "\x1f".join([text, _cell(row, found.get("author")), _cell(row, found.get("date"))])
    return "h" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]


def _parse_cell_date(value: str) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    found = parse_date(value)
    if found is not None:
        return found
    parsed = pd.to_datetime(value, errors="coerce", dayfirst=True)
    return None if pd.isna(parsed) else parsed.to_pydatetime().replace(tzinfo=None)
