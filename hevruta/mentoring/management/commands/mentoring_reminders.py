from typing import Any

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from hevruta.mentoring import services


class Command(BaseCommand):
    help = "Remind mentors of overdue meetings and of assessments due (the worker does it on its own too)."

    def handle(self, *args: Any, **options: Any) -> None:
        meetings = services.remind_overdue()
        assessments = services.remind_assessments_due()
        self.stdout.write(
            _("Reminders sent: %(meetings)d overdue meetings, %(assessments)d assessments due.")
            % {"meetings": meetings, "assessments": assessments}
        )
