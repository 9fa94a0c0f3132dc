from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from portal import antispam, editor, feeds, views
from portal.search import views as search_views
from portal.sitemaps import sitemaps
from portal.views import files, kiosk, openness

kiosk_patterns = [
    path("", kiosk.kiosk_home, name="kiosk"),
    path("topics/", kiosk.kiosk_topics, name="kiosk_topics"),
    path("topics/<text:topic>/", kiosk.kiosk_topic, name="kiosk_topic"),
    path("departments/", kiosk.kiosk_departments, name="kiosk_departments"),
    path("departments/<id:pk>/", kiosk.kiosk_department, name="kiosk_department"),
    path("policies/<id:pk>/", kiosk.kiosk_policy, name="kiosk_policy"),
    path("qa/", kiosk.kiosk_qa, name="kiosk_qa"),
    path("qa/<id:pk>/", kiosk.kiosk_qa_detail, name="kiosk_qa_detail"),
    path("search/", kiosk.kiosk_search, name="kiosk_search"),
    path("notices/", kiosk.kiosk_notices, name="kiosk_notices"),
    path("articles/<id:pk>/", kiosk.kiosk_article, name="kiosk_article"),
    path("activities/", kiosk.kiosk_activities, name="kiosk_activities"),
    path("follow/", kiosk.kiosk_follow, name="kiosk_follow"),
]

portal_patterns = [
    path("", views.home, name="home"),
    path("search/", search_views.search_page, name="search"),
    path("api/search/", search_views.search_api, name="search_api"),
    path("articles/<id:pk>/", views.article_detail, name="article_detail"),
    path("articles/<slug:category_slug>/", views.article_list, name="article_list"),
    path("columns/", views.column_list, name="column_list"),
    path("columns/<slug:slug>/", views.column_detail, name="column_detail"),
    path("openness/", openness.openness_index, name="openness"),
    path("openness/<slug:category>/<slug:item>/", openness.openness_items, name="openness_items"),
    path("feeds/", views.feeds_index, name="feeds"),
    path("sitemap/", views.site_map, name="site_map"),
    path("kiosk/", include(kiosk_patterns)),
    path("api/", include("portal.api.urls")),
    # The CAPTCHA of portal.antispam, shared by every public form of the site.
    path("captcha/new/", antispam.captcha_new, name="captcha_new"),
    path("captcha/<text:token>/image.png", antispam.captcha_image, name="captcha_image"),
    path("captcha/<text:token>/audio.wav", antispam.captcha_audio, name="captcha_audio"),
]

urlpatterns = [
    path("", include((portal_patterns, "portal"))),
    path("feeds/", include(feeds.urlpatterns())),
    path("sitemap.xml", sitemap_views.sitemap, {"sitemaps": sitemaps()}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    *[path(name, views.root_icon, {"name": name}) for name in views.ROOT_ICONS],
    path("policies/", include("policies.urls")),
    path("themedays/", include("themedays.urls")),
    path("elder/", include("elderzone.urls")),
    path("openinfo/", include("openinfo.urls")),
    path("admin/editor/upload/", editor.upload_image, name="editor_upload"),  # before the admin's own URLs
    path("admin/", admin.site.urls),
    # Uploaded files, only those of published content (portal.files); never straight from MEDIA_ROOT.
    path(settings.MEDIA_URL.strip("/") + "/<path:name>", files.serve_media, name="media"),
]
