from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = _("Toolkit")

    def ready(self) -> None:
        from django.db.models.signals import post_save, pre_save

        from core import cache
        from toolkit import search

        # Cached pages and fragments show this app's rows: a change replaces them.
        cache.watch(self)
        # And a cached search the words of the practices it matches (toolkit/search.py).
        practice = self.get_model("Practice")
        pre_save.connect(search.words_before_save, sender=practice, dispatch_uid="toolkit.words")
        post_save.connect(search.words_after_save, sender=practice, dispatch_uid="toolkit.words")
