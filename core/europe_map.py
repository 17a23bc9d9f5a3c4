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
    """A partner's marker at (x, y); (place_x, place_y) is where the partner is."""

    partner: object
    x: float
    y: float
    place_x: float
    place_y: float

    @property
    def is_moved(self) -> bool:
        return math.hypot(self.x - self.place_x, self.y - self.place_y) > 1

    @property
    def hit_radius(self) -> float:
        return HIT_RADIUS


# Each marker is a target of at least 24 by 24 CSS pixels (WCAG 2.5.8) where the
# map is narrowest, the full width of a 375-pixel phone less the page's margins
# (about 340 pixels for the viewBox's 1000 units): a circle of this radius.
HIT_RADIUS = 36.0
# Markers closer than two radii, such as the two partners in Brussels, are
# pushed apart until their targets no longer overlap; a line joins each moved
# marker to its place.
SPREAD_ROUNDS = 200


def _spread(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points moved apart until no two are closer than ``2 * HIT_RADIUS``.

    Deterministic (the same partners give the same map): each round pushes every
    pair that is too close apart along the line between them, half each; points
    at the very same place leave it in directions spread around a circle.
    """
    spacing = 2 * HIT_RADIUS
    positions = [list(point) for point in points]
    count = len(positions)
    for _ in range(SPREAD_ROUNDS):
        moved = False
        for i in range(count):
            for j in range(i + 1, count):
                dx = positions[j][0] - positions[i][0]
                dy = positions[j][1] - positions[i][1]
                distance = math.hypot(dx, dy)
                if distance >= spacing - 0.01:
                    continue
                if distance < 0.01:
                    angle = 2 * math.pi * j / count
                    dx, dy, distance = math.sin(angle), -math.cos(angle), 1.0
                push = (spacing - distance) / 2 + 0.01
                ux, uy = dx / distance, dy / distance
                positions[i][0] -= ux * push
                positions[i][1] -= uy * push
                positions[j][0] += ux * push
                positions[j][1] += uy * push
                moved = True
        for position in positions:
            position[0] = min(max(position[0], HIT_RADIUS), VIEWBOX_WIDTH - HIT_RADIUS)
            position[1] = min(max(position[1], HIT_RADIUS), VIEWBOX_HEIGHT - HIT_RADIUS)
        if not moved:
            break
    return [(x, y) for x, y in positions]


def partner_markers(partners: Iterable) -> list[Marker]:
    """A marker for each partner with coordinates inside the frame; the others are left out."""
    placed = []
    for partner in partners:
        if partner.latitude is None or partner.longitude is None:
            continue
        x, y = project(partner.latitude, partner.longitude)
        if is_on_map(x, y):
            placed.append((partner, x, y))
    spread = _spread([(x, y) for _partner, x, y in placed])
    return [
        Marker(
            partner=partner,
            x=round(x, 1),
            y=round(y, 1),
            place_x=round(place_x, 1),
            place_y=round(place_y, 1),
        )
        for (partner, place_x, place_y), (x, y) in zip(placed, spread, strict=True)
    ]
