"""The achievement's image: an SVG badge in the achievement's language, and a PNG baked with the credential.

The SVG carries the achievement's name as text, in its language and direction (Hebrew and Arabic right to
left); the reader's browser or wallet shapes it with its own fonts, which is the only way to get Hebrew and
Arabic right without shipping fonts and a shaping engine. The PNG has the same design without text: a
raster needs the letters drawn by us, and Pillow shapes Arabic only with libraqm and FriBiDi, which a fresh
machine may lack, so the PNG's design is text-free rather than wrong. The credential inside the PNG carries
every word.

Baking (Open Badges 3.0, section "Baking", PNG): the credential's JSON is the text of one iTXt chunk with the
keyword `openbadgecredential`, not compressed, with empty language tag and translated keyword.
"""

import io
import math
import struct
import textwrap
import zlib
from functools import lru_cache
from xml.sax.saxutils import escape

from django.utils import translation
from PIL import Image, ImageDraw

from .models import AchievementType

BAKED_KEYWORD = "openbadgecredential"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SIZE = 400
RIGHT_TO_LEFT = {"he", "ar"}
# One colour per kind of achievement, dark enough for white text on it (WCAG AA at these sizes).
COLOURS = {
    AchievementType.CERTIFICATION: ("#7a5200", "#f5e6c4"),
    AchievementType.CERTIFICATE: ("#1f4e8c", "#dce8f7"),
    AchievementType.COMPETENCY: ("#1e6b3a", "#d9f0e1"),
    AchievementType.BADGE: ("#5b2d86", "#eadcf5"),
}
LINE_LENGTH = 16
MAX_LINES = 3


def _colours(achievement_type: str) -> tuple[str, str]:
    return COLOURS.get(achievement_type, COLOURS[AchievementType.BADGE])  # type: ignore[call-overload]


def _star(centre_x: float, centre_y: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.pi / 2 + index * math.pi / 5
        points.append((centre_x + radius * math.cos(angle), centre_y - radius * math.sin(angle)))
    return points


def name_lines(name: str) -> list[str]:
    """The name broken at spaces into at most three short lines; a longer name ends with an ellipsis."""
    lines = textwrap.wrap(" ".join(name.split()), LINE_LENGTH, break_long_words=True) or [""]
    if len(lines) > MAX_LINES:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1][: LINE_LENGTH - 1].rstrip() + "…"
    return lines


def kind_label(achievement_type: str, language: str) -> str:
    with translation.override(language or None):
        try:
            return str(AchievementType(achievement_type).label)
        except ValueError:
            return str(AchievementType.BADGE.label)


def badge_svg(name: str, achievement_type: str, language: str) -> str:
    """The badge as SVG: a medallion with a star, the name across its band, the kind below, in `language`."""
    dark, light = _colours(achievement_type)
    language = language or "en"
    direction = "rtl" if language[:2] in RIGHT_TO_LEFT else "ltr"
    lines = name_lines(name)
    font_size = 30 if len(lines) == 1 else 24
    first_y = 212 - (len(lines) - 1) * font_size * 0.6
    star = " ".join(f"{x:.1f},{y:.1f}" for x, y in _star(200, 92, 42, 18))
    texts = "\n".join(
        f'  <text x="200" y="{first_y + number * font_size * 1.2:.1f}" font-size="{font_size}" '
        f'font-weight="700">{escape(line)}</text>'
        for number, line in enumerate(lines)
    )
    return f"""<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" \
role="img" xml:lang="{escape(language)}" direction="{direction}">
  <title>{escape(name)}</title>
  <circle cx="200" cy="200" r="196" fill="{dark}"/>
  <circle cx="200" cy="200" r="178" fill="{light}"/>
  <circle cx="200" cy="200" r="166" fill="none" stroke="{dark}" stroke-width="3"/>
  <polygon points="{star}" fill="{dark}"/>
  <rect x="20" y="{first_y - font_size - 14:.1f}" width="360" height="{len(lines) * font_size * 1.2 + 28:.1f}" \
rx="10" fill="{dark}"/>
  <g fill="#ffffff" text-anchor="middle" direction="{direction}" \
font-family="'Noto Sans Hebrew', 'Noto Sans Arabic', 'Noto Sans', Arial, sans-serif">
{texts}
  </g>
  <text x="200" y="322" fill="{dark}" text-anchor="middle" direction="{direction}" font-size="20" \
font-family="'Noto Sans Hebrew', 'Noto Sans Arabic', 'Noto Sans', Arial, sans-serif">\
{escape(kind_label(achievement_type, language))}</text>
</svg>
"""


@lru_cache(maxsize=8)
def badge_png(achievement_type: str) -> bytes:
    """The badge's design as a PNG, without text (see the module's docstring), drawn at twice the size and
    scaled down so that its edges are smooth."""
    dark, light = _colours(achievement_type)
    scale = 2
    image = Image.new("RGBA", (SIZE * scale, SIZE * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def circle(radius: float, **style: object) -> None:
        box = [(200 - radius) * scale, (200 - radius) * scale, (200 + radius) * scale, (200 + radius) * scale]
        draw.ellipse(box, **style)  # type: ignore[arg-type]

    circle(196, fill=dark)
    circle(178, fill=light)
    circle(166, outline=dark, width=3 * scale)
    draw.polygon([(x * scale, y * scale) for x, y in _star(200, 92, 42, 18)], fill=dark)
    draw.rounded_rectangle([20 * scale, 170 * scale, 380 * scale, 240 * scale], radius=10 * scale, fill=dark)
    for offset in (-60, 0, 60):  # three stars on the band stand for the name
        draw.polygon([(x * scale, y * scale) for x, y in _star(200 + offset, 205, 20, 8)], fill=light)
    draw.polygon([(x * scale, y * scale) for x, y in _star(200, 300, 14, 6)], fill=dark)
    image = image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """The PNG's chunks as (type, whole chunk with its length and CRC), without decoding the image."""
    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    chunks, position = [], len(PNG_SIGNATURE)
    while position + 12 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        end = position + 12 + length
        chunks.append((data[position + 4 : position + 8], data[position:end]))
        position = end
    return chunks


def _is_baked_chunk(kind: bytes, chunk: bytes) -> bool:
    return kind == b"iTXt" and chunk[8:].startswith(BAKED_KEYWORD.encode("latin-1") + b"\x00")


def bake(png: bytes, credential_text: str) -> bytes:
    """The PNG with the credential in one uncompressed iTXt chunk `openbadgecredential`, put just before the
    image's end; an earlier baked credential is replaced, every other chunk is kept as it was."""
    body = BAKED_KEYWORD.encode("latin-1") + b"\x00\x00\x00" + b"\x00" + b"\x00" + credential_text.encode("utf-8")
    baked = struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(">I", zlib.crc32(b"iTXt" + body))
    output = [PNG_SIGNATURE]
    for kind, chunk in _chunks(png):
        if kind == b"IEND":
            output.append(baked)
        if not _is_baked_chunk(kind, chunk):
            output.append(chunk)
    return b"".join(output)


def unbake(data: bytes) -> str | None:
    """The credential baked into a PNG, read chunk by chunk (no image decoding), or None if there is none."""
    if not data.startswith(PNG_SIGNATURE):
        return None
    position = 8
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IEND":
            break
        if kind != b"iTXt":
            continue
        keyword, _, rest = body.partition(b"\x00")
        if keyword.decode("latin-1") != BAKED_KEYWORD or len(rest) < 2:
            continue
        if rest[0] != 0:
            return None  # the spec forbids compression; inflating untrusted data could also be a bomb
        _language, _, rest = rest[2:].partition(b"\x00")
        _translated, _, text = rest.partition(b"\x00")
        return text.decode("utf-8", errors="replace")
    return None
