"""Back-office records -> shop records (and back), with the profile's settings: pure functions."""
