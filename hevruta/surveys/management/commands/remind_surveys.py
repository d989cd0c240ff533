"""Remind late respondents of every open survey and close those past their day: `manage.py remind_surveys`
(run it weekly from the scheduler; each person is reminded at most three times)."""

from typing import Any

from django.core.management.base import BaseCommand

from hevruta.surveys.services import remind_open_surveys


class Command(BaseCommand):
    help = "Remind those who have not answered open surveys, and close surveys past their closing day."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{remind_open_surveys()} reminders sent.")
