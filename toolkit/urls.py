from django.urls import path

from toolkit import views

app_name = "toolkit"

urlpatterns = [
    path("<slug:slug>/", views.PracticeDetailView.as_view(), name="detail"),
]
