"""Speed measurements (`make bench`); targets and a baseline live here, not in timed tests."""
