"""Production collects the static files with the manifest storage, which refuses any reference to a missing
file (a vendored script's source map, a CSS url()): the deploy step must not be the first to find out."""
from django.core.management import call_command
from django.test import override_settings

MANIFEST = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}


def test_collectstatic_with_the_production_storage(tmp_path):
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=MANIFEST):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = (tmp_path / "staticfiles.json").read_text(encoding="utf-8")
    assert "vendor/quill/quill.js" in manifest and "portal/editor.js" in manifest
