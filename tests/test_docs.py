"""The README and the documentation site: short, and every link leads somewhere."""

from __future__ import annotations

import re

import yaml

from tests.conftest import PROJECT


def test_the_readme_is_a_short_introduction():
    assert (PROJECT / "README.md").stat().st_size <= 8 * 1024


def test_every_relative_link_of_the_readme_and_the_docs_exists():
    pages = [PROJECT / "README.md", PROJECT / "CHANGELOG.md", *(PROJECT / "docs").glob("*.md")]
    for page in pages:
        for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text("utf-8")):
            if "://" not in target:
                assert (page.parent / target).exists(), (page.name, target)


def test_the_site_lists_every_page_of_docs():
    config = yaml.load((PROJECT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)

    def pages(entries):
        for entry in entries:
            for value in entry.values():
                yield from pages(value) if isinstance(value, list) else [value]

    listed = set(pages(config["nav"]))
    assert listed == {page.name for page in (PROJECT / "docs").glob("*.md")}
