from django.urls import path

from workspace import coordination, views

app_name = "workspace"

# Fixed paths come first so that no organisation slug can shadow them.
urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("coordination/", coordination.CoordinationView.as_view(), name="coordination"),
    path(
        "coordination/visits/new/",
        coordination.StudyVisitRecordView.as_view(),
        name="visit_record",
    ),
    path("review/", views.ReviewListView.as_view(), name="review_list"),
    path("invitations/", views.InvitationCreateView.as_view(), name="invite"),
    path("review/<int:pk>/", views.ReviewView.as_view(), name="review"),
    path("practices/<int:pk>/", views.PracticeDetailView.as_view(), name="practice_detail"),
    path("practices/<int:pk>/edit/", views.PracticeUpdateView.as_view(), name="practice_update"),
    path("practices/<int:pk>/submit/", views.PracticeSubmitView.as_view(), name="practice_submit"),
    path(
        "practices/<int:pk>/withdraw/",
        views.PracticeWithdrawView.as_view(),
        name="practice_withdraw",
    ),
    path(
        "action-plans/<int:pk>/versions/new/",
        views.ActionPlanVersionCreateView.as_view(),
        name="plan_version_create",
    ),
    path("action-plans/<int:pk>/actions/", views.PlanActionListView.as_view(), name="plan_actions"),
    path(
        "action-plans/<int:pk>/actions/new/",
        views.PlanActionCreateView.as_view(),
        name="plan_action_create",
    ),
    path("actions/<int:pk>/edit/", views.PlanActionUpdateView.as_view(), name="plan_action_update"),
    path(
        "actions/<int:pk>/status/", views.PlanActionStatusView.as_view(), name="plan_action_status"
    ),
    path(
        "actions/<int:pk>/accept/", views.PlanActionAcceptView.as_view(), name="plan_action_accept"
    ),
    path(
        "visits/<slug:slug>/registrations/",
        views.VisitRegistrationsView.as_view(),
        name="visit_registrations",
    ),
    path(
        "visits/<slug:slug>/registrations.csv",
        views.VisitRegistrationsCSVView.as_view(),
        name="visit_registrations_csv",
    ),
    path(
        "registrations/<int:pk>/attendance/",
        views.VisitAttendanceView.as_view(),
        name="visit_attendance",
    ),
    path("members/<int:pk>/", views.MembershipDecideView.as_view(), name="membership"),
    path("<slug:slug>/", views.OrganisationView.as_view(), name="organisation"),
    path("<slug:slug>/profile/", views.ProfileUpdateView.as_view(), name="profile"),
    path("<slug:slug>/practices/new/", views.PracticeCreateView.as_view(), name="practice_create"),
]
