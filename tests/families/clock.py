"""A fixed clock for rule tests: NOW is Friday 1 March 2030, 10:00 in Baku."""

import datetime

from django.utils import timezone

TODAY = datetime.date(2030, 3, 1)


def day(offset):
    return TODAY + datetime.timedelta(days=offset)


def aware(date, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(hour, minute)))


NOW = aware(TODAY, 10)
