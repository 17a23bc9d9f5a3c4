from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from cities.models import Organisation
from values_portal.users.middleware import IDLE_LIMITED


@receiver(user_logged_in, dispatch_uid="accounts.limit_idle_sessions_of_editors")
def limit_idle_sessions_of_editors(sender, request, user, **kwargs) -> None:
    """Editors change their organisation's public pages: their sessions end when idle too.

    Decided once at sign-in (one query), so no request pays for it afterwards.
    """
    if request is not None and Organisation.objects.editable_by(user).exists():
        request.session[IDLE_LIMITED] = True
