from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def accessibility_contact_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    """Reports of accessibility problems need somewhere to go (ACCESSIBILITY_CONTACT_EMAIL)."""
    if settings.ACCESSIBILITY_CONTACT_EMAIL:
        return []
    return [
        checks.Warning(
            "ACCESSIBILITY_CONTACT_EMAIL is not set: reports sent from the accessibility "
            "statement's form reach nobody (they are only logged).",
            hint="Set it to the address of the people who answer them.",
            id="network.W001",
        )
    ]
