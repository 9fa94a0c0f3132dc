"""One settings module for every environment.

Embedded default (nothing set): SQLite, a Whoosh index under var/, Celery tasks run in-process.
Production: DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG=0, ALLOWED_HOSTS, MEDIA_ROOT, SEARCH_INDEX_DIR or
SEARCH_ENGINE=postgres (several web hosts).
"""
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool, env_choice, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)  # the embedded database, index and media live here

DEBUG = env_bool("DEBUG", default=False)
# The fallback key only exists so that the embedded mode starts with nothing configured;
# `check --deploy` flags it, and production sets SECRET_KEY.
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-embedded-only-0c7a1f5e9b2d4c6a8e0f1a3b5c7d9e1f")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # portal first so that its management commands (rebuild_index) win over haystack's.
    "portal",
    "portal.search",
    "portal.ops",
    "policies",
    "themedays",
    "elderzone",
    "openinfo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "haystack",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files from the app itself, so the site needs no CDN and no extra server on an intranet.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL or control character in the URL is refused before anything reads it (portal/params.py).
    "portal.params.UnreadableInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Page views are counted in the cache (no database write per request); see portal/analytics.
    "portal.middleware.PageViewMiddleware",
    # Whole public pages for visitors without a session, for PAGE_CACHE_SECONDS (0 = off).
    "portal.ops.pagecache.AnonymousPageCacheMiddleware",
    # Inside the page cache, so a refusal (429, Retry-After) is never kept for others: portal/ratelimit.py.
    "portal.ratelimit.RateLimitMiddleware",
    # Admin's own query parameters (date hierarchy, add-form initial values) checked like ours.
    "portal.admin_params.AdminParamsMiddleware",
]
# Production sets 10: measured in bench/RESULTS.md ("## Load"), it is what keeps p99 under 1 s.
PAGE_CACHE_SECONDS = int(env_str("PAGE_CACHE_SECONDS", "0"))

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent writers (web + in-process tasks) wait instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"timeout": 20}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # A file, not memory, so a Celery worker process started by a test sees the test database.
    # One file per test run, so that two runs on one machine do not share it.
    DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DB_NAME", str(VAR_DIR / f"test-{os.getpid()}.sqlite3"))}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True  # Django 6 default: a typed-in "gov.cn/x" becomes https://
AUTH_USER_MODEL = "portal.User"
LOGIN_URL = "/admin/login/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
# Our own translations of the admin strings Django's zh_Hans catalogue lacks (looked up before Django's).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every start otherwise
STORAGES = {
    "default": {"BACKEND": "portal.files.MediaStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
                    if env_bool("COLLECTED_STATIC", default=False)
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Without collectstatic (embedded mode, tests) serve straight from the app folders.
WHITENOISE_USE_FINDERS = not env_bool("COLLECTED_STATIC", default=False)
# Uploaded files are never served from disk by URL: /media/<name> is portal.files.serve_media, which
# answers only for files of published content. With MEDIA_ACCEL_REDIRECT set (production behind
# nginx) the view answers with X-Accel-Redirect to that internal nginx location, which sends the bytes.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_ACCEL_REDIRECT = env_str("MEDIA_ACCEL_REDIRECT", "")

# Uploads: the one size setting, per kind (portal/uploads.py reads it for every upload field).
# deploy/nginx.conf allows bodies a little larger (UPLOAD_BODY_HEADROOM_MB) on /admin/, where files
# are uploaded, so an oversize file gets the application's Chinese message, not nginx's 413;
# tests/security/test_uploads.py fails when the two disagree.
UPLOAD_MAX_MB = {"attachment": 20, "image": 8, "video": 300, "captions": 2}
UPLOAD_BODY_HEADROOM_MB = 10
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Form fields other than files (public forms upload no files); nginx's limit outside /admin/ is this plus the headroom.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
IMAGE_MAX_PIXELS = 40_000_000

# --- Search -------------------------------------------------------------------------------------
# whoosh: files on this host's disk (one web host). postgres: a table in the database, for any
# number of web hosts and workers (portal.search.engines, deploy/README.md §13).
SEARCH_INDEX_DIR = Path(env_str("SEARCH_INDEX_DIR", str(VAR_DIR / "whoosh")))
SEARCH_ENGINES = {
    "whoosh": {"ENGINE": "portal.search.backend.ChineseWhooshEngine", "PATH": str(SEARCH_INDEX_DIR)},
    "postgres": {"ENGINE": "portal.search.pgengine.PostgresHaystackEngine"},
}
SEARCH_ENGINE = env_choice("SEARCH_ENGINE", list(SEARCH_ENGINES), "whoosh")
if SEARCH_ENGINE == "postgres" and DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "SEARCH_ENGINE=postgres 需要 PostgreSQL 数据库：请把 DATABASE_URL 设为 postgres://…"
        f"（现在是 {DATABASES['default']['ENGINE']}）")
HAYSTACK_CONNECTIONS = {"default": dict(SEARCH_ENGINES[SEARCH_ENGINE])}
# Index updates go through transaction.on_commit to a Celery task, never inside the request.
HAYSTACK_SIGNAL_PROCESSOR = "portal.search.signals.QueuedSignalProcessor"
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 10

# --- Background work ------------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
    # A Redis outage must not take pages down with it (portal/cache.py); short timeouts keep a
    # dead or unreachable Redis from holding requests.
    CACHES = {"default": {"BACKEND": "portal.cache.ResilientRedisCache", "LOCATION": REDIS_URL,
                          "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}
else:
    # Embedded mode: no broker; tasks run in the calling process, right after the commit.
    CELERY_BROKER_URL = "memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = False
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}}
CELERY_TIMEZONE = TIME_ZONE
# Nothing reads task results. Storing one subscribes every send to the result backend, and with
# Redis down that retried for ~20 s inside an official's save; when a backend is used, give up fast.
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {
    "retry_policy": {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5},
}
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Only one process writes the search index: its tasks have a queue of their own (deploy/ runs
# that queue with concurrency 1); the general queue takes everything else.
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TASK_ROUTES = {"portal.search.tasks.*": {"queue": "search"}}
# Each app lists its periodic jobs in <app>/schedule.py as BEAT_SCHEDULE (plain data, no models).
CELERY_BEAT_SCHEDULE: dict = {}
for _module in ("portal.schedule", "portal.search.schedule", "portal.ops.schedule", "policies.schedule",
                "themedays.schedule", "elderzone.schedule", "openinfo.schedule"):
    try:
        CELERY_BEAT_SCHEDULE.update(__import__(_module, fromlist=["BEAT_SCHEDULE"]).BEAT_SCHEDULE)
    except ModuleNotFoundError as _exc:
        if _exc.name != _module:
            raise

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "noreply@gov.example.cn")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)

# --- Security -------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG and env_bool("HTTPS", default=False):
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# The government this instance serves; editable in admin (SiteSettings), these are the defaults.
SITE_NAME = env_str("SITE_NAME", "阳光政务")

# --- Production security: CSP, 2-factor login, login throttling (portal.security, deploy/README.md) --------
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp", "portal.security"]
# CSP outermost after SecurityMiddleware, so static files served by WhiteNoise carry it too.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
                  "portal.security.csp.ContentSecurityPolicyMiddleware")
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
                  "django_otp.middleware.OTPMiddleware")
MIDDLEWARE.append("portal.security.middleware.OTPRequiredMiddleware")  # needs messages, so last
# Embedded/demo: officials may enrol; production (.env): OTP_REQUIRED=1 makes it mandatory.
OTP_REQUIRED = env_bool("OTP_REQUIRED", default=False)
OTP_TOTP_ISSUER = SITE_NAME
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
LOGIN_THROTTLE = {"USER_IP_FAILURES": 5, "IP_FAILURES": 30, "WINDOW_SECONDS": 15 * 60}
# Addresses of our own reverse proxy (nginx); only from them X-Real-IP is believed.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", default=False)
# An official's admin session ends after a working day, not Django's two weeks.
SESSION_COOKIE_AGE = 10 * 60 * 60

# 关爱地图: an intranet tile server (e.g. http://tiles.gov.local/{z}/{x}/{y}.png); empty = plain SVG map.
# A tile host other than this site must also be allowed in CSP img-src.
ELDERZONE_MAP_TILE_URL = env_str("ELDERZONE_MAP_TILE_URL", "")
ELDERZONE_MAP_ATTRIBUTION = env_str("ELDERZONE_MAP_ATTRIBUTION", "")
