"""Builders of WordPress exports (WXR) and RSS/Atom feeds for the tests, in French.

Each case of the WordPress importer's own fixtures (``WordPress/wordpress-importer``,
``phpunit/data``: WXR 1.0 to 1.2, ``https`` namespaces, drafts and private posts, unapproved
comments, pingbacks, hijacked namespaces) is rebuilt here from our own words: their files are
GPL and are not copied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape


@dataclass
class Reply:
    """A comment of a WXR item."""

    key: str
    author: str
    text: str
    approved: str = "1"
    kind: str = ""
    parent: str = "0"
    date: str = "2014-03-02 10:15:00"


@dataclass
class Item:
    """A WXR item: a post, a page, an attachment…"""

    key: str
    title: str
    text: str = "<p>Texte du billet.</p>"
    status: str | None = "publish"
    kind: str | None = "post"
    date: str | None = "2014-03-01 09:30:00"
    pub_date: str | None = None
    creator: str = "admin"
    terms: list[tuple[str, str]] = field(default_factory=list)
    """``(domain, name)``: ``category``, ``post_tag`` (WXR 1.1+) or ``tag`` (1.0)."""
    comments: list[Reply] = field(default_factory=list)
    prefix: str = "wp"


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wxr(items: list[Item], *, version: str | None = "1.2", scheme: str = "https",
        encoding: str = "UTF-8", authors: dict[str, str] | None = None,
        extra_namespaces: str = "") -> str:
    """Return the text of a WordPress export of ``items``."""
    uri_version = version if version in {"1.0", "1.1", "1.2"} else "1.2"
    base = f"{scheme}://wordpress.org/export/{uri_version}/"
    lines = [
        f'<?xml version="1.0" encoding="{encoding}" ?>',
        "<!-- export WordPress de test : écrit pour corpus_tools -->",
        '<rss version="2.0"',
        f'  xmlns:excerpt="{base}excerpt/"',
        '  xmlns:content="http://purl.org/rss/1.0/modules/content/"',
        '  xmlns:dc="http://purl.org/dc/elements/1.1/"',
        f'  xmlns:wp="{base}" {extra_namespaces}>',
        "<channel>",
        "<title>Le blog du TwittMOOC</title>",
        "<language>fr-FR</language>",
    ]
    if version is not None:
        lines.append(f"<wp:wxr_version>{escape(version)}</wp:wxr_version>")
    for login, display in (authors or {}).items():
        lines += ["<wp:author>", f"<wp:author_login>{login}</wp:author_login>",
                  f"<wp:author_display_name>{_cdata(display)}</wp:author_display_name>",
                  "</wp:author>"]
    for item in items:
        p = item.prefix
        lines += ["<item>", f"<title>{escape(item.title)}</title>",
                  f"<dc:creator>{item.creator}</dc:creator>"]
        if item.pub_date:
            lines.append(f"<pubDate>{item.pub_date}</pubDate>")
        lines.append(f"<content:encoded>{_cdata(item.text)}</content:encoded>")
        lines.append(f"<{p}:post_id>{item.key}</{p}:post_id>")
        if item.date:
            lines.append(f"<{p}:post_date>{item.date}</{p}:post_date>")
        if item.status is not None:
            lines.append(f"<{p}:status>{item.status}</{p}:status>")
        if item.kind is not None:
            lines.append(f"<{p}:post_type>{item.kind}</{p}:post_type>")
        for domain, name in item.terms:
            lines.append(f'<category domain="{domain}" nicename="{escape(name.lower())}">'
                         f"{_cdata(name)}</category>")
        for reply in item.comments:
            lines += [
                f"<{p}:comment>", f"<{p}:comment_id>{reply.key}</{p}:comment_id>",
                f"<{p}:comment_author>{_cdata(reply.author)}</{p}:comment_author>",
                f"<{p}:comment_date>{reply.date}</{p}:comment_date>",
                f"<{p}:comment_content>{_cdata(reply.text)}</{p}:comment_content>",
                f"<{p}:comment_approved>{reply.approved}</{p}:comment_approved>",
                f"<{p}:comment_type>{reply.kind}</{p}:comment_type>",
                f"<{p}:comment_parent>{reply.parent}</{p}:comment_parent>",
                f"</{p}:comment>",
            ]
        lines.append("</item>")
    lines += ["</channel>", "</rss>", ""]
    return "\n".join(lines)


def rss(entries: list[dict[str, str | list[str]]], *, full: bool = True) -> str:
    """Return an RSS 2.0 feed as WordPress writes it (``content:encoded`` when ``full``)."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/">',
        "<channel><title>Classe connectée</title><link>https://classe.example.fr</link>",
        "<description>Un blog d’enseignante</description>",
    ]
    for entry in entries:
        lines += ["<item>", f"<title>{escape(str(entry['title']))}</title>",
                  f"<link>{entry['link']}</link>",
                  f"<dc:creator>{_cdata(str(entry['author']))}</dc:creator>",
                  f"<pubDate>{entry['date']}</pubDate>"]
        lines += [f"<category>{_cdata(c)}</category>" for c in entry.get("categories", [])]
        lines.append(f"<guid isPermaLink=\"false\">{entry['link']}</guid>")
        lines.append(f"<description>{_cdata(str(entry['summary']))}</description>")
        if full:
            lines.append(f"<content:encoded>{_cdata(str(entry['content']))}</content:encoded>")
        lines.append("</item>")
    lines += ["</channel></rss>", ""]
    return "\n".join(lines)


def atom(entries: list[dict[str, str | list[str]]]) -> str:
    """Return an Atom feed as Blogger writes it (labels as categories, HTML content)."""
    lines = [
        "<?xml version='1.0' encoding='UTF-8'?>",
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        "<id>tag:blogger.com,1999:blog-1234</id><title>Carnet de bord numérique</title>",
        "<updated>2015-02-10T18:00:00.000+01:00</updated>",
    ]
    for entry in entries:
        lines += ["<entry>", f"<id>{entry['link']}</id>",
                  f"<published>{entry['date']}</published>",
                  f"<updated>{entry['date']}</updated>"]
        lines += [f'<category scheme="http://www.blogger.com/atom/ns#" term="{escape(c)}"/>'
                  for c in entry.get("categories", [])]
        lines += [f"<title type='text'>{escape(str(entry['title']))}</title>",
                  f"<content type='html'>{escape(str(entry['content']))}</content>",
                  f"<link rel='alternate' type='text/html' href='{entry['link']}'/>",
                  f"<author><name>{escape(str(entry['author']))}</name></author>",
                  "</entry>"]
    lines += ["</feed>", ""]
    return "\n".join(lines)
