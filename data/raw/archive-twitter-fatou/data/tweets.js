window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "563000000000000001",
      "id": "563000000000000001",
      "full_text": "Inscrite au #TwittMOOC ! Objectif : animer le compte du club sciences du collège https://t.co/mooc1",
      "created_at": "Mon Feb 02 08:30:00 +0000 2015",
      "retweeted": false,
      "favorite_count": "0",
      "lang": "fr",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": [
          {
            "url": "https://t.co/mooc1",
            "expanded_url": "https://twittmooc.fr",
            "display_url": "https://twittmooc.fr"
          }
        ]
      }
    }
  },
  {
    "tweet": {
      "id_str": "563000000000000002",
      "id": "563000000000000002",
      "full_text": "Semaine 1 : j’ai compris la différence entre une réponse et une mention. Merci @twittmooc &amp; @cecile_svt !",
      "created_at": "Sat Feb 07 19:05:00 +0000 2015",
      "retweeted": false,
      "favorite_count": "0",
      "lang": "fr",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "563000000000000003",
      "id": "563000000000000003",
      "full_text": "Et les listes ! Une pour les collègues de SVT, une pour les musées de Dakar et de Paris.",
      "created_at": "Sat Feb 07 19:12:00 +0000 2015",
      "retweeted": false,
      "favorite_count": "0",
      "lang": "fr",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": []
      },
      "in_reply_to_status_id_str": "563000000000000002",
      "in_reply_to_status_id": "563000000000000002"
    }
  },
  {
    "tweet": {
      "id_str": "563000000000000004",
      "id": "563000000000000004",
      "full_text": "RT @twittmooc: Semaine 2 : les hashtags de votre discipline",
      "created_at": "Mon Feb 09 07:00:00 +0000 2015",
      "retweeted": false,
      "favorite_count": "0",
      "lang": "fr",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": []
      }
    }
  },
  {
    "tweet": {
      "id_str": "563000000000000005",
      "id": "563000000000000005",
      "full_text": "Premier live-tweet du club sciences à la fête de la science : 12 élèves, 40 tweets, aucune faute !",
      "created_at": "Sat Oct 10 16:45:00 +0000 2015",
      "retweeted": false,
      "favorite_count": "0",
      "lang": "fr",
      "entities": {
        "hashtags": [],
        "user_mentions": [],
        "urls": []
      }
    }
  }
]