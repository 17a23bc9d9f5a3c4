"""Contract tests: schemathesis sends generated requests to every operation of the served
OpenAPI document and fails on a server error, an answer that does not match its schema,
or a status the document does not name. Against the WSGI app in the test's own
transaction: no server, nothing leaves the machine. Bounded (EXAMPLES per operation,
seven operations) and derandomised, so a run is repeatable and stays under a minute.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, settings
from schemathesis import checks

from tests.factories import (
    ActionPlanFactory,
    ActionPlanVersionFactory,
    ClusterFactory,
    PlanActionFactory,
    PracticeFactory,
    ProjectFactory,
    ResourceFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
    TransferFactory,
    VisitDocumentFactory,
    VisitParticipationFactory,
)

EXAMPLES = 30
# The WSGI test client does not decompress: ask for answers as they are.
HEADERS = {"Host": "127.0.0.1", "Accept-Encoding": "identity"}

# What the contract is: no 5xx, no undocumented status, and the documented content type,
# headers and body. Not schemathesis' "positive data accepted": a filter takes the slug
# of a record that exists (cluster=welcome), and a well-formed slug that names nothing
# is a 400 by design (tests/api/test_open_data.py), which no schema can express.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def open_data(turin, bristol):
    """One of every kind of record, so that the items' schemas are checked too."""
    project = ProjectFactory(slug="values")
    cluster = ClusterFactory(project=project, slug="welcome")
    practice = PracticeFactory(clusters=[cluster], organisation=turin)
    ResourceFactory(practice=practice, url="https://example.org/", file="")
    visit = StudyVisitFactory(project=project, host=turin, cluster=cluster)
    VisitDocumentFactory(visit=visit)
    VisitParticipationFactory(visit=visit)
    exchange = StaffExchangeFactory(project=project, sending=turin, hosting=bristol)
    plan = ActionPlanFactory(project=project, organisation=turin)
    ActionPlanVersionFactory(plan=plan)
    PlanActionFactory(
        plan=plan,
        inspired_by_visits=[visit],
        inspired_by_practices=[practice],
        inspired_by_exchanges=[exchange],
    )
    TransferFactory(practice=practice, organisation=bristol, study_visit=visit)


@pytest.fixture
def app_in_transaction(open_data, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    # The portal's own WSGI app inside the test's transaction: Django would otherwise
    # close the connection after each request, as it does between a server's requests.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# The document as the portal serves it (made from the code; no database needed).
with override_settings(ALLOWED_HOSTS=["127.0.0.1"]):
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(), headers=HEADERS)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@pytest.mark.usefixtures("app_in_transaction")
def test_every_answer_matches_the_openapi_document(case):
    case.call_and_validate(headers=HEADERS, checks=CHECKS)
