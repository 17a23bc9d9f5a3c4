from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """The public pages that gather rows of every domain app: home, partners, clusters."""

    name = "network"
    verbose_name = _("The network")

    def ready(self) -> None:
        from network import checks  # noqa: F401 - registers the deploy check
