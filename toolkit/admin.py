from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.widgets import ManyToManyWidget

from cities.models import Cluster
from toolkit.models import Practice, PracticeStatus, Resource, TargetGroup
from toolkit.services import practice_publish, practice_unpublish
from values_portal.admin_export import CSVExportMixin


class TargetGroupResource(resources.ModelResource):
    class Meta:
        model = TargetGroup
        fields = ("id", "name", "slug", "description")


class PracticeResource(resources.ModelResource):
    organisation = fields.Field(attribute="organisation__name", column_name="organisation")
    clusters = fields.Field(
        attribute="clusters",
        column_name="clusters",
        widget=ManyToManyWidget(Cluster, field="short_name", separator="; "),
    )
    target_groups = fields.Field(
        attribute="target_groups",
        column_name="target_groups",
        widget=ManyToManyWidget(TargetGroup, field="name", separator="; "),
    )

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
class TargetGroupAdmin(CSVExportMixin, admin.ModelAdmin):
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
class PracticeAdmin(CSVExportMixin, admin.ModelAdmin):
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
            self.log_change(request, practice, gettext("Published."))
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
            self.log_change(request, practice, gettext("Unpublished."))
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
