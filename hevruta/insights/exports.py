"""A dashboard as a report: PDF (WeasyPrint, right to left in Hebrew and Arabic, the charts included),
XLSX (one sheet per chart, the rows behind it) and CSV (one table). The same sections as the page."""

from io import BytesIO

from django.template.loader import render_to_string
from django.utils.translation import get_language, get_language_bidi
from openpyxl import Workbook

from hevruta.core.exports import safe_cell, to_csv
from hevruta.core.fonts import FONT_FAMILY, pdf_fonts

from .dashboards import Dashboard, Section


def _table(section: Section) -> tuple[list[str], list[tuple]]:
    if section.columns:
        return [str(column) for column in section.columns], [tuple(row) for row in section.extra]
    return ["", ""], [(label, value) for label, value in section.rows]


def section_csv(section: Section) -> bytes:
    header, rows = _table(section)
    return to_csv([str(section.title), *header[1:]] if header[0] == "" else header, rows)


def report_xlsx(board: Dashboard) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for section in board.sections:
        sheet = workbook.create_sheet(section.key[:31])
        sheet.sheet_view.rightToLeft = get_language_bidi()
        sheet.append([safe_cell(str(section.title))])
        sheet.append([safe_cell(str(section.note))])
        header, rows = _table(section)
        sheet.append([safe_cell(cell) for cell in header])
        for row in rows:
            sheet.append(
                [safe_cell(cell if isinstance(cell, int | float) or cell is None else str(cell)) for cell in row]
            )
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


SVG_OPENING = '<svg xmlns="http://www.w3.org/2000/svg"'  # how charts.py and graph.py open their drawings
# WeasyPrint's SVG reader splits font-family at commas and strips quotes but not spaces: written with
# spaces, only the first family (Latin) is found, and Hebrew and Arabic labels fall to a system font.
CHART_FONT_FAMILY = FONT_FAMILY.replace('"', "'").replace(", ", ",")


def report_pdf(board: Dashboard, title: str) -> bytes:
    from weasyprint import HTML

    # The vendored Rubik (core/fonts) of the events' certificates: Hebrew, Arabic and Latin, extracted exactly.
    stylesheet, font_config = pdf_fonts()
    html = render_to_string(
        "insights/report.html",
        {
            "board": board,
            "title": title,
            "font_family": FONT_FAMILY,
            "language": get_language(),
            "rtl": get_language_bidi(),
        },
    )
    # WeasyPrint does not carry the page's CSS into an inline SVG, but it draws an SVG's own font-family
    # attribute with the document's fonts: so the charts' labels are set in Rubik too, not the machine's.
    fonts_in_charts = html.replace(SVG_OPENING, f'{SVG_OPENING} font-family="{CHART_FONT_FAMILY}"')
    return HTML(string=fonts_in_charts).write_pdf(stylesheets=[stylesheet], font_config=font_config)
