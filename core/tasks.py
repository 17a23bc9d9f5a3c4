"""Retrying a task with backoff, for every app's tasks.

Django's Tasks framework has no retries of its own. A task whose mail server
did not answer enqueues itself again, ``retry_delay(attempt)`` later, up to
``MAIL_MAX_ATTEMPTS`` times; after the last failure the task logs an error and
raises, so the queue records it as failed (the worker's results, in the admin)
instead of losing the message silently. A backend that cannot defer (the
immediate one of development and tests) records the failure at once.
"""

import datetime as dt

from django.conf import settings
from django.tasks import Task
from django.utils import timezone


def retry_delay(attempt: int) -> dt.timedelta:
    """1, 4, 16, 64 minutes…: a mail server that is down for an hour is waited for."""
    return dt.timedelta(seconds=settings.MAIL_RETRY_SECONDS * 4 ** (attempt - 1))


def retry_later(the_task: Task, *, attempt: int, kwargs: dict) -> bool:
    """Enqueue ``the_task`` again after a backoff; False when this was the last attempt."""
    if attempt >= settings.MAIL_MAX_ATTEMPTS or not the_task.get_backend().supports_defer:
        return False
    the_task.using(run_after=timezone.now() + retry_delay(attempt)).enqueue(
        **kwargs, attempt=attempt + 1
    )
    return True
