"""Markdown to safe HTML, and how a video link is shown under the site's Content-Security-Policy."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt

# Raw HTML in Markdown is allowed through the parser and then cleaned: a teacher pasting a table from a
# web page keeps it, while scripts, styles, frames, forms and every on* attribute are dropped by nh3.
_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False}).enable(
    ["table", "strikethrough"]
)

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
    "ul",
}  # fmt: skip
_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    "*": {"dir", "lang"},
}


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow ugc",
    )


def render_markdown(text: str) -> str:
    """The HTML a resource's body is shown as; safe to mark safe in a template."""
    if not text:
        return ""
    return sanitize(_markdown.render(text))


_WHITESPACE = re.compile(r"\s+")


def plain_text(html: str) -> str:
    """The words of rendered HTML, for snippets and the search index."""
    return _WHITESPACE.sub(" ", nh3.clean(html, tags=set())).strip()


@dataclass(frozen=True)
class Video:
    url: str
    provider: str  # "YouTube", "Vimeo" or the site's host name

    @property
    def is_known_provider(self) -> bool:
        return self.provider in ("YouTube", "Vimeo")


_PROVIDERS = {
    "youtube.com": "YouTube",
    "www.youtube.com": "YouTube",
    "m.youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "youtube-nocookie.com": "YouTube",
    "www.youtube-nocookie.com": "YouTube",
    "vimeo.com": "Vimeo",
    "player.vimeo.com": "Vimeo",
}


def video(url: str) -> Video | None:
    """How to show a video link. The site's CSP allows no frames and no images from other hosts, so a
    video is a plain link out, never an embedded player or a remote thumbnail."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    return Video(url=url, provider=_PROVIDERS.get(host, host))
