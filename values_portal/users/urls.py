from django.urls import path

from values_portal.users import views

app_name = "users"

urlpatterns = [
    path("", views.AccountView.as_view(), name="account"),
    path("export.json", views.AccountExportView.as_view(), name="export"),
    path("delete/", views.AccountDeleteView.as_view(), name="delete"),
]
