import pytest
from django.conf import settings
from django.core.management import get_commands
from django.urls import NoReverseMatch, reverse


def test_the_portal_itself_has_no_benchmark_command_nor_page():
    assert "bench" not in settings.INSTALLED_APPS
    assert "seed_scale" not in get_commands()
    with pytest.raises(NoReverseMatch):
        reverse("bench:reference")
