"""Settings come from the environment (portal/env.py): embedded defaults, production by variables."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.env import env_bool, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, django
from django.conf import settings as s
db = s.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST", ""), "user": db.get("USER", ""),
    "eager": s.CELERY_TASK_ALWAYS_EAGER, "broker": s.CELERY_BROKER_URL, "cache": s.CACHES["default"]["BACKEND"],
    "debug": s.DEBUG, "hosts": s.ALLOWED_HOSTS, "secret": s.SECRET_KEY, "index": str(s.SEARCH_INDEX_DIR),
    "haystack_path": s.HAYSTACK_CONNECTIONS["default"]["PATH"], "media": str(s.MEDIA_ROOT),
    "language": s.LANGUAGE_CODE, "tz": s.TIME_ZONE,
}))
"""
VARIABLES = ("DATABASE_URL", "REDIS_URL", "SEARCH_INDEX_DIR", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "MEDIA_ROOT")


def settings_with(**env) -> dict:
    clean = {k: v for k, v in os.environ.items() if k not in VARIABLES}
    clean.update(env, DJANGO_SETTINGS_MODULE="portal.settings")
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_embedded_defaults_need_nothing_set():
    s = settings_with()
    assert s["engine"] == "django.db.backends.sqlite3" and s["name"].endswith("var/portal.sqlite3")
    assert s["eager"] is True and s["broker"] == "memory://" and s["cache"].endswith("LocMemCache")
    assert s["debug"] is False and "127.0.0.1" in s["hosts"]
    assert s["index"].endswith("var/whoosh") and s["haystack_path"] == s["index"]
    assert s["language"] == "zh-hans" and s["tz"] == "Asia/Shanghai"


def test_production_switches_by_environment(tmp_path):
    s = settings_with(
        DATABASE_URL="postgres://portal:secret@db.internal:5432/portal", REDIS_URL="redis://cache.internal:6379/1",
        SEARCH_INDEX_DIR=str(tmp_path / "idx"), SECRET_KEY="k" * 50, DEBUG="0",
        ALLOWED_HOSTS="www.example.gov.cn, zwgk.example.gov.cn", MEDIA_ROOT=str(tmp_path / "media"),
    )
    assert s["engine"] == "django.db.backends.postgresql"
    assert (s["name"], s["host"], s["user"]) == ("portal", "db.internal", "portal")
    assert s["eager"] is False and s["broker"] == "redis://cache.internal:6379/1" and s["cache"].endswith("RedisCache")
    assert s["hosts"] == ["www.example.gov.cn", "zwgk.example.gov.cn"]
    assert s["secret"] == "k" * 50 and s["debug"] is False
    assert s["index"] == str(tmp_path / "idx") == s["haystack_path"]
    assert s["media"] == str(tmp_path / "media")


@pytest.mark.parametrize("raw, expected", [("1", True), ("true", True), ("YES", True), ("on", True),
                                           ("0", False), ("false", False), ("", False)])
def test_env_bool(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG") is expected


def test_env_defaults_and_lists(monkeypatch):
    monkeypatch.delenv("SOME_FLAG", raising=False)
    monkeypatch.delenv("SOME_LIST", raising=False)
    assert env_bool("SOME_FLAG", default=True) is True
    assert env_str("SOME_LIST", "x") == "x"
    assert env_list("SOME_LIST", ["a"]) == ["a"]
    monkeypatch.setenv("SOME_LIST", " a.gov.cn ,, b.gov.cn ")
    assert env_list("SOME_LIST", []) == ["a.gov.cn", "b.gov.cn"]
