from django.db import migrations


def seed(apps, schema_editor):
    from openinfo.doc_defaults import defaults

    Template = apps.get_model("openinfo", "DocumentTemplate")
    for kind, outcome, title, body in defaults():
        Template.objects.get_or_create(kind=kind, outcome=outcome, defaults={"title": title, "body": body})


class Migration(migrations.Migration):
    dependencies = [("openinfo", "0003_requests_reports_catalogue")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
