"""Depositary notifications (Art. 50 CETS 201): one numbered notification per act recorded by a
person, texts in English and French written once, e-mail only after the commit and never at the
cost of the record, none for the reference data, append-only."""

from __future__ import annotations

import logging
import shutil
from datetime import date
from pathlib import Path
from smtplib import SMTPException

import pytest
from django.core.mail.backends.locmem import EmailBackend
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from lanzarote.accounts.models import Role, User
from lanzarote.core.append_only import AppendOnlyViolation
from lanzarote.core.errors import NotFound
from lanzarote.registry import addressees, notifications, selectors
from lanzarote.registry.models import DepositaryNotification, State, Treaty, TreatyEvent
from lanzarote.registry.reference_data import DATA_DIR, registry_data_load
from lanzarote.registry.services import treaty_event_correct, treaty_event_retract
from lanzarote.treaty_law import KnownDate
from lanzarote.treaty_law.final_clauses import AddresseeGroup
from tests.accounts.factories import person
from tests.registry.factories import actor, record_event

pytestmark = pytest.mark.django_db


def number(sequence: int) -> str:
    return f"JJ-{timezone.localdate().year}-{sequence:04d}"


def squash(text: str) -> str:
    return " ".join(text.split())


def with_email(user: User, address: str) -> User:
    user.email = address
    user.save(update_fields=["email"])
    return user


# -- issuing -----------------------------------------------------------------------------------


def test_the_reference_data_issue_no_notification():
    assert TreatyEvent.objects.exists()
    assert DepositaryNotification.objects.count() == 0


def test_a_reloaded_changed_fact_is_not_notified(tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    # Armenia's deposit is dated by the evidence: a source now gives another day.
    bounds_file = data / "research" / "cets201_bounds.csv"
    text = bounds_file.read_text(encoding="utf-8")
    bounds_file.write_text(
        text.replace("AM,consent,exact,2020-09-07", "AM,consent,exact,2020-09-06"), encoding="utf-8"
    )
    report = registry_data_load(data_dir=data)
    assert report.superseded == 1
    assert DepositaryNotification.objects.count() == 0


def test_an_accession_gets_the_first_number_and_both_texts():
    event = record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    [notification] = DepositaryNotification.objects.all()
    assert notification.event == event
    assert notification.number == number(1)
    assert (notification.year, notification.sequence) == (timezone.localdate().year, 1)
    assert notification.kind == DepositaryNotification.Kind.DEPOSIT
    assert (notification.treaty.slug, notification.state_id) == ("cets-201", "BR")
    assert notification.issued_at == event.recorded_at
    assert notification.entry_into_force == date(2024, 7, 1)
    assert notification.corrects is None

    english = squash(notification.text_en)
    assert english.startswith("The Secretary General of the Council of Europe notifies that")
    assert "on 5 March 2024 Brazil deposited its instrument of accession to the" in english
    assert (
        "Council of Europe Convention on the Protection of Children against Sexual Exploitation "
        "and Sexual Abuse (CETS No. 201)" in english
    )
    assert (
        "In accordance with Article 46, paragraph 2, the Convention entered into force for "
        "Brazil on 1 July 2024." in english
    )
    assert "Brazil" in notification.subject_en

    french = squash(notification.text_fr)
    assert "Brésil" in french
    assert "Brazil" not in french
    assert "5 mars 2024" in french
    assert "1er juillet 2024" in french
    assert "Convention du Conseil de l'Europe sur la protection des enfants" in french
    assert "Brésil" in notification.subject_fr


def test_an_entry_into_force_still_to_come_is_announced_in_the_future_tense():
    today = timezone.localdate()
    event = record_event(state="BR", kind="accession", on=today)
    notification = event.notification
    assert notification.entry_into_force is not None
    assert notification.entry_into_force > today
    assert "will enter into force for Brazil on" in squash(notification.text_en)


def test_numbers_follow_each_other_within_the_year():
    first = record_event(state="BR", kind="accession", on=date(2024, 3, 5)).notification
    second = record_event(state="JP", kind="signature", on=date(2024, 4, 2)).notification
    assert [first.number, second.number] == [number(1), number(2)]
    assert second.kind == DepositaryNotification.Kind.SIGNATURE
    english = squash(second.text_en)
    assert "on 2 April 2024 Japan signed the Council of Europe Convention" in english
    assert "Japon" in second.text_fr
    assert "2 avril 2024" in second.text_fr
    assert second.entry_into_force is None


def test_a_taken_number_is_retried_with_the_next_one(monkeypatch: pytest.MonkeyPatch):
    record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    real = notifications._next_sequence
    answers = iter([1])  # a concurrent transaction "took" number 1 after we read the maximum

    def stale_then_real(year: int) -> int:
        return next(answers, None) or real(year)

    monkeypatch.setattr(notifications, "_next_sequence", stale_then_real)
    event = record_event(state="JP", kind="signature", on=date(2024, 4, 2))
    assert event.notification.number == number(2)
    assert DepositaryNotification.objects.count() == 2


def test_a_reservation_quotes_its_provisions_and_its_text():
    event = record_event(
        state="BR",
        kind="accession",
        on=date(2024, 3, 5),
    )
    reservation = record_event(
        state="BR",
        kind="reservation",
        on=date(2024, 3, 5),
        provisions=["20(3)"],
        text_en="Brazil reserves the right not to apply Article 20, paragraph 1.a.",
        text_fr="Le Brésil se réserve le droit de ne pas appliquer l'article 20, paragraphe 1.a.",
    )
    notification = reservation.notification
    assert notification.kind == DepositaryNotification.Kind.RESERVATION
    assert notification.number == number(2)
    assert event.notification.number == number(1)
    english = squash(notification.text_en)
    assert "Brazil made a reservation under Article 20, paragraph 3 of the" in english
    assert "Text of the reservation: Brazil reserves the right" in english
    french = squash(notification.text_fr)
    assert "Le Brésil se réserve le droit" in french
    assert "Brazil reserves" not in french
    assert notification.entry_into_force is None


def test_a_declaration_without_a_french_text_quotes_the_english_one():
    record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    declaration = record_event(
        state="BR",
        kind="declaration",
        on=date(2024, 3, 5),
        provisions=["37(2)"],
        text_en="The national authority is the Federal Police.",
    )
    notification = declaration.notification
    assert notification.kind == DepositaryNotification.Kind.DECLARATION
    assert "Article 37, paragraph 2" in notification.text_en
    assert "The national authority is the Federal Police." in notification.text_fr


def test_a_denunciation_states_when_it_takes_effect():
    event = record_event(state="TN", kind="denunciation", on=date(2025, 3, 5))
    notification = event.notification
    assert notification.kind == DepositaryNotification.Kind.DENUNCIATION
    assert notification.entry_into_force == date(2025, 7, 1)
    english = squash(notification.text_en)
    assert "on 5 March 2025 Tunisia notified its denunciation of the" in english
    assert (
        "In accordance with Article 49, paragraph 2, the denunciation took effect on 1 July 2025."
        in english
    )
    french = squash(notification.text_fr)
    assert "Tunisie" in french
    assert "1er juillet 2025" in french
    assert "5 mars 2025" in french


def test_a_correction_names_the_notification_it_corrects():
    original = record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    corrected = treaty_event_correct(
        actor=actor(),
        event=original,
        reason="The instrument was deposited a day later.",
        legal_date=KnownDate.exact(date(2024, 3, 6)),
    )
    notification = corrected.notification
    assert notification.kind == DepositaryNotification.Kind.CORRECTION
    assert notification.number == number(2)
    assert notification.corrects == original.notification
    english = squash(notification.text_en)
    assert f"correction of depositary notification {number(1)}" in english
    assert "on 6 March 2024 Brazil deposited its instrument of accession" in english
    assert "The instrument was deposited a day later." in english
    assert notification.entry_into_force == date(2024, 7, 1)
    assert number(1) in notification.text_fr
    assert "6 mars 2024" in notification.text_fr


def test_a_retraction_withdraws_the_notification_of_the_act():
    original = record_event(state="JP", kind="signature", on=date(2024, 4, 2))
    retraction = treaty_event_retract(
        actor=actor(), event=original, reason="Recorded against the wrong State."
    )
    notification = retraction.notification
    assert notification.kind == DepositaryNotification.Kind.CORRECTION
    assert notification.corrects == original.notification
    english = squash(notification.text_en)
    assert f"depositary notification {number(1)} is withdrawn" in english
    assert "on 2 April 2024 Japan signed" in english
    assert "Recorded against the wrong State." in english
    assert notification.entry_into_force is None


def test_correcting_a_reference_fact_is_notified_without_a_number_to_correct():
    shipped = TreatyEvent.objects.filter(
        treaty__slug="cets-201", state_id="TN", kind="accession", superseded_by__isnull=True
    ).get()
    corrected = treaty_event_correct(
        actor=actor(), event=shipped, reason="Checked against the instrument.", confirmed=True
    )
    notification = corrected.notification
    assert notification.kind == DepositaryNotification.Kind.CORRECTION
    assert notification.corrects is None
    english = squash(notification.text_en)
    assert "correction of the record: on 15 October 2019 Tunisia deposited" in english
    assert "the Convention entered into force for Tunisia on 1 February 2020" in english
    assert notification.entry_into_force == date(2020, 2, 1)
    assert "1er février 2020" in notification.text_fr
    assert "15 octobre 2019" in notification.text_fr


def test_a_deposit_known_only_within_bounds_gives_the_bounds_of_entry_into_force():
    event = record_event(
        state="BR", kind="accession", on=KnownDate.between(date(2024, 3, 15), date(2024, 4, 20))
    )
    notification = event.notification
    assert notification.entry_into_force is None  # not known to the day
    english = squash(notification.text_en)
    assert "Brazil deposited" in english
    assert "enters into force for Brazil between 1 July 2024 and 1 August 2024" in english
    assert "1er août 2024" in notification.text_fr


def test_a_deposit_before_the_treaty_is_in_force_says_it_joins_on_the_treaty_date():
    event = TreatyEvent(
        treaty=Treaty.objects.get(slug="cets-201"),
        state=State.objects.get(code="BR"),
        kind="ratification",
    )
    effect = notifications.Effect("entry_into_force", "Art. 45(3)", None)
    sentence = notifications._effect_sentence(event, effect, date(2009, 1, 1))
    assert sentence == (
        "The Convention is not yet in force; in accordance with Article 45, paragraph 3, it will "
        "enter into force for Brazil on the date on which it enters into force itself."
    )


def test_article_citations_are_written_out():
    assert notifications.article_words("Art. 46(2)") == "Article 46, paragraph 2"
    assert notifications.article_words("Art. 45(3) / Art. 45(4)") == (
        "Article 45, paragraph 3 or Article 45, paragraph 4"
    )
    assert notifications.provision_words(["20(3)", "21(2)", "24"]) == (
        "Article 20, paragraph 3, Article 21, paragraph 2 and Article 24"
    )


def test_acts_under_the_opsc_are_not_notified_by_the_council_of_europe():
    event = record_event(state="BR", kind="declaration", on=date(2024, 3, 5), treaty="opsc")
    assert not DepositaryNotification.objects.filter(event=event).exists()


def test_a_refused_act_leaves_no_notification():
    with pytest.raises(Exception):  # noqa: B017, PT011 - the guard's refusal
        record_event(state="FR", kind="accession", on=date(2024, 3, 5))
    assert DepositaryNotification.objects.count() == 0


# -- append-only -------------------------------------------------------------------------------


def test_notifications_are_append_only_in_the_orm():
    notification = record_event(state="BR", kind="accession", on=date(2024, 3, 5)).notification
    notification.text_en = "Rewritten."
    with pytest.raises(AppendOnlyViolation):
        notification.save()
    with pytest.raises(AppendOnlyViolation):
        notification.delete()
    with pytest.raises(AppendOnlyViolation):
        DepositaryNotification.objects.filter(pk=notification.pk).update(text_en="x")
    with pytest.raises(AppendOnlyViolation):
        DepositaryNotification.objects.filter(pk=notification.pk).delete()


def test_notifications_are_append_only_in_the_database():
    notification = record_event(state="BR", kind="accession", on=date(2024, 3, 5)).notification
    table = DepositaryNotification._meta.db_table
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET text_en = 'x' WHERE id = %s", [notification.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [notification.pk])
    assert DepositaryNotification.objects.get(pk=notification.pk).text_en.startswith("The ")


# -- reading -----------------------------------------------------------------------------------


def test_selectors_list_newest_first_filter_and_find_by_number(django_assert_num_queries):
    record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    record_event(state="JP", kind="signature", on=date(2024, 4, 2))
    record_event(state="TN", kind="denunciation", on=date(2025, 3, 5))
    with django_assert_num_queries(1):
        rows = list(notifications.notification_list())
        shown = [(n.number, n.state.name, n.treaty.slug) for n in rows]
    assert [row[0] for row in shown] == [number(3), number(2), number(1)]
    japan = State.objects.get(code="JP")
    assert [n.number for n in notifications.notification_list(state=japan)] == [number(2)]
    treaty = Treaty.objects.get(slug="opsc")
    assert list(notifications.notification_list(treaty=treaty)) == []
    assert notifications.notification_get(number(1).lower()).state_id == "BR"
    with pytest.raises(NotFound):
        notifications.notification_get("JJ-1999-0001")


def test_presented_data_carry_both_languages():
    notification = record_event(state="BR", kind="accession", on=date(2024, 3, 5)).notification
    data = notifications.notification_data(notification)
    assert data["number"] == number(1)
    assert data["kind"] == "deposit"
    assert data["state"] == "BR"
    assert data["entry_into_force"] == "2024-07-01"
    assert data["text"] == notification.text_en
    assert "Brésil" in data["text_fr"]
    assert data["corrects"] is None


# -- e-mail ------------------------------------------------------------------------------------


def test_mail_goes_out_after_the_commit_to_the_people_concerned(
    django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.LANZAROTE_SITE_URL = "http://testserver.example/"
    office = with_email(person(Role.TREATY_OFFICE), "office@example.org")
    delegate = with_email(person(Role.PARTY_DELEGATE, state="FR"), "delegate-fr@example.org")
    with_email(
        person(Role.PARTY_DELEGATE, state="DE", username="delegate-de"), "delegate-de@example.org"
    )
    brazil = with_email(person(Role.STATE_OFFICIAL, state="BR"), "official-br@example.org")
    with_email(
        person(Role.STATE_OFFICIAL, state="JP", username="official-jp"), "official-jp@example.org"
    )
    # China has no part in the Convention: not among the addressees of Art. 50(1).
    with_email(
        person(Role.STATE_OFFICIAL, state="CN", username="official-cn"), "official-cn@example.org"
    )
    with_email(person(Role.SECRETARIAT), "secretariat@example.org")
    with_email(person(Role.OBSERVER), "observer@example.org")
    gone = with_email(
        person(Role.PARTY_DELEGATE, state="IT", username="delegate-it"), "gone@example.org"
    )
    gone.is_active = False
    gone.save(update_fields=["is_active"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        event = record_event(state="BR", kind="accession", on=date(2024, 3, 5))
        assert mailoutbox == []
    # One e-mail callback; the others drop the cached data versions (lanzarote.core.versions).
    assert len([c for c in callbacks if c.__module__ != "lanzarote.core.versions"]) == 1
    notification = event.notification
    to = sorted(address for message in mailoutbox for address in message.to)
    # Art. 50(1) addresses Japan as a State invited to sign (it took part in the elaboration),
    # which the notification's e-mail used to leave out; Brazil is addressed as a State that
    # acceded, France and Germany as member States and Parties.
    assert to == sorted(
        [
            office.email,
            delegate.email,
            "delegate-de@example.org",
            brazil.email,
            "official-jp@example.org",
            event.recorded_by.email,  # the Treaty Office officer who recorded it
        ]
    )
    assert all(len(message.to) == 1 for message in mailoutbox)
    message = mailoutbox[0]
    assert notification.number in message.subject
    assert "Brazil" in message.subject and "Brésil" in message.subject
    body = squash(message.body)
    assert body.index(squash(notification.text_en)) < body.index(squash(notification.text_fr))
    assert f"Notification dépositaire {notification.number}" in message.body
    # Each half points to the notification's page in its own language.
    english, french = message.body.split("Notification dépositaire", 1)
    assert f"See the page: http://testserver.example/en/notifications/{notification.number}/" in (
        english
    )
    assert f"Voir la page : http://testserver.example/fr/notifications/{notification.number}/" in (
        french
    )


def test_mail_comes_from_the_products_own_sender_not_the_public_contact(
    django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.DEFAULT_FROM_EMAIL = "registry@test.example"
    settings.LANZAROTE_CONTACTS = {**settings.LANZAROTE_CONTACTS, "treaty_office": "to@coe.test"}
    with_email(person(Role.TREATY_OFFICE), "office@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    assert mailoutbox
    assert {message.from_email for message in mailoutbox} == {"registry@test.example"}
    assert all("to@coe.test" not in message.reply_to for message in mailoutbox)


def test_nothing_is_mailed_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks, mailoutbox
):
    person(Role.TREATY_OFFICE)

    @transaction.atomic
    def record_then_fail() -> None:
        record_event(state="BR", kind="accession", on=date(2024, 3, 5))
        raise RuntimeError("the surrounding work failed")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        record_then_fail()
    assert callbacks == []
    assert mailoutbox == []
    assert DepositaryNotification.objects.count() == 0


def test_a_failing_mail_server_loses_nothing(
    django_capture_on_commit_callbacks, mailoutbox, monkeypatch, caplog
):
    person(Role.TREATY_OFFICE)

    def refuse(self, messages):  # type: ignore[no-untyped-def]
        raise SMTPException("421 service not available")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    with (
        caplog.at_level(logging.ERROR, logger="lanzarote.mail"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        event = record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    assert mailoutbox == []
    assert DepositaryNotification.objects.get(event=event).number == number(1)
    assert TreatyEvent.objects.filter(pk=event.pk).exists()
    # One task per message, each failure logged with its notification (a worker retries them).
    records = [r for r in caplog.records if r.name == "lanzarote.mail"]
    assert records
    assert all(number(1) in r.getMessage() and r.exc_info is not None for r in records)


def test_mail_after_commit_logs_a_failing_builder(django_capture_on_commit_callbacks, caplog):
    def broken() -> list:
        raise ValueError("no template")

    with (
        caplog.at_level(logging.ERROR, logger="lanzarote.mail"),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        notifications.mail_after_commit(broken, what="a reminder")
    assert "a reminder" in caplog.text


# -- addressees (Art. 50(1)) -------------------------------------------------------------------


def test_a_notification_says_whom_article_50_addresses_in_both_languages():
    event = record_event(state="BR", kind="accession", on=date(2024, 3, 5))
    english = squash(event.notification.text_en)
    assert english.endswith(
        "Addressed, in accordance with Article 50, paragraph 1, to the member States of the "
        "Council of Europe, the signatory States, the Parties, the European Union, the States "
        "invited to sign (the non-member States which participated in its elaboration) and the "
        "States invited to accede."
    )
    assert (
        "Destinataires, conformément à l’article 50, paragraphe 1 : les États membres du "
        "Conseil de l’Europe, les États signataires"
    ) in squash(event.notification.text_fr)


def test_the_addressees_are_derived_from_the_registry_on_the_day():
    """Art. 50(1): "the member States of the Council of Europe, any State signatory, any State
    Party, the European Community, any State invited to sign … and any State invited to
    accede"."""
    treaty = Treaty.objects.get(slug="cets-201")
    groups = addressees.addressees(treaty, on=date(2024, 5, 14)).value
    member_states = selectors.membership().member_states(date(2024, 5, 14))
    assert len(member_states) == 46
    assert member_states <= set(groups)
    assert groups["RU"] == {AddresseeGroup.PARTIES}  # a Party that left the Council of Europe
    assert groups["TN"] == {AddresseeGroup.PARTIES}
    assert groups["EU"] == {AddresseeGroup.EUROPEAN_UNION}
    for code in ("CA", "JP", "MX", "US", "VA"):
        assert groups[code] == {AddresseeGroup.INVITED_TO_SIGN}
    assert "BR" not in groups
    assert len(groups) == 46 + 2 + 1 + 5
    # On 1 May 2012 Belgium had signed only.
    early = addressees.addressees(treaty, on=date(2012, 5, 1)).value
    assert early["BE"] == {AddresseeGroup.COE_MEMBER_STATES, AddresseeGroup.SIGNATORIES}


def test_states_invited_to_accede_come_from_the_registered_sources(monkeypatch):
    treaty = Treaty.objects.get(slug="cets-201")
    monkeypatch.setattr(addressees, "_invitation_sources", [])
    addressees.register_invitation_source(lambda _treaty, _on: frozenset({"BR"}))
    groups = addressees.addressees(treaty, on=date(2024, 5, 14)).value
    assert groups["BR"] == {AddresseeGroup.INVITED_TO_ACCEDE}


def test_the_accession_case_files_are_a_registered_source_of_invitations():
    from lanzarote.accession.selectors import states_invited_to_accede

    assert states_invited_to_accede in addressees._invitation_sources
