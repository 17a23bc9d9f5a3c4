from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares; it imports no app of the portal."""

    name = "core"
    verbose_name = _("Shared")

    def ready(self) -> None:
        from django.db.models.signals import pre_save

        from core.database import watch_connections
        from core.stored_text import clean_before_save

        # Searches are planned for their own words (core/database.py).
        watch_connections()

        # No row of the portal keeps a character its pages may not show (core/stored_text.py).
        pre_save.connect(clean_before_save, dispatch_uid="core.stored_text")
