"""Saved blog pages of each platform, written for the tests in French.

Each reproduces the markup a platform's theme writes around a post and its comments (read in
real pages of trafilatura's and Readability's test collections, and in the platforms' default
themes), with our own words: the page's furniture, the comment area, pingbacks, the verb of
saying and the date beside a commenter's name.
"""

from __future__ import annotations

PARAGRAPHS = (
    "J’ai ouvert mon compte Twitter en septembre 2013, sans savoir quoi en faire. Pendant des "
    "mois, je me suis contentée de lire les messages de quelques collègues de lettres.",
    "Le TwittMOOC m’a donné un cadre : une mission par semaine, des participants bienveillants "
    "et des rendez-vous le mercredi soir. J’ai appris à suivre des comptes utiles, à répondre "
    "et à utiliser les hashtags de la communauté éducative.",
    "Aujourd’hui, ma classe de quatrième publie chaque vendredi un tweet qui résume la "
    "semaine, et les élèves relisent ensemble chaque message avant de l’envoyer.",
)
TITLE = "Comment j’ai appris à tweeter avec ma classe"
SITE = "Carnet d’une prof connectée"


def body() -> str:
    """The post's paragraphs as HTML."""
    return "".join(f"<p>{paragraph}</p>\n" for paragraph in PARAGRAPHS)


def head(*, og: bool = True, extra: str = "") -> str:
    og_tags = (f'<meta property="og:title" content="{TITLE}">'
               f'<meta property="og:site_name" content="{SITE}">') if og else ""
    return (f"<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
            f"<title>{TITLE} | {SITE}</title>{og_tags}{extra}"
            "<script>var analytics = {id: 12};</script></head>")


def site_header() -> str:
    return (f'<header class="site-header"><h1 class="site-title"><a href="/">{SITE}</a></h1>'
            '<nav><ul><li><a href="/">Accueil</a></li><li><a href="/a-propos">À propos</a>'
            "</li></ul></nav></header>")


def wordpress_classic() -> str:
    """WordPress, a classic theme (Twenty Fifteen's markup): a pingback, a reply, « dit : »."""
    def comment(key, name, date, text, children=""):
        return (f'<li id="comment-{key}" class="comment even thread-even depth-1">'
                f'<article id="div-comment-{key}" class="comment-body">'
                f'<footer class="comment-meta"><div class="comment-author vcard">'
                f'<img class="avatar" src="a.png"><b class="fn">{name}</b> '
                f'<span class="says">dit :</span></div><div class="comment-metadata">'
                f'<a href="#comment-{key}"><time datetime="{date}">le {date[:10]}</time></a>'
                f'</div></footer><div class="comment-content"><p>{text}</p></div>'
                f'<div class="reply"><a class="comment-reply-link" href="#">Répondre</a></div>'
                f"</article>{children}</li>")
    reply = comment("12", "Claire Dubois", "2014-03-02T21:05:00+01:00", "Merci Lucie, à mercredi !")
    comments = (
        comment("11", "Lucie Martin", "2014-03-02T18:40:00+01:00",
                "Quel beau projet, je vais le proposer à mes élèves.",
                f'<ol class="children">{reply}</ol>')
        + '<li id="comment-13" class="pingback even thread-odd depth-1"><div class="comment-body">'
          'Ping : <a href="https://autre.example.fr">Revue de presse du lundi</a></div></li>'
        + comment("14", "Paul", "2014-03-03T07:15:00+01:00",
                  "Et les parents, comment ont-ils réagi ?")
    )
    return (head(extra='<meta property="article:published_time" '
                       'content="2014-03-01T09:30:00+01:00">')
            + '<body class="single single-post">' + site_header()
            + '<main id="main"><article id="post-42" class="post type-post hentry">'
            f'<header class="entry-header"><h1 class="entry-title">{TITLE}</h1>'
            '<div class="entry-meta"><span class="byline">par <span class="author vcard">'
            '<a class="url fn n" href="/author/claire">Claire Dubois</a></span></span></div>'
            f'</header><div class="entry-content">{body()}'
            '<div class="sharedaddy"><h3>Partager :</h3><a href="#">Twitter</a></div></div>'
            '<footer class="entry-footer"><span class="cat-links"><a href="/c/temoignages" '
            'rel="category tag">Témoignages</a></span><span class="tags-links"><a href="/t/cm" '
            'rel="tag">twittclasse</a></span></footer></article>'
            '<div id="comments" class="comments-area"><h2 class="comments-title">3 réflexions '
            f'sur « {TITLE} »</h2><ol class="comment-list">{comments}</ol>'
            '<div id="respond" class="comment-respond"><h3>Laisser un commentaire</h3><form>'
            '<textarea></textarea></form></div></div></main>'
            '<footer class="site-footer">Fièrement propulsé par WordPress</footer></body></html>')


def wordpress_block_theme() -> str:
    """WordPress, a block theme (Twenty Twenty-Four): the comment template block."""
    def comment(key, name, date, text, children=""):
        return (f'<li id="comment-{key}" class="comment even thread-even depth-1">'
                f'<div class="wp-block-group"><div class="wp-block-comment-author-name">'
                f'<a href="https://twitter.com/{name.lower()}">{name}</a></div>'
                f'<div class="wp-block-comment-date"><time datetime="{date}">{date[:10]}</time>'
                f'</div><div class="wp-block-comment-content"><p>{text}</p></div>'
                f'<div class="wp-block-comment-reply-link"><a href="#">Répondre</a></div></div>'
                f"{children}</li>")
    reply = comment("22", "Claire", "2015-01-11T10:00:00+00:00", "Oui, le mercredi soir.")
    return (head(extra='<script type="application/ld+json">{"@context": "https://schema.org", '
                       '"@graph": [{"@type": "WebSite", "name": "Carnet"}, {"@type": '
                       f'"BlogPosting", "headline": "{TITLE}", "datePublished": '
                       '"2015-01-10T08:00:00+00:00", "author": {"@type": "Person", "name": '
                       '"Claire Dubois"}}]}</script>')
            + '<body><div class="wp-site-blocks"><header class="wp-block-template-part">'
            f'<p class="wp-block-site-title"><a href="/">{SITE}</a></p></header>'
            f'<main class="wp-block-group"><h1 class="wp-block-post-title">{TITLE}</h1>'
            f'<div class="entry-content wp-block-post-content">{body()}</div>'
            '<div class="wp-block-comments"><h2 class="wp-block-comments-title">Une réponse'
            '</h2><ol class="wp-block-comment-template">'
            + comment("21", "Lucie", "2015-01-10T20:00:00+00:00", "Tu tweetes à quelle heure ?",
                      f"<ol class=\"children\">{reply}</ol>")
            + "</ol></div></main></div></body></html>")


def blogger() -> str:
    """Blogger: the post sits in a widget; comments carry their time in a link."""
    def comment(key, name, millis, shown, text, replies=""):
        return (f'<li class="comment" id="c{key}"><div class="avatar-image-container">'
                f'<img src="a.png"></div><div class="comment-block"><div class="comment-header">'
                f'<cite class="user"><a href="https://www.blogger.com/profile/1">{name}</a>'
                f'</cite><span class="datetime secondary-text"><a href="https://carnet.blogspot'
                f'.com/2014/02/tweeter.html?showComment={millis}#c{key}">{shown}</a></span></div>'
                f'<p class="comment-content">{text}</p><span class="comment-actions">'
                f'<a class="comment-reply">Répondre</a></span></div>'
                f'<div class="comment-replies">{replies}</div></li>')
    reply = comment("222", "Claire Dubois", "1392987600000", "21 février 2014 à 14:00",
                    "Merci beaucoup !")
    return (head()
            + '<body><div class="content-outer"><div class="header-outer"><div class="widget '
            f'Header" id="Header1"><h1 class="title">{SITE}</h1></div></div>'
            '<div class="main-outer"><div class="widget Blog" id="Blog1"><div class="blog-posts">'
            '<h2 class="date-header"><span>jeudi 20 février 2014</span></h2>'
            '<div class="post-outer"><div class="post hentry">'
            f'<h3 class="post-title entry-title">{TITLE}</h3>'
            f'<div class="post-body entry-content" id="post-body-1">{body()}</div>'
            '<div class="post-footer"><span class="post-author vcard">Publié par '
            '<span class="fn">Claire Dubois</span></span> <span class="post-labels">Libellés : '
            '<a href="/search/label/twitter" rel="tag">twitter</a></span></div></div>'
            '<div class="comments" id="comments"><h4>2 commentaires :</h4><div id="comment-holder">'
            '<div class="comment-thread toplevel-thread"><ol id="top-ra">'
            + comment("111", "Unknown", "1392915600000", "20 février 2014 à 18:00",
                      "Très inspirant pour mes CM2.",
                      f'<div class="comment-thread inline-thread"><ol>{reply}</ol></div>')
            + "</ol></div></div></div></div></div></div></div>"
            '<div class="widget BlogArchive" id="BlogArchive1"><h2>Archives du blog</h2>'
            "<ul><li>février 2014</li></ul></div></div></body></html>")


def blogger_classic() -> str:
    """Blogger's classic template: comments as a definition list."""
    return (head()
            + f'<body><h1 id="blog-title">{SITE}</h1><div id="main"><div class="post">'
            '<h2 class="date-header">vendredi 14 mars 2014</h2>'
            f'<h3 class="post-title">{TITLE}</h3><div class="post-body">{body()}</div></div>'
            '<div id="comments"><h4>1 commentaire :</h4><dl id="comments-block">'
            '<dt class="comment-author" id="c555"><a name="c555"></a>'
            '<a href="https://www.blogger.com/profile/2" rel="nofollow">Marc Leroy</a> a dit…'
            '</dt><dd class="comment-body"><p>Bravo pour ce travail avec les élèves.</p></dd>'
            '<dd class="comment-footer"><span class="comment-timestamp">'
            '15 mars 2014 à 09:12</span></dd></dl></div></div></body></html>')


def spip_forum() -> str:
    """SPIP: the article and its forum (the default templates' ``ul.forum``)."""
    def message(key, name, shown, text, replies=""):
        who = f'<b class="crayon forum-qui-{key} ">{name}</b>' if name else ""
        return (f'<li class="forum-fil"><div class="forum-top"><a href="#forum{key}" '
                f'id="forum{key}"></a>{who}<div class="forum-nav">({shown})&nbsp;</div>:</div>'
                '<div class="forum-message"><div class="forum-chapo"><p><strong '
                f'class="forum-titre">Re : tweeter en classe</strong></p></div>'
                f'<div class="forum-texte"><p>{text}</p></div></div>{replies}</li>')
    reply = message("902", "Claire", "12 mars 2014 @18h02", "Oui, avec l’accord des familles.")
    return (head(og=False, extra='<meta name="generator" content="SPIP 3.0">')
            + f'<body><div class="page"><div class="header"><a class="logo">{SITE}</a></div>'
            f'<div class="main"><div class="contenu"><h1 class="titre">{TITLE}</h1>'
            '<p class="info-publi"><abbr class="published" title="2014-03-11T08:00:00Z">'
            '11 mars 2014</abbr>, par <span class="vcard author"><a class="url fn spip_in">'
            f'Claire Dubois</a></span></p><div class="texte">{body()}</div></div>'
            '<div class="forum"><h2>3 messages</h2><ul class="forum">'
            + message("901", "Julien", "12 mars 2014 @11h13", "Les élèves ont-ils un compte ?",
                      f'<ul>{reply}</ul>')
            + message("903", "", "13 mars 2014 @07h40", "Merci pour ce partage anonyme.")
            + '</ul></div><div class="formulaire_spip formulaire_forum"><form><textarea>'
            "</textarea></form></div></div></div></body></html>")


def drupal() -> str:
    """Drupal 7: comments in a pane, a reply in ``div.indented`` after its parent."""
    def comment(key, name, shown, text):
        return (f'<a id="comment-{key}"></a><div class="comment comment-published clearfix">'
                f'<div class="submitted">par <span class="username">{name}</span> le {shown}.'
                f'</div><div class="content"><p>{text}</p></div><ul class="links"><li>'
                '<a href="#top">haut de page</a></li></ul></div>')
    return (head()
            + f'<body><div id="page"><div id="header"><a class="logo">{SITE}</a></div>'
            '<div id="content"><article class="node node-article"><h1 class="title">'
            f'{TITLE}</h1><div class="submitted">Publié le 7 mai 2015</div>'
            f'<div class="field-name-body">{body()}</div></article>'
            '<div class="pane-node-comments" id="comments"><h2>Commentaires</h2>'
            + comment("71", "JPA", "7 mai 2015 - 12:38", "Très utile, merci.")
            + '<div class="indented">'
            + comment("72", "Claire", "7 mai 2015 - 15:39", "Avec plaisir !")
            + "</div>"
            + comment("73", "Binh", "8 mai 2015 - 08:01", "Et au lycée ?")
            + "</div></div></div></body></html>")


def disqus_static() -> str:
    """The Disqus plug-in's markup for readers without JavaScript."""
    def comment(key, name, text):
        return (f'<li class="comment" id="dsq-comment-{key}"><div class="dsq-comment-header">'
                f'<cite><span id="dsq-author-user-{key}">{name}</span></cite></div>'
                f'<div class="dsq-comment-body"><div class="dsq-comment-message"><p>{text}</p>'
                "</div></div></li>")
    return (head()
            + f'<body>{site_header()}<article class="post hentry"><h1 class="entry-title">'
            f'{TITLE}</h1><div class="entry-content">{body()}</div></article>'
            '<div id="disqus_thread"><ul id="dsq-comments">'
            + comment("5001", "Sonia", "Une belle aventure de classe.")
            + comment("5002", "Hugo", "Nous commençons la semaine prochaine.")
            + "</ul></div></body></html>")


def overblog() -> str:
    """Overblog: comments in ``.ob-comments``, a date beside each name."""
    def comment(key, name, shown, text):
        return (f'<li class="ob-comment" id="ob-comment-{key}"><div class="ob-user">'
                f'<p class="ob-name"><span class="ob-author">{name}</span></p>'
                f'<p class="ob-info"><span class="ob-date">{shown}</span></p></div>'
                f'<div class="ob-message"><p class="ob-text">{text}</p></div></li>')
    return (head()
            + f'<body><div class="ob-header"><h1 class="ob-title">{SITE}</h1></div>'
            '<div class="ob-section ob-section-post"><div class="ob-post">'
            f'<h2 class="ob-post-title">{TITLE}</h2><p class="ob-post-date">'
            '<time datetime="2014-06-02T10:00:00+02:00">2 juin 2014</time></p>'
            f'<div class="ob-text">{body()}</div></div>'
            '<div class="ob-comments"><h3>Commentaires</h3><ul class="ob-list">'
            + comment("301", "Nadia", "03/06/2014 08:15", "Bravo à la classe !")
            + comment("302", "Bernard", "04/06/2014 19:40", "Je partage avec mes collègues.")
            + "</ul></div></div></body></html>")


def canalblog() -> str:
    """Canalblog: « Posté par … » under each comment."""
    def comment(key, name, shown, text):
        return (f'<div class="blogcomment" id="c{key}"><div class="blogcommentbody">'
                f'<p>{text}</p></div><div class="blogcommentinfo">Posté par '
                f'<a href="#">{name}</a>, {shown}</div></div>')
    return (head()
            + f'<body><div id="header"><h1 class="blog-title">{SITE}</h1></div><div id="content">'
            f'<div class="blogbody"><h3 class="post-title">{TITLE}</h3>'
            f'<div class="articlebody">{body()}</div>'
            '<div class="itemfooter">Publié par Claire à 09:30 - le 12 avril 2014</div></div>'
            '<div class="blogcomments"><h4>Commentaires</h4>'
            + comment("10001", "Mamie Jo", "12 avril 2014 à 21:02", "Quelle bonne idée !")
            + comment("10002", "Anne", "13 avril 2014 à 08:30", "Les miens adoreraient.")
            + "</div></div></body></html>")


def wayback() -> str:
    """A WordPress page saved from the Wayback Machine: its toolbar, its rewritten links."""
    page = wordpress_classic().replace('href="/', 'href="/web/20140315101456/http://carnet'
                                                 '.example.fr/')
    toolbar = ('<script>__wm.init("https://web.archive.org/web");\n__wm.wombat('
               '"http://carnet.example.fr/2014/03/tweeter/","20140315101456",'
               '"https://web.archive.org/","web","/_static/");</script>'
               '<!-- BEGIN WAYBACK TOOLBAR INSERT --><div id="wm-ipp-base"><div id="wm-ipp">'
               '<p>La Wayback Machine a enregistré cette page 3 fois.</p><a href="#">Fermer</a>'
               "</div></div><!-- END WAYBACK TOOLBAR INSERT -->")
    return page.replace("<body", toolbar + "<body", 1).replace(
        "</html>", "<!-- FILE ARCHIVED ON 10:14:56 Mar 15, 2014 AND RETRIEVED FROM THE INTERNET "
                   "ARCHIVE ON 12:00:00 Jan 02, 2020. -->\n</html>")


def tumblr() -> str:
    """Tumblr: likes and reblogs (« notes ») under the post, which are not comments."""
    return (head()
            + f'<body><div id="header"><h1><a href="/">{SITE}</a></h1></div><div id="posts">'
            f'<article class="post text"><h2 class="title">{TITLE}</h2>'
            f'<div class="body">{body()}</div><div class="date">2 février 2015</div>'
            '<ol class="notes"><li class="note like">mamie-jo aime ça</li>'
            '<li class="note reblog">prof-connecte a reblogué ceci</li></ol></article>'
            "</div></body></html>")


def medium() -> str:
    """Medium: the title in the article's ``h1``, no comment in the saved page."""
    return (head(extra='<meta property="article:published_time" '
                       'content="2016-09-12T07:30:00.000Z"><meta name="author" '
                       'content="Claire Dubois">')
            + '<body><div class="metabar"><a href="/">Medium</a></div><main><article>'
            f'<section><div class="section-content"><h1 class="graf--title">{TITLE}</h1>'
            f"{body()}</div></section></article></main>"
            '<footer><p>Applaudissez pour montrer votre soutien.</p></footer></body></html>')


def soft_hyphens() -> str:
    """A page whose words hold soft hyphens and zero-width spaces, as justified themes do."""
    return wordpress_classic().replace("septembre", "sep&shy;tembre").replace(
        "collègues", "col\u00adlègues").replace("communauté", "commu\u200bnauté")
