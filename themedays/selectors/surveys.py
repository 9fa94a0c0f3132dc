from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from themedays.models import QuestionKind, Survey


@dataclass
class ChoiceResult:
    text: str
    count: int
    percent: float


@dataclass
class QuestionResult:
    order: int
    text: str
    kind: str
    kind_label: str
    answered: int
    choices: list[ChoiceResult]


def survey_results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    """(number of responses, per-question counts). Text answers are counted, never shown in public:
    free text may hold names or phone numbers, so the department reads it in the back office."""
    total = survey.responses.count()
    results = []
    for question in survey.questions.prefetch_related("choices"):
        answered = question.answers.values("response").distinct().count()
        choices = []
        if question.kind != QuestionKind.TEXT:
            counts = dict(question.answers.values("choice").annotate(n=Count("pk")).values_list("choice", "n"))
            for choice in question.choices.all():
                n = counts.get(choice.pk, 0)
                choices.append(ChoiceResult(text=choice.text, count=n,
                                            percent=round(100 * n / answered, 1) if answered else 0.0))
        results.append(QuestionResult(order=question.order, text=question.text, kind=question.kind,
                                      kind_label=question.get_kind_display(), answered=answered, choices=choices))
    return total, results
