from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.AccountView.as_view(), name="account"),
    path("join/", views.MembershipRequestView.as_view(), name="join"),
    path("invitations/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation"),
    path("export.json", views.AccountExportView.as_view(), name="export"),
    path("delete/", views.AccountDeleteView.as_view(), name="delete"),
]
