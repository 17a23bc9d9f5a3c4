from django.contrib import admin
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext
from import_export import fields, resources
from simple_history.admin import SimpleHistoryAdmin

from cities.models import Cluster
from core.admin import CSVExportMixin, TranslatedModelAdmin, many_names
from toolkit.models import (
    Assessment,
    BenchmarkCriterion,
    PeerReviewer,
    Practice,
    PracticeStatus,
    ProjectBenchmarking,
    Resource,
    ReviewNote,
    Score,
    TargetGroup,
)
from toolkit.services import practice_publish, practice_unpublish


class TargetGroupResource(resources.ModelResource):
    class Meta:
        model = TargetGroup
        fields = ("id", "name", "slug", "description")


class PracticeResource(resources.ModelResource):
    organisation = fields.Field(attribute="organisation__name", column_name="organisation")
    clusters = many_names("clusters", Cluster, "short_name")
    target_groups = many_names("target_groups", TargetGroup, "name")

    class Meta:
        model = Practice
        fields = (
            "id",
            "title",
            "slug",
            "summary",
            "origin_city",
            "origin_country",
            "organisation",
            "clusters",
            "target_groups",
            "volunteering_model",
            "language",
            "status",
            "published_at",
            "website",
            "is_example",
            "created_at",
            "updated_at",
        )


class ResourceResource(resources.ModelResource):
    practice = fields.Field(attribute="practice__title", column_name="practice")

    class Meta:
        model = Resource
        fields = (
            "id",
            "practice",
            "title",
            "original_filename",
            "url",
            "language",
            "visibility",
            "size",
            "checksum",
            "created_at",
        )


@admin.register(TargetGroup)
class TargetGroupAdmin(CSVExportMixin, TranslatedModelAdmin):
    resource_classes = [TargetGroupResource]
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


class ResourceInline(admin.StackedInline):
    model = Resource
    extra = 0
    fields = [
        "title",
        "file",
        "url",
        "language",
        "visibility",
        "original_filename",
        "size",
        "checksum",
    ]
    readonly_fields = ["original_filename", "size", "checksum"]


@admin.register(Practice)
class PracticeAdmin(SimpleHistoryAdmin, CSVExportMixin, TranslatedModelAdmin):
    # "History" lists every change: who, when, which fields (django-simple-history).
    resource_classes = [PracticeResource]
    export_prefetch_related = ("clusters", "target_groups")
    list_display = [
        "title",
        "organisation",
        "origin_city",
        "origin_country",
        "volunteering_model",
        "status",
        "published_at",
        "is_example",
    ]
    list_filter = [
        "status",
        "volunteering_model",
        "language",
        "is_example",
        "clusters",
        "target_groups",
        "origin_country",
    ]
    list_select_related = ["organisation"]
    search_fields = ["title", "summary", "origin_city", "organisation__name"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "clusters", "target_groups"]
    # Publication goes through the actions, which check the publish permission.
    readonly_fields = ["status", "published_at", "created_at", "updated_at"]
    inlines = [ResourceInline]
    actions = ["publish", "unpublish"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "summary",
                    "description",
                    ("origin_city", "origin_country"),
                    "organisation",
                    "clusters",
                    "target_groups",
                    "volunteering_model",
                    "language",
                    "is_example",
                ]
            },
        ),
        (
            _("How to copy it"),
            {
                "fields": [
                    "how_it_works",
                    "resources_needed",
                    "results",
                    "transferability",
                    "contact",
                    "website",
                ]
            },
        ),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "created_at", "updated_at"]},
        ),
    ]

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("toolkit.publish_practice")

    @admin.action(permissions=["publish"], description=_("Publish selected practices"))
    def publish(self, request: HttpRequest, queryset: QuerySet[Practice]) -> None:
        count = 0
        for practice in queryset.exclude(status=PracticeStatus.PUBLISHED):
            practice_publish(practice=practice, by=request.user)
            self.log_change(
                request, practice, pgettext("admin history of a practice", "Published.")
            )
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d practice was published.",
                "%(count)d practices were published.",
                count,
            )
            % {"count": count},
        )

    @admin.action(
        permissions=["publish"], description=_("Unpublish selected practices (back to draft)")
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[Practice]) -> None:
        count = 0
        for practice in queryset.exclude(status=PracticeStatus.DRAFT):
            practice_unpublish(practice=practice, by=request.user)
            self.log_change(
                request, practice, pgettext("admin history of a practice", "Unpublished.")
            )
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d practice was returned to draft.",
                "%(count)d practices were returned to draft.",
                count,
            )
            % {"count": count},
        )


@admin.register(Resource)
class ResourceAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [ResourceResource]
    list_display = ["title", "practice", "language", "visibility", "size"]
    list_filter = ["language", "visibility"]
    list_select_related = ["practice"]
    search_fields = ["title", "original_filename", "url", "practice__title"]
    autocomplete_fields = ["practice"]
    fields = [
        "practice",
        "title",
        "file",
        "url",
        "language",
        "visibility",
        "original_filename",
        "size",
        "checksum",
    ]
    readonly_fields = ["original_filename", "size", "checksum"]


# --- Benchmarking and the transfer trail ---------------------------------------------


class ScoreResource(resources.ModelResource):
    practice = fields.Field(attribute="assessment__practice__title", column_name="practice")
    project = fields.Field(attribute="assessment__project__acronym", column_name="project")
    kind = fields.Field(attribute="assessment__kind", column_name="kind")
    assessed_on = fields.Field(attribute="assessment__assessed_on", column_name="assessed_on")
    criterion = fields.Field(attribute="criterion__name", column_name="criterion")

    class Meta:
        model = Score
        fields = ("id", "practice", "project", "kind", "assessed_on", "criterion", "value")
        export_order = fields


class BenchmarkCriterionInline(admin.TabularInline):
    model = BenchmarkCriterion
    fk_name = "project"
    extra = 0
    # The interface's two languages side by side: criteria are shown to every reader.
    fields = ["position", "name_en", "name_it", "slug", "description_en", "description_it"]
    prepopulated_fields = {"slug": ["name_en"]}


class PeerReviewerInline(admin.TabularInline):
    model = PeerReviewer
    fk_name = "project"
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(ProjectBenchmarking)
class ProjectBenchmarkingAdmin(admin.ModelAdmin):
    """Each project's benchmarking on one page; projects are made in "Partners and projects"."""

    list_display = ["acronym", "name", "benchmark_scale_max", "benchmark_threshold"]
    search_fields = ["acronym", "name"]
    fields = ["acronym", ("benchmark_scale_max", "benchmark_threshold")]
    readonly_fields = ["acronym"]
    inlines = [BenchmarkCriterionInline, PeerReviewerInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(BenchmarkCriterion)
class BenchmarkCriterionAdmin(CSVExportMixin, admin.ModelAdmin):
    list_display = ["name", "project", "position"]
    list_filter = ["project"]
    list_select_related = ["project"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["project"]
    fields = ["project", "position", "name", "slug", "description"]


@admin.register(PeerReviewer)
class PeerReviewerAdmin(CSVExportMixin, admin.ModelAdmin):
    list_display = ["user", "project", "created_at"]
    list_filter = ["project"]
    list_select_related = ["user", "project"]
    search_fields = ["user__email", "user__name"]
    autocomplete_fields = ["project", "user"]
    fields = ["project", "user"]


class ScoreInlineFormSet(BaseInlineFormSet):
    """Scores on the assessment's own project's criteria, within that project's scale."""

    def clean(self):
        super().clean()
        project = getattr(self.instance, "project", None) if self.instance.project_id else None
        if project is None:
            return
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            criterion = form.cleaned_data.get("criterion")
            value = form.cleaned_data.get("value")
            if criterion is not None and criterion.project_id != project.pk:
                form.add_error(
                    "criterion",
                    _("Choose a criterion of %(project)s.") % {"project": project.acronym},
                )
            if value is not None and value > project.benchmark_scale_max:
                form.add_error(
                    "value",
                    _("%(project)s scores from 0 to %(max)d.")
                    % {"project": project.acronym, "max": project.benchmark_scale_max},
                )


class ScoreInline(admin.TabularInline):
    model = Score
    formset = ScoreInlineFormSet
    extra = 0
    fields = ["criterion", "value", "justification"]
    autocomplete_fields = ["criterion"]


@admin.register(Assessment)
class AssessmentAdmin(CSVExportMixin, admin.ModelAdmin):
    list_display = ["practice", "project", "kind", "assessed_on", "assessor"]
    list_filter = ["kind", "project", "assessed_on"]
    list_select_related = ["practice", "project", "assessor"]
    search_fields = ["practice__title", "assessor__email", "comment"]
    date_hierarchy = "assessed_on"
    autocomplete_fields = ["practice", "project", "assessor"]
    fields = ["practice", "project", "kind", "assessor", "assessed_on", "comment"]
    inlines = [ScoreInline]


@admin.register(Score)
class ScoreAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [ScoreResource]
    list_display = ["criterion", "value", "assessment"]
    list_filter = ["assessment__kind", "assessment__project", "criterion"]
    list_select_related = ["criterion", "assessment__practice"]
    search_fields = ["assessment__practice__title", "criterion__name", "justification"]
    autocomplete_fields = ["assessment", "criterion"]
    fields = ["assessment", "criterion", "value", "justification"]


@admin.register(ReviewNote)
class ReviewNoteAdmin(admin.ModelAdmin):
    """The history of review decisions; they are made on the review page, not here."""

    list_display = ["practice", "decision", "author", "created_at"]
    list_filter = ["decision"]
    list_select_related = ["practice", "author"]
    search_fields = ["practice__title", "comment"]
    readonly_fields = ["practice", "author", "decision", "comment", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
