import datetime as dt
import io
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import filetype
import pypdf
import pytest
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from cities.models import Cluster, Organisation, Participation, Project, WorkingGroup
from core.content_language import shown_text
from core.models import ExampleFlagModel
from demo import data
from demo.services import demo_pdf
from exchanges.models import (
    ActionPlan,
    ActionPlanVersion,
    ActivityStatus,
    StaffExchange,
    StaffExchangeKind,
    StudyVisit,
    VisitDocument,
)
from reporting.figures import figures_by_key, key_figures
from toolkit.models import Practice, PracticeStatus, Resource, TargetGroup

# The partners named on Turin's page, plus Turin itself, with their countries.
PARTNER_COUNTRIES = {
    "EUROCITIES": "BE",
    "Migration Work": "GB",
    "Centre Européen du Volontariat": "BE",
    "City of Amsterdam": "NL",
    "City of Bristol": "GB",
    "City of Brno": "CZ",
    "Municipality of Cesena": "IT",
    "City of Düsseldorf": "DE",
    "Madrid Employment Agency": "ES",
    "City of Nuremberg": "DE",
    "City of Ostend": "BE",
    "City of Riga": "LV",
    "City of Sheffield": "GB",
    "City of Terrassa": "ES",
    "City of Thessaloniki": "GR",
    "City of Toulouse": "FR",
    "City of Vantaa": "FI",
    "City of Turin": "IT",
}

WORKING_GROUP_CITIES = {"City of Turin", "City of Bristol", "City of Nuremberg", "City of Toulouse"}


@pytest.fixture
def demo(db):
    call_command("load_values_demo", stdout=StringIO())
    return Project.objects.get(slug="values")


def _snapshot() -> dict[str, list[dict]]:
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
    }


def _media_files(media_root) -> list[Path]:
    root = Path(media_root)
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def test_load_values_demo_project_facts_are_exact(demo):
    assert demo.acronym == "VALUES"
    assert demo.name == (
        "Volunteering Activities to Leverage Urban and European Social integration of migrants"
    )
    assert demo.fund == "Asylum, Migration and Integration Fund (AMIF)"
    assert demo.duration_months == 27
    assert demo.target_clusters == 4
    assert demo.target_study_visits == 16
    assert demo.target_staff_exchanges == 8
    assert demo.target_cities == 15
    # The source gives no dates: none are invented.
    assert demo.start_date is None
    assert demo.end_date is None
    assert "communities of practice" in demo.description
    assert Project.objects.count() == 1


def test_load_values_demo_gives_the_partners_their_italian_names_from_the_source(demo):
    italian = dict(Organisation.objects.values_list("slug", "name_it"))

    assert italian["nuremberg"] == "Città di Norimberga"
    assert italian["cesena"] == "Comune di Cesena"
    assert italian["bristol"] == "Città di Bristol"
    assert italian["turin"] == "Città di Torino"
    # Those the source names as they name themselves have no Italian name of their own.
    assert {slug for slug, name in italian.items() if not name} == {
        "eurocities",
        "migration-work",
        "cev",
    }
    with translation.override("it"):
        assert str(Organisation.objects.get(slug="thessaloniki")) == "Città di Salonicco"
    with translation.override("de"):
        assert str(Organisation.objects.get(slug="thessaloniki")) == "City of Thessaloniki"
    with translation.override("it"):
        cev = shown_text(Organisation.objects.get(slug="cev"), "name")
    assert (cev.text, cev.language) == ("Centre Européen du Volontariat", "fr")


def test_load_values_demo_creates_the_eighteen_partners_with_their_countries(demo):
    organisations = Organisation.objects.all()
    assert {org.name: org.country.code for org in organisations} == PARTNER_COUNTRIES
    assert set(Organisation.objects.in_project(demo).values_list("name", flat=True)) == set(
        PARTNER_COUNTRIES
    )
    assert all(org.latitude is not None and org.longitude is not None for org in organisations)
    assert not any(org.is_example for org in organisations)
    kinds = {org.slug: org.kind for org in organisations}
    assert kinds["eurocities"] == "network"
    assert kinds["migration-work"] == "ngo"
    assert kinds["cev"] == "volunteering"
    assert kinds["madrid-employment-agency"] == "agency"
    # 13 city administrations named in the source plus Turin; Madrid takes part
    # through its employment agency, so the 15 cities of the targets are all there.
    assert Organisation.objects.cities().count() == 14
    assert Organisation.objects.get(slug="eurocities").city == "Brussels"


def test_load_values_demo_eurocities_is_the_only_lead(demo):
    leads = Participation.objects.filter(project=demo, role="lead")
    assert [p.organisation.name for p in leads] == ["EUROCITIES"]
    assert Participation.objects.filter(project=demo, role="partner").count() == 17


def test_load_values_demo_only_turins_contribution_is_known(demo):
    turin = Participation.objects.get(project=demo, organisation__slug="turin")
    assert turin.eu_contribution == Decimal("24229.08")
    assert str(turin.eu_contribution) == "24229.08"
    others = Participation.objects.filter(project=demo).exclude(organisation__slug="turin")
    assert others.count() == 17
    assert not others.filter(eu_contribution__isnull=False).exists()


def test_load_values_demo_four_clusters_in_the_sources_order(demo):
    clusters = list(Cluster.objects.filter(project=demo).order_by("position"))
    assert [c.position for c in clusters] == [1, 2, 3, 4]
    assert [c.name for c in clusters] == [
        "Community building in cities to promote a welcoming culture",
        "Innovative volunteering for integration: involving migrants and refugees in "
        "volunteering aimed at integration",
        "Cooperation between cities and volunteering organisations for the integration of "
        "migrants at neighbourhood (or community) level",
        "Mobilising volunteers to involve young migrants in community life",
    ]
    assert [c.short_name for c in clusters] == [
        "Welcoming culture",
        "Migrants as volunteers",
        "Neighbourhood cooperation",
        "Young migrants",
    ]


def test_load_values_demo_working_group_is_turin_bristol_nuremberg_toulouse(demo):
    group = WorkingGroup.objects.get()
    assert set(group.members.values_list("name", flat=True)) == WORKING_GROUP_CITIES
    assert group.cluster.slug == "young-migrants"
    assert group.lead is None


def test_load_values_demo_every_invented_row_is_flagged(demo):
    flagged_models = [model for model in apps.get_models() if issubclass(model, ExampleFlagModel)]
    assert {StudyVisit, StaffExchange, Practice, ActionPlan, Organisation} <= set(flagged_models)
    for model in flagged_models:
        if model is Organisation:
            continue  # the eighteen partners are real
        assert model.objects.exists(), model
        assert not model.objects.filter(is_example=False).exists(), model


def test_load_values_demo_working_group_visits_one_in_each_city(demo):
    visits = StudyVisit.objects.filter(working_group__slug__startswith="young-migrants")
    assert {visit.host.name for visit in visits} == WORKING_GROUP_CITIES
    for visit in visits:
        assert visit.status == ActivityStatus.COMPLETED
        assert dt.date(2018, 1, 1) <= visit.start_date <= visit.end_date <= dt.date(2019, 12, 31)
        visitors = set(visit.participants.values_list("name", flat=True))
        assert visitors == WORKING_GROUP_CITIES - {visit.host.name}
        assert all(p.total > 0 for p in visit.participations.all())


def test_load_values_demo_other_visits_and_exchanges(demo):
    others = StudyVisit.objects.filter(working_group__isnull=True)
    assert 3 <= others.count() <= 4
    assert not others.filter(host__slug__in=["turin", "bristol", "nuremberg", "toulouse"]).exists()
    assert others.exclude(cluster__slug="young-migrants").count() == others.count()
    planned = StudyVisit.objects.filter(status=ActivityStatus.PLANNED).get()
    assert planned.start_date == dt.date(2027, 5, 18)
    assert {e.kind for e in StaffExchange.objects.all()} == set(StaffExchangeKind.values)
    assert StaffExchange.objects.count() == 3


def test_load_values_demo_target_groups_are_reference_data(demo):
    assert set(TargetGroup.objects.values_list("name", flat=True)) == {
        "Young people",
        "Refugees",
        "Asylum seekers",
        "Unaccompanied minors",
        "Women",
        "Newcomers",
        "Families",
    }


def test_load_values_demo_practices_cover_clusters_and_statuses(demo):
    published = Practice.objects.published()
    assert published.count() == 8
    assert Practice.objects.filter(status=PracticeStatus.DRAFT).count() == 1
    assert Practice.objects.filter(status=PracticeStatus.IN_REVIEW).count() == 1
    for cluster in Cluster.objects.all():
        assert published.in_cluster(cluster).exists(), cluster
    outside = published.filter(organisation__isnull=True)
    assert outside.count() == 2
    assert all(p.origin_city and p.origin_country for p in outside)
    assert published.filter(language="it").count() == 1
    assert published.values("volunteering_model").distinct().count() >= 5
    text_fields = [
        "summary",
        "description",
        "how_it_works",
        "resources_needed",
        "results",
        "transferability",
        "contact",
    ]
    for practice in published:
        assert all(getattr(practice, name) for name in text_fields), practice
        assert practice.clusters.exists(), practice
        assert practice.target_groups.exists(), practice


def test_load_values_demo_resources_link_and_file(demo):
    link = Resource.objects.get(url__gt="")
    assert link.url == "https://www.cev.be/"
    document = Resource.objects.get(url="")
    assert document.file.read(5) == b"%PDF-"
    assert document.size == document.file.size
    assert len(document.checksum) == 64


def test_load_values_demo_action_plans_visibility(demo):
    turin = ActionPlan.objects.get(organisation__slug="turin")
    assert (turin.status, turin.visibility) == ("published", "public")
    assert set(turin.study_visits.values_list("host__slug", flat=True)) == {
        "turin",
        "bristol",
        "nuremberg",
        "toulouse",
    }
    version = turin.versions.get()
    with version.file.open("rb") as handle:
        content = handle.read()
    reader = pypdf.PdfReader(io.BytesIO(content))
    assert "Example action plan — invented demo content" in reader.pages[0].extract_text()
    bristol = ActionPlan.objects.get(organisation__slug="bristol")
    assert (bristol.status, bristol.visibility) == ("published", "members")
    assert ActionPlan.objects.get(organisation__slug="nuremberg").status == "draft"
    assert list(ActionPlan.objects.visible_to(AnonymousUser())) == [turin]
    agenda = VisitDocument.objects.get()
    assert agenda.visit.slug == "turin-young-migrants-visit"
    assert agenda.file.read(4) == b"%PDF"


def test_demo_pdf_is_tagged_with_its_title_and_language():
    content = demo_pdf(["Piano d'azione di Torino", "Esempio — dati inventati"], language="it")

    assert content.startswith(b"%PDF")
    assert filetype.guess(content).mime == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "it"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert reader.metadata.title == "Piano d'azione di Torino"
    assert "Esempio — dati inventati" in reader.pages[0].extract_text()
    assert demo_pdf(["same"]) == demo_pdf(["same"])  # loading the demo twice changes nothing


def test_demo_files_are_tagged_pdfs(demo):
    for version in ActionPlan.objects.get(organisation__slug="turin").versions.all():
        with version.file.open("rb") as handle:
            catalog = pypdf.PdfReader(io.BytesIO(handle.read())).trailer["/Root"]
        assert catalog["/Lang"] == version.plan.language
        assert "/StructTreeRoot" in catalog


def test_load_values_demo_twice_changes_nothing(demo, settings):
    before = _snapshot()
    files_before = _media_files(settings.MEDIA_ROOT)
    assert len(files_before) == 4  # the agenda, the checklist, the action plan, an evidence

    out = StringIO()
    call_command("load_values_demo", stdout=out)

    assert _snapshot() == before
    assert _media_files(settings.MEDIA_ROOT) == files_before
    assert "18 organisations" in out.getvalue()
    assert "4 clusters" in out.getvalue()
    assert "Rows created: 0, rows updated: 0, link sets changed: 0." in out.getvalue()


def test_load_values_demo_restores_edited_facts_and_missing_files(demo, settings):
    Participation.objects.filter(organisation__slug="turin").update(eu_contribution=1)
    WorkingGroup.objects.get().members.remove(Organisation.objects.get(slug="toulouse"))
    version = ActionPlanVersion.objects.get()
    version.file.storage.delete(version.file.name)

    call_command("load_values_demo", stdout=StringIO())

    turin = Participation.objects.get(organisation__slug="turin")
    assert turin.eu_contribution == Decimal("24229.08")
    assert set(WorkingGroup.objects.get().members.values_list("name", flat=True)) == (
        WORKING_GROUP_CITIES
    )
    version.refresh_from_db()
    assert version.file.storage.exists(version.file.name)
    assert ActionPlanVersion.objects.count() == 1
    assert len(_media_files(settings.MEDIA_ROOT)) == 4


def test_demo_coordinator_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="refusing: DEBUG is off"):
        call_command("demo_coordinator", stdout=StringIO())
    assert not get_user_model().objects.filter(email="coordinator@values.example").exists()


def _run_demo_coordinator() -> str:
    out = StringIO()
    call_command("demo_coordinator", stdout=out)
    return out.getvalue()


def test_demo_coordinator_creates_a_staff_coordinator_who_can_use_the_admin(db, settings, client):
    settings.DEBUG = True
    output = _run_demo_coordinator()

    password = re.search(r"Password: (\S+)", output)[1]
    assert "coordinator@values.example" in output
    assert f"/{settings.ADMIN_URL}" in output
    user = get_user_model().objects.get(email="coordinator@values.example")
    assert user.is_staff
    assert not user.is_superuser
    assert user.groups.filter(name="Coordinators").exists()

    assert client.login(email="coordinator@values.example", password=password)
    # Coordinators set up an authenticator app before the admin opens (users.middleware).
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["user"] == user


def test_demo_coordinator_again_gives_a_new_password_to_the_same_user(db, settings):
    settings.DEBUG = True
    first = re.search(r"Password: (\S+)", _run_demo_coordinator())[1]
    second = re.search(r"Password: (\S+)", _run_demo_coordinator())[1]

    assert first != second
    user = get_user_model().objects.get(email="coordinator@values.example")
    assert user.check_password(second)
    assert not user.check_password(first)
    assert list(user.groups.all()) == [Group.objects.get(name="Coordinators")]


def test_load_values_demo_clusters_have_english_and_italian_names_and_descriptions(demo):
    clusters = list(Cluster.objects.order_by("position"))
    assert [c.name_it for c in clusters] == [row["name_it"] for row in data.CLUSTERS]
    assert [c.name_en for c in clusters] == [row["name"] for row in data.CLUSTERS]
    assert all(c.short_name_it and c.description_en and c.description_it for c in clusters)
    with translation.override("it"):
        young = Cluster.objects.get(slug="young-migrants")
        assert young.name == (
            "Mobilitazione dei volontari nel coinvolgere i giovani migranti nella vita di comunità"
        )
        assert str(young) == "Giovani migranti"
        assert young.description.startswith("Come i volontari aiutano")
    with translation.override("en"):
        assert str(Cluster.objects.get(slug="young-migrants")) == "Young migrants"


def test_load_values_demo_target_groups_in_english_and_italian(demo):
    groups = {group.slug: group for group in TargetGroup.objects.all()}
    assert groups["refugees"].name_en == "Refugees"
    assert groups["refugees"].name_it == "Rifugiati"
    assert all(group.name_it and group.description_it for group in groups.values())


def test_load_values_demo_home_figures_count_what_their_targets_count(demo):
    # The source's "n. 15 città europee coinvolte": 14 city administrations and Madrid,
    # through its employment agency; EUROCITIES, CEV and Migration Work are partners.
    figures = figures_by_key(key_figures())
    assert figures["cities"].value == figures["cities"].target == 15
    assert figures["partners"].value == 18
    assert figures["eu_contribution"].detail == "1 of 18 amounts known"


def test_load_values_demo_clusters_and_target_groups_never_share_a_name(demo):
    # One vocabulary: "Young migrants" is a cluster; the people are "Young people".
    for language in ("en", "it"):
        with translation.override(language):
            clusters = {str(c) for c in Cluster.objects.all()} | {
                c.name for c in Cluster.objects.all()
            }
            groups = {group.name for group in TargetGroup.objects.all()}
            assert not clusters & groups, language


def test_load_values_demo_turins_practice_is_italian_with_an_english_title(demo):
    practice = Practice.objects.get(slug="un-tutor-volontario-per-ogni-giovane")
    assert practice.language == "it"
    assert practice.title_it == "Un tutor volontario per ogni giovane arrivato"
    assert practice.title_en == "A volunteer tutor for every young newcomer"
    assert practice.summary_en.startswith("A volunteer accompanies")
    # Not translated: English readers see the Italian original.
    assert practice.description_en is None
    assert practice.description_it.startswith("I tutor sono volontari")
    with translation.override("en"):
        assert practice.description.startswith("I tutor sono volontari")


def test_load_values_demo_fills_the_english_columns_whatever_language_is_active(db):
    with translation.override("it"):
        call_command("load_values_demo", stdout=StringIO())
    cluster = Cluster.objects.get(slug="welcoming-culture")
    assert cluster.name_en == "Community building in cities to promote a welcoming culture"
    assert cluster.name_it.startswith("Community building nelle città")
    practice = Practice.objects.get(slug="welcome-walks-with-neighbourhood-hosts")
    assert practice.title_en == "Welcome walks with neighbourhood hosts"
    assert practice.title_it is None


def test_load_values_demo_has_a_visit_open_for_registration_and_one_with_certificates(demo, client):
    from exchanges.models import VisitRegistration

    upcoming = StudyVisit.objects.get(registration_open=True)
    assert upcoming.accepts_registrations(today=dt.date(2026, 12, 1))
    assert upcoming.is_example
    past = StudyVisit.objects.get(counts_from_attendance=True)
    attendees = VisitRegistration.objects.filter(visit=past, attended=True)
    head_count = sum(p.total for p in past.participations.all())
    assert attendees.count() == head_count == 14
    assert past.is_example
    code = attendees.first().certificate_code

    response = client.get(reverse("exchanges:certificate_verify"), {"code": code})

    assert "This certificate is genuine" in response.text
