"""Cache purging and locales: infrastructure, no business logic."""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.cache import purge_site_cache


def _purge(sender, **kwargs):
    purge_site_cache()


def _purge_on_page_delete(sender, instance, **kwargs):
    if isinstance(instance, Page):
        purge_site_cache()


def ensure_locales(**kwargs):
    """A locale per site language (az, en, ru); runs after every migrate and flush."""
    from wagtail.models import Locale

    have = set(Locale.objects.values_list("language_code", flat=True))
    # bulk_create: no save signals, which would touch the cache table that
    # `createcachetable` makes only after migrate.
    Locale.objects.bulk_create([Locale(language_code=code)
                                for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES
                                if code not in have])


def connect():
    from cms.models import NavigationSettings

    page_published.connect(_purge, dispatch_uid="cms-purge-published")
    page_unpublished.connect(_purge, dispatch_uid="cms-purge-unpublished")
    post_page_move.connect(_purge, dispatch_uid="cms-purge-moved")
    page_slug_changed.connect(_purge, dispatch_uid="cms-purge-slug")
    post_delete.connect(_purge_on_page_delete, dispatch_uid="cms-purge-deleted")
    post_save.connect(_purge, sender=NavigationSettings, dispatch_uid="cms-purge-settings")
