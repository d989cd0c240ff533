"""Names in the reader's language where they exist, and a visible fallback (lang, dir="auto") elsewhere:
on pages, in exports and in the API."""

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import translation

from hevruta.core.names import local_name
from hevruta.directory.models import Network, Organization, OrganizationKind
from hevruta.programs.models import Program


def test_organization_name_in_each_language() -> None:
    college = Organization(name="מכללת אלקאסמי", name_en="Al-Qasemi College", name_ar="كلية القاسمي")
    assert local_name(college, "he").text == "מכללת אלקאסמי"
    assert local_name(college, "ar") == local_name(college, "ar").__class__("كلية القاسمي", "ar", False)
    assert local_name(college, "en").text == "Al-Qasemi College"
    assert not local_name(college, "en").is_fallback


def test_missing_language_falls_back_and_says_which() -> None:
    school = Organization(name="חטיבת ביניים אילן רמון")
    name = local_name(school, "ar")
    assert (name.text, name.language, name.is_fallback) == ("חטיבת ביניים אילן רמון", "he", True)
    # An organization whose own name is Arabic is marked Arabic for a Hebrew reader, not taken for Hebrew.
    arab_school = Organization(name="مدرسة الجليل")
    assert local_name(arab_school, "he").language == "ar"
    assert local_name(arab_school, "he").is_fallback
    # Programs keep name_he/name_ar/name_en.
    program = Program(name_he="מורה מוביל", name_en="Master Teacher")
    assert local_name(program, "ar").text == "מורה מוביל" and local_name(program, "ar").is_fallback
    assert local_name(program, "en").text == "Master Teacher"


def test_filter_marks_only_the_fallback() -> None:
    template = Template("{% load names %}{{ network|localname }}|{{ network|localname_text }}")
    network = Network(name="רשת ערים מחנכות", name_en="Education Cities Network")
    with translation.override("en"):
        assert template.render(Context({"network": network})) == "Education Cities Network|Education Cities Network"
    with translation.override("ar"):
        rendered = template.render(Context({"network": network}))
    assert rendered == ('<span class="other-language" lang="he" dir="auto">רשת ערים מחנכות</span>|רשת ערים מחנכות')


@pytest.mark.parametrize(
    ("language", "shown", "hidden"),
    [
        ("ar", "كلية القاسمي", "מכללת אלקאסמי"),
        ("en", "Al-Qasemi College", "מכללת אלקאסמי"),
        ("he", "מכללת אלקאסמי", "كلية القاسمي"),
    ],
)
def test_pages_show_the_readers_language(world, language: str, shown: str, hidden: str) -> None:
    college = Organization.objects.create(
        name="מכללת אלקאסמי", name_en="Al-Qasemi College", name_ar="كلية القاسمي", kind=OrganizationKind.COLLEGE
    )
    only_hebrew = Organization.objects.create(name="בית ספר גורדון", kind=OrganizationKind.SCHOOL)
    client = Client()
    client.cookies["django_language"] = language
    html = client.get(f"/directory/organizations/{college.pk}/").content.decode()
    assert shown in html and hidden not in html
    html = client.get(f"/directory/organizations/{only_hebrew.pk}/").content.decode()
    if language != "he":
        assert '<span class="other-language" lang="he" dir="auto">בית ספר גורדון</span>' in html


def test_member_export_uses_the_readers_language(world) -> None:
    from hevruta.directory.models import Position
    from hevruta.directory.queries import member_export_rows

    college = Organization.objects.create(
        name="מכללת אלקאסמי", name_en="Al-Qasemi College", name_ar="كلية القاسمي", kind=OrganizationKind.COLLEGE
    )
    Position.objects.create(person=world.member, organization=college, title="מרצה")
    with translation.override("ar"):
        _header, rows = member_export_rows(world.manager.user, world.home)
    assert any("كلية القاسمي" in str(row[-1]) for row in rows)
