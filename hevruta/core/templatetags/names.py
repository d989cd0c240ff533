"""`{{ organization|localname }}`: a name in the reader's language, or in another one marked as such."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..names import local_name, local_name_text

register = template.Library()


@register.filter
def localname(obj: Any) -> SafeString | str:
    """For page text: a fallback is wrapped in its own language and direction, so screen readers speak
    it in that language and a Hebrew name keeps its direction on an English page."""
    name = local_name(obj)
    if not name.is_fallback:
        return name.text
    return format_html('<span class="other-language" lang="{}" dir="auto">{}</span>', name.language, name.text)


@register.filter
def localname_text(obj: Any) -> str:
    """For attributes and the page's <title>, which cannot hold markup."""
    return local_name_text(obj)
