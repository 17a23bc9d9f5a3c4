import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from cities.models import Membership, MembershipRole, MembershipStatus, Organisation
from values_portal.users.roles import COORDINATORS_GROUP

# One person per role, to try the portal as each of them. The addresses cannot
# receive mail (.example): they are marked verified so that signing in works at once.
MEMBER = "member@values.example"
EDITOR = "editor@values.example"
COORDINATOR = "coordinator@values.example"
# The demo's host city (demo/data.py); any organisation if the demo is not loaded.
ORGANISATION_SLUG = "turin"


class Command(BaseCommand):
    help = (
        "Development only: create or update a demo member, editor and coordinator, each "
        "with a new random password, and print how to sign in as each."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the development server runs (default: %(default)s).",
        )

    def handle(self, *args, base_url: str, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("refusing: DEBUG is off")
        try:
            group = Group.objects.get(name=COORDINATORS_GROUP)
        except Group.DoesNotExist:
            raise CommandError(
                f"The {COORDINATORS_GROUP!r} group does not exist yet; "
                "run `manage.py migrate` first."
            ) from None
        organisation = (
            Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
            or Organisation.objects.order_by("pk").first()
        )
        if organisation is None:
            raise CommandError("There is no organisation yet; run `make demo` first.")

        base = base_url.rstrip("/")
        people = []
        with transaction.atomic():
            for email, name, role in (
                (MEMBER, "Demo member", MembershipRole.MEMBER),
                (EDITOR, "Demo editor", MembershipRole.EDITOR),
            ):
                user, password = self._person(email, name, staff=False)
                Membership.objects.update_or_create(
                    user=user,
                    organisation=organisation,
                    defaults={"role": role, "status": MembershipStatus.CONFIRMED},
                )
                people.append((name, email, password))
            user, password = self._person(COORDINATOR, "Demo coordinator", staff=True)
            user.groups.add(group)
            people.append(("Demo coordinator", COORDINATOR, password))

        with translation.override("en"):
            login, workspace, coordination = (
                base + reverse(name)
                for name in ("account_login", "workspace:dashboard", "workspace:coordination")
            )
        self.stdout.write(self.style.SUCCESS(f"Sign in at {login} as:"))
        roles = {
            MEMBER: f"member of {organisation.name}: downloads members-only plans and files",
            EDITOR: f"editor of {organisation.name}: {workspace}",
            COORDINATOR: f"coordinator: {coordination} and {base}/{settings.ADMIN_URL}",
        }
        for name, email, password in people:
            self.stdout.write(f"  {name} ({roles[email]})")
            self.stdout.write(f"    Email:    {email}")
            self.stdout.write(f"    Password: {password}")
        self.stdout.write(
            "  Coordinators set up an authenticator app (two-factor) at their first sign-in."
        )

    def _person(self, email: str, name: str, *, staff: bool):
        password = secrets.token_urlsafe(18)
        user, _created = get_user_model().objects.get_or_create(
            email=email, defaults={"name": name}
        )
        user.is_active = True
        user.is_staff = staff
        user.is_superuser = False
        user.set_password(password)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user, password
