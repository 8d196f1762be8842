"""Other apps' results for the site search. Each source is
`fn(query, language_code) -> list of {"title", "url", "summary", "kind"}`; modules
append to SEARCH_SOURCES when they are imported (from cms/apps.py ready())."""

SEARCH_SOURCES = []
