"""Whether the real services must be there (CI) or may be skipped with a message (a laptop)."""
import os
import shutil
import socket

import pytest

REQUIRED = os.environ.get("REQUIRE_SERVICES") == "1"


def need(condition: bool, what: str) -> None:
    """Fail in CI, skip elsewhere, when `what` is not available."""
    if condition:
        return
    message = f"{what} 不可用"
    if REQUIRED:
        pytest.fail(f"{message}（CI 要求真实服务：REQUIRE_SERVICES=1）")
    pytest.skip(f"{message}：跳过服务测试（CI 中会运行）")


def port_open(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def need_redis() -> str:
    url = redis_url()
    from urllib.parse import urlparse

    parsed = urlparse(url)
    need(port_open(parsed.hostname or "127.0.0.1", parsed.port or 6379), f"Redis（{url}）")
    return url


def need_postgres() -> None:
    from django.db import connection

    need(connection.vendor == "postgresql", "PostgreSQL（设置 DATABASE_URL）")


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


# --- Real Redis and Celery worker processes owned by one test -------------------------------------
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def need_redis_server() -> str:
    """The redis-server binary, for tests that start (and stop) a Redis of their own."""
    path = shutil.which("redis-server")
    need(path is not None, "redis-server 程序")
    return path


class RedisServer:
    """A redis-server of this test only, on a free port, so stopping it hurts no other test."""

    def __init__(self, workdir):
        self.binary = need_redis_server()
        self.workdir = workdir
        self.port = free_port()
        self.proc = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10) -> None:
        import subprocess
        import time

        self.proc = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while not port_open("127.0.0.1", self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"redis-server 未能在端口 {self.port} 启动")
            time.sleep(0.05)

    def stop(self) -> None:
        """Shut it down the way an outage looks to clients: connections refused from now on."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()  # redis-server shuts down cleanly on SIGTERM
        try:
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()
            self.proc.wait(timeout=5)

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_connect_timeout=2)


def reset_celery_producers() -> None:
    """Forget cached broker connections, so the next send uses the broker configured now."""
    import kombu.pools

    from portal.celery import app

    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    amqp = app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None
    # kombu keeps its own registry of producer pools per broker URL; without clearing it the
    # next send (even an eager one) gets the pool closed above: "Acquire on closed pool".
    kombu.pools.reset()


def subprocess_database_url() -> str:
    """The test database as a URL another process (a Celery worker) can open."""
    from urllib.parse import quote

    from django.db import connection

    conf = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{conf['NAME']}"
    user = quote(conf.get("USER") or "")
    password = quote(conf.get("PASSWORD") or "")
    auth = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgresql://{auth}{conf.get('HOST') or 'localhost'}:{conf.get('PORT') or 5432}/{conf['NAME']}"


def start_worker(*, redis_url: str, queue: str, index_dir):
    """`celery -A portal worker` on `queue`, against the test database, engine and index directory."""
    import subprocess
    import sys
    from pathlib import Path

    from django.conf import settings

    base = Path(settings.BASE_DIR)
    env = {**os.environ, "REDIS_URL": redis_url, "DATABASE_URL": subprocess_database_url(),
           "SEARCH_INDEX_DIR": str(index_dir), "SEARCH_ENGINE": settings.SEARCH_ENGINE,
           "DJANGO_SETTINGS_MODULE": "portal.settings",
           "PYTHONPATH": str(base)}
    celery = Path(sys.executable).with_name("celery")
    return subprocess.Popen(
        [str(celery), "-A", "portal", "worker", "-Q", queue, "--pool", "solo", "-c", "1", "-l", "WARNING",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"{queue}@%h"],
        cwd=base, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )


def stop_worker(proc) -> str:
    """Stop a worker started by start_worker; returns the end of its output (for failure messages)."""
    import subprocess

    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
    return proc.stdout.read().decode(errors="replace")[-3000:] if proc.stdout else ""


class CeleryVia:
    """Send this process's search tasks to `redis_url` (broker and result backend) on `queue`."""

    KEYS = ("task_always_eager", "broker_url", "result_backend", "task_routes")

    def __init__(self, redis_url: str, queue: str):
        self.redis_url, self.queue = redis_url, queue

    def __enter__(self):
        from portal.celery import app

        self.saved = {key: app.conf.get(key) for key in self.KEYS}
        app.conf.update(task_always_eager=False, broker_url=self.redis_url, result_backend=self.redis_url,
                        task_routes={"portal.search.tasks.*": {"queue": self.queue}})
        self._reset_backend()
        reset_celery_producers()
        return self

    def __exit__(self, *exc):
        from portal.celery import app

        app.conf.update(**self.saved)
        self._reset_backend()
        reset_celery_producers()

    @staticmethod
    def _reset_backend():
        # app.backend is cached (per thread or per app): drop it so the configured URL is used.
        from portal.celery import app

        app._backend_cache = None
        if hasattr(app._local, "backend"):
            del app._local.backend
