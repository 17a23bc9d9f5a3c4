"""Who is a coordinator: one definition for the report, the benchmarking and the mail."""

# Created with its permissions by users/migrations/0002_coordinator_group.py.
COORDINATORS_GROUP = "Coordinators"


def is_coordinator(user) -> bool:
    """An active superuser, or an active staff member of the Coordinators group."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name=COORDINATORS_GROUP).exists()
