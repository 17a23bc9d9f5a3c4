import secrets

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from values_portal.users.roles import COORDINATORS_GROUP

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
        if not settings.DEBUG:
            raise CommandError("refusing: DEBUG is off")
        try:
            group = Group.objects.get(name=COORDINATORS_GROUP)
        except Group.DoesNotExist:
            raise CommandError(
                f"The {COORDINATORS_GROUP!r} group does not exist yet; "
                "run `manage.py migrate` first."
            ) from None

        password = secrets.token_urlsafe(18)
        with transaction.atomic():
            user, created = get_user_model().objects.get_or_create(
                email=EMAIL, defaults={"name": "Demo coordinator"}
            )
            user.is_active = True
            user.is_staff = True
            user.is_superuser = False
            user.set_password(password)
            user.save()
            user.groups.add(group)
            # The demo address cannot receive mail: mark it verified so the login works at once.
            EmailAddress.objects.update_or_create(
                user=user, email=EMAIL, defaults={"verified": True, "primary": True}
            )

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
