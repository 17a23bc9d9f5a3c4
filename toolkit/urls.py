from django.urls import path

from toolkit import feeds, views

app_name = "toolkit"

# Fixed paths carry a dot or a second segment, so no practice slug can shadow them.
urlpatterns = [
    path("", views.PracticeListView.as_view(), name="list"),
    path("practices.csv", views.PracticeCSVView.as_view(), name="csv"),
    path("feed.atom", feeds.LatestPracticesFeed(), name="feed"),
    path("clusters/<slug:slug>/feed.atom", feeds.ClusterPracticesFeed(), name="cluster_feed"),
    path("benchmarking/compare/", views.CompareView.as_view(), name="compare"),
    path("<slug:slug>/", views.PracticeDetailView.as_view(), name="detail"),
    path(
        "<slug:slug>/resources/<int:pk>/download/",
        views.ResourceDownloadView.as_view(),
        name="resource_download",
    ),
    path("<slug:slug>/contact/", views.PracticeContactView.as_view(), name="contact"),
    path("<slug:slug>/assess/", views.AssessmentCreateView.as_view(), name="assess"),
]
