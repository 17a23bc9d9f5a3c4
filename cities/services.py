from django.contrib.auth import get_user_model

from cities.models import MembershipRole, Organisation


def editor_emails(organisation: Organisation | None) -> list[str]:
    if organisation is None:
        return []
    return list(
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__organisation=organisation,
            memberships__role=MembershipRole.EDITOR,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("email", flat=True)
        .distinct()
    )
