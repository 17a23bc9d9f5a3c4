"""The demo's people: accounts to try the portal as each role, in development only.

``demo_coordinator`` and ``demo_people`` share them. The addresses cannot receive mail
(.example): they are marked verified so that signing in works at once.
"""

import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import CommandError

from values_portal.users.roles import COORDINATORS_GROUP


def demo_coordinators_group() -> Group:
    """The Coordinators group; refuses unless this is development with a migrated database."""
    if not settings.DEBUG:
        raise CommandError("refusing: DEBUG is off")
    try:
        return Group.objects.get(name=COORDINATORS_GROUP)
    except Group.DoesNotExist:
        raise CommandError(
            f"The {COORDINATORS_GROUP!r} group does not exist yet; run `manage.py migrate` first."
        ) from None


def demo_person(*, email: str, name: str, staff: bool) -> tuple[object, str, bool]:
    """The account of ``email``, active, with a new random password: (user, password, created)."""
    password = secrets.token_urlsafe(18)
    user, created = get_user_model().objects.get_or_create(email=email, defaults={"name": name})
    user.is_active = True
    user.is_staff = staff
    user.is_superuser = False
    user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user, password, created
