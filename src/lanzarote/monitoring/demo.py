# ruff: noqa: E501 - demonstration sentences are kept whole, one per line
"""Demonstration records for the demo instance (`lanzarote monitoring demo`).

Everything made here is flagged `is_demo` and says so in its text ("[Demonstration]"): replies of
the Parties to the demonstration questionnaires, contributions (observers, national human-rights
institutions, children), rapporteurs' observations, one demonstration report with
recommendations in the round's vocabulary, follow-up and compliance assessments. Pages label
them with a badge; downloads and search leave them out unless asked; they never mix with real
records. A second run adds nothing.
"""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from lanzarote.committee.models import Organisation
from lanzarote.core.audit import Actor, AuditAction, audit_record
from lanzarote.monitoring import screening, selectors, services
from lanzarote.monitoring.models import (
    ComplianceAssessment,
    Contribution,
    FollowUp,
    Observation,
    Question,
    Reply,
    ReplyEvent,
    Report,
    Round,
)
from lanzarote.monitoring.rules import AgeBand, Compliance, ReplyStatus
from lanzarote.registry.models import State
from lanzarote.treaty_law import KnownDate

logger = logging.getLogger("lanzarote.monitoring")
LABEL = "demonstration data"
PREFIX_EN = "[Demonstration] "
PREFIX_FR = "[Démonstration] "
REPORT_SLUG = "demo-round-3-report"

REPLY_TEXTS_EN = [
    "The Criminal Code was amended to cover abuse by any person in a position of trust, including step-parents and coaches; penalties were increased.",
    "A national protocol requires teachers, doctors and social workers to report any suspicion of sexual abuse to the child protection service within 24 hours.",
    "Child victims are interviewed once, in a child-friendly room, by a trained specialist; the interview is recorded and used in court.",
    "Multidisciplinary Barnahus-type centres now operate in three regions; a fourth is planned.",
    "Programmes for children with harmful sexual behaviour are run by the health service and are voluntary.",
    "The limitation period for sexual offences against children starts to run only when the victim reaches the age of majority.",
]
REPLY_TEXTS_FR = [
    "Le Code pénal a été modifié pour couvrir les abus commis par toute personne en position de confiance, y compris les beaux-parents et les entraîneurs ; les peines ont été alourdies.",
    "Un protocole national oblige les enseignants, médecins et travailleurs sociaux à signaler tout soupçon d'abus sexuel au service de protection de l'enfance dans les 24 heures.",
    "Les enfants victimes sont entendus une seule fois, dans une salle adaptée, par un spécialiste formé ; l'audition est enregistrée et utilisée au procès.",
    "La prescription des infractions sexuelles contre des enfants ne court qu'à partir de la majorité de la victime.",
]
OBSERVER_TEXTS = [
    "Our hotline data show that reports of abuse within the family rarely reach the police; the reporting protocol is not known to sports clubs.",
    "Volunteers working with children are not screened in most regions, contrary to what the reply suggests.",
]
CHILDREN_TEXTS = [
    "We would like someone at school we can talk to who is not our teacher.",
    "Adults should believe children the first time they tell.",
    "Online, we need to know how to block and report people quickly.",
]
RECOMMENDATIONS = [
    (
        "R1",
        "calls-on",
        None,
        [18],
        "Calls on the Parties to criminalise sexual abuse by any person in a recognised position of trust, authority or influence, including within the family.",
    ),
    (
        "R2",
        "requests",
        None,
        [12],
        "Requests the Parties that have not yet done so to adopt reporting protocols for professionals in contact with children.",
    ),
    (
        "R3",
        "requests",
        None,
        [35],
        "Requests the Parties to ensure child victims are interviewed as few times as possible, by trained professionals, in suitable premises.",
    ),
    (
        "R4",
        "calls-on",
        ["RU", "AD"],
        [24],
        "Calls on the Parties concerned to review the effect of their reservations on the attempt offence.",
    ),
    (
        "R5",
        "requests",
        None,
        [7, 16],
        "Requests the Parties to provide programmes for children who display harmful sexual behaviour.",
    ),
    (
        "R6",
        "calls-on",
        ["FR", "DE", "IT", "ES"],
        [33],
        "Calls on the Parties concerned to extend limitation periods so that proceedings can start after the victim reaches majority.",
    ),
]


@dataclass
class DemoReport:
    created: bool = False
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, name: str, count: int = 1) -> None:
        self.counts[name] = self.counts.get(name, 0) + count


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11, 0)))


@transaction.atomic
def demo_generate(*, seed: int = 201, actor: Actor | None = None) -> DemoReport:
    """Fill the demo instance; idempotent (a second run finds the demonstration report)."""
    actor = actor or Actor.system(LABEL)
    report = DemoReport()
    if Report.objects.filter(slug=REPORT_SLUG).exists():
        return report
    report.created = True
    rng = random.Random(seed)  # noqa: S311 - demonstration data, not security
    for slug in ("round-3", "round-2"):
        round_ = Round.objects.filter(slug=slug).first()
        if round_ is not None:
            _replies(round_, rng, report)
            _contributions(round_, rng, report)
    _goq(rng, report)
    round_ = Round.objects.filter(slug="round-3").first()
    if round_ is not None:
        _report(round_, actor, rng, report)
    services.reindex()
    audit_record(
        actor=actor,
        action=AuditAction.MONITORING_DEMO_GENERATE,
        target=round_ or Round.objects.first(),
        summary="Demonstration records",
        payload=report.counts,
    )
    return report


def _text(rng: random.Random, language: str) -> str:
    if language == "fr":
        return PREFIX_FR + rng.choice(REPLY_TEXTS_FR)
    return PREFIX_EN + rng.choice(REPLY_TEXTS_EN)


def _replies(round_: Round, rng: random.Random, report: DemoReport) -> None:
    questionnaire = selectors.current_questionnaire(round_)
    if questionnaire is None:
        return
    questions = list(questionnaire.questions.all())
    scope = selectors.round_scope(round_)
    sent = (
        round_.questionnaire_sent_on
        or round_.date_latest
        or round_.date_earliest
        or date(2017, 6, 30)
    )
    due = round_.replies_due or sent + timedelta(days=120)
    statuses = [
        ReplyStatus.NONE,
        ReplyStatus.DRAFT,
        ReplyStatus.VALIDATED,
        ReplyStatus.SUBMITTED,
        ReplyStatus.PUBLISHED,
    ]
    weights = [8, 6, 4, 22, 60]
    for entry in scope.entries:
        language = "fr" if entry.state.code in {"FR", "BE", "LU", "MC", "CH", "TN"} else "en"
        for question in questions:
            status = rng.choices(statuses, weights)[0]
            if status is ReplyStatus.NONE:
                continue
            submitted = None
            if status in (ReplyStatus.SUBMITTED, ReplyStatus.PUBLISHED):
                submitted = due + timedelta(days=rng.randint(-60, 45))
            reply = Reply.objects.create(
                question=question,
                state=entry.state,
                status=status.value,
                text=_text(rng, language),
                language=language,
                due_on=due,
                submitted_at=_at(submitted) if submitted else None,
                published_at=_at(submitted + timedelta(days=30))
                if status is ReplyStatus.PUBLISHED and submitted
                else None,
                is_demo=True,
            )
            services.reply_event_record(
                reply,
                ReplyEvent.Kind.DRAFTED,
                actor=Actor.system(LABEL),
                at=_at((submitted or due) - timedelta(days=20)),
            )
            report.add("replies")


def _contributions(round_: Round, rng: random.Random, report: DemoReport) -> None:
    questionnaire = selectors.current_questionnaire(round_)
    questions = list(questionnaire.questions.all()) if questionnaire else []
    codes = sorted(selectors.round_scope(round_).codes)
    when = _at((round_.replies_due or date(2020, 1, 1)) + timedelta(days=30))
    for organisation in Organisation.objects.filter(slug__in=["ecpat", "missing-children-europe"]):
        item = Contribution.objects.create(
            round=round_,
            source=Contribution.Source.OBSERVER,
            organisation=organisation,
            text=PREFIX_EN + rng.choice(OBSERVER_TEXTS),
            status=Contribution.Status.PUBLISHED,
            submitted_at=when,
            published_at=when,
            submitted_by_label=LABEL,
            is_demo=True,
        )
        item.questions.set(rng.sample(questions, k=min(2, len(questions))))
        item.states.set(State.objects.filter(code__in=rng.sample(codes, k=min(3, len(codes)))))
        report.add("contributions")
    item = Contribution.objects.create(
        round=round_,
        source=Contribution.Source.NHRI,
        contributor="[Demonstration] National Ombudsperson for Children",
        text=PREFIX_EN
        + "The ombudsperson received 140 complaints about abuse in institutions last year.",
        status=Contribution.Status.PUBLISHED,
        submitted_at=when,
        published_at=when,
        submitted_by_label=LABEL,
        is_demo=True,
    )
    item.states.set(State.objects.filter(code__in=codes[:1]))
    report.add("contributions")
    for band in (AgeBand.TEN_TO_THIRTEEN, AgeBand.FOURTEEN_TO_SEVENTEEN):
        text = PREFIX_EN + rng.choice(CHILDREN_TEXTS)
        found = screening.screen(text)
        child = Contribution.objects.create(
            round=round_,
            source=Contribution.Source.CHILDREN,
            text=text,
            # Published only if the screen clears it, like any other (the constraint insists).
            status=Contribution.Status.RECEIVED if found else Contribution.Status.PUBLISHED,
            screening=Contribution.Screening.FLAGGED if found else Contribution.Screening.CLEAR,
            screening_findings=[f.as_dict() for f in found],
            age_band=band.value,
            consent_from=Contribution.ConsentFrom.CHILD_AND_GUARDIAN,
            consent_recorded_at=when,
            consent_recorded_by_label=LABEL,
            anonymised=True,
            facilitator="[Demonstration] a children's rights NGO",
            submitted_at=when,
            published_at=None if found else when,
            submitted_by_label=LABEL,
            is_demo=True,
        )
        child.questions.set(questions[:1])
        report.add("contributions")
    for question in questions[:2]:
        Observation.objects.create(
            question=question,
            text=PREFIX_EN + "Most Parties describe their law; few give data on prosecutions.",
            written_at=when + timedelta(days=60),
            author_label=LABEL,
            is_demo=True,
        )
        report.add("observations")


def _goq(rng: random.Random, report: DemoReport) -> None:
    for code in ("TN", "AM", "IE"):
        try:
            slots = services.goq_slots_materialise(state_code=code, actor=Actor.system(LABEL))
        except Exception:  # a registry without the State: nothing to demonstrate
            logger.info("No General Overview demonstration for %s", code)
            continue
        for reply in slots[: rng.randint(2, len(slots))]:
            submitted = (reply.due_on or date(2022, 1, 1)) - timedelta(days=rng.randint(-30, 60))
            reply.status = ReplyStatus.PUBLISHED.value
            reply.text = _text(rng, "fr" if code == "TN" else "en")
            reply.language = "fr" if code == "TN" else "en"
            reply.submitted_at = _at(submitted)
            reply.published_at = _at(submitted + timedelta(days=20))
            reply.is_demo = True
            reply.save()
            services.reply_event_record(
                reply, ReplyEvent.Kind.SUBMITTED, actor=Actor.system(LABEL), at=reply.submitted_at
            )
            report.add("goq_replies")


def _report(round_: Round, actor: Actor, rng: random.Random, report: DemoReport) -> None:
    demo_report = services.report_create(
        actor=actor,
        round_=round_,
        slug=REPORT_SLUG,
        kind=Report.Kind.IMPLEMENTATION,
        title_en="[Demonstration] Implementation report with recommendations (not the Committee's)",
        title_fr="[Démonstration] Rapport de mise en œuvre avec recommandations (pas celui du Comité)",
        adopted=KnownDate.exact(date(2025, 10, 15)),
        follow_up_due=date(2026, 10, 15),
        is_demo=True,
        note_en="Invented to demonstrate follow-up and compliance; the real report's recommendations are not in the reference data.",
        note_fr="Inventé pour montrer le suivi et la conformité ; les recommandations du vrai rapport ne figurent pas dans les données de référence.",
    )
    questionnaire = selectors.current_questionnaire(round_)
    by_article: dict[int, Question] = {}
    if questionnaire is not None:
        for question in questionnaire.questions.all():
            for article in question.articles.all():
                by_article.setdefault(article.number, question)
    statuses = [Compliance.COMPLIED, Compliance.PARTIALLY, Compliance.NOT_COMPLIED]
    for number, strength, addressees, articles, text in RECOMMENDATIONS:
        recommendation = services.recommendation_add(
            actor=actor,
            report=demo_report,
            number=number,
            text_en=PREFIX_EN + text,
            text_fr=PREFIX_FR + text,
            strength=strength,
            addressees=addressees,
            articles=articles,
            questions=[by_article[a].pk for a in articles if a in by_article],
            is_demo=True,
        )
        report.add("recommendations")
        codes = selectors.addressee_codes(recommendation)
        for code in rng.sample(codes, k=max(1, len(codes) // 2)):
            FollowUp.objects.create(
                recommendation=recommendation,
                state_id=code,
                text=PREFIX_EN + "A bill was tabled in parliament and a working group set up.",
                submitted_at=_at(date(2026, 9, 1) + timedelta(days=rng.randint(0, 40))),
                submitted_by_label=LABEL,
                is_demo=True,
            )
            report.add("follow_ups")
            first = rng.choice(statuses)
            ComplianceAssessment.objects.create(
                recommendation=recommendation,
                state_id=code,
                status=first.value,
                assessed_on=date(2026, 3, 12),
                recorded_at=_at(date(2026, 3, 12)),
                recorded_by_label=LABEL,
                is_demo=True,
            )
            report.add("assessments")
            if first is not Compliance.COMPLIED and rng.random() < 0.5:
                ComplianceAssessment.objects.create(
                    recommendation=recommendation,
                    state_id=code,
                    status=rng.choice([Compliance.COMPLIED, Compliance.PARTIALLY]).value,
                    assessed_on=date(2026, 10, 20),
                    recorded_at=_at(date(2026, 10, 20)),
                    recorded_by_label=LABEL,
                    is_demo=True,
                )
                report.add("assessments")


def describe(result: DemoReport) -> dict[str, Any]:
    return {"created": result.created, **result.counts}
