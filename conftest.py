import os
from pathlib import Path

# Tests keep their databases, files and mail under var/test, apart from `make run`'s.
os.environ.setdefault("YUVA_VAR_DIR", str(Path(__file__).resolve().parent / "var" / "test"))
