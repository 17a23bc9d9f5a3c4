from django.views.generic import TemplateView

from cities.models import Organisation


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(partners=Organisation.objects.all(), **kwargs)
