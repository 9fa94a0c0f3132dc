from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.static import serve

from portal import views
from portal.search import views as search_views

portal_patterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search_page, name="search"),
    path("api/search/", search_views.search_api, name="search_api"),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("policies/", include("policies.urls")),
    path("themedays/", include("themedays.urls")),
    path("elder/", include("elderzone.urls")),
    path("openinfo/", include("openinfo.urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG or not settings.REDIS_URL:
    # Embedded mode serves uploads itself; production lets nginx serve MEDIA_ROOT.
    urlpatterns += [path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})]
