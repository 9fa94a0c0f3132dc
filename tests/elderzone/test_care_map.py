"""关爱地图: distances, nearest-first sorting, filters and the map drawing."""
from decimal import Decimal

import pytest
from django.urls import reverse

from elderzone import geo, selectors
from elderzone.models import InstitutionKind
from tests.elderzone.factories import CareInstitutionFactory, DistrictFactory


def test_distance_between_known_points():
    # 长沙五一广场 → 萍乡市政府: about 120 km as the crow flies.
    km = geo.distance_km(28.1960, 112.9770, 27.6229, 113.8544)
    assert 100 < km < 125
    assert geo.distance_km(27.6, 113.8, 27.6, 113.8) == 0


def test_sort_by_distance_nearest_first():
    class P:
        def __init__(self, name, lat, lng):
            self.name, self.latitude, self.longitude = name, lat, lng

    far, near, middle = P("far", 28.2, 113.0), P("near", 27.62, 113.87), P("middle", 27.7, 113.9)
    ranked = geo.sort_by_distance([far, near, middle], (27.6157, 113.8707))
    assert [p.name for p, _ in ranked] == ["near", "middle", "far"]
    assert ranked[0][1] < ranked[1][1] < ranked[2][1]


def test_svg_placement_keeps_north_up_and_inside_the_box():
    placed = geo.fit_svg([("a", 27.60, 113.80), ("b", 27.70, 113.90)], 1000, 640, 50)
    a, b = placed
    assert b.y < a.y and b.x > a.x  # the northern, eastern point is up and right
    for p in placed:
        assert 50 <= p.x <= 950 and 50 <= p.y <= 590


def test_tile_map_covers_every_point():
    tiles = geo.tile_map([(1, 27.60, 113.80), (2, 27.70, 113.90)], "/tiles/{z}/{x}/{y}.png", 1000, 640)
    assert tiles.zoom >= 10 and tiles.tiles
    assert all(t.url.startswith(f"/tiles/{tiles.zoom}/") for t in tiles.tiles)
    for m in tiles.markers:
        assert 0 <= m.x <= 1000 and 0 <= m.y <= 640


@pytest.mark.django_db
def test_nearest_first_from_a_chosen_district(client):
    anyuan = DistrictFactory(name="安源区", latitude=Decimal("27.6157"), longitude=Decimal("113.8707"))
    changsha = DistrictFactory(name="芙蓉区", city="长沙市", latitude=Decimal("28.1853"), longitude=Decimal("113.0327"))
    CareInstitutionFactory(name="远处的养老院", district=changsha, latitude=Decimal("28.19"), longitude=Decimal("113.03"))
    CareInstitutionFactory(name="近处的食堂", kind="canteen", district=anyuan, latitude=Decimal("27.617"), longitude=Decimal("113.871"))
    CareInstitutionFactory(name="稍远的服务中心", kind="community", district=anyuan, latitude=Decimal("27.65"), longitude=Decimal("113.90"))
    rows = selectors.institutions(selectors.parse_map_query({"near": str(anyuan.pk)}))
    assert [i.name for i, _ in rows] == ["近处的食堂", "稍远的服务中心", "远处的养老院"]
    page = client.get(reverse("elderzone:map"), {"near": anyuan.pk}).content.decode()
    assert page.index("近处的食堂") < page.index("稍远的服务中心") < page.index("远处的养老院")
    assert "离萍乡市安源区中心最近的在最前面" in page and "公里" in page


@pytest.mark.django_db
def test_browser_location_sorts_and_is_rounded(client):
    d = DistrictFactory()
    CareInstitutionFactory(name="北边", district=d, latitude=Decimal("27.70"), longitude=Decimal("113.87"))
    CareInstitutionFactory(name="南边", district=d, latitude=Decimal("27.50"), longitude=Decimal("113.87"))
    query = selectors.parse_map_query({"lat": "27.5012345", "lng": "113.8698765"})
    assert (query.lat, query.lng) == (27.501, 113.87)
    assert [i.name for i, _ in selectors.institutions(query)] == ["南边", "北边"]
    page = client.get(reverse("elderzone:map"), {"lat": "27.69", "lng": "113.87"}).content.decode()
    assert page.index("北边") < page.index("南边") and "离您最近的在最前面" in page


@pytest.mark.django_db
def test_filters_by_district_and_kind_and_ignores_junk(client):
    a, b = DistrictFactory(), DistrictFactory()
    CareInstitutionFactory(name="甲院", district=a, kind=InstitutionKind.INSTITUTION)
    CareInstitutionFactory(name="甲食堂", district=a, kind=InstitutionKind.CANTEEN)
    CareInstitutionFactory(name="乙院", district=b, kind=InstitutionKind.INSTITUTION)
    page = client.get(reverse("elderzone:map"), {"district": a.pk, "kind": "canteen"}).content.decode()
    assert "甲食堂" in page and "甲院" not in page and "乙院" not in page
    for junk in ({"district": "x"}, {"kind": "<script>"}, {"lat": "nan", "lng": "1"}, {"lat": "91", "lng": "0"},
                 {"near": "99999"}, {"lat": "1e400", "lng": "2"}):
        response = client.get(reverse("elderzone:map"), junk)
        assert response.status_code == 200
        assert "甲院" in response.content.decode()


@pytest.mark.django_db
def test_map_is_a_local_svg_without_tile_server_and_tiles_with_one(client, settings):
    CareInstitutionFactory(name="甲院")
    CareInstitutionFactory(name="乙院", latitude=Decimal("27.70"))
    settings.ELDERZONE_MAP_TILE_URL = ""
    page = client.get(reverse("elderzone:map")).content.decode()
    assert "<svg" in page and "<circle" in page and "<image" not in page
    assert "http://" not in page.split('<section aria-labelledby="map-heading"')[1].split("</section>")[0]
    settings.ELDERZONE_MAP_TILE_URL = "/tiles/{z}/{x}/{y}.png"
    page = client.get(reverse("elderzone:map")).content.decode()
    assert '<image href="/tiles/' in page and "style=" not in page


def test_markers_of_nearby_places_are_spread_apart_and_keep_their_true_place():
    # Three homes in one street and one far away: the three numbers would cover each other.
    placed = [geo.Placed(1, 500, 300), geo.Placed(2, 505, 302), geo.Placed(3, 500, 300), geo.Placed(4, 900, 100)]
    spread = geo.spread(placed, 1000, 640)
    for i, a in enumerate(spread):
        for b in spread[i + 1:]:
            assert ((a.x - b.x) ** 2 + (a.y - b.y) ** 2) ** 0.5 >= 2 * geo.MARKER_RADIUS, (a, b)
        assert geo.MARKER_RADIUS <= a.x <= 1000 - geo.MARKER_RADIUS and geo.MARKER_RADIUS <= a.y <= 640 - geo.MARKER_RADIUS
    assert spread[3] == placed[3]  # the far one does not move
    assert all(p.moved for p in spread[:3]) and (spread[0].anchor_x, spread[0].anchor_y) == (500, 300)
    assert geo.spread(placed, 1000, 640) == spread  # the same map every time


def test_markers_stay_inside_a_crowded_corner():
    placed = [geo.Placed(n, 2, 2) for n in range(1, 7)]
    for p in geo.spread(placed, 1000, 640):
        assert geo.MARKER_RADIUS <= p.x <= 1000 - geo.MARKER_RADIUS and geo.MARKER_RADIUS <= p.y <= 640 - geo.MARKER_RADIUS
