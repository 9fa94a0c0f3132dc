"""Officials whose password is really saved.

tests.factories.official assigns the role with save(update_fields=[role, is_staff]), so the
password set by the factory never reaches the database: such a user cannot log in, and
force_login sessions are dropped on the next request (session hash mismatch).
"""
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
