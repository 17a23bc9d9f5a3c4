"""Each project's published practices, as PostgreSQL keeps them (toolkit migration 0016).

The number the summary and a project's key figures show is read, not counted, on
PostgreSQL: it must be the number counted at each visit after every way of writing
what it depends on.
"""

import datetime as dt

import pytest
from django.db import connection

from cities.models import Cluster, Participation, Project
from reporting.figures import (
    Scope,
    key_figures,
    published_practice_count,
    report_figures,
    scoped_practices,
)
from tests.factories import (
    AssessmentFactory,
    ClusterFactory,
    OrganisationFactory,
    ParticipationFactory,
    PracticeFactory,
    ProjectFactory,
)
from toolkit.models import Practice, PracticeStatus, ProjectPracticeCount, PublishedFacetCount

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the counts are kept by PostgreSQL's triggers"
)
DAY = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def counted() -> dict[int, int]:
    return {
        project.pk: scoped_practices(Scope(project=project)).published().count()
        for project in Project.objects.all()
    }


def stored() -> dict[int, int]:
    return dict(ProjectPracticeCount.objects.values_list("project_id", "published"))


def published(**fields) -> Practice:
    return PracticeFactory(status=PracticeStatus.PUBLISHED, published_at=DAY, **fields)


@postgresql_only
@pytest.mark.django_db
def test_stored_project_counts_follow_every_write():
    values, other = ProjectFactory(slug="values"), ProjectFactory(slug="other")
    turin, ghent, riga = (OrganisationFactory(slug=slug) for slug in ("turin", "ghent", "riga"))
    ParticipationFactory(project=values, organisation=turin)
    ParticipationFactory(project=other, organisation=ghent)
    inclusion = ClusterFactory(project=values, slug="inclusion")
    language = ClusterFactory(project=other, slug="language")
    practices = [
        published(organisation=turin),  # values, by its partner
        published(organisation=riga, clusters=[inclusion]),  # values, by its cluster
        published(organisation=turin, clusters=[inclusion]),  # values, once
        published(organisation=ghent, clusters=[inclusion]),  # both
        published(organisation=riga),  # neither
        PracticeFactory(organisation=turin, status=PracticeStatus.DRAFT, published_at=None),
    ]
    assert stored() == counted() == {values.pk: 4, other.pk: 1}

    writes = [
        # Published, unpublished, one by one and many at once.
        lambda: Practice.objects.filter(pk=practices[5].pk).update(
            status=PracticeStatus.PUBLISHED, published_at=DAY
        ),
        lambda: Practice.objects.filter(organisation=turin).update(status=PracticeStatus.DRAFT),
        lambda: Practice.objects.filter(organisation=turin).update(
            status=PracticeStatus.PUBLISHED, published_at=DAY
        ),
        # Moved to another partner, through save(); an edit of its texts.
        lambda: setattr(practices[4], "organisation", ghent) or practices[4].save(),
        lambda: setattr(practices[0], "title", "Mentors, renamed") or practices[0].save(),
        # Cluster links added, removed, set; a draft's links.
        lambda: practices[4].clusters.add(inclusion),
        lambda: practices[1].clusters.remove(inclusion),
        lambda: practices[3].clusters.set([language]),
        lambda: PracticeFactory(
            organisation=riga, status=PracticeStatus.DRAFT, published_at=None
        ).clusters.set([inclusion, language]),
        # A partner joins a project, leaves one; a cluster moves to another project.
        lambda: ParticipationFactory(project=other, organisation=riga),
        lambda: Participation.objects.filter(project=values, organisation=turin).delete(),
        lambda: Cluster.objects.filter(pk=language.pk).update(project=values),
        # Many at once; one deleted with its links; many deleted at once.
        lambda: Practice.objects.bulk_create(
            PracticeFactory.build_batch(
                3, organisation=riga, status=PracticeStatus.PUBLISHED, published_at=DAY
            )
        ),
        lambda: practices[2].delete(),
        lambda: Practice.objects.filter(organisation=riga, clusters=None).delete(),
        # A project added, and one deleted with what was its own.
        lambda: ProjectFactory(slug="third"),
        lambda: (
            Cluster.objects.filter(project=other).delete(),
            Participation.objects.filter(project=other).delete(),
            other.delete(),
        ),
    ]
    for step, write in enumerate(writes):
        write()
        assert stored() == counted(), step
    assert set(stored()) == {values.pk, Project.objects.get(slug="third").pk}


@postgresql_only
@pytest.mark.django_db
def test_a_projects_published_practices_are_read_where_postgresql_keeps_them():
    values = ProjectFactory(slug="values")
    turin = OrganisationFactory(slug="turin")
    ParticipationFactory(project=values, organisation=turin)
    published(organisation=turin)
    assert published_practice_count(Scope(project=values)) == 1
    assert published_practice_count(Scope()) == 1

    # Read, not counted: a number changed behind the triggers' back is what shows.
    ProjectPracticeCount.objects.filter(project=values).update(published=41)
    PublishedFacetCount.objects.filter(facet=PublishedFacetCount.TOTAL).update(count=42)
    assert published_practice_count(Scope(project=values)) == 41
    assert published_practice_count(Scope()) == 42
    # With a cluster (not kept) the practices are counted.
    cluster = ClusterFactory(project=values)
    assert published_practice_count(Scope(project=values, cluster=cluster)) == 0


@pytest.mark.django_db
def test_the_published_practices_shown_are_those_counted_on_every_database():
    values = ProjectFactory(slug="values")
    turin = OrganisationFactory(slug="turin")
    ParticipationFactory(project=values, organisation=turin)
    assessed = published(organisation=turin)
    published(organisation=turin, clusters=[ClusterFactory(project=values)])
    published()  # another project's
    PracticeFactory(organisation=turin, status=PracticeStatus.DRAFT, published_at=None)
    AssessmentFactory(practice=assessed, project=values)

    figures = {figure.key: figure for figure in key_figures(values)}
    assert figures["practices"].value == 2
    summary = report_figures(Scope(project=values), public=True).figures
    assert (summary["practices"].value, summary["practices_assessed"].value) == (2, 1)
    assert "practices_identified" not in summary  # drafts are nobody else's business
    report = report_figures(Scope(project=values)).figures
    assert (report["practices"].value, report["practices_identified"].value) == (2, 3)
    assert published_practice_count(Scope()) == 3
    assert published_practice_count(Scope(project=values)) == 2
