"""No English on Hebrew and Arabic pages.

Loads the demo once, then, as each demo persona (a network manager, a member, a signed-in outsider,
an anonymous visitor) in Hebrew and in Arabic, crawls every page reachable by links from the home page
and the navigation (one page per URL name and persona: the 500th profile reads like the first). On each
page it collects the interface's text (text nodes, and the title, aria-label, placeholder and alt
attributes) outside user content, and flags every word of Latin letters that is not a proper noun or a
brand on the allow-list.

User content is what the page marks as such: elements with `dir="auto"` (names, titles, descriptions),
a `lang` other than the page's (a name shown in another language), `translate="no"`, code and URLs.

Until the translation pass, strings added since the last one are flagged: the test prints the
offending strings page by page, which is the list the translation pass works from.
"""

import re
from collections import defaultdict, deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, resolve

LANGUAGES = ("he", "ar")
PERSONAS = {
    "manager": "manager@hevruta.example",
    "member": "teacher@hevruta.example",
    "outsider": "outsider@hevruta.example",
    "anonymous": None,
}
# Names that stay in Latin letters in every language: brands, standards, file formats, abbreviations.
ALLOWED = {
    "api", "csv", "xlsx", "pdf", "json", "jsonld", "ld", "case", "ims", "ob", "open", "badges", "vc", "did", "web",
    "totp", "qr", "openid", "connect", "sso", "url", "urls", "id", "cbs", "html", "excel", "hevruta", "svg",
    "png", "zip", "docx", "pptx", "bearer", "token", "eddsa", "rdfc", "utf", "http", "https", "www", "org",
    "creative", "commons", "edtech", "global", "markdown", "youtube", "vimeo", "office", "word",
    "powerpoint", "libreoffice", "google", "microsoft", "whatsapp", "zoom", "weizmann", "trump",
    "cfpackage", "jpg", "jpeg", "gif", "webp", "odt", "ods", "odp",
}  # fmt: skip
# Not pages a reader reads: files, feeds, JSON, logouts, language switching, the admin and the API docs.
SKIPPED_PREFIXES = ("/static/", "/media/", "/api/", "/admin/", "/i18n/", "/jsi18n/", "/ims/", "/accounts/logout/")
SKIPPED_SUFFIXES = (".csv", ".xlsx", ".json", ".jsonld", ".png", ".svg", ".ics", ".pdf", "/csv/", "/xlsx/")
MAX_PAGES_PER_NAME = 1
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# <title> repeats the page's heading, a name in it included; the heading itself is checked.
USER_CONTENT_TAGS = {"script", "style", "code", "pre", "kbd", "samp", "template", "title"}
PATH_LIKE = re.compile(r"\S*/\S*")
IDENTIFIER = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
CHECKED_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class InterfaceText(HTMLParser):
    """The interface's text of a page: what the page did not mark as user content."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[bool] = []  # for each open element: is it (inside) user content?
        self.texts: list[str] = []
        self.links: list[str] = []

    @property
    def in_user_content(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"] or "")
        marked = (
            tag in USER_CONTENT_TAGS
            or values.get("dir") == "auto"
            or values.get("translate") == "no"
            or (values.get("lang") not in (None, "", self.language) and tag != "html")
        )
        inside = self.in_user_content or marked
        if not inside:
            for name in CHECKED_ATTRIBUTES:
                if values.get(name):
                    self.texts.append(values[name] or "")
        if tag not in VOID:
            self.stack.append(inside)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.in_user_content and data.strip():
            self.texts.append(data.strip())


def english_words(text: str) -> list[str]:
    """Words of Latin letters that are neither allowed names, acronyms and codes (all capitals: CSV, MB,
    CC BY-SA, a check-in code), nor parts of paths, addresses or lists of column names."""
    if "@" in text or "://" in text:
        return []  # an email address or a URL
    text = PATH_LIKE.sub(" ", text)
    if IDENTIFIER.search(text):
        # A help text listing a file's columns (given_name, family_name, email): the names are the file's.
        text = re.sub(r"\b[a-z][a-z0-9_]*\b", " ", text)
    return [word for word in WORD.findall(text) if word.lower() not in ALLOWED and len(word) > 1 and not word.isupper()]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    from hevruta.directory import demo as directory_demo
    from hevruta.directory.models import Network
    from hevruta.knowledge.demo import load_knowledge_demo
    from hevruta.programs.demo import load_programs_demo
    from hevruta.standards.demo import load_standards_demo

    with django_db_blocker.unblock(), transaction.atomic():
        directory_demo.load_demo()
        load_standards_demo(Network.objects.get(slug=directory_demo.INSTITUTE))
        load_knowledge_demo()
        load_programs_demo()
        yield
        transaction.set_rollback(True)


def _followed(href: str) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIPPED_PREFIXES) or parts.path.endswith(SKIPPED_SUFFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def _page_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client: Client, language: str) -> dict[str, list[str]]:
    """Every page reachable from the home page: {path: the English words of its interface}."""
    found: dict[str, list[str]] = {}
    seen_names: dict[str, int] = defaultdict(int)
    queue = deque(["/"])
    visited = set()
    while queue:
        path = queue.popleft()
        if path in visited:
            continue
        visited.add(path)
        name = _page_name(path)
        if name is None or seen_names[name] >= MAX_PAGES_PER_NAME:
            continue
        seen_names[name] += 1
        response = client.get(path, headers={"accept-language": language})
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        parser = InterfaceText(language)
        parser.feed(response.content.decode())
        assert f'<html lang="{language}"' in response.content.decode(), path
        words = sorted({word for text in parser.texts for word in english_words(text)})
        offending = [text for text in parser.texts if english_words(text)]
        if words:
            found[path] = offending
        for href in parser.links:
            followed = _followed(href)
            if followed and followed not in visited:
                queue.append(followed)
    return found


@pytest.mark.django_db
def test_no_english_interface_text_on_hebrew_and_arabic_pages(demo):  # type: ignore[no-untyped-def]
    from hevruta.accounts.models import User

    report: dict[str, dict[str, list[str]]] = {}
    for persona, email in PERSONAS.items():
        for language in LANGUAGES:
            client = Client()
            client.cookies["django_language"] = language
            if email:
                client.force_login(User.objects.get(email=email))
            found = crawl(client, language)
            for path, texts in found.items():
                report[f"{language} {persona} {path}"] = texts
    lines = []
    for page, texts in sorted(report.items()):
        lines.append(page)
        lines.extend(f"    {text}" for text in dict.fromkeys(texts))
    print("\n".join(lines))  # the translation pass reads this list
    assert not report, f"English interface text on {len(report)} pages (printed above):\n" + "\n".join(lines[:80])
