from django.urls import path

from exchanges import views

app_name = "exchanges"

urlpatterns = [
    path("visits/", views.StudyVisitListView.as_view(), name="visit_list"),
    path("visits/calendar.ics", views.StudyVisitCalendarView.as_view(), name="visit_ics"),
    path("visits/study-visits.csv", views.StudyVisitCSVView.as_view(), name="visit_csv"),
    path(
        "visits/certificates/verify/",
        views.CertificateVerifyView.as_view(),
        name="certificate_verify",
    ),
    path("visits/<slug:slug>/", views.StudyVisitDetailView.as_view(), name="visit_detail"),
    path("visits/<slug:slug>/register/", views.StudyVisitRegisterView.as_view(), name="register"),
    path("visits/<slug:slug>/cancel/", views.StudyVisitCancelView.as_view(), name="cancel"),
    path("visits/<slug:slug>/certificate.pdf", views.CertificateView.as_view(), name="certificate"),
    path(
        "visits/<slug:slug>/documents/<int:pk>/download/",
        views.VisitDocumentDownloadView.as_view(),
        name="document_download",
    ),
    path("exchanges/", views.StaffExchangeListView.as_view(), name="exchange_list"),
    path(
        "exchanges/staff-exchanges.csv", views.StaffExchangeCSVView.as_view(), name="exchange_csv"
    ),
    path("exchanges/<slug:slug>/", views.StaffExchangeDetailView.as_view(), name="exchange_detail"),
    path("action-plans/", views.ActionPlanListView.as_view(), name="plan_list"),
    path("action-plans/action-plans.csv", views.ActionPlanCSVView.as_view(), name="plan_csv"),
    path("action-plans/<slug:slug>/", views.ActionPlanDetailView.as_view(), name="plan_detail"),
    path(
        "action-plans/<slug:slug>/versions/<int:pk>/download/",
        views.ActionPlanVersionDownloadView.as_view(),
        name="plan_download",
    ),
    # Under the practice it belongs to; the toolkit's own paths never have four segments.
    path(
        "toolkit/<slug:slug>/transfers/<int:pk>/evidence/",
        views.TransferEvidenceView.as_view(),
        name="transfer_evidence",
    ),
]
