from django.views.generic import DetailView

from toolkit.models import Practice


class PracticeDetailView(DetailView):
    def get_queryset(self):
        return Practice.objects.published()
