"""gunicorn settings for the portal (systemd: deploy/systemd/portal-web.service).

Every value can be overridden from the environment (the same .env the service reads):
GUNICORN_BIND, GUNICORN_WORKERS, GUNICORN_THREADS, GUNICORN_TIMEOUT.
"""
import multiprocessing
import os

wsgi_app = "portal.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# (2 × cores) + 1 sync workers: pages are short CPU work (templates, jieba, Whoosh) plus database waits.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests (± jitter) so slow leaks never add up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = 500
# Behind nginx on the same machine: trust its X-Forwarded-Proto (Django's SECURE_PROXY_SSL_HEADER).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-") or None  # "" turns it off (load tests)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
# No query strings in the access log: they may carry tracking numbers and query codes.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms "%(a)s"'
proc_name = "portal"

# Load Django and jieba's dictionary once in the master; the workers share those pages (fork,
# copy-on-write) instead of each spending seconds and ~150 MB on its own copy.
preload_app = True


def _close_shared_connections():
    """Nothing opened in the master may be inherited: each worker opens its own sockets."""
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    for cache in caches.all(initialized_only=True):
        cache.close()


def when_ready(server):
    # Runs in the master after the app was preloaded and before any worker is forked.
    try:
        from portal.search.segment import tokenizer

        tokenizer()  # may read the admin-editable dictionary from the database
        server.log.info("jieba 词典已在主进程加载，工作进程共享")
    except Exception:  # the workers then load it themselves on first use: slower, not broken
        server.log.exception("主进程加载 jieba 词典失败")
    finally:
        _close_shared_connections()


def post_fork(server, worker):
    # Belt and braces: a connection the master opened after when_ready must not be shared.
    _close_shared_connections()
