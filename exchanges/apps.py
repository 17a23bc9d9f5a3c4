from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    name = "exchanges"
    verbose_name = _("Study visits, exchanges and action plans")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from core import cache
        from exchanges import transfers

        # Cached pages and fragments show this app's rows: a change replaces them.
        cache.watch(self)
        # And a partner's page the practices it took up (its trail).
        post_save.connect(
            transfers.practice_saved,
            sender="toolkit.Practice",
            dispatch_uid="exchanges.practice_saved",
        )
