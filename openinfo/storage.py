"""Files that only the applicant (after number + code) and the department may read.

MEDIA_ROOT is served publicly, so reply files live in a sibling folder `<MEDIA_ROOT>-private` and are
streamed by a view that checks the tracking session.
"""
import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self):
        return os.fspath(settings.MEDIA_ROOT).rstrip("/\\") + "-private"

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def private_storage():
    return PrivateStorage()
