"""`{{ organization|localname }}`: a name in the reader's language, or in another one marked as such."""

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ..names import LocalName, local_name, local_name_text, local_text

register = template.Library()


@register.filter
def localname(obj: Any) -> SafeString | str:
    """For page text: a fallback is wrapped in its own language and direction, so screen readers speak
    it in that language and a Hebrew name keeps its direction on an English page."""
    return _marked(local_name(obj))


@register.simple_tag(name="local_text")
def local_text_tag(obj: Any, field: str) -> LocalName:
    """`{% local_text event "description" as description %}`: a text kept in several languages, in
    the reader's or the best other one (core.names.local_text); the page sets `lang` from
    `description.language` around `description.text`, which may run over several paragraphs."""
    return local_text(obj, field)


def _marked(text: LocalName) -> SafeString | str:
    if not text.is_fallback:
        return text.text
    return format_html('<span class="other-language" lang="{}" dir="auto">{}</span>', text.language, text.text)


@register.filter
def localname_text(obj: Any) -> str:
    """For attributes and the page's <title>, which cannot hold markup."""
    return local_name_text(obj)
