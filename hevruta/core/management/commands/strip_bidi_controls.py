"""Remove bidirectional control characters from names and titles stored before they were refused.

New writes never keep them (core.fields); this cleans rows written earlier. Each changed row is saved
through its model, so derived text (the directory's search_text) and the visitors' pages follow.
"""

from functools import reduce
from operator import or_
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q

from hevruta.core.fields import NameField, TitleTextField
from hevruta.core.text import strip_bidi_controls

CONTROLS = [chr(code) for code in (0x200E, 0x200F, 0x061C, *range(0x202A, 0x202F), *range(0x2066, 0x206A))]


class Command(BaseCommand):
    help = "Remove bidirectional control characters from every stored name and title (run once after upgrading)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count the rows, change nothing")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        total = 0
        for model in apps.get_models():
            fields = [f for f in model._meta.concrete_fields if isinstance(f, NameField | TitleTextField)]
            if not fields:
                continue
            holding = reduce(or_, (Q(**{f"{f.name}__contains": c}) for f in fields for c in CONTROLS))
            changed = 0
            with transaction.atomic():
                for row in model._default_manager.filter(holding).iterator(chunk_size=500):
                    for field in fields:
                        setattr(row, field.attname, strip_bidi_controls(getattr(row, field.attname)))
                    if not dry_run:
                        row.save()
                    changed += 1
            if changed:
                self.stdout.write(f"{model._meta.label}: {changed}")
            total += changed
        self.stdout.write(f"{'would change' if dry_run else 'changed'} {total} rows")
