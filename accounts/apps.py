from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Your account: the page, the data export and the deletion, over every app's rows."""

    name = "accounts"
    verbose_name = _("Your account")

    def ready(self) -> None:
        from accounts import signals  # noqa: F401 - connects the receivers
