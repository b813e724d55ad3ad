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

from corpus_tools.config import DEFAULT_MODEL, PROCESSED_DIR, TABLE_FORMATS, check_processes
from corpus_tools.french import number

if TYPE_CHECKING:  # imported when a command needs it: --help stays quick
    import pandas as pd
    from matplotlib.axes import Axes

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
    from corpus_tools.load import load_corpus
    from corpus_tools.store import output_lock, write_tables, writing_into

    started = time.perf_counter()
    # not beside a run writing into the same folder; a full disk told in one French line
    with output_lock(args.out), writing_into(args.out):
        corpus = load_corpus(args.path, columns=_columns(args), progress=not args.quiet,
                             workers=args.workers, follow_links=args.follow_links)
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
                 engine=args.engine, scheduler=args.scheduler, follow_links=args.follow_links)
    _report(result.errors, result.warnings, args.path)
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


def _save(ax: Axes, stem: Path, *suffixes: str) -> None:
    """Write a chart as ``stem.png`` (``.svg``…), each file atomically, then close it."""
    from corpus_tools import plots
    from corpus_tools.store import atomic_path

    for suffix in suffixes:
        with atomic_path(stem.with_name(stem.name + suffix)) as temporary:
            ax.figure.savefig(temporary, format=suffix[1:], dpi=150, bbox_inches="tight")
    plots.close(ax)


FACETS = ("kind", "author", "category", "year", "platform", "reinert")
"""The partitions ``corpus-tools afc`` analyses (``reinert``: the classes of a Reinert
classification of the corpus)."""


def cmd_afc(args: argparse.Namespace) -> int:
    """Correspondence analysis of the lemma × part table of a facet: tables and a map."""
    from corpus_tools import plots
    from corpus_tools.afc import correspondence, correspondence_of_classes
    from corpus_tools.facets import text_facets
    from corpus_tools.report import read_tables
    from corpus_tools.store import write_table

    tables = read_tables(args.processed)
    if args.facet == "reinert":
        from corpus_tools.chd import reinert

        result = correspondence_of_classes(reinert(tables["tokens"], k=args.classes),
                                           n_components=args.axes)
    else:
        result = correspondence(tables["tokens"], text_facets(tables)[args.facet],
                                min_freq=args.min_freq, n_components=args.axes)
    args.out.mkdir(parents=True, exist_ok=True)
    write_table(result.eigenvalues, args.out, "afc-valeurs-propres", fmt="csv")
    write_table(result.rows.rename_axis("lemme").reset_index(), args.out, "afc-lignes",
                fmt="csv")
    write_table(result.columns.rename_axis("partie").reset_index(), args.out, "afc-colonnes",
                fmt="csv")
    _save(plots.correspondence_map(result, n_terms=args.terms), args.out / "afc-carte",
          ".png", ".svg")
    shares = ", ".join(f"F{row.axis} {row.share * 100:.1f} %".replace(".", ",")
                       for row in result.eigenvalues.head(3).itertuples())
    print(f"AFC de {number(len(result.rows))} lemmes × {number(len(result.columns))} parties "
          f"({args.facet}) : {shares} de l’inertie -> {args.out}")
    return 0


def cmd_progression(args: argparse.Namespace) -> int:
    """Progression of terms over time (per period and cumulative), and the chronological
    specificities: tables and charts."""
    from corpus_tools import plots
    from corpus_tools.chronology import chronological_specificities, progression
    from corpus_tools.report import read_tables
    from corpus_tools.store import write_table

    tables = read_tables(args.processed)
    result = progression(tables, args.terms, by=args.by)
    args.out.mkdir(parents=True, exist_ok=True)
    write_table(result.frequencies, args.out, "progression", fmt="csv")
    write_table(result.cumulative, args.out, "progression-cumulee", fmt="csv")
    write_table(chronological_specificities(tables["tokens"], tables["texts"], by=args.by),
                args.out, "specificites-chronologiques", fmt="csv")
    for name, draw in (("progression", plots.progression),
                       ("progression-cumulee", plots.cumulative_progression)):
        _save(draw(result), args.out / name, ".png", ".svg")
    totals = result.frequencies.groupby("term", sort=False)["count"].sum()
    found = ", ".join(f"{term} {number(int(count))}" for term, count in totals.items())
    undated = result.undated
    print(f"progression par {'mois' if args.by == 'month' else 'année'} : {found} "
          f"(textes datés) ; {number(undated['texts'])} texte(s) sans date "
          f"({number(undated['words'])} mots) -> {args.out}")
    return 0


def _show(table: pd.DataFrame, rows: int) -> str:
    """A table's first rows as text, numbers the French way."""
    return table.head(rows).to_string(index=False, float_format=lambda value: f"{value:.2f}"
                                      .replace(".", ","))


def cmd_cooccurrents(args: argparse.Namespace) -> int:
    """The co-occurrents of a pivot: printed, and written as CSV with a chart."""
    from corpus_tools import plots
    from corpus_tools.collocates import cooccurrents
    from corpus_tools.store import read_table, write_table

    table = cooccurrents(read_table(args.processed, "tokens"), args.pivot,
                         window=args.window, unit="sentence" if args.sentence else "window",
                         min_cofreq=args.min_cofreq)
    context = "la phrase" if args.sentence else f"{args.window} mots de part et d’autre"
    print(f"cooccurrents de « {args.pivot} » ({context}) : {number(len(table))}")
    if len(table):
        print(_show(table, args.show))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        write_table(table, args.out, "cooccurrents", fmt="csv")
        _save(plots.cooccurrents(table, args.pivot), args.out / "cooccurrents", ".png")
    return 0


def cmd_segments(args: argparse.Namespace) -> int:
    """Repeated segments, or collocations: printed, and written as CSV."""
    from corpus_tools.collocates import collocations, segments
    from corpus_tools.store import read_table, write_table

    tokens = read_table(args.processed, "tokens")
    if args.collocations:
        table, name = collocations(tokens, min_count=args.min_freq), "collocations"
    else:
        table, name = segments(tokens, max_words=args.max_words,
                               min_freq=args.min_freq), "segments"
    seen = "vues" if args.collocations else "vus"
    print(f"{name} {seen} au moins {args.min_freq} fois : {number(len(table))}")
    if len(table):
        print(_show(table, args.show))
    if args.out:
        write_table(table, args.out, name, fmt="csv")
    return 0


def cmd_summary(args: argparse.Namespace) -> int:
    """The lexicometric summary of the corpus, or of each part of a facet."""
    from corpus_tools import plots
    from corpus_tools.facets import text_facets
    from corpus_tools.lexicometry import lexical_summary, zipf
    from corpus_tools.report import read_tables
    from corpus_tools.store import write_table

    tables = read_tables(args.processed)
    facet = text_facets(tables)[args.facet] if args.facet else None
    table = lexical_summary(tables["tokens"], facet)
    shown = table.set_index("part").T.map(
        lambda v: f"{int(v)}" if float(v).is_integer() else f"{v:.2f}".replace(".", ","))
    print(shown.rename_axis("mesure").to_string())
    ranks, exponent = zipf(tables["tokens"])
    print(f"loi de Zipf : exposant {exponent:.2f}".replace(".", ","))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        write_table(table, args.out, "lexicometrie", fmt="csv")
        write_table(ranks, args.out, "zipf", fmt="csv")
        _save(plots.zipf(ranks, exponent), args.out / "zipf", ".png")
    return 0


def _processes(text: str) -> int:
    """Read ``--workers``: a whole number, one or more."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"valeur invalide (int attendu) : {text!r}") from None
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
    parser.add_argument("--workers", type=_processes, default=1, metavar="N",
                        help="processus en parallèle pour lire et analyser (défaut : 1)")
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
                     help=f"modèle spaCy (défaut : {DEFAULT_MODEL} ; ou fr_core_news_md)")
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
                        help="dossier du rapport (défaut : reports), ou le fichier .html à "
                             "écrire, les figures à côté")
    report.add_argument("--title", metavar="TITRE", help="titre du rapport")
    report.set_defaults(func=cmd_report)
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
    afc = commands.add_parser(
        "afc", parents=[verbose], help="analyse factorielle des correspondances (AFC)",
        description="AFC du tableau lemmes × parties d’une partition (ou des classes de "
                    "Reinert) : valeurs propres, coordonnées, contributions et cos² en CSV, "
                    "et la carte factorielle en PNG et SVG.",
    )
    _add_processed(afc)
    afc.add_argument("--facet", choices=FACETS, default="year",
                     help="la partition : kind (témoignages / commentaires), author, category, "
                          "year, platform, ou reinert (les classes) ; défaut : year")
    afc.add_argument("--out", type=Path, default=Path("afc"), metavar="DOSSIER",
                     help="dossier des tables et de la carte (défaut : afc)")
    afc.add_argument("--min-freq", type=int, default=5, metavar="N",
                     help="lemmes vus au moins N fois dans le corpus (défaut : 5)")
    afc.add_argument("--axes", type=int, default=5, metavar="N",
                     help="axes gardés (défaut : 5)")
    afc.add_argument("--terms", type=int, default=20, metavar="N",
                     help="lemmes montrés sur la carte, ceux qui contribuent le plus "
                          "(défaut : 20)")
    afc.add_argument("--classes", type=int, default=5, metavar="K",
                     help="classes de Reinert, avec --facet reinert (défaut : 5)")
    afc.set_defaults(func=cmd_afc)
    progression = commands.add_parser(
        "progression", parents=[verbose], help="progression de mots dans le temps",
        description="Fréquence de termes (lemmes, #hashtags, plateformes, thèmes) par période, "
                    "pour 10 000 mots, témoignages et commentaires à part, progression cumulée "
                    "(comme TXM) et spécificités chronologiques : tables CSV et graphiques.",
    )
    _add_processed(progression)
    progression.add_argument("--terms", nargs="+", required=True, metavar="TERME",
                             help="lemmes (apprendre), hashtags (#twittmooc), plateformes "
                                  "(Twitter) ou thèmes (Apprentissage)")
    progression.add_argument("--by", choices=("month", "year"), default="month",
                             help="période : month (défaut) ou year")
    progression.add_argument("--out", type=Path, default=Path("progression"),
                             metavar="DOSSIER",
                             help="dossier des tables et graphiques (défaut : progression)")
    progression.set_defaults(func=cmd_progression)
    around = commands.add_parser(
        "cooccurrents", parents=[verbose], help="les mots autour d’un pivot (comme TXM)",
        description="Cooccurrents d’un lemme ou d’une forme : cofréquence, fréquence et score "
                    "de spécificité (modèle hypergéométrique de Lafon), dans une fenêtre de "
                    "mots ou la phrase.",
    )
    _add_processed(around)
    around.add_argument("--pivot", required=True, metavar="MOT",
                        help="le pivot : un lemme (apprendre) ou une forme (#twittmooc)")
    around.add_argument("--window", type=int, default=5, metavar="N",
                        help="mots de part et d’autre du pivot (défaut : 5)")
    around.add_argument("--sentence", action="store_true",
                        help="le contexte est la phrase du pivot, pas une fenêtre")
    around.add_argument("--min-cofreq", type=int, default=2, metavar="N",
                        help="cooccurrents vus au moins N fois près du pivot (défaut : 2)")
    _add_show(around)
    around.add_argument("--out", type=Path, metavar="DOSSIER",
                        help="écrire cooccurrents.csv et cooccurrents.png dans ce dossier")
    around.set_defaults(func=cmd_cooccurrents)
    repeated = commands.add_parser(
        "segments", parents=[verbose], help="segments répétés ou collocations",
        description="Segments répétés (comme IRaMuTeQ) : suites de 2 à N formes qui reviennent, "
                    "sans traverser une ponctuation ; ou, avec --collocations, les paires de "
                    "mots les plus associées (lambda et z, comme quanteda).",
    )
    _add_processed(repeated)
    repeated.add_argument("--min-freq", type=int, default=3, metavar="N",
                          help="vus au moins N fois (défaut : 3)")
    repeated.add_argument("--max-words", type=int, default=6, metavar="N",
                          help="formes au plus par segment (défaut : 6)")
    repeated.add_argument("--collocations", action="store_true",
                          help="les collocations (paires) au lieu des segments")
    _add_show(repeated)
    repeated.add_argument("--out", type=Path, metavar="DOSSIER",
                          help="écrire segments.csv (ou collocations.csv) dans ce dossier")
    repeated.set_defaults(func=cmd_segments)
    summary = commands.add_parser(
        "lexique", parents=[verbose], help="résumé lexicométrique (richesse, Zipf, lisibilité)",
        description="Mots, formes, lemmes, hapax, richesse du vocabulaire (TTR, Guiraud, "
                    "Herdan, Yule), lisibilité (Kandel et Moles) et loi de Zipf, pour le "
                    "corpus ou chaque partie d’une partition.",
    )
    _add_processed(summary)
    summary.add_argument("--facet", choices=FACETS[:-1],
                         help="une partition (kind, author, category, year, platform)")
    summary.add_argument("--out", type=Path, metavar="DOSSIER",
                         help="écrire lexicometrie.csv, zipf.csv et zipf.png dans ce dossier")
    summary.set_defaults(func=cmd_summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``corpus-tools`` with ``argv`` (default: the command line)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    from corpus_tools.store import FolderBusy

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
