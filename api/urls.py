from django.urls import path, re_path

from api import views

app_name = "api"

urlpatterns = [
    path("", views.IndexEndpoint.as_view(), name="index"),
    path("practices/", views.PracticeListEndpoint.as_view(), name="practices"),
    path("study-visits/", views.StudyVisitListEndpoint.as_view(), name="visits"),
    path("staff-exchanges/", views.StaffExchangeListEndpoint.as_view(), name="exchanges"),
    path("action-plans/", views.ActionPlanListEndpoint.as_view(), name="plans"),
    path("transfers/", views.TransferListEndpoint.as_view(), name="transfers"),
    path("figures/", views.FiguresEndpoint.as_view(), name="figures"),
    # The OpenAPI 3.1 document, made from the views above (its page: /<language>/api/docs/).
    path("schema/", views.SchemaEndpoint.as_view(), name="schema"),
    path("schema.yaml", views.YAMLSchemaEndpoint.as_view(), name="schema_yaml"),
    # The DCAT-AP catalogue of the datasets above, and each dataset whole as one file.
    path("catalogue.jsonld", views.CatalogueEndpoint.as_view(), name="catalogue"),
    path("catalogue.ttl", views.CatalogueEndpoint.as_view(turtle=True), name="catalogue_ttl"),
    re_path(
        r"^bulk/(?P<key>[-a-z]+)\.(?P<fmt>json|csv)$", views.BulkEndpoint.as_view(), name="bulk"
    ),
    # Last: any other address ending in a slash is a JSON 404 (without the slash,
    # CommonMiddleware first redirects to it, as it always has).
    re_path(r"^.+/$", views.NotFoundEndpoint.as_view(), name="not_found"),
]
