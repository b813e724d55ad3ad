"""Twitter archives (folder, zip, 2013 CSV) and twarc collections."""

from __future__ import annotations

import json
from datetime import datetime

from corpus_tools.load import load_corpus
from tests import documents as make

TWEETS = [
    make.archive_tweet("1001", "Premier jour du #TwittMOOC : j’ouvre enfin mon compte ! "
                       "https://t.co/abc", "Mon Mar 02 09:15:00 +0000 2015",
                       urls=[("https://t.co/abc", "https://twittmooc.fr/jour-1")]),
    make.archive_tweet("1002", "@twittmooc merci pour les conseils &amp; les listes",
                       "Mon Mar 02 21:40:10 +0000 2015"),
    make.archive_tweet("1003", "Et je découvre Tweetdeck avec @marion_doc",
                       "Tue Mar 03 07:02:00 +0000 2015", reply_to="1001"),
    make.archive_tweet("1004", "RT @twittmooc: Semaine 2 : les hashtags",
                       "Wed Mar 04 12:00:00 +0000 2015"),
    make.archive_tweet("1005", "Suite du fil : les listes privées !",
                       "Wed Mar 04 18:30:00 +0000 2015", reply_to="1003"),
]


def check_archive(corpus):
    assert corpus.errors.empty, corpus.errors.to_dict("records")
    documents, comments = corpus.documents, corpus.comments
    assert set(documents["format"]) == {"twitter"}
    assert len(documents) + len(comments) == 4  # the retweet is counted, not read again
    assert set(documents["handle"]) | set(comments["handle"]) == {"@lea_prof"}
    assert set(documents["author"]) == {"Léa Moreau"}
    first = documents[documents["text"].str.startswith("Premier jour")].iloc[0]
    assert first["published"] == datetime(2015, 3, 2, 9, 15)
    assert first["text"].endswith("https://twittmooc.fr/jour-1")
    assert first["n_comments"] == 2
    replies = comments[comments["doc_id"] == first["doc_id"]].sort_values("position")
    assert replies["text"].tolist() == ["Et je découvre Tweetdeck avec @marion_doc",
                                        "Suite du fil : les listes privées !"]
    assert replies["parent_id"].isna().tolist() == [True, False]
    assert replies["parent_id"].iloc[1] == replies["comment_id"].iloc[0]
    assert "merci pour les conseils & les listes" in documents["text"].iloc[1]
    assert corpus.warnings["warning"].str.contains("1 retweet").any()


def test_an_unpacked_archive_reads_its_tweets_only(tmp_path):
    make.write_archive(tmp_path / "archive", "Léa Moreau", "Lea_Prof", TWEETS)
    corpus = load_corpus(tmp_path)
    assert set(corpus.documents["source"]) == {"archive/data/tweets.js"}
    check_archive(corpus)


def test_a_zipped_archive(tmp_path):
    make.write_archive(tmp_path / "archive", "Léa Moreau", "Lea_Prof", TWEETS)
    folder = tmp_path / "corpus"
    folder.mkdir()
    make.zip_folder(tmp_path / "archive", folder / "twitter-2015-03-05.zip")
    check_archive(load_corpus(folder))


def test_an_older_archive_tweet_js(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "account.js").write_text(make.account_js("Léa Moreau", "lea_prof"), "utf-8")
    (data / "tweet.js").write_text(make.tweets_js(TWEETS, part="tweet"), "utf-8")
    (data / "follower.js").write_text("window.YTD.follower.part0 = []", "utf-8")
    check_archive(load_corpus(tmp_path))


def test_a_2013_archive_tweets_csv(tmp_path):
    (tmp_path / "data" / "js").mkdir(parents=True)
    (tmp_path / "data" / "js" / "user_details.js").write_text(
        'var user_details =  {"screen_name" : "lea_prof", "full_name" : "Léa Moreau"}', "utf-8")
    (tmp_path / "index.html").write_text("<html></html>", "utf-8")
    (tmp_path / "tweets.csv").write_text(
        '"tweet_id","in_reply_to_status_id","in_reply_to_user_id","timestamp","source","text",'
        '"retweeted_status_id","retweeted_status_user_id","retweeted_status_timestamp",'
        '"expanded_urls"\n'
        '"2","1","","2013-03-02 10:42:13 +0000","web","Et la suite du fil","","","",""\n'
        '"1","","","2013-03-01 08:00:00 +0000","web","Mon premier tweet #TwittMOOC","","","",""\n'
        '"3","","","2013-03-03 08:00:00 +0000","web","RT @x: autre","9","8","2013-03-01",""\n',
        "utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.errors.empty
    (row,) = corpus.documents.to_dict("records")
    assert (row["text"], row["handle"], row["author"]) == (
        "Mon premier tweet #TwittMOOC", "@lea_prof", "Léa Moreau")
    assert corpus.comments["published"].tolist() == [datetime(2013, 3, 2, 10, 42, 13)]


USERS = [{"id": "11", "username": "Lea_Prof", "name": "Léa Moreau"},
         {"id": "22", "username": "nico_ce2", "name": "Nicolas Faure"}]


def v2(tweet_id, text, author_id, created, *, conversation=None, refs=(), entities=None):
    tweet = {"id": tweet_id, "text": text, "author_id": author_id, "created_at": created,
             "conversation_id": conversation or tweet_id, "edit_history_tweet_ids": [tweet_id],
             "lang": "fr"}
    if refs:
        tweet["referenced_tweets"] = [{"type": kind, "id": ref} for kind, ref in refs]
    if entities:
        tweet["entities"] = entities
    return tweet


CONVERSATION = [
    v2("500", "Qui utilise Twitter en classe de CE2 ? #twittclasse", "11",
       "2015-03-02T10:00:00.000Z"),
    v2("501", "@Lea_Prof nous ! Chaque vendredi", "22", "2015-03-02T10:05:00.000Z",
       conversation="500", refs=[("replied_to", "500")]),
    v2("502", "RT @Lea_Prof: Qui utilise Twitter en classe de CE2 ?", "22",
       "2015-03-02T10:06:00.000Z", refs=[("retweeted", "500")]),
    v2("503", "Très bonne question https://t.co/q1", "22", "2015-03-02T11:00:00.000Z",
       refs=[("quoted", "500")], entities={"urls": [
           {"url": "https://t.co/q1",
            "expanded_url": "https://twitter.com/Lea_Prof/status/500"}]}),
]


def check_twarc(corpus, *, quote):
    assert corpus.errors.empty, corpus.errors.to_dict("records")
    assert set(corpus.documents["format"]) == {"twarc"}
    documents = corpus.documents.set_index("text")
    first = documents.loc["Qui utilise Twitter en classe de CE2 ? #twittclasse"]
    assert (first["author"], first["handle"]) == ("Léa Moreau", "@lea_prof")
    assert first["published"] == datetime(2015, 3, 2, 10, 0)
    assert corpus.comments["text"].tolist() == ["@Lea_Prof nous ! Chaque vendredi"]
    assert corpus.comments["handle"].tolist() == ["@nico_ce2"]
    assert ("Très bonne question" in documents.index) == quote
    assert not any("RT @" in text for text in documents.index)


def test_twarc2_response_pages(tmp_path):
    page = {"data": CONVERSATION[:3], "includes": {"users": USERS}, "meta": {"result_count": 3},
            "__twarc": {"url": "…", "version": "2.14.0"}}
    (tmp_path / "collecte.jsonl").write_text(json.dumps(page, ensure_ascii=False) + "\n",
                                             "utf-8")
    check_twarc(load_corpus(tmp_path), quote=False)


def test_twarc2_flattened_with_a_quote_and_a_bad_line(tmp_path):
    users = {user["id"]: user for user in USERS}
    lines = [json.dumps({**tweet, "author": users[tweet["author_id"]],
                         "__twarc": {"version": "2.14.0"}}, ensure_ascii=False)
             for tweet in CONVERSATION]
    (tmp_path / "aplati.jsonl").write_text("\n".join([*lines, "{pas du json"]) + "\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.errors["source"].tolist() == ["aplati.jsonl:5"]
    check_twarc(corpus.__class__(corpus.documents, corpus.comments,
                                 corpus.errors.iloc[0:0], corpus.warnings), quote=True)
    quote = corpus.documents[corpus.documents["text"].str.startswith("Très")]
    assert quote["text"].item() == "Très bonne question"  # its own words only


def test_a_changed_account_loads_the_tweets_again(tmp_path):
    from corpus_tools.inputs import file_hashes

    make.write_archive(tmp_path, "Léa Moreau", "lea_prof", TWEETS)
    before = file_hashes(tmp_path)
    (tmp_path / "data" / "account.js").write_text(make.account_js("Léa M.", "lea_m"), "utf-8")
    after = file_hashes(tmp_path)
    assert list(before) == ["data/tweets.js"]
    assert before["data/tweets.js"] != after["data/tweets.js"]
