from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.AccountView.as_view(), name="account"),
    path("join/", views.MembershipRequestView.as_view(), name="join"),
    path("invitations/<str:token>/", views.InvitationAcceptView.as_view(), name="invitation"),
    path("visits/<int:pk>/take-home/", views.TakeHomeView.as_view(), name="take_home"),
    path("export.json", views.AccountExportView.as_view(), name="export"),
    path("delete/", views.AccountDeleteView.as_view(), name="delete"),
    path("following/", views.FollowingView.as_view(), name="following"),
    path("following/digest/", views.DigestPreviewView.as_view(), name="digest_preview"),
    path("follow/<str:kind>/<slug:slug>/", views.FollowView.as_view(), name="follow"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
