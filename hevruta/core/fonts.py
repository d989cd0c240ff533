"""The fonts PDFs are set in, from the package (fonts/README.md), never from the network or the system.

`pdf_fonts()` gives WeasyPrint the @font-face stylesheet and its FontConfiguration, once per process:
loading the fonts is the costly part of a small PDF, and a series' thousand certificates share it.
Each file's SHA-256 is checked against fonts/manifest.json first, so a damaged or swapped font fails
loudly instead of printing boxes.
"""

import atexit
import hashlib
import json
from functools import cache
from pathlib import Path

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
# For each character the first family that has it: Latin, then Hebrew, then Arabic.
FONT_FAMILY = '"Hevruta Latin", "Hevruta Hebrew", "Hevruta Arabic", sans-serif'


class FontError(Exception):
    pass


def check_fonts() -> list[str]:
    """The vendored font files, each checked against its SHA-256 in the manifest."""
    manifest = json.loads((FONTS_DIR / "manifest.json").read_text(encoding="utf-8"))
    names = []
    for entry in manifest["fonts"]:
        data = (FONTS_DIR / entry["file"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise FontError(f"{entry['file']} is not the file {entry['package']} {entry['version']} published.")
        names.append(entry["file"])
    return names


@cache
def pdf_fonts():  # type: ignore[no-untyped-def]
    """(stylesheet, font_config) for weasyprint.HTML.write_pdf."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    check_fonts()
    font_config = FontConfiguration()
    stylesheet = CSS(
        string=(FONTS_DIR / "fonts.css").read_text(encoding="utf-8"),
        base_url=FONTS_DIR.as_uri() + "/",
        font_config=font_config,
    )
    return stylesheet, font_config


# Let the kept FontConfiguration go while the interpreter is whole: freed during shutdown, its
# __del__ finds WeasyPrint's modules already gone and prints an error on every exit.
atexit.register(pdf_fonts.cache_clear)
