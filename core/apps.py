from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares; it imports no app of the portal."""

    name = "core"
    verbose_name = _("Shared")
