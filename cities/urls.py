from django.urls import path

from cities import views

app_name = "cities"

urlpatterns = [
    path("partners/", views.PartnerListView.as_view(), name="partner_list"),
    path("partners/partners.csv", views.PartnerCSVView.as_view(), name="partner_csv"),
    path("partners/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner_detail"),
    path("projects/<slug:slug>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("clusters/", views.ClusterListView.as_view(), name="cluster_list"),
    path("clusters/<slug:slug>/", views.ClusterDetailView.as_view(), name="cluster_detail"),
]
