window.YTD.account.part0 = [
  {
    "account": {
      "username": "htctl_sample",
      "accountDisplayName": "Sample Gardener (synthetic)",
      "accountId": "1",
      "createdVia": "synthetic",
      "createdAt": "2026-01-01T00:00:00.000Z"
    }
  }
]
