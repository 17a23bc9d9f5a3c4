from django.contrib import admin
from import_export import fields, resources

from cities.models import (
    Cluster,
    Invitation,
    Membership,
    Organisation,
    Participation,
    Project,
    WorkingGroup,
)
from core.admin import CSVExportMixin, TranslatedModelAdmin, many_names


class OrganisationResource(resources.ModelResource):
    class Meta:
        model = Organisation
        fields = (
            "id",
            "name",
            "name_language",
            "slug",
            "kind",
            "city",
            "country",
            "latitude",
            "longitude",
            "website",
            "is_example",
            "created_at",
            "updated_at",
        )


class ProjectResource(resources.ModelResource):
    class Meta:
        model = Project
        fields = (
            "id",
            "acronym",
            "name",
            "slug",
            "fund",
            "start_date",
            "end_date",
            "duration_months",
            "target_study_visits",
            "target_staff_exchanges",
            "target_clusters",
            "target_cities",
        )


class ParticipationResource(resources.ModelResource):
    project = fields.Field(attribute="project__acronym", column_name="project")
    organisation = fields.Field(attribute="organisation__name", column_name="organisation")

    class Meta:
        model = Participation
        fields = ("id", "project", "organisation", "role", "eu_contribution")


class ClusterResource(resources.ModelResource):
    project = fields.Field(attribute="project__acronym", column_name="project")

    class Meta:
        model = Cluster
        fields = ("id", "project", "position", "short_name", "name", "slug")


class WorkingGroupResource(resources.ModelResource):
    cluster = fields.Field(attribute="cluster__short_name", column_name="cluster")
    lead = fields.Field(attribute="lead__name", column_name="lead")
    members = many_names("members", Organisation, "name")

    class Meta:
        model = WorkingGroup
        fields = ("id", "name", "slug", "cluster", "lead", "members")


class MembershipResource(resources.ModelResource):
    user = fields.Field(attribute="user__email", column_name="user")
    organisation = fields.Field(attribute="organisation__name", column_name="organisation")

    class Meta:
        model = Membership
        fields = ("id", "user", "organisation", "role", "created_at")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["user", "role"]
    autocomplete_fields = ["user"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    fields = ["organisation", "role", "eu_contribution"]
    autocomplete_fields = ["organisation"]


@admin.register(Organisation)
class OrganisationAdmin(CSVExportMixin, TranslatedModelAdmin):
    resource_classes = [OrganisationResource]
    list_display = ["name", "kind", "city", "country", "is_example"]
    list_filter = ["kind", "country", "is_example"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    # One field per language for the name (modeltranslation), then the language the
    # default one is written in.
    fields = [
        "name",
        "name_language",
        "slug",
        "kind",
        ("city", "country"),
        ("latitude", "longitude"),
        "website",
        "description",
        "logo",
        "is_example",
    ]
    inlines = [MembershipInline]


@admin.register(Project)
class ProjectAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [ProjectResource]
    list_display = ["acronym", "name", "fund", "start_date", "end_date"]
    search_fields = ["acronym", "name"]
    prepopulated_fields = {"slug": ["acronym"]}
    fields = [
        ("name", "acronym"),
        "slug",
        "fund",
        ("start_date", "end_date", "duration_months"),
        "description",
        (
            "target_study_visits",
            "target_staff_exchanges",
            "target_clusters",
            "target_cities",
        ),
    ]
    inlines = [ParticipationInline]


@admin.register(Participation)
class ParticipationAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [ParticipationResource]
    list_display = ["organisation", "project", "role", "eu_contribution"]
    list_filter = ["role", "project"]
    list_select_related = ["organisation", "project"]
    search_fields = ["organisation__name", "project__acronym", "project__name"]
    autocomplete_fields = ["project", "organisation"]


@admin.register(Cluster)
class ClusterAdmin(CSVExportMixin, TranslatedModelAdmin):
    resource_classes = [ClusterResource]
    list_display = ["short_name", "name", "project", "position"]
    list_filter = ["project"]
    list_select_related = ["project"]
    search_fields = ["short_name", "name"]
    prepopulated_fields = {"slug": ["short_name"]}
    autocomplete_fields = ["project"]


@admin.register(WorkingGroup)
class WorkingGroupAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [WorkingGroupResource]
    export_prefetch_related = ("members",)
    list_display = ["name", "cluster", "lead"]
    list_filter = ["cluster"]
    list_select_related = ["cluster", "lead"]
    search_fields = ["name", "cluster__short_name", "lead__name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["cluster", "lead", "members"]


@admin.register(Membership)
class MembershipAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [MembershipResource]
    list_display = ["user", "organisation", "role", "status"]
    list_filter = ["status", "role"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__email", "user__name", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are sent from "Invite people" in My organisation; here they are read."""

    list_display = ["email", "organisation", "role", "invited_by", "created_at", "accepted_at"]
    list_filter = ["role", "organisation"]
    list_select_related = ["organisation", "invited_by"]
    search_fields = ["email", "organisation__name"]
    readonly_fields = ["email", "organisation", "role", "invited_by", "created_at", "accepted_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
