"""The tests' helpers, each kind in a module of its own; the fixtures live in the conftest.py files."""
