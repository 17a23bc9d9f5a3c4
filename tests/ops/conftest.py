from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The VALUES demo data: partners, visits, practices, plans and their files."""
    call_command("load_values_demo", stdout=StringIO())
