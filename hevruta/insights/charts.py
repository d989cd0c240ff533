"""Charts drawn on the server as SVG, so the page and the PDF show the same drawing without a script.

Each chart is drawn from the same rows as the table beside it (rows of (label, value)); in a right-to-left
language the bars grow from the right and labels stand on the right. The SVG has a title and role="img";
the table beside it is what screen readers read.
"""

import math
from collections.abc import Sequence
from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_bidi

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
# Peripherality clusters 1 (most peripheral) to 10 (most central), from warm to cool.
CLUSTER_COLOURS = (
    "#b2182b",
    "#d6604d",
    "#f4a582",
    "#fddbc7",
    "#f7f7f7",
    "#d1e5f0",
    "#92c5de",
    "#4393c3",
    "#2166ac",
    "#053061",
)


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def bars(rows: Sequence[tuple[str, float]], title: str, width: int = 480) -> SafeString:
    """A horizontal bar chart; one bar a row."""
    rtl = get_language_bidi()
    bar_height, gap, label_width = 18, 6, 170
    height = max(1, len(rows)) * (bar_height + gap) + gap
    top = max((value for _label, value in rows), default=0) or 1
    room = width - label_width - 60
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart" direction="{"rtl" if rtl else "ltr"}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = room * value / top
        bar_x = width - label_width - length if rtl else label_width
        label_x, anchor = (width - label_width + 6, "start") if rtl else (label_width - 6, "end")
        value_x, value_anchor = (bar_x - 4, "end") if rtl else (bar_x + length + 4, "start")
        parts += [
            f'<text x="{label_x}" y="{y + 13}" text-anchor="{anchor}" font-size="12">{escape(label[:28])}</text>',
            f'<rect x="{bar_x:.1f}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{PALETTE[index % len(PALETTE)]}"/>',
            f'<text x="{value_x:.1f}" y="{y + 13}" text-anchor="{value_anchor}" font-size="12">{_number(value)}</text>',
        ]
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above


def pie(rows: Sequence[tuple[str, float]], title: str, size: int = 220) -> SafeString:
    """A pie chart (seed document 002's teachers by tier); the legend is the table beside it."""
    total = sum(value for _label, value in rows)
    radius, centre = size / 2 - 4, size / 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" class="chart">',
        f"<title>{escape(title)}</title>",
    ]
    angle = -math.pi / 2
    for index, (label, value) in enumerate(rows):
        if not total or not value:
            continue
        share = value / total
        colour = PALETTE[index % len(PALETTE)]
        if share >= 0.9999:
            parts.append(
                f'<circle cx="{centre}" cy="{centre}" r="{radius}" fill="{colour}">'
                f"<title>{escape(label)}</title></circle>"
            )
            break
        end = angle + 2 * math.pi * share
        x1, y1 = centre + radius * math.cos(angle), centre + radius * math.sin(angle)
        x2, y2 = centre + radius * math.cos(end), centre + radius * math.sin(end)
        large = 1 if share > 0.5 else 0
        parts.append(
            f'<path d="M{centre},{centre} L{x1:.2f},{y1:.2f} A{radius},{radius} 0 {large} 1 {x2:.2f},{y2:.2f} Z" '
            f'fill="{colour}"><title>{escape(label)}</title></path>'
        )
        angle = end
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above


def legend_colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


# Israel's bounding box (with the West Bank), for a map drawn from the localities' coordinates alone.
NORTH, SOUTH, WEST, EAST = 33.35, 29.45, 34.2, 35.95
TILE_SIZE = 256  # pixels of a slippy-map tile at every zoom
MAX_ZOOM = 14  # closer than a town is no use for localities, and tile servers stop near 18
MIN_SPAN = 0.05  # degrees: a box of one locality (or one town) is widened to about 5 km


def _circle(locality: Any, count: float, x: float, y: float, top: float) -> str:
    radius = 2 + 14 * math.sqrt(count / top)
    cluster = locality.peripherality_cluster
    colour = CLUSTER_COLOURS[cluster - 1] if cluster else "#cccccc"
    return (
        f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" fill-opacity="0.8" stroke="#333" '
        f'stroke-width="0.5"><title>{escape(str(locality))}: {_number(count)}</title></circle>'
    )


def map_of(
    points: Sequence[tuple[Any, float]],
    title: str,
    width: int = 260,
    height: int = 520,
    tiles: str = "",
    attribution: str = "",
) -> SafeString:
    """Localities as circles (area by count, colour by peripherality cluster) on their coordinates.

    Without `tiles` there are no tiles and no internet: the country's shape shows through the points
    themselves. With `tiles` (an XYZ address like https://tile.example.org/{z}/{x}/{y}.png) the map is
    in Web Mercator over the tiles that cover it; the reader's browser loads them, the server never does.
    """
    top = max((count for _locality, count in points), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart"><title>{escape(title)}</title>',
        f'<rect width="{width}" height="{height}" fill="#f4f8fb"/>',
    ]
    ordered = sorted(points, key=lambda point: -point[1])
    if tiles:
        frame = MercatorFrame.fitting(_bounding_box(points), width, height)
        parts += frame.tile_images(tiles)
        for locality, count in ordered:
            x, y = frame.pixel(locality.latitude, locality.longitude)
            parts.append(_circle(locality, count, x, y, top))
        parts += _attribution(attribution, width, height)
        parts.append("</g>")
    else:
        for locality, count in ordered:
            x = (locality.longitude - WEST) / (EAST - WEST) * width
            y = (NORTH - locality.latitude) / (NORTH - SOUTH) * height
            parts.append(_circle(locality, count, x, y, top))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label and address is escaped above


def world_pixel(latitude: float, longitude: float, zoom: int) -> tuple[float, float]:
    """Web Mercator (the slippy-map formula): the pixel of a coordinate in the whole world's picture
    at this zoom, 256 * 2**zoom pixels square, (0, 0) at the north-west corner."""
    scale = TILE_SIZE * 2**zoom
    x = (longitude + 180) / 360 * scale
    phi = math.radians(latitude)
    y = (1 - math.asinh(math.tan(phi)) / math.pi) / 2 * scale
    return x, y


def tile_of(latitude: float, longitude: float, zoom: int) -> tuple[int, int]:
    """The (x, y) number of the tile holding a coordinate at this zoom."""
    x, y = world_pixel(latitude, longitude, zoom)
    return int(x // TILE_SIZE), int(y // TILE_SIZE)


def _bounding_box(points: Sequence[tuple[Any, float]]) -> tuple[float, float, float, float]:
    """(north, south, west, east) of the points, widened to MIN_SPAN; the country's without points."""
    if not points:
        return NORTH, SOUTH, WEST, EAST
    latitudes = [locality.latitude for locality, _count in points]
    longitudes = [locality.longitude for locality, _count in points]
    north, south, west, east = max(latitudes), min(latitudes), min(longitudes), max(longitudes)
    lat_pad, lon_pad = max(0.0, MIN_SPAN - (north - south)) / 2, max(0.0, MIN_SPAN - (east - west)) / 2
    return north + lat_pad, south - lat_pad, west - lon_pad, east + lon_pad


class MercatorFrame:
    """The SVG's frame as a window on the world's picture at one zoom: its north-west corner's world pixel."""

    def __init__(self, zoom: int, left: float, top: float, width: int, height: int) -> None:
        self.zoom, self.left, self.top, self.width, self.height = zoom, left, top, width, height

    @classmethod
    def fitting(cls, box: tuple[float, float, float, float], width: int, height: int) -> "MercatorFrame":
        """The closest zoom at which the box (with a margin for the circles) fits, centred in the frame."""
        north, south, west, east = box
        margin = 16  # the largest circle's radius
        zoom = 0
        for candidate in range(MAX_ZOOM, -1, -1):
            x1, y1 = world_pixel(north, west, candidate)
            x2, y2 = world_pixel(south, east, candidate)
            if x2 - x1 <= width - 2 * margin and y2 - y1 <= height - 2 * margin:
                zoom = candidate
                break
        x1, y1 = world_pixel(north, west, zoom)
        x2, y2 = world_pixel(south, east, zoom)
        return cls(zoom, (x1 + x2 - width) / 2, (y1 + y2 - height) / 2, width, height)

    def pixel(self, latitude: float, longitude: float) -> tuple[float, float]:
        x, y = world_pixel(latitude, longitude, self.zoom)
        return x - self.left, y - self.top

    def tiles(self) -> list[tuple[int, int, float, float]]:
        """(tile x, tile y, frame x, frame y) of every tile the frame shows, at its exact pixel."""
        count = 2**self.zoom
        first_x, last_x = math.floor(self.left / TILE_SIZE), math.floor((self.left + self.width - 1) / TILE_SIZE)
        first_y = max(0, math.floor(self.top / TILE_SIZE))
        last_y = min(count - 1, math.floor((self.top + self.height - 1) / TILE_SIZE))
        return [
            (tile_x, tile_y, tile_x * TILE_SIZE - self.left, tile_y * TILE_SIZE - self.top)
            for tile_y in range(first_y, last_y + 1)
            for tile_x in range(first_x, last_x + 1)
        ]

    def tile_images(self, template: str) -> list[str]:
        """The tiles as <image> elements inside a group clipped to the frame (the caller closes the group)."""
        count = 2**self.zoom
        parts = [
            f'<clipPath id="map-frame"><rect width="{self.width}" height="{self.height}"/></clipPath>',
            '<g clip-path="url(#map-frame)">',
        ]
        for tile_x, tile_y, x, y in self.tiles():
            # Across the antimeridian the world repeats: the tile's number wraps around.
            address = template.replace("{z}", str(self.zoom)).replace("{x}", str(tile_x % count))
            address = address.replace("{y}", str(tile_y))
            parts.append(
                f'<image href="{escape(address)}" x="{x:.2f}" y="{y:.2f}" width="{TILE_SIZE}" height="{TILE_SIZE}"/>'
            )
        return parts


def _attribution(text: str, width: int, height: int) -> list[str]:
    """The tiles' credit, in the frame's bottom corner on a pale band, as their licence asks."""
    if not text:
        return []
    return [
        f'<rect x="0" y="{height - 14}" width="{width}" height="14" fill="#ffffff" fill-opacity="0.75"/>',
        f'<text x="{width - 3}" y="{height - 4}" text-anchor="end" direction="ltr" font-size="9">{escape(text)}</text>',
    ]
