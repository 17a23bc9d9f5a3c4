import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from cities.models import MembershipRole
from tests.factories import MembershipFactory, PracticeFactory
from toolkit.services import CONTACTS_PER_HOUR

MESSAGE = {
    "name": "Ada Volunteer",
    "email": "ada@example.net",
    "message": "I speak Arabic and could help on Saturdays.",
}


def contact(practice) -> str:
    return reverse("toolkit:contact", kwargs={"slug": practice.slug})


@pytest.fixture
def turin_editors(turin, turin_editor):
    MembershipFactory(
        user__email="second@turin.example.org", organisation=turin, role=MembershipRole.EDITOR
    )
    # A member who is not an editor gets nothing.
    MembershipFactory(user__email="member@turin.example.org", organisation=turin)


def sent_mail(mailoutbox) -> dict[str, object]:
    return {message.to[0]: message for message in mailoutbox}


def test_practice_page_offers_the_form_and_shows_no_address(client, buddies, turin_editors):
    buddies.contact = "Write to buddies@turin.example.org"
    buddies.save()

    html = client.get(buddies.get_absolute_url()).text

    assert f'action="{contact(buddies)}#contact"' in html
    assert 'name="message"' in html
    assert "turin.example.org" not in html
    # No CSRF token: the page is the same for every visitor and stays shareable.
    assert "csrfmiddlewaretoken" not in html
    assert '<div class="honeypot" hidden>' in html


def test_message_goes_to_the_editors_and_no_copy_to_a_typed_address(
    client, buddies, turin_editors, mailoutbox
):
    """Anyone may type any address: the portal must not mail a stranger a "copy"."""
    response = client.post(contact(buddies), MESSAGE, follow=True)

    assert response.redirect_chain == [(buddies.get_absolute_url(), 302)]
    said = response.text
    assert (
        "Your message has been sent to the people behind this practice, at City of Turin. "
        "They will answer you at ada@example.net." in said
    )
    assert "No copy was emailed to you" in said
    mail = sent_mail(mailoutbox)
    assert set(mail) == {"editor@turin.example.org", "second@turin.example.org"}
    to_editor = mail["editor@turin.example.org"]
    assert to_editor.subject == "A message about your practice “Buddies for newcomers”"
    assert to_editor.reply_to == ["ada@example.net"]
    assert "I speak Arabic and could help on Saturdays." in to_editor.body
    assert "second@turin.example.org" not in to_editor.body


def test_a_signed_in_sender_gets_a_copy_at_their_confirmed_address(
    client, buddies, turin_editors, signed_up, mailoutbox
):
    EmailAddress.objects.create(user=signed_up, email="Ada@Example.net", verified=True)
    client.force_login(signed_up)

    response = client.post(contact(buddies), MESSAGE, follow=True)

    assert "A copy of your message is on its way to that address." in response.text
    mail = sent_mail(mailoutbox)
    assert set(mail) == {"editor@turin.example.org", "second@turin.example.org", "ada@example.net"}
    copy = mail["ada@example.net"]
    assert copy.subject == "Your message about “Buddies for newcomers”"
    assert "I speak Arabic" in copy.body
    assert "turin.example.org" not in copy.body


@pytest.mark.parametrize("verified", [False, None], ids=["unconfirmed", "not-theirs"])
def test_a_signed_in_sender_gets_no_copy_at_an_address_not_confirmed_as_theirs(
    client, buddies, turin_editors, signed_up, mailoutbox, verified
):
    if verified is not None:
        EmailAddress.objects.create(user=signed_up, email="ada@example.net", verified=verified)
    client.force_login(signed_up)

    response = client.post(contact(buddies), MESSAGE, follow=True)

    assert "No copy was emailed to you" in response.text
    assert set(sent_mail(mailoutbox)) == {"editor@turin.example.org", "second@turin.example.org"}


def test_an_organisation_without_editors_gets_its_messages_through_the_coordinators(
    client, buddies, coordinator, mailoutbox
):
    client.post(contact(buddies), MESSAGE)

    mail = sent_mail(mailoutbox)
    assert set(mail) == {coordinator.email}
    assert "please pass it on" in mail[coordinator.email].body


def test_form_errors_re_render_the_practice_page(client, buddies, turin_editors, mailoutbox):
    response = client.post(contact(buddies), {**MESSAGE, "email": "not an address", "message": ""})

    assert response.status_code == 200
    html = response.text
    assert "<title>Error: Buddies for newcomers · " in html
    assert 'class="error-summary"' in html
    assert "Enter a valid email address." in html
    assert 'value="Ada Volunteer"' in html
    assert mailoutbox == []


def test_a_bot_filling_the_hidden_field_sends_nothing(client, buddies, turin_editors, mailoutbox):
    response = client.post(contact(buddies), {**MESSAGE, "homepage": "http://spam.example"})

    assert response.status_code == 302
    assert mailoutbox == []


def test_too_many_messages_in_an_hour_are_refused_with_a_clear_message(
    client, buddies, turin_editors, mailoutbox
):
    other = PracticeFactory(organisation=buddies.organisation)
    for _ in range(CONTACTS_PER_HOUR):
        assert client.post(contact(other), MESSAGE).status_code == 302
    sent = len(mailoutbox)

    response = client.post(contact(buddies), MESSAGE)

    assert response.status_code == 429
    assert "You have sent several messages in a short time." in response.text
    assert len(mailoutbox) == sent
    # Another address from the same place is refused too: the limit is per place and per address.
    response = client.post(contact(buddies), {**MESSAGE, "email": "bea@example.net"})
    assert response.status_code == 429


def test_unpublished_practice_or_one_without_organisation_takes_no_message(client, db, mailoutbox):
    draft = PracticeFactory(status="draft", published_at=None)
    orphan = PracticeFactory(organisation=None)

    assert client.post(contact(draft), MESSAGE).status_code == 404
    assert client.post(contact(orphan), MESSAGE).status_code == 404
    assert mailoutbox == []


def test_contact_address_opened_directly_goes_to_the_practice(client, buddies):
    response = client.get(contact(buddies))

    assert response.status_code == 302
    assert response["Location"] == buddies.get_absolute_url() + "#contact"


def test_practice_page_says_what_a_volunteer_can_do(client, buddies):
    html = client.get(buddies.get_absolute_url()).text

    assert "What you can do" in html
    assert "How to get involved" in html
    assert f'href="{buddies.organisation.get_absolute_url()}"' in html


def test_a_message_posted_from_another_site_is_refused(client, buddies, turin_editors, mailoutbox):
    response = client.post(contact(buddies), MESSAGE, headers={"Origin": "https://evil.example"})

    assert response.status_code == 403
    assert mailoutbox == []


def test_a_message_posted_from_the_portal_s_own_page_is_sent(
    client, buddies, turin_editors, mailoutbox
):
    response = client.post(contact(buddies), MESSAGE, headers={"Origin": "http://testserver"})

    assert response.status_code == 302
    assert len(mailoutbox) == 2


@pytest.mark.shared_cache
def test_the_form_holds_nobody_s_address_for_signed_in_people(client, buddies, member):
    """Signed-in people of the same audience share the practice page from the cache."""
    member.name = "Mira Member"
    member.save()
    client.force_login(member)
    first = client.get(buddies.get_absolute_url()).text
    other = MembershipFactory(user__email="other.member@example.org").user
    client.force_login(other)

    second = client.get(buddies.get_absolute_url()).text

    assert f'value="{member.email}"' not in first
    assert member.email not in second
    assert "Mira Member" not in second
