from django.shortcuts import render
from django.template.loader import render_to_string

from portal import cache_versions, optional
from portal.views import blocks


def _blocks_html(request) -> str:
    context = {
        **blocks.home_content(),
        "entries": blocks.service_entries(),
        "elder_url": optional.url("elderzone:home"),
        "policies_url": optional.url("policies:list"),
        "themedays_url": optional.url("themedays:index"),
        "consultations_url": optional.first_url("openinfo:consultation_list") or optional.routed("/openinfo/consultations/"),
        "openinfo_url": optional.url("openinfo:home"),
    }
    return render_to_string("portal/_home_blocks.html", context, request)


def home(request):
    # The blocks are the same for every visitor and change only when something is published (or by
    # the clock: blocks.HOME_CONTENT_SECONDS), so their HTML is cached under the content version
    # (portal/cache_versions.py), not just their rows: rendering them is most of the page's cost.
    blocks_html = cache_versions.cached(cache_versions.CONTENT, "home-blocks", lambda: _blocks_html(request),
                                        timeout=blocks.HOME_CONTENT_SECONDS)
    return render(request, "portal/home.html", {"hot_words": blocks.hot_words(10), "blocks_html": blocks_html})
