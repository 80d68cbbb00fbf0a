"""The voice menu: residents who call (or whom we call each week) order by keys and speech."""
