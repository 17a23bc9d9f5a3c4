"""Queue the digests of the last complete day and week: run it by cron or a systemd timer.

Idempotent: a person gets at most one digest per period (a unique row per person,
frequency and period), so running it every hour, or twice by mistake, sends once.
"""

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from follows.models import Digest, Frequency
from follows.services import (
    digest_count,
    digest_create,
    digest_groups,
    digest_recipients,
    last_complete_period,
)
from follows.tasks import deliver_digest, digest_message


class Command(BaseCommand):
    help = "Queue one digest per person for the last complete period; --dry-run prints them."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Print the digests instead of sending them."
        )
        parser.add_argument(
            "--frequency",
            choices=[Frequency.DAILY, Frequency.WEEKLY],
            action="append",
            help="Only this frequency (default: both).",
        )
        parser.add_argument(
            "--now", help="Act as if it were this moment (ISO 8601), e.g. to catch up."
        )

    def handle(self, *args, dry_run: bool, frequency: list[str] | None, now: str | None, **kw):
        if not settings.PORTAL_URL:
            # The digests' links start with it; a worker has no request to ask.
            raise CommandError("Set DJANGO_PORTAL_URL, e.g. https://values.example.eu.")
        moment = timezone.now()
        if now:
            moment = parse_datetime(now)
            if moment is None:
                raise CommandError(f"--now {now!r} is not an ISO 8601 date and time.")
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        queued = 0
        for freq in frequency or [Frequency.DAILY, Frequency.WEEKLY]:
            start, end = last_complete_period(freq, moment)
            for user in digest_recipients(freq):
                if dry_run:
                    self._print(user, freq, start, end)
                    continue
                if not digest_count(digest_groups(user=user, start=start, end=end)):
                    continue  # nothing new: nothing sent, no row
                digest = digest_create(user=user, frequency=freq, start=start, end=end)
                if digest is not None:
                    deliver_digest.enqueue(digest_id=digest.pk)
                    queued += 1
        if not dry_run:
            self.stdout.write(f"{queued} digest(s) queued.")

    def _print(self, user, freq: str, start: dt.datetime, end: dt.datetime) -> None:
        digest = Digest(user=user, frequency=freq, period_start=start, period_end=end)
        settings_row = getattr(user, "digest_settings", None)
        language = settings_row.language if settings_row else "en"
        message = digest_message(digest=digest, language=language)
        if not message["count"]:
            return
        self.stdout.write(f"To: {user.email}\nSubject: {message['subject']}\n")
        for name, value in message["headers"].items():
            self.stdout.write(f"{name}: {value}")
        self.stdout.write("\n" + message["body"] + "\n" + "-" * 72)
