"""The offline explorer, in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``, installed by ``make test``) driven with Selenium.

The corpus is our own WordPress export, through the whole pipeline: two testimonials of 2014
and 2015 with a thread of comments, and one whose title and text hold markup that must stay
text.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from corpus_tools.cli import main
from corpus_tools.explorer import explorer_data, explorer_html, write_explorer
from corpus_tools.pipeline import run
from corpus_tools.report import read_table
from tests.feeds import Item, Reply, wxr

pytestmark = pytest.mark.slow

INJECTED_TITLE = '"><img src=x onerror="document.title=\'pris\'">'
INJECTED_TEXT = "<script>document.title='pris'</script>"

ITEMS = [
    Item("11", "Apprendre Twitter à cinquante ans", date="2014-03-01 09:30:00",
         creator="camille", terms=[("category", "Témoignages")],
         text="<p>J’ai voulu apprendre Twitter pendant le #twittmooc. Facebook me suffisait, "
              "mais j’ai appris à suivre @profdoc et à lire des fils.</p>"
              "<p>Apprendre à tweeter m’a pris trois semaines ; aujourd’hui j’apprends "
              "encore avec Facebook et Twitter.</p>",
         comments=[Reply("1", "Lucie", "Bravo ! On apprend tous les jours sur Twitter.",
                         date="2014-03-02 10:15:00"),
                   Reply("2", "Camille", "Merci Lucie, Facebook reste plus simple pour moi.",
                         parent="1", date="2014-03-02 11:00:00")]),
    Item("12", "Mon année sur les réseaux", date="2015-05-10 08:00:00", creator="bastien",
         terms=[("category", "Témoignages")],
         text="<p>En 2015 j’ai décidé d’apprendre LinkedIn puis Facebook, sans le #twittmooc."
              "</p>"),
    Item("13", INJECTED_TITLE, date="2015-06-01 08:00:00", creator="intrus",
         terms=[("category", "Essais")],
         text="<p>Un texte qui cite du code : &lt;script&gt;document.title='pris'&lt;/script&gt;"
              " et &lt;b&gt;gras&lt;/b&gt; ; il parle aussi de Facebook.</p>"),
]


@pytest.fixture(scope="module")
def processed(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("explorer")
    raw = root / "raw"
    raw.mkdir()
    (raw / "twittmooc.xml").write_text(
        wxr(ITEMS, authors={"camille": "Camille Martin", "bastien": "Bastien Roy",
                            "intrus": "Intrus"}), encoding="utf-8")
    run(raw, root / "out", progress=False)
    return root / "out"


@pytest.fixture(scope="module")
def tables(processed):
    from corpus_tools.explorer import EXPLORER_TABLES

    return {name: read_table(processed, name) for name in EXPLORER_TABLES}


@pytest.fixture(scope="module")
def page(processed, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("page") / "explorateur.html"
    assert main(["explore", str(processed), "--out", str(target)]) == 0
    return target


def _open(browser, page: Path, fragment: str = ""):
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get("about:blank")
    browser.get(page.as_uri() + fragment)
    WebDriverWait(browser, 10).until(
        lambda driver: driver.execute_script("return document.body.dataset.ready") == "oui")
    return browser


def _lines(browser) -> list[dict]:
    return browser.execute_script("""
        return [...document.querySelectorAll('#lines button.line')].map((b) => ({
          text: b.dataset.text, match: b.querySelector('.match').textContent,
          where: b.querySelector('.where').textContent}));""")


def _forms_of(tables, lemma: str) -> pd.DataFrame:
    tokens = tables["tokens"]
    return tokens[tokens["lemma"].str.lower() == lemma]


# ---- the page itself, without a browser

def test_the_page_is_one_file_that_needs_no_network(page):
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    # the corpus's markup is only in the JSON, escaped: two script elements, ours
    assert html.count("<script") == 2 and INJECTED_TEXT not in html


def test_the_data_holds_every_span_found(tables):
    data = explorer_data(tables)
    kinds = data["span_kinds"]
    found = pd.DataFrame(data["spans"]).assign(kind=lambda t: t["kind"].map(kinds.__getitem__))
    platforms = tables["platforms"]
    assert (found["kind"] == "platform").sum() == len(platforms)
    assert (found["kind"] == "hashtag").sum() == len(tables["hashtags"])
    named = found.loc[found["kind"] == "platform", "value"].map(data["values"].__getitem__)
    assert sorted(named) == sorted(platforms["platform"])
    assert data["lexicon"]["appris"] == "apprendre"
    json.dumps(data)  # every value is JSON


def test_an_empty_corpus_gives_a_message_and_status_1(tmp_path, capsys):
    (tmp_path / "raw").mkdir()
    run(tmp_path / "raw", tmp_path / "out", progress=False)
    assert main(["explore", str(tmp_path / "out"), "--out", str(tmp_path / "e.html")]) == 1
    assert "corpus vide" in capsys.readouterr().err
    assert not (tmp_path / "e.html").exists()
    with pytest.raises(ValueError, match="corpus vide"):
        write_explorer(tmp_path / "out", tmp_path / "e.html")


def test_placeholders_in_a_title_or_a_text_stay_as_written(tables):
    import copy

    changed = copy.copy(dict(tables))
    changed["texts"] = tables["texts"].assign(text=tables["texts"]["text"] + " {{ title }}")
    html = explorer_html(changed, title="Titre {{ data }} <b>")
    assert "<title>Titre {{ data }} &lt;b&gt;</title>" in html
    data = json.loads(re.search(r'id="corpus-data">(.*?)</script>', html, re.S).group(1))
    assert all(text.endswith(" {{ title }}") for text in data["texts"]["text"])


def test_a_jupyter_cell_shows_the_page_in_a_frame(tables):
    import corpus_tools

    shown = corpus_tools.explore(tables)._repr_html_()
    assert shown.startswith("<iframe srcdoc=") and "&lt;script" in shown
    assert explorer_html(tables).count("<script") == 2


# ---- in the browser

def test_a_fragment_opens_its_view(browser, page, tables):
    _open(browser, page, "#q=apprendre&annee=2014")
    lines = _lines(browser)
    texts, tokens = tables["texts"], _forms_of(tables, "apprendre")
    years = texts.set_index("text_id")["published"].dt.year
    expected = tokens[tokens["text_id"].map(years) == 2014]
    assert len(lines) == len(expected) >= 5
    assert sorted(line["match"].lower() for line in lines) == sorted(
        expected["token"].str.lower())
    assert all("2014" in line["where"] for line in lines)
    assert browser.find_element("id", "f-annee").get_attribute("value") == "2014"


def test_a_typed_query_a_clicked_bar_and_a_line_show_the_texts(browser, page, tables):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, page)
    box = browser.find_element(By.ID, "q")
    box.send_keys("appren*", Keys.ENTER)
    lines = _lines(browser)
    # a wildcard tries forms and lemmas: « appris » is found through « apprendre »
    tokens = tables["tokens"]
    found = tokens["token"].str.lower().str.startswith("appren") | tokens[
        "lemma"].str.lower().str.startswith("appren")
    assert sorted(line["match"] for line in lines) == sorted(tokens.loc[found, "token"])
    assert "appris" in {line["match"] for line in lines}
    assert "q=appren*" in browser.current_url.replace("%2A", "*")
    # a bar of the platforms' chart lists that platform's occurrences
    bar = browser.find_element(By.CSS_SELECTOR, '.chart[data-kind="platform"] '
                                                '.bar[data-value="Facebook"]')
    shown = int(bar.find_element(By.CLASS_NAME, "count").text)
    bar.click()
    lines = _lines(browser)
    facebook = tables["platforms"].query("platform == 'Facebook'")
    assert shown == len(lines) == len(facebook)
    assert {line["match"] for line in lines} == {"Facebook"}
    # a line opens the whole testimonial, its comments as a thread, what was found marked
    comment = tables["texts"].query("kind == 'comment' and text.str.contains('Facebook')")
    target = comment["text_id"].iloc[0]
    browser.find_element(By.CSS_SELECTOR, f'button.line[data-text="{target}"]').click()
    reader = browser.find_element(By.ID, "reader")
    articles = reader.find_elements(By.TAG_NAME, "article")
    assert [a.get_attribute("class").split()[0] for a in articles] == [
        "testimonial", "comment", "comment"]
    assert "apprendre Twitter pendant le #twittmooc" in articles[0].text
    focus = reader.find_element(By.CSS_SELECTOR, "article.focus")
    assert focus.get_attribute("data-text") == target
    # the reply sits under the comment it answers
    margins = [a.value_of_css_property("margin-left") for a in articles[1:]]
    assert margins[0] == "0px" and margins[1] != "0px"
    marked = {m.text for m in reader.find_elements(By.CSS_SELECTOR, "mark.k-platform")}
    assert {"Facebook", "Twitter"} <= marked
    assert reader.find_elements(By.CSS_SELECTOR, "mark.k-hashtag")
    assert f"voir={target}" in browser.current_url


def test_facets_filter_every_count(browser, page, tables):
    from selenium.webdriver.support.ui import Select

    _open(browser, page, "#q=facebook")
    everywhere = len(_lines(browser))
    Select(browser.find_element("id", "f-genre")).select_by_value("commentaire")
    lines = _lines(browser)
    comments = tables["texts"].query("kind == 'comment'")["text_id"]
    platforms = tables["platforms"]
    expected = platforms[(platforms["platform"] == "Facebook")
                         & platforms["text_id"].isin(comments)]
    assert len(lines) == len(expected) < everywhere
    assert all("commentaire" in line["where"] for line in lines)
    assert "genre=commentaire" in browser.current_url
    counts = browser.execute_script("""
        return [...document.querySelectorAll('.chart[data-kind="platform"] .bar')]
          .map((b) => [b.dataset.value, Number(b.querySelector('.count').textContent)]);""")
    in_comments = platforms[platforms["text_id"].isin(comments)]["platform"].value_counts()
    assert dict(counts) == in_comments.to_dict()
    # the other facets count the texts of the sub-corpus: the years of the comments
    options = browser.execute_script(
        "return [...document.querySelectorAll('#f-annee option')].slice(1)"
        ".map((o) => [o.value, o.textContent])")
    texts = tables["texts"].query("kind == 'comment'")
    years = texts["published"].dt.year.map(lambda y: "sans date" if pd.isna(y) else str(int(y)))
    expected = years.value_counts()
    assert {value: int(text.split("(")[1].split()[0]) for value, text in options} == \
        expected.to_dict()


def test_injected_markup_stays_text(browser, page):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    _open(browser, page, "#q=code")
    assert browser.title == "Explorateur du corpus"
    line = browser.find_element(By.CSS_SELECTOR, "button.line")
    assert INJECTED_TITLE in line.text
    line.click()
    reader = browser.find_element(By.ID, "reader")
    assert INJECTED_TEXT in reader.text and "<b>gras</b>" in reader.text
    assert INJECTED_TITLE in reader.find_element(By.TAG_NAME, "h3").text
    assert not browser.find_elements(By.CSS_SELECTOR, "#reader img, #reader script, #lines img")
    assert browser.title == "Explorateur du corpus"
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text  # noqa: B018


def test_a_pattern_of_lemma_and_part_of_speech_finds_what_the_tokens_hold(browser, page,
                                                                          tables):
    from urllib.parse import quote

    _open(browser, page, "#q=" + quote('[lemma="apprendre"] [pos="ADP"]'))
    tokens = tables["tokens"].sort_values(["text_id", "i"])
    following = tokens.groupby("text_id")["pos"].shift(-1)
    expected = tokens[(tokens["lemma"] == "apprendre") & (following == "ADP")]
    lines = _lines(browser)
    assert len(lines) == len(expected) >= 2
    assert all(line["match"].split()[-1] in {"à", "avec", "sur", "pendant"} for line in lines)


def test_a_bad_pattern_is_told_in_french(browser, page):
    _open(browser, page, "#q=" + "[genre=\"VERB\"]".replace('"', "%22"))
    assert "condition illisible" in browser.find_element("id", "error").text
    _open(browser, page, "#q=" + "[lemma=\"(\"]".replace('"', "%22"))
    assert "expression régulière invalide" in browser.find_element("id", "error").text


def test_a_shared_link_opens_the_same_text(browser, page, tables):
    target = tables["texts"].query("kind == 'testimonial'")["text_id"].iloc[1]
    _open(browser, page, f"#voir={target}")
    article = browser.find_element("css selector", "#reader article.focus")
    assert article.get_attribute("data-text") == target
