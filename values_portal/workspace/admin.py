from django.contrib import admin

from values_portal.workspace.models import ReviewNote


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
