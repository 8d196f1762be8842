from django.core.checks import Error, register

from documents.pdf import harfbuzz_subset_available


@register()
def harfbuzz_subset_check(app_configs, **kwargs):
    if harfbuzz_subset_available():
        return []
    return [Error(
        "WeasyPrint cannot load HarfBuzz's subsetting library; PDFs would render about "
        "eight times slower through fontTools.",
        hint="Install it: apt-get install libharfbuzz-subset0 (Debian/Ubuntu), "
             "or run `make setup`.",
        id="documents.E001",
    )]
