import json
from collections.abc import Sequence

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, OuterRef, Q, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from cities.models import Cluster, Organisation, Project
from core.cache import cached_fragment, model_token
from core.content_language import columns_in_every_language, shown_html
from core.files import FileMetadataMixin, GeneratedName, validate_document
from core.language_urls import reverse_kept
from core.models import (
    CONTENT_LANGUAGES,
    CountedFieldsModel,
    ExampleFlagModel,
    TimeStampedModel,
    Visibility,
)
from toolkit.search import uses_full_text_search


class TargetGroup(TimeStampedModel):
    """People a practice is meant for: young migrants, refugees, women…"""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VolunteeringModel(models.TextChoices):
    MENTORING = "mentoring", _("Mentoring and buddy schemes")
    MIGRANTS_AS_VOLUNTEERS = "migrants_volunteer", _("Migrants as volunteers")
    NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood volunteering")
    SKILLS_BASED = "skills", _("Skills-based volunteering")
    EVENT_BASED = "event", _("Event-based volunteering")
    ONLINE = "online", _("Online volunteering")
    OTHER = "other", _("Other")


class PracticeStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    # Contexts: "Published" agrees with what was published (a practice, a plan) in
    # languages with gender, and a decision reads differently from a state.
    PUBLISHED = "published", pgettext_lazy("practice status", "Published")


# The columns a practice card shows, of the practice and of its partner; a list reads no
# others (the long texts alone have a column per language each: kilobytes a row).
CARD_FIELDS = (
    "title",
    "summary",
    "slug",
    "origin_city",
    "origin_country",
    "volunteering_model",
    "language",
    "is_example",
    "organisation__name",
    "organisation__name_language",
)


def _linked_ids(through: type[models.Model], column: str) -> Subquery:
    """The ids a practice links to through ``through``, as "3,1", read with its row."""
    links = through.objects.filter(practice=OuterRef("pk")).values("practice")
    return Subquery(
        links.annotate(ids=StringAgg(Cast(column, models.CharField()), Value(","))).values("ids")
    )


class PracticeQuerySet(models.QuerySet):
    def published(self) -> "PracticeQuerySet":
        return self.filter(status=PracticeStatus.PUBLISHED)

    def editable_by(self, user) -> "PracticeQuerySet":
        """Practices of the organisations ``user`` edits; none for anyone else."""
        return self.filter(organisation__in=Organisation.objects.editable_by(user))

    def in_cluster(self, cluster: Cluster) -> "PracticeQuerySet":
        return self.filter(clusters=cluster)

    def by_organisation(self, organisation: Organisation) -> "PracticeQuerySet":
        return self.filter(organisation=organisation)

    def for_cards(self) -> "PracticeQuerySet":
        """What ``includes/_practice_card.html`` shows: the practice, its partner, and the ids
        of its clusters and target groups, which ``prepare_cards`` turns into names for the
        practices whose card is rendered. PostgreSQL keeps the ids beside the practice
        (``PracticeSearchVectors``); elsewhere they are gathered from the links ("3,1")."""
        if uses_full_text_search():
            ids = {
                "cluster_ids": F("search_vectors__cluster_ids"),
                "target_group_ids": F("search_vectors__target_group_ids"),
            }
        else:
            ids = {
                "cluster_ids": _linked_ids(self.model.clusters.through, "cluster_id"),
                "target_group_ids": _linked_ids(self.model.target_groups.through, "targetgroup_id"),
            }
        return self.select_related("organisation").only(*CARD_FIELDS).annotate(**ids)

    def with_links(self) -> "PracticeQuerySet":
        """The practices with their partner, clusters and target groups, for the pages and
        exports that read ``practice.clusters.all()``, without a query per practice."""
        return self.select_related("organisation").prefetch_related("clusters", "target_groups")

    def related_to(self, practice: "Practice") -> "PracticeQuerySet":
        """Other practices sharing a cluster with ``practice``, most clusters in common first."""
        return (
            self.filter(clusters__in=practice.clusters.all())
            .exclude(pk=practice.pk)
            .annotate(shared_clusters=models.Count("clusters"))
            .order_by("-shared_clusters", "-published_at", "title")
        )


def prepare_cards(practices: Sequence["Practice"]) -> None:
    """Work out once what the cards of ``practices`` (read by ``for_cards()``) show beside
    their own columns, in the reader's language: ``practice.card_clusters`` and
    ``practice.card_target_groups``, the names of its clusters and target groups in their
    models' order, and ``practice.card_model``, its volunteering model.

    The names are worked out once for all the cards, and kept in the cache until a
    cluster, a partner or a target group changes: otherwise two queries of a handful of
    rows each, whatever the number of practices (a prefetch made an object per link and
    a query set per practice, and each card worked out its names again).
    """
    if not practices:
        return
    clusters, groups = cached_fragment(
        "card-names", _card_names, depends_on=("cities", model_token(TargetGroup))
    )
    models_shown = dict(VolunteeringModel.choices)
    for practice in practices:
        practice.card_clusters = _names(clusters, practice.cluster_ids)
        practice.card_target_groups = _names(groups, practice.target_group_ids)
        model = practice.volunteering_model
        practice.card_model = models_shown.get(model, model)


def _card_names() -> tuple[dict[int, SafeString], dict[int, SafeString]]:
    """Every cluster's and target group's name as cards show them, in the reader's language
    and the models' order, which the practice's page follows too (a cluster's project's
    first, then names)."""
    clusters = {cluster.pk: shown_html(cluster, "short_name") for cluster in Cluster.objects.all()}
    groups = {group.pk: shown_html(group, "name") for group in TargetGroup.objects.all()}
    return clusters, groups


def _names(names: dict[int, SafeString], ids: list[int] | str | None) -> list[SafeString]:
    """The names of ``ids`` ([3, 1] or "3,1"), in the order of ``names``."""
    if isinstance(ids, str):
        ids = ids.split(",")
    linked = {int(pk) for pk in ids or ()}
    return [name for pk, name in names.items() if pk in linked]


class Practice(CountedFieldsModel, TimeStampedModel, ExampleFlagModel):
    """A proven way of including migrants through volunteering, written up for the toolkit."""

    # What practices are counted and grouped by, besides their clusters and target groups:
    # the funder's figures (reporting.figures) and the toolkit's facets. An edit of the
    # texts leaves both as they were (core.cache.counts_token).
    counted_fields = (
        "status",
        "organisation",
        "created_at",
        "published_at",
        "volunteering_model",
        "origin_country",
        "origin_city",
        "language",
    )
    # Its partner's and its clusters' pages show it in a section kept apart: an edit of a
    # practice renders that section again, not their whole page (core.cache.children_token).
    # The partner is a counted field, so that a move to another partner leaves the first
    # one's list too; a change of clusters is a change of links, which says both.
    listed_apart_by = ("organisation", "clusters")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(
        _("summary"), help_text=_("A few plain sentences for volunteers and the public.")
    )
    description = models.TextField(_("description"), blank=True)
    origin_city = models.CharField(_("city of origin"), max_length=100)
    origin_country = CountryField(_("country of origin"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="practices",
        null=True,
        blank=True,
        verbose_name=_("partner organisation"),
        help_text=_("Empty for practices from outside the network."),
    )
    clusters = models.ManyToManyField(
        Cluster, related_name="practices", blank=True, verbose_name=_("clusters")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, related_name="practices", blank=True, verbose_name=_("target groups")
    )
    volunteering_model = models.CharField(
        _("volunteering model"), max_length=20, choices=VolunteeringModel.choices
    )
    how_it_works = models.TextField(_("how it works"), blank=True)
    resources_needed = models.TextField(_("resources needed"), blank=True)
    results = models.TextField(_("results and evidence"), blank=True)
    transferability = models.TextField(_("transferability tips"), blank=True)
    contact = models.TextField(_("contact"), blank=True)
    website = models.URLField(_("website"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=PracticeStatus.choices,
        default=PracticeStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = PracticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        ordering = ["-published_at", "title"]
        indexes = [
            # Lists read published practices newest first; counts by partner (the funder's
            # report) read the index alone, not 2,500 pages of wide rows per 10,000.
            models.Index(
                fields=["status", "-published_at"],
                include=["id", "organisation"],
                name="practice_status_published",
            ),
            models.Index(fields=["origin_country"]),
            models.Index(fields=["volunteering_model"]),
            # A search reads, for each published practice it matches, what the facets count
            # and what ranks and sorts it: from this index alone (an index-only scan of
            # about 1 ms at 10,000 practices), not from wide rows (about 11 ms).
            models.Index(
                fields=["id"],
                include=[
                    "published_at",
                    "origin_city",
                    "language",
                    "volunteering_model",
                    "origin_country",
                    *columns_in_every_language("title"),
                ],
                condition=Q(status=PracticeStatus.PUBLISHED),
                name="practice_published_search",
            ),
        ]
        permissions = [("publish_practice", _("Can publish and unpublish practices"))]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="practice_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse_kept("toolkit:detail", slug=self.slug)


LANGUAGE_NAMES = dict(CONTENT_LANGUAGES)


class KeptIdsField(models.Field):
    """Ids that PostgreSQL's triggers keep in an array (``bigint[]``), read in raw SQL.

    SQLite has no arrays: there the column is text and stays empty, as the triggers'
    tables do. NULL stands for no id at all.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("null", True)
        kwargs.setdefault("editable", False)
        super().__init__(*args, **kwargs)

    def db_type(self, connection) -> str:
        return "bigint[]" if connection.vendor == "postgresql" else "text"

    def to_python(self, value):
        """A list of ids, from the list itself or from its JSON (an export, SQLite's text)."""
        if isinstance(value, str):
            return json.loads(value) if value else None
        return value

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def get_db_prep_value(self, value, connection, prepared=False):
        value = self.to_python(value)
        if value is not None and connection.vendor != "postgresql":
            return json.dumps(value)
        return value

    def value_to_string(self, obj) -> str:
        value = self.value_from_object(obj)
        return "" if value is None else json.dumps(value)


@KeptIdsField.register_lookup
class KeptIdsOverlap(models.Lookup):
    """``cluster_ids__overlaps=[4, 7]``: whether the kept ids hold one of these (``&&``).

    Checked on the row itself, it costs a search the rows it matches; the same
    condition through the links (EXISTS) reads every link of the chosen options,
    whatever the search matched. PostgreSQL only.
    """

    lookup_name = "overlaps"

    def get_db_prep_lookup(self, value, connection):
        return "%s", [[int(pk) for pk in value]]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} && {rhs}::bigint[]", [*lhs_params, *rhs_params]


def practice_copy(verbose_name: str, *, max_length: int) -> models.CharField:
    """A copy of a practice's text column in its search row: NULL until PostgreSQL's
    trigger writes it (the vectors' trigger may create the row first), and on SQLite."""
    return models.CharField(verbose_name, max_length=max_length, null=True, editable=False)


class PracticeSearchVectors(models.Model):
    """A practice's words in each language, weighted and stemmed for full-text search.

    PostgreSQL alone writes these rows: triggers compute them whenever a practice
    is inserted or its texts change, by any path (the save service, the admin,
    ``QuerySet.update()``, ``bulk_create()``): migration 0011 says how, 0015
    makes them write once per statement. They live beside the practice rather
    than on it because a practice row is wide (ten languages of every text):
    ranking thousands of matches reads these narrow rows several times faster.
    On SQLite the table stays empty (search falls back to ``icontains``).
    ``toolkit.search`` says how each vector is built and read.

    Beside the vectors, the row holds copies of what the toolkit's facets count, sort
    and rank a search's matches by (status, partner, model, country, city, language,
    publication, the title in each language), which PostgreSQL's triggers write from
    the practice in the statement that changes it (migration 0019): a search and its
    facet counts read the matches' rows here alone, without a lookup of each match's
    practice row (at 100,000 practices, a third of the search's time).
    """

    practice = models.OneToOneField(
        Practice,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_vectors",
        verbose_name=_("practice"),
    )
    search_en = SearchVectorField(LANGUAGE_NAMES["en"], null=True, editable=False)
    search_it = SearchVectorField(LANGUAGE_NAMES["it"], null=True, editable=False)
    search_nl = SearchVectorField(LANGUAGE_NAMES["nl"], null=True, editable=False)
    search_cs = SearchVectorField(LANGUAGE_NAMES["cs"], null=True, editable=False)
    search_de = SearchVectorField(LANGUAGE_NAMES["de"], null=True, editable=False)
    search_es = SearchVectorField(LANGUAGE_NAMES["es"], null=True, editable=False)
    search_lv = SearchVectorField(LANGUAGE_NAMES["lv"], null=True, editable=False)
    search_el = SearchVectorField(LANGUAGE_NAMES["el"], null=True, editable=False)
    search_fr = SearchVectorField(LANGUAGE_NAMES["fr"], null=True, editable=False)
    search_fi = SearchVectorField(LANGUAGE_NAMES["fi"], null=True, editable=False)
    # The practice's clusters and target groups, kept by triggers as its links change
    # (migration 0017): the toolkit's facets count the options of the matching practices
    # from these narrow rows instead of joining the matches to every link.
    cluster_ids = KeptIdsField(_("clusters"))
    target_group_ids = KeptIdsField(_("target groups"))
    # Copies of the practice's columns (migration 0019), read by the toolkit's search.
    status = practice_copy(_("status"), max_length=10)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("partner organisation"),
    )
    volunteering_model = practice_copy(_("volunteering model"), max_length=20)
    origin_country = practice_copy(_("country of origin"), max_length=2)
    origin_city = practice_copy(_("city of origin"), max_length=100)
    language = practice_copy(_("language"), max_length=5)
    published_at = models.DateTimeField(_("published at"), null=True, editable=False)
    title_en = practice_copy(_("title"), max_length=200)
    title_it = practice_copy(_("title"), max_length=200)
    title_nl = practice_copy(_("title"), max_length=200)
    title_cs = practice_copy(_("title"), max_length=200)
    title_de = practice_copy(_("title"), max_length=200)
    title_es = practice_copy(_("title"), max_length=200)
    title_lv = practice_copy(_("title"), max_length=200)
    title_el = practice_copy(_("title"), max_length=200)
    title_fr = practice_copy(_("title"), max_length=200)
    title_fi = practice_copy(_("title"), max_length=200)

    class Meta:
        verbose_name = _("search vectors of a practice")
        verbose_name_plural = _("search vectors of practices")

    def __str__(self) -> str:
        return str(self.practice_id)


class PublishedFacetCount(models.Model):
    """How many published practices have one value of one toolkit facet.

    What the toolkit shows before anyone searches or filters: counting every
    published practice at each visit reads them all (and their clusters and
    target groups), and takes ten times longer with ten times the practices. On
    PostgreSQL triggers keep these counts whenever a practice is inserted,
    deleted, published, unpublished or moved to another value, or gains or loses
    a cluster or a target group, by any path (the save service, the admin,
    ``QuerySet.update()``, ``bulk_create()``): migration 0012 says what they
    count, 0014 makes them count once per statement. Clusters and target
    groups are counted by id. The facet ``total`` counts the published practices.
    On SQLite the table stays empty and the counts are made at each visit.
    """

    # The facet counting every published practice, with the value "".
    TOTAL = "total"

    facet = models.CharField(_("facet"), max_length=20)
    value = models.CharField(_("value"), max_length=100)
    count = models.IntegerField(_("count"), default=0)

    class Meta:
        verbose_name = _("published practices with a facet value")
        verbose_name_plural = _("published practices with each facet value")
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="facet_count_unique_value"),
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}: {self.count}"


class ProjectPracticeCount(models.Model):
    """How many published practices a project counts: those of its partners and those in
    one of its clusters, each once (``reporting.figures.scoped_practices``).

    The funder's summary and a project's key figures show it. Counting it reads every
    published practice (their index, at best) and takes ten times longer with ten times
    the practices. On PostgreSQL triggers count it again, once per statement, whenever
    what it depends on changes, by any path: a practice published, unpublished, added,
    deleted or moved to another partner, a cluster link, a participation, a cluster moved
    to another project, a project added or deleted (migration 0016). On SQLite the table
    stays empty and the number is counted at each visit.

    No foreign key constraint: the triggers, not Django's deletion, remove the row of a
    deleted project, after the project itself is gone.
    """

    project = models.OneToOneField(
        Project,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
        verbose_name=_("project"),
    )
    published = models.IntegerField(_("Published practices"), default=0)

    class Meta:
        verbose_name = _("published practices of a project")
        verbose_name_plural = _("published practices of each project")

    def __str__(self) -> str:
        return f"{self.project_id}: {self.published}"


class Resource(FileMetadataMixin, TimeStampedModel):
    """A downloadable file or a link that helps someone copy a practice."""

    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="resources",
        verbose_name=_("practice"),
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=GeneratedName("resources"),
        blank=True,
        validators=[validate_document],
    )
    original_filename = models.CharField(_("original filename"), max_length=255, blank=True)
    url = models.URLField(_("link"), blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=CONTENT_LANGUAGES, default="en"
    )
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    checksum = models.CharField(_("SHA-256 checksum"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["practice", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="resource_file_xor_link",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_link(self) -> bool:
        return bool(self.url)


# --- Benchmarking --------------------------------------------------------------


class BenchmarkCriterion(TimeStampedModel):
    """One of a project's criteria for assessing practices (evidence of results, cost…)."""

    project = models.ForeignKey(
        "cities.Project",
        on_delete=models.CASCADE,
        related_name="benchmark_criteria",
        verbose_name=_("project"),
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("benchmarking criterion")
        verbose_name_plural = _("benchmarking criteria")
        ordering = ["project", "position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "slug"], name="benchmarkcriterion_unique_slug"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectBenchmarking(Project):
    """A project as the toolkit sees it: its scale, threshold, criteria and peer reviewers.

    The same rows as ``Project``; the admin edits a project's benchmarking here, so the
    project's own admin (cities) need not know the toolkit.
    """

    class Meta:
        proxy = True
        verbose_name = _("project benchmarking")
        verbose_name_plural = _("projects' benchmarking")

    def __str__(self) -> str:
        return str(self.acronym)


class PeerReviewer(TimeStampedModel):
    """A person a coordinator appointed to peer-review practices of a project."""

    project = models.ForeignKey(
        "cities.Project",
        on_delete=models.CASCADE,
        related_name="peer_reviewers",
        verbose_name=_("project"),
    )
    user = models.ForeignKey(
        "users.User",
        on_delete=models.CASCADE,
        related_name="peer_reviews_for",
        verbose_name=_("user"),
    )

    class Meta:
        verbose_name = _("peer reviewer")
        verbose_name_plural = _("peer reviewers")
        ordering = ["project", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="peerreviewer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.project}"


class AssessmentKind(models.TextChoices):
    SELF = "self", _("Self-assessment")
    PEER = "peer", _("Peer review")


class Assessment(TimeStampedModel):
    """A scored assessment of a practice: a self-assessment or a peer review, kept apart."""

    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("practice"),
    )
    project = models.ForeignKey(
        "cities.Project",
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("project"),
        help_text=_("Whose criteria, scale and threshold apply."),
    )
    kind = models.CharField(_("kind"), max_length=5, choices=AssessmentKind.choices)
    assessor = models.ForeignKey(
        "users.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("assessor"),
    )
    assessed_on = models.DateField(_("assessed on"))
    comment = models.TextField(_("overall comment"), blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["practice", "-assessed_on"]
        get_latest_by = "assessed_on"
        indexes = [models.Index(fields=["practice", "kind", "-assessed_on"])]

    def __str__(self) -> str:
        return f"{self.practice} — {self.get_kind_display()} ({self.assessed_on})"


class Score(TimeStampedModel):
    """The score an assessment gives on one criterion, with its justification."""

    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("assessment"),
    )
    criterion = models.ForeignKey(
        BenchmarkCriterion,
        on_delete=models.PROTECT,
        related_name="scores",
        verbose_name=_("criterion"),
    )
    value = models.PositiveSmallIntegerField(_("score"))
    justification = models.TextField(_("justification"))

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["assessment", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"], name="score_one_per_criterion"
            ),
            # The project's scale is at most 0 to 10; forms check the project's own maximum.
            models.CheckConstraint(condition=Q(value__lte=10), name="score_at_most_ten"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.value}"


# --- Review ----------------------------------------------------------------------


class ReviewDecision(models.TextChoices):
    SENT_BACK = "sent_back", _("Sent back for changes")
    PUBLISHED = "published", pgettext_lazy("review decision", "Published")


class ReviewNoteQuerySet(models.QuerySet):
    def sent_back(self) -> "ReviewNoteQuerySet":
        return self.filter(decision=ReviewDecision.SENT_BACK)


class ReviewNote(models.Model):
    """A coordinator's decision on a practice submitted for review, with a comment."""

    practice = models.ForeignKey(
        Practice,
        on_delete=models.CASCADE,
        related_name="review_notes",
        verbose_name=_("practice"),
    )
    # Kept when the coordinator's account is deleted: the decision belongs to the practice.
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_notes",
        verbose_name=_("author"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=ReviewDecision.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ReviewNoteQuerySet.as_manager()

    class Meta:
        # Kept from when review notes lived in the workspace app: the rows never moved.
        db_table = "workspace_reviewnote"
        verbose_name = _("review note")
        verbose_name_plural = _("review notes")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decision="sent_back") | ~models.Q(comment=""),
                name="reviewnote_sent_back_has_comment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.practice} — {self.get_decision_display()}"
