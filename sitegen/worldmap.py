"""The countries index's world map: an inline SVG generated at build time, no JavaScript and no external request.

Outlines: world-atlas 2.0.2 `countries-50m.json` (TopoJSON of Natural Earth 1:50m admin-0 countries; Natural Earth is
public domain, world-atlas is ISC-licensed; site_data/reference/outlines/). Each ISO 3166-1 numeric id maps to our
alpha-2 page through site_data/context/country_codes.yml. Every country with a page gets exactly one shape, a link
to its page and a text alternative (`<title>`); a country too small for the outline, or absent from it, is drawn as
a small circle at a position the outline cannot give, listed in the legend, so no country with data is missing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from checker import links
from checker.records import Country
from sitegen.mdtools import esc

OUTLINE = Path("reference") / "outlines" / "world-atlas-countries-50m.json"
WIDTH, HEIGHT = 1000, 480
NORTH, SOUTH = 84.0, -58.0  # crop Antarctica and the empty Arctic; Antarctica gets a marker like small states


def _project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular, cropped: simple, and honest about what it is (not an equal-area map)."""
    x = (lon + 180.0) / 360.0 * WIDTH
    y = (NORTH - max(min(lat, NORTH), SOUTH)) / (NORTH - SOUTH) * HEIGHT
    return x, y


TOLERANCE = 0.5  # px: detail finer than half a pixel of the 1000 px map is dropped (arcs shared, so borders agree)


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Arcs as projected points, each simplified once (Ramer-Douglas-Peucker) so neighbours share their border."""
    scale_x, scale_y = topology["transform"]["scale"]
    move_x, move_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(_project(x * scale_x + move_x, y * scale_y + move_y))
        arcs.append(_simplify(points, TOLERANCE))
    return arcs


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        worst, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm == 0:
                dist = ((px - x1) ** 2 + (py - y1) ** 2) ** 0.5
            else:
                dist = abs(dy * px - dx * py + x2 * y1 - y2 * x1) / norm
            if dist > worst:
                worst, index = dist, i
        if worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _path(rings: list[list[tuple[float, float]]]) -> tuple[str, float, tuple[float, float]]:
    """SVG path data at 0.5 px precision (relative moves), repeated points dropped; the projected area (to spot slivers) and the
    mean of the projected points (where a circle goes when the shape is too small to see)."""
    parts = []
    area = 0.0
    every = [point for ring in rings for point in ring]
    centre = (sum(x for x, _ in every) / len(every), sum(y for _, y in every) / len(every)) if every else (0.0, 0.0)
    for ring in rings:
        out: list[tuple[int, int]] = []
        shift = 0.0
        previous_x: float | None = None
        for x, y in ring:
            if previous_x is not None and abs(x + shift - previous_x) > WIDTH / 2:
                shift += WIDTH if previous_x > x + shift else -WIDTH  # crossing the antimeridian: keep going off-canvas
            previous_x = x + shift
            point = (round((x + shift) * 2), round(y * 2))
            if not out or out[-1] != point:
                out.append(point)
        if len(out) < 3:
            continue
        area += abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(out, out[1:] + out[:1], strict=True))) / 8.0
        cmds = [f"M{out[0][0] / 2:g} {out[0][1] / 2:g}"]
        cmds += [f"l{(b[0] - a[0]) / 2:g} {(b[1] - a[1]) / 2:g}" for a, b in zip(out, out[1:], strict=False)]
        parts.append("".join(cmds) + "Z")
    return "".join(parts), area, centre


def shapes(site_data: Path, numeric_to_alpha2: dict[str, str]) -> dict[str, tuple[str, float, tuple[float, float]]]:
    """alpha-2 -> (path data, projected area, centre) for every outline with an ISO numeric id we know."""
    topology = json.loads((site_data / OUTLINE).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    out: dict[str, tuple[str, float, tuple[float, float]]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        code = numeric_to_alpha2.get(str(geometry.get("id", "")))
        if code is None:
            continue  # Somaliland, Kosovo, N. Cyprus, Siachen Glacier...: no ISO 3166-1 code, no page here
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [_ring(arcs, ring) for polygon in polygons for ring in polygon]
        path, area, centre = _path(rings)
        out[code] = (path, area, centre)
    return out


def world_map_svg(
    site_data: Path,
    countries: list[Country],
    numeric_to_alpha2: dict[str, str],
    href: Callable[[str], str],
    describe: Callable[[str], tuple[str, str]],
    legend: list[tuple[str, str]],
) -> str:
    """The SVG (one line per country), wrapped in a figure with a caption. `describe(code)` -> (css class, text)."""
    outlines = shapes(site_data, numeric_to_alpha2)
    body = []
    markers = []
    for country in sorted(countries, key=lambda c: c.code):
        code = country.code
        css, text = describe(code)
        label = f"{country.name}: {text}"
        # xlink:href, not href: Material's instant navigation rewrites every element matching [href] with
        # `el.href = el.href`, which throws on an SVG link (its href is a read-only SVGAnimatedString) and stops the
        # page's scripts; the namespaced attribute is not matched by [href] and browsers follow it the same way.
        link = f'<a xlink:href="{esc(href(code))}" aria-label="{esc(label)}">'
        outline = outlines.get(code)
        if outline and outline[0] and outline[1] >= 4.0:
            shape = f'<path class="{css}" d="{outline[0]}"><title>{esc(label)}</title></path>'
            kind = "outline"
        elif outline:
            x, y = outline[2]
            shape = f'<circle class="{css} ceg-map-marker" cx="{x:.1f}" cy="{y:.1f}" r="3"><title>{esc(label)}</title></circle>'
            kind = "small"
        else:
            markers.append(code)
            x, y = _marker_position(len(markers) - 1)
            shape = (
                f'<circle class="{css} ceg-map-marker" cx="{x}" cy="{y}" r="3.5"><title>{esc(label)}</title></circle>'
            )
            kind = "unplaced"
        body.append(f'<g data-country="{code}" data-shape="{kind}">{link}{shape}</a></g>')
    rows = (len(markers) + PER_ROW - 1) // PER_ROW
    legend_svg = []
    for index, (css, text) in enumerate(legend):
        y = HEIGHT + 30 + rows * 11 + index * 18
        legend_svg.append(
            f'<rect class="{css}" x="10" y="{y - 10}" width="14" height="12"/>'
            f'<text x="30" y="{y}" class="ceg-map-legend">{esc(text)}</text>'
        )
    if markers:
        legend_svg.append(
            f'<text x="10" y="{HEIGHT + 12}" class="ceg-map-legend">Not in the outline (in code order): '
            f"{esc(', '.join(markers))}</text>"
        )
    total_height = HEIGHT + 30 + rows * 11 + 18 * len(legend) + 10
    return (
        f'<svg class="ceg-world-map" viewBox="0 0 {WIDTH} {total_height}" role="group" '
        f'aria-labelledby="ceg-map-title" xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink">'
        f'<title id="ceg-map-title">World map of the countries in this guide, coloured by destination context; '
        f"each country links to its page</title>\n" + "\n".join(body) + "\n" + "".join(legend_svg) + "</svg>"
    )


PER_ROW = 80


def _marker_position(index: int) -> tuple[int, int]:
    """Countries the outline lacks go in rows under the map, in code order (named in the line above them)."""
    return 16 + (index % PER_ROW) * 12, HEIGHT + 24 + (index // PER_ROW) * 11


def country_href(code: str) -> str:
    return links.country_page(code)
