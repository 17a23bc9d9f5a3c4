from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from cities.models import Membership, MembershipRole, MembershipStatus, Organisation
from demo.people import demo_coordinators_group, demo_person

# One person per role, to try the portal as each of them (demo.people).
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
        group = demo_coordinators_group()
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
                user, password, _created = demo_person(email=email, name=name, staff=False)
                Membership.objects.update_or_create(
                    user=user,
                    organisation=organisation,
                    defaults={"role": role, "status": MembershipStatus.CONFIRMED},
                )
                people.append((name, email, password))
            user, password, _created = demo_person(
                email=COORDINATOR, name="Demo coordinator", staff=True
            )
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
