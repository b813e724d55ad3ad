window.YTD.account.part0 = [
  {
    "account": {
      "email": "x@example.org",
      "createdVia": "web",
      "username": "Fatou_Sciences",
      "accountId": "42",
      "createdAt": "2012-09-01T08:00:00.000Z",
      "accountDisplayName": "Fatou Diallo"
    }
  }
]