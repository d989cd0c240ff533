"""A resource's Markdown is rendered, then cleaned: no script, style, event handler or javascript: link."""

import re

import pytest
from django.urls import reverse

from hevruta.knowledge.rendering import render_markdown, video

from .conftest import publish, write

HOSTILE = """# כותרת

<script>alert('x')</script>

<style>body{display:none}</style>

<img src="x.png" onerror="alert(1)">

<a href="javascript:alert(2)">click</a> and [link](javascript:alert(3)) and <a href="JaVaScRiPt:alert(5)">x</a>

<p onclick="alert(4)" style="color:red">text</p>

<iframe src="https://evil.example"></iframe>

**bold** and a [good link](https://example.org)
"""


def active_javascript(html: str) -> list[str]:
    """javascript: inside a tag; a refused Markdown link stays visible as plain, harmless text."""
    return [tag for tag in re.findall(r"<[^>]+>", html) if "javascript" in tag.lower()]


def test_render_removes_every_active_part():
    html = render_markdown(HOSTILE)
    lowered = html.lower()
    for bad in ("<script", "alert('x')", "<style", "onerror", "onclick", "<iframe", "style=", "alert(4)"):
        assert bad not in lowered, bad
    assert not active_javascript(html)
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html and "nofollow" in html
    assert "<h1>כותרת</h1>" in html


@pytest.mark.django_db
def test_the_page_shows_the_cleaned_text(world):
    resource = publish(write(world.member, world.home, body=HOSTILE), world.manager)
    html = world.client("member").get(reverse("knowledge:detail", args=[resource.pk])).content.decode()
    body = html.split('data-testid="resource-body">')[1].split("</div>")[0]
    for bad in ("<script", "onerror", "onclick", "<style", "<iframe"):
        assert bad not in body.lower(), bad
    assert not active_javascript(body)


def test_video_is_a_link_never_a_frame():
    assert video("https://www.youtube.com/watch?v=abc").provider == "YouTube"
    assert video("https://vimeo.com/123").provider == "Vimeo"
    assert video("") is None
