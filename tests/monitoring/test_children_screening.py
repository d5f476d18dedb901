"""A children's contribution that could identify a child is accepted as a draft and never
published until the secretariat redacts it (the original kept for the secretariat only) or
confirms it; the facilitator is never a person; consent dates are plausible; a sender cannot set
`is_demo`, the status or the screening."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from lanzarote.core.audit import Actor
from lanzarote.core.errors import Conflict, Forbidden, InvalidInput
from lanzarote.core.models import AuditRecord
from lanzarote.monitoring import children, services
from lanzarote.monitoring.models import Contribution, Round, SearchDocument
from lanzarote.monitoring.search import SearchFacets, search
from tests.monitoring.factories import bearer, people

pytestmark = pytest.mark.django_db

IDENTIFYING = (
    "My name is Léa Martin, I am 12 and I go to École Jules Ferry. Call me on 06 12 34 56 78 "
    "or write to lea.martin@example.fr. We want adults to listen."
)
DETAILS = ("Léa Martin", "Jules Ferry", "06 12 34 56 78", "lea.martin@example.fr")
SAFE = {"age_band": "10-13", "consent_from": "child_and_guardian", "anonymised": True}
API = "/api/v1/monitoring/contributions"


def _send(client, who, **body):  # type: ignore[no-untyped-def]
    return client.post(
        f"{API}/children",
        {"round": "round-3", "text": IDENTIFYING, **SAFE, **body},
        content_type="application/json",
        **bearer(who),
    )


def _everything_public(client, pk: int) -> str:  # type: ignore[no-untyped-def]
    """What anyone can read of the contribution: its page, the API list, the CSV, search."""
    client.logout()
    parts = [
        client.get(f"/en/monitoring/contributions/{pk}/").content.decode(),
        client.get(API, {"source": "children"}).content.decode(),
        client.get("/en/monitoring/contributions/", {"format": "csv"}).content.decode(),
    ]
    return "\n".join(parts)


def test_the_issues_contribution_is_held_until_redacted(client, loaded_db):
    who = people()
    sent = _send(client, who["observer"])
    assert sent.status_code == 201, sent.content
    body = sent.json()
    pk = body["id"]
    # Accepted as a draft, held by the screen, the checkbox notwithstanding.
    assert body["status"] == "received" and body["safeguards"]["screening"] == "flagged"
    assert {f["kind"] for f in body["safeguards"]["found"]} == {"name", "school", "phone", "email"}
    assert "original_text" not in body or body["original_text"] is None
    item = Contribution.objects.get(pk=pk)
    assert item.held_by_screening

    # Nobody may publish it yet, the secretariat included; the database refuses it too.
    published = client.post(f"{API}/{pk}/publish", **bearer(who["secretariat"]))
    assert published.status_code == 409 and "held" in published.json()["detail"]
    with pytest.raises(Conflict):
        services.contribution_publish(actor=Actor(user=who["secretariat"]), contribution=item)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.filter(pk=pk).update(status="published")

    # Held: not for the public, not for rapporteurs, not in anyone's search.
    client.logout()
    assert client.get(f"/en/monitoring/contributions/{pk}/").status_code == 404
    client.force_login(who["rapporteur"])
    assert client.get(f"/en/monitoring/contributions/{pk}/").status_code == 404
    listed = client.get(API, **bearer(who["rapporteur"])).json()
    assert pk not in {c["id"] for c in listed}
    hits = search("Martin", facets=SearchFacets(public_only=False), limit=10, offset=0)
    assert not [h for h in hits.hits if h.kind == "contribution" and h.object_id == pk]
    assert SearchDocument.objects.get(kind="contribution", object_id=pk).body == ""

    # The sender sees its own draft and why it is held.
    client.force_login(who["observer"])
    page = client.get(f"/en/monitoring/contributions/{pk}/").content.decode()
    assert "Held before publication" in page and "telephone number" in page

    # The secretariat sees the findings marked, and redacts from the suggestion.
    client.force_login(who["secretariat"])
    page = client.get(f"/en/monitoring/contributions/{pk}/").content.decode()
    assert '<mark title="e-mail address">lea.martin@example.fr</mark>' in page
    assert "call me on [phone]" in page.lower() and ">Publish<" not in page
    redacted = client.post(
        f"{API}/{pk}/redact",
        {"text": "My name is [name], I go to [school]. We want adults to listen."},
        content_type="application/json",
        **bearer(who["secretariat"]),
    )
    assert redacted.status_code == 200, redacted.content
    review = redacted.json()
    assert (
        review["safeguards"]["screening"] == "redacted" and review["original_text"] == IDENTIFYING
    )

    # The original is the secretariat's alone: not the sender's, not a rapporteur's.
    for reader in ("observer", "rapporteur"):
        seen = client.get(API, {"source": "children"}, **bearer(who[reader])).json()
        mine = next(c for c in seen if c["id"] == pk)
        assert mine.get("original_text") is None and "Léa" not in json.dumps(mine)
    page = client.get(f"/en/monitoring/contributions/{pk}/").content.decode()
    assert "The text as received" in page and "lea.martin@example.fr" in page

    published = client.post(f"{API}/{pk}/publish", **bearer(who["secretariat"]))
    assert published.status_code == 200, published.content
    public = _everything_public(client, pk)
    assert "We want adults to listen." in public
    assert not [d for d in DETAILS if d in public]

    # Both steps are audited, without copying the details into the log.
    actions = list(
        AuditRecord.objects.filter(target_type="Contribution", target_id=str(pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "monitoring.contribution.children",
        "monitoring.contribution.redact",
        "monitoring.contribution.publish",
    ]
    log = json.dumps(
        list(AuditRecord.objects.filter(target_id=str(pk)).values("summary", "payload"))
    )
    assert not [d for d in DETAILS if d in log]


def test_the_secretariat_may_confirm_instead_saying_why(client, loaded_db):
    who = people()
    actor = Actor(user=who["secretariat"])
    item = children.children_contribution_record(
        actor=actor,
        round_=Round.objects.get(slug="round-3"),
        text="In class we read Victor Hugo and talked about our rights.",
        **SAFE,
    )
    assert item.screening == "flagged"
    with pytest.raises(InvalidInput, match="Say why"):
        children.children_contribution_confirm(actor=actor, contribution=item, note="  ")
    with pytest.raises(Forbidden):
        children.children_contribution_confirm(
            actor=Actor(user=who["observer"]), contribution=item, note="An author."
        )
    client.force_login(who["secretariat"])
    response = client.post(
        f"/en/monitoring/contributions/{item.pk}/confirm/",
        {"note": "Victor Hugo is the author they read, not a person they know."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.screening == "confirmed" and item.screening_reviewed_by_label == "secretariat"
    with pytest.raises(Conflict, match="nothing"):
        children.children_contribution_confirm(actor=actor, contribution=item, note="again")
    services.contribution_publish(actor=actor, contribution=item)
    assert AuditRecord.objects.filter(
        action="monitoring.contribution.confirm", target_id=str(item.pk)
    ).exists()


def test_a_redaction_that_leaves_a_detail_stays_held(client, loaded_db):
    who = people()
    actor = Actor(user=who["secretariat"])
    item = children.children_contribution_record(
        actor=actor, round_=Round.objects.get(slug="round-3"), text=IDENTIFYING, **SAFE
    )
    client.force_login(who["secretariat"])
    response = client.post(
        f"/en/monitoring/contributions/{item.pk}/redact/",
        {"text": "Call me on 06 12 34 56 78. We want adults to listen."},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.screening == "flagged" and item.original_text == IDENTIFYING
    assert [f["kind"] for f in item.screening_findings] == ["phone"]
    # A second redaction keeps the text as first received, not the intermediate one.
    children.children_contribution_redact(
        actor=actor, contribution=item, text="We want adults to listen."
    )
    item.refresh_from_db()
    assert item.screening == "redacted" and item.original_text == IDENTIFYING
    # Only the secretariat redacts, and only before publication.
    with pytest.raises(Forbidden):
        children.children_contribution_redact(
            actor=Actor(user=who["observer"]), contribution=item, text="x"
        )
    client.force_login(who["observer"])
    assert (
        client.post(f"/en/monitoring/contributions/{item.pk}/redact/", {"text": "x"}).status_code
        == 403
    )
    services.contribution_publish(actor=actor, contribution=item)
    with pytest.raises(Conflict):
        children.children_contribution_redact(actor=actor, contribution=item, text="y")


def test_a_clean_text_is_cleared_at_once(loaded_db):
    who = people()
    item = children.children_contribution_record(
        actor=Actor(user=who["observer"]),
        round_=Round.objects.get(slug="round-3"),
        text="We want safe changing rooms.",
        **SAFE,
    )
    assert item.screening == "clear" and item.screening_findings == []
    services.contribution_publish(actor=Actor(user=who["secretariat"]), contribution=item)


@pytest.mark.parametrize(
    "facilitator", ["Mme Dupont", "Jean Martin", "teacher John", "jean.martin@example.fr"]
)
def test_the_facilitator_is_never_a_person(client, loaded_db, facilitator):
    who = people()
    with pytest.raises(InvalidInput) as refused:
        children.children_contribution_record(
            actor=Actor(user=who["secretariat"]),
            round_=Round.objects.get(slug="round-3"),
            text="We want safe changing rooms.",
            facilitator=facilitator,
            **SAFE,
        )
    assert refused.value.field == "facilitator"
    response = _send(client, who["observer"], text="We want to be heard.", facilitator=facilitator)
    assert response.status_code == 422 and response.json()["field"] == "facilitator"
    assert not Contribution.objects.filter(source="children").exists()


def test_an_organisation_or_a_role_is_a_facilitator(loaded_db):
    who = people()
    round_ = Round.objects.get(slug="round-3")
    for facilitator in ("A children's rights NGO", "school counsellor", "ECPAT"):
        item = children.children_contribution_record(
            actor=Actor(user=who["secretariat"]),
            round_=round_,
            text="We want safe changing rooms.",
            facilitator=facilitator,
            **SAFE,
        )
        assert item.facilitator == facilitator


@pytest.mark.parametrize(
    ("when", "message"),
    [
        ("2099-01-01T10:00:00+00:00", "future"),
        ("1985-06-01T10:00:00+00:00", "1989"),
        ("9999-12-31T23:59:59", "future"),
        ("yesterday", "ISO 8601"),
    ],
)
def test_a_consent_date_is_neither_in_the_future_nor_before_1989(client, loaded_db, when, message):
    who = people()
    response = _send(client, who["observer"], text="We want to be heard.", consent_recorded_at=when)
    assert response.status_code == 422 and message in response.json()["detail"], response.content
    assert not Contribution.objects.filter(source="children").exists()


def test_a_consent_recorded_last_week_is_kept(loaded_db):
    who = people()
    last_week = timezone.now() - timedelta(days=7)
    item = children.children_contribution_record(
        actor=Actor(user=who["secretariat"]),
        round_=Round.objects.get(slug="round-3"),
        text="We want safe changing rooms.",
        consent_recorded_at=timezone.localtime(last_week).replace(tzinfo=None),  # naive: local
        **SAFE,
    )
    assert abs(item.consent_recorded_at - last_week) < timedelta(seconds=1)
    assert item.consent_recorded_at > datetime(1989, 1, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "field",
    [
        {"is_demo": True},
        {"status": "published"},
        {"published_at": "2026-01-01T00:00:00+00:00"},
        {"screening": "clear"},
        {"original_text": "x"},
        {"consent_recorded_by": "someone"},
    ],
)
def test_a_sender_cannot_set_what_the_committee_decides(client, loaded_db, field):
    who = people()
    response = _send(client, who["observer"], text="We want to be heard.", **field)
    assert response.status_code == 422, response.content
    assert next(iter(field)) in response.json()["detail"]
    assert not Contribution.objects.filter(source="children").exists()


def test_the_web_form_refuses_is_demo_and_names_alike(client, loaded_db):
    who = people()
    client.force_login(who["observer"])
    form = {
        "text": "We want to be heard.",
        "age_band": "14-17",
        "consent_from": "child_and_guardian",
        "anonymised": "on",
        "language": "en",
    }
    url = "/en/monitoring/rounds/round-3/contribute/children/"
    demo = client.post(url, {**form, "is_demo": "1"})
    assert demo.status_code == 422 and "is_demo" in demo.content.decode()
    named = client.post(url, {**form, "surname": "Martin"})
    assert named.status_code == 422 and "never carries a name" in named.content.decode()
    assert not Contribution.objects.filter(source="children").exists()
    assert client.post(url, form).status_code == 302
    assert Contribution.objects.get(source="children").is_demo is False


def test_only_the_secretariat_makes_demonstration_records(loaded_db):
    who = people()
    round_ = Round.objects.get(slug="round-3")
    with pytest.raises(Forbidden):
        children.children_contribution_record(
            actor=Actor(user=who["observer"]),
            round_=round_,
            text="We want to be heard.",
            is_demo=True,
            **SAFE,
        )
    item = children.children_contribution_record(
        actor=Actor(user=who["secretariat"]),
        round_=round_,
        text="We want to be heard.",
        is_demo=True,
        **SAFE,
    )
    assert item.is_demo


def test_a_text_too_long_or_with_a_nul_is_refused(client, loaded_db):
    who = people()
    long = _send(client, who["observer"], text="We want to be heard. " * 1_000)
    assert long.status_code == 422 and long.json()["field"] == "text"
    nul = _send(client, who["observer"], text="We want\x00 to be heard.")
    assert nul.status_code in (400, 422)
    assert not Contribution.objects.filter(source="children").exists()


def test_the_migration_takes_back_a_published_contribution_that_identifies_a_child(loaded_db):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("lanzarote.monitoring.migrations.0004_children_screening")
    who = people()
    actor = Actor(user=who["secretariat"])
    round_ = Round.objects.get(slug="round-3")
    clean = children.children_contribution_record(
        actor=actor, round_=round_, text="We want to be heard.", **SAFE
    )
    services.contribution_publish(actor=actor, contribution=clean)
    # As recorded before the screen existed: published, with a child's details in it.
    legacy = children.children_contribution_record(
        actor=actor, round_=round_, text="We want to be heard.", **SAFE
    )
    services.contribution_publish(actor=actor, contribution=legacy)
    Contribution.objects.filter(pk=legacy.pk).update(text=IDENTIFYING)

    migration.screen_recorded_contributions(apps, None)

    legacy.refresh_from_db()
    clean.refresh_from_db()
    assert legacy.status == "received" and legacy.screening == "flagged"
    assert legacy.published_at is None
    assert not SearchDocument.objects.filter(kind="contribution", object_id=legacy.pk).exists()
    assert clean.status == "published" and clean.screening == "clear"
