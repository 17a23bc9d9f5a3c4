"""The portal's settings plus what only the benchmark needs: ``make bench`` runs with these.

The scale data generator (``manage.py seed_scale``), the reference page and the cold
mode's middleware are not part of the portal a city installs: they live in this app,
installed here only.
"""

from values_portal.settings import *  # noqa: F403
from values_portal.settings import INSTALLED_APPS, MIDDLEWARE

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
ROOT_URLCONF = "bench.urls"
# First: a request with X-Bench-Cold finds every cache out of date (bench/middleware.py).
MIDDLEWARE = ["bench.middleware.ColdCacheMiddleware", *MIDDLEWARE]
