from django.views.generic import DetailView

from exchanges.models import ActionPlan, StaffExchange, StudyVisit


class StudyVisitDetailView(DetailView):
    model = StudyVisit


class StaffExchangeDetailView(DetailView):
    model = StaffExchange


class ActionPlanDetailView(DetailView):
    def get_queryset(self):
        return ActionPlan.objects.visible_to(self.request.user)
