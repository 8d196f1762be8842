"""Calendar months in the agency's time zone (Asia/Baku): a month is its first day."""

import datetime

from django.utils import timezone


def month_start(day):
    return day.replace(day=1)


def add_months(month, count):
    index = month.year * 12 + month.month - 1 + count
    return datetime.date(index // 12, index % 12 + 1, 1)


def this_month(today=None):
    return month_start(today or timezone.localdate())


def last_month(today=None):
    return add_months(this_month(today), -1)


def month_bounds(month):
    """The aware datetimes [start, end) of `month` in the current time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(month, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(add_months(month, 1), datetime.time.min, tzinfo=tz)
    return start, end


def months_back(count, *, end):
    """The `count` months up to and including `end`, oldest first."""
    return [add_months(end, offset) for offset in range(1 - count, 1)]
