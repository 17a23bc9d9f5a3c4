import logging

from django.contrib.auth import get_user_model

from cities.models import Membership, MembershipRole, MembershipStatus, Organisation
from core.mail import mail_send
from values_portal.users.roles import coordinator_emails

logger = logging.getLogger(__name__)


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
