"""Back office of the 主题日 programme. Every ModelAdmin uses the portal's department scoping."""
from . import activities, content, proposals  # noqa: F401  (registers the ModelAdmins)
