"""Distances and map drawing for 关爱地图: pure functions, no database, no network.

Web Mercator is used both for the tile map and the plain SVG, so the two look the same.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Sequence

EARTH_RADIUS_KM = 6371.0088
TILE_SIZE = 256


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle (haversine) distance; a few metres off at city scale, which is plenty here."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def world_px(lat: float, lng: float, zoom: float) -> tuple[float, float]:
    """Web Mercator pixel coordinates at `zoom` (the tile servers' convention)."""
    lat = max(min(lat, 85.0511), -85.0511)
    scale = TILE_SIZE * 2 ** zoom
    x = (lng + 180.0) / 360.0 * scale
    s = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * scale
    return x, y


@dataclass(frozen=True)
class Placed:
    key: object
    x: float
    y: float
    # Where the place really is, when the marker had to move aside to stay readable (a line joins them).
    anchor_x: float | None = None
    anchor_y: float | None = None

    @property
    def moved(self) -> bool:
        return self.anchor_x is not None


# Marker radius in map units; the map is never drawn narrower than its viewBox × MIN_SCALE (zone.css),
# so a 28-unit number is at least 24 px on any screen.
MARKER_RADIUS = 26
MIN_SCALE = 0.86


def spread(placed: Sequence[Placed], width: int, height: int, gap: float = 6, rounds: int = 80) -> list[Placed]:
    """The markers pushed apart until no two overlap (nearby homes otherwise hide each other's numbers).

    A plain relaxation: each round, every overlapping pair moves apart along the line between them by half
    the overlap, kept inside the box. Deterministic; the moved ones keep their true position as anchor.
    """
    distance = 2 * MARKER_RADIUS + gap
    xy = [[p.x, p.y] for p in placed]
    for _ in range(rounds):
        moved = False
        for i in range(len(xy)):
            for j in range(i + 1, len(xy)):
                dx, dy = xy[j][0] - xy[i][0], xy[j][1] - xy[i][1]
                apart = math.hypot(dx, dy)
                if apart >= distance - 0.01:
                    continue
                if apart < 1e-6:  # the same spot: split them along a direction that depends on the pair
                    angle = (i * 7 + j * 13) % 360
                    dx, dy, apart = math.cos(math.radians(angle)), math.sin(math.radians(angle)), 1.0
                push = (distance - apart) / 2
                ux, uy = dx / apart, dy / apart
                xy[i][0] -= ux * push; xy[i][1] -= uy * push
                xy[j][0] += ux * push; xy[j][1] += uy * push
                moved = True
        for point in xy:
            point[0] = min(max(point[0], MARKER_RADIUS), width - MARKER_RADIUS)
            point[1] = min(max(point[1], MARKER_RADIUS), height - MARKER_RADIUS)
        if not moved:
            break
    result = []
    for p, (x, y) in zip(placed, xy):
        x, y = round(x, 1), round(y, 1)
        shifted = math.hypot(x - p.x, y - p.y) > 1
        result.append(Placed(p.key, x, y, p.x if shifted else None, p.y if shifted else None))
    return result


def fit_svg(points: Sequence[tuple[object, float, float]], width: int = 1000, height: int = 640,
            padding: int = 50) -> list[Placed]:
    """Points (key, lat, lng) placed in a width×height box, keeping the map's proportions."""
    if not points:
        return []
    raw = [(key, *world_px(lat, lng, 0)) for key, lat, lng in points]
    xs, ys = [p[1] for p in raw], [p[2] for p in raw]
    span_x, span_y = max(xs) - min(xs), max(ys) - min(ys)
    usable_w, usable_h = width - 2 * padding, height - 2 * padding
    if span_x == 0 and span_y == 0:
        scale = 1.0
    else:
        scale = min(usable_w / span_x if span_x else math.inf, usable_h / span_y if span_y else math.inf)
    # Centre the drawing in the box.
    off_x = padding + (usable_w - span_x * scale) / 2
    off_y = padding + (usable_h - span_y * scale) / 2
    return [Placed(key, round(off_x + (x - min(xs)) * scale, 1), round(off_y + (y - min(ys)) * scale, 1))
            for key, x, y in raw]


@dataclass(frozen=True)
class Tile:
    url: str
    left: float
    top: float


@dataclass(frozen=True)
class TileMap:
    zoom: int
    width: int
    height: int
    tiles: list[Tile]
    markers: list[Placed]


def tile_map(points: Sequence[tuple[object, float, float]], url_template: str, width: int = 1000,
             height: int = 640, padding: int = 50, max_zoom: int = 17) -> TileMap | None:
    """The tiles and marker positions of a width×height view that shows every point.

    `url_template` uses {z}/{x}/{y} like every XYZ tile server.
    """
    if not points:
        return None
    zoom = max_zoom
    while zoom > 1:
        px = [world_px(lat, lng, zoom) for _, lat, lng in points]
        xs, ys = [p[0] for p in px], [p[1] for p in px]
        if max(xs) - min(xs) <= width - 2 * padding and max(ys) - min(ys) <= height - 2 * padding:
            break
        zoom -= 1
    px = [world_px(lat, lng, zoom) for _, lat, lng in points]
    xs, ys = [p[0] for p in px], [p[1] for p in px]
    origin_x = (max(xs) + min(xs)) / 2 - width / 2
    origin_y = (max(ys) + min(ys)) / 2 - height / 2
    count = 2 ** zoom
    tiles = []
    for tx in range(int(origin_x // TILE_SIZE), int((origin_x + width) // TILE_SIZE) + 1):
        for ty in range(int(origin_y // TILE_SIZE), int((origin_y + height) // TILE_SIZE) + 1):
            if 0 <= ty < count:
                url = url_template.format(z=zoom, x=tx % count, y=ty, s="a")
                tiles.append(Tile(url, round(tx * TILE_SIZE - origin_x, 1), round(ty * TILE_SIZE - origin_y, 1)))
    markers = [Placed(key, round(x - origin_x, 1), round(y - origin_y, 1)) for (key, _, _), (x, y) in zip(points, px)]
    return TileMap(zoom, width, height, tiles, spread(markers, width, height))


def sort_by_distance(items: Iterable, origin: tuple[float, float], *, lat=lambda i: i.latitude,
                     lng=lambda i: i.longitude) -> list[tuple[object, float]]:
    """(item, km) nearest first; ties keep the incoming order."""
    olat, olng = origin
    measured = [(item, distance_km(olat, olng, float(lat(item)), float(lng(item)))) for item in items]
    return sorted(measured, key=lambda pair: pair[1])
