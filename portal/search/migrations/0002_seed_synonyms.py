"""Seed the synonym table with common government word groups (social security, housing, health,
education, employment, tax, transport, civil affairs …). Editable in admin afterwards; running the
migration again on a table that already has a group leaves it alone."""
from django.db import migrations


def seed(apps, schema_editor):
    from portal.search.synonym_data import groups

    Synonym = apps.get_model("search", "Synonym")
    existing = set(Synonym.objects.values_list("terms", flat=True))
    Synonym.objects.bulk_create(
        [Synonym(terms=terms, domain=domain) for domain, terms in groups() if terms not in existing]
    )


def unseed(apps, schema_editor):
    from portal.search.synonym_data import groups

    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=[terms for _, terms in groups()]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
