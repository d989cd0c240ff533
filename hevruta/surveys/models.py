"""Surveys of a program's or a network's people: questions, who was asked, and the answers.

Privacy by the tables' shape (docs/outcomes.md, "Surveys"): who was asked and whether they answered is
an Invitation; what was answered is a Response with its Answers. In an anonymous survey (the default)
a Response has no person, no time of day and no link to its invitation, so no page, API or export can
join answers back to a person. A pre/post pair matches one person's two responses by `pair_key`, a keyed
hash of the person and the pair that only the server's secret can make.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hevruta.core.models import ContentLanguage

SMALLEST_GROUP = 5  # fewer answers than this are never shown broken down, anywhere


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Survey(models.Model):
    program = models.ForeignKey(
        "programs.Program", null=True, blank=True, on_delete=models.CASCADE, related_name="surveys"
    )
    network = models.ForeignKey(
        "directory.Network", null=True, blank=True, on_delete=models.CASCADE, related_name="surveys"
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    language = models.CharField(_("language of the text"), max_length=2, choices=ContentLanguage.choices, blank=True)
    is_anonymous = models.BooleanField(
        _("anonymous"), default=True, help_text=_("Answers cannot be traced to the person who gave them.")
    )
    status = models.CharField(_("status"), max_length=8, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    # A "post" survey names the "pre" survey it repeats; their questions are matched by their order.
    pre_survey = models.OneToOneField(
        "self",
        verbose_name=_("before survey"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="post_survey",
    )
    audience = models.CharField(_("sent to"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(program__isnull=False, network__isnull=True)
                | Q(program__isnull=True, network__isnull=False),
                name="survey_has_one_owner",
                violation_error_message=_("A survey belongs either to a program or to a network."),
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="survey_has_a_title",
                violation_error_message=_("A survey needs a title."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=SurveyStatus.values),
                name="survey_status_is_known",
                violation_error_message=_("This status of a survey is not known."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class QuestionKind(models.TextChoices):
    LIKERT = "likert", _("Agreement from 1 to 5")
    CHOICE = "choice", _("One choice of several")
    NUMBER = "number", _("A number")
    TEXT = "text", _("Free text")


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=8, choices=QuestionKind.choices)
    text = models.TextField(_("question"))
    choices = models.JSONField(_("choices"), default=list, blank=True)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "order"],
                name="question_order_once",
                violation_error_message=_("The survey already has a question at this place."),
            ),
            # With the place unique, and the services numbering 1, 2, 3… after every change, the order
            # stays dense: the first question is 1 and there are no gaps.
            models.CheckConstraint(
                condition=Q(order__gte=1),
                name="question_order_from_one",
                violation_error_message=_("Questions are numbered from 1."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=QuestionKind.values),
                name="question_kind_is_known",
                violation_error_message=_("This kind of question is not known."),
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="question_not_empty",
                violation_error_message=_("A question cannot be empty."),
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_scaled(self) -> bool:
        return self.kind in (QuestionKind.LIKERT, QuestionKind.NUMBER)


class Invitation(models.Model):
    """Who was asked, and whether they have answered: never which response is theirs."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey("directory.Person", on_delete=models.CASCADE, related_name="survey_invitations")
    answered = models.BooleanField(default=False)
    reminders = models.PositiveSmallIntegerField(default=0)
    # The cohort (or other group) the person was asked as part of: the only breakdown results offer.
    group = models.CharField(max_length=120, blank=True)

    class Meta:
        verbose_name = _("invitation to a survey")
        verbose_name_plural = _("invitations to surveys")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "person"],
                name="survey_invitation_once",
                violation_error_message=_("This person was already asked to answer this survey."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey} · {self.person_id}"


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    # Only in a survey that is not anonymous.
    person = models.ForeignKey("directory.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    submitted_on = models.DateField()  # the day only: a time would match the invitation's change
    group = models.CharField(max_length=120, blank=True)
    pair_key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "pair_key"], name="response_pair")]

    def __str__(self) -> str:
        return f"{self.survey} · {self.submitted_on}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"],
                name="answer_once_per_question",
                violation_error_message=_("This question was already answered in this response."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.number or self.choice or self.text[:20]}"
