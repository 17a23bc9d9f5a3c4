"""Project Natural Earth's country outlines of Europe once and write the map's SVG path.

Run from the repository root whenever the frame in core/europe_map.py changes:

    mkdir -p /tmp/world-atlas && cd /tmp/world-atlas && npm pack world-atlas@2.0.2 \
        && tar xzf world-atlas-2.0.2.tgz && cd -
    .venv/bin/python scripts/build_europe_map.py /tmp/world-atlas/package/countries-50m.json

The input is the npm package world-atlas (ISC licence), Natural Earth's 1:50m
Admin 0 countries as TopoJSON; Natural Earth is in the public domain. The output,
templates/includes/_europe_outline.svg, is committed: the portal needs neither
the package nor the network at run time.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from core.europe_map import (  # noqa: E402
    VIEWBOX_HEIGHT,
    VIEWBOX_WIDTH,
    project,
)

OUTPUT = ROOT / "templates" / "includes" / "_europe_outline.svg"

# Only outlines with a point in this box are projected; clipping does the rest.
LONGITUDES = (-30.0, 60.0)
LATITUDES = (25.0, 75.0)
# Outlines are clipped a little outside the viewBox, so their cut edges never show.
MARGIN = 20.0
# Douglas-Peucker tolerance and the smallest island kept, in viewBox units.
TOLERANCE = 0.5
MIN_EXTENT = 2.5
MAX_BYTES = 60_000

Point = tuple[float, float]


def decode_arcs(topology: dict) -> list[list[Point]]:
    """TopoJSON's quantised, delta-encoded arcs to longitude/latitude points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their end point.
        points.extend(arc if not points else arc[1:])
    return points


def polygons(topology: dict) -> list[list[list[Point]]]:
    arcs = decode_arcs(topology)
    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            shapes = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            shapes = geometry["arcs"]
        else:
            continue
        result.extend([ring_points(ring, arcs) for ring in shape] for shape in shapes)
    return result


def near_europe(ring: list[Point]) -> bool:
    return any(
        LONGITUDES[0] <= lon <= LONGITUDES[1] and LATITUDES[0] <= lat <= LATITUDES[1]
        for lon, lat in ring
    )


def clip(ring: list[Point]) -> list[Point]:
    """Sutherland-Hodgman against the viewBox grown by MARGIN."""
    low_x, low_y = -MARGIN, -MARGIN
    high_x, high_y = VIEWBOX_WIDTH + MARGIN, VIEWBOX_HEIGHT + MARGIN
    edges = [
        (lambda p: p[0] >= low_x, lambda a, b: _cross_x(a, b, low_x)),
        (lambda p: p[0] <= high_x, lambda a, b: _cross_x(a, b, high_x)),
        (lambda p: p[1] >= low_y, lambda a, b: _cross_y(a, b, low_y)),
        (lambda p: p[1] <= high_y, lambda a, b: _cross_y(a, b, high_y)),
    ]
    points = ring
    for inside, cross in edges:
        if not points:
            break
        clipped = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    clipped.append(cross(previous, current))
                clipped.append(current)
            elif inside(previous):
                clipped.append(cross(previous, current))
            previous = current
        points = clipped
    return points


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative so long coastlines cannot exhaust the stack."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        farthest, distance = None, tolerance
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / length
            else:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > distance:
                farthest, distance = i, d
        if farthest is not None:
            keep[farthest] = True
            stack.extend([(first, farthest), (farthest, last)])
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def path_data(ring: list[Point]) -> str:
    """One closed subpath in relative integer steps: the shortest text for a small map."""
    rounded = [(round(x), round(y)) for x, y in ring]
    deduplicated = [rounded[0]]
    for point in rounded[1:]:
        if point != deduplicated[-1]:
            deduplicated.append(point)
    if len(deduplicated) > 1 and deduplicated[0] == deduplicated[-1]:
        deduplicated.pop()
    if len(deduplicated) < 3:
        return ""
    (x0, y0), steps = deduplicated[0], []
    previous = deduplicated[0]
    for x, y in deduplicated[1:]:
        steps.append(f"{x - previous[0]} {y - previous[1]}")
        previous = (x, y)
    # A space before a negative number is optional in SVG path syntax.
    return f"M{x0} {y0}l" + " ".join(steps).replace(" -", "-") + "z"


def build(topology: dict) -> str:
    subpaths = []
    for polygon in polygons(topology):
        for ring in polygon:
            if not near_europe(ring):
                continue
            projected = clip([project(lat, lon) for lon, lat in ring])
            if len(projected) < 3:
                continue
            xs, ys = [p[0] for p in projected], [p[1] for p in projected]
            if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_EXTENT:
                continue
            closed = [*projected, projected[0]]
            data = path_data(simplify(closed, TOLERANCE))
            if data:
                subpaths.append(data)
    return (
        "<!-- Generated by scripts/build_europe_map.py from Natural Earth 1:50m countries"
        " (public domain) via the world-atlas package. Do not edit by hand. -->\n"
        f'<path class="map__land" d="{"".join(subpaths)}"/>\n'
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="countries-50m.json from world-atlas")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    arguments = parser.parse_args()
    svg = build(json.loads(arguments.topojson.read_text()))
    size = len(svg.encode())
    if size > MAX_BYTES:
        sys.exit(f"The outline is {size} bytes, over {MAX_BYTES}: raise TOLERANCE or MIN_EXTENT.")
    arguments.output.write_text(svg)
    print(f"Wrote {arguments.output.relative_to(ROOT)} ({size} bytes).")


if __name__ == "__main__":
    main()
