"""The map of Europe on the home page: one projection for the outlines and the markers.

scripts/build_europe_map.py projects Natural Earth's country outlines once with
`project()` and writes templates/includes/_europe_outline.svg; at render time the
partners' coordinates go through the same function, so markers land on their cities.

The projection is the Lambert azimuthal equal-area centred on 52°N 10°E, the one
the EU uses for its statistical maps (ETRS89-LAEA), computed on a sphere, which is
more than precise enough at this scale.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

CENTRE_LATITUDE = 52.0
CENTRE_LONGITUDE = 10.0

# Width of the SVG's viewBox; the height follows from the frame below.
VIEWBOX_WIDTH = 1000

# The frame, in projected units (radians on the unit sphere): from the west of
# Ireland and Portugal to the east of Finland and Cyprus, from Crete to Lapland.
FRAME_WEST = -0.29
FRAME_EAST = 0.39
FRAME_NORTH = 0.335
FRAME_SOUTH = -0.295

SCALE = VIEWBOX_WIDTH / (FRAME_EAST - FRAME_WEST)
VIEWBOX_HEIGHT = round((FRAME_NORTH - FRAME_SOUTH) * SCALE)


def laea(latitude: float, longitude: float) -> tuple[float, float]:
    """Lambert azimuthal equal-area on the unit sphere; y grows northwards."""
    phi = math.radians(latitude)
    phi0 = math.radians(CENTRE_LATITUDE)
    dlambda = math.radians(longitude - CENTRE_LONGITUDE)
    denominator = (
        1 + math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(dlambda)
    )
    k = math.sqrt(2 / denominator) if denominator > 1e-12 else 0.0
    x = k * math.cos(phi) * math.sin(dlambda)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(dlambda))
    return x, y


def project(latitude: float | Decimal, longitude: float | Decimal) -> tuple[float, float]:
    """Latitude and longitude in degrees to the map's SVG coordinates (y grows downwards)."""
    x, y = laea(float(latitude), float(longitude))
    return (x - FRAME_WEST) * SCALE, (FRAME_NORTH - y) * SCALE


def is_on_map(x: float, y: float) -> bool:
    return 0 <= x <= VIEWBOX_WIDTH and 0 <= y <= VIEWBOX_HEIGHT


@dataclass(frozen=True)
class Marker:
    partner: object
    x: float
    y: float


# Partners in the same city share a point: their markers are spread on a small
# circle around it, so that each can be seen, pointed at and clicked.
SPREAD_RADIUS = 11.0


def partner_markers(partners: Iterable) -> list[Marker]:
    """A marker for each partner with coordinates inside the frame; the others are left out."""
    places: dict[tuple[int, int], list[tuple[object, float, float]]] = {}
    for partner in partners:
        if partner.latitude is None or partner.longitude is None:
            continue
        x, y = project(partner.latitude, partner.longitude)
        if is_on_map(x, y):
            places.setdefault((round(x), round(y)), []).append((partner, x, y))
    markers = []
    for group in places.values():
        for index, (partner, x, y) in enumerate(group):
            if len(group) > 1:
                angle = 2 * math.pi * index / len(group)
                x += SPREAD_RADIUS * math.sin(angle)
                y -= SPREAD_RADIUS * math.cos(angle)
            markers.append(Marker(partner=partner, x=round(x, 1), y=round(y, 1)))
    return markers
