"""Tables of testimonials (``.csv``, ``.tsv``, ``.jsonl``, ``.xlsx``), such as a survey export.

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
from collections.abc import Iterator, Mapping
from datetime import date, datetime, time

import pandas as pd

from corpus_tools.load.dates import parse_date
from corpus_tools.load.records import Document, LoadError, normalise_handle
from corpus_tools.load.sources import open_zip
from corpus_tools.normalise import clean_stored

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
_SUBSTRINGS = {"text": ("temoign", "testimon", "recit"), "date": ("date", "horodat"),
               # a form's questions: « Votre prénom », « Votre compte Twitter (facultatif) »
               "author": ("prenom", "auteur"),
               "handle": ("compte_twitter", "pseudo_twitter", "identifiant_twitter")}


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


def _xlsx_text(value: object) -> str:
    """A workbook cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 42.0: a number typed 42
    return clean_stored(str(value))  # as a text file's: NFC, "\n" line ends


def _workbook_fault(error: BaseException) -> str:
    """Say in a few words why openpyxl could not read a workbook."""
    from defusedxml import DefusedXmlException

    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, DefusedXmlException):
            return "XML refusé : il déclare des entités ou des références externes"
        cause = cause.__cause__ or cause.__context__
    return f"{type(error).__name__} : {str(error).splitlines()[0] if str(error) else '—'}"


def read_xlsx(data: bytes) -> tuple[pd.DataFrame, list[int], list[str]]:
    """Read the first sheet of an Excel workbook (``.xlsx``) as a table of texts.

    Formulas give the value Excel saved with them, never the formula; dates are written
    ISO-style. The XML inside is read by defusedxml (no entity expansion), once its declared
    unpacked size is checked.

    Returns:
        The table (its first row gives the column names; empty rows are left out), the sheet's
        number of each of its rows, and warnings (other sheets left out).

    Raises:
        LoadError: not a readable workbook, too large once unpacked, or an empty first sheet.
    """
    from openpyxl import load_workbook
    from openpyxl.xml import DEFUSEDXML

    if not DEFUSEDXML:  # openpyxl guards its XML only when defusedxml is there
        raise LoadError("lecture des classeurs Excel impossible sans defusedxml")
    with open_zip(data, "classeur Excel", broken="classeur Excel illisible : ce n’est pas un "
                  "fichier .xlsx valide (un .xls ancien ? enregistrez-le en .xlsx ou en .csv)"):
        pass
    try:  # in read-only mode a sheet's XML is parsed as its rows are read
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet, others = book.worksheets[0], book.sheetnames[1:]
            numbered = [(number, row) for number, row
                        in enumerate(sheet.iter_rows(values_only=True), start=1)
                        if any(cell is not None and str(cell).strip() for cell in row)]
        finally:
            book.close()
    except Exception as error:  # openpyxl reports a bad workbook with many kinds of error
        raise LoadError(f"classeur Excel illisible ({_workbook_fault(error)})") from error
    if not numbered:
        raise LoadError(f"la première feuille du classeur (« {sheet.title} ») est vide")
    numbers, rows = [number for number, _ in numbered[1:]], [row for _, row in numbered]
    width = max(len(row) for row in rows)
    header = [_xlsx_text(cell).strip() or f"colonne {number}"
              for number, cell in enumerate((*rows[0], *[None] * (width - len(rows[0]))), 1)]
    table = pd.DataFrame([[_xlsx_text(cell) for cell in row] + [""] * (width - len(row))
                          for row in rows[1:]], columns=header, dtype=str)
    warnings = ([f"seule la première feuille (« {sheet.title} ») est lue ; le classeur en a "
                 f"d’autres : {', '.join(f'« {name} »' for name in others)}"] if others else [])
    return table, numbers, warnings


def json_lines(text: str, source: str, errors: list[tuple[str, str]]) -> Iterator[
        tuple[str, dict]]:
    """Yield ``(file:line, object)`` for each JSON object line of ``text``; a line that is not
    one (invalid, nested too deep, an array) is added to ``errors`` and skipped."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append((where, f"ligne JSON invalide ({error.msg})"))
            continue
        except RecursionError:
            errors.append((where, "ligne JSON trop imbriquée"))
            continue
        if not isinstance(value, dict):
            errors.append((where, "la ligne n’est pas un objet JSON"))
            continue
        yield where, value


def read_jsonl(text: str, source: str) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Read JSON Lines; a bad line is reported and skipped, the others load."""
    errors: list[tuple[str, str]] = []
    rows = [{k: "" if v is None else v for k, v in row.items()}
            for _, row in json_lines(text, source, errors)]
    return pd.DataFrame(rows), errors


def _cell(row: pd.Series, column: str | None) -> str:
    if column is None:
        return ""
    value = row[column]
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def parse_table(
    table: pd.DataFrame, source: str, columns: Mapping[str, str] | None = None,
    *, numbers: list[int] | None = None,
) -> tuple[list[Document], list[tuple[str, str]]]:
    """Turn a table's rows into documents; rows without text are reported, not loaded.

    ``numbers`` are the rows' numbers in the file, for the errors (default: 1, 2, 3…).
    """
    if table.empty:
        raise LoadError("le tableau ne contient aucune ligne")
    found = find_columns([str(c) for c in table.columns], columns)
    documents: list[Document] = []
    errors: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for number, (_, row) in zip(numbers or range(1, len(table) + 1), table.iterrows(),
                                strict=True):
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
