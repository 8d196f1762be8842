"""A small fixed-window rate limiter on the shared cache (database or Redis), so the
limit holds across processes. Used where allauth's own limits don't reach, such as the
public certificate verification page."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The client's address. X-Forwarded-For is trusted only when the deployment says
    a proxy sets it (USE_X_FORWARDED_FOR); otherwise anyone could forge it."""
    if settings.USE_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def ratelimit_hit(*, key, limit, period, cost=1, now=None):
    """Count `cost` hits for `key` in the current window of `period` seconds.
    Returns True while the count stays within `limit`, False once it is exceeded."""
    now = time.time() if now is None else now
    window = int(now // period)
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"rl:{digest}:{window}"
    cache.add(cache_key, 0, timeout=period + 1)
    try:
        count = cache.incr(cache_key, cost)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, cost, timeout=period + 1)
        count = cost
    return count <= limit
