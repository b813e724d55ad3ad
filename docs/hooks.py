"""MkDocs hooks: the pages generated from the code (the data dictionary from ``schema.py``,
the command-line reference from the argument parser), so that they cannot drift from it."""

from __future__ import annotations

import re
from typing import Any

MARKERS = {
    "<!-- data-dictionary -->": "dictionary",
    "<!-- cli-reference -->": "cli",
}


def _dictionary() -> str:
    from corpus_tools.schema import dictionary

    return dictionary()


def _cli() -> str:
    import argparse
    import os

    from corpus_tools.cli import build_parser

    os.environ["COLUMNS"] = "80"  # the help as an 80-column terminal shows it

    parser = build_parser()
    parser.prog = "corpus-tools"
    sections = ["## corpus-tools", "", "```text", _plain(parser.format_help()), "```"]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, command in action.choices.items():
                sections += ["", f"## corpus-tools {name}", "", "```text",
                             _plain(command.format_help()), "```"]
    return "\n".join(sections) + "\n"


def _plain(text: str) -> str:
    """The help as a terminal 80 columns wide shows it, whatever the builder's width."""
    return re.sub(r"[ \t]+$", "", text, flags=re.MULTILINE).rstrip()


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    """Replace each marker by the page part it names."""
    for marker, part in MARKERS.items():
        if marker in markdown:
            markdown = markdown.replace(marker, _dictionary() if part == "dictionary"
                                        else _cli())
    return markdown


_ROLE = re.compile(r":(?:py:)?(?:class|func|data|meth|attr|mod|exc|obj):(<code>)~?")


def on_page_content(html: str, **kwargs: Any) -> str:
    """Drop the Sphinx roles of the docstrings (``:func:`run```) that Markdown leaves as
    text before the code they name."""
    return _ROLE.sub(r"\1", html)
