import pytest

from tests.factories.cms import site_in_all_languages


@pytest.fixture
def site(db):
    """{language: {"home", "about", "news", "article", "contact": page}} in az/en/ru."""
    return site_in_all_languages()
