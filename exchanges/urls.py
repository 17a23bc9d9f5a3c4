from django.urls import path

from exchanges import views

app_name = "exchanges"

urlpatterns = [
    path("visits/<slug:slug>/", views.StudyVisitDetailView.as_view(), name="visit_detail"),
    path("exchanges/<slug:slug>/", views.StaffExchangeDetailView.as_view(), name="exchange_detail"),
    path("action-plans/<slug:slug>/", views.ActionPlanDetailView.as_view(), name="plan_detail"),
]
