import pytest
from django.core.cache import cache

from portal.search import synonyms
from portal.search.engines import rebuild
from tests.search.corpus import make_corpus


@pytest.fixture(autouse=True)
def fresh_caches():
    cache.clear()
    synonyms.invalidate()
    yield
    cache.clear()


@pytest.fixture
def corpus(db):
    """The fixture corpus, indexed (a full rebuild into this test's own index directory)."""
    docs = make_corpus()
    rebuild()
    return docs


def staff(role):
    """An official whose password is saved (the factory's is not), so admin sessions stick."""
    from tests.factories import official

    user = official(role)
    user.set_password("correct-horse-battery")
    user.save(update_fields=["password"])
    return user
