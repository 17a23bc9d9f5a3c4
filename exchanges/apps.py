from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = _("Study visits, exchanges and action plans")

    def ready(self) -> None:
        from core import cache

        # Cached pages and fragments show this app's rows: a change replaces them.
        cache.watch(self)
