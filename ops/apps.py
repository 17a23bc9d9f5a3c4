from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the portal in production: health check, logs, headers, backups."""

    name = "ops"
    label = "ops"
    verbose_name = _("Operations")
