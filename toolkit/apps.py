from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = _("Toolkit")

    def ready(self) -> None:
        from core import cache

        # Cached pages and fragments show this app's rows: a change replaces them.
        cache.watch(self)
