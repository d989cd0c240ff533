"""The map's tile background: Web Mercator tiles at their exact pixels under the points, when a tile
server is configured; none otherwise, and never in the PDF. Every check reads the SVG's text: nothing
is fetched."""

import math
import re
import subprocess
import sys

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.urls import reverse

from hevruta.directory.models import Locality
from hevruta.insights import charts
from hevruta.insights.models import PeopleCount

TILES = "https://tile.example.org/{z}/{x}/{y}.png?key=a&b"
TEL_AVIV = (32.0853, 34.7818)


def slippy_tile(latitude: float, longitude: float, zoom: int) -> tuple[int, int]:
    """The standard slippy-map formula, written out independently of charts.py."""
    n = 2**zoom
    phi = math.radians(latitude)
    return int((longitude + 180) / 360 * n), int((1 - math.log(math.tan(phi) + 1 / math.cos(phi)) / math.pi) / 2 * n)


def locality(name: str, latitude: float, longitude: float, cluster: int = 5) -> Locality:
    return Locality(cbs_code=1, name_he=name, latitude=latitude, longitude=longitude, peripherality_cluster=cluster)


def images(svg: str) -> list[tuple[str, float, float]]:
    return [
        (href, float(x), float(y))
        for href, x, y in re.findall(r'<image href="([^"]+)" x="([-\d.]+)" y="([-\d.]+)"', svg)
    ]


def test_tel_aviv_is_in_the_known_tile():
    # Tel Aviv at zoom 10 is tile (610, 415) by the slippy-map formula (worked by hand: 214.78/360*1024).
    assert slippy_tile(*TEL_AVIV, 10) == (610, 415)
    assert charts.tile_of(*TEL_AVIV, 10) == (610, 415)
    assert charts.tile_of(*TEL_AVIV, 7) == slippy_tile(*TEL_AVIV, 7)


def test_the_map_shows_the_tiles_of_its_box_at_the_zoom_that_fits():
    haifa, eilat = locality("חיפה", 32.794, 34.9896), locality("אילת", 29.5577, 34.9519)
    svg = str(charts.map_of([(haifa, 10), (eilat, 3)], "map", tiles=TILES))
    frame = charts.MercatorFrame.fitting(charts._bounding_box([(haifa, 1), (eilat, 1)]), 260, 520)
    # Haifa to Eilat is about 3.24° of latitude: 520 pixels hold it at zoom 7, not at 8.
    assert frame.zoom == 7
    found = images(svg)
    assert found, svg
    tile_numbers = {tuple(map(int, re.search(r"/7/(\d+)/(\d+)\.png", href).groups())) for href, _x, _y in found}
    assert slippy_tile(32.794, 34.9896, 7) in tile_numbers
    assert slippy_tile(29.5577, 34.9519, 7) in tile_numbers
    # The address's own characters are escaped in the attribute.
    assert all(href.endswith("?key=a&amp;b") for href, _x, _y in found)
    # The tiles cover the frame and each stands at its exact pixel: tile number * 256 - the frame's corner.
    for href, x, y in found:
        tile_x, tile_y = map(int, re.search(r"/7/(\d+)/(\d+)\.png", href).groups())
        assert x == pytest.approx(tile_x * 256 - frame.left, abs=0.01)
        assert y == pytest.approx(tile_y * 256 - frame.top, abs=0.01)
    assert min(x for _h, x, _y in found) <= 0 and max(x for _h, x, _y in found) + 256 >= 260
    assert min(y for _h, _x, y in found) <= 0 and max(y for _h, _x, y in found) + 256 >= 520
    assert '<clipPath id="map-frame">' in svg and 'clip-path="url(#map-frame)"' in svg


def test_a_point_at_a_tile_corner_lands_on_the_tile_corner_pixel():
    # The north-west corner of tile (x, y) at zoom z is at longitude x/2^z*360-180, latitude atan(sinh(π(1-2y/2^z))).
    zoom, tile_x, tile_y = 10, 610, 415
    corner_lon = tile_x / 2**zoom * 360 - 180
    corner_lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * tile_y / 2**zoom))))
    frame = charts.MercatorFrame(zoom, left=tile_x * 256 - 100.0, top=tile_y * 256 - 50.0, width=260, height=520)
    assert frame.pixel(corner_lat, corner_lon) == (pytest.approx(100.0, abs=1e-6), pytest.approx(50.0, abs=1e-6))
    placed = {(tx, ty): (x, y) for tx, ty, x, y in frame.tiles()}
    assert placed[(tile_x, tile_y)] == (100.0, 50.0)
    # And in the drawing: a locality at the corner is drawn where that tile's image begins.
    at_corner = locality("פינה", corner_lat, corner_lon)
    near = locality("שכנה", corner_lat - 0.02, corner_lon + 0.02)
    svg = str(charts.map_of([(at_corner, 5), (near, 5)], "map", tiles=TILES))
    circle = re.search(r'<circle cx="([-\d.]+)" cy="([-\d.]+)"[^>]*><title>פינה', svg)
    cx, cy = float(circle.group(1)), float(circle.group(2))
    # The map's own zoom is closer (its box is small); the corner is a tile corner at every closer zoom.
    shown = int(re.search(r"tile.example.org/(\d+)/", svg).group(1))
    assert shown > zoom
    scale = 2 ** (shown - zoom)
    tile = next((x, y) for href, x, y in images(svg) if f"/{tile_x * scale}/{tile_y * scale}.png" in href)
    assert (cx, cy) == (pytest.approx(tile[0], abs=0.05), pytest.approx(tile[1], abs=0.05))


def test_the_attribution_is_shown_and_escaped():
    svg = str(
        charts.map_of([(locality("תל אביב", *TEL_AVIV), 4)], "map", tiles=TILES, attribution='© <Tiles> & "friends"')
    )
    assert "© &lt;Tiles&gt; &amp; &quot;friends&quot;</text>" in svg
    assert "<Tiles>" not in svg


def test_without_tiles_the_map_draws_as_before():
    svg = str(charts.map_of([(locality("תל אביב", *TEL_AVIV), 4)], "map", attribution="credit"))
    assert "<image" not in svg and "clipPath" not in svg and "credit" not in svg
    # The country's box, linear in longitude and latitude, as the map always drew.
    x = (TEL_AVIV[1] - charts.WEST) / (charts.EAST - charts.WEST) * 260
    assert f'cx="{x:.1f}"' in svg


def test_with_no_points_the_tiles_cover_the_country():
    svg = str(charts.map_of([], "map", tiles=TILES))
    assert any(f"/{slippy_tile(*TEL_AVIV, 7)[0]}/" in href for href, _x, _y in images(svg))


@pytest.mark.django_db
@override_settings(INSIGHTS_MAP_TILES=TILES, INSIGHTS_MAP_TILES_ATTRIBUTION="© Tiles")
def test_the_page_shows_tiles_and_the_report_does_not(world):
    place = Locality.objects.create(cbs_code=99101, name_he="תל אביב-בדיקה", latitude=32.0853, longitude=34.7818)
    PeopleCount.objects.create(network=world.home, dimension="locality", value=str(place.pk), count=7)
    page = world.client("manager").get(reverse("insights:dashboard", args=["network", "home"]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "https://tile.example.org/" in html and "© Tiles" in html
    # The PDF is drawn from the same dashboard, with the map that fetches nothing.
    report = render_to_string("insights/report.html", {"board": page.context["board"], "title": "home"})
    assert "תל אביב-בדיקה" in report
    assert "<image" not in report and "tile.example.org" not in report
    assert "<circle" in report


def test_the_tile_host_is_allowed_in_img_src_only_when_configured():
    def img_src(environment: dict[str, str]) -> str:
        code = "import django,os;os.environ['DJANGO_SETTINGS_MODULE']='hevruta.settings';django.setup();"
        code += "from django.conf import settings;print(settings.SECURE_CSP['img-src'])"
        env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "hevruta.settings", **environment}
        return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout

    assert "tile.example.org" not in img_src({})
    assert "'https://tile.example.org'" in img_src({"INSIGHTS_MAP_TILES": TILES})
