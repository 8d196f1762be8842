"""Yuva's benchmarks: scripts that measure and print figures, not tests.

`make bench` (or `.venv/bin/python -m benchmarks`) runs them against a throw-away
database and prints a table; see benchmarks/README.md for what each figure means.
Nothing here may be imported before the environment is prepared (common.prepare),
because importing Django settings fixes the database and the var directory.
"""
