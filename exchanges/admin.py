from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from simple_history.admin import SimpleHistoryAdmin

from core.admin import CSVExportMixin, TranslatedModelAdmin, many_names
from exchanges.forms import TransferAdminForm
from exchanges.models import (
    ActionPlan,
    ActionPlanVersion,
    PlanAction,
    PublicationStatus,
    StaffExchange,
    StudyVisit,
    Transfer,
    VisitDocument,
    VisitParticipation,
    VisitRegistration,
    VisitTakeHome,
)
from exchanges.services import (
    action_plan_publish,
    action_plan_unpublish,
    plan_version_recorded,
    staff_exchange_recorded,
    study_visit_open_registration,
    study_visit_recorded,
    transfer_recorded,
)
from toolkit.models import Practice


class StudyVisitResource(resources.ModelResource):
    project = fields.Field(attribute="project__acronym", column_name="project")
    host = fields.Field(attribute="host__name", column_name="host")
    cluster = fields.Field(attribute="cluster__short_name", column_name="cluster")
    working_group = fields.Field(attribute="working_group__name", column_name="working_group")

    class Meta:
        model = StudyVisit
        fields = (
            "id",
            "title",
            "slug",
            "project",
            "host",
            "cluster",
            "working_group",
            "start_date",
            "end_date",
            "status",
            "is_example",
        )


class VisitParticipationResource(resources.ModelResource):
    visit = fields.Field(attribute="visit__title", column_name="visit")
    organisation = fields.Field(attribute="organisation__name", column_name="organisation")

    class Meta:
        model = VisitParticipation
        fields = (
            "id",
            "visit",
            "organisation",
            "city_staff",
            "volunteering_staff",
            "volunteers",
            "migrants",
        )


class VisitDocumentResource(resources.ModelResource):
    visit = fields.Field(attribute="visit__title", column_name="visit")

    class Meta:
        model = VisitDocument
        fields = (
            "id",
            "visit",
            "title",
            "original_filename",
            "language",
            "visibility",
            "size",
            "created_at",
        )


class StaffExchangeResource(resources.ModelResource):
    project = fields.Field(attribute="project__acronym", column_name="project")
    sending = fields.Field(attribute="sending__name", column_name="sending")
    hosting = fields.Field(attribute="hosting__name", column_name="hosting")
    cluster = fields.Field(attribute="cluster__short_name", column_name="cluster")

    class Meta:
        model = StaffExchange
        fields = (
            "id",
            "title",
            "slug",
            "project",
            "kind",
            "sending",
            "hosting",
            "cluster",
            "start_date",
            "end_date",
            "staff_count",
            "status",
            "is_example",
        )


class ActionPlanResource(resources.ModelResource):
    organisation = fields.Field(attribute="organisation__name", column_name="organisation")
    project = fields.Field(attribute="project__acronym", column_name="project")
    study_visits = many_names("study_visits", StudyVisit, "title")
    staff_exchanges = many_names("staff_exchanges", StaffExchange, "title")

    class Meta:
        model = ActionPlan
        fields = (
            "id",
            "title",
            "slug",
            "organisation",
            "project",
            "language",
            "status",
            "visibility",
            "published_at",
            "study_visits",
            "staff_exchanges",
            "is_example",
        )


class PlanActionResource(resources.ModelResource):
    plan = fields.Field(attribute="plan__title", column_name="plan")
    organisation = fields.Field(attribute="plan__organisation__name", column_name="organisation")
    inspired_by_practices = many_names("inspired_by_practices", Practice, "title")
    inspired_by_visits = many_names("inspired_by_visits", StudyVisit, "title")
    inspired_by_exchanges = many_names("inspired_by_exchanges", StaffExchange, "title")

    class Meta:
        model = PlanAction
        fields = (
            "id",
            "plan",
            "organisation",
            "position",
            "title",
            "owner",
            "deadline",
            "status",
            "dropped_reason",
            "inspired_by_practices",
            "inspired_by_visits",
            "inspired_by_exchanges",
        )


class ActionPlanVersionResource(resources.ModelResource):
    plan = fields.Field(attribute="plan__title", column_name="plan")
    uploaded_by = fields.Field(attribute="uploaded_by__email", column_name="uploaded_by")

    class Meta:
        model = ActionPlanVersion
        fields = (
            "id",
            "plan",
            "version_label",
            "original_filename",
            "uploaded_at",
            "uploaded_by",
            "size",
            "checksum",
            "download_count",
        )


class VisitParticipationInline(admin.TabularInline):
    model = VisitParticipation
    extra = 0
    fields = ["organisation", "city_staff", "volunteering_staff", "volunteers", "migrants"]
    autocomplete_fields = ["organisation"]


class VisitDocumentInline(admin.TabularInline):
    model = VisitDocument
    extra = 0
    fields = ["title", "file", "language", "visibility", "original_filename", "size"]
    readonly_fields = ["original_filename", "size"]


@admin.register(StudyVisit)
class StudyVisitAdmin(CSVExportMixin, TranslatedModelAdmin):
    resource_classes = [StudyVisitResource]
    list_display = ["title", "project", "host", "start_date", "end_date", "status", "is_example"]
    list_filter = ["status", "project", "cluster", "is_example"]
    list_select_related = ["project", "host"]
    search_fields = ["title", "summary", "host__name"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["project", "host", "cluster", "working_group"]
    fields = [
        "title",
        "slug",
        "project",
        "host",
        ("cluster", "working_group"),
        ("start_date", "end_date"),
        "status",
        "summary",
        "agenda",
        "lessons_learned",
        "hours",
        ("registration_open", "registration_scope", "registration_closes_on"),
        ("capacity", "capacity_per_organisation"),
        "counts_from_attendance",
        "is_example",
    ]
    readonly_fields = ["counts_from_attendance"]
    inlines = [VisitParticipationInline, VisitDocumentInline]
    actions = ["open_registration"]

    def save_model(self, request, obj, form, change):
        lessons_before = form.initial.get("lessons_learned", "") if change else ""
        super().save_model(request, obj, form, change)
        # What is news (a new visit, lessons that first appear) is recorded once.
        study_visit_recorded(visit=obj, created=not change, lessons_before=lessons_before or "")

    @admin.action(
        permissions=["change"],
        description=_("Announce that registration is open (to the people who follow them)"),
    )
    def open_registration(self, request: HttpRequest, queryset: QuerySet[StudyVisit]) -> None:
        for visit in queryset:
            study_visit_open_registration(visit=visit, by=request.user)
        self.message_user(request, gettext("The opening of registration has been announced."))


@admin.register(VisitRegistration)
class VisitRegistrationAdmin(admin.ModelAdmin):
    """Registrations to study visits; the host's editors manage theirs on the visit's page."""

    list_display = ["name", "organisation", "visit", "role", "status", "attended"]
    list_filter = ["status", "attended", "role", "visit__project"]
    list_select_related = ["organisation", "visit"]
    search_fields = ["name", "user__email", "organisation__name", "visit__title"]
    autocomplete_fields = ["visit", "user", "organisation"]
    fields = [
        "visit",
        "user",
        "name",
        "organisation",
        "role",
        "needs",
        "consent",
        "status",
        "queued_at",
        "attended",
        "certificate_code",
        "reminder_sent_at",
        "take_home_asked_at",
    ]
    readonly_fields = ["certificate_code", "reminder_sent_at", "take_home_asked_at"]


@admin.register(VisitTakeHome)
class VisitTakeHomeAdmin(admin.ModelAdmin):
    list_display = ["registration", "action"]
    list_select_related = ["registration__visit", "registration__organisation", "action"]
    search_fields = ["registration__visit__title", "registration__organisation__name"]
    autocomplete_fields = ["registration", "practices", "action"]
    fields = ["registration", "practices", "other_practices", "action"]


@admin.register(VisitParticipation)
class VisitParticipationAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [VisitParticipationResource]
    list_display = [
        "organisation",
        "visit",
        "city_staff",
        "volunteering_staff",
        "volunteers",
        "migrants",
    ]
    list_filter = ["visit__project"]
    list_select_related = ["organisation", "visit"]
    search_fields = ["organisation__name", "visit__title"]
    autocomplete_fields = ["visit", "organisation"]


@admin.register(VisitDocument)
class VisitDocumentAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [VisitDocumentResource]
    list_display = ["title", "visit", "language", "visibility", "size"]
    list_filter = ["language", "visibility"]
    list_select_related = ["visit"]
    search_fields = ["title", "original_filename", "visit__title"]
    autocomplete_fields = ["visit"]
    fields = ["visit", "title", "file", "language", "visibility", "original_filename", "size"]
    readonly_fields = ["original_filename", "size"]


@admin.register(StaffExchange)
class StaffExchangeAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [StaffExchangeResource]
    list_display = [
        "title",
        "project",
        "kind",
        "sending",
        "hosting",
        "start_date",
        "status",
        "is_example",
    ]
    list_filter = ["status", "kind", "project", "cluster", "is_example"]
    list_select_related = ["project", "sending", "hosting"]
    search_fields = ["title", "sending__name", "hosting__name"]
    date_hierarchy = "start_date"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["project", "sending", "hosting", "cluster"]
    fields = [
        "title",
        "slug",
        "project",
        "kind",
        ("sending", "hosting"),
        "cluster",
        ("start_date", "end_date"),
        "staff_count",
        "status",
        "objectives",
        "outcomes",
        "is_example",
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            staff_exchange_recorded(exchange=obj)


def _stamp_new_versions(request: HttpRequest, versions: list[ActionPlanVersion]) -> None:
    for version in versions:
        if version.pk is None and version.uploaded_by_id is None:
            version.uploaded_by = request.user


class ActionPlanVersionInline(admin.TabularInline):
    model = ActionPlanVersion
    extra = 0
    fields = [
        "version_label",
        "file",
        "uploaded_at",
        "uploaded_by",
        "original_filename",
        "size",
        "checksum",
        "download_count",
    ]
    readonly_fields = ["uploaded_by", "original_filename", "size", "checksum", "download_count"]


class PlanActionInline(admin.StackedInline):
    """The plan's actions, each with what inspired it; a dropped action needs its reason."""

    model = PlanAction
    extra = 0
    fields = [
        ("title", "position"),
        "description",
        ("owner", "deadline"),
        ("status", "dropped_reason"),
        "inspired_by_practices",
        "inspired_by_visits",
        "inspired_by_exchanges",
    ]
    autocomplete_fields = ["inspired_by_practices", "inspired_by_visits", "inspired_by_exchanges"]


@admin.register(ActionPlan)
class ActionPlanAdmin(SimpleHistoryAdmin, CSVExportMixin, admin.ModelAdmin):
    # "History" lists every change: who, when, which fields (django-simple-history).
    resource_classes = [ActionPlanResource]
    export_prefetch_related = ("study_visits", "staff_exchanges")
    list_display = [
        "title",
        "organisation",
        "project",
        "language",
        "status",
        "visibility",
        "published_at",
        "is_example",
    ]
    list_filter = ["status", "visibility", "language", "project", "is_example"]
    list_select_related = ["organisation", "project"]
    search_fields = ["title", "summary", "organisation__name"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "project", "study_visits", "staff_exchanges"]
    # Publication goes through the actions, which check the publish permission.
    readonly_fields = ["status", "published_at"]
    fields = [
        "title",
        "slug",
        ("organisation", "project"),
        "summary",
        ("language", "visibility"),
        ("status", "published_at"),
        "study_visits",
        "staff_exchanges",
        "is_example",
    ]
    inlines = [ActionPlanVersionInline, PlanActionInline]
    actions = ["publish", "unpublish"]

    def save_formset(self, request, form, formset, change):
        if formset.model is not ActionPlanVersion:
            return super().save_formset(request, form, formset, change)
        versions = formset.save(commit=False)
        _stamp_new_versions(request, versions)
        for version in versions:
            created = version.pk is None
            version.save()
            if created:
                plan_version_recorded(version=version)
        for version in formset.deleted_objects:
            version.delete()
        formset.save_m2m()
        return None

    def has_publish_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("exchanges.publish_actionplan")

    @admin.action(permissions=["publish"], description=_("Publish selected action plans"))
    def publish(self, request: HttpRequest, queryset: QuerySet[ActionPlan]) -> None:
        count = 0
        for plan in queryset.exclude(status=PublicationStatus.PUBLISHED):
            action_plan_publish(plan=plan, by=request.user)
            self.log_change(
                request, plan, pgettext("admin history of an action plan", "Published.")
            )
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d action plan was published.",
                "%(count)d action plans were published.",
                count,
            )
            % {"count": count},
        )

    @admin.action(
        permissions=["publish"], description=_("Unpublish selected action plans (back to draft)")
    )
    def unpublish(self, request: HttpRequest, queryset: QuerySet[ActionPlan]) -> None:
        count = 0
        for plan in queryset.exclude(status=PublicationStatus.DRAFT):
            action_plan_unpublish(plan=plan, by=request.user)
            self.log_change(
                request, plan, pgettext("admin history of an action plan", "Unpublished.")
            )
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d action plan was returned to draft.",
                "%(count)d action plans were returned to draft.",
                count,
            )
            % {"count": count},
        )


@admin.register(PlanAction)
class PlanActionAdmin(CSVExportMixin, admin.ModelAdmin):
    """Every plan's actions in one list, to follow them across the network."""

    resource_classes = [PlanActionResource]
    export_prefetch_related = (
        "inspired_by_practices",
        "inspired_by_visits",
        "inspired_by_exchanges",
    )
    list_display = ["title", "plan", "owner", "deadline", "status", "is_proposal"]
    list_filter = ["status", "is_proposal", "plan__project", "plan__organisation"]
    list_select_related = ["plan"]
    search_fields = ["title", "description", "owner", "plan__title", "plan__organisation__name"]
    date_hierarchy = "deadline"
    autocomplete_fields = [
        "plan",
        "inspired_by_practices",
        "inspired_by_visits",
        "inspired_by_exchanges",
    ]
    fields = [
        "plan",
        ("title", "position"),
        "description",
        ("owner", "deadline"),
        ("status", "dropped_reason"),
        "is_proposal",
        "inspired_by_practices",
        "inspired_by_visits",
        "inspired_by_exchanges",
    ]


@admin.register(ActionPlanVersion)
class ActionPlanVersionAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [ActionPlanVersionResource]
    list_display = ["plan", "version_label", "uploaded_at", "uploaded_by", "size", "download_count"]
    list_filter = ["plan__project", "plan__language"]
    list_select_related = ["plan", "uploaded_by"]
    search_fields = ["version_label", "original_filename", "plan__title"]
    date_hierarchy = "uploaded_at"
    autocomplete_fields = ["plan"]
    fields = [
        "plan",
        "version_label",
        "file",
        "uploaded_at",
        "uploaded_by",
        "original_filename",
        "size",
        "checksum",
        "download_count",
    ]
    readonly_fields = ["uploaded_by", "original_filename", "size", "checksum", "download_count"]

    def save_model(self, request, obj, form, change):
        _stamp_new_versions(request, [obj])
        super().save_model(request, obj, form, change)
        if not change:
            plan_version_recorded(version=obj)


# --- The transfer trail ---------------------------------------------------------


class TransferResource(resources.ModelResource):
    practice = fields.Field(attribute="practice__title", column_name="practice")
    organisation = fields.Field(attribute="organisation__name", column_name="organisation")
    study_visit = fields.Field(attribute="study_visit__title", column_name="study_visit")
    staff_exchange = fields.Field(attribute="staff_exchange__title", column_name="staff_exchange")

    class Meta:
        model = Transfer
        fields = (
            "id",
            "practice",
            "organisation",
            "stage",
            "started_on",
            "stage_reached_on",
            "study_visit",
            "staff_exchange",
            "evidence_url",
            "notes",
            "is_example",
        )


@admin.register(Transfer)
class TransferAdmin(CSVExportMixin, admin.ModelAdmin):
    resource_classes = [TransferResource]
    form = TransferAdminForm
    list_display = [
        "practice",
        "organisation",
        "stage",
        "started_on",
        "stage_reached_on",
        "is_example",
    ]
    list_filter = ["stage", "is_example", "started_on"]
    list_select_related = ["practice", "organisation"]
    search_fields = ["practice__title", "organisation__name", "notes"]
    date_hierarchy = "started_on"
    autocomplete_fields = ["practice", "organisation", "study_visit", "staff_exchange"]
    fieldsets = [
        (None, {"fields": ["practice", "organisation", "is_example"]}),
        (_("Stage"), {"fields": ["stage", ("started_on", "stage_reached_on")]}),
        (
            _("How it travelled"),
            {
                "fields": ["study_visit", "staff_exchange"],
                "description": _("The study visit or the staff exchange, not both."),
            },
        ),
        (_("Evidence"), {"fields": ["evidence_url", "evidence_file", "notes"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # Once per stage: saving again at the same stage records nothing.
        transfer_recorded(transfer=obj)
