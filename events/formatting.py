from django.utils import formats, timezone


def when_text(value):
    """A moment as people read it: local time, in the active language's format."""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
