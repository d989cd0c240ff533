"""What a survey's answers say, and only what may be shown: with fewer than SMALLEST_GROUP answers
nothing is shown for a question, and a group (a cohort) is shown apart only when it has that many
answers itself. Pages, the API and exports all read results through here.

A pre/post pair reports each person's change (as a distribution: who went down, stayed, went up) and
the mean change with its 95% confidence interval (Student's t), over the people who answered both.
"""

import math
import statistics
from dataclasses import dataclass, field
from decimal import Decimal

from .models import SMALLEST_GROUP, Answer, Question, QuestionKind, Response, Survey

# Student's t, two-sided 95%, by degrees of freedom; from 30 on the normal's 1.96 is within 2%.
T_95 = {
    1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262, 10: 2.228,
    11: 2.201, 12: 2.179, 13: 2.160, 14: 2.145, 15: 2.131, 16: 2.120, 17: 2.110, 18: 2.101, 19: 2.093,
    20: 2.086, 21: 2.080, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.060, 26: 2.056, 27: 2.052, 28: 2.048,
    29: 2.045,
}  # fmt: skip


def t_95(degrees: int) -> float:
    return T_95.get(degrees, 1.96)


@dataclass
class QuestionResult:
    question: Question
    count: int
    shown: bool  # False: fewer than SMALLEST_GROUP answers, nothing else is filled
    mean: float | None = None
    distribution: list[tuple[str, int]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    groups: list[tuple[str, int, float | None]] = field(default_factory=list)  # (group, answers, mean)


@dataclass
class Change:
    question: Question
    pairs: int
    shown: bool
    mean_change: float | None = None
    low: float | None = None
    high: float | None = None
    down: int = 0
    same: int = 0
    up: int = 0


def _value(answer: Answer) -> str:
    if answer.number is not None:
        return f"{answer.number.normalize():f}"
    return answer.choice or answer.text


def _groups(answers: list[Answer], groups_of: dict[int, str]) -> list[tuple[str, int, float | None]]:
    by_group: dict[str, list[Answer]] = {}
    for answer in answers:
        by_group.setdefault(groups_of[answer.response_id], []).append(answer)
    # A breakdown only when every group shown has enough answers and there are two groups to compare;
    # otherwise the smaller groups, subtracted from the total, would show themselves.
    if len(by_group) < 2 or any(len(group) < SMALLEST_GROUP for group in by_group.values()):
        return []
    rows = []
    for name, group in sorted(by_group.items()):
        numbers = [float(answer.number) for answer in group if answer.number is not None]
        rows.append((name, len(group), round(statistics.mean(numbers), 2) if numbers else None))
    return rows


def question_results(survey: Survey) -> list[QuestionResult]:
    questions = list(survey.questions.all())
    answers = list(Answer.objects.filter(question__survey=survey).order_by("question_id", "id"))
    groups_of = dict(Response.objects.filter(survey=survey).values_list("id", "group"))
    results = []
    for question in questions:
        mine = [answer for answer in answers if answer.question_id == question.pk]
        result = QuestionResult(question, len(mine), shown=len(mine) >= SMALLEST_GROUP)
        if result.shown:
            _fill(result, mine, groups_of)
        results.append(result)
    return results


def _fill(result: QuestionResult, answers: list[Answer], groups_of: dict[int, str]) -> None:
    question = result.question
    if question.kind == QuestionKind.TEXT:
        result.texts = [answer.text for answer in answers]
        return
    counts: dict[str, int] = {}
    for answer in answers:
        counts[_value(answer)] = counts.get(_value(answer), 0) + 1
    if question.kind == QuestionKind.LIKERT:
        result.distribution = [(str(level), counts.get(str(level), 0)) for level in range(1, 6)]
    elif question.kind == QuestionKind.CHOICE:
        result.distribution = [(choice, counts.get(choice, 0)) for choice in question.choices]
    if question.is_scaled:
        result.mean = round(statistics.mean(float(answer.number) for answer in answers if answer.number is not None), 2)
    result.groups = _groups(answers, groups_of)


def _numbers_by_pair(survey: Survey, order: int) -> dict[str, Decimal]:
    rows = Answer.objects.filter(
        question__survey=survey, question__order=order, number__isnull=False, response__pair_key__gt=""
    ).values_list("response__pair_key", "number")
    return {key: number for key, number in rows if number is not None}


def changes(post: Survey) -> list[Change]:
    """For an after survey: each scaled question's change from the before survey, person by person."""
    pre = post.pre_survey
    if pre is None:
        return []
    result = []
    for question in post.questions.filter(kind__in=(QuestionKind.LIKERT, QuestionKind.NUMBER)):
        before, after = _numbers_by_pair(pre, question.order), _numbers_by_pair(post, question.order)
        differences = [float(after[key] - before[key]) for key in after.keys() & before.keys()]
        change = Change(question, len(differences), shown=len(differences) >= SMALLEST_GROUP)
        if change.shown:
            mean = statistics.mean(differences)
            margin = t_95(len(differences) - 1) * statistics.stdev(differences) / math.sqrt(len(differences))
            change.mean_change, change.low, change.high = (
                round(mean, 2),
                round(mean - margin, 2),
                round(mean + margin, 2),
            )
            change.down = sum(1 for d in differences if d < 0)
            change.same = sum(1 for d in differences if d == 0)
            change.up = sum(1 for d in differences if d > 0)
        result.append(change)
    return result


def question_mean(question_id: int) -> float | None:
    """For an indicator read from a survey: the question's mean, when enough answered to show it."""
    numbers = list(
        Answer.objects.filter(question_id=question_id, number__isnull=False).values_list("number", flat=True)
    )
    values = [float(number) for number in numbers if number is not None]
    return round(statistics.mean(values), 2) if len(values) >= SMALLEST_GROUP else None
