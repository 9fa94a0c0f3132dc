"""Officials whose password is really saved.

tests.factories.official assigns the role with save(update_fields=[role, is_staff]), so the
password set by the factory never reaches the database: such a user cannot log in, and
force_login sessions are dropped on the next request (session hash mismatch).
"""
import contextlib

from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from haystack import connections

from tests.factories import official as make_official

PASSWORD = "correct-horse-battery"


def official(role, department=None):
    user = make_official(role, department)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def assert_test_database() -> None:
    """Module-scoped fixtures run outside pytest-django's per-test guard: never seed a real database."""
    from django.db import connection

    name = str(connection.settings_dict["NAME"])
    assert "test" in name.rsplit("/", 1)[-1], f"refusing to write demo data into {name}"


@contextlib.contextmanager
def demo_site(django_db_blocker, tmp, **overrides):
    """The demo data (seed_demo) and its search index, for a module's tests: in a transaction that
    is rolled back at the end, each test's own savepoint nesting inside it."""
    index = {"default": {"ENGINE": "portal.search.backend.ChineseWhooshEngine", "PATH": str(tmp / "whoosh")}}
    assert_test_database()
    with django_db_blocker.unblock(), override_settings(
        HAYSTACK_CONNECTIONS=index, SEARCH_INDEX_DIR=tmp / "whoosh", MEDIA_ROOT=tmp / "media", **overrides,
    ):
        connections.reload("default")
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", verbosity=0)
            call_command("rebuild_index", interactive=False, verbosity=0)
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            connections.reload("default")
