"""Tweets: Twitter/X archives and twarc collections.

- An **archive** is what « Download an archive of your data » gives, as its ``.zip`` or
  unpacked: ``data/tweets.js`` (``tweet.js`` in older ones, ``tweets-part1.js``… when long)
  beside ``data/account.js``, whose account gives every tweet its author and handle; the
  archives of 2013 hold a ``tweets.csv`` and ``data/js/user_details.js`` instead. Only those
  files of an archive folder are read (see :func:`corpus_tools.inputs.input_files`).
- A **twarc collection** is what researchers gather tweets with: twarc2's JSON Lines, as
  response pages (``data`` and ``includes``) or flattened (one tweet a line, its ``author``
  expanded), or twarc1's tweets of the v1.1 API. It is recognised by its keys.

Each tweet is a text, dated in UTC. A tweet that starts a conversation is a testimonial and
the replies to it found in the same file are its comments (``parent_id`` is the reply's own
parent when that is a reply too). A retweet is counted in a warning, not read as a new text; a
quote keeps its own words only. Links shortened by t.co are written out, those of images
removed.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from corpus_tools.inputs import TWEET_FILE
from corpus_tools.load.records import Comment, Document, LoadError, normalise_handle
from corpus_tools.load.sources import Source, open_zip
from corpus_tools.load.tables import json_lines
from corpus_tools.normalise import clean_stored

_STATUS_URL = re.compile(r"https?://(?:mobile\.)?(?:twitter|x)\.com/\w+/status(?:es)?/(\d+)")
_ASSIGNMENT = re.compile(r"\A\s*(?:window\.YTD\.[\w.]+|var\s+\w+)\s*=\s*")


@dataclass
class Tweet:
    """One tweet, as every source of tweets gives it."""

    id: str
    text: str
    created: datetime | None
    author: str | None = None
    handle: str | None = None
    reply_to: str | None = None
    conversation: str | None = None
    retweet: bool = False


def _utc(value: str | None) -> datetime | None:
    """Read the dates of the API v1.1 (« Wed Oct 10 20:19:24 +0000 2018 »), v2 (ISO 8601) and
    the 2013 archives (« 2013-03-02 10:42:13 +0000 »), as naive UTC."""
    if not value:
        return None
    value = value.strip()
    for layout in ("%a %b %d %H:%M:%S %z %Y", "%Y-%m-%d %H:%M:%S %z"):
        try:
            return datetime.strptime(value, layout).astimezone(UTC).replace(tzinfo=None)
        except ValueError:
            pass
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        return None
    return found.astimezone(UTC).replace(tzinfo=None) if found.tzinfo else found


def _text(raw: str, entities: dict | None, *, quoted: str | None = None) -> str:
    """A tweet's words: entities unescaped, t.co links written out, images' and the quoted
    tweet's links removed."""
    text = html.unescape(raw or "")
    entities = entities if isinstance(entities, dict) else {}
    for url in entities.get("urls") or []:
        if not isinstance(url, dict) or not url.get("url"):
            continue
        long = str(url.get("unwound_url") or url.get("expanded_url") or "")
        status = _STATUS_URL.match(long)
        drop = "media_key" in url or (quoted and status and status.group(1) == quoted)
        text = text.replace(url["url"], "" if drop else long)
    for media in entities.get("media") or []:
        if isinstance(media, dict) and media.get("url"):
            text = text.replace(media["url"], "")
    lines = (" ".join(line.split()) for line in clean_stored(text).split("\n"))
    return "\n".join(line for line in lines if line)


def to_documents(tweets: Iterable[Tweet], source: Source) -> list[Document]:
    """Gather tweets into testimonials: each conversation's first tweet with the others as its
    comments; retweets and repeated tweets are counted in ``source.warnings``."""
    by_id: dict[str, Tweet] = {}
    retweets = repeated = 0
    for tweet in tweets:
        if tweet.retweet:
            retweets += 1
        elif tweet.id in by_id:
            repeated += 1
        elif tweet.text:
            by_id[tweet.id] = tweet
    if retweets:
        source.warnings.append(f"{retweets} retweet(s) compté(s), non lu(s) comme de nouveaux "
                               "textes")
    if repeated:
        source.warnings.append(f"{repeated} tweet(s) en double laissé(s) de côté")

    def root(tweet: Tweet) -> Tweet:
        seen = {tweet.id}
        while tweet.reply_to in by_id and tweet.reply_to not in seen:
            tweet = by_id[tweet.reply_to]
            seen.add(tweet.id)
        if tweet.reply_to is None or tweet.conversation not in by_id:
            return tweet
        return by_id[tweet.conversation]

    threads: dict[str, list[Tweet]] = {}
    for tweet in by_id.values():
        threads.setdefault(root(tweet).id, []).append(tweet)
    documents = []
    for first_id, thread in threads.items():
        first = by_id[first_id]
        replies = sorted((t for t in thread if t.id != first_id),
                         key=lambda t: (t.created or datetime.min, t.id))
        documents.append(Document(
            text=first.text, author=first.author, handle=first.handle,
            published=first.created, key=first.id,
            comments=[Comment(text=t.text, author=t.author, handle=t.handle, published=t.created,
                              key=t.id, parent_key=t.reply_to if t.reply_to in by_id
                              and t.reply_to != first_id else None) for t in replies]))
    documents.sort(key=lambda d: (d.published or datetime.min, d.key))
    if not documents:
        raise LoadError("aucun tweet à lire (seulement des retweets ?)" if retweets
                        else "aucun tweet à lire")
    return documents


# Archives ---------------------------------------------------------------------------------

def _archive_json(text: str, name: str) -> object:
    """Read an archive's ``.js`` file: JSON after ``window.YTD.tweets.part0 =``."""
    match = _ASSIGNMENT.match(text)
    try:
        return json.loads(text[match.end():] if match else text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise LoadError(f"{name} illisible : ce n’est pas le JSON d’une archive Twitter") \
            from error


def _account(text: str | None) -> tuple[str | None, str | None]:
    """Return ``(display name, @handle)`` from ``account.js`` or ``user_details.js``."""
    if not text:
        return None, None
    value = _archive_json(text, "account.js")
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = value.get("account", value)
    if not isinstance(value, dict):
        return None, None
    name = value.get("accountDisplayName") or value.get("full_name") or value.get("name")
    handle = normalise_handle(str(value.get("username") or value.get("screen_name") or ""))
    return (" ".join(str(name).split()) or None) if name else None, handle


def _archive_tweets(text: str, name: str, author: str | None, handle: str | None
                    ) -> Iterator[Tweet]:
    items = _archive_json(text, name)
    if not isinstance(items, list):
        raise LoadError(f"{name} illisible : la liste des tweets est introuvable")
    for item in items:
        tweet = item.get("tweet", item) if isinstance(item, dict) else None
        if not isinstance(tweet, dict) or not (tweet.get("id_str") or tweet.get("id")):
            continue
        raw = str(tweet.get("full_text") or tweet.get("text") or "")
        yield Tweet(
            id=str(tweet.get("id_str") or tweet.get("id")),
            text=_text(raw, tweet.get("entities")),
            created=_utc(tweet.get("created_at")),
            author=author, handle=handle,
            reply_to=tweet.get("in_reply_to_status_id_str") or None,
            retweet=raw.startswith("RT @") or "retweeted_status" in tweet,
        )


def _csv_tweets(text: str, author: str | None, handle: str | None) -> Iterator[Tweet]:
    for row in csv.DictReader(io.StringIO(text)):
        if not row.get("tweet_id"):
            continue
        yield Tweet(
            id=row["tweet_id"], text=_text(row.get("text") or "", None),
            created=_utc(row.get("timestamp")), author=author, handle=handle,
            reply_to=row.get("in_reply_to_status_id") or None,
            retweet=bool(row.get("retweeted_status_id")),
        )


def _sibling(path: Path, *parts: str) -> str | None:
    """The text of a file of the archive beside ``path``, if it is there (never a link)."""
    other = path.parent.joinpath(*parts)
    if other.is_symlink() or not other.is_file():
        return None
    return other.read_text("utf-8", errors="replace")


def parse_archive_js(source: Source) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read an archive's ``tweets.js`` with the account of the ``account.js`` beside it."""
    account = _sibling(source.path, "account.js")
    if account is None:
        source.warnings.append("account.js absent à côté du fichier : l’auteur des tweets est "
                               "inconnu")
    author, handle = _account(account)
    return to_documents(_archive_tweets(source.text, source.name, author, handle), source), []


def parse_archive_csv(source: Source) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read the ``tweets.csv`` of a 2013 archive, with its ``data/js/user_details.js``."""
    author, handle = _account(_sibling(source.path, "data", "js", "user_details.js"))
    return to_documents(_csv_tweets(source.text, author, handle), source), []


def _members(names: Iterable[str]) -> list[PurePosixPath]:
    return sorted(path for path in map(PurePosixPath, names)
                  if (path.parent.name == "data" and TWEET_FILE.fullmatch(path.name))
                  or path.name == "tweets.csv")


def is_archive_zip(source: Source) -> bool:
    """Tell a zipped Twitter archive from the names of its members."""
    return bool(_members(source.zip_names))


def parse_archive_zip(source: Source) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read a zipped Twitter archive.

    Raises:
        LoadError: a zip archive that is not a Twitter archive.
    """
    with open_zip(source.data, "archive zip") as archive:
        names = set(archive.namelist())
        members = _members(names)
        if not members:
            raise LoadError("archive .zip non lue : seules les archives Twitter le sont ; "
                            "décompressez-la dans le dossier à charger")

        def read(path: PurePosixPath) -> str | None:
            return (archive.read(str(path)).decode("utf-8", errors="replace")
                    if str(path) in names else None)

        tweets: list[Tweet] = []
        for member in members:
            if member.name == "tweets.csv":
                author, handle = _account(read(member.parent / "data/js/user_details.js"))
                tweets += _csv_tweets(read(member) or "", author, handle)
            else:
                author, handle = _account(read(member.parent / "account.js"))
                tweets += _archive_tweets(read(member) or "", member.name, author, handle)
    return to_documents(tweets, source), []


# twarc ------------------------------------------------------------------------------------

def _first_object(source: Source) -> dict | None:
    if not source.opening.startswith("{"):
        return None
    text = source.text
    start = len(source.head) - len(source.head.lstrip())  # the opening white space
    end = text.find("\n", start)
    try:
        value = json.loads(text[start:] if end < 0 else text[start:end])
    except (json.JSONDecodeError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _is_v2_tweet(value: dict) -> bool:
    return "text" in value and "id" in value and (
        "author_id" in value or "conversation_id" in value or "edit_history_tweet_ids" in value)


def is_twarc(source: Source) -> bool:
    """Tell a twarc collection from the keys of its first line."""
    first = _first_object(source)
    if first is None:
        return False
    if "data" in first and ("includes" in first or "meta" in first or "__twarc" in first):
        return True
    return _is_v2_tweet(first) or ("id_str" in first and isinstance(first.get("user"), dict))


def _v2_tweet(tweet: dict, users: dict[str, tuple[str | None, str | None]]) -> Tweet:
    references = {ref.get("type"): str(ref.get("id")) for ref in tweet.get("referenced_tweets")
                  or [] if isinstance(ref, dict)}
    author = tweet.get("author")
    if isinstance(author, dict):
        name, handle = author.get("name"), normalise_handle(str(author.get("username") or ""))
    else:
        name, handle = users.get(str(tweet.get("author_id")), (None, None))
    note = tweet.get("note_tweet")
    long = note.get("text") if isinstance(note, dict) else None
    return Tweet(
        id=str(tweet["id"]),
        text=_text(str(long or tweet.get("text") or ""),
                   (note.get("entities") if long else None) or tweet.get("entities"),
                   quoted=references.get("quoted")),
        created=_utc(tweet.get("created_at")),
        author=name, handle=handle,
        reply_to=references.get("replied_to"),
        conversation=str(tweet["conversation_id"]) if tweet.get("conversation_id") else None,
        retweet="retweeted" in references,
    )


def _v1_tweet(tweet: dict) -> Tweet:
    user = tweet.get("user") or {}
    extended = tweet.get("extended_tweet") or {}
    quoted = tweet.get("quoted_status_id_str")
    return Tweet(
        id=str(tweet.get("id_str") or tweet.get("id")),
        text=_text(str(extended.get("full_text") or tweet.get("full_text") or tweet.get("text")
                       or ""), extended.get("entities") or tweet.get("entities"), quoted=quoted),
        created=_utc(tweet.get("created_at")),
        author=user.get("name"), handle=normalise_handle(str(user.get("screen_name") or "")),
        reply_to=tweet.get("in_reply_to_status_id_str") or None,
        retweet="retweeted_status" in tweet,
    )


def _line_tweets(value: dict) -> list[Tweet]:
    if "data" in value:
        includes = value.get("includes") or {}
        users = {str(user.get("id")): (user.get("name"),
                                       normalise_handle(str(user.get("username") or "")))
                 for user in includes.get("users") or [] if isinstance(user, dict)}
        data = value["data"]
        return [_v2_tweet(tweet, users) for tweet in (data if isinstance(data, list) else [data])
                if isinstance(tweet, dict) and "id" in tweet]
    if _is_v2_tweet(value):
        return [_v2_tweet(value, {})]
    if "id_str" in value or "user" in value:
        return [_v1_tweet(value)]
    raise ValueError("ni tweet ni page de réponses")


def parse_twarc(source: Source) -> tuple[list[Document], list[tuple[str, str]]]:
    """Read a twarc collection; a bad line is reported and skipped, the others load."""
    tweets: list[Tweet] = []
    errors: list[tuple[str, str]] = []
    for where, value in json_lines(source.text, source.name, errors):
        try:
            tweets += _line_tweets(value)
        except RecursionError:
            errors.append((where, "ligne JSON trop imbriquée"))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            errors.append((where, f"ligne twarc illisible ({error})"))
    return to_documents(tweets, source), errors
