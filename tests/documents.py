"""Builders of the document files the tests load: Word, LibreOffice, PDF, RTF, tweets.

Each writes a small file of our own, in French, with the library a user's software would
produce it with (python-docx for Word, fpdf2 for PDF) or, for the XML and text formats, by
hand, so that a test can plant exactly the case it checks.
"""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib

DEJAVU = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
"""A font with every French character (fpdf2's built-in fonts lack ’ and œ)."""


def write_docx(path: Path, blocks: list[tuple[str, str]], *, author: str | None = None,
               title: str | None = None, header: str | None = None,
               footer: str | None = None) -> Path:
    """Write a Word file of ``(style, text)`` blocks: style ``"h0"``…``"h3"`` for headings
    (``h0`` is Word's Title style), ``""`` for a body paragraph, ``"table"`` for a table
    (rows on lines, cells split by ``|``)."""
    import docx

    document = docx.Document()
    if author is not None:
        document.core_properties.author = author
    if title is not None:
        document.core_properties.title = title
    for style, text in blocks:
        if style == "table":
            table = [line.split("|") for line in text.split("\n")]
            grid = document.add_table(rows=len(table), cols=len(table[0]))
            for row, cells in zip(grid.rows, table, strict=True):
                for cell, value in zip(row.cells, cells, strict=True):
                    cell.text = value
        elif style.startswith("h"):
            document.add_heading(text, level=int(style[1:]))
        else:
            document.add_paragraph(text)
    section = document.sections[0]
    if header:
        section.header.paragraphs[0].text = header
    if footer:
        section.footer.paragraphs[0].text = footer
    document.save(path)
    return path


def add_tracked_changes(path: Path, inserted: str, deleted: str) -> None:
    """Add to a Word file's last paragraph a tracked insertion and a tracked deletion."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    xml = members["word/document.xml"].decode("utf-8")
    revision = ('<w:ins w:id="1" w:author="Relecteur" w:date="2015-03-02T10:00:00Z"><w:r>'
                f'<w:t xml:space="preserve"> {escape(inserted)}</w:t></w:r></w:ins>'
                '<w:del w:id="2" w:author="Relecteur" w:date="2015-03-02T10:00:00Z"><w:r>'
                f'<w:delText xml:space="preserve"> {escape(deleted)}</w:delText></w:r></w:del>')
    last = xml.rindex("</w:p>")
    members["word/document.xml"] = (xml[:last] + revision + xml[last:]).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


_ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
           'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
           'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
           'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
           'xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"')


def write_odt(path: Path, body: str, *, title: str = "", creator: str = "",
              created: str = "", prolog: str = "") -> Path:
    """Write a LibreOffice Writer file whose ``office:text`` holds ``body`` (ODF XML)."""
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content '
               f'{_ODT_NS}><office:body><office:text>{body}</office:text></office:body>'
               '</office:document-content>')
    meta = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODT_NS}>'
            f'<office:meta><dc:title>{escape(title)}</dc:title>'
            f'<meta:initial-creator>{escape(creator)}</meta:initial-creator>'
            f'<meta:creation-date>{created}</meta:creation-date></office:meta>'
            '</office:document-meta>')
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("meta.xml", meta, zipfile.ZIP_DEFLATED)
        archive.writestr("styles.xml", f"<office:document-styles {_ODT_NS}/>")
    return path


def write_pdf(path: Path, pages: list[list[str]], *, title: str | None = None,
              author: str | None = None, header: str | None = None,
              numbered: bool = False, password: str | None = None,
              created: datetime | None = None) -> Path:
    """Write a PDF of pages of paragraphs (each wrapped to the page's width), with a running
    header and page numbers if asked."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    if created:
        pdf.set_creation_date(created.replace(tzinfo=UTC))
    if title:
        pdf.set_title(title)
    if author:
        pdf.set_author(author)
    pdf.add_font("dejavu", fname=str(DEJAVU))
    pdf.set_font("dejavu", size=12)
    for number, paragraphs in enumerate(pages, start=1):
        pdf.add_page()
        if header:
            pdf.set_y(8)
            pdf.cell(0, 6, header, align="C")
        pdf.set_y(20)
        for paragraph in paragraphs:
            pdf.multi_cell(0, 7, paragraph, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(5)
        if numbered:
            pdf.set_y(-20)
            pdf.cell(0, 6, str(number), align="C")
    if password:
        pdf.set_encryption(owner_password=password + "!", user_password=password)
    pdf.output(str(path))
    return path


def write_scanned_pdf(path: Path) -> Path:
    """Write a PDF whose page is an image with no text layer, as a scanner makes."""
    from fpdf import FPDF
    from PIL import Image

    image = path.with_suffix(".png")
    Image.new("RGB", (200, 100), "white").save(image)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(image), x=10, y=10, w=180)
    pdf.output(str(path))
    image.unlink()
    return path


def account_js(name: str, username: str) -> str:
    """The ``account.js`` of a Twitter archive."""
    account = {"account": {"email": "x@example.org", "createdVia": "web", "username": username,
                           "accountId": "42", "createdAt": "2012-09-01T08:00:00.000Z",
                           "accountDisplayName": name}}
    return "window.YTD.account.part0 = " + json.dumps([account], ensure_ascii=False, indent=2)


def archive_tweet(tweet_id: str, text: str, created: str, *, reply_to: str | None = None,
                  urls: list[tuple[str, str]] = ()) -> dict:
    """One item of an archive's ``tweets.js`` (``created`` as the API writes it)."""
    tweet = {"id_str": tweet_id, "id": tweet_id, "full_text": text, "created_at": created,
             "retweeted": False, "favorite_count": "0", "lang": "fr",
             "entities": {"hashtags": [], "user_mentions": [], "urls": [
                 {"url": short, "expanded_url": long, "display_url": long}
                 for short, long in urls]}}
    if reply_to:
        tweet["in_reply_to_status_id_str"] = reply_to
        tweet["in_reply_to_status_id"] = reply_to
    return {"tweet": tweet}


def tweets_js(tweets: list[dict], part: str = "tweets") -> str:
    """An archive's ``tweets.js`` (``part`` ``"tweet"`` for the older name)."""
    return f"window.YTD.{part}.part0 = " + json.dumps(tweets, ensure_ascii=False, indent=2)


def write_archive(folder: Path, name: str, username: str, tweets: list[dict]) -> Path:
    """Unpack a small Twitter archive into ``folder``, with files that are not tweets."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "account.js").write_text(account_js(name, username), encoding="utf-8")
    (data / "tweets.js").write_text(tweets_js(tweets), encoding="utf-8")
    (data / "like.js").write_text("window.YTD.like.part0 = []", encoding="utf-8")
    (data / "manifest.js").write_text("window.__THAR_CONFIG = {}", encoding="utf-8")
    (folder / "Your archive.html").write_text("<html><body>Archive</body></html>",
                                              encoding="utf-8")
    (folder / "assets").mkdir(exist_ok=True)
    (folder / "assets" / "app.js").write_text("console.log(1)", encoding="utf-8")
    return folder


def zip_folder(folder: Path, path: Path) -> Path:
    """Zip a folder's files, their names relative to it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.rglob("*")):
            if file.is_file():
                archive.write(file, file.relative_to(folder).as_posix())
    return path
