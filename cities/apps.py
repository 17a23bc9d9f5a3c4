from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CitiesConfig(AppConfig):
    name = "cities"
    verbose_name = _("Partners and projects")

    def ready(self) -> None:
        from core import cache

        # Cached pages and fragments show this app's rows: a change replaces them.
        cache.watch(self)
