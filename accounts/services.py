import logging

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction

from cities.models import Membership
from exchanges.models import ActionPlanVersion, VisitRegistration
from exchanges.services import registrations_anonymise
from follows.models import Digest, DigestSettings
from follows.services import follow_list
from toolkit.models import ReviewNote
from values_portal.users.models import User
from values_portal.users.roles import is_coordinator

logger = logging.getLogger(__name__)


def _iso(value) -> str | None:
    return value.isoformat() if value else None


def user_export_data(*, user: User) -> dict:
    """Everything the portal stores about ``user``, as plain JSON-ready data.

    Secrets are left out on purpose: the password hash and the two-factor keys
    are listed only as "set" or "not set".
    """
    return {
        "account": {
            "email": user.email,
            "name": user.name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "is_active": user.is_active,
            "is_coordinator": is_coordinator(user),
            "has_password": user.has_usable_password(),
            "groups": sorted(user.groups.values_list("name", flat=True)),
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "two_factor": [
            {
                "type": authenticator.type,
                "created_at": _iso(authenticator.created_at),
                "last_used_at": _iso(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("created_at")
        ],
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "organisation_slug": membership.organisation.slug,
                "role": membership.role,
                "since": _iso(membership.created_at),
            }
            for membership in Membership.objects.filter(user=user).select_related("organisation")
        ],
        "uploads": [
            {
                "kind": "action_plan_version",
                "action_plan": version.plan.title,
                "version": version.version_label,
                "original_filename": version.original_filename,
                "size": version.size,
                "checksum_sha256": version.checksum,
                "uploaded_at": _iso(version.uploaded_at),
            }
            for version in ActionPlanVersion.objects.filter(uploaded_by=user)
            .select_related("plan")
            .order_by("uploaded_at")
        ],
        "review_notes": [
            {
                "practice": note.practice.title,
                "decision": note.decision,
                "comment": note.comment,
                "created_at": _iso(note.created_at),
            }
            for note in ReviewNote.objects.filter(author=user)
            .select_related("practice")
            .order_by("created_at")
        ],
        "follows": [
            {"kind": kind, "name": str(target), "slug": target.slug, "as_a_member": by_default}
            for kind, target, by_default in follow_list(user)
        ],
        "digest": [
            {"frequency": row.frequency, "language": row.language}
            for row in DigestSettings.objects.filter(user=user)
        ],
        "digests_sent": [
            {
                "period_start": _iso(digest.period_start),
                "status": digest.status,
                "items": digest.event_count,
            }
            for digest in Digest.objects.filter(user=user).order_by("period_start")
        ],
        "study_visit_registrations": [_registration(r) for r in _registrations(user)],
    }


def _registrations(user: User):
    return (
        VisitRegistration.objects.filter(user=user)
        .select_related("visit", "organisation", "take_home__action")
        .prefetch_related("take_home__practices")
        .order_by("queued_at")
    )


def _registration(registration: VisitRegistration) -> dict:
    take_home = getattr(registration, "take_home", None)
    return {
        "study_visit": registration.visit.title,
        "name": registration.name,
        "organisation": registration.organisation.name,
        "role": registration.role,
        "accessibility_or_dietary_needs": registration.needs,
        "consent": registration.consent,
        "status": registration.status,
        "registered_at": _iso(registration.queued_at),
        "attended": registration.attended,
        "certificate_code": registration.certificate_code,
        "reminder_sent_at": _iso(registration.reminder_sent_at),
        "take_home": take_home
        and {
            "practices": [practice.title for practice in take_home.practices.all()],
            "other_practices": take_home.other_practices,
            "proposed_action": take_home.action.title if take_home.action else None,
        },
    }


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Delete ``user`` and their personal data; their organisation's content stays.

    Memberships, email addresses and authenticators go with the account; study visit
    registrations stay without name or needs, so that attendance counts stay. Files
    they uploaded and review notes they wrote remain, no longer linked to a person
    (``SET_NULL``): they belong to the organisation and to the practice.
    """
    user_id = user.pk
    registrations_anonymise(user=user)
    user.delete()
    logger.info("User %s deleted their account", user_id)
