"""Admin login throttling: failures counted per username+address and per address, in the cache.

With Redis as the cache (production) every gunicorn worker shares the counters. A locked pair
is refused before the password is even checked, so guessing gets no answer at all.
"""
from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from portal.counters import count_hit

logger = logging.getLogger("portal.security")

DEFAULTS = {"USER_IP_FAILURES": 5, "IP_FAILURES": 30, "WINDOW_SECONDS": 15 * 60}


def _conf(name: str) -> int:
    return int(getattr(settings, "LOGIN_THROTTLE", {}).get(name, DEFAULTS[name]))


def _key(kind: str, *parts: str) -> str:
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"security:login-fail:{kind}:{digest}"


def _keys(username: str, ip: str) -> list[tuple[str, int]]:
    return [
        (_key("user-ip", (username or "").strip().lower(), ip), _conf("USER_IP_FAILURES")),
        (_key("ip", ip), _conf("IP_FAILURES")),
    ]


def is_locked(username: str, ip: str) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(username, ip))


def record_failure(username: str, ip: str) -> None:
    window = _conf("WINDOW_SECONDS")
    for key, limit in _keys(username, ip):
        count = count_hit(key, window)
        if count == limit:
            logger.warning("后台登录已暂时锁定：用户名 %r，来源 %s（%s 次失败）", username, ip, count)


def reset(username: str, ip: str) -> None:
    """A successful login clears the pair's counter (not the address-wide one)."""
    cache.delete(_keys(username, ip)[0][0])


def lock_seconds() -> int:
    """How long a lock lasts at most (its window starts at the first failure)."""
    return _conf("WINDOW_SECONDS")


def locked_message() -> str:
    minutes = max(1, lock_seconds() // 60)
    return f"登录失败次数过多，为保护账号安全已暂时锁定，请 {minutes} 分钟后再试。如忘记密码，请联系系统管理员。"
