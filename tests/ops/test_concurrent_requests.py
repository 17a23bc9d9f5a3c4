"""Requests that arrive together each keep the signed-in person's session.

A coordinator's browser asks for several things at once: the admin's autocomplete
fields fetch their choices while the page loads, or while Save is pressed. Each of
those requests writes the session (values_portal.users.middleware). None may fail,
and none may find the person signed out.
"""

import threading
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.conf import settings
from django.test import Client

from tests.factories import TOTPAuthenticatorFactory, UserFactory

# Real commits, seen by the server's threads; the flush afterwards restores what migrations
# made, as the other tests that commit expect (tests/ops/test_double_post.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_coordinators_requests_at_the_same_time_all_stay_signed_in(live_server):
    coordinator = UserFactory(email="coordinator@example.org", is_staff=True, is_superuser=True)
    TOTPAuthenticatorFactory(user=coordinator)
    client = Client()
    client.force_login(coordinator)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    admin = f"{live_server.url}/{settings.ADMIN_URL}"
    addresses = [
        f"{admin}exchanges/studyvisit/add/",
        f"{admin}autocomplete/?app_label=exchanges&model_name=studyvisit&field_name=host&term=Ri",
        f"{admin}jsi18n/",
    ]
    opener = urllib.request.build_opener(_NoRedirects)
    answers = Counter()

    def browse(first: int) -> None:
        for step in range(10):
            address = addresses[(first + step) % len(addresses)]
            request = urllib.request.Request(address, headers={"Cookie": cookie})  # noqa: S310
            try:
                with opener.open(request, timeout=60) as response:
                    answers[response.status] += 1
            except urllib.error.HTTPError as error:
                answers[f"{error.code} {error.headers.get('Location', '')}"] += 1

    threads = [threading.Thread(target=browse, args=(first,)) for first in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert answers == {200: 60}
