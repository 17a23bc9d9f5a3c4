"""Who is a coordinator: one definition for every coordinator-only view, the report,
the benchmarking and the mail."""

from django.contrib.auth import get_user_model
from django.contrib.auth.mixins import UserPassesTestMixin

# Created with its permissions by users/migrations/0002_coordinator_group.py.
COORDINATORS_GROUP = "Coordinators"


def is_coordinator(user) -> bool:
    """An active superuser, or an active staff member of the Coordinators group."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name=COORDINATORS_GROUP).exists()


class CoordinatorRequiredMixin(UserPassesTestMixin):
    """Coordinators only; others signed in get a 403, visitors the sign-in page."""

    # values_portal.users.middleware: coordinators set up two-factor before using these.
    staff_two_factor_required = True

    def test_func(self) -> bool:
        return is_coordinator(self.request.user)


def coordinator_emails() -> list[str]:
    return list(
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name=COORDINATORS_GROUP)
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
