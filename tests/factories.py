import datetime as dt
from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from cities import models as cities
from exchanges import models as exchanges
from follows import models as follows
from toolkit import models as toolkit

# A minimal, valid one-page PDF: enough for upload and download tests.
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.django.Password("correct horse battery staple")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cities.Organisation
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"City of Example {n}")
    slug = factory.Sequence(lambda n: f"city-of-example-{n}")
    kind = cities.OrganisationKind.CITY
    city = factory.Sequence(lambda n: f"Example {n}")
    country = "IT"
    latitude = Decimal("45.07030")
    longitude = Decimal("7.68690")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cities.Project
        django_get_or_create = ("slug",)

    name = "Volunteering Activities to Leverage Urban and European Social integration"
    acronym = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"project-{n}")
    fund = "Asylum, Migration and Integration Fund (AMIF)"
    duration_months = 27
    target_study_visits = 16
    target_staff_exchanges = 8
    target_clusters = 4
    target_cities = 15


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cities.Participation

    project = factory.SubFactory(ProjectFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = cities.ParticipationRole.PARTNER
    eu_contribution = Decimal("1000.00")


class ClusterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cities.Cluster

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Thematic cluster {n}")
    short_name = factory.Sequence(lambda n: f"Cluster {n}")
    slug = factory.Sequence(lambda n: f"cluster-{n}")
    position = factory.Sequence(lambda n: n)


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cities.WorkingGroup
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Working group {n}")
    slug = factory.Sequence(lambda n: f"working-group-{n}")
    cluster = factory.SubFactory(ClusterFactory)

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cities.Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = cities.MembershipRole.MEMBER


class StudyVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchanges.StudyVisit

    title = factory.Sequence(lambda n: f"Study visit {n}")
    slug = factory.Sequence(lambda n: f"study-visit-{n}")
    project = factory.SubFactory(ProjectFactory)
    host = factory.SubFactory(OrganisationFactory)
    start_date = dt.date(2019, 3, 12)
    end_date = dt.date(2019, 3, 14)
    status = exchanges.ActivityStatus.COMPLETED
    summary = "What the visiting cities saw and discussed."


class VisitParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchanges.VisitParticipation

    visit = factory.SubFactory(StudyVisitFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    city_staff = 2
    volunteering_staff = 1
    volunteers = 1
    migrants = 1


class VisitRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchanges.VisitRegistration

    visit = factory.SubFactory(StudyVisitFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.LazyAttribute(lambda o: o.user.name if o.user else "")
    organisation = factory.SubFactory(OrganisationFactory)
    role = exchanges.ParticipantRole.CITY_STAFF
    consent = True


class VisitDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchanges.VisitDocument

    visit = factory.SubFactory(StudyVisitFactory)
    title = "Agenda"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="agenda.pdf"))


class StaffExchangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchanges.StaffExchange

    title = factory.Sequence(lambda n: f"Staff exchange {n}")
    slug = factory.Sequence(lambda n: f"staff-exchange-{n}")
    project = factory.SubFactory(ProjectFactory)
    kind = exchanges.StaffExchangeKind.CITY_CITY
    sending = factory.SubFactory(OrganisationFactory)
    hosting = factory.SubFactory(OrganisationFactory)
    start_date = dt.date(2019, 5, 6)
    end_date = dt.date(2019, 5, 10)
    staff_count = 2
    status = exchanges.ActivityStatus.COMPLETED


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchanges.ActionPlan

    organisation = factory.SubFactory(OrganisationFactory)
    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Local action plan {n}")
    slug = factory.Sequence(lambda n: f"local-action-plan-{n}")
    summary = "What the city will do next."
    status = exchanges.PublicationStatus.PUBLISHED
    visibility = exchanges.Visibility.PUBLIC
    published_at = factory.LazyFunction(timezone.now)


class ActionPlanVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchanges.ActionPlanVersion

    plan = factory.SubFactory(ActionPlanFactory)
    version_label = factory.Sequence(lambda n: f"v{n}")
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="action-plan.pdf"))


class TargetGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = toolkit.TargetGroup
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Target group {n}")
    slug = factory.Sequence(lambda n: f"target-group-{n}")


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = toolkit.Practice
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Practice {n}")
    slug = factory.Sequence(lambda n: f"practice-{n}")
    summary = "Volunteers and newcomers meet every week."
    origin_city = "Turin"
    origin_country = "IT"
    volunteering_model = toolkit.VolunteeringModel.MENTORING
    status = toolkit.PracticeStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def clusters(self, create, extracted, **kwargs):
        if create and extracted:
            self.clusters.set(extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = toolkit.Resource

    practice = factory.SubFactory(PracticeFactory)
    title = "Guide for volunteers"
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="guide.pdf"))


# The base32 secret of every test authenticator app: tests compute its codes.
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def _totp_data() -> dict:
    from allauth.mfa.utils import encrypt

    return {"secret": encrypt(TOTP_SECRET)}


class TOTPAuthenticatorFactory(factory.django.DjangoModelFactory):
    """An authenticator app (allauth.mfa TOTP) for ``user``: coordinators need one for the admin."""

    class Meta:
        model = "mfa.Authenticator"

    user = factory.SubFactory(UserFactory)
    type = "totp"
    data = factory.LazyFunction(_totp_data)


class BenchmarkCriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = toolkit.BenchmarkCriterion

    project = factory.SubFactory(ProjectFactory)
    name = factory.Sequence(lambda n: f"Criterion {n}")
    slug = factory.Sequence(lambda n: f"criterion-{n}")
    position = factory.Sequence(lambda n: n)


class PeerReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = toolkit.PeerReviewer

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = toolkit.Assessment

    practice = factory.SubFactory(PracticeFactory)
    project = factory.SubFactory(ProjectFactory)
    kind = toolkit.AssessmentKind.PEER
    assessor = factory.SubFactory(UserFactory)
    assessed_on = dt.date(2019, 11, 4)


class ScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = toolkit.Score

    assessment = factory.SubFactory(AssessmentFactory)
    criterion = factory.SubFactory(
        BenchmarkCriterionFactory, project=factory.SelfAttribute("..assessment.project")
    )
    value = 4
    justification = "Documented in the partner's evaluation report."


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchanges.Transfer

    practice = factory.SubFactory(PracticeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    stage = exchanges.TransferStage.ADAPTING
    started_on = dt.date(2019, 6, 1)


class PlanActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchanges.PlanAction
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory)
    title = factory.Sequence(lambda n: f"Action {n}")
    owner = "Youth services"
    deadline = dt.date(2020, 6, 30)
    status = exchanges.ActionStatus.PLANNED

    @factory.post_generation
    def inspired_by_visits(self, create, extracted, **kwargs):
        if create and extracted:
            self.inspired_by_visits.set(extracted)

    @factory.post_generation
    def inspired_by_practices(self, create, extracted, **kwargs):
        if create and extracted:
            self.inspired_by_practices.set(extracted)

    @factory.post_generation
    def inspired_by_exchanges(self, create, extracted, **kwargs):
        if create and extracted:
            self.inspired_by_exchanges.set(extracted)


class ReviewNoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = toolkit.ReviewNote

    practice = factory.SubFactory(PracticeFactory)
    author = factory.SubFactory(UserFactory)
    decision = toolkit.ReviewDecision.SENT_BACK
    comment = "Please add the results."


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = cities.Invitation

    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    role = cities.MembershipRole.MEMBER


class VisitTakeHomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = exchanges.VisitTakeHome

    registration = factory.SubFactory(VisitRegistrationFactory, attended=True)
    other_practices = "A welcome desk run by volunteers."


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = follows.Follow

    user = factory.SubFactory(UserFactory)
    cluster = factory.SubFactory(ClusterFactory)


class DigestSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = follows.DigestSettings

    user = factory.SubFactory(UserFactory)
    frequency = follows.Frequency.WEEKLY
    language = "en"
