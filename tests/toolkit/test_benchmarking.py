import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from cities.models import Project
from tests.admin.cases import admin_url
from tests.factories import (
    AssessmentFactory,
    BenchmarkCriterionFactory,
    ParticipationFactory,
    PeerReviewerFactory,
    PracticeFactory,
    ProjectFactory,
    ScoreFactory,
    UserFactory,
)
from toolkit.benchmarking import assessments_prefetch, practice_profiles
from toolkit.charts import profile_chart
from toolkit.models import (
    Assessment,
    AssessmentKind,
    BenchmarkCriterion,
    PeerReviewer,
    Practice,
    PracticeStatus,
    ProjectBenchmarking,
    Score,
)

pytestmark = pytest.mark.shared_cache

BADGE = 'badge--benchmarked">Benchmarked</span>'


@pytest.fixture
def values(db):
    return ProjectFactory(acronym="VALUES", slug="values", benchmark_threshold=Decimal("3.50"))


@pytest.fixture
def criteria(values):
    return [
        BenchmarkCriterionFactory(project=values, name="Migrant participation", position=1),
        BenchmarkCriterionFactory(project=values, name="Evidence of results", position=2),
    ]


def assess(practice, project, kind, on, *values, justification="Seen on the visit."):
    assessment = AssessmentFactory(
        practice=practice, project=project, kind=kind, assessed_on=on, assessor=None
    )
    for criterion, value in zip(project.benchmark_criteria.all(), values, strict=True):
        ScoreFactory(
            assessment=assessment, criterion=criterion, value=value, justification=justification
        )
    return assessment


def profiles_of(practice):
    return practice_profiles(
        Practice.objects.prefetch_related(assessments_prefetch()).get(pk=practice.pk)
    )


def detail(practice) -> str:
    return reverse("toolkit:detail", kwargs={"slug": practice.slug})


def assess_url(practice, **query) -> str:
    url = reverse("toolkit:assess", kwargs={"slug": practice.slug})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# --- The profile -----------------------------------------------------------------------


def test_profile_numbers_are_exact(buddies, values, criteria):
    assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 4, 3)
    assess(buddies, values, AssessmentKind.SELF, dt.date(2020, 4, 1), 5, 4)

    [profile] = profiles_of(buddies)

    assert [(row.criterion.name, row.peer, row.self_assessed) for row in profile.rows] == [
        ("Migrant participation", Decimal("4.00"), 5),
        ("Evidence of results", Decimal("3.00"), 4),
    ]
    assert profile.peer_average == Decimal("3.50")
    assert profile.self_average == Decimal("4.50")
    assert profile.peer_reviewed_on == dt.date(2020, 5, 4)
    assert profile.benchmarked


def test_profile_averages_a_panel_on_the_latest_date_and_rounds_half_up(buddies, values, criteria):
    criteria.append(BenchmarkCriterionFactory(project=values, name="Cost", position=3))
    assess(buddies, values, AssessmentKind.PEER, dt.date(2019, 1, 1), 5, 5, 5)  # older: ignored
    assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 4, 3, 2)
    assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 3, 3, 3)

    [profile] = profiles_of(buddies)

    assert [row.peer for row in profile.rows] == [Decimal("3.50"), Decimal("3.00"), Decimal("2.50")]
    # (3.5 + 3 + 2.5) / 3 = 3
    assert profile.peer_average == Decimal("3.00")
    assert len(profile.peer_reviews) == 2
    assert not profile.benchmarked
    assert profile.self_assessment is None


def test_profile_average_of_thirds_rounds_to_two_places(buddies, values, criteria):
    criteria.append(BenchmarkCriterionFactory(project=values, name="Cost", position=3))
    assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 4, 4, 3)

    [profile] = profiles_of(buddies)

    assert profile.peer_average == Decimal("3.67")  # 11 / 3


def test_latest_peer_review_replaces_an_older_one(buddies, values, criteria):
    assess(buddies, values, AssessmentKind.PEER, dt.date(2019, 12, 2), 5, 5)
    assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 4, 27), 2, 3)

    [profile] = profiles_of(buddies)

    assert profile.peer_average == Decimal("2.50")
    assert not profile.benchmarked


def test_self_assessment_is_kept_apart_and_never_makes_a_practice_benchmarked(
    client, buddies, values, criteria
):
    assess(buddies, values, AssessmentKind.SELF, dt.date(2020, 4, 1), 5, 5)

    [profile] = profiles_of(buddies)
    html = client.get(detail(buddies)).text

    assert profile.peer_average is None
    assert profile.self_average == Decimal("5.00")
    assert not profile.benchmarked
    assert BADGE not in html
    assert "No peer review yet" in html
    assert "Self-assessment (" in html  # its own column


def test_score_on_another_projects_criterion_does_not_count(buddies, values, criteria):
    review = assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 4, 4)
    stray = BenchmarkCriterionFactory(name="Elsewhere")  # another project's criterion
    ScoreFactory(assessment=review, criterion=stray, value=0)

    [profile] = profiles_of(buddies)

    assert [row.criterion.name for row in profile.rows] == [c.name for c in criteria]
    assert profile.peer_average == Decimal("4.00")


def test_profiles_per_project_are_apart(buddies, values, criteria):
    other = ProjectFactory(acronym="OTHER", slug="other")
    BenchmarkCriterionFactory(project=other, name="Reach")
    assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 4, 4)
    assess(buddies, other, AssessmentKind.PEER, dt.date(2020, 5, 4), 1)

    profiles = profiles_of(buddies)

    assert [(p.project.acronym, p.peer_average, p.benchmarked) for p in profiles] == [
        ("OTHER", Decimal("1.00"), False),
        ("VALUES", Decimal("4.00"), True),
    ]


# --- The practice page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("threshold", "shown"),
    [("3.49", True), ("3.50", True), ("3.51", False)],
)
def test_benchmarked_badge_appears_at_or_above_the_threshold_only(
    client, buddies, values, criteria, threshold, shown
):
    values.benchmark_threshold = Decimal(threshold)
    values.save()
    assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 3, 4)  # average 3.50

    html = client.get(detail(buddies)).text

    assert (BADGE in html) is shown
    assert "an average of 3.50 out of 5" in html
    assert f"threshold is {threshold}" in html
    if shown:
        assert "it is benchmarked." in html
    else:
        assert "it is not benchmarked." in html
        assert "Assessed, not benchmarked yet" in html


def test_practice_page_shows_chart_table_and_justifications(client, buddies, values, criteria):
    assess(
        buddies,
        values,
        AssessmentKind.PEER,
        dt.date(2020, 5, 4),
        4,
        3,
        justification="Mentors' logbooks were shown.",
    )
    assess(buddies, values, AssessmentKind.SELF, dt.date(2020, 4, 1), 5, 5)

    html = client.get(detail(buddies)).text
    section = html[html.index('id="benchmarking"') :]

    assert '<svg class="bench-chart"' in section
    assert 'role="img"' in section
    assert ">Scores on the VALUES criteria, from 0 to 5</p>" in section
    cell = r'\s*<td class="numeric">(.*?)</td>'
    rows = re.findall(r'<th scope="row">(.*?)</th>' + cell + cell, section)
    assert rows[:3] == [
        ("Migrant participation", "4", "5"),
        ("Evidence of results", "3", "5"),
        ("Average of all criteria", "3.50", "5.00"),
    ]
    assert "Mentors&#x27; logbooks were shown." in section


def test_italian_readers_see_the_criteria_in_italian(client, buddies, values, criteria):
    criteria[0].name_it = "Partecipazione dei migranti"
    criteria[0].save()
    assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 4, 3)

    with translation.override("it"):
        url = detail(buddies)
    section = client.get(url).text.split('id="benchmarking"', 1)[1]

    assert '<th scope="row">Partecipazione dei migranti</th>' in section
    # Without an Italian name, the English one is shown rather than nothing, marked as English.
    assert '<th scope="row" lang="en">Evidence of results</th>' in section


def test_unassessed_practice_has_no_benchmarking_section(client, buddies):
    html = client.get(detail(buddies)).text

    assert 'id="benchmarking"' not in html
    assert "bench-chart" not in html


def queries_for(client, url: str) -> tuple[int, str]:
    cache.clear()  # anonymous pages are cached whole (core.cache): render anew
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.text


def test_practice_page_queries_do_not_grow_with_assessments(client, values, criteria):
    def practice_with(count: int) -> Practice:
        practice = PracticeFactory()
        for day in range(count):
            assess(practice, values, AssessmentKind.PEER, dt.date(2020, 1, 1 + day), 4, 3)
            assess(practice, values, AssessmentKind.SELF, dt.date(2020, 2, 1 + day), 5, 5)
        return practice

    one, ten = practice_with(1), practice_with(10)
    client.get(detail(one))  # warm caches (content types, sessions)

    queries_one, _ = queries_for(client, detail(one))
    queries_ten, html = queries_for(client, detail(ten))

    assert queries_ten == queries_one
    assert html.count('<td class="numeric">5</td>') == 2  # the self column, once per criterion


# --- The chart ---------------------------------------------------------------------------


def test_chart_is_accessible_svg_without_inline_style(buddies, values, criteria):
    assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 4, 3)
    assess(buddies, values, AssessmentKind.SELF, dt.date(2020, 4, 1), 5, 0)
    [profile] = profiles_of(buddies)

    svg = str(profile_chart(profile, chart_id="chart-1"))

    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert 'aria-labelledby="chart-1-title chart-1-desc"' in svg
    assert (
        '<title id="chart-1-title">Benchmarking profile of “Buddies for newcomers” (VALUES)' in svg
    )
    assert "average 3.50 out of 5; the threshold is 3.50, so the practice is benchmarked" in svg
    assert "style=" not in svg
    assert "<script" not in svg
    # Peer and self are told apart by pattern and by words, not by colour alone.
    assert 'id="chart-1-hatch"' in svg
    assert svg.count("bench-chart__bar--peer") == 3  # two criteria and the average
    assert svg.count("bench-chart__bar--self") == 3
    assert "Peer review: 4<" in svg
    assert "Self-assessment: 0<" in svg
    assert "Peer review (solid)" in svg
    assert "Self-assessment (hatched)" in svg


def test_chart_escapes_names(buddies, values):
    BenchmarkCriterionFactory(project=values, name="<script>alert(1)</script>")
    assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 4)
    [profile] = profiles_of(buddies)

    svg = str(profile_chart(profile, chart_id="c"))

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert "hatched" not in svg  # no self-assessment: no legend entry for it


# --- Who may assess ----------------------------------------------------------------------


@pytest.fixture
def reviewer(values):
    return PeerReviewerFactory(project=values, user=UserFactory(email="reviewer@example.org")).user


@pytest.fixture
def turin_in_values(turin, values):
    return ParticipationFactory(project=values, organisation=turin)


def kinds_offered(response) -> list[str]:
    return [value for value, _ in response.context["form"].fields["kind"].choices]


def test_anonymous_visitor_is_sent_to_sign_in(client, buddies, criteria):
    response = client.get(assess_url(buddies))

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_member_without_a_role_gets_404(client, member, buddies, criteria):
    client.force_login(member)

    assert client.get(assess_url(buddies)).status_code == 404
    assert client.post(assess_url(buddies), {"kind": "peer"}).status_code == 404
    assert not Assessment.objects.exists()


def test_editor_of_another_organisation_gets_404(client, bristol_editor, buddies, criteria):
    client.force_login(bristol_editor)

    assert client.get(assess_url(buddies)).status_code == 404


def test_editor_self_assesses_own_practice_only(
    client, turin_editor, turin_in_values, buddies, criteria
):
    client.force_login(turin_editor)

    response = client.get(assess_url(buddies))

    assert response.status_code == 200
    assert kinds_offered(response) == ["self"]
    refused = client.post(assess_url(buddies), form_data(criteria, kind="peer"))
    assert refused.status_code == 200
    assert "kind" in refused.context["form"].errors
    assert not Assessment.objects.exists()


def test_peer_reviewer_reviews_in_their_project_only(client, reviewer, values, buddies, criteria):
    other = ProjectFactory(acronym="OTHER", slug="other")
    BenchmarkCriterionFactory(project=other)
    client.force_login(reviewer)

    response = client.get(assess_url(buddies))

    assert response.status_code == 200
    assert response.context["project"] == values
    assert response.context["projects"] == [values]
    assert kinds_offered(response) == ["peer"]
    assert client.get(assess_url(buddies, project="other")).status_code == 404
    assert client.get(assess_url(buddies, project="no-such-project")).status_code == 404


def test_peer_reviewer_cannot_see_drafts(client, reviewer, criteria):
    draft = PracticeFactory(status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(reviewer)

    assert client.get(assess_url(draft)).status_code == 404


def test_peer_reviewer_does_not_review_their_own_organisations_practice(
    client, turin_editor, values, buddies, criteria
):
    PeerReviewerFactory(project=values, user=turin_editor)
    client.force_login(turin_editor)

    response = client.get(assess_url(buddies))

    # Turin does not take part in VALUES here, so there is nothing left to do.
    assert response.status_code == 404


def test_coordinator_records_both_kinds(client, coordinator, values, buddies, criteria):
    client.force_login(coordinator)

    response = client.get(assess_url(buddies))

    assert kinds_offered(response) == ["peer", "self"]


def form_data(criteria, kind="peer", scores=(4, 3), **extra):
    data = {"kind": kind, "assessed_on": "2020-05-04", "comment": "Well run."}
    for criterion, score in zip(criteria, scores, strict=True):
        data[f"score_{criterion.pk}"] = score
        data[f"justification_{criterion.pk}"] = f"Why {score}."
    data.update(extra)
    return data


def test_peer_reviewer_records_an_assessment(client, reviewer, values, buddies, criteria):
    client.force_login(reviewer)

    response = client.post(assess_url(buddies), form_data(criteria))

    assert response.status_code == 302
    assert response["Location"] == detail(buddies) + "#benchmarking"
    assessment = Assessment.objects.get()
    assert (assessment.practice, assessment.project, assessment.kind) == (buddies, values, "peer")
    assert assessment.assessor == reviewer
    assert assessment.assessed_on == dt.date(2020, 5, 4)
    assert sorted(assessment.scores.values_list("criterion__name", "value", "justification")) == [
        ("Evidence of results", 3, "Why 3."),
        ("Migrant participation", 4, "Why 4."),
    ]
    page = client.get(response["Location"]).text
    assert "The assessment has been saved." in page
    assert BADGE in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("score", "6", "less than or equal to 5"),
        ("score", "-1", "greater than or equal to 0"),
        ("score", "four", "Enter a whole number"),
        ("score", "99999999999999999999", "less than or equal to 5"),
        ("justification", "   ", "This field is required"),
        ("justification", "Seen\x00", "Null characters are not allowed"),
        ("assessed_on", "2999-01-01", "cannot be in the future"),
        ("assessed_on", "yesterday", "Enter a valid date"),
        ("kind", "gold", "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_message(
    client, coordinator, buddies, criteria, field, value, message
):
    data = form_data(criteria)
    if field in ("score", "justification"):
        data[f"{field}_{criteria[0].pk}"] = value
    else:
        data[field] = value
    client.force_login(coordinator)

    response = client.post(assess_url(buddies), data)

    assert response.status_code == 200
    assert message in response.text
    assert "There is a problem" in response.text
    assert not Assessment.objects.exists()
    assert not Score.objects.exists()


def test_project_without_criteria_says_so(client, coordinator, values, buddies):
    client.force_login(coordinator)
    url = assess_url(buddies, project="values")

    response = client.get(url)
    posted = client.post(url, {"kind": "peer", "assessed_on": "2020-01-01"})

    assert "VALUES has no benchmarking criteria yet" in response.text
    assert posted.status_code == 200
    assert not Assessment.objects.exists()


def test_several_projects_are_offered_as_a_choice(client, coordinator, values, buddies, criteria):
    BenchmarkCriterionFactory(project=ProjectFactory(acronym="OTHER", slug="other"))
    client.force_login(coordinator)

    response = client.get(assess_url(buddies))

    assert response.context["form"] is None
    assert "Whose criteria apply" in response.text
    assert '?project=values"' in response.text
    chosen = client.get(assess_url(buddies, project="values"))
    assert chosen.context["project"] == values


def test_practice_page_offers_the_assess_link_only_to_assessors(
    client, member, reviewer, buddies, criteria
):
    link = f'href="{assess_url(buddies)}"'
    assert link not in client.get(detail(buddies)).text
    client.force_login(member)
    assert link not in client.get(detail(buddies)).text
    client.force_login(reviewer)
    assert link in client.get(detail(buddies)).text


def test_unknown_practice_is_404_for_coordinators(client, coordinator, criteria):
    client.force_login(coordinator)

    response = client.get(reverse("toolkit:assess", kwargs={"slug": "no-such-practice"}))

    assert response.status_code == 404


# --- The coordinators' admin ---------------------------------------------------------------


@pytest.mark.parametrize("model", [BenchmarkCriterion, PeerReviewer, Assessment, Score, Project])
def test_admin_pages_render_for_coordinators(client, coordinator, buddies, values, criteria, model):
    review = assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 4, 3)
    PeerReviewerFactory(project=values)
    objects = {
        BenchmarkCriterion: criteria[0],
        PeerReviewer: PeerReviewer.objects.get(),
        Assessment: review,
        Score: review.scores.first(),
        Project: values,
    }
    client.force_login(coordinator)

    changelist = client.get(admin_url(model, "changelist"))
    change = client.get(admin_url(model, "change", objects[model].pk))
    add = client.get(admin_url(model, "add"))

    assert (changelist.status_code, change.status_code, add.status_code) == (200, 200, 200)
    assert str(objects[model]) in changelist.text


def test_admin_project_page_edits_criteria_and_peer_reviewers(
    client, coordinator, values, criteria
):
    client.force_login(coordinator)

    html = client.get(admin_url(ProjectBenchmarking, "change", values.pk)).text

    assert 'name="benchmark_threshold"' in html
    assert 'name="benchmark_scale_max"' in html
    assert "Migrant participation" in html
    assert 'name="peer_reviewers-TOTAL_FORMS"' in html
    assert 'name="benchmark_criteria-TOTAL_FORMS"' in html


def test_admin_refuses_a_score_above_the_projects_scale(
    client, coordinator, buddies, values, criteria
):
    review = assess(buddies, values, AssessmentKind.PEER, dt.date(2020, 5, 4), 4, 3)
    score = review.scores.get(criterion=criteria[0])
    client.force_login(coordinator)
    data = {
        "practice": buddies.pk,
        "project": values.pk,
        "kind": "peer",
        "assessed_on": "2020-05-04",
        "comment": "",
        "scores-TOTAL_FORMS": "2",
        "scores-INITIAL_FORMS": "2",
        "scores-MIN_NUM_FORMS": "0",
        "scores-MAX_NUM_FORMS": "1000",
    }
    for index, existing in enumerate(review.scores.order_by("criterion__position")):
        data |= {
            f"scores-{index}-id": existing.pk,
            f"scores-{index}-assessment": review.pk,
            f"scores-{index}-criterion": existing.criterion_id,
            f"scores-{index}-value": 7 if existing == score else existing.value,
            f"scores-{index}-justification": existing.justification,
        }

    response = client.post(admin_url(Assessment, "change", review.pk), data)

    assert response.status_code == 200
    assert "VALUES scores from 0 to 5." in response.text
    score.refresh_from_db()
    assert score.value == 4


def test_new_assessment_shows_on_the_cached_public_page(client, reviewer, buddies, criteria):
    visitor = Client()
    assert BADGE not in visitor.get(detail(buddies)).text  # now cached for visitors
    client.force_login(reviewer)

    client.post(assess_url(buddies), form_data(criteria))

    assert BADGE in visitor.get(detail(buddies)).text
