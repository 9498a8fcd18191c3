window.YTD.profile.part0 = [
  {
    "profile": {
      "description": {
        "bio": "A synthetic account for htctl's demo. Not a real person."
      },
      "avatarMediaUrl": ""
    }
  }
]
