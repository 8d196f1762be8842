"""Search sources beyond pages: functions `fn(query, language_code)` returning a list of
{"title", "url", "summary", "kind"}; the site search calls each one. (Stand-in: cms-frame
owns this module and its search view.)"""

SEARCH_SOURCES = []
