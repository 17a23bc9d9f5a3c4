from django.contrib import admin
from django.db.models import Count, Q
from django.http import HttpRequest

from core.models import Event
from follows.models import Digest, DigestSettings, DigestStatus, Follow, Frequency


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """What is new, as the services recorded it: read only."""

    list_display = ["title", "kind", "language", "happened_at"]
    list_filter = ["kind", "language"]
    search_fields = ["title"]
    date_hierarchy = "happened_at"
    readonly_fields = ["kind", "content_type", "object_id", "key", "title", "language"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "__str__", "following", "created_at"]
    list_filter = ["following"]
    list_select_related = ["user", "cluster", "organisation", "practice", "study_visit"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user", "cluster", "organisation", "practice", "study_visit"]


@admin.register(DigestSettings)
class DigestSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "frequency", "language"]
    list_filter = ["frequency", "language"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    autocomplete_fields = ["user"]


@admin.register(Digest)
class DigestAdmin(admin.ModelAdmin):
    """Digests sent and failed per period: the summary above the list, the rows below."""

    list_display = ["user", "frequency", "period_start", "status", "event_count", "attempts"]
    list_filter = ["status", "frequency"]
    list_select_related = ["user"]
    search_fields = ["user__email"]
    date_hierarchy = "period_start"
    readonly_fields = [
        "user",
        "frequency",
        "period_start",
        "period_end",
        "status",
        "event_count",
        "attempts",
        "sent_at",
        "error",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        periods = (
            Digest.objects.values("frequency", "period_start")
            .annotate(
                sent=Count("pk", filter=Q(status=DigestStatus.SENT)),
                failed=Count("pk", filter=Q(status=DigestStatus.FAILED)),
                queued=Count("pk", filter=Q(status=DigestStatus.QUEUED)),
                empty=Count("pk", filter=Q(status=DigestStatus.EMPTY)),
            )
            .order_by("-period_start", "frequency")[:20]
        )
        periods = [{**row, "frequency": Frequency(row["frequency"]).label} for row in periods]
        return super().changelist_view(request, {"periods": periods, **(extra_context or {})})
