"""One existing object per registered model, and the text its changelist row shows."""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model
from django.urls import reverse

from cities import models as cities
from exchanges import models as exchanges
from tests import factories
from toolkit import models as toolkit
from values_portal.users.models import User


@dataclass(frozen=True)
class Case:
    model: type[Model]
    make: Callable[[], Model]
    shown: str  # text the changelist and the change page show for the object

    def __str__(self) -> str:
        return self.model._meta.label_lower


CASES = [
    Case(
        cities.Organisation,
        lambda: factories.OrganisationFactory(name="Ghent Volunteering Desk", slug="ghent"),
        "Ghent Volunteering Desk",
    ),
    Case(
        cities.Project,
        lambda: factories.ProjectFactory(acronym="VALUES", slug="values"),
        "VALUES",
    ),
    Case(
        cities.Participation,
        lambda: factories.ParticipationFactory(organisation__name="Riga City Council"),
        "Riga City Council",
    ),
    Case(
        cities.Cluster,
        lambda: factories.ClusterFactory(short_name="Youth and schools"),
        "Youth and schools",
    ),
    Case(
        cities.WorkingGroup,
        lambda: factories.WorkingGroupFactory(name="Welcoming newcomers"),
        "Welcoming newcomers",
    ),
    Case(
        cities.Membership,
        lambda: factories.MembershipFactory(organisation__name="Athens Volunteers"),
        "Athens Volunteers",
    ),
    Case(
        exchanges.StudyVisit,
        lambda: factories.StudyVisitFactory(title="Visit to Rotterdam"),
        "Visit to Rotterdam",
    ),
    Case(
        exchanges.VisitParticipation,
        lambda: factories.VisitParticipationFactory(organisation__name="Brno Volunteer Centre"),
        "Brno Volunteer Centre",
    ),
    Case(
        exchanges.VisitRegistration,
        lambda: factories.VisitRegistrationFactory(name="Marta Registrant"),
        "Marta Registrant",
    ),
    Case(
        exchanges.VisitTakeHome,
        lambda: factories.VisitTakeHomeFactory(registration__name="Tomas Attendee"),
        "Tomas Attendee",
    ),
    Case(
        exchanges.VisitDocument,
        lambda: factories.VisitDocumentFactory(title="Programme of the visit"),
        "Programme of the visit",
    ),
    Case(
        exchanges.StaffExchange,
        lambda: factories.StaffExchangeFactory(title="Turin staff in Bristol"),
        "Turin staff in Bristol",
    ),
    Case(
        exchanges.ActionPlan,
        lambda: factories.ActionPlanFactory(title="Local plan of Turin"),
        "Local plan of Turin",
    ),
    Case(
        exchanges.ActionPlanVersion,
        lambda: factories.ActionPlanVersionFactory(plan__title="Local plan of Gdańsk"),
        "Local plan of Gdańsk",
    ),
    Case(
        exchanges.PlanAction,
        lambda: factories.PlanActionFactory(title="Open a volunteering desk"),
        "Open a volunteering desk",
    ),
    Case(
        toolkit.BenchmarkCriterion,
        lambda: factories.BenchmarkCriterionFactory(name="Evidence of results"),
        "Evidence of results",
    ),
    Case(
        toolkit.PeerReviewer,
        lambda: factories.PeerReviewerFactory(user__name="Rita Reviewer"),
        "Rita Reviewer",
    ),
    Case(
        toolkit.Assessment,
        lambda: factories.AssessmentFactory(practice__title="Buddies in Brno"),
        "Buddies in Brno",
    ),
    Case(
        toolkit.Score,
        lambda: factories.ScoreFactory(criterion__name="Cost of running"),
        "Cost of running",
    ),
    Case(
        exchanges.Transfer,
        lambda: factories.TransferFactory(organisation__name="Ghent Welcome Office"),
        "Ghent Welcome Office",
    ),
    Case(
        toolkit.TargetGroup,
        lambda: factories.TargetGroupFactory(name="Young refugees", slug="young-refugees"),
        "Young refugees",
    ),
    Case(
        toolkit.Practice,
        lambda: factories.PracticeFactory(title="Buddy scheme for newcomers"),
        "Buddy scheme for newcomers",
    ),
    Case(
        toolkit.Resource,
        lambda: factories.ResourceFactory(title="Handbook for mentors"),
        "Handbook for mentors",
    ),
    Case(
        cities.Invitation,
        lambda: factories.InvitationFactory(email="new.colleague@example.org"),
        "new.colleague@example.org",
    ),
    Case(
        toolkit.ProjectBenchmarking,
        lambda: factories.ProjectFactory(acronym="WELCOME", slug="welcome"),
        "WELCOME",
    ),
    Case(
        toolkit.ReviewNote,
        lambda: factories.ReviewNoteFactory(practice__title="Welcome walks in Riga"),
        "Welcome walks in Riga",
    ),
    Case(
        User,
        lambda: factories.UserFactory(email="volunteer@example.org", name="Ana Volunteer"),
        "volunteer@example.org",
    ),
]


def admin_url(model: type[Model], view: str, *args: object) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)
