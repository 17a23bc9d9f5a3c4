from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from demo.people import demo_coordinators_group, demo_person

EMAIL = "coordinator@values.example"


class Command(BaseCommand):
    help = (
        "Development only: create or update the demo coordinator account "
        f"({EMAIL}) with a new random password, and print how to log in."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="Where the development server runs (default: %(default)s).",
        )

    def handle(self, *args, base_url: str, **options) -> None:
        group = demo_coordinators_group()
        with transaction.atomic():
            user, password, created = demo_person(email=EMAIL, name="Demo coordinator", staff=True)
            user.groups.add(group)

        admin_url = f"{base_url.rstrip('/')}/{settings.ADMIN_URL}"
        self.stdout.write(
            self.style.SUCCESS("Demo coordinator " + ("created." if created else "updated."))
        )
        self.stdout.write(f"  Admin:    {admin_url}")
        self.stdout.write(f"  Email:    {EMAIL}")
        self.stdout.write(f"  Password: {password}")
        self.stdout.write(
            "  Coordinators set up an authenticator app (two-factor) before the admin opens."
        )
