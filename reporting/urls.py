from django.urls import path

from reporting import views

app_name = "reporting"

urlpatterns = [
    path("projects/<slug:slug>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("report/", views.ReportIndexView.as_view(), name="index"),
    path("report/<slug:slug>/", views.ReportView.as_view(), name="report"),
    path("report/<slug:slug>/report.csv", views.ReportCSVView.as_view(), name="csv"),
    path("report/<slug:slug>/report.pdf", views.ReportPDFView.as_view(), name="pdf"),
    path("report/<slug:slug>/summary/", views.SummaryView.as_view(), name="summary"),
]
