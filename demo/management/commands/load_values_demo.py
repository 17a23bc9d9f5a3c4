from django.core.management.base import BaseCommand

from core.cache import content_changed
from demo.services import demo_data_load


class Command(BaseCommand):
    help = (
        "Load the facts of the VALUES project and the example content of "
        "demo/data.py. Safe to run again: unchanged rows are not touched."
    )

    def handle(self, *args, **options) -> None:
        result = demo_data_load()
        # Cached pages may predate rows written without signals (bulk inserts).
        content_changed()
        self.stdout.write(self.style.SUCCESS(result.summary()))
