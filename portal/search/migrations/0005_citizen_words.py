"""Seed the second round of synonym groups (portal.search.synonym_data.CITIZEN_WORDS): citizens'
words for the official terms across every area the portal covers. Adds rows only; a group already
in the table (typed in admin meanwhile) is left alone, and unapplying removes only these groups."""
from django.db import migrations


def seed(apps, schema_editor):
    from portal.search.synonym_data import CITIZEN_WORDS, groups

    Synonym = apps.get_model("search", "Synonym")
    existing = set(Synonym.objects.values_list("terms", flat=True))
    Synonym.objects.bulk_create(
        [Synonym(terms=terms, domain=domain) for domain, terms in groups(CITIZEN_WORDS) if terms not in existing]
    )


def unseed(apps, schema_editor):
    from portal.search.synonym_data import CITIZEN_WORDS, groups

    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=[terms for _, terms in groups(CITIZEN_WORDS)]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0004_pgengine")]
    operations = [migrations.RunPython(seed, unseed)]
