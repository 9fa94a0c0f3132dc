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
