from django.core.management.base import BaseCommand
from django.utils import timezone

from exchanges.services import visit_needs_erase, visit_reminders_send, visit_take_home_ask


class Command(BaseCommand):
    help = (
        "Run once a day: remind registrants of visits starting soon, ask attendees of ended "
        "visits what they take home, erase needs kept past their time. Each mail goes once."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        reminded = visit_reminders_send(today=today)
        asked = visit_take_home_ask(today=today)
        erased = visit_needs_erase(today=today)
        self.stdout.write(
            f"Reminders sent: {reminded}. Take-home questions sent: {asked}. "
            f"Needs erased: {erased}."
        )
