from django.urls import path

from api import views

app_name = "api"

urlpatterns = [
    path("", views.IndexEndpoint.as_view(), name="index"),
    path("practices/", views.PracticeListEndpoint.as_view(), name="practices"),
    path("study-visits/", views.StudyVisitListEndpoint.as_view(), name="visits"),
    path("staff-exchanges/", views.StaffExchangeListEndpoint.as_view(), name="exchanges"),
    path("action-plans/", views.ActionPlanListEndpoint.as_view(), name="plans"),
    path("transfers/", views.TransferListEndpoint.as_view(), name="transfers"),
    path("figures/", views.FiguresEndpoint.as_view(), name="figures"),
]
