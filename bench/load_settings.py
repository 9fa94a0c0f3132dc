"""Settings for `PAGE_CACHE=<seconds> bench/load.sh`: the production settings plus the anonymous
page cache (portal.ops.pagecache), to measure that change before it goes into portal/settings.py."""
import os

from portal.settings import *  # noqa: F401,F403
from portal.settings import MIDDLEWARE

MIDDLEWARE = [*MIDDLEWARE, "portal.ops.pagecache.AnonymousPageCacheMiddleware"]
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE", "10"))
