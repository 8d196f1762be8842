"""Shift times are stored in UTC and reasoned about in Baku time (settings.TIME_ZONE):
weeks start on Monday, months on the 1st, "tomorrow" is Baku's."""

import datetime

from django.utils import timezone


def local_date(moment):
    return timezone.localtime(moment).date()


def week_start(day):
    return day - datetime.timedelta(days=day.weekday())


def at(day, time):
    """An aware datetime for `day` at `time` in the current time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, time))


def day_bounds(day):
    """[start, end) of a local day as aware datetimes."""
    return at(day, datetime.time()), at(day + datetime.timedelta(days=1), datetime.time())


def month_start(day):
    return day.replace(day=1)


def next_month(day):
    first = day.replace(day=1)
    return (first + datetime.timedelta(days=32)).replace(day=1)


def month_bounds(day):
    """[start, end) of the local month of `day` as aware datetimes."""
    return at(month_start(day), datetime.time()), at(next_month(day), datetime.time())
