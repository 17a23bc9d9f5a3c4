from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowsConfig(AppConfig):
    """What a person follows, and the digest of what is new about it.

    A layer of its own between the domain apps (it reads clusters, partners,
    practices and visits, and the events core.events records) and the audience
    apps (accounts shows it); no domain app imports it.
    """

    name = "follows"
    verbose_name = _("Follows and digests")
