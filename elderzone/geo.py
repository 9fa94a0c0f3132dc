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
    return TileMap(zoom, width, height, tiles, markers)


def sort_by_distance(items: Iterable, origin: tuple[float, float], *, lat=lambda i: i.latitude,
                     lng=lambda i: i.longitude) -> list[tuple[object, float]]:
    """(item, km) nearest first; ties keep the incoming order."""
    olat, olng = origin
    measured = [(item, distance_km(olat, olng, float(lat(item)), float(lng(item)))) for item in items]
    return sorted(measured, key=lambda pair: pair[1])
