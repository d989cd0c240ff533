"""A proposed pair's reasons in the reader's language: "shared subject: Mathematics", "12 km apart".

The solver gives each reason as (component, points, detail) with ids; the names are looked up once for a
whole page (one query per vocabulary), whatever the number of pairs.
"""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hevruta.directory.models import GradeBand, Language, Subject, Topic

VOCABULARIES = {"subject": Subject, "grade_band": GradeBand, "language": Language, "goals": Topic}


def _names(reasons: Iterable[dict[str, Any]]) -> dict[str, dict[int, str]]:
    wanted: dict[str, set[int]] = {component: set() for component in VOCABULARIES}
    for reason in reasons:
        component = reason.get("component")
        if component in wanted:
            wanted[component].update(int(i) for i in (reason.get("detail") or {}).get("shared", []))
    return {
        component: {item.pk: item.name for item in VOCABULARIES[component].objects.filter(pk__in=ids)}  # type: ignore[attr-defined]
        for component, ids in wanted.items()
        if ids
    }


def _listed(names: dict[int, str], ids: Iterable[Any]) -> str:
    return ", ".join(names.get(int(i), "?") for i in ids)


def _text(reason: dict[str, Any], names: dict[str, dict[int, str]]) -> str:
    component, detail = reason.get("component"), reason.get("detail") or {}
    shared = detail.get("shared", [])
    found = names.get(str(component), {})
    if component == "subject":
        return _("shared subject: %(names)s") % {"names": _listed(found, shared)}
    if component == "grade_band":
        return _("both teach %(names)s") % {"names": _listed(found, shared)}
    if component == "language":
        return _("language in common: %(names)s") % {"names": _listed(found, shared)}
    if component == "goals":
        return _("the mentor is strong in the mentee's goals: %(names)s") % {"names": _listed(found, shared)}
    if component == "distance":
        km = round(float(detail.get("km", 0)))
        return ngettext("%(km)d km apart", "%(km)d km apart", km) % {"km": km}
    if component == "sector":
        return _("the same sector")
    if component == "organization":
        if detail.get("preference") == "same":
            return _("the same organization, as the mentee preferred")
        if detail.get("preference") == "different":
            return _("a different organization, as the mentee preferred")
        return _("the organization as the mentee preferred")
    return str(component)


def texts_for(pairs: list[Any]) -> dict[int, list[tuple[str, int]]]:
    """For each pair's id, its reasons as (text, points)."""
    names = _names(reason for pair in pairs for reason in pair.reasons)
    return {pair.pk: [(_text(r, names), int(r.get("points", 0))) for r in pair.reasons] for pair in pairs}


def texts_of(reasons: list[dict[str, Any]]) -> list[str]:
    names = _names(reasons)
    return [_text(reason, names) for reason in reasons]


def missing_texts(profiles: list[dict[str, Any]]) -> list[str]:
    """Each group of unmatched mentees as "3 × Mathematics, grades 7-9, Arabic": the mentors to recruit."""
    wanted: dict[str, set[int]] = {"subject": set(), "grade_band": set(), "language": set()}
    keys = {"subject": "subjects", "grade_band": "grade_bands", "language": "languages"}
    for profile in profiles:
        for component, key in keys.items():
            wanted[component].update(int(i) for i in profile.get(key, []))
    names = {
        component: {item.pk: item.name for item in VOCABULARIES[component].objects.filter(pk__in=ids)}  # type: ignore[attr-defined]
        for component, ids in wanted.items()
        if ids
    }
    texts = []
    for profile in profiles:
        parts = [
            _listed(names.get(component, {}), profile.get(key, []))
            for component, key in keys.items()
            if profile.get(key)
        ]
        described = "; ".join(parts) or _("any profile")
        texts.append(_("%(count)s × %(profile)s") % {"count": profile.get("count", 0), "profile": described})
    return texts
