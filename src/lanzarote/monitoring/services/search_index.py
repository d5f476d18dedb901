"""The search documents each write keeps in step with its record, and a full rebuild."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from lanzarote.core.audit import Actor
from lanzarote.monitoring import search, selectors
from lanzarote.monitoring.models import (
    Contribution,
    PublishedComplianceFinding,
    PublishedRecommendation,
    Question,
    Recommendation,
    Reply,
    Round,
    SearchDocument,
)
from lanzarote.monitoring.rules import (
    ReplyStatus,
)


def _article_list(obj: Any) -> list[int]:
    return [a.number for a in obj.articles.all()]


def index_round(round_: Round) -> SearchDocument:
    """A round, found by its title and theme in either language ("circle of trust", "cercle de
    confiance"), so that a search for a theme reaches the round before any document of it."""
    return search.index(
        kind=SearchDocument.Kind.ROUND,
        object_id=round_.pk,
        round_id=round_.pk,
        title=round_.title_en,
        body="\n".join((round_.title_en, round_.title_fr, round_.theme_en, round_.theme_fr)),
        is_public=True,
        is_demo=False,
    )


def index_question(question: Question) -> SearchDocument:
    questionnaire = question.questionnaire
    return search.index(
        kind=SearchDocument.Kind.QUESTION,
        object_id=question.pk,
        round_id=questionnaire.round_id,
        title=f"{questionnaire.title_en} — Q{question.number}",
        body=f"{question.text_en}\n{question.text_fr}",
        articles=_article_list(question),
        is_public=True,
        is_demo=questionnaire.is_demo,
    )


def index_reply(reply: Reply) -> SearchDocument:
    question = reply.question
    return search.index(
        kind=SearchDocument.Kind.REPLY,
        object_id=reply.pk,
        round_id=question.questionnaire.round_id,
        title=f"{reply.state.name_en} — Q{question.number}",
        body=reply.text,
        language=reply.language,
        states=[reply.state_id],
        articles=_article_list(question),
        is_public=reply.status == ReplyStatus.PUBLISHED,
        is_demo=reply.is_demo,
    )


def index_contribution(contribution: Contribution) -> SearchDocument:
    articles = {a.number for q in contribution.questions.all() for a in q.articles.all()}
    return search.index(
        kind=SearchDocument.Kind.CONTRIBUTION,
        object_id=contribution.pk,
        round_id=contribution.round_id,
        title=f"{contribution.get_source_display()} — {contribution.from_label}",
        # A text held by the children's screen is searchable by nobody until it is cleared.
        body="" if contribution.held_by_screening else contribution.text,
        language=contribution.language,
        states=[s.code for s in contribution.states.all()],
        articles=sorted(articles),
        is_public=contribution.status == Contribution.Status.PUBLISHED,
        is_demo=contribution.is_demo,
    )


def index_recommendation(recommendation: Recommendation) -> SearchDocument:
    views = selectors.recommendation_views([recommendation])
    compliance = {entry.state.code: entry.compliance.value for entry in views[0].addressees}
    return search.index(
        kind=SearchDocument.Kind.RECOMMENDATION,
        object_id=recommendation.pk,
        round_id=recommendation.report.round_id,
        title=f"{recommendation.report.title_en} — {recommendation.number}",
        body=f"{recommendation.text_en}\n{recommendation.text_fr}",
        states=compliance.keys(),
        articles=_article_list(recommendation),
        strength=recommendation.strength.slug if recommendation.strength else "",
        compliance=compliance,
        is_public=True,
        is_demo=recommendation.is_demo,
    )


def index_published_recommendation(recommendation: PublishedRecommendation) -> SearchDocument:
    """A recommendation as the Committee published it: found by its subject and our summary in
    either language, under the round of its report."""
    report = recommendation.report
    return search.index(
        kind=SearchDocument.Kind.PUBLISHED_RECOMMENDATION,
        object_id=recommendation.pk,
        round_id=report.round_id,
        title=" — ".join(
            part
            for part in (report.title_en, recommendation.number, recommendation.subject_en)
            if part
        ),
        body="\n".join(
            (
                recommendation.subject_en,
                recommendation.subject_fr,
                recommendation.summary_en,
                recommendation.summary_fr,
            )
        ),
        states=[s.code for s in recommendation.addressees.all()],
        articles=_article_list(recommendation),
        strength=recommendation.strength,
        is_public=True,
        is_demo=False,
    )


def index_compliance_finding(finding: PublishedComplianceFinding) -> SearchDocument:
    """A compliance finding as the Committee published it, found by our wording of it in either
    language."""
    report = finding.report
    return search.index(
        kind=SearchDocument.Kind.COMPLIANCE_FINDING,
        object_id=finding.pk,
        round_id=report.round_id,
        title=f"{report.title_en} — {finding.known_date.as_text()}",
        body=f"{finding.finding_en}\n{finding.finding_fr}",
        states=[s.code for s in finding.parties.all()],
        is_public=True,
        is_demo=False,
    )


def _indexed(kind: str) -> Any:
    return SearchDocument.objects.filter(kind=kind).values_list("object_id", flat=True)


def index_public_record(*, only_missing: bool) -> int:
    """Index the published recommendations and compliance findings: every one, or only those
    without a search document yet (a load that changed nothing, on a database indexed before)."""
    recommendations = PublishedRecommendation.objects.select_related("report").prefetch_related(
        "addressees", "articles"
    )
    findings = PublishedComplianceFinding.objects.select_related("report").prefetch_related(
        "parties"
    )
    rounds = Round.objects.all()
    if only_missing:
        rounds = rounds.exclude(pk__in=_indexed(SearchDocument.Kind.ROUND))
        recommendations = recommendations.exclude(
            pk__in=_indexed(SearchDocument.Kind.PUBLISHED_RECOMMENDATION)
        )
        findings = findings.exclude(pk__in=_indexed(SearchDocument.Kind.COMPLIANCE_FINDING))
    for round_ in rounds:
        index_round(round_)
    for recommendation in recommendations:
        index_published_recommendation(recommendation)
    for finding in findings:
        index_compliance_finding(finding)
    return len(rounds) + len(recommendations) + len(findings)


@transaction.atomic
def reindex(*, actor: Actor | None = None) -> int:
    """Rebuild every search document from the records (after a bulk load, say)."""
    count = 0
    for question in Question.objects.select_related("questionnaire").prefetch_related("articles"):
        index_question(question)
        count += 1
    for reply in (
        Reply.objects.exclude(status=ReplyStatus.NONE)
        .select_related("question__questionnaire", "state")
        .prefetch_related("question__articles")
    ):
        index_reply(reply)
        count += 1
    for contribution in Contribution.objects.select_related("organisation").prefetch_related(
        "questions__articles", "states"
    ):
        index_contribution(contribution)
        count += 1
    for recommendation in Recommendation.objects.select_related(
        "report__round", "strength"
    ).prefetch_related("articles", "addressees"):
        index_recommendation(recommendation)
        count += 1
    return count + index_public_record(only_missing=False)
