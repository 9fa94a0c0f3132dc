"""Public pages of the portal. `portal.views.home` stays importable for portal/urls.py."""
from .articles import article_detail, article_list, column_detail, column_list
from .home import home
from .site import ROOT_ICONS, feeds_index, robots_txt, root_icon, site_map

__all__ = [
    "ROOT_ICONS", "article_detail", "article_list", "column_detail", "column_list", "feeds_index", "home",
    "robots_txt", "root_icon", "site_map",
]
