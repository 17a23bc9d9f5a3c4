from django.urls import path

from network import views

app_name = "network"

urlpatterns = [
    path(
        "accessibility/report/",
        views.AccessibilityReportView.as_view(),
        name="accessibility_report",
    ),
    path(
        "accessibility/report/sent/",
        views.AccessibilityReportSentView.as_view(),
        name="accessibility_report_sent",
    ),
    path("open-data/", views.OpenDataView.as_view(), name="open_data"),
    path("partners/", views.PartnerListView.as_view(), name="partner_list"),
    path("partners/partners.csv", views.PartnerCSVView.as_view(), name="partner_csv"),
    path("partners/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner_detail"),
    path("clusters/", views.ClusterListView.as_view(), name="cluster_list"),
    path("clusters/<slug:slug>/", views.ClusterDetailView.as_view(), name="cluster_detail"),
]
