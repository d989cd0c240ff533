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


def map_of(points: Sequence[tuple[Any, float]], title: str, width: int = 260, height: int = 520) -> SafeString:
    """Localities as circles (area by count, colour by peripherality cluster) on their coordinates;
    no tiles and no internet: the country's shape shows through the points themselves."""
    top = max((count for _locality, count in points), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart"><title>{escape(title)}</title>',
        f'<rect width="{width}" height="{height}" fill="#f4f8fb"/>',
    ]
    for locality, count in sorted(points, key=lambda point: -point[1]):
        x = (locality.longitude - WEST) / (EAST - WEST) * width
        y = (NORTH - locality.latitude) / (NORTH - SOUTH) * height
        radius = 2 + 14 * math.sqrt(count / top)
        cluster = locality.peripherality_cluster
        colour = CLUSTER_COLOURS[cluster - 1] if cluster else "#cccccc"
        parts.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" fill="{colour}" fill-opacity="0.8" stroke="#333" '
            f'stroke-width="0.5"><title>{escape(str(locality))}: {_number(count)}</title></circle>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every label is escaped above
