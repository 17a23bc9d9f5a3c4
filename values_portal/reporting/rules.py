"""Who may read the funder's report: coordinators and superusers."""

from values_portal.workspace.services import COORDINATORS_GROUP


def is_coordinator(user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.is_staff and user.groups.filter(name=COORDINATORS_GROUP).exists()
