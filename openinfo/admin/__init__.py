"""Back office of openinfo; every ModelAdmin uses portal.admin_mixins (department scoping, history)."""
from . import content, letters, reference, requests  # noqa: F401
