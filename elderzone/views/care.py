"""关爱地图: filters, nearest-first list and a map from local assets (tile server or plain SVG)."""
from django.conf import settings
from django.shortcuts import render

from elderzone import geo, selectors
from elderzone.models import InstitutionKind

MAP_WIDTH, MAP_HEIGHT = 1000, 640


def care_map(request):
    query = selectors.parse_map_query(request.GET)
    rows = selectors.institutions(query)
    points = [(index, float(item.latitude), float(item.longitude)) for index, (item, _) in enumerate(rows, 1)]
    if points and query.origin is not None:
        # The place distances are measured from is drawn too ("您的位置" or the district centre).
        points.append(("origin", *query.origin))
    tile_url = getattr(settings, "ELDERZONE_MAP_TILE_URL", "") or ""
    tiles = geo.tile_map(points, tile_url, MAP_WIDTH, MAP_HEIGHT) if tile_url and points else None
    return render(request, "elderzone/map.html", {
        "query": query,
        "rows": rows,
        "districts": selectors.districts(),
        "kinds": InstitutionKind.choices,
        "tiles": tiles,
        "svg_points": [] if tiles else geo.spread(geo.fit_svg(points, MAP_WIDTH, MAP_HEIGHT), MAP_WIDTH, MAP_HEIGHT),
        "map_width": MAP_WIDTH, "map_height": MAP_HEIGHT,
        "tile_attribution": getattr(settings, "ELDERZONE_MAP_ATTRIBUTION", "") or "",
    })
