import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cities.models import Cluster, Membership, Participation, WorkingGroup
from exchanges.models import (
    ActionPlan,
    ActionPlanVersion,
    StaffExchange,
    StudyVisit,
    VisitDocument,
    VisitParticipation,
)
from tests.admin.cases import admin_url
from tests.factories import (
    ActionPlanFactory,
    ActionPlanVersionFactory,
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    ParticipationFactory,
    PracticeFactory,
    ResourceFactory,
    StaffExchangeFactory,
    StudyVisitFactory,
    TargetGroupFactory,
    VisitDocumentFactory,
    VisitParticipationFactory,
    WorkingGroupFactory,
)
from toolkit.models import Practice, Resource

pytestmark = pytest.mark.django_db


def practice(cluster, target_group):
    return PracticeFactory(
        organisation=OrganisationFactory(), clusters=[cluster], target_groups=[target_group]
    )


FACTORIES = {
    Practice: practice,
    StudyVisit: lambda cluster, _: StudyVisitFactory(cluster=cluster),
    StaffExchange: lambda cluster, _: StaffExchangeFactory(cluster=cluster),
    ActionPlan: lambda cluster, _: ActionPlanFactory(),
    ActionPlanVersion: lambda cluster, _: ActionPlanVersionFactory(),
    VisitParticipation: lambda cluster, _: VisitParticipationFactory(),
    VisitDocument: lambda cluster, _: VisitDocumentFactory(),
    Participation: lambda cluster, _: ParticipationFactory(),
    Membership: lambda cluster, _: MembershipFactory(),
    WorkingGroup: lambda cluster, _: WorkingGroupFactory(lead=OrganisationFactory()),
    Cluster: lambda cluster, _: ClusterFactory(),
    Resource: lambda cluster, _: ResourceFactory(),
}


def changelist_queries(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", FACTORIES, ids=lambda m: m._meta.label_lower)
def test_changelist_queries_do_not_grow_with_rows(client, coordinator, model):
    cluster, target_group = ClusterFactory(), TargetGroupFactory()
    make = FACTORIES[model]
    client.force_login(coordinator)

    make(cluster, target_group)
    first_count = model.objects.count()
    with_one = changelist_queries(client, model)
    for _ in range(19):
        make(cluster, target_group)
    with_twenty = changelist_queries(client, model)

    assert model.objects.count() == first_count + 19
    assert with_twenty == with_one
