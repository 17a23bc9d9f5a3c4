from io import StringIO

import pytest
from django.core.management import call_command

from demo.services import DEMO_FOLLOWER
from follows.services import followed_by
from values_portal.users.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_member_follows_two_clusters_and_dry_run_prints_their_digest():
    call_command("load_values_demo", stdout=StringIO())
    call_command("load_values_demo", stdout=StringIO())  # again: nothing doubles

    follower = User.objects.get(email=DEMO_FOLLOWER)
    out = StringIO()
    call_command("send_digests", "--dry-run", "--frequency", "weekly", stdout=out)

    assert len(followed_by(follower).cluster) == 2
    assert f"To: {DEMO_FOLLOWER}" in out.getvalue()
    assert "== Young migrants ==" in out.getvalue()
    assert "Newly published practices" in out.getvalue()
    assert out.getvalue().count("To: ") == 1
