import time

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)


def current_code(secret: str, *, seconds_left: int = 3) -> str:
    """The authenticator app's code, taken with ``seconds_left`` of its period still to run.

    The portal accepts the current period's code only: a code taken in the period's last
    moments is refused once the form arrives, as it would be from a person.
    """
    period = mfa_settings.TOTP_PERIOD
    while period - time.time() % period < seconds_left:
        time.sleep(0.2)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
