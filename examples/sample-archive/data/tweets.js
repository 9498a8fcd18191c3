window.YTD.tweets.part0 = [
  {
    "tweet": {
      "id_str": "1900000000000000699",
      "full_text": "Sky log: the old oak outlasted the first frost. Notes are in the journal.",
      "created_at": "Tue Nov 17 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000698",
      "full_text": "This morning the seed library kept an eye on two hungry blackbirds. Photos later, maybe.",
      "created_at": "Mon Nov 16 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000697",
      "full_text": "RT @garden_club_demo: Sky log: the sourdough starter outlasted the morning fog.",
      "created_at": "Mon Nov 16 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000696",
      "full_text": "Harvest day",
      "created_at": "Mon Nov 16 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000695",
      "full_text": "ok ok",
      "created_at": "Sun Nov 15 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000694",
      "full_text": "Quiet update: the pond taught me about an overly ambitious plan. Not bad for a Tuesday.",
      "created_at": "Sun Nov 15 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000693",
      "full_text": "Today the old oak out-grew the meteor shower. Nature always wins.",
      "created_at": "Sat Nov 14 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000692",
      "full_text": "This morning the compost heap argued with a stubborn weed. Patience is a tool too.",
      "created_at": "Sat Nov 14 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000691",
      "full_text": "Garden log: the tomatoes surprised the soil thermometer. Small victories. https://example.com/log/691",
      "created_at": "Fri Nov 13 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000690",
      "full_text": "Clouds again",
      "created_at": "Fri Nov 13 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000689",
      "full_text": "Tonight the seed library outlasted a stubborn weed. Notes are in the journal. https://example.com/log/689",
      "created_at": "Thu Nov 12 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000688",
      "full_text": "RT @garden_club_demo: Reminder to self: the bees outlasted the soil thermometer.",
      "created_at": "Thu Nov 12 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000687",
      "full_text": "Today the seed library out-grew the morning fog. Not bad for a Tuesday.",
      "created_at": "Wed Nov 11 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000686",
      "full_text": "Somehow the bees kept an eye on the first frost. Small victories.",
      "created_at": "Wed Nov 11 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000685",
      "full_text": "Quiet update: the greenhouse waited for three cloudy nights. Tea time now.",
      "created_at": "Tue Nov 10 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000684",
      "full_text": "RT @garden_club_demo: Today the compost heap finally agreed with a very patient snail.",
      "created_at": "Tue Nov 10 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000683",
      "full_text": "Quiet update: the compost heap surprised a late summer storm. Notes are in the journal. https://example.com/log/683",
      "created_at": "Tue Nov 10 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000682",
      "full_text": "Sky log: the sourdough starter surprised a very patient snail. More tomorrow.",
      "created_at": "Mon Nov 09 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000681",
      "full_text": "Garden log: my telescope waited for the meteor shower. Small victories.",
      "created_at": "Mon Nov 09 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000680",
      "full_text": "RT @garden_club_demo: Sky log: the pond argued with the first frost.",
      "created_at": "Sun Nov 08 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000679",
      "full_text": "Garden log: the basil out-grew a stubborn weed. Photos later, maybe.",
      "created_at": "Sun Nov 08 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000678",
      "full_text": "Garden log: the night sky waited for a late summer storm. More tomorrow.",
      "created_at": "Sat Nov 07 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000677",
      "full_text": "RT @garden_club_demo: Reminder to self: the greenhouse out-grew a very patient snail.",
      "created_at": "Sat Nov 07 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000676",
      "full_text": "RT @garden_club_demo: After a week of waiting the seed library outlasted a very patient snail.",
      "created_at": "Fri Nov 06 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000675",
      "full_text": "Reminder to self: the tomatoes waited for a very patient snail. Not bad for a Tuesday.",
      "created_at": "Fri Nov 06 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000674",
      "full_text": "Reminder to self: the bean trellis argued with the meteor shower. Small victories.",
      "created_at": "Thu Nov 05 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000673",
      "full_text": "@seed_swap_demo This morning the moon made peace with an overly ambitious plan. Notes are in the journal. #gardening",
      "created_at": "Thu Nov 05 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000672",
      "full_text": "RT @garden_club_demo: Sky log: the tomatoes kept an eye on three cloudy nights.",
      "created_at": "Thu Nov 05 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000671",
      "full_text": "This morning the tomatoes out-grew the morning fog. Small victories.",
      "created_at": "Wed Nov 04 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000670",
      "full_text": "Today the basil taught me about a very patient snail. Patience is a tool too.",
      "created_at": "Wed Nov 04 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000669",
      "full_text": "This morning the old oak finally agreed with an overly ambitious plan. Lesson learned.",
      "created_at": "Tue Nov 03 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000668",
      "full_text": "Reminder to self: the bean trellis ignored the meteor shower. More tomorrow. https://example.com/log/668",
      "created_at": "Tue Nov 03 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000667",
      "full_text": "RT @garden_club_demo: Sky log: the compost heap finally agreed with the neighbour's cat.",
      "created_at": "Mon Nov 02 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000666",
      "full_text": "Today Saturn ignored two hungry blackbirds. Photos later, maybe.",
      "created_at": "Mon Nov 02 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000665",
      "full_text": "Reminder to self: the bean trellis made peace with the morning fog. Not bad for a Tuesday.",
      "created_at": "Sun Nov 01 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000664",
      "full_text": "ok ok",
      "created_at": "Sun Nov 01 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000663",
      "full_text": "This morning the old oak out-grew the neighbour's cat. Photos later, maybe. https://example.com/log/663",
      "created_at": "Sat Oct 31 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000662",
      "full_text": "Tonight the night sky made peace with the soil thermometer. Small victories.",
      "created_at": "Sat Oct 31 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000661",
      "full_text": "After a week of waiting the greenhouse surprised the soil thermometer. Small victories.",
      "created_at": "Fri Oct 30 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000660",
      "full_text": "Tonight the moon out-grew the neighbour's cat &amp; Notes are in the journal.",
      "created_at": "Fri Oct 30 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000659",
      "full_text": "Sky log: the moon out-grew a late summer storm. Small victories.",
      "created_at": "Fri Oct 30 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000658",
      "full_text": "Quiet update: the bees out-grew the meteor shower. Photos later, maybe.",
      "created_at": "Thu Oct 29 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000657",
      "full_text": "Clouds again",
      "created_at": "Thu Oct 29 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000656",
      "full_text": "Somehow the pond kept an eye on the meteor shower. Patience is a tool too.",
      "created_at": "Wed Oct 28 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000655",
      "full_text": "Reminder to self: the moon finally agreed with the neighbour's cat. Tea time now.",
      "created_at": "Wed Oct 28 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000654",
      "full_text": "RT @garden_club_demo: Somehow the old oak outlasted the morning fog.",
      "created_at": "Tue Oct 27 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000653",
      "full_text": "After a week of waiting the sourdough starter argued with the meteor shower. Photos later, maybe.",
      "created_at": "Tue Oct 27 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000652",
      "full_text": "Garden log: our rain barrel outlasted a late summer storm. Nature always wins. https://example.com/log/652",
      "created_at": "Mon Oct 26 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000651",
      "full_text": "RT @garden_club_demo: After a week of waiting the basil made peace with an overly ambitious plan.",
      "created_at": "Mon Oct 26 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000650",
      "full_text": "Sky log: the greenhouse argued with the first frost. Lesson learned. https://example.com/log/650",
      "created_at": "Sun Oct 25 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000649",
      "full_text": "This morning our rain barrel made peace with two hungry blackbirds. Tea time now.",
      "created_at": "Sun Oct 25 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000648",
      "full_text": "Today our rain barrel waited for the first frost. Nature always wins.",
      "created_at": "Sun Oct 25 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000647",
      "full_text": "RT @garden_club_demo: Garden log: the bees argued with a very patient snail.",
      "created_at": "Sat Oct 24 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000646",
      "full_text": "RT @garden_club_demo: Somehow the compost heap taught me about the neighbour's cat.",
      "created_at": "Sat Oct 24 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000645",
      "full_text": "Sky log: the night sky outlasted the first frost. Lesson learned.",
      "created_at": "Fri Oct 23 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000644",
      "full_text": "Clouds again",
      "created_at": "Fri Oct 23 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000643",
      "full_text": "@seed_swap_demo This morning the seed library finally agreed with the neighbour's cat. More tomorrow. #gardening",
      "created_at": "Thu Oct 22 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000642",
      "full_text": "Today Saturn made peace with a very patient snail. Patience is a tool too.",
      "created_at": "Thu Oct 22 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000641",
      "full_text": "RT @garden_club_demo: Today the basil outlasted three cloudy nights.",
      "created_at": "Wed Oct 21 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000640",
      "full_text": "RT @garden_club_demo: Quiet update: my telescope surprised the soil thermometer.",
      "created_at": "Wed Oct 21 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000639",
      "full_text": "RT @garden_club_demo: Garden log: the seed library out-grew the soil thermometer.",
      "created_at": "Tue Oct 20 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000638",
      "full_text": "Reminder to self: the basil finally agreed with an overly ambitious plan. Small victories.",
      "created_at": "Tue Oct 20 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000637",
      "full_text": "so tired",
      "created_at": "Mon Oct 19 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000636",
      "full_text": "RT @garden_club_demo: Garden log: the bees finally agreed with the first frost.",
      "created_at": "Mon Oct 19 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000635",
      "full_text": "Today the seed library taught me about the soil thermometer. Not bad for a Tuesday.",
      "created_at": "Mon Oct 19 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000634",
      "full_text": "yes",
      "created_at": "Sun Oct 18 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000633",
      "full_text": "Tonight the seed library taught me about an overly ambitious plan. Photos later, maybe.",
      "created_at": "Sun Oct 18 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000632",
      "full_text": "Today the old oak outlasted a very patient snail. Nature always wins. https://example.com/log/632",
      "created_at": "Sat Oct 17 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000631",
      "full_text": "Sky log: the night sky kept an eye on three cloudy nights. Not bad for a Tuesday.",
      "created_at": "Sat Oct 17 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000630",
      "full_text": "Sky log: Saturn taught me about two hungry blackbirds &amp; More tomorrow.",
      "created_at": "Fri Oct 16 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000629",
      "full_text": "Somehow our rain barrel finally agreed with the neighbour's cat. Logging it for next year.",
      "created_at": "Fri Oct 16 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000628",
      "full_text": "Garden log: the basil waited for the soil thermometer. Patience is a tool too.",
      "created_at": "Thu Oct 15 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000627",
      "full_text": "Tonight my telescope surprised a very patient snail &amp; Patience is a tool too.",
      "created_at": "Thu Oct 15 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000626",
      "full_text": "Quiet update: the tomatoes ignored a late summer storm &amp; More tomorrow.",
      "created_at": "Wed Oct 14 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000625",
      "full_text": "Today the pond finally agreed with the morning fog. Photos later, maybe.",
      "created_at": "Wed Oct 14 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000624",
      "full_text": "Sky log: the compost heap outlasted the neighbour's cat. Small victories.",
      "created_at": "Wed Oct 14 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000623",
      "full_text": "RT @garden_club_demo: Garden log: our rain barrel outlasted the soil thermometer.",
      "created_at": "Tue Oct 13 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000622",
      "full_text": "RT @garden_club_demo: Tonight the sourdough starter waited for an overly ambitious plan.",
      "created_at": "Tue Oct 13 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000621",
      "full_text": "Garden log: the sourdough starter kept an eye on three cloudy nights. Logging it for next year.",
      "created_at": "Mon Oct 12 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000620",
      "full_text": "RT @garden_club_demo: Garden log: my telescope taught me about the soil thermometer.",
      "created_at": "Mon Oct 12 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000619",
      "full_text": "Reminder to self: the pond outlasted the meteor shower. Notes are in the journal.",
      "created_at": "Sun Oct 11 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000618",
      "full_text": "Today the moon argued with a stubborn weed. Not bad for a Tuesday.",
      "created_at": "Sun Oct 11 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000617",
      "full_text": "Tonight the bean trellis out-grew the meteor shower. Lesson learned.",
      "created_at": "Sat Oct 10 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000616",
      "full_text": "After a week of waiting the moon ignored two hungry blackbirds. More tomorrow.",
      "created_at": "Sat Oct 10 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000615",
      "full_text": "@seed_swap_demo This morning the moon finally agreed with the morning fog. Small victories. #gardening",
      "created_at": "Fri Oct 09 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000614",
      "full_text": "Today the old oak kept an eye on a very patient snail &amp; Nature always wins.",
      "created_at": "Fri Oct 09 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000613",
      "full_text": "RT @garden_club_demo: After a week of waiting my telescope ignored a stubborn weed.",
      "created_at": "Thu Oct 08 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000612",
      "full_text": "Quiet update: the sourdough starter finally agreed with the meteor shower. Small victories.",
      "created_at": "Thu Oct 08 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000611",
      "full_text": "After a week of waiting the basil ignored a late summer storm &amp; Photos later, maybe.",
      "created_at": "Thu Oct 08 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000610",
      "full_text": "After a week of waiting the compost heap kept an eye on the meteor shower. Notes are in the journal.",
      "created_at": "Wed Oct 07 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000609",
      "full_text": "Somehow the tomatoes surprised the neighbour's cat. Lesson learned. https://example.com/log/609",
      "created_at": "Wed Oct 07 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000608",
      "full_text": "After a week of waiting the bees finally agreed with the soil thermometer. More tomorrow.",
      "created_at": "Tue Oct 06 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000607",
      "full_text": "Sky log: the greenhouse finally agreed with a late summer storm. Patience is a tool too.",
      "created_at": "Tue Oct 06 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000606",
      "full_text": "Today the old oak kept an eye on two hungry blackbirds. Logging it for next year.",
      "created_at": "Mon Oct 05 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000605",
      "full_text": "Today the compost heap argued with the meteor shower. Not bad for a Tuesday.",
      "created_at": "Mon Oct 05 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000604",
      "full_text": "RT @garden_club_demo: Somehow the tomatoes argued with the morning fog.",
      "created_at": "Sun Oct 04 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000603",
      "full_text": "Garden log: Saturn taught me about the morning fog. Photos later, maybe.",
      "created_at": "Sun Oct 04 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000602",
      "full_text": "Somehow our rain barrel made peace with a late summer storm. Patience is a tool too.",
      "created_at": "Sat Oct 03 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000601",
      "full_text": "This morning our rain barrel taught me about a very patient snail. Patience is a tool too.",
      "created_at": "Sat Oct 03 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000600",
      "full_text": "After a week of waiting the pond outlasted three cloudy nights. Photos later, maybe.",
      "created_at": "Sat Oct 03 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000599",
      "full_text": "Quiet update: the basil surprised three cloudy nights. Notes are in the journal.",
      "created_at": "Fri Oct 02 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000598",
      "full_text": "Sky log: the bean trellis finally agreed with a very patient snail. Notes are in the journal.",
      "created_at": "Fri Oct 02 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000597",
      "full_text": "After a week of waiting the bees outlasted a very patient snail. Logging it for next year.",
      "created_at": "Thu Oct 01 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000596",
      "full_text": "Harvest day",
      "created_at": "Thu Oct 01 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000595",
      "full_text": "yes",
      "created_at": "Wed Sep 30 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000594",
      "full_text": "Somehow the bees argued with a late summer storm. Not bad for a Tuesday.",
      "created_at": "Wed Sep 30 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000593",
      "full_text": "Quiet update: Saturn finally agreed with the meteor shower &amp; Small victories.",
      "created_at": "Tue Sep 29 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000592",
      "full_text": "After a week of waiting the old oak out-grew an overly ambitious plan. Small victories. https://example.com/log/592",
      "created_at": "Tue Sep 29 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000591",
      "full_text": "Garden log: the compost heap surprised the meteor shower. Lesson learned.",
      "created_at": "Mon Sep 28 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000590",
      "full_text": "Frost!",
      "created_at": "Mon Sep 28 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000589",
      "full_text": "Reminder to self: our rain barrel made peace with two hungry blackbirds. Tea time now.",
      "created_at": "Sun Sep 27 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000588",
      "full_text": "@seed_swap_demo This morning the compost heap finally agreed with three cloudy nights. Not bad for a Tuesday. #gardening",
      "created_at": "Sun Sep 27 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000587",
      "full_text": "Today the greenhouse taught me about the soil thermometer. Nature always wins.",
      "created_at": "Sun Sep 27 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000586",
      "full_text": "Garden log: the old oak surprised the first frost. Photos later, maybe.",
      "created_at": "Sat Sep 26 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000585",
      "full_text": "RT @garden_club_demo: Sky log: the moon made peace with the morning fog.",
      "created_at": "Sat Sep 26 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000584",
      "full_text": "Sky log: the bean trellis kept an eye on a very patient snail. Patience is a tool too.",
      "created_at": "Fri Sep 25 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000583",
      "full_text": "Today the greenhouse out-grew a very patient snail. Logging it for next year.",
      "created_at": "Fri Sep 25 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000582",
      "full_text": "Garden log: the basil surprised the soil thermometer. Photos later, maybe.",
      "created_at": "Thu Sep 24 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000581",
      "full_text": "RT @garden_club_demo: Somehow our rain barrel ignored a very patient snail.",
      "created_at": "Thu Sep 24 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000580",
      "full_text": "Somehow the old oak ignored an overly ambitious plan. Photos later, maybe.",
      "created_at": "Wed Sep 23 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000579",
      "full_text": "Sky log: my telescope argued with the first frost. Lesson learned.",
      "created_at": "Wed Sep 23 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000578",
      "full_text": "Somehow Saturn kept an eye on the first frost. Photos later, maybe.",
      "created_at": "Tue Sep 22 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000577",
      "full_text": "Quiet update: the moon taught me about the neighbour's cat. Lesson learned.",
      "created_at": "Tue Sep 22 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000576",
      "full_text": "This morning the tomatoes ignored a very patient snail. Patience is a tool too.",
      "created_at": "Tue Sep 22 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000575",
      "full_text": "Frost!",
      "created_at": "Mon Sep 21 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000574",
      "full_text": "Quiet update: the moon kept an eye on a late summer storm. Lesson learned.",
      "created_at": "Mon Sep 21 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000573",
      "full_text": "This morning the moon finally agreed with three cloudy nights. Notes are in the journal. https://example.com/log/573",
      "created_at": "Sun Sep 20 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000572",
      "full_text": "This morning the bean trellis made peace with an overly ambitious plan. Tea time now.",
      "created_at": "Sun Sep 20 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000571",
      "full_text": "Garden log: the bees kept an eye on three cloudy nights. Tea time now. https://example.com/log/571",
      "created_at": "Sat Sep 19 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000570",
      "full_text": "Tonight the night sky ignored the neighbour's cat. Notes are in the journal.",
      "created_at": "Sat Sep 19 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000569",
      "full_text": "After a week of waiting the night sky made peace with the soil thermometer. Tea time now.",
      "created_at": "Fri Sep 18 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000568",
      "full_text": "Sky log: the bean trellis taught me about the first frost. Nature always wins.",
      "created_at": "Fri Sep 18 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000567",
      "full_text": "Tonight our rain barrel made peace with the soil thermometer. Lesson learned.",
      "created_at": "Thu Sep 17 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000566",
      "full_text": "Somehow the bees taught me about two hungry blackbirds. Tea time now. https://example.com/log/566",
      "created_at": "Thu Sep 17 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000565",
      "full_text": "Reminder to self: the greenhouse ignored a very patient snail. Nature always wins. https://example.com/log/565",
      "created_at": "Wed Sep 16 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000564",
      "full_text": "Reminder to self: our rain barrel out-grew a late summer storm. Lesson learned.",
      "created_at": "Wed Sep 16 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000563",
      "full_text": "RT @garden_club_demo: Sky log: the tomatoes kept an eye on the morning fog.",
      "created_at": "Wed Sep 16 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000562",
      "full_text": "Reminder to self: the sourdough starter made peace with the first frost. Notes are in the journal. https://example.com/log/562",
      "created_at": "Tue Sep 15 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000561",
      "full_text": "After a week of waiting Saturn ignored the morning fog. Patience is a tool too.",
      "created_at": "Tue Sep 15 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000560",
      "full_text": "Somehow Saturn kept an eye on the meteor shower. Logging it for next year.",
      "created_at": "Mon Sep 14 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000559",
      "full_text": "@seed_swap_demo Somehow our rain barrel ignored the morning fog. More tomorrow. #gardening",
      "created_at": "Mon Sep 14 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000558",
      "full_text": "Garden log: the seed library out-grew a stubborn weed. Lesson learned.",
      "created_at": "Sun Sep 13 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000557",
      "full_text": "RT @garden_club_demo: Today the moon waited for the first frost.",
      "created_at": "Sun Sep 13 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000556",
      "full_text": "Tonight the pond surprised the meteor shower. Tea time now.",
      "created_at": "Sat Sep 12 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000555",
      "full_text": "Sky log: our rain barrel argued with a stubborn weed. Notes are in the journal.",
      "created_at": "Sat Sep 12 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000554",
      "full_text": "Reminder to self: the moon out-grew the neighbour's cat. More tomorrow.",
      "created_at": "Fri Sep 11 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000553",
      "full_text": "After a week of waiting our rain barrel argued with a late summer storm. Lesson learned. https://example.com/log/553",
      "created_at": "Fri Sep 11 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000552",
      "full_text": "Quiet update: the old oak made peace with the morning fog. Photos later, maybe.",
      "created_at": "Fri Sep 11 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000551",
      "full_text": "Quiet update: the seed library outlasted an overly ambitious plan &amp; Tea time now.",
      "created_at": "Thu Sep 10 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000550",
      "full_text": "Reminder to self: the moon kept an eye on three cloudy nights. Lesson learned.",
      "created_at": "Thu Sep 10 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000549",
      "full_text": "Tonight the seed library surprised the first frost. Not bad for a Tuesday. https://example.com/log/549",
      "created_at": "Wed Sep 09 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000548",
      "full_text": "@seed_swap_demo Today the basil made peace with an overly ambitious plan. Small victories. #gardening",
      "created_at": "Wed Sep 09 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000547",
      "full_text": "Garden log: the night sky outlasted the first frost. Nature always wins.",
      "created_at": "Tue Sep 08 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000546",
      "full_text": "This morning the bees ignored the meteor shower. Photos later, maybe.",
      "created_at": "Tue Sep 08 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000545",
      "full_text": "Garden log: the old oak waited for a very patient snail. Logging it for next year.",
      "created_at": "Mon Sep 07 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000544",
      "full_text": "Sky log: the seed library ignored an overly ambitious plan. Notes are in the journal. https://example.com/log/544",
      "created_at": "Mon Sep 07 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000543",
      "full_text": "Tonight the tomatoes out-grew a very patient snail. Logging it for next year.",
      "created_at": "Sun Sep 06 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000542",
      "full_text": "Today the compost heap kept an eye on a very patient snail. Photos later, maybe.",
      "created_at": "Sun Sep 06 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000541",
      "full_text": "This morning the night sky outlasted the neighbour's cat. More tomorrow.",
      "created_at": "Sat Sep 05 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000540",
      "full_text": "This morning the moon taught me about the morning fog. Not bad for a Tuesday.",
      "created_at": "Sat Sep 05 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000539",
      "full_text": "After a week of waiting the sourdough starter taught me about the first frost. Patience is a tool too.",
      "created_at": "Sat Sep 05 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000538",
      "full_text": "RT @garden_club_demo: Somehow the compost heap finally agreed with the first frost.",
      "created_at": "Fri Sep 04 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000537",
      "full_text": "After a week of waiting Saturn waited for a late summer storm. Not bad for a Tuesday.",
      "created_at": "Fri Sep 04 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000536",
      "full_text": "After a week of waiting the night sky outlasted three cloudy nights. Not bad for a Tuesday.",
      "created_at": "Thu Sep 03 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000535",
      "full_text": "Frost!",
      "created_at": "Thu Sep 03 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000534",
      "full_text": "Reminder to self: the seed library finally agreed with a stubborn weed &amp; Logging it for next year.",
      "created_at": "Wed Sep 02 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000533",
      "full_text": "Tonight my telescope out-grew the meteor shower. Patience is a tool too.",
      "created_at": "Wed Sep 02 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000532",
      "full_text": "After a week of waiting the old oak kept an eye on two hungry blackbirds. Photos later, maybe. https://example.com/log/532",
      "created_at": "Tue Sep 01 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000531",
      "full_text": "yes",
      "created_at": "Tue Sep 01 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000530",
      "full_text": "RT @garden_club_demo: This morning my telescope outlasted three cloudy nights.",
      "created_at": "Mon Aug 31 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000529",
      "full_text": "Today the sourdough starter taught me about the first frost. Small victories.",
      "created_at": "Mon Aug 31 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000528",
      "full_text": "After a week of waiting Saturn ignored three cloudy nights. Not bad for a Tuesday.",
      "created_at": "Mon Aug 31 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000527",
      "full_text": "Today the seed library taught me about the soil thermometer. Notes are in the journal.",
      "created_at": "Sun Aug 30 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000526",
      "full_text": "Garden log: the bees finally agreed with the morning fog &amp; Small victories.",
      "created_at": "Sun Aug 30 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000525",
      "full_text": "After a week of waiting the old oak out-grew the soil thermometer. Notes are in the journal.",
      "created_at": "Sat Aug 29 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000524",
      "full_text": "RT @garden_club_demo: Tonight the tomatoes made peace with two hungry blackbirds.",
      "created_at": "Sat Aug 29 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000523",
      "full_text": "Sky log: the tomatoes finally agreed with the soil thermometer. Tea time now.",
      "created_at": "Fri Aug 28 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000522",
      "full_text": "Reminder to self: the old oak taught me about an overly ambitious plan. Patience is a tool too.",
      "created_at": "Fri Aug 28 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000521",
      "full_text": "Tonight Saturn argued with the soil thermometer. Tea time now.",
      "created_at": "Thu Aug 27 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000520",
      "full_text": "Quiet update: my telescope ignored an overly ambitious plan. More tomorrow.",
      "created_at": "Thu Aug 27 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000519",
      "full_text": "Quiet update: Saturn out-grew the morning fog. Nature always wins.",
      "created_at": "Wed Aug 26 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000518",
      "full_text": "This morning the seed library argued with the soil thermometer. Logging it for next year.",
      "created_at": "Wed Aug 26 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000517",
      "full_text": "Quiet update: the bees waited for three cloudy nights. Lesson learned.",
      "created_at": "Tue Aug 25 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000516",
      "full_text": "This morning the sourdough starter made peace with the first frost. Not bad for a Tuesday.",
      "created_at": "Tue Aug 25 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000515",
      "full_text": "Somehow the pond argued with a stubborn weed. More tomorrow.",
      "created_at": "Tue Aug 25 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000514",
      "full_text": "@seed_swap_demo Somehow the greenhouse out-grew the meteor shower. More tomorrow. #gardening",
      "created_at": "Mon Aug 24 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000513",
      "full_text": "Quiet update: the night sky taught me about a very patient snail &amp; Patience is a tool too.",
      "created_at": "Mon Aug 24 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000512",
      "full_text": "After a week of waiting the seed library out-grew the soil thermometer &amp; Logging it for next year.",
      "created_at": "Sun Aug 23 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000511",
      "full_text": "Tonight the compost heap outlasted a stubborn weed. Small victories.",
      "created_at": "Sun Aug 23 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000510",
      "full_text": "Somehow the seed library kept an eye on the soil thermometer &amp; Not bad for a Tuesday.",
      "created_at": "Sat Aug 22 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000509",
      "full_text": "Tonight the sourdough starter out-grew two hungry blackbirds. Patience is a tool too.",
      "created_at": "Sat Aug 22 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000508",
      "full_text": "After a week of waiting the seed library argued with the meteor shower. Small victories.",
      "created_at": "Fri Aug 21 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000507",
      "full_text": "Quiet update: our rain barrel surprised a very patient snail. Nature always wins.",
      "created_at": "Fri Aug 21 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000506",
      "full_text": "After a week of waiting the seed library out-grew three cloudy nights. Small victories. https://example.com/log/506",
      "created_at": "Thu Aug 20 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000505",
      "full_text": "Today the moon waited for the morning fog. Patience is a tool too.",
      "created_at": "Thu Aug 20 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000504",
      "full_text": "Sky log: the bean trellis outlasted a very patient snail. Not bad for a Tuesday.",
      "created_at": "Thu Aug 20 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000503",
      "full_text": "Garden log: the basil taught me about a stubborn weed. Tea time now.",
      "created_at": "Wed Aug 19 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000502",
      "full_text": "This morning the bean trellis waited for a late summer storm. Notes are in the journal.",
      "created_at": "Wed Aug 19 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000501",
      "full_text": "RT @garden_club_demo: Today the sourdough starter ignored three cloudy nights.",
      "created_at": "Tue Aug 18 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000500",
      "full_text": "yes",
      "created_at": "Tue Aug 18 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000499",
      "full_text": "This morning Saturn made peace with the meteor shower. Nature always wins. https://example.com/log/499",
      "created_at": "Mon Aug 17 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000498",
      "full_text": "Moon.",
      "created_at": "Mon Aug 17 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000497",
      "full_text": "Quiet update: the bees ignored an overly ambitious plan &amp; Lesson learned.",
      "created_at": "Sun Aug 16 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000496",
      "full_text": "Garden log: the moon argued with an overly ambitious plan. More tomorrow.",
      "created_at": "Sun Aug 16 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000495",
      "full_text": "Quiet update: the moon finally agreed with the first frost. Patience is a tool too.",
      "created_at": "Sat Aug 15 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000494",
      "full_text": "After a week of waiting the greenhouse outlasted a stubborn weed. Lesson learned.",
      "created_at": "Sat Aug 15 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000493",
      "full_text": "Quiet update: the night sky taught me about a very patient snail. Lesson learned.",
      "created_at": "Fri Aug 14 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000492",
      "full_text": "Garden log: the moon finally agreed with the neighbour's cat. Nature always wins.",
      "created_at": "Fri Aug 14 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000491",
      "full_text": "Reminder to self: the tomatoes waited for a late summer storm. Tea time now.",
      "created_at": "Fri Aug 14 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000490",
      "full_text": "After a week of waiting the sourdough starter waited for the first frost. Small victories.",
      "created_at": "Thu Aug 13 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000489",
      "full_text": "Tonight the compost heap kept an eye on the first frost. More tomorrow.",
      "created_at": "Thu Aug 13 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000488",
      "full_text": "@seed_swap_demo Quiet update: the compost heap waited for two hungry blackbirds. More tomorrow. #gardening",
      "created_at": "Wed Aug 12 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000487",
      "full_text": "Moon.",
      "created_at": "Wed Aug 12 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000486",
      "full_text": "Sky log: the sourdough starter finally agreed with the morning fog. Nature always wins.",
      "created_at": "Tue Aug 11 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000485",
      "full_text": "RT @garden_club_demo: Today the pond made peace with the meteor shower.",
      "created_at": "Tue Aug 11 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000484",
      "full_text": "RT @garden_club_demo: Quiet update: the greenhouse surprised the soil thermometer.",
      "created_at": "Mon Aug 10 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000483",
      "full_text": "After a week of waiting the bean trellis outlasted three cloudy nights &amp; Lesson learned.",
      "created_at": "Mon Aug 10 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000482",
      "full_text": "Sky log: the pond made peace with the morning fog. Small victories.",
      "created_at": "Sun Aug 09 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000481",
      "full_text": "Quiet update: the bean trellis finally agreed with the soil thermometer &amp; Logging it for next year.",
      "created_at": "Sun Aug 09 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000480",
      "full_text": "Quiet update: Saturn finally agreed with an overly ambitious plan. Not bad for a Tuesday.",
      "created_at": "Sun Aug 09 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000479",
      "full_text": "After a week of waiting the sourdough starter argued with two hungry blackbirds. Photos later, maybe.",
      "created_at": "Sat Aug 08 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000478",
      "full_text": "Quiet update: the greenhouse kept an eye on the soil thermometer. More tomorrow.",
      "created_at": "Sat Aug 08 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000477",
      "full_text": "Somehow the greenhouse made peace with the morning fog. Tea time now.",
      "created_at": "Fri Aug 07 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000476",
      "full_text": "RT @garden_club_demo: Sky log: the night sky finally agreed with the morning fog.",
      "created_at": "Fri Aug 07 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000475",
      "full_text": "Sky log: the night sky waited for a very patient snail. Lesson learned. https://example.com/log/475",
      "created_at": "Thu Aug 06 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000474",
      "full_text": "This morning the sourdough starter argued with the soil thermometer. Photos later, maybe.",
      "created_at": "Thu Aug 06 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000473",
      "full_text": "Somehow the seed library argued with the morning fog. More tomorrow.",
      "created_at": "Wed Aug 05 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000472",
      "full_text": "Garden log: the sourdough starter finally agreed with the soil thermometer. Notes are in the journal.",
      "created_at": "Wed Aug 05 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000471",
      "full_text": "Quiet update: the moon taught me about the meteor shower. Patience is a tool too.",
      "created_at": "Tue Aug 04 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000470",
      "full_text": "Garden log: the basil finally agreed with the soil thermometer &amp; Nature always wins.",
      "created_at": "Tue Aug 04 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000469",
      "full_text": "This morning the old oak outlasted the meteor shower. Not bad for a Tuesday.",
      "created_at": "Mon Aug 03 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000468",
      "full_text": "Today my telescope argued with a very patient snail. Not bad for a Tuesday.",
      "created_at": "Mon Aug 03 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000467",
      "full_text": "RT @garden_club_demo: This morning the seed library finally agreed with the soil thermometer.",
      "created_at": "Mon Aug 03 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000466",
      "full_text": "Sky log: the sourdough starter outlasted a stubborn weed. Notes are in the journal.",
      "created_at": "Sun Aug 02 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000465",
      "full_text": "Somehow our rain barrel finally agreed with an overly ambitious plan. Tea time now.",
      "created_at": "Sun Aug 02 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000464",
      "full_text": "Somehow the tomatoes ignored a stubborn weed. Lesson learned. https://example.com/log/464",
      "created_at": "Sat Aug 01 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000463",
      "full_text": "RT @garden_club_demo: Garden log: the night sky out-grew a stubborn weed.",
      "created_at": "Sat Aug 01 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000462",
      "full_text": "Somehow the basil made peace with a stubborn weed. Logging it for next year.",
      "created_at": "Fri Jul 31 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000461",
      "full_text": "Clouds again",
      "created_at": "Fri Jul 31 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000460",
      "full_text": "Moon.",
      "created_at": "Thu Jul 30 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000459",
      "full_text": "After a week of waiting the compost heap waited for three cloudy nights. Tea time now.",
      "created_at": "Thu Jul 30 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000458",
      "full_text": "Garden log: the pond surprised the morning fog. Nature always wins.",
      "created_at": "Wed Jul 29 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000457",
      "full_text": "Reminder to self: the pond surprised a very patient snail. Tea time now.",
      "created_at": "Wed Jul 29 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000456",
      "full_text": "After a week of waiting the compost heap argued with the soil thermometer. Tea time now.",
      "created_at": "Wed Jul 29 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000455",
      "full_text": "After a week of waiting the greenhouse waited for the morning fog. More tomorrow.",
      "created_at": "Tue Jul 28 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000454",
      "full_text": "After a week of waiting the bees made peace with a late summer storm. Lesson learned.",
      "created_at": "Tue Jul 28 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000453",
      "full_text": "ok ok",
      "created_at": "Mon Jul 27 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000452",
      "full_text": "RT @garden_club_demo: Somehow our rain barrel finally agreed with the neighbour's cat.",
      "created_at": "Mon Jul 27 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000451",
      "full_text": "Today my telescope kept an eye on two hungry blackbirds. Nature always wins.",
      "created_at": "Sun Jul 26 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000450",
      "full_text": "Sky log: the greenhouse made peace with a late summer storm. Nature always wins.",
      "created_at": "Sun Jul 26 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000449",
      "full_text": "Frost!",
      "created_at": "Sat Jul 25 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000448",
      "full_text": "Tonight the compost heap outlasted the neighbour's cat. Not bad for a Tuesday.",
      "created_at": "Sat Jul 25 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000447",
      "full_text": "Somehow the old oak made peace with the soil thermometer. Not bad for a Tuesday.",
      "created_at": "Fri Jul 24 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000446",
      "full_text": "Tonight the moon kept an eye on three cloudy nights. Small victories.",
      "created_at": "Fri Jul 24 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000445",
      "full_text": "Garden log: the tomatoes finally agreed with an overly ambitious plan. Nature always wins.",
      "created_at": "Thu Jul 23 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000444",
      "full_text": "RT @garden_club_demo: This morning our rain barrel argued with the first frost.",
      "created_at": "Thu Jul 23 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000443",
      "full_text": "Today the sourdough starter finally agreed with the first frost. Lesson learned.",
      "created_at": "Thu Jul 23 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000442",
      "full_text": "Reminder to self: my telescope waited for two hungry blackbirds. Tea time now.",
      "created_at": "Wed Jul 22 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000441",
      "full_text": "Quiet update: the night sky kept an eye on the morning fog. Nature always wins.",
      "created_at": "Wed Jul 22 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000440",
      "full_text": "This morning the basil waited for three cloudy nights. Nature always wins. https://example.com/log/440",
      "created_at": "Tue Jul 21 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000439",
      "full_text": "Frost!",
      "created_at": "Tue Jul 21 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000438",
      "full_text": "This morning the sourdough starter taught me about the meteor shower. Photos later, maybe.",
      "created_at": "Mon Jul 20 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000437",
      "full_text": "This morning the seed library out-grew two hungry blackbirds. Notes are in the journal.",
      "created_at": "Mon Jul 20 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000436",
      "full_text": "Garden log: Saturn made peace with a very patient snail. Notes are in the journal.",
      "created_at": "Sun Jul 19 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000435",
      "full_text": "Reminder to self: the greenhouse argued with the neighbour's cat. Tea time now.",
      "created_at": "Sun Jul 19 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000434",
      "full_text": "@seed_swap_demo Tonight the moon outlasted three cloudy nights. Lesson learned. #gardening",
      "created_at": "Sat Jul 18 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000433",
      "full_text": "Today the tomatoes outlasted the soil thermometer. Tea time now.",
      "created_at": "Sat Jul 18 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000432",
      "full_text": "Somehow the night sky finally agreed with the meteor shower. Small victories.",
      "created_at": "Sat Jul 18 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000431",
      "full_text": "Today the greenhouse finally agreed with the neighbour's cat. Lesson learned.",
      "created_at": "Fri Jul 17 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000430",
      "full_text": "Garden log: the night sky argued with the morning fog. Patience is a tool too.",
      "created_at": "Fri Jul 17 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000429",
      "full_text": "Reminder to self: the greenhouse argued with the meteor shower. Notes are in the journal.",
      "created_at": "Thu Jul 16 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000428",
      "full_text": "This morning the sourdough starter ignored the morning fog. Logging it for next year.",
      "created_at": "Thu Jul 16 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000427",
      "full_text": "Clouds again",
      "created_at": "Wed Jul 15 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000426",
      "full_text": "Somehow the night sky outlasted the neighbour's cat. Nature always wins.",
      "created_at": "Wed Jul 15 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000425",
      "full_text": "After a week of waiting my telescope taught me about the first frost. More tomorrow.",
      "created_at": "Tue Jul 14 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000424",
      "full_text": "Somehow my telescope outlasted the first frost. Not bad for a Tuesday. https://example.com/log/424",
      "created_at": "Tue Jul 14 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000423",
      "full_text": "After a week of waiting the compost heap out-grew the meteor shower &amp; Lesson learned.",
      "created_at": "Mon Jul 13 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000422",
      "full_text": "Somehow the seed library argued with two hungry blackbirds. Not bad for a Tuesday.",
      "created_at": "Mon Jul 13 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000421",
      "full_text": "Quiet update: the old oak argued with the neighbour's cat. Lesson learned.",
      "created_at": "Sun Jul 12 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000420",
      "full_text": "Somehow the night sky made peace with an overly ambitious plan. Photos later, maybe.",
      "created_at": "Sun Jul 12 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000419",
      "full_text": "@seed_swap_demo Garden log: the moon finally agreed with an overly ambitious plan. More tomorrow. #gardening",
      "created_at": "Sun Jul 12 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000418",
      "full_text": "After a week of waiting Saturn taught me about the meteor shower. Tea time now.",
      "created_at": "Sat Jul 11 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000417",
      "full_text": "Garden log: the bean trellis outlasted the first frost. Lesson learned.",
      "created_at": "Sat Jul 11 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000416",
      "full_text": "Tonight the bees taught me about the morning fog. Small victories.",
      "created_at": "Fri Jul 10 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000415",
      "full_text": "Garden log: our rain barrel surprised two hungry blackbirds. Photos later, maybe.",
      "created_at": "Fri Jul 10 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000414",
      "full_text": "RT @garden_club_demo: Sky log: the sourdough starter ignored two hungry blackbirds.",
      "created_at": "Thu Jul 09 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000413",
      "full_text": "RT @garden_club_demo: Reminder to self: the greenhouse kept an eye on a very patient snail.",
      "created_at": "Thu Jul 09 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000412",
      "full_text": "After a week of waiting the compost heap outlasted a very patient snail. Tea time now.",
      "created_at": "Wed Jul 08 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000411",
      "full_text": "Quiet update: our rain barrel out-grew the neighbour's cat. Tea time now.",
      "created_at": "Wed Jul 08 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000410",
      "full_text": "Tonight Saturn argued with three cloudy nights. Photos later, maybe.",
      "created_at": "Tue Jul 07 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000409",
      "full_text": "@seed_swap_demo Quiet update: the moon taught me about a stubborn weed. Lesson learned. #gardening",
      "created_at": "Tue Jul 07 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000408",
      "full_text": "Somehow the compost heap surprised two hungry blackbirds. Small victories. https://example.com/log/408",
      "created_at": "Tue Jul 07 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000407",
      "full_text": "This morning the moon argued with a late summer storm. Small victories.",
      "created_at": "Mon Jul 06 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000406",
      "full_text": "Quiet update: the bean trellis taught me about two hungry blackbirds. Not bad for a Tuesday.",
      "created_at": "Mon Jul 06 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000405",
      "full_text": "Tonight the night sky waited for three cloudy nights. Photos later, maybe.",
      "created_at": "Sun Jul 05 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000404",
      "full_text": "Garden log: the tomatoes made peace with two hungry blackbirds. Photos later, maybe.",
      "created_at": "Sun Jul 05 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000403",
      "full_text": "This morning my telescope outlasted three cloudy nights. Patience is a tool too.",
      "created_at": "Sat Jul 04 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000402",
      "full_text": "Sky log: the old oak kept an eye on the first frost. Lesson learned.",
      "created_at": "Sat Jul 04 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000401",
      "full_text": "Tonight Saturn made peace with the meteor shower. Nature always wins.",
      "created_at": "Fri Jul 03 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000400",
      "full_text": "@seed_swap_demo Sky log: the seed library waited for the neighbour's cat. More tomorrow. #gardening",
      "created_at": "Fri Jul 03 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000399",
      "full_text": "ok ok",
      "created_at": "Thu Jul 02 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000398",
      "full_text": "Today my telescope kept an eye on the meteor shower. Notes are in the journal.",
      "created_at": "Thu Jul 02 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000397",
      "full_text": "Somehow the bean trellis kept an eye on the morning fog. Lesson learned.",
      "created_at": "Wed Jul 01 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000396",
      "full_text": "Quiet update: the basil kept an eye on two hungry blackbirds. Tea time now.",
      "created_at": "Wed Jul 01 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000395",
      "full_text": "RT @garden_club_demo: Tonight the bean trellis outlasted a late summer storm.",
      "created_at": "Wed Jul 01 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000394",
      "full_text": "Sky log: the tomatoes surprised the meteor shower. Notes are in the journal.",
      "created_at": "Tue Jun 30 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000393",
      "full_text": "Tonight the pond taught me about a late summer storm. Not bad for a Tuesday.",
      "created_at": "Tue Jun 30 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000392",
      "full_text": "After a week of waiting the basil argued with the neighbour's cat &amp; Nature always wins.",
      "created_at": "Mon Jun 29 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000391",
      "full_text": "Garden log: Saturn ignored the soil thermometer. Notes are in the journal.",
      "created_at": "Mon Jun 29 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000390",
      "full_text": "Clouds again",
      "created_at": "Sun Jun 28 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000389",
      "full_text": "RT @garden_club_demo: After a week of waiting the bees out-grew the neighbour's cat.",
      "created_at": "Sun Jun 28 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000388",
      "full_text": "Reminder to self: the moon made peace with the morning fog. Logging it for next year. https://example.com/log/388",
      "created_at": "Sat Jun 27 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000387",
      "full_text": "This morning the bees outlasted a very patient snail. Nature always wins. https://example.com/log/387",
      "created_at": "Sat Jun 27 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000386",
      "full_text": "This morning Saturn argued with a very patient snail. Photos later, maybe. https://example.com/log/386",
      "created_at": "Fri Jun 26 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000385",
      "full_text": "Sky log: our rain barrel waited for three cloudy nights. Not bad for a Tuesday.",
      "created_at": "Fri Jun 26 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000384",
      "full_text": "Quiet update: the bean trellis out-grew three cloudy nights. Small victories.",
      "created_at": "Fri Jun 26 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000383",
      "full_text": "Somehow the bean trellis argued with the neighbour's cat. Lesson learned.",
      "created_at": "Thu Jun 25 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000382",
      "full_text": "This morning our rain barrel finally agreed with the neighbour's cat. Patience is a tool too.",
      "created_at": "Thu Jun 25 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000381",
      "full_text": "RT @garden_club_demo: Sky log: the basil made peace with the meteor shower.",
      "created_at": "Wed Jun 24 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000380",
      "full_text": "Today the old oak surprised a late summer storm. Lesson learned.",
      "created_at": "Wed Jun 24 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000379",
      "full_text": "Today the basil waited for the soil thermometer. More tomorrow.",
      "created_at": "Tue Jun 23 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000378",
      "full_text": "Somehow the night sky kept an eye on the first frost. Notes are in the journal.",
      "created_at": "Tue Jun 23 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000377",
      "full_text": "Somehow the old oak outlasted the first frost. Tea time now.",
      "created_at": "Mon Jun 22 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000376",
      "full_text": "Today the greenhouse out-grew the soil thermometer. Photos later, maybe.",
      "created_at": "Mon Jun 22 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000375",
      "full_text": "Harvest day",
      "created_at": "Sun Jun 21 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000374",
      "full_text": "@seed_swap_demo Sky log: the seed library made peace with two hungry blackbirds. Small victories. #gardening",
      "created_at": "Sun Jun 21 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000373",
      "full_text": "Quiet update: the compost heap ignored a very patient snail &amp; Lesson learned.",
      "created_at": "Sat Jun 20 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000372",
      "full_text": "Today the moon taught me about the first frost. Patience is a tool too.",
      "created_at": "Sat Jun 20 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000371",
      "full_text": "Sky log: the moon out-grew an overly ambitious plan. Tea time now.",
      "created_at": "Sat Jun 20 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000370",
      "full_text": "RT @garden_club_demo: Quiet update: the moon surprised a stubborn weed.",
      "created_at": "Fri Jun 19 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000369",
      "full_text": "RT @garden_club_demo: Quiet update: the tomatoes taught me about three cloudy nights.",
      "created_at": "Fri Jun 19 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000368",
      "full_text": "Quiet update: my telescope ignored the meteor shower. Patience is a tool too.",
      "created_at": "Thu Jun 18 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000367",
      "full_text": "RT @garden_club_demo: After a week of waiting the moon waited for an overly ambitious plan.",
      "created_at": "Thu Jun 18 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000366",
      "full_text": "Today the bees taught me about the soil thermometer. Photos later, maybe.",
      "created_at": "Wed Jun 17 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000365",
      "full_text": "Today the compost heap kept an eye on an overly ambitious plan. Not bad for a Tuesday.",
      "created_at": "Wed Jun 17 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000364",
      "full_text": "Today the pond ignored the first frost. Notes are in the journal. https://example.com/log/364",
      "created_at": "Tue Jun 16 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000363",
      "full_text": "Quiet update: the pond argued with the soil thermometer. Tea time now.",
      "created_at": "Tue Jun 16 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000362",
      "full_text": "ok ok",
      "created_at": "Mon Jun 15 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000361",
      "full_text": "Sky log: our rain barrel outlasted the neighbour's cat. Photos later, maybe.",
      "created_at": "Mon Jun 15 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000360",
      "full_text": "Quiet update: the basil out-grew a stubborn weed. Small victories.",
      "created_at": "Mon Jun 15 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000359",
      "full_text": "Quiet update: the bees kept an eye on the meteor shower. Notes are in the journal.",
      "created_at": "Sun Jun 14 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000358",
      "full_text": "RT @garden_club_demo: Somehow the moon waited for two hungry blackbirds.",
      "created_at": "Sun Jun 14 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000357",
      "full_text": "Sky log: the pond outlasted the morning fog. Tea time now.",
      "created_at": "Sat Jun 13 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000356",
      "full_text": "Tonight Saturn ignored three cloudy nights. Small victories.",
      "created_at": "Sat Jun 13 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000355",
      "full_text": "@seed_swap_demo Reminder to self: the moon out-grew an overly ambitious plan. Lesson learned. #gardening",
      "created_at": "Fri Jun 12 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000354",
      "full_text": "Quiet update: the tomatoes ignored the soil thermometer. Tea time now.",
      "created_at": "Fri Jun 12 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000353",
      "full_text": "Harvest day",
      "created_at": "Thu Jun 11 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000352",
      "full_text": "Sky log: our rain barrel outlasted the morning fog. Logging it for next year.",
      "created_at": "Thu Jun 11 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000351",
      "full_text": "Today the night sky out-grew two hungry blackbirds. More tomorrow.",
      "created_at": "Wed Jun 10 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000350",
      "full_text": "Today my telescope surprised the meteor shower. Small victories. https://example.com/log/350",
      "created_at": "Wed Jun 10 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000349",
      "full_text": "Today the seed library out-grew an overly ambitious plan. Notes are in the journal.",
      "created_at": "Tue Jun 09 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000348",
      "full_text": "RT @garden_club_demo: Reminder to self: the compost heap kept an eye on two hungry blackbirds.",
      "created_at": "Tue Jun 09 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000347",
      "full_text": "Sky log: the tomatoes argued with the soil thermometer. Nature always wins.",
      "created_at": "Tue Jun 09 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000346",
      "full_text": "This morning the sourdough starter finally agreed with the first frost. Logging it for next year.",
      "created_at": "Mon Jun 08 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000345",
      "full_text": "Frost!",
      "created_at": "Mon Jun 08 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000344",
      "full_text": "RT @garden_club_demo: Quiet update: my telescope outlasted the neighbour's cat.",
      "created_at": "Sun Jun 07 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000343",
      "full_text": "Clouds again",
      "created_at": "Sun Jun 07 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000342",
      "full_text": "Today the night sky argued with the soil thermometer. Tea time now.",
      "created_at": "Sat Jun 06 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000341",
      "full_text": "After a week of waiting Saturn ignored the first frost. Notes are in the journal.",
      "created_at": "Sat Jun 06 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000340",
      "full_text": "Tonight Saturn argued with a late summer storm. Not bad for a Tuesday.",
      "created_at": "Fri Jun 05 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000339",
      "full_text": "Garden log: the basil outlasted an overly ambitious plan. More tomorrow.",
      "created_at": "Fri Jun 05 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000338",
      "full_text": "Tonight the seed library argued with the first frost. Lesson learned. https://example.com/log/338",
      "created_at": "Thu Jun 04 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000337",
      "full_text": "Today Saturn ignored the first frost. Notes are in the journal.",
      "created_at": "Thu Jun 04 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000336",
      "full_text": "Somehow my telescope outlasted three cloudy nights. Patience is a tool too.",
      "created_at": "Thu Jun 04 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000335",
      "full_text": "This morning the basil argued with a late summer storm. Logging it for next year.",
      "created_at": "Wed Jun 03 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000334",
      "full_text": "RT @garden_club_demo: Reminder to self: the tomatoes outlasted two hungry blackbirds.",
      "created_at": "Wed Jun 03 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000333",
      "full_text": "Today the basil finally agreed with the neighbour's cat. Logging it for next year.",
      "created_at": "Tue Jun 02 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000332",
      "full_text": "Sky log: the moon outlasted the meteor shower. Not bad for a Tuesday. https://example.com/log/332",
      "created_at": "Tue Jun 02 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000331",
      "full_text": "Tonight the compost heap kept an eye on two hungry blackbirds. Small victories.",
      "created_at": "Mon Jun 01 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000330",
      "full_text": "This morning the sourdough starter waited for the soil thermometer. More tomorrow.",
      "created_at": "Mon Jun 01 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000329",
      "full_text": "RT @garden_club_demo: Reminder to self: my telescope made peace with the neighbour's cat.",
      "created_at": "Sun May 31 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000328",
      "full_text": "Today the tomatoes kept an eye on three cloudy nights. Small victories. https://example.com/log/328",
      "created_at": "Sun May 31 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000327",
      "full_text": "Garden log: Saturn outlasted the neighbour's cat. Nature always wins. https://example.com/log/327",
      "created_at": "Sat May 30 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000326",
      "full_text": "Today the compost heap finally agreed with the soil thermometer. Not bad for a Tuesday.",
      "created_at": "Sat May 30 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000325",
      "full_text": "Quiet update: the basil ignored three cloudy nights. Nature always wins.",
      "created_at": "Fri May 29 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000324",
      "full_text": "Today the pond surprised the meteor shower. More tomorrow.",
      "created_at": "Fri May 29 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000323",
      "full_text": "@seed_swap_demo Sky log: the basil argued with the first frost. Patience is a tool too. #gardening",
      "created_at": "Fri May 29 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000322",
      "full_text": "After a week of waiting the bees waited for the meteor shower. Patience is a tool too.",
      "created_at": "Thu May 28 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000321",
      "full_text": "Today the pond argued with a very patient snail. More tomorrow.",
      "created_at": "Thu May 28 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000320",
      "full_text": "Reminder to self: Saturn surprised three cloudy nights. Nature always wins.",
      "created_at": "Wed May 27 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000319",
      "full_text": "Tonight the compost heap outlasted a very patient snail. Nature always wins.",
      "created_at": "Wed May 27 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000318",
      "full_text": "Garden log: the compost heap finally agreed with the neighbour's cat. Small victories.",
      "created_at": "Tue May 26 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000317",
      "full_text": "yes",
      "created_at": "Tue May 26 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000316",
      "full_text": "RT @garden_club_demo: Sky log: my telescope made peace with the neighbour's cat.",
      "created_at": "Mon May 25 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000315",
      "full_text": "RT @garden_club_demo: Garden log: our rain barrel out-grew the first frost.",
      "created_at": "Mon May 25 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000314",
      "full_text": "Tonight the moon argued with two hungry blackbirds. Logging it for next year.",
      "created_at": "Sun May 24 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000313",
      "full_text": "Clouds again",
      "created_at": "Sun May 24 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000312",
      "full_text": "This morning the compost heap surprised a late summer storm. Photos later, maybe.",
      "created_at": "Sun May 24 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000311",
      "full_text": "This morning Saturn argued with the soil thermometer. Patience is a tool too.",
      "created_at": "Sat May 23 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000310",
      "full_text": "After a week of waiting the seed library outlasted the morning fog. Nature always wins.",
      "created_at": "Sat May 23 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000309",
      "full_text": "Tonight the greenhouse waited for an overly ambitious plan. More tomorrow.",
      "created_at": "Fri May 22 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000308",
      "full_text": "This morning the compost heap kept an eye on the neighbour's cat. Lesson learned.",
      "created_at": "Fri May 22 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000307",
      "full_text": "Sky log: the seed library waited for a very patient snail &amp; Photos later, maybe.",
      "created_at": "Thu May 21 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000306",
      "full_text": "Reminder to self: the pond made peace with the meteor shower. Small victories.",
      "created_at": "Thu May 21 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000305",
      "full_text": "RT @garden_club_demo: Today the bees waited for two hungry blackbirds.",
      "created_at": "Wed May 20 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000304",
      "full_text": "Garden log: the old oak made peace with two hungry blackbirds. Not bad for a Tuesday.",
      "created_at": "Wed May 20 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000303",
      "full_text": "Garden log: the moon finally agreed with the morning fog. More tomorrow.",
      "created_at": "Tue May 19 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000302",
      "full_text": "Reminder to self: the seed library waited for the soil thermometer. Notes are in the journal.",
      "created_at": "Tue May 19 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000301",
      "full_text": "Quiet update: the pond made peace with a late summer storm &amp; Not bad for a Tuesday.",
      "created_at": "Mon May 18 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000300",
      "full_text": "Frost!",
      "created_at": "Mon May 18 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000299",
      "full_text": "ok ok",
      "created_at": "Mon May 18 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000298",
      "full_text": "After a week of waiting the bean trellis taught me about three cloudy nights. Notes are in the journal.",
      "created_at": "Sun May 17 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000297",
      "full_text": "RT @garden_club_demo: This morning the pond finally agreed with the meteor shower.",
      "created_at": "Sun May 17 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000296",
      "full_text": "After a week of waiting the greenhouse waited for two hungry blackbirds. Photos later, maybe.",
      "created_at": "Sat May 16 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000295",
      "full_text": "RT @garden_club_demo: Quiet update: the bean trellis waited for two hungry blackbirds.",
      "created_at": "Sat May 16 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000294",
      "full_text": "Today the sourdough starter made peace with the first frost. Patience is a tool too.",
      "created_at": "Fri May 15 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000293",
      "full_text": "RT @garden_club_demo: Somehow the bees outlasted three cloudy nights.",
      "created_at": "Fri May 15 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000292",
      "full_text": "Reminder to self: the moon argued with a late summer storm. Nature always wins.",
      "created_at": "Thu May 14 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000291",
      "full_text": "Today the tomatoes waited for a late summer storm. Not bad for a Tuesday.",
      "created_at": "Thu May 14 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000290",
      "full_text": "After a week of waiting my telescope argued with the neighbour's cat. Photos later, maybe.",
      "created_at": "Wed May 13 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000289",
      "full_text": "Tonight my telescope argued with the meteor shower. Lesson learned.",
      "created_at": "Wed May 13 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000288",
      "full_text": "RT @garden_club_demo: Today the bean trellis waited for the neighbour's cat.",
      "created_at": "Wed May 13 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000287",
      "full_text": "Sky log: my telescope finally agreed with a very patient snail. Photos later, maybe.",
      "created_at": "Tue May 12 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000286",
      "full_text": "Today the compost heap ignored a stubborn weed. Small victories.",
      "created_at": "Tue May 12 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000285",
      "full_text": "RT @garden_club_demo: Today our rain barrel taught me about a stubborn weed.",
      "created_at": "Mon May 11 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000284",
      "full_text": "This morning the pond surprised the soil thermometer. Small victories.",
      "created_at": "Mon May 11 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000283",
      "full_text": "RT @garden_club_demo: Quiet update: the tomatoes argued with a very patient snail.",
      "created_at": "Sun May 10 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000282",
      "full_text": "After a week of waiting the pond waited for three cloudy nights. Tea time now.",
      "created_at": "Sun May 10 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000281",
      "full_text": "After a week of waiting the moon kept an eye on two hungry blackbirds. Nature always wins.",
      "created_at": "Sat May 09 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000280",
      "full_text": "Tonight the night sky out-grew the morning fog. Logging it for next year.",
      "created_at": "Sat May 09 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000279",
      "full_text": "Quiet update: the bean trellis taught me about the meteor shower. Nature always wins.",
      "created_at": "Fri May 08 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000278",
      "full_text": "Moon.",
      "created_at": "Fri May 08 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000277",
      "full_text": "After a week of waiting the tomatoes finally agreed with two hungry blackbirds. More tomorrow.",
      "created_at": "Thu May 07 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000276",
      "full_text": "Somehow the moon argued with a late summer storm. Small victories.",
      "created_at": "Thu May 07 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000275",
      "full_text": "@seed_swap_demo Reminder to self: the bean trellis argued with a stubborn weed. Nature always wins. #gardening",
      "created_at": "Thu May 07 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000274",
      "full_text": "Quiet update: the moon outlasted two hungry blackbirds. Patience is a tool too. https://example.com/log/274",
      "created_at": "Wed May 06 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000273",
      "full_text": "After a week of waiting the greenhouse outlasted a late summer storm. Not bad for a Tuesday.",
      "created_at": "Wed May 06 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000272",
      "full_text": "Clouds again",
      "created_at": "Tue May 05 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000271",
      "full_text": "@seed_swap_demo After a week of waiting my telescope outlasted a stubborn weed. Lesson learned. #gardening",
      "created_at": "Tue May 05 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000270",
      "full_text": "This morning the compost heap ignored the first frost. Nature always wins.",
      "created_at": "Mon May 04 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000269",
      "full_text": "Quiet update: the greenhouse finally agreed with the soil thermometer. Lesson learned.",
      "created_at": "Mon May 04 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000268",
      "full_text": "RT @garden_club_demo: Reminder to self: the bees taught me about the neighbour's cat.",
      "created_at": "Sun May 03 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000267",
      "full_text": "RT @garden_club_demo: Sky log: the bean trellis kept an eye on the meteor shower.",
      "created_at": "Sun May 03 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000266",
      "full_text": "After a week of waiting the night sky taught me about the soil thermometer. Nature always wins.",
      "created_at": "Sat May 02 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000265",
      "full_text": "Quiet update: the old oak ignored two hungry blackbirds. Not bad for a Tuesday. https://example.com/log/265",
      "created_at": "Sat May 02 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000264",
      "full_text": "This morning the bean trellis out-grew an overly ambitious plan. Nature always wins.",
      "created_at": "Sat May 02 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000263",
      "full_text": "After a week of waiting the old oak ignored a late summer storm. Lesson learned.",
      "created_at": "Fri May 01 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000262",
      "full_text": "Somehow the compost heap waited for three cloudy nights. More tomorrow.",
      "created_at": "Fri May 01 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000261",
      "full_text": "Today the basil made peace with a stubborn weed. More tomorrow.",
      "created_at": "Thu Apr 30 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000260",
      "full_text": "Sky log: the compost heap made peace with a stubborn weed. Photos later, maybe.",
      "created_at": "Thu Apr 30 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000259",
      "full_text": "Moon.",
      "created_at": "Wed Apr 29 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000258",
      "full_text": "Garden log: the old oak ignored the soil thermometer. Small victories.",
      "created_at": "Wed Apr 29 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000257",
      "full_text": "Garden log: the greenhouse finally agreed with the meteor shower. Patience is a tool too.",
      "created_at": "Tue Apr 28 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000256",
      "full_text": "Reminder to self: the compost heap taught me about the first frost. Not bad for a Tuesday.",
      "created_at": "Tue Apr 28 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000255",
      "full_text": "This morning our rain barrel made peace with a late summer storm. Lesson learned.",
      "created_at": "Mon Apr 27 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000254",
      "full_text": "RT @garden_club_demo: Garden log: the basil argued with two hungry blackbirds.",
      "created_at": "Mon Apr 27 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000253",
      "full_text": "This morning the seed library waited for a stubborn weed. Patience is a tool too.",
      "created_at": "Sun Apr 26 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000252",
      "full_text": "After a week of waiting the greenhouse kept an eye on the meteor shower. Nature always wins.",
      "created_at": "Sun Apr 26 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000251",
      "full_text": "Somehow Saturn ignored the soil thermometer. Patience is a tool too.",
      "created_at": "Sun Apr 26 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000250",
      "full_text": "Garden log: the bean trellis made peace with a late summer storm. Photos later, maybe.",
      "created_at": "Sat Apr 25 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000249",
      "full_text": "Tonight the compost heap waited for an overly ambitious plan. Small victories.",
      "created_at": "Sat Apr 25 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000248",
      "full_text": "After a week of waiting the sourdough starter taught me about the meteor shower. Photos later, maybe.",
      "created_at": "Fri Apr 24 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000247",
      "full_text": "Sky log: the old oak finally agreed with the meteor shower. Logging it for next year.",
      "created_at": "Fri Apr 24 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000246",
      "full_text": "Today the bees ignored the first frost. Nature always wins.",
      "created_at": "Thu Apr 23 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000245",
      "full_text": "Tonight the bees surprised three cloudy nights. Tea time now.",
      "created_at": "Thu Apr 23 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000244",
      "full_text": "Sky log: the compost heap ignored a very patient snail. Tea time now. https://example.com/log/244",
      "created_at": "Wed Apr 22 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000243",
      "full_text": "After a week of waiting the pond made peace with a very patient snail. Small victories.",
      "created_at": "Wed Apr 22 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000242",
      "full_text": "Frost!",
      "created_at": "Tue Apr 21 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000241",
      "full_text": "RT @garden_club_demo: Garden log: the night sky made peace with the soil thermometer.",
      "created_at": "Tue Apr 21 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000240",
      "full_text": "Today the moon argued with the first frost. Logging it for next year.",
      "created_at": "Tue Apr 21 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000239",
      "full_text": "Tonight the compost heap waited for the soil thermometer. Notes are in the journal.",
      "created_at": "Mon Apr 20 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000238",
      "full_text": "Sky log: the tomatoes out-grew a very patient snail. Notes are in the journal.",
      "created_at": "Mon Apr 20 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000237",
      "full_text": "Sky log: our rain barrel outlasted the soil thermometer. Tea time now.",
      "created_at": "Sun Apr 19 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000236",
      "full_text": "Somehow our rain barrel finally agreed with two hungry blackbirds. Patience is a tool too.",
      "created_at": "Sun Apr 19 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000235",
      "full_text": "RT @garden_club_demo: Quiet update: the pond ignored the morning fog.",
      "created_at": "Sat Apr 18 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000234",
      "full_text": "Somehow the sourdough starter argued with the first frost. Lesson learned.",
      "created_at": "Sat Apr 18 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000233",
      "full_text": "This morning my telescope ignored the morning fog. Lesson learned.",
      "created_at": "Fri Apr 17 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000232",
      "full_text": "Sky log: the pond kept an eye on the soil thermometer. Tea time now.",
      "created_at": "Fri Apr 17 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000231",
      "full_text": "Tonight the moon outlasted the first frost. Logging it for next year.",
      "created_at": "Thu Apr 16 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000230",
      "full_text": "Garden log: the pond out-grew the morning fog. Logging it for next year.",
      "created_at": "Thu Apr 16 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000229",
      "full_text": "This morning the basil out-grew three cloudy nights. Photos later, maybe.",
      "created_at": "Wed Apr 15 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000228",
      "full_text": "Reminder to self: the tomatoes finally agreed with two hungry blackbirds. Lesson learned.",
      "created_at": "Wed Apr 15 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000227",
      "full_text": "RT @garden_club_demo: Reminder to self: the moon waited for a stubborn weed.",
      "created_at": "Wed Apr 15 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000226",
      "full_text": "RT @garden_club_demo: Reminder to self: Saturn out-grew the first frost.",
      "created_at": "Tue Apr 14 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000225",
      "full_text": "Frost!",
      "created_at": "Tue Apr 14 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000224",
      "full_text": "Sky log: the old oak waited for a very patient snail. Not bad for a Tuesday.",
      "created_at": "Mon Apr 13 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000223",
      "full_text": "RT @garden_club_demo: Quiet update: the bees out-grew three cloudy nights.",
      "created_at": "Mon Apr 13 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000222",
      "full_text": "Somehow the night sky taught me about a stubborn weed. Notes are in the journal.",
      "created_at": "Sun Apr 12 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000221",
      "full_text": "RT @garden_club_demo: Today the bean trellis argued with three cloudy nights.",
      "created_at": "Sun Apr 12 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000220",
      "full_text": "Tonight the bees finally agreed with an overly ambitious plan. Nature always wins.",
      "created_at": "Sat Apr 11 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000219",
      "full_text": "Reminder to self: the sourdough starter surprised the first frost. Not bad for a Tuesday.",
      "created_at": "Sat Apr 11 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000218",
      "full_text": "@seed_swap_demo Tonight my telescope kept an eye on three cloudy nights. Not bad for a Tuesday. #gardening",
      "created_at": "Fri Apr 10 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000217",
      "full_text": "@seed_swap_demo Tonight the bees argued with the meteor shower. Lesson learned. #gardening",
      "created_at": "Fri Apr 10 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000216",
      "full_text": "Reminder to self: the moon taught me about an overly ambitious plan. Lesson learned.",
      "created_at": "Fri Apr 10 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000215",
      "full_text": "RT @garden_club_demo: Quiet update: the night sky kept an eye on the first frost.",
      "created_at": "Thu Apr 09 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000214",
      "full_text": "Sky log: the bean trellis kept an eye on the first frost &amp; Small victories.",
      "created_at": "Thu Apr 09 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000213",
      "full_text": "Tonight the sourdough starter argued with the first frost. Tea time now.",
      "created_at": "Wed Apr 08 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000212",
      "full_text": "Sky log: the compost heap surprised a late summer storm. Logging it for next year.",
      "created_at": "Wed Apr 08 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000211",
      "full_text": "After a week of waiting the moon argued with the neighbour's cat. Notes are in the journal.",
      "created_at": "Tue Apr 07 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000210",
      "full_text": "RT @garden_club_demo: Reminder to self: the basil waited for the neighbour's cat.",
      "created_at": "Tue Apr 07 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000209",
      "full_text": "Somehow the night sky argued with an overly ambitious plan. Logging it for next year.",
      "created_at": "Mon Apr 06 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000208",
      "full_text": "Quiet update: the old oak surprised the first frost. Lesson learned. https://example.com/log/208",
      "created_at": "Mon Apr 06 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000207",
      "full_text": "After a week of waiting the greenhouse outlasted the first frost. Small victories.",
      "created_at": "Sun Apr 05 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000206",
      "full_text": "RT @garden_club_demo: Reminder to self: the moon argued with the neighbour's cat.",
      "created_at": "Sun Apr 05 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000205",
      "full_text": "Sky log: the old oak outlasted an overly ambitious plan. Tea time now.",
      "created_at": "Sat Apr 04 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000204",
      "full_text": "@seed_swap_demo Somehow the compost heap out-grew the morning fog. Small victories. #gardening",
      "created_at": "Sat Apr 04 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000203",
      "full_text": "Today the seed library argued with the neighbour's cat. Not bad for a Tuesday.",
      "created_at": "Sat Apr 04 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000202",
      "full_text": "RT @garden_club_demo: Tonight the pond ignored the neighbour's cat.",
      "created_at": "Fri Apr 03 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000201",
      "full_text": "Garden log: the compost heap made peace with the neighbour's cat. More tomorrow.",
      "created_at": "Fri Apr 03 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000200",
      "full_text": "After a week of waiting the bean trellis kept an eye on a late summer storm. Notes are in the journal.",
      "created_at": "Thu Apr 02 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000199",
      "full_text": "Tonight our rain barrel out-grew two hungry blackbirds. More tomorrow.",
      "created_at": "Thu Apr 02 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000198",
      "full_text": "Sky log: the night sky surprised the neighbour's cat. Patience is a tool too.",
      "created_at": "Wed Apr 01 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000197",
      "full_text": "After a week of waiting my telescope outlasted a late summer storm. Tea time now.",
      "created_at": "Wed Apr 01 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000196",
      "full_text": "Garden log: the bees waited for a very patient snail. Tea time now.",
      "created_at": "Tue Mar 31 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000195",
      "full_text": "Today the moon outlasted the soil thermometer. Notes are in the journal.",
      "created_at": "Tue Mar 31 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000194",
      "full_text": "This morning the old oak surprised three cloudy nights. Not bad for a Tuesday.",
      "created_at": "Mon Mar 30 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000193",
      "full_text": "Quiet update: the compost heap outlasted a very patient snail. Lesson learned. https://example.com/log/193",
      "created_at": "Mon Mar 30 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000192",
      "full_text": "Sky log: the pond finally agreed with three cloudy nights. Notes are in the journal.",
      "created_at": "Mon Mar 30 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000191",
      "full_text": "Reminder to self: the pond surprised the first frost. Tea time now. https://example.com/log/191",
      "created_at": "Sun Mar 29 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000190",
      "full_text": "After a week of waiting the old oak finally agreed with an overly ambitious plan. Photos later, maybe.",
      "created_at": "Sun Mar 29 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000189",
      "full_text": "Reminder to self: the sourdough starter argued with three cloudy nights. Tea time now. https://example.com/log/189",
      "created_at": "Sat Mar 28 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000188",
      "full_text": "Today the night sky argued with two hungry blackbirds. Tea time now.",
      "created_at": "Sat Mar 28 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000187",
      "full_text": "Somehow the old oak out-grew a very patient snail. More tomorrow.",
      "created_at": "Fri Mar 27 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000186",
      "full_text": "Garden log: the greenhouse kept an eye on the meteor shower. Logging it for next year. https://example.com/log/186",
      "created_at": "Fri Mar 27 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000185",
      "full_text": "Today the night sky kept an eye on a very patient snail. Not bad for a Tuesday.",
      "created_at": "Thu Mar 26 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000184",
      "full_text": "Today the compost heap out-grew a stubborn weed. Small victories.",
      "created_at": "Thu Mar 26 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000183",
      "full_text": "Somehow Saturn outlasted the soil thermometer. Tea time now.",
      "created_at": "Wed Mar 25 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000182",
      "full_text": "Garden log: the sourdough starter waited for a late summer storm. Tea time now.",
      "created_at": "Wed Mar 25 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000181",
      "full_text": "Quiet update: the sourdough starter out-grew a late summer storm. More tomorrow. https://example.com/log/181",
      "created_at": "Tue Mar 24 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000180",
      "full_text": "This morning the sourdough starter out-grew a very patient snail. Tea time now. https://example.com/log/180",
      "created_at": "Tue Mar 24 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000179",
      "full_text": "Garden log: the moon argued with a very patient snail. Logging it for next year. https://example.com/log/179",
      "created_at": "Tue Mar 24 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000178",
      "full_text": "Tonight the pond made peace with the meteor shower &amp; Notes are in the journal.",
      "created_at": "Mon Mar 23 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000177",
      "full_text": "ok ok",
      "created_at": "Mon Mar 23 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000176",
      "full_text": "Today the old oak surprised the first frost. Nature always wins.",
      "created_at": "Sun Mar 22 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000175",
      "full_text": "Sky log: the tomatoes taught me about the soil thermometer. Tea time now.",
      "created_at": "Sun Mar 22 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000174",
      "full_text": "Reminder to self: the pond made peace with a very patient snail. Notes are in the journal.",
      "created_at": "Sat Mar 21 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000173",
      "full_text": "Today the pond finally agreed with the meteor shower. Photos later, maybe.",
      "created_at": "Sat Mar 21 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000172",
      "full_text": "After a week of waiting the sourdough starter kept an eye on three cloudy nights &amp; Lesson learned.",
      "created_at": "Fri Mar 20 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000171",
      "full_text": "Quiet update: Saturn out-grew the neighbour's cat. Not bad for a Tuesday.",
      "created_at": "Fri Mar 20 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000170",
      "full_text": "Today the moon ignored three cloudy nights. Logging it for next year.",
      "created_at": "Thu Mar 19 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000169",
      "full_text": "Garden log: the seed library argued with the morning fog. Nature always wins.",
      "created_at": "Thu Mar 19 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000168",
      "full_text": "so tired",
      "created_at": "Thu Mar 19 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000167",
      "full_text": "This morning my telescope argued with a late summer storm. Not bad for a Tuesday.",
      "created_at": "Wed Mar 18 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000166",
      "full_text": "Tonight the night sky made peace with the soil thermometer. Notes are in the journal.",
      "created_at": "Wed Mar 18 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000165",
      "full_text": "This morning the basil argued with a very patient snail. Logging it for next year.",
      "created_at": "Tue Mar 17 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000164",
      "full_text": "Tonight my telescope taught me about the neighbour's cat. More tomorrow.",
      "created_at": "Tue Mar 17 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000163",
      "full_text": "Today Saturn out-grew a late summer storm. Not bad for a Tuesday.",
      "created_at": "Mon Mar 16 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000162",
      "full_text": "After a week of waiting the seed library out-grew two hungry blackbirds. Nature always wins.",
      "created_at": "Mon Mar 16 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000161",
      "full_text": "RT @garden_club_demo: Somehow the sourdough starter waited for the first frost.",
      "created_at": "Sun Mar 15 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000160",
      "full_text": "Moon.",
      "created_at": "Sun Mar 15 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000159",
      "full_text": "Today the pond kept an eye on a very patient snail. Tea time now.",
      "created_at": "Sat Mar 14 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000158",
      "full_text": "This morning the moon argued with the morning fog. Small victories.",
      "created_at": "Sat Mar 14 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000157",
      "full_text": "Garden log: the greenhouse surprised the first frost. Patience is a tool too.",
      "created_at": "Fri Mar 13 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000156",
      "full_text": "RT @garden_club_demo: Sky log: the greenhouse kept an eye on the morning fog.",
      "created_at": "Fri Mar 13 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000155",
      "full_text": "Tonight the tomatoes waited for the morning fog. Small victories. https://example.com/log/155",
      "created_at": "Fri Mar 13 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000154",
      "full_text": "This morning the sourdough starter taught me about a very patient snail. Logging it for next year.",
      "created_at": "Thu Mar 12 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000153",
      "full_text": "Reminder to self: the greenhouse outlasted the neighbour's cat. Tea time now.",
      "created_at": "Thu Mar 12 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000152",
      "full_text": "Tonight our rain barrel kept an eye on the neighbour's cat. Lesson learned.",
      "created_at": "Wed Mar 11 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000151",
      "full_text": "Sky log: the old oak out-grew two hungry blackbirds. Lesson learned.",
      "created_at": "Wed Mar 11 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000150",
      "full_text": "yes",
      "created_at": "Tue Mar 10 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000149",
      "full_text": "Tonight our rain barrel ignored a stubborn weed. Tea time now. https://example.com/log/149",
      "created_at": "Tue Mar 10 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000148",
      "full_text": "This morning the bees finally agreed with a stubborn weed. Not bad for a Tuesday.",
      "created_at": "Mon Mar 09 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000147",
      "full_text": "RT @garden_club_demo: Garden log: the moon surprised three cloudy nights.",
      "created_at": "Mon Mar 09 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000146",
      "full_text": "After a week of waiting the moon waited for the soil thermometer. Lesson learned.",
      "created_at": "Sun Mar 08 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000145",
      "full_text": "Reminder to self: the moon finally agreed with a stubborn weed. More tomorrow.",
      "created_at": "Sun Mar 08 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000144",
      "full_text": "Somehow the moon outlasted three cloudy nights. Nature always wins.",
      "created_at": "Sun Mar 08 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000143",
      "full_text": "RT @garden_club_demo: Somehow Saturn out-grew three cloudy nights.",
      "created_at": "Sat Mar 07 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000142",
      "full_text": "RT @garden_club_demo: After a week of waiting the old oak made peace with a late summer storm.",
      "created_at": "Sat Mar 07 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000141",
      "full_text": "Reminder to self: the bean trellis kept an eye on the first frost. Nature always wins. https://example.com/log/141",
      "created_at": "Fri Mar 06 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000140",
      "full_text": "Somehow the old oak kept an eye on three cloudy nights. Small victories.",
      "created_at": "Fri Mar 06 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000139",
      "full_text": "After a week of waiting the seed library ignored the soil thermometer. Tea time now.",
      "created_at": "Thu Mar 05 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000138",
      "full_text": "Today the old oak made peace with an overly ambitious plan. Small victories.",
      "created_at": "Thu Mar 05 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000137",
      "full_text": "RT @garden_club_demo: Somehow Saturn ignored a late summer storm.",
      "created_at": "Wed Mar 04 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000136",
      "full_text": "RT @garden_club_demo: Tonight the sourdough starter made peace with the neighbour's cat.",
      "created_at": "Wed Mar 04 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000135",
      "full_text": "Reminder to self: Saturn waited for a stubborn weed. Notes are in the journal.",
      "created_at": "Tue Mar 03 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000134",
      "full_text": "Quiet update: the seed library made peace with two hungry blackbirds. Small victories.",
      "created_at": "Tue Mar 03 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000133",
      "full_text": "RT @garden_club_demo: Garden log: the greenhouse surprised a late summer storm.",
      "created_at": "Mon Mar 02 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000132",
      "full_text": "Sky log: our rain barrel taught me about a late summer storm. Lesson learned.",
      "created_at": "Mon Mar 02 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000131",
      "full_text": "This morning the bean trellis outlasted a stubborn weed. Patience is a tool too.",
      "created_at": "Mon Mar 02 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000130",
      "full_text": "Quiet update: the seed library out-grew an overly ambitious plan. Logging it for next year.",
      "created_at": "Sun Mar 01 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000129",
      "full_text": "Garden log: the tomatoes out-grew an overly ambitious plan &amp; Photos later, maybe.",
      "created_at": "Sun Mar 01 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000128",
      "full_text": "This morning the compost heap made peace with a very patient snail. More tomorrow. https://example.com/log/128",
      "created_at": "Sat Feb 28 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000127",
      "full_text": "RT @garden_club_demo: Reminder to self: the pond finally agreed with three cloudy nights.",
      "created_at": "Sat Feb 28 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000126",
      "full_text": "@seed_swap_demo Sky log: the pond ignored the first frost. More tomorrow. #gardening",
      "created_at": "Fri Feb 27 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000125",
      "full_text": "RT @garden_club_demo: Somehow the pond surprised two hungry blackbirds.",
      "created_at": "Fri Feb 27 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000124",
      "full_text": "RT @garden_club_demo: Today the bean trellis kept an eye on three cloudy nights.",
      "created_at": "Thu Feb 26 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000123",
      "full_text": "After a week of waiting our rain barrel made peace with the neighbour's cat. Photos later, maybe.",
      "created_at": "Thu Feb 26 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000122",
      "full_text": "Somehow the bean trellis argued with two hungry blackbirds. Not bad for a Tuesday.",
      "created_at": "Wed Feb 25 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000121",
      "full_text": "Today the sourdough starter argued with the neighbour's cat. Notes are in the journal.",
      "created_at": "Wed Feb 25 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000120",
      "full_text": "Reminder to self: the basil out-grew a stubborn weed. Lesson learned.",
      "created_at": "Wed Feb 25 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000119",
      "full_text": "Sky log: the pond taught me about the morning fog. Nature always wins.",
      "created_at": "Tue Feb 24 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000118",
      "full_text": "Somehow my telescope out-grew three cloudy nights. Notes are in the journal.",
      "created_at": "Tue Feb 24 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000117",
      "full_text": "RT @garden_club_demo: Today the moon outlasted the first frost.",
      "created_at": "Mon Feb 23 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000116",
      "full_text": "Garden log: the sourdough starter finally agreed with three cloudy nights. Not bad for a Tuesday.",
      "created_at": "Mon Feb 23 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000115",
      "full_text": "Sky log: the pond surprised a late summer storm. Not bad for a Tuesday.",
      "created_at": "Sun Feb 22 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000114",
      "full_text": "ok ok",
      "created_at": "Sun Feb 22 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000113",
      "full_text": "Garden log: our rain barrel out-grew a very patient snail. Tea time now.",
      "created_at": "Sat Feb 21 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000112",
      "full_text": "Tonight the compost heap taught me about two hungry blackbirds. Notes are in the journal. https://example.com/log/112",
      "created_at": "Sat Feb 21 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000111",
      "full_text": "Today Saturn outlasted a stubborn weed. Tea time now.",
      "created_at": "Fri Feb 20 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000110",
      "full_text": "Tonight the compost heap ignored a stubborn weed. Patience is a tool too. https://example.com/log/110",
      "created_at": "Fri Feb 20 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000109",
      "full_text": "Tonight the bees out-grew a stubborn weed. Logging it for next year.",
      "created_at": "Thu Feb 19 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000108",
      "full_text": "Somehow the bean trellis outlasted a stubborn weed. Notes are in the journal. https://example.com/log/108",
      "created_at": "Thu Feb 19 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000107",
      "full_text": "Somehow the old oak made peace with an overly ambitious plan. Notes are in the journal.",
      "created_at": "Thu Feb 19 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000106",
      "full_text": "This morning the seed library ignored the neighbour's cat. More tomorrow.",
      "created_at": "Wed Feb 18 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000105",
      "full_text": "Garden log: my telescope argued with an overly ambitious plan. Small victories.",
      "created_at": "Wed Feb 18 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000104",
      "full_text": "After a week of waiting the compost heap ignored three cloudy nights. Not bad for a Tuesday.",
      "created_at": "Tue Feb 17 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000103",
      "full_text": "Today the tomatoes argued with a stubborn weed. More tomorrow.",
      "created_at": "Tue Feb 17 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000102",
      "full_text": "Reminder to self: the pond ignored two hungry blackbirds. Logging it for next year.",
      "created_at": "Mon Feb 16 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000101",
      "full_text": "@seed_swap_demo Tonight the greenhouse surprised the first frost. Logging it for next year. #gardening",
      "created_at": "Mon Feb 16 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000100",
      "full_text": "Sky log: my telescope surprised the soil thermometer. More tomorrow. https://example.com/log/100",
      "created_at": "Sun Feb 15 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000099",
      "full_text": "Sky log: the old oak finally agreed with three cloudy nights. Nature always wins.",
      "created_at": "Sun Feb 15 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000098",
      "full_text": "After a week of waiting the tomatoes taught me about the neighbour's cat &amp; Nature always wins.",
      "created_at": "Sat Feb 14 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000097",
      "full_text": "Garden log: the basil argued with two hungry blackbirds. Logging it for next year.",
      "created_at": "Sat Feb 14 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000096",
      "full_text": "Quiet update: the basil finally agreed with two hungry blackbirds. Logging it for next year.",
      "created_at": "Sat Feb 14 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000095",
      "full_text": "ok ok",
      "created_at": "Fri Feb 13 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000094",
      "full_text": "Tonight the basil made peace with the meteor shower. Small victories.",
      "created_at": "Fri Feb 13 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000093",
      "full_text": "Somehow the seed library out-grew the soil thermometer &amp; Notes are in the journal.",
      "created_at": "Thu Feb 12 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000092",
      "full_text": "Reminder to self: the bean trellis finally agreed with two hungry blackbirds. Small victories.",
      "created_at": "Thu Feb 12 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000091",
      "full_text": "RT @garden_club_demo: Tonight the bees finally agreed with two hungry blackbirds.",
      "created_at": "Wed Feb 11 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000090",
      "full_text": "Quiet update: the basil made peace with the neighbour's cat. Tea time now.",
      "created_at": "Wed Feb 11 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000089",
      "full_text": "Garden log: the pond finally agreed with a late summer storm. More tomorrow.",
      "created_at": "Tue Feb 10 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000088",
      "full_text": "RT @garden_club_demo: Garden log: the moon surprised the morning fog.",
      "created_at": "Tue Feb 10 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000087",
      "full_text": "RT @garden_club_demo: This morning the bees out-grew a stubborn weed.",
      "created_at": "Mon Feb 09 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000086",
      "full_text": "RT @garden_club_demo: Tonight the old oak made peace with three cloudy nights.",
      "created_at": "Mon Feb 09 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000085",
      "full_text": "@seed_swap_demo Sky log: the bean trellis argued with a late summer storm. Nature always wins. #gardening",
      "created_at": "Sun Feb 08 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000084",
      "full_text": "RT @garden_club_demo: Somehow the compost heap made peace with a stubborn weed.",
      "created_at": "Sun Feb 08 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000083",
      "full_text": "Frost!",
      "created_at": "Sun Feb 08 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000082",
      "full_text": "Somehow the old oak outlasted the first frost. Nature always wins.",
      "created_at": "Sat Feb 07 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000081",
      "full_text": "This morning the tomatoes made peace with the soil thermometer &amp; Logging it for next year.",
      "created_at": "Sat Feb 07 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000080",
      "full_text": "Moon.",
      "created_at": "Fri Feb 06 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000079",
      "full_text": "Garden log: our rain barrel argued with the morning fog. Photos later, maybe.",
      "created_at": "Fri Feb 06 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000078",
      "full_text": "After a week of waiting the compost heap argued with the neighbour's cat. Notes are in the journal.",
      "created_at": "Thu Feb 05 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000077",
      "full_text": "After a week of waiting the basil outlasted an overly ambitious plan. Patience is a tool too.",
      "created_at": "Thu Feb 05 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000076",
      "full_text": "Quiet update: the tomatoes finally agreed with the first frost. Photos later, maybe.",
      "created_at": "Wed Feb 04 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000075",
      "full_text": "After a week of waiting the night sky taught me about the morning fog. Patience is a tool too.",
      "created_at": "Wed Feb 04 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000074",
      "full_text": "RT @garden_club_demo: Tonight my telescope argued with two hungry blackbirds.",
      "created_at": "Tue Feb 03 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000073",
      "full_text": "Reminder to self: the night sky taught me about a late summer storm. More tomorrow. https://example.com/log/73",
      "created_at": "Tue Feb 03 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000072",
      "full_text": "RT @garden_club_demo: Quiet update: the greenhouse ignored the first frost.",
      "created_at": "Tue Feb 03 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000071",
      "full_text": "Somehow the sourdough starter kept an eye on an overly ambitious plan. Notes are in the journal.",
      "created_at": "Mon Feb 02 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000070",
      "full_text": "Sky log: our rain barrel waited for the meteor shower. Not bad for a Tuesday.",
      "created_at": "Mon Feb 02 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000069",
      "full_text": "This morning the moon kept an eye on a late summer storm. Patience is a tool too. https://example.com/log/69",
      "created_at": "Sun Feb 01 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000068",
      "full_text": "@seed_swap_demo Garden log: the compost heap made peace with the soil thermometer. Nature always wins. #gardening",
      "created_at": "Sun Feb 01 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000067",
      "full_text": "Sky log: the compost heap made peace with two hungry blackbirds. Small victories.",
      "created_at": "Sat Jan 31 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000066",
      "full_text": "After a week of waiting the bean trellis out-grew two hungry blackbirds &amp; Nature always wins.",
      "created_at": "Sat Jan 31 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000065",
      "full_text": "Sky log: the pond ignored a late summer storm. Small victories.",
      "created_at": "Fri Jan 30 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000064",
      "full_text": "Sky log: Saturn argued with an overly ambitious plan. Notes are in the journal.",
      "created_at": "Fri Jan 30 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000063",
      "full_text": "ok ok",
      "created_at": "Thu Jan 29 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000062",
      "full_text": "Sky log: my telescope finally agreed with a late summer storm. Not bad for a Tuesday.",
      "created_at": "Thu Jan 29 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000061",
      "full_text": "Sky log: the basil taught me about a stubborn weed. Not bad for a Tuesday.",
      "created_at": "Wed Jan 28 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000060",
      "full_text": "Harvest day",
      "created_at": "Wed Jan 28 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000059",
      "full_text": "Sky log: the bees taught me about two hungry blackbirds. Tea time now.",
      "created_at": "Wed Jan 28 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000058",
      "full_text": "Today the basil ignored three cloudy nights. Lesson learned.",
      "created_at": "Tue Jan 27 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000057",
      "full_text": "Tonight the tomatoes kept an eye on two hungry blackbirds &amp; Nature always wins.",
      "created_at": "Tue Jan 27 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000056",
      "full_text": "Today the bean trellis kept an eye on two hungry blackbirds. Not bad for a Tuesday.",
      "created_at": "Mon Jan 26 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000055",
      "full_text": "Sky log: the compost heap taught me about a stubborn weed. Nature always wins.",
      "created_at": "Mon Jan 26 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000054",
      "full_text": "Quiet update: my telescope argued with a stubborn weed. Tea time now.",
      "created_at": "Sun Jan 25 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000053",
      "full_text": "Quiet update: the bees surprised an overly ambitious plan. Small victories.",
      "created_at": "Sun Jan 25 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000052",
      "full_text": "Tonight the bees finally agreed with the soil thermometer. Logging it for next year.",
      "created_at": "Sat Jan 24 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000051",
      "full_text": "Sky log: the sourdough starter out-grew the soil thermometer. Small victories. https://example.com/log/51",
      "created_at": "Sat Jan 24 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000050",
      "full_text": "RT @garden_club_demo: After a week of waiting the tomatoes waited for a late summer storm.",
      "created_at": "Fri Jan 23 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000049",
      "full_text": "@seed_swap_demo Reminder to self: the night sky finally agreed with the neighbour's cat. Not bad for a Tuesday. #gardening",
      "created_at": "Fri Jan 23 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000048",
      "full_text": "Reminder to self: my telescope waited for a very patient snail. Small victories.",
      "created_at": "Fri Jan 23 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000047",
      "full_text": "After a week of waiting the bean trellis made peace with an overly ambitious plan. Not bad for a Tuesday.",
      "created_at": "Thu Jan 22 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000046",
      "full_text": "Sky log: the moon made peace with an overly ambitious plan. Tea time now.",
      "created_at": "Thu Jan 22 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000045",
      "full_text": "After a week of waiting Saturn waited for a very patient snail. Notes are in the journal.",
      "created_at": "Wed Jan 21 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000044",
      "full_text": "@seed_swap_demo This morning my telescope taught me about the soil thermometer. More tomorrow. #gardening",
      "created_at": "Wed Jan 21 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000043",
      "full_text": "This morning the greenhouse outlasted the neighbour's cat. Tea time now. https://example.com/log/43",
      "created_at": "Tue Jan 20 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000042",
      "full_text": "Tonight my telescope out-grew the morning fog. More tomorrow.",
      "created_at": "Tue Jan 20 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000041",
      "full_text": "Somehow the old oak surprised an overly ambitious plan. Patience is a tool too.",
      "created_at": "Mon Jan 19 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000040",
      "full_text": "RT @garden_club_demo: Quiet update: the moon taught me about a late summer storm.",
      "created_at": "Mon Jan 19 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000039",
      "full_text": "Quiet update: our rain barrel finally agreed with the morning fog. Lesson learned.",
      "created_at": "Sun Jan 18 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000038",
      "full_text": "RT @garden_club_demo: Today the bean trellis ignored the meteor shower.",
      "created_at": "Sun Jan 18 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000037",
      "full_text": "After a week of waiting the sourdough starter surprised a stubborn weed. Photos later, maybe. https://example.com/log/37",
      "created_at": "Sat Jan 17 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000036",
      "full_text": "RT @garden_club_demo: Reminder to self: the moon outlasted the morning fog.",
      "created_at": "Sat Jan 17 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000035",
      "full_text": "Somehow our rain barrel finally agreed with the soil thermometer. More tomorrow.",
      "created_at": "Sat Jan 17 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000034",
      "full_text": "Garden log: the pond made peace with the meteor shower. Lesson learned.",
      "created_at": "Fri Jan 16 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000033",
      "full_text": "Garden log: the bean trellis taught me about the meteor shower. More tomorrow.",
      "created_at": "Fri Jan 16 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000032",
      "full_text": "Tonight the seed library ignored the soil thermometer. Small victories.",
      "created_at": "Thu Jan 15 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000031",
      "full_text": "After a week of waiting our rain barrel waited for three cloudy nights. Tea time now.",
      "created_at": "Thu Jan 15 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000030",
      "full_text": "Harvest day",
      "created_at": "Wed Jan 14 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000029",
      "full_text": "Sky log: the pond argued with three cloudy nights. Patience is a tool too.",
      "created_at": "Wed Jan 14 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000028",
      "full_text": "RT @garden_club_demo: Quiet update: the bean trellis finally agreed with a stubborn weed.",
      "created_at": "Tue Jan 13 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000027",
      "full_text": "This morning the moon made peace with two hungry blackbirds. Logging it for next year.",
      "created_at": "Tue Jan 13 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000026",
      "full_text": "Sky log: the old oak out-grew the soil thermometer. Lesson learned.",
      "created_at": "Mon Jan 12 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000025",
      "full_text": "@seed_swap_demo Garden log: Saturn kept an eye on two hungry blackbirds. Patience is a tool too. #gardening",
      "created_at": "Mon Jan 12 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000024",
      "full_text": "Tonight the sourdough starter taught me about an overly ambitious plan. Lesson learned.",
      "created_at": "Mon Jan 12 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000023",
      "full_text": "Quiet update: our rain barrel surprised the first frost &amp; Tea time now.",
      "created_at": "Sun Jan 11 13:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000022",
      "full_text": "so tired",
      "created_at": "Sun Jan 11 02:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000021",
      "full_text": "This morning the tomatoes finally agreed with two hungry blackbirds. Notes are in the journal.",
      "created_at": "Sat Jan 10 15:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000020",
      "full_text": "Today the tomatoes finally agreed with the morning fog. More tomorrow.",
      "created_at": "Sat Jan 10 04:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000019",
      "full_text": "Somehow the night sky taught me about the first frost. Not bad for a Tuesday.",
      "created_at": "Fri Jan 09 17:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000018",
      "full_text": "After a week of waiting the bean trellis made peace with a very patient snail. Small victories. https://example.com/log/18",
      "created_at": "Fri Jan 09 06:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000017",
      "full_text": "Moon.",
      "created_at": "Thu Jan 08 19:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000016",
      "full_text": "RT @garden_club_demo: Reminder to self: my telescope waited for two hungry blackbirds.",
      "created_at": "Thu Jan 08 08:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000015",
      "full_text": "Garden log: the seed library out-grew the morning fog &amp; Small victories.",
      "created_at": "Wed Jan 07 21:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000014",
      "full_text": "Garden log: the old oak surprised the neighbour's cat. Tea time now. https://example.com/log/14",
      "created_at": "Wed Jan 07 10:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000013",
      "full_text": "This morning the bees ignored an overly ambitious plan. Not bad for a Tuesday.",
      "created_at": "Tue Jan 06 23:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000012",
      "full_text": "After a week of waiting the tomatoes finally agreed with three cloudy nights. Logging it for next year.",
      "created_at": "Tue Jan 06 12:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000011",
      "full_text": "Quiet update: the bean trellis out-grew the neighbour's cat. More tomorrow.",
      "created_at": "Tue Jan 06 01:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000010",
      "full_text": "RT @garden_club_demo: Garden log: the pond argued with three cloudy nights.",
      "created_at": "Mon Jan 05 14:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000009",
      "full_text": "Somehow the basil out-grew a very patient snail. Logging it for next year.",
      "created_at": "Mon Jan 05 03:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000008",
      "full_text": "Sky log: the night sky waited for the meteor shower. Small victories. https://example.com/log/8",
      "created_at": "Sun Jan 04 16:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000007",
      "full_text": "Garden log: the seed library surprised the meteor shower. Nature always wins.",
      "created_at": "Sun Jan 04 05:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000006",
      "full_text": "Quiet update: the tomatoes made peace with two hungry blackbirds. Lesson learned.",
      "created_at": "Sat Jan 03 18:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000005",
      "full_text": "Quiet update: the bees taught me about the soil thermometer. Not bad for a Tuesday.",
      "created_at": "Sat Jan 03 07:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000004",
      "full_text": "Tonight the bean trellis surprised the neighbour's cat. Notes are in the journal. https://example.com/log/4",
      "created_at": "Fri Jan 02 20:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000003",
      "full_text": "After a week of waiting the sourdough starter finally agreed with the first frost. Lesson learned.",
      "created_at": "Fri Jan 02 09:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000002",
      "full_text": "This morning the basil waited for the meteor shower. Small victories.",
      "created_at": "Thu Jan 01 22:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000001",
      "full_text": "Reminder to self: the old oak outlasted two hungry blackbirds. More tomorrow.",
      "created_at": "Thu Jan 01 11:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  },
  {
    "tweet": {
      "id_str": "1900000000000000000",
      "full_text": "Today our rain barrel out-grew an overly ambitious plan. Tea time now.",
      "created_at": "Thu Jan 01 00:00:00 +0000 2026",
      "lang": "en",
      "retweeted": false,
      "source": "htctl sample generator"
    }
  }
]
