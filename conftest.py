import os
from pathlib import Path

# Tests keep their databases, files and mail under var/test, apart from `make run`'s.
# The public-page cache stays inside each test process (tests/conftest.py empties it).
os.environ.setdefault("YUVA_PAGE_CACHE", "locmem")
# Browser tests fill the contact form faster than a person (cms/models/contact.py).
os.environ.setdefault("YUVA_FORM_MIN_SECONDS", "0")
os.environ.setdefault("YUVA_VAR_DIR", str(Path(__file__).resolve().parent / "var" / "test"))
