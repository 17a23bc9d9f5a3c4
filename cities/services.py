import logging

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.signing import BadSignature, TimestampSigner
from django.db import transaction
from django.utils import timezone

from cities.models import Invitation, Membership, MembershipRole, MembershipStatus, Organisation
from core.mail import mail_send
from values_portal.users.roles import coordinator_emails

logger = logging.getLogger(__name__)

INVITATION_SALT = "cities.invitation"


class LastEditorError(Exception):
    """An organisation's last editor cannot leave it without an editor."""


def editor_emails(organisation: Organisation | None) -> list[str]:
    if organisation is None:
        return []
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role=MembershipRole.EDITOR,
            memberships__status=MembershipStatus.CONFIRMED,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )


def membership_request(*, user, organisation: Organisation, organisation_url: str) -> Membership:
    """``user`` asks to join ``organisation``; its editors and the coordinators are told.

    Asking again changes nothing and sends nothing: one request per person and organisation.
    """
    membership, created = Membership.objects.get_or_create(
        user=user,
        organisation=organisation,
        defaults={"status": MembershipStatus.REQUESTED, "role": MembershipRole.MEMBER},
    )
    if created:
        mail_send(
            template="cities/email/membership_requested",
            context={"membership": membership, "organisation_url": organisation_url},
            recipients=sorted({*editor_emails(organisation), *coordinator_emails()}),
        )
        logger.info("User %s asked to join organisation %s", user.pk, organisation.pk)
    return membership


def membership_decide(*, membership: Membership, confirm: bool, by, account_url: str) -> None:
    """Confirm a request to join (the person becomes a member) or decline it (it goes)."""
    if membership.status != MembershipStatus.REQUESTED:
        return
    if confirm:
        membership.status = MembershipStatus.CONFIRMED
        membership.save(update_fields=["status", "updated_at"])
    else:
        membership.delete()
    mail_send(
        template="cities/email/membership_confirmed"
        if confirm
        else "cities/email/membership_declined",
        context={"membership": membership, "account_url": account_url},
        recipients=[membership.user.email] if membership.user.email else [],
    )
    logger.info(
        "Membership request %s %s by user %s",
        membership.pk,
        "confirmed" if confirm else "declined",
        by.pk,
    )


def membership_remove(*, membership: Membership, by) -> None:
    """Remove someone from an organisation; an organisation always keeps one editor."""
    if membership.role == MembershipRole.EDITOR and membership.status == MembershipStatus.CONFIRMED:
        editors = Membership.objects.confirmed().filter(
            organisation=membership.organisation, role=MembershipRole.EDITOR
        )
        if editors.count() <= 1:
            raise LastEditorError(membership.organisation.name)
    membership.delete()
    logger.info("Membership %s removed by user %s", membership.pk, by.pk)


class InvitationInvalid(Exception):
    """The link is not a valid invitation, has expired, or was already used."""


class InvitationForAnotherAddress(Exception):
    """The signed-in person has not verified the address the invitation was sent to."""


def invitation_token(invitation: Invitation) -> str:
    return TimestampSigner(salt=INVITATION_SALT).sign(str(invitation.pk))


def invitation_send(
    *, email: str, organisation: Organisation, role: str, by, accept_url
) -> Invitation:
    """Invite ``email`` to ``organisation`` as ``role``; ``accept_url(token)`` is the link."""
    invitation = Invitation.objects.create(
        email=email.strip(), organisation=organisation, role=role, invited_by=by
    )
    mail_send(
        template="cities/email/invitation",
        context={
            "invitation": invitation,
            "accept_url": accept_url(invitation_token(invitation)),
            "days": settings.INVITATION_DAYS,
        },
        recipients=[invitation.email],
    )
    logger.info(
        "Invitation %s to organisation %s sent by user %s", invitation.pk, organisation.pk, by.pk
    )
    return invitation


def invitation_from_token(token: str) -> Invitation:
    try:
        pk = TimestampSigner(salt=INVITATION_SALT).unsign(
            token, max_age=settings.INVITATION_DAYS * 24 * 3600
        )
        invitation = Invitation.objects.select_related("organisation").get(
            pk=int(pk), accepted_at__isnull=True
        )
    except (BadSignature, ValueError, Invitation.DoesNotExist):
        raise InvitationInvalid(token) from None
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """Make ``user`` a confirmed member with the invited role, if the address is theirs."""
    if not EmailAddress.objects.filter(
        user=user, email__iexact=invitation.email, verified=True
    ).exists():
        raise InvitationForAnotherAddress(invitation.email)
    membership, _created = Membership.objects.update_or_create(
        user=user,
        organisation=invitation.organisation,
        defaults={"role": invitation.role, "status": MembershipStatus.CONFIRMED},
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    logger.info("Invitation %s accepted by user %s", invitation.pk, user.pk)
    return membership
