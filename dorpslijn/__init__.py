"""Dorpslijn: wiring that every part shares (configuration, database, Redis, command line)."""
