from django.urls import path

from values_portal.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.ReportIndexView.as_view(), name="index"),
    path("<slug:slug>/", views.ReportView.as_view(), name="report"),
    path("<slug:slug>/report.csv", views.ReportCSVView.as_view(), name="csv"),
    path("<slug:slug>/report.pdf", views.ReportPDFView.as_view(), name="pdf"),
    path("<slug:slug>/summary/", views.SummaryView.as_view(), name="summary"),
]
