from django.urls import path, re_path

from salaries.pages import offer_views, views
from salaries.pages.open import api, feeds
from salaries.pages.open import views as open_views

app_name = "salaries"

urlpatterns = [
    path("sources/", views.source_list, name="sources"),
    path("salary-estimator/", views.estimator, name="estimator"),
    path("pay-check/", views.pay_check, name="pay_check"),
    path("compare-offers/", offer_views.compare_offers, name="compare_offers"),
    path("places/", views.place_suggestions, name="place_suggestions"),
    # Open data: the change log, feeds, downloads and the API.
    path("changes/", open_views.changes, name="changes"),
    path("changes/feed/", feeds.changes_feed, name="changes_feed"),
    path("releases/feed/", feeds.releases_feed, name="releases_feed"),
    path("data/", open_views.data, name="data"),
    path("data/figures.csv", open_views.figures_csv, name="figures_csv"),
    path("data/figures.json", open_views.figures_json, name="figures_json"),
    path("api/", open_views.api_docs, name="api_docs"),
    path("api/v1/", api.index, name="api_index"),
    path("api/v1/figures/", api.figures, name="api_figures"),
    path("api/v1/figures/<str:name>/", api.figure, name="api_figure"),
    path("api/v1/changes/", api.changes, name="api_changes"),
    path("api/v1/estimate", api.estimate_view, name="api_estimate"),
    # A client that leaves off a trailing slash (or adds one) gets the same answer, not a
    # redirect.
    re_path(r"^api/v1$", api.index),
    re_path(r"^api/v1/figures$", api.figures),
    re_path(r"^api/v1/figures/(?P<name>[^/]+)$", api.figure),
    re_path(r"^api/v1/changes$", api.changes),
    re_path(r"^api/v1/estimate/$", api.estimate_view),
    path("api/v1/openapi.json", api.openapi, name="api_openapi"),
    re_path(r"^api/v1/(?P<rest>.*)$", api.not_found),
]
