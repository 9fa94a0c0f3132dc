"""Public pages of the portal. `portal.views.home` stays importable for portal/urls.py."""
from .articles import article_detail, article_list, column_detail, column_list
from .home import home
from .site import feeds_index, robots_txt, site_map

__all__ = [
    "article_detail", "article_list", "column_detail", "column_list", "feeds_index", "home", "robots_txt", "site_map",
]
